/*
 * usertests: openat and its errors in the scratch directory -- O_CREAT,
 * O_EXCL, O_TRUNC, O_APPEND (four concurrent appenders), O_DIRECTORY,
 * O_NOFOLLOW, EISDIR, ENOENT, ENOTDIR, EBADF dirfds, EACCES as a non-root
 * user, ENAMETOOLONG (a 256-byte name, a path over PATH_MAX), EMFILE.
 */
#include "usertests.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

UTEST(fs_open_create, 0, NULL)
{
	struct stat st;
	int fd;

	ut_scratch_dir();
	umask(022);
	fd = (int)CHECK_SYS(openat(AT_FDCWD, "f", O_RDWR | O_CREAT | O_EXCL, 0666));
	CHECK_SYS(fstat(fd, &st));
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 07777, 0644); /* umask applied */
	CHECK_EQ(st.st_size, 0);
	CHECK_EQ(st.st_nlink, 1);
	CHECK_EQ(write(fd, "hello", 5), 5);
	CHECK_SYS(close(fd));
	CHECK_ERR(openat(AT_FDCWD, "f", O_RDWR | O_CREAT | O_EXCL, 0666), EEXIST);
	/* O_CREAT without O_EXCL opens the existing file, mode ignored */
	fd = (int)CHECK_SYS(openat(AT_FDCWD, "f", O_RDWR | O_CREAT, 0600));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_mode & 07777, 0644);
	CHECK_EQ(st.st_size, 5);
	CHECK_SYS(close(fd));
	/* O_TRUNC empties */
	fd = (int)CHECK_SYS(openat(AT_FDCWD, "f", O_WRONLY | O_TRUNC));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 0);
	CHECK_SYS(close(fd));
	/* a symlink to a missing file: O_CREAT creates the target, O_EXCL refuses */
	CHECK_SYS(symlink("target", "dangling"));
	CHECK_ERR(open("dangling", O_RDWR | O_CREAT | O_EXCL, 0600), EEXIST);
	fd = (int)CHECK_SYS(open("dangling", O_RDWR | O_CREAT, 0600));
	CHECK_SYS(close(fd));
	CHECK_SYS(stat("target", &st));
	CHECK(S_ISREG(st.st_mode));
}

