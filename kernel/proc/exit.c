/*
 * Leaving: exit of one thread, exit of a whole process, and the zombie
 * (interface in proc/process.h).
 *
 * do_exit() ends the calling thread: it wakes a vfork parent, clears and
 * futex-wakes the CLONE_CHILD_CLEARTID word, lets go of the address
 * space and the files, adds its CPU time to its process and leaves the
 * thread list. The last thread of a process turns it into a zombie: the
 * exit status is recorded, its children are handed to init, and the
 * parent gets its exit signal and its wait4 is woken (or, if it ignores
 * SIGCHLD, the zombie is reaped at once). The struct task goes when it has switched
 * away for the last time; the struct process when it has been reaped and
 * its last thread freed.
 *
 * do_group_exit() (exit_group, a fatal fault) marks the process as
 * exiting with one status and kicks every other thread: a sleeping one is
 * woken (its interruptible sleep sees fatal_signal_pending()), a running
 * one is interrupted by an IPI; each leaves on its way back to user mode
 * (user_return_work), so the last one to go makes the zombie.
 *
 * Locks: tasklist_lock, then process_lock of the exiting process, then
 * the run-queue locks of wake-ups (docs/locking.md).
 */
#include <arch/irqflags.h>
#include <ipc/ipc.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/power.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <kernel/user.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/uaccess.h>
#include <proc/exec.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <tty/tty.h>

#include "proc_internal.h"

/* User and system time of t in ns: its run time split by the ticks that sampled each mode. */
void task_cputime(struct task *t, u64 *utime, u64 *stime)
{
	u64 total = task_sched_runtime(t);
	u64 ut = READ_ONCE(t->utime_ticks), st = READ_ONCE(t->stime_ticks);

	if (ut + st == 0) {
		*utime = 0;
		*stime = total;
		return;
	}
	/* total * ut / (ut + st) without overflow (tick counts stay far below 2^32). */
	*utime = total / (ut + st) * ut + total % (ut + st) * ut / (ut + st);
	*stime = total - *utime;
}

/* Let go of the address space; the hart falls back to the kernel page table. */
static void exit_mm(struct task *t)
{
	struct mm_struct *mm = t->mm;
	unsigned long irq;

	if (!mm)
		return;
	irq = local_irq_save();
	t->mm = NULL;
	mm_switch(NULL);
	local_irq_restore(irq);
	mm_put(mm);
}

/* CLONE_CHILD_CLEARTID: store 0 and wake one futex waiter (pthread_join). */
static void exit_clear_tid(struct task *t)
{
	int zero = 0;

	if (!t->clear_child_tid || !t->mm)
		return;
	if (put_user(zero, (int *)t->clear_child_tid) == 0)
		futex_wake(t->clear_child_tid, false, 1, 0xffffffffu);
	t->clear_child_tid = 0;
}

/*
 * Hand p's children to init (tasklist_lock held). Zombies among them
 * wake init's wait.
 */
static void reparent_children(struct process *p)
{
	struct process *child, *next;
	struct process *reaper = init_process;
	bool zombies = false;

	list_for_each_entry_safe(child, next, &p->children, sibling) {
		child->parent = reaper;
		list_move_tail(&child->sibling, &reaper->children);
		zombies |= child->exit_state == PROCESS_ZOMBIE;
	}
	if (zombies)
		wake_up_all(&reaper->child_wait);
}

/*
 * POSIX orphaned process groups: when p's exit orphans a group that has a
 * stopped member, the group gets SIGHUP then SIGCONT (else it would stay
 * stopped forever, nobody left to continue it). p was the link of its own
 * group if its parent is in another group of the session, and of each
 * child's group that differs from its own in the same session. Before
 * p's children are handed to init (tasklist_lock held): the candidates.
 */
struct orphan_check {
	int n;
	int pgrp[8];
};

static void orphan_candidates(struct process *p, struct orphan_check *oc)
{
	struct process *c;

	oc->n = 0;
	if (p->parent && p->parent->pgid != p->pgid && p->parent->sid == p->sid)
		oc->pgrp[oc->n++] = p->pgid;
	list_for_each_entry(c, &p->children, sibling) {
		bool seen = false;

		if (c->pgid == p->pgid || c->sid != p->sid || oc->n == (int)ARRAY_SIZE(oc->pgrp))
			continue;
		for (int i = 0; i < oc->n; i++)
			seen = seen || oc->pgrp[i] == c->pgid;
		if (!seen)
			oc->pgrp[oc->n++] = c->pgid;
	}
}

/* After p is a zombie (tasklist_lock held): keep the groups now orphaned with a stopped member. */
static void orphan_filter(struct process *p, struct orphan_check *oc)
{
	int kept = 0;

	for (int i = 0; i < oc->n; i++)
		if (pgrp_orphaned_locked(oc->pgrp[i], p) && pgrp_has_stopped_locked(oc->pgrp[i]))
			oc->pgrp[kept++] = oc->pgrp[i];
	oc->n = kept;
}

/*
 * The last thread left (tasklist_lock and p->lock held): p becomes a
 * zombie for its parent to reap. A parentless one (a self-test's) is
 * unlinked at once; returns true if the caller must then release it.
 */
static bool process_make_zombie(struct process *p, int status)
{
	p->exit_state = PROCESS_ZOMBIE;
	p->exit_status = p->group_exit ? p->group_exit_status : status;
	if (p == init_process)
		panic("init (pid %d) exited: wait status %#x", p->tgid, p->exit_status);
	reparent_children(p);
	if (p->parent)
		return false;
	list_del_init(&p->all_node);
	p->exit_state = PROCESS_DEAD;
	return true;
}

