od -c, -x, -o, -b in GNU's layout; "*" for repeated lines.

  $ printf 'abcdefghijklmnopqrs\n' > f
  $ od -c f
  0000000   a   b   c   d   e   f   g   h   i   j   k   l   m   n   o   p
  0000020   q   r   s  \\n (re)
  0000024
  $ od -x f
  0000000 6261 6463 6665 6867 6a69 6c6b 6e6d 706f
  0000020 7271 0a73
  0000024
  $ printf 'abc' | od
  0000000 061141 000143
  0000003
  $ printf '\001\t\377 ' | od -b
  0000000 001 011 377 040
  0000004
  $ printf '\001\t\377 \0' | od -c
  0000000 001  \\t 377      \\0 (re)
  0000005
  $ printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab' | od -c
  0000000   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a   a
  \* (re)
  0000040   a   a   a   a   a   b
  0000046
  $ od -A x -N 3 -c f
  000000   a   b   c
  000003
  $ od -c nope
  od: nope: No such file or directory
  0000000
  [1]
  $ od -q
  od: invalid option -- 'q'
  usage: od [-bcdox] [-A RADIX] [-j SKIP] [-N COUNT] [-v] [FILE]...
  [2]
