/*
 * Self-tests of the file layer (ktest=boot), through the kernel API, each
 * in a private ramfs so the real root is untouched, each ending with a
 * leak check (ramfs inodes and data pages, struct files):
 *
 *   fs_ramfs_file_data     1 MiB written and read back by pattern, sparse
 *                          files, truncate/extend, O_APPEND/O_EXCL/O_TRUNC,
 *                          data of an unlinked open file; read throughput
 *   fs_lookup_paths        ".", "..", symlinks (relative, absolute, chains,
 *                          loops: ELOOP), ENOENT/ENOTDIR/ENAMETOOLONG,
 *                          rmdir/unlink/rename rules, the path of a directory
 *   fs_initramfs_unpack    an archive built here: files, dirs, symlinks,
 *                          hard links, modes/owners/mtimes; corrupt and
 *                          truncated archives rejected cleanly; the time to
 *                          unpack ~2 MiB
 *   fs_fd_table            growth to RLIMIT_NOFILE then -EMFILE, dup2 over
 *                          an open fd, close-on-exec, files_dup, files_put
 *   fs_initramfs_boot      what fs_init() unpacked from -initrd (tests/run.py
 *                          boots with a generated archive), or nothing
 * The system calls themselves are tested from a user task in
 * ktest_fs_sys.c.
 */
#include <fs/cpio.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/machine.h>
#include <lib/cmdline.h>
#include <kernel/printk.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#include "internal.h"
#include "ktest_fs.h"

/* ---------------------------------------------------------------- helpers */

u8 ktest_fs_pattern(u32 seed, u64 i)
{
	return (u8)(i * 131 + seed * 7 + (i >> 9));
}

int ktest_fs_begin(struct ktest_fs *t)
{
	t->inodes = ramfs_inode_count();
	t->pages = ramfs_data_pages();
	t->files = nr_open_files();
	t->mnt = vfs_kern_mount(get_fs_type("ramfs"), 0, "ktest", NULL);
	if (IS_ERR(t->mnt))
		return (int)PTR_ERR(t->mnt);
	t->sb = t->mnt->mnt_sb;
	t->lr.root.mnt = t->lr.start.mnt = t->mnt;
	t->lr.root.dentry = t->lr.start.dentry = t->mnt->mnt_root;
	return 0;
}

struct collect_ctx {
	struct dir_context ctx;
	char (*names)[NAME_MAX + 1];
	int n, max;
};

static bool collect_emit(struct dir_context *ctx, const char *name, size_t len, u64 ino,
			 unsigned int d_type)
{
	struct collect_ctx *c = container_of(ctx, struct collect_ctx, ctx);

	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return true;
	if (c->n == c->max)
		return false;
	memcpy(c->names[c->n], name, len);
	c->names[c->n++][len] = 0;
	return true;
}

/* Remove everything under the directory path (not the directory itself). */
int ktest_fs_rm_rf(const struct lookup_root *lr, const char *path)
{
	struct collect_ctx c = { .ctx.emit = collect_emit, .max = 128 };
	char *child = kmalloc(PATH_MAX, 0);
	struct file *dir;
	int err = 0;

	c.names = kmalloc(sizeof(*c.names) * (size_t)c.max, 0);
	if (!child || !c.names) {
		err = -ENOMEM;
		goto out;
	}
	do {
		dir = vfs_open(lr, path, O_RDONLY | O_DIRECTORY, 0);
		if (IS_ERR(dir)) {
			err = (int)PTR_ERR(dir);
			goto out;
		}
		c.n = 0;
		c.ctx.pos = 0;
		dir->f_op->iterate(dir, &c.ctx);
		fput(dir);
		for (int i = 0; i < c.n && !err; i++) {
			struct inode *inode;

			snprintf(child, PATH_MAX, "%s/%s", path, c.names[i]);
			err = vfs_lookup(lr, child, 0, &inode);
			if (err)
				break;
			if (S_ISDIR(inode->i_mode)) {
				err = ktest_fs_rm_rf(lr, child);
				if (!err)
					err = vfs_rmdir(lr, child);
			} else {
				err = vfs_unlink(lr, child);
			}
			iput(inode);
		}
	} while (!err && c.n == c.max);
out:
	kfree(c.names);
	kfree(child);
	return err;
}

