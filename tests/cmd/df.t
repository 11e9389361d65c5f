df: the numbers belong to the machine, so the shape is checked.

  $ df . | head -n 1
  Filesystem +1K-blocks +Used +Available +Use% +Mounted on (re)
  $ df . | tail -n 1
  \S+ +\d+ +\d+ +\d+ +\d+% +/.* (re)
  $ df -h . | head -n 1
  Filesystem +Size +Used +Avail +Use% +Mounted on (re)
  $ df -h . | tail -n 1
  \S+ +[\d.]+[KMGT]? +[\d.]+[KMGT]? +[\d.]+[KMGT]? +\d+% +/.* (re)
  $ df -T . | head -n 1
  Filesystem +Type +1K-blocks +Used +Available +Use% +Mounted on (re)
  $ df nope
  df: nope: No such file or directory
  [1]
  $ df -z
  df: invalid option -- 'z'
  usage: df [-ahkTP] [FILE]...
  [2]
