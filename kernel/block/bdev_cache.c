/*
 * The block device's own page cache: file-system metadata (superblock,
 * group descriptors, bitmaps, inode tables, directory and indirect
 * blocks) cached in one address space per device, page index = byte
 * offset / 4096. For a file system with 4 KiB blocks a page is one block,
 * so page index == block number.
 *
 * Interface (block/blkdev.h): bdev_mapping() (made on first use, hung on
 * bdev->bd_mapping, never freed: devices never go away), bdev_read_block(),
 * bdev_new_block(), bdev_write_block_sync(), bdev_forget_block(),
 * bdev_sync().
 *
 * I/O: ->readpage and ->writepage send one bio of one page (eight
 * sectors; fewer for a last page that the device only partly covers: the
 * rest reads as zeros and is not written). Completion runs in interrupt
 * context: it sets PG_uptodate/unlocks (read) or ends the writeback
 * (write), recording an error in the mapping for the next bdev_sync().
 *
 * Locks: "bdev_mapping_lock" (a spinlock, a leaf) only guards the
 * creation of a device's mapping. The pages follow the page-cache rules
 * (mm/pagemap.h); callers that modify a cached block serialize among
 * themselves (the file system's locks) and set_page_dirty() afterwards.
 */
#include <block/blkdev.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>

static struct spinlock bdev_mapping_lock = SPINLOCK_INIT("bdev_mapping_lock");

/* Sectors of the page at index that lie on the device (0 if none, else 1..8). */
static u32 bdev_page_sectors(struct block_device *bdev, unsigned long index)
{
	u64 first = (u64)index << (PAGE_SHIFT - SECTOR_SHIFT);
	u64 per = PAGE_SIZE >> SECTOR_SHIFT;

	if (first >= bdev->nr_sectors)
		return 0;
	return (u32)MIN(per, bdev->nr_sectors - first);
}

/* Pages the device covers, the last perhaps partly. */
static u64 bdev_nr_pages(struct block_device *bdev)
{
	u64 per = PAGE_SIZE >> SECTOR_SHIFT;

	return (bdev->nr_sectors + per - 1) / per;
}

static void bdev_read_endio(struct bio *bio)
{
	struct page *page = bio->bi_private;

	if (bio->bi_status == 0)
		page_flag_set(page, PG_uptodate);
	unlock_page(page);
	bio_put(bio);
}

static void bdev_write_endio(struct bio *bio)
{
	struct page *page = bio->bi_private;

	if (bio->bi_status)
		mapping_set_error(page->mapping, bio->bi_status);
	end_page_writeback(page);
	bio_put(bio);
}

/* One bio for the device's part of page (locked): sectors > 0. */
static struct bio *bdev_page_bio(struct block_device *bdev, struct page *page, int op, u32 sectors)
{
	struct bio *bio = bio_alloc(bdev, 1, op, 0, GFP_KERNEL);

	if (!bio)
		return NULL;
	bio->bi_sector = (u64)page->index << (PAGE_SHIFT - SECTOR_SHIFT);
	bio_add_page(bio, page, sectors << SECTOR_SHIFT, 0);
	bio->bi_private = page;
	return bio;
}

static int bdev_readpage(struct file *file, struct page *page)
{
	struct block_device *bdev = ((struct address_space *)page->mapping)->private_data;
	u32 sectors = bdev_page_sectors(bdev, page->index);
	struct bio *bio;

	(void)file;
	if (sectors == 0) {
		unlock_page(page);
		return -EIO;
	}
	if (sectors < PAGE_SIZE >> SECTOR_SHIFT)
		memset((char *)page_address(page) + (sectors << SECTOR_SHIFT), 0,
		       PAGE_SIZE - (sectors << SECTOR_SHIFT));
	bio = bdev_page_bio(bdev, page, REQ_OP_READ, sectors);
	if (!bio) {
		unlock_page(page);
		return -ENOMEM;
	}
	bio->bi_end_io = bdev_read_endio;
	submit_bio(bio);
	return 0;
}

