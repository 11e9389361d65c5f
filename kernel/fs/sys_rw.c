/*
 * System calls on file descriptors: read, write, readv, writev, pread64,
 * pwrite64, lseek, close, dup, dup3, fcntl, ioctl, fstat, getdents64,
 * fsync, fdatasync, fallocate (Linux semantics and errnos; listed in
 * kernel/fs/syscalls-fs.list; docs/vfs.md).
 *
 * ioctl answers FIOCLEX/FIONCLEX, FIONBIO and FIONREAD (regular files)
 * for every file, then the file's ->ioctl; fcntl's F_SETPIPE_SZ and
 * F_GETPIPE_SZ go to the pipe code (fs/pipe.h).
 *
 * Every user buffer is reached through copy_to_user/copy_from_user (or an
 * iov_iter over them): a bad pointer gives -EFAULT, or a short count if
 * some bytes were already transferred. A task without a descriptor table
 * (a kernel thread) gets -EBADF.
 *
 * Locks: a transfer at the file position holds the file's f_pos_lock
 * (the position moves atomically with the data); nothing else here.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/pipe.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <uapi/errno.h>
#include <uapi/falloc.h>
#include <uapi/poll.h>
#include <uapi/stat.h>

#include "sys_fs.h"

/* Linux's MAX_RW_COUNT: one call moves at most this many bytes. */
#define MAX_RW_COUNT 0x7ffff000UL
#define FIOCLEX  0x5451
#define FIONCLEX 0x5450
#define IOV_FAST 8

/* A transfer at f->f_pos (read/write/readv/writev), under f_pos_lock when seekable. */
static ssize_t rw_at_fpos(struct file *f, struct iov_iter *it, bool write)
{
	bool lock = f->f_mode & FMODE_LSEEK;
	ssize_t n;
	loff_t pos;

	if (lock)
		mutex_lock(&f->f_pos_lock);
	pos = f->f_pos;
	n = write ? vfs_write(f, it, &pos) : vfs_read(f, it, &pos);
	if (n > 0 && lock)
		f->f_pos = pos;
	if (lock)
		mutex_unlock(&f->f_pos_lock);
	return n;
}

/* One user buffer as an iov_iter (iov is the caller's one-element array); 0 or -EFAULT. */
static int iter_one(struct iov_iter *it, struct iovec *iov, unsigned long buf, size_t count)
{
	iov->iov_base = (void *)buf;
	iov->iov_len = MIN(count, MAX_RW_COUNT);
	iov_iter_user(it, iov, 1, iov->iov_len);
	return access_ok(iov->iov_base, iov->iov_len) ? 0 : -EFAULT;
}

static long do_rw(const struct syscall_args *args, bool write)
{
	struct file *f = fget((int)args->a[0]);
	struct iovec iov;
	struct iov_iter it;
	long n;

	if (!f)
		return -EBADF;
	n = iter_one(&it, &iov, args->a[1], args->a[2]);
	if (!n)
		n = rw_at_fpos(f, &it, write);
	fput(f);
	return n;
}

long sys_read(const struct syscall_args *args)
{
	return do_rw(args, false);
}

long sys_write(const struct syscall_args *args)
{
	return do_rw(args, true);
}

/*
 * Copy the user's iovec array in (into fast[] if it fits, else kmalloc)
 * and total it, capped at MAX_RW_COUNT as Linux does. Returns the total or -errno.
 */
static ssize_t import_iovec(unsigned long uiov, unsigned long cnt, struct iovec *fast,
			    struct iovec **iov)
{
	size_t total = 0;

	if (cnt > IOV_MAX)
		return -EINVAL;
	*iov = cnt <= IOV_FAST ? fast : kmalloc(cnt * sizeof(struct iovec), 0);
	if (!*iov)
		return -ENOMEM;
	if (copy_from_user(*iov, (const void *)uiov, cnt * sizeof(struct iovec)))
		return -EFAULT;
	for (unsigned long i = 0; i < cnt; i++) {
		if ((ssize_t)(*iov)[i].iov_len < 0)
			return -EINVAL;
		if (!access_ok((*iov)[i].iov_base, (*iov)[i].iov_len))
			return -EFAULT;
		(*iov)[i].iov_len = MIN((*iov)[i].iov_len, MAX_RW_COUNT - total);
		total += (*iov)[i].iov_len;
	}
	return (ssize_t)total;
}

