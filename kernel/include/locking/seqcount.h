/*
 * The bare sequence count of a seqlock (locking/seqlock.h explains the
 * scheme and its rules): its read steps and its write steps, nothing
 * else.
 *
 * This header needs only the compiler and the fences of arch/barrier.h,
 * so it is shared by the kernel, the vDSO (which reads the kernel's
 * clock data page with it, kernel/arch/riscv/vdso/) and the host unit
 * tests.
 */
#ifndef LOCKING_SEQCOUNT_H
#define LOCKING_SEQCOUNT_H

#include <arch/barrier.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

struct seqcount {
	u32 sequence;   /* [a] odd while a write is in progress */
};

#define SEQCOUNT_INIT { .sequence = 0 }

static inline void seqcount_init(struct seqcount *s)
{
	s->sequence = 0;
}

/*
 * Start a read: wait until no write is in progress and return the count
 * to hand to read_seqcount_retry().
 */
static inline u32 read_seqcount_begin(const struct seqcount *s)
{
	u32 seq;

	while ((seq = READ_ONCE(s->sequence)) & 1)
		cpu_relax();
	/*
	 * The data loads after the count load. Pairs with the smp_wmb() in
	 * write_seqcount_end(): a reader that sees the even count a writer
	 * left sees every data store that writer made.
	 */
	smp_rmb();
	return seq;
}

/* End a read: true if the data copied since begin may be torn (retry). */
static inline bool read_seqcount_retry(const struct seqcount *s, u32 start)
{
	/*
	 * The count load after the data loads. Pairs with the smp_wmb() in
	 * write_seqcount_begin(): a reader that saw any store of a writer's
	 * data sees that writer's odd count (or a later one) here.
	 */
	smp_rmb();
	return READ_ONCE(s->sequence) != start;
}

/* Writers: serialized and not preemptible (see above). */
static inline void write_seqcount_begin(struct seqcount *s)
{
	WRITE_ONCE(s->sequence, s->sequence + 1);
	/* Odd count before the data stores. Pairs with the smp_rmb() in read_seqcount_retry(). */
	smp_wmb();
}

static inline void write_seqcount_end(struct seqcount *s)
{
	/* Data stores before the even count. Pairs with the smp_rmb() in read_seqcount_begin(). */
	smp_wmb();
	WRITE_ONCE(s->sequence, s->sequence + 1);
}

#endif /* LOCKING_SEQCOUNT_H */