const char *ktest_fs_end(struct ktest_fs *t, const char *why)
{
	int err = ktest_fs_rm_rf(&t->lr, "/");

	if (err)   /* a directory with entries must not be evicted: leak the test's ramfs */
		return why ? why : ktest_fail("cleanup failed: %d", err);
	mntput(t->mnt);   /* the last mount: the ramfs is shut down and freed */
	if (why)
		return why;
	if (ramfs_inode_count() != t->inodes || ramfs_data_pages() != t->pages ||
	    nr_open_files() != t->files)
		return ktest_fail("leak: ramfs inodes %lu -> %lu, pages %lu -> %lu, files %ld -> %ld",
				  t->inodes, ramfs_inode_count(), t->pages, ramfs_data_pages(),
				  t->files, nr_open_files());
	return NULL;
}

/* Write n pattern bytes at pos in chunks of chunk; 0 or -errno. */
static int write_pattern(struct file *f, u32 seed, loff_t pos, size_t n, size_t chunk, u8 *buf)
{
	for (size_t done = 0; done < n;) {
		size_t k = MIN(chunk, n - done);
		loff_t p = pos + (loff_t)done;

		for (size_t i = 0; i < k; i++)
			buf[i] = ktest_fs_pattern(seed, (u64)p + i);
		if (kernel_write(f, buf, k, &p) != (ssize_t)k)
			return -EIO;
		done += k;
	}
	return 0;
}

/* Read n bytes at pos and compare with the pattern; the first bad offset, or -1. */
static long check_pattern(struct file *f, u32 seed, loff_t pos, size_t n, u8 *buf, size_t bufsz)
{
	for (size_t done = 0; done < n;) {
		size_t k = MIN(bufsz, n - done);
		loff_t p = pos + (loff_t)done;

		if (kernel_read(f, buf, k, &p) != (ssize_t)k)
			return (long)done;
		for (size_t i = 0; i < k; i++)
			if (buf[i] != ktest_fs_pattern(seed, (u64)(pos + (loff_t)(done + i))))
				return (long)(done + i);
		done += k;
	}
	return -1;
}

static loff_t file_size(struct file *f)
{
	struct kstat st;

	vfs_getattr(f, &st);
	return st.size;
}

/* ---------------------------------------------------------------- file data */

#define BIG (1024 * 1024 + 1000)

static const char *file_data_checks(struct ktest_fs *t, u8 *buf)
{
	struct file *f = vfs_open(&t->lr, "big", O_CREAT | O_EXCL | O_RDWR, 0644);
	loff_t pos;
	long bad;
	u64 t0, ns;

	if (IS_ERR(f))
		return ktest_fail("create: %ld", PTR_ERR(f));
	if (write_pattern(f, 1, 0, BIG, 3000, buf))
		return fput(f), "writing 1 MiB failed";
	if (file_size(f) != BIG)
		return fput(f), ktest_fail("size %lld, want %d", (long long)file_size(f), BIG);
	bad = check_pattern(f, 1, 0, BIG, buf, 65536);
	if (bad >= 0)
		return fput(f), ktest_fail("byte %ld reads back wrong", bad);
	pos = BIG;
	if (kernel_read(f, buf, 10, &pos) != 0)
		return fput(f), "read at end of file is not 0";
	/* read throughput: the first 1 MiB, 16 times */
	t0 = ktime_get_ns();
	for (int r = 0; r < 16; r++) {
		pos = 0;
		for (int i = 0; i < 16; i++)
			kernel_read(f, buf, 65536, &pos);
	}
	ns = ktime_get_ns() - t0;
	pr_info("fs: kernel_read of a 1 MiB ramfs file: %llu MiB/s (16 passes, 64 KiB reads)\n",
		(unsigned long long)(ns ? 16ULL * NSEC_PER_SEC / ns : 0));
	fput(f);
	return NULL;
}

static const char *sparse_and_truncate(struct ktest_fs *t, u8 *buf)
{
	struct file *f = vfs_open(&t->lr, "sparse", O_CREAT | O_RDWR, 0600);
	loff_t pos = 10 << 20;
	struct kstat st;

	if (IS_ERR(f))
		return ktest_fail("create sparse: %ld", PTR_ERR(f));
	buf[0] = 'z';
	if (kernel_write(f, buf, 1, &pos) != 1 || file_size(f) != (10 << 20) + 1)
		return fput(f), "write at 10 MiB";
	vfs_getattr(f, &st);
	if (st.blocks != 8)
		return fput(f), ktest_fail("sparse file holds %llu blocks, want 8",
					   (unsigned long long)st.blocks);
	pos = 5 << 20;
	memset(buf, 0xaa, 100);
	if (kernel_read(f, buf, 100, &pos) != 100 || buf[0] != 0 || buf[99] != 0)
		return fput(f), "a hole does not read as zeros";
	write_pattern(f, 2, 0, 9000, 9000, buf);
	if (vfs_truncate(file_inode(f), 5000) || file_size(f) != 5000)
		return fput(f), "truncate to 5000";
	if (vfs_truncate(file_inode(f), 10000) || file_size(f) != 10000)
		return fput(f), "extend to 10000";
	pos = 4990;
	if (kernel_read(f, buf, 100, &pos) != 100 || buf[9] != ktest_fs_pattern(2, 4999) ||
	    buf[10] != 0 || buf[99] != 0)
		return fput(f), "after truncate and extend, the old tail is not zero";
	fput(f);
	return NULL;
}

