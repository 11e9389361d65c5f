mv renames; into a directory; never into itself.
(Moving across file systems, rename's EXDEV, is covered by the guest
tests where /tmp is another file system.)

  $ printf a > f && mkdir d
  $ mv f g && ls
  d
  g
  $ mv g d && ls d
  g
  $ mkdir e && mv -v d e
  renamed 'd' -> 'e/d'
  $ ls e/d
  g
  $ mv e e/d
  mv: cannot move 'e' to a subdirectory of itself, 'e/d/e'
  [1]
  $ printf x > keep && printf y > new && mv -n new keep && cat keep
  x (no-eol)
  $ mv nope x
  mv: cannot move 'nope' to 'x': No such file or directory
  [1]
  $ mv a b c
  mv: target 'c': Not a directory
  [1]
  $ mv f
  usage: mv [-fnv] SOURCE DEST | mv [-fnv] SOURCE... DIR
  [2]
