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

hello_msg:
	.ascii	"hello from user mode\n"
hello_end:
	.if hello_end - hello_msg - HELLO_LEN
	.error "HELLO_LEN does not match hello_msg"
	.endif
	.balign 4096
	.globl ktest_user_prog_end
ktest_user_prog_end:
