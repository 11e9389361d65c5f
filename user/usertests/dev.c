/*
 * usertests: the memory character devices (null, zero, full, random,
 * urandom) and the device registry, with Linux's semantics.
 *
 * In the guest there is no /dev yet: each test mknods the node it needs
 * under /tmp (root) and removes it at the end. On a host (-H) the host's
 * own /dev nodes are used, so the same checks prove Linux's behaviour.
 */
#include "usertests.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

/* A node for device major:minor called name: the host's /dev/name, or a fresh one in /tmp. */
static const char *dev_node(const char *name, unsigned int major, unsigned int minor)
{
	static char path[128];

	if (ut.host) {
		snprintf(path, sizeof(path), "/dev/%s", name);
		return path;
	}
	snprintf(path, sizeof(path), "%s/ut-dev-%s-%d", ut_path("/tmp"), name, (int)getpid());
	unlink(path);
	CHECK_SYS(mknod(path, S_IFCHR | 0666, makedev(major, minor)));
	return path;
}

static void dev_done(const char *path)
{
	if (!ut.host)
		CHECK_SYS(unlink(path));
}

/* fstat says character device major:minor. */
static void check_rdev(int fd, unsigned int major, unsigned int minor)
{
	struct stat st;

	CHECK_SYS(fstat(fd, &st));
	CHECK(S_ISCHR(st.st_mode));
	CHECK_EQ(major(st.st_rdev), major);
	CHECK_EQ(minor(st.st_rdev), minor);
}

static int all_bytes(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

UTEST(dev_null, 0, NULL)
{
	const char *path = dev_node("null", 1, 3);
	int fd = CHECK_SYS(open(path, O_RDWR));
	char buf[64];

	check_rdev(fd, 1, 3);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0);
	CHECK_EQ(write(fd, "hello", 5), 5);
	CHECK_EQ(lseek(fd, 1234, SEEK_SET), 0);
	CHECK_EQ(lseek(fd, 5, SEEK_CUR), 0);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 0);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 100), 0);
	CHECK_EQ(pwrite(fd, buf, 10, 100), 10);
	CHECK_SYS(close(fd));
	dev_done(path);
}

UTEST(dev_zero, 0, NULL)
{
	const char *path = dev_node("zero", 1, 5);
	int fd = CHECK_SYS(open(path, O_RDWR));
	static unsigned char buf[10000];

	check_rdev(fd, 1, 5);
	memset(buf, 0xa5, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
	CHECK(all_bytes(buf, sizeof(buf), 0));
	CHECK_EQ(write(fd, buf, 77), 77);
	CHECK_EQ(lseek(fd, 99, SEEK_SET), 0);
	memset(buf, 1, 10);
	CHECK_EQ(pread(fd, buf, 10, 4096), 10);
	CHECK(all_bytes(buf, 10, 0));
	CHECK_ERR(read(fd, ut_ptr(16), 10), EFAULT);
	CHECK_SYS(close(fd));
	dev_done(path);
}

UTEST(dev_zero_mmap, 0, NULL)
{
	const char *path = dev_node("zero", 1, 5);
	int fd = CHECK_SYS(open(path, O_RDWR));
	size_t len = 3 * 4096;
	unsigned char *priv = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	unsigned char *shr = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	pid_t pid;

	CHECK(priv != MAP_FAILED && shr != MAP_FAILED);
	CHECK(all_bytes(priv, len, 0) && all_bytes(shr, len, 0));
	priv[5000] = 7;
	pid = ut_fork();
	if (pid == 0) {
		/* The private page is the child's own copy; the shared one is shared. */
		CHECK_EQ(priv[5000], 7);
		priv[5000] = 9;
		shr[8191] = 42;
		_exit(0);
	}
	ut_wait_ok(pid);
	CHECK_EQ(priv[5000], 7);
	CHECK_EQ(shr[8191], 42);
	CHECK_SYS(munmap(priv, len));
	CHECK_SYS(munmap(shr, len));
	CHECK_SYS(close(fd));
	dev_done(path);
}

UTEST(dev_full, 0, NULL)
{
	const char *path = dev_node("full", 1, 7);
	int fd = CHECK_SYS(open(path, O_RDWR));
	unsigned char buf[300];

	check_rdev(fd, 1, 7);
	CHECK_ERR(write(fd, "x", 1), ENOSPC);
	memset(buf, 3, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), sizeof(buf));
	CHECK(all_bytes(buf, sizeof(buf), 0));
	CHECK_EQ(lseek(fd, 10, SEEK_SET), 0);
	CHECK_SYS(close(fd));
	dev_done(path);
}

static void check_random(const char *name, unsigned int minor)
{
	const char *path = dev_node(name, 1, minor);
	int fd = CHECK_SYS(open(path, O_RDWR));
	static unsigned char a[4096], b[4096];

	check_rdev(fd, 1, minor);
	CHECK_EQ(read(fd, a, sizeof(a)), sizeof(a));
	CHECK_EQ(read(fd, b, sizeof(b)), sizeof(b));
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	CHECK(!all_bytes(a, sizeof(a), 0));
	CHECK_EQ(write(fd, "some entropy", 12), 12);
	CHECK_SYS(close(fd));
	dev_done(path);
}

UTEST(dev_urandom, 0, NULL)
{
	check_random("urandom", 9);
	check_random("random", 8);
}

UTEST(dev_registry, 0, "mknod of unregistered device numbers needs root on the host")
{
	char path[128];
	int fd;

	/* 1:6 (/dev/port on Linux) and 200:0 have no driver here: ENXIO at open. */
	snprintf(path, sizeof(path), "%s/ut-dev-none-%d", ut_path("/tmp"), (int)getpid());
	unlink(path);
	CHECK_SYS(mknod(path, S_IFCHR | 0666, makedev(200, 0)));
	CHECK_ERR(open(path, O_RDONLY), ENXIO);
	CHECK_SYS(unlink(path));
	/* 5:0 is the caller's controlling terminal, a tty; ENXIO without one (Linux). */
	CHECK_SYS(mknod(path, S_IFCHR | 0666, makedev(5, 0)));
	fd = open(path, O_RDWR);
	if (fd >= 0) {
		CHECK(isatty(fd));
		CHECK_SYS(close(fd));
	} else {
		CHECK_EQ(errno, ENXIO);
	}
	CHECK_SYS(unlink(path));
}
