/*
 * Unit tests for kernel/fs/ext2/ext2_bmap.c: the path of every boundary
 * logical block (0, 11/12, 12+1023/12+1024, the double/triple edges, the
 * last mappable block and one past it) for 1, 2 and 4 KiB blocks, the
 * reverse mapping for random blocks, malformed paths, the indirect-block
 * counts against a brute-force model, and the maximum file size.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "unit_util.h"
#include "host_rename.h"
#include "../../kernel/fs/ext2/ext2_bmap.h"
#include <uapi/errno.h>

#define A4K 1024ull	/* block numbers per 4 KiB indirect block */

static void expect_path(uint64_t lbn, int depth, uint32_t o0, uint32_t o1, uint32_t o2,
			uint32_t o3)
{
	struct ext2_bmap_path p;
	uint32_t want[4] = { o0, o1, o2, o3 };

	assert_int_equal(ext2_bmap_path(lbn, 10, &p), 0);
	assert_int_equal(p.depth, depth);
	for (int k = 0; k < depth; k++)
		assert_int_equal(p.offsets[k], want[k]);
	assert_int_equal(ext2_bmap_validate(&p, 10), 0);
	assert_int_equal(ext2_bmap_lbn(&p, 10), (int64_t)lbn);
}

static void test_boundaries_4k(void **state)
{
	(void)state;
	uint64_t s = 12, d = s + A4K, t = d + A4K * A4K, end = t + A4K * A4K * A4K;

	expect_path(0, 1, 0, 0, 0, 0);
	expect_path(11, 1, 11, 0, 0, 0);
	expect_path(12, 2, 12, 0, 0, 0);
	expect_path(12 + 1023, 2, 12, 1023, 0, 0);
	expect_path(12 + 1024, 3, 13, 0, 0, 0);
	expect_path(d + 1023, 3, 13, 0, 1023, 0);
	expect_path(d + 1024, 3, 13, 1, 0, 0);
	expect_path(t - 1, 3, 13, 1023, 1023, 0);
	expect_path(t, 4, 14, 0, 0, 0);
	expect_path(t + 1024 * 1024, 4, 14, 1, 0, 0);
	expect_path(t + 1024 * 1024 + 1025, 4, 14, 1, 1, 1);
	expect_path(end - 1, 4, 14, 1023, 1023, 1023);
	assert_int_equal(ext2_bmap_max_blocks(10), end);

	struct ext2_bmap_path p;
	assert_int_equal(ext2_bmap_path(end, 10, &p), -EFBIG);
	assert_int_equal(ext2_bmap_path(UINT64_MAX, 10, &p), -EFBIG);
	assert_int_equal(ext2_bmap_path(0, 3, &p), -EINVAL);
	assert_int_equal(ext2_bmap_path(0, 40, &p), -EINVAL);
}

/* Random blocks at every block size round-trip; neighbours map in order. */
static void test_roundtrip(void **state)
{
	(void)state;
	struct unit_rng rng;

	unit_rng_seed(&rng, 0xb10c);
	for (unsigned int bits = 8; bits <= 10; bits++) {
		uint64_t max = ext2_bmap_max_blocks(bits);
		for (int i = 0; i < 20000; i++) {
			uint64_t lbn = unit_rng_below(&rng, max);
			struct ext2_bmap_path p;

			assert_int_equal(ext2_bmap_path(lbn, bits, &p), 0);
			assert_int_equal(ext2_bmap_validate(&p, bits), 0);
			assert_int_equal(ext2_bmap_lbn(&p, bits), (int64_t)lbn);
		}
	}
}

static void test_bad_paths(void **state)
{
	(void)state;
	struct ext2_bmap_path p = { .depth = 1, .offsets = { 12 } };

	assert_int_equal(ext2_bmap_lbn(&p, 10), -EINVAL);
	p = (struct ext2_bmap_path){ .depth = 2, .offsets = { 13, 0 } };
	assert_int_equal(ext2_bmap_lbn(&p, 10), -EINVAL);
	p = (struct ext2_bmap_path){ .depth = 3, .offsets = { 13, 1024, 0 } };
	assert_int_equal(ext2_bmap_lbn(&p, 10), -EINVAL);
	p = (struct ext2_bmap_path){ .depth = 5 };
	assert_int_equal(ext2_bmap_lbn(&p, 10), -EINVAL);
	p = (struct ext2_bmap_path){ .depth = 0 };
	assert_int_equal(ext2_bmap_lbn(&p, 10), -EINVAL);
}

