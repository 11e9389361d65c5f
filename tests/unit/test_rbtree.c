/*
 * Unit tests for kernel/lib/rbtree.c.
 *
 * Random inserts and erases of thousands of keys (fixed seed, duplicates
 * included), with rb_validate() after every single mutation and the
 * in-order walk compared with a sorted model array; the same for the
 * cached-leftmost variant; ordered inserts (the rotation-heavy worst case)
 * with a height bound; and rb_validate() itself shown to catch each kind
 * of corruption.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>

#include "host_rename.h"
#include "unit_util.h"
#include <lib/rbtree.h>

struct thing {
	long key;
	bool in_tree;
	struct rb_node rb;
};

static int thing_cmp(const struct rb_node *a, const struct rb_node *b)
{
	long ka = rb_entry(a, struct thing, rb)->key;
	long kb = rb_entry(b, struct thing, rb)->key;

	return (ka > kb) - (ka < kb);
}

/* Insert t (equal keys go right); returns true if it became leftmost. */
static bool thing_link(struct rb_root *root, struct thing *t)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (t->key < rb_entry(parent, struct thing, rb)->key) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	rb_link_node(&t->rb, parent, link);
	return leftmost;
}

static void thing_insert(struct rb_root *root, struct thing *t)
{
	thing_link(root, t);
	rb_insert_color(&t->rb, root);
	t->in_tree = true;
}

static void thing_insert_cached(struct rb_root_cached *root, struct thing *t)
{
	bool leftmost = thing_link(&root->rb_root, t);

	rb_insert_color_cached(&t->rb, root, leftmost);
	t->in_tree = true;
}

/* A sorted multiset of keys. */
struct model {
	long *keys;
	int n;
};

static void model_insert(struct model *m, long key)
{
	int i = m->n;

	while (i > 0 && m->keys[i - 1] > key) {
		m->keys[i] = m->keys[i - 1];
		i--;
	}
	m->keys[i] = key;
	m->n++;
}

static void model_erase(struct model *m, long key)
{
	int i = 0;

	while (m->keys[i] != key)
		i++;
	for (; i < m->n - 1; i++)
		m->keys[i] = m->keys[i + 1];
	m->n--;
}

/* The tree's in-order keys, forwards and backwards, equal the model. */
static void compare_with_model(const struct rb_root *root, const struct model *m)
{
	struct rb_node *n;
	int i = 0;

	for (n = rb_first(root); n; n = rb_next(n)) {
		assert_true(i < m->n);
		assert_int_equal(rb_entry(n, struct thing, rb)->key, m->keys[i]);
		i++;
	}
	assert_int_equal(i, m->n);
	for (n = rb_last(root); n; n = rb_prev(n)) {
		i--;
		assert_int_equal(rb_entry(n, struct thing, rb)->key, m->keys[i]);
	}
	assert_int_equal(i, 0);
}

/*
 * ops random steps over a pool of nthings items: insert an unused one with
 * a random key (in [0, keyspace), so duplicates happen) or erase a used
 * one; validate after each step. cached selects the rb_root_cached API.
 */
static void random_run(uint64_t seed, int nthings, int ops, long keyspace,
		       bool cached)
{
	struct thing *t = calloc((size_t)nthings, sizeof(*t));
	struct model m = { calloc((size_t)nthings, sizeof(long)), 0 };
	struct rb_root_cached croot = RB_ROOT_CACHED;
	struct rb_root *root = &croot.rb_root;
	struct unit_rng rng;
	int step, err;

	unit_rng_seed(&rng, seed);
	for (step = 0; step < ops; step++) {
		struct thing *x = &t[unit_rng_below(&rng, (uint64_t)nthings)];
		/* Bias towards growth for the first half, shrink after. */
		bool grow = unit_rng_below(&rng, 100) < (step < ops / 2 ? 65 : 35);

		if (!x->in_tree && grow) {
			x->key = (long)unit_rng_below(&rng, (uint64_t)keyspace);
			if (cached)
				thing_insert_cached(&croot, x);
			else
				thing_insert(root, x);
			model_insert(&m, x->key);
		} else if (x->in_tree && !grow) {
			if (cached)
				rb_erase_cached(&x->rb, &croot);
			else
				rb_erase(&x->rb, root);
			x->in_tree = false;
			model_erase(&m, x->key);
		}
		err = cached ? rb_validate_cached(&croot, thing_cmp)
			     : rb_validate(root, thing_cmp);
		if (err)
			fail_msg("step %d: rb_validate = %d", step, err);
		if (step % 101 == 0)
			compare_with_model(root, &m);
	}
	compare_with_model(root, &m);
	free(t);
	free(m.keys);
}

