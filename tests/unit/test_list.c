/*
 * Unit tests for <lib/list.h>: every operation on small lists with known
 * expected orders, and a random sequence of operations checked after each
 * step against an array model, with list_check() validating the links.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>

#include "host_rename.h"
#include "unit_util.h"
#include <lib/list.h>

struct item {
	int val;
	struct list_head link;
	struct hlist_node hnode;
};

/*
 * Check the circular list's invariants (next->prev == self everywhere,
 * bounded length) and that its values are exactly want[0..n).
 */
static void list_check(const struct list_head *head, const int *want, int n)
{
	const struct list_head *p = head;
	int i = 0;

	do {
		assert_ptr_equal(p->next->prev, p);
		assert_ptr_equal(p->prev->next, p);
		p = p->next;
		if (p != head) {
			assert_true(i < n);
			assert_int_equal(list_entry(p, struct item, link)->val,
					 want[i]);
			i++;
		}
	} while (p != head);
	assert_int_equal(i, n);
	assert_int_equal(list_empty(head), n == 0);
	assert_int_equal(list_is_singular(head), n == 1);
}

static void init_items(struct item *it, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		it[i].val = i;
		INIT_LIST_HEAD(&it[i].link);
		INIT_HLIST_NODE(&it[i].hnode);
	}
}

static void test_add_and_del(void **state)
{
	LIST_HEAD(head);
	struct item it[4];

	(void)state;
	init_items(it, 4);
	list_check(&head, NULL, 0);
	list_add(&it[0].link, &head);
	list_add(&it[1].link, &head);
	list_add_tail(&it[2].link, &head);
	list_add_tail(&it[3].link, &head);
	list_check(&head, (int[]){ 1, 0, 2, 3 }, 4);
	assert_true(list_is_last(&it[3].link, &head));
	assert_false(list_is_last(&it[2].link, &head));

	list_del(&it[0].link);
	assert_ptr_equal(it[0].link.next, LIST_POISON1);
	assert_ptr_equal(it[0].link.prev, LIST_POISON2);
	list_check(&head, (int[]){ 1, 2, 3 }, 3);

	list_del_init(&it[3].link);
	assert_true(list_empty(&it[3].link));
	list_check(&head, (int[]){ 1, 2 }, 2);
	list_del(&it[1].link);
	list_del(&it[2].link);
	list_check(&head, NULL, 0);
}

static void test_move(void **state)
{
	LIST_HEAD(a);
	LIST_HEAD(b);
	struct item it[4];
	int i;

	(void)state;
	init_items(it, 4);
	for (i = 0; i < 4; i++)
		list_add_tail(&it[i].link, &a);
	list_move(&it[2].link, &b);
	list_move(&it[0].link, &b);
	list_check(&a, (int[]){ 1, 3 }, 2);
	list_check(&b, (int[]){ 0, 2 }, 2);
	list_move_tail(&it[1].link, &b);
	list_check(&a, (int[]){ 3 }, 1);
	list_check(&b, (int[]){ 0, 2, 1 }, 3);
	list_move_tail(&it[0].link, &b);	/* within the same list */
	list_check(&b, (int[]){ 2, 1, 0 }, 3);
}

static void test_splice(void **state)
{
	LIST_HEAD(a);
	LIST_HEAD(b);
	struct item it[6];
	int i;

	(void)state;
	init_items(it, 6);
	for (i = 0; i < 3; i++)
		list_add_tail(&it[i].link, &a);
	for (i = 3; i < 6; i++)
		list_add_tail(&it[i].link, &b);
	list_splice_init(&b, &a);
	list_check(&a, (int[]){ 3, 4, 5, 0, 1, 2 }, 6);
	list_check(&b, NULL, 0);
	list_splice_init(&b, &a);	/* empty: no change */
	list_check(&a, (int[]){ 3, 4, 5, 0, 1, 2 }, 6);
	list_splice_tail_init(&a, &b);	/* into an empty list */
	list_check(&a, NULL, 0);
	list_check(&b, (int[]){ 3, 4, 5, 0, 1, 2 }, 6);
	list_move(&it[0].link, &a);
	list_splice_tail_init(&b, &a);
	list_check(&a, (int[]){ 0, 3, 4, 5, 1, 2 }, 6);
}