/* Model: count the distinct indirect blocks (path prefixes) of blocks [0, n). */
static uint64_t model_meta(uint64_t n, unsigned int bits)
{
	struct ext2_bmap_path prev, cur;
	uint64_t meta = 0;

	for (uint64_t lbn = 0; lbn < n; lbn++) {
		assert_int_equal(ext2_bmap_path(lbn, bits, &cur), 0);
		meta += (uint64_t)ext2_bmap_new_meta(lbn ? &prev : NULL, &cur);
		prev = cur;
	}
	return meta;
}

static void test_meta_counts(void **state)
{
	(void)state;
	/* bits 8 (1 KiB blocks): the triple range starts at 12+256+65536 */
	uint64_t edges[] = { 0, 1, 12, 13, 12 + 256, 12 + 257, 12 + 256 + 65536,
			     12 + 256 + 65537, 12 + 256 + 65536 + 300, 200000 };

	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		assert_int_equal(ext2_bmap_meta_blocks(edges[i], 8), model_meta(edges[i], 8));
	/* 4 KiB: known values */
	assert_int_equal(ext2_bmap_meta_blocks(12, 10), 0);
	assert_int_equal(ext2_bmap_meta_blocks(13, 10), 1);
	assert_int_equal(ext2_bmap_meta_blocks(12 + 1024, 10), 1);
	assert_int_equal(ext2_bmap_meta_blocks(12 + 1025, 10), 3);
	assert_int_equal(ext2_bmap_meta_blocks(12 + 1024 + 1024 * 1024 + 1, 10), 1 + 1025 + 3);
}

/* Sparse block sets: the sum of new_meta equals the distinct prefixes. */
static void test_new_meta_sparse(void **state)
{
	(void)state;
	struct unit_rng rng;
	struct ext2_bmap_path p, prev;

	unit_rng_seed(&rng, 77);
	/* 5 GiB sparse file with 4 KiB blocks: first block and last block */
	uint64_t last = (5ull << 30) / 4096 - 1;
	assert_int_equal(ext2_bmap_path(0, 10, &prev), 0);
	assert_int_equal(ext2_bmap_new_meta(NULL, &prev), 0);
	assert_int_equal(ext2_bmap_path(last, 10, &p), 0);
	assert_int_equal(p.depth, 4);
	assert_int_equal(ext2_bmap_new_meta(&prev, &p), 3);
	assert_int_equal(ext2_bmap_path(last - 1, 10, &prev), 0);
	assert_int_equal(ext2_bmap_new_meta(&prev, &p), 0);
	/* random increasing sequences at 1 KiB blocks against model_meta over a range */
	for (int round = 0; round < 50; round++) {
		uint64_t n = 12 + unit_rng_below(&rng, 70000);
		assert_int_equal(ext2_bmap_meta_blocks(n, 8), model_meta(n, 8));
	}
}

static void test_max_file_size(void **state)
{
	(void)state;
	uint64_t m = ext2_max_file_size(12);

	/* i_blocks (2^32 - 1 sectors) limits 4 KiB files to just under 2 TiB */
	assert_true(m < (2ull << 40));
	assert_true(m > (2ull << 40) - (4ull << 30));
	assert_int_equal(m % 4096, 0);
	uint64_t n = m / 4096;
	assert_true((n + ext2_bmap_meta_blocks(n, 10)) * 8 <= 0xffffffffull);
	assert_true((n + 1 + ext2_bmap_meta_blocks(n + 1, 10)) * 8 > 0xffffffffull);
	/* 1 KiB blocks: the reach of i_block[] is the limit */
	assert_int_equal(ext2_max_file_size(10), ext2_bmap_max_blocks(8) * 1024);
	assert_int_equal(ext2_max_file_size(5), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundaries_4k),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_bad_paths),
		cmocka_unit_test(test_meta_counts),
		cmocka_unit_test(test_new_meta_sparse),
		cmocka_unit_test(test_max_file_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