static long do_rwv(const struct syscall_args *args, bool write, bool at_pos)
{
	struct iovec fast[IOV_FAST], *iov = NULL;
	struct file *f = fget((int)args->a[0]);
	struct iov_iter it;
	loff_t pos = (loff_t)args->a[3];
	ssize_t total;
	long n;

	if (!f)
		return -EBADF;
	total = import_iovec(args->a[1], args->a[2], fast, &iov);
	if (total < 0) {
		n = total;
		goto out;
	}
	iov_iter_user(&it, iov, args->a[2], (size_t)total);
	if (!at_pos)
		n = rw_at_fpos(f, &it, write);
	else if (pos < 0)
		n = -EINVAL;
	else if (!(f->f_mode & FMODE_LSEEK))
		n = -ESPIPE;
	else
		n = write ? vfs_write(f, &it, &pos) : vfs_read(f, &it, &pos);
out:
	if (iov && iov != fast)
		kfree(iov);
	fput(f);
	return n;
}

long sys_readv(const struct syscall_args *args)
{
	return do_rwv(args, false, false);
}

long sys_writev(const struct syscall_args *args)
{
	return do_rwv(args, true, false);
}

static long do_prw(const struct syscall_args *args, bool write)
{
	struct file *f = fget((int)args->a[0]);
	loff_t pos = (loff_t)args->a[3];
	struct iovec iov;
	struct iov_iter it;
	long n;

	if (!f)
		return -EBADF;
	n = iter_one(&it, &iov, args->a[1], args->a[2]);
	if (!n && pos < 0)
		n = -EINVAL;
	if (!n && !(f->f_mode & FMODE_LSEEK))
		n = -ESPIPE;
	if (!n)
		n = write ? vfs_write(f, &it, &pos) : vfs_read(f, &it, &pos);
	fput(f);
	return n;
}

long sys_pread64(const struct syscall_args *args)
{
	return do_prw(args, false);
}

long sys_pwrite64(const struct syscall_args *args)
{
	return do_prw(args, true);
}

long sys_lseek(const struct syscall_args *args)
{
	struct file *f = fget((int)args->a[0]);
	loff_t r;

	if (!f)
		return -EBADF;
	mutex_lock(&f->f_pos_lock);
	r = vfs_llseek(f, (loff_t)args->a[1], (int)args->a[2]);
	mutex_unlock(&f->f_pos_lock);
	fput(f);
	return r;
}

long sys_close(const struct syscall_args *args)
{
	return fd_close((int)args->a[0]);
}

long sys_dup(const struct syscall_args *args)
{
	struct file *f = fget((int)args->a[0]);
	int fd;

	if (!f)
		return -EBADF;
	fd = fd_install(f, false);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_dup3(const struct syscall_args *args)
{
	int oldfd = (int)args->a[0], newfd = (int)args->a[1];
	unsigned int flags = (unsigned int)args->a[2];
	struct file *f;
	int err;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd < 0)
		return -EBADF;
	f = fget(oldfd);
	if (!f)
		return -EBADF;
	err = fd_replace((unsigned int)newfd, f, flags & O_CLOEXEC);
	fput(f);
	return err ? err : newfd;
}

static long fcntl_dupfd(struct file *f, unsigned long start, bool cloexec)
{
	int fd;

	if (start >= fd_limit())
		return -EINVAL;
	file_get(f);
	fd = fd_install_from(f, (unsigned int)start, cloexec);
	if (fd < 0)
		fput(f);
	return fd;
}

/* F_SETFL: only FILE_SETFL_MASK bits change, atomically. */
static void fcntl_setfl(struct file *f, unsigned int arg)
{
	unsigned int old = READ_ONCE(f->f_flags), new;

	do {
		new = (old & ~FILE_SETFL_MASK) | (arg & FILE_SETFL_MASK);
	} while (!__atomic_compare_exchange_n(&f->f_flags, &old, new, false, __ATOMIC_RELAXED,
					      __ATOMIC_RELAXED));
}

