Our echo (not the shell's builtin: run it through its path).

  $ E=$(which echo)
  $ $E hello  world
  hello world
  $ $E -n no newline; $E
  no newline
  $ $E -e 'a\tb\x41\0102\c not this'
  a\tbAB \(no-eol\) (re)
  $ $E -- -x -q
  -- -x -q
  $ $E 'a\tb'
  a\\tb (re)
