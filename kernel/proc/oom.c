/*
 * The out-of-memory killer (plugged into mm_oom_hook, mm/mm.h).
 *
 * When a page fault (or a user copy acting as one) finds no free page,
 * the fault path calls oom_kill() once before it gives up. It picks the
 * process with the largest resident set -- never init, never a kernel
 * thread, never one already exiting -- and ends it as SIGKILL would (a
 * group exit with wait status 9). If the victim is another process the
 * caller waits, up to OOM_WAIT_MS, for the victim's address space to be
 * gone, then reports success so that the fault is retried; if the caller
 * itself is the victim it returns 0, the fault fails, and the caller
 * exits on its way back to user mode.
 *
 * Locks: tasklist_lock while choosing (rss is read unlocked: a hint),
 * then the victim's process_lock to mark it.
 */
#include <kernel/printk.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <sched/sched.h>

#include "proc_internal.h"

#define OOM_WAIT_MS 2000
#define SIGKILL 9

/* The mm of a live thread of p (tasklist_lock held), or NULL. */
static struct mm_struct *process_mm(struct process *p)
{
	struct task *t;

	list_for_each_entry(t, &p->threads, thread_node)
		if (t->mm)
			return t->mm;
	return NULL;
}

/* Choose the victim (tasklist_lock held): the largest rss; a reference on it. */
static struct process *oom_choose(unsigned long *rss_out)
{
	struct process *p, *victim = NULL;
	unsigned long best = 0;

	list_for_each_entry(p, &process_list, all_node) {
		struct mm_struct *mm;
		unsigned long rss;

		if (p == init_process || p->exit_state != PROCESS_ALIVE || READ_ONCE(p->group_exit))
			continue;
		spin_lock(&p->lock);
		mm = process_mm(p);
		rss = mm ? READ_ONCE(mm->rss) : 0;
		spin_unlock(&p->lock);
		if (rss > best) {
			best = rss;
			victim = p;
		}
	}
	if (victim)
		atomic_inc(&victim->refs);
	*rss_out = best;
	return victim;
}

int oom_kill(void)
{
	unsigned long irq, rss;
	struct process *victim;
	bool self;

	irq = spin_lock_irqsave(&tasklist_lock);
	victim = oom_choose(&rss);
	spin_unlock_irqrestore(&tasklist_lock, irq);
	if (!victim)
		return 0;
	self = victim == current->proc;
	pr_err("oom: out of memory: killed process %d (%s), %lu KiB resident\n", victim->tgid,
	       victim->comm, rss * 4);
	process_kill(victim, wait_status_signaled(SIGKILL));
	for (int ms = 0; !self && ms < OOM_WAIT_MS; ms++) {
		if (READ_ONCE(victim->exit_state) != PROCESS_ALIVE)
			break;
		msleep(1);
	}
	process_put(victim);
	return self ? 0 : 1;
}
