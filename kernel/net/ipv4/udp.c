/*
 * UDP (RFC 768): the port table, input with checksum verification and
 * demultiplexing, output with the pseudo-header checksum, ephemeral
 * ports, ICMP errors to the sender. Interface and callback rules in
 * net/udp.h.
 *
 * The table is UDP_HASH_SIZE chains hashed by local port. Lookups,
 * binds and callbacks all run under "udp_table" (plain spinlock): it is
 * taken in the net thread (input, errors) and by socket calls (bind,
 * unbind, connect, the port choice of send). Callbacks run with it held
 * (so udp_unbind() needs no further synchronization), and may take only
 * locks ordered after it (a socket's receive-queue lock, wait queues).
 */
#include <fs/procfs.h>
#include <kernel/random.h>
#include <kernel/panic.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <net/icmp.h>
#include <net/inet_csum.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <net/udp.h>
#include <uapi/errno.h>

#define UDP_HASH_SIZE 64

static struct spinlock udp_lock = SPINLOCK_INIT("udp_table");
static struct list_head udp_hash[UDP_HASH_SIZE];	/* [udp_table] */
static u16 udp_next_ephemeral;				/* [udp_table] host order */
static struct udp_stats udp_st;				/* [udp_table] */

static struct list_head *udp_chain(u16 port)
{
	return &udp_hash[ntohs(port) % UDP_HASH_SIZE];
}

/* Would ep on laddr:port clash with a bound endpoint? Under udp_table. */
static bool udp_port_busy(u32 laddr, u16 port, bool reuse)
{
	struct udp_endpoint *o;

	list_for_each_entry(o, udp_chain(port), node) {
		if (o->lport != port)
			continue;
		if (o->laddr && laddr && o->laddr != laddr)
			continue;	/* different specific addresses */
		if (!(reuse && o->reuse))
			return true;
	}
	return false;
}

/* Pick a free ephemeral port for laddr (be16), or 0. Under udp_table. */
static u16 udp_pick_port(u32 laddr)
{
	u32 range = UDP_EPHEMERAL_HIGH - UDP_EPHEMERAL_LOW + 1;

	if (!udp_next_ephemeral)
		udp_next_ephemeral = (u16)(UDP_EPHEMERAL_LOW + get_random_u32() % range);
	for (u32 i = 0; i < range; i++) {
		u16 p = udp_next_ephemeral;

		udp_next_ephemeral = p == UDP_EPHEMERAL_HIGH ? UDP_EPHEMERAL_LOW : (u16)(p + 1);
		if (!udp_port_busy(laddr, htons(p), false))
			return htons(p);
	}
	return 0;
}

/* Under udp_table. */
static int __udp_bind(struct udp_endpoint *ep, u32 laddr, u16 port)
{
	if (ep->bound)
		return -EINVAL;
	if (port == 0) {
		port = udp_pick_port(laddr);
		if (!port)
			return -EAGAIN;
	} else if (udp_port_busy(laddr, port, ep->reuse)) {
		return -EADDRINUSE;
	}
	ep->laddr = laddr;
	ep->lport = port;
	ep->bound = true;
	list_add(&ep->node, udp_chain(port));
	return 0;
}

int udp_bind(struct udp_endpoint *ep, u32 laddr, u16 port)
{
	int err;

	if (laddr && !inet_addr_is_local(laddr) && !inet_addr_is_broadcast(laddr))
		return -EADDRNOTAVAIL;
	spin_lock(&udp_lock);
	err = __udp_bind(ep, laddr, port);
	spin_unlock(&udp_lock);
	return err;
}

void udp_unbind(struct udp_endpoint *ep)
{
	spin_lock(&udp_lock);
	if (ep->bound) {
		list_del_init(&ep->node);
		ep->bound = false;
		ep->lport = 0;
		ep->raddr = 0;
		ep->rport = 0;
	}
	spin_unlock(&udp_lock);
}

int udp_connect(struct udp_endpoint *ep, u32 raddr, u16 rport)
{
	int err = 0;

	if ((raddr == 0) != (rport == 0))
		return -EINVAL;
	spin_lock(&udp_lock);
	if (!ep->bound && raddr)
		err = __udp_bind(ep, INADDR_ANY, 0);
	if (!err) {
		ep->raddr = raddr;
		ep->rport = rport;
	}
	spin_unlock(&udp_lock);
	return err;
}

