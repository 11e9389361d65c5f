Lists, conditionals, loops, case and functions.

; && || and their exit statuses:

  $ true && echo and-yes; false && echo and-no; false || echo or-yes; true || echo or-no
  and-yes
  or-yes
  $ false && true || echo fallback; echo $?
  fallback
  0
  $ false || false; echo $?
  1
  $ true && (exit 3); echo $?
  3

if / elif / else:

  $ for n in 1 2 3; do
  >   if [ $n -eq 1 ]; then echo one
  >   elif [ $n -eq 2 ]
  >   then echo two
  >   else echo many; fi
  > done
  one
  two
  many
  $ if false; then echo no; fi; echo $?
  0

while, until, break and continue (with a count):

  $ i=0; while [ $i -lt 10 ]; do i=$((i + 1)); [ $i -eq 3 ] && continue; [ $i -gt 5 ] && break; echo $i; done; echo end $i
  1
  2
  4
  5
  end 6
  $ n=3; until [ $n -eq 0 ]; do echo $n; n=$((n - 1)); done
  3
  2
  1
  $ for a in 1 2; do for b in x y z; do [ $b = y ] && continue 2; echo $a$b; done; done
  1x
  2x
  $ for a in 1 2; do for b in x y; do echo $a$b; break 2; done; done
  1x
  $ while false; do :; done; echo $?
  0

for over words, globs and "$@":

  $ for w in a "b c" d; do echo "<$w>"; done
  <a>
  <b c>
  <d>
  $ touch f1 f2 f3; for f in f*; do echo $f; done
  f1
  f2
  f3
  $ set -- x "y z"; for arg; do echo "[$arg]"; done
  [x]
  [y z]

case with glob patterns, alternatives and fall-out:

  $ for w in apple banana cherry 42 '*'; do
  >   case $w in
  >     a*) echo "$w: a-word";;
  >     b?n*|c*) echo "$w: b or c";;
  >     [0-9]*) echo "$w: number" ;;
  >     '*') echo "$w: a star";;
  >   esac
  > done
  apple: a-word
  banana: b or c
  cherry: b or c
  42: number
  *: a star
  $ case x in y) echo no;; esac; echo $?
  0
  $ case "a b" in "a b") echo quoted-match;; esac
  quoted-match
  $ case abc in (a*) echo paren-form; esac
  paren-form

Functions: arguments, return status, recursion, and $@ restored after:

  $ greet() { echo "hello $1 ($#)"; }
  $ greet world; greet "big world" extra
  hello world (1)
  hello big world (2)
  $ fails() { return 4; }; fails; echo $?
  4
  $ fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }
  $ fact 6
  720
  $ set -- outer; f() { set -- inner; echo $1; }; f; echo $1
  inner
  outer
  $ count() {
  >   n=0
  >   for x in "$@"; do n=$((n + 1)); done
  >   echo $n
  > }
  $ count a b "c d"
  3
  $ type count
  count is a function
  $ unset -f count; count
  sh: count: No such file or directory
  [127]

Groups and subshells: a subshell's changes stay in it:

  $ v=1; (v=2; cd /; echo in $v); echo out $v
  in 2
  out 1
  $ v=1; { v=2; echo in $v; }; echo out $v
  in 2
  out 2
  $ (exit 5); echo $?
  5

set -e stops at a failing command, but not in conditions:

  $ sh -c 'set -e; echo a; false; echo not-reached'; echo status $?
  a
  status 1
  $ sh -c 'set -e; if false; then :; fi; false || true; ! true; while false; do :; done; echo reached'
  reached
  $ sh -c 'set -e; f() { false; echo no; }; f; echo not-reached'; echo $?
  1

set -x traces commands to stderr:

  $ sh -c 'set -x; v=1; echo $v' 2>&1
  + v=1
  + echo 1
  1
  $ sh -c 'set -u; echo $undefined_variable; echo no'
  sh: undefined_variable: parameter not set
  [2]

local variables belong to the function call (and the ones it calls):

  $ f() { local a=inner b; b=2; echo "$a $b"; g; }; g() { echo "g sees $a"; }
  $ a=outer; b=1; f; echo "$a $b"
  inner 2
  g sees inner
  outer 1
  $ local x=1
  sh: local: not in a function
  [2]
