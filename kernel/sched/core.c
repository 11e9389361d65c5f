/*
 * The scheduler core: per-cpu run queues, schedule(), the context switch,
 * wake-ups, preemption and the tick (interface in <sched/sched.h>; the
 * design in docs/sched.md).
 *
 * Each cpu has a struct rq (kernel/sched/rq.h) with one queue per
 * scheduling class: the real-time class (SCHED_FIFO/RR, rt.c over the
 * pure priority array rt_prio.c), the fair class (CFS, fair_class.c over
 * the pure core fair.c) and the idle class (idle.c), tried in that order. schedule()
 * takes the running task off its queue if it is going to sleep, asks the
 * classes for the next task and switches to it (switch.S).
 *
 * Locks: the rq locks ("rq_lock", docs/locking.md), interrupts always off
 * while one is held; two only in cpu order (double_rq_lock). The switch
 * keeps the rq lock held across __switch_to(): the task switched to
 * releases it (finish_task_switch), so a task seen off its queue under
 * the lock has its registers saved and may be queued anywhere. Lockdep is
 * told that the lock passes from the old task to the new one.
 *
 * Preemption points: the end of an interrupt (trap_handler calls
 * preempt_schedule_irq when the interrupted code had interrupts on and
 * preempt count 0), preempt_enable() and the last spin_unlock() reaching
 * count 0, cond_resched(), and schedule() itself. need_resched (struct
 * cpu) is set under the target's rq lock (resched_curr) and cleared by
 * __schedule() under the same lock, so a request made after the clear is
 * never lost; a remote request also sends IPI_RESCHED, whose interrupt
 * exit is the preemption point.
 *
 * Wake-ups (try_to_wake_up) start with a full barrier that pairs with the
 * one in set_current_state(): a sleeper stores its state then loads its
 * condition, a waker stores the condition then loads the state, so at
 * least one of them sees the other's store (no lost wake-up). Under the
 * task's rq lock a wake-up either finds it still queued (it had not gone
 * to sleep yet: setting TASK_RUNNING keeps schedule() from dequeuing it)
 * or switched out (queue it on the chosen cpu, both rq locks held).
 */
#include <arch/fpu.h>
#include <arch/irqflags.h>
#include <block/blkdev.h>
#include <kernel/clock.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <locking/lockdep.h>
#include <mm/mm.h>
#include <proc/signal.h>
#include <uapi/errno.h>

#include "rq.h"

struct rq runqueues[NR_CPUS];
struct cfs_params sched_cfs_params;   /* [I] after sched_init() */

/* In rank order: the first class with a runnable task runs it. */
const struct sched_class *const sched_classes[NR_SCHED_CLASSES] = {
	&rt_sched_class,
	&fair_sched_class,
	&idle_sched_class,
};

#define BALANCE_INTERVAL_TICKS 4   /* periodic balancing, per cpu */

/* ---------------------------------------------------------------- run-queue locks */

/* Lock a and b (either order, maybe equal): lower cpu first. Interrupts off. */
void double_rq_lock(struct rq *a, struct rq *b)
{
	if (a == b) {
		spin_lock(&a->lock);
		return;
	}
	if (a->cpu > b->cpu) {
		struct rq *tmp = a;
		a = b;
		b = tmp;
	}
	spin_lock(&a->lock);
	spin_lock_nested(&b->lock, 1);
}

void double_rq_unlock(struct rq *a, struct rq *b)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
}

/* Lock t's run queue, with t->cpu stable while it is held. Interrupts off on return. */
static struct rq *task_rq_lock(struct task *t, unsigned long *flags)
{
	for (;;) {
		*flags = local_irq_save();
		struct rq *rq = cpu_rq(READ_ONCE(t->cpu));
		spin_lock(&rq->lock);
		if (rq->cpu == READ_ONCE(t->cpu))
			return rq;
		spin_unlock(&rq->lock);
		local_irq_restore(*flags);
	}
}

