/*
 * usertests: mounts and path walking -- a tmpfs mounted on a scratch
 * directory (files in it, statfs f_type TMPFS_MAGIC, umount EBUSY with an
 * open file, umount2 MNT_DETACH), read-only mounts and MS_REMOUNT, bind
 * mounts, EXDEV for rename/link across mounts, the error rules of
 * mount/umount2 (EINVAL, ENODEV, EPERM), chroot + getcwd + ".." at the new
 * root, renameat2 RENAME_NOREPLACE/RENAME_EXCHANGE, ELOOP, ENAMETOOLONG.
 *
 * Each mount test runs its checks in a child; the parent then detaches
 * whatever is still mounted and removes the scratch directory, so a
 * failed check leaves nothing mounted (this matters on the host, where the
 * mounts are real ones).
 */
#include "usertests.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#define UT_TMPFS_MAGIC 0x01021994
#define UT_RENAME_NOREPLACE 1
#define UT_RENAME_EXCHANGE 2

static char scratch[PATH_MAX];

/* A fresh scratch directory under /tmp, named for the test; its path. */
static const char *scratch_dir(const char *what)
{
	snprintf(scratch, sizeof(scratch), "%s/ut-%s-%d", ut_path("/tmp"), what, getpid());
	CHECK_SYS(mkdir(scratch, 0755));
	return scratch;
}

static const char *in(const char *dir, const char *name)
{
	static char buf[4][PATH_MAX];
	static int n;
	char *b = buf[n++ % 4];
	size_t dl = strlen(dir), nl = strlen(name);

	if (dl + 1 + nl >= PATH_MAX)
		FAIL("path too long: %s/%s", dir, name);
	memcpy(b, dir, dl);
	b[dl] = '/';
	memcpy(b + dl + 1, name, nl + 1);
	return b;
}

static void put_file(const char *path, const char *text)
{
	int fd = CHECK_SYS(open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644));

	CHECK_EQ(write(fd, text, strlen(text)), (long)strlen(text));
	CHECK_SYS(close(fd));
}

/* Run fn(dir) in a child, then detach up to depth mounts on dir and remove it. */
static void run_mounted(void (*fn)(void *), const char *dir)
{
	int status = ut_run_child(fn, (void *)dir);

	for (int i = 0; i < 4 && umount2(dir, MNT_DETACH) == 0; i++)
		;
	if (status != 0) {   /* let ut_run_ok report the child's message */
		rmdir(dir);
		ut_run_ok(fn, (void *)dir);
	}
	CHECK_SYS(rmdir(dir));
}

/* mount(2) itself may be refused on a host without the privilege: skip there. */
static void mount_or_skip(const char *src, const char *dir, const char *type, unsigned long fl,
			  const char *data)
{
	if (mount(src, dir, type, fl, data) == 0)
		return;
	if (ut.host && errno == EPERM)
		ut_host_skip("mount(2) is not permitted here");
	FAIL("mount(%s, %s, %s): %s", src, dir, type ? type : "-", ulib_errname(errno));
}

static void tmpfs_basic(void *arg)
{
	const char *dir = arg;
	struct statfs sf;
	struct stat st, top;
	char buf[16];
	int fd;

	CHECK_SYS(stat(dir, &top));
	mount_or_skip("none", dir, "tmpfs", 0, "size=1m");
	CHECK_SYS(stat(dir, &st));
	CHECK(st.st_dev != top.st_dev);
	CHECK_SYS(statfs(dir, &sf));
	CHECK_EQ(sf.f_type, UT_TMPFS_MAGIC);
	put_file(in(dir, "f"), "hello");
	CHECK_SYS(mkdir(in(dir, "sub"), 0755));
	fd = CHECK_SYS(open(in(dir, "f"), O_RDONLY));
	CHECK_SYS(fstatfs(fd, &sf));
	CHECK_EQ(sf.f_type, UT_TMPFS_MAGIC);
	CHECK_ERR(umount2(dir, 0), EBUSY);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 5);
	CHECK_SYS(close(fd));
	CHECK_SYS(rmdir(in(dir, "sub")));
	CHECK_SYS(umount2(dir, 0));
	CHECK_ERR(stat(in(dir, "f"), &st), ENOENT);   /* the directory under it is back */
	CHECK_SYS(stat(dir, &st));
	CHECK_EQ(st.st_dev, top.st_dev);
}


static void tmpfs_detach(void *arg)
{
	const char *dir = arg;
	struct stat st, top;
	char buf[16];
	int fd;

	CHECK_SYS(stat(dir, &top));
	mount_or_skip("none", dir, "tmpfs", 0, NULL);
	put_file(in(dir, "f"), "kept");
	fd = CHECK_SYS(open(in(dir, "f"), O_RDONLY));
	CHECK_SYS(umount2(dir, MNT_DETACH));
	CHECK_SYS(stat(dir, &st));
	CHECK_EQ(st.st_dev, top.st_dev);       /* gone from the tree at once */
	CHECK_ERR(stat(in(dir, "f"), &st), ENOENT);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 4);   /* but the open file still works */
	CHECK(memcmp(buf, "kept", 4) == 0);
	CHECK_SYS(close(fd));
}

