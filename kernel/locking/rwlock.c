/*
 * Reader-writer spinlocks (interface and the ticket scheme in
 * locking/rwlock.h).
 *
 * Each operation wraps the pure ticket steps of rwlock.h in what a
 * spinlock does around its ticket (kernel/locking/spinlock.c): the
 * preempt count goes up before a ticket is taken and down after the lock
 * is left; lockdep hears of the acquire before the spinning (so a
 * deadlock is reported, not hung on) and of the release; debug builds
 * panic on a lock that spins for five seconds and on a write unlock by a
 * hart that does not hold the write lock. Readers are not recorded one by
 * one (there may be many), so a stray read_unlock is caught only by
 * lockdep ("releasing a lock not held").
 *
 * No locks of its own.
 */
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <kernel/clock.h>
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <locking/rwlock.h>
#include <sched/preempt.h>

void rwlock_init(struct rwlock *lock, const char *name)
{
	lock->tickets = (struct rw_ticket)RW_TICKET_INIT;
	lock->writer = -1;
	lock->name = name;
	lockdep_map_init(&lock->dep_map, name);
}

bool rwlock_is_write_held(const struct rwlock *lock)
{
	return READ_ONCE(lock->writer) == (int)smp_processor_id();
}

#ifdef CONFIG_DEBUG
static void rw_dep_acquire(struct rwlock *lock, unsigned int flags, unsigned long ip)
{
	lockdep_acquire(&lock->dep_map, 0, flags, ip);
}
static void rw_dep_release(struct rwlock *lock, unsigned long ip)
{
	lockdep_release(&lock->dep_map, ip);
}
#else
static void rw_dep_acquire(struct rwlock *lock, unsigned int flags, unsigned long ip)
{
	(void)lock, (void)flags, (void)ip;
}
static void rw_dep_release(struct rwlock *lock, unsigned long ip)
{
	(void)lock, (void)ip;
}
#endif

/* Spin until ready(lock, me); debug builds report a lock-up after 5 s. */
static void rw_wait(struct rwlock *lock, u32 me, bool (*ready)(const struct rw_ticket *, u32),
		    const char *kind)
{
#ifdef CONFIG_DEBUG
	u64 start = rdtime();
	unsigned int spins = 0;
#endif
	while (!ready(&lock->tickets, me)) {
		cpu_relax();
#ifdef CONFIG_DEBUG
		if ((++spins & 0xfff) == 0 && timebase_freq &&
		    rdtime() - start > 5 * timebase_freq && !panic_in_progress())
			panic("rwlock lock-up: %s of '%s' (writer cpu %d)", kind, lock->name,
			      READ_ONCE(lock->writer));
#else
		(void)kind;
#endif
	}
}

static void read_lock_at(struct rwlock *lock, unsigned long ip)
{
	preempt_disable();
	rw_dep_acquire(lock, 0, ip);
	rw_wait(lock, rw_ticket_take(&lock->tickets), rw_ticket_read_ready, "read_lock");
	rw_ticket_read_enter(&lock->tickets);
}

static void read_unlock_at(struct rwlock *lock, unsigned long ip)
{
	rw_dep_release(lock, ip);
	rw_ticket_read_unlock(&lock->tickets);
}

static void write_lock_at(struct rwlock *lock, unsigned long ip)
{
	preempt_disable();
	rw_dep_acquire(lock, 0, ip);
#ifdef CONFIG_DEBUG
	if (rwlock_is_write_held(lock))
		panic("recursive write_lock of '%s'", lock->name);
#endif
	rw_wait(lock, rw_ticket_take(&lock->tickets), rw_ticket_write_ready, "write_lock");
	WRITE_ONCE(lock->writer, (int)smp_processor_id());
}

static void write_unlock_at(struct rwlock *lock, unsigned long ip)
{
	rw_dep_release(lock, ip);
#ifdef CONFIG_DEBUG
	if (!rwlock_is_write_held(lock))
		panic("write_unlock of '%s' not held by this cpu (writer %d)", lock->name,
		      READ_ONCE(lock->writer));
#endif
	WRITE_ONCE(lock->writer, -1);
	rw_ticket_write_unlock(&lock->tickets);
}

void read_lock(struct rwlock *lock)
{
	read_lock_at(lock, LOCKDEP_RET_IP);
}

void read_unlock(struct rwlock *lock)
{
	read_unlock_at(lock, LOCKDEP_RET_IP);
	preempt_enable();
}

void write_lock(struct rwlock *lock)
{
	write_lock_at(lock, LOCKDEP_RET_IP);
}

void write_unlock(struct rwlock *lock)
{
	write_unlock_at(lock, LOCKDEP_RET_IP);
	preempt_enable();
}

bool read_trylock(struct rwlock *lock)
{
	preempt_disable();
	if (!rw_ticket_read_trylock(&lock->tickets)) {
		preempt_enable();
		return false;
	}
	rw_dep_acquire(lock, LOCKDEP_TRYLOCK, LOCKDEP_RET_IP);
	return true;
}

bool write_trylock(struct rwlock *lock)
{
	preempt_disable();
	if (!rw_ticket_write_trylock(&lock->tickets)) {
		preempt_enable();
		return false;
	}
	WRITE_ONCE(lock->writer, (int)smp_processor_id());
	rw_dep_acquire(lock, LOCKDEP_TRYLOCK, LOCKDEP_RET_IP);
	return true;
}

unsigned long read_lock_irqsave(struct rwlock *lock)
{
	unsigned long flags = local_irq_save();

	read_lock_at(lock, LOCKDEP_RET_IP);
	return flags;
}

void read_unlock_irqrestore(struct rwlock *lock, unsigned long flags)
{
	read_unlock_at(lock, LOCKDEP_RET_IP);
	local_irq_restore(flags);
	preempt_enable();
}

unsigned long write_lock_irqsave(struct rwlock *lock)
{
	unsigned long flags = local_irq_save();

	write_lock_at(lock, LOCKDEP_RET_IP);
	return flags;
}

void write_unlock_irqrestore(struct rwlock *lock, unsigned long flags)
{
	write_unlock_at(lock, LOCKDEP_RET_IP);
	local_irq_restore(flags);
	preempt_enable();
}
