/*
 * Reaching this hart's struct cpu: the kernel keeps its address in tp
 * (trap.S swaps it with sscratch on entry from user mode).
 * Included by kernel/smp.h after struct cpu is defined.
 *
 * The asm is volatile so that the compiler never reuses one reading of tp
 * across a call that may schedule: a preempted task can resume on another
 * hart, whose struct cpu tp then points at (trap_handler() fixes up the
 * saved tp when a kernel trap returns after a switch).
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;
	__asm__ __volatile__("mv %0, tp" : "=r"(c));
	return c;
}

#endif /* ARCH_PERCPU_H */
