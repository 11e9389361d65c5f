xargs builds command lines from its input.

  $ printf 'a b\nc "d e" f\n' | xargs
  a b c d e f
  $ printf 'a b c d e\n' | xargs -n 2 echo x
  x a b
  x c d
  x e
  $ printf 'a\0b c\0' | xargs -0 -n 1 echo
  a
  b c
  $ printf 'x\ny\n' | xargs -I @ echo '[@]'
  [x]
  [y]
  $ printf '' | xargs -r echo none
  $ printf '' | xargs echo empty
  empty
  $ printf 'a\n' | xargs -t echo
  echo a
  a
  $ echo hi | xargs nosuchcmd
  xargs: nosuchcmd: No such file or directory
  [127]
  $ echo hi | xargs false
  [123]
  $ xargs -n 0
  usage: xargs [-0rt] [-n MAX-ARGS] [-I REPLACE] [-d DELIM] [COMMAND [ARG]...]
  [2]
