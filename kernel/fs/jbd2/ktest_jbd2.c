/*
 * Self-tests of the journal (ktest=boot) on a scratch disk: vda, which
 * tests/run.py attaches to the boot jobs (64 MiB). They use blocks
 * 8192..12287 (32..48 MiB), which the block tests leave alone: a 1024-block
 * journal at 8192 (identity block map) and "home" blocks from 9216. The
 * metadata pages live in a private address space (page->index = block),
 * standing in for the block device's page cache. Without vda: skipped.
 *
 *   jbd2_commit_checkpoint  a transaction reaches the log and then home (flush);
 *                           destroy leaves s_start 0; a clean reload replays nothing
 *   jbd2_crash_replay       committed but never checkpointed transactions
 *                           (one escaped block, one revoked block) and a
 *                           never-committed one, then a "crash" (abandon):
 *                           reload replays exactly the committed, unrevoked blocks
 *   jbd2_group_commit       threads run handles at once; every block lands
 *   jbd2_ordered_data       a filed mapping's dirty page is on disk when the
 *                           commit returns (ordered mode), before any checkpoint
 *   jbd2_log_wraps          transactions without checkpoints until the log is
 *                           full (then one checkpoint) and round its end; a crash;
 *                           the replay runs across the wrap
 *   jbd2_bad_superblock     a corrupt journal superblock: -EUCLEAN, no panic
 */
#include <block/blkdev.h>
#include <fs/jbd2.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/pagemap.h>
#include <mm/slab.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#include "jbd2_log.h"
#include "../ext2/ext2_journal.h"

#define KJ_JOURNAL	8192u		/* device block of journal block 0 */
#define KJ_LEN		1024u
#define KJ_HOME		9216u		/* first home block used */
#define KJ_FILL		0xee		/* home blocks before any transaction */
#define KJ_DATA		11264u		/* where the ordered-data test's file lives */

static const u8 kj_uuid[16] = "kestrel-jbd2-kt";
static struct address_space kj_map;

static u32 kj_bmap(void *ctx, u32 block)
{
	(void)ctx;
	return KJ_JOURNAL + block;
}

/* vda if it can hold the test's blocks (else NULL); the private cache set up empty. */
static struct block_device *kj_disk(void)
{
	struct block_device *bdev = blkdev_get_by_name("vda");

	address_space_init(&kj_map, NULL, NULL);
	kj_map.flags |= AS_UNEVICTABLE;
	if (!bdev || bdev->read_only || blkdev_size(bdev) < (48u << 20)) {
		printk("ktest jbd2: no writable vda of 48 MiB or more: skipped\n");
		return NULL;
	}
	return bdev;
}

static int kj_rw(struct block_device *bdev, int op, u64 block, void *buf)
{
	return blkdev_rw_sync(bdev, op, block << 3, buf, JBD2_BLOCK_SIZE);
}

/* A fresh journal and n home blocks filled with KJ_FILL; the private cache emptied. */
static int kj_format(struct block_device *bdev, u8 *buf, unsigned int n)
{
	int err;

	memset(buf, 0, JBD2_BLOCK_SIZE);
	jbd2_sb_init((struct jbd2_superblock *)buf, JBD2_BLOCK_SIZE, KJ_LEN, kj_uuid);
	err = kj_rw(bdev, REQ_OP_WRITE, KJ_JOURNAL, buf);
	memset(buf, 0, JBD2_BLOCK_SIZE);
	for (u32 i = 1; !err && i < 64; i++)		/* no stale log from an earlier test */
		err = kj_rw(bdev, REQ_OP_WRITE, KJ_JOURNAL + i, buf);
	memset(buf, KJ_FILL, JBD2_BLOCK_SIZE);
	for (u32 i = 0; !err && i < n; i++)
		err = kj_rw(bdev, REQ_OP_WRITE, KJ_HOME + i, buf);
	return err;
}

