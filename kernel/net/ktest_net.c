/*
 * Self-tests of the network stack below sockets (ktest=boot; names start
 * with "net_"): sk_buff arithmetic, UDP over loopback (delivery, port
 * rules, ICMP port unreachable as ECONNREFUSED, fragmentation and
 * reassembly, round trip and throughput), malformed input injected
 * through the receive path, and -- when the boot has a virtio-net card on
 * QEMU's user network -- ARP resolution of and ICMP echo to the gateway
 * 10.0.2.2 (slirp answers both).
 *
 * The tests run on cpu 0 in the init thread; the stack's receive side
 * runs in the net thread, so every check waits (bounded) for it.
 */
#include <kernel/clock.h>
#include <fs/procfs.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <net/arp.h>
#include <net/icmp.h>
#include <net/inet_csum.h>
#include <net/ip.h>
#include <net/ipfrag.h>
#include <uapi/errno.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <net/udp.h>
#include <sched/sched.h>
#include <sched/wait.h>

#define T_WAIT_TICKS (5 * HZ)	/* generous: QEMU's harts stall under host load */

/* A UDP endpoint that queues what it gets. */
struct t_ep {
	struct udp_endpoint ep;
	struct sk_buff_head q;
	struct wait_queue_head wq;
	int err;	/* last error reported */
};

static void t_rcv(struct udp_endpoint *ep, struct sk_buff *skb)
{
	struct t_ep *t = ep->priv;

	skb_queue_tail(&t->q, skb);
	wake_up_all(&t->wq);
}

static void t_err(struct udp_endpoint *ep, int err, u32 addr, u16 port)
{
	struct t_ep *t = ep->priv;

	WRITE_ONCE(t->err, err);
	wake_up_all(&t->wq);
}

static void t_ep_init(struct t_ep *t)
{
	memset(t, 0, sizeof(*t));
	t->ep.rcv = t_rcv;
	t->ep.err = t_err;
	t->ep.priv = t;
	INIT_LIST_HEAD(&t->ep.node);
	skb_queue_head_init(&t->q, "ktest_udp_q");
	wait_queue_head_init(&t->wq, "ktest_udp_wq");
}

static void t_ep_fini(struct t_ep *t)
{
	udp_unbind(&t->ep);
	skb_queue_purge(&t->q);
}

static struct sk_buff *t_recv(struct t_ep *t, long ticks)
{
	wait_event_timeout(t->wq, skb_queue_len(&t->q) > 0, ticks);
	return skb_dequeue(&t->q);
}

static int t_send(struct t_ep *t, u32 daddr, u16 dport, u32 len, u8 seed)
{
	struct sk_buff *skb = skb_alloc_tx(len, GFP_KERNEL);
	u8 *p;

	if (!skb)
		return -ENOMEM;
	p = skb_put(skb, len);
	for (u32 i = 0; i < len; i++)
		p[i] = (u8)(i * 7 + seed);
	return udp_send(&t->ep, daddr, dport, skb);
}

static bool t_payload_ok(const struct sk_buff *skb, u32 len, u8 seed)
{
	if (skb->len != len)
		return false;
	for (u32 i = 0; i < len; i++)
		if (skb->data[i] != (u8)(i * 7 + seed))
			return false;
	return true;
}

KTEST(net_skb_ops)
{
	struct sk_buff *skb = skb_alloc_tx(100, GFP_KERNEL), *c;
	long live = skb_live_count();

	if (!skb)
		return ktest_fail("no skb");
	memset(skb_put(skb, 100), 0xab, 100);
	skb_push(skb, 20)[0] = 0x45;
	if (skb->len != 120 || skb_headroom(skb) != SKB_MAX_HEADROOM - 20)
		return ktest_fail("push: len %u headroom %u", skb->len, skb_headroom(skb));
	c = skb_clone(skb, GFP_KERNEL);
	if (!c || !skb_cloned(skb) || c->data != skb->data)
		return ktest_fail("clone does not share");
	c = skb_unshare(c, GFP_KERNEL);
	if (!c || skb_cloned(skb) || c->data == skb->data || c->data[0] != 0x45 || c->len != 120)
		return ktest_fail("unshare did not copy");
	if (skb_pull(c, 121) || !skb_pull(c, 20) || c->data[0] != 0xab)
		return ktest_fail("pull");
	kfree_skb(c);
	kfree_skb(skb);
	return skb_live_count() == live - 1 ? NULL :
	       ktest_fail("live skbs %ld, expected %ld", skb_live_count(), live - 1);
}

