wc counts with GNU's padding rules.

  $ printf 'a b\nc\n' > w1
  $ printf 'x\n' > w2
  $ wc w1
  2 3 6 w1
  $ wc -l w1
  2 w1
  $ wc w1 w2
  2 3 6 w1
  1 1 2 w2
  3 4 8 total
  $ printf 'a\n' | wc
        1       1       2
  $ printf 'a\n' | wc -l
  1
  $ wc -c -w w1
  3 6 w1
  $ printf 'abc\nabcdef\n' | wc -L
  6
  $ wc missing w1
  wc: missing: No such file or directory
  2 3 6 w1
  2 3 6 total
  [1]
  $ wc -x
  wc: invalid option -- 'x'
  usage: wc [-lwcmL] [FILE]...
  [2]
