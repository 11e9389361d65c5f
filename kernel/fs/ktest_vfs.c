/*
 * Self-tests of the dentry cache, the inode cache and mounts, each in a
 * private ramfs (ktest_fs_begin) with the leak checks of ktest_fs_end:
 *
 *   vfs_dcache_hits      lookups leave positive and negative dentries that
 *                        the next lookup finds; create, unlink, rename and
 *                        exchange keep them exact; dcache_validate after each
 *   vfs_dcache_shrink    dcache_shrink frees every unused dentry (the
 *                        parents after their children) and lookups still
 *                        give the same answers afterwards
 *   vfs_mount_walk       a tmpfs mounted on a directory: the walk crosses
 *                        in, ".." comes back out, d_path spans both,
 *                        EXDEV across, EBUSY for rmdir/rename of the
 *                        mountpoint and for umount while a path is held,
 *                        MNT_DETACH with a path held, statfs, bind mounts
 *   vfs_mounts_show      the /proc/mounts text, and its snprintf-like size
 *   vfs_inode_cache      iget_locked finds the one inode of (sb, ino),
 *                        I_NEW until unlock_new_inode, iget_failed unhashes,
 *                        dirty inodes written at sync and at the last iput
 *   vfs_lookup_bdev      the device number of a block node, -ENOTBLK else
 *   vfs_dcache_smp       four threads changing one directory's names at
 *                        once; the dcache then agrees with the fs
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <sched/sched.h>
#include <uapi/errno.h>
#include <uapi/mount.h>

#include "internal.h"
#include "ktest_fs.h"

/* The cached child name of the directory at dir (a path in t), with a reference, or NULL. */
static struct dentry *cached(struct ktest_fs *t, const char *dir, const char *name)
{
	struct path p;
	struct dentry *d;

	if (vfs_path_lookup(&t->lr, dir, 0, &p))
		return NULL;
	d = d_lookup(p.dentry, name, strlen(name));
	path_put(&p);
	return d;
}

/* Is name in dir cached positive (1), negative (0), or not at all (-1)? */
static int cache_state(struct ktest_fs *t, const char *dir, const char *name)
{
	struct dentry *d = cached(t, dir, name);
	int r;

	if (!d)
		return -1;
	r = d->d_inode != NULL;
	dput(d);
	return r;
}

static const char *make_file(struct ktest_fs *t, const char *path)
{
	struct file *f = vfs_open(&t->lr, path, O_CREAT | O_WRONLY, 0644);

	if (IS_ERR(f))
		return ktest_fail("create %s: %ld", path, PTR_ERR(f));
	fput(f);
	return NULL;
}

/* Does path resolve (not following) to inode want? */
static bool resolves_to(struct ktest_fs *t, const char *path, struct inode *want)
{
	struct inode *got;

	if (vfs_lookup(&t->lr, path, 0, &got))
		return false;
	iput(got);
	return got == want;
}

static const char *dcache_create_unlink(struct ktest_fs *t)
{
	struct dentry *neg, *again;
	struct inode *i;
	const char *why;

	if (vfs_mkdir(&t->lr, "a", 0755) || (why = make_file(t, "a/f")))
		return "setup";
	if (cache_state(t, "a", "f") != 1)
		return "a created file is not cached positive";
	if (vfs_lookup(&t->lr, "a/missing", 0, &i) != -ENOENT || cache_state(t, "a", "missing") != 0)
		return "a failed lookup left no negative dentry";
	neg = cached(t, "a", "missing");
	why = make_file(t, "a/missing");
	again = cached(t, "a", "missing");
	if (!why && (again != neg || !again->d_inode))
		why = "create did not turn the negative dentry positive";
	if (again)
		dput(again);
	dput(neg);
	if (why)
		return why;
	if (vfs_unlink(&t->lr, "a/missing") || cache_state(t, "a", "missing") == 1)
		return "unlink left a positive dentry";
	if (vfs_lookup(&t->lr, "a/missing", 0, &i) != -ENOENT)
		return "an unlinked name still resolves";
	return dcache_validate();
}

