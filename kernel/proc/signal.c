/*
 * Signals, the core (interface in proc/signal.h; docs/signals.md): the
 * default actions, pending sets and their queues, sending (with the
 * SIGCONT/stop side effects, choosing and waking the thread that takes a
 * process-directed signal, fatal signals killing the group at once),
 * dequeueing, changing a thread's mask, and the hooks fork, exec, exit
 * and process teardown call.
 *
 * Invariants: a signal is in a sigpending's set iff it is pending there;
 * the list holds at most one entry per standard signal and any number per
 * real-time one, oldest first; a set bit without an entry means "pending,
 * siginfo lost" (SI_USER with zeroes). p->sig.nqueued counts the entries
 * on p and its threads. SIGKILL and SIGSTOP are never blocked.
 *
 * Locks: siglock (p->sig.lock, irqsave) for everything [S]; process_lock
 * nests inside it to walk p->threads; sighand_lock inside siglock for the
 * action table. Senders never take tasklist_lock here (kill.c does, around
 * its walk of the process list).
 */
#include <arch/barrier.h>
#include <arch/irqflags.h>
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#include "signal_internal.h"

static struct kmem_cache *sigqueue_cache;   /* [I] */
static struct kmem_cache *sighand_cache;    /* [I] */

void signal_init(void)
{
	sigqueue_cache = kmem_cache_create("sigqueue", sizeof(struct sigqueue), 8, NULL);
	sighand_cache = kmem_cache_create("sighand", sizeof(struct sighand), 8, NULL);
	if (!sigqueue_cache || !sighand_cache)
		panic("signal: no memory for the caches");
}

int sig_exit_status(int sig)
{
	int status = wait_status_signaled(sig);

	if (sig_default_action(sig) == SIGDFL_CORE)
		status |= WAIT_STATUS_CORE;
	return status;
}

/* ---------------------------------------------------------------- actions */

struct sigaction_u sighand_get(struct process *p, int sig)
{
	struct sighand *sh = p->sig.sighand;
	struct sigaction_u ka = { .handler = SIG_DFL };
	unsigned long irq;

	if (!sh)
		return ka;
	irq = spin_lock_irqsave(&sh->lock);
	ka = sh->action[sig - 1];
	spin_unlock_irqrestore(&sh->lock, irq);
	return ka;
}

/* Would sig be thrown away by its disposition (ignored, or SIG_DFL that ignores)? */
bool sig_handler_ignores(const struct sigaction_u *ka, int sig)
{
	if (ka->handler == SIG_IGN)
		return true;
	return ka->handler == SIG_DFL && (sig_default_action(sig) == SIGDFL_IGNORE ||
					  sig_default_action(sig) == SIGDFL_CONT);
}

/* ---------------------------------------------------------------- pending sets */

/* Drop the signals in mask from sp, queue entries included (siglock held). */
static void sigpending_flush(struct process *p, struct sigpending *sp, ksigset_t mask)
{
	struct sigqueue *q, *n;

	if (!(sp->set & mask))
		return;
	WRITE_ONCE(sp->set, sp->set & ~mask);
	list_for_each_entry_safe(q, n, &sp->list, node) {
		if (!sigset_has(mask, q->info.si_signo))
			continue;
		list_del(&q->node);
		kmem_cache_free(sigqueue_cache, q);
		p->sig.nqueued--;
	}
}

void signal_flush_everywhere(struct process *p, ksigset_t mask)
{
	struct task *t;

	sigpending_flush(p, &p->sig.shared, mask);
	spin_lock(&p->lock);
	list_for_each_entry(t, &p->threads, thread_node)
		sigpending_flush(p, &t->sig.pending, mask);
	spin_unlock(&p->lock);
}

int signal_dequeue(struct task *t, ksigset_t blocked, struct siginfo_k *info)
{
	struct process *p = t->proc;
	struct sigpending *sp = &t->sig.pending;
	struct sigqueue *q;
	int sig = sigpending_next(sp, blocked);

	if (!sig) {
		sp = &p->sig.shared;
		sig = sigpending_next(sp, blocked);
		if (!sig)
			return 0;
	}
	q = sigpending_take(sp, sig, info);
	if (q) {
		kmem_cache_free(sigqueue_cache, q);
		p->sig.nqueued--;
	}
	return sig;
}