static void test_random_small_keyspace(void **state)
{
	(void)state;
	random_run(1, 3000, 12000, 500, false);	/* many duplicates */
}

static void test_random_large_keyspace(void **state)
{
	(void)state;
	random_run(2, 4000, 16000, 1L << 40, false);
}

static void test_random_cached(void **state)
{
	(void)state;
	random_run(3, 3000, 12000, 1000, true);
}

/* Fill with n items then erase all in random order, validating throughout. */
static void fill_and_drain(uint64_t seed, int n)
{
	struct thing *t = calloc((size_t)n, sizeof(*t));
	int *order = calloc((size_t)n, sizeof(int));
	struct rb_root_cached root = RB_ROOT_CACHED;
	struct unit_rng rng;
	int i;

	unit_rng_seed(&rng, seed);
	for (i = 0; i < n; i++) {
		t[i].key = (long)unit_rng_below(&rng, 100000);
		thing_insert_cached(&root, &t[i]);
		assert_int_equal(rb_validate_cached(&root, thing_cmp), 0);
		order[i] = i;
	}
	for (i = n - 1; i > 0; i--) {	/* Fisher-Yates */
		int j = (int)unit_rng_below(&rng, (uint64_t)i + 1), tmp = order[i];

		order[i] = order[j];
		order[j] = tmp;
	}
	for (i = 0; i < n; i++) {
		rb_erase_cached(&t[order[i]].rb, &root);
		assert_int_equal(rb_validate_cached(&root, thing_cmp), 0);
	}
	assert_true(RB_EMPTY_ROOT(&root.rb_root));
	assert_null(rb_first_cached(&root));
	free(t);
	free(order);
}

static void test_fill_and_drain(void **state)
{
	(void)state;
	fill_and_drain(4, 5000);
}

static int height(const struct rb_node *n)
{
	int l, r;

	if (!n)
		return 0;
	l = height(n->rb_left);
	r = height(n->rb_right);
	return 1 + (l > r ? l : r);
}

/* Ascending and descending inserts, then erase from the front. */
static void test_ordered_inserts(void **state)
{
	enum { N = 2000 };	/* log2(N + 1) < 11 */
	static struct thing t[2][N];
	struct rb_root_cached root[2] = { RB_ROOT_CACHED, RB_ROOT_CACHED };
	int i, d;

	(void)state;
	for (d = 0; d < 2; d++) {
		for (i = 0; i < N; i++) {
			t[d][i].key = d ? N - i : i;
			thing_insert_cached(&root[d], &t[d][i]);
			assert_int_equal(rb_validate_cached(&root[d], thing_cmp), 0);
			assert_ptr_equal(rb_first_cached(&root[d]),
					 d ? &t[d][i].rb : &t[d][0].rb);
		}
		/* height <= 2 log2(N + 1) <= 2 * ceil(log2(N + 1)) */
		assert_true(height(root[d].rb_root.rb_node) <= 2 * 11);
		for (i = 0; i < N / 2; i++) {
			struct rb_node *first = rb_first_cached(&root[d]);

			rb_erase_cached(first, &root[d]);
			assert_int_equal(rb_validate_cached(&root[d], thing_cmp), 0);
		}
	}
}

