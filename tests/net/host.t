host and the resolver (docs/net-tools.md). RESOLV_HOSTS and RESOLV_CONF
replace /etc/hosts and /etc/resolv.conf; no DNS server is needed here.

  $ printf '# test\n10.1.2.3\tfoo.test foo\n127.0.0.1 bar\n' > hosts
  $ RESOLV_HOSTS=hosts host foo
  foo has address 10.1.2.3
  $ RESOLV_HOSTS=hosts host FOO.test.
  FOO.test. has address 10.1.2.3
  $ host 192.0.2.7
  192.0.2.7 has address 192.0.2.7

Names reach wget, nc and ping through the same resolver.

  $ RESOLV_HOSTS=hosts wget -q http://bar:18049/
  wget: connect to bar port 18049: Connection refused
  [4]

A server that is not there: its port is closed, so the answer is quick.

  $ host -p 18050 name.test 127.0.0.1
  Using domain server:
  Name: 127.0.0.1
  Address: 127.0.0.1#18050
  Aliases: 
  
  ;; Connection refused
  [1]
  $ printf 'nameserver 127.0.0.1\n' > resolv.conf
  $ host -p 18050 bad..name 127.0.0.1 | tail -n 1
  ;; invalid name
  $ host
  usage: host [-p PORT] NAME [SERVER]
  [2]
