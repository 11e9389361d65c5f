/*
 * Wait queues and completions (interface and the sleep/wake protocol in
 * <sched/wait.h>).
 *
 * A wait queue entry lives on the sleeper's stack. The waker takes an
 * entry off the queue when it wakes its task; the sleeper takes it off
 * itself in finish_wait() otherwise. Both do so under the queue's lock,
 * and the waker reads everything it needs from an entry before unlinking
 * it, so an entry is never touched after the sleeper has returned.
 *
 * Locks: the wait_queue_head's own lock, irqsave (wake-ups come from
 * interrupt handlers too); try_to_wake_up() takes rq locks inside it.
 */
#include <kernel/types.h>
#include <kernel/panic.h>
#include <sched/sched.h>
#include <sched/wait.h>

void wait_queue_head_init(struct wait_queue_head *wq, const char *lockname)
{
	spin_lock_init(&wq->lock, lockname ? lockname : "wait_queue");
	INIT_LIST_HEAD(&wq->head);
}

void wait_entry_init(struct wait_queue_entry *w)
{
	w->task = current;
	w->flags = 0;
	w->func = NULL;
	INIT_LIST_HEAD(&w->node);
}

void wait_entry_init_func(struct wait_queue_entry *w, wait_func_t func)
{
	w->task = NULL;
	w->flags = 0;
	w->func = func;
	INIT_LIST_HEAD(&w->node);
}

void add_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	if (list_empty(&w->node))
		list_add(&w->node, &wq->head);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	list_del_init(&w->node);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait(struct wait_queue_head *wq, struct wait_queue_entry *w, unsigned int state)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	w->flags &= ~WQ_FLAG_EXCLUSIVE;
	if (list_empty(&w->node))
		list_add(&w->node, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void prepare_to_wait_exclusive(struct wait_queue_head *wq, struct wait_queue_entry *w,
			       unsigned int state)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);

	w->flags |= WQ_FLAG_EXCLUSIVE;
	if (list_empty(&w->node))
		list_add_tail(&w->node, &wq->head);
	set_current_state(state);
	spin_unlock_irqrestore(&wq->lock, flags);
}

void finish_wait(struct wait_queue_head *wq, struct wait_queue_entry *w)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	flags = spin_lock_irqsave(&wq->lock);
	list_del_init(&w->node);
	spin_unlock_irqrestore(&wq->lock, flags);
}

/* wake_up_nr() with wq->lock held. */
static unsigned int wake_locked(struct wait_queue_head *wq, unsigned int nr)
{
	struct wait_queue_entry *w, *next;
	unsigned int woken = 0;

	assert_held(&wq->lock);
	list_for_each_entry_safe(w, next, &wq->head, node) {
		bool exclusive = w->flags & WQ_FLAG_EXCLUSIVE;

		if (w->func) {
			w->func(w);   /* a callback entry stays queued */
			continue;
		}
		if (!try_to_wake_up(w->task, TASK_NORMAL))
			continue;   /* awake already: it will look at its condition */
		list_del_init(&w->node);
		woken++;
		if (exclusive && nr && --nr == 0)
			break;
	}
	return woken;
}

unsigned int wake_up_nr(struct wait_queue_head *wq, unsigned int nr)
{
	unsigned long flags = spin_lock_irqsave(&wq->lock);
	unsigned int woken = wake_locked(wq, nr);

	spin_unlock_irqrestore(&wq->lock, flags);
	return woken;
}

/* ---------------------------------------------------------------- completions */

void init_completion(struct completion *c)
{
	c->done = 0;
	wait_queue_head_init(&c->wait, "completion");
}

void reinit_completion(struct completion *c)
{
	WRITE_ONCE(c->done, 0);
}

void complete(struct completion *c)
{
	unsigned long flags = spin_lock_irqsave(&c->wait.lock);

	if (c->done != COMPLETION_ALL)
		c->done++;
	wake_locked(&c->wait, 1);
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

void complete_all(struct completion *c)
{
	unsigned long flags = spin_lock_irqsave(&c->wait.lock);

	c->done = COMPLETION_ALL;
	wake_locked(&c->wait, 0);
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

/*
 * Wait up to timeout ticks for c, queued exclusively at the tail (FIFO),
 * re-queueing if a wake-up took the entry but someone else took the
 * completion. Returns 0 on timeout, else the ticks left (>= 1).
 */
static long completion_wait(struct completion *c, long timeout)
{
	struct wait_queue_entry w;
	unsigned long flags;

	might_sleep();
	wait_entry_init(&w);
	w.flags = WQ_FLAG_EXCLUSIVE;
	flags = spin_lock_irqsave(&c->wait.lock);
	while (!c->done && timeout) {
		if (list_empty(&w.node))
			list_add_tail(&w.node, &c->wait.head);
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&c->wait.lock, flags);
		timeout = schedule_timeout(timeout);
		flags = spin_lock_irqsave(&c->wait.lock);
	}
	list_del_init(&w.node);
	__set_current_state(TASK_RUNNING);
	if (!c->done) {
		spin_unlock_irqrestore(&c->wait.lock, flags);
		return 0;
	}
	if (c->done != COMPLETION_ALL)
		c->done--;
	spin_unlock_irqrestore(&c->wait.lock, flags);
	return timeout ? timeout : 1;
}

void wait_for_completion(struct completion *c)
{
	completion_wait(c, MAX_SCHEDULE_TIMEOUT);
}

long wait_for_completion_timeout(struct completion *c, long timeout)
{
	return completion_wait(c, timeout);
}

bool try_wait_for_completion(struct completion *c)
{
	unsigned long flags = spin_lock_irqsave(&c->wait.lock);
	bool got = c->done != 0;

	if (got && c->done != COMPLETION_ALL)
		c->done--;
	spin_unlock_irqrestore(&c->wait.lock, flags);
	return got;
}

bool completion_done(struct completion *c)
{
	return READ_ONCE(c->done) != 0;
}