/* In handle h: home block KJ_HOME + i gets every byte = byte (magic first if magic). */
static int kj_set(handle_t *h, u32 i, u8 byte, bool magic)
{
	struct page *page = find_or_create_page(&kj_map, KJ_HOME + i);
	u32 m = jbd2_cpu_to_be32(JBD2_MAGIC_NUMBER);
	int err;

	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	err = jbd2_journal_get_write_access(h, page);
	if (!err) {
		memset(page_address(page), byte, JBD2_BLOCK_SIZE);
		if (magic)
			memcpy(page_address(page), &m, sizeof(m));
		err = jbd2_journal_dirty_metadata(h, page);
	}
	unlock_page(page);
	put_page(page);
	return err;
}

/* Does home block KJ_HOME + i hold byte everywhere (after the magic if magic)? */
static bool kj_home_is(struct block_device *bdev, u8 *buf, u32 i, u8 byte, bool magic)
{
	u32 m = jbd2_cpu_to_be32(JBD2_MAGIC_NUMBER);

	if (kj_rw(bdev, REQ_OP_READ, KJ_HOME + i, buf))
		return false;
	if (magic && memcmp(buf, &m, sizeof(m)))
		return false;
	for (u32 k = magic ? 4 : 0; k < JBD2_BLOCK_SIZE; k++)
		if (buf[k] != byte)
			return false;
	return true;
}

static u32 kj_s_start(struct block_device *bdev, u8 *buf)
{
	if (kj_rw(bdev, REQ_OP_READ, KJ_JOURNAL, buf))
		return ~0u;
	return jbd2_be32(((struct jbd2_superblock *)buf)->s_start);
}

/* One transaction of a handle setting the listed blocks; 0 or -errno. */
static int kj_txn(journal_t *j, const u32 *blocks, const u8 *bytes, unsigned int n, bool magic0)
{
	handle_t *h = jbd2_journal_start(j, (int)n);
	int err = 0;

	if (IS_ERR(h))
		return (int)PTR_ERR(h);
	for (unsigned int i = 0; !err && i < n; i++)
		err = kj_set(h, blocks[i], bytes[i], magic0 && i == 0);
	return jbd2_journal_stop(h) ?: err;
}

KTEST(jbd2_commit_checkpoint)
{
	struct block_device *bdev = kj_disk();
	u8 *buf = kmalloc(JBD2_BLOCK_SIZE, GFP_KERNEL);
	const char *why = NULL;
	struct jbd2_stats st;
	journal_t *j;
	u32 blocks[] = { 0, 1 };
	u8 bytes[] = { 0xa0, 0xa1 };

	if (!bdev || !buf)
		goto out;
	if (kj_format(bdev, buf, 4)) {
		why = "formatting failed";
		goto out;
	}
	j = jbd2_journal_load(bdev, kj_bmap, NULL, KJ_LEN);
	if (IS_ERR(j)) {
		why = ktest_fail("load: %ld", PTR_ERR(j));
		goto out;
	}
	if (kj_s_start(bdev, buf) != 1)
		why = "a loaded journal does not say s_start = s_first";
	if (!why && (kj_txn(j, blocks, bytes, 2, false) || jbd2_journal_flush(j)))
		why = "transaction failed";
	jbd2_journal_get_stats(j, &st);
	if (!why && (st.commits != 1 || st.blocks_logged != 2 || st.checkpoints != 1))
		why = ktest_fail("commits %lu blocks %lu checkpoints %lu", st.commits,
				 st.blocks_logged, st.checkpoints);
	if (!why && !(kj_home_is(bdev, buf, 0, 0xa0, false) && kj_home_is(bdev, buf, 1, 0xa1, false)))
		why = "checkpoint did not write the blocks home";
	if (!why && kj_s_start(bdev, buf) != 5)		/* log from 1: desc, 2 blocks, commit: head at 5 */
		why = ktest_fail("s_start %u after the checkpoint, expected 5", kj_s_start(bdev, buf));
	if (jbd2_journal_destroy(j) && !why)
		why = "destroy failed";
	if (!why && kj_s_start(bdev, buf) != 0)
		why = "destroy left s_start != 0";
	j = why ? NULL : jbd2_journal_load(bdev, kj_bmap, NULL, KJ_LEN);
	if (!why && IS_ERR(j))
		why = "clean reload failed";
	if (!why) {
		jbd2_journal_get_stats(j, &st);
		if (st.replayed)
			why = "a clean journal replayed blocks";
		jbd2_journal_destroy(j);
	}
out:
	truncate_inode_pages(&kj_map, 0);
	kfree(buf);
	return why;
}

