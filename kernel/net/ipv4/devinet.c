/*
 * IPv4 interface addresses and boot configuration: one address per
 * device (dev->ip_addr/ip_mask), its connected route, the local and
 * broadcast address tests, the ip= boot option, and the counters
 * (ip_stats) with /proc/net/snmp. Interface in net/ip.h.
 *
 * Address changes happen at boot (ipconfig_init) or from a future ioctl;
 * readers use READ_ONCE on the two words (a reader racing a change may
 * see the old address with the new mask: harmless for a test of
 * locality, and changes are rare).
 */
#include <fs/procfs.h>
#include <kernel/machine.h>
#include <kernel/printk.h>
#include <lib/cmdline.h>
#include <lib/string.h>
#include <net/arp.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <net/udp.h>
#include <uapi/errno.h>

struct ip_stats ip_stats;

int inet_set_addr(struct net_device *dev, u32 addr, u32 mask)
{
	int err;

	if (ntohl(mask) & (~ntohl(mask) >> 1))
		return -EINVAL;	/* not a contiguous prefix */
	ip_route_flush_dev(dev);
	WRITE_ONCE(dev->ip_mask, mask);
	WRITE_ONCE(dev->ip_addr, addr);
	if (!addr)
		return 0;
	err = ip_route_add(addr & mask, mask, 0, dev, 0);
	if (err)
		return err;
	if ((READ_ONCE(dev->flags) & (IFF_UP | IFF_NOARP | IFF_LOOPBACK)) == IFF_UP)
		arp_announce(dev);
	return 0;
}

struct addr_query {
	u32 addr;
	bool found;
};

static void local_one(struct net_device *dev, void *arg)
{
	struct addr_query *q = arg;

	if (READ_ONCE(dev->ip_addr) == q->addr)
		q->found = true;
}

bool inet_addr_is_local(u32 addr)
{
	struct addr_query q = { .addr = addr };

	if (ipv4_is_loopback(addr))
		return true;
	if (addr == 0)
		return false;
	dev_for_each(local_one, &q);
	return q.found;
}

static void bcast_one(struct net_device *dev, void *arg)
{
	struct addr_query *q = arg;
	u32 a = READ_ONCE(dev->ip_addr), m = READ_ONCE(dev->ip_mask);

	if (a && m != 0xffffffffu && q->addr == (a | ~m))
		q->found = true;
}

bool inet_addr_is_broadcast(u32 addr)
{
	struct addr_query q = { .addr = addr };

	if (addr == INADDR_BROADCAST)
		return true;
	dev_for_each(bcast_one, &q);
	return q.found;
}

/* The first Ethernet (not loopback) device, or the one named. */
static struct net_device *ipconfig_device(const char *name)
{
	struct net_device *dev;

	if (*name)
		return dev_get_by_name(name);
	for (int i = 1; (dev = dev_get_by_index(i)) != NULL; i++)
		if (!(dev->flags & IFF_LOOPBACK))
			return dev;
	return NULL;
}

void ipconfig_init(void)
{
	struct ipconfig cfg = {
		.addr = IPV4_ADDR(10, 0, 2, 15), .gateway = IPV4_ADDR(10, 0, 2, 2),
		.mask = IPV4_ADDR(255, 255, 255, 0),
	};
	const char *opt = cmdline_get(&kernel_cmdline, "ip");
	struct net_device *dev;
	int err;

	if (loopback_dev && inet_set_addr(loopback_dev, INADDR_LOOPBACK, IPV4_ADDR(255, 0, 0, 0)))
		pr_warn("net: lo: cannot set 127.0.0.1\n");
	if (opt && ipconfig_parse(opt, &cfg)) {
		pr_warn("net: ip=%s not understood; using the QEMU user-network defaults\n", opt);
		cfg = (struct ipconfig){ .addr = IPV4_ADDR(10, 0, 2, 15),
					 .gateway = IPV4_ADDR(10, 0, 2, 2),
					 .mask = IPV4_ADDR(255, 255, 255, 0) };
	}
	dev = ipconfig_device(cfg.device);
	if (cfg.off || !dev)
		return;
	err = inet_set_addr(dev, cfg.addr, cfg.mask);
	if (!err && cfg.gateway)
		err = ip_route_add(0, 0, cfg.gateway, dev, 0);
	if (err)
		pr_warn("net: %s: configuration failed (%d)\n", dev->name, err);
	else
		pr_info("net: %s: %u.%u.%u.%u/%d gateway %u.%u.%u.%u%s\n", dev->name,
			cfg.addr & 0xff, cfg.addr >> 8 & 0xff, cfg.addr >> 16 & 0xff, cfg.addr >> 24,
			inet_mask_len(cfg.mask), cfg.gateway & 0xff, cfg.gateway >> 8 & 0xff,
			cfg.gateway >> 16 & 0xff, cfg.gateway >> 24,
			dev_link_up(dev) ? "" : " (no carrier)");
}

int net_snmp_show(struct seq_buf *s)
{
	struct icmp_stats ic;
	struct udp_stats us;
#define I(f) (unsigned long)atomic_long_read(&ip_stats.f)
	seq_puts(s, "Ip: Forwarding DefaultTTL InReceives InHdrErrors InAddrErrors ForwDatagrams "
		    "InUnknownProtos InDiscards InDelivers OutRequests OutDiscards OutNoRoutes "
		    "ReasmTimeout ReasmReqds ReasmOKs ReasmFails FragOKs FragFails FragCreates\n");
	seq_printf(s, "Ip: 2 %d %lu %lu %lu 0 %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu\n",
		   IP_DEFAULT_TTL, I(in_receives), I(in_hdr_errors) + I(in_csum_errors) + I(in_truncated),
		   I(in_addr_errors), I(in_unknown_protos), I(in_discards), I(in_delivers),
		   I(out_requests), I(out_discards), I(out_no_routes), I(reasm_timeouts),
		   I(reasm_reqds), I(reasm_oks), I(reasm_fails), I(frag_oks), I(frag_fails),
		   I(frag_creates));
#undef I
	icmp_stats_read(&ic);
	seq_puts(s, "Icmp: InMsgs InErrors InCsumErrors InDestUnreachs InEchos InEchoReps "
		    "OutMsgs OutDestUnreachs OutTimeExcds OutEchos OutEchoReps\n");
	seq_printf(s, "Icmp: %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu %lu\n", ic.in_msgs,
		   ic.in_errors, ic.in_csum_errors, ic.in_dest_unreachs, ic.in_echos,
		   ic.in_echo_reps, ic.out_msgs, ic.out_dest_unreachs, ic.out_time_excds,
		   ic.out_echos, ic.out_echo_reps);
	udp_stats_read(&us);
	seq_puts(s, "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors InCsumErrors\n");
	seq_printf(s, "Udp: %lu %lu %lu %lu %lu %lu\n", us.in_datagrams, us.no_ports,
		   us.in_errors, us.out_datagrams, us.rcvbuf_errors, us.in_csum_errors);
	return 0;
}
