/*
 * Unit tests for the real-time class's priority array,
 * kernel/sched/rt_prio.c: the bitmap pick at the edges of its two words
 * (1, 63, 64, 99), FIFO within a priority, head insertion, requeue to the
 * tail, and randomized enqueue / dequeue / requeue sequences checked
 * against a model (an arrival-ordered list per priority), with
 * rt_array_validate after every operation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "kernel_stubs.h"
#include "unit_util.h"
#include <sched/rt.h>

#define N 300

struct node {
	struct list_head link;
	int prio;
	bool queued;
	unsigned long seq;   /* model: position in its priority's list */
};

static struct rt_prio_array arr;
static struct node nodes[N];

static struct node *node_of(struct list_head *l)
{
	return (struct node *)((char *)l - offsetof(struct node, link));
}

static void test_edges(void **state)
{
	static const int prios[] = { 1, 63, 64, 99, 2 };

	(void)state;
	rt_array_init(&arr);
	assert_null(rt_array_first(&arr));
	assert_int_equal(rt_array_highest(&arr), 0);
	for (int i = 0; i < 5; i++) {
		nodes[i].prio = prios[i];
		rt_array_enqueue(&arr, &nodes[i].link, prios[i], false);
		assert_int_equal(rt_array_validate(&arr), 0);
	}
	assert_int_equal(rt_array_highest(&arr), 99);
	int expect[] = { 99, 64, 63, 2, 1 };
	for (int i = 0; i < 5; i++) {
		struct node *n = node_of(rt_array_first(&arr));

		assert_int_equal(n->prio, expect[i]);
		assert_true(rt_array_alone(&arr, &n->link, n->prio));
		rt_array_dequeue(&arr, &n->link, n->prio);
		assert_int_equal(rt_array_validate(&arr), 0);
	}
	assert_null(rt_array_first(&arr));
}

static void test_fifo_head_tail(void **state)
{
	(void)state;
	rt_array_init(&arr);
	for (int i = 0; i < 3; i++)
		rt_array_enqueue(&arr, &nodes[i].link, 50, false);
	assert_ptr_equal(rt_array_first(&arr), &nodes[0].link);
	rt_array_requeue_tail(&arr, &nodes[0].link, 50);
	assert_ptr_equal(rt_array_first(&arr), &nodes[1].link);
	rt_array_enqueue(&arr, &nodes[3].link, 50, true);
	assert_ptr_equal(rt_array_first(&arr), &nodes[3].link);
	assert_false(rt_array_alone(&arr, &nodes[3].link, 50));
	assert_int_equal(rt_array_validate(&arr), 0);
	arr.nr++;
	assert_int_equal(rt_array_validate(&arr), -5);
	arr.nr--;
	arr.bitmap[0] |= 1ULL << 7;
	assert_int_equal(rt_array_validate(&arr), -2);
}

/* Model: the queued node that should run first. */
static struct node *model_first(void)
{
	struct node *best = NULL;

	for (int i = 0; i < N; i++) {
		struct node *n = &nodes[i];

		if (n->queued && (!best || n->prio > best->prio ||
				  (n->prio == best->prio && n->seq < best->seq)))
			best = n;
	}
	return best;
}

static void test_random(void **state)
{
	struct unit_rng r;
	unsigned long head_seq = 1UL << 40, tail_seq = 1UL << 41;

	(void)state;
	for (uint64_t seed = 1; seed <= 10; seed++) {
		unit_rng_seed(&r, seed * 104729);
		rt_array_init(&arr);
		memset(nodes, 0, sizeof(nodes));
		for (int step = 0; step < 5000; step++) {
			struct node *n = &nodes[unit_rng_below(&r, N)];
			uint64_t what = unit_rng_below(&r, 4);

			if (!n->queued) {
				bool head = what == 0;

				n->prio = 1 + (int)unit_rng_below(&r, what == 1 ? 99 : 4) * (what == 1 ? 1 : 32);
				rt_array_enqueue(&arr, &n->link, n->prio, head);
				n->seq = head ? --head_seq : ++tail_seq;
				n->queued = true;
			} else if (what < 2) {
				rt_array_dequeue(&arr, &n->link, n->prio);
				n->queued = false;
			} else {
				rt_array_requeue_tail(&arr, &n->link, n->prio);
				n->seq = ++tail_seq;
			}
			assert_int_equal(rt_array_validate(&arr), 0);
			struct node *want = model_first();
			struct list_head *got = rt_array_first(&arr);
			if (!want)
				assert_null(got);
			else
				assert_ptr_equal(got, &want->link);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_fifo_head_tail),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
