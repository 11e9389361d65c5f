  $ uname
  Linux
  $ uname -s
  Linux
  $ uname -m
  riscv64
  $ uname -sm
  Linux riscv64
  $ uname -a
  Linux \S+ \S+ .* riscv64 GNU/Linux (re)
  $ uname -x
  .*invalid option.* (re)
  usage: uname [-asnrvmpio]
  [2]
  $ hostname
  \S+ (re)
  $ test "$(hostname)" = "$(uname -n)" && echo same
  same