static void task_rq_unlock(struct rq *rq, unsigned long flags)
{
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* Lock t's run queue and dst; returns t's. Interrupts must be off. */
static struct rq *task_double_lock(struct task *t, struct rq *dst)
{
	for (;;) {
		struct rq *src = cpu_rq(READ_ONCE(t->cpu));
		double_rq_lock(src, dst);
		if (src->cpu == READ_ONCE(t->cpu))
			return src;
		double_rq_unlock(src, dst);
	}
}

/* After dropping rq locks with interrupts restored: honour a reschedule due here. */
static void preempt_check_resched(void)
{
	if (need_resched() && preemptible())
		preempt_schedule();
}

/* ---------------------------------------------------------------- queueing */

/* Bring rq->clock up to now and charge the running task. rq locked. */
void rq_update(struct rq *rq)
{
	u64 now = ktime_get_ns();

	assert_held(&rq->lock);
	if ((s64)(now - rq->clock) > 0)
		rq->clock = now;
	for (unsigned int i = 0; i < NR_SCHED_CLASSES; i++)
		rq->busy_ns += sched_classes[i]->update_curr(rq);
}

/*
 * Ask rq's cpu to reschedule: set its need_resched and, if it is another
 * cpu and the flag was clear, interrupt it. rq locked.
 */
void resched_curr(struct rq *rq)
{
	struct cpu *c = &cpus[rq->cpu];

	assert_held(&rq->lock);
	if (__atomic_exchange_n(&c->need_resched, 1, __ATOMIC_SEQ_CST))
		return;   /* already pending: that request's IPI is on its way */
	if (rq->cpu != smp_processor_id())
		smp_send_ipi(rq->cpu, IPI_RESCHED);
}

/* t was just queued on rq: preempt rq's running task if t should run first. rq locked. */
void check_preempt_curr(struct rq *rq, struct task *t)
{
	const struct sched_class *running = rq->curr->class;

	if (t->class == running) {
		if (running->check_preempt(rq, t))
			resched_curr(rq);
	} else if (t->class->rank < running->rank) {
		resched_curr(rq);
	}
}

/* Queue t (runnable, not queued) on rq, whose cpu is t->cpu. rq locked, updated. */
void activate_task(struct rq *rq, struct task *t, int flags)
{
	t->class->enqueue(rq, t, flags);
	t->on_rq = true;
	WRITE_ONCE(rq->nr_running, rq->nr_running + 1);
	if (task_pinned(t))
		WRITE_ONCE(rq->nr_pinned, rq->nr_pinned + 1);
	if (!t->wait_start)
		t->wait_start = rq->clock;
}

/* Take t off rq: DEQUEUE_SLEEP when it goes to sleep (running), 0 to move it. */
void deactivate_task(struct rq *rq, struct task *t, int flags)
{
	t->class->dequeue(rq, t, flags);
	t->on_rq = false;
	WRITE_ONCE(rq->nr_running, rq->nr_running - 1);
	if (task_pinned(t))
		WRITE_ONCE(rq->nr_pinned, rq->nr_pinned - 1);
}

/* Move t (not queued) to cpu. The rq locks of its old and new cpu are held. */
void set_task_cpu(struct task *t, unsigned int cpu)
{
	if (t->cpu == cpu)
		return;
	t->nr_migrations++;
	WRITE_ONCE(t->cpu, cpu);
}

/* t starts running: close its wait on the queue. */
static void account_picked(struct rq *rq, struct task *t)
{
	if (t->wait_start) {
		u64 waited = rq->clock - t->wait_start;

		t->wait_sum += waited;
		if (waited > t->wait_max)
			t->wait_max = waited;
		t->wait_start = 0;
	}
}

static struct task *pick_next_task(struct rq *rq)
{
	for (unsigned int i = 0; i < NR_SCHED_CLASSES; i++) {
		struct task *t = sched_classes[i]->pick_next(rq);
		if (t)
			return t;
	}
	BUG();   /* the idle class always has its task */
}

/* ---------------------------------------------------------------- the switch */

/*
 * Second half of every switch, run by the task switched to (last is the
 * one switched from): release the rq lock that __schedule() took, then
 * deal with last, whose registers are saved now -- free it if it died,
 * queue it on an allowed cpu if its affinity excluded this one.
 * Interrupts off; preempt count 2 on entry, 1 on return.
 */
static void finish_task_switch(struct task *last)
{
	struct rq *rq = this_rq();

	/* The lock was taken by last (lockdep's view): it is ours now. */
	spin_dep_acquire(&rq->lock, 0, LOCKDEP_TRYLOCK, (unsigned long)finish_task_switch);
	spin_unlock(&rq->lock);
	if (last->state == TASK_DEAD)
		task_reap(last);
	else if (READ_ONCE(last->migrate_pending))
		sched_push_task(last);
}

/* Switch from prev to next (rq locked, interrupts off); returns when prev runs again. */
static void context_switch(struct rq *rq, struct task *prev, struct task *next)
{
	struct cpu *c = this_cpu();
	struct switch_context *last;

	rq->curr = next;
	rq->nr_switches++;
	/* Kernel threads (mm NULL) keep whatever address space is loaded (lazy). */
	if (next->mm)
		mm_switch(next->mm);
	fpu_switch(prev, next);
	spin_dep_release(&rq->lock, (unsigned long)context_switch);
	c->lockdep_held = &next->lockdep_held;
	WRITE_ONCE(c->curr, next);
	last = __switch_to(&prev->ctx, &next->ctx);
	/* prev runs again, maybe on another cpu: c and rq are stale here. */
	finish_task_switch(container_of(last, struct task, ctx));
}

/* A new task's first code (switch.S): finish the switch, then run preemptible. */
void sched_switch_tail(struct switch_context *prev)
{
	finish_task_switch(container_of(prev, struct task, ctx));
	local_irq_enable();
	preempt_enable();
}

/*
 * Pick the next task for this cpu and switch to it. preempt: the running
 * task is being preempted, so it stays queued whatever its state (it may
 * be between set_current_state() and schedule()). Interrupts off and
 * preempt count 1 on entry; the same on return.
 */
static void __schedule(bool preempt)
{
	struct task *prev = current, *next;
	struct rq *rq = this_rq();
	bool sleeps;

	spin_lock(&rq->lock);
	BUG_ON(preempt_count() != 2);
	rq_update(rq);
	WRITE_ONCE(this_cpu()->need_resched, 0);
	sleeps = !preempt && prev->state != TASK_RUNNING;
	if (sleeps) {
		deactivate_task(rq, prev, DEQUEUE_SLEEP);
	} else if (!task_is_idle(prev) && !cpumask_test(&prev->cpus_allowed, rq->cpu)) {
		deactivate_task(rq, prev, 0);   /* finish_task_switch queues it elsewhere */
		prev->migrate_pending = true;
	}
	prev->class->put_prev(rq, prev);
	if (prev->on_rq)
		prev->wait_start = rq->clock;
	next = pick_next_task(rq);
	account_picked(rq, next);
	WRITE_ONCE(rq->curr_prio, task_rq_prio(next));
	if (next == prev) {
		spin_unlock(&rq->lock);
		return;
	}
	if (sleeps)
		prev->nr_voluntary_switches++;
	else
		prev->nr_involuntary_switches++;
	context_switch(rq, prev, next);
}

void schedule(void)
{
	might_sleep_at("schedule");
	if (current->plug && current->state != TASK_RUNNING)
		blk_flush_plug(current);   /* going to sleep: let the held bios go */
	do {
		preempt_disable();
		unsigned long flags = local_irq_save();
		__schedule(false);
		local_irq_restore(flags);
		preempt_enable_no_resched();
	} while (need_resched());
}

/* From preempt_enable() and spin_unlock(): preempt the running task if allowed. */
void preempt_schedule(void)
{
	if (!preemptible() || !current)
		return;
	do {
		preempt_disable();
		local_irq_disable();
		__schedule(true);
		local_irq_enable();
		preempt_enable_no_resched();
	} while (need_resched());
}

/*
 * From trap_handler() at the end of an interrupt that came while the
 * kernel was preemptible: switch away; interrupts stay off throughout.
 */
void preempt_schedule_irq(void)
{
	BUG_ON(!irqs_disabled());
	do {
		preempt_disable();
		__schedule(true);
		preempt_enable_no_resched();
	} while (need_resched());
}

void cond_resched(void)
{
	preempt_check_resched();
}

/* Exit path: switch away as TASK_DEAD; finish_task_switch() reaps the task. */
void __noreturn sched_exit_current(void)
{
	preempt_disable();
	local_irq_disable();
	__set_current_state(TASK_DEAD);
	__schedule(false);
	BUG();
	for (;;)
		;
}

void might_sleep_at(const char *where)
{
	lockdep_assert_can_sleep(where);
	if (current && !preemptible() && !panic_in_progress())
		panic("%s: sleeping in atomic context (preempt count %d, interrupts %s)", where,
		      preempt_count(), irqs_disabled() ? "off" : "on");
}

void sched_yield(void)
{
	unsigned long flags = local_irq_save();
	struct rq *rq = this_rq();

	spin_lock(&rq->lock);
	rq_update(rq);
	rq->curr->class->yield(rq);
	spin_unlock(&rq->lock);
	local_irq_restore(flags);
	schedule();
}

/* ---------------------------------------------------------------- wake-up */

/*
 * Queue t, switched out and not queued, on dst (t's old rq is src).
 * Both locked. A sleeper moving cpus takes its lag along (migrate_out).
 */
static void ttwu_activate(struct rq *src, struct rq *dst, struct task *t, int flags)
{
	rq_update(dst);
	if (src != dst) {
		if (flags & ENQUEUE_WAKEUP) {
			t->class->migrate_out(src, t);
			flags |= ENQUEUE_MIGRATED;
		}
		set_task_cpu(t, dst->cpu);
	}
	WRITE_ONCE(t->state, TASK_RUNNING);
	activate_task(dst, t, flags);
	check_preempt_curr(dst, t);
}

/* try_to_wake_up() with both rqs locked: 1 woken, 0 not asleep, -1 choose again. */
static int ttwu_locked(struct rq *src, struct rq *dst, struct task *t, unsigned int mask)
{
	if (!(t->state & mask))
		return 0;
	if (t->on_rq) {
		/* Not switched out yet: schedule() will see TASK_RUNNING and keep it. */
		WRITE_ONCE(t->state, TASK_RUNNING);
		return 1;
	}
	if (!task_allowed_on(t, dst->cpu))
		return -1;   /* affinity changed meanwhile */
	ttwu_activate(src, dst, t, ENQUEUE_WAKEUP);
	return 1;
}

bool try_to_wake_up(struct task *t, unsigned int state_mask)
{
	unsigned long flags;
	int woke;

	/* Full barrier: the caller's condition before t->state; pairs with set_current_state(). */
	smp_mb();
	if (!(READ_ONCE(t->state) & state_mask))
		return false;
	flags = local_irq_save();
	do {
		struct rq *dst = cpu_rq(select_task_rq(t));
		struct rq *src = task_double_lock(t, dst);

		woke = ttwu_locked(src, dst, t, state_mask);
		double_rq_unlock(src, dst);
	} while (woke < 0);
	local_irq_restore(flags);
	preempt_check_resched();
	return woke > 0;
}

void wake_up_new_task(struct task *t)
{
	unsigned long flags = local_irq_save();
	struct rq *src, *dst;

	for (;;) {
		dst = cpu_rq(select_task_rq(t));
		src = task_double_lock(t, dst);
		if (task_allowed_on(t, dst->cpu))
			break;
		double_rq_unlock(src, dst);
	}
	BUG_ON(t->state != TASK_NEW);
	WRITE_ONCE(t->cpu, dst->cpu);   /* not a migration: it never ran */
	ttwu_activate(dst, dst, t, ENQUEUE_NEW);
	double_rq_unlock(src, dst);
	local_irq_restore(flags);
	preempt_check_resched();
}

/*
 * Queue t, taken off its disallowed cpu (migrate_pending), on a cpu it
 * may run on. Interrupts off or on.
 */
void sched_push_task(struct task *t)
{
	unsigned long flags = local_irq_save();
	struct rq *src, *dst;

	for (;;) {
		dst = cpu_rq(select_task_rq(t));
		src = task_double_lock(t, dst);
		if (!t->migrate_pending || task_allowed_on(t, dst->cpu))
			break;
		double_rq_unlock(src, dst);
	}
	if (t->migrate_pending) {
		t->migrate_pending = false;
		rq_update(dst);
		set_task_cpu(t, dst->cpu);
		activate_task(dst, t, 0);
		check_preempt_curr(dst, t);
	}
	double_rq_unlock(src, dst);
	local_irq_restore(flags);
}

/* ---------------------------------------------------------------- the tick */

void scheduler_tick(void)
{
	struct rq *rq = this_rq();

	if (!rq || !READ_ONCE(rq->online))
		return;
	/* Sample the mode the tick found the task in: splits its run time (task_cputime). */
	if (this_cpu()->irq_from_user)
		current->utime_ticks++;
	else if (!task_is_idle(current))
		current->stime_ticks++;
	if (!task_is_idle(current))
		itimer_tick(this_cpu()->irq_from_user);   /* ITIMER_VIRTUAL/PROF (proc/signal.h) */
	spin_lock(&rq->lock);
	rq_update(rq);
	if (rq->curr->class->tick(rq, rq->curr))
		resched_curr(rq);
	spin_unlock(&rq->lock);
	if (--rq->balance_ticks == 0) {
		rq->balance_ticks = BALANCE_INTERVAL_TICKS;
		sched_balance_tick(rq);
	}
}

/* ---------------------------------------------------------------- policy */

void set_user_nice(struct task *t, int nice)
{
	unsigned long flags;
	struct rq *rq;

	nice = MAX(CFS_NICE_MIN, MIN(CFS_NICE_MAX, nice));
	rq = task_rq_lock(t, &flags);
	if (t->on_rq)
		rq_update(rq);   /* charge the time run so far at the old weight */
	t->class->set_nice(t->on_rq ? rq : NULL, t, nice);
	t->nice = nice;
	if (t->on_rq)
		resched_curr(rq);
	task_rq_unlock(rq, flags);
}

static bool cpumask_any_online(const struct cpumask *m)
{
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++)
		if (cpumask_test(m, cpu) && READ_ONCE(cpu_rq(cpu)->online))
			return true;
	return false;
}

