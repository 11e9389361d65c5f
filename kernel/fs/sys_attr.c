/*
 * System calls that change a file's attributes: fchmod, fchmodat,
 * fchown, fchownat, utimensat (Linux semantics; listed in
 * kernel/fs/syscalls-fs.list, rules in docs/vfs.md "Attributes").
 *
 * Each resolves its target (an open file, or dirfd + path with
 * AT_SYMLINK_NOFOLLOW / AT_EMPTY_PATH as the call allows) to an inode
 * and whether it lies on a read-only mount (-EROFS), then calls the VFS
 * rule in inode.c: vfs_chmod, vfs_chown, vfs_utimes. Those check
 * ownership and permission and apply the change through ->setattr, which
 * also sets ctime.
 *
 * No locks of its own (vfs_setattr takes inode->i_rwsem).
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/syscall.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>
#include <uapi/time.h>

#include "sys_fs.h"

/* The inode an attribute call acts on, with a reference, and whether it is read-only. */
struct attr_target {
	struct inode *inode;
	bool rdonly;
};

static bool path_rdonly(const struct path *p, const struct inode *inode)
{
	return (p->mnt && (READ_ONCE(p->mnt->mnt_flags) & MNT_READONLY)) ||
	       (READ_ONCE(inode->i_sb->s_flags) & SB_RDONLY);
}

static void target_put(struct attr_target *t)
{
	iput(t->inode);
}

/*
 * The file open at fd (the cwd for AT_FDCWD). 0 or -EBADF (also for an
 * O_PATH file unless path_ok: only the AT_EMPTY_PATH form takes those).
 */
static int target_fd_common(int fd, bool path_ok, struct attr_target *t)
{
	struct lookup_root lr;
	struct file *f;

	if (fd == AT_FDCWD) {
		lookup_root_current(&lr);
		t->inode = lr.start.dentry->d_inode;
		iget(t->inode);
		t->rdonly = path_rdonly(&lr.start, t->inode);
		lookup_root_put(&lr);
		return 0;
	}
	f = fget(fd);
	if (!f)
		return -EBADF;
	if ((f->f_flags & O_PATH) && !path_ok) {
		fput(f);
		return -EBADF;
	}
	t->inode = file_inode(f);
	iget(t->inode);
	t->rdonly = path_rdonly(&f->f_path, t->inode);
	fput(f);
	return 0;
}

static int target_fd(int fd, struct attr_target *t)
{
	return target_fd_common(fd, false, t);
}

/*
 * dirfd/upath: "" with AT_EMPTY_PATH is dirfd itself ("" without it:
 * -ENOENT); the last symlink is followed unless AT_SYMLINK_NOFOLLOW.
 */
static int target_at(int dirfd, unsigned long upath, unsigned int flags, struct attr_target *t)
{
	struct lookup_root lr;
	struct path p;
	char *path;
	int err = getname(upath, &path);

	if (err)
		return err;
	if (!path[0]) {
		kfree(path);
		return (flags & AT_EMPTY_PATH) ? target_fd_common(dirfd, true, t) : -ENOENT;
	}
	err = lookup_root_at(dirfd, path, &lr);
	if (err)
		goto out;
	err = vfs_path_lookup(&lr, path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &p);
	lookup_root_put(&lr);
	if (err)
		goto out;
	t->inode = p.dentry->d_inode;
	iget(t->inode);
	t->rdonly = path_rdonly(&p, t->inode);
	path_put(&p);
out:
	kfree(path);
	return err;
}

/* ---------------------------------------------------------------- chmod */

static long chmod_target(struct attr_target *t, unsigned int mode)
{
	long err = t->rdonly ? -EROFS : vfs_chmod(t->inode, mode);

	target_put(t);
	return err;
}

long sys_fchmod(const struct syscall_args *args)
{
	struct attr_target t;
	int err;

	if ((int)args->a[0] == AT_FDCWD)
		return -EBADF;
	err = target_fd((int)args->a[0], &t);
	return err ? err : chmod_target(&t, (unsigned int)args->a[1]);
}

/* fchmodat(dirfd, path, mode): no flags argument (glibc emulates AT_SYMLINK_NOFOLLOW). */
long sys_fchmodat(const struct syscall_args *args)
{
	struct attr_target t;
	int err = target_at((int)args->a[0], args->a[1], 0, &t);

	return err ? err : chmod_target(&t, (unsigned int)args->a[2]);
}

/* ---------------------------------------------------------------- chown */

static long chown_target(struct attr_target *t, unsigned long uid, unsigned long gid)
{
	long err = t->rdonly ? -EROFS : vfs_chown(t->inode, (u32)uid, (u32)gid);

	target_put(t);
	return err;
}

long sys_fchown(const struct syscall_args *args)
{
	struct attr_target t;
	int err;

	if ((int)args->a[0] == AT_FDCWD)
		return -EBADF;
	err = target_fd((int)args->a[0], &t);
	return err ? err : chown_target(&t, args->a[1], args->a[2]);
}

long sys_fchownat(const struct syscall_args *args)
{
	unsigned int flags = (unsigned int)args->a[4];
	struct attr_target t;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = target_at((int)args->a[0], args->a[1], flags, &t);
	return err ? err : chown_target(&t, args->a[2], args->a[3]);
}

/* ---------------------------------------------------------------- utimensat */

static bool utime_nsec_ok(long long nsec)
{
	return (nsec >= 0 && nsec <= 999999999) || nsec == UTIME_NOW || nsec == UTIME_OMIT;
}

/* Copy utimensat's times (NULL stays NULL: *tp = NULL). 0 or -EFAULT. */
static int utimes_get(unsigned long utimes, struct timespec64 *buf, struct timespec64 **tp)
{
	struct __kernel_timespec ut[2];

	*tp = NULL;
	if (!utimes)
		return 0;
	if (copy_from_user(ut, (const void *)utimes, sizeof(ut)))
		return -EFAULT;
	for (int i = 0; i < 2; i++)
		buf[i] = (struct timespec64){ ut[i].tv_sec, (long)ut[i].tv_nsec };
	*tp = buf;
	return 0;
}

/* The file utimensat acts on: dirfd itself for a NULL path (futimens), else dirfd/path. */
static int utimes_target(int dirfd, unsigned long upath, unsigned int flags, struct attr_target *t)
{
	if (!upath && dirfd != AT_FDCWD)
		return flags ? -EINVAL : target_fd(dirfd, t);
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return upath ? target_at(dirfd, upath, flags, t) : -EFAULT;
}

/*
 * utimensat(dirfd, path, times, flags), with Linux's order of checks:
 * both times UTIME_OMIT returns 0 before anything else ("we must not even
 * check the path"); then the flags and the lookup; then tv_nsec (-EINVAL
 * unless 0..999999999, UTIME_NOW or UTIME_OMIT), -EROFS, the permission.
 */
long sys_utimensat(const struct syscall_args *args)
{
	struct timespec64 buf[2], *times;
	struct attr_target t;
	int err = utimes_get(args->a[2], buf, &times);

	if (err)
		return err;
	if (times && times[0].tv_nsec == UTIME_OMIT && times[1].tv_nsec == UTIME_OMIT)
		return 0;
	err = utimes_target((int)args->a[0], args->a[1], (unsigned int)args->a[3], &t);
	if (err)
		return err;
	if (times && (!utime_nsec_ok(times[0].tv_nsec) || !utime_nsec_ok(times[1].tv_nsec)))
		err = -EINVAL;
	else
		err = t.rdonly ? -EROFS : vfs_utimes(t.inode, times);
	target_put(&t);
	return err;
}
