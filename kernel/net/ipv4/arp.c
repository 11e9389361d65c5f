/*
 * ARP (RFC 826) for IPv4 over Ethernet: the neighbour cache, resolution
 * with per-neighbour pending queues, replies, gratuitous announcements,
 * timers and /proc/net/arp. Interface and the entry life cycle in
 * net/arp.h.
 *
 * Cache policy: a reply or request addressed to us creates or refreshes
 * the sender's entry; any other ARP packet only refreshes an entry we
 * already have (no cache pollution by strangers). A REACHABLE entry older
 * than ARP_REACHABLE_NS is re-resolved on its next use (its packets are
 * queued meanwhile), so only INCOMPLETE entries need the timer.
 *
 * Locks: "arp_table" (plain, a leaf) guards arp_list and every entry.
 * Nothing is sent, allocated or freed under it: queued packets are
 * spliced out first and sent after the unlock.
 */
#include <fs/procfs.h>
#include <kernel/clock.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <net/arp.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <uapi/errno.h>

#define ARPHRD_ETHER	1
#define ARPOP_REQUEST	1
#define ARPOP_REPLY	2
#define ATF_COM		0x02	/* /proc/net/arp flags: completed */
#define ATF_PERM	0x04

struct arp_eth {
	u16 htype, ptype;	/* be16 */
	u8 hlen, plen;
	u16 op;			/* be16 */
	u8 sha[ETH_ALEN];
	u32 sip;		/* be32 */
	u8 tha[ETH_ALEN];
	u32 tip;		/* be32 */
} __attribute__((packed, aligned(2)));
_Static_assert(sizeof(struct arp_eth) == 28, "ARP for IPv4 over Ethernet is 28 bytes");

enum nud_state { NUD_INCOMPLETE, NUD_REACHABLE, NUD_PERMANENT };

struct neighbour {
	struct list_head node;		/* [arp_table] arp_list, most recent first */
	struct net_device *dev;		/* [I] */
	u32 ip;				/* [I] be32 */
	u8 mac[ETH_ALEN];		/* [arp_table] */
	enum nud_state state;		/* [arp_table] */
	u64 updated;			/* [arp_table] last confirmation (or probe, if incomplete) */
	unsigned int probes;		/* [arp_table] requests sent while incomplete */
	struct list_head queue;		/* [arp_table] sk_buffs waiting for the MAC */
	unsigned int qlen;		/* [arp_table] */
};

static struct spinlock arp_lock = SPINLOCK_INIT("arp_table");
static LIST_HEAD(arp_list);		/* [arp_table] */
static unsigned int arp_count;		/* [arp_table] */
static struct arp_stats arp_st;		/* [arp_table] */

/* Under arp_table. */
static struct neighbour *arp_find(struct net_device *dev, u32 ip)
{
	struct neighbour *n;

	list_for_each_entry(n, &arp_list, node)
		if (n->ip == ip && n->dev == dev)
			return n;
	return NULL;
}

/* Unlink n and move its queue to out. Under arp_table; n is then the caller's to kfree. */
static void arp_unlink(struct neighbour *n, struct list_head *out)
{
	list_del(&n->node);
	list_splice_tail_init(&n->queue, out);
	n->qlen = 0;
	arp_count--;
}

static void skb_list_free(struct list_head *l)
{
	while (!list_empty(l)) {
		struct sk_buff *skb = list_first_entry(l, struct sk_buff, list);

		list_del_init(&skb->list);
		kfree_skb(skb);
	}
}

/* Build and send one ARP packet. */
static void arp_send(struct net_device *dev, u16 op, const u8 *eth_dst, u32 tip, const u8 *tha)
{
	struct sk_buff *skb = skb_alloc_tx(ETH_ZLEN, GFP_KERNEL);
	struct arp_eth *a;

	if (!skb)
		return;
	a = (struct arp_eth *)skb_put(skb, sizeof(*a));
	memset(skb_put(skb, ETH_ZLEN - ETH_HLEN - sizeof(*a)), 0, ETH_ZLEN - ETH_HLEN - sizeof(*a));
	a->htype = htons(ARPHRD_ETHER);
	a->ptype = htons(ETH_P_IP);
	a->hlen = ETH_ALEN;
	a->plen = 4;
	a->op = htons(op);
	memcpy(a->sha, dev->dev_addr, ETH_ALEN);
	a->sip = READ_ONCE(dev->ip_addr);
	if (tha)
		memcpy(a->tha, tha, ETH_ALEN);
	else
		memset(a->tha, 0, ETH_ALEN);
	a->tip = tip;
	skb->dev = dev;
	skb->protocol = ETH_P_ARP;
	eth_header(skb, dev, ETH_P_ARP, eth_dst);
	spin_lock(&arp_lock);
	if (op == ARPOP_REQUEST)
		arp_st.requests_tx++;
	else
		arp_st.replies_tx++;
	spin_unlock(&arp_lock);
	dev_queue_xmit(skb);
}

