Failed commands and syntax errors: a message, a status, never a crash.

Not found (127) and not executable (126), as dash and bash report them:

  $ no-such-command arg
  sh: no-such-command: No such file or directory
  [127]
  $ ./no-such-file
  sh: ./no-such-file: No such file or directory
  [127]
  $ printf 'echo hi\n' > plain; chmod 644 plain; ./plain
  sh: ./plain: Permission denied
  [126]
  $ mkdir dir; ./dir
  sh: ./dir: Permission denied
  [126]
  $ no-such-command | cat; echo $?
  sh: no-such-command: No such file or directory
  0

A file without #! is run by the shell itself:

  $ printf 'echo "no hashbang: $1"\n' > nohash; chmod +x nohash; ./nohash arg
  no hashbang: arg

Syntax errors: status 2, and the shell that read them stops (here each
runs in its own sh -c):

  $ sh -c 'echo before; if true; then echo x'
  sh: line 1: syntax error: unexpected end of file
  [2]
  $ sh -c ')'
  sh: line 1: syntax error: unexpected ')'
  [2]
  $ sh -c 'echo a; fi'
  sh: line 1: syntax error: unexpected 'fi'
  [2]
  $ sh -c 'echo a &&'
  sh: line 1: syntax error: unexpected end of file
  [2]
  $ sh -c '| cat'
  sh: line 1: syntax error: unexpected '|'
  [2]
  $ sh -c 'echo "unterminated'
  sh: line 1: syntax error: unterminated quoted string
  [2]
  $ sh -c "echo 'unterminated"
  sh: line 1: syntax error: unterminated quoted string
  [2]
  $ sh -c 'echo $(echo'
  sh: line 1: syntax error: unterminated $(
  [2]
  $ sh -c 'echo ${x'
  sh: line 1: syntax error: unterminated ${
  [2]
  $ sh -c 'echo ${x!}'
  sh: ${x!}: bad substitution
  [2]
  $ sh -c 'case x in'
  sh: line 1: syntax error: unexpected end of file
  [2]
  $ sh -c 'f() echo'
  sh: line 1: syntax error: unexpected end of file
  [2]
  $ sh -c 'echo ok
  > (
  > '
  ok
  sh: line 3: syntax error: unexpected end of file
  [2]
  $ eval 'if'; echo eval-status $?
  sh: line 1: syntax error: unexpected end of file
  eval-status 2

Robustness: a 64 KiB line, deep nesting, long lists and pipelines:

  $ long=$(printf '%065536d' 0); echo $long | wc -c
  65537
  $ printf 'echo %065536d\n' 7 > longline; sh longline | wc -c
  65537
  $ i=0; s='echo deep'; while [ $i -lt 50 ]; do s="( $s )"; i=$((i+1)); done; sh -c "$s"
  deep
  $ i=0; s='x'; while [ $i -lt 2000 ]; do s="($s)"; i=$((i+1)); done; sh -c "$s"
  sh: line 1: syntax error: nesting too deep
  [2]
  $ i=0; s='x'; while [ $i -lt 2000 ]; do s="\$($s)"; i=$((i+1)); done; sh -c "echo $s"
  sh: line 1: syntax error: nesting too deep
  [2]
  $ sh -c 'f() { f; }; f'
  sh: f: function nesting too deep
  [2]
  $ i=0; s=''; while [ $i -lt 3000 ]; do s="$s true &&"; i=$((i+1)); done; sh -c "$s echo long-list"
  long-list
  $ i=0; s='echo through'; while [ $i -lt 40 ]; do s="$s | cat"; i=$((i+1)); done; sh -c "$s"
  through
  $ printf '%020000d' 0 | tr 0 '(' > parens; sh parens
  sh: line 1: syntax error: nesting too deep
  [2]
