/*
 * ext2 regular files: data through the inode's page cache.
 *
 * A page is one 4 KiB block. ->readpage maps it (ext2_get_block without
 * create) and reads it with one bio, or zero-fills a hole. Blocks are
 * allocated in ->write_begin (so ->writepage only writes, and -ENOSPC
 * reaches write(2) before anything is copied; with a journal, an -ENOSPC
 * while blocks freed by an uncommitted transaction are all that is left
 * forces a commit and retries, ext2_should_retry_alloc); a new block's page is
 * zeroed first, and a partly written page that is not cached is read in.
 * ->write_end dirties the page and extends i_size.
 *
 * Invariant kept by truncate and write: the bytes of the last block past
 * i_size are zero on disk, so growing a file (truncate up, or a write
 * past the end) shows zeros there.
 *
 * fsync writes the range's pages, the inode (in a transaction), then
 * commits the journal (without one: writes every dirty metadata block of
 * the device and flushes its cache). Ordered data: write_begin holds its
 * transaction until write_end and files the inode when it allocates.
 * mmap: generic_file_mmap; a shared mapping's first store into a page
 * without a block allocates it (->page_mkwrite, in a transaction), so
 * writepage only ever writes; PG_mappedtodisk marks the pages known to
 * have a block (readpage, write_begin, page_mkwrite).
 *
 * Locks: i_rwsem (written by write and truncate, the VFS holds it for
 * setattr) -> page lock -> ei->map_mutex (ext2_map.c).
 */
#include <kernel/err.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "ext2.h"

static void ext2_read_endio(struct bio *bio)
{
	struct page *page = bio->bi_private;

	if (bio->bi_status == 0)
		page_flag_set(page, PG_uptodate);
	unlock_page(page);
	bio_put(bio);
}

static void ext2_write_endio(struct bio *bio)
{
	struct page *page = bio->bi_private;

	if (bio->bi_status)
		mapping_set_error(page->mapping, bio->bi_status);
	end_page_writeback(page);
	bio_put(bio);
}

/* A bio for the whole page at device block pblk. NULL if out of memory. */
static struct bio *ext2_page_bio(struct inode *inode, struct page *page, u32 pblk, int op)
{
	struct bio *bio = bio_alloc(EXT2_SB(inode->i_sb)->bdev, 1, op, 0, GFP_KERNEL);

	if (!bio)
		return NULL;
	bio->bi_sector = (u64)pblk << (EXT2_BLOCK_SIZE_BITS - SECTOR_SHIFT);
	bio_add_page(bio, page, PAGE_SIZE, 0);
	bio->bi_private = page;
	return bio;
}

/* The block under a data page, without allocating: 0 and *pblk (0 = hole). */
static int ext2_page_block(struct inode *inode, struct page *page, u32 *pblk)
{
	struct ext2_txn t = { .sbi = EXT2_SB(inode->i_sb) };

	return ext2_get_block(&t, inode, page->index, false, pblk, NULL);
}

static int ext2_readpage(struct file *file, struct page *page)
{
	struct inode *inode = ((struct address_space *)page->mapping)->host;
	struct bio *bio;
	u32 pblk;
	int err = ext2_page_block(inode, page, &pblk);

	(void)file;
	if (err || pblk == 0) {
		if (!err) {
			page_flag_clear(page, PG_mappedtodisk);   /* a hole */
			memset(page_address(page), 0, PAGE_SIZE);
			page_flag_set(page, PG_uptodate);
		}
		unlock_page(page);
		return err;
	}
	page_flag_set(page, PG_mappedtodisk);
	bio = ext2_page_bio(inode, page, pblk, REQ_OP_READ);
	if (!bio) {
		unlock_page(page);
		return -ENOMEM;
	}
	bio->bi_end_io = ext2_read_endio;
	submit_bio(bio);
	return 0;
}

static int ext2_writepage(struct page *page, struct writeback_control *wbc)
{
	struct inode *inode = ((struct address_space *)page->mapping)->host;
	struct bio *bio;
	u32 pblk;
	int err = ext2_page_block(inode, page, &pblk);

	(void)wbc;
	if (!err && EXT2_SB(inode->i_sb)->crashed)
		pblk = 0;   /* a simulated crash (tests): the write is lost */
	if (!err && pblk == 0) {
		/* A page past the end (truncated meanwhile) or never given a block: nothing to write. */
		unlock_page(page);
		end_page_writeback(page);
		return 0;
	}
	bio = err ? NULL : ext2_page_bio(inode, page, pblk, REQ_OP_WRITE);
	if (!bio) {
		unlock_page(page);
		return err ? err : -ENOMEM;
	}
	bio->bi_end_io = ext2_write_endio;
	unlock_page(page);
	submit_bio(bio);
	return 0;
}