long sys_fcntl(const struct syscall_args *args)
{
	int fd = (int)args->a[0];
	unsigned int cmd = (unsigned int)args->a[1];
	unsigned long arg = args->a[2];
	struct file *f = fget(fd);
	long r;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		r = fcntl_dupfd(f, arg, cmd == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		r = fd_get_cloexec(fd);
		r = r > 0 ? FD_CLOEXEC : r;
		break;
	case F_SETFD:
		r = fd_set_cloexec(fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		r = READ_ONCE(f->f_flags);
		break;
	case F_SETFL:
		fcntl_setfl(f, (unsigned int)arg);
		r = 0;
		break;
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ:
		r = pipe_fcntl(f, cmd, arg);
		break;
	default:
		r = -EINVAL;
	}
	fput(f);
	return r;
}

/*
 * The ioctls every file answers (Linux's do_vfs_ioctl): FIONBIO sets or
 * clears O_NONBLOCK from an int; FIONREAD on a regular file is the bytes
 * from the position to the end. -ENOIOCTLCMD-like 1: not one of them.
 */
static long ioctl_generic(struct file *f, unsigned int cmd, unsigned long arg)
{
	int on;

	if (cmd == FIONBIO) {
		if (get_user(on, (int __user *)arg))
			return -EFAULT;
		fcntl_setfl(f, on ? (READ_ONCE(f->f_flags) | O_NONBLOCK)
				  : (READ_ONCE(f->f_flags) & ~O_NONBLOCK));
		return 0;
	}
	if (cmd == FIONREAD && S_ISREG(file_inode(f)->i_mode)) {
		struct kstat st;
		int err = vfs_getattr(f, &st);

		on = (int)(st.size - f->f_pos);
		if (!err && copy_to_user((void __user *)arg, &on, sizeof(on)))
			err = -EFAULT;
		return err;
	}
	return 1;
}

long sys_ioctl(const struct syscall_args *args)
{
	int fd = (int)args->a[0];
	unsigned int cmd = (unsigned int)args->a[1];
	struct file *f = fget(fd);
	long r;

	if (!f)
		return -EBADF;
	if (cmd == FIOCLEX || cmd == FIONCLEX)
		r = fd_set_cloexec(fd, cmd == FIOCLEX);
	else if (f->f_flags & O_PATH)
		r = -EBADF;
	else if ((r = ioctl_generic(f, cmd, args->a[2])) == 1)
		r = f->f_op && f->f_op->ioctl ? f->f_op->ioctl(f, cmd, args->a[2]) : -ENOTTY;
	fput(f);
	return r;
}

long sys_fstat(const struct syscall_args *args)
{
	struct file *f = fget((int)args->a[0]);
	struct kstat st;
	int err;

	if (!f)
		return -EBADF;
	err = vfs_getattr(f, &st);
	fput(f);
	return err ? err : copy_stat_to_user(&st, args->a[1]);
}

/* ---------------------------------------------------------------- getdents64 */

struct getdents_ctx {
	struct dir_context ctx;
	unsigned long ubuf;        /* next record's user address */
	size_t left;
	unsigned long prev;        /* user address of the last record written, 0 if none */
	int error;
	size_t written;
};

/* Patch the previous record's d_off now that the position after it is known. */
static int getdents_fix_prev(struct getdents_ctx *g)
{
	s64 off = g->ctx.pos;

	if (!g->prev)
		return 0;
	return copy_to_user((void *)(g->prev + offsetof(struct linux_dirent64, d_off)), &off,
			    sizeof(off));
}

static bool getdents_emit(struct dir_context *ctx, const char *name, size_t len, u64 ino,
			  unsigned int d_type)
{
	struct getdents_ctx *g = container_of(ctx, struct getdents_ctx, ctx);
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);
	struct {
		struct linux_dirent64 d;
		char name[NAME_MAX + 1 + 8];
	} rec;

	if (reclen > g->left) {
		if (!g->written)
			g->error = -EINVAL;
		return false;
	}
	memset(&rec, 0, reclen);
	rec.d.d_ino = ino;
	rec.d.d_off = ctx->pos + 1;   /* patched when the next position is known */
	rec.d.d_reclen = (unsigned short)reclen;
	rec.d.d_type = (unsigned char)d_type;
	memcpy(rec.d.d_name, name, len);
	if (getdents_fix_prev(g) || copy_to_user((void *)g->ubuf, &rec, reclen)) {
		g->error = -EFAULT;
		return false;
	}
	g->prev = g->ubuf;
	g->ubuf += reclen;
	g->left -= reclen;
	g->written += reclen;
	return true;
}

