/*
 * netlib: small helpers shared by the network commands (user/cmd/{nc,
 * httpd,wget,ping,ifconfig,route,netstat,dhcpc,host}.c; docs/net-tools.md).
 *
 *   net_now_us()                      CLOCK_MONOTONIC in microseconds
 *   net_parse_port(s, &port)          "1".."65535"; 0 or -1
 *   net_parse_secs(s, &ms)            "2", "0.5" (seconds) -> milliseconds; 0 or -1
 *   net_sockaddr(host, port, &sa, err, errlen)
 *                                     resolv_lookup + port into a sockaddr_in
 *   net_connect(sa, type, timeout_ms, src_port)
 *                                     a connected socket (timeout_ms < 0: the
 *                                     kernel's own; src_port 0: any), or -1 with errno
 *   net_send_all(fd, buf, n)          send(MSG_NOSIGNAL) until done; 0 or -1
 *   net_ntoa(addr)                    "a.b.c.d" (static buffer, one per call slot: 4)
 *   net_ifreq(fd, req, name, ifr)     ioctl with ifr_name = name; 0 or -1
 *   net_if_set_addr(fd, name, req, a) SIOCSIFADDR/SIOCSIFNETMASK/SIOCSIFBRDADDR
 *   net_if_flags(fd, name, set, clear) read-modify-write of the flags
 *   net_route(fd, req, dst, mask, gw, dev)
 *                                     SIOCADDRT/SIOCDELRT; gw.s_addr == 0: no
 *                                     gateway; mask 255.255.255.255: a host route
 *
 * Every function that can fail returns -1 with errno set and prints nothing.
 */
#ifndef NETLIB_H
#define NETLIB_H

#include <net/if.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

int64_t net_now_us(void);
int net_parse_port(const char *s, uint16_t *port);
int net_parse_secs(const char *s, long *ms);
int net_sockaddr(const char *host, uint16_t port, struct sockaddr_in *sa, char *err,
		 size_t errlen);
int net_connect(const struct sockaddr_in *sa, int type, long timeout_ms, uint16_t src_port);
int net_send_all(int fd, const void *buf, size_t n);
const char *net_ntoa(struct in_addr a);
int net_ifreq(int fd, unsigned long req, const char *name, struct ifreq *ifr);
int net_if_set_addr(int fd, const char *name, unsigned long req, struct in_addr a);
int net_if_flags(int fd, const char *name, short set, short clear);
int net_route(int fd, unsigned long req, struct in_addr dst, struct in_addr mask,
	      struct in_addr gw, const char *dev);

#endif
