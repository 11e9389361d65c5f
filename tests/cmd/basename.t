basename and dirname follow POSIX.

  $ basename /a/b/c.txt .txt
  c
  $ basename /
  /
  $ basename a//
  a
  $ basename .txt .txt
  .txt
  $ basename -a x/y z/w
  y
  w
  $ basename -s .c a.c b.c
  a
  b
  $ basename
  usage: basename NAME [SUFFIX] | basename -a [-s SUFFIX] NAME...
  [2]
