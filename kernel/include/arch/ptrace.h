/*
 * The register frame saved on every trap, in Linux riscv's struct pt_regs
 * order (arch/riscv/include/asm/ptrace.h), so that later user-visible
 * structures (signal frames, ptrace) can be filled field by field.
 */
#ifndef ARCH_PTRACE_H
#define ARCH_PTRACE_H

#define PT_EPC     0
#define PT_RA      8
#define PT_SP      16
#define PT_GP      24
#define PT_TP      32
#define PT_T0      40
#define PT_S0      64
#define PT_A0      80
#define PT_STATUS  256
#define PT_BADADDR 264
#define PT_CAUSE   272
#define PT_ORIG_A0 280
#define PT_SIZE    288

#ifndef __ASSEMBLY__
#include <kernel/types.h>

struct pt_regs {
	unsigned long epc;
	unsigned long ra, sp, gp, tp;
	unsigned long t0, t1, t2;
	unsigned long s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
	unsigned long status;
	unsigned long badaddr;
	unsigned long cause;
	unsigned long orig_a0;
};

_Static_assert(sizeof(struct pt_regs) == PT_SIZE, "pt_regs size");
_Static_assert(__builtin_offsetof(struct pt_regs, status) == PT_STATUS, "pt_regs status");
_Static_assert(__builtin_offsetof(struct pt_regs, a0) == PT_A0, "pt_regs a0");
_Static_assert(__builtin_offsetof(struct pt_regs, cause) == PT_CAUSE, "pt_regs cause");
#endif

#endif /* ARCH_PTRACE_H */
