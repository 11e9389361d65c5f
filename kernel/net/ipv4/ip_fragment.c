/*
 * IPv4 reassembly queues: one per (saddr, daddr, id, protocol), holding
 * the fragments' skbs in a frag_set (ipfrag_core.c). Limits, timeouts and
 * the overlap policy in net/ipfrag.h.
 *
 * A completed datagram is copied into one new skb (the first fragment's
 * header, then the payload pieces in order) and the fragments are freed.
 *
 * Locks: "ipfrag" (plain, a leaf) guards the queue list, each queue and
 * the memory count. Fragments to free are collected under it and freed
 * after the unlock.
 */
#include <kernel/clock.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <net/icmp.h>
#include <net/inet_csum.h>
#include <net/ip.h>
#include <net/ipfrag.h>
#include <net/netdevice.h>

struct ipq {
	struct list_head node;		/* [ipfrag] ipq_list, oldest first */
	u32 saddr, daddr;		/* [I] be32 */
	u16 id;				/* [I] be16 */
	u8 protocol;			/* [I] */
	u64 expires;			/* [I] */
	u32 mem;			/* [ipfrag] bytes of the skbs held */
	struct frag_set set;		/* [ipfrag] tokens are sk_buffs */
};

static struct spinlock ipfrag_lock = SPINLOCK_INIT("ipfrag");
static LIST_HEAD(ipq_list);		/* [ipfrag] */
static unsigned int ipq_count;		/* [ipfrag] */
static u32 ipfrag_mem;			/* [ipfrag] */

/* Under ipfrag. */
static struct ipq *ipq_find(const struct iphdr *iph)
{
	struct ipq *q;

	list_for_each_entry(q, &ipq_list, node)
		if (q->id == iph->id && q->saddr == iph->saddr && q->daddr == iph->daddr &&
		    q->protocol == iph->protocol)
			return q;
	return NULL;
}

/* Unlink q and move its skbs onto out (their list links). Under ipfrag; q is the caller's. */
static void ipq_kill(struct ipq *q, struct list_head *out)
{
	for (unsigned int i = 0; i < q->set.n; i++) {
		struct sk_buff *skb = q->set.piece[i].token;

		list_add_tail(&skb->list, out);
	}
	q->set.n = 0;
	ipfrag_mem -= q->mem;
	list_del(&q->node);
	ipq_count--;
}

static void skb_list_free(struct list_head *l)
{
	while (!list_empty(l)) {
		struct sk_buff *skb = list_first_entry(l, struct sk_buff, list);

		list_del_init(&skb->list);
		kfree_skb(skb);
	}
}

/* Copy the complete queue q into one datagram. NULL if out of memory or too long. */
static struct sk_buff *ipq_build(struct ipq *q)
{
	struct sk_buff *first = q->set.piece[0].token, *skb;
	struct iphdr *fiph = ip_hdr(first), *iph;
	u32 hlen = iph_ihl(fiph) * 4u, tot = hlen + q->set.end;

	if (tot > IP_MAX_LEN)
		return NULL;
	skb = skb_alloc_tx(tot, GFP_KERNEL);
	if (!skb)
		return NULL;
	iph = (struct iphdr *)skb_put_data(skb, fiph, hlen);
	for (unsigned int i = 0; i < q->set.n; i++) {
		struct sk_buff *f = q->set.piece[i].token;
		struct iphdr *h = ip_hdr(f);

		skb_put_data(skb, skb_network_header(f) + iph_ihl(h) * 4u,
			     q->set.piece[i].end - q->set.piece[i].start);
	}
	iph->tot_len = htons((u16)tot);
	iph->frag_off = 0;
	iph->check = 0;
	iph->check = htons(ip_fast_csum(iph, iph_ihl(iph)));
	skb->dev = first->dev;
	skb->protocol = ETH_P_IP;
	skb->pkt_type = first->pkt_type;
	skb_reset_network_header(skb);
	return skb;
}

/* Evict the oldest queues until there is room for a new one of mem bytes. Under ipfrag. */
static void ipfrag_make_room(u32 mem, struct list_head *out)
{
	while (!list_empty(&ipq_list) &&
	       (ipq_count >= IPFRAG_MAX_QUEUES || ipfrag_mem + mem > IPFRAG_MEM_LIMIT)) {
		struct ipq *old = list_first_entry(&ipq_list, struct ipq, node);

		ipq_kill(old, out);
		kfree(old);
		IP_INC(reasm_fails);
	}
}