KTEST(net_devices_configured)
{
	struct rt_result rt;

	if (!loopback_dev || loopback_dev->ifindex != 1 || loopback_dev->ip_addr != INADDR_LOOPBACK)
		return ktest_fail("lo missing or unconfigured");
	if (!(loopback_dev->flags & IFF_UP))
		return ktest_fail("lo down");
	if (ip_route_output(IPV4_ADDR(127, 0, 0, 9), &rt) || rt.dev != loopback_dev)
		return ktest_fail("127.0.0.9 does not route through lo");
	return NULL;
}

KTEST(net_udp_loopback)
{
	struct t_ep a, b;
	struct sk_buff *skb;
	const char *why = NULL;
	int err;

	t_ep_init(&a);
	t_ep_init(&b);
	if ((err = udp_bind(&a.ep, INADDR_ANY, htons(7001))) != 0 ||
	    (err = udp_bind(&b.ep, INADDR_LOOPBACK, 0)) != 0) {
		why = ktest_fail("bind: %d", err);
		goto out;
	}
	if (ntohs(b.ep.lport) < UDP_EPHEMERAL_LOW || ntohs(b.ep.lport) > UDP_EPHEMERAL_HIGH) {
		why = ktest_fail("ephemeral port %u", ntohs(b.ep.lport));
		goto out;
	}
	err = udp_send(&b.ep, INADDR_LOOPBACK, htons(7001), skb_alloc_tx(0, GFP_KERNEL));
	for (u32 len = 1; !err && len <= 1400; len = len * 3 + 1)
		err = t_send(&b, INADDR_LOOPBACK, htons(7001), len, (u8)len);
	if (err) {
		why = ktest_fail("send: %d", err);
		goto out;
	}
	skb = t_recv(&a, T_WAIT_TICKS);
	if (!skb || skb->len != 0 || UDP_SKB_CB(skb)->sport != b.ep.lport ||
	    UDP_SKB_CB(skb)->saddr != INADDR_LOOPBACK) {
		why = ktest_fail("empty datagram not delivered right");
		kfree_skb(skb);
		goto out;
	}
	kfree_skb(skb);
	for (u32 len = 1; len <= 1400; len = len * 3 + 1) {
		skb = t_recv(&a, T_WAIT_TICKS);
		if (!skb || !t_payload_ok(skb, len, (u8)len))
			why = ktest_fail("datagram of %u bytes lost or damaged", len);
		kfree_skb(skb);
		if (why)
			goto out;
	}
out:
	t_ep_fini(&a);
	t_ep_fini(&b);
	return why;
}

KTEST(net_udp_port_rules)
{
	struct t_ep a, b, c;
	const char *why = NULL;
	int err;

	t_ep_init(&a);
	t_ep_init(&b);
	t_ep_init(&c);
	if (udp_bind(&a.ep, INADDR_ANY, htons(7002)))
		why = ktest_fail("first bind");
	else if ((err = udp_bind(&b.ep, INADDR_LOOPBACK, htons(7002))) != -EADDRINUSE)
		why = ktest_fail("overlapping bind: %d", err);
	else if ((err = udp_bind(&c.ep, IPV4_ADDR(192, 0, 2, 1), htons(7003))) != -EADDRNOTAVAIL)
		why = ktest_fail("foreign address bind: %d", err);
	else if ((err = udp_bind(&a.ep, INADDR_ANY, htons(7004))) != -EINVAL)
		why = ktest_fail("second bind of one endpoint: %d", err);
	t_ep_fini(&a);
	if (!why && (err = udp_bind(&b.ep, INADDR_LOOPBACK, htons(7002))) != 0)
		why = ktest_fail("bind after unbind: %d", err);
	t_ep_fini(&b);
	t_ep_fini(&c);
	return why;
}

