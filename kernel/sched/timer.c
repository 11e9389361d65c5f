/*
 * Per-cpu kernel timers and the sleeps built on them (interfaces in
 * <kernel/timer.h> and <sched/sched.h>).
 *
 * Each cpu has a timer_base: a red-black tree of pending timers keyed by
 * expiry (ties in insertion order) with the leftmost cached, and the timer
 * whose callback is running. The clock interrupt (clock.c) runs the
 * expired ones and reprograms the hart's one-shot timer for the earlier of
 * the next tick and the new leftmost; timer_add() reprograms it at once
 * when the timer it adds becomes this cpu's earliest.
 *
 * A timer's base pointer says where it is pending or last ran. Whoever
 * deletes or re-adds a timer locks that base and checks that the pointer
 * did not change meanwhile (timer_lock_base).
 *
 * Locks: "timer_base_lock" per cpu, irqsave, innermost of the scheduler's
 * locks: nothing is taken under it, callbacks run without it.
 */
#include <arch/irqflags.h>
#include <kernel/clock.h>
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <kernel/timer.h>
#include <locking/spinlock.h>
#include <sched/sched.h>

#include "rq.h"

struct timer_base {
	struct spinlock lock;             /* "timer_base_lock" */
	struct rb_root_cached pending;    /* [lock] by expires */
	struct timer *running;            /* [lock] callback running now, or NULL */
};

static struct timer_base timer_bases[NR_CPUS];
static bool timers_ready;                 /* [I] after timers_init() */

void timers_init(void)
{
	for (unsigned int i = 0; i < NR_CPUS; i++) {
		spin_lock_init(&timer_bases[i].lock, "timer_base_lock");
		timer_bases[i].pending = RB_ROOT_CACHED;
		timer_bases[i].running = NULL;
	}
	smp_store_release(&timers_ready, true);
}

void timer_init(struct timer *t, void (*fn)(struct timer *t))
{
	RB_CLEAR_NODE(&t->node);
	t->expires = 0;
	t->fn = fn;
	t->base = NULL;
}

bool timer_pending(const struct timer *t)
{
	return !RB_EMPTY_NODE(&t->node);
}

/* Lock the base t is on (or NULL if it never was). Interrupts off. */
static struct timer_base *timer_lock_base(struct timer *t)
{
	for (;;) {
		struct timer_base *base = READ_ONCE(t->base);

		if (!base)
			return NULL;
		spin_lock(&base->lock);
		if (READ_ONCE(t->base) == base)
			return base;
		spin_unlock(&base->lock);
	}
}

/* Insert t after every timer expiring no later; true if it is now the first. */
static bool base_insert(struct timer_base *base, struct timer *t)
{
	struct rb_node **link = &base->pending.rb_root.rb_node, *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (t->expires < rb_entry(parent, struct timer, node)->expires) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	rb_link_node(&t->node, parent, link);
	rb_insert_color_cached(&t->node, &base->pending, leftmost);
	return leftmost;
}

static void base_erase(struct timer_base *base, struct timer *t)
{
	rb_erase_cached(&t->node, &base->pending);
	RB_CLEAR_NODE(&t->node);
}

void timer_add(struct timer *t, u64 expires_ns)
{
	unsigned long flags = local_irq_save();
	struct timer_base *here = &timer_bases[smp_processor_id()];
	struct timer_base *old = timer_lock_base(t);
	bool first;

	if (old && timer_pending(t))
		base_erase(old, t);
	if (old != here) {
		if (old)
			spin_unlock(&old->lock);
		spin_lock(&here->lock);
	}
	t->expires = expires_ns;
	WRITE_ONCE(t->base, here);
	first = base_insert(here, t);
	spin_unlock(&here->lock);
	if (first)
		clock_program_event();
	local_irq_restore(flags);
}

/* Unqueue t if pending; *running: is its callback running now? */
static bool timer_del_check(struct timer *t, bool *running)
{
	unsigned long flags = local_irq_save();
	struct timer_base *base = timer_lock_base(t);
	bool was_pending = false;

	*running = false;
	if (base) {
		was_pending = timer_pending(t);
		if (was_pending)
			base_erase(base, t);
		*running = base->running == t;
		spin_unlock(&base->lock);
	}
	local_irq_restore(flags);
	return was_pending;
}

bool timer_del(struct timer *t)
{
	bool running;

	return timer_del_check(t, &running);
}

bool timer_del_sync(struct timer *t)
{
	bool running, was_pending = false;

	for (;;) {
		was_pending |= timer_del_check(t, &running);
		if (!running)
			return was_pending;
		cpu_relax();
	}
}

u64 timer_next_expiry(void)
{
	struct timer_base *base = &timer_bases[smp_processor_id()];
	struct rb_node *first;
	u64 next = ~0ULL;

	if (!smp_load_acquire(&timers_ready))
		return next;
	spin_lock(&base->lock);
	first = rb_first_cached(&base->pending);
	if (first)
		next = rb_entry(first, struct timer, node)->expires;
	spin_unlock(&base->lock);
	return next;
}

void timer_run_expired(u64 now_ns)
{
	struct timer_base *base = &timer_bases[smp_processor_id()];
	struct rb_node *first;

	if (!smp_load_acquire(&timers_ready))
		return;
	spin_lock(&base->lock);
	while ((first = rb_first_cached(&base->pending)) &&
	       rb_entry(first, struct timer, node)->expires <= now_ns) {
		struct timer *t = rb_entry(first, struct timer, node);

		base_erase(base, t);
		base->running = t;
		spin_unlock(&base->lock);
		t->fn(t);      /* t may be re-added or freed (after timer_del_sync) */
		spin_lock(&base->lock);
		base->running = NULL;
	}
	spin_unlock(&base->lock);
}

/* ---------------------------------------------------------------- sleeping */

struct sleep_timer {
	struct timer timer;
	struct task *task;
};

static void sleep_timer_fn(struct timer *t)
{
	wake_up_process(container_of(t, struct sleep_timer, timer)->task);
}

void schedule_until(u64 deadline_ns)
{
	struct sleep_timer st;

	timer_init(&st.timer, sleep_timer_fn);
	st.task = current;
	timer_add(&st.timer, deadline_ns);
	schedule();
	timer_del_sync(&st.timer);
}

long schedule_timeout(long timeout)
{
	u64 deadline, now;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0)
		timeout = 0;
	deadline = ktime_get_ns() + (u64)timeout * NSEC_PER_TICK;
	schedule_until(deadline);
	now = ktime_get_ns();
	if (now >= deadline)
		return 0;
	return (long)((deadline - now + NSEC_PER_TICK - 1) / NSEC_PER_TICK);
}

void msleep(unsigned int ms)
{
	u64 deadline = ktime_get_ns() + (u64)ms * 1000000ULL;

	while (ktime_get_ns() < deadline) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		schedule_until(deadline);
	}
}
