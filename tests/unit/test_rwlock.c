/*
 * Unit tests for the ticket scheme of locking/rwlock.h (struct rw_ticket
 * and its rw_ticket_* steps): entry order step by step -- readers share,
 * a writer waits for the readers ahead of it and only those, readers
 * behind a waiting writer wait for it (no writer starvation), a writer
 * leaving admits the run of readers behind it -- the trylocks, counter
 * wrap-around, and real threads mixing readers and writers that check
 * exclusion on every entry.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sched.h>

#include "host_rename.h"
#include "unit_util.h"
#include <locking/rwlock.h>

/* Take a ticket as a reader and enter if it is its turn; returns the ticket. */
static u32 reader_arrives(struct rw_ticket *t, bool *in)
{
	u32 me = rw_ticket_take(t);

	*in = rw_ticket_read_ready(t, me);
	if (*in)
		rw_ticket_read_enter(t);
	return me;
}

static void test_readers_share_writer_waits(void **state)
{
	struct rw_ticket t = RW_TICKET_INIT;
	bool in1, in2, in3;

	(void)state;
	reader_arrives(&t, &in1);
	reader_arrives(&t, &in2);
	assert_true(in1 && in2);                       /* readers share */
	u32 w = rw_ticket_take(&t);
	assert_false(rw_ticket_write_ready(&t, w));    /* two readers inside */
	u32 r3 = reader_arrives(&t, &in3);
	assert_false(in3);                             /* behind a waiting writer */
	rw_ticket_read_unlock(&t);
	assert_false(rw_ticket_write_ready(&t, w));    /* one reader left inside */
	rw_ticket_read_unlock(&t);
	assert_true(rw_ticket_write_ready(&t, w));     /* all readers ahead gone */
	assert_false(rw_ticket_read_ready(&t, r3));    /* the writer is inside */
	rw_ticket_write_unlock(&t);
	assert_true(rw_ticket_read_ready(&t, r3));
	rw_ticket_read_enter(&t);
	rw_ticket_read_unlock(&t);
	assert_int_equal(t.users, 4);
	assert_int_equal(t.read, 4);
	assert_int_equal(t.write, 4);
}

static void test_writer_admits_run_of_readers(void **state)
{
	struct rw_ticket t = RW_TICKET_INIT;
	u32 w = rw_ticket_take(&t), r[3], w2;
	bool in;

	(void)state;
	assert_true(rw_ticket_write_ready(&t, w));
	for (int i = 0; i < 3; i++) {
		r[i] = reader_arrives(&t, &in);
		assert_false(in);
	}
	w2 = rw_ticket_take(&t);
	rw_ticket_write_unlock(&t);
	/* The readers enter one after the other, each letting the next in. */
	for (int i = 0; i < 3; i++) {
		assert_true(rw_ticket_read_ready(&t, r[i]));
		rw_ticket_read_enter(&t);
	}
	assert_false(rw_ticket_write_ready(&t, w2));
	for (int i = 0; i < 3; i++)
		rw_ticket_read_unlock(&t);
	assert_true(rw_ticket_write_ready(&t, w2));
	rw_ticket_write_unlock(&t);
}

static void test_writers_in_order(void **state)
{
	struct rw_ticket t = RW_TICKET_INIT;
	u32 w1 = rw_ticket_take(&t), w2 = rw_ticket_take(&t);

	(void)state;
	assert_true(rw_ticket_write_ready(&t, w1));
	assert_false(rw_ticket_write_ready(&t, w2));
	rw_ticket_write_unlock(&t);
	assert_true(rw_ticket_write_ready(&t, w2));
	rw_ticket_write_unlock(&t);
}

