/*
 * Process ids (interface in proc/process.h): a bitmap of PID_MAX numbers
 * allocated next-fit, so a freed number comes back only after every other
 * one has been used (Linux's late reuse), and a hash from number to task.
 *
 * Every task has a pid (its thread id) from task creation to task_free();
 * the idle tasks use 0 and are not hashed. A process's tgid is its
 * leader's pid, which stays allocated while the process is a zombie
 * because the process keeps the leader's struct task. A number in use as
 * a process group or session id (pid_group_get) is not handed out again
 * either, even after the task that had it is gone, as POSIX requires.
 *
 * Lock: "pid_lock" (irqsave; innermost but for the allocators): the bitmap,
 * the hash, the group counts and pid_last. task_free() releases pids from
 * the scheduler's finish_task_switch path, so nothing here may sleep.
 */
#include <kernel/types.h>
#include <arch/traps.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/list.h>
#include <lib/string.h>
#include <locking/spinlock.h>
#include <proc/process.h>
#include <sched/task.h>
#include <uapi/errno.h>

#define PID_HASH_BITS 8
#define PID_HASH_SIZE (1u << PID_HASH_BITS)
#define BITS_PER_WORD 64

static struct spinlock pid_lock = SPINLOCK_INIT("pid_lock");
static unsigned long pid_bitmap[PID_MAX / BITS_PER_WORD];  /* [pid_lock] bit set: taken */
static u16 pid_group_refs[PID_MAX];       /* [pid_lock] processes using it as pgid or sid */
static int pid_last;                      /* [pid_lock] last number handed out */
static struct hlist_head pid_hash[PID_HASH_SIZE];  /* [pid_lock] tasks by pid */
static unsigned int pids_in_use;          /* [pid_lock] */

static bool pid_taken(int nr)
{
	return (pid_bitmap[nr / BITS_PER_WORD] >> (nr % BITS_PER_WORD)) & 1;
}

static unsigned int pid_hashfn(int nr)
{
	return ((u32)nr * 0x9e3779b1u) >> (32 - PID_HASH_BITS);
}

int pid_alloc(void)
{
	unsigned long flags = spin_lock_irqsave(&pid_lock);
	int nr = pid_last;

	for (int tries = 0; tries < PID_MAX - 1; tries++) {
		nr = nr + 1 >= PID_MAX ? 1 : nr + 1;
		if (!pid_taken(nr) && !pid_group_refs[nr]) {
			pid_bitmap[nr / BITS_PER_WORD] |= 1UL << (nr % BITS_PER_WORD);
			pid_last = nr;
			pids_in_use++;
			spin_unlock_irqrestore(&pid_lock, flags);
			return nr;
		}
	}
	spin_unlock_irqrestore(&pid_lock, flags);
	return -EAGAIN;
}

void pid_free(int nr)
{
	unsigned long flags;

	if (nr <= 0)
		return;
	BUG_ON(nr >= PID_MAX);
	flags = spin_lock_irqsave(&pid_lock);
	BUG_ON(!pid_taken(nr));
	pid_bitmap[nr / BITS_PER_WORD] &= ~(1UL << (nr % BITS_PER_WORD));
	pids_in_use--;
	spin_unlock_irqrestore(&pid_lock, flags);
}

void pid_group_get(int nr)
{
	unsigned long flags = spin_lock_irqsave(&pid_lock);

	BUG_ON(nr <= 0 || nr >= PID_MAX || pid_group_refs[nr] == 0xffff);
	pid_group_refs[nr]++;
	spin_unlock_irqrestore(&pid_lock, flags);
}

void pid_group_put(int nr)
{
	unsigned long flags = spin_lock_irqsave(&pid_lock);

	BUG_ON(nr <= 0 || nr >= PID_MAX || pid_group_refs[nr] == 0);
	pid_group_refs[nr]--;
	spin_unlock_irqrestore(&pid_lock, flags);
}

bool pid_group_exists(int nr)
{
	unsigned long flags = spin_lock_irqsave(&pid_lock);
	bool used = nr > 0 && nr < PID_MAX && pid_group_refs[nr] != 0;

	spin_unlock_irqrestore(&pid_lock, flags);
	return used;
}

void pid_hash_add(struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&pid_lock);

	hlist_add_head(&t->pid_node, &pid_hash[pid_hashfn(t->pid)]);
	spin_unlock_irqrestore(&pid_lock, flags);
}

void pid_hash_del(struct task *t)
{
	unsigned long flags = spin_lock_irqsave(&pid_lock);

	hlist_del_init(&t->pid_node);
	spin_unlock_irqrestore(&pid_lock, flags);
}

/*
 * A task that has exited and is not a zombie's leader no longer has its
 * id for lookups (Linux unhashes it at exit, a zombie at reaping), even
 * though its struct is still in the hash until freed. pid_lock held.
 */
static bool task_gone(const struct task *t)
{
	const struct process *p = t->proc;

	if (!(READ_ONCE(t->flags) & PF_EXITING))
		return false;
	return !p || p->tgid != t->pid || READ_ONCE(p->exit_state) != PROCESS_ZOMBIE;
}

struct task *task_find_by_pid(int nr)
{
	struct task *t, *found = NULL;
	unsigned long flags;

	if (nr <= 0 || nr >= PID_MAX)
		return NULL;
	flags = spin_lock_irqsave(&pid_lock);
	hlist_for_each_entry(t, &pid_hash[pid_hashfn(nr)], pid_node) {
		if (t->pid == nr && !task_gone(t)) {
			task_get(t);
			found = t;
			break;
		}
	}
	spin_unlock_irqrestore(&pid_lock, flags);
	return found;
}

unsigned int pid_count(void)
{
	return READ_ONCE(pids_in_use);
}

static const char *task_state_name(unsigned int state)
{
	switch (state) {
	case TASK_RUNNING: return "R";
	case TASK_INTERRUPTIBLE: return "S";
	case TASK_UNINTERRUPTIBLE: return "D";
	case TASK_NEW: return "N";
	case TASK_DEAD: return "X";
	default: return "?";
	}
}

/*
 * Print every task (the console's Ctrl-T, a debugging aid like BSD's
 * status key): pid, tgid, name, state, cpu, and the kernel call chain of
 * each sleeping one. Any context; takes pid_lock. The chains of tasks
 * that wake meanwhile may be cut short, never wrong in a harmful way:
 * the walk only follows frame pointers inside the kernel half.
 */
void pid_dump_tasks(void)
{
	unsigned long flags = spin_lock_irqsave(&pid_lock);

	printk("tasks (pid tgid name state cpu):\n");
	for (unsigned int i = 0; i < PID_HASH_SIZE; i++) {
		struct task *t;

		hlist_for_each_entry(t, &pid_hash[i], pid_node) {
			unsigned int state = READ_ONCE(t->state);

			printk("  %5d %5d %-15s %s cpu%u%s", t->pid, t->proc ? t->proc->tgid : 0,
			       t->name, task_state_name(state), READ_ONCE(t->cpu),
			       READ_ONCE(t->on_rq) ? " queued" : "");
			if (t->flags & PF_USER)
				printk(KERN_CONT " user pc %#lx a7 %lu", task_pt_regs(t)->epc,
				       task_pt_regs(t)->a7);
			printk(KERN_CONT "\n");
			if (state & TASK_NORMAL)
				dump_switched_out_backtrace(t->ctx.ra, t->ctx.s[0]);
		}
	}
	spin_unlock_irqrestore(&pid_lock, flags);
}