static const char *open_flags(struct ktest_fs *t, u8 *buf)
{
	struct file *f;
	loff_t pos = 0;

	f = vfs_open(&t->lr, "sparse", O_CREAT | O_EXCL | O_RDWR, 0600);
	if (PTR_ERR(f) != -EEXIST)
		return ktest_fail("O_EXCL on an existing file: %ld", PTR_ERR(f));
	f = vfs_open(&t->lr, "sparse", O_WRONLY | O_APPEND, 0);
	if (IS_ERR(f) || kernel_write(f, "xy", 2, &pos) != 2 || file_size(f) != 10002 ||
	    pos != 10002)
		return "O_APPEND did not write at the end";
	if (kernel_read(f, buf, 1, &pos) != -EBADF)
		return fput(f), "read on O_WRONLY";
	fput(f);
	f = vfs_open(&t->lr, "sparse", O_RDONLY | O_TRUNC, 0);
	if (IS_ERR(f) || file_size(f) != 0)
		return "O_TRUNC did not empty the file";
	if (kernel_write(f, "x", 1, &pos) != -EBADF)
		return fput(f), "write on O_RDONLY";
	fput(f);
	if (PTR_ERR(vfs_open(&t->lr, "sparse", O_RDONLY | O_DIRECTORY, 0)) != -ENOTDIR)
		return "O_DIRECTORY on a file";
	if (PTR_ERR(vfs_open(&t->lr, ".", O_RDWR, 0)) != -EISDIR)
		return "O_RDWR on a directory";
	f = vfs_open(&t->lr, ".", O_RDONLY, 0);
	pos = 0;
	if (IS_ERR(f) || kernel_read(f, buf, 1, &pos) != -EISDIR)
		return "read on a directory";
	fput(f);
	return NULL;
}

/* An unlinked file lives while it is open. */
static const char *unlinked_open(struct ktest_fs *t, u8 *buf)
{
	struct file *f = vfs_open(&t->lr, "big", O_RDONLY, 0);
	unsigned long inodes = ramfs_inode_count();

	if (IS_ERR(f))
		return "reopen big";
	if (vfs_unlink(&t->lr, "big"))
		return fput(f), "unlink big";
	if (check_pattern(f, 1, BIG - 5000, 5000, buf, 4096) >= 0)
		return fput(f), "data of an unlinked open file changed";
	if (PTR_ERR(vfs_open(&t->lr, "big", O_RDONLY, 0)) != -ENOENT)
		return fput(f), "unlinked name still opens";
	fput(f);
	if (ramfs_inode_count() != inodes - 1)
		return "the last close of an unlinked file did not free it";
	return NULL;
}

KTEST(fs_ramfs_file_data)
{
	struct ktest_fs t;
	u8 *buf = vmalloc(65536);
	const char *why;

	if (!buf || ktest_fs_begin(&t))
		return "out of memory";
	why = file_data_checks(&t, buf);
	if (!why)
		why = sparse_and_truncate(&t, buf);
	if (!why)
		why = open_flags(&t, buf);
	if (!why)
		why = unlinked_open(&t, buf);
	vfree(buf);
	return ktest_fs_end(&t, why);
}

/* ---------------------------------------------------------------- lookup */

/* Expect path to resolve (flags) to the inode at want_path (0) or fail with want_err. */
static const char *expect_lookup(struct ktest_fs *t, const char *path, unsigned int flags,
				 const char *want_path, int want_err)
{
	struct inode *got = NULL, *want = NULL;
	int err = vfs_lookup(&t->lr, path, flags, &got);
	const char *why = NULL;

	if (want_path && vfs_lookup(&t->lr, want_path, 0, &want))
		return ktest_fail("%s: the expected %s is missing", path, want_path);
	if (want_path ? (err || got != want) : err != want_err)
		why = ktest_fail("lookup %s: error %d (want %d), %s inode", path, err,
				 want_path ? 0 : want_err, got == want ? "right" : "wrong");
	if (got)
		iput(got);
	if (want)
		iput(want);
	return why;
}

