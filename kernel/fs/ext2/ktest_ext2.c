/*
 * Self-tests of the ext2 driver on the disks tests/run.py's "ext2" job
 * attaches (build/mkfs/mkfs images): vda is a fresh image labelled
 * "ktest-ext2", vdb..vdd are copies of a populated image with bytes
 * flipped in the superblock, the inode table and a directory block. In
 * other boot jobs vda is not such an image and the tests pass with a note.
 * vde is the populated image itself, undamaged.
 *
 *   ext2_basic    mount, mkdir, create/write/read, rename within and across
 *                 directories, link, symlink (fast and slow), unlink, rmdir,
 *                 truncate down and up (zeros), getdents, statfs; remount
 *                 and find it all again
 *   ext2_many     600 files in one directory (several directory blocks),
 *                 every other one removed, the rest still found
 *   ext2_sparse   a file with data past 4 GiB: holes read as zeros and take
 *                 no blocks; truncating frees them all again
 *   ext2_enospc   fill the disk: -ENOSPC, nothing written before is lost,
 *                 and removing the filler gives every block back
 *   ext2_enospc_reuse  write a file of 3/5 of the free space, remove it,
 *                 three times over, with no commit in between: the blocks
 *                 the last removal freed are all that is left, and the
 *                 write must wait for the commit that frees them, not fail
 *   ext2_corrupt  mounting the damaged copies: errors, never a panic
 *   ext2_smp      four threads changing one directory and its files at once;
 *                 afterwards every block and inode is free again
 *   ext2_mkfs_tree  vde, the undamaged populated image: read what mkfs
 *                 wrote (files, a deep path, a symlink), -EROFS when mounted
 *                 read-only, remount read-write and back, then change it
 *                 read-write (the job runs e2fsck
 *                 -fn on it too)
 *
 * The job runs `e2fsck -fn` on vda afterwards: every test leaves the file
 * system unmounted and consistent.
 */
#include <block/blkdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <sched/sched.h>
#include <uapi/errno.h>
#include <uapi/mount.h>

#include "ext2.h"
#include "../internal.h"

#define KX_LABEL "ktest-ext2"
#define KX_NODE "/ktest-ext2-dev"

/* A mounted ext2 under test: the mount and a lookup root at its root. */
struct kx {
	struct vfsmount *mnt;
	struct lookup_root lr;
	char node[32];
};

/* Is bdev a disk whose superblock is labelled label? */
static bool kx_has_label(struct block_device *bdev, const char *label)
{
	struct ext2_super_block *es = kmalloc(sizeof(*es), 0);
	bool ok;

	if (!es)
		return false;
	ok = blkdev_size(bdev) >= 2048 + sizeof(*es) &&
	     blkdev_rw_sync(bdev, REQ_OP_READ, 2, es, sizeof(*es)) == 0 &&
	     es->s_magic == EXT2_SUPER_MAGIC && strncmp(es->s_volume_name, label, 16) == 0;
	kfree(es);
	return ok;
}

/* Is this the ext2 job (vda is the test image)? */
static bool kx_present(void)
{
	struct block_device *bdev = blkdev_get_by_name("vda");

	if (bdev && kx_has_label(bdev, KX_LABEL))
		return true;
	printk("ktest ext2: vda is not the %s image: skipped\n", KX_LABEL);
	return false;
}

/* Mount disk (name) as ext2 with flags: 0 or -errno. */
static int kx_mount(struct kx *x, const char *disk, int flags)
{
	struct block_device *bdev = blkdev_get_by_name(disk);
	struct lookup_root root;
	int err;

	if (!bdev)
		return -ENXIO;
	memset(x, 0, sizeof(*x));
	snprintf(x->node, sizeof(x->node), "%s-%s", KX_NODE, disk);
	lookup_root_current(&root);
	err = vfs_mknod(&root, x->node, S_IFBLK | 0600, bdev->dev);
	lookup_root_put(&root);
	if (err && err != -EEXIST)
		return err;
	x->mnt = vfs_kern_mount(get_fs_type("ext2"), flags, x->node, NULL);
	if (IS_ERR(x->mnt)) {
		err = (int)PTR_ERR(x->mnt);
		x->mnt = NULL;
		return err;
	}
	x->lr.root.mnt = x->lr.start.mnt = x->mnt;
	x->lr.root.dentry = x->lr.start.dentry = x->mnt->mnt_root;
	return 0;
}

static void kx_umount(struct kx *x)
{
	struct lookup_root root;

	if (x->mnt)
		mntput(x->mnt);
	x->mnt = NULL;
	lookup_root_current(&root);
	vfs_unlink(&root, x->node);
	lookup_root_put(&root);
}

/* The byte at offset i of pattern seed. */
static u8 kx_byte(u32 seed, u64 i)
{
	return (u8)((i * 131 + seed * 7 + (i >> 12)) ^ (seed >> 3));
}

