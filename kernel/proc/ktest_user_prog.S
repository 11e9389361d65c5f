/*
 * User-mode test programs for kernel/proc/ktest_user.c, assembled into the
 * kernel image as data and copied into a test address space at
 * USER_PROG_BASE. Position-independent (PC-relative only). Each entry
 * point ends with exit(code); the test checks the code.
 */
#define SYS_write       64
#define SYS_exit        93
#define SYS_getpid      172
#define SYS_gettid      178
#define SYS_exit_group  94
#define SYS_sched_yield 124
#define SYS_getppid     173
#define SYS_clone       220
#define SYS_wait4       260
#define SIGCHLD         17
/* CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID */
#define THREAD_FLAGS    0x1210900
#define HELLO_LEN       21   /* "hello from user mode\n" */

	.section .rodata.user_prog, "a"
	.balign 4096
	.globl ktest_user_prog_start
ktest_user_prog_start:

/* write a line, check its result, check -ENOSYS, touch the stack, exit(42) */
	.globl ktest_user_hello
ktest_user_hello:
	li	a7, SYS_write
	li	a0, 1
	lla	a1, hello_msg
	li	a2, HELLO_LEN
	ecall
	li	t0, HELLO_LEN
	bne	a0, t0, fail_1
	li	a7, 500			/* not a system call */
	ecall
	li	t0, -38			/* -ENOSYS */
	bne	a0, t0, fail_2
	li	a7, SYS_write		/* a bad pointer must give -EFAULT */
	li	a0, 1
	li	a1, 16
	li	a2, 8
	ecall
	li	t0, -14
	bne	a0, t0, fail_3
	li	a7, SYS_getpid
	ecall
	mv	s1, a0
	li	a7, SYS_gettid
	ecall
	bne	a0, s1, fail_4
	/* 64 KiB of stack, a word per page: demand-zero faults, stack growth */
	li	t1, 16
	mv	t2, sp
	li	t4, 4096
1:	sub	t2, t2, t4
	ld	t3, 0(t2)
	bnez	t3, fail_5		/* fresh anonymous memory reads as zero */
	sd	t1, 0(t2)
	addi	t1, t1, -1
	bnez	t1, 1b
	li	a7, SYS_exit
	li	a0, 42
	ecall
fail_1:	li	a0, 1
	j	do_exit
fail_2:	li	a0, 2
	j	do_exit
fail_3:	li	a0, 3
	j	do_exit
fail_4:	li	a0, 4
	j	do_exit
fail_5:	li	a0, 5
do_exit:
	li	a7, SYS_exit
	ecall
	unimp

/* load from address 0: SIGSEGV */
	.globl ktest_user_null
ktest_user_null:
	ld	t0, 0(zero)
	li	a0, 99
	j	do_exit

/* store into its own code (mapped R-X): SIGSEGV */
	.globl ktest_user_write_text
ktest_user_write_text:
	lla	t0, ktest_user_prog_start
	sd	zero, 0(t0)
	li	a0, 99
	j	do_exit

/* load from a kernel address: SIGSEGV, the kernel is not reachable */
	.globl ktest_user_kernel_addr
ktest_user_kernel_addr:
	li	t0, 0xffffffc080200000
	ld	t1, 0(t0)
	li	a0, 99
	j	do_exit

/* an illegal instruction: SIGILL */
	.globl ktest_user_illegal
ktest_user_illegal:
	unimp
	li	a0, 99
	j	do_exit

/* a long loop (several ticks), then exit(7) */
	.globl ktest_user_spin
ktest_user_spin:
	li	t0, 60000000
1:	addi	t0, t0, -1
	bnez	t0, 1b
	li	a0, 7
	j	do_exit

/*
 * fork, wait4 and exit statuses. s1 = the stack word the child changes;
 * s2 = the child's pid. Exit 33 when every check passed, else the check's
 * number.
 */
	.globl ktest_user_fork
