/*
 * Spreading tasks over the cpus: where a waking task goes, and moving
 * waiting tasks from busy cpus to idle or less busy ones.
 *
 *  - Wake-up placement (select_task_rq): the task's last cpu if it is
 *    allowed and idle (its caches may still be warm), else the first idle
 *    allowed cpu after it, else the allowed cpu with the fewest runnable
 *    tasks (ties: the last cpu, then the first found). A real-time task
 *    instead goes where it would preempt the least: an idle cpu, else one
 *    running a fair task, else the lowest real-time priority (rq->curr_prio).
 *  - Idle balancing (sched_idle_balance): a cpu about to wait in its idle
 *    loop pulls one waiting task from the cpu with the most runnable tasks,
 *    if that one has a task waiting (two or more runnable).
 *  - Periodic balancing (sched_balance_tick): every few ticks each cpu
 *    pulls one waiting task from the busiest cpu if that one has at least
 *    two runnable tasks more than it. Repeated, this evens out the counts.
 *
 * Load is the number of runnable tasks, not their weights: simple, and
 * right for tasks of equal nice; with mixed nice values a cpu may end up
 * with more weight than another (see docs/sched.md). Only waiting tasks
 * move (never one that is running), only to cpus their affinity allows:
 * first a waiting real-time task that would run at once on the puller
 * (rt.c, steal), else one from the end of the fair class's tree
 * (fair_class.c, steal).
 *
 * The choice of source is made without locks (READ_ONCE of nr_running
 * and nr_pinned: a queue whose tasks are all pinned to it is never a
 * source) and checked again under both rq locks before moving. The source
 * lock is only ever tried (spin_trylock), never waited for: balancing is
 * opportunistic, and a balancing hart queueing on a busy hart's lock would
 * delay that hart -- badly so when QEMU runs more virtual harts than the
 * host has cores and the waiter's hart is descheduled in the queue.
 */
#include <arch/irqflags.h>
#include <kernel/smp.h>

#include "rq.h"

static unsigned int rq_load(unsigned int cpu)
{
	return READ_ONCE(cpu_rq(cpu)->nr_running);
}

/*
 * A real-time task's cpu: the allowed cpu whose running task it would
 * beat by the most -- idle first, then fair, then the lowest real-time
 * priority -- looking from its last cpu on, so ties keep it there.
 */
static unsigned int select_rt_cpu(struct task *t, unsigned int prev)
{
	unsigned int best = prev;
	int best_prio = RT_PRIO_MAX + 1;

	for (unsigned int i = 0; i < nr_cpus; i++) {
		unsigned int cpu = (prev + i) % nr_cpus;
		int prio;

		if (!task_allowed_on(t, cpu))
			continue;
		prio = READ_ONCE(cpu_rq(cpu)->curr_prio);
		if (prio < best_prio) {
			best_prio = prio;
			best = cpu;
			if (prio == RQ_PRIO_IDLE)
				break;
		}
	}
	return best;
}

unsigned int select_task_rq(struct task *t)
{
	unsigned int prev = READ_ONCE(t->cpu);
	unsigned int best = prev, best_load = ~0u;

	if (prev >= nr_cpus)
		prev = best = 0;
	if (READ_ONCE(t->class) == &rt_sched_class)
		return select_rt_cpu(t, prev);

	if (prev < nr_cpus && task_allowed_on(t, prev)) {
		best_load = rq_load(prev);
		if (best_load == 0)
			return prev;
	}
	for (unsigned int i = 1; i <= nr_cpus; i++) {
		unsigned int cpu = (prev + i) % nr_cpus;
		unsigned int load;

		if (!task_allowed_on(t, cpu))
			continue;
		load = rq_load(cpu);
		if (load == 0)
			return cpu;
		if (load < best_load) {
			best_load = load;
			best = cpu;
		}
	}
	return best;
}

/*
 * The online cpu other than dst with the most runnable tasks, if at least
 * min (and 2: one runs, one waits) and not all of them pinned; or NULL.
 */
static struct rq *find_busiest(struct rq *dst, unsigned int min)
{
	struct rq *busiest = NULL;
	unsigned int most = 0;

	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
		struct rq *rq = cpu_rq(cpu);
		unsigned int load = READ_ONCE(rq->nr_running);

		if (rq == dst || !READ_ONCE(rq->online) || load < MAX(min, 2u) || load <= most ||
		    load == READ_ONCE(rq->nr_pinned))
			continue;
		most = load;
		busiest = rq;
	}
	return busiest;
}

/* Lock dst, then src only if it is free this instant. Interrupts off. */
static bool balance_lock(struct rq *dst, struct rq *src)
{
	spin_lock(&dst->lock);
	if (spin_trylock(&src->lock))
		return true;
	spin_unlock(&dst->lock);
	return false;
}

/* Move one waiting task from src to dst, if one may run there. Both locked. */
static bool pull_one(struct rq *dst, struct rq *src)
{
	struct task *t = NULL;

	for (unsigned int i = 0; !t && i < NR_SCHED_CLASSES; i++)
		t = sched_classes[i]->steal(src, dst->cpu);
	if (!t)
		return false;
	rq_update(src);
	rq_update(dst);
	deactivate_task(src, t, 0);
	set_task_cpu(t, dst->cpu);
	activate_task(dst, t, 0);
	check_preempt_curr(dst, t);
	return true;
}

/* From the idle loop (interrupts on): true if a task was pulled here. */
bool sched_idle_balance(void)
{
	struct rq *dst = this_rq();   /* the idle task never leaves its cpu */
	struct rq *src = find_busiest(dst, 2);
	unsigned long flags;

	bool pulled = false;

	if (!src)
		return false;
	flags = local_irq_save();
	if (balance_lock(dst, src)) {
		if (dst->nr_running == 0 && src->nr_running >= 2 && pull_one(dst, src)) {
			dst->nr_idle_pulls++;
			pulled = true;
		}
		double_rq_unlock(src, dst);
	}
	local_irq_restore(flags);
	return pulled;
}

/* From the tick (interrupts off): even out the runnable counts by one task. */
void sched_balance_tick(struct rq *rq)
{
	struct rq *src = find_busiest(rq, READ_ONCE(rq->nr_running) + 2);

	if (!src || !balance_lock(rq, src))
		return;
	if (src->nr_running >= rq->nr_running + 2 && pull_one(rq, src))
		rq->nr_balance_pulls++;
	double_rq_unlock(src, rq);
}