static void test_empty_and_single(void **state)
{
	struct rb_root root = RB_ROOT;
	struct thing a = { .key = 5 };

	(void)state;
	assert_true(RB_EMPTY_ROOT(&root));
	assert_null(rb_first(&root));
	assert_null(rb_last(&root));
	assert_int_equal(rb_validate(&root, thing_cmp), 0);
	thing_insert(&root, &a);
	assert_int_equal(rb_validate(&root, thing_cmp), 0);
	assert_ptr_equal(rb_first(&root), &a.rb);
	assert_ptr_equal(rb_last(&root), &a.rb);
	assert_null(rb_next(&a.rb));
	assert_null(rb_prev(&a.rb));
	assert_true(rb_is_black(&a.rb));
	rb_erase(&a.rb, &root);
	assert_true(RB_EMPTY_ROOT(&root));
	RB_CLEAR_NODE(&a.rb);
	assert_true(RB_EMPTY_NODE(&a.rb));
	assert_null(rb_next(&a.rb));
}

/* rb_validate must catch each kind of damage. */
static void test_validate_catches_corruption(void **state)
{
	enum { N = 63 };
	static struct thing t[N];
	struct rb_root root = RB_ROOT;
	struct rb_node *r, *saved;
	uintptr_t pc;
	int i;

	(void)state;
	for (i = 0; i < N; i++) {
		t[i].key = i * 2;
		thing_insert(&root, &t[i]);
	}
	assert_int_equal(rb_validate(&root, thing_cmp), 0);
	r = root.rb_node;

	r->__parent_color &= ~RB_BLACK;		/* red root */
	assert_int_equal(rb_validate(&root, thing_cmp), -RB_BAD_ROOT);
	r->__parent_color |= RB_BLACK;

	saved = r->rb_left;			/* a black child of the root */
	pc = saved->__parent_color;
	saved->__parent_color = (uintptr_t)r->rb_right | (pc & RB_BLACK);
	assert_int_equal(rb_validate(&root, thing_cmp), -RB_BAD_PARENT);
	saved->__parent_color = pc;

	/* Repaint one side's child: black heights now differ or red-red. */
	saved->__parent_color ^= RB_BLACK;
	assert_true(rb_validate(&root, thing_cmp) == -RB_BLACK_HEIGHT ||
		    rb_validate(&root, thing_cmp) == -RB_RED_RED);
	saved->__parent_color = pc;
	assert_int_equal(rb_validate(&root, thing_cmp), 0);

	rb_entry(rb_first(&root), struct thing, rb)->key = 1000;
	assert_int_equal(rb_validate(&root, thing_cmp), -RB_BAD_ORDER);
	assert_int_equal(rb_validate(&root, NULL), 0);	/* no order check */
	rb_entry(rb_first(&root), struct thing, rb)->key = 0;

	{
		struct rb_root_cached c = { root, rb_last(&root) };

		assert_int_equal(rb_validate_cached(&c, thing_cmp),
				 -RB_BAD_LEFTMOST);
		c.rb_leftmost = rb_first(&root);
		assert_int_equal(rb_validate_cached(&c, thing_cmp), 0);
	}

	/* A cycle: a leaf pointing back at the root. */
	{
		struct rb_node *leaf = rb_last(&root);

		leaf->rb_right = r;
		assert_int_equal(rb_validate(&root, thing_cmp), -RB_BAD_PARENT);
		leaf->rb_right = NULL;
	}
	assert_int_equal(rb_validate(&root, thing_cmp), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_single),
		cmocka_unit_test(test_random_small_keyspace),
		cmocka_unit_test(test_random_large_keyspace),
		cmocka_unit_test(test_random_cached),
		cmocka_unit_test(test_fill_and_drain),
		cmocka_unit_test(test_ordered_inserts),
		cmocka_unit_test(test_validate_catches_corruption),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