long sys_getdents64(const struct syscall_args *args)
{
	struct getdents_ctx g = { .ctx.emit = getdents_emit, .ubuf = args->a[1],
				  .left = MIN((size_t)args->a[2], (size_t)MAX_RW_COUNT) };
	struct file *f = fget((int)args->a[0]);
	int err;

	if (!f)
		return -EBADF;
	if (!S_ISDIR(file_inode(f)->i_mode) || !f->f_op || !f->f_op->iterate) {
		fput(f);
		return -ENOTDIR;
	}
	if (!(f->f_mode & FMODE_READ)) {
		fput(f);
		return -EBADF;
	}
	mutex_lock(&f->f_pos_lock);
	g.ctx.pos = f->f_pos;
	err = f->f_op->iterate(f, &g.ctx);
	if (!err && g.written && getdents_fix_prev(&g))
		err = -EFAULT;
	if (g.written)
		f->f_pos = g.ctx.pos;
	mutex_unlock(&f->f_pos_lock);
	fput(f);
	if (err)
		return err;
	return g.written ? (long)g.written : g.error;
}

/* preadv/pwritev(fd, iov, iovcnt, pos_l, pos_h): on 64-bit, pos is pos_l. */
long sys_preadv(const struct syscall_args *args)
{
	return do_rwv(args, false, true);
}

long sys_pwritev(const struct syscall_args *args)
{
	return do_rwv(args, true, true);
}

/* ---------------------------------------------------------------- fsync, fallocate */

/* fsync and fdatasync: the file's ->fsync over the whole file; none: -EINVAL (pipes). */
static long do_fsync(int fd, int datasync)
{
	struct file *f = fget(fd);
	long err;

	if (!f)
		return -EBADF;
	if (f->f_flags & O_PATH)
		err = -EBADF;
	else if (!f->f_op || !f->f_op->fsync)
		err = -EINVAL;
	else
		err = f->f_op->fsync(f, 0, MAX_LFS_FILESIZE, datasync);
	fput(f);
	return err;
}

long sys_fsync(const struct syscall_args *args)
{
	return do_fsync((int)args->a[0], 0);
}

long sys_fdatasync(const struct syscall_args *args)
{
	return do_fsync((int)args->a[0], 1);
}

/* fallocate's checks in Linux's order (vfs_fallocate), for f open at the caller's fd. */
static long fallocate_file(struct file *f, int mode, loff_t offset, loff_t len)
{
	struct inode *inode = file_inode(f);

	if (!(f->f_mode & FMODE_WRITE) || (f->f_flags & O_PATH))
		return -EBADF;
	if (S_ISFIFO(inode->i_mode))
		return -ESPIPE;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) && !S_ISBLK(inode->i_mode))
		return -ENODEV;
	if (offset > MAX_LFS_FILESIZE - len)
		return -EFBIG;
	if (mode || S_ISBLK(inode->i_mode))
		return -EOPNOTSUPP;   /* only mode 0 on regular files (docs/vfs.md) */
	return vfs_fallocate(inode, offset, len);
}

long sys_fallocate(const struct syscall_args *args)
{
	int mode = (int)args->a[1];
	loff_t offset = (loff_t)args->a[2], len = (loff_t)args->a[3];
	struct file *f;
	long err;

	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~FALLOC_FL_SUPPORTED_MASK)
		return -EOPNOTSUPP;
	/* Linux: a hole punch must keep the size; zeroing and punching exclude each other. */
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;
	f = fget((int)args->a[0]);
	if (!f)
		return -EBADF;
	err = fallocate_file(f, mode, offset, len);
	fput(f);
	return err;
}
