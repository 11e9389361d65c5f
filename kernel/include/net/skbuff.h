/*
 * Packet buffers (kernel/net/core/skbuff.c): one linear, physically
 * contiguous data buffer per packet with room in front for headers.
 *
 *	head            data              tail            end
 *	|-- headroom ---|---- len bytes ---|-- tailroom ---|
 *
 * A sender allocates with skb_alloc_tx(len): SKB_MAX_HEADROOM bytes of
 * headroom reserved, then skb_put()s its payload and each layer below
 * skb_push()es its header (UDP, IP, Ethernet, the virtio-net header), so a
 * packet is built without a copy. A receiver skb_pull()s each header as
 * it climbs. Layer offsets (network_header, transport_header) are bytes
 * from head, so they survive push and pull.
 *
 * Two reference counts:
 *   users    holders of this struct sk_buff (skb_get, kfree_skb);
 *   dataref  sk_buffs sharing the data buffer (skb_clone).
 * A cloned buffer is read-only: a holder that wants to change bytes or
 * push headers calls skb_unshare() first (copies when shared).
 *
 * Ownership: every function that takes an skb and does not say otherwise
 * consumes one reference (frees it on error too): dev_queue_xmit,
 * netif_receive_skb, ip_output, udp rx callbacks, ...
 *
 * Queues (struct sk_buff_head) have their own named spinlock, taken
 * plain (never from interrupt handlers: the network stack runs in the
 * net thread and in process context). An skb is on at most one queue.
 *
 * skb->cb is scratch space owned by the layer currently holding the skb.
 */
#ifndef NET_SKBUFF_H
#define NET_SKBUFF_H

#include <arch/atomic.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <locking/spinlock.h>
#include <mm/page_alloc.h>

struct net_device;

/* virtio-net header (12) + Ethernet (14) + IPv4 with options (60) + TCP with options (60), rounded. */
#define SKB_MAX_HEADROOM 160

struct skb_shared {
	atomic_t dataref;	/* [a] sk_buffs pointing at this buffer */
	u32 size;		/* [I] bytes of buf */
	u8 buf[];
};

struct sk_buff {
	struct list_head list;		/* [queue lock] on an sk_buff_head */
	atomic_t users;			/* [a] */
	struct skb_shared *shared;	/* [I] the data buffer */
	u8 *head;			/* [I] shared->buf */
	u8 *data;			/* [owner] first byte of the packet */
	u32 len;			/* [owner] bytes from data */
	struct net_device *dev;		/* [owner] arrived on / leaves by */
	u16 protocol;			/* [owner] Ethertype, host order (ETH_P_*) */
	u16 network_header;		/* [owner] offset from head */
	u16 transport_header;		/* [owner] offset from head */
	u8 pkt_type;			/* [owner] PACKET_* (link-level addressing) */
	u64 tstamp;			/* [owner] ktime_get_ns() at arrival or creation */
	u8 cb[48] __attribute__((aligned(8)));	/* [owner] per-layer scratch */
};

/* pkt_type: how the link layer addressed a received frame. */
#define PACKET_HOST	 0
#define PACKET_BROADCAST 1
#define PACKET_MULTICAST 2
#define PACKET_OTHERHOST 3

struct sk_buff_head {
	struct list_head head;	/* [lock] */
	u32 qlen;		/* [lock] */
	struct spinlock lock;
};

/* Boot: the sk_buff cache. */
void skb_init(void);

/* A buffer with size bytes of room, all of it tailroom; NULL if out of memory. */
struct sk_buff *alloc_skb(u32 size, gfp_t gfp);
/* A buffer for len bytes of payload behind SKB_MAX_HEADROOM of headroom. */
struct sk_buff *skb_alloc_tx(u32 len, gfp_t gfp);
/* Drop one reference; the last frees the struct and, if unshared, the data. NULL is fine. */
void kfree_skb(struct sk_buff *skb);
/* Take a reference; returns skb. */
static inline struct sk_buff *skb_get(struct sk_buff *skb)
{
	atomic_inc(&skb->users);
	return skb;
}
/* A new sk_buff over the same data (read-only for both from now on); NULL if out of memory. */
struct sk_buff *skb_clone(struct sk_buff *skb, gfp_t gfp);
/* A private copy of data, headroom and all fields; NULL if out of memory. */
struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t gfp);
/* Is the data buffer shared with a clone? */
static inline bool skb_cloned(const struct sk_buff *skb)
{
	return atomic_read(&skb->shared->dataref) > 1;
}
/*
 * Make skb's data private: returns skb itself if it is not shared, else a
 * copy (and drops the caller's reference to skb); NULL if out of memory
 * (skb is then freed).
 */
struct sk_buff *skb_unshare(struct sk_buff *skb, gfp_t gfp);
/* sk_buffs alive now (a leak check for the tests). */
long skb_live_count(void);

static inline u32 skb_headroom(const struct sk_buff *skb) { return (u32)(skb->data - skb->head); }
static inline u32 skb_tailroom(const struct sk_buff *skb)
{
	return skb->shared->size - skb_headroom(skb) - skb->len;
}
static inline u8 *skb_tail_pointer(const struct sk_buff *skb) { return skb->data + skb->len; }

/* Move data and tail forward by n (empty buffer only): reserve headroom. */
void skb_reserve(struct sk_buff *skb, u32 n);
/* Extend the tail by n bytes; returns the old tail. BUG if no tailroom. */
u8 *skb_put(struct sk_buff *skb, u32 n);
/* skb_put then copy n bytes in. */
u8 *skb_put_data(struct sk_buff *skb, const void *src, u32 n);
/* Extend the front by n bytes; returns the new data. BUG if no headroom. */
u8 *skb_push(struct sk_buff *skb, u32 n);
/* Remove n bytes from the front; the new data, or NULL if len < n (nothing changes). */
u8 *skb_pull(struct sk_buff *skb, u32 n);
/* Cut len down to n (no-op if already shorter). */
void skb_trim(struct sk_buff *skb, u32 n);
/* Are at least n bytes present from data? (Buffers are linear: a length check.) */
static inline bool pskb_may_pull(const struct sk_buff *skb, u32 n) { return skb->len >= n; }

static inline void skb_reset_network_header(struct sk_buff *skb)
{
	skb->network_header = (u16)(skb->data - skb->head);
}
static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb->transport_header = (u16)(skb->data - skb->head);
}
static inline u8 *skb_network_header(const struct sk_buff *skb) { return skb->head + skb->network_header; }
static inline u8 *skb_transport_header(const struct sk_buff *skb) { return skb->head + skb->transport_header; }

/* ---------------------------------------------------------------- queues */

void skb_queue_head_init(struct sk_buff_head *q, const char *lockname);
void skb_queue_tail(struct sk_buff_head *q, struct sk_buff *skb);
/* The first skb, unlinked; NULL if empty. */
struct sk_buff *skb_dequeue(struct sk_buff_head *q);
/* Free every queued skb. */
void skb_queue_purge(struct sk_buff_head *q);
static inline u32 skb_queue_len(const struct sk_buff_head *q) { return READ_ONCE(q->qlen); }
/* Unlocked variants: the caller holds q->lock or owns q alone. */
void __skb_queue_tail(struct sk_buff_head *q, struct sk_buff *skb);
struct sk_buff *__skb_dequeue(struct sk_buff_head *q);

#endif /* NET_SKBUFF_H */