/* ---------------------------------------------------------------- pending? */

bool signal_pending(struct task *t)
{
	struct process *p = t->proc;
	ksigset_t pending;

	if (!p)
		return false;
	if (fatal_signal_pending(t))
		return true;
	pending = READ_ONCE(t->sig.pending.set) | READ_ONCE(p->sig.shared.set);
	return (pending & ~READ_ONCE(t->sig.blocked)) || READ_ONCE(t->sig.stop_pending);
}

/* ---------------------------------------------------------------- waking */

void signal_wake_up(struct task *t)
{
	try_to_wake_up(t, TASK_INTERRUPTIBLE);
	/* Running in user mode elsewhere: the IPI brings it into the kernel, which delivers. */
	if (t != current && READ_ONCE(t->on_rq))
		smp_send_ipi(READ_ONCE(t->cpu), IPI_RESCHED);
}

static bool wants_signal(struct task *t, int sig)
{
	return sig_wanted_by(&t->sig, sig);
}

/* A thread of p that takes sig now, or NULL (siglock held). Prefers current. */
static struct task *pick_thread(struct process *p, int sig)
{
	const long off = (long)__builtin_offsetof(struct task, sig) -
			 (long)__builtin_offsetof(struct task, thread_node);
	struct task_signal *cur = current->proc == p ? &current->sig : NULL, *ts;

	if (cur && sig_wanted_by(cur, sig))
		return current;
	spin_lock(&p->lock);
	ts = sig_choose_thread(&p->threads, off, NULL, sig);
	spin_unlock(&p->lock);
	return ts ? container_of(ts, struct task, sig) : NULL;
}

/*
 * Shared signals in mask that t can no longer take (it blocked them or is
 * leaving): wake another thread for each (siglock held).
 */
void signal_retarget(struct process *p, ksigset_t mask)
{
	ksigset_t todo = p->sig.shared.set & mask;

	while (todo) {
		int sig = sigset_first(todo);
		struct task *t = pick_thread(p, sig);

		todo &= ~SIGMASK(sig);
		if (t && t != current)
			signal_wake_up(t);
	}
}

/* ---------------------------------------------------------------- sending */

/* Does sig's SIG_DFL end the process (terminate or core)? */
static bool sig_default_fatal(int sig)
{
	enum sig_default d = sig_default_action(sig);

	return d == SIGDFL_TERM || d == SIGDFL_CORE;
}

/* SIGCONT: the stop is over (siglock held). */
static void signal_continue(struct process *p)
{
	bool was_stopped = p->sig.flags & SIGNAL_STOPPED;
	struct task *t;

	if (!(p->sig.flags & SIGNAL_STOP_ACTIVE))
		return;
	p->sig.flags &= ~(SIGNAL_STOP_ACTIVE | SIGNAL_STOPPED);
	p->sig.stop_count = 0;
	spin_lock(&p->lock);
	list_for_each_entry(t, &p->threads, thread_node) {
		WRITE_ONCE(t->sig.stop_pending, false);
		if (t->sig.stopped) {
			WRITE_ONCE(t->sig.stopped, false);
			try_to_wake_up(t, TASK_INTERRUPTIBLE);
		}
	}
	spin_unlock(&p->lock);
	if (was_stopped) {
		p->sig.flags |= SIGNAL_NOTIFY_CONT;
		p->sig.wait_code = CLD_CONTINUED;
		p->sig.wait_status = WAIT_STATUS_CONTINUED;
	} else if (p->sig.wait_code == CLD_STOPPED) {
		p->sig.wait_code = 0;
	}
}

/*
 * The side effects of sending sig that happen even if it is blocked or
 * ignored (SIGCONT resumes and drops pending stops; a stop signal drops a
 * pending SIGCONT), then whether to queue it at all (siglock held).
 * *ka gets the action when it is to be queued.
 */
