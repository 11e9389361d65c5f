trap: EXIT and signal traps, listing, reset, ignore; $? of signal deaths.
(Non-interactive: the terminal parts are in tests/run.py's shell session.)

The EXIT trap runs when the shell ends, with $? of the last command; its
status is the shell's unless it calls exit itself (no recursion then):

  $ sh -c 'trap "echo bye \$?" EXIT; echo hi; false'; echo "status $?"
  hi
  bye 1
  status 1
  $ sh -c 'trap "echo in trap; exit 7" EXIT; exit 3'; echo "status $?"
  in trap
  status 7
  $ sh -c 'trap "echo once; exit" EXIT; echo body'; echo "status $?"
  body
  once
  status 0
  $ sh -c 'set -e; trap "echo cleanup" EXIT; false; echo not reached'; echo "status $?"
  cleanup
  status 1
  $ sh -c 'trap "echo 0-exit" 0; true'
  0-exit

A subshell does not inherit caught traps, nor the EXIT trap:

  $ sh -c 'trap "echo parent exit" EXIT; (echo sub); x=$(echo cmdsubst); echo $x'
  sub
  cmdsubst
  parent exit
  $ sh -c '(trap "echo sub exit" EXIT; echo in); echo out'
  in
  sub exit
  out

A trapped signal runs its commands at the next safe point, $? kept:

  $ sh -c 'trap "echo got USR1" USR1; kill -USR1 $$; echo after'
  got USR1
  after
  $ sh -c 'trap "echo got \$?" SIGUSR2; false; kill -s USR2 $$; echo "still $?"'
  got 0
  still 0
  $ sh -c 'trap "echo hup" 1; kill -HUP $$; trap "echo term" TERM; kill $$; echo end'
  hup
  term
  end

A trapped signal interrupts wait (status 128+N), then the trap runs:

  $ sh -c 'trap "echo usr1" USR1; sleep 5 & (sleep 0.2; kill -USR1 $$) & wait; echo "wait $?"; kill %1'
  usr1
  wait 138
  $ sh -c 'trap "echo term; exit 9" TERM; sleep 5 & (sleep 0.2; kill $$) & wait $!; echo no'; echo "status $?"
  term
  status 9

A trap on a signal the shell waits through runs after the foreground command:

  $ sh -c 'trap "echo usr2" USR2; sh -c "kill -USR2 $$; sleep 0.2; echo child done"; echo next'
  child done
  usr2
  next

trap '' ignores (children inherit SIG_IGN), trap - resets:

  $ sh -c 'trap "" USR1; sh -c "kill -USR1 \$\$; echo survived"'
  survived
  $ sh -c 'trap "" TERM; trap - TERM; kill $$; echo not reached'; echo "status $?"
  Terminated
  status 143
  $ sh -c 'trap "echo x" USR1; trap 10; kill -USR1 $$; echo no'; echo "status $?"
  User defined signal 1
  status 138

Listing: trap alone (and -p) prints commands that recreate the traps:

  $ trap 'echo "it'\''s"' EXIT INT; trap "" QUIT; trap
  trap -- 'echo "it'\''s"' EXIT
  trap -- 'echo "it'\''s"' INT
  trap -- '' QUIT
  $ trap -p INT; trap - EXIT INT QUIT; trap; echo listed
  trap -- 'echo "it'\''s"' INT
  listed
  $ sh -c 'trap "echo restored" USR1; saved=$(trap -p USR1); trap - USR1; echo "$saved"'
  trap -- 'echo restored' USR1
  $ trap 'echo x' NOSUCH; echo $?
  sh: trap: NOSUCH: invalid signal specification
  1
  $ trap 'echo x' KILL; echo $?
  sh: trap: KILL: cannot be trapped
  1
  $ trap -l | wc -w
  31

$? after a signal death is 128+N; a foreground command killed by a signal
other than SIGINT and SIGPIPE gets its signal's name printed:

  $ sh -c 'kill -KILL $$'; echo $?
  Killed
  137
  $ sh -c 'kill -SEGV $$'; echo $?
  Segmentation fault( \(core dumped\))? (re)
  139
  $ sh -c 'kill -INT $$'; echo $?
  130
  $ sh -c 'kill -TERM $$'; echo $?
  Terminated
  143
  $ kill -l 143
  TERM
