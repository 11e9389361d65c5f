/*
 * The root file system from a disk (interface: fs/fs.h mount_root_device,
 * fs_shutdown), the kernel command line's side of docs/boot.md:
 *
 *   root=/dev/vda        (or root=vda) mount this block device as "/"
 *   rootfstype=ext3      the type to try (default: ext3, then ext2)
 *   ro / rw              mount it read-only / read-write (default rw)
 *
 * As in Linux, the device is named through a node the kernel makes in the
 * initial ramfs, /dev/root (no devtmpfs is mounted yet), and mounted over
 * the ramfs' "/": fs_root_path() follows mounts on the root, so every
 * process starts in the disk's root and the ramfs underneath (with
 * whatever an initramfs put there) is hidden; /proc/mounts shows the disk
 * as "/dev/root / ext3 rw". "/" of the disk cannot be unmounted (EBUSY).
 *
 * A failure (no such disk, not an ext2/ext3 image, a corrupt one) is
 * reported with its errno and boot goes on with the ramfs root: the
 * initramfs' /init if there is one, else the kernel monitor -- never a
 * panic for a wrong command line.
 *
 * fs_shutdown() is what power-off and reboot do before the machine stops:
 * every mounted file system that can be is made read-only (written back,
 * its journal closed and its "clean" flag set), so an image that was shut
 * down is clean for e2fsck without a journal replay.
 *
 * Locks: none of its own; mount.c's namespace_mutex inside the calls.
 */
#include <block/blkdev.h>
#include <fs/fs.h>
#include <kernel/err.h>
#include <kernel/machine.h>
#include <kernel/printk.h>
#include <lib/cmdline.h>
#include <lib/string.h>
#include <uapi/errno.h>
#include <uapi/mount.h>
#include <uapi/stat.h>

#include "internal.h"

#define ROOT_NODE "/dev/root"

/* Make /dev/root (block, dev) in the ramfs root; 0 or -errno. */
static int make_root_node(u32 dev)
{
	struct lookup_root lr;
	int err;

	fs_root_path(&lr.root);
	fs_root_path(&lr.start);
	err = vfs_mkdir(&lr, "/dev", 0755);
	if (err == -EEXIST)
		err = 0;
	if (!err) {
		vfs_unlink(&lr, ROOT_NODE);   /* a stale one from the initramfs */
		err = vfs_mknod(&lr, ROOT_NODE, S_IFBLK | 0600, dev);
	}
	lookup_root_put(&lr);
	return err;
}

/* Mount ROOT_NODE as type name with flags; the vfsmount or an ERR_PTR. */
static struct vfsmount *try_mount(const char *name, int flags)
{
	struct file_system_type *type = get_fs_type(name);

	if (!type)
		return ERR_PTR(-ENODEV);
	return vfs_kern_mount(type, flags, ROOT_NODE, NULL);
}

/* The disk root=dev names, mounted; an ERR_PTR with the reason logged. */
static struct vfsmount *mount_root_fs(const char *root, const char *fstype, int flags)
{
	const char *name = str_has_prefix(root, "/dev/") ? root + 5 : root;
	struct block_device *bdev = blkdev_get_by_name(name);
	struct vfsmount *mnt;
	int err;

	if (!bdev) {
		pr_err("root: no block device %s (the disks: /proc/partitions)\n", root);
		return ERR_PTR(-ENXIO);
	}
	err = make_root_node(bdev->dev);
	if (err) {
		pr_err("root: cannot make %s: error %d\n", ROOT_NODE, err);
		return ERR_PTR(err);
	}
	if (fstype)
		return try_mount(fstype, flags);
	mnt = try_mount("ext3", flags);
	if (IS_ERR(mnt) && PTR_ERR(mnt) == -EINVAL)   /* no journal: plain ext2 */
		mnt = try_mount("ext2", flags);
	return mnt;
}

int mount_root_device(void)
{
	const char *root = cmdline_get(&kernel_cmdline, "root");
	const char *fstype = cmdline_get(&kernel_cmdline, "rootfstype");
	int flags = cmdline_has(&kernel_cmdline, "ro") ? MS_RDONLY : 0;
	struct vfsmount *mnt;
	struct path where;
	int err;

	if (!root)
		return 0;
	mnt = mount_root_fs(root, fstype, flags);
	if (IS_ERR(mnt)) {
		err = (int)PTR_ERR(mnt);
		pr_err("root: cannot mount %s%s%s: error %d; staying on the initramfs\n", root,
		       fstype ? " as " : "", fstype ? fstype : "", err);
		return err;
	}
	fs_root_path(&where);
	err = do_add_mount(mnt, &where);
	path_put(&where);
	if (err) {
		mntput(mnt);
		pr_err("root: cannot mount %s on /: error %d\n", root, err);
		return err;
	}
	pr_info("root: %s mounted on / (%s, %s)\n", root, mnt->mnt_sb->s_type->name,
		flags & MS_RDONLY ? "read-only" : "read-write");
	return 0;
}
