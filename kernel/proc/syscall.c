/*
 * System-call dispatch and the first system calls (write is in kernel/fs/).
 *
 * syscall_dispatch() takes the number from a7 and the arguments from
 * a0..a5 of the trap frame and calls the handler from the generated table
 * (kernel/syscalls.list); a number without a handler returns -ENOSYS and,
 * with the boot option syscall.log=unknown, is logged once per task and
 * number so that a user can see what a foreign binary is missing.
 *
 * Runs in the calling task's context with interrupts on; handlers may
 * sleep. No locks of its own.
 */
#include <arch/ptrace.h>
#include <kernel/machine.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <kernel/user.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

static bool log_unknown;   /* [I] boot option syscall.log=unknown */
static bool log_checked;   /* [a] the option was read */

/* Log an unknown number once per task (the last one logged is remembered). */
static void syscall_log_unknown(unsigned long nr)
{
	static int last_pid = -1;
	static unsigned long last_nr = ~0UL;

	if (!READ_ONCE(log_checked)) {
		const char *v = cmdline_get(&kernel_cmdline, "syscall.log");
		log_unknown = v && strcmp(v, "unknown") == 0;
		WRITE_ONCE(log_checked, true);
	}
	if (!log_unknown || (last_pid == current->pid && last_nr == nr))
		return;
	last_pid = current->pid;
	last_nr = nr;
	pr_notice("syscall: pid %d (%s) called unimplemented %lu (%s): -ENOSYS\n",
		  current->pid, current->name, nr,
		  nr < NR_SYSCALLS && syscall_names[nr] ? syscall_names[nr] : "not a Linux number");
}

long syscall_dispatch(struct pt_regs *regs)
{
	unsigned long nr = regs->a7;
	struct syscall_args args = { { regs->a0, regs->a1, regs->a2, regs->a3, regs->a4, regs->a5 } };

	if (nr < NR_SYSCALLS && syscall_table[nr])
		return syscall_table[nr](&args);
	syscall_log_unknown(nr);
	return -ENOSYS;
}

long sys_exit(const struct syscall_args *args)
{
	user_task_exit((int)(args->a[0] & 0xff));
}

long sys_exit_group(const struct syscall_args *args)
{
	user_task_exit((int)(args->a[0] & 0xff));
}

long sys_getpid(const struct syscall_args *args)
{
	return current->pid;
}

long sys_gettid(const struct syscall_args *args)
{
	return current->pid;
}

long sys_sched_yield(const struct syscall_args *args)
{
	sched_yield();
	return 0;
}
