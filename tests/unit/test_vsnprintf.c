/*
 * Unit tests for kernel/lib/vsnprintf.c.
 *
 * The bulk of the test generates every combination of flags, width,
 * precision and length modifier for each integer conversion, and compares
 * the kernel's snprintf with the host C library's (ref_snprintf), output
 * bytes and return value both. Kernel-specific behaviour (%p, %pS, NULL
 * %s, unknown conversions) is checked against fixed expectations.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/types.h>

#include "host_rename.h"
#include "ref_printf.h"
#include <lib/printf.h>
#include <lib/string.h>

#define OUT 160
#define FILLER 0x5a

/*
 * Some formats tested here ("%5%") make ASan's printf interceptor, which
 * checks the formats passed to the host libc, print a warning.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "check_printf=0";
}

typedef int (*snprintf_fn)(char *, size_t, const char *, ...);

/* Test symbol table for %pS: one function, "demo_func", at 0x1000..0x1fff. */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset)
{
	if (addr >= 0x1000 && addr < 0x2000) {
		*offset = addr - 0x1000;
		return "demo_func";
	}
	return NULL;
}

/*
 * A format gcc cannot see at compile time: -Wformat rejects some formats
 * whose behaviour is defined and worth testing ("%5%", "" or "%08.3d").
 */
static const char *rt(const char *fmt)
{
	const char *volatile v = fmt;

	return v;
}

/* Run fmt through both implementations; fail with details on mismatch. */
static void compare_outputs(const char *fmt, const char *kb, int kn,
			    const char *rb, int rn)
{
	if (kn != rn || memcmp(kb, rb, OUT) != 0)
		fail_msg("format \"%s\": kernel \"%s\" (%d), libc \"%s\" (%d)",
			 fmt, kb, kn, rb, rn);
}

/*
 * Both snprintfs on one format of the integer family; len selects the C
 * type the format's length modifier expects.
 */
static int call_int(snprintf_fn fn, char *buf, const char *fmt, int len,
		    bool is_signed, uint64_t v)
{
	switch (len) {
	case 0: case 1: case 2:	/* "", hh, h: promoted to int */
		return is_signed ? fn(buf, OUT, fmt, (int)v)
				 : fn(buf, OUT, fmt, (unsigned int)v);
	case 3:
		return is_signed ? fn(buf, OUT, fmt, (long)v)
				 : fn(buf, OUT, fmt, (unsigned long)v);
	case 4:
		return is_signed ? fn(buf, OUT, fmt, (long long)v)
				 : fn(buf, OUT, fmt, (unsigned long long)v);
	case 5:
		return is_signed ? fn(buf, OUT, fmt, (ssize_t)v)
				 : fn(buf, OUT, fmt, (size_t)v);
	case 6:
		return is_signed ? fn(buf, OUT, fmt, (ptrdiff_t)v)
				 : fn(buf, OUT, fmt, (size_t)v);
	default:
		return is_signed ? fn(buf, OUT, fmt, (intmax_t)v)
				 : fn(buf, OUT, fmt, (uintmax_t)v);
	}
}

static const char *const int_lengths[] = { "", "hh", "h", "l", "ll", "z",
					   "t", "j" };
static const char *const widths[] = { "", "1", "7", "24" };
static const char *const precisions[] = { "", ".", ".0", ".1", ".6", ".23" };
static const uint64_t int_values[] = {
	0, 1, 7, 8, 42, 0x7f, 0x80, 0xff, 0x100, 32767, 32768, 65535,
	INT_MAX, (uint64_t)(int64_t)INT_MIN, UINT_MAX, LONG_MAX,
	(uint64_t)LONG_MIN, ULLONG_MAX, 0x123456789abcdef0ULL,
	(uint64_t)-1, (uint64_t)-42,
};

/* The format "%<flags><width><prec><len><conv>" for flag subset bits. */
static void make_format(char *fmt, unsigned bits, const char *width,
			const char *prec, const char *len, char conv)
{
	static const char flag_chars[] = "-0+ #";
	char *p = fmt;
	int i;

	*p++ = '%';
	for (i = 0; i < 5; i++)
		if (bits & (1u << i))
			*p++ = flag_chars[i];
	p += ref_snprintf(p, 40, "%s%s%s%c", width, prec, len, conv);
	*p = '\0';
}

