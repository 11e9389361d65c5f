cut selects bytes or fields.

  $ printf 'a:b:c\nxyz\n' | cut -d: -f1,3
  a:c
  xyz
  $ printf 'a:b:c\nxyz\n' | cut -s -d: -f2-
  b:c
  $ printf 'hello\n' | cut -c2-3,5
  elo
  $ printf 'hello\n' | cut -b -2
  he
  $ printf 'a\tb\n' | cut -f2
  b
  $ cut -f1 missing
  cut: missing: No such file or directory
  [1]
  $ cut -f 0
  cut: invalid list: '0'
  usage: cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE]...
  [2]
  $ cut a
  usage: cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE]...
  [2]