static const char *lookup_setup(struct ktest_fs *t)
{
	static const char *const dirs[] = { "a", "a/b", "a/b/c" };
	struct file *f;
	char name[24];

	for (unsigned int i = 0; i < ARRAY_SIZE(dirs); i++)
		if (vfs_mkdir(&t->lr, dirs[i], 0755))
			return "mkdir";
	f = vfs_open(&t->lr, "a/b/f", O_CREAT | O_WRONLY, 0644);
	if (IS_ERR(f))
		return "create a/b/f";
	fput(f);
	if (vfs_symlink(&t->lr, "b/c", "a/lc") || vfs_symlink(&t->lr, "/a/b", "labs") ||
	    vfs_symlink(&t->lr, "loop2", "loop1") || vfs_symlink(&t->lr, "loop1", "loop2") ||
	    vfs_symlink(&t->lr, "nowhere", "dangling") || vfs_symlink(&t->lr, "a/b/f", "lf"))
		return "symlink";
	/* chain0 -> a/b/c, chainN -> chainN-1: 40 links resolve, 41 do not */
	if (vfs_symlink(&t->lr, "a/b/c", "chain0"))
		return "chain0";
	for (int i = 1; i <= 40; i++) {
		char target[24];

		snprintf(target, sizeof(target), "chain%d", i - 1);
		snprintf(name, sizeof(name), "chain%d", i);
		if (vfs_symlink(&t->lr, target, name))
			return "chain";
	}
	return NULL;
}

static const char *lookup_cases(struct ktest_fs *t)
{
	static char longname[NAME_MAX + 2];
	const struct {
		const char *path;
		unsigned int flags;
		const char *want;
		int err;
	} cases[] = {
		{ "a/b/c", 0, "a/b/c", 0 },
		{ "/a/./b/../b/c/", 0, "a/b/c", 0 },
		{ "a/b/c/../../..", 0, "/", 0 },
		{ "/..", 0, "/", 0 },
		{ "/../../a", 0, "a", 0 },
		{ "//a//b//", 0, "a/b", 0 },
		{ "a/b/f/", 0, NULL, -ENOTDIR },
		{ "a/b/f/x", 0, NULL, -ENOTDIR },
		{ "a/b/f", LOOKUP_DIRECTORY, NULL, -ENOTDIR },
		{ "a/nope", 0, NULL, -ENOENT },
		{ "a/nope/x", 0, NULL, -ENOENT },
		{ "", 0, NULL, -ENOENT },
		{ "a/lc", LOOKUP_FOLLOW, "a/b/c", 0 },
		{ "a/lc/", 0, "a/b/c", 0 },
		{ "a/lc/..", 0, "a/b", 0 },
		{ "labs/c", 0, "a/b/c", 0 },
		{ "labs", LOOKUP_FOLLOW, "a/b", 0 },
		{ "loop1", LOOKUP_FOLLOW, NULL, -ELOOP },
		{ "loop1/x", 0, NULL, -ELOOP },
		{ "dangling", LOOKUP_FOLLOW, NULL, -ENOENT },
		{ "lf", LOOKUP_FOLLOW | LOOKUP_DIRECTORY, NULL, -ENOTDIR },
		{ "chain39", LOOKUP_FOLLOW, "a/b/c", 0 },
		{ "chain40", LOOKUP_FOLLOW, NULL, -ELOOP },
	};
	const char *why;
	struct inode *link;

	for (unsigned int i = 0; i < ARRAY_SIZE(cases); i++) {
		why = expect_lookup(t, cases[i].path, cases[i].flags, cases[i].want, cases[i].err);
		if (why)
			return why;
	}
	if (vfs_lookup(&t->lr, "dangling", 0, &link) || !S_ISLNK(link->i_mode))
		return "a symlink itself without LOOKUP_FOLLOW";
	iput(link);
	memset(longname, 'x', NAME_MAX + 1);
	if ((why = expect_lookup(t, longname, 0, NULL, -ENAMETOOLONG)))
		return why;
	longname[NAME_MAX] = 0;
	return expect_lookup(t, longname, 0, NULL, -ENOENT);
}

