/*
 * Futex wait queues: the pure part (interface in proc/futex.h).
 *
 * The hash of a key, the priority-ordered chains of a bucket, and the
 * wake, requeue and WAKE_OP decisions, with Linux's counting rules. No
 * locks are taken and nothing sleeps: the caller (kernel/proc/futex.c)
 * holds the lock of every bucket passed in, and does the waking itself
 * in the futex_wake_fn callback. tests/unit/test_futex.c runs this file on
 * the host against a model, calling futex_bucket_validate after every
 * operation.
 */
#include <kernel/types.h>
#include <lib/list.h>
#include <proc/futex.h>
#include <uapi/errno.h>
#include <uapi/futex.h>

/* ---------------------------------------------------------------- keys */

unsigned int futex_hash(const struct futex_key *key)
{
	u64 x = (u64)(unsigned long)key->object ^ ((u64)key->word * 0x9e3779b97f4a7c15ULL);

	/* A 64-bit mixer (splitmix64's finalizer); the top bits are the index. */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return (unsigned int)(x >> (64 - FUTEX_HASH_BITS));
}

bool futex_key_equal(const struct futex_key *a, const struct futex_key *b)
{
	return a->object == b->object && a->word == b->word && a->shared == b->shared;
}

/* ---------------------------------------------------------------- chains */

void futex_bucket_init(struct futex_bucket *b)
{
	spin_lock_init(&b->lock, "futex_bucket");
	INIT_LIST_HEAD(&b->chain);
}

/* Insert q into b's chain after every waiter of priority >= q->prio. */
static void chain_insert(struct futex_bucket *b, struct futex_q *q)
{
	struct futex_q *pos;

	list_for_each_entry(pos, &b->chain, node) {
		if (pos->prio < q->prio) {
			list_add_tail(&q->node, &pos->node);   /* just before pos */
			q->bucket = b;
			return;
		}
	}
	list_add_tail(&q->node, &b->chain);
	q->bucket = b;
}

void futex_queue(struct futex_bucket *b, struct futex_q *q)
{
	q->woken = false;
	chain_insert(b, q);
}

bool futex_unqueue(struct futex_q *q)
{
	if (list_empty(&q->node))
		return false;
	list_del_init(&q->node);
	return true;
}

int futex_wake_queued(struct futex_bucket *b, const struct futex_key *key, u32 bitset,
		      int nr, futex_wake_fn wake, void *arg)
{
	struct futex_q *q, *next;
	int woken = 0;

	list_for_each_entry_safe(q, next, &b->chain, node) {
		if (!futex_key_equal(&q->key, key) || !(q->bitset & bitset))
			continue;
		list_del_init(&q->node);
		wake(q, arg);
		if (++woken >= nr)
			break;
	}
	return woken;
}

/* Move q from its bucket to b2 under key2 (in place when the bucket stays). */
static void requeue_one(struct futex_q *q, struct futex_bucket *b2, const struct futex_key *key2)
{
	q->key = *key2;
	if (q->bucket == b2)
		return;
	list_del_init(&q->node);
	chain_insert(b2, q);
}

int futex_requeue_queued(struct futex_bucket *b1, const struct futex_key *key1,
			 struct futex_bucket *b2, const struct futex_key *key2,
			 int nr_wake, int nr_requeue, futex_wake_fn wake, void *arg, int *moved)
{
	struct futex_q *q, *next;
	int count = 0, requeued = 0;

	list_for_each_entry_safe(q, next, &b1->chain, node) {
		if (count - nr_wake >= nr_requeue)
			break;
		if (!futex_key_equal(&q->key, key1))
			continue;
		if (++count <= nr_wake) {
			list_del_init(&q->node);
			wake(q, arg);
			continue;
		}
		requeue_one(q, b2, key2);
		requeued++;
	}
	if (moved)
		*moved = requeued;
	return count;
}

/* ---------------------------------------------------------------- WAKE_OP */

/* The low 12 bits of x as a signed number. */
static s32 sign_extend12(u32 x)
{
	x &= 0xfff;
	return (x & 0x800) ? (s32)(x | 0xfffff000u) : (s32)x;
}

int futex_op_decode(u32 val3, struct futex_op *op)
{
	op->op = (val3 >> 28) & 7;
	op->cmp = (val3 >> 24) & 15;
	op->oparg = (u32)sign_extend12(val3 >> 12);
	op->cmparg = sign_extend12(val3);
	if ((val3 >> 28) & FUTEX_OP_OPARG_SHIFT)
		op->oparg = 1u << (op->oparg & 31);   /* Linux masks a shift out of 0..31 */
	if (op->op > FUTEX_OP_XOR || op->cmp > FUTEX_OP_CMP_GE)
		return -ENOSYS;
	return 0;
}

u32 futex_op_apply(const struct futex_op *op, u32 old)
{
	switch (op->op) {
	case FUTEX_OP_SET:
		return op->oparg;
	case FUTEX_OP_ADD:
		return old + op->oparg;
	case FUTEX_OP_OR:
		return old | op->oparg;
	case FUTEX_OP_ANDN:
		return old & ~op->oparg;
	default:
		return old ^ op->oparg;
	}
}

bool futex_op_cmp(const struct futex_op *op, u32 old)
{
	s32 v = (s32)old;

	switch (op->cmp) {
	case FUTEX_OP_CMP_EQ:
		return v == op->cmparg;
	case FUTEX_OP_CMP_NE:
		return v != op->cmparg;
	case FUTEX_OP_CMP_LT:
		return v < op->cmparg;
	case FUTEX_OP_CMP_LE:
		return v <= op->cmparg;
	case FUTEX_OP_CMP_GT:
		return v > op->cmparg;
	default:
		return v >= op->cmparg;
	}
}

/* ---------------------------------------------------------------- validation */

int futex_bucket_validate(const struct futex_bucket *b, unsigned int index)
{
	const struct futex_q *q, *prev = NULL;

	list_for_each_entry(q, &b->chain, node) {
		if (q->bucket != b)
			return -1;
		if (futex_hash(&q->key) != index)
			return -2;
		if (q->woken)
			return -3;
		if (prev && prev->prio < q->prio)
			return -4;
		if (q->node.next->prev != &q->node || q->node.prev->next != &q->node)
			return -5;
		prev = q;
	}
	return 0;
}
