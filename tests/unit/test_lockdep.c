/*
 * Unit tests for kernel/locking/lockdep.c, driven through struct
 * lockdep_map with a report hook in place of panic(): recorded edges,
 * inversions of two and of three classes, long cycles, no false positive
 * over seeded random acquire/release sequences that follow one total
 * order on two cpus, recursion, subclasses, out-of-order release,
 * releasing a lock not held, trylocks, interrupt safety and contexts,
 * sleeping with a lock held, the lock-free fast path, and running out of
 * class slots.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>

#include "host_rename.h"
#include "kernel_stubs.h"
#include "unit_util.h"
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <locking/lockdep.h>

/* ---- what lockdep.c calls besides kernel_stubs.c ---- */

static int console_warnings;   /* lines lockdep wrote lock-free */

void console_write_panic(const char *s, size_t n)
{
	console_warnings++;
	fwrite(s, 1, n, stderr);
}

void printk_enter_panic(void)
{
	fail_msg("lockdep entered panic mode although a report hook is set");
}

/* ---- report capture ---- */

static struct lockdep_report last;
static int nreports;

static void catch_report(const struct lockdep_report *r)
{
	last = *r;
	nreports++;
}

static int setup(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < NR_CPUS; i++)
		cpus[i].id = i;
	unit_cpu_id = 0;
	unit_irqs_on = true;
	nreports = 0;
	console_warnings = 0;
	memset(&last, 0, sizeof(last));
	lockdep_set_report_hook(catch_report);
	lockdep_reset();
	return 0;
}

static void take(struct lockdep_map *m)
{
	lockdep_acquire(m, 0, 0, 0x1000);
}

static void take_nested(struct lockdep_map *m, unsigned int subclass)
{
	lockdep_acquire(m, subclass, 0, 0x1100);
}

static void take_try(struct lockdep_map *m)
{
	lockdep_acquire(m, 0, LOCKDEP_TRYLOCK, 0x1200);
}

static void drop(struct lockdep_map *m)
{
	lockdep_release(m, 0x2000);
}

static int cls(const char *name)
{
	return lockdep_class_find(name, 0);
}

static bool edge(const char *from, const char *to)
{
	return lockdep_has_edge(cls(from), cls(to));
}

static void expect_report(enum lockdep_report_kind kind, const char *lock, const char *other)
{
	assert_int_equal(nreports, 1);
	assert_int_equal(last.kind, kind);
	assert_string_equal(last.lock, lock);
	if (other)
		assert_string_equal(last.other, other);
	assert_false(lockdep_enabled());
}

/* ---------------------------------------------------------------- order */

static void test_edge_recorded(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A"), b = LOCKDEP_MAP_INIT("B");
	struct lockdep_stats st;
	(void)state;

	take(&a);
	take(&b);
	assert_int_equal(lockdep_held_depth(), 2);
	drop(&b);
	drop(&a);
	assert_int_equal(lockdep_held_depth(), 0);
	assert_int_equal(nreports, 0);
	assert_true(cls("A") >= 0 && cls("B") >= 0);
	assert_true(edge("A", "B"));
	assert_false(edge("B", "A"));
	assert_int_equal(cls("C"), -1);
	lockdep_get_stats(&st);
	assert_int_equal(st.classes, 2);
	assert_int_equal(st.edges, 1);
	assert_int_equal(st.acquires, 2);
	assert_true(lockdep_enabled());
	lockdep_print();
}

static void test_inversion_two(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A"), b = LOCKDEP_MAP_INIT("B");
	(void)state;

	take(&a);
	take(&b);
	drop(&b);
	drop(&a);
	take(&b);
	take(&a);
	expect_report(LOCKDEP_INVERSION, "A", "B");
	assert_int_equal(last.chain_len, 2);
	assert_int_equal(last.chain[0], cls("A"));
	assert_int_equal(last.chain[1], cls("B"));
	assert_non_null(strstr(last.message, "'A'"));
	assert_non_null(strstr(last.message, "'B'"));
	assert_false(edge("B", "A"));   /* the bad edge is not recorded */
	/* Off for good: nothing more is tracked or reported. */
	drop(&a);
	take(&a);
	assert_int_equal(nreports, 1);
}

