cp copies files (keeping the mode), into directories, and trees with -r.

  $ printf 'data\n' > f && chmod 751 f && mkdir d
  $ cp f g && stat -c '%a %s' g
  751 5
  $ cp f g d && ls d
  f
  g
  $ mkdir -p t/u && printf x > t/u/x && ln -s x t/u/l
  $ cp -r t t2 && find t2 | sort
  t2
  t2/u
  t2/u/l
  t2/u/x
  $ readlink t2/u/l
  x
  $ cp -r t d && ls d/t/u
  l
  x
  $ cp t x
  cp: -r not specified; omitting directory 't'
  [1]
  $ cp f f
  cp: 'f' and 'f' are the same file
  [1]
  $ cp -r t t/u
  cp: cannot copy a directory, 't', into itself, 't/u/t'
  [1]
  $ cp nope x
  cp: cannot stat 'nope': No such file or directory
  [1]
  $ cp f
  usage: cp [-rRpavfLP] SOURCE DEST | cp [-rRpavfLP] SOURCE... DIR
  [2]
  $ touch -d '2001-02-03 04:05:06' f && cp -p f p && stat -c %y p
  2001-02-03 04:05:06.000000000 .* (re)
