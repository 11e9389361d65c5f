/*
 * The Completely Fair Scheduler's pure core (kernel/sched/fair.c).
 *
 * Data structures and arithmetic only: no tasks, no locks taken, no
 * context switch, no clock read. The scheduler proper embeds a struct
 * sched_entity in each task and a struct cfs_rq in each cpu's run queue,
 * holds that run queue's lock around every call here, and passes the
 * time in; the host unit tests (tests/unit/test_cfs.c) drive the same
 * code with a simulated clock. docs/sched.md explains the policy.
 *
 * Times are nanoseconds (u64). A vruntime is the entity's runtime scaled
 * by NICE_0 weight / its weight; vruntimes are compared by signed
 * difference, so they may wrap around 2^64.
 *
 * Life of an entity on one run queue:
 *
 *	cfs_entity_init(se, nice)
 *	cfs_enqueue(rq, se, CFS_ENQUEUE_NEW)         fork: placed one slice late
 *	cfs_pick_next(rq) == se                      now rq->curr, out of the tree
 *	cfs_tick_check_preempt(rq, now) true         -> cfs_put_prev + cfs_pick_next
 *	cfs_dequeue(rq, se, CFS_DEQUEUE_SLEEP)       blocks; vruntime stays absolute
 *	cfs_enqueue(rq, se, CFS_ENQUEUE_WAKEUP)      placed at most latency/2 back
 *	cfs_dequeue(rq, se, 0)                       any other removal: vruntime is
 *	cfs_enqueue(rq2, se, 0)                      made relative and back again
 *
 * A sleeper woken on another run queue: cfs_migrate_out(old_rq, se), then
 * cfs_enqueue(new_rq, se, CFS_ENQUEUE_WAKEUP | CFS_ENQUEUE_MIGRATED).
 */
#ifndef SCHED_CFS_H
#define SCHED_CFS_H

#include <kernel/compiler.h>
#include <kernel/types.h>
#include <lib/rbtree.h>

#define CFS_NICE_MIN     (-20)
#define CFS_NICE_MAX     19
#define CFS_NICE_0_WEIGHT 1024UL
#define CFS_IDLE_WEIGHT   3UL     /* SCHED_IDLE (Linux's WEIGHT_IDLEPRIO) */

/* cfs_enqueue flags */
#define CFS_ENQUEUE_WAKEUP   0x1  /* a sleeper wakes: sleeper placement */
#define CFS_ENQUEUE_NEW      0x2  /* first enqueue after fork: start debit */
#define CFS_ENQUEUE_MIGRATED 0x4  /* vruntime is relative (cfs_migrate_out) */

/* cfs_dequeue flags */
#define CFS_DEQUEUE_SLEEP    0x1  /* blocks: keep vruntime absolute */

/*
 * A weight and its inverse, 2^32 / weight, so that dividing by the weight
 * is a multiply and a shift (cfs_calc_delta). Set with cfs_load_set*.
 */
struct cfs_load {
	unsigned long weight;
	u32 inv_weight;
};

/*
 * Tunables, shared by every run queue [I]. cfs_params_init fills the
 * defaults scaled for the number of cpus.
 */
struct cfs_params {
	u64 latency;            /* period in which each entity runs once */
	u64 min_granularity;    /* shortest period share, when crowded */
	u64 wakeup_granularity; /* vruntime lead a waker must have to preempt */
};

/*
 * One schedulable thing (a task, later maybe a group). [rq]: the lock of
 * the run queue it is queued on; while on none, its owner's (the task's
 * wake-up serialization).
 */
struct sched_entity {
	struct cfs_load load;         /* [rq] */
	u64 vruntime;                 /* [rq] absolute, or relative to a
				       * min_vruntime while between queues */
	struct rb_node node;          /* [rq] in timeline unless curr */
	bool on_rq;                   /* [rq] counted in nr_running */
	/* Accounting, read by the caller ([rq]). */
	u64 exec_start;               /* clock when last charged */
	u64 sum_exec_runtime;         /* total ns run */
	u64 prev_sum_exec_runtime;    /* sum_exec_runtime when last picked */
};

