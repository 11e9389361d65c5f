rmdir removes empty directories (-p: the parents too).

  $ mkdir -p a/b/c e
  $ rmdir -p a/b/c && ls
  e
  $ mkdir -p f/g && rmdir f
  rmdir: failed to remove 'f': Directory not empty
  [1]
  $ rmdir nope
  rmdir: failed to remove 'nope': No such file or directory
  [1]
  $ rmdir -x
  rmdir: invalid option -- 'x'
  usage: rmdir [-p] DIR...
  [2]
