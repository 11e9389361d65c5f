/*
 * Boot of the file layer (fs_init, interface in <fs/fs.h>): the caches,
 * the root file system (a ramfs), the internal "kdevfs" that holds device
 * inodes living in no directory (the console behind fds 0-2), and the
 * initramfs: unpacked from where the device tree's /chosen says QEMU put
 * it (-initrd), then its pages handed back to the page allocator.
 *
 * Everything here is set once by fs_init() and [I] afterwards.
 */
#include <arch/memlayout.h>
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/procfs.h>
#include <kernel/clock.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <lib/string.h>
#include <uapi/mount.h>

#include "internal.h"

static struct super_block *root_sb;        /* [I] */
static struct inode *console_inode;        /* [I] with a reference kept forever */

/* Outcome of the boot-time unpacking (tests and the report read it). */
struct initramfs_stats initramfs_boot_stats;
u64 initramfs_boot_ns;
unsigned long initramfs_boot_freed;        /* pages given back */

static void kdevfs_destroy_inode(struct inode *inode)
{
	kfree(inode);
}

static const struct super_operations kdevfs_sops = {
	.destroy_inode = kdevfs_destroy_inode,
};

static struct file_system_type kdevfs_type = {
	.name = "kdevfs",   /* internal: never registered, never mounted */
};

static struct super_block kdevfs_sb = {
	.s_type = &kdevfs_type,
	.s_dev = MKDEV(0, 1),
	.s_op = &kdevfs_sops,
	.s_next_ino = 1,
};

struct inode *fs_root_inode(void)
{
	return root_sb->s_root->d_inode;
}

/* ---------------------------------------------------------------- super blocks */

/* The list of every super block (sync walks it). */
static struct mutex super_mutex = MUTEX_INIT(super_mutex, "super_mutex");
static LIST_HEAD(super_blocks);   /* [super_mutex] */

struct super_block *sget_anon(struct file_system_type *type)
{
	static u32 next_dev = 16;   /* 0:16, 0:17, ... (kdevfs is 0:1) */
	struct super_block *sb = kzalloc(sizeof(*sb), 0);

	if (!sb)
		return NULL;
	sb->s_type = type;
	sb->s_dev = MKDEV(0, __atomic_fetch_add(&next_dev, 1, __ATOMIC_RELAXED));
	sb->s_next_ino = 1;
	INIT_LIST_HEAD(&sb->s_inodes);
	INIT_LIST_HEAD(&sb->s_dirty);
	mutex_lock(&super_mutex);
	list_add_tail(&sb->s_list, &super_blocks);
	mutex_unlock(&super_mutex);
	return sb;
}

void generic_shutdown_super(struct super_block *sb)
{
	unsigned long busy;

	sync_filesystem(sb);
	shrink_dcache_sb(sb);
	if (sb->s_root) {
		dput(sb->s_root);
		sb->s_root = NULL;
	}
	busy = shrink_dcache_sb(sb);
	if (busy)
		pr_warn("fs: %s 0:%u shut down with %lu dentries in use\n", sb->s_type->name,
			MINOR(sb->s_dev), busy);
	if (sb->s_op && sb->s_op->put_super)
		sb->s_op->put_super(sb);
	mutex_lock(&super_mutex);
	list_del_init(&sb->s_list);
	mutex_unlock(&super_mutex);
}

int sync_filesystem(struct super_block *sb)
{
	int err = sync_inodes_sb(sb, true);

	if (sb->s_op && sb->s_op->sync_fs) {
		int e = sb->s_op->sync_fs(sb, true);

		err = err ? err : e;
	}
	return err;
}

void sync_filesystems(void)
{
	struct super_block *sb;

	mutex_lock(&super_mutex);
	list_for_each_entry(sb, &super_blocks, s_list)
		sync_filesystem(sb);
	mutex_unlock(&super_mutex);
}

