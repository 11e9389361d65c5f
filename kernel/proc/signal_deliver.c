/*
 * Signal delivery (interface in proc/signal.h; docs/signals.md): what a
 * thread does with its pending signals on the way back to user mode, the
 * group stop, telling the parent about stops, continues and exits.
 *
 * signal_deliver() loops: a fatal group exit ends the thread; a pending
 * group stop stops it until SIGCONT or SIGKILL; otherwise the next
 * signal is dequeued and ignored, acted on by default (exit, stop), or
 * given to its handler on a new frame (signal_frame.c). A system call
 * that returned one of the -ERESTART* codes is then restarted or turned
 * into -EINTR (syscall_restart, kernel/proc/syscall.c) before the first
 * frame is built, so the frame holds the final a0 and pc.
 *
 * Locks: siglock while dequeueing and changing the stop state; it is
 * dropped before sleeping, exiting, taking tasklist_lock, or touching
 * user memory.
 */
#include <arch/csr.h>
#include <arch/fpu.h>
#include <arch/irqflags.h>
#include <arch/ptrace.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <kernel/vdso.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#include "proc_internal.h"
#include "signal_internal.h"

/* ---------------------------------------------------------------- parent notification */

static void chld_info(struct siginfo_k *info, struct process *p, int code, int status)
{
	memset(info, 0, sizeof(*info));
	info->si_signo = SIGCHLD;
	info->si_code = code;
	info->f.chld.pid = p->tgid;
	info->f.chld.uid = READ_ONCE(p->cred.uid);
	info->f.chld.status = status;
	info->f.chld.utime = (long)(READ_ONCE(p->dead_utime) / 10000000ULL);   /* USER_HZ ticks */
	info->f.chld.stime = (long)(READ_ONCE(p->dead_stime) / 10000000ULL);
}

void notify_parent_cldstop(struct process *p, int why)
{
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);
	struct process *parent = p->parent;
	struct siginfo_k info;
	struct sigaction_u ka;
	int status;

	spin_lock(&p->sig.lock);
	status = why == CLD_STOPPED ? p->sig.stop_sig : SIGCONT;
	/* A stop already ended by SIGCONT is not reported. */
	if (why == CLD_STOPPED && !(p->sig.flags & SIGNAL_STOPPED))
		parent = NULL;
	spin_unlock(&p->sig.lock);
	if (parent && parent->exit_state == PROCESS_ALIVE) {
		ka = sighand_get(parent, SIGCHLD);
		if (!(ka.flags & SA_NOCLDSTOP)) {
			chld_info(&info, p, why, status);
			signal_send_process(parent, SIGCHLD, &info);
		}
		wake_up_all(&parent->child_wait);
	}
	spin_unlock_irqrestore(&tasklist_lock, irq);
}

bool signal_notify_parent_exit(struct process *p)
{
	struct process *parent = p->parent;
	int sig = p->exit_signal, status = p->exit_status, code;
	struct siginfo_k info;
	bool autoreap = false;

	if (!parent)
		return false;
	if ((status & 0x7f) == 0)
		code = CLD_EXITED, status = (status >> 8) & 0xff;
	else
		code = (status & WAIT_STATUS_CORE) ? CLD_DUMPED : CLD_KILLED, status &= 0x7f;
	if (sig == SIGCHLD) {
		struct sigaction_u ka = sighand_get(parent, SIGCHLD);

		autoreap = ka.handler == SIG_IGN || (ka.flags & SA_NOCLDWAIT);
		if (ka.handler == SIG_IGN)
			sig = 0;
	}
	if (sig_valid(sig)) {
		chld_info(&info, p, code, status);
		info.si_signo = sig;
		signal_send_process(parent, sig, &info);
	}
	wake_up_all(&parent->child_wait);
	return autoreap;
}

int signal_wait_report(struct process *c, bool stopped, bool continued, bool consume, int *code)
{
	int status = 0;

	spin_lock(&c->sig.lock);
	if ((c->sig.wait_code == CLD_STOPPED && stopped) ||
	    (c->sig.wait_code == CLD_CONTINUED && continued)) {
		*code = c->sig.wait_code;
		status = c->sig.wait_status;
		if (consume)
			c->sig.wait_code = 0;
	}
	spin_unlock(&c->sig.lock);
	return status;
}

