Quoting, variables and the special parameters of /bin/sh.

Single quotes keep everything, double quotes expand $ and ` and honour \:

  $ x=world
  $ echo 'hello $x \n "q"' "hello $x \$x \"q\" \\ \a" hello\ \$x
  hello $x \n "q" hello world $x "q" \ \a hello $x
  $ echo "a'b" 'a"b' a\'b ''x"" "" | cat
  a'b a"b a'b x 
  $ printf '[%s]\n' "" '' x"" "$nothing" $nothing
  []
  []
  [x]
  []

Braces, defaults, lengths and the pattern operators:

  $ f=archive.tar.gz
  $ echo ${f%.*} ${f%%.*} ${f#*.} ${f##*.} ${#f} ${f}x
  archive.tar archive tar.gz gz 14 archive.tar.gzx
  $ unset u; e=
  $ echo "${u-dflt}" "${e-dflt}" "${e:-dflt}" "${u+alt}" "${f:+alt}"
  dflt  dflt  alt
  $ echo ${u:=assigned} $u
  assigned assigned
  $ (echo ${nope:?is missing}); echo status $?
  sh: nope: is missing
  status 2

Positional parameters, $# $@ $* and "$@" with empty and spaced words:

  $ set -- "a b" "" c
  $ echo $#
  3
  $ printf '[%s]' "$@"; echo
  [a b][][c]
  $ printf '[%s]' $@; echo
  [a][b][c]
  $ printf '[%s]' "$*"; echo
  [a b  c]
  $ printf '[%s]' "x$@y"; echo
  [xa b][][cy]
  $ set --; for a in "$@"; do echo "[$a]"; done; echo "$#"
  0
  $ set -- 1 2 3 4 5 6 7 8 9 10 11; echo $1 $9 ${10} ${11} $#
  1 9 10 11 11
  $ shift 9; echo $@
  10 11

$? $$ $! and $0:

  $ false; echo $?
  1
  $ echo $$ | grep -c '^[0-9][0-9]*$'
  1
  $ sleep 0 & test "$!" -gt 0 && echo has-bg-pid; wait
  has-bg-pid
  $ sh -c 'echo $0 $1' zero one
  zero one

Field splitting on IFS and quote removal:

  $ v="  a  b	c  "; printf '<%s>' $v; echo
  <a><b><c>
  $ IFS=:; v=a::b:; printf '<%s>' $v; echo; unset IFS
  <a><><b>
  $ v='*'; echo "$v"
  *

Command substitution, old and new, nested, trailing newlines cut:

  $ echo "[$(printf 'a\n\n\n')]" `echo b` $(echo $(echo nested))
  [a] b nested
  $ n=$(printf '%s\n' 1 2 3 | wc -l); echo $((n * 2 + 1))
  7
  $ echo $(( (1 + 2) * 3 )) $(( 7 / 2 )) $(( 7 % 3 )) $(( 1 < 2 && 3 > 4 )) $(( 0x10 )) $((-3))
  9 3 1 0 16 -3
  $ i=5; : $((i += 2)); echo $i
  7
  $ (echo $((1 / 0))); echo $?
  sh: arithmetic: division by zero
  2

Tilde expansion:

  $ echo ~ | grep -c "^$HOME\$"; echo "~" '~'
  1
  ~ ~

A case command inside $( ): its patterns' ) do not end the substitution:

  $ y=b; echo "$(case $y in a) echo A;; b) echo B;; esac)" $(case x in (x) echo paren;; esac)
  B paren
