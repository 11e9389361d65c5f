/*
 * The signal system calls of one thread's own state (list:
 * kernel/proc/syscalls-signal.list): rt_sigaction, rt_sigprocmask,
 * rt_sigpending, rt_sigsuspend, rt_sigtimedwait, sigaltstack and
 * restart_syscall. Sending is in kill.c, delivery and rt_sigreturn in
 * signal_deliver.c.
 *
 * Each checks its arguments in Linux's order (sigsetsize -EINVAL, the
 * signal number -EINVAL, user pointers -EFAULT) and works under the
 * caller's siglock; none holds a lock across user memory access.
 */
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#include "signal_internal.h"

#define SA_KNOWN (SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_ONSTACK | SA_RESTART | \
		  SA_NODEFER | SA_RESETHAND | SA_EXPOSE_TAGBITS)

/*
 * Install act for sig (if act), returning the old action in *old. A
 * disposition that ignores sig drops it from every pending set of the
 * process (POSIX).
 */
static void do_sigaction(int sig, const struct sigaction_u *act, struct sigaction_u *old)
{
	struct process *p = current->proc;
	struct sighand *sh = p->sig.sighand;
	unsigned long irq = spin_lock_irqsave(&p->sig.lock);

	spin_lock(&sh->lock);
	*old = sh->action[sig - 1];
	if (act) {
		sh->action[sig - 1] = *act;
		sh->action[sig - 1].flags &= SA_KNOWN;
		sh->action[sig - 1].mask &= ~SIG_UNBLOCKABLE;
	}
	spin_unlock(&sh->lock);
	if (act && sig_handler_ignores(act, sig))
		signal_flush_everywhere(p, SIGMASK(sig));
	spin_unlock_irqrestore(&p->sig.lock, irq);
}

