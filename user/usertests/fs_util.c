/*
 * usertests: helpers of the file-system tests (fs_*.c) -- the per-test
 * scratch directory, recursive removal, and running a check as a non-root
 * user (interfaces and contracts in usertests.h).
 *
 * The scratch directory of test NAME is ut.scratch/NAME (-s DIR, default
 * ROOT/tmp). ut_scratch_dir() empties and enters it; the runner removes it
 * with ut_remove_tree() after the test process has ended, pass or fail.
 */
#include "usertests.h"

#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Remove the entries of the open directory dfd, recursively; 0 or -1. */
static int remove_below(int dfd)
{
	DIR *d = fdopendir(dfd);
	struct dirent *e;
	int ret = 0;

	if (!d) {
		close(dfd);
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dirfd(d), e->d_name, 0) == 0)
			continue;
		if (errno != EISDIR && errno != EPERM) {
			ret = -1;
			continue;
		}
		int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);

		if (sub < 0) {      /* maybe mode 0: make it searchable and retry */
			fchmodat(dirfd(d), e->d_name, 0700, 0);
			sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		}
		if (sub < 0 || remove_below(sub) != 0 ||
		    unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR) != 0)
			ret = -1;
		else
			rewinddir(d);   /* entries moved while we deleted: look again */
	}
	closedir(d);
	return ret;
}

int ut_remove_tree(const char *path)
{
	struct stat st;
	int fd;

	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	if (fd < 0 || remove_below(fd) != 0)
		return -1;
	return rmdir(path);
}

const char *ut_scratch_dir(void)
{
	static char path[1024];

	if (snprintf(path, sizeof(path), "%s/%s", ut.scratch, ut.name) >= (int)sizeof(path))
		FAIL("scratch path too long");
	if (ut_remove_tree(path) != 0)
		FAIL("cannot empty %s: %s", path, ulib_errname(errno));
	if (mkdir(path, 0755) != 0)
		FAIL("mkdir %s: %s", path, ulib_errname(errno));
	if (chdir(path) != 0)
		FAIL("chdir %s: %s", path, ulib_errname(errno));
	return path;
}

void ut_run_as_user(void (*fn)(void *), void *arg)
{
	pid_t pid;

	if (geteuid() != 0)
		FAIL("ut_run_as_user needs root (euid %d)", (int)geteuid());
	pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(setgroups(0, NULL));
		CHECK_SYS(setresgid(UT_USER_ID, UT_USER_ID, UT_USER_ID));
		CHECK_SYS(setresuid(UT_USER_ID, UT_USER_ID, UT_USER_ID));
		fn(arg);
		_exit(0);
	}
	ut_wait_ok(pid);
}

void ut_write_file(const char *path, const void *buf, size_t len, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	ssize_t n;

	if (fd < 0)
		FAIL("open(%s): %s", path, ulib_errname(errno));
	n = write(fd, buf, len);
	if (n != (ssize_t)len)
		FAIL("write(%s, %zu) = %zd: %s", path, len, n, ulib_errname(errno));
	CHECK_SYS(close(fd));
}

long long ut_file_size(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0)
		FAIL("lstat(%s): %s", path, ulib_errname(errno));
	return (long long)st.st_size;
}
