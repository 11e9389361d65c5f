/*
 * Unit tests for kernel/lib/cmdline.c: words, values, quoting, repeated
 * keys, numbers, and the limits (argument count and buffer size).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>

#include "host_rename.h"
#include <lib/cmdline.h>
#include <lib/string.h>
#include <uapi/errno.h>

static struct cmdline cl;

static void test_basic(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse(&cl, "loglevel=7 init=/bin/sh quiet ktest=boot"), 0);
	assert_int_equal(cl.nargs, 4);
	assert_string_equal(cmdline_get(&cl, "loglevel"), "7");
	assert_string_equal(cmdline_get(&cl, "init"), "/bin/sh");
	assert_string_equal(cmdline_get(&cl, "quiet"), "");
	assert_string_equal(cmdline_get(&cl, "ktest"), "boot");
	assert_null(cmdline_get(&cl, "nosuch"));
	assert_null(cmdline_get(&cl, "loglevel=7"));
	assert_null(cmdline_get(&cl, "quie"));
	assert_true(cmdline_has(&cl, "quiet"));
	assert_true(cmdline_has(&cl, "init"));
	assert_false(cmdline_has(&cl, "verbose"));
	assert_string_equal(cl.args[0].key, "loglevel");
	assert_string_equal(cl.args[2].value, "");
}

static void test_empty(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse(&cl, ""), 0);
	assert_int_equal(cl.nargs, 0);
	assert_int_equal(cmdline_parse(&cl, NULL), 0);
	assert_int_equal(cl.nargs, 0);
	assert_int_equal(cmdline_parse(&cl, " \t\n  "), 0);
	assert_int_equal(cl.nargs, 0);
	assert_null(cmdline_get(&cl, ""));
	assert_false(cmdline_has(&cl, "x"));
}

static void test_whitespace_and_values(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse(&cl, "  a=1\tb=\n c=x=y  d= e  "), 0);
	assert_int_equal(cl.nargs, 5);
	assert_string_equal(cmdline_get(&cl, "a"), "1");
	assert_string_equal(cmdline_get(&cl, "b"), "");
	assert_true(cmdline_has(&cl, "b"));
	assert_string_equal(cmdline_get(&cl, "c"), "x=y");	/* first '=' */
	assert_string_equal(cmdline_get(&cl, "d"), "");
	assert_string_equal(cmdline_get(&cl, "e"), "");
}

static void test_quotes(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse(&cl,
		"msg=\"hello world\" x \"key=quoted whole\" q=\"\" p=a\"b c\"d u=\"open ended"), 0);
	assert_int_equal(cl.nargs, 6);
	assert_string_equal(cmdline_get(&cl, "msg"), "hello world");
	assert_string_equal(cmdline_get(&cl, "x"), "");
	assert_string_equal(cmdline_get(&cl, "key"), "quoted whole");
	assert_string_equal(cmdline_get(&cl, "q"), "");
	assert_string_equal(cmdline_get(&cl, "p"), "ab cd");
	assert_string_equal(cmdline_get(&cl, "u"), "open ended");
}

static void test_last_wins(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse(&cl, "a=1 b=2 a=3 a"), 0);
	assert_string_equal(cmdline_get(&cl, "a"), "");
	assert_int_equal(cmdline_parse(&cl, "a=1 b=2 a=3"), 0);
	assert_string_equal(cmdline_get(&cl, "a"), "3");
	assert_int_equal(cmdline_get_long(&cl, "a", -1), 3);
}

static void test_get_long(void **state)
{
	(void)state;
	assert_int_equal(cmdline_parse(&cl,
		"n=42 neg=-17 hex=0x1F oct=010 bad=12abc empty= big=99999999999999999999 "
		"max=9223372036854775807 min=-9223372036854775808 bare"), 0);
	assert_int_equal(cmdline_get_long(&cl, "n", 0), 42);
	assert_int_equal(cmdline_get_long(&cl, "neg", 0), -17);
	assert_int_equal(cmdline_get_long(&cl, "hex", 0), 31);
	assert_int_equal(cmdline_get_long(&cl, "oct", 0), 8);
	assert_int_equal(cmdline_get_long(&cl, "bad", 5), 5);
	assert_int_equal(cmdline_get_long(&cl, "empty", 6), 6);
	assert_int_equal(cmdline_get_long(&cl, "big", 7), 7);
	assert_int_equal(cmdline_get_long(&cl, "bare", 8), 8);
	assert_int_equal(cmdline_get_long(&cl, "absent", 9), 9);
	assert_true(cmdline_get_long(&cl, "max", 0) == INT64_MAX);
	assert_true(cmdline_get_long(&cl, "min", 0) == INT64_MIN);
}

static void test_too_many_args(void **state)
{
	char src[1024];
	size_t pos = 0;
	int i;

	(void)state;
	for (i = 0; i < 40; i++)
		pos += (size_t)sprintf(src + pos, "k%d=%d ", i, i);
	assert_int_equal(cmdline_parse(&cl, src), -E2BIG);
	assert_int_equal(cl.nargs, CMDLINE_MAX_ARGS);
	assert_string_equal(cmdline_get(&cl, "k31"), "31");
	assert_null(cmdline_get(&cl, "k32"));
	assert_int_equal(cmdline_get_long(&cl, "k0", -1), 0);
}

static void test_too_long(void **state)
{
	char src[1200];
	int i;

	(void)state;
	/* 6 words of 100 bytes: "wN=" + 97 x's. 5 fit (505 bytes with NULs). */
	for (i = 0; i < 6; i++) {
		char *w = src + i * 101;

		sprintf(w, "w%d=", i);
		memset(w + 3, 'x', 97);
		w[100] = ' ';
	}
	src[6 * 101] = '\0';
	assert_int_equal(cmdline_parse(&cl, src), -E2BIG);
	assert_int_equal(cl.nargs, 5);
	assert_int_equal(strlen(cmdline_get(&cl, "w4")), 97);
	assert_null(cmdline_get(&cl, "w5"));

	/* A long word that does not fit is dropped; later short ones kept. */
	memset(src, 'y', 600);
	strcpy(src + 600, " after=1");
	assert_int_equal(cmdline_parse(&cl, src), -E2BIG);
	assert_int_equal(cl.nargs, 1);
	assert_string_equal(cmdline_get(&cl, "after"), "1");

	/* Exactly full: 511 characters and the NUL. */
	memset(src, 'z', 511);
	src[511] = '\0';
	assert_int_equal(cmdline_parse(&cl, src), 0);
	assert_int_equal(cl.nargs, 1);
	assert_int_equal(strlen(cl.args[0].key), 511);
	src[511] = 'z';
	src[512] = '\0';
	assert_int_equal(cmdline_parse(&cl, src), -E2BIG);
	assert_int_equal(cl.nargs, 0);
}

static void test_copy_is_independent(void **state)
{
	char src[] = "root=/dev/vda rw";

	(void)state;
	assert_int_equal(cmdline_parse(&cl, src), 0);
	memset(src, 0, sizeof(src));
	assert_string_equal(cmdline_get(&cl, "root"), "/dev/vda");
	assert_true(cmdline_has(&cl, "rw"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_whitespace_and_values),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_last_wins),
		cmocka_unit_test(test_get_long),
		cmocka_unit_test(test_too_many_args),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_copy_is_independent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