/* ---------------------------------------------------------------- group stop */

/* Start a group stop for sig, every live thread taking part (siglock held). */
static void group_stop_start(struct process *p, int sig)
{
	struct task *t;

	p->sig.stop_sig = sig;
	if (p->sig.flags & SIGNAL_STOP_ACTIVE) {
		/* One is under way: the caller joins it. */
		if (!current->sig.stop_pending) {
			current->sig.stop_pending = true;
			p->sig.stop_count++;
		}
		return;
	}
	p->sig.flags |= SIGNAL_STOP_ACTIVE;
	p->sig.flags &= ~SIGNAL_STOPPED;
	p->sig.stop_count = 0;
	spin_lock(&p->lock);
	list_for_each_entry(t, &p->threads, thread_node) {
		if (t->sig.exiting)
			continue;
		WRITE_ONCE(t->sig.stop_pending, true);
		p->sig.stop_count++;
		if (t != current)
			signal_wake_up(t);
	}
	spin_unlock(&p->lock);
}

/* One thread fewer to wait for (siglock held); true if that completed the stop. */
static bool group_stop_count_down(struct process *p)
{
	if (!p->sig.stop_count || --p->sig.stop_count)
		return false;
	p->sig.flags |= SIGNAL_STOPPED;
	p->sig.wait_code = CLD_STOPPED;
	p->sig.wait_status = wait_status_stopped(p->sig.stop_sig);
	return true;
}

bool group_stop_leave(struct process *p, struct task *t)
{
	if (!t->sig.stop_pending)
		return false;
	t->sig.stop_pending = false;
	return group_stop_count_down(p);
}

/*
 * current takes part in the group stop (siglock held, irq state irq):
 * counts itself, tells the parent if it was the last, and sleeps until
 * SIGCONT or a fatal signal. Returns with siglock dropped.
 */
static void do_signal_stop(struct process *p, unsigned long irq)
{
	struct task *t = current;
	bool notify;

	WRITE_ONCE(t->sig.stop_pending, false);
	WRITE_ONCE(t->sig.stopped, true);
	notify = group_stop_count_down(p);
	spin_unlock_irqrestore(&p->sig.lock, irq);
	if (notify)
		notify_parent_cldstop(p, CLD_STOPPED);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!READ_ONCE(t->sig.stopped) || fatal_signal_pending(t))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

/* ---------------------------------------------------------------- choosing */

/*
 * The default action for sig (siglock held on entry and, unless the
 * process exits, on return; *irq is the saved interrupt state): nothing,
 * a group stop (which the caller's next pass joins), or exit.
 */
static void default_action(struct process *p, int sig, unsigned long *irq)
{
	switch (sig_default_action(sig)) {
	case SIGDFL_IGNORE:
	case SIGDFL_CONT:
		return;
	case SIGDFL_STOP:
		if (sig != SIGSTOP) {
			bool orphaned;

			/* The terminal's stops do not stop an orphaned group (POSIX). */
			spin_unlock_irqrestore(&p->sig.lock, *irq);
			orphaned = is_current_pgrp_orphaned();
			*irq = spin_lock_irqsave(&p->sig.lock);
			if (orphaned)
				return;
		}
		group_stop_start(p, sig);
		return;
	default:
		spin_unlock_irqrestore(&p->sig.lock, *irq);
		do_group_exit(sig_exit_status(sig));
	}
}

/*
 * The next signal for a handler, in *ks (true), or none left (false).
 * Everything else -- exits, stops, ignored signals -- happens here. May
 * sleep (a stop) or not return (an exit).
 */