static bool prepare_signal(struct process *p, struct task *t, int sig, struct sigaction_u *ka)
{
	struct task *target = t;

	if (READ_ONCE(p->group_exit) || p->exit_state != PROCESS_ALIVE)
		return sig == SIGKILL && p->exit_state == PROCESS_ALIVE;
	if (sig == SIGCONT) {
		signal_flush_everywhere(p, SIG_STOP_MASK);
		signal_continue(p);
	} else if (SIG_STOP_MASK & SIGMASK(sig)) {
		signal_flush_everywhere(p, SIGMASK(SIGCONT));
	}
	if (!target)
		target = list_empty(&p->threads) ? NULL
			: list_first_entry(&p->threads, struct task, thread_node);
	if (!target)
		return false;
	*ka = sighand_get(p, sig);
	/* A blocked signal stays pending even if ignored (it may be unignored before unblocked). */
	if (sigset_has(target->sig.blocked | target->sig.real_blocked, sig))
		return true;
	return !sig_handler_ignores(ka, sig);
}

/* A sigqueue for sig, if the receiver's RLIMIT_SIGPENDING allows one (siglock held). */
static struct sigqueue *sigqueue_alloc(struct process *p, int sig, bool override_limit)
{
	struct sigqueue *q;

	if (!override_limit && p->sig.nqueued >= READ_ONCE(p->rlim[RLIMIT_SIGPENDING].rlim_cur))
		return NULL;
	q = kmem_cache_alloc(sigqueue_cache, GFP_KERNEL);
	if (q)
		p->sig.nqueued++;
	(void)sig;
	return q;
}

/*
 * Queue sig for thread t (t NULL: the process) and make someone take it
 * (siglock held). *kill_status: set to the wait status when the group
 * must exit (the caller calls process_kill after unlocking).
 */
static int send_locked(struct process *p, struct task *t, int sig,
		       const struct siginfo_k *info, int *kill_status)
{
	struct sigpending *sp = t ? &t->sig.pending : &p->sig.shared;
	struct task *taker;
	struct sigqueue *q = NULL;
	struct sigaction_u ka = { .handler = SIG_DFL };

	if (t && t->sig.exiting)
		return 0;
	if (!prepare_signal(p, t, sig, &ka))
		return 0;
	if (sigpending_coalesces(sp, sig))
		return 0;   /* a standard signal is pending once */
	if (sig != SIGKILL && sig != SIGSTOP)
		q = sigqueue_alloc(p, sig, !sig_is_rt(sig) && (!info || info->si_code >= 0));
	if (q)
		q->info = *info;
	else if (sig_is_rt(sig) && info && info->si_code != SI_USER && info->si_code != SI_KERNEL)
		return -EAGAIN;
	sigpending_add(sp, sig, q);
	/*
	 * The pending bit before reading the taker's mask: pairs with the
	 * barrier in set_current_state after a lockless unblock
	 * (signal_set_blocked), so a thread going to sleep with the signal
	 * just unblocked either sees it pending or is seen unblocked and woken.
	 */
	smp_mb();
	taker = t ? (wants_signal(t, sig) ? t : NULL) : pick_thread(p, sig);
	if (!taker)
		return 0;
	/* Fatal at once, unless the taker is in rt_sigtimedwait for it (then it takes it). */
	if (sig == SIGKILL || (ka.handler == SIG_DFL && sig_default_fatal(sig) &&
			       !sigset_has(taker->sig.real_blocked, sig))) {
		*kill_status = sig_exit_status(sig);
		return 0;
	}
	signal_wake_up(taker);
	return 0;
}

