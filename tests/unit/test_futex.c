/*
 * Unit tests for the futex queue logic, kernel/proc/futex_queue.c.
 *
 * The hash's spread; wake counts (Linux's "at least one"), bitset
 * matching and priority-then-FIFO order; requeue limits and order,
 * between buckets and within one; WAKE_OP decoding, arithmetic and
 * comparisons against a straightforward reference; and randomized
 * sequences of queue / wake / requeue / unqueue (timeouts) over keys
 * chosen so that several share a bucket, checked against a model that
 * knows nothing of buckets or chains -- a list of waiters with a
 * priority and an arrival number -- with futex_bucket_validate run on
 * every bucket after every operation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_stubs.h"
#include "unit_util.h"
#include <proc/futex.h>
#include <uapi/errno.h>
#include <uapi/futex.h>

static struct futex_bucket table[FUTEX_HASH_SIZE];
static char objects[4][64];   /* stand-ins for mm_structs and pages */

static struct futex_bucket *bucket(const struct futex_key *k)
{
	return &table[futex_hash(k)];
}

static void validate_all(void)
{
	for (unsigned int i = 0; i < FUTEX_HASH_SIZE; i++)
		assert_int_equal(futex_bucket_validate(&table[i], i), 0);
}

static int setup(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < FUTEX_HASH_SIZE; i++)
		futex_bucket_init(&table[i]);
	return 0;
}

static struct futex_key key_of(int obj, unsigned long word)
{
	return (struct futex_key){ .object = objects[obj], .word = word, .shared = false };
}

/* The order in which the wake callback saw waiters (ids). */
#define MAXW 256
static int woken_ids[MAXW];
static int nwoken;

/* A test waiter: the futex_q and the model's view of it. */
struct waiter {
	struct futex_q q;
	int id;
	bool queued;
	unsigned long seq;   /* model: arrival order in its current bucket */
};

static struct waiter ws[MAXW];
static int nws;

/* The wake callback: record the order of wake-ups, mark woken as the kernel does. */
static void record_wake_w(struct futex_q *q, void *arg)
{
	struct waiter *w = (struct waiter *)((char *)q - offsetof(struct waiter, q));

	(void)arg;
	assert_true(list_empty(&q->node));
	q->woken = true;
	w->queued = false;
	woken_ids[nwoken++] = w->id;
}

static unsigned long clock;   /* model: arrivals, into a queue or (requeue) a bucket */

static struct waiter *add_waiter(struct futex_key k, u32 bitset, int prio)
{
	struct waiter *w = &ws[nws];

	memset(w, 0, sizeof(*w));
	w->id = nws++;
	w->q.key = k;
	w->q.bitset = bitset;
	w->q.prio = prio;
	w->queued = true;
	w->seq = ++clock;
	INIT_LIST_HEAD(&w->q.node);
	futex_queue(bucket(&k), &w->q);
	return w;
}

static void reset(void)
{
	for (int i = 0; i < nws; i++)
		if (ws[i].queued)
			futex_unqueue(&ws[i].q);
	nws = 0;
	nwoken = 0;
	validate_all();
}

/* ---------------------------------------------------------------- hash */

static void test_hash_spread(void **state)
{
	unsigned int load[FUTEX_HASH_SIZE] = { 0 }, max = 0;

	(void)state;
	/* 16 K words of one address space, 4 bytes apart (an array of futexes). */
	for (unsigned long i = 0; i < 16384; i++) {
		struct futex_key k = key_of(0, 0x10000 + 4 * i);
		unsigned int h = futex_hash(&k);

		assert_true(h < FUTEX_HASH_SIZE);
		load[h]++;
	}
	for (unsigned int i = 0; i < FUTEX_HASH_SIZE; i++)
		max = load[i] > max ? load[i] : max;
	assert_true(max < 2 * 16384 / FUTEX_HASH_SIZE);   /* mean 64 */
	/* The same word in two address spaces lands in different buckets (mostly). */
	unsigned int same = 0;
	for (unsigned long i = 0; i < 256; i++) {
		struct futex_key a = key_of(0, 0x1000 + 64 * i), b = key_of(1, 0x1000 + 64 * i);
		same += futex_hash(&a) == futex_hash(&b);
	}
	assert_true(same < 8);
}

