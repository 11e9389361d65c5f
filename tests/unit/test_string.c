/*
 * Unit tests for kernel/lib/string.c. Every alignment and length of the
 * word-at-a-time paths is checked against a byte-by-byte model, with guard
 * bytes around each destination to catch overruns.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "host_rename.h"
#include <lib/string.h>
#include <uapi/errno.h>

#define BUF 160
#define MAXLEN 80
#define GUARD 0xa5

/* A deterministic, position-dependent byte pattern. */
static void fill_pattern(unsigned char *p, size_t n, unsigned seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + seed * 13 + 1);
}

static void test_memcpy_all_alignments(void **state)
{
	unsigned char src[BUF], dst[BUF], want[BUF];
	size_t so, doff, n, i;

	(void)state;
	for (so = 0; so < 16; so++)
		for (doff = 0; doff < 16; doff++)
			for (n = 0; n <= MAXLEN; n++) {
				fill_pattern(src, BUF, (unsigned)so);
				for (i = 0; i < BUF; i++)
					dst[i] = want[i] = GUARD;
				for (i = 0; i < n; i++)
					want[doff + i] = src[so + i];
				assert_ptr_equal(memcpy(dst + doff, src + so, n),
						 dst + doff);
				for (i = 0; i < BUF; i++)
					assert_int_equal(dst[i], want[i]);
			}
}

static void test_memmove_overlap(void **state)
{
	unsigned char buf[BUF], want[BUF], tmp[BUF];
	size_t so, doff, n, i;

	(void)state;
	for (so = 0; so < 24; so++)
		for (doff = 0; doff < 24; doff++)
			for (n = 0; n <= MAXLEN; n += (n < 20 ? 1 : 7)) {
				fill_pattern(buf, BUF, 3);
				for (i = 0; i < BUF; i++)
					want[i] = buf[i];
				for (i = 0; i < n; i++)
					tmp[i] = buf[so + i];
				for (i = 0; i < n; i++)
					want[doff + i] = tmp[i];
				assert_ptr_equal(memmove(buf + doff, buf + so, n),
						 buf + doff);
				for (i = 0; i < BUF; i++)
					assert_int_equal(buf[i], want[i]);
			}
}