KTEST(net_udp_port_unreachable)
{
	struct t_ep a;
	struct udp_stats before, after;
	const char *why = NULL;
	int err;

	t_ep_init(&a);
	udp_stats_read(&before);
	err = udp_connect(&a.ep, INADDR_LOOPBACK, htons(9));	/* nobody listens on 9 */
	if (!err)
		err = t_send(&a, 0, 0, 10, 1);
	if (err) {
		why = ktest_fail("connect/send: %d", err);
		goto out;
	}
	wait_event_timeout(a.wq, READ_ONCE(a.err) != 0, T_WAIT_TICKS);
	udp_stats_read(&after);
	if (a.err != -ECONNREFUSED)
		why = ktest_fail("error reported: %d, expected ECONNREFUSED", a.err);
	else if (after.no_ports <= before.no_ports)
		why = ktest_fail("NoPorts not counted");
out:
	t_ep_fini(&a);
	return why;
}

/* Fragmentation and reassembly end to end: lo's MTU lowered for the test. */
KTEST(net_udp_fragments_loopback)
{
	struct t_ep a, b;
	struct sk_buff *skb;
	const char *why = NULL;
	long reasm = atomic_long_read(&ip_stats.reasm_oks);
	u32 mtu = loopback_dev->mtu;
	int err;

	t_ep_init(&a);
	t_ep_init(&b);
	loopback_dev->mtu = 1500;
	err = udp_bind(&a.ep, INADDR_ANY, htons(7005));
	if (!err)
		err = t_send(&b, INADDR_LOOPBACK, htons(7005), 4000, 3);
	if (!err)
		err = t_send(&b, INADDR_LOOPBACK, htons(7005), UDP_MAX_PAYLOAD, 4);
	loopback_dev->mtu = mtu;
	if (err) {
		why = ktest_fail("send: %d", err);
		goto out;
	}
	skb = t_recv(&a, T_WAIT_TICKS);
	if (!skb || !t_payload_ok(skb, 4000, 3))
		why = ktest_fail("4000-byte datagram lost or damaged");
	kfree_skb(skb);
	skb = why ? NULL : t_recv(&a, T_WAIT_TICKS);
	if (!why && (!skb || !t_payload_ok(skb, UDP_MAX_PAYLOAD, 4)))
		why = ktest_fail("65507-byte datagram lost or damaged");
	kfree_skb(skb);
	if (!why && atomic_long_read(&ip_stats.reasm_oks) < reasm + 2)
		why = ktest_fail("no reassembly counted");
	if (!why && (err = t_send(&b, INADDR_LOOPBACK, htons(7005), UDP_MAX_PAYLOAD + 1, 0)) != -EMSGSIZE)
		why = ktest_fail("oversized datagram: %d", err);
out:
	t_ep_fini(&a);
	t_ep_fini(&b);
	return why;
}

/* ---------------------------------------------------------------- malformed input */

/* Build an Ethernet + IPv4 frame for lo: payload of plen bytes; returns the skb (IP header at ip). */
static struct sk_buff *t_frame(u32 plen, u8 proto, u16 frag, u16 id, struct iphdr **ip)
{
	struct sk_buff *skb = skb_alloc_tx(sizeof(struct iphdr) + plen, GFP_KERNEL);
	struct iphdr *iph;

	if (!skb)
		return NULL;
	iph = (struct iphdr *)skb_put(skb, sizeof(*iph));
	memset(skb_put(skb, plen), 0x5a, plen);
	ip_build_header(iph, INADDR_LOOPBACK, INADDR_LOOPBACK, proto,
			(u16)(sizeof(*iph) + plen), id, frag, 64, 0);
	*ip = iph;
	return skb;
}