static const char *dcache_rename_exchange(struct ktest_fs *t)
{
	struct inode *i1, *i2;
	const char *why = NULL;

	if (vfs_rename(&t->lr, "a/f", &t->lr, "g", 0) || cache_state(t, "a", "f") == 1 ||
	    cache_state(t, "/", "g") != 1)
		return "rename: the dentry did not move";
	if (make_file(t, "a/h") || vfs_lookup(&t->lr, "g", 0, &i1))
		return "setup for exchange";
	if (vfs_lookup(&t->lr, "a/h", 0, &i2))
		return iput(i1), "setup for exchange";
	if (vfs_rename(&t->lr, "g", &t->lr, "a/h", RENAME_EXCHANGE | RENAME_NOREPLACE) != -EINVAL ||
	    vfs_rename(&t->lr, "g", &t->lr, "a/none", RENAME_EXCHANGE) != -ENOENT ||
	    vfs_rename(&t->lr, "g", &t->lr, "a/h", RENAME_NOREPLACE) != -EEXIST)
		why = "RENAME_EXCHANGE/NOREPLACE error rules";
	else if (vfs_rename(&t->lr, "g", &t->lr, "a/h", RENAME_EXCHANGE))
		why = "RENAME_EXCHANGE failed";
	else if (!resolves_to(t, "g", i2) || !resolves_to(t, "a/h", i1))
		why = "RENAME_EXCHANGE: the names did not swap";
	else if (vfs_mkdir(&t->lr, "d", 0755) || vfs_rename(&t->lr, "a", &t->lr, "d", RENAME_EXCHANGE))
		why = "RENAME_EXCHANGE of directories";
	else if (!resolves_to(t, "d/h", i1) || !resolves_to(t, "d/..", t->lr.root.dentry->d_inode))
		why = "RENAME_EXCHANGE of directories: the names did not swap";
	else if (vfs_rename(&t->lr, "d", &t->lr, "d/h", RENAME_EXCHANGE) != -EINVAL)
		why = "RENAME_EXCHANGE of a directory with something inside it";
	iput(i1);
	iput(i2);
	return why ? why : dcache_validate();
}

KTEST(vfs_dcache_hits)
{
	struct ktest_fs t;
	const char *why;

	if (ktest_fs_begin(&t))
		return "out of memory";
	why = dcache_create_unlink(&t);
	if (!why)
		why = dcache_rename_exchange(&t);
	return ktest_fs_end(&t, why);
}

/* ---------------------------------------------------------------- shrinking */

static const char *shrink_checks(struct ktest_fs *t)
{
	struct dcache_stats before, after;
	struct inode *i;
	char name[32];
	unsigned long freed;
	const char *why;

	for (int n = 0; n < 20; n++) {
		snprintf(name, sizeof(name), "d%d", n % 4);
		vfs_mkdir(&t->lr, name, 0755);
		snprintf(name, sizeof(name), "d%d/f%d", n % 4, n);
		if ((why = make_file(t, name)))
			return why;
		snprintf(name, sizeof(name), "d%d/none%d", n % 4, n);
		if (vfs_lookup(&t->lr, name, 0, &i) != -ENOENT)
			return "a missing name resolved";
	}
	dcache_stats(&before);
	if (before.nr_unused < 40 || before.nr_negative < 20)
		return ktest_fail("after 20 files and 20 misses: %lu unused, %lu negative",
				  before.nr_unused, before.nr_negative);
	freed = dcache_shrink(~0ul);
	dcache_stats(&after);
	if (freed < 44)   /* 20 files, 20 negatives, 4 directories (others may run too) */
		return ktest_fail("shrink freed %lu; %lu unused left", freed, after.nr_unused);
	if ((why = dcache_validate()))
		return why;
	if (cache_state(t, "/", "d1") != -1 || cache_state(t, "d1", "f1") != -1)
		return "a shrunk dentry is still found";
	for (int n = 0; n < 20; n++) {
		snprintf(name, sizeof(name), "d%d/f%d", n % 4, n);
		if (vfs_lookup(&t->lr, name, 0, &i))
			return ktest_fail("%s lost after shrinking", name);
		iput(i);
		snprintf(name, sizeof(name), "d%d/none%d", n % 4, n);
		if (vfs_lookup(&t->lr, name, 0, &i) != -ENOENT)
			return "a missing name resolved after shrinking";
	}
	return dcache_validate();
}

