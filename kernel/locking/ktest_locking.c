/*
 * Self-tests of seqlocks and reader-writer spinlocks (ktest=boot), on
 * every hart at once (ktest_run_everywhere: interrupts off, bounded by
 * time, not rounds, since QEMU runs the harts on fewer host cores):
 *
 *  - seqlock_smp_pair: every hart writes a pair of words, equal outside a
 *    write, under the seqlock, and reads it in retry loops in between; no
 *    read may come out torn, and the pair ends at the number of writes;
 *  - rwlock_smp_exclusion: every hart takes a shared rwlock, a quarter of
 *    the time for writing; inside, writers see nobody else and readers
 *    see no writer; the counter writers bump ends at their number;
 *  - rwlock_writer_not_starved: the other harts keep the lock read-held
 *    without a gap (their read sections overlap), which starves the
 *    writer of a reader-preference lock for ever; the ticket lock must
 *    let cpu 0 write five times, each wait bounded by the readers ahead
 *    of it (the test's limit, 10 s, is for a broken lock only);
 *  - spinlock_smp_bounded_wait: every hart takes one spinlock back to
 *    back, nothing between its unlock and its next lock (a test-and-set
 *    lock without a guard lets the harts that just unlocked win it again
 *    and starve one for ever); inside, nobody else is; each hart must get
 *    SPIN_FAIR_ROUNDS turns before the 10 s limit (the starvation guard,
 *    spinlock.c), and the counter ends at the number of turns;
 *  - lockdep_sees_rwlock_and_seqlock: lockdep records the order of an
 *    rwlock and a seqlock's writer lock like any spinlock's;
 *  - seqlock_read_cost: prints the cost of one seqlock read (uncontended:
 *    a begin, a load, a retry check) against a spinlock round trip.
 */
#include <arch/atomic.h>
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <locking/lockdep.h>
#include <locking/rwlock.h>
#include <locking/seqlock.h>
#include <locking/spinlock.h>

#define TEST_MS(ms) ((ms) * timebase_freq / 1000)

/* ---------------------------------------------------------------- seqlock pair */

static struct seqlock pair_lock = SEQLOCK_INIT("ktest_seqlock");
static u64 pair_a, pair_b;            /* [pair_lock] equal outside a write */
static atomic_long_t pair_writes, pair_reads, pair_torn, pair_retries;

static void pair_hammer(void *arg)
{
	u64 deadline = *(const u64 *)arg;
	long writes = 0, reads = 0, torn = 0, retries = 0;

	for (unsigned int i = 0; rdtime() < deadline; i++) {
		if (i % 8 == 0) {
			write_seqlock(&pair_lock);   /* interrupts are off here already */
			WRITE_ONCE(pair_a, pair_a + 1);
			cpu_relax();                 /* widen the window a reader could tear */
			WRITE_ONCE(pair_b, pair_b + 1);
			write_sequnlock(&pair_lock);
			writes++;
			continue;
		}
		u64 a, b;
		u32 seq;
		int tries = 0;

		do {
			seq = read_seqbegin(&pair_lock);
			a = READ_ONCE(pair_a);
			b = READ_ONCE(pair_b);
			tries++;
		} while (read_seqretry(&pair_lock, seq));
		reads++;
		retries += tries - 1;
		torn += a != b;
	}
	atomic_long_add(&pair_writes, writes);
	atomic_long_add(&pair_reads, reads);
	atomic_long_add(&pair_torn, torn);
	atomic_long_add(&pair_retries, retries);
}