static void test_cycle_three(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A"), b = LOCKDEP_MAP_INIT("B");
	struct lockdep_map c = LOCKDEP_MAP_INIT("C");
	(void)state;

	take(&a);
	take(&b);
	drop(&b);
	drop(&a);
	take(&b);
	take(&c);
	drop(&c);
	drop(&b);
	assert_int_equal(nreports, 0);
	assert_false(edge("A", "C"));   /* only direct edges are stored */
	take(&c);
	take(&a);
	expect_report(LOCKDEP_INVERSION, "A", "C");
	assert_int_equal(last.chain_len, 3);
	assert_int_equal(last.chain[0], cls("A"));
	assert_int_equal(last.chain[1], cls("B"));
	assert_int_equal(last.chain[2], cls("C"));
}

/* Holding X and C, taking A closes the cycle through C, not X. */
static void test_cycle_found_below_top(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A"), c = LOCKDEP_MAP_INIT("C");
	struct lockdep_map x = LOCKDEP_MAP_INIT("X");
	(void)state;

	take(&a);
	take(&c);
	drop(&c);
	drop(&a);
	take(&c);
	take(&x);
	take(&a);
	expect_report(LOCKDEP_INVERSION, "A", "C");
}

static char chain_names[40][8];

static void test_long_cycle_truncated(void **state)
{
	struct lockdep_map m[40];
	(void)state;

	for (int i = 0; i < 40; i++) {
		snprintf(chain_names[i], sizeof(chain_names[i]), "L%02d", i);
		lockdep_map_init(&m[i], chain_names[i]);
	}
	for (int i = 0; i + 1 < 40; i++) {
		take(&m[i]);
		take(&m[i + 1]);
		drop(&m[i + 1]);
		drop(&m[i]);
	}
	assert_int_equal(nreports, 0);
	take(&m[39]);
	take(&m[0]);
	expect_report(LOCKDEP_INVERSION, "L00", "L39");
	assert_int_equal(last.chain_len, 40);
	for (int i = 0; i < LOCKDEP_CHAIN_MAX; i++)
		assert_int_equal(last.chain[i], cls(chain_names[i]));
}

/*
 * Thousands of random acquires and out-of-order releases on two cpus, each
 * cpu only ever taking a lock numbered above every lock it holds: a total
 * order, so nothing may be reported, and every edge must point upwards.
 */
#define DAG_LOCKS 48
static char dag_names[DAG_LOCKS][8];

struct dag_cpu {
	bool held[DAG_LOCKS];
	int n;
};

static int dag_top(const struct dag_cpu *c)
{
	for (int i = DAG_LOCKS - 1; i >= 0; i--)
		if (c->held[i])
			return i;
	return -1;
}

static void dag_step(struct unit_rng *r, struct lockdep_map *m, struct dag_cpu *c)
{
	int top = dag_top(c);
	bool release = c->n && (c->n == LOCKDEP_MAX_HELD || top == DAG_LOCKS - 1 ||
				unit_rng_below(r, 5) < 2);

	if (release) {
		int k = (int)unit_rng_below(r, (uint64_t)c->n);
		for (int i = 0; i < DAG_LOCKS; i++)
			if (c->held[i] && k-- == 0) {
				drop(&m[i]);
				c->held[i] = false;
				c->n--;
				return;
			}
	}
	int i = top + 1 + (int)unit_rng_below(r, (uint64_t)(DAG_LOCKS - top - 1) / 3 + 1);
	take(&m[i]);
	c->held[i] = true;
	c->n++;
}

