/*
 * Network interface and routing ioctls of Linux's UAPI (linux/sockios.h,
 * linux/if.h, linux/route.h): struct ifreq, struct ifconf, struct
 * rtentry with their riscv64 layouts.
 */
#ifndef UAPI_IF_H
#define UAPI_IF_H

#include <kernel/types.h>
#include <uapi/socket.h>

#define IFNAMSIZ	16

#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_LOOPBACK	0x8
#define IFF_RUNNING	0x40
#define IFF_NOARP	0x80
#define IFF_MULTICAST	0x1000

#define SIOCADDRT	0x890B
#define SIOCDELRT	0x890C
#define SIOCGIFNAME	0x8910
#define SIOCGIFCONF	0x8912
#define SIOCGIFFLAGS	0x8913
#define SIOCSIFFLAGS	0x8914
#define SIOCGIFADDR	0x8915
#define SIOCSIFADDR	0x8916
#define SIOCGIFBRDADDR	0x8919
#define SIOCSIFBRDADDR	0x891a
#define SIOCGIFNETMASK	0x891b
#define SIOCSIFNETMASK	0x891c
#define SIOCGIFMTU	0x8921
#define SIOCSIFMTU	0x8922
#define SIOCGIFHWADDR	0x8927
#define SIOCGIFINDEX	0x8933
#define SIOCOUTQ	0x5411	/* TIOCOUTQ */
#define SIOCINQ		0x541B	/* FIONREAD */

#define ARPHRD_ETHER	1
#define ARPHRD_LOOPBACK	772

/* struct ifreq: 40 bytes, the name then a union of 24. */
struct ifreq {
	char ifr_name[IFNAMSIZ];
	union {
		struct sockaddr ifr_addr;
		struct sockaddr ifr_netmask;
		struct sockaddr ifr_broadaddr;
		struct sockaddr ifr_hwaddr;
		short ifr_flags;
		int ifr_ifindex;
		int ifr_mtu;
		char ifr_newname[IFNAMSIZ];
		u8 ifr_pad[24];
	};
};
_Static_assert(sizeof(struct ifreq) == 40, "ifreq is 40 bytes");

/* struct ifconf: a user buffer of ifreqs; ifc_len in and out (bytes). */
struct ifconf {
	int ifc_len;
	int ifc_pad;
	u64 ifc_buf;	/* user pointer */
};

#define RTF_UP		0x0001
#define RTF_GATEWAY	0x0002
#define RTF_HOST	0x0004

/* struct rtentry (net-tools route, SIOCADDRT/SIOCDELRT): 120 bytes. */
struct rtentry {
	unsigned long rt_pad1;
	struct sockaddr rt_dst;
	struct sockaddr rt_gateway;
	struct sockaddr rt_genmask;
	unsigned short rt_flags;
	short rt_pad2;
	unsigned long rt_pad3;
	u64 rt_pad4;		/* void * */
	short rt_metric;	/* +1 for binary compatibility */
	u64 rt_dev;		/* char *: a user string, or 0 */
	unsigned long rt_mtu;
	unsigned long rt_window;
	unsigned short rt_irtt;
};
_Static_assert(sizeof(struct rtentry) == 120, "rtentry is 120 bytes");

#endif /* UAPI_IF_H */