ktest_user_fork:
	addi	sp, sp, -32
	li	t0, 1234
	sd	t0, 0(sp)
	li	a7, SYS_clone		/* fork: clone(SIGCHLD, 0, 0, 0, 0) */
	li	a0, SIGCHLD
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	ecall
	bltz	a0, ffail_1
	bnez	a0, 1f
	/* child: its own copy of the word; its parent is the test's process */
	li	t0, 999
	sd	t0, 0(sp)
	li	a7, SYS_getppid
	ecall
	blez	a0, 2f
	li	a0, 7
	j	do_exit
2:	li	a0, 8
	j	do_exit
1:	mv	s2, a0
	li	a7, SYS_wait4		/* wait4(-1, sp + 8, 0, 0) */
	li	a0, -1
	addi	a1, sp, 8
	li	a2, 0
	li	a3, 0
	ecall
	bne	a0, s2, ffail_2
	lw	t0, 8(sp)
	li	t1, 7 << 8		/* WIFEXITED, WEXITSTATUS 7 */
	bne	t0, t1, ffail_3
	ld	t0, 0(sp)
	li	t1, 1234		/* COW: the child's store stayed in the child */
	bne	t0, t1, ffail_4
	li	a7, SYS_clone		/* a child that faults */
	li	a0, SIGCHLD
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	ecall
	bltz	a0, ffail_1
	bnez	a0, 3f
	ld	t0, 0(zero)
	li	a0, 9
	j	do_exit
3:	li	a7, SYS_wait4
	li	a0, -1
	addi	a1, sp, 8
	li	a2, 0
	li	a3, 0
	ecall
	blez	a0, ffail_5
	lw	t0, 8(sp)
	andi	t0, t0, 0x7f		/* without the core flag (0x80) */
	li	t1, 11			/* WIFSIGNALED, WTERMSIG SIGSEGV */
	bne	t0, t1, ffail_6
	li	a7, SYS_wait4		/* no children left */
	li	a0, -1
	li	a1, 0
	li	a2, 0
	li	a3, 0
	ecall
	li	t0, -10			/* -ECHILD */
	bne	a0, t0, ffail_7
	/* vfork: the child runs in our memory, and we wait until it exits */
	sd	zero, 16(sp)
	li	a7, SYS_clone
	li	a0, 0x4111		/* CLONE_VM | CLONE_VFORK | SIGCHLD */
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	ecall
	bltz	a0, ffail_1
	bnez	a0, 4f
	li	t0, 77
	sd	t0, 16(sp)		/* the parent's stack: shared */
	li	a7, SYS_exit
	li	a0, 3
	ecall
4:	ld	t0, 16(sp)		/* the child has run and exited by now */
	li	t1, 77
	bne	t0, t1, ffail_8
	li	a7, SYS_wait4
	li	a0, -1
	addi	a1, sp, 8
	li	a2, 0
	li	a3, 0
	ecall
	blez	a0, ffail_8
	lw	t0, 8(sp)
	li	t1, 3 << 8
	bne	t0, t1, ffail_8
	li	a0, 33
	j	do_exit
ffail_1: li	a0, 1
	j	do_exit
ffail_2: li	a0, 2
	j	do_exit
ffail_3: li	a0, 3
	j	do_exit
ffail_4: li	a0, 4
	j	do_exit
ffail_5: li	a0, 5
	j	do_exit
ffail_6: li	a0, 6
	j	do_exit
ffail_7: li	a0, 10
	j	do_exit
ffail_8: li	a0, 11
	j	do_exit

/*
 * Threads. Frame: 0(sp) counter, 8.. 4 tid words (4 bytes each), 32 the
 * spinner's tid word. Thread stacks 16 KiB apart below the frame.
 */
	.globl ktest_user_threads
ktest_user_threads:
	addi	sp, sp, -64
	sd	zero, 0(sp)
	mv	s2, sp			/* the counter, seen by the threads */
	li	s3, 0			/* threads made */