/* Write len pattern bytes at off of path (created if needed): 0 or -errno. */
static int kx_write(struct kx *x, const char *path, u32 seed, loff_t off, size_t len)
{
	struct file *f = vfs_open(&x->lr, path, O_WRONLY | O_CREAT, 0644);
	u8 *buf = kmalloc(4096, 0);
	int err = 0;

	if (IS_ERR(f) || !buf) {
		kfree(buf);
		return IS_ERR(f) ? (int)PTR_ERR(f) : -ENOMEM;
	}
	for (size_t done = 0; done < len && !err;) {
		size_t n = MIN((size_t)4096, len - done);
		loff_t pos = off + (loff_t)done;
		ssize_t w;

		for (size_t i = 0; i < n; i++)
			buf[i] = kx_byte(seed, (u64)pos + i);
		w = kernel_write(f, buf, n, &pos);
		if (w < 0)
			err = (int)w;
		else if ((size_t)w != n)
			err = -EIO;
		done += n;
	}
	kfree(buf);
	fput(f);
	return err;
}

/* Check len bytes at off of path: pattern seed, or zeros if zero. 0, 1 (mismatch) or -errno. */
static int kx_check(struct kx *x, const char *path, u32 seed, loff_t off, size_t len, bool zero)
{
	struct file *f = vfs_open(&x->lr, path, O_RDONLY, 0);
	u8 *buf = kmalloc(4096, 0);
	int err = 0;

	if (IS_ERR(f) || !buf) {
		kfree(buf);
		return IS_ERR(f) ? (int)PTR_ERR(f) : -ENOMEM;
	}
	for (size_t done = 0; done < len && !err;) {
		size_t n = MIN((size_t)4096, len - done);
		loff_t pos = off + (loff_t)done;
		ssize_t r = kernel_read(f, buf, n, &pos);

		if (r != (ssize_t)n) {
			err = r < 0 ? (int)r : 1;
			break;
		}
		for (size_t i = 0; i < n && !err; i++) {
			if (buf[i] != (zero ? 0 : kx_byte(seed, (u64)(off + (loff_t)done) + i)))
				err = 1;
		}
		done += n;
	}
	kfree(buf);
	fput(f);
	return err;
}

static int kx_stat(struct kx *x, const char *path, struct kstat *st)
{
	struct inode *inode;
	int err = vfs_lookup(&x->lr, path, 0, &inode);

	if (err)
		return err;
	err = vfs_getattr_inode(inode, st);
	iput(inode);
	return err;
}

static int kx_truncate(struct kx *x, const char *path, loff_t size)
{
	struct inode *inode;
	int err = vfs_lookup(&x->lr, path, 0, &inode);

	if (err)
		return err;
	err = vfs_truncate(inode, size);
	iput(inode);
	return err;
}

static int kx_statfs(struct kx *x, struct statfs *st)
{
	memset(st, 0, sizeof(*st));
	return vfs_statfs(&x->lr.root, st);
}

struct kx_count {
	struct dir_context ctx;
	unsigned int n;
	bool dot, dotdot;
};

static bool kx_count_emit(struct dir_context *ctx, const char *name, size_t len, u64 ino,
			  unsigned int type)
{
	struct kx_count *c = (struct kx_count *)ctx;

	(void)ino;
	(void)type;
	if (len == 1 && name[0] == '.')
		c->dot = true;
	else if (len == 2 && name[0] == '.' && name[1] == '.')
		c->dotdot = true;
	else
		c->n++;
	return true;
}

/* Entries of directory path other than "." and ".." (or -errno). */
static int kx_count_dir(struct kx *x, const char *path)
{
	struct file *f = vfs_open(&x->lr, path, O_RDONLY | O_DIRECTORY, 0);
	struct kx_count c = { .ctx = { .emit = kx_count_emit } };
	int err;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	err = f->f_op->iterate(f, &c.ctx);
	fput(f);
	if (err)
		return err;
	return c.dot && c.dotdot ? (int)c.n : -EUCLEAN;
}

/* ---------------------------------------------------------------- ext2_basic */