static void check_int_conversion(char conv)
{
	char fmt[64], kb[OUT], rb[OUT];
	bool is_signed = conv == 'd' || conv == 'i';
	size_t l, w, p, v;
	unsigned bits;

	for (l = 0; l < sizeof(int_lengths) / sizeof(int_lengths[0]); l++)
	for (bits = 0; bits < 32; bits++)
	for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++)
	for (p = 0; p < sizeof(precisions) / sizeof(precisions[0]); p++) {
		make_format(fmt, bits, widths[w], precisions[p],
			    int_lengths[l], conv);
		for (v = 0; v < sizeof(int_values) / sizeof(int_values[0]); v++) {
			int kn, rn;

			memset(kb, FILLER, OUT);
			memset(rb, FILLER, OUT);
			kn = call_int(snprintf, kb, fmt, (int)l, is_signed,
				      int_values[v]);
			rn = call_int(ref_snprintf, rb, fmt, (int)l, is_signed,
				      int_values[v]);
			compare_outputs(fmt, kb, kn, rb, rn);
		}
	}
}

static void test_conv_d(void **state) { (void)state; check_int_conversion('d'); }
static void test_conv_i(void **state) { (void)state; check_int_conversion('i'); }
static void test_conv_u(void **state) { (void)state; check_int_conversion('u'); }
static void test_conv_x(void **state) { (void)state; check_int_conversion('x'); }
static void test_conv_X(void **state) { (void)state; check_int_conversion('X'); }
static void test_conv_o(void **state) { (void)state; check_int_conversion('o'); }

/* Compare one literal call with the host libc, full buffer. */
#define CHECK(...) do { \
	char kb_[OUT], rb_[OUT]; \
	int kn_, rn_; \
	memset(kb_, FILLER, OUT); \
	memset(rb_, FILLER, OUT); \
	kn_ = snprintf(kb_, OUT, __VA_ARGS__); \
	rn_ = ref_snprintf(rb_, OUT, __VA_ARGS__); \
	compare_outputs(#__VA_ARGS__, kb_, kn_, rb_, rn_); \
} while (0)

/* Expect the kernel's output and return value. */
#define EXPECT(want, ...) do { \
	char kb_[OUT]; \
	int kn_ = snprintf(kb_, OUT, __VA_ARGS__); \
	assert_string_equal(kb_, want); \
	assert_int_equal(kn_, (int)strlen(want)); \
} while (0)

static void test_strings_and_chars(void **state)
{
	static const char *const strs[] = { "", "a", "abc", "hello, world",
		"0123456789012345678901234567890123456789" };
	static const char *const fmts[] = { "%s", "%10s", "%-10s", "%.0s",
		"%.2s", "%10.2s", "%-10.2s", "%.50s", "%1s", "[%s]", "%-s|",
		"%05s", "%45s" };
	size_t i, j;

	(void)state;
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++)
		for (j = 0; j < sizeof(strs) / sizeof(strs[0]); j++)
			CHECK(fmts[i], strs[j]);
	CHECK("%c", 'x');
	CHECK("%5c|", 'x');
	CHECK("%-5c|", 'x');
	CHECK("%c%c%c", 'a', 'b', 'c');
	CHECK("[%c]", 0);	/* a NUL inside the output */
	CHECK("%c", 0x141);	/* converted to unsigned char */
	CHECK("%%");
	CHECK("100%% sure");
	CHECK(rt("%5%"));
	CHECK(rt("%-5%|"));
	CHECK("no conversions at all");
	CHECK(rt(""));
}

static void test_star_width_precision(void **state)
{
	(void)state;
	CHECK("%*d", 5, 42);
	CHECK("%-*d|", 5, 42);
	CHECK("%*d|", -5, 42);	/* negative width: left-justify */
	CHECK("%0*d", 6, -42);
	CHECK("%.*d", 4, 7);
	CHECK("%.*d", -1, 7);	/* negative precision: as if none */
	CHECK("%.*d", 0, 0);
	CHECK("%*.*d", 8, 3, 5);
	CHECK("%*.*s|", 8, 3, "abcdef");
	CHECK("%-*.*s|", 8, 3, "abcdef");
	CHECK("%.*s", -3, "abc");
	CHECK("%*s", 0, "x");
	CHECK("%*c|", 3, 'z');
	CHECK("%#*x", 10, 255u);
	CHECK("%d %*d %d", 1, 4, 2, 3);
}

