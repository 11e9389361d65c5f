/*
 * Signal delivery (interface in proc/signal.h; docs/signals.md): what a
 * thread does with its pending signals on the way back to user mode, the
 * group stop, telling the parent about stops, continues and exits, the
 * riscv64 signal frame and rt_sigreturn.
 *
 * signal_deliver() loops: a fatal group exit ends the thread; a pending
 * group stop stops it until SIGCONT or SIGKILL; otherwise the next
 * signal is dequeued and ignored, acted on by default (exit, stop), or
 * given to its handler on a new frame. A system call that returned one
 * of the -ERESTART* codes is then restarted or turned into -EINTR
 * (syscall_restart, kernel/proc/syscall.c) before the first frame is
 * built, so the frame holds the final a0 and pc.
 *
 * The frame (struct rt_sigframe_u) is Linux's: siginfo, then a ucontext
 * whose uc_mcontext holds pc and x1..x31 (struct pt_regs' prefix) and the
 * D-extension FP state, then zeroed extension words. rt_sigreturn loads
 * back only those: sstatus stays the kernel's (user mode, interrupts on),
 * so editing the frame cannot raise privileges; a frame that cannot be
 * read or has non-zero extension words gives SIGSEGV.
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

/* One signal to hand to a handler. */
struct ksignal {
	int sig;
	struct siginfo_k info;
	struct sigaction_u ka;
};

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

/* ---------------------------------------------------------------- the frame */

bool on_sig_stack(unsigned long sp)
{
	struct task *t = current;

	return t->sig.sas_size && sp > t->sig.sas_sp && sp - t->sig.sas_sp <= t->sig.sas_size;
}

static void sigaltstack_describe(struct sigaltstack_u *ss, unsigned long sp)
{
	struct task *t = current;

	memset(ss, 0, sizeof(*ss));
	ss->ss_sp = t->sig.sas_sp;
	ss->ss_size = t->sig.sas_size;
	ss->ss_flags = (int)(t->sig.sas_size == 0 ? SS_DISABLE : on_sig_stack(sp) ? SS_ONSTACK : 0);
	ss->ss_flags |= (int)t->sig.sas_flags;
}

/* Where the frame goes: 0 if it does not fit on the alternate stack. */
static unsigned long frame_address(const struct ksignal *ks, unsigned long sp)
{
	struct task *t = current;
	unsigned long frame;

	if ((ks->ka.flags & SA_ONSTACK) && t->sig.sas_size && !on_sig_stack(sp))
		sp = t->sig.sas_sp + t->sig.sas_size;
	frame = (sp - sizeof(struct rt_sigframe_u)) & ~15UL;
	if (on_sig_stack(sp) && !on_sig_stack(frame + 1))
		return 0;
	return frame;
}

/* The user FP registers into fp (they are live on this hart while FS is not Off). */
static void fp_to_frame(struct pt_regs *regs, struct fp_state_u *fp)
{
	struct task *t = current;
	unsigned long irq;

	if ((regs->status & SSTATUS_FS) == SSTATUS_FS_OFF)
		return;
	irq = local_irq_save();
	fpu_save(&t->fp);
	local_irq_restore(irq);
	memcpy(fp->f, t->fp.f, sizeof(fp->f));
	fp->fcsr = t->fp.fcsr;
}

static void fp_from_frame(struct pt_regs *regs, const struct fp_state_u *fp)
{
	struct task *t = current;
	unsigned long irq;

	if ((regs->status & SSTATUS_FS) == SSTATUS_FS_OFF)
		return;
	irq = local_irq_save();
	memcpy(t->fp.f, fp->f, sizeof(t->fp.f));
	t->fp.fcsr = fp->fcsr;
	fpu_restore(&t->fp);
	t->fp_cpu = (int)this_cpu()->id;
	this_cpu()->fp_owner = t;
	regs->status = (regs->status & ~SSTATUS_FS) | SSTATUS_FS_CLEAN;
	local_irq_restore(irq);
}

/* The frame's contents (f zeroed by the caller). */
static void frame_fill(struct rt_sigframe_u *f, const struct ksignal *ks, struct pt_regs *regs)
{
	struct task *t = current;

	f->info = ks->info;
	sigaltstack_describe(&f->uc.uc_stack, regs->sp);
	f->uc.uc_sigmask = t->sig.restore_mask ? t->sig.saved_mask : t->sig.blocked;
	f->uc.uc_mcontext.sc_regs.pc = regs->epc;
	_Static_assert(sizeof(f->uc.uc_mcontext.sc_regs.x) == 31 * sizeof(unsigned long), "x1..x31");
	memcpy(f->uc.uc_mcontext.sc_regs.x, &regs->ra, sizeof(f->uc.uc_mcontext.sc_regs.x));
	fp_to_frame(regs, &f->uc.uc_mcontext.sc_fpregs);
}

/* Build the frame and point regs at the handler. 0, or -EFAULT (no room, no vDSO, bad stack). */
static int setup_rt_frame(const struct ksignal *ks, struct pt_regs *regs)
{
	struct task *t = current;
	struct rt_sigframe_u f;
	unsigned long frame = frame_address(ks, regs->sp);
	unsigned long vdso = t->mm ? READ_ONCE(t->mm->vdso_base) : 0;

	if (!frame || !vdso)
		return -EFAULT;
	memset(&f, 0, sizeof(f));
	frame_fill(&f, ks, regs);
	if (copy_to_user((void __user *)frame, &f, sizeof(f)))
		return -EFAULT;
	regs->epc = ks->ka.handler;
	regs->ra = vdso_sigreturn(vdso);
	regs->sp = frame;
	regs->a0 = (unsigned long)ks->sig;
	regs->a1 = frame + __builtin_offsetof(struct rt_sigframe_u, info);
	regs->a2 = frame + __builtin_offsetof(struct rt_sigframe_u, uc);
	if (t->sig.sas_flags & SS_AUTODISARM) {
		t->sig.sas_sp = t->sig.sas_size = 0;
		t->sig.sas_flags = 0;
	}
	return 0;
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

/* ---------------------------------------------------------------- rt_sigreturn */

/* The extension words after the FP state must be zero (no extension is known). */
static bool frame_ext_ok(const struct rt_sigframe_u *f)
{
	const struct fp_state_u *fp = &f->uc.uc_mcontext.sc_fpregs;

	return !fp->reserved[0] && !fp->reserved[1] && !fp->reserved[2];
}

/* rt_sigreturn(): back from a handler to the context in the frame at sp. */
long sys_rt_sigreturn(const struct syscall_args *args)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct rt_sigframe_u f;
	struct sigaltstack_u ss;

	(void)args;
	if (copy_from_user(&f, (const void __user *)regs->sp, sizeof(f)) || !frame_ext_ok(&f))
		goto bad;
	signal_set_blocked(f.uc.uc_sigmask);
	regs->epc = f.uc.uc_mcontext.sc_regs.pc;
	memcpy(&regs->ra, f.uc.uc_mcontext.sc_regs.x, sizeof(f.uc.uc_mcontext.sc_regs.x));
	fp_from_frame(regs, &f.uc.uc_mcontext.sc_fpregs);
	ss = f.uc.uc_stack;
	(void)do_sigaltstack(&ss, NULL, regs->sp);   /* Linux ignores all but -EFAULT, which cannot happen here */
	regs->cause = ~0UL;   /* not a system call any more: no restart on the way out */
	return (long)regs->a0;
bad:
	force_sig_fault(SIGSEGV, SI_KERNEL, 0);
	return (long)regs->a0;
}
