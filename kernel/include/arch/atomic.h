/*
 * Atomics and fences: the one header through which the kernel uses them.
 *
 * Built on the compiler's __atomic builtins, which emit the A extension's
 * AMO and LR/SC instructions; the explicit fences are in arch/barrier.h
 * (the only part the host unit tests replace). Every explicit fence in the kernel says which
 * fence it pairs with.
 */
#ifndef ARCH_ATOMIC_H
#define ARCH_ATOMIC_H

#include <arch/barrier.h>
#include <kernel/types.h>

typedef struct { volatile int counter; } atomic_t;
typedef struct { volatile long counter; } atomic_long_t;

#define ATOMIC_INIT(v) { (v) }

static inline int atomic_read(const atomic_t *a) { return __atomic_load_n(&a->counter, __ATOMIC_RELAXED); }
static inline void atomic_set(atomic_t *a, int v) { __atomic_store_n(&a->counter, v, __ATOMIC_RELAXED); }
static inline int atomic_add_return(atomic_t *a, int v) { return __atomic_add_fetch(&a->counter, v, __ATOMIC_SEQ_CST); }
static inline int atomic_fetch_add(atomic_t *a, int v) { return __atomic_fetch_add(&a->counter, v, __ATOMIC_SEQ_CST); }
static inline void atomic_inc(atomic_t *a) { __atomic_add_fetch(&a->counter, 1, __ATOMIC_RELAXED); }
static inline void atomic_dec(atomic_t *a) { __atomic_sub_fetch(&a->counter, 1, __ATOMIC_RELAXED); }
static inline bool atomic_dec_and_test(atomic_t *a) { return __atomic_sub_fetch(&a->counter, 1, __ATOMIC_SEQ_CST) == 0; }
static inline int atomic_xchg(atomic_t *a, int v) { return __atomic_exchange_n(&a->counter, v, __ATOMIC_SEQ_CST); }
static inline bool atomic_cmpxchg(atomic_t *a, int old, int new)
{
	return __atomic_compare_exchange_n(&a->counter, &old, new, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
}

static inline long atomic_long_read(const atomic_long_t *a) { return __atomic_load_n(&a->counter, __ATOMIC_RELAXED); }
static inline void atomic_long_add(atomic_long_t *a, long v) { __atomic_add_fetch(&a->counter, v, __ATOMIC_RELAXED); }
static inline void atomic_long_or(atomic_long_t *a, long v) { __atomic_or_fetch(&a->counter, v, __ATOMIC_SEQ_CST); }
static inline long atomic_long_xchg(atomic_long_t *a, long v) { return __atomic_exchange_n(&a->counter, v, __ATOMIC_SEQ_CST); }

/* Acquire/release for lock words and hand-off flags. */
#define smp_load_acquire(p)     __atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)

#endif /* ARCH_ATOMIC_H */