static void test_trylocks(void **state)
{
	struct rw_ticket t = RW_TICKET_INIT;

	(void)state;
	assert_true(rw_ticket_read_trylock(&t));
	assert_true(rw_ticket_read_trylock(&t));     /* readers only: fine */
	assert_false(rw_ticket_write_trylock(&t));   /* readers inside */
	u32 w = rw_ticket_take(&t);                  /* a writer queues */
	assert_false(rw_ticket_read_trylock(&t));    /* would pass the writer */
	rw_ticket_read_unlock(&t);
	rw_ticket_read_unlock(&t);
	assert_true(rw_ticket_write_ready(&t, w));
	assert_false(rw_ticket_write_trylock(&t));
	assert_false(rw_ticket_read_trylock(&t));
	rw_ticket_write_unlock(&t);
	assert_true(rw_ticket_write_trylock(&t));    /* free again */
	assert_false(rw_ticket_read_trylock(&t));
	rw_ticket_write_unlock(&t);
	assert_int_equal(t.users, t.read);
	assert_int_equal(t.users, t.write);
}

static void test_counters_wrap(void **state)
{
	struct rw_ticket t = { .users = 0xffffffffu, .read = 0xffffffffu, .write = 0xffffffffu };
	bool in;

	(void)state;
	reader_arrives(&t, &in);
	assert_true(in);
	u32 w = rw_ticket_take(&t);
	assert_int_equal(w, 0);
	assert_false(rw_ticket_write_ready(&t, w));
	rw_ticket_read_unlock(&t);
	assert_true(rw_ticket_write_ready(&t, w));
	rw_ticket_write_unlock(&t);
	assert_true(rw_ticket_write_trylock(&t));
	rw_ticket_write_unlock(&t);
}

/* ---- threads ---- */

#define THREADS 4
#define ROUNDS 20000

static struct rw_ticket shared = RW_TICKET_INIT;
static int readers_in, writers_in;   /* atomics: who is inside now */
static u64 protected_counter;        /* changed by writers only */
static int violations;

static void *mixed_worker(void *arg)
{
	struct unit_rng rng;
	u64 writes = 0;

	unit_rng_seed(&rng, (uint64_t)(uintptr_t)arg + 1);
	for (int i = 0; i < ROUNDS; i++) {
		u32 me = rw_ticket_take(&shared);

		if (unit_rng_below(&rng, 4) == 0) {   /* a quarter are writes */
			while (!rw_ticket_write_ready(&shared, me))
				sched_yield();   /* the holder may be off the host's cpus */
			if (__atomic_add_fetch(&writers_in, 1, __ATOMIC_SEQ_CST) != 1 ||
			    __atomic_load_n(&readers_in, __ATOMIC_SEQ_CST) != 0)
				__atomic_add_fetch(&violations, 1, __ATOMIC_SEQ_CST);
			protected_counter++;
			writes++;
			__atomic_sub_fetch(&writers_in, 1, __ATOMIC_SEQ_CST);
			rw_ticket_write_unlock(&shared);
		} else {
			while (!rw_ticket_read_ready(&shared, me))
				sched_yield();
			rw_ticket_read_enter(&shared);
			__atomic_add_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
			if (__atomic_load_n(&writers_in, __ATOMIC_SEQ_CST) != 0)
				__atomic_add_fetch(&violations, 1, __ATOMIC_SEQ_CST);
			__atomic_sub_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
			rw_ticket_read_unlock(&shared);
		}
	}
	return (void *)(uintptr_t)writes;
}

static void test_threads_exclude(void **state)
{
	pthread_t th[THREADS];
	u64 writes = 0;

	(void)state;
	for (uintptr_t i = 0; i < THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, mixed_worker, (void *)i), 0);
	for (int i = 0; i < THREADS; i++) {
		void *ret;
		pthread_join(th[i], &ret);
		writes += (uintptr_t)ret;
	}
	assert_int_equal(violations, 0);
	assert_int_equal(protected_counter, writes);
	assert_int_equal(shared.users, THREADS * ROUNDS);
	assert_int_equal(shared.read, THREADS * ROUNDS);
	assert_int_equal(shared.write, THREADS * ROUNDS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readers_share_writer_waits),
		cmocka_unit_test(test_writer_admits_run_of_readers),
		cmocka_unit_test(test_writers_in_order),
		cmocka_unit_test(test_trylocks),
		cmocka_unit_test(test_counters_wrap),
		cmocka_unit_test(test_threads_exclude),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
