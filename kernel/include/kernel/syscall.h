/*
 * The system-call layer: Linux riscv64 numbering (a7 = number, a0..a5 =
 * arguments, a0 = result or -errno). The table is generated from
 * kernel/syscalls.list by scripts/gensyscalls.py; numbers without a
 * handler return -ENOSYS. Handlers take the six raw argument registers.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <kernel/types.h>

#define NR_SYSCALLS 451   /* __NR_syscalls of the Linux UAPI (checked by the generated table) */

struct pt_regs;
struct task;

struct syscall_args {
	unsigned long a[6];
};

typedef long (*syscall_fn_t)(const struct syscall_args *args);

extern const syscall_fn_t syscall_table[NR_SYSCALLS];
extern const char *const syscall_names[NR_SYSCALLS];
extern const unsigned char syscall_nargs[NR_SYSCALLS];   /* of the implemented ones */

/*
 * Tracing (boot option syscall.trace=NAME|all): a task whose name
 * matches at exec (or process creation) prints every system call with
 * its arguments and result; children inherit it.
 */
void syscall_trace_check(struct task *t);

/* Run the system call in regs (from user mode); returns its result for a0. */
long syscall_dispatch(struct pt_regs *regs);

#endif /* KERNEL_SYSCALL_H */
