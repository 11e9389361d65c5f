/*
 * Trap entry and exit.
 *
 * Convention: sscratch is 0 while the hart runs kernel code; while it runs
 * user code it holds the hart's struct cpu pointer (the kernel tp). So the
 * first instruction swaps tp and sscratch: a non-zero tp afterwards means
 * the trap came from user mode, and the kernel stack comes from
 * cpu->kernel_sp; zero means it came from the kernel, which keeps its sp.
 *
 * The frame is struct pt_regs (arch/ptrace.h), Linux's order. trap_handler()
 * gets a pointer to it; on return every register is restored from it, so a
 * handler may change the frame (epc, a0) to change where and how the
 * interrupted code resumes.
 */
#include <arch/csr.h>
#include <arch/ptrace.h>
#include <kernel/smp.h>

	.section .text
	.globl trap_entry
	.balign 4
trap_entry:
	csrrw	tp, sscratch, tp
	bnez	tp, 1f

	/*
	 * From the kernel: tp was already ours; sscratch now holds it too.
	 * If the frame would not fit above the bottom of the current stack,
	 * the stack has overflowed (into its guard page, most likely): build
	 * the frame on this hart's emergency stack instead, and make that the
	 * stack that nested traps are checked against.
	 */
	csrr	tp, sscratch
	sd	t0, CPU_SCRATCH(tp)
	sd	t1, CPU_USER_SP(tp)
	addi	t0, sp, -PT_SIZE
	ld	t1, CPU_STACK_BOTTOM(tp)
	bltu	t0, t1, .Lstack_overflow
	ld	t1, CPU_USER_SP(tp)
	ld	t0, CPU_SCRATCH(tp)
	addi	sp, sp, -PT_SIZE
	sd	t0, PT_T0(sp)
	addi	t0, sp, PT_SIZE
	sd	t0, PT_SP(sp)
	j	2f

.Lstack_overflow:
	sd	t1, CPU_FAULT_BOTTOM(tp)
	mv	t1, sp
	ld	sp, CPU_EMERGENCY_SP(tp)
	li	t0, EMERGENCY_STACK_SIZE
	sub	t0, sp, t0
	sd	t0, CPU_STACK_BOTTOM(tp)
	addi	sp, sp, -PT_SIZE
	sd	t1, PT_SP(sp)
	ld	t1, CPU_USER_SP(tp)
	ld	t0, CPU_SCRATCH(tp)
	sd	t0, PT_T0(sp)
	j	2f

1:	/* From user mode: switch to this hart's kernel stack. */
	sd	sp, CPU_USER_SP(tp)
	ld	sp, CPU_KERNEL_SP(tp)
	addi	sp, sp, -PT_SIZE
	sd	t0, PT_T0(sp)
	ld	t0, CPU_USER_SP(tp)
	sd	t0, PT_SP(sp)

2:	sd	ra, 8(sp)
	sd	gp, 24(sp)
	sd	t1, 48(sp)
	sd	t2, 56(sp)
	sd	s0, 64(sp)
	sd	s1, 72(sp)
	sd	a0, 80(sp)
	sd	a1, 88(sp)
	sd	a2, 96(sp)
	sd	a3, 104(sp)
	sd	a4, 112(sp)
	sd	a5, 120(sp)
	sd	a6, 128(sp)
	sd	a7, 136(sp)
	sd	s2, 144(sp)
	sd	s3, 152(sp)
	sd	s4, 160(sp)
	sd	s5, 168(sp)
	sd	s6, 176(sp)
	sd	s7, 184(sp)
	sd	s8, 192(sp)
	sd	s9, 200(sp)
	sd	s10, 208(sp)
	sd	s11, 216(sp)
	sd	t3, 224(sp)
	sd	t4, 232(sp)
	sd	t5, 240(sp)
	sd	t6, 248(sp)

	/* The interrupted tp (user's, or ours) is in sscratch; clear it: in kernel now. */
	csrrw	t0, sscratch, zero
	sd	t0, PT_TP(sp)
	csrr	t0, sepc
	sd	t0, PT_EPC(sp)
	csrr	t0, sstatus
	sd	t0, PT_STATUS(sp)
	csrr	t0, stval
	sd	t0, PT_BADADDR(sp)
	csrr	t0, scause
	sd	t0, PT_CAUSE(sp)
	sd	a0, PT_ORIG_A0(sp)

	/* A frame record so backtraces walk through the trap into the interrupted code. */
	mv	s0, sp
	mv	a0, sp
	call	trap_handler

	.globl trap_return
trap_return:
	ld	t0, PT_STATUS(sp)
	andi	t1, t0, SSTATUS_SPP
	bnez	t1, 3f
	/* Back to user mode: remember the kernel stack and our tp for the next trap. */
	addi	t1, sp, PT_SIZE
	sd	t1, CPU_KERNEL_SP(tp)
	csrw	sscratch, tp
3:	csrw	sstatus, t0
	ld	t0, PT_EPC(sp)
	csrw	sepc, t0

	ld	ra, 8(sp)
	ld	gp, 24(sp)
	ld	tp, PT_TP(sp)
	ld	t0, 40(sp)
	ld	t1, 48(sp)
	ld	t2, 56(sp)
	ld	s0, 64(sp)
	ld	s1, 72(sp)
	ld	a0, 80(sp)
	ld	a1, 88(sp)
	ld	a2, 96(sp)
	ld	a3, 104(sp)
	ld	a4, 112(sp)
	ld	a5, 120(sp)
	ld	a6, 128(sp)
	ld	a7, 136(sp)
	ld	s2, 144(sp)
	ld	s3, 152(sp)
	ld	s4, 160(sp)
	ld	s5, 168(sp)
	ld	s6, 176(sp)
	ld	s7, 184(sp)
	ld	s8, 192(sp)
	ld	s9, 200(sp)
	ld	s10, 208(sp)
	ld	s11, 216(sp)
	ld	t3, 224(sp)
	ld	t4, 232(sp)
	ld	t5, 240(sp)
	ld	t6, 248(sp)
	ld	sp, PT_SP(sp)
	sret