void arp_announce(struct net_device *dev)
{
	u32 ip = READ_ONCE(dev->ip_addr);

	if (ip && !(dev->flags & (IFF_NOARP | IFF_LOOPBACK)))
		arp_send(dev, ARPOP_REQUEST, NULL, ip, NULL);
}

/* Send every skb on l to mac over dev. */
static void arp_send_queued(struct net_device *dev, const u8 *mac, struct list_head *l)
{
	while (!list_empty(l)) {
		struct sk_buff *skb = list_first_entry(l, struct sk_buff, list);

		list_del_init(&skb->list);
		eth_header(skb, dev, ETH_P_IP, mac);
		dev_queue_xmit(skb);
	}
}

/* Queue skb on n, dropping the oldest beyond ARP_QUEUE_LEN (onto drop). Under arp_table. */
static void arp_enqueue(struct neighbour *n, struct sk_buff *skb, struct list_head *drop)
{
	list_add_tail(&skb->list, &n->queue);
	arp_st.queued++;
	if (++n->qlen > ARP_QUEUE_LEN) {
		struct sk_buff *old = list_first_entry(&n->queue, struct sk_buff, list);

		list_move_tail(&old->list, drop);
		n->qlen--;
		arp_st.queue_drops++;
	}
}

/* Evict the least recently added non-permanent entry. Under arp_table. */
static void arp_evict_one(struct list_head *drop, struct neighbour **victim)
{
	struct neighbour *n;

	list_for_each_entry_reverse(n, &arp_list, node) {
		if (n->state != NUD_PERMANENT) {
			arp_unlink(n, drop);
			*victim = n;
			return;
		}
	}
}

/* Fixed link addresses: broadcast and multicast IP destinations. */
static bool arp_static_mac(struct net_device *dev, u32 ip, u8 *mac)
{
	u32 h = ntohl(ip);

	if (ip == INADDR_BROADCAST || inet_addr_is_broadcast(ip)) {
		memcpy(mac, dev->broadcast, ETH_ALEN);
		return true;
	}
	if (ipv4_is_multicast(ip)) {
		u8 m[ETH_ALEN] = { 0x01, 0x00, 0x5e, (u8)(h >> 16 & 0x7f), (u8)(h >> 8), (u8)h };

		memcpy(mac, m, ETH_ALEN);
		return true;
	}
	return false;
}

/*
 * The slow path of arp_output: queue skb on nexthop's entry (made if
 * needed). Returns true if a request must be sent now.
 */
static bool arp_queue_resolve(struct net_device *dev, u32 nexthop, struct sk_buff *skb,
			      struct neighbour **spare, struct list_head *drop,
			      struct neighbour **victim, u8 *mac)
{
	struct neighbour *n = arp_find(dev, nexthop);
	u64 now = ktime_get_ns();

	if (n && n->state == NUD_PERMANENT) {
		memcpy(mac, n->mac, ETH_ALEN);
		return false;
	}
	if (n && n->state == NUD_REACHABLE && now - n->updated < ARP_REACHABLE_NS) {
		memcpy(mac, n->mac, ETH_ALEN);
		return false;
	}
	if (!n) {
		if (arp_count >= ARP_TABLE_MAX)
			arp_evict_one(drop, victim);
		n = *spare;
		*spare = NULL;
		n->dev = dev;
		n->ip = nexthop;
		INIT_LIST_HEAD(&n->queue);
		list_add(&n->node, &arp_list);
		arp_count++;
	} else if (n->state == NUD_INCOMPLETE) {
		arp_enqueue(n, skb, drop);
		return false;
	}
	/* New, or a stale REACHABLE one: resolve (again). */
	n->state = NUD_INCOMPLETE;
	n->probes = 1;
	n->updated = now;
	arp_enqueue(n, skb, drop);
	return true;
}