static int bdev_writepage(struct page *page, struct writeback_control *wbc)
{
	struct block_device *bdev = ((struct address_space *)page->mapping)->private_data;
	u32 sectors = bdev_page_sectors(bdev, page->index);
	struct bio *bio;

	(void)wbc;
	if (sectors == 0) {
		unlock_page(page);
		return -EIO;
	}
	bio = bdev_page_bio(bdev, page, REQ_OP_WRITE, sectors);
	if (!bio) {
		unlock_page(page);
		return -ENOMEM;
	}
	bio->bi_end_io = bdev_write_endio;
	unlock_page(page);
	submit_bio(bio);
	return 0;
}

static const struct address_space_operations bdev_aops = {
	.readpage = bdev_readpage,
	.writepage = bdev_writepage,
};

struct address_space *bdev_mapping(struct block_device *bdev)
{
	struct address_space *m = __atomic_load_n(&bdev->bd_mapping, __ATOMIC_ACQUIRE);

	if (m)
		return m;
	m = kzalloc(sizeof(*m), 0);
	if (!m)
		return NULL;
	address_space_init(m, NULL, &bdev_aops);
	m->private_data = bdev;
	spin_lock(&bdev_mapping_lock);
	if (bdev->bd_mapping) {
		spin_unlock(&bdev_mapping_lock);
		kfree(m);
		return bdev->bd_mapping;
	}
	__atomic_store_n(&bdev->bd_mapping, m, __ATOMIC_RELEASE);
	spin_unlock(&bdev_mapping_lock);
	return m;
}

/* The device's cache for a block on it: ERR_PTR(-ENOMEM), or -EIO past the end. */
static struct address_space *bdev_block_mapping(struct block_device *bdev, u64 block)
{
	struct address_space *m = bdev_mapping(bdev);

	if (!m)
		return ERR_PTR(-ENOMEM);
	if (block >= bdev_nr_pages(bdev))
		return ERR_PTR(-EIO);
	return m;
}

struct page *bdev_read_block(struct block_device *bdev, u64 block)
{
	struct address_space *m = bdev_block_mapping(bdev, block);
	struct page *page;

	if (IS_ERR(m))
		return (struct page *)m;   /* the same ERR_PTR */
	page = read_mapping_page(m, (unsigned long)block, NULL);
	if (!IS_ERR(page))
		mark_page_accessed(page);
	return page;
}

struct page *bdev_new_block(struct block_device *bdev, u64 block)
{
	struct address_space *m = bdev_block_mapping(bdev, block);
	struct page *page;

	if (IS_ERR(m))
		return (struct page *)m;   /* the same ERR_PTR */
	page = find_or_create_page(m, (unsigned long)block);
	if (IS_ERR(page))
		return page;
	wait_on_page_writeback(page);
	memset(page_address(page), 0, PAGE_SIZE);
	page_flag_set(page, PG_uptodate);
	unlock_page(page);
	return page;
}

void bdev_forget_block(struct block_device *bdev, u64 block)
{
	struct address_space *m = bdev_mapping(bdev);
	struct page *page;

	if (!m)
		return;
	page = find_lock_page(m, (unsigned long)block);
	if (!page)
		return;
	if (page->mapping == m) {
		wait_on_page_writeback(page);
		clear_page_dirty_for_io(page);
		delete_from_page_cache(page);
	}
	unlock_page(page);
	put_page(page);
}

int bdev_write_block_sync(struct block_device *bdev, struct page *page)
{
	struct address_space *m = bdev_mapping(bdev);
	loff_t start = (loff_t)page->index << PAGE_SHIFT;

	if (!m)
		return -ENOMEM;
	set_page_dirty(page);
	return filemap_write_and_wait_range(m, start, start + PAGE_SIZE - 1);
}

int bdev_sync(struct block_device *bdev)
{
	struct address_space *m = bdev_mapping(bdev);
	int err, e;

	if (!m)
		return -ENOMEM;
	err = filemap_write_and_wait_range(m, 0, MAX_LFS_FILESIZE);
	e = blkdev_issue_flush(bdev);
	return err ? err : e;
}