/* rt_sigaction(sig, const struct sigaction *act, struct sigaction *oact, sigsetsize) */
long sys_rt_sigaction(const struct syscall_args *args)
{
	int sig = (int)args->a[0];
	struct sigaction_u act, old;

	if (args->a[3] != sizeof(ksigset_t) || !sig_valid(sig))
		return -EINVAL;
	if (args->a[1] && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (args->a[1] && copy_from_user(&act, (const void __user *)args->a[1], sizeof(act)))
		return -EFAULT;
	do_sigaction(sig, args->a[1] ? &act : NULL, &old);
	if (args->a[2] && copy_to_user((void __user *)args->a[2], &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* rt_sigprocmask(how, const sigset_t *set, sigset_t *oset, sigsetsize) */
long sys_rt_sigprocmask(const struct syscall_args *args)
{
	struct task *t = current;
	ksigset_t old = t->sig.blocked, set, mask;

	if (args->a[3] != sizeof(ksigset_t))
		return -EINVAL;
	if (args->a[1]) {
		if (copy_from_user(&set, (const void __user *)args->a[1], sizeof(set)))
			return -EFAULT;
		switch ((int)args->a[0]) {
		case SIG_BLOCK: mask = old | set; break;
		case SIG_UNBLOCK: mask = old & ~set; break;
		case SIG_SETMASK: mask = set; break;
		default: return -EINVAL;
		}
		signal_set_blocked(mask);
	}
	if (args->a[2] && copy_to_user((void __user *)args->a[2], &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* rt_sigpending(sigset_t *set, sigsetsize): the blocked signals that are pending. */
long sys_rt_sigpending(const struct syscall_args *args)
{
	struct task *t = current;
	struct process *p = t->proc;
	unsigned long irq;
	ksigset_t set;

	if (args->a[1] > sizeof(ksigset_t))
		return -EINVAL;
	irq = spin_lock_irqsave(&p->sig.lock);
	set = (t->sig.pending.set | p->sig.shared.set) & t->sig.blocked;
	spin_unlock_irqrestore(&p->sig.lock, irq);
	if (copy_to_user((void __user *)args->a[0], &set, args->a[1]))
		return -EFAULT;
	return 0;
}

/* rt_sigsuspend(const sigset_t *mask, sigsetsize): wait for a signal with mask; the old mask after. */
long sys_rt_sigsuspend(const struct syscall_args *args)
{
	struct task *t = current;
	ksigset_t mask;

	if (args->a[1] != sizeof(ksigset_t))
		return -EINVAL;
	if (copy_from_user(&mask, (const void __user *)args->a[0], sizeof(mask)))
		return -EFAULT;
	signal_mask_for_wait(mask);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(t))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	/* The handler's frame gets the old mask; signal_deliver restores it if none runs. */
	signal_mask_after_wait(true);
	return -ERESTARTNOHAND;
}

/* Sleep until a signal is pending or the monotonic clock passes deadline (0: forever). */
static void sigwait_sleep(u64 deadline)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current) || (deadline && ktime_get_ns() >= deadline))
			break;
		if (deadline)
			schedule_until(deadline);
		else
			schedule();
	}
	__set_current_state(TASK_RUNNING);
}

/*
 * Take a signal of these, waiting up to timeout_ns (~0: forever) with
 * them unblocked for the wait. The signal, -EAGAIN (timed out), -EINTR.
 */
static int do_sigtimedwait(ksigset_t these, struct siginfo_k *info, u64 timeout_ns)
{
	struct task *t = current;
	struct process *p = t->proc;
	unsigned long irq = spin_lock_irqsave(&p->sig.lock);
	int sig = signal_dequeue(t, ~these, info);

	if (!sig && timeout_ns) {
		u64 deadline = timeout_ns == ~0ULL ? 0 : ktime_get_ns() + timeout_ns;

		t->sig.real_blocked = t->sig.blocked;
		WRITE_ONCE(t->sig.blocked, t->sig.blocked & ~these);
		spin_unlock_irqrestore(&p->sig.lock, irq);
		sigwait_sleep(deadline);
		irq = spin_lock_irqsave(&p->sig.lock);
		WRITE_ONCE(t->sig.blocked, t->sig.real_blocked);
		t->sig.real_blocked = 0;
		sig = signal_dequeue(t, ~these, info);
		if (!sig)
			sig = deadline && ktime_get_ns() >= deadline ? -EAGAIN : -EINTR;
	} else if (!sig) {
		sig = -EAGAIN;
	}
	spin_unlock_irqrestore(&p->sig.lock, irq);
	return sig;
}

/* rt_sigtimedwait(const sigset_t *set, siginfo_t *info, const struct timespec *timeout, sigsetsize) */
long sys_rt_sigtimedwait(const struct syscall_args *args)
{
	struct __kernel_timespec ts;
	struct siginfo_k info;
	ksigset_t these;
	u64 timeout = ~0ULL;
	int sig;

	if (args->a[3] != sizeof(ksigset_t))
		return -EINVAL;
	if (copy_from_user(&these, (const void __user *)args->a[0], sizeof(these)))
		return -EFAULT;
	these &= ~SIG_UNBLOCKABLE;
	if (args->a[2]) {
		if (copy_from_user(&ts, (const void __user *)args->a[2], sizeof(ts)))
			return -EFAULT;
		if (timespec_to_ns(&ts, &timeout))
			return -EINVAL;
	}
	sig = do_sigtimedwait(these, &info, timeout);
	if (sig > 0 && args->a[1] && copy_to_user((void __user *)args->a[1], &info, sizeof(info)))
		return -EFAULT;
	return sig;
}

int do_sigaltstack(const struct sigaltstack_u *ss, struct sigaltstack_u *oss, unsigned long sp)
{
	struct task *t = current;
	unsigned int mode;

	if (oss) {
		memset(oss, 0, sizeof(*oss));
		oss->ss_sp = t->sig.sas_sp;
		oss->ss_size = t->sig.sas_size;
		oss->ss_flags = (int)((t->sig.sas_size == 0 ? SS_DISABLE : on_sig_stack(sp) ? SS_ONSTACK
				       : 0) | t->sig.sas_flags);
	}
	if (!ss)
		return 0;
	if (on_sig_stack(sp))
		return -EPERM;
	mode = (unsigned int)ss->ss_flags & ~SS_AUTODISARM;
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		t->sig.sas_sp = t->sig.sas_size = 0;
		t->sig.sas_flags = 0;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	t->sig.sas_sp = ss->ss_sp;
	t->sig.sas_size = ss->ss_size;
	t->sig.sas_flags = (unsigned int)ss->ss_flags & SS_AUTODISARM;
	return 0;
}

/* sigaltstack(const stack_t *ss, stack_t *old_ss) */
long sys_sigaltstack(const struct syscall_args *args)
{
	struct sigaltstack_u ss, oss;
	unsigned long sp = task_pt_regs(current)->sp;
	int err;

	if (args->a[0] && copy_from_user(&ss, (const void __user *)args->a[0], sizeof(ss)))
		return -EFAULT;
	err = do_sigaltstack(args->a[0] ? &ss : NULL, &oss, sp);
	if (!err && args->a[1] && copy_to_user((void __user *)args->a[1], &oss, sizeof(oss)))
		return -EFAULT;
	return err;
}

/* restart_syscall(): continue a call that returned -ERESTART_RESTARTBLOCK. */
long sys_restart_syscall(const struct syscall_args *args)
{
	struct restart_block *rb = &current->sig.restart;
	long (*fn)(struct restart_block *) = rb->fn;

	(void)args;
	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}