int arp_output(struct sk_buff *skb, struct net_device *dev, u32 nexthop)
{
	struct neighbour *spare, *victim = NULL;
	LIST_HEAD(drop);
	u8 mac[ETH_ALEN];
	bool request;

	if (dev->flags & (IFF_LOOPBACK | IFF_NOARP)) {
		eth_header(skb, dev, ETH_P_IP, dev->broadcast);
		return dev_queue_xmit(skb);
	}
	if (arp_static_mac(dev, nexthop, mac)) {
		eth_header(skb, dev, ETH_P_IP, mac);
		return dev_queue_xmit(skb);
	}
	spare = kzalloc(sizeof(*spare), GFP_KERNEL);
	spin_lock(&arp_lock);
	if (!spare && !arp_find(dev, nexthop)) {
		spin_unlock(&arp_lock);
		kfree_skb(skb);
		return -ENOMEM;
	}
	memset(mac, 0, sizeof(mac));
	skb->dev = dev;
	request = arp_queue_resolve(dev, nexthop, skb, &spare, &drop, &victim, mac);
	spin_unlock(&arp_lock);
	kfree(spare);
	kfree(victim);
	skb_list_free(&drop);
	if (request) {
		arp_send(dev, ARPOP_REQUEST, NULL, nexthop, NULL);
		net_timers_kick();
		return 0;
	}
	if (!is_zero_ether_addr(mac)) {
		eth_header(skb, dev, ETH_P_IP, mac);
		return dev_queue_xmit(skb);
	}
	return 0;	/* queued behind a pending request */
}

/* ---------------------------------------------------------------- receive */

/* Is this a well-formed ARP for IPv4 over Ethernet from a sane sender? */
static bool arp_valid(struct net_device *dev, const struct arp_eth *a)
{
	u16 op = ntohs(a->op);

	if (ntohs(a->htype) != ARPHRD_ETHER || ntohs(a->ptype) != ETH_P_IP || a->hlen != ETH_ALEN ||
	    a->plen != 4 || (op != ARPOP_REQUEST && op != ARPOP_REPLY))
		return false;
	if (is_multicast_ether_addr(a->sha) || memcmp(a->sha, dev->dev_addr, ETH_ALEN) == 0)
		return false;
	return !ipv4_is_multicast(a->sip) && a->sip != INADDR_BROADCAST;
}

/*
 * Learn sip -> sha: create the entry if create (the packet was for us),
 * else only refresh one we have. Moves the packets it was holding to out.
 */
static void arp_learn(struct net_device *dev, const struct arp_eth *a, bool create,
		      struct neighbour **spare, struct list_head *out)
{
	struct neighbour *n = arp_find(dev, a->sip);

	if (!n && (!create || !*spare || arp_count >= ARP_TABLE_MAX))
		return;
	if (!n) {
		n = *spare;
		*spare = NULL;
		n->dev = dev;
		n->ip = a->sip;
		INIT_LIST_HEAD(&n->queue);
		list_add(&n->node, &arp_list);
		arp_count++;
	}
	if (n->state == NUD_PERMANENT)
		return;
	memcpy(n->mac, a->sha, ETH_ALEN);
	n->state = NUD_REACHABLE;
	n->updated = ktime_get_ns();
	list_splice_tail_init(&n->queue, out);
	n->qlen = 0;
}

void arp_rcv(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct neighbour *spare = NULL;
	struct arp_eth a;
	LIST_HEAD(out);
	u32 ours = READ_ONCE(dev->ip_addr);
	bool for_us;

	if (skb->len < sizeof(a) || (dev->flags & (IFF_NOARP | IFF_LOOPBACK)))
		goto bad;
	memcpy(&a, skb->data, sizeof(a));
	if (!arp_valid(dev, &a))
		goto bad;
	for_us = ours && a.tip == ours;
	if (for_us)
		spare = kzalloc(sizeof(*spare), GFP_KERNEL);
	spin_lock(&arp_lock);
	arp_st.rx++;
	if (ntohs(a.op) == ARPOP_REQUEST)
		arp_st.requests_rx++;
	else
		arp_st.replies_rx++;
	if (a.sip != 0)
		arp_learn(dev, &a, for_us, &spare, &out);
	spin_unlock(&arp_lock);
	kfree(spare);
	arp_send_queued(dev, a.sha, &out);
	if (for_us && ntohs(a.op) == ARPOP_REQUEST)
		arp_send(dev, ARPOP_REPLY, a.sha, a.sip, a.sha);
	kfree_skb(skb);
	return;
bad:
	spin_lock(&arp_lock);
	arp_st.rx_bad++;
	spin_unlock(&arp_lock);
	NETDEV_STAT_ADD(dev, rx_dropped, 1);
	kfree_skb(skb);
}