static bool get_signal(struct ksignal *ks)
{
	struct task *t = current;
	struct process *p = t->proc;
	unsigned long irq;

	for (;;) {
		if (fatal_signal_pending(t))
			do_exit(READ_ONCE(p->group_exit_status));
		/* Nothing to do (the common second pass after a handler's frame): no lock. */
		if (!signal_pending(t) && !(READ_ONCE(p->sig.flags) & SIGNAL_NOTIFY_CONT))
			return false;
		irq = spin_lock_irqsave(&p->sig.lock);
		if (p->sig.flags & SIGNAL_NOTIFY_CONT) {
			p->sig.flags &= ~SIGNAL_NOTIFY_CONT;
			spin_unlock_irqrestore(&p->sig.lock, irq);
			notify_parent_cldstop(p, CLD_CONTINUED);
			continue;
		}
		if (t->sig.stop_pending) {
			do_signal_stop(p, irq);
			continue;
		}
		ks->sig = signal_dequeue(t, t->sig.blocked, &ks->info);
		if (!ks->sig) {
			spin_unlock_irqrestore(&p->sig.lock, irq);
			return false;
		}
		ks->ka = sighand_get(p, ks->sig);
		if (ks->ka.handler == SIG_IGN) {
			spin_unlock_irqrestore(&p->sig.lock, irq);
			continue;
		}
		if (ks->ka.handler != SIG_DFL) {
			if (ks->ka.flags & SA_RESETHAND) {
				struct sighand *sh = p->sig.sighand;

				spin_lock(&sh->lock);
				sh->action[ks->sig - 1].handler = SIG_DFL;
				sh->action[ks->sig - 1].flags &= ~SA_SIGINFO;
				spin_unlock(&sh->lock);
			}
			spin_unlock_irqrestore(&p->sig.lock, irq);
			return true;
		}
		default_action(p, ks->sig, &irq);
		spin_unlock_irqrestore(&p->sig.lock, irq);
	}
}

/* Run ks's handler next: the frame, then the handler's mask. A frame that cannot be written: SIGSEGV. */
static void handle_signal(const struct ksignal *ks, struct pt_regs *regs)
{
	struct task *t = current;
	ksigset_t mask;

	if (setup_rt_frame(ks, regs)) {
		force_sigsegv(ks->sig);
		return;
	}
	mask = t->sig.blocked | ks->ka.mask;
	if (!(ks->ka.flags & SA_NODEFER))
		mask |= SIGMASK(ks->sig);
	t->sig.restore_mask = false;
	signal_set_blocked(mask);
}

/* A frame for sig could not be built: SIGSEGV, with SIGSEGV's handler reset if sig was it. */
void force_sigsegv(int sig)
{
	struct process *p = current->proc;
	struct sighand *sh = p->sig.sighand;
	unsigned long irq;

	if (sig == SIGSEGV) {
		irq = spin_lock_irqsave(&sh->lock);
		sh->action[SIGSEGV - 1].handler = SIG_DFL;
		spin_unlock_irqrestore(&sh->lock, irq);
	}
	force_sig_fault(SIGSEGV, SI_KERNEL, 0);
}

/* ---------------------------------------------------------------- the way out */

static bool is_restart_code(long ret)
{
	return ret == -ERESTARTSYS || ret == -ERESTARTNOINTR || ret == -ERESTARTNOHAND ||
	       ret == -ERESTART_RESTARTBLOCK;
}

bool signal_work_pending(struct task *t, const struct pt_regs *regs)
{
	if (!t->proc)
		return false;
	if (signal_pending(t) || t->sig.restore_mask)
		return true;
	return regs->cause == EXC_ECALL_U && is_restart_code((long)regs->a0);
}

void signal_deliver(struct pt_regs *regs)
{
	struct task *t = current;
	bool syscall = regs->cause == EXC_ECALL_U;
	struct ksignal ks;

	local_irq_enable();
	while (get_signal(&ks)) {
		if (syscall) {
			syscall_restart(regs, &ks.ka);
			syscall = false;
		}
		handle_signal(&ks, regs);
	}
	if (syscall)
		syscall_restart(regs, NULL);
	/* The system call's return value is final: the next pass must not look at it again. */
	regs->cause = ~0UL;
	if (t->sig.restore_mask) {
		t->sig.restore_mask = false;
		signal_set_blocked(t->sig.saved_mask);
	}
	local_irq_disable();
}
