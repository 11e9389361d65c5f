/*
 * Reader-writer spinlocks: many readers or one writer, spinning, for
 * data read far more often than written and too hot for a plain
 * spinlock (kernel/locking/rwlock.c).
 *
 * Fairness: a ticket lock shared by both kinds. Every locker takes a
 * ticket; a writer enters when every earlier ticket has left, a reader
 * when every earlier ticket has entered (readers) or left (writers). So
 * a run of readers is inside together, a writer waits only for the
 * readers ahead of it, and a reader arriving behind a waiting writer
 * waits for that writer: neither kind starves, and entry is first come,
 * first served.
 *
 * That also means a read lock does not nest in itself: a hart holding a
 * read lock that asks for it again waits behind any writer queued in
 * between, which waits for the first hold -- a deadlock. Lockdep treats
 * read and write acquisitions alike (class = the lock's name) and
 * reports that as recursion; it orders rwlocks against every other lock.
 *
 * As with spinlocks: holding one disables preemption (never sleep); use
 * the _irqsave forms for locks also taken by interrupt handlers;
 * debug builds report a lock that spins for more than five seconds, and
 * a write unlock by a hart that does not hold the write lock. Every
 * rwlock class has a row in docs/locking.md.
 *
 * The ticket arithmetic (struct rw_ticket and the rw_ticket_* inlines
 * below) is pure code on the atomics of arch/: the host unit tests
 * (tests/unit/test_rwlock.c) run it with threads.
 */
#ifndef LOCKING_RWLOCK_H
#define LOCKING_RWLOCK_H

#include <arch/atomic.h>
#include <kernel/compiler.h>
#include <kernel/types.h>
#include <locking/lockdep.h>

/*
 * The tickets. users hands them out; read is the next ticket allowed to
 * enter as a reader (a reader bumps it on entry, a writer on exit); write
 * is the next ticket allowed to enter as a writer (every holder bumps it
 * on exit). Counters wrap; only equality is tested.
 */
struct rw_ticket {
	u32 users;   /* [a] next ticket to hand out */
	u32 read;    /* [a] */
	u32 write;   /* [a] */
};

#define RW_TICKET_INIT { .users = 0, .read = 0, .write = 0 }

/* Take a ticket. */
static inline u32 rw_ticket_take(struct rw_ticket *t)
{
	return __atomic_fetch_add(&t->users, 1, __ATOMIC_RELAXED);
}

/* Has ticket me the reader's turn? If so it is in (call rw_ticket_read_enter). */
static inline bool rw_ticket_read_ready(const struct rw_ticket *t, u32 me)
{
	/* Acquire: pairs with the releases in rw_ticket_read_enter()/rw_ticket_write_unlock(). */
	return __atomic_load_n(&t->read, __ATOMIC_ACQUIRE) == me;
}

/* A reader with the turn lets the next ticket have the reader's turn. */
static inline void rw_ticket_read_enter(struct rw_ticket *t)
{
	/*
	 * Only the ticket with the reader's turn writes read; an atomic add
	 * anyway, since a writer's unlock bumps it too. Release: pairs with
	 * the acquire in rw_ticket_read_ready() of the next reader.
	 */
	__atomic_fetch_add(&t->read, 1, __ATOMIC_RELEASE);
}

static inline void rw_ticket_read_unlock(struct rw_ticket *t)
{
	/* Release: the critical section's loads before a writer's stores; pairs with rw_ticket_write_ready(). */
	__atomic_fetch_add(&t->write, 1, __ATOMIC_RELEASE);
}

/* Has ticket me the writer's turn (every earlier ticket gone)? */
static inline bool rw_ticket_write_ready(const struct rw_ticket *t, u32 me)
{
	/* Acquire: pairs with the releases in rw_ticket_read_unlock()/rw_ticket_write_unlock(). */
	return __atomic_load_n(&t->write, __ATOMIC_ACQUIRE) == me;
}

static inline void rw_ticket_write_unlock(struct rw_ticket *t)
{
	/*
	 * Release both turns: the next reader may enter, and (once the
	 * readers after it are gone) the next writer. Releases: the critical
	 * section's stores before them; pair with the acquires in
	 * rw_ticket_read_ready() and rw_ticket_write_ready().
	 */
	__atomic_fetch_add(&t->read, 1, __ATOMIC_RELEASE);
	__atomic_fetch_add(&t->write, 1, __ATOMIC_RELEASE);
}

/* Enter as a reader if that needs no waiting; true if entered. */
static inline bool rw_ticket_read_trylock(struct rw_ticket *t)
{
	u32 turn = __atomic_load_n(&t->read, __ATOMIC_ACQUIRE);
	u32 expect = turn;

	/* users == read: no writer holds or waits, every ticket out is a reader inside. */
	if (!__atomic_compare_exchange_n(&t->users, &expect, turn + 1, false,
					 __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return false;
	rw_ticket_read_enter(t);
	return true;
}

/* Enter as a writer if that needs no waiting; true if entered. */
static inline bool rw_ticket_write_trylock(struct rw_ticket *t)
{
	u32 turn = __atomic_load_n(&t->write, __ATOMIC_ACQUIRE);
	u32 expect = turn;

	/* users == write: every ticket handed out has left. */
	return __atomic_compare_exchange_n(&t->users, &expect, turn + 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------- the lock */

struct rwlock {
	struct rw_ticket tickets;
	int writer;                   /* [a] cpu holding it for writing, or -1 (debug aid) */
	const char *name;             /* [I] lock class name for reports */
	struct lockdep_map dep_map;   /* [a] lockdep's view (debug builds) */
};

#define RWLOCK_INIT(n) { .tickets = RW_TICKET_INIT, .writer = -1, .name = (n), \
			 .dep_map = LOCKDEP_MAP_INIT(n) }

void rwlock_init(struct rwlock *lock, const char *name);
void read_lock(struct rwlock *lock);
void read_unlock(struct rwlock *lock);
void write_lock(struct rwlock *lock);
void write_unlock(struct rwlock *lock);
bool read_trylock(struct rwlock *lock);
bool write_trylock(struct rwlock *lock);
unsigned long read_lock_irqsave(struct rwlock *lock);
void read_unlock_irqrestore(struct rwlock *lock, unsigned long flags);
unsigned long write_lock_irqsave(struct rwlock *lock);
void write_unlock_irqrestore(struct rwlock *lock, unsigned long flags);
/* Does this cpu hold lock for writing? */
bool rwlock_is_write_held(const struct rwlock *lock);

#ifdef CONFIG_DEBUG
#define assert_write_held(lock) BUG_ON(!rwlock_is_write_held(lock))
#else
#define assert_write_held(lock) do { } while (0)
#endif

#endif /* LOCKING_RWLOCK_H */
