grep with basic and extended regular expressions.

  $ printf 'foo\nbar\nFoo bar\nbaz\n' > f
  $ grep -n 'ba[rz]' f
  2:bar
  3:Foo bar
  4:baz
  $ grep -i -c foo f
  2
  $ grep -v -E 'o+|z' f
  bar
  $ grep -w bar f
  bar
  Foo bar
  $ grep -x 'ba.' f
  bar
  baz
  $ grep 'ba\(r\|z\)$' f
  bar
  Foo bar
  baz
  $ grep -F 'o b' f
  Foo bar
  $ grep -e foo -e baz f
  foo
  baz
  $ grep -l foo f f
  f
  f
  $ grep -q baz f && echo found
  found
  $ grep nothing f
  [1]
  $ grep foo f missing
  f:foo
  grep: missing: No such file or directory
  [2]
  $ mkdir -p d/sub && printf 'x baz\n' > d/sub/g
  $ grep -r baz d
  d/sub/g:x baz
  $ printf 'a\nb\n' | grep -c .
  2
  $ grep 'a\(' f
  grep: Unmatched ( or \(
  [2]
  $ grep
  usage: grep [-EFivwxnclLqrhHs] [-e PATTERN]... [PATTERN] [FILE]...
  [2]