static const char *kx_basic_build(struct kx *x)
{
	static const char slow[] = "a/very/long/symlink/target/that/does/not/fit/in/the/inode/"
				   "itself/and/so/needs/a/block/of/its/own";
	struct statfs sfs;
	struct kstat st;
	char buf[128];
	int err;

	if (kx_statfs(x, &sfs) || sfs.f_type != EXT2_SUPER_MAGIC || sfs.f_bsize != 4096)
		return ktest_fail("statfs type %#lx bsize %ld", sfs.f_type, sfs.f_bsize);
	if ((err = vfs_mkdir(&x->lr, "/d", 0755)) || (err = vfs_mkdir(&x->lr, "/d/sub", 0700)) ||
	    (err = vfs_mkdir(&x->lr, "/e", 0755)))
		return ktest_fail("mkdir: %d", err);
	if ((err = kx_write(x, "/d/f", 1, 0, 100000)) || (err = kx_write(x, "/d/g", 2, 0, 5000)))
		return ktest_fail("write: %d", err);
	if ((err = vfs_rename(&x->lr, "/d/g", &x->lr, "/d/g2", 0)) ||
	    (err = vfs_rename(&x->lr, "/d/f", &x->lr, "/e/f", 0)) ||
	    (err = vfs_rename(&x->lr, "/d/sub", &x->lr, "/e/sub", 0)))
		return ktest_fail("rename: %d", err);
	if ((err = vfs_link(&x->lr, "/e/f", 0, &x->lr, "/e/f-link")) ||
	    (err = vfs_symlink(&x->lr, "f", "/e/fast")) ||
	    (err = vfs_symlink(&x->lr, slow, "/e/slow")))
		return ktest_fail("link/symlink: %d", err);
	if ((err = kx_write(x, "/d/t", 3, 0, 50000)) || (err = kx_truncate(x, "/d/t", 10000)) ||
	    (err = kx_truncate(x, "/d/t", 20000)))
		return ktest_fail("truncate: %d", err);
	if (kx_check(x, "/d/t", 3, 0, 10000, false) || kx_check(x, "/d/t", 0, 10000, 10000, true))
		return ktest_fail("truncated file reads wrong");
	if ((err = kx_write(x, "/d/gone", 4, 0, 9000)) || (err = vfs_unlink(&x->lr, "/d/gone")) ||
	    (err = vfs_mkdir(&x->lr, "/d/empty", 0755)) || (err = vfs_rmdir(&x->lr, "/d/empty")))
		return ktest_fail("unlink/rmdir: %d", err);
	if (vfs_rmdir(&x->lr, "/e") != -ENOTEMPTY)
		return ktest_fail("rmdir of a non-empty directory");
	err = kx_stat(x, "/e", &st);
	if (err || st.nlink != 3)
		return ktest_fail("/e: %d nlink %u (want 3)", err, st.nlink);
	{
		struct inode *link;

		if (vfs_lookup(&x->lr, "/e/slow", 0, &link))
			return ktest_fail("lookup /e/slow");
		err = vfs_readlink(link, buf, sizeof(buf));
		iput(link);
		if (err != (int)strlen(slow) || memcmp(buf, slow, (size_t)err))
			return ktest_fail("readlink slow: %d", err);
	}
	return NULL;
}

/* What kx_basic_build made, checked (after a remount too). */
static const char *kx_basic_check(struct kx *x)
{
	struct kstat st;
	struct inode *in;
	int n;

	if (kx_check(x, "/e/f", 1, 0, 100000, false) || kx_check(x, "/d/g2", 2, 0, 5000, false))
		return ktest_fail("file contents");
	if (kx_stat(x, "/e/f", &st) || st.nlink != 2 || st.size != 100000 || st.blocks != 26 * 8)   /* 25 data blocks, 1 indirect */
		return ktest_fail("/e/f nlink %u size %lld blocks %llu", st.nlink, (long long)st.size,
				  (unsigned long long)st.blocks);
	if (kx_stat(x, "/d/gone", &st) != -ENOENT || kx_stat(x, "/d/f", &st) != -ENOENT)
		return ktest_fail("removed names still found");
	if (kx_stat(x, "/d/t", &st) || st.size != 20000)
		return ktest_fail("/d/t size %lld", (long long)st.size);
	if (vfs_lookup(&x->lr, "/e/fast", LOOKUP_FOLLOW, &in))
		return ktest_fail("fast symlink does not resolve");
	iput(in);
	if (vfs_lookup(&x->lr, "/e/sub/..", 0, &in))
		return ktest_fail("/e/sub/..");
	n = in->i_ino == x->mnt->mnt_root->d_inode->i_ino;
	iput(in);
	if (n)
		return ktest_fail("'..' of a moved directory still names the old parent");
	n = kx_count_dir(x, "/e");
	if (n != 5)
		return ktest_fail("getdents /e: %d entries (want 5)", n);
	return NULL;
}

KTEST(ext2_basic)
{
	const char *why;
	struct kx x;
	int err;

	if (!kx_present())
		return NULL;
	err = kx_mount(&x, "vda", 0);
	if (err)
		return ktest_fail("mount: %d", err);
	why = kx_basic_build(&x);
	if (!why)
		why = kx_basic_check(&x);
	kx_umount(&x);
	if (why)
		return why;
	err = kx_mount(&x, "vda", 0);
	if (err)
		return ktest_fail("remount: %d", err);
	why = kx_basic_check(&x);
	kx_umount(&x);
	return why;
}

