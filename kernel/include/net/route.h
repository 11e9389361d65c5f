/*
 * The IPv4 routing table (kernel/net/ipv4/route.c): a short list of
 * routes searched longest-prefix first (then lowest metric). Connected
 * routes come from inet_set_addr(); the default route from the ip= boot
 * option or ip_route_add(0, 0, gw, dev, 0). No forwarding: the table only
 * chooses how our own datagrams leave.
 *
 * Locks: "route_table" (plain spinlock, a leaf); lookups copy the result
 * out. Devices are never freed, so the result's dev pointer stays valid.
 */
#ifndef NET_ROUTE_H
#define NET_ROUTE_H

#include <kernel/types.h>
#include <uapi/if.h>

struct net_device;
struct seq_buf;

#define ROUTE_MAX	32

/* The answer of a lookup. */
struct rt_result {
	struct net_device *dev;	/* leave through */
	u32 saddr;		/* be32: source address to use (dev's address) */
	u32 nexthop;		/* be32: the gateway, or the destination itself */
	unsigned int flags;	/* RTF_* of the route used */
};

/*
 * Add a route to dst/mask (be32; dst & ~mask must be 0) via gw (0:
 * directly connected) on dev. 0, -EINVAL, -EEXIST (same dst/mask/dev),
 * -ENOSPC (ROUTE_MAX).
 */
int ip_route_add(u32 dst, u32 mask, u32 gw, struct net_device *dev, u32 metric);
/* Delete the route to dst/mask on dev (NULL: any device). 0 or -ESRCH. */
int ip_route_del(u32 dst, u32 mask, struct net_device *dev);
/* Delete every route through dev (its address changes). */
void ip_route_flush_dev(struct net_device *dev);
/*
 * How to reach daddr: local addresses go through loopback. 0, or
 * -ENETUNREACH with no matching route (counted in ip_stats.out_no_routes).
 */
int ip_route_output(u32 daddr, struct rt_result *res);
/*
 * ip_route_output limited to device oif (0: any; SO_BINDTODEVICE): the
 * limited broadcast 255.255.255.255 leaves oif directly even with no
 * route (saddr: oif's address, maybe 0: a DHCP client's); another
 * destination must route through oif or loopback (-ENETUNREACH);
 * -ENODEV when there is no device oif.
 */
int ip_route_output_oif(u32 daddr, int oif, struct rt_result *res);
/* /proc/net/route (Linux's format). */
int net_route_show(struct seq_buf *s);

#endif /* NET_ROUTE_H */
