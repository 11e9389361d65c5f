readlink prints link targets; -f/-e canonical paths.

  $ mkdir d && touch d/f && ln -s d/f l && ln -s missing dangling
  $ readlink l
  d/f
  $ readlink -f l
  /.*/d/f (re)
  $ readlink -f dangling
  /.*/missing (re)
  $ readlink -e dangling
  [1]
  $ readlink d
  [1]
  $ readlink -n l
  d/f (no-eol)
  $ readlink
  usage: readlink [-fenq] FILE...
  [2]
