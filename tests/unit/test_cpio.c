/*
 * Unit tests for kernel/fs/cpio.c, the newc reader behind the initramfs:
 * well-formed archives (files, directories, symlinks, every header
 * field, concatenated archives with zero padding between them), each
 * kind of corruption (bad magic, non-hex fields, names without their NUL
 * or with one inside, zero and huge name sizes, data past the end, gzip),
 * every truncation of a good archive, and random byte mutations. Every
 * input sits in a malloc'd buffer of exactly its size, so AddressSanitizer
 * catches a read past the end; every entry returned must lie inside it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"
#include "host_rename.h"
#include <lib/string.h>
#include <fs/cpio.h>
#include <uapi/errno.h>

struct arch {
	unsigned char *buf;
	size_t len, cap;
};

static void put(struct arch *a, const void *p, size_t n)
{
	if (a->len + n > a->cap) {
		a->cap = (a->len + n) * 2 + 64;
		a->buf = realloc(a->buf, a->cap);
		assert_non_null(a->buf);
	}
	if (n)
		k_memcpy(a->buf + a->len, p, n);
	a->len += n;
}

static void pad4(struct arch *a)
{
	static const char z[4];

	put(a, z, (4 - a->len % 4) % 4);
}

/* One newc member; namesize = strlen(name) + 1 unless namesize_override. */
static void member(struct arch *a, const char *name, unsigned mode, const void *data,
		   size_t size, unsigned ino, unsigned mtime)
{
	char h[CPIO_HEADER_SIZE + 1];

	sprintf(h, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 ino, mode, 1000, 100, 1, mtime, (unsigned)size, 0, 0, 5, 1,
		 (unsigned)strlen(name) + 1, 0);
	put(a, h, CPIO_HEADER_SIZE);
	put(a, name, strlen(name) + 1);
	pad4(a);
	put(a, data, size);
	pad4(a);
}

static void trailer(struct arch *a)
{
	member(a, "TRAILER!!!", 0, NULL, 0, 0, 0);
}

/* A copy in a buffer of exactly len bytes (ASan sees overreads). */
static unsigned char *exact(const void *p, size_t len)
{
	unsigned char *b = malloc(len ? len : 1);

	assert_non_null(b);
	if (len)
		k_memcpy(b, p, len);
	return b;
}

static void sample(struct arch *a)
{
	member(a, ".", 040755, NULL, 0, 1, 100);
	member(a, "bin", 040755, NULL, 0, 2, 200);
	member(a, "bin/hello", 0100755, "hello, world\n", 13, 3, 300);
	member(a, "bin/sh", 0120777, "hello", 5, 4, 400);
	member(a, "empty", 0100644, NULL, 0, 5, 500);
	trailer(a);
}

/* Parse everything; returns entries seen and the final status. Checks bounds. */
static int parse_all(const unsigned char *buf, size_t len, int *status)
{
	struct cpio_reader r;
	struct cpio_entry e;
	int n = 0, rc;

	cpio_reader_init(&r, buf, len);
	while ((rc = cpio_next(&r, &e)) == 1) {
		const unsigned char *name = (const unsigned char *)e.name;
		const unsigned char *data = e.data;

		assert_true(name >= buf && name + e.namelen < buf + len);
		assert_int_equal(name[e.namelen], 0);
		assert_true(e.namelen > 0);
		assert_true(data >= buf && data + e.size <= buf + len);
		n++;
		assert_true(n < 100000);
	}
	assert_true(rc == 0 || rc == -EINVAL);
	if (rc == -EINVAL)
		assert_non_null(r.error);
	assert_int_equal(cpio_next(&r, &e), rc);   /* stays at the end */
	*status = rc;
	return n;
}

static void test_empty(void **state)
{
	int st;

	(void)state;
	assert_int_equal(parse_all((const unsigned char *)"", 0, &st), 0);
	assert_int_equal(st, 0);
	unsigned char *z = calloc(1, 512);
	assert_int_equal(parse_all(z, 512, &st), 0);
	assert_int_equal(st, 0);
	free(z);
}

