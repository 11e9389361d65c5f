/*
 * usertests: file data in the scratch directory -- read/write/readv/writev/
 * pread64/pwrite64 and their errors, lseek and holes, truncate/ftruncate,
 * fallocate, fsync/fdatasync/sync/syncfs, ioctl FIONREAD/FIOCLEX/FIONCLEX,
 * and the page cache seen through read/write and a MAP_SHARED mapping.
 */
#include "usertests.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static int all_zero(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

UTEST(fs_rw_basic, 0, NULL)
{
	char buf[64];
	int fd;

	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_EQ(write(fd, "0123456789", 10), 10);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10);
	CHECK_EQ(read(fd, buf, sizeof(buf)), 0); /* at the end */
	CHECK_EQ(pwrite(fd, "ab", 2, 4), 2);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 10); /* pwrite moves nothing */
	CHECK_EQ(pread(fd, buf, sizeof(buf), 2), 8);
	CHECK(memcmp(buf, "23ab6789", 8) == 0);
	CHECK_EQ(pread(fd, buf, 4, 100), 0);
	CHECK_EQ(write(fd, buf, 0), 0);
	CHECK_ERR(pread(fd, buf, 1, -1), EINVAL);
	CHECK_ERR(pwrite(fd, buf, 1, -1), EINVAL);
	/* EFAULT: from or into memory that is not there */
	CHECK_ERR(write(fd, ut_ptr(8), 4), EFAULT);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	CHECK_ERR(read(fd, ut_ptr(8), 4), EFAULT);
	CHECK_SYS(close(fd));
	CHECK_ERR(write(fd, "x", 1), EBADF);
	/* wrong mode */
	fd = (int)CHECK_SYS(open("f", O_WRONLY));
	CHECK_ERR(read(fd, buf, 1), EBADF);
	CHECK_ERR(pread(fd, buf, 1, 0), EBADF);
	CHECK_SYS(close(fd));
	fd = (int)CHECK_SYS(open("f", O_RDONLY));
	CHECK_ERR(pwrite(fd, "x", 1, 0), EBADF);
	CHECK_SYS(close(fd));
}

UTEST(fs_rw_espipe, 0, NULL)
{
	char buf[4];
	int p[2];

	/* a pipe has no offset */
	CHECK_SYS(pipe(p));
	CHECK_ERR(pread(p[0], buf, 1, 0), ESPIPE);
	CHECK_ERR(pwrite(p[1], "x", 1, 0), ESPIPE);
	CHECK_ERR(lseek(p[0], 0, SEEK_SET), ESPIPE);
	close(p[0]);
	close(p[1]);
}

UTEST(fs_rw_vectors, 0, NULL)
{
	char a[3], b[5], c[100], big[4096 * 3];
	struct iovec iov[3], many[IOV_MAX + 1];
	int fd;

	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("f", O_RDWR | O_CREAT, 0644));
	iov[0] = (struct iovec){ "abc", 3 };
	iov[1] = (struct iovec){ "", 0 };
	iov[2] = (struct iovec){ "defgh", 5 };
	CHECK_EQ(writev(fd, iov, 3), 8);
	CHECK_EQ(lseek(fd, 0, SEEK_SET), 0);
	iov[0] = (struct iovec){ a, 3 };
	iov[1] = (struct iovec){ b, 5 };
	iov[2] = (struct iovec){ c, sizeof(c) };
	CHECK_EQ(readv(fd, iov, 3), 8);
	CHECK(memcmp(a, "abc", 3) == 0 && memcmp(b, "defgh", 5) == 0);
	/* across pages */
	memset(big, 'q', sizeof(big));
	iov[0] = (struct iovec){ big, 5000 };
	iov[1] = (struct iovec){ big + 5000, sizeof(big) - 5000 };
	CHECK_EQ(pwritev(fd, iov, 2, 4090), sizeof(big));
	CHECK_EQ(lseek(fd, 0, SEEK_END), 4090 + (off_t)sizeof(big));
	CHECK_ERR(syscall(SYS_readv, fd, iov, -1), EINVAL);
	for (int i = 0; i <= IOV_MAX; i++)
		many[i] = (struct iovec){ a, 1 };
	CHECK_ERR(writev(fd, many, IOV_MAX + 1), EINVAL);
	iov[0] = (struct iovec){ ut_ptr(8), 4 };
	CHECK_ERR(writev(fd, iov, 1), EFAULT);
	CHECK_ERR(writev(fd, ut_ptr(8), 1), EFAULT);
	CHECK_SYS(close(fd));
}

