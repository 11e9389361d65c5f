/*
 * Interchange with Linux's tools (tests/run.py job "jbd2/e2fsck"): with
 * jbd2.image=1 on the command line, vda and vdb are ext2 images made by
 * build/mkfs/mkfs with a journal. On each this test finds the journal
 * inode's blocks (inode 8, direct/indirect/double-indirect), loads the
 * journal and runs one transaction that renames the volume (the
 * superblock in block 0 is logged) and logs the last block (free) filled
 * with 0xa5, then a second one that revokes that block.
 *   vda: destroy (a clean unmount) -- e2fsck -fn must find it clean, with
 *        the new label at home and an empty journal;
 *   vdb: the transactions commit but are never checkpointed, the
 *        superblock gets needs_recovery, then a "crash" -- e2fsck -fy must
 *        replay them (the label appears, the revoked block stays free of
 *        0xa5), then e2fsck -fn must be clean.
 * Without jbd2.image the test passes with a note.
 */
#include <block/blkdev.h>
#include <fs/ext2_fs.h>
#include <fs/jbd2.h>
#include <kernel/machine.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/pagemap.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#include "jbd2_log.h"

#define KI_BS		JBD2_BLOCK_SIZE
#define KI_APB		(KI_BS / 4)	/* block numbers per indirect block */

/* The journal inode's block map, read through the device. */
struct ki_bmap {
	struct block_device *bdev;
	u32 i_block[EXT2_N_BLOCKS];
	u32 cached_no;			/* indirect block held in cache (0: none) */
	u32 *cache;			/* [KI_APB] */
	int err;
};

static u32 ki_indirect(struct ki_bmap *m, u32 block, u32 index)
{
	if (block == 0 || index >= KI_APB) {
		m->err = -EUCLEAN;
		return 0;
	}
	if (m->cached_no != block) {
		m->err = blkdev_rw_sync(m->bdev, REQ_OP_READ, (u64)block << 3, m->cache, KI_BS);
		if (m->err)
			return 0;
		m->cached_no = block;
	}
	return m->cache[index];
}

static u32 ki_bmap_fn(void *ctx, u32 lbn)
{
	struct ki_bmap *m = ctx;

	if (lbn < EXT2_NDIR_BLOCKS)
		return m->i_block[lbn];
	lbn -= EXT2_NDIR_BLOCKS;
	if (lbn < KI_APB)
		return ki_indirect(m, m->i_block[EXT2_IND_BLOCK], lbn);
	lbn -= KI_APB;
	u32 ind = ki_indirect(m, m->i_block[EXT2_DIND_BLOCK], lbn / KI_APB);
	return m->err ? 0 : ki_indirect(m, ind, lbn % KI_APB);
}

/* Find inode 8 (group 0); fill m->i_block, *nr_blocks, *blocks_count. */
static const char *ki_find_journal(struct block_device *bdev, u8 *buf, struct ki_bmap *m,
				   u32 *nr_blocks, u32 *blocks_count)
{
	struct ext2_super_block *sb = (void *)(buf + 1024);
	struct ext2_group_desc *gd = (void *)buf;
	u32 isize, table, ino_off;

	if (blkdev_rw_sync(bdev, REQ_OP_READ, 0, buf, KI_BS))
		return "read of block 0 failed";
	if (sb->s_magic != EXT2_SUPER_MAGIC || sb->s_journal_inum != 8)
		return "not an ext2 image with an internal journal";
	isize = sb->s_inode_size;
	*blocks_count = sb->s_blocks_count;
	if (blkdev_rw_sync(bdev, REQ_OP_READ, 8, buf, KI_BS))	/* the descriptors: block 1 */
		return "read of block 1 failed";
	table = gd->bg_inode_table;
	ino_off = 7 * isize;
	if (blkdev_rw_sync(bdev, REQ_OP_READ, ((u64)table + ino_off / KI_BS) << 3, buf, KI_BS))
		return "read of the inode table failed";
	struct ext2_inode *ino = (void *)(buf + ino_off % KI_BS);
	memcpy(m->i_block, ino->i_block, sizeof(m->i_block));
	*nr_blocks = ino->i_size / KI_BS;
	return NULL;
}

/* Log block in handle h filled with byte. */
static int ki_log_block(handle_t *h, struct address_space *map, u32 block, u8 byte)
{
	struct page *page = find_or_create_page(map, block);
	int err;

	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	err = jbd2_journal_get_write_access(h, page);
	memset(page_address(page), byte, KI_BS);
	err = err ?: jbd2_journal_dirty_metadata(h, page);
	unlock_page(page);
	put_page(page);
	return err;
}

