/*
 * The fair scheduling class: the glue between the scheduler core and the
 * pure CFS code in fair.c (<sched/cfs.h>, policy in docs/sched.md).
 *
 * Each method runs with the rq lock held, after rq_update(), and passes
 * rq->clock to the CFS core, which charges the running entity up to it.
 * The task's struct sched_entity is task->se; the queue is rq->cfs.
 * Locks: none of its own; the caller's rq lock ([rq]) protects everything.
 */
#include <kernel/types.h>
#include <kernel/panic.h>
#include <lib/rbtree.h>

#include "rq.h"

/* How many waiting entities steal() looks at, from the right of the tree. */
#define FAIR_STEAL_SCAN 16

static inline struct task *task_of(struct sched_entity *se)
{
	return container_of(se, struct task, se);
}

static void fair_enqueue(struct rq *rq, struct task *t, int flags)
{
	int cfs_flags = 0;

	if (flags & ENQUEUE_WAKEUP)
		cfs_flags |= CFS_ENQUEUE_WAKEUP;
	if (flags & ENQUEUE_NEW)
		cfs_flags |= CFS_ENQUEUE_NEW;
	if (flags & ENQUEUE_MIGRATED)
		cfs_flags |= CFS_ENQUEUE_MIGRATED;
	cfs_enqueue(&rq->cfs, &t->se, cfs_flags);
}

static void fair_dequeue(struct rq *rq, struct task *t, int flags)
{
	cfs_dequeue(&rq->cfs, &t->se, (flags & DEQUEUE_SLEEP) ? CFS_DEQUEUE_SLEEP : 0);
}

static struct task *fair_pick_next(struct rq *rq)
{
	struct sched_entity *se = cfs_pick_next(&rq->cfs);

	return se ? task_of(se) : NULL;
}

static void fair_put_prev(struct rq *rq, struct task *t)
{
	cfs_put_prev(&rq->cfs, &t->se);
}

static u64 fair_update_curr(struct rq *rq)
{
	struct sched_entity *curr = rq->cfs.curr;
	u64 before = curr ? curr->sum_exec_runtime : 0;

	cfs_update_curr(&rq->cfs, rq->clock);
	return curr ? curr->sum_exec_runtime - before : 0;
}

static bool fair_tick(struct rq *rq, struct task *t)
{
	return cfs_tick_check_preempt(&rq->cfs, rq->clock);
}

static bool fair_check_preempt(struct rq *rq, struct task *t)
{
	return cfs_wakeup_check_preempt(&rq->cfs, &t->se);
}

static void fair_yield(struct rq *rq)
{
	cfs_yield(&rq->cfs);
}

/* SCHED_IDLE tasks weigh CFS_IDLE_WEIGHT whatever their nice (Linux's WEIGHT_IDLEPRIO). */
static void fair_set_nice(struct rq *rq, struct task *t, int nice)
{
	if (t->policy == SCHED_IDLE)
		cfs_reweight_to(rq ? &rq->cfs : NULL, &t->se, CFS_IDLE_WEIGHT);
	else
		cfs_reweight(rq ? &rq->cfs : NULL, &t->se, nice);
}

static void fair_migrate_out(struct rq *rq, struct task *t)
{
	cfs_migrate_out(&rq->cfs, &t->se);
}

/*
 * A waiting task that may run on cpu, to move there. From the right end
 * of the tree (largest vruntime): the one that would run last here, with
 * the coldest claim on this cpu's caches. Looks at FAIR_STEAL_SCAN at most.
 */
static struct task *fair_steal(struct rq *rq, unsigned int cpu)
{
	struct rb_node *node = rb_last(&rq->cfs.timeline.rb_root);

	for (unsigned int n = 0; node && n < FAIR_STEAL_SCAN; n++, node = rb_prev(node)) {
		struct task *t = task_of(rb_entry(node, struct sched_entity, node));

		if (task_allowed_on(t, cpu))
			return t;
	}
	return NULL;
}

const struct sched_class fair_sched_class = {
	.name = "fair",
	.rank = 1,
	.enqueue = fair_enqueue,
	.dequeue = fair_dequeue,
	.pick_next = fair_pick_next,
	.put_prev = fair_put_prev,
	.update_curr = fair_update_curr,
	.tick = fair_tick,
	.check_preempt = fair_check_preempt,
	.yield = fair_yield,
	.set_nice = fair_set_nice,
	.migrate_out = fair_migrate_out,
	.steal = fair_steal,
};
