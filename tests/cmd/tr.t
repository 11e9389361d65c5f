tr translates, deletes and squeezes bytes.

  $ printf 'Hello World\n' | tr a-z A-Z
  HELLO WORLD
  $ printf 'Hello World\n' | tr '[:lower:]' '[:upper:]'
  HELLO WORLD
  $ printf 'aabbccdd\n' | tr -s ab
  abccdd
  $ printf 'hello 123\n' | tr -d 0-9
  hello 
  $ printf 'hello 123\n' | tr -cd '0-9\n'
  123
  $ printf 'a  b   c\n' | tr -s ' ' _
  a_b_c
  $ printf 'abc\n' | tr abc 'x[y*]'
  xyy
  $ printf 'abc\n' | tr abc x
  xxx
  $ tr a
  usage: tr [-cds] SET1 [SET2]
  [2]
  $ tr z-a x
  tr: range-endpoints of 'z-a' are in reverse collating sequence order
  [1]