static void test_random_total_order(void **state)
{
	struct lockdep_map m[DAG_LOCKS];
	struct dag_cpu dc[2] = { 0 };
	struct lockdep_stats st;
	struct unit_rng r;
	(void)state;

	for (int i = 0; i < DAG_LOCKS; i++) {
		snprintf(dag_names[i], sizeof(dag_names[i]), "D%02d", i);
		lockdep_map_init(&m[i], dag_names[i]);
	}
	unit_rng_seed(&r, 0x10cdef);
	for (int step = 0; step < 40000; step++) {
		unit_cpu_id = (unsigned int)unit_rng_below(&r, 2);
		dag_step(&r, m, &dc[unit_cpu_id]);
		assert_int_equal(lockdep_held_depth(), dc[unit_cpu_id].n);
	}
	assert_int_equal(nreports, 0);
	assert_true(lockdep_enabled());
	for (int i = 0; i < DAG_LOCKS; i++)
		for (int j = 0; j <= i; j++)
			assert_false(lockdep_has_edge(cls(dag_names[i]), cls(dag_names[j])));
	lockdep_get_stats(&st);
	assert_true(st.edges > 200);
	assert_true(st.slow_paths * 4 < st.acquires);   /* mostly the fast path */
}

/* ---------------------------------------------------------------- recursion, subclasses */

static void test_recursion_same_lock(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A");
	(void)state;

	take(&a);
	take(&a);
	expect_report(LOCKDEP_RECURSION, "A", "A");
	assert_non_null(strstr(last.message, "holding it"));
}

static void test_recursion_same_class(void **state)
{
	char n1[] = "shared", n2[] = "shared";   /* equal names, distinct strings */
	struct lockdep_map a = LOCKDEP_MAP_INIT(n1), b = LOCKDEP_MAP_INIT(n2);
	struct lockdep_stats st;
	(void)state;

	take(&a);
	drop(&a);
	take(&b);
	drop(&b);
	lockdep_get_stats(&st);
	assert_int_equal(st.classes, 1);
	assert_int_equal(nreports, 0);
	take(&a);
	take(&b);
	expect_report(LOCKDEP_RECURSION, "shared", "shared");
	assert_non_null(strstr(last.message, "another lock of its class"));
}

static void test_subclass(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("S"), b = LOCKDEP_MAP_INIT("S");
	(void)state;

	for (int i = 0; i < 3; i++) {
		take(&a);
		take_nested(&b, 1);
		drop(&a);   /* out of order */
		drop(&b);
	}
	assert_int_equal(nreports, 0);
	assert_true(lockdep_class_find("S", 1) >= 0);
	assert_int_not_equal(lockdep_class_find("S", 1), cls("S"));
	assert_true(lockdep_has_edge(cls("S"), lockdep_class_find("S", 1)));
	assert_int_equal(lockdep_class_find("S", 2), -1);
	/* The other way round is an inversion between "S/1" and "S". */
	take_nested(&b, 1);
	take(&a);
	expect_report(LOCKDEP_INVERSION, "S", "S/1");
}

static void test_subclass_chain(void **state)
{
	struct lockdep_map m[LOCKDEP_SUBCLASSES];
	(void)state;

	for (unsigned int i = 0; i < LOCKDEP_SUBCLASSES; i++) {
		lockdep_map_init(&m[i], "level");
		take_nested(&m[i], i);
	}
	assert_int_equal(lockdep_held_depth(), LOCKDEP_SUBCLASSES);
	for (unsigned int i = 0; i < LOCKDEP_SUBCLASSES; i++)
		drop(&m[i]);
	assert_int_equal(nreports, 0);
	assert_int_equal(lockdep_held_depth(), 0);
	/* Equal subclass on two instances is recursion again. */
	take_nested(&m[0], 3);
	take_nested(&m[1], 3);
	expect_report(LOCKDEP_RECURSION, "level/3", "level/3");
}

