/*
 * Spinlocks: fair ticket locks.
 *
 * spin_lock()/spin_unlock() for data touched only outside interrupt
 * handlers; spin_lock_irqsave()/spin_unlock_irqrestore() for data an
 * interrupt handler also touches. Debug builds record the holder and panic
 * on recursion and on releasing a lock this hart does not hold. Every lock
 * class has a place in docs/locking.md.
 */
#ifndef LOCKING_SPINLOCK_H
#define LOCKING_SPINLOCK_H

#include <kernel/types.h>

struct spinlock {
	u32 serving;       /* ticket now allowed in */
	u32 next;          /* next ticket to hand out */
	int holder;        /* logical cpu holding it, -1 if free (debug aid) */
	const char *name;  /* [I] lock class name for reports */
};

#define SPINLOCK_INIT(n) { .serving = 0, .next = 0, .holder = -1, .name = (n) }

void spin_lock_init(struct spinlock *lock, const char *name);
void spin_lock(struct spinlock *lock);
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

#endif /* LOCKING_SPINLOCK_H */
