/*
 * Reading, writing and seeking (the VFS side; interface in <fs/file.h>).
 *
 * vfs_read/vfs_write check the file's mode and the position, then call
 * the file's ->read/->write. The system calls (sys_fs.c) hold the file's
 * f_pos_lock around a transfer at f_pos so that the position moves with
 * it atomically; pread/pwrite and kernel_read use their own position and
 * take no file lock.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <uapi/errno.h>

/* pos + count must not overflow loff_t. */
static int rw_verify_area(loff_t pos, size_t count)
{
	if (pos < 0)
		return -EINVAL;
	if ((loff_t)count < 0 || pos > MAX_LFS_FILESIZE - (loff_t)count)
		return -EINVAL;
	return 0;
}

ssize_t vfs_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	int err;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(file_inode(f)->i_mode))
		return -EISDIR;
	if (!f->f_op || !f->f_op->read)
		return -EINVAL;
	err = rw_verify_area(*pos, to->count);
	if (err)
		return err;
	if (!to->count)
		return 0;
	return f->f_op->read(f, to, pos);
}

ssize_t vfs_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	int err;

	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op || !f->f_op->write)
		return -EINVAL;
	err = rw_verify_area(*pos, from->count);
	if (err)
		return err;
	if (!from->count)
		return 0;
	return f->f_op->write(f, from, pos);
}

ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos)
{
	struct iov_iter it;

	iov_iter_kernel(&it, buf, count);
	return vfs_read(f, &it, pos);
}

ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos)
{
	struct iov_iter it;

	iov_iter_kernel(&it, (void *)buf, count);
	return vfs_write(f, &it, pos);
}

loff_t generic_file_llseek(struct file *f, loff_t offset, int whence)
{
	struct inode *inode = file_inode(f);
	loff_t base, size;

	down_read(&inode->i_rwsem);
	size = inode->i_size;
	up_read(&inode->i_rwsem);
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->f_pos;
		break;
	case SEEK_END:
		base = S_ISDIR(inode->i_mode) ? -1 : size;
		if (base < 0)
			return -EINVAL;   /* directory positions are cookies, not bytes */
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (S_ISDIR(inode->i_mode) || offset < 0 || offset >= size)
			return -ENXIO;
		return whence == SEEK_DATA ? offset : size;   /* holes are not reported yet */
	default:
		return -EINVAL;
	}
	if ((offset > 0 && base > MAX_LFS_FILESIZE - offset) || base + offset < 0)
		return -EINVAL;
	f->f_pos = base + offset;
	return f->f_pos;
}

loff_t vfs_llseek(struct file *f, loff_t offset, int whence)
{
	if (!(f->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	if (f->f_op && f->f_op->llseek)
		return f->f_op->llseek(f, offset, whence);
	return generic_file_llseek(f, offset, whence);
}

int vfs_getattr(struct file *f, struct kstat *st)
{
	return vfs_getattr_inode(file_inode(f), st);
}
