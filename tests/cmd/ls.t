ls: one name per line into a pipe, -l in GNU's layout.

  $ mkdir sub && printf 'hello\n' > a && printf '%s' 0123456789 > bb && ln -s a sl
  $ touch -d '2020-01-02 03:04' a bb sub && ls
  a
  bb
  sl
  sub
  $ ls -a
  .
  ..
  a
  bb
  sl
  sub
  $ ls -A sub
  $ ls -l a bb
  -rw-r--r-- 1 \S+ +\S+ +6 Jan  2  2020 a (re)
  -rw-r--r-- 1 \S+ +\S+ +10 Jan  2  2020 bb (re)
  $ ls -l sl
  lrwxrwxrwx 1 \S+ +\S+ +1 .* sl -> a (re)
  $ ls -l | head -n 1
  total \d+ (re)
  $ ls -d sub
  sub
  $ ls -F
  a
  bb
  sl@
  sub/
  $ ls -S a bb
  bb
  a
  $ ls -r
  sub
  sl
  bb
  a
  $ printf x > sub/in && ls -R
  .:
  a
  bb
  sl
  sub
  
  ./sub:
  in
  $ ls -C a bb sl
  a  bb  sl
  $ ls -1 sub a
  a
  
  sub:
  in
  $ ls -lh bb
  -rw-r--r-- 1 \S+ +\S+ 10 .* bb (re)
  $ ls missing a
  ls: cannot access 'missing': No such file or directory
  a
  [2]
  $ ls -z
  ls: invalid option -- 'z'
  usage: ls [-1aACdFhilnRrSt] [FILE]...
  [2]
