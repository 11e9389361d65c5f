/*
 * The ext2 driver's side of the journal at mount and unmount: find the
 * journal inode's (8) blocks, load the journal -- replaying it if a crash
 * left committed transactions in the log -- and keep the superblock's
 * EXT3_FEATURE_INCOMPAT_RECOVER ("needs_recovery") set while the journal
 * is in use, as e2fsck and Linux expect. The transactions themselves are
 * ext2_txn.c's. docs/ext2.md, "Journal".
 *
 * Interface: ext2.h (ext2_journal_open, ext2_journal_close). Called from
 * mount, remount and unmount (ext2_super.c), which the namespace
 * serializes; no locks of its own.
 */
#include <block/blkdev.h>
#include <fs/jbd2.h>
#include <kernel/err.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <uapi/errno.h>

#include "ext2.h"
#include "ext2_bmap.h"

/* The journal inode's block map while jbd2_journal_load reads it. */
struct ext2_jmap {
	struct ext2_sb_info *sbi;
	u32 i_block[EXT2_N_BLOCKS];
	int err;
};

/* Slot slot of indirect block blk (0 and m->err set if it cannot be read or is bad). */
static u32 ext2_jmap_ind(struct ext2_jmap *m, u32 blk, u32 slot)
{
	struct page *page;
	u32 v;

	if (m->err || !ext2_block_valid(m->sbi, blk)) {
		m->err = -EUCLEAN;
		return 0;
	}
	page = bdev_read_block(m->sbi->bdev, blk);
	if (IS_ERR(page)) {
		m->err = (int)PTR_ERR(page);
		return 0;
	}
	v = ((u32 *)page_address(page))[slot];
	put_page(page);
	return v;
}

/* jbd2_journal_load's bmap: journal block lbn -> device block, 0 if unmapped or bad. */
static u32 ext2_jmap_fn(void *ctx, u32 lbn)
{
	struct ext2_jmap *m = ctx;
	struct ext2_bmap_path p;
	u32 cur;

	if (ext2_bmap_path(lbn, EXT2_APB_BITS, &p))
		return 0;
	cur = m->i_block[p.offsets[0]];
	for (int k = 1; k < p.depth && cur; k++)
		cur = ext2_jmap_ind(m, cur, p.offsets[k]);
	if (m->err || !ext2_block_valid(m->sbi, cur))
		return 0;
	return cur;
}

/* Read inode 8: its block pointers into m, its size in blocks into *nr. 0 or -errno. */
static int ext2_jmap_init(struct ext2_sb_info *sbi, struct ext2_jmap *m, u32 *nr)
{
	const struct ext2_inode *raw;
	struct page *page;
	u32 block, off;
	u64 size;
	int err = ext2_inode_loc(sbi, EXT3_JOURNAL_INO, &block, &off);

	if (err)
		return err;
	page = bdev_read_block(sbi->bdev, block);
	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	raw = (const struct ext2_inode *)((char *)page_address(page) + off);
	memcpy(m->i_block, raw->i_block, sizeof(m->i_block));
	size = raw->i_size | (u64)raw->i_size_high << 32;
	put_page(page);
	m->sbi = sbi;
	m->err = 0;
	if (size >> EXT2_BLOCK_SIZE_BITS > 0xffffffffu)
		return -EUCLEAN;
	*nr = (u32)(size >> EXT2_BLOCK_SIZE_BITS);
	return 0;
}

int ext2_journal_open(struct ext2_sb_info *sbi, bool *replayed)
{
	struct ext2_jmap m;
	struct jbd2_stats st;
	journal_t *j;
	u32 nr = 0;
	int err = ext2_jmap_init(sbi, &m, &nr);

	*replayed = false;
	if (err)
		goto err_out;
	j = jbd2_journal_load(sbi->bdev, ext2_jmap_fn, &m, nr);
	if (IS_ERR(j)) {
		err = (int)PTR_ERR(j);
		goto err_out;
	}
	jbd2_journal_get_stats(j, &st);
	if (st.replayed) {
		pr_info("ext2 %s: journal replayed (%u blocks)\n", sbi->bdev->name, st.replayed);
		*replayed = true;
	}
	sbi->journal = j;
	return 0;
err_out:
	pr_err("ext2 %s: cannot load the journal (%d)\n", sbi->bdev->name, err);
	return err;
}

int ext2_journal_close(struct ext2_sb_info *sbi)
{
	journal_t *j = sbi->journal;
	int err;

	if (!j)
		return 0;
	sbi->journal = NULL;
	err = jbd2_journal_destroy(j);
	mutex_lock(&sbi->alloc_mutex);
	if (!err)
		sbi->es->s_feature_incompat &= ~(u32)EXT3_FEATURE_INCOMPAT_RECOVER;
	mutex_unlock(&sbi->alloc_mutex);
	return err;
}

void ext2_journal_crash(struct super_block *sb)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	journal_t *j = sbi->journal;

	sbi->crashed = true;
	sbi->journal = NULL;
	sbi->rw_mounted = false;
	if (j)
		jbd2_journal_abandon(j);
	pr_info("ext2 %s: simulated crash: nothing more is written\n", sbi->bdev->name);
}