/* ---------------------------------------------------------------- ext2_many */

#define KX_MANY 600

KTEST(ext2_many)
{
	const char *why = NULL;
	char name[48];
	struct kstat st;
	struct kx x;
	int err;

	if (!kx_present())
		return NULL;
	err = kx_mount(&x, "vda", 0);
	if (err)
		return ktest_fail("mount: %d", err);
	err = vfs_mkdir(&x.lr, "/many", 0755);
	for (int i = 0; i < KX_MANY && !err; i++) {
		snprintf(name, sizeof(name), "/many/file-with-a-longish-name-%04d", i);
		err = kx_write(&x, name, (u32)i, 0, (size_t)(i % 7) * 100);
	}
	for (int i = 0; i < KX_MANY && !err; i += 2) {
		snprintf(name, sizeof(name), "/many/file-with-a-longish-name-%04d", i);
		err = vfs_unlink(&x.lr, name);
	}
	if (err)
		why = ktest_fail("create/unlink: %d", err);
	for (int i = 1; i < KX_MANY && !why; i += 2) {
		snprintf(name, sizeof(name), "/many/file-with-a-longish-name-%04d", i);
		if (kx_stat(&x, name, &st) || st.size != (i % 7) * 100 ||
		    kx_check(&x, name, (u32)i, 0, (size_t)(i % 7) * 100, false))
			why = ktest_fail("%s lost", name);
	}
	if (!why && (err = kx_count_dir(&x, "/many")) != KX_MANY / 2)
		why = ktest_fail("getdents: %d entries", err);
	if (!why && (kx_stat(&x, "/many", &st) || st.size < 2 * 4096))
		why = ktest_fail("directory did not grow past one block");
	kx_umount(&x);
	return why;
}

/* ---------------------------------------------------------------- ext2_sparse */

KTEST(ext2_sparse)
{
	const loff_t far = (5LL << 30) + 12345;
	const char *why = NULL;
	struct statfs s0, s1;
	struct kstat st;
	struct kx x;
	int err;

	if (!kx_present())
		return NULL;
	err = kx_mount(&x, "vda", 0);
	if (err)
		return ktest_fail("mount: %d", err);
	kx_statfs(&x, &s0);
	err = kx_write(&x, "/sparse", 9, far, 10000);
	if (err)
		why = ktest_fail("write at 5 GiB: %d", err);
	else if (kx_stat(&x, "/sparse", &st) || st.size != far + 10000 || st.blocks > 8 * 8)
		why = ktest_fail("size %lld blocks %llu", (long long)st.size,
				 (unsigned long long)st.blocks);
	else if (kx_check(&x, "/sparse", 9, far, 10000, false) ||
		 kx_check(&x, "/sparse", 0, 1 << 20, 8192, true) ||
		 kx_check(&x, "/sparse", 0, far - 12345, 12345, true))
		why = ktest_fail("sparse contents");
	else if ((err = kx_truncate(&x, "/sparse", 4096 * 20)) || kx_stat(&x, "/sparse", &st) ||
		 st.blocks != 0)
		why = ktest_fail("truncate below the data: %d blocks %llu", err,
				 (unsigned long long)st.blocks);
	else if ((err = vfs_unlink(&x.lr, "/sparse")) || kx_statfs(&x, &s1) ||
		 s1.f_bfree != s0.f_bfree)
		why = ktest_fail("blocks not all freed: %ld -> %ld", s0.f_bfree, s1.f_bfree);
	kx_umount(&x);
	return why;
}

/* ---------------------------------------------------------------- ext2_enospc */

KTEST(ext2_enospc)
{
	const char *why = NULL;
	struct statfs s0, s1;
	struct kx x;
	loff_t pos = 0;
	int err;

	if (!kx_present())
		return NULL;
	err = kx_mount(&x, "vda", 0);
	if (err)
		return ktest_fail("mount: %d", err);
	kx_statfs(&x, &s0);
	err = kx_write(&x, "/keep", 5, 0, 30000);
	while (!err) {
		err = kx_write(&x, "/filler", 6, pos, 1 << 20);
		pos += 1 << 20;
	}
	if (err != -ENOSPC)
		why = ktest_fail("filling: %d, not -ENOSPC", err);
	else if (kx_statfs(&x, &s1) || s1.f_bfree != 0)
		why = ktest_fail("full but %ld blocks free", s1.f_bfree);
	else if (vfs_mkdir(&x.lr, "/nospace", 0755) != -ENOSPC)
		why = ktest_fail("mkdir on a full disk");
	else if (kx_check(&x, "/keep", 5, 0, 30000, false))
		why = ktest_fail("/keep damaged by ENOSPC");
	else if ((err = vfs_unlink(&x.lr, "/filler")) || kx_statfs(&x, &s1) ||
		 s1.f_bfree != s0.f_bfree - 8)
		why = ktest_fail("after removing the filler: %d, %ld free (want %ld)", err,
				 s1.f_bfree, s0.f_bfree - 8);
	vfs_unlink(&x.lr, "/keep");
	kx_umount(&x);
	return why;
}

