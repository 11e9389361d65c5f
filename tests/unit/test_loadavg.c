/*
 * Unit tests for loadavg_step() (kernel/include/kernel/time.h), the
 * exponentially decaying load average Linux computes every 5 s: one
 * minute of a constant load reaches 1 - 1/e of it in the 1-minute
 * average (and less in the slower ones), a steady load is reached
 * exactly, and an idle machine decays to exactly 0.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

#include "host_rename.h"
#include <kernel/time.h>

static unsigned long run(unsigned long load, unsigned long exp, unsigned long active, int samples)
{
	for (int i = 0; i < samples; i++)
		load = loadavg_step(load, exp, active);
	return load;
}

static void test_one_minute_of_load(void **state)
{
	double one = (double)run(0, LOADAVG_EXP_1, 2 * FIXED_1, 12) / FIXED_1;
	double five = (double)run(0, LOADAVG_EXP_5, 2 * FIXED_1, 12) / FIXED_1;
	double fifteen = (double)run(0, LOADAVG_EXP_15, 2 * FIXED_1, 12) / FIXED_1;

	(void)state;
	assert_true(fabs(one - 2 * (1 - exp(-1.0))) < 0.02);
	assert_true(fabs(five - 2 * (1 - exp(-1.0 / 5))) < 0.02);
	assert_true(fabs(fifteen - 2 * (1 - exp(-1.0 / 15))) < 0.02);
}

static void test_steady_load_is_reached(void **state)
{
	(void)state;
	assert_int_equal(run(0, LOADAVG_EXP_1, 3 * FIXED_1, 1000), 3 * FIXED_1);
	assert_int_equal(run(0, LOADAVG_EXP_15, 3 * FIXED_1, 5000), 3 * FIXED_1);
	assert_int_equal(run(5 * FIXED_1, LOADAVG_EXP_5, 3 * FIXED_1, 5000), 3 * FIXED_1);
}

static void test_idle_decays_to_zero(void **state)
{
	(void)state;
	unsigned long after_min = run(4 * FIXED_1, LOADAVG_EXP_1, 0, 12);
	assert_true(fabs((double)after_min / FIXED_1 - 4 * exp(-1.0)) < 0.02);
	assert_int_equal(run(4 * FIXED_1, LOADAVG_EXP_1, 0, 1000), 0);
	assert_int_equal(run(4 * FIXED_1, LOADAVG_EXP_15, 0, 10000), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_minute_of_load),
		cmocka_unit_test(test_steady_load_is_reached),
		cmocka_unit_test(test_idle_decays_to_zero),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