KTEST(seqlock_smp_pair)
{
	static u64 deadline;
	const char *why;

	pair_a = pair_b = 0;
	atomic_long_xchg(&pair_writes, 0);
	atomic_long_xchg(&pair_reads, 0);
	atomic_long_xchg(&pair_torn, 0);
	atomic_long_xchg(&pair_retries, 0);
	deadline = rdtime() + TEST_MS(200);
	why = ktest_run_everywhere(pair_hammer, &deadline);
	if (why)
		return why;
	if (atomic_long_read(&pair_torn))
		return ktest_fail("%ld torn reads", atomic_long_read(&pair_torn));
	if (pair_a != pair_b || pair_a != (u64)atomic_long_read(&pair_writes))
		return ktest_fail("pair %llu/%llu after %ld writes", (unsigned long long)pair_a,
				  (unsigned long long)pair_b, atomic_long_read(&pair_writes));
	printk("seqlock: %u harts, 200 ms: %ld writes, %ld reads, %ld retried\n", nr_cpus,
	       atomic_long_read(&pair_writes), atomic_long_read(&pair_reads),
	       atomic_long_read(&pair_retries));
	return NULL;
}

/* ---------------------------------------------------------------- rwlock exclusion */

static struct rwlock rw_test_lock = RWLOCK_INIT("ktest_rwlock");
static atomic_t rw_readers_in, rw_writers_in;
static u64 rw_counter;                 /* [rw_test_lock, write] */
static atomic_long_t rw_writes, rw_reads, rw_violations, rw_shared;

static void rw_write_once(void)
{
	write_lock(&rw_test_lock);
	if (atomic_add_return(&rw_writers_in, 1) != 1 || atomic_read(&rw_readers_in))
		atomic_long_add(&rw_violations, 1);
	rw_counter++;
	cpu_relax();
	atomic_add_return(&rw_writers_in, -1);
	write_unlock(&rw_test_lock);
}

static void rw_read_once(long *shared)
{
	read_lock(&rw_test_lock);
	if (atomic_add_return(&rw_readers_in, 1) > 1)
		(*shared)++;   /* another reader was inside at the same time */
	if (atomic_read(&rw_writers_in))
		atomic_long_add(&rw_violations, 1);
	cpu_relax();
	atomic_add_return(&rw_readers_in, -1);
	read_unlock(&rw_test_lock);
}

static void rw_hammer(void *arg)
{
	u64 deadline = *(const u64 *)arg;
	long writes = 0, reads = 0, shared = 0;

	for (unsigned int i = smp_processor_id(); rdtime() < deadline; i++) {
		if (i % 4 == 0) {
			rw_write_once();
			writes++;
		} else {
			rw_read_once(&shared);
			reads++;
		}
	}
	atomic_long_add(&rw_writes, writes);
	atomic_long_add(&rw_reads, reads);
	atomic_long_add(&rw_shared, shared);
}

KTEST(rwlock_smp_exclusion)
{
	static u64 deadline;
	const char *why;

	rw_counter = 0;
	atomic_long_xchg(&rw_writes, 0);
	atomic_long_xchg(&rw_reads, 0);
	atomic_long_xchg(&rw_violations, 0);
	atomic_long_xchg(&rw_shared, 0);
	deadline = rdtime() + TEST_MS(200);
	why = ktest_run_everywhere(rw_hammer, &deadline);
	if (why)
		return why;
	if (atomic_long_read(&rw_violations))
		return ktest_fail("%ld exclusion violations", atomic_long_read(&rw_violations));
	if (rw_counter != (u64)atomic_long_read(&rw_writes))
		return ktest_fail("counter %llu after %ld writes", (unsigned long long)rw_counter,
				  atomic_long_read(&rw_writes));
	printk("rwlock: %u harts, 200 ms: %ld writes, %ld reads (%ld with another reader inside)\n",
	       nr_cpus, atomic_long_read(&rw_writes), atomic_long_read(&rw_reads),
	       atomic_long_read(&rw_shared));
	/* Free again: both trylocks succeed. */
	unsigned long irq = local_irq_save();
	bool w = write_trylock(&rw_test_lock);
	if (w)
		write_unlock(&rw_test_lock);
	bool r = read_trylock(&rw_test_lock);
	if (r)
		read_unlock(&rw_test_lock);
	local_irq_restore(irq);
	return w && r ? NULL : ktest_fail("trylock of a free rwlock failed (write %d, read %d)", w, r);
}

/* ---------------------------------------------------------------- writer starvation */

#define STARVE_WRITES 5

