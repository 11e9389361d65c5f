/*
 * Spinlocks: test-and-set locks with a bounded wait (spinlock.c says why
 * not tickets).
 *
 * spin_lock()/spin_unlock() for data touched only outside interrupt
 * handlers; spin_lock_irqsave()/spin_unlock_irqrestore() for data an
 * interrupt handler also touches. Debug builds record the holder and panic
 * on recursion and on releasing a lock this hart does not hold. Every lock
 * class has a place in docs/locking.md.
 *
 * A spinlock held disables preemption (sched/preempt.h): never sleep
 * holding one. The unlock that drops the preempt count to 0 with
 * interrupts on runs a reschedule that became due meanwhile, so
 * spin_unlock() may switch tasks.
 *
 * Debug builds also run lockdep (locking/lockdep.h) on every lock: the
 * lock's name is its class, shared by every lock of that name. To nest two
 * locks of one class, take the inner one with spin_lock_nested(lock, n),
 * n in 1..LOCKDEP_SUBCLASSES-1: "name/n" is then a class of its own.
 */
#ifndef LOCKING_SPINLOCK_H
#define LOCKING_SPINLOCK_H

#include <kernel/types.h>
#include <locking/lockdep.h>

struct spinlock {
	u32 starving;      /* [a] waiters past their bound (spinlock.c): the lock is theirs */
	u32 locked;        /* [a] 1 while held */
	int holder;        /* logical cpu holding it, -1 if free (debug aid) */
	const char *name;  /* [I] lock class name for reports */
	/*
	 * [a] lockdep's view (class cached on first acquire); used by debug
	 * builds only, but always present so that objects built with and
	 * without CONFIG_DEBUG (host tests do both) agree on the layout.
	 */
	struct lockdep_map dep_map;
};

#define SPINLOCK_INIT(n) { .starving = 0, .locked = 0, .holder = -1, .name = (n), \
			   .dep_map = LOCKDEP_MAP_INIT(n) }

void spin_lock_init(struct spinlock *lock, const char *name);
void spin_lock(struct spinlock *lock);
/* spin_lock() of the inner of two nested locks of one class (see above). */
void spin_lock_nested(struct spinlock *lock, unsigned int subclass);
void spin_unlock(struct spinlock *lock);
bool spin_trylock(struct spinlock *lock);
unsigned long spin_lock_irqsave(struct spinlock *lock);
void spin_unlock_irqrestore(struct spinlock *lock, unsigned long flags);
bool spin_is_held(const struct spinlock *lock);

#ifdef CONFIG_DEBUG
#define assert_held(lock) BUG_ON(!spin_is_held(lock))
#else
#define assert_held(lock) do { } while (0)
#endif

/* lockdep hooks for spinlock.c: nothing outside debug builds. */
#ifdef CONFIG_DEBUG
static inline void spin_dep_acquire(struct spinlock *lock, unsigned int subclass,
				    unsigned int flags, unsigned long ip)
{
	lockdep_acquire(&lock->dep_map, subclass, flags, ip);
}
static inline void spin_dep_release(struct spinlock *lock, unsigned long ip)
{
	lockdep_release(&lock->dep_map, ip);
}
#else
static inline void spin_dep_acquire(struct spinlock *lock, unsigned int subclass,
				    unsigned int flags, unsigned long ip)
{
	(void)lock, (void)subclass, (void)flags, (void)ip;
}
static inline void spin_dep_release(struct spinlock *lock, unsigned long ip)
{
	(void)lock, (void)ip;
}
#endif

#endif /* LOCKING_SPINLOCK_H */
