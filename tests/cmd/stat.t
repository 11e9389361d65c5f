stat: GNU's default format and -c.

  $ printf 'hello\n' > f && touch -d '2020-01-02 03:04:05' f && ln -s f l
  $ stat f
    File: f
    Size: 6         \tBlocks: \d+ +IO Block: \d+ +regular file (re)
  Device: \d+,\d+\tInode: \d+ +Links: 1 (re)
  Access: \(0644/-rw-r--r--\)  Uid: \( *\d+/ *\S+\)   Gid: \( *\d+/ *\S+\) (re)
  Access: 2020-01-02 03:04:05.000000000 .* (re)
  Modify: 2020-01-02 03:04:05.000000000 .* (re)
  Change: .* (re)
   Birth: .* (re)
  $ stat -c '%n %s %a %A %F %h' f l
  f 6 644 -rw-r--r-- regular file 1
  l 1 777 lrwxrwxrwx symbolic link 1
  $ stat -L -c %F l
  regular file
  $ stat -c %N l
  l -> f
  $ stat nope
  stat: cannot stat 'nope': No such file or directory
  [1]
  $ stat
  usage: stat [-L] [-c FORMAT] FILE...
  [2]