static void test_members(void **state)
{
	struct arch a = { 0 };
	struct cpio_reader r;
	struct cpio_entry e;

	(void)state;
	sample(&a);
	unsigned char *b = exact(a.buf, a.len);
	cpio_reader_init(&r, b, a.len);
	assert_int_equal(cpio_next(&r, &e), 1);
	assert_string_equal(e.name, ".");
	assert_int_equal(e.mode, 040755);
	assert_int_equal(cpio_next(&r, &e), 1);
	assert_string_equal(e.name, "bin");
	assert_int_equal(e.namelen, 3);
	assert_int_equal(e.ino, 2);
	assert_int_equal(e.mtime, 200);
	assert_int_equal(e.uid, 1000);
	assert_int_equal(e.gid, 100);
	assert_int_equal(e.nlink, 1);
	assert_int_equal(e.rdevmajor, 5);
	assert_int_equal(e.rdevminor, 1);
	assert_int_equal(cpio_next(&r, &e), 1);
	assert_string_equal(e.name, "bin/hello");
	assert_int_equal(e.mode, 0100755);
	assert_int_equal(e.size, 13);
	assert_memory_equal(e.data, "hello, world\n", 13);
	assert_int_equal(cpio_next(&r, &e), 1);
	assert_string_equal(e.name, "bin/sh");
	assert_int_equal(e.size, 5);
	assert_memory_equal(e.data, "hello", 5);
	assert_int_equal(cpio_next(&r, &e), 1);
	assert_string_equal(e.name, "empty");
	assert_int_equal(e.size, 0);
	assert_int_equal(cpio_next(&r, &e), 0);
	assert_int_equal(cpio_next(&r, &e), 0);
	free(b);
	free(a.buf);
}

/* Two archives with zero padding between (as Linux concatenates them). */
static void test_concatenated(void **state)
{
	struct arch a = { 0 };
	static const char zeros[512];
	int st;

	(void)state;
	sample(&a);
	put(&a, zeros, 512);
	member(&a, "second", 0100600, "x", 1, 9, 9);
	trailer(&a);
	put(&a, zeros, 3);   /* odd padding at the very end */
	unsigned char *b = exact(a.buf, a.len);
	assert_int_equal(parse_all(b, a.len, &st), 6);
	assert_int_equal(st, 0);
	free(b);
	free(a.buf);
}

/* Corrupt one header field of the sample's third member ("bin/hello"). */
static int corrupt_and_parse(size_t field_off, const char *text, int *entries)
{
	struct arch a = { 0 };
	int st;
	size_t third;

	sample(&a);
	/* members: "." (112+...), compute the third header's offset by parsing */
	struct cpio_reader r;
	struct cpio_entry e;
	cpio_reader_init(&r, a.buf, a.len);
	assert_int_equal(cpio_next(&r, &e), 1);
	assert_int_equal(cpio_next(&r, &e), 1);
	third = r.off;
	k_memcpy(a.buf + third + field_off, text, strlen(text));
	unsigned char *b = exact(a.buf, a.len);
	*entries = parse_all(b, a.len, &st);
	free(b);
	free(a.buf);
	return st;
}

#define FIELD(i) (6 + 8 * (i))

static void test_corrupt_fields(void **state)
{
	int n;

	(void)state;
	assert_int_equal(corrupt_and_parse(0, "070707", &n), -EINVAL);        /* odc magic */
	assert_int_equal(n, 2);
	assert_int_equal(corrupt_and_parse(0, "XXXXXX", &n), -EINVAL);
	assert_int_equal(corrupt_and_parse(FIELD(1), "0010075G", &n), -EINVAL);  /* mode not hex */
	assert_int_equal(corrupt_and_parse(FIELD(6), " 000000D", &n), -EINVAL);  /* space */
	assert_int_equal(corrupt_and_parse(FIELD(6), "FFFFFFFF", &n), -EINVAL);  /* huge size */
	assert_int_equal(corrupt_and_parse(FIELD(6), "00001000", &n), -EINVAL);  /* past the end */
	assert_int_equal(corrupt_and_parse(FIELD(11), "00000000", &n), -EINVAL); /* namesize 0 */
	assert_int_equal(corrupt_and_parse(FIELD(11), "FFFFFFFF", &n), -EINVAL); /* huge name */
	assert_int_equal(corrupt_and_parse(FIELD(11), "00000009", &n), -EINVAL); /* no NUL */
	assert_int_equal(corrupt_and_parse(FIELD(11), "0000000B", &n), -EINVAL); /* NUL inside */
	assert_int_equal(corrupt_and_parse(FIELD(11), "00000001", &n), -EINVAL); /* empty name */
	/* "070702" (with checksum) is accepted: the check field is not verified */
	assert_int_equal(corrupt_and_parse(0, "070702", &n), 0);
	assert_int_equal(n, 5);
}

