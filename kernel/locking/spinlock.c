/*
 * Ticket spinlocks.
 *
 * A hart takes a ticket with an atomic add on ->next and spins until
 * ->serving reaches it; unlock hands the lock to the next ticket. Waiters
 * are served in arrival order, so no hart starves.
 *
 * Debug builds (CONFIG_DEBUG) record the holding cpu, panic on recursive
 * acquisition and on unlocking a lock this hart does not hold, and report a
 * lock that has spun for more than five seconds as a lock-up.
 */
#include <arch/atomic.h>
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <kernel/clock.h>
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <locking/spinlock.h>

void spin_lock_init(struct spinlock *lock, const char *name)
{
	lock->serving = 0;
	lock->next = 0;
	lock->holder = -1;
	lock->name = name;
}

bool spin_is_held(const struct spinlock *lock)
{
	return READ_ONCE(lock->holder) == (int)smp_processor_id();
}

#ifdef CONFIG_DEBUG
static void spin_check_lockup(struct spinlock *lock, u64 start)
{
	if (timebase_freq && rdtime() - start > 5 * timebase_freq && !panic_in_progress())
		panic("spinlock lock-up: '%s' held by cpu %d", lock->name, READ_ONCE(lock->holder));
}
#endif

void spin_lock(struct spinlock *lock)
{
#ifdef CONFIG_DEBUG
	if (spin_is_held(lock))
		panic("recursive spin_lock of '%s'", lock->name);
	u64 start = rdtime();
	unsigned int spins = 0;
#endif
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);

	/* Acquire: pairs with the release store in spin_unlock(). */
	while (smp_load_acquire(&lock->serving) != ticket) {
		cpu_relax();
#ifdef CONFIG_DEBUG
		if ((++spins & 0xfff) == 0)
			spin_check_lockup(lock, start);
#endif
	}
	WRITE_ONCE(lock->holder, (int)smp_processor_id());
}

bool spin_trylock(struct spinlock *lock)
{
	u32 serving = smp_load_acquire(&lock->serving);
	u32 expect = serving;

	if (READ_ONCE(lock->next) != serving)
		return false;
	if (!__atomic_compare_exchange_n(&lock->next, &expect, serving + 1, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	WRITE_ONCE(lock->holder, (int)smp_processor_id());
	return true;
}

void spin_unlock(struct spinlock *lock)
{
#ifdef CONFIG_DEBUG
	if (!spin_is_held(lock))
		panic("spin_unlock of '%s' not held by this cpu (holder %d)",
		      lock->name, READ_ONCE(lock->holder));
#endif
	WRITE_ONCE(lock->holder, -1);
	/* Release: pairs with the acquire load in spin_lock(). */
	smp_store_release(&lock->serving, lock->serving + 1);
}

unsigned long spin_lock_irqsave(struct spinlock *lock)
{
	unsigned long flags = local_irq_save();
	spin_lock(lock);
	return flags;
}

void spin_unlock_irqrestore(struct spinlock *lock, unsigned long flags)
{
	spin_unlock(lock);
	local_irq_restore(flags);
}
