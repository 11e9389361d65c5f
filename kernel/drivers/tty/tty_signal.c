/*
 * The tty layer's view of signals (tty_signal.h): kill_pgrp and
 * is_orphaned_pgrp from the signal code, the caller's disposition, and
 * the session of a process group (a walk under tasklist_lock).
 *
 * Locks: the signal code's (tasklist_lock, siglock, sighand_lock); never
 * called with tty_lock held.
 */
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/task.h>

#include "../../proc/proc_internal.h"
#include "../../proc/signal_internal.h"
#include "tty_signal.h"

void tty_kill_pgrp(int pgrp, int sig)
{
	if (pgrp > 0)
		kill_pgrp(pgrp, sig, 1);
}

bool tty_is_orphaned_pgrp(int pgrp)
{
	return is_orphaned_pgrp(pgrp);
}

bool tty_sig_ignored(int sig)
{
	struct process *p = current->proc;

	if (sigset_has(READ_ONCE(current->sig.blocked), sig))
		return true;
	return p && sighand_get(p, sig).handler == SIG_IGN;
}

int tty_pgrp_session(int pgrp)
{
	struct process *p;
	int sid = 0;
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);

	list_for_each_entry(p, &process_list, all_node) {
		if (p->pgid == pgrp && p->exit_state == PROCESS_ALIVE) {
			sid = p->sid;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return sid;
}
