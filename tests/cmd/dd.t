dd copies blocks; the summary goes to stderr in GNU's words.

  $ printf 'abcdefghij' > f
  $ dd if=f of=g bs=4
  2+1 records in
  2+1 records out
  10 bytes copied, \S+ s, \S+ \S+/s (re)
  $ cat g
  abcdefghij (no-eol)
  $ dd if=f bs=2 skip=1 count=2 status=none
  cdef (no-eol)
  $ printf 'XY' | dd of=f bs=1 seek=3 conv=notrunc status=none && cat f
  abcXYfghij (no-eol)
  $ printf 'XY' | dd of=f bs=1 seek=3 status=noxfer && cat f
  2+0 records in
  2+0 records out
  abcXY (no-eol)
  $ dd if=/dev/zero of=z bs=1024 count=2 conv=fsync
  2+0 records in
  2+0 records out
  2048 bytes \(2\.0 kB, 2\.0 KiB\) copied, \S+ s, \S+ \S+/s (re)
  $ wc -c z
  2048 z
  $ dd if=nope
  dd: failed to open 'nope': No such file or directory
  [1]
  $ dd bs=0
  dd: invalid number: '0'
  [1]
  $ dd foo
  dd: unrecognized operand 'foo'
  usage: dd [if=FILE] [of=FILE] [bs=N] [count=N] [skip=N] [seek=N] [conv=LIST] [status=none]
  [2]