UTEST(fs_open_errors, 0, NULL)
{
	char big[300];
	int fd, dfd;

	ut_scratch_dir();
	ut_write_file("file", "x", 1, 0644);
	CHECK_SYS(mkdir("dir", 0755));
	CHECK_SYS(symlink("file", "link"));
	CHECK_ERR(open("missing", O_RDONLY), ENOENT);
	CHECK_ERR(open("nodir/f", O_RDWR | O_CREAT, 0600), ENOENT);
	CHECK_ERR(open("", O_RDONLY), ENOENT);
	CHECK_ERR(open("file/x", O_RDONLY), ENOTDIR);
	CHECK_ERR(open("file", O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERR(open("link", O_RDONLY | O_NOFOLLOW), ELOOP);
	fd = (int)CHECK_SYS(open("link", O_RDONLY)); /* followed */
	CHECK_SYS(close(fd));
	CHECK_ERR(open("dir", O_WRONLY), EISDIR);
	CHECK_ERR(open("dir", O_RDWR), EISDIR);
	CHECK_ERR(open("dir", O_RDONLY | O_CREAT, 0600), EISDIR);
	CHECK_ERR(open("dir", O_RDONLY | O_TRUNC), EISDIR);
	dfd = (int)CHECK_SYS(open("dir", O_RDONLY | O_DIRECTORY));
	CHECK_ERR(write(dfd, "x", 1), EBADF);
	CHECK_ERR(read(dfd, big, 1), EISDIR);
	/* dirfd forms */
	fd = (int)CHECK_SYS(openat(dfd, "inside", O_RDWR | O_CREAT | O_EXCL, 0600));
	CHECK_SYS(close(fd));
	CHECK_SYS(access("dir/inside", F_OK));
	fd = (int)CHECK_SYS(open("file", O_RDONLY));
	CHECK_ERR(openat(fd, "x", O_RDONLY), ENOTDIR);
	CHECK_ERR(openat(-5, "x", O_RDONLY), EBADF);
	CHECK_SYS(close(fd));
	fd = (int)CHECK_SYS(openat(-5, ut_scratch_dir(), O_RDONLY)); /* absolute: dirfd ignored */
	CHECK_SYS(close(fd));
	CHECK_SYS(close(dfd));
	/* a bad path pointer */
	CHECK_ERR(open(ut_ptr(8), O_RDONLY), EFAULT);
	memset(big, 'n', 256);
	big[256] = 0;
	CHECK_ERR(open(big, O_RDWR | O_CREAT, 0600), ENAMETOOLONG);
	big[255] = 0; /* 255 bytes: allowed */
	fd = (int)CHECK_SYS(open(big, O_RDWR | O_CREAT, 0600));
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(big));
}

/* A path of len bytes (plus NUL) made of "./" pairs and a final name. */
static char *long_path(size_t len)
{
	char *p = malloc(len + 1);

	CHECK(p != NULL);
	for (size_t i = 0; i + 2 < len; i += 2)
		memcpy(p + i, "./", 2);
	if (len % 2)
		p[len - 1] = 'f';
	else
		memcpy(p + len - 2, "/f", 2);
	p[len] = 0;
	return p;
}

UTEST(fs_open_path_max, 0, NULL)
{
	char *p;
	int fd;

	ut_scratch_dir();
	ut_write_file("f", "x", 1, 0644);
	p = long_path(PATH_MAX - 1); /* with its NUL: exactly PATH_MAX */
	fd = (int)CHECK_SYS(open(p, O_RDONLY));
	CHECK_SYS(close(fd));
	free(p);
	p = long_path(PATH_MAX); /* no room for the NUL */
	CHECK_ERR(open(p, O_RDONLY), ENAMETOOLONG);
	free(p);
	p = long_path(3 * PATH_MAX);
	CHECK_ERR(open(p, O_RDONLY), ENAMETOOLONG);
	free(p);
}

static void eacces_checks(void *arg)
{
	(void)arg;
	CHECK_ERR(open("secret", O_RDONLY), EACCES);
	CHECK_ERR(open("readonly", O_WRONLY), EACCES);
	CHECK_ERR(open("readonly", O_RDONLY | O_TRUNC), EACCES);
	CHECK_SYS(close((int)CHECK_SYS(open("readonly", O_RDONLY))));
	CHECK_ERR(open("rootdir/new", O_RDWR | O_CREAT, 0600), EACCES);
	CHECK_ERR(open("noexec/inside", O_RDONLY), EACCES); /* no search permission */
}

UTEST(fs_open_eacces, 0, NULL)
{
	ut_scratch_dir();
	if (geteuid() != 0)
		ut_host_skip("needs root");
	ut_write_file("secret", "s", 1, 0600);
	ut_write_file("readonly", "r", 1, 0644);
	CHECK_SYS(mkdir("rootdir", 0755));
	CHECK_SYS(mkdir("noexec", 0700)); /* root's: others may not search it */
	ut_write_file("noexec/inside", "i", 1, 0666);
	ut_run_as_user(eacces_checks, NULL);
}

static void emfile_child(void *arg)
{
	struct rlimit r = { 16, 16 };
	int fd, last = -1;

	(void)arg;
	for (fd = 3; fd < 64; fd++)
		close(fd);
	CHECK_SYS(setrlimit(RLIMIT_NOFILE, &r));
	while ((fd = open("f", O_RDONLY)) >= 0)
		last = fd;
	CHECK_EQ(errno, EMFILE);
	CHECK_EQ(last, 15);
	CHECK_ERR(dup(0), EMFILE);
	CHECK_ERR(open("new", O_RDWR | O_CREAT, 0600), EMFILE);
	CHECK_ERR(access("new", F_OK), ENOENT); /* nothing was created */
	CHECK_SYS(close(7));
	CHECK_EQ(open("f", O_RDONLY), 7);
}

UTEST(fs_open_emfile, 0, NULL)
{
	ut_scratch_dir();
	ut_write_file("f", "x", 1, 0644);
	ut_run_ok(emfile_child, NULL);
}

#define APPENDERS 4
#define RECORDS 500
#define RECLEN 16

static void appender(void *arg)
{
	int id = (int)(long)arg;
	int fd = (int)CHECK_SYS(open("log", O_WRONLY | O_APPEND));
	char rec[RECLEN + 1];

	for (int i = 0; i < RECORDS; i++) {
		snprintf(rec, sizeof(rec), "%d:%05d........\n", id, i);
		CHECK_EQ(write(fd, rec, RECLEN), RECLEN);
	}
	CHECK_SYS(close(fd));
}

UTEST(fs_open_append_concurrent, 0, NULL)
{
	int next[APPENDERS] = { 0 };
	pid_t pids[APPENDERS];
	size_t len;
	char *all;

	ut_scratch_dir();
	ut_write_file("log", "", 0, 0644);
	for (long i = 0; i < APPENDERS; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0) {
			appender((void *)i);
			_exit(0);
		}
	}
	for (int i = 0; i < APPENDERS; i++)
		ut_wait_ok(pids[i]);
	all = ut_read_file("log", &len);
	CHECK_EQ(len, APPENDERS * RECORDS * RECLEN);
	/* every record whole, each writer's records in its own order */
	for (size_t off = 0; off < len; off += RECLEN) {
		int id, seq;

		if (sscanf(all + off, "%d:%d", &id, &seq) != 2 || id < 0 || id >= APPENDERS ||
		    all[off + RECLEN - 1] != '\n')
			FAIL("torn record at offset %zu: '%.16s'", off, all + off);
		if (seq != next[id])
			FAIL("writer %d: record %d where %d was due", id, seq, next[id]);
		next[id]++;
	}
	free(all);
}
