/*
 * Unit tests for kernel/lib/radix_tree.c.
 *
 * A model (a sorted array of (index, item, tags)) is driven side by side
 * with the tree through tens of thousands of random inserts, deletes,
 * replaces and tag changes over index ranges that make the tree grow and
 * shrink through several heights, with radix_tree_validate() after every
 * mutation and lookups, tag queries and gang lookups (plain and tagged)
 * compared with the model. Allocation failure is injected to show an
 * insert that fails leaves the tree unchanged, and the node count is
 * checked to return to zero (no leak, no double free under ASan).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"
#include <lib/radix_tree.h>
#include <uapi/errno.h>

static long live_nodes;
static long fail_after = -1;   /* allocations left before one fails; -1: never */

struct radix_node *radix_node_alloc(void)
{
	if (fail_after == 0)
		return NULL;
	if (fail_after > 0)
		fail_after--;
	live_nodes++;
	return calloc(1, sizeof(struct radix_node));
}

void radix_node_free(struct radix_node *node)
{
	live_nodes--;
	free(node);
}

#define MODEL_MAX 4096
struct entry {
	unsigned long index;
	void *item;
	unsigned int tags;
};
static struct entry model[MODEL_MAX];
static unsigned int model_n;

static int model_find(unsigned long index)
{
	for (unsigned int i = 0; i < model_n; i++)
		if (model[i].index == index)
			return (int)i;
	return -1;
}

static int entry_cmp(const void *a, const void *b)
{
	unsigned long x = ((const struct entry *)a)->index, y = ((const struct entry *)b)->index;

	return (x > y) - (x < y);
}

static void check_against_model(struct radix_tree_root *root, struct unit_rng *rng)
{
	void *items[64];
	unsigned long idx[64];
	const char *why = radix_tree_validate(root);

	if (why)
		fail_msg("validate: %s", why);
	qsort(model, model_n, sizeof(model[0]), entry_cmp);
	for (unsigned int i = 0; i < model_n; i++) {
		assert_ptr_equal(radix_tree_lookup(root, model[i].index), model[i].item);
		for (unsigned int t = 0; t < RADIX_TREE_MAX_TAGS; t++)
			assert_int_equal(radix_tree_tag_get(root, model[i].index, t),
					 (model[i].tags >> t) & 1);
	}
	/* A gang lookup from a random start, plain and per tag. */
	for (int tag = -1; tag < RADIX_TREE_MAX_TAGS; tag++) {
		unsigned long first = model_n ? model[unit_rng_below(rng, model_n)].index -
						unit_rng_below(rng, 3) : 0;
		unsigned int n = radix_tree_gang_lookup(root, items, idx, first, 64, tag);
		unsigned int k = 0;

		for (unsigned int i = 0; i < model_n && k < 64; i++) {
			if (model[i].index < first)
				continue;
			if (tag >= 0 && !((model[i].tags >> tag) & 1))
				continue;
			assert_true(k < n);
			assert_int_equal(idx[k], model[i].index);
			assert_ptr_equal(items[k], model[i].item);
			k++;
		}
		assert_int_equal(k, n);
		bool any = false;
		for (unsigned int i = 0; i < model_n; i++)
			any |= tag >= 0 && ((model[i].tags >> tag) & 1);
		if (tag >= 0)
			assert_int_equal(radix_tree_tagged(root, (unsigned int)tag), any);
	}
}

static unsigned long random_index(struct unit_rng *rng, unsigned int phase)
{
	switch (phase % 4) {
	case 0: return unit_rng_below(rng, 200);                   /* dense, height 1-2 */
	case 1: return unit_rng_below(rng, 1UL << 20);             /* sparse, height 4 */
	case 2: return unit_rng_next(rng);                         /* anywhere in 64 bits */
	default: return (~0UL) - unit_rng_below(rng, 100);         /* the very top */
	}
}

