/*
 * System calls that take path names: openat, newfstatat, statx,
 * faccessat(2), readlinkat, mkdirat, mknodat, symlinkat, linkat,
 * unlinkat, renameat2, chdir, fchdir, getcwd, umask, truncate, ftruncate
 * (Linux semantics and errnos; listed in kernel/fs/syscalls-fs.list).
 * Also the kernel's own file_open(). openat reserves its descriptor
 * before it creates anything (fd_reserve), so -EMFILE creates nothing.
 *
 * Paths are copied in with strncpy_from_user (getname): a bad pointer is
 * -EFAULT, no NUL within PATH_MAX bytes -ENAMETOOLONG, "" -ENOENT (unless
 * AT_EMPTY_PATH). Relative paths start at the cwd or at dirfd.
 *
 * No locks of its own.
 */
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <uapi/errno.h>
#include <uapi/stat.h>

#include "sys_fs.h"

int getname(unsigned long upath, char **path)
{
	char *buf = kmalloc(PATH_MAX, 0);
	long n;

	if (!buf)
		return -ENOMEM;
	n = strncpy_from_user(buf, (const char *)upath, PATH_MAX);
	if (n < 0 || n == PATH_MAX) {
		kfree(buf);
		return n < 0 ? (int)n : -ENAMETOOLONG;
	}
	*path = buf;
	return 0;
}

int lookup_root_at(int dirfd, const char *path, struct lookup_root *lr)
{
	struct file *f;

	lookup_root_current(lr);
	if (path[0] == '/' || dirfd == AT_FDCWD)
		return 0;
	f = fget(dirfd);
	if (!f || !S_ISDIR(file_inode(f)->i_mode) || !f->f_path.dentry) {
		lookup_root_put(lr);
		if (f)
			fput(f);
		return f ? -ENOTDIR : -EBADF;
	}
	path_put(&lr->start);
	lr->start = f->f_path;
	path_get(&lr->start);
	fput(f);
	return 0;
}

/* getname + lookup_root_at; on success both must be released (name_put). */
static int name_get(int dirfd, unsigned long upath, char **path, struct lookup_root *lr)
{
	int err = getname(upath, path);

	if (err)
		return err;
	if (!(*path)[0]) {   /* "" is -ENOENT before dirfd is looked at (Linux's getname) */
		kfree(*path);
		return -ENOENT;
	}
	err = lookup_root_at(dirfd, *path, lr);
	if (err)
		kfree(*path);
	return err;
}

static void name_put(char *path, struct lookup_root *lr)
{
	lookup_root_put(lr);
	kfree(path);
}

/* ---------------------------------------------------------------- open */

static struct file *open_common(const struct lookup_root *lr, const char *path, int flags,
				unsigned int mode)
{
	if ((flags & __O_TMPFILE) == __O_TMPFILE)
		return ERR_PTR(-EOPNOTSUPP);
	if (flags & O_CREAT)
		mode &= 07777 & ~current_umask();
	return vfs_open(lr, path, flags, mode);
}

struct file *file_open(const char *path, int flags, unsigned int mode)
{
	struct lookup_root lr;
	struct file *f;

	lookup_root_current(&lr);
	f = open_common(&lr, path, flags, mode);
	lookup_root_put(&lr);
	return f;
}

long sys_openat(const struct syscall_args *args)
{
	int flags = (int)args->a[2];
	struct lookup_root lr;
	struct file *f;
	char *path;
	int fd, err = name_get((int)args->a[0], args->a[1], &path, &lr);

	if (err)
		return err;
	/* The descriptor first, as Linux: EMFILE must not leave a created file. */
	fd = fd_reserve(flags & O_CLOEXEC);
	if (fd < 0)
		goto out;
	f = open_common(&lr, path, flags, (unsigned int)args->a[3]);
	if (IS_ERR(f)) {
		fd_unreserve(fd);
		fd = (int)PTR_ERR(f);
	} else {
		fd_install_reserved(fd, f);
	}
out:
	name_put(path, &lr);
	return fd;
}

/* ---------------------------------------------------------------- stat */

