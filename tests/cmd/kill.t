Signal names and numbers (env runs our kill, not the shell's builtin):

  $ env kill -l
  HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT
  CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS
  $ env kill -l 9 15 137 TERM sigkill usr1
  KILL
  TERM
  KILL
  15
  9
  10
  $ env kill -l 99
  kill: unknown signal: 99
  [1]

Sending (signal 0 only checks that the process exists):

  $ env kill -0 $$
  $ env kill -s 0 $$
  $ env kill -0 999999999
  kill: (999999999): No such process
  [1]
  $ env kill -NOSUCH 1
  kill: unknown signal: NOSUCH
  usage: kill [-SIGNAL | -s SIGNAL] PID... | kill -l [SIGNAL]...
  [2]
  $ env kill
  usage: kill [-SIGNAL | -s SIGNAL] PID... | kill -l [SIGNAL]...
  [2]
  $ sleep 10 &
  > env kill -TERM $! && echo sent
  sent
  $ sleep 10 &
  > env kill -s KILL $! && echo sent
  sent