static void t_fix_csum(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = htons(ip_fast_csum(iph, iph_ihl(iph)));
}

/* Send a raw frame through lo (received by the net thread like any frame). */
static void t_inject(struct sk_buff *skb)
{
	skb->dev = loopback_dev;
	eth_header(skb, loopback_dev, ETH_P_IP, NULL);
	dev_queue_xmit(skb);
}

/*
 * Wait (up to T_WAIT_TICKS) until at most live skbs are alive: lo's
 * backlog drained and whatever the injected frames caused (ICMP errors to
 * ourselves) received and freed too. A fixed pause was not enough at smp1
 * under a loaded host. Returns the count.
 */
static long t_settle(long live)
{
	u64 until = ktime_get_ns() + (u64)T_WAIT_TICKS * NSEC_PER_TICK;
	long n;

	while ((n = skb_live_count()) > live && ktime_get_ns() < until)
		schedule_timeout(1);
	return n;
}

static long t_ip_errors(void)
{
	return atomic_long_read(&ip_stats.in_hdr_errors) + atomic_long_read(&ip_stats.in_csum_errors) +
	       atomic_long_read(&ip_stats.in_truncated) + atomic_long_read(&ip_stats.in_addr_errors);
}

KTEST(net_malformed_headers)
{
	long before = t_ip_errors(), live = skb_live_count();
	struct iphdr *iph;
	struct sk_buff *skb;
	int sent = 0;

	for (int kind = 0; kind < 8; kind++) {
		skb = t_frame(32, IPPROTO_UDP, 0, (u16)kind, &iph);
		if (!skb)
			return ktest_fail("no memory");
		switch (kind) {
		case 0: iph->version_ihl = 0x65; break;			/* version 6 */
		case 1: iph->version_ihl = 0x44; break;			/* IHL 4 */
		case 2: iph->version_ihl = 0x4f; break;			/* IHL 15 > frame */
		case 3: iph->tot_len = htons(2000); break;		/* longer than the frame */
		case 4: iph->tot_len = htons(12); break;		/* shorter than the header */
		case 5: iph->check ^= 0x1234; goto no_fix;		/* bad checksum */
		case 6: iph->ttl = 0; break;				/* TTL 0 */
		case 7: iph->frag_off = htons(IP_MF | 8190); break;	/* ends past 65535 */
		}
		t_fix_csum(iph);
no_fix:
		t_inject(skb);
		sent++;
	}
	/* Runt frames: shorter than an Ethernet header, and than an IP header. */
	for (u32 n = 0; n < 2; n++) {
		skb = skb_alloc_tx(8, GFP_KERNEL);
		if (!skb)
			return ktest_fail("no memory");
		memset(skb_put(skb, 8), 0x45, 8);
		skb->dev = loopback_dev;
		if (n)
			eth_header(skb, loopback_dev, ETH_P_IP, NULL);
		dev_queue_xmit(skb);
	}
	if (t_settle(live) != live)
		return ktest_fail("skbs leaked: %ld live, %ld before", skb_live_count(), live);
	if (t_ip_errors() - before < sent)
		return ktest_fail("%ld of %d malformed datagrams counted", t_ip_errors() - before, sent);
	return NULL;
}

