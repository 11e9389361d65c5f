/*
 * The tty layer's signal shim (tty_signal.h says what it stands for and
 * how to retire it). Walks the process list under tasklist_lock, as
 * kill.c does.
 *
 * Locks: tasklist_lock (irqsave), and process_kill()'s process_lock under
 * it; never called with tty_lock held.
 */
#include <proc/process.h>

#include "../../proc/proc_internal.h"
#include "tty_signal.h"

static bool sig_terminates(int sig)
{
	return sig == TTY_SIGHUP || sig == TTY_SIGINT || sig == TTY_SIGQUIT;
}

void tty_kill_pgrp(int pgrp, int sig)
{
	struct process *p;
	unsigned long irq;

	if (pgrp <= 0 || !sig_terminates(sig))
		return;
	irq = spin_lock_irqsave(&tasklist_lock);
	list_for_each_entry(p, &process_list, all_node)
		if (p->pgid == pgrp && p->exit_state == PROCESS_ALIVE)
			process_kill(p, wait_status_signaled(sig));
	spin_unlock_irqrestore(&tasklist_lock, irq);
}

bool tty_is_orphaned_pgrp(int pgrp)
{
	struct process *p;
	bool orphaned = true;
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);

	list_for_each_entry(p, &process_list, all_node) {
		struct process *parent = p->parent;

		if (p->pgid != pgrp || p->exit_state != PROCESS_ALIVE || !parent)
			continue;
		if (parent->pgid != pgrp && parent->sid == p->sid) {
			orphaned = false;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return orphaned;
}

bool tty_sig_ignored(int sig)
{
	/* no dispositions yet: the stop signals cannot be delivered (see tty_signal.h) */
	return sig == TTY_SIGTSTP || sig == TTY_SIGTTIN || sig == TTY_SIGTTOU;
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
