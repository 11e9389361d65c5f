/*
 * Processes: the struct process cache, the process tree and its lock,
 * and the small queries other subsystems ask about the running process
 * (interface in proc/process.h). fork.c creates processes and threads,
 * exit.c ends them, wait.c reaps them.
 *
 * Locks: "tasklist_lock" (the [T] fields of every process; taken before
 * any "process_lock"), "process_lock" per process. docs/locking.md.
 */
#include <kernel/panic.h>
#include <proc/process.h>
#include "proc_internal.h"
#include <sched/task.h>

struct spinlock tasklist_lock = SPINLOCK_INIT("tasklist_lock");
LIST_HEAD(process_list);          /* [tasklist_lock] every process */
struct process *init_process;     /* [I] once proc_start_init() ran */

struct process *current_process(void)
{
	return current->proc;
}

bool fatal_signal_pending(struct task *t)
{
	return t->proc && READ_ONCE(t->proc->group_exit);
}

bool signal_pending(struct task *t)
{
	return fatal_signal_pending(t);
}

bool capable_root(void)
{
	struct process *p = current->proc;

	return !p || READ_ONCE(p->cred.euid) == 0;   /* kernel threads are root */
}
