mkdir and rmdir.

  $ mkdir a && mkdir -p b/c/d && mkdir -p b/c
  $ ls
  a
  b
  $ mkdir a
  mkdir: cannot create directory 'a': File exists
  [1]
  $ mkdir -m 700 m && stat -c %A m
  drwx------
  $ mkdir x/y
  mkdir: cannot create directory 'x/y': No such file or directory
  [1]
  $ mkdir
  usage: mkdir [-p] [-m MODE] DIR...
  [2]