static const char *namespace_rules(struct ktest_fs *t)
{
	struct inode *c;
	struct path p;
	char buf[64];
	int n;

	if (vfs_rmdir(&t->lr, "a/b") != -ENOTEMPTY || vfs_rmdir(&t->lr, "a/b/f") != -ENOTDIR ||
	    vfs_unlink(&t->lr, "a/b") != -EISDIR || vfs_mkdir(&t->lr, "a/b", 0755) != -EEXIST ||
	    vfs_rmdir(&t->lr, "a/b/c/.") != -EINVAL || vfs_mkdir(&t->lr, "nope/x", 0755) != -ENOENT ||
	    vfs_mkdir(&t->lr, "a/b/f/x", 0755) != -ENOTDIR || vfs_unlink(&t->lr, "a/b/f/") != -ENOTDIR)
		return "rmdir/unlink/mkdir error rules";
	if (vfs_rename(&t->lr, "a", &t->lr, "a/b/c/inside", 0) != -EINVAL)
		return "rename of a directory into itself";
	if (vfs_rename(&t->lr, "a/b/c", &t->lr, "a", 0) != -ENOTEMPTY)
		return "rename over a non-empty directory";
	if (vfs_rename(&t->lr, "a/b/f", &t->lr, "a/b/c", 0) != -EISDIR)
		return "rename of a file over a directory";
	if (vfs_rename(&t->lr, "a/b/f", &t->lr, "a/f2", 0) ||
	    expect_lookup(t, "a/f2", 0, "a/f2", 0) || expect_lookup(t, "a/b/f", 0, NULL, -ENOENT))
		return "rename a/b/f -> a/f2";
	if (vfs_rename(&t->lr, "a/b/c", &t->lr, "c2", 0) || expect_lookup(t, "c2/..", 0, "/", 0))
		return "rename of a directory to another parent: its .. did not follow";
	if (vfs_link(&t->lr, "a/f2", 0, &t->lr, "hard") || vfs_lookup(&t->lr, "hard", 0, &c))
		return "link";
	n = (int)c->i_nlink;
	iput(c);
	if (n != 2 || vfs_link(&t->lr, "a", 0, &t->lr, "hardir") != -EPERM)
		return "link counts, or a hard link to a directory";
	if (vfs_lookup(&t->lr, "c2", 0, &c))
		return "c2";
	vfs_mkdir(&t->lr, "c2/d", 0700);
	iput(c);
	if (vfs_path_lookup(&t->lr, "c2/d", 0, &p))
		return "c2/d";
	n = vfs_path_of(&t->lr.root, &p, buf, sizeof(buf));
	path_put(&p);
	if (n != 6 || strcmp(buf, "/c2/d") != 0)
		return ktest_fail("path of c2/d: %d '%s'", n, n > 0 ? buf : "");
	if (vfs_path_of(&t->lr.root, &t->lr.root, buf, sizeof(buf)) != 2 || strcmp(buf, "/"))
		return "path of the root";
	return NULL;
}

KTEST(fs_lookup_paths)
{
	struct ktest_fs t;
	const char *why;

	if (ktest_fs_begin(&t))
		return "out of memory";
	why = lookup_setup(&t);
	if (!why)
		why = lookup_cases(&t);
	if (!why)
		why = namespace_rules(&t);
	return ktest_fs_end(&t, why);
}

/* ---------------------------------------------------------------- initramfs */

/* Append one newc member to the archive at *a (size cap); false if it did not fit. */
bool ktest_cpio_add(struct ktest_cpio *a, const char *name, unsigned int mode, unsigned int ino,
		    unsigned int nlink, u64 mtime, const void *data, size_t size)
{
	size_t namesize = strlen(name) + 1, need = 110 + namesize + 3 + size + 3;
	char hdr[111];

	if (a->len + need > a->cap)
		return false;
	snprintf(hdr, sizeof(hdr),
		 "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X", ino, mode, 1000,
		 100 + (ino % 3), nlink, (unsigned int)mtime, (unsigned int)size, 0, 0,
		 S_ISCHR(mode) ? 5 : 0, S_ISCHR(mode) ? 1 : 0, (unsigned int)namesize, 0);
	memcpy(a->buf + a->len, hdr, 110);
	a->len += 110;
	memcpy(a->buf + a->len, name, namesize);
	a->len += namesize;
	while (a->len % 4)
		a->buf[a->len++] = 0;
	if (size)
		memcpy(a->buf + a->len, data, size);
	a->len += size;
	while (a->len % 4)
		a->buf[a->len++] = 0;
	return true;
}

