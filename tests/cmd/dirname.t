dirname follows POSIX.

  $ dirname a/b/ a / //x /a a/b//c
  a
  .
  /
  /
  /
  a/b
  $ dirname
  usage: dirname NAME...
  [2]
