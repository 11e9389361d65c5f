/*
 * Sleeping locks: mutexes, counting semaphores, reader-writer semaphores
 * (interface and semantics in <locking/mutex.h>).
 *
 * All three queue their sleepers FIFO on a list under a spinlock (the
 * "wait lock", class "sleeplock_wait_lock", irqsave) and are released by
 * direct hand-off: the releaser takes the first waiter off the list, makes
 * it the owner (or gives it the unit, or lets it in), sets its ->granted
 * and wakes it -- all under the wait lock. A waiter looks at ->granted only
 * under the wait lock, after setting its state (sched/wait.h), so the
 * grant can come at any point and is never missed; and its waiter struct,
 * on its stack, is never touched after the wait lock is released.
 *
 * Mutex fast paths: owner is 0 when free; locking is one compare-and-swap
 * of 0 -> current, unlocking current -> 0. MUTEX_HAS_WAITERS in owner,
 * set under the wait lock by the first sleeper, makes the unlock CAS fail
 * and take the slow path that hands off. The acquire of the locking CAS
 * pairs with the release of the unlocking CAS (or of the hand-off store),
 * so one owner's critical section happens before the next one's.
 *
 * Lock order: a mutex or rw_semaphore (lockdep, sleepable) before any
 * spinlock; the wait lock before the run-queue locks (wake-up).
 */
#include <arch/atomic.h>
#include <kernel/panic.h>
#include <locking/mutex.h>
#include <sched/sched.h>
#include <uapi/errno.h>

struct sleeplock_waiter {
	struct list_head node;    /* [wait lock] on the waiters list until granted */
	struct task *task;        /* [I] */
	bool granted;             /* [wait lock] set by the releaser */
	bool writer;              /* [I] rw_semaphore: wants to write */
};

/*
 * Queue w at the tail of waiters and sleep until a releaser grants it or
 * timeout ticks pass. The wait lock is held (irqsave, *flags) on entry and
 * on return. Returns whether it was granted; if not, w is off the list.
 */
static bool sleeplock_wait(struct spinlock *lock, unsigned long *flags, struct list_head *waiters,
			   struct sleeplock_waiter *w, long timeout)
{
	w->task = current;
	w->granted = false;
	list_add_tail(&w->node, waiters);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (w->granted)
			break;
		if (timeout == 0) {
			list_del(&w->node);
			break;
		}
		spin_unlock_irqrestore(lock, *flags);
		timeout = schedule_timeout(timeout);
		*flags = spin_lock_irqsave(lock);
	}
	__set_current_state(TASK_RUNNING);
	return w->granted;
}

/* Hand over to w (wait lock held): off the list, granted, woken. */
static void sleeplock_grant(struct sleeplock_waiter *w)
{
	struct task *t = w->task;

	list_del(&w->node);
	w->granted = true;
	wake_up_process(t);
}

static struct sleeplock_waiter *sleeplock_first(struct list_head *waiters)
{
	return list_empty(waiters) ? NULL : list_entry(waiters->next, struct sleeplock_waiter, node);
}

/* ---------------------------------------------------------------- lockdep */

#ifdef CONFIG_DEBUG
static void sleeplock_dep_acquire_nested(struct lockdep_map *map, unsigned int subclass,
					 unsigned int flags, unsigned long ip)
{
	lockdep_acquire(map, subclass, flags | LOCKDEP_SLEEPABLE, ip);
}
static void sleeplock_dep_release(struct lockdep_map *map, unsigned long ip)
{
	lockdep_release(map, ip);
}
#else
static void sleeplock_dep_acquire_nested(struct lockdep_map *map, unsigned int subclass,
					 unsigned int flags, unsigned long ip)
{
	(void)map, (void)subclass, (void)flags, (void)ip;
}
static void sleeplock_dep_release(struct lockdep_map *map, unsigned long ip)
{
	(void)map, (void)ip;
}
#endif

static void sleeplock_dep_acquire(struct lockdep_map *map, unsigned int flags, unsigned long ip)
{
	sleeplock_dep_acquire_nested(map, 0, flags, ip);
}

/* ---------------------------------------------------------------- mutex */

void mutex_init(struct mutex *m, const char *name)
{
	m->owner = 0;
	spin_lock_init(&m->wait_lock, "sleeplock_wait_lock");
	INIT_LIST_HEAD(&m->waiters);
	m->name = name;
	lockdep_map_init(&m->dep_map, name);
}

