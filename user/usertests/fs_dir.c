/*
 * usertests: names and directories in the scratch directory -- getdents64,
 * mkdirat, unlinkat, renameat2, linkat, symlinkat/readlinkat, mknodat,
 * chdir/fchdir/getcwd, chroot, and deep paths.
 */
#include "usertests.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#endif

static ino_t ino_of(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		FAIL("lstat(%s): %s", path, ulib_errname(errno));
	return st.st_ino;
}

static long rename2(const char *from, const char *to, unsigned int flags)
{
	return syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, flags);
}

#define NDENTS 2000

/* Count, per "fNNNN" name, how often getdents64 lists it; delete the odd
 * names once the first buffer has been read if del. */
static void list_counting(int *seen, int del)
{
	char buf[1024], name[16];
	int fd = (int)CHECK_SYS(open(".", O_RDONLY | O_DIRECTORY));
	long n;
	int first = 1;

	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			int i;

			CHECK(d->d_reclen > 0 && off + d->d_reclen <= n);
			if (sscanf(d->d_name, "f%d", &i) == 1 && i >= 0 && i < NDENTS) {
				CHECK_EQ(d->d_type, DT_REG);
				seen[i]++;
			}
			off += d->d_reclen;
		}
		if (first && del)
			for (int i = 1; i < NDENTS; i += 2) {
				snprintf(name, sizeof(name), "f%d", i);
				CHECK_SYS(unlink(name));
			}
		first = 0;
	}
	CHECK_EQ(n, 0);
	CHECK_SYS(close(fd));
}

UTEST(fs_getdents_many, 0, NULL)
{
	static int seen[NDENTS];
	char name[16], buf[64];
	int fd;

	ut_scratch_dir();
	for (int i = 0; i < NDENTS; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		CHECK_SYS(close((int)CHECK_SYS(open(name, O_WRONLY | O_CREAT | O_EXCL, 0644))));
	}
	list_counting(seen, 0);
	for (int i = 0; i < NDENTS; i++)
		if (seen[i] != 1)
			FAIL("f%d listed %d times", i, seen[i]);
	memset(seen, 0, sizeof(seen));
	list_counting(seen, 1); /* delete the odd ones while listing */
	for (int i = 0; i < NDENTS; i++)
		if (seen[i] > 1 || (i % 2 == 0 && seen[i] != 1))
			FAIL("f%d listed %d times while others were deleted", i, seen[i]);
	fd = (int)CHECK_SYS(open(".", O_RDONLY | O_DIRECTORY));
	CHECK_ERR(syscall(SYS_getdents64, fd, buf, 1), EINVAL);
	CHECK_ERR(syscall(SYS_getdents64, fd, ut_ptr(8), 4096), EFAULT);
	CHECK_SYS(close(fd));
	CHECK_ERR(syscall(SYS_getdents64, fd, buf, sizeof(buf)), EBADF);
}

UTEST(fs_mkdir_unlink, 0, NULL)
{
	struct stat st;

	ut_scratch_dir();
	umask(022);
	CHECK_SYS(mkdirat(AT_FDCWD, "d", 0777));
	CHECK_SYS(stat("d", &st));
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0755);
	CHECK_EQ(st.st_nlink, 2);
	CHECK_ERR(mkdir("d", 0755), EEXIST);
	ut_write_file("f", "x", 1, 0644);
	CHECK_ERR(mkdir("f", 0755), EEXIST);
	CHECK_ERR(mkdir("missing/d", 0755), ENOENT);
	CHECK_ERR(mkdir("f/d", 0755), ENOTDIR);
	CHECK_SYS(mkdir("d/sub", 0755));
	CHECK_SYS(stat("d", &st));
	CHECK_EQ(st.st_nlink, 3); /* sub's ".." */
	ut_write_file("d/sub/g", "y", 1, 0644);
	CHECK_ERR(unlinkat(AT_FDCWD, "d", AT_REMOVEDIR), ENOTEMPTY);
	CHECK_ERR(unlink("d"), EISDIR);
	CHECK_ERR(rmdir("f"), ENOTDIR);
	CHECK_ERR(rmdir("d/sub/."), EINVAL);
	CHECK_ERR(unlinkat(AT_FDCWD, "f", 0x1234), EINVAL);
	CHECK_ERR(unlink("missing"), ENOENT);
	CHECK_SYS(unlinkat(AT_FDCWD, "d/sub/g", 0));
	CHECK_SYS(unlinkat(AT_FDCWD, "d/sub", AT_REMOVEDIR));
	CHECK_SYS(stat("d", &st));
	CHECK_EQ(st.st_nlink, 2);
	CHECK_SYS(rmdir("d"));
	CHECK_ERR(stat("d", &st), ENOENT);
	CHECK_SYS(unlink("f"));
}