int copy_stat_to_user(const struct kstat *st, unsigned long ubuf)
{
	struct stat s;

	memset(&s, 0, sizeof(s));
	s.st_dev = dev_to_user(st->dev);
	s.st_ino = st->ino;
	s.st_mode = st->mode;
	s.st_nlink = st->nlink;
	s.st_uid = st->uid;
	s.st_gid = st->gid;
	s.st_rdev = dev_to_user(st->rdev);
	s.st_size = st->size;
	s.st_blksize = (int)st->blksize;
	s.st_blocks = (long)st->blocks;
	s.st_atime = st->atime.tv_sec;
	s.st_atime_nsec = (unsigned long)st->atime.tv_nsec;
	s.st_mtime = st->mtime.tv_sec;
	s.st_mtime_nsec = (unsigned long)st->mtime.tv_nsec;
	s.st_ctime = st->ctime.tv_sec;
	s.st_ctime_nsec = (unsigned long)st->ctime.tv_nsec;
	return copy_to_user((void *)ubuf, &s, sizeof(s));
}

/* The attributes of the file open at fd, or of the cwd for AT_FDCWD. */
static int stat_fd(int fd, struct kstat *st)
{
	struct lookup_root lr;
	struct file *f;
	int err;

	if (fd == AT_FDCWD) {
		lookup_root_current(&lr);
		err = vfs_getattr_inode(lr.start.dentry->d_inode, st);
		lookup_root_put(&lr);
		return err;
	}
	f = fget(fd);
	if (!f)
		return -EBADF;
	err = vfs_getattr(f, st);
	fput(f);
	return err;
}

/*
 * The attributes of dirfd/upath for newfstatat and statx: AT_EMPTY_PATH
 * with "" means dirfd itself (or the cwd), AT_SYMLINK_NOFOLLOW stats a
 * link itself.
 */
static int stat_at(int dirfd, unsigned long upath, unsigned int flags, struct kstat *st)
{
	struct lookup_root lr;
	struct inode *inode;
	char *path;
	int err = getname(upath, &path);

	if (err)
		return err;
	if (!path[0] && (flags & AT_EMPTY_PATH)) {
		kfree(path);
		return stat_fd(dirfd, st);
	}
	err = path[0] ? lookup_root_at(dirfd, path, &lr) : -ENOENT;
	if (!err) {
		err = vfs_lookup(&lr, path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &inode);
		lookup_root_put(&lr);
	}
	kfree(path);
	if (err)
		return err;
	err = vfs_getattr_inode(inode, st);
	iput(inode);
	return err;
}

long sys_newfstatat(const struct syscall_args *args)
{
	unsigned int flags = (unsigned int)args->a[3];
	struct kstat st;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	err = stat_at((int)args->a[0], args->a[1], flags, &st);
	return err ? err : copy_stat_to_user(&st, args->a[2]);
}

static void fill_statx(const struct kstat *st, struct statx *sx)
{
	memset(sx, 0, sizeof(*sx));
	sx->stx_mask = STATX_BASIC_STATS;
	sx->stx_blksize = st->blksize;
	sx->stx_nlink = st->nlink;
	sx->stx_uid = st->uid;
	sx->stx_gid = st->gid;
	sx->stx_mode = (u16)st->mode;
	sx->stx_ino = st->ino;
	sx->stx_size = (u64)st->size;
	sx->stx_blocks = st->blocks;
	sx->stx_atime = (struct statx_timestamp){ st->atime.tv_sec, (u32)st->atime.tv_nsec, 0 };
	sx->stx_mtime = (struct statx_timestamp){ st->mtime.tv_sec, (u32)st->mtime.tv_nsec, 0 };
	sx->stx_ctime = (struct statx_timestamp){ st->ctime.tv_sec, (u32)st->ctime.tv_nsec, 0 };
	sx->stx_rdev_major = MAJOR(st->rdev);
	sx->stx_rdev_minor = MINOR(st->rdev);
	sx->stx_dev_major = MAJOR(st->dev);
	sx->stx_dev_minor = MINOR(st->dev);
}

long sys_statx(const struct syscall_args *args)
{
	unsigned int flags = (unsigned int)args->a[2], mask = (unsigned int)args->a[3];
	struct statx sx;
	struct kstat st;
	int err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
		return -EINVAL;
	err = stat_at((int)args->a[0], args->a[1], flags, &st);
	if (err)
		return err;
	fill_statx(&st, &sx);
	return copy_to_user((void *)args->a[4], &sx, sizeof(sx));
}

/* ---------------------------------------------------------------- access, readlink */

/* faccessat2(fd, "", mode, AT_EMPTY_PATH): the file open at fd (or the cwd). */
static long access_fd(int fd, unsigned int mode, unsigned int flags)
{
	struct lookup_root lr;
	struct inode *inode;
	struct file *f = NULL;
	long err = 0;

	if (fd == AT_FDCWD) {
		lookup_root_current(&lr);
		inode = lr.start.dentry->d_inode;
	} else {
		f = fget(fd);
		if (!f)
			return -EBADF;
		inode = file_inode(f);
	}
	if (mode)
		err = inode_permission(inode, (int)mode, !(flags & AT_EACCESS));
	if (f)
		fput(f);
	else
		lookup_root_put(&lr);
	return err;
}

