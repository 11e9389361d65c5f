du: block sizes depend on the file system, so the shapes are checked.

  $ mkdir -p d/e && printf x > d/e/f && printf y > d/g
  $ du d
  \d+\td/e (re)
  \d+\td (re)
  $ du -a d | sort -k2
  \d+\td (re)
  \d+\td/e (re)
  \d+\td/e/f (re)
  \d+\td/g (re)
  $ du -s d
  \d+\td (re)
  $ du -sh d
  \d+(\.\d)?[KM]?\td (re)
  $ du -b -s d/g
  1\td/g (re)
  $ du -d 0 -c d d
  \d+\td (re)
  \d+\td (re)
  \d+\ttotal (re)
  $ du nope
  du: cannot access 'nope': No such file or directory
  [1]
  $ du -z
  du: invalid option -- 'z'
  usage: du [-ahkbcsx] [-d DEPTH] [FILE]...
  [2]