static struct rwlock starve_lock = RWLOCK_INIT("ktest_rwlock_starve");
static atomic_long_t starve_reads;
static bool starve_done;              /* [a] the writer is through */
static long starve_writes;            /* cpu 0 only */
static u64 starve_max_wait, starve_took;

/* Readers (cpus 1..n-1): hold the read lock ~5 us at a time, back to back. */
static void starve_reader(u64 deadline)
{
	long reads = 0;

	while (!READ_ONCE(starve_done) && rdtime() < deadline) {
		read_lock(&starve_lock);
		u64 until = rdtime() + timebase_freq / 200000;
		while (rdtime() < until)
			cpu_relax();
		read_unlock(&starve_lock);
		reads++;
	}
	atomic_long_add(&starve_reads, reads);
}

/* The writer (cpu 0): STARVE_WRITES write sections, as soon as it can get them. */
static void starve_worker(void *arg)
{
	u64 deadline = *(const u64 *)arg, begin;

	if (smp_processor_id() != 0) {
		starve_reader(deadline);
		return;
	}
	/* Let the readers get going, so that the lock is read-held when the writer comes. */
	u64 warm = rdtime() + TEST_MS(10);
	while (rdtime() < warm)
		cpu_relax();
	begin = rdtime();
	while (starve_writes < STARVE_WRITES && rdtime() < deadline) {
		u64 start = rdtime();

		write_lock(&starve_lock);
		u64 waited = rdtime() - start;
		write_unlock(&starve_lock);
		starve_max_wait = MAX(starve_max_wait, waited);
		starve_writes++;
	}
	starve_took = rdtime() - begin;
	WRITE_ONCE(starve_done, true);
}

/*
 * A reader-preference lock never lets the writer in here (some reader
 * always holds the lock), so it would run into the 10-s limit; the
 * ticket lock lets it in after the readers ahead of it, each time.
 */
KTEST(rwlock_writer_not_starved)
{
	static u64 deadline;
	const char *why;

	atomic_long_xchg(&starve_reads, 0);
	starve_done = false;
	starve_writes = 0;
	starve_max_wait = 0;
	deadline = rdtime() + TEST_MS(10000);
	why = ktest_run_everywhere(starve_worker, &deadline);
	if (why)
		return why;
	if (starve_writes < STARVE_WRITES)
		return ktest_fail("the writer got in %ld times in 10 s against %ld reads",
				  starve_writes, atomic_long_read(&starve_reads));
	printk("rwlock: writer got in %d times in %llu ms against %u overlapping readers "
	       "(%ld reads), longest wait %llu us\n", STARVE_WRITES,
	       (unsigned long long)(cycles_to_ns(starve_took) / 1000000), nr_cpus - 1,
	       atomic_long_read(&starve_reads),
	       (unsigned long long)(cycles_to_ns(starve_max_wait) / 1000));
	return NULL;
}

/* ---------------------------------------------------------------- lockdep */

static struct rwlock dep_rwlock = RWLOCK_INIT("ktest_dep_rwlock");
static struct seqlock dep_seqlock = SEQLOCK_INIT("ktest_dep_seqlock");

/* ---------------------------------------------------------------- spinlock wait bound */

#define SPIN_FAIR_ROUNDS 2000

static struct spinlock fair_lock = SPINLOCK_INIT("ktest_spin_fair");
static long fair_inside;              /* [fair_lock] harts inside: 1 while held */
static u64 fair_counter;              /* [fair_lock] */
static atomic_long_t fair_turns, fair_violations, fair_short;
static u64 fair_max_wait;             /* [fair_lock] rdtime ticks */

