/*
 * Unit tests for procfs's seq_buf (kernel/fs/proc/seq.c: appending,
 * overflow, the retry that doubles the buffer, the size cap) and the
 * character-device registry (kernel/fs/char_dev.c: ranges, overlaps,
 * lookup by minor, unregistering, /proc/devices text, the user dev_t
 * encoding).
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
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/procfs.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <uapi/errno.h>

/* ---------------------------------------------------------------- host allocators */

static int vmalloc_calls, kmalloc_calls;

void *kmalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	kmalloc_calls++;
	return malloc(size ? size : 1);
}

void kfree(const void *p)
{
	free((void *)p);
}

void *vmalloc(size_t size)
{
	vmalloc_calls++;
	return malloc(size);
}

void vfree(const void *p)
{
	free((void *)p);
}

/* chrdev_init's drivers are not linked here. */
int console_chrdev_register(void) { return 0; }
int mem_chrdev_register(void) { return 0; }

/* ---------------------------------------------------------------- seq_buf */

static int show_n(struct seq_buf *s, void *arg)
{
	size_t n = *(size_t *)arg;

	for (size_t i = 0; i < n; i++)
		seq_printf(s, "%c", (char)('a' + i % 26));
	return 0;
}

static void test_seq_small(void **state)
{
	struct seq_buf s;
	size_t n = 10;

	(void)state;
	vmalloc_calls = 0;
	assert_int_equal(seq_buf_generate(&s, show_n, &n), 0);
	assert_int_equal(s.len, 10);
	assert_string_equal(s.buf, "abcdefghij");
	assert_int_equal(vmalloc_calls, 0);
	seq_buf_free(&s);
	assert_null(s.buf);
}

/* A text larger than the first buffer: regenerated into bigger ones, whole. */
static void test_seq_grow(void **state)
{
	struct seq_buf s;
	size_t n = 3 * SEQ_BUF_MIN + 7;

	(void)state;
	vmalloc_calls = 0;
	assert_int_equal(seq_buf_generate(&s, show_n, &n), 0);
	assert_int_equal(s.len, n);
	assert_false(s.overflow);
	assert_true(s.size >= n + 1);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(s.buf[i], 'a' + (int)(i % 26));
	assert_int_equal(s.buf[n], 0);
	assert_int_equal(vmalloc_calls, 2);   /* 8 KiB, then 16 KiB */
	seq_buf_free(&s);
}

/* Exactly size - 1 bytes fit; size bytes do not. */
static void test_seq_boundary(void **state)
{
	struct seq_buf s;
	size_t n = SEQ_BUF_MIN - 1;

	(void)state;
	vmalloc_calls = 0;
	assert_int_equal(seq_buf_generate(&s, show_n, &n), 0);
	assert_int_equal(s.size, SEQ_BUF_MIN);
	assert_int_equal(vmalloc_calls, 0);
	seq_buf_free(&s);
	n = SEQ_BUF_MIN;
	assert_int_equal(seq_buf_generate(&s, show_n, &n), 0);
	assert_int_equal(s.size, 2 * SEQ_BUF_MIN);
	assert_int_equal(s.len, SEQ_BUF_MIN);
	seq_buf_free(&s);
}

static int show_raw(struct seq_buf *s, void *arg)
{
	(void)arg;
	seq_write(s, "a\0b", 3);
	seq_puts(s, "cd");
	seq_putc(s, '\n');
	return 0;
}

static int show_fail(struct seq_buf *s, void *arg)
{
	(void)arg;
	seq_puts(s, "partial");
	return -ESRCH;
}

static int show_huge(struct seq_buf *s, void *arg)
{
	(void)arg;
	for (size_t i = 0; i <= SEQ_BUF_MAX / 64; i++)
		seq_printf(s, "%064d", 0);
	return 0;
}

static void test_seq_raw_errors_cap(void **state)
{
	struct seq_buf s;

	(void)state;
	assert_int_equal(seq_buf_generate(&s, show_raw, NULL), 0);
	assert_int_equal(s.len, 6);
	assert_memory_equal(s.buf, "a\0bcd\n", 6);
	seq_buf_free(&s);
	assert_int_equal(seq_buf_generate(&s, show_fail, NULL), -ESRCH);
	assert_null(s.buf);
	assert_int_equal(seq_buf_generate(&s, show_huge, NULL), -ENOMEM);
	assert_null(s.buf);
}

/* ---------------------------------------------------------------- chrdev */

static const struct file_operations fops_a, fops_b;