/* Read the locked page from block pblk and keep it locked. 0 or -EIO/-ENOMEM. */
static int ext2_read_locked(struct inode *inode, struct page *page, u32 pblk)
{
	struct bio *bio = ext2_page_bio(inode, page, pblk, REQ_OP_READ);
	int err;

	if (!bio)
		return -ENOMEM;
	err = submit_bio_wait(bio);
	bio_put(bio);
	if (!err)
		page_flag_set(page, PG_uptodate);
	return err;
}

/* Give page index a block in t: 0 and *pblk, *is_new (then filed for ordered data). */
static int ext2_alloc_page_block(struct ext2_txn *t, struct inode *inode, unsigned long index,
				 u32 *pblk, bool *is_new)
{
	int err = ext2_get_block(t, inode, index, true, pblk, is_new);

	if (!err && *is_new)
		err = ext2_txn_file_data(t, inode);
	if (!err && *is_new)
		err = ext2_write_inode_txn(t, inode);
	return err;
}

/*
 * The transaction started here (before the page lock: a handle may wait
 * for a commit, which writes ordered data pages) stays open until
 * ext2_write_end, so the commit that makes a new block's pointer durable
 * also writes the data copied into it (ordered mode).
 */
static int ext2_write_begin_once(struct file *file, struct address_space *mapping, loff_t pos,
				 unsigned int len, struct page **pagep)
{
	struct inode *inode = mapping->host;
	unsigned long index = (unsigned long)(pos >> PAGE_SHIFT);
	struct ext2_txn t;
	struct page *page;
	bool is_new = false;
	u32 pblk;
	int err;

	(void)file;
	err = ext2_txn_start(inode->i_sb, &t, 8);
	if (err)
		return err;
	page = find_or_create_page(mapping, index);
	if (IS_ERR(page)) {
		ext2_txn_stop(&t);
		return (int)PTR_ERR(page);
	}
	wait_on_page_writeback(page);
	err = ext2_alloc_page_block(&t, inode, index, &pblk, &is_new);
	if (err)
		goto err_page;
	page_flag_set(page, PG_mappedtodisk);
	if (is_new || (!page_flag_test(page, PG_uptodate) && (loff_t)index << PAGE_SHIFT >= inode->i_size)) {
		memset(page_address(page), 0, PAGE_SIZE);
		page_flag_set(page, PG_uptodate);
	} else if (!page_flag_test(page, PG_uptodate) && len < PAGE_SIZE) {
		err = ext2_read_locked(inode, page, pblk);
		if (err)
			goto err_page;
	}
	*pagep = page;
	return 0;   /* t stays open: ext2_write_end stops it */
err_page:
	unlock_page(page);
	put_page(page);
	ext2_txn_stop(&t);
	return err;
}

/* write_begin, retried after a commit while blocks freed by it are all that is left. */
static int ext2_write_begin(struct file *file, struct address_space *mapping, loff_t pos,
			    unsigned int len, struct page **pagep)
{
	int retries = 0, err;

	do
		err = ext2_write_begin_once(file, mapping, pos, len, pagep);
	while (err == -ENOSPC && ext2_should_retry_alloc(mapping->host->i_sb, &retries));
	return err;
}

static int ext2_write_end(struct file *file, struct address_space *mapping, loff_t pos,
			  unsigned int len, unsigned int copied, struct page *page)
{
	struct inode *inode = mapping->host;
	int err;

	(void)file;
	if (!page_flag_test(page, PG_uptodate)) {
		if (copied == len && len == PAGE_SIZE)
			page_flag_set(page, PG_uptodate);
		else
			copied = 0;
	}
	if (copied) {
		set_page_dirty(page);
		if (pos + copied > inode->i_size) {
			inode->i_size = pos + copied;
			mark_inode_dirty(inode);
		}
	}
	unlock_page(page);
	put_page(page);
	err = ext2_txn_stop_current(inode->i_sb);   /* write_begin's */
	return err ? err : (int)copied;
}

/*
 * A shared mapping's first store into a page with no block (a hole, or a
 * file grown by ftruncate): allocate the block now, in a transaction
 * started before the page lock as in write_begin, so writepage never
 * has to. The page stays uptodate (a hole reads as zeros); given a new
 * block it is dirtied here, so the ordered commit that makes the block
 * durable writes the page first, never the block's stale contents.
 */
static int ext2_page_mkwrite_once(struct file *file, struct page *page)
{
	struct inode *inode = file_inode(file);
	struct ext2_txn t;
	bool is_new = false;
	u32 pblk;
	int err;

	if (inode->i_sb->s_flags & SB_RDONLY)
		return -EROFS;
	err = ext2_txn_start(inode->i_sb, &t, 8);
	if (err)
		return err;
	lock_page(page);
	if (page->mapping != inode->i_mapping ||
	    ((loff_t)page->index << PAGE_SHIFT) >= READ_ONCE(inode->i_size)) {
		err = 0;   /* truncated meanwhile: the retried fault sees it */
	} else if (!page_flag_test(page, PG_mappedtodisk)) {
		wait_on_page_writeback(page);
		err = ext2_alloc_page_block(&t, inode, page->index, &pblk, &is_new);
		if (!err)
			page_flag_set(page, PG_mappedtodisk);
		/* Dirty now: the commit that makes the block durable writes its page first. */
		if (!err && is_new)
			set_page_dirty(page);
	}
	unlock_page(page);
	ext2_txn_stop(&t);
	return err;
}

