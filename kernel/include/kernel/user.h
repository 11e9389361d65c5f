/*
 * Running user code (the first piece of the process issue): a task with
 * an address space enters user mode with user_enter() and leaves the
 * kernel's hands only through a system call or a trap. Until processes
 * and signals exist, a fatal user fault kills the task with a console
 * line naming pid, address and cause, and its exit code is 128 + the
 * number of the signal Linux would have sent.
 */
#ifndef KERNEL_USER_H
#define KERNEL_USER_H

#include <kernel/compiler.h>

struct pt_regs;

#define SIGILL  4
#define SIGTRAP 5
#define SIGBUS  7
#define SIGSEGV 11

/* Start executing at pc in user mode with stack pointer sp; never returns. */
void __noreturn user_enter(unsigned long pc, unsigned long sp);
/*
 * user_enter for a program exec loaded (kernel/proc/exec.c): the same,
 * but with the FP unit usable from its initial state (sstatus.FS =
 * Initial), as every new Linux image starts. For a kernel thread that
 * has just exec'd (the first process, the self-tests).
 */
void __noreturn user_start(unsigned long pc, unsigned long sp);
/* An exception or ecall from user mode (trap_handler, interrupts off). */
void user_trap(struct pt_regs *regs);
/* End the current user task: drop its address space, exit with code. */
void __noreturn user_task_exit(int code);

#endif /* KERNEL_USER_H */