KTEST(vfs_dcache_shrink)
{
	struct ktest_fs t;

	if (ktest_fs_begin(&t))
		return "out of memory";
	return ktest_fs_end(&t, shrink_checks(&t));
}

/* ---------------------------------------------------------------- mounts */

/* Mount a tmpfs (options data) on dir of t. */
static int mount_tmpfs(struct ktest_fs *t, const char *dir, char *data)
{
	struct vfsmount *mnt = vfs_kern_mount(get_fs_type("tmpfs"), 0, "ktmp", data);
	struct path where;
	int err;

	if (IS_ERR(mnt))
		return (int)PTR_ERR(mnt);
	err = vfs_path_lookup(&t->lr, dir, LOOKUP_FOLLOW, &where);
	if (!err)
		err = do_add_mount(mnt, &where);
	if (err)
		mntput(mnt);
	if (!err)
		path_put(&where);
	return err;
}

static int umount_at(struct ktest_fs *t, const char *dir, unsigned int flags)
{
	struct path p;
	int err = vfs_path_lookup(&t->lr, dir, LOOKUP_FOLLOW, &p);

	if (err)
		return err;
	err = do_umount(&p, flags);
	path_put(&p);
	return err;
}

static const char *mount_walk_checks(struct ktest_fs *t)
{
	char buf[64];
	struct path p;
	struct statfs st;
	struct inode *i;
	int n;

	if (vfs_mkdir(&t->lr, "m", 0755) || vfs_mkdir(&t->lr, "m/under", 0755) ||
	    make_file(t, "top") || mount_tmpfs(t, "m", "size=64k,nr_inodes=8"))
		return "setup";
	if (vfs_lookup(&t->lr, "m/under", 0, &i) != -ENOENT)
		return "the mounted tmpfs does not hide the directory under it";
	if (make_file(t, "m/x") || vfs_mkdir(&t->lr, "m/sub", 0700))
		return "create in the tmpfs";
	if (vfs_path_lookup(&t->lr, "m/sub", 0, &p))
		return "m/sub";
	n = vfs_path_of(&t->lr.root, &p, buf, sizeof(buf));
	if (n != 7 || strcmp(buf, "/m/sub"))
		return path_put(&p), ktest_fail("d_path across the mount: %d '%s'", n, buf);
	if (vfs_statfs(&p, &st) || st.f_type != TMPFS_MAGIC || st.f_blocks != 16 || st.f_files != 8)
		return path_put(&p), "statfs of the tmpfs";
	if (umount_at(t, "m", 0) != -EBUSY)
		return path_put(&p), "umount with a path inside is not EBUSY";
	path_put(&p);
	if (vfs_lookup(&t->lr, "top", 0, &i))
		return "top";
	iput(i);
	if (!resolves_to(t, "m/sub/../../top", i))
		return "'..' does not leave the mount";
	if (vfs_lookup(&t->lr, "m/..", 0, &i) || i != t->lr.root.dentry->d_inode)
		return "m/.. is not the root";
	iput(i);
	if (vfs_rename(&t->lr, "m/x", &t->lr, "y", 0) != -EXDEV ||
	    vfs_link(&t->lr, "top", 0, &t->lr, "m/top") != -EXDEV)
		return "rename/link across mounts is not EXDEV";
	if (vfs_rmdir(&t->lr, "m") != -EBUSY || vfs_rename(&t->lr, "m", &t->lr, "m2", 0) != -EBUSY)
		return "rmdir/rename of a mountpoint is not EBUSY";
	if (umount_at(t, "top", 0) != -EINVAL)
		return "umount of a non-mountpoint is not EINVAL";
	if (umount_at(t, "m", 0))
		return "umount";
	if (vfs_lookup(&t->lr, "m/under", 0, &i))
		return "after umount the directory under it is not back";
	iput(i);
	return NULL;
}