/* T1: the label (block 0) and the last block (0xa5); T2: revoke the last block. */
static const char *ki_transaction(journal_t *j, struct address_space *map, struct block_device *bdev,
				  const char *label, u32 blocks_count)
{
	struct page *page = find_or_create_page(map, 0);
	handle_t *h;
	int err;

	if (IS_ERR(page))
		return "no page";
	err = blkdev_rw_sync(bdev, REQ_OP_READ, 0, page_address(page), KI_BS);
	h = err ? ERR_PTR(err) : jbd2_journal_start(j, 2);
	if (!IS_ERR(h)) {
		struct ext2_super_block *sb = page_address(page) + 1024;

		err = jbd2_journal_get_write_access(h, page);
		memset(sb->s_volume_name, 0, sizeof(sb->s_volume_name));
		strncpy(sb->s_volume_name, label, sizeof(sb->s_volume_name));
		err = err ?: jbd2_journal_dirty_metadata(h, page);
		err = err ?: ki_log_block(h, map, blocks_count - 1, 0xa5);
		err = jbd2_journal_stop(h) ?: err;
	}
	unlock_page(page);
	put_page(page);
	if (IS_ERR(h) || err)
		return ktest_fail("transaction: %d", IS_ERR(h) ? (int)PTR_ERR(h) : err);
	if (jbd2_journal_force_commit(j))
		return "commit failed";
	h = jbd2_journal_start(j, 1);
	if (IS_ERR(h))
		return "second start failed";
	err = jbd2_journal_revoke(h, blocks_count - 1);
	err = jbd2_journal_stop(h) ?: err;
	return err || jbd2_journal_force_commit(j) ? "the revoking transaction failed" : NULL;
}

/* Set needs_recovery in the superblock at home, as a mount does. */
static int ki_set_recover(struct block_device *bdev, u8 *buf)
{
	struct ext2_super_block *sb = (void *)(buf + 1024);
	int err = blkdev_rw_sync(bdev, REQ_OP_READ, 0, buf, KI_BS);

	if (err)
		return err;
	sb->s_feature_incompat |= EXT3_FEATURE_INCOMPAT_RECOVER;
	err = blkdev_rw_sync(bdev, REQ_OP_WRITE, 0, buf, KI_BS);
	return err ?: blkdev_issue_flush(bdev);
}

static const char *ki_one(const char *name, bool crash, u8 *buf, u32 *cache)
{
	struct block_device *bdev = blkdev_get_by_name(name);
	struct ki_bmap m = { .bdev = bdev, .cache = cache };
	struct address_space map;
	u32 nr_blocks = 0, blocks_count = 0;
	const char *why;
	journal_t *j;

	if (!bdev)
		return ktest_fail("no %s", name);
	why = ki_find_journal(bdev, buf, &m, &nr_blocks, &blocks_count);
	if (why)
		return why;
	address_space_init(&map, NULL, NULL);
	map.flags |= AS_UNEVICTABLE;
	j = jbd2_journal_load(bdev, ki_bmap_fn, &m, nr_blocks);
	if (IS_ERR(j) || m.err)
		return ktest_fail("%s: journal load %ld (map %d)", name, IS_ERR(j) ? PTR_ERR(j) : 0L, m.err);
	if (crash)
		jbd2_journal_set_no_checkpoint(j, true);
	why = ki_transaction(j, &map, bdev, crash ? "jbd2-crash" : "jbd2-clean", blocks_count);
	if (crash) {
		if (!why && ki_set_recover(bdev, buf))
			why = "setting needs_recovery failed";
		jbd2_journal_abandon(j);
	} else if (jbd2_journal_destroy(j) && !why) {
		why = "destroy failed";
	}
	truncate_inode_pages(&map, 0);
	printk("ktest jbd2: %s: journal of %u blocks, %s\n", name, nr_blocks,
	       crash ? "left committed, not checkpointed" : "closed cleanly");
	return why;
}

KTEST(jbd2_ext3_image)
{
	u8 *buf;
	u32 *cache;
	const char *why;

	if (!cmdline_get(&kernel_cmdline, "jbd2.image")) {
		printk("ktest jbd2: no jbd2.image=1: image test skipped\n");
		return NULL;
	}
	buf = kmalloc(KI_BS, GFP_KERNEL);
	cache = kmalloc(KI_BS, GFP_KERNEL);
	why = buf && cache ? ki_one("vda", false, buf, cache) : "out of memory";
	if (!why)
		why = ki_one("vdb", true, buf, cache);
	kfree(buf);
	kfree(cache);
	return why;
}
