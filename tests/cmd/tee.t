tee copies its input to stdout and files.

  $ printf 'hello\n' | tee o1 o2
  hello
  $ cat o1 o2
  hello
  hello
  $ printf 'more\n' | tee -a o1 > /dev/null && cat o1
  hello
  more
  $ printf 'x\n' | tee nodir/f
  tee: nodir/f: No such file or directory
  x
  [1]
  $ tee -z
  tee: invalid option -- 'z'
  usage: tee [-ai] [FILE]...
  [2]