static void test_key_equal(void **state)
{
	struct futex_key a = key_of(0, 8), b = key_of(0, 8), c = key_of(1, 8), d = key_of(0, 12);

	(void)state;
	assert_true(futex_key_equal(&a, &b));
	assert_false(futex_key_equal(&a, &c));
	assert_false(futex_key_equal(&a, &d));
	b.shared = true;
	assert_false(futex_key_equal(&a, &b));
}

/* ---------------------------------------------------------------- wake */

static void test_wake_counts_and_order(void **state)
{
	struct futex_key k = key_of(0, 0x100), other = key_of(0, 0x104);
	struct futex_bucket *b = bucket(&k);

	(void)state;
	reset();
	for (int i = 0; i < 5; i++)
		add_waiter(k, FUTEX_BITSET_MATCH_ANY, 0);
	add_waiter(other, FUTEX_BITSET_MATCH_ANY, 0);   /* id 5, maybe elsewhere */
	validate_all();
	/* nr 0 and negative wake one, as Linux. */
	assert_int_equal(futex_wake_queued(b, &k, FUTEX_BITSET_MATCH_ANY, 0, record_wake_w, NULL), 1);
	assert_int_equal(futex_wake_queued(b, &k, FUTEX_BITSET_MATCH_ANY, -5, record_wake_w, NULL), 1);
	assert_int_equal(futex_wake_queued(b, &k, FUTEX_BITSET_MATCH_ANY, 2, record_wake_w, NULL), 2);
	assert_int_equal(futex_wake_queued(b, &k, FUTEX_BITSET_MATCH_ANY, 10, record_wake_w, NULL), 1);
	assert_int_equal(futex_wake_queued(b, &k, FUTEX_BITSET_MATCH_ANY, 10, record_wake_w, NULL), 0);
	assert_int_equal(nwoken, 5);
	for (int i = 0; i < 5; i++)
		assert_int_equal(woken_ids[i], i);   /* FIFO */
	assert_true(ws[5].queued);
	validate_all();
	reset();
}

static void test_bitsets_and_priority(void **state)
{
	struct futex_key k = key_of(1, 0x200);
	struct futex_bucket *b = bucket(&k);

	(void)state;
	reset();
	add_waiter(k, 0x1, 0);    /* 0 */
	add_waiter(k, 0x2, 0);    /* 1 */
	add_waiter(k, 0x3, 10);   /* 2: real-time, goes first */
	add_waiter(k, 0x2, 50);   /* 3: higher still */
	add_waiter(k, 0x1, 10);   /* 4: behind 2 (FIFO among equals) */
	validate_all();
	assert_int_equal(futex_wake_queued(b, &k, 0x4, 10, record_wake_w, NULL), 0);
	assert_int_equal(futex_wake_queued(b, &k, 0x1, 1, record_wake_w, NULL), 1);
	assert_int_equal(woken_ids[0], 2);
	assert_int_equal(futex_wake_queued(b, &k, 0x1, 10, record_wake_w, NULL), 2);
	assert_int_equal(woken_ids[1], 4);
	assert_int_equal(woken_ids[2], 0);
	assert_int_equal(futex_wake_queued(b, &k, FUTEX_BITSET_MATCH_ANY, 10, record_wake_w, NULL), 2);
	assert_int_equal(woken_ids[3], 3);
	assert_int_equal(woken_ids[4], 1);
	validate_all();
	reset();
}

/* ---------------------------------------------------------------- requeue */

