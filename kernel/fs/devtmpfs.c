/*
 * devtmpfs: /dev, filled by the kernel (`mount -t devtmpfs devtmpfs /dev`).
 *
 * Each mount is a new tmpfs instance that the kernel populates at mount
 * time with a node for every device that exists then: the character
 * devices of the table below whose numbers are registered (fs/chrdev.h)
 * and every block device (block/blkdev.h, named vda, vdb, ...). Nodes are
 * owned by root with Linux's usual modes. Afterwards it is an ordinary
 * tmpfs: users may add, remove or chmod nodes, and devices that appear
 * later (none do today: there is no hot-plug) would not show up.
 *
 * Interface: devtmpfs_register() at boot (the "devtmpfs" type).
 * Locks: the new root directory's i_rwsem while nodes are made; nothing
 * else is shared.
 */
#include <block/blkdev.h>
#include <fs/chrdev.h>
#include <fs/dcache.h>
#include <fs/fs.h>
#include <fs/mount.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <uapi/errno.h>

#include "internal.h"

struct devtmpfs_node {
	const char *name;
	unsigned int mode;
	u32 dev;
};

/* Character devices by their Linux numbers (Documentation/admin-guide/devices.txt). */
static const struct devtmpfs_node devtmpfs_chr[] = {
	{ "null", 0666, MKDEV(1, 3) },
	{ "zero", 0666, MKDEV(1, 5) },
	{ "full", 0666, MKDEV(1, 7) },
	{ "random", 0666, MKDEV(1, 8) },
	{ "urandom", 0666, MKDEV(1, 9) },
	{ "kmsg", 0644, MKDEV(1, 11) },
	{ "tty", 0666, MKDEV(5, 0) },
	{ "console", 0600, MKDEV(5, 1) },
	{ "ptmx", 0666, MKDEV(5, 2) },
	{ "ttyS0", 0660, MKDEV(4, 64) },
};

static struct file_system_type devtmpfs_type;

/* Make one node in dir (the fresh root, locked). */
static int devtmpfs_mknod(struct inode *dir, const char *name, unsigned int mode, u32 dev)
{
	int err = dir->i_op->mknod(dir, name, strlen(name), mode, dev);

	if (err)
		pr_warn("devtmpfs: cannot make /dev/%s: %d\n", name, err);
	return err;
}

static void devtmpfs_populate(struct inode *dir)
{
	down_write(&dir->i_rwsem);
	for (size_t i = 0; i < ARRAY_SIZE(devtmpfs_chr); i++) {
		const struct devtmpfs_node *n = &devtmpfs_chr[i];

		if (chrdev_lookup(n->dev))
			devtmpfs_mknod(dir, n->name, S_IFCHR | n->mode, n->dev);
	}
	for (struct block_device *b = blkdev_next(NULL); b; b = blkdev_next(b))
		devtmpfs_mknod(dir, b->name, S_IFBLK | 0660, b->dev);
	up_write(&dir->i_rwsem);
}

static struct dentry *devtmpfs_mount(struct file_system_type *type, int flags, const char *source,
				     void *data)
{
	struct file_system_type *tmpfs = get_fs_type("tmpfs");
	struct dentry *root;

	(void)type;
	(void)data;
	if (!tmpfs)
		return ERR_PTR(-ENODEV);
	root = tmpfs->mount(tmpfs, flags, source, "mode=0755");
	if (IS_ERR(root))
		return root;
	root->d_sb->s_type = &devtmpfs_type;   /* /proc/mounts says devtmpfs */
	devtmpfs_populate(root->d_inode);
	return root;
}

/* The instance is a tmpfs: tmpfs's own teardown frees it. */
static void devtmpfs_kill_sb(struct super_block *sb)
{
	get_fs_type("tmpfs")->kill_sb(sb);
}

static struct file_system_type devtmpfs_type = {
	.name = "devtmpfs",
	.mount = devtmpfs_mount,
	.kill_sb = devtmpfs_kill_sb,
};

void devtmpfs_register(void)
{
	if (register_filesystem(&devtmpfs_type))
		panic("devtmpfs: cannot register");
}