static int signal_send(struct process *p, struct task *t, int sig, const struct siginfo_k *info)
{
	struct siginfo_k kinfo;
	int kill_status = -1, err;
	unsigned long irq;

	if (!sig_valid(sig))
		return -EINVAL;
	if (!info) {
		memset(&kinfo, 0, sizeof(kinfo));
		kinfo.si_signo = sig;
		kinfo.si_code = SI_KERNEL;
		info = &kinfo;
	}
	irq = spin_lock_irqsave(&p->sig.lock);
	err = send_locked(p, t, sig, info, &kill_status);
	spin_unlock_irqrestore(&p->sig.lock, irq);
	if (kill_status >= 0)
		process_kill(p, kill_status);
	return err;
}

int signal_send_process(struct process *p, int sig, const struct siginfo_k *info)
{
	return signal_send(p, NULL, sig, info);
}

int signal_send_thread(struct task *t, int sig, const struct siginfo_k *info)
{
	return t->proc ? signal_send(t->proc, t, sig, info) : -ESRCH;
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct task *t = current;
	struct process *p = t->proc;
	struct sighand *sh = p->sig.sighand;
	struct siginfo_k info;
	unsigned long irq;

	memset(&info, 0, sizeof(info));
	info.si_signo = sig;
	info.si_code = code;
	info.f.fault.addr = addr;
	irq = spin_lock_irqsave(&p->sig.lock);
	if (sh) {
		struct sigaction_u *ka = &sh->action[sig - 1];

		spin_lock(&sh->lock);
		if (ka->handler == SIG_IGN || sigset_has(t->sig.blocked, sig)) {
			ka->handler = SIG_DFL;
			WRITE_ONCE(t->sig.blocked, t->sig.blocked & ~SIGMASK(sig));
		}
		spin_unlock(&sh->lock);
	}
	spin_unlock_irqrestore(&p->sig.lock, irq);
	signal_send_thread(t, sig, &info);
}

/* ---------------------------------------------------------------- masks */

/*
 * Only the thread itself writes its mask. Blocking more needs siglock (a
 * sender must not pick this thread for a signal it is blocking, and the
 * shared ones go to another thread); unblocking, the common case of
 * rt_sigreturn, needs none: a sender that still sees the old mask leaves
 * the signal pending for the process, and this thread, on its way back to
 * user mode, checks its pending sets against the new mask anyway.
 */
void signal_set_blocked(ksigset_t mask)
{
	struct task *t = current;
	struct process *p = t->proc;
	unsigned long irq;
	ksigset_t newly;

	mask &= ~SIG_UNBLOCKABLE;
	if (!(mask & ~READ_ONCE(t->sig.blocked))) {
		WRITE_ONCE(t->sig.blocked, mask);
		return;
	}
	irq = spin_lock_irqsave(&p->sig.lock);
	newly = mask & ~t->sig.blocked;
	WRITE_ONCE(t->sig.blocked, mask);
	signal_retarget(p, newly);
	spin_unlock_irqrestore(&p->sig.lock, irq);
}

void signal_mask_for_wait(ksigset_t mask)
{
	struct task *t = current;

	t->sig.saved_mask = t->sig.blocked;
	signal_set_blocked(mask);
}

void signal_mask_after_wait(bool interrupted)
{
	struct task *t = current;

	if (interrupted)
		t->sig.restore_mask = true;
	else
		signal_set_blocked(t->sig.saved_mask);
}

/* ---------------------------------------------------------------- lifecycle */

void signal_process_init(struct process *p)
{
	spin_lock_init(&p->sig.lock, "siglock");
	sigpending_init(&p->sig.shared);
	itimer_process_init(p);
}

static struct sighand *sighand_alloc(const struct sighand *from)
{
	struct sighand *sh = kmem_cache_alloc(sighand_cache, GFP_KERNEL);

	if (!sh)
		return NULL;
	atomic_set(&sh->refs, 1);
	spin_lock_init(&sh->lock, "sighand_lock");
	if (from) {
		unsigned long irq = spin_lock_irqsave((struct spinlock *)&from->lock);

		memcpy(sh->action, from->action, sizeof(sh->action));
		spin_unlock_irqrestore((struct spinlock *)&from->lock, irq);
	} else {
		memset(sh->action, 0, sizeof(sh->action));
	}
	return sh;
}