void udp_endpoint_names(struct udp_endpoint *ep, u32 *laddr, u16 *lport, u32 *raddr, u16 *rport)
{
	spin_lock(&udp_lock);
	*laddr = ep->laddr;
	*lport = ep->lport;
	*raddr = ep->raddr;
	*rport = ep->rport;
	spin_unlock(&udp_lock);
}

void udp_count_rcvbuf_error(void)
{
	assert_held(&udp_lock);
	udp_st.rcvbuf_errors++;
}

/* ---------------------------------------------------------------- output */

int udp_send(struct udp_endpoint *ep, u32 daddr, u16 dport, struct sk_buff *skb)
{
	struct rt_result rt;
	struct udphdr *uh;
	u32 len = skb->len + UDP_HLEN, saddr;
	u16 sport, csum;
	int err = 0;

	spin_lock(&udp_lock);
	if (!daddr && !dport) {
		daddr = ep->raddr;
		dport = ep->rport;
	}
	if (!daddr)
		err = -EDESTADDRREQ;
	else if (!dport)
		err = -EINVAL;
	else if (skb->len > UDP_MAX_PAYLOAD)
		err = -EMSGSIZE;
	else if (!ep->bound)
		err = __udp_bind(ep, INADDR_ANY, 0);
	sport = ep->lport;
	saddr = ep->laddr;
	if (!err)
		udp_st.out_datagrams++;
	spin_unlock(&udp_lock);
	if (!err)
		err = ip_route_output_oif(daddr, READ_ONCE(ep->oif), &rt);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	if (saddr == INADDR_ANY || inet_addr_is_broadcast(saddr))
		saddr = rt.saddr;
	uh = (struct udphdr *)skb_push(skb, UDP_HLEN);
	uh->source = sport;
	uh->dest = dport;
	uh->len = htons((u16)len);
	uh->check = 0;
	if (!ep->no_check) {
		csum = csum_fold(csum_tcpudp_nofold(saddr, daddr, IPPROTO_UDP, (u16)len,
						    csum_partial(uh, len, 0)));
		uh->check = htons(csum ? csum : 0xffff);	/* 0 means "none" */
	}
	return ip_output_oif(skb, saddr, daddr, IPPROTO_UDP, READ_ONCE(ep->ttl), READ_ONCE(ep->tos),
			     false, READ_ONCE(ep->oif));
}

/* ---------------------------------------------------------------- input */

/*
 * The endpoint for a datagram to daddr:dport from saddr:sport: a
 * connected match beats a bound-address match beats a wildcard; among
 * equals the latest bound (chain head) wins. Under udp_table.
 */
static struct udp_endpoint *udp_lookup(u32 saddr, u16 sport, u32 daddr, u16 dport)
{
	struct udp_endpoint *ep, *best = NULL;
	int best_score = -1;

	list_for_each_entry(ep, udp_chain(dport), node) {
		int score = 0;

		if (ep->lport != dport)
			continue;
		if (ep->laddr) {
			if (ep->laddr != daddr)
				continue;
			score += 1;
		}
		if (ep->raddr) {
			if (ep->raddr != saddr || ep->rport != sport)
				continue;
			score += 2;
		}
		if (score > best_score) {
			best = ep;
			best_score = score;
		}
	}
	return best;
}

/* Header length and checksum; false if the datagram must be dropped. Under udp_table (counters). */
static bool udp_valid(struct sk_buff *skb, const struct iphdr *iph)
{
	const struct udphdr *uh = (const struct udphdr *)skb->data;
	u32 ulen;

	if (skb->len < UDP_HLEN)
		goto bad;
	ulen = ntohs(uh->len);
	if (ulen < UDP_HLEN || ulen > skb->len)
		goto bad;
	skb_trim(skb, ulen);
	if (uh->check && csum_fold(csum_tcpudp_nofold(iph->saddr, iph->daddr, IPPROTO_UDP,
						      (u16)ulen, csum_partial(uh, ulen, 0))) != 0) {
		udp_st.in_csum_errors++;
		goto bad;
	}
	return true;
bad:
	udp_st.in_errors++;
	return false;
}