static void test_requeue_limits(void **state)
{
	struct futex_key k1 = key_of(0, 0x300), k2 = key_of(2, 0x300);
	struct futex_bucket *b1 = bucket(&k1), *b2 = bucket(&k2);
	int moved = -1;

	(void)state;
	reset();
	for (int i = 0; i < 6; i++)
		add_waiter(k1, (u32)(1 << i), 0);   /* bitsets do not matter to a requeue */
	add_waiter(k2, FUTEX_BITSET_MATCH_ANY, 0);   /* 6, already on k2 */
	/* 0 and 0: nothing at all. */
	assert_int_equal(futex_requeue_queued(b1, &k1, b2, &k2, 0, 0, record_wake_w, NULL, &moved), 0);
	assert_int_equal(moved, 0);
	/* wake 1, move 2 */
	assert_int_equal(futex_requeue_queued(b1, &k1, b2, &k2, 1, 2, record_wake_w, NULL, &moved), 3);
	assert_int_equal(moved, 2);
	assert_int_equal(nwoken, 1);
	assert_int_equal(woken_ids[0], 0);
	validate_all();
	assert_true(futex_key_equal(&ws[1].q.key, &k2) && futex_key_equal(&ws[2].q.key, &k2));
	assert_true(ws[1].q.bucket == b2);
	/* On k2, the waiter that was there first comes first, then the moved ones in order. */
	assert_int_equal(futex_wake_queued(b2, &k2, FUTEX_BITSET_MATCH_ANY, 10, record_wake_w, NULL), 3);
	assert_int_equal(woken_ids[1], 6);
	assert_int_equal(woken_ids[2], 1);
	assert_int_equal(woken_ids[3], 2);
	/* wake 0, move everything left (3) with a generous limit */
	assert_int_equal(futex_requeue_queued(b1, &k1, b2, &k2, 0, 100, record_wake_w, NULL, &moved), 3);
	assert_int_equal(moved, 3);
	/* wake 2 with nothing left on k1 */
	assert_int_equal(futex_requeue_queued(b1, &k1, b2, &k2, 2, 2, record_wake_w, NULL, NULL), 0);
	validate_all();
	reset();
}

/* Two keys in one bucket: a requeue between them changes keys in place. */
static void test_requeue_same_bucket(void **state)
{
	struct futex_key k1 = key_of(0, 0x400), k2;
	unsigned long w = 0x404;
	int moved;

	(void)state;
	reset();
	for (;; w += 4) {
		k2 = key_of(0, w);
		if (futex_hash(&k2) == futex_hash(&k1))
			break;
	}
	struct futex_bucket *b = bucket(&k1);
	for (int i = 0; i < 4; i++)
		add_waiter(i % 2 ? k2 : k1, FUTEX_BITSET_MATCH_ANY, 0);
	/* k1: 0, 2; k2: 1, 3. Move both k1 waiters to k2: the chain keeps 0 1 2 3. */
	assert_int_equal(futex_requeue_queued(b, &k1, b, &k2, 0, 5, record_wake_w, NULL, &moved), 2);
	assert_int_equal(moved, 2);
	validate_all();
	assert_int_equal(futex_wake_queued(b, &k2, FUTEX_BITSET_MATCH_ANY, 10, record_wake_w, NULL), 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(woken_ids[i], i);
	reset();
}

/* ---------------------------------------------------------------- WAKE_OP */

static void test_wake_op(void **state)
{
	struct futex_op op;

	(void)state;
	assert_int_equal(futex_op_decode(FUTEX_OP(FUTEX_OP_ADD, 5, FUTEX_OP_CMP_GT, 2), &op), 0);
	assert_int_equal(futex_op_apply(&op, 10), 15);
	assert_true(futex_op_cmp(&op, 3));
	assert_false(futex_op_cmp(&op, 2));
	/* Negative arguments are sign-extended 12-bit numbers. */
	assert_int_equal(futex_op_decode(FUTEX_OP(FUTEX_OP_ADD, -1, FUTEX_OP_CMP_LT, -1), &op), 0);
	assert_int_equal(futex_op_apply(&op, 1), 0);
	assert_true(futex_op_cmp(&op, (u32)-2));
	assert_false(futex_op_cmp(&op, 0xffffffffu));
	assert_false(futex_op_cmp(&op, 5));
	/* OPARG_SHIFT: 1 << oparg; a shift beyond 31 is masked. */
	assert_int_equal(futex_op_decode(FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 3, 0, 0), &op), 0);
	assert_int_equal(futex_op_apply(&op, 1), 9);
	assert_int_equal(futex_op_decode(FUTEX_OP(FUTEX_OP_SET | FUTEX_OP_OPARG_SHIFT, 33, 0, 0), &op), 0);
	assert_int_equal(futex_op_apply(&op, 0), 2);
	assert_int_equal(futex_op_decode(FUTEX_OP(FUTEX_OP_ANDN, 6, FUTEX_OP_CMP_NE, 0), &op), 0);
	assert_int_equal(futex_op_apply(&op, 0xf), 9);
	assert_int_equal(futex_op_decode(FUTEX_OP(FUTEX_OP_XOR, 0xfff, FUTEX_OP_CMP_GE, 0), &op), 0);
	assert_int_equal(futex_op_apply(&op, 0), 0xffffffffu);   /* oparg -1 */
	assert_int_equal(futex_op_decode(FUTEX_OP(5, 0, 0, 0), &op), -ENOSYS);
	assert_int_equal(futex_op_decode(FUTEX_OP(0, 0, 6, 0), &op), -ENOSYS);
	/* Every comparison against a reference. */
	for (int cmp = 0; cmp <= 5; cmp++) {
		for (int arg = -3; arg <= 3; arg++) {
			assert_int_equal(futex_op_decode(FUTEX_OP(0, 0, cmp, arg), &op), 0);
			for (int v = -4; v <= 4; v++) {
				bool want = cmp == 0 ? v == arg : cmp == 1 ? v != arg : cmp == 2 ? v < arg :
					    cmp == 3 ? v <= arg : cmp == 4 ? v > arg : v >= arg;
				assert_int_equal(futex_op_cmp(&op, (u32)v), want);
			}
		}
	}
}

