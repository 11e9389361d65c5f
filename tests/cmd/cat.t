cat copies files and stdin; a missing file is reported and skipped.

  $ printf 'one\ntwo\n' > a
  $ printf 'three\n' > b
  $ cat a b
  one
  two
  three
  $ printf 'in\n' | cat a - b
  one
  two
  in
  three
  $ cat a missing b
  one
  two
  cat: missing: No such file or directory
  three
  [1]
  $ cat -n a b
       1\tone (re)
       2\ttwo (re)
       3\tthree (re)
  $ cat -z
  cat: invalid option -- 'z'
  usage: cat [-nu] [FILE]...
  [2]
