/*
 * The AF_INET family (kernel/net/ipv4/af_inet.c): socket(AF_INET, type,
 * protocol) picks a protocol switch entry, which makes the socket.
 * Protocols register their entry at boot:
 *
 *	inet_register_protosw(&tcp_protosw)   SOCK_STREAM, IPPROTO_TCP
 *
 * Built in: SOCK_DGRAM/IPPROTO_UDP (udp_sock.c) and SOCK_DGRAM/
 * IPPROTO_ICMP, Linux's "ping sockets" (ping.c).
 *
 * Shared helpers for the protocols: parsing and filling struct
 * sockaddr_in, the IPPROTO_IP options every inet socket has (struct
 * inet_opts), and inet_ioctl, the interface and route ioctls (SIOCGIF*,
 * SIOCSIF*, SIOCADDRT, SIOCDELRT) that any AF_INET socket answers, as in
 * Linux; a protocol's ioctl method passes the commands it does not know
 * on to it.
 *
 * Locks: "inet_protosw" (spin, a leaf) guards the switch table.
 */
#ifndef NET_INET_SOCK_H
#define NET_INET_SOCK_H

#include <kernel/types.h>
#include <uapi/in.h>
#include <uapi/socket.h>

struct socket;

struct inet_protosw {
	short type;		/* SOCK_STREAM, SOCK_DGRAM, SOCK_RAW */
	int protocol;		/* IPPROTO_*; protocol 0 in socket(2) picks the first of the type */
	/* Fill sock->ops, sk and wq (sock->type, protocol are set). 0 or -errno. May sleep. */
	int (*create)(struct socket *sock);
};

/* Register sw (boot). 0, -EEXIST (type and protocol taken) or -ENOSPC. */
int inet_register_protosw(const struct inet_protosw *sw);

extern const struct net_proto_family inet_family;
/* Boot (net_init, after the protocols' init): register AF_INET with the socket layer. */
void inet_init(void);

/*
 * Parse a user's address (a kernel copy of len bytes) as a sockaddr_in:
 * *addr and *port in network order. -EINVAL when len is too short,
 * -EAFNOSUPPORT when the family is not AF_INET (AF_UNSPEC is accepted,
 * and reported by returning 1, only when unspec_ok: connect's
 * "disconnect"). 0 on success.
 */
int inet_addr_parse(const struct sockaddr *sa, int len, bool unspec_ok, u32 *addr, u16 *port);
/* Write addr:port as a sockaddr_in into sa (room for SOCKADDR_STORAGE_SIZE); its length. */
int inet_addr_fill(struct sockaddr *sa, u32 addr, u16 port);

/* The IPPROTO_IP options of an inet socket ([a]: read and written with READ_ONCE/WRITE_ONCE). */
struct inet_opts {
	u8 ttl;			/* 0: the default (IP_DEFAULT_TTL) */
	u8 tos;
	bool recverr;		/* stored; errors are reported as without it */
	bool recvttl;		/* IP_RECVTTL: datagram sockets return an IP_TTL cmsg */
	bool pktinfo;		/* stored */
	u8 pmtudisc;		/* IP_MTU_DISCOVER, stored */
};
/* setsockopt/getsockopt at level IPPROTO_IP on o (user optval/optlen). 0 or -errno. */
int inet_setsockopt_ip(struct inet_opts *o, int name, unsigned long optval, unsigned int optlen);
int inet_getsockopt_ip(struct inet_opts *o, int name, unsigned long optval, unsigned long optlen);
/* Copy an int option in from the user (optlen >= sizeof(int), or 1 byte as Linux allows). */
int sockopt_get_int(unsigned long optval, unsigned int optlen, int *val);
/* Write an int option out: min(*optlen, sizeof(int)) bytes and the length. 0 or -EFAULT/-EINVAL. */
int sockopt_put_int(unsigned long optval, unsigned long optlen, int val);

/*
 * The interface and route ioctls (arg a user pointer to struct ifreq,
 * ifconf or rtentry). Setting needs root (-EPERM). -ENODEV for an
 * unknown interface, -ENOTTY for a command that is not one of these.
 */
long inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg);

#endif /* NET_INET_SOCK_H */