static void udp_rcv(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct udphdr *uh = (const struct udphdr *)skb->data;
	struct udp_endpoint *ep;
	struct udp_skb_cb *cb = UDP_SKB_CB(skb);

	spin_lock(&udp_lock);
	if (!udp_valid(skb, iph))
		goto drop;
	ep = udp_lookup(iph->saddr, uh->source, iph->daddr, uh->dest);
	if (!ep) {
		udp_st.no_ports++;
		spin_unlock(&udp_lock);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
		kfree_skb(skb);
		return;
	}
	cb->saddr = iph->saddr;
	cb->daddr = iph->daddr;
	cb->sport = uh->source;
	cb->dport = uh->dest;
	skb_pull(skb, UDP_HLEN);
	udp_st.in_datagrams++;
	ep->rcv(ep, skb);
	spin_unlock(&udp_lock);
	return;
drop:
	spin_unlock(&udp_lock);
	kfree_skb(skb);
}

static int udp_icmp_errno(u8 type, u8 code)
{
	if (type != ICMP_DEST_UNREACH)
		return -EHOSTUNREACH;
	switch (code) {
	case ICMP_PORT_UNREACH:
		return -ECONNREFUSED;
	case ICMP_PROT_UNREACH:
		return -EPROTO;
	case ICMP_FRAG_NEEDED:
		return -EMSGSIZE;
	case ICMP_NET_UNREACH:
		return -ENETUNREACH;
	default:
		return -EHOSTUNREACH;
	}
}

/* An ICMP error quoting a datagram we sent: inner saddr:sport is ours. */
static void udp_err(u8 type, u8 code, const struct iphdr *inner, u32 inner_len)
{
	const struct udphdr *uh = (const struct udphdr *)((const u8 *)inner + iph_ihl(inner) * 4u);
	struct udp_endpoint *ep;

	(void)inner_len;	/* icmp checked ihl + 8 bytes are there */
	spin_lock(&udp_lock);
	/* Look up as if the peer had sent to us: its address and port are the quoted destination. */
	ep = udp_lookup(inner->daddr, uh->dest, inner->saddr, uh->source);
	if (ep && ep->raddr && ep->err)
		ep->err(ep, udp_icmp_errno(type, code), inner->daddr, uh->dest);
	spin_unlock(&udp_lock);
}

static const struct inet_protocol udp_protocol = {
	.handler = udp_rcv,
	.err_handler = udp_err,
};

void udp_init(void)
{
	for (int i = 0; i < UDP_HASH_SIZE; i++)
		INIT_LIST_HEAD(&udp_hash[i]);
	inet_add_protocol(IPPROTO_UDP, &udp_protocol);
}

void udp_stats_read(struct udp_stats *out)
{
	spin_lock(&udp_lock);
	*out = udp_st;
	spin_unlock(&udp_lock);
}

/* Linux's /proc/net/udp: every line (the header too) padded to 127 columns. */
static void udp_show_line(struct seq_buf *s, const char *line)
{
	seq_printf(s, "%-127s\n", line);
}

int net_udp_show(struct seq_buf *s)
{
	char line[160];

	udp_show_line(s, "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
		      "retrnsmt   uid  timeout inode ref pointer drops");
	spin_lock(&udp_lock);
	for (int i = 0; i < UDP_HASH_SIZE; i++) {
		struct udp_endpoint *ep;

		list_for_each_entry(ep, &udp_hash[i], node) {
			snprintf(line, sizeof(line),
				 "%5d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d "
				 "%016lx %u", i, ep->laddr, ntohs(ep->lport), ep->raddr, ntohs(ep->rport),
				 ep->raddr ? 1 : 7, 0, ep->rx_queued ? ep->rx_queued(ep) : 0, 0, 0ul, 0,
				 ep->uid, 0, ep->ino, 2, 0ul, 0);
			udp_show_line(s, line);
		}
	}
	spin_unlock(&udp_lock);
	return 0;
}