UTEST(fs_rename, 0, NULL)
{
	ino_t a;

	ut_scratch_dir();
	ut_write_file("a", "A", 1, 0644);
	ut_write_file("b", "BB", 2, 0644);
	a = ino_of("a");
	CHECK_SYS(rename("a", "b")); /* over a file */
	CHECK_EQ(ino_of("b"), a);
	CHECK_EQ(ut_file_size("b"), 1);
	CHECK_ERR(access("a", F_OK), ENOENT);
	CHECK_ERR(rename("a", "c"), ENOENT);
	/* a directory over an empty one; not over a non-empty one */
	CHECK_SYS(mkdir("d1", 0755));
	CHECK_SYS(mkdir("d2", 0755));
	a = ino_of("d1");
	CHECK_SYS(rename("d1", "d2"));
	CHECK_EQ(ino_of("d2"), a);
	CHECK_ERR(access("d1", F_OK), ENOENT);
	CHECK_SYS(mkdir("d3", 0755));
	ut_write_file("d2/inside", "i", 1, 0644);
	CHECK_ERR(rename("d3", "d2"), ENOTEMPTY);
	/* file over dir, dir over file */
	CHECK_ERR(rename("b", "d3"), EISDIR);
	CHECK_ERR(rename("d3", "b"), ENOTDIR);
	/* a directory into itself or below itself */
	CHECK_SYS(mkdir("d3/sub", 0755));
	CHECK_ERR(rename("d3", "d3/sub/x"), EINVAL);
	CHECK_ERR(rename("d3", "d3/x"), EINVAL);
	/* into another directory and back */
	CHECK_SYS(rename("b", "d3/sub/b"));
	CHECK_SYS(rename("d3/sub/b", "b"));
	/* the same file under two names: nothing happens */
	CHECK_SYS(link("b", "b2"));
	CHECK_SYS(rename("b", "b2"));
	CHECK_EQ(ino_of("b"), ino_of("b2"));
	CHECK_SYS(rename("b", "b")); /* the same name */
	CHECK_SYS(unlink("b2"));
	CHECK_ERR(rename("missing/x", "y"), ENOENT);
	CHECK_ERR(rename("b", "missing/y"), ENOENT);
}

UTEST(fs_renameat2, 0, NULL)
{
	ino_t a, d;
	char buf[4];

	ut_scratch_dir();
	ut_write_file("a", "A", 1, 0644);
	ut_write_file("b", "B", 1, 0644);
	CHECK_ERR(rename2("a", "b", RENAME_NOREPLACE), EEXIST);
	CHECK_SYS(rename2("a", "c", RENAME_NOREPLACE));
	CHECK_SYS(rename2("c", "a", RENAME_NOREPLACE));
	CHECK_ERR(rename2("a", "b", RENAME_NOREPLACE | RENAME_EXCHANGE), EINVAL);
	CHECK_ERR(rename2("a", "b", 0x80), EINVAL);
	CHECK_ERR(rename2("missing", "z", RENAME_NOREPLACE), ENOENT);
	CHECK_SYS(mkdir("d", 0755));
	CHECK_ERR(rename2("a", "d", RENAME_NOREPLACE), EEXIST);
	(void)a;
	(void)d;
	(void)buf;
}

UTEST(fs_rename_exchange, 0, NULL)
{
	ino_t a, d;
	char buf[4];

	ut_scratch_dir();
	ut_write_file("a", "A", 1, 0644);
	ut_write_file("b", "B", 1, 0644);
	/* exchange two files, then a file and a directory */
	a = ino_of("a");
	CHECK_SYS(rename2("a", "b", RENAME_EXCHANGE));
	CHECK_EQ(ino_of("b"), a);
	CHECK_SYS(close((int)CHECK_SYS(open("a", O_RDONLY))));
	int fd = (int)CHECK_SYS(open("a", O_RDONLY));
	CHECK_EQ(read(fd, buf, 4), 1);
	CHECK_EQ(buf[0], 'B');
	CHECK_SYS(close(fd));
	CHECK_SYS(mkdir("d", 0755));
	ut_write_file("d/x", "x", 1, 0644);
	d = ino_of("d");
	CHECK_SYS(rename2("a", "d", RENAME_EXCHANGE));
	CHECK_EQ(ino_of("a"), d);
	CHECK_SYS(access("a/x", F_OK));
	CHECK_ERR(rename2("a", "missing", RENAME_EXCHANGE), ENOENT);
}