int vfs_statfs(const struct path *path, struct statfs *st)
{
	struct super_block *sb = path->dentry->d_sb;
	unsigned int f = READ_ONCE(path->mnt->mnt_flags);
	int err = 0;

	memset(st, 0, sizeof(*st));
	st->f_type = sb->s_magic;
	st->f_bsize = st->f_frsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	st->f_fsid[0] = (int)sb->s_dev;
	if (sb->s_op && sb->s_op->statfs)
		err = sb->s_op->statfs(path->dentry, st);
	st->f_flags = ST_VALID | ((f & MNT_READONLY) ? ST_RDONLY : 0) |
		      ((f & MNT_NOSUID) ? ST_NOSUID : 0) | ((f & MNT_NODEV) ? ST_NODEV : 0) |
		      ((f & MNT_NOEXEC) ? ST_NOEXEC : 0);
	return err;
}

struct inode *console_inode_get(void)
{
	if (console_inode)
		iget(console_inode);
	return console_inode;
}

struct inode *kdevfs_inode_new(unsigned int mode, u32 rdev)
{
	struct inode *inode = kzalloc(sizeof(*inode), 0);

	if (!inode)
		return NULL;
	inode_init(inode, &kdevfs_sb, mode);
	init_special_inode(inode, mode, rdev);
	return inode;
}

static void make_console_inode(void)
{
	console_inode = kdevfs_inode_new(S_IFCHR | 0620, MKDEV(5, 1));
	if (!console_inode)
		panic("fs: no memory for the console inode");
}

/* Is [start, end) inside one RAM range of the device tree? */
static bool initrd_in_ram(phys_addr_t start, phys_addr_t end)
{
	for (int i = 0; i < machine_dt.nmem; i++) {
		const struct dt_range *m = &machine_dt.mem[i];

		if (start >= m->base && end <= m->base + m->size && end <= LINEAR_SIZE)
			return true;
	}
	return false;
}

static void unpack_boot_initramfs(void)
{
	phys_addr_t start = machine_dt.initrd_start, end = machine_dt.initrd_end;
	struct initramfs_stats *st = &initramfs_boot_stats;
	struct lookup_root lr;
	u64 t0;

	if (end <= start) {
		pr_info("initramfs: none (boot with -initrd FILE.cpio to have one)\n");
		return;
	}
	if (!initrd_in_ram(start, end)) {
		pr_err("initramfs: %#llx-%#llx is not in RAM; ignored\n", (unsigned long long)start,
		       (unsigned long long)end);
		return;
	}
	t0 = ktime_get_ns();
	fs_root_path(&lr.root);
	fs_root_path(&lr.start);
	initramfs_unpack(&lr, __va(start), (size_t)(end - start), st);
	lookup_root_put(&lr);
	initramfs_boot_ns = ktime_get_ns() - t0;
	pr_info("initramfs: %llu bytes at %#llx unpacked in %llu us: %lu files (%zu bytes), "
		"%lu dirs, %lu symlinks, %lu links, %lu nodes, %lu skipped%s\n",
		(unsigned long long)(end - start), (unsigned long long)start,
		(unsigned long long)(initramfs_boot_ns / 1000), st->files, st->bytes, st->dirs,
		st->symlinks, st->hardlinks, st->nodes, st->skipped,
		st->error ? "; the archive is corrupt" : "");
	initramfs_boot_freed = free_initrd_mem(start, end);
	pr_info("initramfs: %lu KiB given back to the page allocator\n",
		initramfs_boot_freed * (PAGE_SIZE / 1024));
}

void fs_init(void)
{
	file_cache_init();
	fs_struct_cache_init();
	dcache_init();
	ramfs_register();
	ext2_register();
	procfs_register();
	devtmpfs_register();
	root_sb = ramfs_create();
	if (!root_sb)
		panic("fs: cannot create the root file system");
	chrdev_init();
	mount_root_init(root_sb);
	make_console_inode();
	unpack_boot_initramfs();
}
