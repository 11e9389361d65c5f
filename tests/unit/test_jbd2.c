/*
 * Unit tests for kernel/fs/jbd2/jbd2_log.c: descriptor, revoke and commit
 * blocks (bytes at their on-disk places, big-endian), escaping, and
 * recovery over synthetic logs held in memory -- complete transactions
 * replayed in order, revokes honoured only against the same or earlier
 * transactions, torn transactions (no commit), sequence breaks, bad
 * magic, malformed blocks, a log that wraps, a lap of commit blocks,
 * I/O errors, and random garbage (which must never crash or replay past
 * the last complete commit). kmalloc and friends are the host's malloc.
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
#include <mm/slab.h>
#include <uapi/errno.h>
#include "../../kernel/fs/jbd2/jbd2_log.h"

void *kmalloc(size_t size, gfp_t gfp)
{
	(void)gfp;
	return malloc(size);
}

void *krealloc(void *p, size_t size, gfp_t gfp)
{
	(void)gfp;
	return realloc(p, size);
}

void kfree(const void *p)
{
	free((void *)p);
}

#define BS		JBD2_BLOCK_SIZE
#define LOG_BLOCKS	64		/* journal blocks 0..63; the log is 1..63 */
#define FS_BLOCKS	128

static const uint8_t uuid[16] = { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6 };

/* The journal and the home blocks, in memory. */
struct disk {
	uint8_t log[LOG_BLOCKS][BS];
	uint8_t home[FS_BLOCKS][BS];
	int writes;			/* write_home calls */
	int fail_read_at;		/* read_log of this block fails (-1: none) */
	uint32_t pos;			/* where the next log block is written */
};

static const struct jbd2_log_geom geom = { .first = 1, .maxlen = LOG_BLOCKS, .fs_blocks = FS_BLOCKS };

static int read_log(void *ctx, uint32_t blk, void *buf)
{
	struct disk *d = ctx;

	assert_true(blk >= 1 && blk < LOG_BLOCKS);
	if ((int)blk == d->fail_read_at)
		return -EIO;
	memcpy(buf, d->log[blk], BS);
	return 0;
}

static int write_home(void *ctx, uint64_t block, const void *buf)
{
	struct disk *d = ctx;

	assert_true(block < FS_BLOCKS);
	memcpy(d->home[block], buf, BS);
	d->writes++;
	return 0;
}

static struct disk *disk_new(uint32_t start)
{
	struct disk *d = calloc(1, sizeof(*d));

	assert_non_null(d);
	d->fail_read_at = -1;
	d->pos = start;
	return d;
}

static uint8_t *log_next(struct disk *d)
{
	uint8_t *b = d->log[d->pos];

	d->pos = jbd2_log_next(&geom, d->pos);
	return b;
}

/*
 * Append transaction seq: n blocks (home blocks[i], every byte fill+i;
 * fill 0 means "start with the magic" to exercise escaping), then nrev
 * revoke records, then a commit block if commit.
 */
static void log_txn(struct disk *d, uint32_t seq, const uint64_t *blocks, unsigned int n,
		    uint8_t fill, const uint64_t *revokes, unsigned int nrev, bool commit)
{
	bool esc[8];
	uint8_t *desc;

	assert_true(n <= 8);
	if (n) {
		desc = log_next(d);
		for (unsigned int i = 0; i < n; i++) {
			uint8_t *b = log_next(d);

			memset(b, fill + i, BS);
			if (fill == 0) {
				uint32_t m = jbd2_cpu_to_be32(JBD2_MAGIC_NUMBER);
				memcpy(b, &m, 4);
			}
			esc[i] = jbd2_escape(b);
		}
		jbd2_desc_build(desc, seq, blocks, esc, n, uuid);
	}
	if (nrev) {
		uint8_t *r = log_next(d);

		jbd2_revoke_init(r, seq);
		for (unsigned int i = 0; i < nrev; i++)
			assert_int_equal(jbd2_revoke_add(r, revokes[i]), 0);
	}
	if (commit)
		jbd2_commit_build(log_next(d), seq, 1700000000, 5);
}

