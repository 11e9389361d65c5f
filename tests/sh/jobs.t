Background jobs: &, $!, wait.

  $ sleep 1 & echo started; wait $!; echo "waited $?"
  started
  waited 0
  $ (exit 3) & wait $!; echo $?
  3
  $ sh -c 'echo $$ > pidfile' & wait $!; test "$(cat pidfile)" = "$!" && echo '$! is the pid'
  $! is the pid
  $ { for i in 3 1 2; do (sleep 0.$i; echo job $i) & done; wait; echo all done; } | sort
  all done
  job 1
  job 2
  job 3
  $ wait 12345678; echo $?
  127
  $ wait foo
  sh: wait: foo: not a pid or valid job spec
  [2]
  $ echo a & echo b; wait
  (a|b) (re)
  (a|b) (re)

A background job without job control reads /dev/null, not the shell's input:

  $ echo data | { cat & wait; }

Many background jobs do not pile up:

  $ i=0; while [ $i -lt 300 ]; do true & i=$((i+1)); done; wait; echo ok
  ok

In an interactive shell (here forced with -i), & prints [N] PID:

  $ printf 'sleep 1 &\nwait\n' | PS1='P> ' sh -i 2>&1; echo
  P> sleep 1 &
  \[1\] [0-9]+ (re)
  P> wait
  P> 
  $ printf 'jobs\nfg\n' | PS1='P> ' sh -i 2>&1; echo
  P> jobs
  P> fg
  sh: fg: no current job
  P> 

kill knows jobs by %N (a killed job's status is 128 + the signal):

  $ sleep 5 & kill %1; wait %1; echo $?
  143
  $ sleep 5 & kill -s KILL $!; wait $!; echo $?
  137
  $ sleep 5 & kill -9 %1; wait; kill %1
  sh: kill: %1: no such job
  [1]
  $ kill -l | wc -w
  31
  $ kill -NOSUCH 1
  sh: kill: bad signal
  [2]

Finished jobs are reported before the next interactive prompt:

  $ printf 'sleep 0.5 &\nsleep 2\n\n' | PS1='P> ' sh -i 2>&1; echo
  P> sleep 0.5 &
  \[1\] [0-9]+ (re)
  P> sleep 2
  [1]+  Done                    sleep 0.5
  P> 
  P> 