static struct task *mutex_owner(const struct mutex *m)
{
	return (struct task *)(READ_ONCE(m->owner) & ~MUTEX_HAS_WAITERS);
}

bool mutex_is_locked(const struct mutex *m)
{
	return READ_ONCE(m->owner) != 0;
}

bool mutex_held_by_current(const struct mutex *m)
{
	return mutex_owner(m) == current;
}

/* 0 -> current; the acquire pairs with the release that freed or handed it. */
static bool mutex_try_fast(struct mutex *m)
{
	unsigned long none = 0;

	return __atomic_compare_exchange_n(&m->owner, &none, (unsigned long)current, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* Wait lock held: take m if it is free, else mark it as having waiters. */
static bool mutex_take_or_mark(struct mutex *m)
{
	unsigned long old = READ_ONCE(m->owner);

	for (;;) {
		unsigned long new = old ? old | MUTEX_HAS_WAITERS : (unsigned long)current;

		if (old & MUTEX_HAS_WAITERS)
			return false;
		if (__atomic_compare_exchange_n(&m->owner, &old, new, false, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return old == 0;
	}
}

static void mutex_lock_slow(struct mutex *m)
{
	struct sleeplock_waiter w = { .writer = true };
	unsigned long flags = spin_lock_irqsave(&m->wait_lock);

	if (!mutex_take_or_mark(m))
		sleeplock_wait(&m->wait_lock, &flags, &m->waiters, &w, MAX_SCHEDULE_TIMEOUT);
	spin_unlock_irqrestore(&m->wait_lock, flags);
}

void mutex_lock(struct mutex *m)
{
	might_sleep();
	sleeplock_dep_acquire(&m->dep_map, 0, LOCKDEP_RET_IP);
	if (!mutex_try_fast(m))
		mutex_lock_slow(m);
}

bool mutex_trylock(struct mutex *m)
{
	if (!mutex_try_fast(m))
		return false;
	sleeplock_dep_acquire(&m->dep_map, LOCKDEP_TRYLOCK, LOCKDEP_RET_IP);
	return true;
}

/* Hand m to its first waiter, keeping MUTEX_HAS_WAITERS if more wait. */
static void mutex_unlock_slow(struct mutex *m)
{
	unsigned long flags = spin_lock_irqsave(&m->wait_lock);
	struct sleeplock_waiter *w = sleeplock_first(&m->waiters);
	unsigned long next;

	BUG_ON(!w);
	next = (unsigned long)w->task | (list_is_singular(&m->waiters) ? 0 : MUTEX_HAS_WAITERS);
	/* Release: this critical section before the next owner's (its acquire: the wait lock). */
	smp_store_release(&m->owner, next);
	sleeplock_grant(w);
	spin_unlock_irqrestore(&m->wait_lock, flags);
}

void mutex_unlock(struct mutex *m)
{
	unsigned long me = (unsigned long)current;

	if (mutex_owner(m) != current)
		panic("mutex_unlock of '%s' by %s (pid %d), which does not own it (owner %s)",
		      m->name, current->name, current->pid,
		      mutex_owner(m) ? mutex_owner(m)->name : "none");
	sleeplock_dep_release(&m->dep_map, LOCKDEP_RET_IP);
	/* Release: pairs with the acquire of the next mutex_try_fast(). */
	if (!__atomic_compare_exchange_n(&m->owner, &me, 0, false, __ATOMIC_RELEASE,
					 __ATOMIC_RELAXED))
		mutex_unlock_slow(m);
}

/* ---------------------------------------------------------------- semaphore */

void sema_init(struct semaphore *s, unsigned int count)
{
	spin_lock_init(&s->lock, "sleeplock_wait_lock");
	s->count = count;
	INIT_LIST_HEAD(&s->waiters);
}

int down_timeout(struct semaphore *s, long timeout)
{
	struct sleeplock_waiter w = { .writer = false };
	unsigned long flags;
	bool got = true;

	might_sleep();
	flags = spin_lock_irqsave(&s->lock);
	if (s->count)
		s->count--;
	else
		got = sleeplock_wait(&s->lock, &flags, &s->waiters, &w, timeout);
	spin_unlock_irqrestore(&s->lock, flags);
	return got ? 0 : -ETIMEDOUT;
}

void down(struct semaphore *s)
{
	down_timeout(s, MAX_SCHEDULE_TIMEOUT);
}

bool down_trylock(struct semaphore *s)
{
	unsigned long flags = spin_lock_irqsave(&s->lock);
	bool got = s->count != 0;

	if (got)
		s->count--;
	spin_unlock_irqrestore(&s->lock, flags);
	return got;
}

void up(struct semaphore *s)
{
	unsigned long flags = spin_lock_irqsave(&s->lock);
	struct sleeplock_waiter *w = sleeplock_first(&s->waiters);

	if (w)
		sleeplock_grant(w);   /* the unit goes straight to it */
	else
		s->count++;
	spin_unlock_irqrestore(&s->lock, flags);
}

/* ---------------------------------------------------------------- rw_semaphore */

void init_rwsem(struct rw_semaphore *rw, const char *name)
{
	spin_lock_init(&rw->lock, "sleeplock_wait_lock");
	rw->count = 0;
	INIT_LIST_HEAD(&rw->waiters);
	rw->name = name;
	lockdep_map_init(&rw->dep_map, name);
}

/* Nobody inside (lock held): let in the first writer, or every reader before it. */
static void rwsem_grant(struct rw_semaphore *rw)
{
	struct sleeplock_waiter *w = sleeplock_first(&rw->waiters);

	if (w && w->writer) {
		rw->count = -1;
		sleeplock_grant(w);
		return;
	}
	for (; w && !w->writer; w = sleeplock_first(&rw->waiters)) {
		rw->count++;
		sleeplock_grant(w);
	}
}

static void rwsem_down(struct rw_semaphore *rw, bool writer, unsigned int subclass,
		       unsigned long ip)
{
	struct sleeplock_waiter w = { .writer = writer };
	unsigned long flags;
	bool free;

	might_sleep();
	sleeplock_dep_acquire_nested(&rw->dep_map, subclass, 0, ip);
	flags = spin_lock_irqsave(&rw->lock);
	free = list_empty(&rw->waiters) && (writer ? rw->count == 0 : rw->count >= 0);
	if (free)
		rw->count = writer ? -1 : rw->count + 1;
	else
		sleeplock_wait(&rw->lock, &flags, &rw->waiters, &w, MAX_SCHEDULE_TIMEOUT);
	spin_unlock_irqrestore(&rw->lock, flags);
}

void down_read(struct rw_semaphore *rw)
{
	rwsem_down(rw, false, 0, LOCKDEP_RET_IP);
}

void down_write(struct rw_semaphore *rw)
{
	rwsem_down(rw, true, 0, LOCKDEP_RET_IP);
}

void down_write_nested(struct rw_semaphore *rw, unsigned int subclass)
{
	rwsem_down(rw, true, subclass, LOCKDEP_RET_IP);
}

static bool rwsem_trylock(struct rw_semaphore *rw, bool writer, unsigned long ip)
{
	unsigned long flags = spin_lock_irqsave(&rw->lock);
	bool free = list_empty(&rw->waiters) && (writer ? rw->count == 0 : rw->count >= 0);

	if (free)
		rw->count = writer ? -1 : rw->count + 1;
	spin_unlock_irqrestore(&rw->lock, flags);
	if (free)
		sleeplock_dep_acquire(&rw->dep_map, LOCKDEP_TRYLOCK, ip);
	return free;
}

bool down_read_trylock(struct rw_semaphore *rw)
{
	return rwsem_trylock(rw, false, LOCKDEP_RET_IP);
}

bool down_write_trylock(struct rw_semaphore *rw)
{
	return rwsem_trylock(rw, true, LOCKDEP_RET_IP);
}

void up_read(struct rw_semaphore *rw)
{
	unsigned long flags;

	sleeplock_dep_release(&rw->dep_map, LOCKDEP_RET_IP);
	flags = spin_lock_irqsave(&rw->lock);
	BUG_ON(rw->count <= 0);
	if (--rw->count == 0)
		rwsem_grant(rw);
	spin_unlock_irqrestore(&rw->lock, flags);
}

void up_write(struct rw_semaphore *rw)
{
	unsigned long flags;

	sleeplock_dep_release(&rw->dep_map, LOCKDEP_RET_IP);
	flags = spin_lock_irqsave(&rw->lock);
	BUG_ON(rw->count != -1);
	rw->count = 0;
	rwsem_grant(rw);
	spin_unlock_irqrestore(&rw->lock, flags);
}
