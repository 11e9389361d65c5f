/*
 * Reaching this hart's struct cpu: the kernel keeps its address in tp
 * (trap.S swaps it with sscratch on entry from user mode).
 * Included by kernel/smp.h after struct cpu is defined.
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;
	__asm__("mv %0, tp" : "=r"(c));
	return c;
}

#endif /* ARCH_PERCPU_H */