/* The sample archive: returns false if the buffer was too small. */
static bool build_sample(struct ktest_cpio *a, u8 *data, size_t nfiles, size_t fsize)
{
	char name[32];
	bool ok = true;

	ok &= ktest_cpio_add(a, ".", S_IFDIR | 0755, 1, 2, 1000, NULL, 0);
	ok &= ktest_cpio_add(a, "./bin", S_IFDIR | 0711, 2, 2, 2000, NULL, 0);
	ok &= ktest_cpio_add(a, "etc", S_IFDIR | 0755, 3, 2, 3000, NULL, 0);
	ok &= ktest_cpio_add(a, "etc/motd", S_IFREG | 0644, 4, 1, 4000, "hello kestrel\n", 14);
	ok &= ktest_cpio_add(a, "bin/sh", S_IFLNK | 0777, 5, 1, 5000, "/bin/prog", 9);
	for (size_t i = 0; i < nfiles; i++) {
		for (size_t j = 0; j < fsize; j++)
			data[j] = ktest_fs_pattern((u32)i, j);
		snprintf(name, sizeof(name), i ? "etc/data%zu" : "bin/prog", i);
		ok &= ktest_cpio_add(a, name, S_IFREG | (i ? 0600 : 0755), 100 + (unsigned)i, 1, 6000,
				     data, fsize);
	}
	/* a hard-link pair: data with the last member, as newc does */
	ok &= ktest_cpio_add(a, "etc/l1", S_IFREG | 0640, 50, 2, 7000, NULL, 0);
	ok &= ktest_cpio_add(a, "etc/l2", S_IFREG | 0640, 50, 2, 7000, "linked", 6);
	ok &= ktest_cpio_add(a, "dev", S_IFDIR | 0755, 6, 2, 1000, NULL, 0);
	ok &= ktest_cpio_add(a, "dev/console", S_IFCHR | 0600, 7, 1, 1000, NULL, 0);
	ok &= ktest_cpio_add(a, "TRAILER!!!", 0, 0, 1, 0, NULL, 0);
	return ok;
}

static const char *check_sample(struct ktest_fs *t, size_t nfiles, size_t fsize, u8 *buf)
{
	struct inode *i1, *i2;
	struct kstat st;
	struct file *f;
	char name[32];
	loff_t pos = 0;

	f = vfs_open(&t->lr, "/etc/motd", O_RDONLY, 0);
	if (IS_ERR(f) || kernel_read(f, buf, 64, &pos) != 14 || memcmp(buf, "hello kestrel\n", 14))
		return IS_ERR(f) ? "etc/motd missing" : (fput(f), "etc/motd content");
	vfs_getattr(f, &st);
	fput(f);
	if (st.mode != (S_IFREG | 0644) || st.uid != 1000 || st.gid != 101 || st.mtime.tv_sec != 4000)
		return ktest_fail("etc/motd attributes: mode %o uid %u gid %u mtime %lld", st.mode,
				  st.uid, st.gid, (long long)st.mtime.tv_sec);
	for (size_t i = 0; i < nfiles; i++) {
		snprintf(name, sizeof(name), i ? "etc/data%zu" : "bin/sh", i);   /* via the symlink */
		f = vfs_open(&t->lr, name, O_RDONLY, 0);
		if (IS_ERR(f))
			return ktest_fail("%s: %ld", name, PTR_ERR(f));
		if (file_size(f) != (loff_t)fsize || check_pattern(f, (u32)i, 0, fsize, buf, 65536) >= 0)
			return fput(f), ktest_fail("%s: content", name);
		fput(f);
	}
	if (vfs_lookup(&t->lr, "bin", 0, &i1))
		return "bin missing";
	vfs_getattr_inode(i1, &st);
	iput(i1);
	if (st.mode != (S_IFDIR | 0711) || st.mtime.tv_sec != 2000)
		return ktest_fail("bin: mode %o mtime %lld (directory times are set last)", st.mode,
				  (long long)st.mtime.tv_sec);
	if (vfs_lookup(&t->lr, "etc/l1", 0, &i1))
		return "etc/l1 missing";
	if (vfs_lookup(&t->lr, "etc/l2", 0, &i2))
		return iput(i1), "etc/l2 missing";
	vfs_getattr_inode(i1, &st);
	iput(i1);
	iput(i2);
	if (i1 != i2 || st.nlink != 2 || st.size != 6)
		return "the hard links are not one inode with the data";
	if (vfs_lookup(&t->lr, "dev/console", 0, &i1))
		return "dev/console missing";
	vfs_getattr_inode(i1, &st);
	iput(i1);
	if (st.mode != (S_IFCHR | 0600) || st.rdev != MKDEV(5, 1))
		return "dev/console is not the console node";
	return NULL;
}

