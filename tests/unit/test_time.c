/*
 * Unit tests for kernel/lib/time.c: time_to_utc() against the host's
 * gmtime_r() over fixed dates, leap-year edges, negative times and a
 * seeded sweep of random second counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <time.h>

#include "host_rename.h"
#include "unit_util.h"
#include <kernel/clock.h>

static void check_against_host(int64_t secs)
{
	struct tm_utc k;
	struct tm h;
	time_t t = (time_t)secs;

	time_to_utc(secs, &k);
	assert_non_null(gmtime_r(&t, &h));
	assert_int_equal(k.year, h.tm_year + 1900);
	assert_int_equal(k.month, h.tm_mon + 1);
	assert_int_equal(k.day, h.tm_mday);
	assert_int_equal(k.hour, h.tm_hour);
	assert_int_equal(k.min, h.tm_min);
	assert_int_equal(k.sec, h.tm_sec);
	assert_int_equal(k.wday, h.tm_wday);
	assert_int_equal(k.yday, h.tm_yday);
}

static void test_epoch(void **state)
{
	struct tm_utc k;
	(void)state;
	time_to_utc(0, &k);
	assert_int_equal(k.year, 1970);
	assert_int_equal(k.month, 1);
	assert_int_equal(k.day, 1);
	assert_int_equal(k.wday, 4);   /* Thursday */
	assert_int_equal(k.yday, 0);
}

static void test_known_dates(void **state)
{
	(void)state;
	static const int64_t dates[] = {
		951782400,    /* 2000-02-29 (divisible by 400: leap) */
		4107542400LL, /* 2100-03-01 (2100 is not leap) */
		1709164800,   /* 2024-02-29 */
		1735689599,   /* 2024-12-31 23:59:59, yday 365 */
		2147483647,   /* 2038-01-19 03:14:07 */
		2147483648LL,
		-1,           /* 1969-12-31 23:59:59 */
		-86400,
		-2208988800LL, /* 1900-01-01 */
		253402300799LL, /* 9999-12-31 23:59:59 */
	};
	for (size_t i = 0; i < sizeof(dates) / sizeof(dates[0]); i++)
		check_against_host(dates[i]);
}

static void test_every_day_1960_2110(void **state)
{
	(void)state;
	for (int64_t t = -315619200LL; t < 4417977600LL; t += 86400 - 7)
		check_against_host(t);
}

static void test_random(void **state)
{
	struct unit_rng r;
	(void)state;
	unit_rng_seed(&r, 0x5eed7157);
	for (int i = 0; i < 200000; i++) {
		int64_t t = (int64_t)unit_rng_below(&r, 2 * 253402300799ULL) - 253402300799LL / 4;
		check_against_host(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch),
		cmocka_unit_test(test_known_dates),
		cmocka_unit_test(test_every_day_1960_2110),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