/* Commit B (0 escaped, 2, 3) and C (revoke 3, set 1) with no checkpoint; D never commits. */
static const char *kj_crash_run(journal_t *j)
{
	u32 b_blocks[] = { 0, 2, 3 }, c_blocks[] = { 1 }, d_blocks[] = { 4 };
	u8 b_bytes[] = { 0xb0, 0xb2, 0xb3 }, c_bytes[] = { 0xc1 }, d_bytes[] = { 0xd4 };
	handle_t *h;
	int err;

	jbd2_journal_set_no_checkpoint(j, true);
	if (kj_txn(j, b_blocks, b_bytes, 3, true) || jbd2_journal_force_commit(j))
		return "transaction B failed";
	h = jbd2_journal_start(j, 2);
	if (IS_ERR(h))
		return "start C failed";
	err = jbd2_journal_revoke(h, KJ_HOME + 3);
	err = err ?: kj_set(h, 1, 0xc1, false);
	err = jbd2_journal_stop(h) ?: err;
	(void)c_blocks;
	(void)c_bytes;
	if (err || jbd2_journal_force_commit(j))
		return "transaction C failed";
	if (jbd2_journal_may_reuse(j, KJ_HOME + 3) == false)
		return "a committed revoke still blocks reuse";
	if (kj_txn(j, d_blocks, d_bytes, 1, false))
		return "transaction D failed";
	return NULL;
}

KTEST(jbd2_crash_replay)
{
	struct block_device *bdev = kj_disk();
	u8 *buf = kmalloc(JBD2_BLOCK_SIZE, GFP_KERNEL);
	const char *why = NULL;
	struct jbd2_stats st;
	journal_t *j;

	if (!bdev || !buf)
		goto out;
	if (kj_format(bdev, buf, 5) || IS_ERR(j = jbd2_journal_load(bdev, kj_bmap, NULL, KJ_LEN))) {
		why = "format or load failed";
		goto out;
	}
	why = kj_crash_run(j);
	jbd2_journal_abandon(j);			/* the crash */
	for (u32 i = 0; !why && i < 5; i++)
		if (!kj_home_is(bdev, buf, i, KJ_FILL, false))
			why = ktest_fail("home block %u written before any checkpoint", i);
	if (!why && kj_s_start(bdev, buf) == 0)
		why = "the crashed journal looks clean";
	j = why ? NULL : jbd2_journal_load(bdev, kj_bmap, NULL, KJ_LEN);
	if (!why && IS_ERR(j))
		why = ktest_fail("reload: %ld", PTR_ERR(j));
	if (why)
		goto out;
	jbd2_journal_get_stats(j, &st);
	if (st.replayed != 3)
		why = ktest_fail("replayed %u blocks, expected 3 (B: 0 and 2; C: 1)", st.replayed);
	else if (!kj_home_is(bdev, buf, 0, 0xb0, true) || !kj_home_is(bdev, buf, 2, 0xb2, false))
		why = "B's blocks not replayed (or the escaped one lost its magic)";
	else if (!kj_home_is(bdev, buf, 1, 0xc1, false))
		why = "C's block not replayed";
	else if (!kj_home_is(bdev, buf, 3, KJ_FILL, false))
		why = "a revoked block was replayed";
	else if (!kj_home_is(bdev, buf, 4, KJ_FILL, false))
		why = "an uncommitted transaction was replayed";
	if (jbd2_journal_destroy(j) && !why)
		why = "destroy after recovery failed";
out:
	truncate_inode_pages(&kj_map, 0);
	kfree(buf);
	return why;
}

