head prints the first lines or bytes.

  $ printf '1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n' > n
  $ head n
  1
  2
  3
  4
  5
  6
  7
  8
  9
  10
  $ head -n 2 n
  1
  2
  $ head -3 n | wc -l
  3
  $ head -c 3 n
  1
  2 (no-eol)
  $ head -n 1 n n
  ==> n <==
  1
  
  ==> n <==
  1
  $ head -n 1 missing n
  head: cannot open 'missing' for reading: No such file or directory
  ==> n <==
  1
  [1]
  $ head -n x n
  head: invalid number: 'x'
  [2]
  $ head -z
  head: invalid option -- 'z'
  usage: head [-n LINES | -c BYTES] [-qv] [FILE]...
  [2]
