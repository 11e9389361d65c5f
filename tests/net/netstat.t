netstat, ifconfig and route (docs/net-tools.md): the layouts of net-tools,
from /proc/net and the SIOCGIF* ioctls. Ports 18060-18069.

  $ waitport() { until netstat -$1 | grep -q ":$2 "; do sleep 0.05; done; }
  $ nc -l -w 10 18060 > /dev/null &
  $ waitport ltn 18060
  $ netstat -ltn | head -2
  Active Internet connections (only servers)
  Proto Recv-Q Send-Q Local Address           Foreign Address         State      
  $ netstat -ltn | grep ':18060 '
  tcp        0      0 0\.0\.0\.0:18060 +0\.0\.0\.0:\* +LISTEN + (re)
  $ nc -z 127.0.0.1 18060; wait
  $ netstat -x | head -2
  Active UNIX domain sockets (w/o servers)
  Proto RefCnt Flags       Type       State         I-Node   Path
  $ netstat -q
  netstat: invalid option -- 'q'
  usage: netstat [-tuxlan]
  [2]

ifconfig: the loopback interface; an unknown one.

  $ ifconfig lo | head -2
  lo: flags=73<UP,LOOPBACK,RUNNING>  mtu \d+ (re)
          inet 127.0.0.1  netmask 255.0.0.0
  $ ifconfig lo | grep -c 'RX packets'
  1
  $ ifconfig nosuch0
  nosuch0: error fetching interface information: Device not found
  [1]
  $ ifconfig nosuch0 10.0.0.1 bogus
  usage: ifconfig [-a] [IF [ADDR] [netmask M] [broadcast B] [up|down]]
  [2]

route: the header of the table; changes on a device that does not exist
fail (nothing is changed on the machine).

  $ route -n | head -2
  Kernel IP routing table
  Destination     Gateway         Genmask         Flags Metric Ref    Use Iface
  $ route add -net 10.99.0.0 netmask 255.255.0.0 dev nosuch0
  route: SIOCADDRT: No such device
  [1]
  $ route add -net 10.99.0.1 netmask 255.255.0.0
  route: netmask 255.255.0.0 doesn't match route address
  [1]
  $ route add somewhere
  usage: route [-n] | route add|del default|-net NET netmask M|-host H [gw GW] [dev IF]
  [2]
