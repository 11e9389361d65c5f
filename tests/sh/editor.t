The interactive line editor, driven through a pipe (sh -i): the prompt and
the echo go to stderr, so 2>/dev/null leaves only what the commands print.

History: up arrow (ESC [ A) recalls earlier lines, down comes back:

  $ printf 'echo one\necho two\n\033[A\033[A\n\033[A\033[A\033[A\033[B\n' | sh -i 2>/dev/null
  one
  two
  one
  two

Left/right arrows, backspace, ^A/^E, ^U, ^W, ^K, ^C and Delete edit the line:

  $ printf 'echo ac\033[Db\n' | sh -i 2>/dev/null
  abc
  $ printf 'echo abx\177c\n' | sh -i 2>/dev/null
  abc
  $ printf 'cho start\001e\005ed\n' | sh -i 2>/dev/null
  started
  $ printf 'garbage\025echo clean\n' | sh -i 2>/dev/null
  clean
  $ printf 'echo keep drop\027word\n' | sh -i 2>/dev/null
  keep word
  $ printf 'echo left right\033[D\033[D\033[D\033[D\033[D\013\n' | sh -i 2>/dev/null
  left
  $ printf 'echo never\003echo after\n' | sh -i 2>/dev/null
  after
  $ printf 'echo aXb\033[D\033[D\033[3~\n' | sh -i 2>/dev/null
  ab

The prompt: $PS1, else the cwd and "$ " ("# " for root); $PS2 (default
"> ") continues a command:

  $ printf 'echo hi\n' | PS1='P> ' sh -i 2>&1; echo
  P> echo hi
  hi
  P> 
  $ printf 'cd /\nfor i in 1\ndo echo $i; done\n' | PS2='more: ' sh -i 2>&1; echo
  ~ [$#] cd / (re)
  / [$#] for i in 1 (re)
  more: do echo $i; done
  1
  / [$#]  (re)

A syntax error in an interactive shell does not end it:

  $ printf 'echo (\necho still here\n' | sh -i 2>/dev/null
  still here
