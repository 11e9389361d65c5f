/*
 * Block special files: raw access to a whole device with synchronous I/O
 * through a bounce page (until a page cache replaces it).
 *
 * Interface (block/blkdev.h): blkdev_fops, blkdev_fsync.
 *
 * Reads and writes may start and end anywhere: each step covers the
 * sectors under at most one page of the file; a write that covers a
 * sector partly reads it first (read-modify-write, serialized per device
 * by bdev->rmw_lock so two partial writers of one sector do not undo each
 * other). A write at or past the end returns -ENOSPC, a read there 0.
 *
 * Locks: bdev->rmw_lock ("blkdev_rmw", a mutex) around read-modify-write;
 * it sleeps and is taken before any block-layer lock.
 */
#include <block/blkdev.h>
#include <fs/file.h>
#include <kernel/compiler.h>
#include <mm/uaccess.h>
#include <uapi/blk_ioctl.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

static int blkdev_open(struct inode *inode, struct file *file)
{
	struct block_device *bdev = blkdev_get_by_dev(inode->i_rdev);

	if (!bdev)
		return -ENXIO;
	if ((file->f_mode & FMODE_WRITE) && bdev->read_only)
		return -EACCES;
	file->private_data = bdev;
	file->f_mode |= FMODE_LSEEK;	/* a disk is seekable: lseek, pread, pwrite */
	return 0;
}

/* The sector-aligned window [*start, *end) around count bytes at pos, within one page. */
static size_t blkdev_window(struct block_device *bdev, u64 pos, size_t count,
			    u64 *start, u64 *end)
{
	u64 page_end = (pos | (PAGE_SIZE - 1)) + 1;
	u64 stop = MIN(MIN(pos + count, page_end), blkdev_size(bdev));

	*start = pos & ~(u64)(SECTOR_SIZE - 1);
	*end = (stop + SECTOR_SIZE - 1) & ~(u64)(SECTOR_SIZE - 1);
	return (size_t)(stop - pos);
}

static ssize_t blkdev_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct block_device *bdev = file->private_data;
	struct page *page = alloc_page(GFP_KERNEL);
	ssize_t total = 0;
	int err = 0;

	if (!page)
		return -ENOMEM;
	while (to->count && *pos >= 0 && (u64)*pos < blkdev_size(bdev)) {
		u64 start, end;
		size_t n = blkdev_window(bdev, (u64)*pos, to->count, &start, &end), got;
		u8 *buf = page_address(page);

		err = blkdev_rw_sync(bdev, REQ_OP_READ, start >> SECTOR_SHIFT, buf, end - start);
		if (err)
			break;
		got = copy_to_iter(buf + (*pos - start), n, to);
		*pos += got;
		total += got;
		if (got < n) {
			err = -EFAULT;
			break;
		}
	}
	free_page(page);
	return total ? total : (*pos < 0 ? -EINVAL : err);
}

/* One read-modify-write step of n bytes at pos (window [start, end)). */
static int blkdev_write_step(struct block_device *bdev, struct iov_iter *from, u64 pos,
			     size_t n, u64 start, u64 end, u8 *buf)
{
	bool partial = start != pos || end != pos + n;
	int err = 0;

	if (partial) {
		mutex_lock(&bdev->rmw_lock);
		err = blkdev_rw_sync(bdev, REQ_OP_READ, start >> SECTOR_SHIFT, buf, end - start);
	}
	if (!err && copy_from_iter(buf + (pos - start), n, from) < n)
		err = -EFAULT;
	if (!err)
		err = blkdev_rw_sync(bdev, REQ_OP_WRITE, start >> SECTOR_SHIFT, buf, end - start);
	if (partial)
		mutex_unlock(&bdev->rmw_lock);
	return err;
}

static ssize_t blkdev_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct block_device *bdev = file->private_data;
	struct page *page;
	ssize_t total = 0;
	int err = 0;

	if (*pos < 0)
		return -EINVAL;
	if (!from->count)
		return 0;
	if ((u64)*pos >= blkdev_size(bdev))
		return -ENOSPC;
	page = alloc_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	while (from->count && (u64)*pos < blkdev_size(bdev)) {
		u64 start, end;
		size_t n = blkdev_window(bdev, (u64)*pos, from->count, &start, &end);

		err = blkdev_write_step(bdev, from, (u64)*pos, n, start, end, page_address(page));
		if (err)
			break;
		*pos += n;
		total += n;
	}
	free_page(page);
	return total ? total : err;
}

static loff_t blkdev_llseek(struct file *file, loff_t offset, int whence)
{
	struct block_device *bdev = file->private_data;
	loff_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = file->f_pos;
		break;
	case SEEK_END:
		base = (loff_t)blkdev_size(bdev);
		break;
	default:
		return -EINVAL;
	}
	if ((offset > 0 && base > MAX_LFS_FILESIZE - offset) || base + offset < 0)
		return -EINVAL;
	file->f_pos = base + offset;
	return file->f_pos;
}

static long blkdev_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct block_device *bdev = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case BLKGETSIZE64:
		return put_user((u64)blkdev_size(bdev), (u64 __user *)uarg);
	case BLKGETSIZE:
		return put_user((unsigned long)bdev->nr_sectors, (unsigned long __user *)uarg);
	case BLKSSZGET:
		return put_user((int)bdev->logical_block_size, (int __user *)uarg);
	case BLKROGET:
		return put_user((int)bdev->read_only, (int __user *)uarg);
	case BLKFLSBUF:
		return blkdev_issue_flush(bdev);	/* no cache of ours to drop yet */
	default:
		return -ENOTTY;
	}
}

int blkdev_fsync(struct file *file)
{
	return blkdev_issue_flush(file->private_data);
}

/* ->fsync: the device's write cache to stable storage (the range does not matter). */
static int blkdev_fops_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	(void)start;
	(void)end;
	(void)datasync;
	return blkdev_fsync(file);
}

const struct file_operations blkdev_fops = {
	.open = blkdev_open,
	.read = blkdev_read,
	.write = blkdev_write,
	.llseek = blkdev_llseek,
	.ioctl = blkdev_ioctl,
	.fsync = blkdev_fops_fsync,
};
