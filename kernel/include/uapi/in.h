/*
 * IPv4 socket addresses and the IPPROTO_IP / IPPROTO_TCP option numbers
 * of Linux's UAPI (linux/in.h, linux/tcp.h), as riscv64 glibc programs
 * pass them.
 */
#ifndef UAPI_IN_H
#define UAPI_IN_H

#include <kernel/types.h>

#define IPPROTO_IP	0
#define IPPROTO_ICMP	1
#define IPPROTO_TCP	6
#define IPPROTO_UDP	17
#define IPPROTO_RAW	255

struct in_addr {
	u32 s_addr;		/* network order */
};

/* struct sockaddr_in: 16 bytes; the last 8 are padding (sin_zero). */
struct sockaddr_in {
	u16 sin_family;		/* AF_INET */
	u16 sin_port;		/* network order */
	struct in_addr sin_addr;
	u8 sin_zero[8];
};
_Static_assert(sizeof(struct sockaddr_in) == 16, "sockaddr_in is 16 bytes");

/* level IPPROTO_IP */
#define IP_TOS			1
#define IP_TTL			2
#define IP_HDRINCL		3
#define IP_PKTINFO		8
#define IP_MTU_DISCOVER		10
#define IP_RECVERR		11
#define IP_RECVTTL		12
#define IP_MULTICAST_TTL	33

/* level IPPROTO_TCP */
#define TCP_NODELAY		1
#define TCP_MAXSEG		2
#define TCP_CORK		3
#define TCP_KEEPIDLE		4
#define TCP_KEEPINTVL		5
#define TCP_KEEPCNT		6
#define TCP_INFO		11
#define TCP_QUICKACK		12
#define TCP_CONGESTION		13
#define TCP_USER_TIMEOUT	18

#endif /* UAPI_IN_H */
