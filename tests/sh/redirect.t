Pipelines and redirections.

Pipelines of several stages; the status is the last stage's, ! inverts it:

  $ printf '3\n1\n2\n1\n' | sort | uniq | wc -l
  3
  $ printf 'b\na\n' | cat | cat | cat | sort | head -n 1
  a
  $ false | true; echo $?
  0
  $ true | false; echo $?
  1
  $ ! false | false; echo $?
  0
  $ echo a |
  > tr a b
  b

Every stage is a child: variables set in one do not reach the shell:

  $ x=1; echo 2 | read x; echo $x
  1

Output, append, input, and the fd forms:

  $ echo one > f; echo two >> f; cat f
  one
  two
  $ wc -l < f
  2
  $ cat < f > g; cat g | head -n 1
  one
  $ ls no-such-file 2> err; echo $?; wc -l < err
  2
  1
  $ { echo out; echo err >&2; } > both 2>&1; sort both
  err
  out
  $ { echo out; echo err >&2; } 2>&1 > only-out | tr a-z A-Z; cat only-out
  ERR
  out
  $ echo to-stderr 1>&2 2>/dev/null
  to-stderr
  $ exec 3> fd3; echo via3 >&3; exec 3>&-; cat fd3
  via3
  $ exec 4< f; read first <&4; read second <&4; exec 4<&-; echo $first $second
  one two
  $ echo x >&7
  sh: 7: Bad file descriptor
  [1]
  $ cat < missing-file
  sh: missing-file: No such file or directory
  [1]
  $ echo hi > no-dir/file
  sh: no-dir/file: No such file or directory
  [1]
  $ > empty; wc -c < empty
  0
  $ echo a 2>&1 >x | cat; cat x
  a

Redirections on compound commands and loops:

  $ for i in 1 2 3; do echo $i; done > loop; cat loop | tr '\n' ' '; echo
  1 2 3 
  $ while read l; do echo "got $l"; done < f
  got one
  got two
  $ if true; then echo in-if; fi | tr a-z A-Z
  IN-IF
  $ (echo sub; echo shell) | wc -l
  2

Here-documents: expanded unless the delimiter is quoted; <<- strips tabs:

  $ name=world
  $ cat <<EOF
  > hello $name $(echo cmd) `echo bq` \$name \\
  > EOF
  hello world cmd bq $name \
  $ cat <<'EOF'
  > hello $name `x` \$
  > EOF
  hello $name `x` \$
  $ cat <<"E"; echo after
  > quoted "$name"
  > E
  quoted "$name"
  after
  $ cat <<-END
  > 	tab stripped
  > 		two tabs
  > 	END
  tab stripped
  two tabs
  $ cat <<A; cat <<B
  > first
  > A
  > second
  > B
  first
  second
  $ tr a-z A-Z <<EOF | wc -l
  > a
  > b
  > EOF
  2

A here-document bigger than a pipe buffer:

  $ big=$(seq 1 20000 | tr -d '\n')
  $ cat <<EOF | wc -c
  > $big
  > EOF
  88895