/* ---------------------------------------------------------------- timers, table, /proc */

#define ARP_RETRY_BATCH 16

bool arp_timer_run(u64 now)
{
	struct { struct net_device *dev; u32 ip; } retry[ARP_RETRY_BATCH];
	struct neighbour *n, *tmp;
	LIST_HEAD(drop);
	LIST_HEAD(dead);
	int nretry = 0;
	bool pending = false;

	spin_lock(&arp_lock);
	list_for_each_entry_safe(n, tmp, &arp_list, node) {
		if (n->state != NUD_INCOMPLETE)
			continue;
		if (now - n->updated < ARP_RETRY_NS || nretry == ARP_RETRY_BATCH) {
			pending = true;
			continue;
		}
		if (n->probes >= ARP_MAX_PROBES) {
			arp_unlink(n, &drop);
			list_add(&n->node, &dead);
			arp_st.failed++;
			continue;
		}
		n->probes++;
		n->updated = now;
		retry[nretry].dev = n->dev;
		retry[nretry++].ip = n->ip;
		pending = true;
	}
	spin_unlock(&arp_lock);
	list_for_each_entry_safe(n, tmp, &dead, node)
		kfree(n);
	skb_list_free(&drop);
	for (int i = 0; i < nretry; i++)
		arp_send(retry[i].dev, ARPOP_REQUEST, NULL, retry[i].ip, NULL);
	return pending;
}

bool arp_lookup(struct net_device *dev, u32 ip, u8 *mac)
{
	struct neighbour *n;
	bool ok = false;

	spin_lock(&arp_lock);
	n = arp_find(dev, ip);
	if (n && n->state != NUD_INCOMPLETE) {
		memcpy(mac, n->mac, ETH_ALEN);
		ok = true;
	}
	spin_unlock(&arp_lock);
	return ok;
}

void arp_flush(void)
{
	struct neighbour *n, *tmp;
	LIST_HEAD(drop);
	LIST_HEAD(dead);

	spin_lock(&arp_lock);
	list_for_each_entry_safe(n, tmp, &arp_list, node) {
		if (n->state == NUD_PERMANENT)
			continue;
		arp_unlink(n, &drop);
		list_add(&n->node, &dead);
	}
	spin_unlock(&arp_lock);
	list_for_each_entry_safe(n, tmp, &dead, node)
		kfree(n);
	skb_list_free(&drop);
}

int arp_add_static(struct net_device *dev, u32 ip, const u8 *mac)
{
	struct neighbour *spare = kzalloc(sizeof(*spare), GFP_KERNEL), *n;
	LIST_HEAD(out);

	if (!spare)
		return -ENOMEM;
	spin_lock(&arp_lock);
	n = arp_find(dev, ip);
	if (!n) {
		n = spare;
		spare = NULL;
		n->dev = dev;
		n->ip = ip;
		INIT_LIST_HEAD(&n->queue);
		list_add(&n->node, &arp_list);
		arp_count++;
	}
	memcpy(n->mac, mac, ETH_ALEN);
	n->state = NUD_PERMANENT;
	list_splice_tail_init(&n->queue, &out);
	n->qlen = 0;
	spin_unlock(&arp_lock);
	kfree(spare);
	arp_send_queued(dev, mac, &out);
	return 0;
}

void arp_stats_read(struct arp_stats *out)
{
	spin_lock(&arp_lock);
	*out = arp_st;
	spin_unlock(&arp_lock);
}

int net_arp_show(struct seq_buf *s)
{
	struct neighbour *n;

	seq_puts(s, "IP address       HW type     Flags       HW address            Mask     Device\n");
	spin_lock(&arp_lock);
	list_for_each_entry(n, &arp_list, node) {
		char ip[16];
		unsigned int flags = n->state == NUD_INCOMPLETE ? 0 :
				     n->state == NUD_PERMANENT ? ATF_COM | ATF_PERM : ATF_COM;

		snprintf(ip, sizeof(ip), "%u.%u.%u.%u", n->ip & 0xff, n->ip >> 8 & 0xff,
			 n->ip >> 16 & 0xff, n->ip >> 24);
		seq_printf(s, "%-16s 0x%-10x0x%-10x%02x:%02x:%02x:%02x:%02x:%02x     *        %s\n",
			   ip, ARPHRD_ETHER, flags, n->mac[0], n->mac[1], n->mac[2], n->mac[3],
			   n->mac[4], n->mac[5], n->dev->name);
	}
	spin_unlock(&arp_lock);
	return 0;
}