static int recover(struct disk *d, uint32_t start, uint32_t seq, struct jbd2_recovery_info *info)
{
	static uint8_t buf[BS], buf2[BS];
	struct jbd2_recovery_ops ops = { read_log, write_home, d };

	return jbd2_recover(&geom, start, seq, &ops, buf, buf2, info);
}

static bool home_is(struct disk *d, uint64_t block, uint8_t byte)
{
	for (unsigned int i = 0; i < BS; i++)
		if (d->home[block][i] != byte)
			return false;
	return true;
}

/* ---------------------------------------------------------------- blocks */

static void test_descriptor_bytes(void **state)
{
	(void)state;
	static uint8_t blk[BS];
	uint64_t blocks[3] = { 0x01020304, 7, 8 }, got[512];
	bool esc[3] = { false, true, false };
	uint16_t flags[512];

	jbd2_desc_build(blk, 0x11223344, blocks, esc, 3, uuid);
	assert_int_equal(blk[0], 0xc0);
	assert_int_equal(blk[7], JBD2_DESCRIPTOR_BLOCK);
	assert_int_equal(blk[8], 0x11);
	/* tag 0 at 12: blocknr big-endian, flags 0 (uuid follows) */
	assert_int_equal(blk[12], 0x01);
	assert_int_equal(blk[15], 0x04);
	assert_int_equal(blk[19], 0);
	assert_memory_equal(blk + 20, uuid, 16);
	/* tag 1 at 36: block 7, SAME_UUID|ESCAPE; tag 2 at 44: SAME_UUID|LAST */
	assert_int_equal(blk[39], 7);
	assert_int_equal(blk[43], JBD2_FLAG_SAME_UUID | JBD2_FLAG_ESCAPE);
	assert_int_equal(blk[51], JBD2_FLAG_SAME_UUID | JBD2_FLAG_LAST_TAG);
	assert_int_equal(jbd2_desc_parse(blk, got, flags), 3);
	assert_true(got[0] == 0x01020304 && got[1] == 7 && got[2] == 8);
	assert_true(flags[1] & JBD2_FLAG_ESCAPE);
}

static void test_descriptor_full_and_unterminated(void **state)
{
	(void)state;
	static uint8_t blk[BS];
	unsigned int cap = jbd2_desc_capacity();
	uint64_t *blocks = calloc(cap, sizeof(*blocks)), got[512];
	bool *esc = calloc(cap, sizeof(*esc));
	uint16_t flags[512];

	assert_int_equal(cap, 508);	/* 12 + 24 + 8 * 507 = 4092 <= 4096 */
	for (unsigned int i = 0; i < cap; i++)
		blocks[i] = i + 1;
	jbd2_desc_build(blk, 1, blocks, esc, cap, uuid);
	assert_int_equal(jbd2_desc_parse(blk, got, flags), cap);
	assert_true(got[cap - 1] == cap);
	free(blocks);
	free(esc);
	/* no LAST_TAG: the tags end where the block does */
	blk[12 + 24 + 8 * (cap - 2) + 7] = JBD2_FLAG_SAME_UUID;
	assert_int_equal(jbd2_desc_parse(blk, got, flags), cap);
	/* tags without SAME_UUID: 24 bytes each, 170 fit */
	memset(blk + 12, 0, BS - 12);
	assert_int_equal(jbd2_desc_parse(blk, got, flags), (BS - 12 - 8) / 24 + 1);
}

