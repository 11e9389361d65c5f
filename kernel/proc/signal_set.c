/*
 * Signals, the pure part (interface in proc/signal.h; docs/signals.md):
 * default actions, the pending set and its queue, the order of dequeueing
 * and the choice of the thread that takes a process-directed signal. No
 * locks, no allocation, no current task: the callers in signal.c hold
 * siglock and own the sigqueue memory, and the host unit test
 * (tests/unit/test_signal.c) runs this file as it is.
 *
 * A pending set: a bit per signal plus a list of siginfos, oldest first.
 * A standard signal (1..31) has at most one entry and a second send
 * while it is pending coalesces; a real-time one has one entry per send.
 * A bit with no entry means "pending, siginfo lost" (SI_USER, zeroes).
 */
#include <kernel/compiler.h>
#include <lib/list.h>
#include <lib/string.h>
#include <proc/signal.h>

enum sig_default sig_default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return SIGDFL_IGNORE;
	case SIGCONT:
		return SIGDFL_CONT;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIGDFL_STOP;
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
	case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return SIGDFL_CORE;
	default:
		return SIGDFL_TERM;
	}
}

void sigpending_init(struct sigpending *sp)
{
	sp->set = 0;
	INIT_LIST_HEAD(&sp->list);
}

bool sigpending_coalesces(const struct sigpending *sp, int sig)
{
	return !sig_is_rt(sig) && sigset_has(sp->set, sig);
}

void sigpending_add(struct sigpending *sp, int sig, struct sigqueue *q)
{
	if (q) {
		q->info.si_signo = sig;
		list_add_tail(&q->node, &sp->list);
	}
	WRITE_ONCE(sp->set, sp->set | SIGMASK(sig));
}

struct sigqueue *sigpending_take(struct sigpending *sp, int sig, struct siginfo_k *info)
{
	struct sigqueue *q, *first = NULL;
	bool more = false;

	list_for_each_entry(q, &sp->list, node) {
		if (q->info.si_signo != sig)
			continue;
		if (first) {
			more = true;
			break;
		}
		first = q;
	}
	if (first) {
		*info = first->info;
		list_del(&first->node);
	} else {
		memset(info, 0, sizeof(*info));
		info->si_signo = sig;
		info->si_code = SI_USER;
	}
	if (!more)
		WRITE_ONCE(sp->set, sp->set & ~SIGMASK(sig));
	return first;
}

/* Faults first (Linux's SYNCHRONOUS_MASK), then the lowest number. */
#define SIG_SYNC_MASK (SIGMASK(SIGSEGV) | SIGMASK(SIGBUS) | SIGMASK(SIGILL) | \
		       SIGMASK(SIGTRAP) | SIGMASK(SIGFPE) | SIGMASK(SIGSYS))

int sigpending_next(const struct sigpending *sp, ksigset_t blocked)
{
	ksigset_t ready = sp->set & ~blocked;

	if (!ready)
		return 0;
	if (ready & SIG_SYNC_MASK)
		return sigset_first(ready & SIG_SYNC_MASK);
	return sigset_first(ready);
}

bool sig_wanted_by(const struct task_signal *ts, int sig)
{
	return !ts->exiting && !sigset_has(ts->blocked, sig);
}

struct task_signal *sig_choose_thread(struct list_head *threads, long sig_off,
				      struct task_signal *cur, int sig)
{
	struct list_head *node;

	if (cur && sig_wanted_by(cur, sig))
		return cur;
	list_for_each(node, threads) {
		struct task_signal *ts = (struct task_signal *)((char *)node + sig_off);

		if (sig_wanted_by(ts, sig))
			return ts;
	}
	return NULL;
}
