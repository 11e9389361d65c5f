/*
 * RISC-V fences and the spin-wait hint, for arch/atomic.h. Every use of
 * an explicit fence elsewhere says which fence it pairs with.
 */
#ifndef ARCH_BARRIER_H
#define ARCH_BARRIER_H

/* Full fence: orders all earlier loads/stores (and device I/O) before later ones. */
static inline void smp_mb(void) { __asm__ __volatile__("fence rw, rw" ::: "memory"); }
static inline void smp_rmb(void) { __asm__ __volatile__("fence r, r" ::: "memory"); }
static inline void smp_wmb(void) { __asm__ __volatile__("fence w, w" ::: "memory"); }
/* Orders memory accesses against device I/O. */
static inline void mb(void) { __asm__ __volatile__("fence iorw, iorw" ::: "memory"); }

static inline void cpu_relax(void) { __asm__ __volatile__("nop; nop; nop; nop" ::: "memory"); }

#endif /* ARCH_BARRIER_H */