UTEST(mount_detach, 0, NULL)
{
	run_mounted(tmpfs_detach, scratch_dir("detach"));
}

static void tmpfs_exdev(void *arg)
{
	const char *dir = arg;
	char outside[PATH_MAX];

	snprintf(outside, sizeof(outside), "%s-out", dir);
	put_file(outside, "x");
	mount_or_skip("none", dir, "tmpfs", 0, NULL);
	put_file(in(dir, "f"), "y");
	CHECK_ERR(rename(in(dir, "f"), in(dir, "../g")), EXDEV);
	CHECK_ERR(rename(outside, in(dir, "g")), EXDEV);
	CHECK_ERR(link(outside, in(dir, "h")), EXDEV);
	CHECK_ERR(link(in(dir, "f"), in(dir, "../h")), EXDEV);
	CHECK_ERR(rmdir(dir), EBUSY);
	CHECK_SYS(unlink(outside));
}

/* A tmpfs on a scratch directory; then EXDEV and EBUSY across a mount. */
UTEST(mount_tmpfs, 0, NULL)
{
	run_mounted(tmpfs_basic, scratch_dir("mnt"));
	run_mounted(tmpfs_exdev, scratch_dir("exdev"));
}

static void tmpfs_rdonly(void *arg)
{
	const char *dir = arg;
	struct statfs sf;

	mount_or_skip("none", dir, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, NULL);
	CHECK_SYS(statfs(dir, &sf));
	CHECK((sf.f_flags & ST_RDONLY) && (sf.f_flags & ST_NOSUID) && (sf.f_flags & ST_NODEV));
	CHECK_ERR(open(in(dir, "f"), O_CREAT | O_WRONLY, 0644), EROFS);
	CHECK_ERR(mkdir(in(dir, "d"), 0755), EROFS);
	CHECK_SYS(mount("none", dir, "tmpfs", MS_REMOUNT, NULL));
	put_file(in(dir, "t"), "0123456789");
	CHECK_SYS(mount("none", dir, "tmpfs", MS_REMOUNT | MS_RDONLY, NULL));
	CHECK_ERR(truncate(in(dir, "t"), 2), EROFS);
	CHECK_ERR(open(in(dir, "t"), O_WRONLY), EROFS);
	CHECK_ERR(unlink(in(dir, "t")), EROFS);
	CHECK_SYS(mount("none", dir, "tmpfs", MS_REMOUNT, NULL));
	CHECK_SYS(unlink(in(dir, "t")));
	CHECK_SYS(statfs(dir, &sf));
	CHECK(!(sf.f_flags & ST_RDONLY));
	put_file(in(dir, "f"), "now writable");
	CHECK_SYS(unlink(in(dir, "f")));
}