static void test_bad_subclass(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A");
	(void)state;

	take_nested(&a, LOCKDEP_SUBCLASSES);
	expect_report(LOCKDEP_BAD_SUBCLASS, "A", NULL);
}

/* ---------------------------------------------------------------- release */

static void test_out_of_order_release(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A"), b = LOCKDEP_MAP_INIT("B");
	struct lockdep_map c = LOCKDEP_MAP_INIT("C"), d = LOCKDEP_MAP_INIT("D");
	(void)state;

	take(&a);
	take(&b);
	take(&c);
	drop(&a);   /* from the bottom */
	assert_int_equal(lockdep_held_depth(), 2);
	take(&d);
	assert_true(edge("B", "D"));
	assert_true(edge("C", "D"));
	assert_false(edge("A", "D"));
	drop(&c);   /* from the middle */
	drop(&d);
	drop(&b);
	assert_int_equal(lockdep_held_depth(), 0);
	assert_int_equal(nreports, 0);
}

static void test_release_not_held(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A"), b = LOCKDEP_MAP_INIT("B");
	(void)state;

	take(&a);
	drop(&b);
	expect_report(LOCKDEP_NOT_HELD, "B", NULL);
}

static void test_release_twice(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A");
	(void)state;

	take(&a);
	drop(&a);
	drop(&a);
	expect_report(LOCKDEP_NOT_HELD, "A", NULL);
}

/* Each cpu has its own stack: a lock cpu 0 holds is not cpu 1's to release. */
static void test_per_cpu_stacks(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A"), b = LOCKDEP_MAP_INIT("B");
	(void)state;

	unit_cpu_id = 0;
	take(&a);
	unit_cpu_id = 1;
	take(&b);
	assert_int_equal(lockdep_held_depth(), 1);
	assert_false(edge("A", "B"));
	assert_false(edge("B", "A"));
	drop(&a);
	expect_report(LOCKDEP_NOT_HELD, "A", NULL);
}

static void test_too_deep(void **state)
{
	static char names[LOCKDEP_MAX_HELD + 1][8];
	struct lockdep_map m[LOCKDEP_MAX_HELD + 1];
	(void)state;

	for (int i = 0; i <= LOCKDEP_MAX_HELD; i++) {
		snprintf(names[i], sizeof(names[i]), "T%02d", i);
		lockdep_map_init(&m[i], names[i]);
		take(&m[i]);
		assert_int_equal(nreports, i < LOCKDEP_MAX_HELD ? 0 : 1);
	}
	expect_report(LOCKDEP_TOO_DEEP, names[LOCKDEP_MAX_HELD], NULL);
}

/* ---------------------------------------------------------------- trylock */

static void test_trylock(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A"), b = LOCKDEP_MAP_INIT("B");
	struct lockdep_map a2 = LOCKDEP_MAP_INIT("A");
	(void)state;

	take(&a);
	take_try(&b);   /* no edge into a trylock: it cannot deadlock */
	drop(&a);
	drop(&b);
	assert_false(edge("A", "B"));
	take(&b);
	take(&a);       /* so the other order is fine */
	drop(&a);
	drop(&b);
	take(&a);
	take_try(&a2);  /* a trylock of a held class is not recursion */
	drop(&a2);
	drop(&a);
	take_try(&b);   /* but an edge out of a held trylock is recorded */
	take(&a);
	drop(&a);
	drop(&b);
	assert_true(edge("B", "A"));
	assert_int_equal(nreports, 0);
}

/* ---------------------------------------------------------------- interrupts */

static void in_irq_take_drop(struct lockdep_map *m)
{
	bool was = unit_irqs_on;

	unit_irqs_on = false;
	lockdep_hardirq_enter();
	take(m);
	drop(m);
	lockdep_hardirq_exit();
	unit_irqs_on = was;
}

