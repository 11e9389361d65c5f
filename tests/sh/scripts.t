Scripts: #!/bin/sh files, sh FILE ARGS, sh -c, commands from stdin, . and source.

  $ cat > greet.sh <<'EOF'
  > #!/bin/sh
  > # a comment line
  > echo "script $# args: $*"
  > for a in "$@"; do echo "arg <$a>"; done
  > exit 3
  > EOF
  $ chmod +x greet.sh
  $ ./greet.sh one "two three"
  script 2 args: one two three
  arg <one>
  arg <two three>
  [3]
  $ sh greet.sh x
  script 1 args: x
  arg <x>
  [3]
  $ sh ./no-such-script
  sh: ./no-such-script: No such file or directory
  [127]

sh -c with $0 and arguments; the status is the last command's:

  $ sh -c 'echo "$0|$1|$2|$#"' name a 'b c'
  name|a|b c|2
  $ sh -c 'exit 42'; echo $?
  42
  $ sh -c 'false'
  [1]
  $ sh -c
  sh: -c: option requires an argument
  [2]

Commands read from stdin; a command in the script reads the rest of it:

  $ printf 'echo from-stdin\nread line\nthis line is data\necho "read: $line"\n' | sh
  from-stdin
  read: this line is data
  $ echo 'echo $1 $2' | sh -s p q
  p q

. and source run a file in this shell (variables and functions stay):

  $ printf 'lib_var=set\nlib_fn() { echo "in lib_fn $1"; }\n' > lib.sh
  $ . ./lib.sh; echo $lib_var; lib_fn arg
  set
  in lib_fn arg
  $ printf 'echo early; return 5; echo late\n' > ret.sh; source ./ret.sh; echo $?
  early
  5
  $ . ./missing.sh
  sh: .: ./missing.sh: No such file or directory
  [1]

Exported variables reach children, others do not; VAR=x cmd is for cmd only:

  $ plain=p; export exported=e; sh -c 'echo "[$plain][$exported]"'
  [][e]
  $ one=1 sh -c 'echo "<$one>"'; echo "<$one>"
  <1>
  <>
  $ export -p | grep -c 'export exported='
  1
  $ env | grep '^exported='
  exported=e
  $ unset exported; env | grep -c '^exported='
  0
  [1]

eval and exec:

  $ cmd='echo "evaluated $((1+1))"'; eval "$cmd"
  evaluated 2
  $ sh -c 'exec echo replaced; echo not-reached'
  replaced
  $ sh -c 'exec > out.txt; echo into-file'; cat out.txt
  into-file
