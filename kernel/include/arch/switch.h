/*
 * The architecture side of a context switch (kernel/arch/riscv/switch.S).
 *
 * A task switched out keeps, in its struct switch_context, exactly what
 * the RISC-V calling convention says a callee must preserve -- ra, sp and
 * s0..s11 -- because switching happens inside a call to __switch_to():
 * every other register is dead across that call. The kernel does not use
 * floating point (-mabi=lp64, no F/D in the kernel's -march), so there is
 * no FP state to save here; the user FP registers of processes are saved
 * lazily by the process code (sstatus.FS), not on every switch.
 *
 * Besides the registers, the context names the task's kernel stack, and
 * __switch_to() copies it into the hart's struct cpu: stack_bottom (trap
 * entry's stack-overflow check) and kernel_sp (the stack a trap from user
 * mode starts on), so they always describe the running task.
 */
#ifndef ARCH_SWITCH_H
#define ARCH_SWITCH_H

/* Offsets for switch.S. */
#define SWITCH_RA           0
#define SWITCH_SP           8
#define SWITCH_S0           16     /* s0..s11 at 16 + 8 * n */
#define SWITCH_STACK_BOTTOM 112
#define SWITCH_STACK_TOP    120
#define SWITCH_SIZE         128

#ifndef __ASSEMBLY__
#include <kernel/types.h>

struct switch_context {
	unsigned long ra;            /* where __switch_to() returns to */
	unsigned long sp;
	unsigned long s[12];         /* s0 (the frame pointer) .. s11 */
	unsigned long stack_bottom;  /* [I] lowest address of the kernel stack */
	unsigned long stack_top;     /* [I] one past its highest address */
};

_Static_assert(__builtin_offsetof(struct switch_context, ra) == SWITCH_RA, "switch ra");
_Static_assert(__builtin_offsetof(struct switch_context, sp) == SWITCH_SP, "switch sp");
_Static_assert(__builtin_offsetof(struct switch_context, s) == SWITCH_S0, "switch s0");
_Static_assert(__builtin_offsetof(struct switch_context, stack_bottom) == SWITCH_STACK_BOTTOM,
	       "switch stack_bottom");
_Static_assert(__builtin_offsetof(struct switch_context, stack_top) == SWITCH_STACK_TOP,
	       "switch stack_top");
_Static_assert(sizeof(struct switch_context) == SWITCH_SIZE, "switch size");

/*
 * Save the callee-saved registers into prev, load next's, point the
 * hart's stack_bottom and kernel_sp at next's stack, and return on next's
 * stack -- where next called __switch_to() itself, or into
 * switch_trampoline for a new task. Returns prev, as seen by next: the
 * context of the task that ran on this hart just before it.
 * Interrupts must be off.
 */
struct switch_context *__switch_to(struct switch_context *prev, struct switch_context *next);

/*
 * First "return" of a new task (switch.S): calls sched_switch_tail(prev)
 * to finish the switch, then entry(arg), which must not return.
 */
void switch_trampoline(void);

/*
 * Make ctx start a new task on the stack [bottom, top): its first switch
 * goes to switch_trampoline, which calls entry(arg).
 */
static inline void switch_context_init(struct switch_context *ctx, unsigned long bottom,
				       unsigned long top, void (*entry)(void *), void *arg)
{
	for (unsigned int i = 0; i < 12; i++)
		ctx->s[i] = 0;
	ctx->ra = (unsigned long)switch_trampoline;
	ctx->sp = top;
	ctx->s[0] = 0;                      /* frame pointer: the backtrace ends here */
	ctx->s[1] = (unsigned long)entry;
	ctx->s[2] = (unsigned long)arg;
	ctx->stack_bottom = bottom;
	ctx->stack_top = top;
}

#endif /* __ASSEMBLY__ */
#endif /* ARCH_SWITCH_H */
