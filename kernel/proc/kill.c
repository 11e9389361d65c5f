/*
 * Sending signals by id (interface: proc/signal.h and the system calls
 * kill, tkill, tgkill, rt_sigqueueinfo, rt_tgsigqueueinfo): finding the
 * targets, the permission rule, and the orphaned-process-group test.
 *
 * kill(pid, sig): pid > 0 that process; 0 the caller's process group;
 * -1 every process but init and the caller; < -1 the group -pid. Signal
 * 0 only checks existence and permission. The siginfo says SI_USER with
 * the sender's tgid and real uid (SI_TKILL for tkill/tgkill; the
 * caller's own siginfo for rt_sigqueueinfo, which may not claim SI_USER
 * or a kernel code for another process).
 *
 * Permission (Linux's rule without capabilities): root, or the sender's
 * real or effective uid equals the target's real or saved uid; SIGCONT
 * also within one session.
 *
 * Locks: tasklist_lock (irqsave) around the walk of the process list;
 * each send takes the target's siglock inside it (docs/locking.md).
 */
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#include "proc_internal.h"
#include "signal_internal.h"

static bool may_signal(const struct cred *sender, const struct process *target, int sig,
		       int sender_sid)
{
	const struct cred *t = &target->cred;

	if (sig == SIGCONT && target->sid == sender_sid)
		return true;
	return sender->euid == 0 || sender->uid == t->uid || sender->uid == t->suid ||
	       sender->euid == t->uid || sender->euid == t->suid;
}

/* Who is sending, for the permission check and the siginfo. */
struct sender {
	bool priv;            /* the kernel: no permission check */
	struct cred cred;
	int sid;
	struct siginfo_k info;
};

static void sender_init(struct sender *s, int sig, int code, bool priv)
{
	struct process *self = current->proc;

	memset(s, 0, sizeof(*s));
	s->priv = priv || !self;
	s->info.si_signo = sig;
	s->info.si_code = priv ? SI_KERNEL : code;
	if (self && !priv) {
		unsigned long irq = spin_lock_irqsave(&self->lock);

		s->cred = self->cred;
		spin_unlock_irqrestore(&self->lock, irq);
		s->sid = READ_ONCE(self->sid);
		s->info.f.kill.pid = self->tgid;
		s->info.f.kill.uid = s->cred.uid;
	}
}

/* Signal one process (tasklist_lock held): 0, -EPERM, -EAGAIN. */
static int send_to(const struct sender *s, struct process *p, int sig)
{
	if (p->exit_state == PROCESS_DEAD)
		return -ESRCH;
	if (!s->priv && !may_signal(&s->cred, p, sig, s->sid))
		return -EPERM;
	if (!sig || p->exit_state != PROCESS_ALIVE)
		return 0;
	return signal_send_process(p, sig, &s->info);
}

/* kill's target selection: 0 if at least one process got it, else the first error (-ESRCH: none). */
static int kill_many(const struct sender *s, int pid, int sig)
{
	struct process *self = current->proc, *p;
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);
	int ret = -ESRCH, self_pgid = self ? self->pgid : 0;
	bool sent = false;

	list_for_each_entry(p, &process_list, all_node) {
		bool match;
		int err;

		if (pid > 0)
			match = p->tgid == pid;
		else if (pid == 0)
			match = p->pgid == self_pgid;
		else if (pid == -1)
			match = p != self && p != init_process;
		else
			match = p->pgid == -pid;
		if (!match || p->exit_state == PROCESS_DEAD)
			continue;
		err = send_to(s, p, sig);
		if (!err)
			sent = true;
		else if (ret == -ESRCH)
			ret = err;
	}
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return sent ? 0 : ret;
}

int kill_pgrp(int pgrp, int sig, int priv)
{
	struct sender s;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pgrp <= 0)
		return -ESRCH;
	sender_init(&s, sig, SI_USER, priv);
	return kill_many(&s, -pgrp, sig);
}

int kill_pid(int pid, int sig, int priv)
{
	struct sender s;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid <= 0)
		return -ESRCH;
	sender_init(&s, sig, SI_USER, priv);
	return kill_many(&s, pid, sig);
}

/* kill(pid, sig) */
long sys_kill(const struct syscall_args *args)
{
	int pid = (int)args->a[0], sig = (int)args->a[1];
	struct sender s;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	if (pid == (int)0x80000000)
		return -ESRCH;
	sender_init(&s, sig, SI_USER, false);
	/* To oneself (raise(), abort()): no walk of the process list, no tasklist_lock. */
	if (current->proc && pid == current->proc->tgid)
		return sig ? signal_send_process(current->proc, sig, &s.info) : 0;
	return kill_many(&s, pid, sig);
}

