/*
 * Context switch between kernel tasks (interface in arch/switch.h).
 *
 * __switch_to(prev, next) is an ordinary call from the scheduler, so only
 * the callee-saved registers (ra, sp, s0..s11) carry state across it:
 * they go to prev's struct switch_context and come back from next's.
 * The hart's struct cpu (tp) gets next's stack bounds, for trap entry's
 * overflow check (stack_bottom) and for traps from user mode (kernel_sp).
 * a0 still holds prev when next resumes: that is the return value.
 *
 * Runs with interrupts off and the run-queue lock held (kernel/sched/core.c);
 * touches no memory but the two contexts and the two cpu fields.
 */
#include <arch/switch.h>
#include <kernel/smp.h>

	.section .text
	.globl __switch_to
	.balign 4
__switch_to:
	sd	ra, SWITCH_RA(a0)
	sd	sp, SWITCH_SP(a0)
	sd	s0, SWITCH_S0 + 0 * 8(a0)
	sd	s1, SWITCH_S0 + 1 * 8(a0)
	sd	s2, SWITCH_S0 + 2 * 8(a0)
	sd	s3, SWITCH_S0 + 3 * 8(a0)
	sd	s4, SWITCH_S0 + 4 * 8(a0)
	sd	s5, SWITCH_S0 + 5 * 8(a0)
	sd	s6, SWITCH_S0 + 6 * 8(a0)
	sd	s7, SWITCH_S0 + 7 * 8(a0)
	sd	s8, SWITCH_S0 + 8 * 8(a0)
	sd	s9, SWITCH_S0 + 9 * 8(a0)
	sd	s10, SWITCH_S0 + 10 * 8(a0)
	sd	s11, SWITCH_S0 + 11 * 8(a0)

	ld	t0, SWITCH_STACK_BOTTOM(a1)
	sd	t0, CPU_STACK_BOTTOM(tp)
	ld	t0, SWITCH_STACK_TOP(a1)
	sd	t0, CPU_KERNEL_SP(tp)

	ld	ra, SWITCH_RA(a1)
	ld	sp, SWITCH_SP(a1)
	ld	s0, SWITCH_S0 + 0 * 8(a1)
	ld	s1, SWITCH_S0 + 1 * 8(a1)
	ld	s2, SWITCH_S0 + 2 * 8(a1)
	ld	s3, SWITCH_S0 + 3 * 8(a1)
	ld	s4, SWITCH_S0 + 4 * 8(a1)
	ld	s5, SWITCH_S0 + 5 * 8(a1)
	ld	s6, SWITCH_S0 + 6 * 8(a1)
	ld	s7, SWITCH_S0 + 7 * 8(a1)
	ld	s8, SWITCH_S0 + 8 * 8(a1)
	ld	s9, SWITCH_S0 + 9 * 8(a1)
	ld	s10, SWITCH_S0 + 10 * 8(a1)
	ld	s11, SWITCH_S0 + 11 * 8(a1)
	ret

/*
 * A new task's first instruction: switch_context_init() left the entry
 * function in s1, its argument in s2 and a zero frame pointer in s0 (so
 * backtraces stop here). a0 is prev, from __switch_to.
 */
	.globl switch_trampoline
	.balign 4
switch_trampoline:
	call	sched_switch_tail
	mv	a0, s2
	jalr	s1
	unimp			/* entry functions never return */
