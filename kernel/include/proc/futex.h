/*
 * Futexes: user-space words that threads sleep on (kernel/proc/futex.c,
 * the system call; kernel/proc/futex_queue.c, the pure queue logic that
 * the host unit test tests/unit/test_futex.c also builds). docs/proc.md,
 * "futex", explains the design.
 *
 * A waiter is a struct futex_q on its own kernel stack, queued on one of
 * FUTEX_HASH_SIZE hash buckets chosen by its key:
 *   - private (FUTEX_PRIVATE_FLAG, or any futex in a private mapping):
 *     (address space, user address);
 *   - shared (a MAP_SHARED mapping without the private flag):
 *     (struct page, offset in the page); a waiter keeps a reference on
 *     the page while it waits, so the frame is not reused under the key.
 * A bucket's chain is ordered by priority (higher first: the real-time
 * priority of the waiter, 0 for the fair class) and FIFO among equals.
 *
 * Locks: each bucket's lock ("futex_bucket", docs/locking.md) protects
 * its chain and the [b] fields of the futex_q on it. Two buckets are
 * taken together in address order, the second as subclass 1. Under a
 * bucket lock futex.c takes the mm's lock (to read the user word without
 * faulting) and the run-queue locks (wake-ups); nothing sleeps under it.
 * The pure functions below take no lock: the caller holds the lock of
 * every bucket they touch.
 */
#ifndef PROC_FUTEX_H
#define PROC_FUTEX_H

#include <kernel/types.h>
#include <lib/list.h>
#include <locking/spinlock.h>

struct task;

#define FUTEX_HASH_BITS 8
#define FUTEX_HASH_SIZE (1u << FUTEX_HASH_BITS)

/* What a futex is; two waiters wait on the same futex iff their keys are equal. */
struct futex_key {
	const void *object;     /* private: the mm_struct; shared: the struct page */
	unsigned long word;     /* private: the user address; shared: the offset in the page */
	bool shared;            /* object is a page the key holds a reference on */
};

struct futex_bucket;

/* One waiter: on the sleeping task's stack from futex_wait() until it returns. */
struct futex_q {
	struct list_head node;        /* [b] in bucket->chain; empty once woken */
	struct futex_key key;         /* [b] changed by a requeue */
	struct futex_bucket *bucket;  /* [b] the bucket it is (or was last) on; a requeue
				       *     changes it holding both buckets' locks */
	u32 bitset;                   /* [I] WAIT_BITSET's mask (MATCH_ANY for WAIT) */
	int prio;                     /* [I] higher is woken first */
	struct task *task;            /* [I] the sleeper */
	bool woken;                   /* [b] set by the waker; the sleeper polls it (READ_ONCE) */
};

struct futex_bucket {
	struct spinlock lock;         /* "futex_bucket" */
	struct list_head chain;       /* [lock] struct futex_q.node, by prio, FIFO among equals */
};

/* ---------------------------------------------------------------- pure part */

/* The bucket index of key: 0 .. FUTEX_HASH_SIZE - 1. */
unsigned int futex_hash(const struct futex_key *key);
bool futex_key_equal(const struct futex_key *a, const struct futex_key *b);

void futex_bucket_init(struct futex_bucket *b);

/* Queue q (key, bitset, prio, task set) on b, behind every waiter of its prio or higher. */
void futex_queue(struct futex_bucket *b, struct futex_q *q);
/* Take q off its bucket if it is still queued; true if it was. */
bool futex_unqueue(struct futex_q *q);

/*
 * Called for each waiter a wake takes off its chain (q->node is empty
 * then): the kernel sets q->woken and wakes q->task.
 */
typedef void (*futex_wake_fn)(struct futex_q *q, void *arg);

/*
 * FUTEX_WAKE on b: wake the waiters on key whose bitset shares a bit with
 * bitset, in chain order, stopping after nr -- as Linux, at least one
 * (nr <= 0 wakes one). Returns how many were woken.
 */
int futex_wake_queued(struct futex_bucket *b, const struct futex_key *key, u32 bitset,
		      int nr, futex_wake_fn wake, void *arg);

/*
 * FUTEX_(CMP_)REQUEUE from (b1, key1) to (b2, key2), Linux's order: the
 * first nr_wake waiters on key1 are woken (bitsets ignored), the next up
 * to nr_requeue move to key2 (onto b2's chain by priority, or in place
 * if b1 == b2). nr_wake, nr_requeue >= 0. Returns woken + moved; *moved
 * (may be NULL) gets the number moved.
 */
int futex_requeue_queued(struct futex_bucket *b1, const struct futex_key *key1,
			 struct futex_bucket *b2, const struct futex_key *key2,
			 int nr_wake, int nr_requeue, futex_wake_fn wake, void *arg, int *moved);

/* FUTEX_WAKE_OP's val3, decoded. */
struct futex_op {
	unsigned int op;      /* FUTEX_OP_SET .. FUTEX_OP_XOR */
	unsigned int cmp;     /* FUTEX_OP_CMP_EQ .. FUTEX_OP_CMP_GE */
	u32 oparg;            /* sign-extended 12 bits, or 1 << (that & 31) with OPARG_SHIFT */
	s32 cmparg;           /* sign-extended 12 bits */
};

/* Decode val3: 0, or -ENOSYS for an unknown operation or comparison (Linux's errno). */
int futex_op_decode(u32 val3, struct futex_op *op);
/* The new value of the word given its old one. */
u32 futex_op_apply(const struct futex_op *op, u32 old);
/* Does the old value pass the comparison (signed, as Linux)? */
bool futex_op_cmp(const struct futex_op *op, u32 old);

/*
 * Check b, the bucket of index index: every waiter on it points back at
 * it, hashes to index, is not marked woken, and the chain is in priority
 * order. 0, or a negative code naming the first violation.
 */
int futex_bucket_validate(const struct futex_bucket *b, unsigned int index);

/* ---------------------------------------------------------------- kernel part */

/* Boot: the hash table. */
void futex_init(void);

/*
 * Kernel entry points with the system call's semantics, on the address
 * space active on this hart (mm_active(), current->mm for user tasks).
 * timeout_ns: an absolute ktime_get_ns() deadline, or 0 for none.
 * futex_wait returns 0 (woken), -EAGAIN (*uaddr != val), -ETIMEDOUT,
 * -EINTR (signal_pending), -EFAULT, -EINVAL (misaligned, bitset 0).
 * futex_wake (declared in proc/process.h too) returns how many woke, or
 * -EFAULT/-EINVAL. futex_requeue: cmp true compares *uaddr with cmpval
 * first (-EAGAIN); returns woken + requeued. May sleep.
 */
int futex_wait(unsigned long uaddr, bool private, u32 val, u64 timeout_ns, u32 bitset);
int futex_wake(unsigned long uaddr, bool private, int nr, u32 bitset);
int futex_requeue(unsigned long uaddr, bool private, unsigned long uaddr2, int nr_wake,
		  int nr_requeue, bool cmp, u32 cmpval);
int futex_wake_op(unsigned long uaddr, bool private, unsigned long uaddr2, int nr_wake,
		  int nr_wake2, u32 val3);

/* Waiters queued now on every bucket (self-tests). */
unsigned int futex_waiters(void);

#endif /* PROC_FUTEX_H */