static void test_mixed(void **state)
{
	(void)state;
	CHECK("%d %s %x %c %lu %lld %hhd %hu", -1, "str", 0xbeefu, 'q',
	      123456789UL, -9876543210LL, 300, 70000);
	CHECK("pid %d: %s (%#o)", 42, "init", 0755u);
	CHECK(rt("%08.3d|%-8.3d|%+.3d|% .3d"), 7, 7, 7, 7);
	CHECK("%zu %zd %td %ju %jd", (size_t)-1, (ssize_t)-5, (ptrdiff_t)-6,
	      (uintmax_t)UINT64_MAX, (intmax_t)INT64_MIN);
	CHECK("%lld %lld", LLONG_MIN, LLONG_MAX);
	CHECK("%d %d", INT_MIN, INT_MAX);
	CHECK("%ld %lu %lx", LONG_MIN, ULONG_MAX, LONG_MIN);
	CHECK("%#llo %#llx %#llX", ULLONG_MAX, ULLONG_MAX, ULLONG_MAX);
	CHECK("%+05d % 05d %-+5d|", 3, 3, 3);
	CHECK("%#.0o %#.0x %.0u %.0d|", 0u, 0u, 0u, 0);
	CHECK("%#5.3o|%#5.3x|", 8u, 8u);
}

/*
 * kb (size bytes) must match rb where the output went (the first
 * min(size, len) bytes, len counting the NUL) and be untouched after it.
 */
static void check_prefix(const char *kb, const char *rb, size_t size,
			 size_t len)
{
	size_t i, n = size < len ? size : len;

	for (i = 0; i < size; i++) {
		int want = i < n ? (unsigned char)rb[i] : FILLER;

		if ((unsigned char)kb[i] != want)
			fail_msg("size %zu: byte %zu is 0x%02x, want 0x%02x",
				 size, i, (unsigned char)kb[i], want);
	}
}

/* Every buffer size from 0 to past the full length, in exact-size buffers. */
#define CHECK_SIZES(...) do { \
	char rb_[OUT]; \
	int full_ = ref_snprintf(rb_, OUT, __VA_ARGS__); \
	size_t sz_; \
	for (sz_ = 0; sz_ <= (size_t)full_ + 2; sz_++) { \
		char *kb_ = sz_ ? malloc(sz_) : NULL; \
		int kn_, rn_; \
		if (kb_) \
			memset(kb_, FILLER, sz_); \
		kn_ = snprintf(kb_, sz_, __VA_ARGS__); \
		rn_ = ref_snprintf(rb_, sz_, __VA_ARGS__); \
		assert_int_equal(kn_, rn_); \
		check_prefix(kb_, rb_, sz_, (size_t)full_ + 1); \
		free(kb_); \
	} \
} while (0)

static void test_truncation(void **state)
{
	(void)state;
	CHECK_SIZES("hello");
	CHECK_SIZES("%s, %s!", "hello", "world");
	CHECK_SIZES("%d", INT_MIN);
	CHECK_SIZES("%-12d|", 42);
	CHECK_SIZES("%012lld", LLONG_MIN);
	CHECK_SIZES("%#20.15llx|", 0xabcdefULL);
	CHECK_SIZES("[%10s][%-10s]", "ab", "cd");
	CHECK_SIZES("%c%c", 'a', 'b');
	CHECK_SIZES("%%%d%%", 5);
	CHECK_SIZES(rt(""));
}

static void test_scnprintf(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(scnprintf(buf, sizeof(buf), "%s", "abc"), 3);
	assert_string_equal(buf, "abc");
	assert_int_equal(scnprintf(buf, sizeof(buf), "%s", "abcdefghij"), 7);
	assert_string_equal(buf, "abcdefg");
	assert_int_equal(scnprintf(buf, 1, "%d", 12345), 0);
	assert_string_equal(buf, "");
	assert_int_equal(scnprintf(NULL, 0, "%d", 12345), 0);
	assert_int_equal(snprintf(NULL, 0, "%d", 12345), 5);
	assert_int_equal(scnprintf(buf, sizeof(buf), rt("")), 0);
}

