Builtins: cd pwd echo read test [ shift set unset type command umask wait true false :

cd and pwd, with HOME and -:

  $ mkdir -p a/b; cd a/b; p=$(pwd); echo "HOME${p#"$HOME"}"
  HOME/a/b
  $ cd; p=$(pwd); echo "HOME${p#"$HOME"}"
  HOME
  $ cd a; cd b; p=$(cd -); echo "HOME${p#"$HOME"}"
  HOME/a
  $ cd "$HOME"; cd no-such-dir
  sh: cd: no-such-dir: No such file or directory
  [1]
  $ echo x > file; cd file
  sh: cd: file: Not a directory
  [1]

echo with -n and -e:

  $ echo -n no-newline; echo
  no-newline
  $ echo -e 'a\tb\nc\\d' | tr '\t' T
  aTb
  c\d
  $ echo -- -n -x
  -- -n -x

read: fields, the rest into the last name, -r, end of input:

  $ echo "one two three four" | { read a b c; echo "$a|$b|$c"; }
  one|two|three four
  $ printf 'back\\slash\n' | { read -r raw; echo "$raw"; }
  back\slash
  $ printf 'back\\slash\n' | { read cooked; echo "$cooked"; }
  backslash
  $ printf 'no newline' | { read last; echo "$? $last"; }
  1 no newline
  $ read x < /dev/null; echo $?
  1
  $ echo "  padded  " | { read -r line; echo "[$line]"; }
  [padded]
  $ echo "a:b:c" | { IFS=: read x y z; echo "$x $y $z"; }
  a b c

test and [: strings, integers, files, ! -a -o and parentheses:

  $ touch f; mkdir d; printf x > nonempty; chmod +x nonempty
  $ t() { if "$@"; then echo true; else echo false; fi; }
  $ t test -z ""; t test -n ""; t [ abc = abc ]; t [ abc != abc ]; t [ x ]; t [ "" ]
  true
  false
  true
  false
  true
  false
  $ t [ 10 -gt 9 ]; t [ 10 -lt 9 ]; t [ 3 -eq 3 ]; t [ 3 -ne 3 ]; t [ 2 -le 2 ]; t [ 2 -ge 3 ]
  true
  false
  true
  false
  true
  false
  $ t [ -e f ]; t [ -f d ]; t [ -d d ]; t [ -s f ]; t [ -s nonempty ]; t [ -x nonempty ]; t [ -e missing ]
  true
  false
  true
  false
  true
  true
  false
  $ t [ ! -e missing ]; t [ -e f -a -d d ]; t [ -e missing -o -d d ]; t [ \( 1 -eq 2 \) -o ! 1 -eq 2 ]
  true
  true
  true
  true
  $ t [ -r f ]; t [ -w f ]; t test -n; t test !
  true
  true
  true
  true
  $ [ abc -eq 1 ]
  sh: test: abc: integer expression expected
  [2]
  $ [ 1 = 1
  sh: [: missing ]
  [2]

shift, set --, and set's options:

  $ set -- a b c d; shift; echo "$@"; shift 2; echo "$@"; shift 5
  b c d
  d
  sh: shift: can't shift that many
  [1]
  $ set -- x y; set -f; echo $1 *; echo $-; set +f
  x *
  f
  $ set -q
  sh: set: -q: invalid option
  [2]
  $ v=1; unset v; echo "[${v-unset}]"
  [unset]

type and command -v (a which for scripts):

  $ type cd; type if; command -v cd; command -v sh | grep -c '/sh$'
  cd is a shell builtin
  if is a shell keyword
  cd
  1
  $ type no-such-thing
  sh: type: no-such-thing: not found
  [1]
  $ command -v no-such-thing
  [1]
  $ echo() { printf 'function\n'; }; echo x; command echo builtin; unset -f echo
  function
  builtin

umask, true, false, :, exit:

  $ umask 027; umask; umask 022
  0027
  $ true; echo $?; false; echo $?; : ignored args; echo $?
  0
  1
  0
  $ sh -c 'exit 300'; echo $?
  44
  $ sh -c 'exit abc'
  sh: exit: abc: numeric argument required
  [2]
