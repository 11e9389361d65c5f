/*
 * kill, tkill, tgkill before signal handlers exist (interface: the system
 * calls).
 *
 * No process can install a handler yet (rt_sigaction is not there), so
 * every signal takes its default action, exactly as on Linux for a
 * process without handlers: the terminating and core-dumping signals
 * (SIGKILL, SIGTERM, SIGINT, SIGSEGV, SIGABRT, the real-time ones...) end
 * the whole process with that signal's wait status (no core file:
 * RLIMIT_CORE is 0); SIGCHLD, SIGURG, SIGWINCH and SIGCONT are ignored.
 * The stop signals need job control and give -ENOSYS for now. Signal 0
 * only checks that the target exists and may be signalled.
 *
 * Permission (Linux's rule without capabilities): root, or the sender's
 * real or effective uid equals the target's real or saved uid.
 *
 * Locks: tasklist_lock while choosing targets; process_kill() takes each
 * target's process_lock under it (docs/locking.md order).
 */
#include <kernel/syscall.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#include "proc_internal.h"

#define NSIG 64
#define SIGCHLD  17
#define SIGCONT  18
#define SIGSTOP  19
#define SIGTSTP  20
#define SIGTTIN  21
#define SIGTTOU  22
#define SIGURG   23
#define SIGWINCH 28

enum sig_default { SIG_DFL_TERM, SIG_DFL_IGNORE, SIG_DFL_STOP };

static enum sig_default sig_default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
		return SIG_DFL_IGNORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIG_DFL_STOP;
	default:
		return SIG_DFL_TERM;
	}
}

static bool may_signal(const struct cred *sender, const struct process *target)
{
	const struct cred *t = &target->cred;

	return sender->euid == 0 || sender->uid == t->uid || sender->uid == t->suid ||
	       sender->euid == t->uid || sender->euid == t->suid;
}

/* Signal one process (tasklist_lock held): 0 or -EPERM. */
static int signal_process(const struct cred *sender, struct process *p, int sig)
{
	if (!may_signal(sender, p))
		return -EPERM;
	if (sig && p->exit_state == PROCESS_ALIVE && sig_default_action(sig) == SIG_DFL_TERM)
		process_kill(p, wait_status_signaled(sig));
	return 0;
}

static int check_sig(int sig)
{
	if (sig < 0 || sig > NSIG)
		return -EINVAL;
	if (sig && sig_default_action(sig) == SIG_DFL_STOP)
		return -ENOSYS;   /* job control comes with the signals issue */
	return 0;
}

/* kill(pid, sig) */
long sys_kill(const struct syscall_args *args)
{
	int pid = (int)args->a[0], sig = (int)args->a[1];
	struct process *self = current->proc, *p;
	struct cred sender;
	bool found = false, allowed = false;
	unsigned long irq;
	int err = check_sig(sig);

	if (err)
		return err;
	if (pid == (int)0x80000000)
		return -ESRCH;
	irq = spin_lock_irqsave(&self->lock);
	sender = self->cred;
	spin_unlock_irqrestore(&self->lock, irq);
	irq = spin_lock_irqsave(&tasklist_lock);
	list_for_each_entry(p, &process_list, all_node) {
		bool match;

		if (pid > 0)
			match = p->tgid == pid;
		else if (pid == 0)
			match = p->pgid == self->pgid;
		else if (pid == -1)
			match = p != self && p != init_process;
		else
			match = p->pgid == -pid;
		if (!match || p->exit_state == PROCESS_DEAD)
			continue;
		found = true;
		allowed |= signal_process(&sender, p, sig) == 0;
	}
	spin_unlock_irqrestore(&tasklist_lock, irq);
	if (!found)
		return -ESRCH;
	return allowed ? 0 : -EPERM;
}

/* Signal the process of thread tid, if it belongs to tgid (tgid <= 0: any). */
static long signal_thread(int tgid, int tid, int sig)
{
	struct process *self = current->proc;
	struct task *t;
	struct cred sender;
	unsigned long irq;
	long ret;
	int err = check_sig(sig);

	if (err)
		return err;
	if (tid <= 0)
		return -EINVAL;
	t = task_find_by_pid(tid);
	if (!t || !t->proc || (tgid > 0 && t->proc->tgid != tgid)) {
		if (t)
			task_put(t);
		return -ESRCH;
	}
	irq = spin_lock_irqsave(&self->lock);
	sender = self->cred;
	spin_unlock_irqrestore(&self->lock, irq);
	irq = spin_lock_irqsave(&tasklist_lock);
	ret = signal_process(&sender, t->proc, sig);
	spin_unlock_irqrestore(&tasklist_lock, irq);
	task_put(t);
	return ret;
}

/* tkill(tid, sig) */
long sys_tkill(const struct syscall_args *args)
{
	return signal_thread(0, (int)args->a[0], (int)args->a[1]);
}

/* tgkill(tgid, tid, sig) */
long sys_tgkill(const struct syscall_args *args)
{
	if ((int)args->a[0] <= 0)
		return -EINVAL;
	return signal_thread((int)args->a[0], (int)args->a[1], (int)args->a[2]);
}