static void test_revoke_block(void **state)
{
	(void)state;
	static uint8_t blk[BS];
	unsigned int cap = jbd2_revoke_capacity();

	jbd2_revoke_init(blk, 5);
	assert_int_equal(jbd2_revoke_count(blk), 0);
	assert_int_equal(blk[15], 16);			/* r_count big-endian */
	assert_int_equal(cap, (BS - 16) / 4);
	for (unsigned int i = 0; i < cap; i++)
		assert_int_equal(jbd2_revoke_add(blk, 1000 + i), 0);
	assert_int_equal(jbd2_revoke_add(blk, 1), -ENOSPC);
	assert_int_equal(jbd2_revoke_count(blk), (int)cap);
	assert_true(jbd2_revoke_get(blk, 0) == 1000);
	assert_int_equal(blk[16 + 3], 1000 & 0xff);
	assert_true(jbd2_revoke_get(blk, cap - 1) == 1000 + cap - 1);
	blk[15] = 17;					/* not a whole record */
	assert_int_equal(jbd2_revoke_count(blk), -EUCLEAN);
	blk[15] = 8;					/* shorter than the header */
	assert_int_equal(jbd2_revoke_count(blk), -EUCLEAN);
	blk[14] = 0x20;					/* past the block */
	assert_int_equal(jbd2_revoke_count(blk), -EUCLEAN);
}

static void test_commit_and_escape(void **state)
{
	(void)state;
	static uint8_t blk[BS];
	uint32_t m = jbd2_cpu_to_be32(JBD2_MAGIC_NUMBER);

	jbd2_commit_build(blk, 9, 0x0102030405ull, 7);
	assert_int_equal(blk[7], JBD2_COMMIT_BLOCK);
	assert_int_equal(blk[11], 9);
	assert_int_equal(blk[48 + 3], 0x01);		/* h_commit_sec big-endian at 48 */
	assert_int_equal(blk[48 + 7], 0x05);
	assert_int_equal(blk[59], 7);
	memset(blk, 0x5a, BS);
	assert_false(jbd2_escape(blk));
	assert_int_equal(blk[0], 0x5a);
	memcpy(blk, &m, 4);
	assert_true(jbd2_escape(blk));
	assert_int_equal(blk[0] | blk[1] | blk[2] | blk[3], 0);
	assert_int_equal(blk[4], 0x5a);
	jbd2_unescape(blk);
	assert_memory_equal(blk, &m, 4);
}

/* ---------------------------------------------------------------- recovery */

static void test_replay_in_order(void **state)
{
	(void)state;
	struct disk *d = disk_new(1);
	struct jbd2_recovery_info info;
	uint64_t t1[] = { 10, 11 }, t2[] = { 11, 12 };

	log_txn(d, 100, t1, 2, 0x10, NULL, 0, true);
	log_txn(d, 101, t2, 2, 0x20, NULL, 0, true);
	assert_int_equal(recover(d, 1, 100, &info), 0);
	assert_int_equal(info.nr_commits, 2);
	assert_int_equal(info.end_seq, 102);
	assert_int_equal(info.end_block, d->pos);
	assert_int_equal(info.nr_replayed, 4);
	assert_true(home_is(d, 10, 0x10));
	assert_true(home_is(d, 11, 0x20));		/* the later copy wins */
	assert_true(home_is(d, 12, 0x21));
	free(d);
}

static void test_torn_transaction_not_replayed(void **state)
{
	(void)state;
	struct disk *d = disk_new(1);
	struct jbd2_recovery_info info;
	uint64_t t1[] = { 10 }, t2[] = { 20, 21 };

	log_txn(d, 7, t1, 1, 0x10, NULL, 0, true);
	uint32_t end = d->pos;
	log_txn(d, 8, t2, 2, 0x30, NULL, 0, false);	/* no commit block */
	assert_int_equal(recover(d, 1, 7, &info), 0);
	assert_int_equal(info.nr_commits, 1);
	assert_int_equal(info.end_seq, 8);
	assert_int_equal(info.end_block, end);
	assert_true(home_is(d, 10, 0x10));
	assert_true(home_is(d, 20, 0) && home_is(d, 21, 0));
	free(d);
}

