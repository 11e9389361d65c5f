/*
 * usertests: mmap of files through the page cache -- MAP_SHARED coherent
 * with read/write both ways (also across fork and between two open
 * files), MAP_PRIVATE copy-on-write that never reaches the file, SIGBUS
 * beyond the end of the file, msync(MS_SYNC) and its errors, and
 * truncation of a mapped file.
 */
#include "usertests.h"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define PG 4096

static char *map_file(int fd, size_t len, int prot, int flags, off_t off)
{
	char *m = mmap(NULL, len, prot, flags, fd, off);

	if (m == MAP_FAILED)
		FAIL("mmap(%zu, prot %d, flags %#x, off %lld): %s", len, prot, flags, (long long)off,
		     ulib_errname(errno));
	return m;
}

/* A new file f of size bytes, every byte c; its descriptor, open O_RDWR. */
static int make_file(const char *name, size_t size, int c)
{
	char *buf = malloc(size ? size : 1);
	int fd;

	CHECK(buf != NULL);
	memset(buf, c, size);
	fd = (int)CHECK_SYS(open(name, O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK_EQ(write(fd, buf, size), (long long)size);
	free(buf);
	return fd;
}

static void touch_read(void *addr)
{
	(void)*(volatile char *)addr;
}

static void touch_write(void *addr)
{
	*(volatile char *)addr = 1;
}

static void child_store(void *addr)
{
	memcpy(addr, "from the child", 14);
}

/* Stores and write(2)s meet in the same pages, whichever way and whoever makes them. */
UTEST(fs_mmap_shared_coherent, 0, NULL)
{
	char buf[32];
	char *m, *m2;
	int fd, fd2;

	ut_scratch_dir();
	fd = make_file("f", 2 * PG, 'a');
	m = map_file(fd, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	CHECK_EQ(m[0], 'a');
	CHECK_EQ(m[2 * PG - 1], 'a');
	/* a second open file of the same name, mapped read-only at the second page */
	fd2 = (int)CHECK_SYS(open("f", O_RDONLY));
	m2 = map_file(fd2, PG, PROT_READ, MAP_SHARED, PG);
	memcpy(m + PG + 100, "stored", 6);
	CHECK(memcmp(m2 + 100, "stored", 6) == 0);
	CHECK_EQ(pread(fd2, buf, 6, PG + 100), 6);
	CHECK(memcmp(buf, "stored", 6) == 0);
	CHECK_EQ(pwrite(fd, "written", 7, PG + 200), 7);
	CHECK(memcmp(m + PG + 200, "written", 7) == 0);
	CHECK(memcmp(m2 + 200, "written", 7) == 0);
	/* a child's stores through the inherited mapping */
	ut_run_ok(child_store, m + 300);
	CHECK_EQ(pread(fd2, buf, 14, 300), 14);
	CHECK(memcmp(buf, "from the child", 14) == 0);
	/* appending grows the file; a mapping made afterwards sees the new page */
	CHECK_EQ(lseek(fd, 0, SEEK_END), 2 * PG);
	CHECK_EQ(write(fd, "tail", 4), 4);
	char *m3 = map_file(fd, 3 * PG, PROT_READ, MAP_SHARED, 0);
	CHECK(memcmp(m3 + 2 * PG, "tail", 4) == 0);
	CHECK_EQ(m3[2 * PG + 4], 0);   /* the rest of the last page reads as zeros */
	CHECK_SYS(munmap(m3, 3 * PG));
	CHECK_SYS(munmap(m2, PG));
	CHECK_SYS(munmap(m, 2 * PG));
	CHECK_SYS(close(fd2));
	CHECK_SYS(close(fd));
}

/* MAP_PRIVATE: the file's data until the first store, then a copy the file never sees. */
UTEST(fs_mmap_private_cow, 0, NULL)
{
	char buf[16];
	char *p, *s;
	int fd;

	ut_scratch_dir();
	fd = make_file("f", 2 * PG, 'x');
	p = map_file(fd, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, 0);
	s = map_file(fd, 2 * PG, PROT_READ, MAP_SHARED, 0);
	CHECK_EQ(p[10], 'x');
	memcpy(p + 10, "private", 7);
	CHECK(memcmp(p + 10, "private", 7) == 0);
	CHECK_EQ(pread(fd, buf, 7, 10), 7);
	CHECK(memcmp(buf, "xxxxxxx", 7) == 0);
	CHECK_EQ(s[10], 'x');
	/* the copied page no longer follows the file */
	CHECK_EQ(pwrite(fd, "later", 5, 10), 5);
	CHECK(memcmp(p + 10, "private", 7) == 0);
	CHECK(memcmp(s + 10, "later", 5) == 0);
	/* a page the private mapping only read still shows the file */
	CHECK_EQ(p[PG], 'x');
	CHECK_EQ(pwrite(fd, "fresh", 5, PG), 5);
	CHECK(memcmp(p + PG, "fresh", 5) == 0);
	/* the private stores do not survive the mapping */
	CHECK_SYS(munmap(p, 2 * PG));
	CHECK_EQ(pread(fd, buf, 7, 10), 7);
	CHECK(memcmp(buf, "laterxx", 7) == 0);
	CHECK_SYS(munmap(s, 2 * PG));
	CHECK_SYS(close(fd));
}

/* Past the end of the file: the rest of the last page is zeros; the next page is SIGBUS. */
UTEST(fs_mmap_sigbus, 0, NULL)
{
	char *m, *p;
	int fd;

	ut_scratch_dir();
	fd = make_file("f", 100, 'z');
	m = map_file(fd, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	p = map_file(fd, 2 * PG, PROT_READ, MAP_PRIVATE, 0);
	CHECK_EQ(m[99], 'z');
	CHECK_EQ(m[100], 0);
	CHECK_EQ(m[PG - 1], 0);
	CHECK_EQ(p[PG - 1], 0);
	ut_check_signaled(ut_run_child(touch_read, m + PG), SIGBUS, "read a shared page past EOF");
	ut_check_signaled(ut_run_child(touch_write, m + 2 * PG + 5), SIGBUS,
			  "store to a shared page past EOF");
	ut_check_signaled(ut_run_child(touch_read, p + PG), SIGBUS, "read a private page past EOF");
	/* a system call's copy from there: EFAULT */
	CHECK_ERR(write(fd, m + PG, 1), EFAULT);
	/* once the file grows, the same addresses work */
	CHECK_SYS(ftruncate(fd, 2 * PG));
	CHECK_EQ(m[PG], 0);
	m[PG] = 'g';
	CHECK_EQ(p[PG], 'g');
	CHECK_SYS(munmap(p, 2 * PG));
	CHECK_SYS(munmap(m, 3 * PG));
	CHECK_SYS(close(fd));
}

/* msync(MS_SYNC) writes the stores back; its argument checks follow Linux. */
UTEST(fs_mmap_msync_sync, 0, NULL)
{
	char buf[16];
	char *m, *a;
	int fd;

	ut_scratch_dir();
	fd = make_file("f", 4 * PG, 0);
	m = map_file(fd, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	for (int i = 0; i < 4; i++)
		memcpy(m + i * PG + 8, "page", 4);
	CHECK_SYS(msync(m, 4 * PG, MS_SYNC));
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(pread(fd, buf, 4, i * PG + 8), 4);
		CHECK(memcmp(buf, "page", 4) == 0);
	}
	/* stores after the sync still reach the file, and the next sync */
	memcpy(m + 3 * PG + 8, "again", 5);
	CHECK_SYS(msync(m + 3 * PG, PG, MS_SYNC));
	CHECK_EQ(pread(fd, buf, 5, 3 * PG + 8), 5);
	CHECK(memcmp(buf, "again", 5) == 0);
	CHECK_SYS(msync(m, 1, MS_ASYNC));           /* the length is rounded up */
	CHECK_SYS(msync(m, 0, MS_SYNC));            /* nothing to do */
	CHECK_SYS(msync(m, 4 * PG, MS_INVALIDATE));
	CHECK_SYS(msync(m, 4 * PG, MS_SYNC | MS_INVALIDATE));
	CHECK_ERR(msync(m + 1, PG, MS_SYNC), EINVAL);
	CHECK_ERR(msync(m, PG, MS_ASYNC | MS_SYNC), EINVAL);
	CHECK_ERR(msync(m, PG, 8), EINVAL);
	/* anonymous and private mappings: nothing to write, no error */
	a = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(a != MAP_FAILED);
	CHECK_SYS(msync(a, PG, MS_SYNC));
	CHECK_SYS(munmap(a, PG));
	/* a hole in the range: ENOMEM (the mapped part is still synced) */
	CHECK_SYS(munmap(m + PG, PG));
	CHECK_ERR(msync(m, 4 * PG, MS_ASYNC), ENOMEM);
	CHECK_ERR(msync(m + PG, PG, MS_SYNC), ENOMEM);
	CHECK_SYS(munmap(m, 4 * PG));
	CHECK_ERR(msync(m, PG, MS_SYNC), ENOMEM);
	CHECK_SYS(close(fd));
}

/* Truncating a mapped file: the partial page's tail is zeroed, pages past the end SIGBUS. */
UTEST(fs_mmap_truncate, 0, NULL)
{
	struct stat st;
	char *m;
	int fd;

	ut_scratch_dir();
	fd = make_file("f", 3 * PG, 't');
	m = map_file(fd, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	CHECK_EQ(m[0], 't');
	CHECK_EQ(m[PG + 20], 't');
	CHECK_SYS(ftruncate(fd, PG + 10));
	CHECK_EQ(m[PG + 9], 't');
	CHECK_EQ(m[PG + 10], 0);
	CHECK_EQ(m[2 * PG - 1], 0);
	ut_check_signaled(ut_run_child(touch_read, m + 2 * PG), SIGBUS,
			  "read a page cut off by truncate");
	/* growing again: zeros, and the mapping works there again */
	CHECK_SYS(ftruncate(fd, 3 * PG));
	CHECK_EQ(m[2 * PG + 100], 0);
	m[2 * PG + 100] = 'n';
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 3 * PG);
	char c;
	CHECK_EQ(pread(fd, &c, 1, 2 * PG + 100), 1);
	CHECK_EQ(c, 'n');
	CHECK_SYS(munmap(m, 3 * PG));
	CHECK_SYS(close(fd));
}

/* The file stays alive while mapped: closed and unlinked, the mapping still works. */
UTEST(fs_mmap_outlives_fd, 0, NULL)
{
	char *m;
	int fd;

	ut_scratch_dir();
	fd = make_file("f", PG, 'o');
	m = map_file(fd, PG, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink("f"));
	CHECK_EQ(m[5], 'o');
	m[5] = 'p';
	CHECK_EQ(m[5], 'p');
	CHECK_SYS(munmap(m, PG));
}

/*
 * Stores through a shared mapping into holes (a file grown by ftruncate)
 * reach the file: on ext2 each such page first gets a block
 * (page_mkwrite), which must survive munmap, close and a reopen, while
 * the untouched pages stay holes that read as zeros.
 */
UTEST(fs_mmap_hole_store, 0, NULL)
{
	char buf[PG], want[PG];
	struct stat st;
	char *m;
	int fd;

	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("sparse", O_RDWR | O_CREAT | O_TRUNC, 0644));
	CHECK_SYS(ftruncate(fd, 8 * PG));
	m = map_file(fd, 8 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, 0);
	CHECK_EQ(m[3 * PG], 0);   /* a read first: the page is mapped read-only */
	for (int i = 0; i < 8; i += 2)
		memset(m + i * PG, 'a' + i, PG);
	m[3 * PG + 100] = 'x';    /* the write fault on the read-only page */
	CHECK_SYS(munmap(m, 8 * PG));
	CHECK_SYS(fsync(fd));
	CHECK_SYS(close(fd));
	fd = (int)CHECK_SYS(open("sparse", O_RDONLY));
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 8 * PG);
	CHECK(st.st_blocks >= 5 * (PG / 512));
	for (int i = 0; i < 8; i++) {
		memset(want, i % 2 ? 0 : 'a' + i, PG);
		if (i == 3)
			want[100] = 'x';
		CHECK_EQ(pread(fd, buf, PG, (off_t)i * PG), PG);
		if (memcmp(buf, want, PG) != 0)
			FAIL("page %d of the file is not what the mapping stored", i);
	}
	CHECK_SYS(close(fd));
}