static const char *mount_detach_checks(struct ktest_fs *t)
{
	unsigned long inodes;
	struct lookup_root lr;
	struct path p;
	struct inode *i;

	if (mount_tmpfs(t, "m", NULL) || vfs_mkdir(&t->lr, "m/d", 0755) || mount_tmpfs(t, "m/d", NULL))
		return "setup";
	if (make_file(t, "m/d/inner") || vfs_path_lookup(&t->lr, "m", 0, &p))
		return "setup 2";
	if (umount_at(t, "m", 0) != -EBUSY)
		return path_put(&p), "umount with a submount is not EBUSY";
	if (umount_at(t, "m", MNT_DETACH))
		return path_put(&p), "MNT_DETACH";
	inodes = ramfs_inode_count();
	if (vfs_lookup(&t->lr, "m/d", 0, &i) != -ENOENT)
		return path_put(&p), "a detached mount is still seen";
	lr.root = lr.start = p;   /* the held path still works (its submount is gone too) */
	if (vfs_lookup(&lr, "d", 0, &i))
		return path_put(&p), "the held path of a detached mount no longer walks";
	iput(i);
	if (ramfs_inode_count() != inodes)
		return path_put(&p), "a detached mount was freed while in use";
	path_put(&p);
	if (ramfs_inode_count() >= inodes)
		return "the last put of a detached mount did not free its tmpfs";
	return NULL;
}

static const char *bind_checks(struct ktest_fs *t)
{
	struct path old, where;
	struct inode *i;
	int err;

	if (vfs_mkdir(&t->lr, "src", 0755) || make_file(t, "src/file") || vfs_mkdir(&t->lr, "b", 0755))
		return "setup";
	if (vfs_path_lookup(&t->lr, "src", 0, &old))
		return "src";
	if (vfs_path_lookup(&t->lr, "b", 0, &where))
		return path_put(&old), "b";
	err = do_bind_mount(&old, &where, MNT_READONLY);
	path_put(&old);
	path_put(&where);
	if (err || vfs_lookup(&t->lr, "b/file", 0, &i))
		return "bind mount";
	iput(i);
	if (vfs_unlink(&t->lr, "b/file") != -EROFS || vfs_mkdir(&t->lr, "b/x", 0755) != -EROFS)
		return "a read-only bind mount accepted a change";
	if (umount_at(t, "b", 0) || vfs_lookup(&t->lr, "b/file", 0, &i) != -ENOENT)
		return "umount of the bind mount";
	return NULL;
}

KTEST(vfs_mount_walk)
{
	struct ktest_fs t;
	const char *why;

	if (ktest_fs_begin(&t))
		return "out of memory";
	why = mount_walk_checks(&t);
	if (!why)
		why = mount_detach_checks(&t);
	if (!why)
		why = bind_checks(&t);
	return ktest_fs_end(&t, why);
}

KTEST(vfs_mounts_show)
{
	char *buf = kmalloc(4096, 0);
	int n;
	const char *why = NULL;

	if (!buf)
		return "out of memory";
	n = mounts_show(buf, 4096);
	if (n <= 0 || !strstr(buf, "rootfs / ramfs rw 0 0\n"))
		why = ktest_fail("mounts_show: %d '%s'", n, n > 0 ? buf : "");
	else if (mounts_show(buf, 5) != n || strlen(buf) != 4)
		why = "mounts_show into a short buffer";
	kfree(buf);
	return why;
}

/* ---------------------------------------------------------------- the inode cache */

struct kt_inode {
	struct inode vfs;
};

static unsigned long kt_destroyed;

