/*
 * Spinlocks: test-and-set with a starvation guard.
 *
 * ->locked is the lock word (0 free, 1 held): a hart takes it with an
 * atomic swap when it reads it free, and unlock stores 0. Whoever is
 * running when the lock comes free gets it. A fair ticket lock (what
 * Kestrel had first, and what DESIGN.md asks for) hands the lock to the
 * next ticket even when that hart is not running: under QEMU, with more
 * virtual harts than host cores, that hart's thread may be off the host
 * cpu for a host time slice while every other hart spins behind it.
 * Measured: four TCP ping-pong pairs at -smp 4 on the 2-core host took
 * 100-300 ms per round trip with tickets and 1-4 ms with this lock
 * (docs/locking.md). Linux makes the same choice as a guest without
 * paravirtual spinlocks (virt_spin_lock).
 *
 * Fairness is kept by bounding the wait instead of ordering it: a waiter
 * that has spun for SPIN_STARVE_NS becomes starving and counts itself in
 * ->starving; while that count is non-zero, waiters that are not starving
 * (and trylock) leave the lock to the starving ones. So no hart waits
 * much longer than SPIN_STARVE_NS plus the other starving harts' turns.
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
 * up before the lock is tried and down after it is released, and
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
	lock->starving = 0;
	lock->locked = 0;
	lock->holder = -1;
	lock->name = name;
	lockdep_map_init(&lock->dep_map, name);
}

bool spin_is_held(const struct spinlock *lock)
{
	return READ_ONCE(lock->holder) == (int)smp_processor_id();
}

#define SPIN_STARVE_NS 2000000ull	/* 2 ms: then the lock is kept for the starving */

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
#endif
	u64 since = 0;
	bool starving = false;
	unsigned int tries = 0;

	/* Acquire: pairs with the release store in spin_release_at(). */
	while (READ_ONCE(lock->locked) || (!starving && READ_ONCE(lock->starving)) ||
	       __atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE)) {
		cpu_relax();
		if (++tries & 0xff)
			continue;
#ifdef CONFIG_DEBUG
		spin_check_lockup(lock, start);
#endif
		if (starving)
			continue;
		if (!since) {
			since = rdtime();
		} else if (timebase_freq &&
			   rdtime() - since > SPIN_STARVE_NS * timebase_freq / NSEC_PER_SEC) {
			starving = true;
			__atomic_fetch_add(&lock->starving, 1, __ATOMIC_RELAXED);
		}
	}
	if (starving)
		__atomic_fetch_sub(&lock->starving, 1, __ATOMIC_RELAXED);
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
	preempt_disable();
	if (READ_ONCE(lock->locked) || READ_ONCE(lock->starving) ||
	    __atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE)) {
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
	/* Release: pairs with the acquiring swap in spin_lock_at(). */
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
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
