/*
 * Host-test stand-in for kernel/include/arch/barrier.h: full fences from
 * the host compiler; the atomics themselves (arch/atomic.h) are portable.
 */
#ifndef ARCH_BARRIER_H
#define ARCH_BARRIER_H

static inline void smp_mb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
static inline void smp_rmb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
static inline void smp_wmb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
static inline void mb(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
static inline void cpu_relax(void) { }

#endif
