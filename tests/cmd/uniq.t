uniq works on adjacent lines.

  $ printf 'a\na\nb\nc\nc\nc\na\n' > f
  $ uniq f
  a
  b
  c
  a
  $ uniq -c f
        2 a
        1 b
        3 c
        1 a
  $ uniq -d f
  a
  c
  $ uniq -u f
  b
  a
  $ printf 'A\na\n' | uniq -i
  A
  $ printf 'x 1\ny 1\n' | uniq -f 1
  x 1
  $ uniq f out && cat out
  a
  b
  c
  a
  $ uniq missing
  uniq: missing: No such file or directory
  [1]
  $ uniq -z
  uniq: invalid option -- 'z'
  usage: uniq [-cdui] [-f FIELDS] [-s CHARS] [INPUT [OUTPUT]]
  [2]
