/*
 * Wait queues and completions (kernel/sched/wait.c).
 *
 * A wait queue is a list of sleeping tasks under a spinlock. The one way
 * to sleep on a condition without losing a wake-up:
 *
 *	sleeper                                  waker
 *	prepare_to_wait(wq, &w, TASK_...);       cond = true;
 *	  (adds w, sets the task state,          wake_up(wq);
 *	   then a full barrier)                    (takes wq's lock; wakes
 *	if (!cond)                                  each waiter still in a
 *		schedule();                         sleeping state)
 *	finish_wait(wq, &w);
 *
 * The sleeper publishes its state before reading cond; the waker
 * publishes cond before reading the state (wake-up starts with a full
 * barrier, sched/sched.h). So either the sleeper sees cond, or the waker
 * sees it asleep and makes it runnable -- and schedule() then returns at
 * once. wait_event() and friends wrap that loop.
 *
 * Exclusive waiters (prepare_to_wait_exclusive, added at the tail) are
 * woken one per wake_up(); non-exclusive ones (at the head) all at once.
 * A woken entry is taken off the queue by the waker.
 *
 * Callback entries (wait_entry_init_func, add_wait_queue; epoll's hooks
 * on the files it watches): a wake-up calls w->func(w) instead of waking
 * a task, under the queue's lock with interrupts off, and leaves the
 * entry queued until remove_wait_queue(). They count as non-exclusive.
 *
 * wait_event_interruptible() sleeps in TASK_INTERRUPTIBLE and gives up
 * with -ERESTARTSYS when signal_pending() (proc/process.h): a signal the
 * task does not block, a group stop, or a group exit.
 *
 * Completions are a count under a wait queue: complete() adds one and
 * wakes one waiter, wait_for_completion() takes one, complete_all() makes
 * every present and future wait return.
 *
 * Locks: each wait_queue_head's lock (class: the name given at init,
 * "wait_queue" by default; completions use "completion"), irqsave, taken
 * before run-queue locks (docs/locking.md). wake_up() and complete() may
 * be called from interrupt handlers and with spinlocks held; the waits
 * sleep.
 */
#ifndef SCHED_WAIT_H
#define SCHED_WAIT_H

#include <kernel/types.h>
#include <lib/list.h>
#include <locking/spinlock.h>

struct task;

struct wait_queue_head {
	struct spinlock lock;
	struct list_head head;     /* [lock] struct wait_queue_entry, exclusive ones last */
};

#define WQ_FLAG_EXCLUSIVE 0x1u

struct wait_queue_entry;
/* A wake-up callback: runs under the queue's lock (irqs off); must not sleep. */
typedef void (*wait_func_t)(struct wait_queue_entry *w);

struct wait_queue_entry {
	struct task *task;         /* [I] the sleeper (NULL for a callback entry) */
	unsigned int flags;        /* [I] WQ_FLAG_* */
	wait_func_t func;          /* [I] NULL: wake task; else called by wake-ups */
	struct list_head node;     /* [wq lock] empty when not queued */
};

#define WAIT_QUEUE_HEAD_INIT(var, lockname) \
	{ .lock = SPINLOCK_INIT(lockname), .head = LIST_HEAD_INIT((var).head) }

void wait_queue_head_init(struct wait_queue_head *wq, const char *lockname);
void wait_entry_init(struct wait_queue_entry *w);
/* A callback entry (no task); queue it with add_wait_queue, take it off with remove_wait_queue. */
void wait_entry_init_func(struct wait_queue_entry *w, wait_func_t func);
void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);
void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w);

/* Queue w (if not queued) and set the current task's state; then check. */
void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, unsigned int state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *w,
			       unsigned int state);
/* Back to TASK_RUNNING and off the queue. */
void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w);

/*
 * Wake every non-exclusive waiter and up to nr exclusive ones (nr 0: all)
 * whose state is in TASK_NORMAL. Returns how many tasks were woken.
 */
unsigned int wake_up_nr(struct wait_queue_head *wq, unsigned int nr);
static inline unsigned int wake_up(struct wait_queue_head *wq) { return wake_up_nr(wq, 1); }
static inline unsigned int wake_up_all(struct wait_queue_head *wq) { return wake_up_nr(wq, 0); }
/* Any waiter queued? (Racy unless the caller holds wq->lock.) */
static inline bool wait_queue_active(struct wait_queue_head *wq) { return !list_empty(&wq->head); }

/*
 * Sleep in TASK_UNINTERRUPTIBLE until cond holds, for at most timeout
 * ticks (HZ per second; MAX_SCHEDULE_TIMEOUT: no limit). Evaluates to 0 if
 * the time ran out with cond still false, else the ticks left (at least
 * 1). May sleep.
 */
#define wait_event_timeout(wq, cond, timeout) ({ \
	long __left = (timeout); \
	if (!(cond)) { \
		struct wait_queue_entry __w; \
		wait_entry_init(&__w); \
		for (;;) { \
			prepare_to_wait(&(wq), &__w, TASK_UNINTERRUPTIBLE); \
			if (cond) \
				break; \
			__left = schedule_timeout(__left); \
			if (__left == 0) { \
				__left = (cond) ? 1 : 0; \
				break; \
			} \
		} \
		finish_wait(&(wq), &__w); \
	} else if (__left == 0) { \
		__left = 1; \
	} \
	__left; })

/* Sleep in TASK_UNINTERRUPTIBLE until cond holds. May sleep. */
#define wait_event(wq, cond) \
	((void)wait_event_timeout(wq, cond, MAX_SCHEDULE_TIMEOUT))

bool signal_pending(struct task *t);

/*
 * Sleep in TASK_INTERRUPTIBLE until cond holds (0) or a signal is
 * pending for the caller (-ERESTARTSYS, kernel/proc/signal.h: the system
 * call is restarted or fails with EINTR). May sleep.
 */
#define wait_event_interruptible(wq, cond) ({ \
	long __ret = 0; \
	if (!(cond)) { \
		struct wait_queue_entry __w; \
		wait_entry_init(&__w); \
		for (;;) { \
			prepare_to_wait(&(wq), &__w, TASK_INTERRUPTIBLE); \
			if (cond) \
				break; \
			if (signal_pending(current)) { \
				__ret = -512 /* ERESTARTSYS */; \
				break; \
			} \
			schedule(); \
		} \
		finish_wait(&(wq), &__w); \
	} \
	__ret; })

/* ---------------------------------------------------------------- completions */

#define COMPLETION_ALL 0xffffffffu   /* done after complete_all() */

struct completion {
	unsigned int done;             /* [wait.lock] completions not yet consumed */
	struct wait_queue_head wait;   /* exclusive waiters */
};

#define COMPLETION_INIT(var) { .done = 0, .wait = WAIT_QUEUE_HEAD_INIT((var).wait, "completion") }

void init_completion(struct completion *c);
/* Back to not done; no one may be waiting. */
void reinit_completion(struct completion *c);
void complete(struct completion *c);
void complete_all(struct completion *c);
/* Sleep (TASK_UNINTERRUPTIBLE) until done, then consume one. May sleep. */
void wait_for_completion(struct completion *c);
/* The same for at most timeout ticks: 0 if it timed out, else ticks left (>= 1). */
long wait_for_completion_timeout(struct completion *c, long timeout);
/* Consume one if done, without sleeping; false if not done. */
bool try_wait_for_completion(struct completion *c);
bool completion_done(struct completion *c);

/* The macros above need schedule(), schedule_timeout() and the task states. */
#include <sched/sched.h>

#endif /* SCHED_WAIT_H */
