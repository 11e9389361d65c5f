md5sum: RFC 1321's test vectors, then -c.

  $ printf '' | md5sum
  d41d8cd98f00b204e9800998ecf8427e  -
  $ printf 'abc' | md5sum
  900150983cd24fb0d6963f7d28e17f72  -
  $ printf 'message digest' > m && md5sum m
  f96b697d7cb7938d525a2f31aaf161d0  m
  $ printf '12345678901234567890123456789012345678901234567890123456789012345678901234567890' | md5sum -b
  57edf4a22be3c955ac49da2e2107b67a *-
  $ md5sum m > sums && md5sum -c sums
  m: OK
  $ printf x >> m && md5sum -c sums
  m: FAILED
  md5sum: WARNING: 1 computed checksum did NOT match
  [1]
  $ md5sum nope
  md5sum: nope: No such file or directory
  [1]
  $ md5sum -z
  md5sum: invalid option -- 'z'
  usage: md5sum [-bt] [FILE]... | md5sum -c [-qs] [FILE]...
  [2]