static void sighand_put(struct sighand *sh)
{
	if (sh && atomic_dec_and_test(&sh->refs))
		kmem_cache_free(sighand_cache, sh);
}

int signal_task_init(struct task *t)
{
	struct process *p = t->proc;

	sigpending_init(&t->sig.pending);
	if (!p->sig.sighand)
		p->sig.sighand = sighand_alloc(NULL);
	return p->sig.sighand ? 0 : -ENOMEM;
}

int signal_clone(struct task *child, unsigned long clone_flags)
{
	struct task *cur = current;
	struct process *p = child->proc, *parent = cur->proc;

	sigpending_init(&child->sig.pending);
	child->sig.blocked = READ_ONCE(cur->sig.blocked);
	/* A new thread on a shared stack would clobber the alternate stack: Linux clears it. */
	if ((clone_flags & (CLONE_VM | CLONE_VFORK)) != CLONE_VM) {
		child->sig.sas_sp = cur->sig.sas_sp;
		child->sig.sas_size = cur->sig.sas_size;
		child->sig.sas_flags = cur->sig.sas_flags;
	}
	if (clone_flags & CLONE_THREAD)
		return 0;
	if (clone_flags & CLONE_SIGHAND) {
		atomic_inc(&parent->sig.sighand->refs);
		p->sig.sighand = parent->sig.sighand;
		return 0;
	}
	p->sig.sighand = sighand_alloc(parent->sig.sighand);
	return p->sig.sighand ? 0 : -ENOMEM;
}

void signal_clone_stop(struct process *p, struct task *child)
{
	if (!(p->sig.flags & SIGNAL_STOP_ACTIVE) || (p->sig.flags & SIGNAL_STOPPED))
		return;
	WRITE_ONCE(child->sig.stop_pending, true);
	p->sig.stop_count++;
}

void signal_exec(void)
{
	struct task *t = current;
	struct process *p = t->proc;
	struct sighand *sh = p->sig.sighand, *old = NULL;
	unsigned long irq;

	if (atomic_read(&sh->refs) > 1) {
		struct sighand *copy = sighand_alloc(sh);

		if (!copy) {
			process_kill(p, wait_status_signaled(SIGKILL));
			return;
		}
		irq = spin_lock_irqsave(&p->sig.lock);
		old = sh;
		p->sig.sighand = sh = copy;
		spin_unlock_irqrestore(&p->sig.lock, irq);
		sighand_put(old);
	}
	irq = spin_lock_irqsave(&sh->lock);
	for (int i = 0; i < _NSIG; i++) {
		if (sh->action[i].handler != SIG_IGN)
			sh->action[i].handler = SIG_DFL;
		sh->action[i].flags = 0;
		sh->action[i].mask = 0;
	}
	spin_unlock_irqrestore(&sh->lock, irq);
	t->sig.sas_sp = t->sig.sas_size = 0;
	t->sig.sas_flags = 0;
	t->sig.restore_mask = false;
}

void signal_task_exit(struct task *t)
{
	struct process *p = t->proc;
	unsigned long irq = spin_lock_irqsave(&p->sig.lock);
	bool notify;

	t->sig.exiting = true;
	sigpending_flush(p, &t->sig.pending, ~0ULL);
	notify = group_stop_leave(p, t);
	signal_retarget(p, ~t->sig.blocked);
	spin_unlock_irqrestore(&p->sig.lock, irq);
	if (notify)
		notify_parent_cldstop(p, CLD_STOPPED);
}

void signal_process_exit(struct process *p)
{
	itimer_process_exit(p);
}

void signal_process_free(struct process *p)
{
	unsigned long irq;

	if (!p->sig.shared.list.next)
		return;   /* never initialised (a stand-in) */
	irq = spin_lock_irqsave(&p->sig.lock);
	sigpending_flush(p, &p->sig.shared, ~0ULL);
	spin_unlock_irqrestore(&p->sig.lock, irq);
	sighand_put(p->sig.sighand);
	p->sig.sighand = NULL;
}