/* ---------------------------------------------------------------- ext2_enospc_reuse */

/* Mount vda, which must be journaled, and statfs it into s0: NULL, or why not (unmounted). */
static const char *kx_mount_journaled(struct kx *x, struct statfs *s0)
{
	int err = kx_mount(x, "vda", 0);

	if (err)
		return ktest_fail("mount: %d", err);
	if (!EXT2_SB(x->mnt->mnt_root->d_sb)->journal || kx_statfs(x, s0)) {
		kx_umount(x);
		return ktest_fail("vda is not journaled");
	}
	return NULL;
}

KTEST(ext2_enospc_reuse)
{
	const char *why = NULL;
	struct statfs s0, s1;
	loff_t size;
	struct kx x;
	int err = 0;

	if (!kx_present())
		return NULL;
	if ((why = kx_mount_journaled(&x, &s0)))
		return why;
	size = (loff_t)s0.f_bfree * 3 / 5 * s0.f_bsize;
	for (int pass = 0; pass < 3 && !why; pass++) {
		for (loff_t pos = 0; pos < size && !err; pos += 1 << 20)
			err = kx_write(&x, "/big", (u32)pass, pos, (size_t)MIN((loff_t)1 << 20, size - pos));
		if (err)
			why = ktest_fail("pass %d: %d writing %lld bytes with %ld blocks free", pass, err,
					 (long long)size, s0.f_bfree);
		else if ((err = vfs_unlink(&x.lr, "/big")))
			why = ktest_fail("unlink: %d", err);
	}
	if (!why && (kx_statfs(&x, &s1) || s1.f_bfree != s0.f_bfree))
		why = ktest_fail("%ld blocks free after, %ld before", s1.f_bfree, s0.f_bfree);
	if (why)
		vfs_unlink(&x.lr, "/big");
	kx_umount(&x);
	return why;
}

/* ---------------------------------------------------------------- ext2_corrupt */

/* Walk the tree under path (depth-limited), reading everything; errors are expected. */
static void kx_walk(struct kx *x, const char *path, int depth);

struct kx_walk_ctx {
	struct dir_context ctx;
	char names[16][64];
	unsigned int n;
};

static bool kx_walk_emit(struct dir_context *ctx, const char *name, size_t len, u64 ino,
			 unsigned int type)
{
	struct kx_walk_ctx *w = (struct kx_walk_ctx *)ctx;

	(void)ino;
	(void)type;
	if (w->n >= 16)
		return false;
	if (len < 60 && !(len == 1 && name[0] == '.') && !(len == 2 && !memcmp(name, "..", 2))) {
		memcpy(w->names[w->n], name, len);
		w->names[w->n++][len] = 0;
	}
	return true;
}

static void kx_walk(struct kx *x, const char *path, int depth)
{
	struct kx_walk_ctx *w = kzalloc(sizeof(*w), 0);
	struct file *f;
	char *child = kmalloc(256, 0);

	if (!w || !child)
		goto out;
	w->ctx.emit = kx_walk_emit;
	f = vfs_open(&x->lr, path, O_RDONLY, 0);
	if (IS_ERR(f))
		goto out;
	if (S_ISDIR(file_inode(f)->i_mode)) {
		f->f_op->iterate(f, &w->ctx);
	} else {
		loff_t pos = 0;

		kernel_read(f, child, 256, &pos);
		w->n = 0;
	}
	fput(f);
	for (unsigned int i = 0; i < w->n && depth > 0; i++) {
		struct statfs st;

		snprintf(child, 256, "%s/%s", strcmp(path, "/") ? path : "", w->names[i]);
		kx_walk(x, child, depth - 1);
		kx_write(x, child, 1, 0, 100);
		kx_statfs(x, &st);
	}
out:
	kfree(child);
	kfree(w);
}

KTEST(ext2_corrupt)
{
	static const char *const disks[] = { "vdb", "vdc", "vdd" };
	int results[3];

	if (!kx_present())
		return NULL;
	for (int i = 0; i < 3; i++) {
		struct kx x;

		results[i] = kx_mount(&x, disks[i], 0);
		if (results[i] == 0) {
			kx_walk(&x, "/", 3);
			vfs_mkdir(&x.lr, "/newdir", 0755);
			kx_umount(&x);
		}
	}
	printk("ktest ext2_corrupt: mounts gave %d %d %d\n", results[0], results[1], results[2]);
	if (results[0] == 0)
		return ktest_fail("the image with a broken superblock mounted");
	return NULL;
}