static struct inode *kt_alloc(struct super_block *sb)
{
	struct kt_inode *k = kzalloc(sizeof(*k), 0);

	(void)sb;
	return k ? &k->vfs : NULL;
}

static void kt_destroy(struct inode *inode)
{
	kt_destroyed++;
	kfree(container_of(inode, struct kt_inode, vfs));
}

static int kt_writes;

static int kt_write_inode(struct inode *inode, bool wait)
{
	(void)inode;
	(void)wait;
	kt_writes++;
	return 0;
}

static const struct super_operations kt_sops = {
	.destroy_inode = kt_destroy,
	.write_inode = kt_write_inode,
};

static const char *icache_checks(struct super_block *sb)
{
	struct inode *a, *b, *c;

	a = iget_locked(sb, 42, kt_alloc);
	if (IS_ERR(a) || !(a->i_state & I_NEW) || a->i_ino != 42)
		return "a new inode is not I_NEW";
	a->i_mode = S_IFREG | 0644;
	unlock_new_inode(a);
	b = iget_locked(sb, 42, kt_alloc);
	if (b != a || (b->i_state & I_NEW) || inode_cache_count(sb) != 1)
		return "the second iget_locked did not find the first inode";
	iput(b);
	mark_inode_dirty(a);
	if (sync_inodes_sb(sb, true) || kt_writes != 1)
		return "sync did not write the dirty inode";
	mark_inode_dirty(a);
	iput(a);   /* the last reference: written, evicted, unhashed */
	if (kt_writes != 2 || kt_destroyed != 1 || inode_cache_count(sb) != 0)
		return "the last iput of a dirty inode";
	c = iget_locked(sb, 7, kt_alloc);
	if (IS_ERR(c))
		return "iget_locked 7";
	iget_failed(c);
	if (kt_destroyed != 2 || inode_cache_count(sb) != 0)
		return "iget_failed left the inode";
	return NULL;
}

KTEST(vfs_inode_cache)
{
	static struct file_system_type kt_type = { .name = "ktest-icache" };
	struct super_block *sb = sget_anon(&kt_type);
	const char *why;

	if (!sb)
		return "out of memory";
	sb->s_op = &kt_sops;
	why = icache_checks(sb);
	generic_shutdown_super(sb);
	kfree(sb);
	return why;
}

/* lookup_bdev: the device number of a block node, -ENOTBLK for anything else. */
KTEST(vfs_lookup_bdev)
{
	struct lookup_root lr;
	const char *why = NULL;
	u32 dev = 0;

	lookup_root_current(&lr);
	if (vfs_mknod(&lr, "/ktest-blk", S_IFBLK | 0600, MKDEV(254, 3)) ||
	    vfs_mknod(&lr, "/ktest-chr", S_IFCHR | 0600, MKDEV(254, 4)))
		why = "mknod";
	else if (lookup_bdev("/ktest-blk", &dev) || dev != MKDEV(254, 3))
		why = "lookup_bdev of a block node";
	else if (lookup_bdev("/ktest-chr", &dev) != -ENOTBLK || lookup_bdev("/", &dev) != -ENOTBLK ||
		 lookup_bdev("/ktest-none", &dev) != -ENOENT)
		why = "lookup_bdev of a non-block file";
	vfs_unlink(&lr, "/ktest-blk");
	vfs_unlink(&lr, "/ktest-chr");
	lookup_root_put(&lr);
	return why;
}

/* ---------------------------------------------------------------- SMP */

#define SMP_THREADS 4
#define SMP_NAMES 8
#define SMP_ROUNDS 1000

struct smp_arg {
	struct ktest_fs *t;
	u32 seed;
	int bad;       /* an unexpected error */
};

static void smp_name(char *buf, size_t size, u32 r)
{
	snprintf(buf, size, "c/n%u", r % SMP_NAMES);
}

