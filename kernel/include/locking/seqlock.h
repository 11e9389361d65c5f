/*
 * Sequence counts and sequence locks: small read-mostly data (the wall
 * clock offset, statistics) that readers copy without blocking writers.
 *
 * A reader samples the count, copies the data, and retries if the count
 * was odd (a write in progress) or changed meanwhile:
 *
 *	do {
 *		seq = read_seqbegin(&lk);
 *		copy = data;
 *	} while (read_seqretry(&lk, seq));
 *
 * A writer makes the count odd, changes the data, makes it even again.
 * Readers never write shared memory, so any number of harts read at no
 * cost to each other; they may see torn data inside the loop, so they
 * only copy it there and act on the copy after the loop.
 *
 * struct seqcount is the bare count: the caller serializes its writers
 * (by another lock, or by there being one writer) and keeps them from
 * being preempted or interrupted by a reader on the same hart, which
 * would spin for ever on the odd count. The vDSO's data page uses one
 * (kernel/include/kernel/vdso_data.h), since user space cannot take a
 * kernel lock.
 *
 * struct seqlock is a count plus a spinlock that serializes its writers
 * (and makes them non-preemptible): write_seqlock()/write_sequnlock().
 * If a reader can run in an interrupt handler, every writer must use
 * write_seqlock_irqsave(). The writer lock is an ordinary spinlock, so
 * lockdep sees it (class: the seqlock's name) and it needs a row in
 * docs/locking.md. Readers take no lock and are not tracked; debug
 * builds panic when a hart starts a read while it holds the writer lock
 * (it would spin for ever).
 *
 * The count and its read and write steps are in locking/seqcount.h (pure
 * code, also built into the vDSO and run by the host unit tests with
 * threads, tests/unit/test_seqlock.c).
 */
#ifndef LOCKING_SEQLOCK_H
#define LOCKING_SEQLOCK_H

#include <kernel/panic.h>
#include <kernel/types.h>
#include <locking/seqcount.h>
#include <locking/spinlock.h>

/* ---------------------------------------------------------------- seqlock */

struct seqlock {
	struct seqcount seq;    /* [lock] writes; [a] reads */
	struct spinlock lock;   /* serializes writers; lockdep class = the name */
};

#define SEQLOCK_INIT(n) { .seq = SEQCOUNT_INIT, .lock = SPINLOCK_INIT(n) }

static inline void seqlock_init(struct seqlock *sl, const char *name)
{
	seqcount_init(&sl->seq);
	spin_lock_init(&sl->lock, name);
}

static inline u32 read_seqbegin(const struct seqlock *sl)
{
#ifdef CONFIG_DEBUG
	if (spin_is_held(&sl->lock))
		panic("read_seqbegin of '%s' by the cpu holding its writer lock", sl->lock.name);
#endif
	return read_seqcount_begin(&sl->seq);
}

static inline bool read_seqretry(const struct seqlock *sl, u32 start)
{
	return read_seqcount_retry(&sl->seq, start);
}

static inline void write_seqlock(struct seqlock *sl)
{
	spin_lock(&sl->lock);
	write_seqcount_begin(&sl->seq);
}

static inline void write_sequnlock(struct seqlock *sl)
{
	write_seqcount_end(&sl->seq);
	spin_unlock(&sl->lock);
}

/* For seqlocks also read from interrupt handlers. Returns the interrupt state to restore. */
static inline unsigned long write_seqlock_irqsave(struct seqlock *sl)
{
	unsigned long flags = spin_lock_irqsave(&sl->lock);

	write_seqcount_begin(&sl->seq);
	return flags;
}

static inline void write_sequnlock_irqrestore(struct seqlock *sl, unsigned long flags)
{
	write_seqcount_end(&sl->seq);
	spin_unlock_irqrestore(&sl->lock, flags);
}

#endif /* LOCKING_SEQLOCK_H */