static void test_irq_dormant_without_hooks(void **state)
{
	struct lockdep_map x = LOCKDEP_MAP_INIT("X");
	(void)state;

	unit_irqs_on = true;
	take(&x);
	drop(&x);
	unit_irqs_on = false;
	take(&x);
	drop(&x);
	assert_int_equal(nreports, 0);
}

static void test_irq_unsafe_irq_first(void **state)
{
	struct lockdep_map x = LOCKDEP_MAP_INIT("X");
	(void)state;

	in_irq_take_drop(&x);
	unit_irqs_on = false;
	take(&x);   /* irqsave elsewhere: fine */
	drop(&x);
	assert_int_equal(nreports, 0);
	unit_irqs_on = true;
	take(&x);
	expect_report(LOCKDEP_IRQ_UNSAFE, "X", NULL);
	assert_non_null(strstr(last.message, "interrupt handler and with interrupts on"));
}

static void test_irq_unsafe_irqs_on_first(void **state)
{
	struct lockdep_map x = LOCKDEP_MAP_INIT("X");
	(void)state;

	unit_irqs_on = true;
	take(&x);
	drop(&x);
	assert_int_equal(nreports, 0);
	in_irq_take_drop(&x);
	expect_report(LOCKDEP_IRQ_UNSAFE, "X", NULL);
}

static void test_irq_trylock_in_handler(void **state)
{
	struct lockdep_map x = LOCKDEP_MAP_INIT("X");
	(void)state;

	unit_irqs_on = false;
	lockdep_hardirq_enter();
	take_try(&x);
	drop(&x);
	lockdep_hardirq_exit();
	unit_irqs_on = true;
	take(&x);
	drop(&x);
	assert_int_equal(nreports, 0);
}

/* Locks taken by a handler are not ordered after those it interrupted. */
static void test_irq_context_separate(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A"), b = LOCKDEP_MAP_INIT("B");
	struct lockdep_map c = LOCKDEP_MAP_INIT("C");
	(void)state;

	unit_irqs_on = true;
	take(&a);
	unit_irqs_on = false;
	lockdep_hardirq_enter();
	take(&b);
	take(&c);
	drop(&c);
	drop(&b);
	lockdep_hardirq_exit();
	unit_irqs_on = true;
	drop(&a);
	assert_false(edge("A", "B"));
	assert_true(edge("B", "C"));
	assert_int_equal(nreports, 0);
}

static void test_irq_exit_with_lock_held(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A"), x = LOCKDEP_MAP_INIT("X");
	(void)state;

	unit_irqs_on = false;
	take(&a);   /* the interrupted code's: fine to keep */
	lockdep_hardirq_enter();
	lockdep_hardirq_exit();
	assert_int_equal(nreports, 0);
	lockdep_hardirq_enter();
	take(&x);
	lockdep_hardirq_exit();
	expect_report(LOCKDEP_IRQ_EXIT_HELD, "X", NULL);
}

/* ---------------------------------------------------------------- sleeping */

static void test_sleep_with_lock(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A");
	(void)state;

	lockdep_assert_can_sleep("mutex_lock");
	take(&a);
	drop(&a);
	lockdep_assert_can_sleep("mutex_lock");
	assert_int_equal(nreports, 0);
	take(&a);
	lockdep_assert_can_sleep("mutex_lock");
	expect_report(LOCKDEP_SLEEP, "A", NULL);
	assert_non_null(strstr(last.message, "mutex_lock"));
}

static void test_sleep_in_irq(void **state)
{
	(void)state;

	unit_irqs_on = false;
	lockdep_hardirq_enter();
	lockdep_assert_can_sleep("msleep");
	assert_int_equal(nreports, 1);
	assert_int_equal(last.kind, LOCKDEP_SLEEP);
	assert_non_null(strstr(last.message, "interrupt handler"));
	lockdep_hardirq_exit();
}

/* ---------------------------------------------------------------- cost, capacity */

