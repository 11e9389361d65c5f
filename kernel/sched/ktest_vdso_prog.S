/*
 * A user-mode program for the vDSO self-test (kernel/sched/ktest_vdso.c),
 * copied into a test address space at VDSO_PROG_BASE and run there. It
 * finds the vDSO functions' addresses in its data page (filled in by the
 * test), calls them as glibc would, checks the answers, times them
 * against the system call, leaves the figures in the data page and exits
 * with 0, or with the number of the check that failed.
 *
 * Data page (VDSO_PROG_DATA), 8-byte slots:
 *   0 clock_gettime   8 gettimeofday   16 clock_getres   24 loop count
 *   32 <- cycles for the vDSO loop     40 <- cycles for the system-call loop
 *   48, 64, 80 <- three timespecs (vDSO, system call, vDSO)
 *   96 scratch timespec                112 the coarse resolution expected
 */
#define SYS_exit          93
#define SYS_clock_gettime 113
#define VDSO_PROG_DATA    0x40000
#define CLOCK_MONOTONIC   1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_MONOTONIC_COARSE   6

	.section .rodata.vdso_prog, "a"
	.balign 4096
	.globl ktest_vdso_prog_start
ktest_vdso_prog_start:
	li	s0, VDSO_PROG_DATA

	/* 1-3: vDSO, system call, vDSO: three readings of CLOCK_MONOTONIC */
	li	a0, CLOCK_MONOTONIC
	addi	a1, s0, 48
	ld	t0, 0(s0)
	jalr	t0
	bnez	a0, fail_1
	li	a0, CLOCK_MONOTONIC
	addi	a1, s0, 64
	li	a7, SYS_clock_gettime
	ecall
	bnez	a0, fail_2
	li	a0, CLOCK_MONOTONIC
	addi	a1, s0, 80
	ld	t0, 0(s0)
	jalr	t0
	bnez	a0, fail_3

	/* 4: they do not go backwards, whichever path read them */
	li	t6, 1000000000
	ld	t1, 48(s0)
	ld	t2, 56(s0)
	mul	t1, t1, t6
	add	t1, t1, t2
	ld	t3, 64(s0)
	ld	t4, 72(s0)
	mul	t3, t3, t6
	add	t3, t3, t4
	ld	t4, 80(s0)
	ld	t5, 88(s0)
	mul	t4, t4, t6
	add	t4, t4, t5
	bltu	t3, t1, fail_4
	bltu	t4, t3, fail_4

	/* 5: a clock the vDSO leaves to the kernel (it makes the system call) */
	li	a0, CLOCK_PROCESS_CPUTIME_ID
	addi	a1, s0, 96
	ld	t0, 0(s0)
	jalr	t0
	bnez	a0, fail_5

	/* 6: a bad clock: the system call's -EINVAL comes back */
	li	a0, 99
	addi	a1, s0, 96
	ld	t0, 0(s0)
	jalr	t0
	li	t1, -22
	bne	a0, t1, fail_6

	/* 7: clock_getres of the coarse clock is the tick */
	li	a0, CLOCK_MONOTONIC_COARSE
	addi	a1, s0, 96
	ld	t0, 16(s0)
	jalr	t0
	bnez	a0, fail_7
	ld	t1, 104(s0)
	ld	t2, 112(s0)
	bne	t1, t2, fail_7

	/* 8: gettimeofday gives a time after 1970 */
	addi	a0, s0, 96
	li	a1, 0
	ld	t0, 8(s0)
	jalr	t0
	bnez	a0, fail_8
	ld	t1, 96(s0)
	beqz	t1, fail_8

	/* timing: the loop count through the vDSO, then through the system call */
	ld	s1, 24(s0)
	rdtime	s2
1:	li	a0, CLOCK_MONOTONIC
	addi	a1, s0, 96
	ld	t0, 0(s0)
	jalr	t0
	addi	s1, s1, -1
	bnez	s1, 1b
	rdtime	t1
	sub	t1, t1, s2
	sd	t1, 32(s0)
	ld	s1, 24(s0)
	rdtime	s2
2:	li	a0, CLOCK_MONOTONIC
	addi	a1, s0, 96
	li	a7, SYS_clock_gettime
	ecall
	addi	s1, s1, -1
	bnez	s1, 2b
	rdtime	t1
	sub	t1, t1, s2
	sd	t1, 40(s0)

	li	a0, 0
	j	do_exit
fail_1:	li	a0, 1
	j	do_exit
fail_2:	li	a0, 2
	j	do_exit
fail_3:	li	a0, 3
	j	do_exit
fail_4:	li	a0, 4
	j	do_exit
fail_5:	li	a0, 5
	j	do_exit
fail_6:	li	a0, 6
	j	do_exit
fail_7:	li	a0, 7
	j	do_exit
fail_8:	li	a0, 8
do_exit:
	li	a7, SYS_exit
	ecall
	.balign 4096
	.globl ktest_vdso_prog_end
ktest_vdso_prog_end:
