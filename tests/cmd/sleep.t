sleep takes fractions and suffixes; bad intervals are usage errors:

  $ sleep 0.1
  $ sleep 0.05 0.05
  $ sleep 0s
  $ sleep 0.001m
  $ sleep
  usage: sleep NUMBER[smhd]...
  [2]
  $ sleep 1x
  sleep: invalid time interval '1x'
  usage: sleep NUMBER[smhd]...
  [2]
