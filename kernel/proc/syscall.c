/*
 * System-call dispatch and the first system calls (write is in kernel/fs/).
 *
 * syscall_dispatch() takes the number from a7 and the arguments from
 * a0..a5 of the trap frame and calls the handler from the generated table
 * (kernel/syscalls.list); a number without a handler returns -ENOSYS and,
 * with the boot option syscall.log=unknown, is logged once per task and
 * number so that a user can see what a foreign binary is missing.
 *
 * syscall_restart() applies Linux's restart rules to a call interrupted
 * by a signal (signal_deliver calls it on the way out).
 *
 * Runs in the calling task's context with interrupts on; handlers may
 * sleep. No locks of its own.
 */
#include <arch/ptrace.h>
#include <kernel/machine.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <kernel/user.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#define __NR_restart_syscall 128   /* asm-generic/unistd.h */

static bool log_unknown;   /* [I] boot option syscall.log=unknown */
static bool log_checked;   /* [a] the option was read */

/* Log an unknown number once per task (the last one logged is remembered). */
static void syscall_log_unknown(unsigned long nr)
{
	struct process *p = current->proc;
	static int last_pid = -1;
	static unsigned long last_nr = ~0UL;

	if (!READ_ONCE(log_checked)) {
		const char *v = cmdline_get(&kernel_cmdline, "syscall.log");
		log_unknown = v && strcmp(v, "unknown") == 0;
		WRITE_ONCE(log_checked, true);
	}
	if (!log_unknown)
		return;
	if (p && nr < NR_SYSCALLS) {
		/* Once per process and number: the bit is set atomically, so threads agree. */
		unsigned long bit = 1UL << (nr % 64);
		if (__atomic_fetch_or(&p->unknown_logged[nr / 64], bit, __ATOMIC_RELAXED) & bit)
			return;
	} else if (last_pid == current->pid && last_nr == nr) {
		return;   /* a kernel thread's, or a number beyond the table: once in a row */
	}
	last_pid = current->pid;
	last_nr = nr;
	pr_notice("syscall: pid %d (%s) called unimplemented %lu (%s): -ENOSYS\n",
		  current->pid, current->name, nr,
		  nr < NR_SYSCALLS && syscall_names[nr] ? syscall_names[nr] : "not a Linux number");
}

void syscall_trace_check(struct task *t)
{
	const char *v = cmdline_get(&kernel_cmdline, "syscall.trace");

	t->syscall_trace = v && (strcmp(v, "all") == 0 || strcmp(v, t->name) == 0);
}

/* One line per call: "[pid] name(args) = result"; only the arguments it takes. */
static void syscall_trace(unsigned long nr, const struct syscall_args *args, long ret)
{
	bool known = nr < NR_SYSCALLS && syscall_names[nr];
	unsigned int n = known && syscall_table[nr] ? syscall_nargs[nr] : 6;
	char buf[160];
	size_t len;

	len = (size_t)scnprintf(buf, sizeof(buf), "[%d] %s(", current->pid,
				known ? syscall_names[nr] : "?");
	for (unsigned int i = 0; i < n; i++)
		len += (size_t)scnprintf(buf + len, sizeof(buf) - len, "%s%#lx", i ? ", " : "",
					 args->a[i]);
	if (ret < 0 && ret >= -4095)
		printk("%s) = -%ld\n", buf, -ret);
	else
		printk("%s) = %#lx\n", buf, (unsigned long)ret);
}

long syscall_dispatch(struct pt_regs *regs)
{
	unsigned long nr = regs->a7;
	struct syscall_args args = { { regs->a0, regs->a1, regs->a2, regs->a3, regs->a4, regs->a5 } };
	long ret;

	if (nr < NR_SYSCALLS && syscall_table[nr]) {
		ret = syscall_table[nr](&args);
	} else {
		syscall_log_unknown(nr);
		ret = -ENOSYS;
	}
	if (unlikely(current->syscall_trace))
		syscall_trace(nr, &args, ret);
	return ret;
}





/*
 * Linux's restart rules: -ERESTARTNOINTR always restarts; -ERESTARTSYS
 * restarts unless a handler without SA_RESTART runs (then -EINTR);
 * -ERESTARTNOHAND restarts only when no handler runs; -ERESTART_RESTARTBLOCK
 * then continues through restart_syscall (a7 changed to its number, as
 * Linux does), else -EINTR. Restarting rewinds pc to the ecall and puts
 * the first argument back from orig_a0 (a0 now holds the result).
 */
void syscall_restart(struct pt_regs *regs, const struct sigaction_u *ka)
{
	switch ((long)regs->a0) {
	case -ERESTART_RESTARTBLOCK:
		if (ka) {
			regs->a0 = (unsigned long)-EINTR;
			return;
		}
		regs->a7 = __NR_restart_syscall;
		break;
	case -ERESTARTNOHAND:
		if (ka) {
			regs->a0 = (unsigned long)-EINTR;
			return;
		}
		break;
	case -ERESTARTSYS:
		if (ka && !(ka->flags & SA_RESTART)) {
			regs->a0 = (unsigned long)-EINTR;
			return;
		}
		break;
	case -ERESTARTNOINTR:
		break;
	default:
		return;
	}
	regs->a0 = regs->orig_a0;
	regs->epc -= 4;
}

long sys_sched_yield(const struct syscall_args *args)
{
	sched_yield();
	return 0;
}
