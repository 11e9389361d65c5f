/*
 * Entry of the exec test programs (tests/exec/exec_check.c): hand the
 * initial stack pointer and the OR of all other registers to check_main
 * and exit with its result. No libc.
 */
	.section .text._start, "ax"
	.globl _start
_start:
	/* a1 = the OR of every register but sp: exec must have zeroed them */
	or	t0, t0, ra
	or	t0, t0, gp
	or	t0, t0, tp
	or	t0, t0, t1
	or	t0, t0, t2
	or	t0, t0, t3
	or	t0, t0, t4
	or	t0, t0, t5
	or	t0, t0, t6
	or	t0, t0, s0
	or	t0, t0, s1
	or	t0, t0, s2
	or	t0, t0, s3
	or	t0, t0, s4
	or	t0, t0, s5
	or	t0, t0, s6
	or	t0, t0, s7
	or	t0, t0, s8
	or	t0, t0, s9
	or	t0, t0, s10
	or	t0, t0, s11
	or	t0, t0, a0
	or	t0, t0, a1
	or	t0, t0, a2
	or	t0, t0, a3
	or	t0, t0, a4
	or	t0, t0, a5
	or	t0, t0, a6
	or	t0, t0, a7
	mv	a1, t0
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop
	mv	a0, sp
	call	check_main
	li	a7, 94		/* exit_group */
	ecall
1:	j	1b