UTEST(fs_lseek_hole, 0, NULL)
{
	char buf[9000];
	struct stat st;
	int fd;

	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_EQ(write(fd, "head", 4), 4);
	CHECK_EQ(lseek(fd, 8192, SEEK_SET), 8192);
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 4); /* a seek alone does not grow the file */
	CHECK_EQ(write(fd, "tail", 4), 4);
	CHECK_EQ(lseek(fd, 0, SEEK_END), 8196);
	CHECK_EQ(lseek(fd, -4, SEEK_CUR), 8192);
	CHECK_EQ(lseek(fd, 2, SEEK_CUR), 8194);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 8196);
	CHECK(memcmp(buf, "head", 4) == 0);
	CHECK(all_zero(buf + 4, 8188));
	CHECK(memcmp(buf + 8192, "tail", 4) == 0);
	CHECK_ERR(lseek(fd, -1, SEEK_SET), EINVAL);
	CHECK_ERR(lseek(fd, -9000, SEEK_END), EINVAL);
	CHECK_ERR(lseek(fd, -9000, SEEK_CUR), EINVAL);
	CHECK_ERR(lseek(fd, 0, 5), EINVAL);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 8194); /* failed seeks moved nothing */
	CHECK_SYS(close(fd));
}

UTEST(fs_truncate, 0, NULL)
{
	char buf[10000];
	struct stat st;
	int fd;

	ut_scratch_dir();
	memset(buf, 'x', sizeof(buf));
	ut_write_file("f", buf, 6000, 0644);
	CHECK_SYS(truncate("f", 100)); /* shrink */
	CHECK_EQ(ut_file_size("f"), 100);
	fd = (int)CHECK_SYS(open("f", O_RDWR));
	CHECK_SYS(ftruncate(fd, 9000)); /* grow: zeros, including the old tail */
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 9000);
	memset(buf, 1, sizeof(buf));
	CHECK_EQ(read(fd, buf, sizeof(buf)), 9000);
	CHECK(buf[99] == 'x');
	CHECK(all_zero(buf + 100, 8900));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 9000);
	CHECK_SYS(ftruncate(fd, 0));
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 9000); /* the offset stays */
	CHECK_EQ(read(fd, buf, 1), 0);
	CHECK_ERR(ftruncate(fd, -1), EINVAL);
	CHECK_ERR(truncate("f", -1), EINVAL);
	CHECK_SYS(close(fd));
	fd = (int)CHECK_SYS(open("f", O_RDONLY));
	CHECK_ERR(ftruncate(fd, 0), EINVAL); /* not open for writing */
	CHECK_SYS(close(fd));
	CHECK_SYS(mkdir("d", 0755));
	CHECK_ERR(truncate("d", 0), EISDIR);
	CHECK_ERR(truncate("missing", 0), ENOENT);
}

UTEST(fs_fallocate, 0, NULL)
{
	char buf[8192];
	int fd, p[2];

	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_SYS(fallocate(fd, 0, 0, 8192));
	CHECK_EQ(ut_file_size("f"), 8192);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 8192);
	CHECK(memcmp(buf, "abc", 3) == 0 && all_zero(buf + 3, 8189));
	CHECK_SYS(fallocate(fd, 0, 0, 10)); /* inside: size unchanged */
	CHECK_EQ(ut_file_size("f"), 8192);
	CHECK_ERR(fallocate(fd, 0, 0, 0), EINVAL);
	CHECK_ERR(fallocate(fd, 0, -1, 10), EINVAL);
	/* a hole punch must keep the size; unknown mode bits are refused */
	CHECK_ERR(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 10), EOPNOTSUPP);
	CHECK_ERR(fallocate(fd, 0x10000, 0, 10), EOPNOTSUPP);
	CHECK_SYS(close(fd));
	fd = (int)CHECK_SYS(open("f", O_RDONLY));
	CHECK_ERR(fallocate(fd, 0, 0, 10), EBADF);
	CHECK_SYS(close(fd));
	CHECK_SYS(pipe(p));
	CHECK_ERR(fallocate(p[1], 0, 0, 10), ESPIPE);
	close(p[0]);
	close(p[1]);
}

UTEST(fs_fallocate_more, 0, NULL)
{
	struct timespec old[2] = { { 1000, 0 }, { 2000, 0 } };
	char buf[100];
	struct stat st;
	time_t now = time(NULL);
	int fd, d;

	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("f", O_RDWR | O_CREAT | O_APPEND, 0644));
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_SYS(futimens(fd, old));
	CHECK_SYS(fallocate(fd, 0, 4096, 100)); /* past the end: the gap reads as zeros */
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 4196);
	CHECK(st.st_ctim.tv_sec >= now - 5);
	CHECK_EQ(pread(fd, buf, sizeof(buf), 4000), 100);
	CHECK(all_zero(buf, sizeof(buf)));
	CHECK_ERR(fallocate(fd, 0, LLONG_MAX - 10, 100), EFBIG);
	CHECK_ERR(fallocate(-1, 0, 0, 10), EBADF);
	CHECK_ERR(fallocate(fd, 0, 0, -5), EINVAL);
	CHECK_SYS(close(fd));
	d = (int)CHECK_SYS(open(".", O_RDONLY | O_DIRECTORY));
	CHECK_ERR(fallocate(d, 0, 0, 10), EBADF); /* not open for writing */
	CHECK_SYS(close(d));
}

