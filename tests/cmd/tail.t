tail prints the last lines, or from line N on; a pipe works too.

  $ printf '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n' > n
  $ tail -n 3 n
  10
  11
  12
  $ tail -n +11 n
  11
  12
  $ cat n | tail -n 2
  11
  12
  $ tail -c 3 n
  12
  $ printf 'a\nb' | tail -n 1
  b (no-eol)
  $ tail n | head -n 1
  3
  $ tail -n 1 n n
  ==> n <==
  12
  
  ==> n <==
  12
  $ tail missing
  tail: cannot open 'missing' for reading: No such file or directory
  [1]
  $ tail -n
  tail: option requires an argument -- 'n'
  usage: tail [-n [+]LINES | -c [+]BYTES] [-fqv] [FILE]...
  [2]