/* ---------------------------------------------------------------- ordered data */

static struct block_device *kj_data_bdev;

static void kj_data_end_io(struct bio *bio)
{
	struct page *page = bio->bi_private;

	if (bio->bi_status)
		mapping_set_error(page->mapping, bio->bi_status);
	end_page_writeback(page);
	bio_put(bio);
}

/* A one-block-per-page "file" at device blocks KJ_DATA + index. */
static int kj_data_writepage(struct page *page, struct writeback_control *wbc)
{
	struct bio *bio = bio_alloc(kj_data_bdev, 1, REQ_OP_WRITE, 0, GFP_KERNEL);

	(void)wbc;
	if (!bio)
		return -ENOMEM;
	bio->bi_sector = (u64)(KJ_DATA + page->index) << 3;
	bio->bi_end_io = kj_data_end_io;
	bio->bi_private = page;
	bio_add_page(bio, page, JBD2_BLOCK_SIZE, 0);
	unlock_page(page);
	submit_bio(bio);
	return 0;
}

static const struct address_space_operations kj_data_aops = {
	.writepage = kj_data_writepage,
};

/* Dirty page 0 of data (every byte 0x5d), file it and change home block 0 in one handle. */
static const char *kj_ordered_txn(journal_t *j, struct address_space *data)
{
	struct page *page = find_or_create_page(data, 0);
	handle_t *h;
	int err;

	if (IS_ERR(page))
		return "no data page";
	memset(page_address(page), 0x5d, JBD2_BLOCK_SIZE);
	page_flag_set(page, PG_uptodate);
	set_page_dirty(page);
	unlock_page(page);
	put_page(page);
	h = jbd2_journal_start(j, 1);
	if (IS_ERR(h))
		return "start failed";
	err = jbd2_journal_file_inode(h, data);
	err = err ?: kj_set(h, 0, 0x77, false);
	err = jbd2_journal_stop(h) ?: err;
	if (err || jbd2_journal_force_commit(j))
		return "ordered transaction failed";
	return NULL;
}

KTEST(jbd2_ordered_data)
{
	struct block_device *bdev = kj_disk();
	u8 *buf = kmalloc(JBD2_BLOCK_SIZE, GFP_KERNEL);
	static struct address_space data;
	const char *why = NULL;
	journal_t *j;

	address_space_init(&data, NULL, &kj_data_aops);
	if (!bdev || !buf)
		goto out;
	kj_data_bdev = bdev;
	memset(buf, 0, JBD2_BLOCK_SIZE);
	if (kj_format(bdev, buf, 1) || kj_rw(bdev, REQ_OP_WRITE, KJ_DATA, buf) ||
	    IS_ERR(j = jbd2_journal_load(bdev, kj_bmap, NULL, KJ_LEN))) {
		why = "format or load failed";
		goto out;
	}
	jbd2_journal_set_no_checkpoint(j, true);
	why = kj_ordered_txn(j, &data);
	jbd2_journal_release_mapping(j, &data);
	if (!why && !kj_rw(bdev, REQ_OP_READ, KJ_DATA, buf) && buf[0] != 0x5d)
		why = "the ordered data was not written by the commit";
	if (!why && !kj_home_is(bdev, buf, 0, KJ_FILL, false))
		why = "the metadata went home before a checkpoint";
	jbd2_journal_abandon(j);
	if (!why && IS_ERR(j = jbd2_journal_load(bdev, kj_bmap, NULL, KJ_LEN)))
		why = "reload failed";
	if (!why) {
		jbd2_journal_destroy(j);
		if (!kj_home_is(bdev, buf, 0, 0x77, false))
			why = "the metadata of the ordered transaction was not replayed";
	}
out:
	truncate_inode_pages(&data, 0);
	writeback_forget(&data);
	truncate_inode_pages(&kj_map, 0);
	kfree(buf);
	return why;
}