static void test_memset(void **state)
{
	unsigned char buf[BUF];
	size_t off, n, i;
	int c;

	(void)state;
	for (off = 0; off < 16; off++)
		for (n = 0; n <= MAXLEN; n++)
			for (c = 0; c < 3; c++) {
				int val = c == 0 ? 0 : (c == 1 ? 0xff : 0x1ab);

				for (i = 0; i < BUF; i++)
					buf[i] = GUARD;
				assert_ptr_equal(memset(buf + off, val, n),
						 buf + off);
				for (i = 0; i < BUF; i++) {
					bool in = i >= off && i < off + n;

					assert_int_equal(buf[i], in ? (unsigned char)val
								    : GUARD);
				}
			}
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void test_memcmp(void **state)
{
	unsigned char a[BUF], b[BUF];
	size_t off, n, pos;

	(void)state;
	fill_pattern(a, BUF, 1);
	assert_int_equal(memcmp(a, a, 0), 0);
	for (off = 0; off < 9; off++)
		for (n = 1; n <= 40; n++)
			for (pos = 0; pos < n; pos++) {
				fill_pattern(a, BUF, 1);
				fill_pattern(b, BUF, 1);
				assert_int_equal(memcmp(a + off, b + off, n), 0);
				b[off + pos] = (unsigned char)(a[off + pos] + 1);
				assert_int_equal(sign(memcmp(a + off, b + off, n)),
						 a[off + pos] < b[off + pos] ? -1 : 1);
				assert_int_equal(memcmp(a + off, b + off, pos), 0);
			}
	/* Bytes compare as unsigned char. */
	a[0] = 0x80;
	b[0] = 0x01;
	assert_true(memcmp(a, b, 1) > 0);
	/* Different relative alignment. */
	fill_pattern(a, BUF, 2);
	memcpy(b + 3, a, 50);
	assert_int_equal(memcmp(a, b + 3, 50), 0);
}

static void test_memchr(void **state)
{
	const char s[] = "hello\0world\xff";

	(void)state;
	assert_ptr_equal(memchr(s, 'o', sizeof(s)), s + 4);
	assert_ptr_equal(memchr(s, 'w', sizeof(s)), s + 6);
	assert_ptr_equal(memchr(s, '\0', sizeof(s)), s + 5);
	assert_ptr_equal(memchr(s, 0xff, sizeof(s)), s + 11);
	assert_ptr_equal(memchr(s, 0x1ff, sizeof(s)), s + 11);
	assert_null(memchr(s, 'w', 6));
	assert_null(memchr(s, 'h', 0));
}

static void test_strlen_strnlen(void **state)
{
	char buf[64];
	size_t i;

	(void)state;
	assert_int_equal(strlen(""), 0);
	assert_int_equal(strlen("abc"), 3);
	for (i = 0; i < 40; i++) {
		memset(buf, 'x', i);
		buf[i] = '\0';
		assert_int_equal(strlen(buf), i);
		assert_int_equal(strnlen(buf, 100), i);
		assert_int_equal(strnlen(buf, 5), i < 5 ? i : 5);
	}
	assert_int_equal(strnlen("abc", 0), 0);
	/* strnlen must not read past maxlen: an unterminated array. */
	{
		char raw[4] = { 'a', 'b', 'c', 'd' };

		assert_int_equal(strnlen(raw, sizeof(raw)), 4);
	}
}

static void test_strcmp_strncmp(void **state)
{
	(void)state;
	assert_int_equal(strcmp("", ""), 0);
	assert_int_equal(strcmp("abc", "abc"), 0);
	assert_true(strcmp("abc", "abd") < 0);
	assert_true(strcmp("abd", "abc") > 0);
	assert_true(strcmp("ab", "abc") < 0);
	assert_true(strcmp("abc", "ab") > 0);
	assert_true(strcmp("\x80", "\x01") > 0);	/* unsigned compare */
	assert_int_equal(strncmp("abcx", "abcy", 3), 0);
	assert_true(strncmp("abcx", "abcy", 4) < 0);
	assert_int_equal(strncmp("abc", "xyz", 0), 0);
	assert_int_equal(strncmp("ab", "ab", 10), 0);
	assert_true(strncmp("ab", "abc", 10) < 0);
	assert_true(strncmp("\xff", "a", 1) > 0);
}

static void test_strchr_strrchr_strstr(void **state)
{
	const char *s = "a/b/c";

	(void)state;
	assert_ptr_equal(strchr(s, '/'), s + 1);
	assert_ptr_equal(strrchr(s, '/'), s + 3);
	assert_ptr_equal(strchr(s, '\0'), s + 5);
	assert_ptr_equal(strrchr(s, '\0'), s + 5);
	assert_null(strchr(s, 'x'));
	assert_null(strrchr(s, 'x'));
	assert_ptr_equal(strchr(s, 'a'), s);
	assert_ptr_equal(strrchr(s, 'a'), s);
	{
		const char *h = "abababc", *hw = "hello world";

		assert_ptr_equal(strstr(hw, "o w"), hw + 4);
		assert_ptr_equal(strstr(h, "ababc"), h + 2);
		assert_ptr_equal(strstr(h, ""), h);
		assert_ptr_equal(strstr(h, "c"), h + 6);
		assert_null(strstr(h, "abd"));
		assert_null(strstr(h, "abababcx"));
		assert_null(strstr("", "a"));
		assert_ptr_equal(strstr(h, h), h);
	}
}

static void test_strcpy_strncpy_strcat(void **state)
{
	char buf[16];
	int i;

	(void)state;
	memset(buf, GUARD, sizeof(buf));
	assert_ptr_equal(strcpy(buf, "abc"), buf);
	assert_string_equal(buf, "abc");
	assert_int_equal((unsigned char)buf[4], GUARD);

	assert_ptr_equal(strcat(buf, "def"), buf);
	assert_string_equal(buf, "abcdef");
	strcat(buf, "");
	assert_string_equal(buf, "abcdef");

	/* strncpy pads with NULs up to n ... */
	memset(buf, GUARD, sizeof(buf));
	assert_ptr_equal(strncpy(buf, "ab", 6), buf);
	assert_memory_equal(buf, "ab\0\0\0\0", 6);
	assert_int_equal((unsigned char)buf[6], GUARD);
	/* ... and does not terminate when src is too long. */
	memset(buf, GUARD, sizeof(buf));
	strncpy(buf, "abcdef", 3);
	assert_memory_equal(buf, "abc", 3);
	for (i = 3; i < 16; i++)
		assert_int_equal((unsigned char)buf[i], GUARD);
}

static void test_strlcpy(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, GUARD, sizeof(buf));
	assert_int_equal(strlcpy(buf, "abc", sizeof(buf)), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(strlcpy(buf, "abcdefghij", sizeof(buf)), 10);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(strlcpy(buf, "abcdefg", sizeof(buf)), 7);
	assert_string_equal(buf, "abcdefg");
	memset(buf, GUARD, sizeof(buf));
	assert_int_equal(strlcpy(buf, "xyz", 0), 3);
	assert_int_equal((unsigned char)buf[0], GUARD);
	assert_int_equal(strlcpy(buf, "xyz", 1), 3);
	assert_string_equal(buf, "");
}

static void test_strscpy(void **state)
{
	char buf[8];
	char raw[4] = { 'w', 'x', 'y', 'z' };	/* not terminated */

	(void)state;
	assert_int_equal(strscpy(buf, "abc", sizeof(buf)), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(strscpy(buf, "", sizeof(buf)), 0);
	assert_string_equal(buf, "");
	assert_int_equal(strscpy(buf, "abcdefg", sizeof(buf)), 7);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(strscpy(buf, "abcdefgh", sizeof(buf)), -E2BIG);
	assert_string_equal(buf, "abcdefg");
	memset(buf, GUARD, sizeof(buf));
	assert_int_equal(strscpy(buf, "abc", 0), -E2BIG);
	assert_int_equal((unsigned char)buf[0], GUARD);
	/* Reads at most size bytes of src. */
	assert_int_equal(strscpy(buf, raw, sizeof(raw)), -E2BIG);
	assert_string_equal(buf, "wxy");
}

static void test_str_has_prefix(void **state)
{
	(void)state;
	assert_int_equal(str_has_prefix("console=ttyS0", "console="), 8);
	assert_int_equal(str_has_prefix("console", "console="), 0);
	assert_int_equal(str_has_prefix("abc", ""), 0);
	assert_int_equal(str_has_prefix("abc", "abc"), 3);
	assert_int_equal(str_has_prefix("", "a"), 0);
}

struct ull_case {
	const char *s;
	unsigned base;
	int err;
	unsigned long long val;
};

static void test_kstrtoull(void **state)
{
	static const struct ull_case cases[] = {
		{ "0", 0, 0, 0 },
		{ "0", 10, 0, 0 },
		{ "123", 10, 0, 123 },
		{ "123", 0, 0, 123 },
		{ "0x1f", 0, 0, 31 },
		{ "0X1F", 0, 0, 31 },
		{ "017", 0, 0, 15 },
		{ "017", 10, 0, 17 },
		{ "08", 0, -EINVAL, 0 },
		{ "ff", 16, 0, 255 },
		{ "0xff", 16, 0, 255 },
		{ "0x", 16, -EINVAL, 0 },
		{ "0x", 0, -EINVAL, 0 },
		{ "0xg", 0, -EINVAL, 0 },
		{ "101", 2, 0, 5 },
		{ "102", 2, -EINVAL, 0 },
		{ "zz", 36, 0, 35 * 36 + 35 },
		{ "18446744073709551615", 10, 0, 18446744073709551615ULL },
		{ "18446744073709551616", 10, -ERANGE, 0 },
		{ "99999999999999999999", 10, -ERANGE, 0 },
		{ "0xffffffffffffffff", 0, 0, 0xffffffffffffffffULL },
		{ "0x10000000000000000", 0, -ERANGE, 0 },
		{ "1777777777777777777777", 8, 0, 0xffffffffffffffffULL },
		{ "2000000000000000000000", 8, -ERANGE, 0 },
		{ "", 10, -EINVAL, 0 },
		{ "+", 10, -EINVAL, 0 },
		{ "+5", 10, 0, 5 },
		{ "-5", 10, -EINVAL, 0 },
		{ " 5", 10, -EINVAL, 0 },
		{ "5 ", 10, -EINVAL, 0 },
		{ "12a", 10, -EINVAL, 0 },
		{ "12\n", 10, 0, 12 },
		{ "12\n\n", 10, -EINVAL, 0 },
		{ "\n", 10, -EINVAL, 0 },
		{ "5", 1, -EINVAL, 0 },
		{ "5", 37, -EINVAL, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned long long v = 0xdeadbeef;
		int err = kstrtoull(cases[i].s, cases[i].base, &v);

		if (err != cases[i].err)
			fail_msg("kstrtoull(\"%s\", %u) = %d, want %d", cases[i].s,
				 cases[i].base, err, cases[i].err);
		assert_true(v == (cases[i].err ? 0xdeadbeef : cases[i].val));
	}
}

struct ll_case {
	const char *s;
	unsigned base;
	int err;
	long long val;
};

static void test_kstrtoll(void **state)
{
	static const struct ll_case cases[] = {
		{ "0", 10, 0, 0 },
		{ "-0", 10, 0, 0 },
		{ "42", 10, 0, 42 },
		{ "-42", 10, 0, -42 },
		{ "+42", 10, 0, 42 },
		{ "-0x10", 0, 0, -16 },
		{ "-010", 0, 0, -8 },
		{ "9223372036854775807", 10, 0, INT64_MAX },
		{ "9223372036854775808", 10, -ERANGE, 0 },
		{ "-9223372036854775808", 10, 0, INT64_MIN },
		{ "-9223372036854775809", 10, -ERANGE, 0 },
		{ "-18446744073709551616", 10, -ERANGE, 0 },
		{ "-", 10, -EINVAL, 0 },
		{ "--1", 10, -EINVAL, 0 },
		{ "-+1", 10, -EINVAL, 0 },
		{ "+-1", 10, -EINVAL, 0 },
		{ "", 10, -EINVAL, 0 },
		{ "-1\n", 10, 0, -1 },
		{ "1x", 10, -EINVAL, 0 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long long v = 12345;
		int err = kstrtoll(cases[i].s, cases[i].base, &v);

		if (err != cases[i].err)
			fail_msg("kstrtoll(\"%s\", %u) = %d, want %d", cases[i].s,
				 cases[i].base, err, cases[i].err);
		assert_true(v == (cases[i].err ? 12345 : cases[i].val));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_memcpy_all_alignments),
		cmocka_unit_test(test_memmove_overlap),
		cmocka_unit_test(test_memset),
		cmocka_unit_test(test_memcmp),
		cmocka_unit_test(test_memchr),
		cmocka_unit_test(test_strlen_strnlen),
		cmocka_unit_test(test_strcmp_strncmp),
		cmocka_unit_test(test_strchr_strrchr_strstr),
		cmocka_unit_test(test_strcpy_strncpy_strcat),
		cmocka_unit_test(test_strlcpy),
		cmocka_unit_test(test_strscpy),
		cmocka_unit_test(test_str_has_prefix),
		cmocka_unit_test(test_kstrtoull),
		cmocka_unit_test(test_kstrtoll),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