/* Corrupt archives: an error, no crash, and what came before stays. */
static const char *corrupt_archives(const struct ktest_cpio *good)
{
	static const struct {
		size_t off;
		const char *bytes;
	} damage[] = {
		{ 0, "07070X" },              /* bad magic at the start */
		{ 6 + 8 * 11, "FFFFFFFF" },   /* namesize of the first member huge */
		{ 6 + 8 * 6, "7FFFFFFF" },    /* filesize far past the end */
		{ 6 + 8 * 11, "00000001" },   /* an empty name */
	};
	struct initramfs_stats st;
	struct ktest_fs t;
	const char *why = NULL;

	for (unsigned int i = 0; i < ARRAY_SIZE(damage) + 2 && !why; i++) {
		u8 *copy = vmalloc(good->len);
		size_t len = good->len;
		int err;

		if (!copy)
			return "out of memory";
		memcpy(copy, good->buf, good->len);
		if (i < ARRAY_SIZE(damage))
			memcpy(copy + damage[i].off, damage[i].bytes, strlen(damage[i].bytes));
		else
			len = i == ARRAY_SIZE(damage) ? 1000 : 3;   /* truncated */
		if (ktest_fs_begin(&t)) {
			vfree(copy);
			return "out of memory";
		}
		err = initramfs_unpack(&t.lr, copy, len, &st);
		if (err != -EINVAL || !st.error)
			why = ktest_fail("damaged archive %u: error %d", i, err);
		vfree(copy);
		why = ktest_fs_end(&t, why);
	}
	return why;
}

#define SAMPLE_FILES 33
#define SAMPLE_FSIZE (60 * 1024 + 17)   /* ~2 MiB in all */

KTEST(fs_initramfs_unpack)
{
	struct ktest_cpio a = { .cap = 3 << 20 };
	struct initramfs_stats st;
	struct ktest_fs t;
	u8 *buf = vmalloc(65536 + SAMPLE_FSIZE);
	const char *why = NULL;
	u64 t0, ns;
	int err;

	a.buf = vmalloc(a.cap);
	if (!a.buf || !buf || !build_sample(&a, buf + 65536, SAMPLE_FILES, SAMPLE_FSIZE)) {
		vfree(a.buf);
		vfree(buf);
		return "out of memory building the archive";
	}
	if (ktest_fs_begin(&t))
		why = "out of memory";
	t0 = ktime_get_ns();
	err = why ? 0 : initramfs_unpack(&t.lr, a.buf, a.len, &st);
	ns = ktime_get_ns() - t0;
	if (!why && (err || st.skipped || st.files != SAMPLE_FILES + 2 || st.hardlinks != 1 ||
		     st.symlinks != 1 || st.nodes != 1 || st.dirs != 4))
		why = ktest_fail("unpack: %d, %lu files %lu links %lu symlinks %lu dirs %lu skipped",
				 err, st.files, st.hardlinks, st.symlinks, st.dirs, st.skipped);
	if (!why) {
		pr_info("fs: unpacking a %zu KiB initramfs (%lu files) took %llu us\n", a.len >> 10,
			st.files, (unsigned long long)(ns / 1000));
		why = check_sample(&t, SAMPLE_FILES, SAMPLE_FSIZE, buf);
	}
	if (!why)   /* unpacking the same archive again replaces, never duplicates */
		if (initramfs_unpack(&t.lr, a.buf, a.len, &st) || st.skipped)
			why = "unpacking over an existing tree";
	if (!why)
		why = check_sample(&t, SAMPLE_FILES, SAMPLE_FSIZE, buf);
	why = ktest_fs_end(&t, why);
	if (!why)
		why = corrupt_archives(&a);
	vfree(a.buf);
	vfree(buf);
	return why;
}

/*
 * What fs_init() unpacked at boot. tests/run.py's initrd job boots with
 * an archive it generates (tests/initrd.py): the same tree as
 * build_sample() with KTEST_BOOT_FILES files of KTEST_BOOT_FSIZE bytes.
 * Without -initrd, the root must be empty.
 */
KTEST(fs_initramfs_boot)
{
	struct ktest_fs t;
	u8 *buf;
	const char *why;
	struct inode *etc;

	fs_root_path(&t.lr.root);
	fs_root_path(&t.lr.start);
	lookup_root_put(&t.lr);   /* the root mount lives for ever: borrow it */
	if (machine_dt.initrd_end <= machine_dt.initrd_start) {
		why = vfs_lookup(&t.lr, "etc", 0, &etc) == -ENOENT ? NULL
			: "no initrd, yet the root has an etc";
		return why;
	}
	if (initramfs_boot_stats.error || initramfs_boot_stats.skipped)
		return ktest_fail("boot unpacking: %s, %lu skipped",
				  initramfs_boot_stats.error ? initramfs_boot_stats.error : "ok",
				  initramfs_boot_stats.skipped);
	if (initramfs_boot_freed == 0)
		return "the initrd's pages were not given back";
	buf = vmalloc(65536);
	if (!buf)
		return "out of memory";
	why = check_sample(&t, KTEST_BOOT_FILES, KTEST_BOOT_FSIZE, buf);
	vfree(buf);
	return why;
}