static int ext2_page_mkwrite(struct file *file, struct page *page)
{
	int retries = 0, err;

	do
		err = ext2_page_mkwrite_once(file, page);
	while (err == -ENOSPC && ext2_should_retry_alloc(file_inode(file)->i_sb, &retries));
	return err;
}

const struct address_space_operations ext2_aops = {
	.readpage = ext2_readpage,
	.writepage = ext2_writepage,
	.write_begin = ext2_write_begin,
	.write_end = ext2_write_end,
	.page_mkwrite = ext2_page_mkwrite,
};

static ssize_t ext2_file_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct inode *inode = file_inode(file);
	loff_t size = READ_ONCE(inode->i_size);

	return filemap_read(file, inode->i_mapping, &file->f_ra, to, pos, size);
}

/*
 * fsync of a file or a directory: its data (a directory has none in its
 * page cache), then its inode into a transaction, then the commit that
 * makes it and every metadata change before it durable (without a
 * journal: all dirty metadata blocks and a device flush).
 */
int ext2_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	struct inode *inode = file_inode(file);
	int err = 0, e;

	(void)datasync;
	if (inode->i_sb->s_flags & SB_RDONLY)
		return 0;
	if (S_ISREG(inode->i_mode))
		err = filemap_write_and_wait_range(inode->i_mapping, start, end);
	e = ext2_write_inode(inode, true);
	err = err ? err : e;
	e = ext2_txn_commit(EXT2_SB(inode->i_sb));
	return err ? err : e;
}

static ssize_t ext2_file_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct inode *inode = file_inode(file);
	u64 max = EXT2_SB(inode->i_sb)->max_bytes;
	loff_t start;
	ssize_t ret;

	if (inode->i_sb->s_flags & SB_RDONLY)
		return -EROFS;
	down_write(&inode->i_rwsem);
	if (file->f_flags & O_APPEND)
		*pos = inode->i_size;
	start = *pos;
	if ((u64)*pos >= max) {
		ret = from->count ? -EFBIG : 0;
		goto out;
	}
	if (from->count > max - (u64)*pos)
		from->count = max - (u64)*pos;
	ret = generic_perform_write(file, inode->i_mapping, from, *pos);
	if (ret > 0) {
		*pos += ret;
		inode_touch_mc(inode);
		mark_inode_dirty(inode);
	}
out:
	up_write(&inode->i_rwsem);
	if (ret > 0 && (file->f_flags & O_DSYNC)) {
		int err = ext2_fsync(file, start, *pos - 1, 0);

		if (err)
			return err;
	}
	return ret;
}

/* Zero the tail of the block holding byte size (the file is being cut there). */
static int ext2_zero_tail(struct inode *inode, loff_t size)
{
	unsigned int off = (unsigned int)(size & (PAGE_SIZE - 1));
	struct page *page;

	if (!off)
		return 0;
	page = read_mapping_page(inode->i_mapping, (unsigned long)(size >> PAGE_SHIFT), NULL);
	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	lock_page(page);
	if (page->mapping == inode->i_mapping) {
		wait_on_page_writeback(page);
		memset((char *)page_address(page) + off, 0, PAGE_SIZE - off);
		set_page_dirty(page);
	}
	unlock_page(page);
	put_page(page);
	return 0;
}

int ext2_set_size(struct inode *inode, loff_t size)
{
	struct ext2_txn t;
	int err;

	if ((u64)size > EXT2_SB(inode->i_sb)->max_bytes)
		return -EFBIG;
	if (size < inode->i_size) {
		err = ext2_zero_tail(inode, size);
		if (err)
			return err;
		inode->i_size = size;
		truncate_inode_pages(inode->i_mapping, size);
		err = ext2_txn_start(inode->i_sb, &t, 8);
		if (err)
			return err;
		if (size & (PAGE_SIZE - 1))
			ext2_txn_file_data(&t, inode);   /* the zeroed tail before the new size */
		ext2_truncate_blocks(&t, inode, ((u64)size + EXT2_BLOCK_SIZE - 1) >> EXT2_BLOCK_SIZE_BITS);
		ext2_write_inode_txn(&t, inode);
		ext2_txn_stop(&t);
	} else {
		inode->i_size = size;
	}
	inode_touch_mc(inode);
	mark_inode_dirty(inode);
	return 0;
}

const struct file_operations ext2_file_fops = {
	.read = ext2_file_read,
	.write = ext2_file_write,
	.llseek = generic_file_llseek,
	.fsync = ext2_fsync,
	.mmap = generic_file_mmap,
};

const struct inode_operations ext2_file_iops = {
	.setattr = ext2_setattr,
};

const struct inode_operations ext2_special_iops = {
	.setattr = ext2_setattr,
};
