id, whoami (names from /etc/passwd and /etc/group when they are there):

  $ id
  uid=\d+(\(\w[\w.-]*\))? gid=\d+(\(\w[\w.-]*\))?( euid=\S+)?( egid=\S+)? groups=\d+\S* (re)
  $ id -u
  \d+ (re)
  $ id -g
  \d+ (re)
  $ test "$(id -un)" = "$(whoami)" && echo same
  same
  $ id -x
  .*invalid option.* (re)
  usage: id [-u|-g|-G [-n] [-r]]
  [2]