UTEST(fs_link, 0, NULL)
{
	struct stat st;

	ut_scratch_dir();
	ut_write_file("f", "data", 4, 0644);
	CHECK_SYS(linkat(AT_FDCWD, "f", AT_FDCWD, "g", 0));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_nlink, 2);
	CHECK_EQ(ino_of("g"), st.st_ino);
	CHECK_ERR(link("f", "g"), EEXIST);
	CHECK_ERR(link("missing", "h"), ENOENT);
	CHECK_SYS(mkdir("d", 0755));
	CHECK_ERR(link("d", "d2"), EPERM);
	/* a symlink: linked itself by default, its target with AT_SYMLINK_FOLLOW */
	CHECK_SYS(symlink("f", "s"));
	CHECK_SYS(linkat(AT_FDCWD, "s", AT_FDCWD, "s_self", 0));
	CHECK_EQ(ino_of("s_self"), ino_of("s"));
	CHECK_SYS(linkat(AT_FDCWD, "s", AT_FDCWD, "s_target", AT_SYMLINK_FOLLOW));
	CHECK_EQ(ino_of("s_target"), st.st_ino);
	CHECK_ERR(linkat(AT_FDCWD, "f", AT_FDCWD, "z", 0x1), EINVAL);
	CHECK_SYS(unlink("g"));
	CHECK_SYS(unlink("s_target"));
	CHECK_SYS(stat("f", &st));
	CHECK_EQ(st.st_nlink, 1);
	/* unlinked but open: the data stays until the last close */
	int fd = (int)CHECK_SYS(open("f", O_RDONLY));
	char buf[8];
	CHECK_SYS(unlink("f"));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_nlink, 0);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 4);
	CHECK_SYS(close(fd));
}

UTEST(fs_symlink, 0, NULL)
{
	char buf[64];
	struct stat st;

	ut_scratch_dir();
	ut_write_file("f", "data", 4, 0644);
	CHECK_SYS(symlinkat("f", AT_FDCWD, "s"));
	CHECK_EQ(readlinkat(AT_FDCWD, "s", buf, sizeof(buf)), 1);
	CHECK_EQ(buf[0], 'f');
	CHECK_SYS(symlink("a-rather-long-target-name", "long"));
	memset(buf, '#', sizeof(buf));
	CHECK_EQ(readlink("long", buf, 6), 6); /* truncated, no NUL */
	CHECK(memcmp(buf, "a-rath#", 7) == 0);
	CHECK_SYS(lstat("long", &st));
	CHECK(S_ISLNK(st.st_mode));
	CHECK_EQ(st.st_size, 25);
	CHECK_ERR(readlink("f", buf, sizeof(buf)), EINVAL);
	CHECK_ERR(readlink("missing", buf, sizeof(buf)), ENOENT);
	CHECK_ERR(readlink("s", buf, 0), EINVAL);
	CHECK_ERR(symlink("x", "f"), EEXIST);
	CHECK_ERR(symlink("", "empty"), ENOENT);
	CHECK_ERR(stat("long", &st), ENOENT); /* dangling */
	/* through a directory symlink, and a loop */
	CHECK_SYS(mkdir("d", 0755));
	ut_write_file("d/in", "i", 1, 0644);
	CHECK_SYS(symlink("d", "dl"));
	CHECK_SYS(stat("dl/in", &st));
	CHECK_SYS(symlink("loop2", "loop1"));
	CHECK_SYS(symlink("loop1", "loop2"));
	CHECK_ERR(open("loop1", O_RDONLY), ELOOP);
	CHECK_ERR(stat("loop1/x", &st), ELOOP);
	CHECK_SYS(lstat("loop1", &st));
}