/* ---------------------------------------------------------------- ext2_mkfs_tree */

/* /etc/fileNN as tests/run.py's ext2_tree() makes it: NN * 700 bytes of (NN + j) & 0xff. */
static const char *kx_check_mkfs_file(struct kx *x, int nn)
{
	char path[32];
	u8 *buf = kmalloc(64 * 700, 0);
	struct file *f;
	loff_t pos = 0;
	ssize_t r;
	const char *why = NULL;

	if (!buf)
		return "no memory";
	snprintf(path, sizeof(path), "/etc/file%02d", nn);
	f = vfs_open(&x->lr, path, O_RDONLY, 0);
	if (IS_ERR(f)) {
		kfree(buf);
		return ktest_fail("open %s: %ld", path, PTR_ERR(f));
	}
	r = kernel_read(f, buf, 64 * 700, &pos);
	fput(f);
	if (r != nn * 700)
		why = ktest_fail("%s: read %ld bytes", path, (long)r);
	for (int j = 0; !why && j < nn * 700; j++) {
		if (buf[j] != (u8)((nn + j) & 0xff))
			why = ktest_fail("%s: byte %d", path, j);
	}
	kfree(buf);
	return why;
}

static const char *kx_mkfs_read(struct kx *x)
{
	struct inode *in;
	char buf[32];
	const char *why;
	int err;

	for (int nn = 0; nn < 24; nn += 5) {
		why = kx_check_mkfs_file(x, nn);
		if (why)
			return why;
	}
	if (vfs_lookup(&x->lr, "/a/link", 0, &in))
		return ktest_fail("lookup /a/link");
	err = vfs_readlink(in, buf, sizeof(buf));
	iput(in);
	if (err != 13 || memcmp(buf, "../etc/file03", 13))
		return ktest_fail("readlink /a/link: %d", err);
	if (vfs_lookup(&x->lr, "/a/link", LOOKUP_FOLLOW, &in))
		return ktest_fail("/a/link does not resolve");
	err = in->i_size != 3 * 700;
	iput(in);
	if (err || kx_count_dir(x, "/etc") != 24 || kx_count_dir(x, "/empty") != 0)
		return ktest_fail("directory contents");
	return NULL;
}

KTEST(ext2_mkfs_tree)
{
	const char *why;
	struct kx x;
	int err;

	if (!kx_present())
		return NULL;
	err = kx_mount(&x, "vde", MS_RDONLY);
	if (err)
		return ktest_fail("mount read-only: %d", err);
	why = kx_mkfs_read(&x);
	if (!why && (err = vfs_mkdir(&x.lr, "/nope", 0755)) != -EROFS)
		why = ktest_fail("mkdir on a read-only mount: %d", err);
	if (!why && ((err = do_remount(&x.lr.root, 0)) || (err = vfs_mkdir(&x.lr, "/rw", 0755)) ||
		     (err = kx_write(&x, "/rw/f", 8, 0, 5000))))
		why = ktest_fail("remount read-write: %d", err);
	if (!why && ((err = do_remount(&x.lr.root, MNT_READONLY)) ||
		     (err = vfs_rmdir(&x.lr, "/rw")) != -EROFS ||
		     (err = kx_check(&x, "/rw/f", 8, 0, 5000, false))))
		why = ktest_fail("remount read-only: %d", err);
	kx_umount(&x);
	if (why)
		return why;
	err = kx_mount(&x, "vde", 0);
	if (err)
		return ktest_fail("mount: %d", err);
	why = kx_mkfs_read(&x);
	if (!why && ((err = vfs_unlink(&x.lr, "/etc/file07")) ||
		     (err = vfs_rename(&x.lr, "/a/b", &x.lr, "/empty/b", 0)) ||
		     (err = kx_write(&x, "/etc/file10", 3, 1000, 70000)) ||
		     (err = kx_truncate(&x, "/etc/file20", 5000)) ||
		     (err = vfs_rmdir(&x.lr, "/empty/b/c") != -ENOTEMPTY)))
		why = ktest_fail("changes: %d", err);
	if (!why && (kx_check(&x, "/empty/b/c/deep", 0, 0, 0, false) ||
		     kx_check(&x, "/etc/file10", 3, 1000, 70000, false)))
		why = ktest_fail("after the changes");
	kx_umount(&x);
	return why;
}

/* ---------------------------------------------------------------- ext2_smp */

#define KX_SMP_THREADS 4
#define KX_SMP_ROUNDS 150
#define KX_SMP_NAMES 10

struct kx_smp {
	struct kx *x;
	u32 seed;
	int bad;
	int ok;   /* operations that succeeded */
};

