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
#include <kernel/clock.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

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

static struct super_block kdevfs_sb = {
	.s_type = "kdevfs",
	.s_dev = MKDEV(0, 1),
	.s_op = &kdevfs_sops,
	.s_next_ino = 1,
};

struct inode *fs_root_inode(void)
{
	return root_sb->s_root;
}

struct inode *console_inode_get(void)
{
	if (console_inode)
		iget(console_inode);
	return console_inode;
}

static void make_console_inode(void)
{
	struct inode *inode = kzalloc(sizeof(*inode), 0);

	if (!inode)
		panic("fs: no memory for the console inode");
	inode_init(inode, &kdevfs_sb, S_IFCHR | 0620);
	init_special_inode(inode, S_IFCHR | 0620, MKDEV(5, 1));
	console_inode = inode;
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
	struct lookup_root lr = { .root = fs_root_inode(), .start = fs_root_inode() };
	struct initramfs_stats *st = &initramfs_boot_stats;
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
	initramfs_unpack(&lr, __va(start), (size_t)(end - start), st);
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
	root_sb = ramfs_create();
	if (!root_sb)
		panic("fs: cannot create the root file system");
	chrdev_init();
	make_console_inode();
	unpack_boot_initramfs();
}