/* One random operation on the shared names; expected errors are fine. */
static int smp_op(struct ktest_fs *t, u32 r)
{
	char a[16], b[16];
	struct inode *i;
	struct file *f;
	int err = 0;

	smp_name(a, sizeof(a), r >> 8);
	smp_name(b, sizeof(b), r >> 16);
	switch (r % 6) {
	case 0:
		f = vfs_open(&t->lr, a, O_CREAT | O_WRONLY, 0644);
		err = IS_ERR(f) ? (int)PTR_ERR(f) : (fput(f), 0);
		break;
	case 1:
		err = vfs_unlink(&t->lr, a);
		break;
	case 2:
		err = vfs_rename(&t->lr, a, &t->lr, b, (r >> 24) & 1 ? RENAME_NOREPLACE : 0);
		break;
	case 3:
		err = vfs_rename(&t->lr, a, &t->lr, b, RENAME_EXCHANGE);
		break;
	case 4:
		err = vfs_lookup(&t->lr, a, 0, &i);
		if (!err)
			iput(i);
		break;
	default:
		if ((r >> 24) % 16 == 0)
			dcache_shrink(4);
		err = vfs_link(&t->lr, a, 0, &t->lr, b);
		break;
	}
	return err == -ENOENT || err == -EEXIST ? 0 : err;
}

static int smp_worker(void *p)
{
	struct smp_arg *a = p;
	u32 r = a->seed;

	for (int n = 0; n < SMP_ROUNDS && !a->bad; n++) {
		r = r * 1664525u + 1013904223u;
		a->bad = smp_op(a->t, r);
	}
	return 0;
}

/* After the storm: every name resolves through the cache as the fs says. */
static const char *smp_consistent(struct ktest_fs *t)
{
	struct inode *dir, *fs, *got;
	char name[16];
	const char *why = NULL;

	if (vfs_lookup(&t->lr, "c", 0, &dir))
		return "c";
	for (u32 n = 0; n < SMP_NAMES && !why; n++) {
		int err;

		smp_name(name, sizeof(name), n);
		err = vfs_lookup(&t->lr, name, 0, &got);
		down_read(&dir->i_rwsem);
		fs = dir->i_op->lookup(dir, name + 2, strlen(name + 2));
		up_read(&dir->i_rwsem);
		if (err ? !IS_ERR(fs) : (IS_ERR(fs) || fs != got))
			why = ktest_fail("%s: the dcache says %d, the fs %ld", name, err,
					 IS_ERR(fs) ? PTR_ERR(fs) : 0);
		if (!err)
			iput(got);
		if (!IS_ERR(fs))
			iput(fs);
	}
	iput(dir);
	return why ? why : dcache_validate();
}

static const char *smp_checks(struct ktest_fs *t)
{
	struct smp_arg args[SMP_THREADS];
	struct task *tasks[SMP_THREADS];

	if (vfs_mkdir(&t->lr, "c", 0755))
		return "mkdir c";
	for (int i = 0; i < SMP_THREADS; i++) {
		args[i] = (struct smp_arg){ .t = t, .seed = 0x9e3779b9u * (u32)(i + 1) };
		tasks[i] = kthread_run(smp_worker, &args[i], "ktest-dcache");
		if (IS_ERR(tasks[i])) {
			while (i--)
				kthread_join(tasks[i]);
			return "out of memory";
		}
	}
	for (int i = 0; i < SMP_THREADS; i++)
		kthread_join(tasks[i]);
	for (int i = 0; i < SMP_THREADS; i++) {
		if (args[i].bad)
			return ktest_fail("thread %d: unexpected error %d", i, args[i].bad);
	}
	return smp_consistent(t);
}

/*
 * vfs_dcache_smp: four threads create, unlink, rename (plain, NOREPLACE,
 * EXCHANGE), link and look up eight names in one directory at once (and
 * shrink the cache now and then); afterwards every name resolves through
 * the dcache exactly as the file system's own lookup says.
 */
KTEST(vfs_dcache_smp)
{
	struct ktest_fs t;

	if (ktest_fs_begin(&t))
		return "out of memory";
	return ktest_fs_end(&t, smp_checks(&t));
}