int set_cpus_allowed(struct task *t, struct cpumask mask)
{
	unsigned long flags;
	struct rq *rq;

	if (!cpumask_any_online(&mask) || task_is_idle(t))
		return -EINVAL;
	rq = task_rq_lock(t, &flags);
	if (t->on_rq)   /* keep nr_pinned right: it counts by the mask */
		WRITE_ONCE(rq->nr_pinned, rq->nr_pinned - task_pinned(t) +
			   ((mask.bits & (mask.bits - 1)) == 0));
	t->cpus_allowed = mask;
	if (!t->on_rq || cpumask_test(&mask, rq->cpu)) {
		task_rq_unlock(rq, flags);   /* a sleeper moves when it wakes */
		return 0;
	}
	if (rq->curr == t) {
		resched_curr(rq);            /* moved at switch-out; at once if t is us */
		task_rq_unlock(rq, flags);
		return 0;
	}
	rq_update(rq);
	deactivate_task(rq, t, 0);
	t->migrate_pending = true;
	task_rq_unlock(rq, flags);
	sched_push_task(t);
	preempt_check_resched();
	return 0;
}

static bool policy_is_rt(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* The class and fields of policy/rt_priority, on t off every queue; the weight by policy. */
static void sched_apply_policy(struct task *t, int policy, int rt_priority)
{
	t->policy = policy;
	t->rt_priority = policy_is_rt(policy) ? rt_priority : 0;
	t->rt_slice_end = t->se.sum_exec_runtime + RT_RR_TIMESLICE_NS;
	t->class = policy_is_rt(policy) ? &rt_sched_class : &fair_sched_class;
	if (t->class == &fair_sched_class)
		fair_sched_class.set_nice(NULL, t, t->nice);   /* SCHED_IDLE's weight, or nice's */
}

/*
 * A queued t, taken off rq for a change of policy, goes back on: a
 * running one keeps running (its new class charges it from now) but is
 * asked to reschedule; a waiting one may preempt. rq locked, updated.
 */
static void sched_requeue_changed(struct rq *rq, struct task *t, bool running, bool head)
{
	activate_task(rq, t, head ? ENQUEUE_HEAD : 0);
	if (!running) {
		check_preempt_curr(rq, t);
		return;
	}
	t->wait_start = 0;   /* it runs: activate_task() must not start a wait */
	if (t->class == &rt_sched_class) {
		rq->rt.curr = t;
		t->se.exec_start = rq->clock;
	}
	WRITE_ONCE(rq->curr_prio, task_rq_prio(t));
	resched_curr(rq);
}

int sched_set_policy(struct task *t, int policy, int rt_priority)
{
	bool rt = policy_is_rt(policy), queued, running, head;
	unsigned long flags;
	struct rq *rq;

	if (policy != SCHED_NORMAL && policy != SCHED_BATCH && policy != SCHED_IDLE && !rt)
		return -EINVAL;
	if (rt ? rt_priority < RT_PRIO_MIN || rt_priority > RT_PRIO_MAX : rt_priority != 0)
		return -EINVAL;
	if (task_is_idle(t))
		return -EINVAL;
	rq = task_rq_lock(t, &flags);
	if (t->policy == policy && t->rt_priority == rt_priority) {
		task_rq_unlock(rq, flags);
		return 0;
	}
	queued = t->on_rq;
	running = rq->curr == t;
	/* A real-time task whose priority drops keeps its turn: head of the new list (Linux). */
	head = rt && t->class == &rt_sched_class && rt_priority < t->rt_priority;
	if (queued) {
		rq_update(rq);
		deactivate_task(rq, t, 0);
	}
	sched_apply_policy(t, policy, rt_priority);
	if (queued)
		sched_requeue_changed(rq, t, running, head);
	task_rq_unlock(rq, flags);
	preempt_check_resched();
	return 0;
}

void sched_fork(struct task *child, struct task *parent)
{
	unsigned long flags;
	struct rq *rq = task_rq_lock(parent, &flags);
	int policy = parent->policy, prio = parent->rt_priority;

	child->nice = parent->nice;
	child->cpus_allowed = parent->cpus_allowed;
	task_rq_unlock(rq, flags);
	sched_apply_policy(child, policy, prio);
}

u64 sched_rr_interval_ns(struct task *t)
{
	unsigned long flags;
	struct rq *rq;
	u64 ns = 0;

	if (t->policy == SCHED_RR)
		return RT_RR_TIMESLICE_NS;
	if (t->policy == SCHED_FIFO)
		return 0;
	rq = task_rq_lock(t, &flags);
	if (rq->cfs.nr_running)   /* Linux: the fair slice, in whole ticks, if it competes */
		ns = cfs_sched_slice(&rq->cfs, &t->se) / NSEC_PER_TICK * NSEC_PER_TICK;
	task_rq_unlock(rq, flags);
	return ns;
}

/* ---------------------------------------------------------------- setup */

/* Scheduling fields of a new task: TASK_NEW, fair class, nice 0, any cpu. */
void sched_task_init(struct task *t)
{
	t->state = TASK_NEW;
	t->class = &fair_sched_class;
	t->policy = SCHED_NORMAL;
	t->nice = 0;
	t->rt_priority = 0;
	INIT_LIST_HEAD(&t->rt_node);
	cfs_entity_init(&t->se, 0);
	t->rt_slice_end = RT_RR_TIMESLICE_NS;
	t->cpu = smp_processor_id();   /* any valid cpu: the first wake-up chooses */
	t->cpus_allowed = CPUMASK_ALL;
}

static unsigned int harts_expected(void)
{
	unsigned int n = 0;

	for (int i = 0; i < machine_dt.nharts; i++)
		n += machine_dt.harts[i].enabled;
	return MAX(1u, MIN(n, (unsigned int)NR_CPUS));
}

void sched_init(void)
{
	cfs_params_init(&sched_cfs_params, harts_expected());
	for (unsigned int i = 0; i < NR_CPUS; i++) {
		struct rq *rq = cpu_rq(i);

		spin_lock_init(&rq->lock, "rq_lock");
		rq->cpu = i;
		rt_rq_init(&rq->rt);
		cfs_rq_init(&rq->cfs, &sched_cfs_params);
		rq->curr_prio = RQ_PRIO_IDLE;
		rq->balance_ticks = BALANCE_INTERVAL_TICKS + i % BALANCE_INTERVAL_TICKS;
	}
	timers_init();
	kthread_cache_init();
	sched_init_cpu();
}

void sched_init_cpu(void)
{
	struct cpu *c = this_cpu();
	struct rq *rq = cpu_rq(c->id);
	struct task *idle = idle_task_init(c->id, c->stack_bottom, c->stack_top);

	BUG_ON(lockdep_held_depth() != 0);
	rq->idle = idle;
	rq->curr = idle;
	rq->clock = ktime_get_ns();
	c->rq = rq;
	c->lockdep_held = &idle->lockdep_held;
	WRITE_ONCE(c->curr, idle);
	smp_store_release(&rq->online, true);
}

void sched_cpu_stats(unsigned int cpu, struct sched_cpu_stats *st)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags = local_irq_save();

	memset(st, 0, sizeof(*st));
	if (cpu < nr_cpus && READ_ONCE(rq->online)) {
		spin_lock(&rq->lock);
		rq_update(rq);
		st->busy_ns = rq->busy_ns;
		st->nr_switches = rq->nr_switches;
		st->nr_balance_pulls = rq->nr_balance_pulls;
		st->nr_idle_pulls = rq->nr_idle_pulls;
		st->nr_running = rq->nr_running;
		st->clock_ns = rq->clock;
		spin_unlock(&rq->lock);
	}
	local_irq_restore(flags);
}

u64 task_sched_runtime(struct task *t)
{
	unsigned long flags;
	struct rq *rq = task_rq_lock(t, &flags);
	u64 ns;

	if (rq->curr == t)
		rq_update(rq);
	ns = t->se.sum_exec_runtime;
	task_rq_unlock(rq, flags);
	return ns;
}