/* ---------------------------------------------------------------- wrapping */

#define KJ_WRAP_BLOCKS	40		/* blocks per transaction */
#define KJ_WRAP_TXNS	32		/* 32 * 42 log blocks: more than one lap of 1023 */

/* Transaction r sets home blocks 0..KJ_WRAP_BLOCKS-1 to byte r. */
static int kj_wrap_txn(journal_t *j, u32 r)
{
	u32 blocks[KJ_WRAP_BLOCKS];
	u8 bytes[KJ_WRAP_BLOCKS];

	for (u32 i = 0; i < KJ_WRAP_BLOCKS; i++) {
		blocks[i] = i;
		bytes[i] = (u8)r;
	}
	return kj_txn(j, blocks, bytes, KJ_WRAP_BLOCKS, false) ?: jbd2_journal_force_commit(j);
}

static const char *kj_all_home(struct block_device *bdev, u8 *buf, u8 byte)
{
	for (u32 i = 0; i < KJ_WRAP_BLOCKS; i++)
		if (!kj_home_is(bdev, buf, i, byte, false))
			return ktest_fail("home block %u is not %#x", i, byte);
	return NULL;
}

KTEST(jbd2_log_wraps)
{
	struct block_device *bdev = kj_disk();
	u8 *buf = kmalloc(JBD2_BLOCK_SIZE, GFP_KERNEL);
	const char *why = NULL;
	journal_t *j;
	u32 r;

	if (!bdev || !buf)
		goto out;
	if (kj_format(bdev, buf, KJ_WRAP_BLOCKS) ||
	    IS_ERR(j = jbd2_journal_load(bdev, kj_bmap, NULL, KJ_LEN))) {
		why = "format or load failed";
		goto out;
	}
	/*
	 * No checkpoint but when the log is full: 24 transactions of 42 log
	 * blocks fill 1..1008, the 25th checkpoints them first, 25..32 then
	 * run from 1009 round the end of the log to 322. The crash leaves
	 * those 8 to replay, across the wrap.
	 */
	jbd2_journal_set_no_checkpoint(j, true);
	for (r = 1; !why && r <= KJ_WRAP_TXNS; r++) {
		if (kj_wrap_txn(j, r))
			why = ktest_fail("transaction %u failed", r);
	}
	jbd2_journal_abandon(j);			/* crash with several in the log */
	if (!why && IS_ERR(j = jbd2_journal_load(bdev, kj_bmap, NULL, KJ_LEN)))
		why = "reload failed";
	if (!why) {
		struct jbd2_stats st;

		jbd2_journal_get_stats(j, &st);
		if (st.replayed != 8 * KJ_WRAP_BLOCKS)
			why = ktest_fail("replayed %u blocks, expected 8 transactions' %u", st.replayed,
					 8 * KJ_WRAP_BLOCKS);
		jbd2_journal_destroy(j);
	}
	if (!why)
		why = kj_all_home(bdev, buf, (u8)KJ_WRAP_TXNS);
out:
	truncate_inode_pages(&kj_map, 0);
	kfree(buf);
	return why;
}

/* ---------------------------------------------------------------- group commit */

#define KJ_THREADS	3
#define KJ_ROUNDS	40

struct kj_worker {
	journal_t *j;
	u32 first;			/* its blocks: first .. first + 7 */
	int err;
};

static int kj_worker_fn(void *arg)
{
	struct kj_worker *w = arg;

	for (u32 r = 0; r < KJ_ROUNDS && !w->err; r++) {
		u32 blocks[2] = { w->first + r % 8, w->first + (r + 3) % 8 };
		u8 bytes[2] = { (u8)r, (u8)r };

		w->err = kj_txn(w->j, blocks, bytes, 2, false);
		if (!w->err && r % 10 == 9)
			w->err = jbd2_journal_force_commit(w->j);
	}
	return 0;
}

