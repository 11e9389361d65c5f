/*
 * Kernel timers (kernel/sched/timer.c): run a function at a given
 * monotonic time (ktime_get_ns()), in interrupt context.
 *
 * Each cpu keeps its pending timers in a red-black tree ordered by expiry
 * under its base lock; timer_add() queues on the calling cpu. The hart's
 * one-shot timer interrupt is programmed for the earlier of its next tick
 * and its first timer (kernel/sched/clock.c), so a timer fires within
 * microseconds of its expiry, not at the next tick.
 *
 * A callback runs on the cpu the timer was added on, with interrupts off
 * and no lock held; it may add timers (itself included) and wake tasks,
 * and must not sleep. A timer may be added again while pending (it is
 * moved). Before freeing a timer (or returning from the function whose
 * stack holds it) call timer_del_sync(), which also waits for a running
 * callback.
 *
 * Locks: "timer_base_lock", one per cpu, irqsave; nothing else is taken
 * under it (docs/locking.md).
 */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <kernel/types.h>
#include <lib/rbtree.h>

struct timer_base;

struct timer {
	struct rb_node node;            /* [base] in the base's tree while pending */
	u64 expires;                    /* [base] ktime_get_ns() value to fire at */
	void (*fn)(struct timer *t);    /* [I] the callback */
	struct timer_base *base;        /* [a] base it is queued on or last ran from */
};

void timer_init(struct timer *t, void (*fn)(struct timer *t));
/* (Re)arm t to fire at expires_ns, on this cpu. Any context. */
void timer_add(struct timer *t, u64 expires_ns);
/* Disarm t; true if it was pending. Does not wait for a running callback. */
bool timer_del(struct timer *t);
/*
 * Disarm t and wait until its callback is not running; true if it was
 * pending. Not from t's callback, nor holding a lock the callback takes.
 */
bool timer_del_sync(struct timer *t);
/* Is t pending? (Racy unless the caller knows better.) */
bool timer_pending(const struct timer *t);

/* For the clock (interrupts off): this cpu's earliest expiry, or ~0 if none. */
u64 timer_next_expiry(void);
/* For the clock interrupt: run this cpu's timers due at now_ns. */
void timer_run_expired(u64 now_ns);

#endif /* KERNEL_TIMER_H */
