/*
 * Unit tests for kernel/fs/fdtable.c: lowest-free allocation, reuse after
 * close, search from a start (F_DUPFD), close-on-exec bits, growth sizing
 * against the limit, copying into a grown table, and a random sequence of
 * operations checked against a simple model, with fdtable_validate()
 * after every change; reservations (open(2) takes its fd first).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>

#include "kernel_stubs.h"
#include "unit_util.h"
#include "host_rename.h"
#include <fs/file.h>
#include <lib/string.h>

/* Fake files: distinct non-NULL pointers. */
static char files_storage[8192];
#define F(i) ((struct file *)&files_storage[(i) % 8192])

struct table {
	struct fdtable t;
};

static void table_init(struct fdtable *t, unsigned int max)
{
	t->max_fds = max;
	t->fd = calloc(max, sizeof(struct file *));
	t->open_fds = calloc(FD_BITMAP_LONGS(max), sizeof(unsigned long));
	t->close_on_exec = calloc(FD_BITMAP_LONGS(max), sizeof(unsigned long));
}

static void table_free(struct fdtable *t)
{
	free(t->fd);
	free(t->open_fds);
	free(t->close_on_exec);
}

static void valid(const struct fdtable *t)
{
	const char *why = fdtable_validate(t);

	if (why)
		fail_msg("fdtable invalid: %s", why);
}

static void test_lowest_free(void **state)
{
	struct fdtable t;

	(void)state;
	table_init(&t, 64);
	for (int i = 0; i < 64; i++) {
		int fd = fdtable_find_free(&t, 0);
		assert_int_equal(fd, i);
		fdtable_set(&t, (unsigned)fd, F(i + 1), false);
		valid(&t);
	}
	assert_int_equal(fdtable_find_free(&t, 0), -1);
	assert_ptr_equal(fdtable_clear(&t, 17), F(18));
	assert_ptr_equal(fdtable_clear(&t, 17), NULL);
	assert_ptr_equal(fdtable_clear(&t, 5), F(6));
	valid(&t);
	assert_int_equal(fdtable_find_free(&t, 0), 5);
	assert_int_equal(fdtable_find_free(&t, 6), 17);
	assert_int_equal(fdtable_find_free(&t, 18), -1);
	assert_int_equal(fdtable_next_open(&t, 5), 6);
	assert_int_equal(fdtable_next_open(&t, 17), 18);
	assert_ptr_equal(fdtable_clear(&t, 64), NULL);   /* out of range */
	table_free(&t);
}

static void test_cloexec(void **state)
{
	struct fdtable t;

	(void)state;
	table_init(&t, 128);
	fdtable_set(&t, 3, F(3), true);
	fdtable_set(&t, 100, F(100), false);
	assert_true(fdtable_is_cloexec(&t, 3));
	assert_false(fdtable_is_cloexec(&t, 100));
	fdtable_set_cloexec(&t, 100, true);
	fdtable_set_cloexec(&t, 50, true);   /* closed: ignored */
	valid(&t);
	assert_true(fdtable_is_cloexec(&t, 100));
	assert_false(fdtable_is_cloexec(&t, 50));
	fdtable_clear(&t, 3);
	assert_false(fdtable_is_cloexec(&t, 3));
	fdtable_set(&t, 3, F(4), false);
	assert_false(fdtable_is_cloexec(&t, 3));   /* a new file does not inherit the bit */
	valid(&t);
	assert_false(fdtable_is_cloexec(&t, 1000));
	table_free(&t);
}

static void test_grow_size(void **state)
{
	(void)state;
	assert_int_equal(fdtable_grow_size(64, 64, 1024), 128);
	assert_int_equal(fdtable_grow_size(64, 200, 1024), 256);
	assert_int_equal(fdtable_grow_size(512, 1000, 1024), 1024);
	assert_int_equal(fdtable_grow_size(1024, 1024, 1024), 0);   /* at the limit */
	assert_int_equal(fdtable_grow_size(64, 70, 100), 128);        /* limit rounded to a word */
	assert_int_equal(fdtable_grow_size(64, 99, 100), 128);
	assert_int_equal(fdtable_grow_size(64, 100, 100), 0);
	assert_int_equal(fdtable_grow_size(64, 5000, 4096), 0);
	assert_int_equal(fdtable_grow_size(64, 4095, 4096), 4096);
	assert_int_equal(fdtable_grow_size(0, 0, 10), 64);
	assert_int_equal(fdtable_grow_size(64, 3000000, ~0u), 0);     /* NR_OPEN_MAX caps */
}