static void bind_dir(void *arg)
{
	const char *dir = arg;
	char src[PATH_MAX];
	struct stat a, b;

	snprintf(src, sizeof(src), "%s-src", dir);
	CHECK_SYS(mkdir(src, 0755));
	put_file(in(src, "file"), "bound");
	mount_or_skip(src, dir, NULL, MS_BIND, NULL);
	CHECK_SYS(stat(in(src, "file"), &a));
	CHECK_SYS(stat(in(dir, "file"), &b));
	CHECK(a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	CHECK_ERR(rename(in(dir, "file"), in(src, "moved")), EXDEV);   /* different mounts */
	CHECK_SYS(umount2(dir, 0));
	CHECK_ERR(stat(in(dir, "file"), &b), ENOENT);
	CHECK_SYS(unlink(in(src, "file")));
	CHECK_SYS(rmdir(src));
}

/* MS_RDONLY|MS_NOSUID|MS_NODEV, MS_REMOUNT back to read-write; MS_BIND of a directory. */
UTEST(mount_flags_bind, 0, NULL)
{
	run_mounted(tmpfs_rdonly, scratch_dir("ro"));
	run_mounted(bind_dir, scratch_dir("bind"));
}

static void mount_errors_child(void *arg)
{
	const char *dir = arg;

	CHECK_ERR(umount2(dir, 0), EINVAL);          /* not a mountpoint */
	CHECK_ERR(umount2(dir, 0x100), EINVAL);      /* unknown flag */
	CHECK_ERR(mount("none", dir, "no-such-fs", 0, NULL), ENODEV);
	CHECK_ERR(mount("none", in(dir, "missing"), "tmpfs", 0, NULL), ENOENT);
	CHECK_SYS(setuid(1000));
	CHECK_ERR(mount("none", dir, "tmpfs", 0, NULL), EPERM);
	CHECK_ERR(umount2(dir, 0), EPERM);
	CHECK_ERR(chroot(dir), EPERM);
}

UTEST(mount_errors, 0, NULL)
{
	run_mounted(mount_errors_child, scratch_dir("err"));
}

static void chroot_child(void *arg)
{
	const char *dir = arg;
	char cwd[PATH_MAX];
	struct stat root, dotdot;

	CHECK_SYS(mkdir(in(dir, "sub"), 0755));
	CHECK_SYS(chroot(dir));
	CHECK_SYS(chdir("/"));
	CHECK(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/") == 0);
	CHECK_SYS(chdir("/.."));
	CHECK(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/") == 0);
	CHECK_SYS(stat("/", &root));
	CHECK_SYS(stat("/../..", &dotdot));
	CHECK(root.st_ino == dotdot.st_ino && root.st_dev == dotdot.st_dev);
	CHECK_SYS(chdir("sub"));
	CHECK(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/sub") == 0);
	CHECK_SYS(chdir("../../.."));
	CHECK(getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/") == 0);
	CHECK_SYS(rmdir("/sub"));
}


static long renameat2_(const char *a, const char *b, unsigned int flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, flags);
}

static void path_renameat2(void)
{
	const char *dir = scratch_dir("ren");
	char *text;

	put_file(in(dir, "a"), "A");
	put_file(in(dir, "b"), "B");
	CHECK_ERR(renameat2_(in(dir, "a"), in(dir, "b"), UT_RENAME_NOREPLACE), EEXIST);
	CHECK_ERR(renameat2_(in(dir, "a"), in(dir, "c"), UT_RENAME_EXCHANGE), ENOENT);
	CHECK_ERR(renameat2_(in(dir, "a"), in(dir, "b"), UT_RENAME_EXCHANGE | UT_RENAME_NOREPLACE),
		  EINVAL);
	CHECK_SYS(renameat2_(in(dir, "a"), in(dir, "b"), UT_RENAME_EXCHANGE));
	text = ut_read_file(in(dir, "a"), NULL);
	CHECK(strcmp(text, "B") == 0);
	free(text);
	text = ut_read_file(in(dir, "b"), NULL);
	CHECK(strcmp(text, "A") == 0);
	free(text);
	CHECK_SYS(mkdir(in(dir, "d"), 0755));
	CHECK_SYS(renameat2_(in(dir, "a"), in(dir, "d"), UT_RENAME_EXCHANGE));   /* file <-> dir */
	CHECK_SYS(stat(in(dir, "a/."), &(struct stat){ 0 }));
	CHECK_SYS(renameat2_(in(dir, "b"), in(dir, "c"), UT_RENAME_NOREPLACE));
	CHECK_SYS(unlink(in(dir, "c")));
	CHECK_SYS(unlink(in(dir, "d")));
	CHECK_SYS(rmdir(in(dir, "a")));
	CHECK_SYS(rmdir(dir));
}

static void path_eloop_enametoolong(void)
{
	const char *dir = scratch_dir("loop");
	char name[300], *longpath;
	size_t len = 0;

	CHECK_SYS(symlink("l2", in(dir, "l1")));
	CHECK_SYS(symlink("l1", in(dir, "l2")));
	CHECK_ERR(open(in(dir, "l1"), O_RDONLY), ELOOP);
	CHECK_ERR(stat(in(dir, "l1/x"), &(struct stat){ 0 }), ELOOP);
	CHECK_ERR(open(in(dir, "l1"), O_RDONLY | O_NOFOLLOW), ELOOP);
	memset(name, 'n', 256);
	name[256] = 0;
	CHECK_ERR(open(in(dir, name), O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
	name[255] = 0;   /* NAME_MAX itself is fine */
	CHECK_SYS(close(CHECK_SYS(open(in(dir, name), O_CREAT | O_WRONLY, 0644))));
	CHECK_SYS(unlink(in(dir, name)));
	longpath = malloc(PATH_MAX + 16);
	CHECK(longpath != NULL);
	while (len < PATH_MAX + 8) {
		memcpy(longpath + len, "./", 2);
		len += 2;
	}
	longpath[len] = 0;
	CHECK_ERR(stat(longpath, &(struct stat){ 0 }), ENAMETOOLONG);
	free(longpath);
	CHECK_SYS(unlink(in(dir, "l1")));
	CHECK_SYS(unlink(in(dir, "l2")));
	CHECK_SYS(rmdir(dir));
}

/* chroot + getcwd + ".." at the new root; renameat2's flags; ELOOP and ENAMETOOLONG. */
UTEST(path_walk, 0, NULL)
{
	run_mounted(chroot_child, scratch_dir("chroot"));
	path_renameat2();
	path_eloop_enametoolong();
}