static void test_pointer(void **state)
{
	(void)state;
	EXPECT("0x0000000000001234", "%p", (void *)0x1234);
	EXPECT("0x0000000000000000", "%p", NULL);
	EXPECT("0xffffffffffffffff", "%p", (void *)UINTPTR_MAX);
	EXPECT("0xdeadbeefcafef00d", "%p", (void *)0xdeadbeefcafef00dULL);
	EXPECT("  0x00000000000000ff|", "%20p|", (void *)0xff);
	EXPECT("0x00000000000000ff  |", "%-20p|", (void *)0xff);
	EXPECT("0x0000000000000001s", "%ps", (void *)1);
	EXPECT("a 0x0000000000000010 b", "a %p b", (void *)16);
}

static void test_symbol(void **state)
{
	(void)state;
	EXPECT("demo_func+0x10", "%pS", (void *)0x1010);
	EXPECT("demo_func+0x0", "%pS", (void *)0x1000);
	EXPECT("demo_func+0xfff", "%pS", (void *)0x1fff);
	EXPECT("0x0000000000002000", "%pS", (void *)0x2000);
	EXPECT("at demo_func+0x4 (x)", "at %pS (%s)", (void *)0x1004, "x");
	EXPECT("demo_func+0x4x", "%pSx", (void *)0x1004);
	EXPECT("[     demo_func+0x4]", "[%18pS]", (void *)0x1004);
	EXPECT("[demo_func+0x4     ]", "[%-18pS]", (void *)0x1004);
}

/* Hidden from gcc's -Wformat-overflow, which rejects a visible NULL %s. */
static const char *volatile null_string;

static void test_null_string(void **state)
{
	const char *null = null_string;

	(void)state;
	EXPECT("(null)", "%s", null);
	EXPECT("  (null)", "%8s", null);
	EXPECT("(nu", "%.3s", null);
}

static void test_unknown_conversions(void **state)
{
	(void)state;
	/* Built at run time so that -Wformat does not see them. */
	const char *fmts[] = { "%y", "%5k|", "a%", "%hhq", "%-08.3w" };
	const char *want[] = { "%y", "%5k|", "a%", "%hhq", "%-08.3w" };
	char buf[OUT];
	size_t i;

	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		int n = snprintf(buf, OUT, fmts[i], 0);

		assert_string_equal(buf, want[i]);
		assert_int_equal(n, (int)strlen(want[i]));
	}
	/* An unknown conversion consumes no argument. */
	{
		const char *f = "%y %d";

		snprintf(buf, OUT, f, 5);
		assert_string_equal(buf, "%y 5");
	}
}

static void test_huge_width(void **state)
{
	char buf[16];
	int n;

	(void)state;
	/* Clamped, but must still terminate quickly and truncate safely. */
	n = snprintf(buf, sizeof(buf), rt("%99999999999d"), 1);
	assert_true(n >= 100000000);
	assert_int_equal(strlen(buf), sizeof(buf) - 1);
	n = snprintf(buf, sizeof(buf), rt("%.99999999999d"), 1);
	assert_true(n >= 100000000);
	assert_int_equal(buf[0], '0');
	n = snprintf(buf, sizeof(buf), rt("%*d"), INT_MIN, 1);
	assert_true(n >= 1);
	assert_string_equal(buf, "1              ");
}

static int vwrap(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int vwrap(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void test_va_list_entry(void **state)
{
	char buf[8];

	(void)state;
	assert_int_equal(vwrap(buf, sizeof(buf), "%d-%s", 12, "abcdefgh"), 7);
	assert_string_equal(buf, "12-abcd");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conv_d),
		cmocka_unit_test(test_conv_i),
		cmocka_unit_test(test_conv_u),
		cmocka_unit_test(test_conv_x),
		cmocka_unit_test(test_conv_X),
		cmocka_unit_test(test_conv_o),
		cmocka_unit_test(test_strings_and_chars),
		cmocka_unit_test(test_star_width_precision),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_scnprintf),
		cmocka_unit_test(test_pointer),
		cmocka_unit_test(test_symbol),
		cmocka_unit_test(test_null_string),
		cmocka_unit_test(test_unknown_conversions),
		cmocka_unit_test(test_huge_width),
		cmocka_unit_test(test_va_list_entry),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
