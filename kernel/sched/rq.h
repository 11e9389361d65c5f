/*
 * Private to kernel/sched/: the per-cpu run queue and the scheduler
 * classes. The public interface is <sched/sched.h>.
 *
 * One struct rq per cpu. Its lock ("rq_lock", docs/locking.md) is taken
 * with interrupts off, from task context and from interrupt handlers (the
 * tick, timer callbacks waking tasks), and protects every [rq] field here
 * and in the tasks queued on it. Two run queues are locked together only
 * in cpu-id order, the second as subclass 1 (double_rq_lock).
 *
 * A context switch keeps its run queue locked from before the old task
 * is taken off until after the new one runs (the new task unlocks it).
 * So whoever holds a task's rq lock sees it either running, or fully
 * switched out with its registers saved: that is what makes it safe to
 * queue a sleeping task on another cpu at wake-up.
 */
#ifndef KERNEL_SCHED_RQ_H
#define KERNEL_SCHED_RQ_H

#include <locking/spinlock.h>
#include <sched/cfs.h>
#include <sched/rt.h>
#include <sched/sched.h>

/* enqueue flags */
#define ENQUEUE_WAKEUP   0x1   /* a sleeper wakes */
#define ENQUEUE_NEW      0x2   /* first time ever */
#define ENQUEUE_MIGRATED 0x4   /* woken on another cpu than it slept on */
#define ENQUEUE_HEAD     0x8   /* real-time: at the head of its priority's list */
/* dequeue flags */
#define DEQUEUE_SLEEP    0x1   /* goes to sleep (else: moves, or changes class) */

/* The real-time class's queue (rt.c). [rq] */
struct rt_rq {
	struct rt_prio_array active;   /* queued RT tasks, the running one included */
	struct task *curr;             /* the running RT task (charged by update_curr), or NULL */
};

/* rq->curr_prio: what a waking real-time task would have to beat there. */
#define RQ_PRIO_IDLE (-1)          /* the idle task runs */
#define RQ_PRIO_FAIR 0             /* a fair-class task runs */

struct rq {
	struct spinlock lock;          /* "rq_lock" */
	unsigned int cpu;              /* [I] */
	bool online;                   /* [a] set once, by sched_init_cpu() */
	struct task *curr;             /* [rq] running task */
	struct task *idle;             /* [I] this cpu's idle task */
	struct rt_rq rt;               /* [rq] the real-time class's queue */
	struct cfs_rq cfs;             /* [rq] the fair class's queue */
	int curr_prio;                 /* [rq] curr's rt_priority, or RQ_PRIO_FAIR/IDLE; read
					*      racily (READ_ONCE) to place real-time tasks */
	unsigned int nr_running;       /* [rq] queued tasks incl. the running one, excl. idle;
					*      read racily (READ_ONCE) to choose cpus */
	unsigned int nr_pinned;        /* [rq] of which allowed on this cpu only (racy reads too) */
	u64 clock;                     /* [rq] ktime of the last update (rq_update) */
	u64 busy_ns;                   /* [rq] time run by tasks other than idle */
	u64 nr_switches;               /* [rq] */
	u64 nr_balance_pulls;          /* [rq] */
	u64 nr_idle_pulls;             /* [rq] */
	unsigned int balance_ticks;    /* [local] ticks until the next periodic balance */
};

extern struct rq runqueues[NR_CPUS];

static inline struct rq *cpu_rq(unsigned int cpu)
{
	return &runqueues[cpu];
}

/* This cpu's run queue; preemption or interrupts must be off. */
static inline struct rq *this_rq(void)
{
	return this_cpu()->rq;
}

/*
 * A scheduling class: the policy for a set of tasks. Every method is
 * called with the rq lock held (interrupts off), after rq_update(); none
 * may sleep or take another lock. Classes are ranked: a runnable task of
 * a lower rank always runs before one of a higher rank.
 */
struct sched_class {
	const char *name;
	int rank;                      /* 0 runs first */
	/* Queue t (not queued) on rq. */
	void (*enqueue)(struct rq *rq, struct task *t, int flags);
	/* Take t (queued, maybe running) off rq. */
	void (*dequeue)(struct rq *rq, struct task *t, int flags);
	/* Choose the next task of the class and make it the class's running one; NULL if none. */
	struct task *(*pick_next)(struct rq *rq);
	/* t, which ran, stops running; if still queued it waits in the class's queue. */
	void (*put_prev)(struct rq *rq, struct task *t);
	/* Charge the running task up to rq->clock; returns the ns charged. */
	u64 (*update_curr)(struct rq *rq);
	/* The tick, for the running task t: true if it should give way. */
	bool (*tick)(struct rq *rq, struct task *t);
	/* t was just queued; should it preempt rq->curr, a task of this class? */
	bool (*check_preempt)(struct rq *rq, struct task *t);
	/* The running task yields. */
	void (*yield)(struct rq *rq);
	/* New nice value for t; rq is NULL when t is not queued. */
	void (*set_nice)(struct rq *rq, struct task *t, int nice);
	/* t, off rq after a sleep (DEQUEUE_SLEEP), will be queued elsewhere. */
	void (*migrate_out)(struct rq *rq, struct task *t);
	/* A waiting (not running) task of rq allowed on cpu, to move there; or NULL. */
	struct task *(*steal)(struct rq *rq, unsigned int cpu);
};

#define NR_SCHED_CLASSES 3
/* Every class, in rank order (core.c). */
extern const struct sched_class *const sched_classes[NR_SCHED_CLASSES];
extern const struct sched_class rt_sched_class;
extern const struct sched_class fair_sched_class;
extern const struct sched_class idle_sched_class;
extern struct cfs_params sched_cfs_params;

/* core.c */
void rq_update(struct rq *rq);
void resched_curr(struct rq *rq);
void check_preempt_curr(struct rq *rq, struct task *t);
void activate_task(struct rq *rq, struct task *t, int flags);
void deactivate_task(struct rq *rq, struct task *t, int flags);
void set_task_cpu(struct task *t, unsigned int cpu);
void double_rq_lock(struct rq *a, struct rq *b);
void double_rq_unlock(struct rq *a, struct rq *b);
void sched_switch_tail(struct switch_context *prev);
void sched_push_task(struct task *t);
void sched_task_init(struct task *t);
void __noreturn sched_exit_current(void);

/* balance.c */
unsigned int select_task_rq(struct task *t);
bool sched_idle_balance(void);
void sched_balance_tick(struct rq *rq);

/* rt.c */
void rt_rq_init(struct rt_rq *rt);
/* What curr_prio says when t runs. */
int task_rq_prio(const struct task *t);

/* idle.c */
struct task *idle_task_init(unsigned int cpu, unsigned long stack_bottom, unsigned long stack_top);

/* timer.c */
void timers_init(void);

/* kthread.c */
void task_reap(struct task *t);
void kthread_cache_init(void);

/* Is t allowed on one cpu only? */
static inline bool task_pinned(const struct task *t)
{
	return (t->cpus_allowed.bits & (t->cpus_allowed.bits - 1)) == 0;
}

/* Is t allowed on cpu, which is online? */
static inline bool task_allowed_on(const struct task *t, unsigned int cpu)
{
	return cpumask_test(&t->cpus_allowed, cpu) && READ_ONCE(cpu_rq(cpu)->online);
}

#endif /* KERNEL_SCHED_RQ_H */
