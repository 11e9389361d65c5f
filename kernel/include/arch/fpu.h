/*
 * User floating-point state (kernel/arch/riscv/fpu.S, fpu.c).
 *
 * The kernel itself never uses floating point (-march without F/D), so
 * the FP registers always hold the state of the last user task whose
 * state was loaded on this hart. sstatus.FS in a task's user trap frame
 * (regs->status) says what the hardware state is worth: Off (the task
 * may not use FP), Initial/Clean (matches task->fp), Dirty (changed since
 * last saved). The context switch saves a Dirty state into the outgoing
 * task and loads the incoming user task's state unless this hart still
 * holds it (cpu->fp_owner, task->fp_cpu), so a switch to a kernel thread
 * and back costs nothing.
 */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <kernel/types.h>

/* Linux's struct __riscv_d_ext_state: the layout signal frames use too. */
struct fp_state {
	u64 f[32];
	u32 fcsr;
	u32 pad;
};

_Static_assert(sizeof(struct fp_state) == 264, "fp_state is __riscv_d_ext_state");

struct task;
struct pt_regs;

/* Store the FP registers into fp / load them from it (sets FS to Clean for the duration). */
void fpu_save(struct fp_state *fp);
void fpu_restore(const struct fp_state *fp);

/* Context switch hook (run-queue lock held, interrupts off). */
void fpu_switch(struct task *prev, struct task *next);
/* A task's FP state has been replaced: forget any hart's copy of it. */
void fpu_forget(struct task *t);
/* exec, user_enter: zeroed FP state for the running task t, loaded now; FS = Initial in regs. */
void fpu_init_user(struct task *t, struct pt_regs *regs);
/* fork: the child (child_regs = its frame) gets the running task's FP state. */
void fpu_copy_to_child(struct task *child, struct pt_regs *child_regs);

#endif /* ARCH_FPU_H */
