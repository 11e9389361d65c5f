/*
 * Packet buffers: allocation, reference counts, clone/copy, the
 * head/data/tail arithmetic and locked queues. Interface and rules in
 * net/skbuff.h.
 *
 * Invariants: head <= data, data + len <= head + shared->size; users >= 1
 * while reachable; shared->dataref counts the sk_buffs over one buffer.
 *
 * Locks: each sk_buff_head's lock (its own name, plain spin_lock); no
 * other lock is taken under it.
 */
#include <kernel/clock.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <net/skbuff.h>

static struct kmem_cache *skb_cache;
static atomic_long_t skb_live;	/* [a] sk_buff structs allocated, not freed */

void skb_init(void)
{
	skb_cache = kmem_cache_create("skbuff", sizeof(struct sk_buff), 8, NULL);
	if (!skb_cache)
		panic("skb_init: no sk_buff cache");
}

long skb_live_count(void)
{
	return atomic_long_read(&skb_live);
}

static struct sk_buff *skb_new_struct(gfp_t gfp)
{
	struct sk_buff *skb = kmem_cache_alloc(skb_cache, gfp);

	if (!skb)
		return NULL;
	memset(skb, 0, sizeof(*skb));
	INIT_LIST_HEAD(&skb->list);
	atomic_set(&skb->users, 1);
	atomic_long_add(&skb_live, 1);
	return skb;
}

static void skb_free_struct(struct sk_buff *skb)
{
	atomic_long_add(&skb_live, -1);
	kmem_cache_free(skb_cache, skb);
}

struct sk_buff *alloc_skb(u32 size, gfp_t gfp)
{
	struct sk_buff *skb = skb_new_struct(gfp);
	struct skb_shared *sh;

	if (!skb)
		return NULL;
	/* kmalloc memory is in the linear map and physically contiguous: DMA-able. */
	sh = kmalloc(sizeof(*sh) + size, gfp);
	if (!sh) {
		skb_free_struct(skb);
		return NULL;
	}
	atomic_set(&sh->dataref, 1);
	sh->size = size;
	skb->shared = sh;
	skb->head = skb->data = sh->buf;
	skb->tstamp = ktime_get_ns();
	return skb;
}

struct sk_buff *skb_alloc_tx(u32 len, gfp_t gfp)
{
	struct sk_buff *skb = alloc_skb(SKB_MAX_HEADROOM + len, gfp);

	if (skb)
		skb_reserve(skb, SKB_MAX_HEADROOM);
	return skb;
}

void kfree_skb(struct sk_buff *skb)
{
	if (!skb)
		return;
	BUG_ON(atomic_read(&skb->users) <= 0);
	if (!atomic_dec_and_test(&skb->users))
		return;
	BUG_ON(!list_empty(&skb->list));	/* still queued */
	if (atomic_dec_and_test(&skb->shared->dataref))
		kfree(skb->shared);
	skb_free_struct(skb);
}

struct sk_buff *skb_clone(struct sk_buff *skb, gfp_t gfp)
{
	struct sk_buff *n = skb_new_struct(gfp);

	if (!n)
		return NULL;
	atomic_inc(&skb->shared->dataref);
	n->shared = skb->shared;
	n->head = skb->head;
	n->data = skb->data;
	n->len = skb->len;
	n->dev = skb->dev;
	n->protocol = skb->protocol;
	n->network_header = skb->network_header;
	n->transport_header = skb->transport_header;
	n->pkt_type = skb->pkt_type;
	n->tstamp = skb->tstamp;
	memcpy(n->cb, skb->cb, sizeof(n->cb));
	return n;
}

struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t gfp)
{
	struct sk_buff *n = alloc_skb(skb->shared->size, gfp);

	if (!n)
		return NULL;
	memcpy(n->head, skb->head, skb_headroom(skb) + skb->len);
	n->data = n->head + skb_headroom(skb);
	n->len = skb->len;
	n->dev = skb->dev;
	n->protocol = skb->protocol;
	n->network_header = skb->network_header;
	n->transport_header = skb->transport_header;
	n->pkt_type = skb->pkt_type;
	n->tstamp = skb->tstamp;
	memcpy(n->cb, skb->cb, sizeof(n->cb));
	return n;
}

struct sk_buff *skb_unshare(struct sk_buff *skb, gfp_t gfp)
{
	struct sk_buff *n;

	if (!skb_cloned(skb))
		return skb;
	n = skb_copy(skb, gfp);
	kfree_skb(skb);
	return n;
}

void skb_reserve(struct sk_buff *skb, u32 n)
{
	BUG_ON(skb->len != 0 || n > skb_tailroom(skb));
	skb->data += n;
}

u8 *skb_put(struct sk_buff *skb, u32 n)
{
	u8 *tail = skb_tail_pointer(skb);

	BUG_ON(n > skb_tailroom(skb));
	skb->len += n;
	return tail;
}

u8 *skb_put_data(struct sk_buff *skb, const void *src, u32 n)
{
	u8 *p = skb_put(skb, n);

	memcpy(p, src, n);
	return p;
}

u8 *skb_push(struct sk_buff *skb, u32 n)
{
	BUG_ON(n > skb_headroom(skb));
	skb->data -= n;
	skb->len += n;
	return skb->data;
}

u8 *skb_pull(struct sk_buff *skb, u32 n)
{
	if (n > skb->len)
		return NULL;
	skb->data += n;
	skb->len -= n;
	return skb->data;
}

void skb_trim(struct sk_buff *skb, u32 n)
{
	if (n < skb->len)
		skb->len = n;
}

/* ---------------------------------------------------------------- queues */

void skb_queue_head_init(struct sk_buff_head *q, const char *lockname)
{
	INIT_LIST_HEAD(&q->head);
	q->qlen = 0;
	spin_lock_init(&q->lock, lockname);
}

void __skb_queue_tail(struct sk_buff_head *q, struct sk_buff *skb)
{
	list_add_tail(&skb->list, &q->head);
	q->qlen++;
}

struct sk_buff *__skb_dequeue(struct sk_buff_head *q)
{
	struct sk_buff *skb = list_first_entry_or_null(&q->head, struct sk_buff, list);

	if (skb) {
		list_del_init(&skb->list);
		q->qlen--;
	}
	return skb;
}

void skb_queue_tail(struct sk_buff_head *q, struct sk_buff *skb)
{
	spin_lock(&q->lock);
	__skb_queue_tail(q, skb);
	spin_unlock(&q->lock);
}

struct sk_buff *skb_dequeue(struct sk_buff_head *q)
{
	struct sk_buff *skb;

	spin_lock(&q->lock);
	skb = __skb_dequeue(q);
	spin_unlock(&q->lock);
	return skb;
}

void skb_queue_purge(struct sk_buff_head *q)
{
	struct sk_buff *skb;

	while ((skb = skb_dequeue(q)) != NULL)
		kfree_skb(skb);
}
