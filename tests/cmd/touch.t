touch creates files and sets times.

  $ touch a && ls
  a
  $ touch -d '2020-01-02 03:04:05' a && stat -c %y a
  2020-01-02 03:04:05.000000000 .* (re)
  $ touch -t 202101020304.05 b && stat -c %y b
  2021-01-02 03:04:05.000000000 .* (re)
  $ touch -r a b && stat -c %y b
  2020-01-02 03:04:05.000000000 .* (re)
  $ touch -d @0 -m a && stat -c %Y a
  0
  $ touch -c nope && ls
  a
  b
  $ touch -d yesterday x
  touch: invalid date format 'yesterday'
  [1]
  $ touch nodir/x
  touch: cannot touch 'nodir/x': No such file or directory
  [1]
  $ touch
  usage: touch [-acm] [-d DATE | -t STAMP | -r REF] FILE...
  [2]