static void kx_smp_name(char *buf, size_t size, u32 n)
{
	snprintf(buf, size, "/smp/%s%u", n % 3 ? "f" : "d", n);
}

/* One random operation: 0 done, 1 refused as a race explains, else -errno. */
static int kx_smp_op(struct kx *x, u32 r)
{
	char a[24], b[24];
	u32 na = (r >> 8) % KX_SMP_NAMES, nb = (r >> 16) % KX_SMP_NAMES;
	int err;

	kx_smp_name(a, sizeof(a), na);
	kx_smp_name(b, sizeof(b), nb);
	switch (r % 7) {
	case 0:
		err = na % 3 ? kx_write(x, a, r, (loff_t)((r >> 4) % 40000), (r >> 12) % 20000)
			     : vfs_mkdir(&x->lr, a, 0755);
		break;
	case 1:
		err = na % 3 ? vfs_unlink(&x->lr, a) : vfs_rmdir(&x->lr, a);
		break;
	case 2:
		err = vfs_rename(&x->lr, a, &x->lr, b, 0);
		break;
	case 3:
		err = kx_truncate(x, a, (loff_t)((r >> 5) % 30000));
		break;
	case 4:
		err = vfs_link(&x->lr, a, 0, &x->lr, b);
		break;
	case 5: {
		char sub[40];

		snprintf(sub, sizeof(sub), "%s/x%u", a, nb);
		err = kx_write(x, sub, r, 0, 3000);
		break;
	}
	default: {
		struct kstat st;

		err = kx_stat(x, a, &st);
		break;
	}
	}
	if (err == -ENOENT || err == -EEXIST || err == -ENOTEMPTY || err == -EISDIR ||
	    err == -ENOTDIR || err == -EPERM || err == -EINVAL)
		return 1;
	return err;
}

static int kx_smp_worker(void *p)
{
	struct kx_smp *s = p;
	u32 r = s->seed;

	for (int n = 0; n < KX_SMP_ROUNDS && !s->bad; n++) {
		int e;

		r = r * 1664525u + 1013904223u;
		e = kx_smp_op(s->x, r);
		if (e == 0)
			s->ok++;
		else if (e < 0)
			s->bad = e;
	}
	return 0;
}

/*
 * ext2_smp: four threads create, write, truncate, rename, link, unlink,
 * mkdir and rmdir ten names in one directory (and files inside the
 * subdirectories) at once; then everything is removed and the free
 * counts must be back where they started. e2fsck checks the rest.
 */
KTEST(ext2_smp)
{
	struct kx_smp args[KX_SMP_THREADS];
	struct task *tasks[KX_SMP_THREADS];
	struct statfs s0, s1;
	const char *why = NULL;
	struct kx x;
	int err;

	if (!kx_present())
		return NULL;
	err = kx_mount(&x, "vda", 0);
	if (err)
		return ktest_fail("mount: %d", err);
	kx_statfs(&x, &s0);
	err = vfs_mkdir(&x.lr, "/smp", 0755);
	for (int i = 0; i < KX_SMP_THREADS && !err; i++) {
		args[i] = (struct kx_smp){ .x = &x, .seed = 0x9e3779b9u * (u32)(i + 1) };
		tasks[i] = kthread_run(kx_smp_worker, &args[i], "ktest-ext2");
		if (IS_ERR(tasks[i])) {
			while (i--)
				kthread_join(tasks[i]);
			err = -ENOMEM;
		}
	}
	if (err) {
		kx_umount(&x);
		return ktest_fail("setup: %d", err);
	}
	for (int i = 0; i < KX_SMP_THREADS; i++)
		kthread_join(tasks[i]);
	err = 0;
	for (int i = 0; i < KX_SMP_THREADS && !why; i++) {
		if (args[i].bad)
			why = ktest_fail("thread %d: error %d", i, args[i].bad);
		err += args[i].ok;
	}
	printk("ktest ext2_smp: %d of %d operations succeeded\n", err,
	       KX_SMP_THREADS * KX_SMP_ROUNDS);
	if (!why && err < KX_SMP_THREADS * KX_SMP_ROUNDS / 4)
		why = ktest_fail("only %d operations succeeded", err);
	for (u32 n = 0; n < KX_SMP_NAMES && !why; n++) {
		char a[24], sub[40];

		kx_smp_name(a, sizeof(a), n);
		for (u32 m = 0; m < KX_SMP_NAMES; m++) {
			snprintf(sub, sizeof(sub), "%s/x%u", a, m);
			vfs_unlink(&x.lr, sub);
		}
		if (vfs_unlink(&x.lr, a) == -EISDIR || n % 3 == 0)
			vfs_rmdir(&x.lr, a);
		vfs_unlink(&x.lr, a);
	}
	if (!why && (err = vfs_rmdir(&x.lr, "/smp")))
		why = ktest_fail("rmdir /smp: %d", err);
	if (!why && (kx_statfs(&x, &s1) || s1.f_bfree != s0.f_bfree || s1.f_ffree != s0.f_ffree))
		why = ktest_fail("free blocks %ld -> %ld, inodes %ld -> %ld", s0.f_bfree, s1.f_bfree,
				 s0.f_ffree, s1.f_ffree);
	kx_umount(&x);
	return why;
}

