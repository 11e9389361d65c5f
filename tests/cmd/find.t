find: -name, -type, -maxdepth, -exec (sorted: directory order is the file system's).

  $ mkdir -p a/b/c && touch a/x.c a/b/y.c a/b/c/z.h && printf data > a/big
  $ find a | sort
  a
  a/b
  a/b/c
  a/b/c/z.h
  a/b/y.c
  a/big
  a/x.c
  $ find a -name '*.c' | sort
  a/b/y.c
  a/x.c
  $ find a -type d | sort
  a
  a/b
  a/b/c
  $ find a -maxdepth 1 -type f | sort
  a/big
  a/x.c
  $ find a -mindepth 2 -type f -name '*.?' | sort
  a/b/c/z.h
  a/b/y.c
  $ find a -type f -size +0c
  a/big
  $ find a -type f -empty | sort
  a/b/c/z.h
  a/b/y.c
  a/x.c
  $ find a/b -name '*.h' -exec cat a/big {} \;
  data (no-eol)
  $ find a/b/c -type f -exec echo found {} +
  found a/b/c/z.h
  $ cd a && find . -name 'x*' && cd ..
  ./x.c
  $ find a/b -name '*.c' -delete && find a/b -type f
  a/b/c/z.h
  $ find nope
  find: 'nope': No such file or directory
  [1]
  $ find a -bogus
  find: unknown predicate '-bogus'
  usage: find [-L] [PATH]... [-name GLOB] [-type T] [-maxdepth N] [-print] [-exec CMD {} ;]
  [2]
  $ find a -type q
  find: unknown argument to -type: q
  [2]