/* ---------------------------------------------------------------- descriptor tables */

static const char *fd_table_checks(struct file *f)
{
	struct files_struct *files = current->files, *copy;
	unsigned int limit = fd_limit();
	int fd, n = 0;

	for (;;) {   /* fill to the limit: 64 grow to 128, ..., 1024 */
		file_get(f);
		fd = fd_install(f, n % 2);
		if (fd < 0) {
			fput(f);
			break;
		}
		if (fd != n++)
			return ktest_fail("descriptor %d where %d was free", fd, n - 1);
	}
	if (fd != -EMFILE || (unsigned int)n != limit)
		return ktest_fail("%d descriptors then %d; the limit is %u", n, fd, limit);
	if (fd_close(100) || fd_close(100) != -EBADF || fd_install_from(f, 50, false) != 100)
		return "close 100, then the lowest free from 50 is not 100";
	file_get(f);   /* the reference fd_install_from took over */
	if (fd_install_from(f, limit, false) != -EINVAL)
		return "F_DUPFD at the limit is not -EINVAL";
	if (fd_replace(limit, f, false) != -EBADF || fd_replace(7, f, true) || !fd_get_cloexec(7))
		return "dup2 over the limit, or over an open descriptor";
	if (fd_get_cloexec(6) != 0 || fd_get_cloexec(5) != 1 || fd_set_cloexec(5, false) ||
	    fd_get_cloexec(5) != 0 || fd_get_cloexec(-1) != -EBADF)
		return "close-on-exec bits";
	copy = files_dup(files);
	if (IS_ERR(copy))
		return "files_dup";
	if (atomic_read(&f->f_count) != 2 * (int)limit + 1)
		return ktest_fail("after files_dup the file has %d references, want %u",
				  atomic_read(&f->f_count), 2 * limit + 1);
	files_close_on_exec(copy);   /* the odd descriptors but 5 */
	if (atomic_read(&f->f_count) != 2 * (int)limit + 1 - ((int)limit / 2 - 1))
		return ktest_fail("close-on-exec left %d references", atomic_read(&f->f_count));
	files_put(copy);
	if (atomic_read(&f->f_count) != (int)limit + 1)
		return "files_put of the copy did not close its descriptors";
	if (fd_close(0) || fget(0) != NULL || fget(1) != f)
		return "fget";
	fput(f);
	return NULL;
}

KTEST(fs_fd_table)
{
	struct files_struct *saved = current->files;
	struct ktest_fs t;
	struct file *f;
	const char *why;

	if (ktest_fs_begin(&t))
		return "out of memory";
	f = vfs_open(&t.lr, "x", O_CREAT | O_RDWR, 0600);
	current->files = files_create();
	if (IS_ERR(f) || !current->files) {
		current->files = saved;
		return ktest_fs_end(&t, "setup");
	}
	why = fd_table_checks(f);
	files_put(current->files);
	current->files = saved;
	if (!why && atomic_read(&f->f_count) != 1)
		why = ktest_fail("after files_put the file has %d references", atomic_read(&f->f_count));
	fput(f);
	return ktest_fs_end(&t, why);
}

/* ---------------------------------------------------------------- the console */

/*
 * Reading the console. Run alone (ktest.only=fs_console_read, the
 * harness's console-read job types "kestrel" and Enter), a read blocks
 * until input arrives and CR comes back as NL. In the full run nobody
 * types: a non-blocking read must say -EAGAIN.
 */
KTEST(fs_console_read)
{
	const char *only = cmdline_get(&kernel_cmdline, "ktest.only");
	struct file *f = console_file_open();
	char buf[64];
	size_t got = 0;
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return "console_file_open";
	if (!only || strcmp(only, "fs_console_read") != 0) {
		__atomic_or_fetch(&f->f_flags, O_NONBLOCK, __ATOMIC_RELAXED);
		n = kernel_read(f, buf, sizeof(buf), &pos);
		fput(f);
		return n == -EAGAIN ? NULL : ktest_fail("non-blocking read with no input: %ld", n);
	}
	pr_info("fs: console read: waiting for a line\n");
	while (got < sizeof(buf) - 1 && (got == 0 || buf[got - 1] != '\n')) {
		n = kernel_read(f, buf + got, sizeof(buf) - 1 - got, &pos);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	fput(f);
	buf[got] = 0;
	pr_info("fs: console read %zu bytes\n", got);
	return strcmp(buf, "kestrel\n") == 0 ? NULL : ktest_fail("read '%s'", buf);
}
