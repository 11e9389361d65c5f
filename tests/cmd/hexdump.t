hexdump -C (canonical) and the default format, as util-linux prints them.

  $ printf 'abcdefghijklmnopqrs\n' > f
  $ hexdump -C f
  00000000  61 62 63 64 65 66 67 68  69 6a 6b 6c 6d 6e 6f 70  |abcdefghijklmnop|
  00000010  71 72 73 0a                                       |qrs.|
  00000014
  $ printf 'abc' | hexdump
  0000000 6261 0063                              
  0000003
  $ printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' | hexdump -C
  00000000  61 61 61 61 61 61 61 61  61 61 61 61 61 61 61 61  |aaaaaaaaaaaaaaaa|
  \* (re)
  00000020  61 61 61 61 61 62                                 |aaaaab|
  00000026
  $ hexdump -C -s 2 -n 3 f
  00000002  63 64 65                                          |cde|
  00000005
  $ printf '' | hexdump -C
  $ hexdump -C nope
  hexdump: nope: No such file or directory
  [1]
  $ hexdump -q
  hexdump: invalid option -- 'q'
  usage: hexdump [-Cv] [-n LENGTH] [-s OFFSET] [FILE]...
  [2]
