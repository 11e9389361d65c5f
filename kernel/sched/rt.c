/*
 * The real-time scheduling class: SCHED_FIFO and SCHED_RR, priorities
 * 1..99 (higher first), ranked above the fair class (docs/sched.md,
 * "Real-time class"; the priority array is the pure rt_prio.c).
 *
 *  - The running task stays queued at the head of its priority's list;
 *    a higher-priority arrival preempts it at once (check_preempt), and a
 *    preempted task keeps its place at the head (POSIX).
 *  - SCHED_FIFO runs until it blocks, yields (tail of its list) or a
 *    higher priority arrives. SCHED_RR also goes to the tail after
 *    RT_RR_TIMESLICE_NS of run time (100 ms, Linux's sched_rr_timeslice;
 *    checked at each tick) if
 *    another task of its priority waits; its slice is then refilled.
 *  - Any real-time task preempts any fair task at once: the core's rank
 *    check (check_preempt_curr).
 *  - Placement (balance.c, select_rt_cpu) prefers an idle allowed cpu,
 *    then one running a fair task, then the one running the lowest
 *    real-time priority, from rq->curr_prio. Balancing may pull a
 *    waiting real-time task to a cpu whose running task has a lower
 *    priority (steal).
 *
 * No throttling: Linux keeps 5% of each second for the fair class
 * (sched_rt_runtime_us); Kestrel does not, so a real-time task that never
 * blocks owns its cpu, and one per cpu starves every fair task, kernel
 * threads included.
 *
 * Locks: none of its own; every method runs under the rq lock ([rq]).
 */
#include <kernel/panic.h>
#include <sched/rt.h>

#include "rq.h"

void rt_rq_init(struct rt_rq *rt)
{
	rt_array_init(&rt->active);
	rt->curr = NULL;
}

static bool rt_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

int task_rq_prio(const struct task *t)
{
	if (task_is_idle(t))
		return RQ_PRIO_IDLE;
	return rt_policy(t->policy) ? t->rt_priority : RQ_PRIO_FAIR;
}

static void rt_enqueue(struct rq *rq, struct task *t, int flags)
{
	rt_array_enqueue(&rq->rt.active, &t->rt_node, t->rt_priority, flags & ENQUEUE_HEAD);
}

static void rt_dequeue(struct rq *rq, struct task *t, int flags)
{
	rt_array_dequeue(&rq->rt.active, &t->rt_node, t->rt_priority);
	if (rq->rt.curr == t)
		rq->rt.curr = NULL;   /* charged already: rq_update() ran */
}

static struct task *rt_pick_next(struct rq *rq)
{
	struct list_head *node = rt_array_first(&rq->rt.active);
	struct task *t;

	if (!node)
		return NULL;
	t = container_of(node, struct task, rt_node);
	rq->rt.curr = t;
	t->se.exec_start = rq->clock;
	return t;
}

static void rt_put_prev(struct rq *rq, struct task *t)
{
	if (rq->rt.curr == t)
		rq->rt.curr = NULL;
}

/* Run time goes into se.sum_exec_runtime, like a fair task's (task_sched_runtime). */
static u64 rt_update_curr(struct rq *rq)
{
	struct task *t = rq->rt.curr;
	s64 delta;

	if (!t)
		return 0;
	delta = (s64)(rq->clock - t->se.exec_start);
	if (delta <= 0)
		return 0;
	t->se.exec_start = rq->clock;
	t->se.sum_exec_runtime += (u64)delta;
	return (u64)delta;
}

/* SCHED_RR: a used-up slice sends t behind the others of its priority. */
static bool rt_tick(struct rq *rq, struct task *t)
{
	/*
	 * By run time, not by counting ticks: a vCPU the host stalls gets one
	 * late tick for many periods, and the slice must still end on time.
	 */
	if (t->policy != SCHED_RR || t->se.sum_exec_runtime < t->rt_slice_end)
		return false;
	t->rt_slice_end = t->se.sum_exec_runtime + RT_RR_TIMESLICE_NS;
	if (rt_array_alone(&rq->rt.active, &t->rt_node, t->rt_priority))
		return false;
	rt_array_requeue_tail(&rq->rt.active, &t->rt_node, t->rt_priority);
	return true;
}

static bool rt_check_preempt(struct rq *rq, struct task *t)
{
	return t->rt_priority > rq->curr->rt_priority;
}

static void rt_yield(struct rq *rq)
{
	struct task *t = rq->curr;

	rt_array_requeue_tail(&rq->rt.active, &t->rt_node, t->rt_priority);
}

static void rt_set_nice(struct rq *rq, struct task *t, int nice)
{
	/* nice is kept for a later return to the fair class; it means nothing here. */
}

static void rt_migrate_out(struct rq *rq, struct task *t)
{
}

/*
 * A waiting real-time task to move to cpu: the highest-priority one
 * allowed there that would run there at once (its priority beats what
 * cpu runs now). Both rqs locked.
 */
static struct task *rt_steal(struct rq *rq, unsigned int cpu)
{
	int beat = cpu_rq(cpu)->curr_prio;

	for (int prio = rt_array_highest(&rq->rt.active); prio > beat && prio > 0; prio--) {
		struct task *t;

		list_for_each_entry(t, &rq->rt.active.queue[prio], rt_node) {
			if (t != rq->curr && task_allowed_on(t, cpu))
				return t;
		}
	}
	return NULL;
}

const struct sched_class rt_sched_class = {
	.name = "rt",
	.rank = 0,
	.enqueue = rt_enqueue,
	.dequeue = rt_dequeue,
	.pick_next = rt_pick_next,
	.put_prev = rt_put_prev,
	.update_curr = rt_update_curr,
	.tick = rt_tick,
	.check_preempt = rt_check_preempt,
	.yield = rt_yield,
	.set_nice = rt_set_nice,
	.migrate_out = rt_migrate_out,
	.steal = rt_steal,
};