static void test_revokes(void **state)
{
	(void)state;
	struct disk *d = disk_new(1);
	struct jbd2_recovery_info info;
	uint64_t t1[] = { 10, 11, 12 }, rev2[] = { 10, 12 }, t3[] = { 12 }, rev4[] = { 11 };

	log_txn(d, 1, t1, 3, 0x10, NULL, 0, true);
	log_txn(d, 2, NULL, 0, 0, rev2, 2, true);	/* frees 10 and 12 */
	log_txn(d, 3, t3, 1, 0x40, NULL, 0, true);	/* 12 reused as metadata */
	log_txn(d, 4, NULL, 0, 0, rev4, 1, false);	/* torn: its revoke does not count */
	assert_int_equal(recover(d, 1, 1, &info), 0);
	assert_int_equal(info.nr_commits, 3);
	assert_int_equal(info.nr_revoke_records, 2);
	assert_int_equal(info.nr_revoked, 2);
	assert_true(home_is(d, 10, 0));
	assert_true(home_is(d, 11, 0x11));
	assert_true(home_is(d, 12, 0x40));
	free(d);
}

static void test_revoke_same_transaction(void **state)
{
	(void)state;
	struct disk *d = disk_new(1);
	struct jbd2_recovery_info info;
	uint64_t t1[] = { 30 }, rev[] = { 30 };

	/* Linux: a revoke covers the blocks its own transaction logged too. */
	log_txn(d, 50, t1, 1, 0x10, rev, 1, true);
	assert_int_equal(recover(d, 1, 50, &info), 0);
	assert_int_equal(info.nr_revoked, 1);
	assert_true(home_is(d, 30, 0));
	free(d);
}

static void test_escaped_block_replayed_with_magic(void **state)
{
	(void)state;
	struct disk *d = disk_new(1);
	struct jbd2_recovery_info info;
	uint64_t t1[] = { 5 };
	uint32_t m = jbd2_cpu_to_be32(JBD2_MAGIC_NUMBER);

	log_txn(d, 3, t1, 1, 0, NULL, 0, true);
	assert_int_equal(d->log[2][0], 0);		/* escaped in the log */
	assert_int_equal(recover(d, 1, 3, &info), 0);
	assert_memory_equal(d->home[5], &m, 4);
	assert_int_equal(d->home[5][4], 0);
	free(d);
}

static void test_wraps_around(void **state)
{
	(void)state;
	struct disk *d = disk_new(LOG_BLOCKS - 2);	/* starts two blocks before the end */
	struct jbd2_recovery_info info;
	uint64_t t1[] = { 1, 2, 3 }, t2[] = { 4 };

	log_txn(d, 9, t1, 3, 0x10, NULL, 0, true);	/* desc at 62, blocks 63, 1, 2, commit 3 */
	log_txn(d, 10, t2, 1, 0x20, NULL, 0, true);
	assert_int_equal(d->pos, 7);
	assert_int_equal(recover(d, LOG_BLOCKS - 2, 9, &info), 0);
	assert_int_equal(info.nr_commits, 2);
	assert_int_equal(info.end_block, 7);
	assert_true(home_is(d, 1, 0x10) && home_is(d, 3, 0x12) && home_is(d, 4, 0x20));
	free(d);
}

static void test_scan_stops(void **state)
{
	(void)state;
	uint64_t t[] = { 10 }, bad[] = { FS_BLOCKS };
	struct jbd2_recovery_info info;

	for (int how = 0; how < 5; how++) {
		struct disk *d = disk_new(1);

		log_txn(d, 1, t, 1, 0x10, NULL, 0, true);
		uint32_t second = d->pos;
		if (how == 4)
			log_txn(d, 2, bad, 1, 0x20, NULL, 0, true);	/* home block out of range */
		else
			log_txn(d, how == 0 ? 3 : 2, t, 1, 0x20, NULL, 0, true);
		if (how == 1)
			d->log[second][0] ^= 1;		/* bad magic */
		if (how == 2)
			d->log[second][7] = 9;		/* unknown block type */
		if (how == 3) {				/* a revoke block with a bad r_count */
			jbd2_revoke_init(d->log[second], 2);
			d->log[second][15] = 3;
		}
		assert_int_equal(recover(d, 1, 1, &info), 0);
		assert_int_equal(info.nr_commits, 1);
		assert_int_equal(info.end_block, second);
		assert_true(home_is(d, 10, 0x10));
		free(d);
	}
}