static void test_name_limits(void **state)
{
	struct arch a = { 0 };
	char *name = malloc(CPIO_NAME_MAX + 1);
	int st;

	(void)state;
	k_memset(name, 'n', CPIO_NAME_MAX - 1);
	name[CPIO_NAME_MAX - 1] = 0;   /* namesize = CPIO_NAME_MAX: fits */
	member(&a, name, 0100644, "d", 1, 1, 1);
	trailer(&a);
	unsigned char *b = exact(a.buf, a.len);
	assert_int_equal(parse_all(b, a.len, &st), 1);
	assert_int_equal(st, 0);
	free(b);
	a.len = 0;
	name[CPIO_NAME_MAX - 1] = 'n';
	name[CPIO_NAME_MAX] = 0;       /* one more: refused */
	member(&a, name, 0100644, "d", 1, 1, 1);
	b = exact(a.buf, a.len);
	assert_int_equal(parse_all(b, a.len, &st), 0);
	assert_int_equal(st, -EINVAL);
	free(b);
	free(name);
	free(a.buf);
}

static void test_gzip_refused(void **state)
{
	static const unsigned char gz[] = { 0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3 };
	struct cpio_reader r;
	struct cpio_entry e;

	(void)state;
	unsigned char *b = exact(gz, sizeof(gz));
	cpio_reader_init(&r, b, sizeof(gz));
	assert_int_equal(cpio_next(&r, &e), -EINVAL);
	assert_non_null(strstr(r.error, "gzip"));
	free(b);
}

/* Every prefix of a good archive: members before the cut, then 0 or -EINVAL. */
static void test_truncations(void **state)
{
	struct arch a = { 0 };
	int st;

	(void)state;
	sample(&a);
	for (size_t len = 0; len <= a.len; len++) {
		unsigned char *b = exact(a.buf, len);
		int n = parse_all(b, len, &st);

		assert_true(n <= 5);
		if (len == a.len) {
			assert_int_equal(n, 5);
			assert_int_equal(st, 0);
		}
		free(b);
	}
	free(a.buf);
}

/* Random mutations of a good archive: never a crash, never out of bounds. */
static void test_fuzz(void **state)
{
	struct arch a = { 0 };
	struct unit_rng rng;
	int st, bad = 0;

	(void)state;
	sample(&a);
	member(&a, "dir/with/a/long/name/file.txt", 0100644, "0123456789abcdef", 16, 7, 7);
	trailer(&a);
	unit_rng_seed(&rng, 0xc910);
	for (int iter = 0; iter < 20000; iter++) {
		unsigned char *b = exact(a.buf, a.len);
		size_t len = a.len;
		int flips = 1 + (int)unit_rng_below(&rng, 8);

		for (int i = 0; i < flips; i++) {
			size_t at = unit_rng_below(&rng, a.len);
			switch (unit_rng_below(&rng, 3)) {
			case 0: b[at] = (unsigned char)unit_rng_next(&rng); break;
			case 1: b[at] = "0123456789ABCDEF"[unit_rng_below(&rng, 16)]; break;
			default: b[at] = 0; break;
			}
		}
		if (unit_rng_below(&rng, 4) == 0)
			len = unit_rng_below(&rng, a.len + 1);
		unsigned char *c = exact(b, len);
		parse_all(c, len, &st);
		bad += st != 0;
		free(c);
		free(b);
	}
	assert_true(bad > 0);   /* the mutations did reach the checks */
	free(a.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_members),
		cmocka_unit_test(test_concatenated),
		cmocka_unit_test(test_corrupt_fields),
		cmocka_unit_test(test_name_limits),
		cmocka_unit_test(test_gzip_refused),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_fuzz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