static void test_random_against_model(void **state)
{
	struct radix_tree_root root = RADIX_TREE_INIT;
	struct unit_rng rng;

	(void)state;
	unit_rng_seed(&rng, 0x5eedfaceULL);
	model_n = 0;
	for (unsigned int step = 0; step < 40000; step++) {
		unsigned int phase = step / 5000;
		unsigned int op = (unsigned int)unit_rng_below(&rng, 10);
		unsigned long index = random_index(&rng, phase);
		int at = model_find(index);

		if (op < 4 && model_n < MODEL_MAX) {
			void *item = (void *)(uintptr_t)((step + 1) * 8);
			int err = radix_tree_insert(&root, index, item);

			assert_int_equal(err, at >= 0 ? -EEXIST : 0);
			if (at < 0)
				model[model_n++] = (struct entry){ index, item, 0 };
		} else if (op < 7 && model_n) {
			at = (int)unit_rng_below(&rng, model_n);
			assert_ptr_equal(radix_tree_delete(&root, model[at].index), model[at].item);
			model[at] = model[--model_n];
		} else if (op < 9 && model_n) {
			unsigned int tag = (unsigned int)unit_rng_below(&rng, RADIX_TREE_MAX_TAGS);

			at = (int)unit_rng_below(&rng, model_n);
			if (unit_rng_below(&rng, 2)) {
				radix_tree_tag_set(&root, model[at].index, tag);
				model[at].tags |= 1u << tag;
			} else {
				radix_tree_tag_clear(&root, model[at].index, tag);
				model[at].tags &= ~(1u << tag);
			}
		} else if (model_n) {
			void *item = (void *)(uintptr_t)((step + 1) * 8 + 4);

			at = (int)unit_rng_below(&rng, model_n);
			assert_ptr_equal(radix_tree_replace(&root, model[at].index, item), model[at].item);
			model[at].item = item;
		}
		/* Tags on an absent index do nothing. */
		if (model_find(index) < 0) {
			radix_tree_tag_set(&root, index, 0);
			assert_false(radix_tree_tag_get(&root, index, 0));
			assert_null(radix_tree_lookup(&root, index));
		}
		if (step % 7 == 0 || step < 2000)
			check_against_model(&root, &rng);
		/* Drain between phases so heights shrink back down. */
		if (step % 5000 == 4999) {
			while (model_n) {
				model_n--;
				assert_ptr_equal(radix_tree_delete(&root, model[model_n].index),
						 model[model_n].item);
				if (model_n % 16 == 0)
					check_against_model(&root, &rng);
			}
			assert_null(root.rnode);
			assert_int_equal(root.height, 0);
			assert_int_equal(live_nodes, 0);
		}
	}
}

static void test_insert_enomem_leaves_tree(void **state)
{
	struct radix_tree_root root = RADIX_TREE_INIT;
	void *items[8];

	(void)state;
	assert_int_equal(radix_tree_insert(&root, 3, (void *)8), 0);
	for (long budget = 0; budget < 12; budget++) {
		long before = live_nodes;

		fail_after = budget;
		int err = radix_tree_insert(&root, ~0UL, (void *)16);
		fail_after = -1;
		if (err == 0) {
			assert_ptr_equal(radix_tree_delete(&root, ~0UL), (void *)16);
			break;
		}
		assert_int_equal(err, -ENOMEM);
		assert_int_equal(live_nodes, before);
		assert_null(radix_tree_validate(&root));
		assert_int_equal(radix_tree_gang_lookup(&root, items, NULL, 0, 8, -1), 1);
		assert_ptr_equal(radix_tree_lookup(&root, 3), (void *)8);
	}
	assert_ptr_equal(radix_tree_delete(&root, 3), (void *)8);
	assert_int_equal(live_nodes, 0);
}

static void test_validate_catches(void **state)
{
	struct radix_tree_root root = RADIX_TREE_INIT;

	(void)state;
	assert_int_equal(radix_tree_insert(&root, 70, (void *)8), 0);
	assert_int_equal(radix_tree_insert(&root, 1, (void *)16), 0);
	assert_null(radix_tree_validate(&root));
	root.rnode->count++;
	assert_non_null(radix_tree_validate(&root));
	root.rnode->count--;
	radix_tree_tag_set(&root, 70, 1);
	root.rnode->tags[1] = 0;   /* summary lost */
	assert_non_null(radix_tree_validate(&root));
	root.rnode->tags[1] = 1ULL << 1;
	assert_null(radix_tree_validate(&root));
	root.rnode->tags[0] = 1ULL << 5;   /* tag on an empty slot */
	assert_non_null(radix_tree_validate(&root));
	root.rnode->tags[0] = 0;
	radix_tree_delete(&root, 70);
	radix_tree_delete(&root, 1);
	assert_int_equal(live_nodes, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_against_model),
		cmocka_unit_test(test_insert_enomem_leaves_tree),
		cmocka_unit_test(test_validate_catches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