static void fair_hammer(void *arg)
{
	u64 deadline = *(const u64 *)arg;
	long turns = 0;

	while (turns < SPIN_FAIR_ROUNDS && rdtime() < deadline) {
		u64 t0 = rdtime(), waited;

		spin_lock(&fair_lock);
		waited = rdtime() - t0;
		if (++fair_inside != 1)
			atomic_long_add(&fair_violations, 1);
		fair_counter++;
		if (waited > fair_max_wait)
			fair_max_wait = waited;
		for (int i = 0; i < 20; i++)
			cpu_relax();
		fair_inside--;
		spin_unlock(&fair_lock);
		turns++;
	}
	atomic_long_add(&fair_turns, turns);
	if (turns < SPIN_FAIR_ROUNDS)
		atomic_long_add(&fair_short, 1);
}

KTEST(spinlock_smp_bounded_wait)
{
	static u64 deadline;
	const char *why;

	fair_counter = 0;
	fair_max_wait = 0;
	atomic_long_xchg(&fair_turns, 0);
	atomic_long_xchg(&fair_violations, 0);
	atomic_long_xchg(&fair_short, 0);
	deadline = rdtime() + TEST_MS(10000);
	why = ktest_run_everywhere(fair_hammer, &deadline);
	if (why)
		return why;
	if (atomic_long_read(&fair_violations))
		return ktest_fail("%ld exclusion violations", atomic_long_read(&fair_violations));
	if (fair_counter != (u64)atomic_long_read(&fair_turns))
		return ktest_fail("counter %llu after %ld turns", (unsigned long long)fair_counter,
				  atomic_long_read(&fair_turns));
	if (atomic_long_read(&fair_short))
		return ktest_fail("%ld harts starved: fewer than %d turns in 10 s",
				  atomic_long_read(&fair_short), SPIN_FAIR_ROUNDS);
	printk("spinlock: %u harts x %d back-to-back turns, longest wait %llu us\n", nr_cpus,
	       SPIN_FAIR_ROUNDS, (unsigned long long)(fair_max_wait * 1000000 / timebase_freq));
	return NULL;
}

KTEST(lockdep_sees_rwlock_and_seqlock)
{
	unsigned long irq = local_irq_save();
	unsigned int depth = lockdep_held_depth();

	read_lock(&dep_rwlock);
	write_seqlock(&dep_seqlock);
	bool held = lockdep_held_depth() == depth + 2;
	write_sequnlock(&dep_seqlock);
	read_unlock(&dep_rwlock);
	write_lock(&dep_rwlock);
	bool held_w = lockdep_held_depth() == depth + 1;
	write_unlock(&dep_rwlock);
	local_irq_restore(irq);
	if (!lockdep_enabled())
		return NULL;   /* a DEBUG=0 build: nothing to see */
	if (!held || !held_w || lockdep_held_depth() != depth)
		return ktest_fail("lockdep's held stack did not follow the rwlock and seqlock");
	int a = lockdep_class_find("ktest_dep_rwlock", 0), b = lockdep_class_find("ktest_dep_seqlock", 0);
	if (a < 0 || b < 0 || !lockdep_has_edge(a, b))
		return ktest_fail("no order rwlock -> seqlock recorded (classes %d, %d)", a, b);
	return NULL;
}

/* ---------------------------------------------------------------- costs */

static struct spinlock cost_lock = SPINLOCK_INIT("ktest_cost_lock");

KTEST(seqlock_read_cost)
{
	const unsigned int n = 20000;
	u64 sum = 0, t0, t1, t2;

	t0 = rdtime();
	for (unsigned int i = 0; i < n; i++) {
		u32 seq;
		u64 a;

		do {
			seq = read_seqbegin(&pair_lock);
			a = READ_ONCE(pair_a);
		} while (read_seqretry(&pair_lock, seq));
		sum += a;
	}
	t1 = rdtime();
	for (unsigned int i = 0; i < n; i++) {
		unsigned long irq = spin_lock_irqsave(&cost_lock);
		spin_unlock_irqrestore(&cost_lock, irq);
	}
	t2 = rdtime();
	printk("seqlock: one read %llu ns; spin_lock_irqsave + unlock %llu ns (sum %llu)\n",
	       (unsigned long long)(cycles_to_ns(t1 - t0) / n),
	       (unsigned long long)(cycles_to_ns(t2 - t1) / n), (unsigned long long)sum);
	return NULL;
}