static void test_empty_log(void **state)
{
	(void)state;
	struct disk *d = disk_new(1);
	struct jbd2_recovery_info info;

	assert_int_equal(recover(d, 5, 42, &info), 0);
	assert_int_equal(info.nr_commits, 0);
	assert_int_equal(info.end_seq, 42);
	assert_int_equal(info.end_block, 5);
	assert_int_equal(d->writes, 0);
	free(d);
}

static void test_lap_of_commits_terminates(void **state)
{
	(void)state;
	struct disk *d = disk_new(1);
	struct jbd2_recovery_info info;

	/* Every block a commit with the next sequence: one lap, then stop. */
	for (uint32_t i = 1; i < LOG_BLOCKS; i++)
		jbd2_commit_build(d->log[i], i, 0, 0);
	jbd2_commit_build(d->log[1], LOG_BLOCKS, 0, 0);	/* what a second lap would accept */
	assert_int_equal(recover(d, 2, 2, &info), 0);
	assert_int_equal(info.nr_commits, LOG_BLOCKS - 1);
	free(d);
}

static void test_read_error(void **state)
{
	(void)state;
	struct disk *d = disk_new(1);
	struct jbd2_recovery_info info;
	uint64_t t[] = { 10, 11 };

	log_txn(d, 1, t, 2, 0x10, NULL, 0, true);
	d->fail_read_at = 3;				/* the second logged block */
	assert_int_equal(recover(d, 1, 1, &info), -EIO);
	free(d);
}

static void test_garbage_never_crashes(void **state)
{
	(void)state;
	struct unit_rng rng;
	struct jbd2_recovery_info info;
	uint64_t t[] = { 10, 11, 12 };

	unit_rng_seed(&rng, 0x6a6264320001ull);
	for (int round = 0; round < 200; round++) {
		struct disk *d = disk_new(1);

		log_txn(d, 1, t, 3, 0x10, NULL, 0, true);
		uint32_t end = d->pos;
		/* random blocks after a good transaction, some with plausible headers */
		for (uint32_t b = end; b < LOG_BLOCKS; b++) {
			for (unsigned int i = 0; i < BS; i++)
				d->log[b][i] = (uint8_t)unit_rng_next(&rng);
			if (unit_rng_below(&rng, 2)) {
				struct jbd2_header h = {
					jbd2_cpu_to_be32(JBD2_MAGIC_NUMBER),
					jbd2_cpu_to_be32(1 + (uint32_t)unit_rng_below(&rng, 5)),
					jbd2_cpu_to_be32(2) };
				memcpy(d->log[b], &h, sizeof(h));
			}
		}
		assert_int_equal(recover(d, 1, 1, &info), 0);
		assert_true(info.nr_commits >= 1);
		assert_true(home_is(d, 10, 0x10) || info.nr_commits > 1);
		free(d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_descriptor_bytes),
		cmocka_unit_test(test_descriptor_full_and_unterminated),
		cmocka_unit_test(test_revoke_block),
		cmocka_unit_test(test_commit_and_escape),
		cmocka_unit_test(test_replay_in_order),
		cmocka_unit_test(test_torn_transaction_not_replayed),
		cmocka_unit_test(test_revokes),
		cmocka_unit_test(test_revoke_same_transaction),
		cmocka_unit_test(test_escaped_block_replayed_with_magic),
		cmocka_unit_test(test_wraps_around),
		cmocka_unit_test(test_scan_stops),
		cmocka_unit_test(test_empty_log),
		cmocka_unit_test(test_lap_of_commits_terminates),
		cmocka_unit_test(test_read_error),
		cmocka_unit_test(test_garbage_never_crashes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
