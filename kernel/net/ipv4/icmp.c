/*
 * ICMP for IPv4: echo (both directions), error generation with the RFC
 * 1122 restrictions and a rate limit, and delivery of received errors to
 * the sending protocol. Interface in net/icmp.h.
 *
 * Echo requests to a broadcast address are ignored (as Linux's default
 * icmp_echo_ignore_broadcasts). Errors are limited to ICMP_RATE_BURST at
 * once refilled at ICMP_RATE_PER_SEC (a token bucket) so a flood of bad
 * packets cannot make us flood back.
 *
 * Locks: "icmp" (plain, a leaf) guards the ping waiters, the token bucket
 * and the counters. Ping waiters sleep on icmp_ping_wq.
 */
#include <kernel/clock.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <net/icmp.h>
#include <net/inet_csum.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <uapi/errno.h>

#define ICMP_RATE_PER_SEC	1000
#define ICMP_RATE_BURST		50
#define ICMP_QUOTE_MAX		(576 - 20 - 8)	/* RFC 1812 4.3.2.3 */
#define ICMP_PING_MAX		1400

const struct inet_protocol *inet_get_protocol(u8 proto);

struct icmp_ping_waiter {
	struct list_head node;	/* [icmp] */
	u32 daddr;		/* [I] */
	u16 id, seq;		/* [I] be16 */
	u32 len;		/* [I] payload bytes */
	u64 sent;		/* [I] ktime_get_ns() before sending */
	u64 rtt_ns;		/* [icmp] */
	int result;		/* [icmp] 1 while waiting, then 0 or -EIO */
};

static struct spinlock icmp_lock = SPINLOCK_INIT("icmp");
static LIST_HEAD(icmp_waiters);		/* [icmp] */
static struct icmp_stats icmp_st;	/* [icmp] */
static u64 icmp_tokens = ICMP_RATE_BURST, icmp_token_time;	/* [icmp] */
static struct wait_queue_head icmp_ping_wq = WAIT_QUEUE_HEAD_INIT(icmp_ping_wq, "icmp_ping_wq");

#define ICMP_COUNT(field) do { spin_lock(&icmp_lock); icmp_st.field++; spin_unlock(&icmp_lock); } while (0)

/* Take one token for an error; false if over the rate. */
static bool icmp_rate_allow(void)
{
	u64 now = ktime_get_ns();
	bool ok;

	spin_lock(&icmp_lock);
	icmp_tokens += (now - icmp_token_time) * ICMP_RATE_PER_SEC / 1000000000ull;
	if (icmp_tokens > ICMP_RATE_BURST)
		icmp_tokens = ICMP_RATE_BURST;
	if (icmp_tokens)
		icmp_token_time = now;
	ok = icmp_tokens > 0;
	if (ok)
		icmp_tokens--;
	spin_unlock(&icmp_lock);
	return ok;
}

/* Send an ICMP message: hdr then len bytes of data, from saddr to daddr. */
static int icmp_xmit(const struct icmphdr *hdr, const void *data, u32 len, u32 saddr, u32 daddr)
{
	struct sk_buff *skb = skb_alloc_tx(sizeof(*hdr) + len, GFP_KERNEL);
	struct icmphdr *h;

	if (!skb)
		return -ENOMEM;
	h = (struct icmphdr *)skb_put_data(skb, hdr, sizeof(*hdr));
	skb_put_data(skb, data, len);
	h->checksum = 0;
	h->checksum = htons(csum_fold(csum_partial(h, sizeof(*h) + len, 0)));
	ICMP_COUNT(out_msgs);
	return ip_output(skb, saddr, daddr, IPPROTO_ICMP, 0, 0, false);
}

/* May we send an error about this datagram (RFC 1122 3.2.2)? */
static bool icmp_error_allowed(const struct sk_buff *skb, const struct iphdr *iph, u32 avail)
{
	u32 hlen = iph_ihl(iph) * 4u;

	if (ntohs(iph->frag_off) & IP_OFFSET)
		return false;
	if (skb->pkt_type != PACKET_HOST || inet_addr_is_broadcast(iph->daddr) ||
	    ipv4_is_multicast(iph->daddr))
		return false;
	if (iph->saddr == 0 || inet_addr_is_broadcast(iph->saddr) || ipv4_is_multicast(iph->saddr))
		return false;
	if (iph->protocol == IPPROTO_ICMP) {
		const u8 *type = (const u8 *)iph + hlen;

		if (avail < hlen + 1 || (*type != ICMP_ECHO && *type != ICMP_ECHOREPLY))
			return false;	/* never an error about an error */
	}
	return true;
}

void icmp_send(struct sk_buff *skb_in, u8 type, u8 code, u32 info)
{
	const struct iphdr *iph = ip_hdr(skb_in);
	u32 avail = (u32)(skb_tail_pointer(skb_in) - skb_network_header(skb_in));
	struct icmphdr h = { .type = type, .code = code };
	u32 saddr;

	if (avail < sizeof(*iph) || !icmp_error_allowed(skb_in, iph, avail) || !icmp_rate_allow())
		return;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		h.un.frag.mtu = htons((u16)info);
	saddr = inet_addr_is_local(iph->daddr) ? iph->daddr : INADDR_ANY;
	spin_lock(&icmp_lock);
	if (type == ICMP_DEST_UNREACH)
		icmp_st.out_dest_unreachs++;
	else if (type == ICMP_TIME_EXCEEDED)
		icmp_st.out_time_excds++;
	spin_unlock(&icmp_lock);
	icmp_xmit(&h, iph, MIN(avail, (u32)ICMP_QUOTE_MAX), saddr, iph->saddr);
}

/* ---------------------------------------------------------------- receive */

