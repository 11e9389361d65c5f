nc over loopback (docs/net-tools.md). Ports 18001-18019. A listener runs
in the background; `waitport` polls netstat until it listens, so there is
no fixed sleep.

  $ waitport() { until netstat -$1 | grep -q ":$2 "; do sleep 0.05; done; }

TCP, both ways: the listener sends its stdin and prints what it receives;
each side shuts down its write side at stdin EOF and reads until the peer
closes.

  $ echo pong | nc -l -w 10 18001 > got &
  $ waitport ltn 18001
  $ echo ping | nc 127.0.0.1 18001
  pong
  $ wait
  $ cat got
  ping

-p names the listening port too; a listener on an address.

  $ nc -l -w 10 -p 18002 127.0.0.1 > got &
  $ waitport ltn 18002
  $ printf 'a\nb\n' | nc localhost 18002
  $ wait
  $ cat got
  a
  b

Nothing listens: connection refused, exit 1; -z scans (connect, close).

  $ nc 127.0.0.1 18009
  nc: connect to 127.0.0.1 port 18009 (tcp) failed: Connection refused
  [1]
  $ nc -z 127.0.0.1 18009
  nc: connect to 127.0.0.1 port 18009 (tcp) failed: Connection refused
  [1]
  $ nc -l -w 10 18003 > got &
  $ waitport ltn 18003
  $ nc -z -v 127.0.0.1 18003
  Connection to 127.0.0.1 18003 port [tcp/*] succeeded!
  $ wait
  $ wc -c < got
  0

UDP: the listener answers the first sender; -w 1 ends each side after a
second of silence.

  $ echo back | nc -u -l -w 1 18004 > got &
  $ waitport lun 18004
  $ echo dgram | nc -u -w 1 127.0.0.1 18004
  back
  $ wait
  $ cat got
  dgram

-w also bounds a listener's wait.

  $ nc -l -w 0.2 18005
  nc: timed out waiting for a connection
  [1]

Usage errors.

  $ nc 127.0.0.1
  usage: nc [-uvzN] [-w SECS] [-p PORT] HOST PORT | nc -l [-uv] [-w SECS] [-p] PORT [ADDR]
  [2]
  $ nc 127.0.0.1 99999
  nc: port number invalid: 99999
  [1]
