/*
 * Unit tests for kernel/fs/ext2/ext2_bitmap.c and ext2_layout.c.
 *
 * Bitmaps: random set / clear / find-first-zero / find-run / count
 * against a model (an array of bools searched by brute force), with
 * double allocation and double free refused and reported, and the padding
 * rules. Layout: sparse_super backup groups, group counts and the dropped
 * short last group, inode-table sizes, the default 128 MiB image, and a
 * superblock checked by ext2_layout_from_super() (good, then each kind
 * of bad field).
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
#include <fs/ext2_fs.h>
#include "../../kernel/fs/ext2/ext2_bitmap.h"
#include "../../kernel/fs/ext2/ext2_layout.h"

#define NB 2000u	/* meaningful bits; the map holds MAPB */
#define MAPB 2048u

static int64_t model_find_zero(const bool *m, uint32_t n, uint32_t goal)
{
	if (goal >= n)
		goal = 0;
	for (uint32_t i = 0; i < n; i++)
		if (!m[(goal + i) % n])
			return (goal + i) % n;
	return -ENOSPC;
}

static int64_t model_run_from(const bool *m, uint32_t n, uint32_t from, uint32_t to, uint32_t len)
{
	for (uint32_t s = from; s < to && s + len <= n; s++) {
		uint32_t k = 0;
		while (k < len && !m[s + k])
			k++;
		if (k == len)
			return s;
	}
	return -ENOSPC;
}

static int64_t model_find_run(const bool *m, uint32_t n, uint32_t goal, uint32_t len)
{
	if (goal >= n)
		goal = 0;
	int64_t r = model_run_from(m, n, goal, n, len);
	return r >= 0 ? r : model_run_from(m, n, 0, goal, len);
}

static void test_bitmap_model(void **state)
{
	(void)state;
	uint8_t map[MAPB / 8];
	bool model[NB];
	uint32_t used = 0;
	struct unit_rng rng;

	memset(map, 0, sizeof(map));
	memset(model, 0, sizeof(model));
	ext2_bitmap_pad(map, NB, MAPB);
	unit_rng_seed(&rng, 0xb17);
	for (int i = 0; i < 30000; i++) {
		uint32_t bit = (uint32_t)unit_rng_below(&rng, NB);
		uint32_t op = (uint32_t)unit_rng_below(&rng, 100);

		if (op < 40 + (used < NB / 2 ? 20 : 0)) {	/* allocate near a goal */
			int64_t z = ext2_bitmap_find_zero(map, NB, bit);
			assert_int_equal(z, model_find_zero(model, NB, bit));
			if (z >= 0) {
				assert_int_equal(ext2_bitmap_set(map, NB, (uint32_t)z), 0);
				model[z] = true;
				used++;
			}
		} else if (op < 80) {				/* free */
			int err = ext2_bitmap_clear(map, NB, bit);
			assert_int_equal(err, model[bit] ? 0 : -ENOENT);
			if (!err) {
				model[bit] = false;
				used--;
			}
		} else if (op < 90) {				/* double allocation refused */
			int err = ext2_bitmap_set(map, NB, bit);
			assert_int_equal(err, model[bit] ? -EEXIST : 0);
			if (!err) {
				model[bit] = true;
				used++;
			}
		} else {					/* runs */
			uint32_t len = 1 + (uint32_t)unit_rng_below(&rng, 12);
			assert_int_equal(ext2_bitmap_find_run(map, NB, bit, len),
					 model_find_run(model, NB, bit, len));
		}
		assert_int_equal(ext2_bitmap_count_free(map, NB), NB - used);
		assert_int_equal(ext2_bitmap_validate(map, NB, MAPB, NB - used), 0);
	}
	for (uint32_t b = 0; b < NB; b++)
		assert_int_equal(ext2_bitmap_test(map, b), model[b]);
}

static void test_bitmap_edges(void **state)
{
	(void)state;
	uint8_t map[MAPB / 8];

	memset(map, 0, sizeof(map));
	assert_int_equal(ext2_bitmap_set(map, NB, NB), -EINVAL);
	assert_int_equal(ext2_bitmap_clear(map, NB, NB), -EINVAL);
	assert_int_equal(ext2_bitmap_validate(map, NB, MAPB, NB), -EFSCORRUPTED);	/* no padding */
	ext2_bitmap_pad(map, NB, MAPB);
	assert_int_equal(ext2_bitmap_validate(map, NB, MAPB, NB), 0);
	assert_int_equal(ext2_bitmap_validate(map, NB, MAPB, NB - 1), -EFSCORRUPTED);
	assert_int_equal(ext2_bitmap_set_range(map, NB, 0, NB), 0);
	assert_int_equal(ext2_bitmap_find_zero(map, NB, 5), -ENOSPC);
	assert_int_equal(ext2_bitmap_find_run(map, NB, 5, 1), -ENOSPC);
	assert_int_equal(ext2_bitmap_clear(map, NB, 7), 0);
	assert_int_equal(ext2_bitmap_find_zero(map, NB, 1999), 7);	/* wraps */
	assert_int_equal(ext2_bitmap_find_run(map, NB, 0, 2), -ENOSPC);
	assert_int_equal(ext2_bitmap_set_range(map, NB, 6, 2), -EEXIST);	/* all or nothing */
	assert_false(ext2_bitmap_test(map, 7));
	assert_int_equal(ext2_bitmap_set_range(map, NB, NB - 1, 2), -EINVAL);
	assert_int_equal(ext2_bitmap_find_run(map, NB, 0, 0), -ENOSPC);
}

static void test_sparse_super(void **state)
{
	(void)state;
	uint32_t yes[] = { 0, 1, 3, 5, 7, 9, 25, 27, 49, 81, 125, 243, 343, 625, 729, 2187, 2401 };
	uint32_t no[] = { 2, 4, 6, 8, 10, 11, 15, 21, 35, 45, 63, 75, 100, 105, 2400 };
	uint32_t count = 0;

	for (size_t i = 0; i < sizeof(yes) / sizeof(*yes); i++)
		assert_true(ext2_group_has_super(yes[i], true));
	for (size_t i = 0; i < sizeof(no) / sizeof(*no); i++) {
		assert_false(ext2_group_has_super(no[i], true));
		assert_true(ext2_group_has_super(no[i], false));
	}
	for (uint32_t g = 0; g < 1000; g++)
		count += ext2_group_has_super(g, true);
	assert_int_equal(count, 2 + 6 + 4 + 3);	/* 0,1; 3..729; 5..625; 7..343 */
}

static void test_layout_default(void **state)
{
	(void)state;
	struct ext2_layout l;

	/* 128 MiB, 8192 inodes: one group */
	assert_int_equal(ext2_layout_init(&l, 32768, 8192, 4096, 256), 0);
	assert_int_equal(l.group_count, 1);
	assert_int_equal(l.first_data_block, 0);
	assert_int_equal(l.inodes_per_group, 8192);
	assert_int_equal(l.itable_blocks, 512);
	assert_int_equal(l.gdt_blocks, 1);
	assert_int_equal(ext2_group_block_bitmap(&l, 0), 2);
	assert_int_equal(ext2_group_inode_bitmap(&l, 0), 3);
	assert_int_equal(ext2_group_inode_table(&l, 0), 4);
	assert_int_equal(ext2_group_overhead(&l, 0), 516);
	assert_int_equal(ext2_ino_group(&l, 8192), 0);
	assert_int_equal(ext2_ino_index(&l, 1), 0);
}

static void test_layout_groups(void **state)
{
	(void)state;
	struct ext2_layout l;

	/* 1 GiB: 8 groups; inodes spread and rounded to 16 per table block */
	assert_int_equal(ext2_layout_init(&l, 262144, 65536, 4096, 256), 0);
	assert_int_equal(l.group_count, 8);
	assert_int_equal(l.inodes_per_group, 8192);
	assert_int_equal(ext2_group_overhead(&l, 2), 2 + 512);
	assert_int_equal(ext2_group_overhead(&l, 3), 2 + 2 + 512);
	assert_int_equal(ext2_group_first_block(&l, 3), 3 * 32768);
	/* odd inode counts round up */
	assert_int_equal(ext2_layout_init(&l, 262144, 1001, 4096, 256), 0);
	assert_int_equal(l.inodes_per_group, 128);
	/* a short last group with room is kept ... */
	assert_int_equal(ext2_layout_init(&l, 32768 + 1000, 100, 4096, 256), 0);
	assert_int_equal(l.group_count, 2);
	assert_int_equal(ext2_group_blocks(&l, 1), 1000);
	/* ... one too small for its metadata plus 50 blocks is dropped */
	assert_int_equal(ext2_layout_init(&l, 32768 + 40, 100, 4096, 256), 0);
	assert_int_equal(l.group_count, 1);
	assert_int_equal(l.blocks_count, 32768);
	/* inodes cap at one bitmap block per group: fewer than wanted */
	assert_int_equal(ext2_layout_init(&l, 32768, 1000000, 4096, 256), 0);
	assert_int_equal(l.inodes_per_group, 32768);
	assert_int_equal(l.inodes_count, 32768);
	assert_int_equal(ext2_layout_init(&l, 65536, 1000000, 4096, 256), 0);
	assert_int_equal(l.inodes_count, 65536);
	/* errors */
	assert_int_equal(ext2_layout_init(&l, 10, 100, 4096, 256), -ENOSPC);
	assert_int_equal(ext2_layout_init(&l, 1ull << 33, 100, 4096, 256), -EFBIG);
	assert_int_equal(ext2_layout_init(&l, 32768, 100, 3000, 256), -EINVAL);
	assert_int_equal(ext2_layout_init(&l, 32768, 100, 4096, 100), -EINVAL);
	/* every group of a big odd-sized filesystem is consistent */
	assert_int_equal(ext2_layout_init(&l, 1234567, 300000, 4096, 256), 0);
	assert_int_equal(ext2_layout_validate(&l), 0);
	assert_true(l.inodes_count >= 300000);
	l.gdt_blocks++;
	assert_int_equal(ext2_layout_validate(&l), -EINVAL);
}

static void good_super(struct ext2_super_block *sb)
{
	memset(sb, 0, sizeof(*sb));
	sb->s_magic = EXT2_SUPER_MAGIC;
	sb->s_rev_level = EXT2_DYNAMIC_REV;
	sb->s_log_block_size = 2;
	sb->s_inode_size = 256;
	sb->s_first_ino = 11;
	sb->s_blocks_count = 32768;
	sb->s_blocks_per_group = 32768;
	sb->s_inodes_per_group = 8192;
	sb->s_inodes_count = 8192;
	sb->s_free_blocks_count = 30000;
	sb->s_free_inodes_count = 8000;
	sb->s_feature_compat = EXT3_FEATURE_COMPAT_HAS_JOURNAL;
	sb->s_feature_incompat = EXT2_FEATURE_INCOMPAT_FILETYPE;
	sb->s_feature_ro_compat = EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER |
				  EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
}

static void test_from_super(void **state)
{
	(void)state;
	struct ext2_super_block sb;
	struct ext2_layout l;
	const char *why = NULL;

	good_super(&sb);
	assert_int_equal(ext2_layout_from_super(&l, &sb, &why), 0);
	assert_int_equal(l.group_count, 1);
	assert_int_equal(l.itable_blocks, 512);
#define BAD(stmt) do { good_super(&sb); stmt; why = NULL; \
		assert_int_equal(ext2_layout_from_super(&l, &sb, &why), -EINVAL); \
		assert_non_null(why); } while (0)
	BAD(sb.s_magic = 0x1234);
	BAD(sb.s_rev_level = 0);
	BAD(sb.s_log_block_size = 0);
	BAD(sb.s_inode_size = 128);
	BAD(sb.s_feature_incompat |= EXT4_FEATURE_INCOMPAT_EXTENTS);
	BAD(sb.s_feature_ro_compat |= EXT4_FEATURE_RO_COMPAT_METADATA_CSUM);
	BAD(sb.s_blocks_per_group = 0);
	BAD(sb.s_inodes_per_group = 40000);
	BAD(sb.s_inodes_count = 8193);
	BAD(sb.s_free_blocks_count = 40000);
	BAD(sb.s_blocks_count = 100);	/* group 0 cannot hold its inode table */
	BAD(sb.s_first_data_block = 1);
#undef BAD
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bitmap_model),
		cmocka_unit_test(test_bitmap_edges),
		cmocka_unit_test(test_sparse_super),
		cmocka_unit_test(test_layout_default),
		cmocka_unit_test(test_layout_groups),
		cmocka_unit_test(test_from_super),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