/* ---------------------------------------------------------------- random vs model */

/* Model: the queued waiters on key k in wake order (prio desc, then arrival). */
static int model_order(const struct futex_key *k, int *out)
{
	int n = 0;

	for (int i = 0; i < nws; i++)
		if (ws[i].queued && futex_key_equal(&ws[i].q.key, k))
			out[n++] = i;
	for (int i = 1; i < n; i++) {   /* insertion sort */
		int x = out[i], j = i - 1;

		while (j >= 0 && (ws[out[j]].q.prio < ws[x].q.prio ||
				  (ws[out[j]].q.prio == ws[x].q.prio && ws[out[j]].seq > ws[x].seq))) {
			out[j + 1] = out[j];
			j--;
		}
		out[j + 1] = x;
	}
	return n;
}

#define NKEYS 6
static struct futex_key rkeys[NKEYS];

/* Keys 0..2 share a bucket; 3..5 are anywhere. */
static void make_keys(void)
{
	rkeys[0] = key_of(3, 0x1000);
	for (unsigned long w = 0x1004, n = 1; n < 3; w += 4) {
		struct futex_key k = key_of(3, w);

		if (futex_hash(&k) == futex_hash(&rkeys[0]))
			rkeys[n++] = k;
	}
	for (int i = 3; i < NKEYS; i++)
		rkeys[i] = key_of(i - 3, 0x2000 + 4 * (unsigned long)i);
}

static void op_wake(struct unit_rng *r)
{
	const struct futex_key *k = &rkeys[unit_rng_below(r, NKEYS)];
	static const u32 bits[] = { 1, 2, 4, 3, FUTEX_BITSET_MATCH_ANY };
	u32 bitset = bits[unit_rng_below(r, 5)];
	int nr = (int)unit_rng_below(r, 5) - 1, order[MAXW], want[MAXW], nwant = 0;
	int n = model_order(k, order);

	for (int i = 0; i < n && nwant < (nr < 1 ? 1 : nr); i++)
		if (ws[order[i]].q.bitset & bitset)
			want[nwant++] = order[i];
	nwoken = 0;
	assert_int_equal(futex_wake_queued(bucket(k), k, bitset, nr, record_wake_w, NULL), nwant);
	for (int i = 0; i < nwant; i++)
		assert_int_equal(woken_ids[i], want[i]);
}

