/*
 * Host-test stand-in for kernel/include/arch/percpu.h: the "current cpu"
 * is whatever the test sets in unit_cpu_id (tests/unit/kernel_stubs.c).
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

extern unsigned int unit_cpu_id;

static inline struct cpu *this_cpu(void) { return &cpus[unit_cpu_id]; }

#endif