KTEST(jbd2_group_commit)
{
	struct block_device *bdev = kj_disk();
	u8 *buf = kmalloc(JBD2_BLOCK_SIZE, GFP_KERNEL);
	struct kj_worker w[KJ_THREADS];
	struct task *tasks[KJ_THREADS];
	const char *why = NULL;
	struct jbd2_stats st;
	journal_t *j;

	if (!bdev || !buf)
		goto out;
	if (kj_format(bdev, buf, 8 * KJ_THREADS) ||
	    IS_ERR(j = jbd2_journal_load(bdev, kj_bmap, NULL, KJ_LEN))) {
		why = "format or load failed";
		goto out;
	}
	for (int i = 0; i < KJ_THREADS; i++) {
		w[i] = (struct kj_worker){ .j = j, .first = 8 * i };
		tasks[i] = kthread_run(kj_worker_fn, &w[i], "kj_worker");
		if (IS_ERR(tasks[i]))
			w[i].err = (int)PTR_ERR(tasks[i]);
	}
	for (int i = 0; i < KJ_THREADS; i++)
		if (!IS_ERR(tasks[i]))
			kthread_join(tasks[i]);
	for (int i = 0; i < KJ_THREADS; i++)
		if (w[i].err)
			why = ktest_fail("worker %d: %d", i, w[i].err);
	jbd2_journal_get_stats(j, &st);
	printk("ktest jbd2: %d handles in %lu commits, %lu blocks logged, %lu checkpoints\n",
	       KJ_THREADS * KJ_ROUNDS, st.commits, st.blocks_logged, st.checkpoints);
	if (jbd2_journal_destroy(j) && !why)
		why = "destroy failed";
	/* Each block's last writer wrote round r with r % 8 == its slot (or slot - 3). */
	for (int i = 0; !why && i < KJ_THREADS; i++)
		for (u32 b = 0; b < 8 && !why; b++) {
			u8 want = 0;
			for (u32 r = 0; r < KJ_ROUNDS; r++)
				if (r % 8 == b || (r + 3) % 8 == b)
					want = (u8)r;
			if (!kj_home_is(bdev, buf, 8 * i + b, want, false))
				why = ktest_fail("block %u of worker %d is not round %u's", b, i, want);
		}
out:
	truncate_inode_pages(&kj_map, 0);
	kfree(buf);
	return why;
}

KTEST(jbd2_bad_superblock)
{
	struct block_device *bdev = kj_disk();
	u8 *buf = kmalloc(JBD2_BLOCK_SIZE, GFP_KERNEL);
	const char *why = NULL;
	journal_t *j;

	if (!bdev || !buf)
		goto out;
	if (kj_format(bdev, buf, 1)) {
		why = "format failed";
		goto out;
	}
	kj_rw(bdev, REQ_OP_READ, KJ_JOURNAL, buf);
	((struct jbd2_superblock *)buf)->s_start = jbd2_cpu_to_be32(KJ_LEN + 5);	/* outside */
	kj_rw(bdev, REQ_OP_WRITE, KJ_JOURNAL, buf);
	j = jbd2_journal_load(bdev, kj_bmap, NULL, KJ_LEN);
	if (!IS_ERR(j)) {
		jbd2_journal_abandon(j);
		why = "a journal with s_start past its end was accepted";
	} else if (PTR_ERR(j) != -EUCLEAN) {
		why = ktest_fail("load: %ld, expected -EUCLEAN", PTR_ERR(j));
	}
	if (!why && !IS_ERR(j = jbd2_journal_load(bdev, kj_bmap, NULL, 100)))
		why = "a 100-block journal was accepted";
out:
	kfree(buf);
	return why;
}