/* File skb into its queue (made from spare if new). Returns the completed queue or NULL. */
static struct ipq *ipq_add(struct sk_buff *skb, struct ipq **spare, struct list_head *out)
{
	struct iphdr *iph = ip_hdr(skb);
	u16 fo = ntohs(iph->frag_off);
	u32 hlen = iph_ihl(iph) * 4u, mem = skb->shared->size;
	struct ipq *q = ipq_find(iph);
	enum frag_verdict v;

	if (!q) {
		ipfrag_make_room(mem, out);
		q = *spare;
		*spare = NULL;
		q->saddr = iph->saddr;
		q->daddr = iph->daddr;
		q->id = iph->id;
		q->protocol = iph->protocol;
		q->expires = ktime_get_ns() + IPFRAG_TIMEOUT_NS;
		frag_set_init(&q->set);
		list_add_tail(&q->node, &ipq_list);
		ipq_count++;
	}
	v = frag_set_add(&q->set, (fo & IP_OFFSET) * 8u, skb->len - hlen, fo & IP_MF, skb);
	if (v == FRAG_DUP || v == FRAG_BAD) {
		list_add_tail(&skb->list, out);
		if (v == FRAG_BAD) {
			IP_INC(reasm_overlaps);
			IP_INC(reasm_fails);
			ipq_kill(q, out);
			kfree(q);
		}
		return NULL;
	}
	q->mem += mem;
	ipfrag_mem += mem;
	return v == FRAG_COMPLETE ? q : NULL;
}

struct sk_buff *ip_defrag(struct sk_buff *skb)
{
	struct ipq *spare = kzalloc(sizeof(*spare), GFP_KERNEL), *done;
	struct sk_buff *whole = NULL;
	LIST_HEAD(out);

	IP_INC(reasm_reqds);
	spin_lock(&ipfrag_lock);
	if (!spare && !ipq_find(ip_hdr(skb))) {
		spin_unlock(&ipfrag_lock);
		IP_INC(reasm_fails);
		kfree_skb(skb);
		return NULL;
	}
	done = ipq_add(skb, &spare, &out);
	if (done) {
		whole = ipq_build(done);	/* kmalloc never sleeps (mm/slab.h) */
		ipq_kill(done, &out);
	}
	spin_unlock(&ipfrag_lock);
	if (done) {
		kfree(done);
		if (whole)
			IP_INC(reasm_oks);
		else
			IP_INC(reasm_fails);
	} else {
		net_timers_kick();
	}
	kfree(spare);
	skb_list_free(&out);
	return whole;
}

bool ipfrag_timer_run(u64 now)
{
	struct ipq *q, *tmp;
	struct sk_buff *first = NULL;
	LIST_HEAD(out);
	bool more;

	spin_lock(&ipfrag_lock);
	list_for_each_entry_safe(q, tmp, &ipq_list, node) {
		if (now < q->expires)
			break;	/* the list is oldest first and every queue lives as long */
		/* RFC 792/1122: time exceeded, only if the first fragment arrived. */
		if (!first && q->set.n && q->set.piece[0].start == 0)
			first = skb_get(q->set.piece[0].token);
		ipq_kill(q, &out);
		kfree(q);
		IP_INC(reasm_timeouts);
		IP_INC(reasm_fails);
	}
	more = !list_empty(&ipq_list);
	spin_unlock(&ipfrag_lock);
	if (first) {
		icmp_send(first, ICMP_TIME_EXCEEDED, ICMP_EXC_FRAGTIME, 0);
		kfree_skb(first);
	}
	skb_list_free(&out);
	return more;
}

unsigned int ipfrag_queue_count(void)
{
	return READ_ONCE(ipq_count);
}

void ipfrag_flush(void)
{
	struct ipq *q, *tmp;
	LIST_HEAD(out);

	spin_lock(&ipfrag_lock);
	list_for_each_entry_safe(q, tmp, &ipq_list, node) {
		ipq_kill(q, &out);
		kfree(q);
	}
	spin_unlock(&ipfrag_lock);
	skb_list_free(&out);
}