static long do_faccessat(int dirfd, unsigned long upath, unsigned int mode, unsigned int flags)
{
	struct lookup_root lr;
	struct inode *inode;
	char *path;
	int err;

	if (mode & ~(unsigned int)(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = getname(upath, &path);
	if (err)
		return err;
	if (!path[0]) {   /* "" is dirfd itself with AT_EMPTY_PATH, else -ENOENT */
		kfree(path);
		return (flags & AT_EMPTY_PATH) ? access_fd(dirfd, mode, flags) : -ENOENT;
	}
	err = lookup_root_at(dirfd, path, &lr);
	if (!err) {
		err = vfs_lookup(&lr, path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW,
				 &inode);
		lookup_root_put(&lr);
	}
	kfree(path);
	if (err)
		return err;
	/* R_OK, W_OK, X_OK have MAY_READ, MAY_WRITE, MAY_EXEC's values. */
	if (mode)
		err = inode_permission(inode, (int)mode, !(flags & AT_EACCESS));
	iput(inode);
	return err;
}

long sys_faccessat(const struct syscall_args *args)
{
	return do_faccessat((int)args->a[0], args->a[1], (unsigned int)args->a[2], 0);
}

long sys_faccessat2(const struct syscall_args *args)
{
	return do_faccessat((int)args->a[0], args->a[1], (unsigned int)args->a[2],
			    (unsigned int)args->a[3]);
}

long sys_readlinkat(const struct syscall_args *args)
{
	long size = (long)args->a[3];
	struct lookup_root lr;
	struct inode *inode;
	char *path, *buf;
	int err, n;

	if (size <= 0)
		return -EINVAL;
	err = name_get((int)args->a[0], args->a[1], &path, &lr);
	if (err)
		return err;
	err = vfs_lookup(&lr, path, 0, &inode);
	name_put(path, &lr);
	if (err)
		return err;
	buf = kmalloc(PATH_MAX, 0);
	n = buf ? vfs_readlink(inode, buf, (size_t)MIN(size, (long)PATH_MAX)) : -ENOMEM;
	iput(inode);
	if (n > 0 && copy_to_user((void *)args->a[2], buf, (size_t)n))
		n = -EFAULT;
	kfree(buf);
	return n;
}

/* ---------------------------------------------------------------- making and removing names */

long sys_mkdirat(const struct syscall_args *args)
{
	struct lookup_root lr;
	char *path;
	int err = name_get((int)args->a[0], args->a[1], &path, &lr);

	if (err)
		return err;
	err = vfs_mkdir(&lr, path, (unsigned int)args->a[2] & 01777 & ~current_umask());
	name_put(path, &lr);
	return err;
}

long sys_mknodat(const struct syscall_args *args)
{
	unsigned int mode = (unsigned int)args->a[2];
	struct lookup_root lr;
	char *path;
	int err;

	if (S_ISDIR(mode))
		return -EPERM;   /* Linux: directories come from mkdir only */
	if (!S_ISREG(mode) && !S_ISFIFO(mode) && !S_ISSOCK(mode) && !S_ISCHR(mode) &&
	    !S_ISBLK(mode) && (mode & S_IFMT))
		return -EINVAL;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && current_fsuid() != 0)
		return -EPERM;
	err = name_get((int)args->a[0], args->a[1], &path, &lr);
	if (err)
		return err;
	mode = (mode & S_IFMT) | (mode & 07777 & ~current_umask());
	err = vfs_mknod(&lr, path, mode, dev_from_user(args->a[3]));
	name_put(path, &lr);
	return err;
}

long sys_symlinkat(const struct syscall_args *args)
{
	struct lookup_root lr;
	char *target, *path;
	int err = getname(args->a[0], &target);

	if (err)
		return err;
	err = name_get((int)args->a[1], args->a[2], &path, &lr);
	if (!err) {
		err = vfs_symlink(&lr, target, path);
		name_put(path, &lr);
	}
	kfree(target);
	return err;
}

long sys_linkat(const struct syscall_args *args)
{
	unsigned int flags = (unsigned int)args->a[4];
	struct lookup_root olr, nlr;
	char *oldp, *newp;
	int err;

	if (flags & ~AT_SYMLINK_FOLLOW)
		return -EINVAL;
	err = name_get((int)args->a[0], args->a[1], &oldp, &olr);
	if (err)
		return err;
	err = name_get((int)args->a[2], args->a[3], &newp, &nlr);
	if (!err) {
		err = vfs_link(&olr, oldp, flags, &nlr, newp);
		name_put(newp, &nlr);
	}
	name_put(oldp, &olr);
	return err;
}

long sys_unlinkat(const struct syscall_args *args)
{
	unsigned int flags = (unsigned int)args->a[2];
	struct lookup_root lr;
	char *path;
	int err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	err = name_get((int)args->a[0], args->a[1], &path, &lr);
	if (err)
		return err;
	err = (flags & AT_REMOVEDIR) ? vfs_rmdir(&lr, path) : vfs_unlink(&lr, path);
	name_put(path, &lr);
	return err;
}

long sys_renameat2(const struct syscall_args *args)
{
	struct lookup_root olr, nlr;
	char *oldp, *newp;
	int err = name_get((int)args->a[0], args->a[1], &oldp, &olr);

	if (err)
		return err;
	err = name_get((int)args->a[2], args->a[3], &newp, &nlr);
	if (!err) {
		err = vfs_rename(&olr, oldp, &nlr, newp, (unsigned int)args->a[4]);
		name_put(newp, &nlr);
	}
	name_put(oldp, &olr);
	return err;
}

/* ---------------------------------------------------------------- truncate */

long sys_truncate(const struct syscall_args *args)
{
	loff_t size = (loff_t)args->a[1];
	struct lookup_root lr;
	struct inode *inode;
	struct path p;
	char *path;
	int err;

	if (size < 0)
		return -EINVAL;
	err = name_get(AT_FDCWD, args->a[0], &path, &lr);
	if (err)
		return err;
	err = vfs_path_lookup(&lr, path, LOOKUP_FOLLOW, &p);
	name_put(path, &lr);
	if (err)
		return err;
	inode = p.dentry->d_inode;
	err = S_ISDIR(inode->i_mode) ? -EISDIR : inode_permission(inode, MAY_WRITE, false);
	if (!err && ((READ_ONCE(p.mnt->mnt_flags) & MNT_READONLY) ||
		     (READ_ONCE(inode->i_sb->s_flags) & SB_RDONLY)))
		err = -EROFS;
	if (!err)
		err = vfs_truncate(inode, size);
	path_put(&p);
	return err;
}

long sys_ftruncate(const struct syscall_args *args)
{
	struct file *f = fget((int)args->a[0]);
	loff_t size = (loff_t)args->a[1];
	int err;

	if (!f)
		return -EBADF;
	if (size < 0)
		err = -EINVAL;
	else if (!(f->f_mode & FMODE_WRITE) || !S_ISREG(file_inode(f)->i_mode))
		err = -EINVAL;
	else
		err = vfs_truncate(file_inode(f), size);
	fput(f);
	return err;
}

/* ---------------------------------------------------------------- cwd and umask */

static long change_dir(const struct path *dir)
{
	struct inode *inode = dir->dentry->d_inode;
	int err = !S_ISDIR(inode->i_mode) ? -ENOTDIR : inode_permission(inode, MAY_EXEC, false);

	return err ? err : fs_set_pwd(dir);
}

long sys_chdir(const struct syscall_args *args)
{
	struct lookup_root lr;
	struct path dir;
	char *path;
	int err = name_get(AT_FDCWD, args->a[0], &path, &lr);

	if (err)
		return err;
	err = vfs_path_lookup(&lr, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir);
	name_put(path, &lr);
	if (err)
		return err;
	err = (int)change_dir(&dir);
	path_put(&dir);
	return err;
}

long sys_fchdir(const struct syscall_args *args)
{
	struct file *f = fget((int)args->a[0]);
	long err;

	if (!f)
		return -EBADF;
	err = f->f_path.dentry ? change_dir(&f->f_path) : -ENOTDIR;
	fput(f);
	return err;
}

long sys_getcwd(const struct syscall_args *args)
{
	size_t size = MIN((size_t)args->a[1], (size_t)PATH_MAX);
	struct lookup_root lr;
	char *buf;
	int n;

	if (size == 0)
		return -ERANGE;
	buf = kmalloc(size, 0);
	if (!buf)
		return -ENOMEM;
	lookup_root_current(&lr);
	n = vfs_path_of(&lr.root, &lr.start, buf, size);
	lookup_root_put(&lr);
	if (n > 0 && copy_to_user((void *)args->a[0], buf, (size_t)n))
		n = -EFAULT;
	kfree(buf);
	return n;
}

long sys_umask(const struct syscall_args *args)
{
	return fs_set_umask((unsigned int)args->a[0]);
}
