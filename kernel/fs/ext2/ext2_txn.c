/*
 * The ext2 metadata-update layer: every change of a cached metadata block
 * (superblock, group descriptors, bitmaps, inode tables, directory and
 * indirect blocks) happens between ext2_txn_start() and ext2_txn_stop(),
 * announced with ext2_meta_access() before and ext2_meta_dirty() after.
 *
 * With a journal (sbi->journal: a read-write mount of an image with
 * has_journal) a transaction is a JBD2 handle: access/dirty become
 * jbd2_journal_get_write_access/dirty_metadata (the page is logged at the
 * commit, never set_page_dirty'd), freeing a metadata block revokes it,
 * and a file that got a new data block is filed for ordered data.
 * Without one the page is simply dirtied and writeback or sync writes it
 * home. docs/ext2.md, "Journal".
 *
 * Nesting: JBD2 handles do not nest but ext2 does (an inode evicted, or
 * an inode written, inside a transaction). The task's open handle lives
 * in current->journal_info as a struct ext2_jctx with a depth; a nested
 * ext2_txn_start on the same file system joins it and only the outermost
 * stop ends the handle. Work that finds more blocks than reserved extends
 * the handle (EXT2_TXN_EXTEND at a time).
 *
 * Interface: ext2.h. No locks of its own: journal_info is the task's own.
 */
#include <block/blkdev.h>
#include <fs/jbd2.h>
#include <kernel/err.h>
#include <kernel/printk.h>
#include <mm/slab.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#include "ext2.h"

/* Every handle reserves at least this many blocks; extensions add this many. */
#define EXT2_TXN_MIN_CREDITS	32
#define EXT2_TXN_EXTEND		32

/* The task's open handle (current->journal_info). */
struct ext2_jctx {
	handle_t *handle;
	struct ext2_sb_info *sbi;
	int depth;                      /* ext2_txn_start()s not yet stopped */
	void *prev;                     /* journal_info before (another file system's), or NULL */
};

int ext2_txn_start(struct super_block *sb, struct ext2_txn *t, int nblocks)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct ext2_jctx *c = current->journal_info;
	handle_t *h;

	t->sbi = sbi;
	t->handle = NULL;
	t->ctx = NULL;
	if (sbi->crashed)
		return -EIO;
	if (!sbi->journal)
		return 0;
	if (c && c->sbi == sbi) {
		c->depth++;
		t->ctx = c;
		t->handle = c->handle;
		return 0;
	}
	c = kmalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	h = jbd2_journal_start(sbi->journal, nblocks > EXT2_TXN_MIN_CREDITS ? nblocks :
					     EXT2_TXN_MIN_CREDITS);
	if (IS_ERR(h)) {
		kfree(c);
		return (int)PTR_ERR(h);
	}
	c->handle = h;
	c->sbi = sbi;
	c->depth = 1;
	c->prev = current->journal_info;
	current->journal_info = c;
	t->ctx = c;
	t->handle = h;
	return 0;
}

/* Drop one level of the context c (the task's current one). */
static int ext2_jctx_put(struct ext2_jctx *c)
{
	int err;

	if (--c->depth > 0)
		return 0;
	current->journal_info = c->prev;
	err = jbd2_journal_stop(c->handle);
	kfree(c);
	return err;
}

int ext2_txn_stop(struct ext2_txn *t)
{
	struct ext2_jctx *c = t->ctx;

	t->sbi = NULL;
	t->handle = NULL;
	t->ctx = NULL;
	return c ? ext2_jctx_put(c) : 0;
}

int ext2_txn_stop_current(struct super_block *sb)
{
	struct ext2_jctx *c = current->journal_info;

	if (!EXT2_SB(sb)->journal)
		return 0;
	if (!c || c->sbi != EXT2_SB(sb)) {
		pr_err("ext2 %s: no open transaction to stop\n", EXT2_SB(sb)->bdev->name);
		return -EIO;
	}
	return ext2_jctx_put(c);
}

int ext2_meta_access(struct ext2_txn *t, struct page *page)
{
	if (!t->handle)
		return 0;
	return jbd2_journal_get_write_access(t->handle, page);
}

void ext2_meta_dirty(struct ext2_txn *t, struct page *page)
{
	int err;

	if (!t->handle) {
		set_page_dirty(page);
		return;
	}
	err = jbd2_journal_dirty_metadata(t->handle, page);
	if (err == -ENOSPC) {
		err = jbd2_journal_extend(t->handle, EXT2_TXN_EXTEND);
		if (!err)
			err = jbd2_journal_dirty_metadata(t->handle, page);
	}
	if (err)
		pr_err("ext2 %s: block %lu not journaled (%d): the change may be lost\n",
		       t->sbi->bdev->name, page->index, err);
}

/*
 * A block is being freed. Under a journal it is revoked whether it held
 * metadata or file data: the revoke keeps recovery from replaying older
 * logged copies of a metadata block, and -- for every block -- keeps the
 * allocator from handing it out again until the freeing transaction has
 * committed (ext2_next_reusable). Without that, a crash before the
 * commit leaves the old owner (whose unlink or truncate never committed)
 * pointing at the new owner's data: the kill crash test caught exactly
 * that. meta only says whether a cached copy of the block may exist.
 */
void ext2_meta_forget(struct ext2_txn *t, u32 block, bool meta)
{
	(void)meta;
	if (t->handle) {
		int err = jbd2_journal_revoke(t->handle, block);

		if (err)
			pr_err("ext2 %s: cannot revoke block %u (%d)\n", t->sbi->bdev->name,
			       block, err);
	}
	bdev_forget_block(t->sbi->bdev, block);
}

u64 ext2_next_reusable(struct ext2_sb_info *sbi, u32 block)
{
	return sbi->journal ? jbd2_journal_next_reusable(sbi->journal, block) : block;
}

int ext2_txn_file_data(struct ext2_txn *t, struct inode *inode)
{
	if (!t->handle)
		return 0;
	return jbd2_journal_file_inode(t->handle, inode->i_mapping);
}

int ext2_txn_commit(struct ext2_sb_info *sbi)
{
	if (!sbi->journal)
		return bdev_sync(sbi->bdev);
	return jbd2_journal_force_commit(sbi->journal);
}