static void icmp_echo(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct icmphdr h;

	if (skb->pkt_type != PACKET_HOST || inet_addr_is_broadcast(iph->daddr) ||
	    ipv4_is_multicast(iph->daddr))
		return;
	memcpy(&h, skb->data, sizeof(h));
	h.type = ICMP_ECHOREPLY;
	h.code = 0;
	ICMP_COUNT(out_echo_reps);
	icmp_xmit(&h, skb->data + sizeof(h), skb->len - (u32)sizeof(h), iph->daddr, iph->saddr);
}

/* Does the payload carry ping's pattern for seq? */
static bool icmp_pattern_ok(const u8 *p, u32 len, u16 seq)
{
	for (u32 i = 0; i < len; i++)
		if (p[i] != (u8)(i + seq))
			return false;
	return true;
}

static void icmp_echo_reply(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct icmphdr h;
	struct icmp_ping_waiter *w;
	bool woke = false;

	memcpy(&h, skb->data, sizeof(h));
	spin_lock(&icmp_lock);
	list_for_each_entry(w, &icmp_waiters, node) {
		if (w->result != 1 || w->id != h.un.echo.id || w->seq != h.un.echo.sequence ||
		    w->daddr != iph->saddr)
			continue;
		w->rtt_ns = ktime_get_ns() - w->sent;
		w->result = skb->len - sizeof(h) == w->len &&
			    icmp_pattern_ok(skb->data + sizeof(h), w->len, ntohs(w->seq)) ? 0 : -EIO;
		woke = true;
	}
	spin_unlock(&icmp_lock);
	if (woke)
		wake_up_all(&icmp_ping_wq);
}

/* An error about one of our datagrams: check the quote, tell its protocol. */
static void icmp_unreach(struct sk_buff *skb, const struct icmphdr *h)
{
	const struct iphdr *inner = (const struct iphdr *)(skb->data + sizeof(*h));
	u32 len = skb->len - (u32)sizeof(*h), ihl;
	const struct inet_protocol *prot;

	if (len < sizeof(*inner) || (inner->version_ihl >> 4) != 4)
		goto bad;
	ihl = iph_ihl(inner) * 4u;
	if (ihl < sizeof(*inner) || len < ihl + 8)
		goto bad;
	prot = inet_get_protocol(inner->protocol);
	if (prot && prot->err_handler)
		prot->err_handler(h->type, h->code, inner, len);
	return;
bad:
	ICMP_COUNT(in_errors);
}

static void icmp_rcv(struct sk_buff *skb)
{
	struct icmphdr h;

	ICMP_COUNT(in_msgs);
	if (skb->len < sizeof(h)) {
		ICMP_COUNT(in_errors);
		goto out;
	}
	if (csum_fold(csum_partial(skb->data, skb->len, 0)) != 0) {
		ICMP_COUNT(in_csum_errors);
		goto out;
	}
	memcpy(&h, skb->data, sizeof(h));
	switch (h.type) {
	case ICMP_ECHO:
		ICMP_COUNT(in_echos);
		icmp_echo(skb);
		break;
	case ICMP_ECHOREPLY:
		ICMP_COUNT(in_echo_reps);
		icmp_echo_reply(skb);
		ping_rcv(skb);
		break;
	case ICMP_DEST_UNREACH:
		ICMP_COUNT(in_dest_unreachs);
		icmp_unreach(skb, &h);
		break;
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		icmp_unreach(skb, &h);
		break;
	}
out:
	kfree_skb(skb);
}

static const struct inet_protocol icmp_protocol = {
	.handler = icmp_rcv,
	.err_handler = ping_err,
};

void icmp_init(void)
{
	icmp_token_time = ktime_get_ns();
	inet_add_protocol(IPPROTO_ICMP, &icmp_protocol);
}

/* ---------------------------------------------------------------- ping */

static int icmp_ping_send(struct icmp_ping_waiter *w)
{
	struct icmphdr h = { .type = ICMP_ECHO, .un.echo = { w->id, w->seq } };
	u8 *payload = kmalloc(w->len ? w->len : 1, GFP_KERNEL);
	int err;

	if (!payload)
		return -ENOMEM;
	for (u32 i = 0; i < w->len; i++)
		payload[i] = (u8)(i + ntohs(w->seq));
	ICMP_COUNT(out_echos);
	err = icmp_xmit(&h, payload, w->len, INADDR_ANY, w->daddr);
	kfree(payload);
	return err;
}

int icmp_ping(u32 daddr, u16 id, u16 seq, u32 len, u64 timeout_ns, u64 *rtt_ns)
{
	struct icmp_ping_waiter w = { .daddr = daddr, .id = htons(id), .seq = htons(seq),
				      .len = len, .result = 1 };
	long ticks = (long)((timeout_ns + NSEC_PER_TICK - 1) / NSEC_PER_TICK);
	int err;

	if (len > ICMP_PING_MAX)
		return -EINVAL;
	w.sent = ktime_get_ns();
	spin_lock(&icmp_lock);
	list_add(&w.node, &icmp_waiters);
	spin_unlock(&icmp_lock);
	err = icmp_ping_send(&w);
	if (!err)
		wait_event_timeout(icmp_ping_wq, READ_ONCE(w.result) != 1, ticks);
	spin_lock(&icmp_lock);
	list_del(&w.node);
	if (!err)
		err = w.result == 1 ? -ETIMEDOUT : w.result;
	spin_unlock(&icmp_lock);
	if (!err && rtt_ns)
		*rtt_ns = w.rtt_ns;
	return err;
}

void icmp_stats_read(struct icmp_stats *out)
{
	spin_lock(&icmp_lock);
	*out = icmp_st;
	spin_unlock(&icmp_lock);
}