static void test_fast_path(void **state)
{
	struct lockdep_map a = LOCKDEP_MAP_INIT("A"), b = LOCKDEP_MAP_INIT("B");
	(void)state;

	take(&a);
	take(&b);
	drop(&b);
	drop(&a);
	uint64_t before = lockdep_cpu_slow_paths();
	for (int i = 0; i < 1000; i++) {
		take(&a);
		take(&b);
		drop(&a);
		drop(&b);
	}
	assert_int_equal(lockdep_cpu_slow_paths(), before);
	assert_int_equal(nreports, 0);
}

static char many_names[LOCKDEP_MAX_CLASSES + 2][8];

static void test_class_table_full(void **state)
{
	struct lockdep_map m[LOCKDEP_MAX_CLASSES + 2];
	struct lockdep_stats st;
	(void)state;

	for (int i = 0; i < LOCKDEP_MAX_CLASSES + 2; i++) {
		snprintf(many_names[i], sizeof(many_names[i]), "K%03d", i);
		lockdep_map_init(&m[i], many_names[i]);
	}
	for (int i = 0; i < LOCKDEP_MAX_CLASSES; i++) {
		take(&m[i]);
		drop(&m[i]);
	}
	lockdep_get_stats(&st);
	assert_int_equal(st.classes, LOCKDEP_MAX_CLASSES);
	assert_true(lockdep_enabled());
	assert_int_equal(console_warnings, 0);
	take(&m[0]);
	take(&m[LOCKDEP_MAX_CLASSES]);   /* no slot left */
	assert_false(lockdep_enabled());
	assert_int_equal(console_warnings, 1);
	/* Off, quietly: what follows is not tracked, never reported. */
	take(&m[LOCKDEP_MAX_CLASSES + 1]);
	drop(&m[LOCKDEP_MAX_CLASSES]);
	drop(&m[0]);
	drop(&m[0]);
	lockdep_assert_can_sleep("x");
	assert_int_equal(nreports, 0);
	assert_int_equal(console_warnings, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_edge_recorded, setup),
		cmocka_unit_test_setup(test_inversion_two, setup),
		cmocka_unit_test_setup(test_cycle_three, setup),
		cmocka_unit_test_setup(test_cycle_found_below_top, setup),
		cmocka_unit_test_setup(test_long_cycle_truncated, setup),
		cmocka_unit_test_setup(test_random_total_order, setup),
		cmocka_unit_test_setup(test_recursion_same_lock, setup),
		cmocka_unit_test_setup(test_recursion_same_class, setup),
		cmocka_unit_test_setup(test_subclass, setup),
		cmocka_unit_test_setup(test_subclass_chain, setup),
		cmocka_unit_test_setup(test_bad_subclass, setup),
		cmocka_unit_test_setup(test_out_of_order_release, setup),
		cmocka_unit_test_setup(test_release_not_held, setup),
		cmocka_unit_test_setup(test_release_twice, setup),
		cmocka_unit_test_setup(test_per_cpu_stacks, setup),
		cmocka_unit_test_setup(test_too_deep, setup),
		cmocka_unit_test_setup(test_trylock, setup),
		cmocka_unit_test_setup(test_irq_dormant_without_hooks, setup),
		cmocka_unit_test_setup(test_irq_unsafe_irq_first, setup),
		cmocka_unit_test_setup(test_irq_unsafe_irqs_on_first, setup),
		cmocka_unit_test_setup(test_irq_trylock_in_handler, setup),
		cmocka_unit_test_setup(test_irq_context_separate, setup),
		cmocka_unit_test_setup(test_irq_exit_with_lock_held, setup),
		cmocka_unit_test_setup(test_sleep_with_lock, setup),
		cmocka_unit_test_setup(test_sleep_in_irq, setup),
		cmocka_unit_test_setup(test_fast_path, setup),
		cmocka_unit_test_setup(test_class_table_full, setup),
	};
	return cmocka_run_group_tests_name("lockdep", tests, NULL, NULL);
}
