/*
 * Ticket spinlocks.
 *
 * A hart takes a ticket with an atomic add on ->next and spins until
 * ->serving reaches it; unlock hands the lock to the next ticket. Waiters
 * are served in arrival order, so no hart starves.
 *
 * Debug builds (CONFIG_DEBUG) record the holding cpu, panic on recursive
 * acquisition and on unlocking a lock this hart does not hold, and report a
 * lock that has spun for more than SPIN_LOCKUP_SECONDS as a lock-up (20 s,
 * Linux's soft-lockup limit). 5 s proved too short on a 2-core host
 * running several 4- and 8-hart QEMUs at a load above 7: two lock-ups were
 * reported with the lock free (holder -1) and its next waiter not yet
 * in; that was never seen on a quiet host, and whether it was only a
 * descheduled vCPU is not proven. They also
 * tell lockdep (locking/lockdep.h) of every acquire -- before spinning, so
 * a deadlock is reported rather than hung on -- and every release; the
 * caller's address goes with each for its reports.
 *
 * Holding a spinlock disables preemption (sched/preempt.h): the count goes
 * up before the ticket is taken and down after the lock is handed on, and
 * only then, if the count is 0 and interrupts are on, a reschedule that
 * became due while the lock was held happens.
 */
#include <arch/atomic.h>
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <kernel/clock.h>
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <locking/spinlock.h>
#include <sched/preempt.h>

void spin_lock_init(struct spinlock *lock, const char *name)
{
	lock->serving = 0;
	lock->next = 0;
	lock->holder = -1;
	lock->name = name;
	lockdep_map_init(&lock->dep_map, name);
}

bool spin_is_held(const struct spinlock *lock)
{
	return READ_ONCE(lock->holder) == (int)smp_processor_id();
}

#ifdef CONFIG_DEBUG
#define SPIN_LOCKUP_SECONDS 20

static void spin_check_lockup(struct spinlock *lock, u64 start)
{
	if (timebase_freq && rdtime() - start > SPIN_LOCKUP_SECONDS * timebase_freq &&
	    !panic_in_progress())
		panic("spinlock lock-up: '%s' held by cpu %d", lock->name, READ_ONCE(lock->holder));
}
#endif

/* Take lock; subclass and ip (the caller) are for lockdep. */
static void spin_lock_at(struct spinlock *lock, unsigned int subclass, unsigned long ip)
{
	preempt_disable();
	spin_dep_acquire(lock, subclass, 0, ip);
#ifdef CONFIG_DEBUG
	if (spin_is_held(lock))
		panic("recursive spin_lock of '%s'", lock->name);
	u64 start = rdtime();
	unsigned int spins = 0;
#endif
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_RELAXED);

	/* Acquire: pairs with the release store in spin_release_at(). */
	while (smp_load_acquire(&lock->serving) != ticket) {
		cpu_relax();
#ifdef CONFIG_DEBUG
		if ((++spins & 0xfff) == 0)
			spin_check_lockup(lock, start);
#endif
	}
	WRITE_ONCE(lock->holder, (int)smp_processor_id());
}

void spin_lock(struct spinlock *lock)
{
	spin_lock_at(lock, 0, LOCKDEP_RET_IP);
}

void spin_lock_nested(struct spinlock *lock, unsigned int subclass)
{
	spin_lock_at(lock, subclass, LOCKDEP_RET_IP);
}

bool spin_trylock(struct spinlock *lock)
{
	u32 serving, expect;

	preempt_disable();
	serving = smp_load_acquire(&lock->serving);
	expect = serving;
	if (READ_ONCE(lock->next) != serving ||
	    !__atomic_compare_exchange_n(&lock->next, &expect, serving + 1, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		preempt_enable();
		return false;
	}
	WRITE_ONCE(lock->holder, (int)smp_processor_id());
	spin_dep_acquire(lock, 0, LOCKDEP_TRYLOCK, LOCKDEP_RET_IP);
	return true;
}

/* Hand the lock on; the preempt count stays up for the caller to drop. */
static void spin_release_at(struct spinlock *lock, unsigned long ip)
{
	spin_dep_release(lock, ip);
#ifdef CONFIG_DEBUG
	if (!spin_is_held(lock))
		panic("spin_unlock of '%s' not held by this cpu (holder %d)",
		      lock->name, READ_ONCE(lock->holder));
#endif
	WRITE_ONCE(lock->holder, -1);
	/* Release: pairs with the acquire load in spin_lock_at(). */
	smp_store_release(&lock->serving, lock->serving + 1);
}

void spin_unlock(struct spinlock *lock)
{
	spin_release_at(lock, LOCKDEP_RET_IP);
	preempt_enable();
}

unsigned long spin_lock_irqsave(struct spinlock *lock)
{
	unsigned long flags = local_irq_save();
	spin_lock_at(lock, 0, LOCKDEP_RET_IP);
	return flags;
}

void spin_unlock_irqrestore(struct spinlock *lock, unsigned long flags)
{
	spin_release_at(lock, LOCKDEP_RET_IP);
	local_irq_restore(flags);
	preempt_enable();
}
