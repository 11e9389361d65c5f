Our printf (not the shell's builtin).

  $ P=$(which printf)
  $ $P '%5s|%-3d|%x|%o|%c\n' ab 7 255 8 zed
     ab|7  |ff|10|z
  $ $P '%s\n' a b c
  a
  b
  c
  $ $P '%*d|%.2f|%b\n' 5 42 3.14159 'x\ty'
     42\|3\.14\|x\ty (re)
  $ $P '%d\n' abc
  printf: abc: expected a numeric value
  0
  [1]
  $ $P '%q\n' x
  printf: %q: invalid conversion specification
  [1]
  $ $P
  usage: printf FORMAT [ARGUMENT]...
  [2]
