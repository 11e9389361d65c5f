/*
 * The idle class and the idle loop.
 *
 * Every cpu has one idle task, the boot context of the hart: cpu 0's
 * start_kernel() and each secondary's secondary_start() become it
 * (sched_init_cpu), on the stack they booted on. It never sleeps and is
 * never queued: the idle class picks it when no other class has a task.
 * It is pinned to its cpu and never freed.
 *
 * The idle loop first tries to pull a waiting task from the busiest cpu
 * (balance.c); failing that it waits for an interrupt with wfi.
 * Interrupts are off from the last need_resched check until wfi, and wfi
 * wakes on a pending interrupt even then, so a wake-up that lands in
 * between (its IPI pending) is not slept through. The interrupt is taken
 * when interrupts come back on, and its exit preempts the idle task.
 *
 * Locks: none of its own; class methods run under the rq lock.
 */
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <kernel/panic.h>
#include <lib/printf.h>
#include <lib/string.h>

#include "rq.h"

static struct task idle_tasks[NR_CPUS];   /* [I] once set up */

/* The idle class's task is never queued or dequeued. */
static void idle_enqueue(struct rq *rq, struct task *t, int flags)
{
	panic("idle task %s enqueued", t->name);
}

static void idle_dequeue(struct rq *rq, struct task *t, int flags)
{
	panic("idle task %s dequeued", t->name);
}

static struct task *idle_pick_next(struct rq *rq)
{
	return rq->idle;
}

static void idle_put_prev(struct rq *rq, struct task *t)
{
}

static u64 idle_update_curr(struct rq *rq)
{
	return 0;
}

/* A task waiting while idle runs should not happen; if it does, run it. */
static bool idle_tick(struct rq *rq, struct task *t)
{
	return rq->nr_running > 0;
}

static bool idle_check_preempt(struct rq *rq, struct task *t)
{
	return true;
}

static void idle_yield(struct rq *rq)
{
}

static void idle_set_nice(struct rq *rq, struct task *t, int nice)
{
}

static void idle_migrate_out(struct rq *rq, struct task *t)
{
}

static struct task *idle_steal(struct rq *rq, unsigned int cpu)
{
	return NULL;
}

const struct sched_class idle_sched_class = {
	.name = "idle",
	.rank = 2,
	.enqueue = idle_enqueue,
	.dequeue = idle_dequeue,
	.pick_next = idle_pick_next,
	.put_prev = idle_put_prev,
	.update_curr = idle_update_curr,
	.tick = idle_tick,
	.check_preempt = idle_check_preempt,
	.yield = idle_yield,
	.set_nice = idle_set_nice,
	.migrate_out = idle_migrate_out,
	.steal = idle_steal,
};

/*
 * Make cpu's idle task describe the running boot context, whose stack is
 * [bottom, top). Its registers are saved by the first switch away.
 */
struct task *idle_task_init(unsigned int cpu, unsigned long bottom, unsigned long top)
{
	struct task *idle = &idle_tasks[cpu];

	memset(idle, 0, sizeof(*idle));
	idle->stack = (void *)bottom;
	idle->ctx.stack_bottom = bottom;
	idle->ctx.stack_top = top;
	idle->pid = 0;
	idle->flags = PF_IDLE | PF_KTHREAD;
	scnprintf(idle->name, sizeof(idle->name), "idle/%u", cpu);
	atomic_set(&idle->refs, 1);
	idle->state = TASK_RUNNING;
	idle->class = &idle_sched_class;
	cfs_entity_init(&idle->se, 0);
	idle->cpu = cpu;
	idle->cpus_allowed = cpumask_of(cpu);
	idle->on_rq = false;
	idle->start_time = ktime_get_ns();
	init_completion(&idle->exited);
	lockdep_held_init(&idle->lockdep_held);
	return idle;
}

/* Wait for an interrupt unless a reschedule is already due. */
static void idle_wait(void)
{
	local_irq_disable();
	if (!need_resched())
		wfi();
	local_irq_enable();
}

void __noreturn cpu_idle_loop(void)
{
	BUG_ON(!task_is_idle(current));
	for (;;) {
		while (!need_resched()) {
			if (!sched_idle_balance())
				idle_wait();
		}
		schedule();
	}
}