/*
 * A cpu's fair-class run queue. All fields [rq] except params [I].
 * The running entity (curr) is out of the timeline but still counted in
 * nr_running and load_weight.
 */
struct cfs_rq {
	const struct cfs_params *params;  /* [I] */
	struct rb_root_cached timeline;   /* queued entities by vruntime */
	struct sched_entity *curr;        /* running, or NULL */
	struct sched_entity *skip;        /* yielded: pass over once, or NULL */
	unsigned long load_weight;        /* sum of queued weights, incl. curr */
	unsigned int nr_running;          /* queued entities, incl. curr */
	u64 min_vruntime;                 /* monotonic; read remotely with
					   * READ_ONCE by cfs_migrate_out */
	u64 clock;                        /* latest now given to cfs_update_curr */
};

/* Violations reported (negated) by cfs_validate. */
enum cfs_violation {
	CFS_BAD_TREE = 1,       /* rb_validate_cached failed (incl. order) */
	CFS_BAD_ENTITY,         /* queued entity not on_rq, or bad weight */
	CFS_BAD_COUNT,          /* nr_running != tree size + curr */
	CFS_BAD_LOAD,           /* load_weight != sum of weights */
	CFS_BAD_CURR,           /* curr in the tree or not on_rq */
	CFS_BAD_SKIP,           /* skip is not a queued entity */
	CFS_BAD_MIN_VRUNTIME,   /* an entity more than latency/2 behind it */
};

/* Weights: Linux's table, nice clamped to [-20, 19]. */
unsigned long cfs_nice_to_weight(int nice);
u32 cfs_nice_to_inv_weight(int nice);
void cfs_load_set_nice(struct cfs_load *lw, int nice);
/* Any weight (e.g. a sum); 0 is treated as 1. Divides once. */
void cfs_load_set(struct cfs_load *lw, unsigned long weight);
/* delta * NICE_0 weight / lw->weight, by multiply and shift. */
u64 cfs_calc_delta(u64 delta, const struct cfs_load *lw);

/* Defaults x (1 + ilog2(min(ncpus, 8))), as Linux's default scaling. */
void cfs_params_init(struct cfs_params *p, unsigned int ncpus);

void cfs_rq_init(struct cfs_rq *rq, const struct cfs_params *params);
void cfs_entity_init(struct sched_entity *se, int nice);

/* Leftmost waiting entity (never curr), or NULL. */
struct sched_entity *cfs_first(const struct cfs_rq *rq);

void cfs_update_curr(struct cfs_rq *rq, u64 now);
void cfs_enqueue(struct cfs_rq *rq, struct sched_entity *se, int flags);
void cfs_dequeue(struct cfs_rq *rq, struct sched_entity *se, int flags);
struct sched_entity *cfs_pick_next(struct cfs_rq *rq);
void cfs_put_prev(struct cfs_rq *rq, struct sched_entity *se);

u64 cfs_sched_slice(const struct cfs_rq *rq, const struct sched_entity *se);
u64 cfs_sched_vslice(const struct cfs_rq *rq, const struct sched_entity *se);
bool cfs_tick_check_preempt(struct cfs_rq *rq, u64 now);
bool cfs_wakeup_check_preempt(struct cfs_rq *rq,
			      const struct sched_entity *woken);
void cfs_yield(struct cfs_rq *rq);
void cfs_reweight(struct cfs_rq *rq, struct sched_entity *se, int nice);
/* The same to an arbitrary weight (SCHED_IDLE's). rq may be NULL if se is not queued. */
void cfs_reweight_to(struct cfs_rq *rq, struct sched_entity *se, unsigned long weight);

void cfs_migrate_out(const struct cfs_rq *src, struct sched_entity *se);
void cfs_migrate_in(const struct cfs_rq *dst, struct sched_entity *se);

int cfs_validate(const struct cfs_rq *rq);

#endif /* SCHED_CFS_H */
