dhcpc (docs/net-tools.md): the DHCP exchange itself needs a DHCP server
(the integrator tries it under QEMU); here -n on an interface that does
not exist exercises the static fallback from /etc/network.conf
($NETWORK_CONF) without changing anything.

  $ printf '# test\naddress 10.0.2.15\nnetmask 255.255.255.0\ngateway 10.0.2.2  # gw\nnameserver 10.0.2.3\n' > net.conf
  $ NETWORK_CONF=net.conf dhcpc -n nosuch0
  dhcpc: nosuch0: No such device
  dhcpc: nosuch0: no DHCP lease, using the static configuration
  dhcpc: nosuch0: would set 10.0.2.15 netmask 255.255.255.0 router 10.0.2.2 dns 10.0.2.3
  $ NETWORK_CONF=net.conf dhcpc -n -q nosuch0
  dhcpc: nosuch0: No such device
  $ printf 'address 10.0.2\n' > bad.conf
  $ NETWORK_CONF=bad.conf dhcpc -n -q nosuch0
  dhcpc: nosuch0: No such device
  dhcpc: bad.conf: bad or missing address/netmask/gateway/nameserver line
  [1]
  $ NETWORK_CONF=missing.conf dhcpc -n -q nosuch0
  dhcpc: nosuch0: No such device
  dhcpc: no DHCP lease and no missing.conf: No such file or directory
  [1]
  $ dhcpc a b
  usage: dhcpc [-b | -f | -q] [-n] [IF]
  [2]
