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

Without job control an & job ignores SIGINT and SIGQUIT (POSIX):

  $ sleep 5 & sleep 0.2; kill -INT $!; sleep 0.2; kill -0 $! && echo "still running"; kill %1; wait %1; echo $?
  still running
  143

Job control without a terminal (sh -m): process groups, stops, fg and bg
work; only the terminal hand-over is skipped. A stopped job gets a number
and is reported; fg continues it (SIGCONT to its group) and waits:

  $ sh -m -c 'sh -c "kill -STOP \$\$; echo resumed"; echo "stopped $?"; jobs; fg; echo "fg $?"'
  [1]+  Stopped (signal)        sh -c "kill -STOP \$\$; echo resumed"
  stopped 147
  [1]+  Stopped (signal)        sh -c "kill -STOP \$\$; echo resumed"
  sh -c "kill -STOP \$\$; echo resumed"
  resumed
  fg 0

jobs marks the current (+) and previous (-) job; a stopped job becomes
current; wait returns when a job stops (128+N); bg continues it:

  $ sh -m -c 'sleep 10 & sleep 20 & jobs; kill -STOP %1; wait %1; echo "wait $?"; jobs; bg %1; jobs %1; bg %1; kill %1 %2; wait; jobs; echo end'
  [2]+  Running                 sleep 20 &
  [1]-  Running                 sleep 10 &
  wait 147
  [2]-  Running                 sleep 20 &
  [1]+  Stopped (signal)        sleep 10
  [1]+ sleep 10 &
  [1]+  Running                 sleep 10 &
  sh: bg: job 1 already in background
  end

Job specs: %N, %% %+ %-, %PREFIX (ambiguous if several), %?SUBSTRING:

  $ sh -m -c 'sleep 10 & sleep 20 & sh -c "sleep 30" & jobs %sl; jobs %?30; jobs %-; jobs -p %+ | wc -l; kill %% %- %1; wait; echo "all $?"; fg %4'
  sh: jobs: %sl: ambiguous job spec
  [3]+  Running                 sh -c "sleep 30" &
  [2]-  Running                 sleep 20 &
  1
  all 0
  sh: fg: %4: no such job
  [1]

kill %N of a stopped job also continues it, so the signal takes effect:

  $ sh -m -c 'sh -c "kill -STOP \$\$"; kill %1; wait %1; echo $?'
  [1]+  Stopped (signal)        sh -c "kill -STOP \$\$"
  143
  $ sh -c 'fg; bg'
  sh: fg: no job control
  sh: bg: no job control
  [1]

An interactive shell reports at the next prompt a background job that
stopped or was killed:

  $ printf 'sleep 5 &\nkill -STOP %%1; sleep 0.5\nkill -9 %%1; sleep 0.5\n' | PS1='P> ' sh -i 2>&1; echo
  P> sleep 5 &
  \[1\] [0-9]+ (re)
  P> kill -STOP %1; sleep 0.5
  [1]+  Stopped (signal)        sleep 5
  P> kill -9 %1; sleep 0.5
  [1]+  Killed                  sleep 5
  P> 
