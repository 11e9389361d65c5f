/*
 * Sleeping locks (kernel/locking/mutex.c): mutexes, counting semaphores
 * and reader-writer semaphores.
 *
 * A mutex has one owner, the task that locked it; only the owner may
 * unlock it (debug builds panic otherwise). A task that finds it taken
 * sleeps; mutex_unlock() hands it straight to the longest waiter (FIFO,
 * no barging, no starvation). An uncontended lock and unlock are one
 * compare-and-swap each.
 *
 * A semaphore counts: down() takes one unit or sleeps, up() gives one back
 * (to the longest waiter first). Any task may up(); no owner, no lockdep.
 *
 * An rw_semaphore admits many readers or one writer, first come first
 * served: a reader arriving behind a waiting writer waits too, so writers
 * are not starved; when a writer leaves, the readers queued before the
 * next writer all enter together.
 *
 * All may sleep (call from task context with no spinlock held;
 * might_sleep() checks) except the trylocks and up()/mutex_unlock()/
 * up_read()/up_write(), which never sleep. Mutexes and rw_semaphores are
 * lockdep classes named at init (the order between them and spinlocks is
 * checked; holding one across a sleep is fine); docs/locking.md lists them.
 * Internal lock: "sleeplock_wait_lock", one per lock, taken inside.
 */
#ifndef LOCKING_MUTEX_H
#define LOCKING_MUTEX_H

#include <kernel/types.h>
#include <kernel/panic.h>
#include <lib/list.h>
#include <locking/lockdep.h>
#include <locking/spinlock.h>

struct task;

#define MUTEX_HAS_WAITERS 0x1UL   /* low bit of owner: slow unlock */

struct mutex {
	unsigned long owner;          /* [a] struct task * | MUTEX_HAS_WAITERS, 0 when free */
	struct spinlock wait_lock;    /* "sleeplock_wait_lock" */
	struct list_head waiters;     /* [wait_lock] struct sleeplock_waiter, FIFO */
	const char *name;             /* [I] */
	struct lockdep_map dep_map;   /* [a] class: name */
};

#define MUTEX_INIT(var, n) { .owner = 0, .wait_lock = SPINLOCK_INIT("sleeplock_wait_lock"), \
			     .waiters = LIST_HEAD_INIT((var).waiters), .name = (n), \
			     .dep_map = LOCKDEP_MAP_INIT(n) }

void mutex_init(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);            /* may sleep */
bool mutex_trylock(struct mutex *m);         /* true if taken */
void mutex_unlock(struct mutex *m);          /* by the owner only */
bool mutex_is_locked(const struct mutex *m);
bool mutex_held_by_current(const struct mutex *m);

#ifdef CONFIG_DEBUG
#define assert_mutex_held(m) BUG_ON(!mutex_held_by_current(m))
#else
#define assert_mutex_held(m) do { } while (0)
#endif

struct semaphore {
	struct spinlock lock;         /* "sleeplock_wait_lock" */
	unsigned int count;           /* [lock] units free */
	struct list_head waiters;     /* [lock] struct sleeplock_waiter, FIFO */
};

#define SEMAPHORE_INIT(var, n) { .lock = SPINLOCK_INIT("sleeplock_wait_lock"), .count = (n), \
				 .waiters = LIST_HEAD_INIT((var).waiters) }

void sema_init(struct semaphore *s, unsigned int count);
void down(struct semaphore *s);              /* may sleep */
bool down_trylock(struct semaphore *s);      /* true if taken */
/* down() for at most timeout ticks: 0, or -ETIMEDOUT (nothing taken). May sleep. */
int down_timeout(struct semaphore *s, long timeout);
void up(struct semaphore *s);

struct rw_semaphore {
	struct spinlock lock;         /* "sleeplock_wait_lock" */
	long count;                   /* [lock] readers inside, or -1 for a writer */
	struct list_head waiters;     /* [lock] struct sleeplock_waiter, FIFO */
	const char *name;             /* [I] */
	struct lockdep_map dep_map;   /* [a] class: name */
};

void init_rwsem(struct rw_semaphore *rw, const char *name);
void down_read(struct rw_semaphore *rw);     /* may sleep */
void up_read(struct rw_semaphore *rw);
void down_write(struct rw_semaphore *rw);    /* may sleep */
/* down_write() of the inner of nested rw_semaphores of one class: lockdep class "name/subclass". */
void down_write_nested(struct rw_semaphore *rw, unsigned int subclass);
void up_write(struct rw_semaphore *rw);
bool down_read_trylock(struct rw_semaphore *rw);
bool down_write_trylock(struct rw_semaphore *rw);

#endif /* LOCKING_MUTEX_H */
