/*
 * Unit tests for the semop arithmetic, kernel/ipc/sem_ops.c: random
 * operation lists on random values checked against a model that works on
 * a copy and keeps it only if every operation succeeded (all or none),
 * with Linux's order of checks; and the exit-time undo clamping.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include <ipc/sem.h>
#include <uapi/errno.h>

enum { NS = 4 };

/* The model: a copy, applied one by one; kept only on success. */
static int model(int *vals, short *adj, const struct sembuf *ops, unsigned int n,
		 unsigned int *blocked)
{
	int v[NS], a[NS];

	for (int i = 0; i < NS; i++) {
		v[i] = vals[i];
		a[i] = adj[i];
	}
	for (unsigned int i = 0; i < n; i++) {
		int r = v[ops[i].sem_num] + ops[i].sem_op;

		if ((ops[i].sem_op == 0 && v[ops[i].sem_num] != 0) || r < 0) {
			*blocked = i;
			return -EAGAIN;
		}
		if (r > SEMVMX)
			return -ERANGE;
		if (ops[i].sem_flg & SEM_UNDO) {
			int u = a[ops[i].sem_num] - ops[i].sem_op;
			if (u < -SEMAEM - 1 || u > SEMAEM)
				return -ERANGE;
			a[ops[i].sem_num] = u;
		}
		v[ops[i].sem_num] = r;
	}
	for (int i = 0; i < NS; i++) {
		vals[i] = v[i];
		adj[i] = (short)a[i];
	}
	return 0;
}

static void test_sem_apply_model(void **state)
{
	(void)state;
	srand(3);
	for (int round = 0; round < 100000; round++) {
		int vals[NS], mvals[NS];
		short adj[NS], madj[NS];
		struct sembuf ops[5];
		unsigned int n = 1 + (unsigned int)rand() % 5, b1 = 99, b2 = 99;

		for (int i = 0; i < NS; i++) {
			vals[i] = mvals[i] = rand() % 3 ? rand() % 4 : SEMVMX - rand() % 3;
			adj[i] = madj[i] = (short)(rand() % 3 ? rand() % 7 - 3 : SEMAEM - rand() % 3);
		}
		for (unsigned int i = 0; i < n; i++) {
			ops[i].sem_num = (unsigned short)(rand() % NS);
			ops[i].sem_op = (short)(rand() % 3 ? rand() % 7 - 3 : -(rand() % 3));
			ops[i].sem_flg = (short)(rand() % 2 ? SEM_UNDO : 0);
		}
		int r1 = sem_apply(vals, adj, ops, n, &b1);
		int r2 = model(mvals, madj, ops, n, &b2);
		assert_int_equal(r1, r2);
		if (r1 == -EAGAIN)
			assert_int_equal(b1, b2);
		assert_memory_equal(vals, mvals, sizeof(vals));
		assert_memory_equal(adj, madj, sizeof(adj));
	}
}

static void test_sem_undo_values(void **state)
{
	int vals[NS] = { 3, 0, SEMVMX, 10 };
	short adj[NS] = { -5, 2, 4, -3 };

	(void)state;
	sem_undo_values(vals, adj, NS);
	assert_int_equal(vals[0], 0);
	assert_int_equal(vals[1], 2);
	assert_int_equal(vals[2], SEMVMX);
	assert_int_equal(vals[3], 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sem_apply_model),
		cmocka_unit_test(test_sem_undo_values),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