static void op_requeue(struct unit_rng *r)
{
	const struct futex_key *k1 = &rkeys[unit_rng_below(r, NKEYS)];
	const struct futex_key *k2 = &rkeys[unit_rng_below(r, NKEYS)];
	int nr_wake = (int)unit_rng_below(r, 3), nr_requeue = (int)unit_rng_below(r, 4);
	int order[MAXW], n = model_order(k1, order), moved;
	int nw = n < nr_wake ? n : nr_wake, nm = n - nw < nr_requeue ? n - nw : nr_requeue;
	bool same = futex_hash(k1) == futex_hash(k2);

	nwoken = 0;
	assert_int_equal(futex_requeue_queued(bucket(k1), k1, bucket(k2), k2, nr_wake, nr_requeue,
					      record_wake_w, NULL, &moved), nw + nm);
	assert_int_equal(moved, nm);
	for (int i = 0; i < nw; i++)
		assert_int_equal(woken_ids[i], order[i]);
	for (int i = nw; i < nw + nm; i++) {
		struct waiter *w = &ws[order[i]];

		assert_true(futex_key_equal(&w->q.key, k2));
		if (!same)
			w->seq = ++clock;   /* arrives in the other bucket now */
	}
}

static void test_random_ops(void **state)
{
	struct unit_rng r;

	(void)state;
	make_keys();
	for (uint64_t seed = 1; seed <= 20; seed++) {
		unit_rng_seed(&r, seed * 7919);
		reset();
		for (int step = 0; step < 2000; step++) {
			uint64_t what = unit_rng_below(&r, 10);

			if (what < 4 && nws < MAXW) {
				static const int prios[] = { 0, 0, 0, 10, 50 };
				static const u32 bits[] = { 1, 2, 4, 3, FUTEX_BITSET_MATCH_ANY };

				add_waiter(rkeys[unit_rng_below(&r, NKEYS)], bits[unit_rng_below(&r, 5)],
					   prios[unit_rng_below(&r, 5)]);
			} else if (what < 7) {
				op_wake(&r);
			} else if (what < 9) {
				op_requeue(&r);
			} else if (nws) {
				struct waiter *w = &ws[unit_rng_below(&r, (uint64_t)nws)];

				assert_int_equal(futex_unqueue(&w->q), w->queued);   /* a timeout */
				w->queued = false;
			}
			validate_all();
			if (nws == MAXW)
				reset();
		}
	}
	reset();
}

static void test_validate_catches(void **state)
{
	struct futex_key k = key_of(0, 0x500);
	struct waiter *a, *b;

	(void)state;
	reset();
	a = add_waiter(k, 1, 0);
	b = add_waiter(k, 1, 0);
	unsigned int idx = futex_hash(&k);
	b->q.prio = 5;   /* out of order now */
	assert_int_equal(futex_bucket_validate(&table[idx], idx), -4);
	b->q.prio = 0;
	a->q.woken = true;
	assert_int_equal(futex_bucket_validate(&table[idx], idx), -3);
	a->q.woken = false;
	a->q.bucket = &table[(idx + 1) % FUTEX_HASH_SIZE];
	assert_int_equal(futex_bucket_validate(&table[idx], idx), -1);
	a->q.bucket = &table[idx];
	assert_int_equal(futex_bucket_validate(&table[idx], idx), 0);
	reset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hash_spread),
		cmocka_unit_test(test_key_equal),
		cmocka_unit_test(test_wake_counts_and_order),
		cmocka_unit_test(test_bitsets_and_priority),
		cmocka_unit_test(test_requeue_limits),
		cmocka_unit_test(test_requeue_same_bucket),
		cmocka_unit_test(test_wake_op),
		cmocka_unit_test(test_random_ops),
		cmocka_unit_test(test_validate_catches),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
