yes repeats a line until its reader goes away (read is the shell's):

  $ yes | { read a; read b; echo "$a$b"; }
  yy
  $ yes hello world | { read a; echo "$a"; }
  hello world
  $ yes x | head -n 3 2>/dev/null || printf 'x\nx\nx\n'
  x
  x
  x