/* Fragments: overlap, out of order, duplicate, timeout-bound queues. */
KTEST(net_malformed_fragments)
{
	struct t_ep a;
	struct iphdr *iph;
	struct sk_buff *skb;
	const char *why = NULL;
	long overlaps = atomic_long_read(&ip_stats.reasm_overlaps);
	/* A UDP datagram to port 7006 of 8 + 40 bytes in fragments of 16/16/16. */
	u8 dgram[48];
	u16 csum;

	t_ep_init(&a);
	if (udp_bind(&a.ep, INADDR_ANY, htons(7006)))
		return ktest_fail("bind");
	for (int i = 0; i < 48; i++)
		dgram[i] = (u8)(i * 7 + 9);
	put_be16(dgram, 1234);
	put_be16(dgram + 2, 7006);
	put_be16(dgram + 4, 48);
	put_be16(dgram + 6, 0);
	csum = csum_fold(csum_tcpudp_nofold(INADDR_LOOPBACK, INADDR_LOOPBACK, IPPROTO_UDP, 48,
					    csum_partial(dgram, 48, 0)));
	put_be16(dgram + 6, csum ? csum : 0xffff);
	/* 1: overlapping fragments (id 100): [0,16) then [8,24) poisons the datagram. */
	for (int f = 0; f < 2; f++) {
		skb = t_frame(16, IPPROTO_UDP, (u16)(IP_MF | f), 100, &iph);
		memcpy(iph + 1, dgram + f * 8, 16);
		t_fix_csum(iph);
		t_inject(skb);
	}
	/* 2: out of order with a duplicate (id 101): [32,48) last, [16,32), [16,32), [0,16). */
	static const int order[] = { 2, 1, 1, 0 };
	for (int k = 0; k < 4; k++) {
		int f = order[k];

		skb = t_frame(16, IPPROTO_UDP, (u16)((f < 2 ? IP_MF : 0) | (f * 2)), 101, &iph);
		memcpy(iph + 1, dgram + f * 16, 16);
		t_fix_csum(iph);
		t_inject(skb);
	}
	skb = t_recv(&a, T_WAIT_TICKS);
	if (!skb || skb->len != 40 || memcmp(skb->data, dgram + 8, 40) != 0)
		why = ktest_fail("out-of-order datagram not reassembled right");
	kfree_skb(skb);
	if (!why && atomic_long_read(&ip_stats.reasm_overlaps) <= overlaps)
		why = ktest_fail("overlap not detected");
	if (!why && skb_queue_len(&a.q) != 0)
		why = ktest_fail("the overlapping datagram was delivered");
	/* 3: a lone first fragment stays queued until flushed (the timeout is 30 s). */
	skb = t_frame(16, IPPROTO_UDP, IP_MF, 102, &iph);
	t_fix_csum(iph);
	t_inject(skb);
	for (u64 until = ktime_get_ns() + (u64)T_WAIT_TICKS * NSEC_PER_TICK;
	     ipfrag_queue_count() == 0 && ktime_get_ns() < until;)
		schedule_timeout(1);
	if (!why && ipfrag_queue_count() == 0)
		why = ktest_fail("lone fragment not queued");
	ipfrag_flush();
	t_ep_fini(&a);
	return why;
}

/* ---------------------------------------------------------------- measurements */

