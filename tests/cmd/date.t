  $ date +%Y
  20\d\d (re)
  $ date -u -d @0
  Thu Jan  1 00:00:00 UTC 1970
  $ date -u -d @86400 +%Y-%m-%dT%H:%M:%S
  1970-01-02T00:00:00
  $ date
  \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \S+ \d{4} (re)
  $ date -d yesterday
  date: invalid date 'yesterday' (only @SECONDS is understood)
  [1]
  $ date x
  usage: date [-u] [-d @SECONDS | -s @SECONDS] [+FORMAT]
  [2]