UTEST(fs_mknod_fifo, 0, NULL)
{
	struct stat st;

	ut_scratch_dir();
	umask(022);
	CHECK_SYS(mknodat(AT_FDCWD, "fifo", S_IFIFO | 0666, 0));
	CHECK_SYS(stat("fifo", &st));
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0644);
	CHECK_ERR(mknod("fifo", S_IFIFO | 0644, 0), EEXIST);
	CHECK_SYS(mknod("reg", S_IFREG | 0600, 0));
	CHECK_SYS(stat("reg", &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_ERR(mknod("dir", S_IFDIR | 0755, 0), EPERM);
	CHECK_ERR(mknod("missing/x", S_IFIFO | 0644, 0), ENOENT);
	/* a FIFO opened non-blocking for reading, then writing */
	int r = (int)CHECK_SYS(open("fifo", O_RDONLY | O_NONBLOCK));
	int w = (int)CHECK_SYS(open("fifo", O_WRONLY | O_NONBLOCK));
	char c;
	CHECK_EQ(write(w, "z", 1), 1);
	CHECK_EQ(read(r, &c, 1), 1);
	CHECK_EQ(c, 'z');
	CHECK_SYS(close(w));
	CHECK_SYS(close(r));
}

static long raw_getcwd(char *buf, size_t size)
{
	return syscall(SYS_getcwd, buf, size);
}

UTEST(fs_cwd, 0, NULL)
{
	char buf[PATH_MAX], small[4];
	struct stat a, b;
	int fd;

	ut_scratch_dir();
	CHECK(raw_getcwd(buf, sizeof(buf)) > 0);
	CHECK_EQ(raw_getcwd(buf, sizeof(buf)), (long)strlen(buf) + 1);
	CHECK_SYS(stat(buf, &a));
	CHECK_SYS(stat(".", &b));
	CHECK_EQ(a.st_ino, b.st_ino);
	CHECK(strlen(buf) > strlen(ut.name) && strcmp(buf + strlen(buf) - strlen(ut.name),
						      ut.name) == 0);
	CHECK_ERR(raw_getcwd(small, sizeof(small)), ERANGE);
	CHECK_ERR(raw_getcwd(small, 0), ERANGE);
	CHECK_SYS(mkdir("d", 0755));
	ut_write_file("f", "x", 1, 0644);
	CHECK_SYS(chdir("d"));
	CHECK_SYS(access("../f", F_OK));
	CHECK_SYS(chdir(".."));
	CHECK_ERR(chdir("f"), ENOTDIR);
	CHECK_ERR(chdir("missing"), ENOENT);
	fd = (int)CHECK_SYS(open("d", O_RDONLY | O_DIRECTORY));
	CHECK_SYS(fchdir(fd));
	CHECK_SYS(close(fd));
	CHECK(raw_getcwd(buf, sizeof(buf)) > 0);
	CHECK(strcmp(buf + strlen(buf) - 2, "/d") == 0);
	fd = (int)CHECK_SYS(open("../f", O_RDONLY));
	CHECK_ERR(fchdir(fd), ENOTDIR);
	CHECK_SYS(close(fd));
	CHECK_ERR(fchdir(fd), EBADF);
	/* the current directory removed under us */
	CHECK_SYS(rmdir("../d"));
	CHECK_ERR(raw_getcwd(buf, sizeof(buf)), ENOENT);
	CHECK_ERR(open("new", O_RDWR | O_CREAT, 0644), ENOENT);
	CHECK_SYS(stat(".", &a));
	CHECK_EQ(a.st_nlink, 0);
	CHECK_SYS(chdir(".."));
}

static void chroot_user(void *arg)
{
	(void)arg;
	CHECK_ERR(chroot("."), EPERM);
}

static void chroot_root(void *arg)
{
	char buf[PATH_MAX];
	struct stat st;

	(void)arg;
	CHECK_SYS(chroot("."));
	CHECK_SYS(chdir("/"));
	CHECK_SYS(stat("/marker", &st));
	CHECK_SYS(stat("/../marker", &st)); /* ".." of the root is the root */
	CHECK_EQ(syscall(SYS_getcwd, buf, sizeof(buf)), 2);
	CHECK(strcmp(buf, "/") == 0);
}

UTEST(fs_chroot, 0, NULL)
{
	ut_scratch_dir();
	ut_write_file("marker", "m", 1, 0644);
	CHECK_ERR(chroot("marker"), ENOTDIR);
	CHECK_ERR(chroot("missing"), ENOENT);
	ut_run_as_user(chroot_user, NULL);
	ut_run_ok(chroot_root, NULL);
}

UTEST(fs_deep_paths, 0, NULL)
{
	static char path[PATH_MAX + 300];
	char name[256];
	size_t len;
	int fd;

	ut_scratch_dir();
	/* 100 nested directories, then a file at the bottom by its full path */
	path[0] = 0;
	for (int i = 0; i < 100; i++) {
		strcat(path, i ? "/d" : "d");
		CHECK_SYS(mkdir(path, 0755));
	}
	strcat(path, "/f");
	ut_write_file(path, "deep", 4, 0644);
	CHECK_EQ(ut_file_size(path), 4);
	/* 250-byte names to just under PATH_MAX, each made relative to the last */
	memset(name, 'n', 250);
	name[250] = 0;
	len = 0;
	fd = (int)CHECK_SYS(open(".", O_RDONLY | O_DIRECTORY));
	while (len + 251 + 2 < PATH_MAX) {
		CHECK_SYS(mkdirat(fd, name, 0755));
		int next = (int)CHECK_SYS(openat(fd, name, O_RDONLY | O_DIRECTORY));
		CHECK_SYS(close(fd));
		fd = next;
		memcpy(path + len, name, 250);
		path[len + 250] = '/';
		len += 251;
	}
	CHECK_SYS(close(fd));
	path[len] = 'f';
	path[len + 1] = 0;
	ut_write_file(path, "x", 1, 0644); /* under PATH_MAX: fine */
	memset(path + len, 'g', PATH_MAX - len);
	path[PATH_MAX] = 0; /* PATH_MAX bytes without the NUL: too long */
	CHECK_ERR(open(path, O_RDWR | O_CREAT, 0644), ENAMETOOLONG);
}
