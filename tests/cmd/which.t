which searches PATH.

  $ which ls
  /.*/ls (re)
  $ which -a ls | wc -l
  1
  $ which nosuchcommand
  [1]
  $ which ls nosuchcommand
  /.*/ls (re)
  [1]
  $ which ./nope
  [1]
  $ which
  usage: which [-a] COMMAND...
  [2]