static void test_copy(void **state)
{
	struct fdtable a, b;

	(void)state;
	table_init(&a, 64);
	table_init(&b, 256);
	for (unsigned i = 0; i < 64; i += 3)
		fdtable_set(&a, i, F(i + 1), i % 2);
	for (unsigned i = 64; i < 256; i++)   /* junk the copy must clear */
		b.fd[i] = NULL;
	k_memset(b.open_fds, 0xff, FD_BITMAP_LONGS(256) * sizeof(long));
	fdtable_copy(&b, &a);
	valid(&b);
	for (unsigned i = 0; i < 64; i++) {
		assert_ptr_equal(b.fd[i], a.fd[i]);
		assert_int_equal(fdtable_is_cloexec(&b, i), fdtable_is_cloexec(&a, i));
	}
	assert_int_equal(fdtable_find_free(&b, 64), 64);
	assert_int_equal(fdtable_next_open(&b, 64), -1);
	table_free(&a);
	table_free(&b);
}

/* Random operations against a model array. */
static void test_random(void **state)
{
	struct fdtable t;
	struct file *model[512] = { 0 };
	bool cloexec[512] = { 0 };
	struct unit_rng rng;

	(void)state;
	table_init(&t, 512);
	unit_rng_seed(&rng, 77);
	for (int step = 0; step < 20000; step++) {
		unsigned int start = (unsigned)unit_rng_below(&rng, 520);
		switch (unit_rng_below(&rng, 4)) {
		case 0:
		case 1: {
			int fd = fdtable_find_free(&t, start), want = -1;
			for (unsigned i = start; i < 512; i++)
				if (!model[i]) { want = (int)i; break; }
			assert_int_equal(fd, want);
			if (fd >= 0) {
				bool ce = unit_rng_below(&rng, 2);
				fdtable_set(&t, (unsigned)fd, F(step + 1), ce);
				model[fd] = F(step + 1);
				cloexec[fd] = ce;
			}
			break;
		}
		case 2:
			if (start < 512) {
				assert_ptr_equal(fdtable_clear(&t, start), model[start]);
				model[start] = NULL;
				cloexec[start] = false;
			}
			break;
		default:
			if (start < 512 && model[start]) {
				fdtable_set_cloexec(&t, start, !cloexec[start]);
				cloexec[start] = !cloexec[start];
			}
		}
		valid(&t);
	}
	for (unsigned i = 0; i < 512; i++) {
		assert_ptr_equal(t.fd[i], model[i]);
		assert_int_equal(fdtable_is_cloexec(&t, i), cloexec[i]);
	}
	table_free(&t);
}

/* A reservation: taken, invisible to clear, then filled or dropped. */
static void test_reserve(void **state)
{
	struct fdtable t;

	(void)state;
	table_init(&t, 64);
	fdtable_set(&t, 0, F(1), false);
	fdtable_reserve(&t, 1, true);
	valid(&t);
	assert_true(fdtable_is_reserved(&t, 1));
	assert_false(fdtable_is_reserved(&t, 0));
	assert_false(fdtable_is_reserved(&t, 2));
	assert_int_equal(fdtable_find_free(&t, 0), 2);
	assert_int_equal(fdtable_next_open(&t, 1), 1);
	assert_ptr_equal(fdtable_clear(&t, 1), NULL);   /* close(2) of it: -EBADF, stays */
	assert_true(fdtable_is_reserved(&t, 1));
	fdtable_fill(&t, 1, F(2));
	assert_false(fdtable_is_reserved(&t, 1));
	assert_true(fdtable_is_cloexec(&t, 1));
	valid(&t);
	fdtable_reserve(&t, 2, false);
	fdtable_unreserve(&t, 2);
	assert_int_equal(fdtable_find_free(&t, 0), 2);
	assert_ptr_equal(fdtable_clear(&t, 1), F(2));
	valid(&t);
	table_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lowest_free),
		cmocka_unit_test(test_cloexec),
		cmocka_unit_test(test_grow_size),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_reserve),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