1:	li	a7, SYS_clone		/* clone(THREAD_FLAGS, stack, 0, 0, &tid[i]) */
	li	a0, THREAD_FLAGS
	addi	t0, s3, 1
	slli	t0, t0, 14
	sub	a1, sp, t0
	li	a2, 0
	li	a3, 0
	slli	t0, s3, 2
	addi	a4, sp, 8
	add	a4, a4, t0
	ecall
	beqz	a0, thread_body
	bltz	a0, tfail_1
	addi	s3, s3, 1
	li	t0, 4
	blt	s3, t0, 1b
2:	li	a7, SYS_sched_yield	/* wait for the four increments */
	ecall
	lw	t0, 0(s2)
	li	t1, 4
	bne	t0, t1, 2b
3:	li	a7, SYS_sched_yield	/* CLONE_CHILD_CLEARTID zeroes each tid word at exit */
	ecall
	lw	t0, 8(sp)
	lw	t1, 12(sp)
	or	t0, t0, t1
	lw	t1, 16(sp)
	or	t0, t0, t1
	lw	t1, 20(sp)
	or	t0, t0, t1
	bnez	t0, 3b
	li	a7, SYS_clone		/* a thread that never ends: exit_group takes it */
	li	a0, THREAD_FLAGS
	li	t0, 6 << 14
	sub	a1, sp, t0
	li	a2, 0
	li	a3, 0
	addi	a4, sp, 32
	ecall
	beqz	a0, spin_forever
	bltz	a0, tfail_1
	li	a7, SYS_exit_group
	li	a0, 44
	ecall
	unimp
thread_body:
	li	t0, 1
	amoadd.w zero, t0, (s2)
	li	a7, SYS_exit		/* this thread only */
	li	a0, 0
	ecall
	unimp
spin_forever:
	j	spin_forever
tfail_1: li	a0, 1
	j	do_exit

/*
 * FP state across preemption: fork; parent and child each put their own
 * values in f1..f3 and fcsr's rounding mode, yield many times, and check
 * them. The child exits 0 when all held; the parent then exits 55.
 */
	.option push
	.option arch, +d
	.globl ktest_user_fp
ktest_user_fp:
	addi	sp, sp, -16
	li	a7, SYS_clone
	li	a0, SIGCHLD
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a4, 0
	ecall
	bltz	a0, fpfail_1
	snez	s4, a0			/* 1 in the parent, 0 in the child */
	addi	s5, s4, 100		/* the value: 100 or 101 */
	fcvt.d.l f1, s5
	fadd.d	f2, f1, f1
	fmul.d	f3, f2, f1
	fsrm	s4			/* rounding mode 0 or 1 */
	li	s6, 300
1:	li	a7, SYS_sched_yield
	ecall
	li	t0, 2000
2:	addi	t0, t0, -1
	bnez	t0, 2b
	fcvt.l.d t1, f1
	bne	t1, s5, fpfail_2
	fcvt.l.d t1, f2
	slli	t2, s5, 1
	bne	t1, t2, fpfail_2
	fcvt.l.d t1, f3
	mul	t2, t2, s5
	bne	t1, t2, fpfail_2
	frrm	t1
	bne	t1, s4, fpfail_3
	addi	s6, s6, -1
	bnez	s6, 1b
	beqz	s4, 3f
	li	a7, SYS_wait4
	li	a0, -1
	mv	a1, sp
	li	a2, 0
	li	a3, 0
	ecall
	blez	a0, fpfail_1
	lw	t0, 0(sp)
	bnez	t0, fpfail_4
	li	a0, 55
	j	do_exit
3:	li	a0, 0
	j	do_exit
fpfail_1: li	a0, 1
	j	do_exit
fpfail_2: li	a0, 2
	j	do_exit
fpfail_3: li	a0, 3
	j	do_exit
fpfail_4: li	a0, 4
	j	do_exit
	.option pop

hello_msg:
	.ascii	"hello from user mode\n"
hello_end:
	.if hello_end - hello_msg - HELLO_LEN
	.error "HELLO_LEN does not match hello_msg"
	.endif
	.balign 4096
	.globl ktest_user_prog_end
ktest_user_prog_end:
