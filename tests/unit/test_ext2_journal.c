/*
 * Unit tests for kernel/fs/ext2/ext2_journal.c and the helpers of
 * <fs/jbd2_fs.h>: the big-endian conversions, a fresh journal superblock
 * (bytes at their on-disk offsets, in big-endian order) passing the check,
 * and each kind of bad field refused with a reason.
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
#include "../../kernel/fs/ext2/ext2_journal.h"

static const uint8_t uuid[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

static void test_byte_order(void **state)
{
	(void)state;
	assert_int_equal(jbd2_be16(0x1234), 0x3412);
	assert_int_equal(jbd2_be32(0x12345678u), 0x78563412u);
	assert_true(jbd2_be64(0x0102030405060708ull) == 0x0807060504030201ull);
	assert_int_equal(jbd2_be32(jbd2_cpu_to_be32(0xdeadbeefu)), 0xdeadbeefu);
}

static void test_fresh_superblock(void **state)
{
	(void)state;
	struct jbd2_superblock jsb;
	const uint8_t *b = (const uint8_t *)&jsb;
	const char *why = NULL;

	jbd2_sb_init(&jsb, 4096, 1024, uuid);
	/* magic c03b3998 big-endian at 0, type 4 at 4, blocksize 4096 at 12, maxlen at 16 */
	assert_int_equal(b[0], 0xc0);
	assert_int_equal(b[3], 0x98);
	assert_int_equal(b[7], 4);
	assert_int_equal(b[14], 0x10);
	assert_int_equal(b[18], 0x04);
	assert_int_equal(b[0x17], 1);		/* s_first */
	assert_int_equal(b[0x1b], 1);		/* s_sequence */
	assert_memory_equal(b + 0x30, uuid, 16);
	assert_int_equal(b[0x43], 1);		/* s_nr_users */
	assert_int_equal(jbd2_sb_check(&jsb, 4096, 1024, &why), 0);
	assert_int_equal(jbd2_tag_bytes(&jsb), 8);
}

static void test_bad_superblocks(void **state)
{
	(void)state;
	struct jbd2_superblock jsb;
	const char *why;

#define BAD(stmt, blocks) do { jbd2_sb_init(&jsb, 4096, 2048, uuid); stmt; why = NULL; \
		assert_int_equal(jbd2_sb_check(&jsb, 4096, blocks, &why), -EFSCORRUPTED); \
		assert_non_null(why); } while (0)
	BAD(jsb.s_header.h_magic = 0, 2048);
	BAD(jsb.s_header.h_blocktype = jbd2_cpu_to_be32(JBD2_SUPERBLOCK_V1), 2048);
	BAD(jsb.s_blocksize = jbd2_cpu_to_be32(1024), 2048);
	BAD((void)0, 2047);					/* longer than the inode */
	BAD(jsb.s_maxlen = jbd2_cpu_to_be32(1000), 2048);	/* under the minimum */
	BAD(jsb.s_first = 0, 2048);
	BAD(jsb.s_first = jbd2_cpu_to_be32(2048), 2048);
	BAD(jsb.s_start = jbd2_cpu_to_be32(2048), 2048);
	BAD(jsb.s_feature_incompat = jbd2_cpu_to_be32(JBD2_FEATURE_INCOMPAT_CSUM_V3), 2048);
	BAD(jsb.s_feature_ro_compat = jbd2_cpu_to_be32(1), 2048);
	BAD(jsb.s_nr_users = jbd2_cpu_to_be32(49), 2048);
#undef BAD
	/* a journal with transactions to replay and revoke records is fine */
	jbd2_sb_init(&jsb, 4096, 2048, uuid);
	jsb.s_start = jbd2_cpu_to_be32(5);
	jsb.s_feature_incompat = jbd2_cpu_to_be32(JBD2_FEATURE_INCOMPAT_REVOKE);
	assert_int_equal(jbd2_sb_check(&jsb, 4096, 4096, NULL), 0);
}

/* Random bytes are refused or accepted, never read out of bounds. */
static void test_fuzz(void **state)
{
	(void)state;
	struct unit_rng rng;
	struct jbd2_superblock *jsb = malloc(sizeof(*jsb));

	assert_non_null(jsb);
	unit_rng_seed(&rng, 0x1bd2);
	for (int i = 0; i < 5000; i++) {
		jbd2_sb_init(jsb, 4096, 4096, uuid);
		for (int k = 0, n = 1 + (int)unit_rng_below(&rng, 3); k < n; k++)
			((uint8_t *)jsb)[unit_rng_below(&rng, 0x60)] = (uint8_t)unit_rng_next(&rng);
		int err = jbd2_sb_check(jsb, 4096, 4096, NULL);
		assert_true(err == 0 || err == -EFSCORRUPTED);
	}
	free(jsb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_byte_order),
		cmocka_unit_test(test_fresh_superblock),
		cmocka_unit_test(test_bad_superblocks),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