/*
 * The zombie's parent is told (tasklist_lock held); if it ignores SIGCHLD
 * or set SA_NOCLDWAIT nobody will wait: p is unlinked now (true: the
 * caller drops the children list's reference and the group ids).
 */
static bool process_notify_parent(struct process *p)
{
	if (!signal_notify_parent_exit(p))
		return false;
	list_del_init(&p->sibling);
	list_del_init(&p->all_node);
	p->exit_state = PROCESS_DEAD;
	return true;
}

void do_exit(int status)
{
	struct task *t = current;
	struct process *p = t->proc;
	bool autoreap = false, last, reaped = false, session_leader_gone = false;
	struct orphan_check oc = { .n = 0 };
	unsigned long irq;
	u64 ut, st;

	if (!p)
		panic("do_exit: pid %d (%s) flags %#x has no process", t->pid, t->name, t->flags);
	might_sleep();
	task_exit_begin();
	signal_task_exit(t);
	if (t->vfork_done) {
		complete(t->vfork_done);
		t->vfork_done = NULL;
	}
	exit_clear_tid(t);
	sem_exit(t);   /* SEM_UNDO adjustments (kernel/ipc/sem.c) */
	exit_mm(t);
	proc_release_files(t);

	irq = spin_lock_irqsave(&tasklist_lock);
	spin_lock(&p->lock);
	task_cputime(t, &ut, &st);
	p->dead_utime += ut;
	p->dead_stime += st;
	p->dead_nvcsw += t->nr_voluntary_switches;
	p->dead_nivcsw += t->nr_involuntary_switches;
	list_del_init(&t->thread_node);
	if (p->leader == t)
		p->leader = NULL;
	last = --p->nr_threads == 0;
	if (last) {
		orphan_candidates(p, &oc);
		autoreap = process_make_zombie(p, status);
		orphan_filter(p, &oc);
		session_leader_gone = p->sid == p->tgid;
	}
	if (p->exit_state != PROCESS_ALIVE)
		status = p->exit_status;
	spin_unlock(&p->lock);
	if (last && !autoreap)
		reaped = autoreap = process_notify_parent(p);
	spin_unlock_irqrestore(&tasklist_lock, irq);
	if (last)
		signal_process_exit(p);
	for (int i = 0; i < oc.n; i++) {
		kill_pgrp(oc.pgrp[i], SIGHUP, 1);
		kill_pgrp(oc.pgrp[i], SIGCONT, 1);
	}
	if (session_leader_gone)
		tty_session_leader_exit(p->tgid);   /* SIGHUP to its terminal's foreground group */
	if (autoreap) {
		pid_group_put(p->pgid);
		pid_group_put(p->sid);
	}
	if (reaped)
		process_put(p);   /* the parent's children list's reference */
	task_exit_final(status);
}

/* Kick every thread of p but the caller so that it notices the group exit (p->lock held). */
static void kick_other_threads(struct process *p)
{
	struct task *t;

	list_for_each_entry(t, &p->threads, thread_node) {
		if (t == current)
			continue;
		try_to_wake_up(t, TASK_INTERRUPTIBLE);
		/* A thread running in user mode re-enters the kernel on the IPI. */
		smp_send_ipi(READ_ONCE(t->cpu), IPI_RESCHED);
	}
}

void process_kill(struct process *p, int status)
{
	unsigned long irq = spin_lock_irqsave(&p->lock);

	if (!p->group_exit) {
		p->group_exit_status = status;
		WRITE_ONCE(p->group_exit, true);
	}
	kick_other_threads(p);
	spin_unlock_irqrestore(&p->lock, irq);
}

/*
 * execve in a multi-threaded process (Linux's de_thread): every other
 * thread exits, and the caller waits until it is the only one. The
 * caller keeps its own tid (Linux would give it the tgid if it is not
 * the leader; getpid() is the tgid either way).
 */
void exec_kill_other_threads(void)
{
	struct process *p = current->proc;
	unsigned long irq;

	if (!p)
		return;
	irq = spin_lock_irqsave(&p->lock);
	if (p->nr_threads == 1) {
		spin_unlock_irqrestore(&p->lock, irq);
		return;
	}
	WRITE_ONCE(p->exec_task, current);
	kick_other_threads(p);
	spin_unlock_irqrestore(&p->lock, irq);
	while (READ_ONCE(p->nr_threads) > 1)
		msleep(1);
	irq = spin_lock_irqsave(&p->lock);
	WRITE_ONCE(p->exec_task, NULL);
	spin_unlock_irqrestore(&p->lock, irq);
}

void do_group_exit(int status)
{
	process_kill(current->proc, status);
	do_exit(status);
}

/*
 * On the way back to user mode (interrupts off): leave if the process is
 * exiting, stop, run handlers, restart system calls (signal_deliver);
 * again until nothing is left, so a signal sent meanwhile is not missed.
 */
void user_return_work(struct pt_regs *regs)
{
	struct task *t = current;

	while (signal_work_pending(t, regs))
		signal_deliver(regs);
}

long sys_exit(const struct syscall_args *args)
{
	if (!current->proc)
		user_task_exit((int)(args->a[0] & 0xff));   /* a self-test's bare user task */
	do_exit(wait_status_exited((int)args->a[0]));
}

long sys_exit_group(const struct syscall_args *args)
{
	if (!current->proc)
		user_task_exit((int)(args->a[0] & 0xff));
	do_group_exit(wait_status_exited((int)args->a[0]));
}
