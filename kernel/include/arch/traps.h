/*
 * Trap handling interface of the RISC-V port.
 */
#ifndef ARCH_TRAPS_H
#define ARCH_TRAPS_H

#include <arch/ptrace.h>

void trap_init_cpu(void);
void trap_handler(struct pt_regs *regs);
void dump_regs(const struct pt_regs *regs);
void dump_backtrace(const struct pt_regs *regs);
/* The chain of a switched-out task from its saved ra and s0 (the task must stay switched out). */
void dump_switched_out_backtrace(unsigned long ra, unsigned long fp);
const char *trap_cause_name(unsigned long cause);

#endif /* ARCH_TRAPS_H */