/* ---------------------------------------------------------------- ext2_journal_crash */

/* fsync path (a file or a directory) through its ->fsync: 0 or -errno. */
static int kx_fsync(struct kx *x, const char *path)
{
	struct file *f = vfs_open(&x->lr, path, O_RDONLY, 0);
	int err;

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	err = f->f_op->fsync ? f->f_op->fsync(f, 0, MAX_LFS_FILESIZE, 0) : -EINVAL;
	fput(f);
	return err;
}

/* Work that becomes durable (fsync), then more that does not, then the crash. */
static const char *kx_crash_build(struct kx *x)
{
	int err;

	if ((err = vfs_mkdir(&x->lr, "/jc", 0755)) || (err = kx_write(x, "/jc/a", 11, 0, 30000)) ||
	    (err = kx_write(x, "/jc/b", 12, 0, 6000)) || (err = kx_write(x, "/jc/c", 13, 0, 70000)))
		return ktest_fail("build: %d", err);
	if ((err = kx_fsync(x, "/jc/a")) || (err = kx_fsync(x, "/jc/b")) ||
	    (err = kx_fsync(x, "/jc/c")) || (err = kx_fsync(x, "/jc")))
		return ktest_fail("fsync: %d", err);
	/* Frees data blocks and c's indirect block (a revoke). */
	if ((err = vfs_unlink(&x->lr, "/jc/b")) || (err = kx_truncate(x, "/jc/c", 5000)) ||
	    (err = kx_fsync(x, "/jc/c")) || (err = kx_fsync(x, "/jc")))
		return ktest_fail("unlink/truncate: %d", err);
	if ((err = kx_write(x, "/jc/d", 14, 0, 8000)))   /* not synced: may or may not survive */
		return ktest_fail("write d: %d", err);
	return NULL;
}

/* After the replay: what was durable is there; then remove it all. */
static const char *kx_crash_check(struct kx *x)
{
	struct kstat st;
	int err;

	if (kx_check(x, "/jc/a", 11, 0, 30000, false) || kx_check(x, "/jc/c", 13, 0, 5000, false))
		return ktest_fail("durable contents lost");
	if (kx_stat(x, "/jc/c", &st) || st.size != 5000 || kx_stat(x, "/jc/b", &st) != -ENOENT)
		return ktest_fail("c size %lld or b still there", (long long)st.size);
	err = vfs_unlink(&x->lr, "/jc/d");
	if ((err && err != -ENOENT) || (err = vfs_unlink(&x->lr, "/jc/a")) ||
	    (err = vfs_unlink(&x->lr, "/jc/c")) || (err = vfs_rmdir(&x->lr, "/jc")))
		return ktest_fail("cleanup: %d", err);
	return NULL;
}

/*
 * A journaled vda: durable work, a simulated crash (the journal abandoned
 * with every commit still only in the log: no checkpoint), a remount that
 * must replay it; afterwards every block and inode is free again.
 */
KTEST(ext2_journal_crash)
{
	struct ext2_sb_info *sbi;
	struct statfs s0, s1;
	struct jbd2_stats js;
	const char *why;
	struct kx x;
	int err;

	if (!kx_present())
		return NULL;
	if ((why = kx_mount_journaled(&x, &s0)))
		return why;
	sbi = EXT2_SB(x.mnt->mnt_root->d_sb);
	jbd2_journal_set_no_checkpoint(sbi->journal, true);
	why = kx_crash_build(&x);
	ext2_journal_crash(x.mnt->mnt_root->d_sb);
	kx_umount(&x);
	if (why)
		return why;
	if ((err = kx_mount(&x, "vda", 0)))
		return ktest_fail("mount after the crash: %d", err);
	sbi = EXT2_SB(x.mnt->mnt_root->d_sb);
	js.replayed = 0;
	if (sbi->journal)
		jbd2_journal_get_stats(sbi->journal, &js);
	why = js.replayed ? kx_crash_check(&x) : ktest_fail("nothing replayed");
	if (!why && (kx_statfs(&x, &s1) || s1.f_bfree != s0.f_bfree || s1.f_ffree != s0.f_ffree))
		why = ktest_fail("free blocks %ld -> %ld, inodes %ld -> %ld", s0.f_bfree, s1.f_bfree,
				 s0.f_ffree, s1.f_ffree);
	kx_umount(&x);
	return why;
}
