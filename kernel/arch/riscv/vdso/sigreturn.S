/*
 * The signal-return trampoline: a signal handler returns here (the
 * kernel puts this address in ra when it builds the signal frame), and
 * rt_sigreturn restores the interrupted context from the frame on the
 * stack. Debuggers recognize the two instructions as a signal frame.
 */
#include <asm/unistd.h>

	.text
	.globl	__vdso_rt_sigreturn
	.type	__vdso_rt_sigreturn, @function
	.balign	4
__vdso_rt_sigreturn:
	li	a7, __NR_rt_sigreturn
	ecall
	.size	__vdso_rt_sigreturn, . - __vdso_rt_sigreturn
