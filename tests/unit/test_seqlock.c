/*
 * Unit tests for locking/seqcount.h and locking/seqlock.h: the retry
 * rules step by step (no write, a write before, during and across a
 * read; the count's parity), the seqlock writer lock (taken and released
 * by write_seqlock, recursion caught), then real threads: one writer
 * keeps a pair of words equal while three readers copy it in read loops,
 * and no reader may ever come out of its loop with a torn pair.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>

#include "host_rename.h"
#include "kernel_stubs.h"
#include <locking/seqlock.h>

static void test_read_without_write(void **state)
{
	struct seqcount s = SEQCOUNT_INIT;
	u32 seq = read_seqcount_begin(&s);

	(void)state;
	assert_int_equal(seq & 1, 0);
	assert_false(read_seqcount_retry(&s, seq));
	assert_false(read_seqcount_retry(&s, read_seqcount_begin(&s)));
}

static void test_write_forces_retry(void **state)
{
	struct seqcount s = SEQCOUNT_INIT;
	u32 seq = read_seqcount_begin(&s);

	(void)state;
	write_seqcount_begin(&s);
	assert_int_equal(s.sequence & 1, 1);         /* odd while writing */
	assert_true(read_seqcount_retry(&s, seq));   /* a read overlapping a write */
	write_seqcount_end(&s);
	assert_int_equal(s.sequence & 1, 0);
	assert_true(read_seqcount_retry(&s, seq));   /* a write came and went */
	seq = read_seqcount_begin(&s);               /* a read after it is clean */
	assert_false(read_seqcount_retry(&s, seq));
}

static void test_count_wraps(void **state)
{
	struct seqcount s = { .sequence = 0xfffffffeu };
	u32 seq = read_seqcount_begin(&s);

	(void)state;
	write_seqcount_begin(&s);
	write_seqcount_end(&s);
	assert_int_equal(s.sequence, 0);
	assert_true(read_seqcount_retry(&s, seq));
	assert_false(read_seqcount_retry(&s, read_seqcount_begin(&s)));
}

static void test_seqlock_writer_lock(void **state)
{
	struct seqlock sl = SEQLOCK_INIT("test_seqlock");
	u32 seq = read_seqbegin(&sl);

	(void)state;
	write_seqlock(&sl);
	assert_int_equal(unit_locks_held, 1);
	write_sequnlock(&sl);
	assert_int_equal(unit_locks_held, 0);
	assert_true(read_seqretry(&sl, seq));

	unsigned long flags = write_seqlock_irqsave(&sl);
	assert_false(unit_irqs_on);
	write_sequnlock_irqrestore(&sl, flags);
	assert_true(unit_irqs_on);
	seq = read_seqbegin(&sl);
	assert_false(read_seqretry(&sl, seq));
}

static struct seqlock recursive_sl = SEQLOCK_INIT("test_seqlock");

static void test_seqlock_writer_recursion(void **state)
{
	(void)state;
	write_seqlock(&recursive_sl);
	assert_true(UNIT_EXPECT_PANIC(write_seqlock(&recursive_sl)));   /* the writer lock is a spinlock */
	write_sequnlock(&recursive_sl);
	assert_int_equal(unit_locks_held, 0);
}

/* ---- threads ---- */

#define WRITES 200000

static struct seqcount pair_seq = SEQCOUNT_INIT;
static volatile u64 pair_a, pair_b;   /* equal outside a write */
static volatile int writer_done;

static void *pair_writer(void *arg)
{
	(void)arg;
	for (u64 i = 1; i <= WRITES; i++) {
		write_seqcount_begin(&pair_seq);
		pair_a = i;
		pair_b = i;
		write_seqcount_end(&pair_seq);
	}
	__atomic_store_n(&writer_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

struct reader_result {
	u64 reads, torn, last;
	int backwards;
};

static void *pair_reader(void *arg)
{
	struct reader_result *r = arg;

	while (!__atomic_load_n(&writer_done, __ATOMIC_ACQUIRE)) {
		u64 a, b;
		u32 seq;

		do {
			seq = read_seqcount_begin(&pair_seq);
			a = pair_a;
			b = pair_b;
		} while (read_seqcount_retry(&pair_seq, seq));
		r->reads++;
		if (a != b)
			r->torn++;
		if (a < r->last)
			r->backwards = 1;
		r->last = a;
	}
	return NULL;
}

static void test_threads_never_see_torn_pairs(void **state)
{
	pthread_t w, rd[3];
	struct reader_result res[3] = { { 0 } };

	(void)state;
	for (int i = 0; i < 3; i++)
		assert_int_equal(pthread_create(&rd[i], NULL, pair_reader, &res[i]), 0);
	assert_int_equal(pthread_create(&w, NULL, pair_writer, NULL), 0);
	pthread_join(w, NULL);
	for (int i = 0; i < 3; i++) {
		pthread_join(rd[i], NULL);
		assert_int_equal(res[i].torn, 0);
		assert_int_equal(res[i].backwards, 0);
	}
	assert_int_equal(pair_a, WRITES);
	assert_int_equal(pair_seq.sequence, 2 * WRITES);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_without_write),
		cmocka_unit_test(test_write_forces_retry),
		cmocka_unit_test(test_count_wraps),
		cmocka_unit_test(test_seqlock_writer_lock),
		cmocka_unit_test(test_seqlock_writer_recursion),
		cmocka_unit_test(test_threads_never_see_torn_pairs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