static void test_chrdev_ranges(void **state)
{
	(void)state;
	assert_int_equal(register_chrdev_region(0, 0, 1, "x", &fops_a), -EINVAL);
	assert_int_equal(register_chrdev_region(4096, 0, 1, "x", &fops_a), -EINVAL);
	assert_int_equal(register_chrdev_region(7, 0, 0, "x", &fops_a), -EINVAL);
	assert_int_equal(register_chrdev_region(7, 0xfffff, 2, "x", &fops_a), -EINVAL);
	assert_int_equal(register_chrdev_region(7, 0, 1, NULL, &fops_a), -EINVAL);
	assert_int_equal(register_chrdev_region(7, 10, 10, "seven", &fops_a), 0);
	assert_int_equal(register_chrdev_region(7, 19, 1, "x", &fops_b), -EBUSY);
	assert_int_equal(register_chrdev_region(7, 0, 11, "x", &fops_b), -EBUSY);
	assert_int_equal(register_chrdev_region(7, 20, 1, "seven-b", &fops_b), 0);
	assert_int_equal(register_chrdev_region(3, 0, 1, "three", &fops_b), 0);
	assert_ptr_equal(chrdev_lookup(MKDEV(7, 10)), &fops_a);
	assert_ptr_equal(chrdev_lookup(MKDEV(7, 19)), &fops_a);
	assert_ptr_equal(chrdev_lookup(MKDEV(7, 20)), &fops_b);
	assert_null(chrdev_lookup(MKDEV(7, 9)));
	assert_null(chrdev_lookup(MKDEV(7, 21)));
	assert_null(chrdev_lookup(MKDEV(8, 10)));
	assert_int_equal(unregister_chrdev_region(7, 10, 9), -ENOENT);
	assert_int_equal(unregister_chrdev_region(7, 10, 10), 0);
	assert_null(chrdev_lookup(MKDEV(7, 15)));
	assert_int_equal(unregister_chrdev_region(7, 20, 1), 0);
	assert_int_equal(unregister_chrdev_region(3, 0, 1), 0);
	assert_int_equal(unit_locks_held, 0);
}

static void test_chrdev_show(void **state)
{
	char buf[256], small[30];
	size_t n;

	(void)state;
	assert_int_equal(register_chrdev_region(5, 1, 1, "/dev/console", &fops_a), 0);
	assert_int_equal(register_chrdev_region(5, 0, 1, "/dev/tty", &fops_a), 0);
	assert_int_equal(register_chrdev_region(1, 0, 256, "mem", &fops_b), 0);
	n = chrdev_show(buf, sizeof(buf));
	assert_string_equal(buf, "Character devices:\n  1 mem\n  5 /dev/tty\n  5 /dev/console\n"
				 "\nBlock devices:\n");
	assert_int_equal(n, strlen(buf));
	n = chrdev_show(small, sizeof(small));
	assert_true(n < sizeof(small));
	assert_int_equal(small[n], 0);
	assert_int_equal(unregister_chrdev_region(5, 1, 1), 0);
	assert_int_equal(unregister_chrdev_region(5, 0, 1), 0);
	assert_int_equal(unregister_chrdev_region(1, 0, 256), 0);
	/* 64 regions fit, the 65th does not. */
	for (u32 i = 0; i < CHRDEV_MAX_REGIONS; i++)
		assert_int_equal(register_chrdev_region(100 + i, 0, 1, "many", &fops_a), 0);
	assert_int_equal(register_chrdev_region(99, 0, 1, "one too many", &fops_a), -ENOSPC);
	for (u32 i = 0; i < CHRDEV_MAX_REGIONS; i++)
		assert_int_equal(unregister_chrdev_region(100 + i, 0, 1), 0);
}

/* glibc's makedev(): minor bits 0-7, major bits 8-19, minor bits 8-19 at 20-31. */
static void test_dev_encoding(void **state)
{
	(void)state;
	assert_int_equal(dev_to_user(MKDEV(1, 3)), 0x103);
	assert_int_equal(dev_to_user(MKDEV(0xabc, 0x12345)), 0x123abc45);
	assert_int_equal(dev_from_user(0x123abc45), MKDEV(0xabc, 0x12345));
	for (u32 ma = 0; ma < 4096; ma += 37)
		for (u32 mi = 0; mi < 0x100000; mi += 4099)
			assert_int_equal(dev_from_user(dev_to_user(MKDEV(ma, mi))), MKDEV(ma, mi));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seq_small),
		cmocka_unit_test(test_seq_grow),
		cmocka_unit_test(test_seq_boundary),
		cmocka_unit_test(test_seq_raw_errors_cap),
		cmocka_unit_test(test_chrdev_ranges),
		cmocka_unit_test(test_chrdev_show),
		cmocka_unit_test(test_dev_encoding),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
