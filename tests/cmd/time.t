time reports real, user and sys on stderr in bash's layout:

  $ time sleep 0.1 2>&1
  
  real\t0m0\.[1-9]\d\ds (re)
  user\t0m0\.\d\d\ds (re)
  sys\t0m0\.\d\d\ds (re)
  $ time -p true
  real 0\.\d\d (re)
  user 0\.\d\d (re)
  sys 0\.\d\d (re)
  $ time false
  
  real.* (re)
  user.* (re)
  sys.* (re)
  [1]
  $ time nosuchcommand
  time: cannot run nosuchcommand: No such file or directory
  
  real.* (re)
  user.* (re)
  sys.* (re)
  [127]
  $ time
  usage: time [-p] COMMAND [ARG]...
  [2]