/* Signal thread tid, if it belongs to tgid (tgid <= 0: any), with info. */
static long signal_thread(int tgid, int tid, int sig, const struct siginfo_k *info)
{
	struct sender s;
	struct task *t;
	unsigned long irq;
	long ret;

	if (sig < 0 || sig > _NSIG || tid <= 0)
		return -EINVAL;
	t = task_find_by_pid(tid);
	if (!t || !t->proc || (tgid > 0 && t->proc->tgid != tgid) || (t->flags & PF_EXITING)) {
		if (t)
			task_put(t);
		return -ESRCH;
	}
	sender_init(&s, sig, SI_TKILL, false);
	if (info)
		s.info = *info;
	irq = spin_lock_irqsave(&tasklist_lock);
	if (t->proc->exit_state != PROCESS_ALIVE)
		ret = -ESRCH;
	else if (!may_signal(&s.cred, t->proc, sig, s.sid))
		ret = -EPERM;
	else
		ret = sig ? signal_send_thread(t, sig, &s.info) : 0;
	spin_unlock_irqrestore(&tasklist_lock, irq);
	task_put(t);
	return ret;
}

/* tkill(tid, sig) */
long sys_tkill(const struct syscall_args *args)
{
	return signal_thread(0, (int)args->a[0], (int)args->a[1], NULL);
}

/* tgkill(tgid, tid, sig) */
long sys_tgkill(const struct syscall_args *args)
{
	if ((int)args->a[0] <= 0)
		return -EINVAL;
	return signal_thread((int)args->a[0], (int)args->a[1], (int)args->a[2], NULL);
}

/*
 * The siginfo of rt_sigqueueinfo from user space: only the process itself
 * may claim SI_USER, SI_TKILL or a kernel code (Linux: -EPERM).
 */
static int queueinfo_from_user(unsigned long uinfo, int sig, int target_tgid,
			       struct siginfo_k *info)
{
	if (copy_from_user(info, (const void __user *)uinfo, sizeof(*info)))
		return -EFAULT;
	if ((info->si_code >= 0 || info->si_code == SI_TKILL) && target_tgid != current->proc->tgid)
		return -EPERM;
	info->si_signo = sig;
	return 0;
}

/* rt_sigqueueinfo(tgid, sig, siginfo_t *info) */
long sys_rt_sigqueueinfo(const struct syscall_args *args)
{
	int tgid = (int)args->a[0], sig = (int)args->a[1];
	struct sender s;
	struct process *p;
	unsigned long irq;
	int err;

	if (sig < 0 || sig > _NSIG)
		return -EINVAL;
	sender_init(&s, sig, SI_QUEUE, false);
	err = queueinfo_from_user(args->a[2], sig, tgid, &s.info);
	if (err)
		return err;
	if (tgid <= 0)
		return -ESRCH;
	err = -ESRCH;
	irq = spin_lock_irqsave(&tasklist_lock);
	list_for_each_entry(p, &process_list, all_node) {
		if (p->tgid == tgid && p->exit_state != PROCESS_DEAD) {
			err = send_to(&s, p, sig);
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return err;
}

/* rt_tgsigqueueinfo(tgid, tid, sig, siginfo_t *info) */
long sys_rt_tgsigqueueinfo(const struct syscall_args *args)
{
	int tgid = (int)args->a[0], tid = (int)args->a[1], sig = (int)args->a[2];
	struct siginfo_k info;
	int err;

	if (tgid <= 0 || tid <= 0 || sig < 0 || sig > _NSIG)
		return -EINVAL;
	err = queueinfo_from_user(args->a[3], sig, tgid, &info);
	if (err)
		return err;
	return signal_thread(tgid, tid, sig, &info);
}

/* ---------------------------------------------------------------- orphaned groups */

/* tasklist_lock held. */
bool pgrp_orphaned_locked(int pgrp, const struct process *ignore)
{
	struct process *p;

	list_for_each_entry(p, &process_list, all_node) {
		struct process *parent = p->parent;

		if (p->pgid != pgrp || p == ignore || p->exit_state != PROCESS_ALIVE)
			continue;
		if (!parent || parent == init_process)
			continue;
		if (parent->pgid != pgrp && parent->sid == p->sid)
			return false;
	}
	return true;
}

bool pgrp_has_stopped_locked(int pgrp)
{
	struct process *p;

	list_for_each_entry(p, &process_list, all_node)
		if (p->pgid == pgrp && p->exit_state == PROCESS_ALIVE &&
		    (READ_ONCE(p->sig.flags) & SIGNAL_STOP_ACTIVE))
			return true;
	return false;
}

bool is_orphaned_pgrp(int pgrp)
{
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);
	bool ret = pgrp_orphaned_locked(pgrp, NULL);

	spin_unlock_irqrestore(&tasklist_lock, irq);
	return ret;
}

bool is_current_pgrp_orphaned(void)
{
	return is_orphaned_pgrp(READ_ONCE(current->proc->pgid));
}