static void test_iterators(void **state)
{
	LIST_HEAD(head);
	struct item it[5], *pos, *n;
	struct list_head *lp, *ln;
	int i, sum = 0, order[5], k = 0;

	(void)state;
	init_items(it, 5);
	assert_null(list_first_entry_or_null(&head, struct item, link));
	for (i = 0; i < 5; i++)
		list_add_tail(&it[i].link, &head);
	assert_ptr_equal(list_first_entry(&head, struct item, link), &it[0]);
	assert_ptr_equal(list_last_entry(&head, struct item, link), &it[4]);
	assert_ptr_equal(list_first_entry_or_null(&head, struct item, link),
			 &it[0]);
	assert_ptr_equal(list_next_entry(&it[1], link), &it[2]);
	assert_ptr_equal(list_prev_entry(&it[1], link), &it[0]);

	list_for_each(lp, &head)
		sum += list_entry(lp, struct item, link)->val;
	assert_int_equal(sum, 10);
	list_for_each_entry_reverse(pos, &head, link)
		order[k++] = pos->val;
	assert_memory_equal(order, ((int[]){ 4, 3, 2, 1, 0 }), sizeof(order));

	/* Delete the odd ones while walking. */
	list_for_each_entry_safe(pos, n, &head, link)
		if (pos->val & 1)
			list_del(&pos->link);
	list_check(&head, (int[]){ 0, 2, 4 }, 3);
	k = 0;
	list_for_each_entry(pos, &head, link)
		order[k++] = pos->val;
	assert_int_equal(k, 3);

	list_for_each_safe(lp, ln, &head)
		list_del_init(lp);
	list_check(&head, NULL, 0);
}

/* Random operations on 64 items, each step checked against a model. */
static void test_random_against_model(void **state)
{
	enum { N = 64, STEPS = 20000 };
	struct item it[N];
	bool on_list[N] = { false };
	int model[N], nmodel = 0, step, i, j;
	struct unit_rng rng;
	LIST_HEAD(head);

	(void)state;
	init_items(it, N);
	unit_rng_seed(&rng, 12345);
	for (step = 0; step < STEPS; step++) {
		int x = (int)unit_rng_below(&rng, N);
		int op = (int)unit_rng_below(&rng, 4);

		if (!on_list[x]) {
			if (op & 1) {
				list_add(&it[x].link, &head);
				for (j = nmodel; j > 0; j--)
					model[j] = model[j - 1];
				model[0] = x;
			} else {
				list_add_tail(&it[x].link, &head);
				model[nmodel] = x;
			}
			nmodel++;
			on_list[x] = true;
		} else {
			for (i = 0; model[i] != x; i++)
				;
			for (j = i; j < nmodel - 1; j++)
				model[j] = model[j + 1];
			nmodel--;
			if (op == 0) {
				list_move_tail(&it[x].link, &head);
				model[nmodel++] = x;
			} else {
				if (op == 1)
					list_del(&it[x].link);
				else
					list_del_init(&it[x].link);
				on_list[x] = false;
			}
		}
		list_check(&head, model, nmodel);
	}
}

static void test_hlist(void **state)
{
	HLIST_HEAD(h);
	struct item it[4], *pos;
	struct hlist_node *tmp;
	int vals[4], k = 0, i;

	(void)state;
	init_items(it, 4);
	assert_true(hlist_empty(&h));
	assert_true(hlist_unhashed(&it[0].hnode));
	for (i = 0; i < 4; i++)
		hlist_add_head(&it[i].hnode, &h);
	assert_false(hlist_empty(&h));
	hlist_for_each_entry(pos, &h, hnode)
		vals[k++] = pos->val;
	assert_memory_equal(vals, ((int[]){ 3, 2, 1, 0 }), sizeof(vals));

	hlist_del(&it[2].hnode);		/* middle */
	assert_ptr_equal(it[2].hnode.next, LIST_POISON1);
	hlist_del_init(&it[3].hnode);		/* head */
	assert_true(hlist_unhashed(&it[3].hnode));
	hlist_del_init(&it[3].hnode);		/* already off: no-op */
	hlist_del(&it[0].hnode);		/* tail */
	k = 0;
	hlist_for_each_entry(pos, &h, hnode)
		vals[k++] = pos->val;
	assert_int_equal(k, 1);
	assert_int_equal(vals[0], 1);
	assert_ptr_equal(it[1].hnode.pprev, &h.first);

	for (i = 0; i < 4; i++)
		if (i != 1)
			hlist_add_head(&it[i].hnode, &h);
	hlist_for_each_entry_safe(pos, tmp, &h, hnode)
		hlist_del_init(&pos->hnode);
	assert_true(hlist_empty(&h));
	for (i = 0; i < 4; i++)
		assert_true(hlist_unhashed(&it[i].hnode));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_and_del),
		cmocka_unit_test(test_move),
		cmocka_unit_test(test_splice),
		cmocka_unit_test(test_iterators),
		cmocka_unit_test(test_random_against_model),
		cmocka_unit_test(test_hlist),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