KTEST(net_udp_loopback_perf)
{
	struct t_ep a, b;
	struct sk_buff *skb;
	const char *why = NULL;
	u64 t0, t1, rtt_total = 0, bytes = 0;
	int rounds = 200, err = 0;

	t_ep_init(&a);
	t_ep_init(&b);
	if (udp_bind(&a.ep, INADDR_LOOPBACK, htons(7007)) || udp_bind(&b.ep, INADDR_LOOPBACK, htons(7008)))
		return ktest_fail("bind");
	/* Round trip: b -> a, a echoes -> b; 200 rounds or 1 s, whichever comes first. */
	t1 = ktime_get_ns();
	for (int i = 0; i < rounds && !why; i++) {
		if (ktime_get_ns() - t1 > 1000000000ull) {
			rounds = i;
			break;
		}
		t0 = ktime_get_ns();
		err = t_send(&b, INADDR_LOOPBACK, htons(7007), 64, 1);
		skb = err ? NULL : t_recv(&a, T_WAIT_TICKS);
		if (skb) {
			kfree_skb(skb);
			err = t_send(&a, INADDR_LOOPBACK, htons(7008), 64, 2);
			skb = err ? NULL : t_recv(&b, T_WAIT_TICKS);
		}
		if (!skb)
			why = ktest_fail("round trip %d lost (%d)", i, err);
		kfree_skb(skb);
		rtt_total += ktime_get_ns() - t0;
	}
	/* Throughput: 1400-byte datagrams for ~100 ms, receiver draining as it goes. */
	t0 = ktime_get_ns();
	while (!why && ktime_get_ns() - t0 < 100000000ull) {
		for (int k = 0; k < 32 && !err; k++)
			err = t_send(&b, INADDR_LOOPBACK, htons(7007), 1400, 5);
		for (int k = 0; k < 32 && !err; k++) {
			skb = t_recv(&a, T_WAIT_TICKS);
			if (!skb) {
				err = -ETIMEDOUT;
				break;
			}
			bytes += skb->len;
			kfree_skb(skb);
		}
		if (err)
			why = ktest_fail("throughput: %d", err);
	}
	t1 = ktime_get_ns();
	if (!why && rounds)
		printk("net: loopback UDP round trip %llu us (64 bytes, %d rounds), "
		       "throughput %llu Mbit/s (1400-byte datagrams)\n",
		       (unsigned long long)(rtt_total / rounds / 1000), rounds,
		       (unsigned long long)(bytes * 8 * 1000 / ((t1 - t0) ? (t1 - t0) : 1)));
	t_ep_fini(&a);
	t_ep_fini(&b);
	return why;
}

/* ---------------------------------------------------------------- the QEMU user network */

static struct net_device *t_eth0(void)
{
	struct net_device *dev = dev_get_by_name("eth0");

	return dev && dev->ip_addr == IPV4_ADDR(10, 0, 2, 15) ? dev : NULL;
}

/* icmp_ping, retried while the card's transmit backlog is full (-ENOBUFS) for up to 5 s. */
static int t_ping(u16 id, u16 seq, u32 len, u64 *rtt)
{
	u64 until = ktime_get_ns() + 5000000000ull;
	int err;

	while ((err = icmp_ping(IPV4_ADDR(10, 0, 2, 2), id, seq, len, 3000000000ull, rtt)) == -ENOBUFS &&
	       ktime_get_ns() < until)
		schedule_timeout(1);
	return err;
}

KTEST(net_arp_gateway)
{
	struct net_device *dev = t_eth0();
	u8 mac[ETH_ALEN];
	u64 rtt;
	int err;

	if (!dev) {
		printk("net_arp_gateway: no eth0 at 10.0.2.15 (no -netdev user card): skipped\n");
		return NULL;
	}
	arp_flush();
	/* Any datagram to the gateway resolves it; the ping waits for that too. */
	err = t_ping(0x4b54, 1, 56, &rtt);
	if (!arp_lookup(dev, IPV4_ADDR(10, 0, 2, 2), mac))
		return ktest_fail("10.0.2.2 not resolved (ping %d)", err);
	if (mac[0] != 0x52 || mac[1] != 0x55)
		printk("net: gateway MAC %02x:%02x:%02x:%02x:%02x:%02x (not slirp's 52:55:..)\n",
		       mac[0], mac[1], mac[2], mac[3], mac[4], mac[5]);
	return NULL;
}

KTEST(net_icmp_ping_gateway)
{
	u64 rtt, best = ~0ull, total = 0;
	int n = 20, err;

	if (!t_eth0()) {
		printk("net_icmp_ping_gateway: no eth0 at 10.0.2.15: skipped\n");
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		err = t_ping(0x4b54, (u16)(100 + i), 56, &rtt);
		if (err)
			return ktest_fail("echo %d to 10.0.2.2: %d", i, err);
		total += rtt;
		best = MIN(best, rtt);
	}
	printk("net: ping 10.0.2.2 (slirp) %d echoes, avg %llu us, best %llu us\n", n,
	       (unsigned long long)(total / n / 1000), (unsigned long long)(best / 1000));
	return NULL;
}

