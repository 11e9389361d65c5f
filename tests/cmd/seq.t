seq counts from FIRST (default 1) by INCREMENT (default 1) to LAST:

  $ seq 3
  1
  2
  3
  $ seq 2 4
  2
  3
  4
  $ seq 1 3 10
  1
  4
  7
  10
  $ seq 5 -2 0
  5
  3
  1
  $ seq -s , 1 5
  1,2,3,4,5
  $ seq -s: 3 1
  $ seq -w 8 10
  08
  09
  10
  $ seq 1 0.5 2
  1.0
  1.5
  2.0
  $ seq -1 1
  -1
  0
  1

Errors:

  $ seq
  usage: seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST
  [2]
  $ seq 1 0 3
  seq: invalid Zero increment value: '0'
  [2]
  $ seq x
  seq: invalid floating point argument: 'x'
  [2]
