ping over loopback (docs/net-tools.md). It needs a Linux ping socket or,
failing that, a raw socket (root); if neither is allowed, ping says so
("ping: socket: ... (ping socket: ...; raw sockets need root)") and the
diff below shows it.

  $ ping -c 2 -i 0.2 127.0.0.1
  PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.
  64 bytes from 127\.0\.0\.1: icmp_seq=1 ttl=\d+ time=[0-9.]+ ms (re)
  64 bytes from 127\.0\.0\.1: icmp_seq=2 ttl=\d+ time=[0-9.]+ ms (re)
  
  --- 127.0.0.1 ping statistics ---
  2 packets transmitted, 2 received, 0% packet loss, time \d+ms (re)
  rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/[0-9.]+ ms (re)

-q prints only the summary; -s sets the payload size; names resolve.

  $ ping -q -c 1 -s 100 localhost
  PING localhost (127.0.0.1) 100(128) bytes of data.
  
  --- localhost ping statistics ---
  1 packets transmitted, 1 received, 0% packet loss, time \d+ms (re)
  rtt min/avg/max/mdev = [0-9.]+/[0-9.]+/[0-9.]+/0.000 ms (re)

Usage errors exit 2.

  $ ping -c 0 127.0.0.1
  usage: ping [-q] [-c COUNT] [-i SECS] [-W SECS] [-s SIZE] HOST
  [2]
  $ ping
  usage: ping [-q] [-c COUNT] [-i SECS] [-W SECS] [-s SIZE] HOST
  [2]