UTEST(fs_fsync, 0, NULL)
{
	int fd, p[2];

	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_EQ(write(fd, "data", 4), 4);
	CHECK_SYS(fsync(fd));
	CHECK_SYS(fdatasync(fd));
	CHECK_SYS(syncfs(fd));
	sync();
	CHECK_SYS(close(fd));
	fd = (int)CHECK_SYS(open(".", O_RDONLY | O_DIRECTORY));
	CHECK_SYS(fsync(fd)); /* a directory too */
	CHECK_SYS(close(fd));
	CHECK_ERR(fsync(fd), EBADF);
	CHECK_ERR(syncfs(-1), EBADF);
	CHECK_SYS(pipe(p));
	CHECK_ERR(fsync(p[1]), EINVAL);
	CHECK_ERR(fdatasync(p[0]), EINVAL);
	close(p[0]);
	close(p[1]);
}

UTEST(fs_ioctl, 0, NULL)
{
	int fd, n = -1;

	ut_scratch_dir();
	ut_write_file("f", "0123456789", 10, 0644);
	fd = (int)CHECK_SYS(open("f", O_RDONLY));
	CHECK_SYS(ioctl(fd, FIONREAD, &n));
	CHECK_EQ(n, 10);
	CHECK_EQ(lseek(fd, 4, SEEK_SET), 4);
	CHECK_SYS(ioctl(fd, FIONREAD, &n));
	CHECK_EQ(n, 6); /* what is left from the offset */
	CHECK_ERR(ioctl(fd, FIONREAD, ut_ptr(8)), EFAULT);
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_SYS(ioctl(fd, FIOCLEX));
	CHECK_EQ(fcntl(fd, F_GETFD), FD_CLOEXEC);
	CHECK_SYS(ioctl(fd, FIONCLEX));
	CHECK_EQ(fcntl(fd, F_GETFD), 0);
	CHECK_SYS(close(fd));
	CHECK_ERR(ioctl(fd, FIONREAD, &n), EBADF);
}

/* The page cache, seen both ways, without msync. */
UTEST(fs_mmap_coherent, 0, NULL)
{
	char buf[16];
	char *m;
	int fd;

	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_SYS(ftruncate(fd, 3 * 4096));
	m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	CHECK(all_zero(m, 3 * 4096));
	CHECK_EQ(pwrite(fd, "via write", 9, 5000), 9); /* write(), then the mapping */
	CHECK(memcmp(m + 5000, "via write", 9) == 0);
	memcpy(m + 8190, "via store", 9); /* a store across a page boundary, then read() */
	CHECK_EQ(pread(fd, buf, 9, 8190), 9);
	CHECK(memcmp(buf, "via store", 9) == 0);
	/* a second mapping of the same file sees the same page */
	char *m2 = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
	CHECK(m2 != MAP_FAILED);
	CHECK(memcmp(m2 + 904, "via write", 9) == 0);
	CHECK_SYS(munmap(m2, 4096));
	CHECK_SYS(munmap(m, 3 * 4096));
	CHECK_SYS(close(fd));
	/* after unmapping and closing, the stores are in the file */
	fd = (int)CHECK_SYS(open("f", O_RDONLY));
	CHECK_EQ(pread(fd, buf, 9, 8190), 9);
	CHECK(memcmp(buf, "via store", 9) == 0);
	CHECK_SYS(close(fd));
}

UTEST(fs_mmap_msync, 0, NULL)
{
	char buf[16];
	char *m;
	int fd;

	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("f", O_RDWR | O_CREAT, 0644));
	CHECK_SYS(ftruncate(fd, 2 * 4096));
	m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED);
	memcpy(m + 4100, "synced", 6);
	CHECK_SYS(msync(m, 2 * 4096, MS_SYNC));
	CHECK_EQ(pread(fd, buf, 6, 4100), 6);
	CHECK(memcmp(buf, "synced", 6) == 0);
	CHECK_SYS(msync(m, 4096, MS_ASYNC));
	CHECK_SYS(msync(m, 4096, MS_INVALIDATE));
	CHECK_ERR(msync(m + 1, 4096, MS_SYNC), EINVAL);
	CHECK_ERR(msync(m, 4096, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_SYS(munmap(m, 2 * 4096));
	CHECK_ERR(msync(m, 4096, MS_SYNC), ENOMEM);
	CHECK_SYS(close(fd));
}