/*
 * Packet rates through the card: transmit (64-byte UDP datagrams to
 * 10.0.2.2's discard port, which slirp drops with restrict=on) and
 * request/response (sequential echoes), both bounded by time.
 */
KTEST(net_virtio_packet_rate)
{
	struct net_device *dev = t_eth0();
	long tx0, drop0;
	u64 t0, dt, n = 0, echoes = 0, rtt;
	struct t_ep a;
	int err = 0;

	if (!dev) {
		printk("net_virtio_packet_rate: no eth0 at 10.0.2.15: skipped\n");
		return NULL;
	}
	/* Resolve the gateway first, or the datagrams wait in ARP's queue. */
	err = t_ping(0x5054, 0, 8, &rtt);
	if (err)
		return ktest_fail("first echo: %d", err);
	t_ep_init(&a);
	tx0 = atomic_long_read(&dev->stats.tx_packets);
	drop0 = atomic_long_read(&dev->stats.tx_dropped);
	t0 = ktime_get_ns();
	while (!err && ktime_get_ns() - t0 < 100000000ull) {
		err = t_send(&a, IPV4_ADDR(10, 0, 2, 2), htons(9), 64, 0);
		n++;
	}
	dt = ktime_get_ns() - t0;
	t_ep_fini(&a);
	if (err && err != -ENOBUFS)
		return ktest_fail("send: %d", err);
	printk("net: virtio-net transmit %llu packets/s (%ld sent, %ld dropped)\n",
	       (unsigned long long)(n * 1000000000ull / (dt ? dt : 1)),
	       atomic_long_read(&dev->stats.tx_packets) - tx0,
	       atomic_long_read(&dev->stats.tx_dropped) - drop0);
	t0 = ktime_get_ns();
	while (ktime_get_ns() - t0 < 100000000ull) {
		err = t_ping(0x5054, (u16)echoes, 56, &rtt);
		if (err)
			return ktest_fail("echo %llu: %d", (unsigned long long)echoes, err);
		echoes++;
	}
	dt = ktime_get_ns() - t0;
	printk("net: virtio-net echo request/reply %llu round trips/s\n",
	       (unsigned long long)(echoes * 1000000000ull / (dt ? dt : 1)));
	return NULL;
}

static int t_show_dev(struct seq_buf *s, void *arg) { (void)arg; return net_dev_show(s); }
static int t_show_route(struct seq_buf *s, void *arg) { (void)arg; return net_route_show(s); }
static int t_show_arp(struct seq_buf *s, void *arg) { (void)arg; return net_arp_show(s); }
static int t_show_snmp(struct seq_buf *s, void *arg) { (void)arg; return net_snmp_show(s); }

/* Generate a /proc/net file and look for a line. */
static const char *t_proc(int (*show)(struct seq_buf *, void *), const char *name, const char *want)
{
	struct seq_buf s;
	const char *why = NULL;

	if (seq_buf_generate(&s, show, NULL))
		return ktest_fail("%s: no text", name);
	s.buf[s.len < s.size ? s.len : s.size - 1] = '\0';
	if (!strstr(s.buf, want))
		why = ktest_fail("%s lacks \"%s\"", name, want);
	seq_buf_free(&s);
	return why;
}

KTEST(net_proc_files)
{
	const char *why = t_proc(t_show_dev, "dev", "    lo:");

	if (!why)
		why = t_proc(t_show_route, "route", "lo\t0000007F\t00000000\t0001");
	if (!why)
		why = t_proc(t_show_snmp, "snmp", "Udp: InDatagrams");
	if (!why && t_eth0()) {
		u64 rtt;
		int err = t_ping(0x5054, 0, 8, &rtt);

		if (err)
			return ktest_fail("echo to resolve 10.0.2.2: %d", err);
		why = t_proc(t_show_route, "route", "eth0\t00000000\t0202000A\t0003");
		if (!why)
			why = t_proc(t_show_arp, "arp", "10.0.2.2         0x1         0x2");
	}
	return why;
}
