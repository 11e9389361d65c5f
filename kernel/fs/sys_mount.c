/*
 * System calls on mounts and whole file systems: mount, umount2, statfs,
 * fstatfs, chroot, sync, syncfs (Linux semantics and errnos; listed in
 * kernel/fs/syscalls-fs.list). The work is in mount.c and super.c.
 *
 * mount(2): new mounts of a registered type (MS_RDONLY, MS_NOSUID,
 * MS_NODEV, MS_NOEXEC kept on the mount), MS_REMOUNT of those flags,
 * MS_BIND of a directory; any other flag is -EINVAL. Only root (euid 0)
 * may mount, umount or chroot (-EPERM).
 *
 * No locks of its own.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/mount.h>

#include "internal.h"
#include "sys_fs.h"

#define MOUNT_FLAGS_KEPT (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)

/* Is the caller root (euid 0; kernel threads are)? */
static bool capable_admin(void)
{
	struct process *p = current->proc;

	return !p || READ_ONCE(p->cred.euid) == 0;
}

/* The user path upath resolved (flags LOOKUP_*) from the cwd into *res. */
static int user_path(unsigned long upath, unsigned int flags, struct path *res)
{
	struct lookup_root lr;
	char *path;
	int err = getname(upath, &path);

	if (err)
		return err;
	lookup_root_current(&lr);
	err = vfs_path_lookup(&lr, path, flags, res);
	lookup_root_put(&lr);
	kfree(path);
	return err;
}

/* A user string of at most max bytes (with its NUL) into a new buffer; NULL upath gives NULL. */
static int user_string(unsigned long ustr, size_t max, char **res)
{
	long n;

	*res = NULL;
	if (!ustr)
		return 0;
	*res = kmalloc(max, 0);
	if (!*res)
		return -ENOMEM;
	n = strncpy_from_user(*res, (const char *)ustr, max);
	if (n < 0 || (size_t)n == max) {
		kfree(*res);
		*res = NULL;
		return n < 0 ? (int)n : -EINVAL;
	}
	return 0;
}

static unsigned int ms_to_mnt_flags(unsigned long flags)
{
	return ((flags & MS_RDONLY) ? MNT_READONLY : 0) | ((flags & MS_NOSUID) ? MNT_NOSUID : 0) |
	       ((flags & MS_NODEV) ? MNT_NODEV : 0) | ((flags & MS_NOEXEC) ? MNT_NOEXEC : 0);
}

/* A new mount of type fstype from source with options data on where. */
static int mount_new(const char *fstype, const char *source, unsigned long flags, char *data,
		     const struct path *where)
{
	struct file_system_type *type = fstype ? get_fs_type(fstype) : NULL;
	struct vfsmount *mnt;
	int err;

	if (!type)
		return -ENODEV;
	if (!S_ISDIR(where->dentry->d_inode->i_mode))
		return -ENOTDIR;
	mnt = vfs_kern_mount(type, (int)(flags & MOUNT_FLAGS_KEPT), source, data);
	if (IS_ERR(mnt))
		return (int)PTR_ERR(mnt);
	mnt->mnt_flags = ms_to_mnt_flags(flags);
	err = do_add_mount(mnt, where);
	if (err)
		mntput(mnt);
	return err;
}

/* MS_BIND: source names the directory to show at where. */
static int mount_bind(unsigned long usource, unsigned long flags, const struct path *where)
{
	struct path old;
	int err = user_path(usource, LOOKUP_FOLLOW, &old);

	if (err)
		return err;
	err = do_bind_mount(&old, where, ms_to_mnt_flags(flags));
	path_put(&old);
	return err;
}

/* mount(source, target, fstype, flags, data) */
long sys_mount(const struct syscall_args *args)
{
	unsigned long flags = args->a[3];
	char *source = NULL, *fstype = NULL, *data = NULL;
	struct path where;
	int err;

	if (!capable_admin())
		return -EPERM;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~(unsigned long)MS_MGC_MSK;
	flags &= ~(unsigned long)MS_SILENT;
	if (flags & ~(unsigned long)(MOUNT_FLAGS_KEPT | MS_REMOUNT | MS_BIND))
		return -EINVAL;
	err = user_path(args->a[1], LOOKUP_FOLLOW, &where);
	if (err)
		return err;
	if (flags & MS_REMOUNT) {
		err = do_remount(&where, ms_to_mnt_flags(flags));
	} else if (flags & MS_BIND) {
		err = mount_bind(args->a[0], flags, &where);
	} else {
		err = user_string(args->a[0], PATH_MAX, &source);
		if (!err)
			err = user_string(args->a[2], 256, &fstype);
		if (!err)
			err = user_string(args->a[4], PAGE_SIZE, &data);
		if (!err)
			err = mount_new(fstype, source, flags, data, &where);
	}
	path_put(&where);
	kfree(source);
	kfree(fstype);
	kfree(data);
	return err;
}

/* umount2(target, flags) */
long sys_umount2(const struct syscall_args *args)
{
	unsigned int flags = (unsigned int)args->a[1];
	struct path where;
	int err;

	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	if ((flags & MNT_EXPIRE) && (flags & (MNT_FORCE | MNT_DETACH)))
		return -EINVAL;
	if (!capable_admin())
		return -EPERM;
	err = user_path(args->a[0], (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &where);
	if (err)
		return err;
	err = (flags & MNT_EXPIRE) ? -EAGAIN : do_umount(&where, flags);
	path_put(&where);
	return err;
}

static int copy_statfs(const struct path *p, unsigned long ubuf)
{
	struct statfs st;
	int err = vfs_statfs(p, &st);

	if (!err && copy_to_user((void *)ubuf, &st, sizeof(st)))
		err = -EFAULT;
	return err;
}

long sys_statfs(const struct syscall_args *args)
{
	struct path p;
	int err = user_path(args->a[0], LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = copy_statfs(&p, args->a[1]);
	path_put(&p);
	return err;
}

long sys_fstatfs(const struct syscall_args *args)
{
	struct file *f = fget((int)args->a[0]);
	int err;

	if (!f)
		return -EBADF;
	err = f->f_path.dentry ? copy_statfs(&f->f_path, args->a[1]) : -ENOSYS;
	fput(f);
	return err;
}

long sys_chroot(const struct syscall_args *args)
{
	struct path p;
	int err = user_path(args->a[0], LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &p);

	if (err)
		return err;
	err = inode_permission(p.dentry->d_inode, MAY_EXEC, false);
	if (!err && !capable_admin())
		err = -EPERM;
	if (!err)
		err = fs_set_root(&p);
	path_put(&p);
	return err;
}

long sys_sync(const struct syscall_args *args)
{
	(void)args;
	sync_filesystems();
	return 0;
}

long sys_syncfs(const struct syscall_args *args)
{
	struct file *f = fget((int)args->a[0]);
	int err;

	if (!f)
		return -EBADF;
	err = sync_filesystem(file_inode(f)->i_sb);
	fput(f);
	return err;
}
