sort: bytewise, numeric, reversed, unique, by key.

  $ printf '10\n9\nb\na\n10\n' | sort
  10
  10
  9
  a
  b
  $ printf '10\n9\n100\n' | sort -n
  9
  10
  100
  $ printf '10\n9\n100\n' | sort -nr
  100
  10
  9
  $ printf 'a\nb\na\n' | sort -u
  a
  b
  $ printf 'b 2\na 3\nc 1\n' | sort -k2n
  c 1
  b 2
  a 3
  $ printf 'x:b:2\ny:a:1\nz:a:0\n' | sort -t: -k2,2
  y:a:1
  z:a:0
  x:b:2
  $ printf 'B\na\nb\nA\n' | sort -f
  A
  a
  B
  b
  $ printf 'b\na\n' > in && sort -o in in && cat in
  a
  b
  $ sort missing
  sort: missing: No such file or directory
  [2]
  $ sort -q
  sort: invalid option -- 'q'
  usage: sort [-nrubf] [-t SEP] [-k F[,G]] [-o FILE] [FILE]...
  [2]
