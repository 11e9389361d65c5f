ln makes hard and symbolic links.

  $ printf hi > f && ln f hard && ln -s f soft && mkdir d
  $ stat -c '%h %F' f
  2 regular file
  $ readlink soft
  f
  $ cat soft
  hi (no-eol)
  $ ln -s f d && readlink d/f
  f
  $ ln f hard
  ln: failed to create hard link 'hard' => 'f': File exists
  [1]
  $ ln -sf hard soft && readlink soft
  hard
  $ ln nope x
  ln: failed to create hard link 'x' => 'nope': No such file or directory
  [1]
  $ ln
  usage: ln [-sfnv] TARGET [LINK] | ln [-sfnv] TARGET... DIR
  [2]
