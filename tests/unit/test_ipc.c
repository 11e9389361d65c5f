/*
 * Unit tests for the System V IPC id layer, kernel/ipc/ipc_ids.c: id
 * encoding, lowest-free slot reuse with a new sequence number (a stale id
 * is rejected), the limit, growth, key lookup, and the permission checks
 * (owner, group, supplementary group, other, root), against a model:
 * randomized inserts and removals checked after each step with
 * ipc_table_validate and against a plain array of what should be there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"
#include <ipc/ipc.h>
#include <uapi/errno.h>

static int insert(struct ipc_table *t, struct kern_ipc_perm *p, unsigned int limit)
{
	int r = ipc_table_insert(t, p, limit);

	if (r == -EAGAIN) {
		unsigned int n = t->nslots ? t->nslots * 2 : 4;
		struct kern_ipc_perm **slots = malloc(n * sizeof(*slots));

		free(ipc_table_grow(t, slots, n));
		r = ipc_table_insert(t, p, limit);
	}
	assert_int_equal(ipc_table_validate(t), 0);
	return r;
}

static void test_ids_encoding(void **state)
{
	(void)state;
	assert_int_equal(ipc_make_id(0, 0), 0);
	assert_int_equal(ipc_make_id(1, 1), 32769);
	assert_int_equal(ipc_make_id(32767, 65535), 0x7fffffff);
	assert_int_equal(ipc_id_idx(32769), 1);
	assert_int_equal(ipc_id_seq(32769), 1);
}

static void test_ids_reuse(void **state)
{
	struct ipc_table t;
	struct kern_ipc_perm a = { 0 }, b = { 0 }, c = { 0 };
	int ida, idb;

	(void)state;
	ipc_table_init(&t);
	assert_int_equal(insert(&t, &a, 100), 0);
	assert_int_equal(insert(&t, &b, 100), 1);
	ida = a.id;
	idb = b.id;
	assert_int_equal(ida, 0);
	assert_int_equal(idb, 32769);
	assert_ptr_equal(ipc_table_lookup(&t, idb), &b);
	ipc_table_remove(&t, &a);
	assert_int_equal(ipc_table_validate(&t), 0);
	assert_null(ipc_table_lookup(&t, ida));
	assert_int_equal(insert(&t, &c, 100), 0);   /* lowest free slot */
	assert_int_not_equal(c.id, ida);            /* with a new seq */
	assert_null(ipc_table_lookup(&t, ida));     /* the stale id is dead */
	assert_ptr_equal(ipc_table_lookup(&t, c.id), &c);
	assert_null(ipc_table_lookup(&t, -1));
	assert_null(ipc_table_lookup(&t, 5));
	/* the limit */
	struct kern_ipc_perm d = { 0 };
	assert_int_equal(insert(&t, &d, 2), -ENOSPC);
	ipc_table_remove(&t, &b);
	ipc_table_remove(&t, &c);
	assert_int_equal(t.max_idx, 0);
	assert_int_equal(ipc_table_validate(&t), 0);
	free(t.slots);
}

static void test_ids_seq_wraps(void **state)
{
	struct ipc_table t;
	struct kern_ipc_perm a = { 0 };

	(void)state;
	ipc_table_init(&t);
	t.seq = IPC_SEQ_MAX - 1;
	insert(&t, &a, 10);
	assert_int_equal(a.seq, IPC_SEQ_MAX - 1);
	assert_true(a.id >= 0);
	assert_int_equal(t.seq, 0);
	ipc_table_remove(&t, &a);
	free(t.slots);
}

static void test_ids_random(void **state)
{
	enum { N = 200 };
	static struct kern_ipc_perm objs[N];
	bool in[N] = { 0 };
	int ids[N];

	for (int i = 0; i < N; i++)
		ids[i] = -1;
	struct ipc_table t;

	(void)state;
	ipc_table_init(&t);
	srand(8);
	for (int step = 0; step < 20000; step++) {
		int i = rand() % N;

		if (in[i]) {
			ipc_table_remove(&t, &objs[i]);
			in[i] = false;
			assert_null(ipc_table_lookup(&t, ids[i]));
		} else {
			objs[i].key = i + 1;
			assert_true(insert(&t, &objs[i], N) >= 0);
			in[i] = true;
			ids[i] = objs[i].id;
		}
		assert_int_equal(ipc_table_validate(&t), 0);
		int j = rand() % N;
		assert_ptr_equal(ipc_table_lookup(&t, ids[j]), in[j] ? &objs[j] : NULL);
		assert_ptr_equal(ipc_table_find_key(&t, j + 1), in[j] ? &objs[j] : NULL);
	}
	free(t.slots);
}

static void test_perms(void **state)
{
	struct kern_ipc_perm p = { .uid = 10, .gid = 20, .cuid = 11, .cgid = 21, .mode = 0640 };
	unsigned int groups[] = { 5, 21 };
	struct ipc_cred owner = { .euid = 10, .egid = 99 };
	struct ipc_cred creator = { .euid = 11, .egid = 99 };
	struct ipc_cred group = { .euid = 50, .egid = 20 };
	struct ipc_cred supp = { .euid = 50, .egid = 99, .ngroups = 2, .groups = groups };
	struct ipc_cred other = { .euid = 50, .egid = 99 };
	struct ipc_cred root = { .euid = 0, .egid = 0 };

	(void)state;
	assert_int_equal(ipc_perm_check(&p, &owner, 0444), 0);
	assert_int_equal(ipc_perm_check(&p, &owner, 0222), 0);
	assert_int_equal(ipc_perm_check(&p, &owner, 0666), 0);
	assert_int_equal(ipc_perm_check(&p, &creator, 0222), 0);
	assert_int_equal(ipc_perm_check(&p, &group, 0444), 0);
	assert_int_equal(ipc_perm_check(&p, &group, 0222), -EACCES);
	assert_int_equal(ipc_perm_check(&p, &supp, 0400), 0);
	assert_int_equal(ipc_perm_check(&p, &supp, 0600), -EACCES);
	assert_int_equal(ipc_perm_check(&p, &other, 0444), -EACCES);
	assert_int_equal(ipc_perm_check(&p, &other, 0), 0);
	assert_int_equal(ipc_perm_check(&p, &root, 0666), 0);
	p.mode = 0;
	assert_int_equal(ipc_perm_check(&p, &owner, 0400), -EACCES);
	assert_true(ipc_is_owner(&p, &owner));
	assert_true(ipc_is_owner(&p, &creator));
	assert_true(ipc_is_owner(&p, &root));
	assert_false(ipc_is_owner(&p, &group));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids_encoding),
		cmocka_unit_test(test_ids_reuse),
		cmocka_unit_test(test_ids_seq_wraps),
		cmocka_unit_test(test_ids_random),
		cmocka_unit_test(test_perms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
