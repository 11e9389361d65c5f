/*
 * The ext2 metadata-update layer: every change of a cached metadata block
 * (superblock, group descriptors, bitmaps, inode tables, directory and
 * indirect blocks) happens between ext2_txn_start() and ext2_txn_stop(),
 * announced with ext2_meta_access() before and ext2_meta_dirty() after.
 *
 * Without a journal (today) a transaction is only a context: the page is
 * simply dirtied and the writeback thread or sync writes it home. With the
 * JBD2 journal (kernel/fs/jbd2/, not merged yet) these become
 * jbd2_journal_start/stop, jbd2_journal_get_write_access,
 * jbd2_journal_dirty_metadata, jbd2_journal_revoke and (ordered data)
 * jbd2_journal_file_inode -- the only file
 * that changes when the journal is plugged in (docs/ext2.md, "Journal").
 *
 * Interface: ext2.h. No locks of its own.
 */
#include <block/blkdev.h>

#include "ext2.h"

int ext2_txn_start(struct super_block *sb, struct ext2_txn *t, int nblocks)
{
	(void)nblocks;
	t->sbi = EXT2_SB(sb);
	t->handle = NULL;
	return 0;
}

int ext2_txn_stop(struct ext2_txn *t)
{
	t->sbi = NULL;
	return 0;
}

int ext2_meta_access(struct ext2_txn *t, struct page *page)
{
	(void)t;
	(void)page;
	return 0;
}

void ext2_meta_dirty(struct ext2_txn *t, struct page *page)
{
	(void)t;
	set_page_dirty(page);
}

void ext2_meta_forget(struct ext2_txn *t, u32 block)
{
	bdev_forget_block(t->sbi->bdev, block);
}

int ext2_txn_file_data(struct ext2_txn *t, struct inode *inode)
{
	(void)t;
	(void)inode;
	return 0;
}
