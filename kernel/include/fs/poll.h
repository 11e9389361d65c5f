/*
 * Polling files (kernel/fs/select.c): the ->poll protocol between the
 * poll/ppoll/pselect6 system calls and the files they watch.
 *
 * A file's ->poll(file, pt) does two things and must not sleep:
 *   1. for each wait queue on which a change of its readiness is
 *      announced, it calls poll_wait(file, wq, pt) (pt may be NULL: a
 *      plain readiness query, nothing is registered);
 *   2. it returns its current mask of POLL* bits (uapi/poll.h), read
 *      without sleeping locks (READ_ONCE of counters, or a spinlock).
 *
 * The poller (select.c) sets its task state to TASK_INTERRUPTIBLE before
 * it calls ->poll on every file of a pass; poll_wait() queues (or
 * re-queues: a wake-up takes entries off the queue) one non-exclusive
 * entry per wait queue. If no file is ready it sleeps, and any wake_up()
 * of one of those queues after the registration makes it runnable again
 * (the ordering argument of sched/wait.h). So a file announces a change
 * by calling wake_up()/wake_up_all() on the queue it registered AFTER
 * making the change visible; exclusive sleepers on the same queue are
 * unaffected by pollers (those are non-exclusive and all woken).
 *
 * A file without ->poll is always ready for reading and writing
 * (DEFAULT_POLLMASK), as on Linux.
 *
 * Locks: none of its own; poll_wait() takes the wait queue's lock.
 */
#ifndef FS_POLL_H
#define FS_POLL_H

#include <kernel/types.h>
#include <sched/wait.h>
#include <uapi/poll.h>

struct file;

#define DEFAULT_POLLMASK (POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM)

/* One registration: an entry of the poller queued on a file's wait queue. */
struct poll_table_entry {
	struct wait_queue_head *wq;       /* NULL: slot unused */
	struct wait_queue_entry wait;
};

/*
 * The poller's registrations for one system call. entries[] holds `max`
 * registrations; each watched file owns a fixed run of them, handed out
 * in order (next up to end) on every pass, so a file that registers the
 * same queues each pass reuses (re-queues) the same entries.
 */
struct poll_table {
	/*
	 * Non-NULL: poll_wait() hands each queue to this instead of
	 * registering the task (epoll hooks its own callback entries;
	 * priv is its own). May not sleep.
	 */
	void (*qproc)(struct file *file, struct wait_queue_head *wq, struct poll_table *pt);
	void *priv;
	struct poll_table_entry *entries;
	unsigned int max;
	unsigned int next;                /* the current file's next entry */
	unsigned int end;                 /* past the current file's run */
	bool overflow;                    /* a registration found no room (then: re-poll on a timer) */
};

/*
 * Register the current task on wq through pt (nothing if pt is NULL).
 * Must be called with the task state set by the poller (see above);
 * takes wq->lock; never sleeps.
 */
void poll_wait(struct file *file, struct wait_queue_head *wq, struct poll_table *pt);

/*
 * The readiness of f for events (POLLERR|POLLHUP|POLLNVAL always count):
 * ->poll(f, pt) or DEFAULT_POLLMASK, masked. Never sleeps.
 */
unsigned int vfs_poll(struct file *f, struct poll_table *pt, unsigned int events);

#endif /* FS_POLL_H */
