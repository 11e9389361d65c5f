/*
 * The IPv4 routing table: an array of at most ROUTE_MAX routes, searched
 * for the longest matching prefix, then the lowest metric. Interface in
 * net/route.h.
 *
 * Locks: "route_table" (plain, a leaf) guards routes[] and nroutes.
 */
#include <fs/procfs.h>
#include <lib/printf.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <uapi/errno.h>

struct route {
	u32 dst, mask, gw;	/* be32 */
	u32 metric;
	unsigned int flags;	/* RTF_* */
	struct net_device *dev;
};

static struct spinlock route_lock = SPINLOCK_INIT("route_table");
static struct route routes[ROUTE_MAX];	/* [route_table] */
static int nroutes;			/* [route_table] */

static int prefix_len(u32 mask)
{
	return inet_mask_len(mask);
}

int ip_route_add(u32 dst, u32 mask, u32 gw, struct net_device *dev, u32 metric)
{
	int err = 0;

	if (!dev || (dst & ~mask))
		return -EINVAL;
	spin_lock(&route_lock);
	for (int i = 0; i < nroutes; i++)
		if (routes[i].dst == dst && routes[i].mask == mask && routes[i].dev == dev)
			err = -EEXIST;
	if (!err && nroutes == ROUTE_MAX)
		err = -ENOSPC;
	if (!err) {
		routes[nroutes++] = (struct route){
			.dst = dst, .mask = mask, .gw = gw, .metric = metric, .dev = dev,
			.flags = RTF_UP | (gw ? RTF_GATEWAY : 0) | (mask == 0xffffffffu ? RTF_HOST : 0),
		};
	}
	spin_unlock(&route_lock);
	return err;
}

/* Remove routes[i]. Under route_table. */
static void route_remove(int i)
{
	routes[i] = routes[--nroutes];
}

int ip_route_del(u32 dst, u32 mask, struct net_device *dev)
{
	int err = -ESRCH;

	spin_lock(&route_lock);
	for (int i = 0; i < nroutes; i++) {
		if (routes[i].dst == dst && routes[i].mask == mask && (!dev || routes[i].dev == dev)) {
			route_remove(i);
			err = 0;
			break;
		}
	}
	spin_unlock(&route_lock);
	return err;
}

void ip_route_flush_dev(struct net_device *dev)
{
	spin_lock(&route_lock);
	for (int i = 0; i < nroutes;) {
		if (routes[i].dev == dev)
			route_remove(i);
		else
			i++;
	}
	spin_unlock(&route_lock);
}

/* The best route to daddr, or NULL. Under route_table. */
static const struct route *route_lookup(u32 daddr)
{
	const struct route *best = NULL;

	for (int i = 0; i < nroutes; i++) {
		const struct route *r = &routes[i];

		if ((daddr & r->mask) != r->dst || !(READ_ONCE(r->dev->flags) & IFF_UP))
			continue;
		if (!best || prefix_len(r->mask) > prefix_len(best->mask) ||
		    (r->mask == best->mask && r->metric < best->metric))
			best = r;
	}
	return best;
}

int ip_route_output(u32 daddr, struct rt_result *res)
{
	const struct route *r;

	if (inet_addr_is_local(daddr) && loopback_dev) {
		res->dev = loopback_dev;
		res->saddr = ipv4_is_loopback(daddr) ? INADDR_LOOPBACK : daddr;
		res->nexthop = daddr;
		res->flags = RTF_UP | RTF_HOST;
		return 0;
	}
	spin_lock(&route_lock);
	r = route_lookup(daddr);
	if (r) {
		res->dev = r->dev;
		res->saddr = READ_ONCE(r->dev->ip_addr);
		res->nexthop = r->gw ? r->gw : daddr;
		res->flags = r->flags;
	}
	spin_unlock(&route_lock);
	if (!r) {
		IP_INC(out_no_routes);
		return -ENETUNREACH;
	}
	return 0;
}

int net_route_show(struct seq_buf *s)
{
	seq_printf(s, "%-127s\n", "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\t"
				  "Mask\t\tMTU\tWindow\tIRTT");
	spin_lock(&route_lock);
	for (int i = 0; i < nroutes; i++) {
		const struct route *r = &routes[i];
		char line[128];

		snprintf(line, sizeof(line), "%s\t%08X\t%08X\t%04X\t0\t0\t%u\t%08X\t0\t0\t0",
			 r->dev->name, r->dst, r->gw, r->flags, r->metric, r->mask);
		seq_printf(s, "%-127s\n", line);
	}
	spin_unlock(&route_lock);
	return 0;
}
