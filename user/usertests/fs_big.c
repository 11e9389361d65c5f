/*
 * usertests: big and many -- a 64 MiB file written and read back with a
 * checksum, a sparse file past 4 GiB, 10,000 files in one directory, and
 * four processes creating, renaming and deleting in one directory at once
 * (the final listing must match the model exactly).
 */
#include "usertests.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MIB (1L << 20)

static uint64_t fill(uint64_t *p, size_t words, uint64_t x)
{
	for (size_t i = 0; i < words; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		p[i] = x;
	}
	return x;
}

static uint64_t sum(const uint64_t *p, size_t words, uint64_t h)
{
	for (size_t i = 0; i < words; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h;
}

UTEST(fs_big_64m, UT_SLOW, NULL)
{
	uint64_t *buf = malloc(MIB), x = 88172645463325252ULL, h_out = 1, h_in = 1;
	struct stat st;
	int fd;

	CHECK(buf != NULL);
	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("big", O_RDWR | O_CREAT | O_TRUNC, 0644));
	for (int i = 0; i < 64; i++) {
		x = fill(buf, MIB / 8, x);
		h_out = sum(buf, MIB / 8, h_out);
		CHECK_EQ(write(fd, buf, MIB), MIB);
	}
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, 64 * MIB);
	CHECK(st.st_blocks >= 64 * MIB / 512);
	CHECK_SYS(close(fd));
	fd = (int)CHECK_SYS(open("big", O_RDONLY));
	for (int i = 0; i < 64; i++) {
		ssize_t n = read(fd, buf, MIB);

		if (n != MIB)
			FAIL("read %d of 64 MiB: %zd (%s)", i, n, ulib_errname(errno));
		h_in = sum(buf, MIB / 8, h_in);
	}
	CHECK_EQ(read(fd, buf, 1), 0);
	CHECK_SYS(close(fd));
	if (h_in != h_out)
		FAIL("checksum of what was read %016llx != written %016llx",
		     (unsigned long long)h_in, (unsigned long long)h_out);
	CHECK_SYS(unlink("big"));
	free(buf);
}

UTEST(fs_big_sparse, 0, NULL)
{
	const off_t at = 5LL << 30;
	char buf[4096], c;
	struct stat st;
	int fd;

	ut_scratch_dir();
	fd = (int)CHECK_SYS(open("sparse", O_RDWR | O_CREAT, 0644));
	CHECK_EQ(CHECK_SYS(pwrite(fd, "!", 1, at)), 1);
	CHECK_SYS(fstat(fd, &st));
	CHECK_EQ(st.st_size, at + 1);
	CHECK(st.st_blocks < 1024); /* not 5 GiB of blocks */
	static const off_t probes[] = { 0, 4096, (4LL << 30) - 1, 4LL << 30, (5LL << 30) - 4096 };
	for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		memset(buf, 1, sizeof(buf));
		CHECK_EQ(pread(fd, buf, sizeof(buf), probes[i]), sizeof(buf));
		for (size_t j = 0; j < sizeof(buf); j++)
			if (buf[j])
				FAIL("byte %lld of the hole is %d", (long long)probes[i] + (long long)j,
				     buf[j]);
	}
	CHECK_EQ(pread(fd, &c, 1, at), 1);
	CHECK_EQ(c, '!');
	CHECK_EQ(pread(fd, buf, sizeof(buf), at - 10), 11);
	CHECK_EQ(buf[10], '!');
	CHECK_EQ(lseek(fd, 0, SEEK_END), at + 1);
	CHECK_SYS(ftruncate(fd, 6LL << 30)); /* grow past it, then back below 4 GiB */
	CHECK_EQ(ut_file_size("sparse"), 6LL << 30);
	CHECK_SYS(ftruncate(fd, 100));
	CHECK_EQ(pread(fd, buf, sizeof(buf), 0), 100);
	CHECK_SYS(close(fd));
}

#define NMANY 10000

static void list_many(unsigned char *seen)
{
	char buf[8192];
	int fd = (int)CHECK_SYS(open(".", O_RDONLY | O_DIRECTORY));
	long n;

	memset(seen, 0, NMANY);
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			int i;

			if (sscanf(d->d_name, "file-%d", &i) == 1 && i >= 0 && i < NMANY)
				seen[i]++;
			else if (strcmp(d->d_name, ".") != 0 && strcmp(d->d_name, "..") != 0)
				FAIL("unexpected entry '%s'", d->d_name);
			off += d->d_reclen;
		}
	}
	CHECK_EQ(n, 0);
	CHECK_SYS(close(fd));
}

UTEST(fs_many_files, UT_SLOW, NULL)
{
	static unsigned char seen[NMANY];
	char name[32];
	struct stat st;

	ut_scratch_dir();
	for (int i = 0; i < NMANY; i++) {
		snprintf(name, sizeof(name), "file-%d", i);
		int fd = (int)CHECK_SYS(open(name, O_WRONLY | O_CREAT | O_EXCL, 0644));
		CHECK_EQ(write(fd, name, strlen(name)), (ssize_t)strlen(name));
		CHECK_SYS(close(fd));
	}
	for (int i = 0; i < NMANY; i++) {
		snprintf(name, sizeof(name), "file-%d", i);
		CHECK_SYS(stat(name, &st));
		CHECK_EQ(st.st_size, (off_t)strlen(name));
	}
	list_many(seen);
	for (int i = 0; i < NMANY; i++)
		if (seen[i] != 1)
			FAIL("file-%d listed %d times", i, seen[i]);
	for (int i = 0; i < NMANY; i++) {
		snprintf(name, sizeof(name), "file-%d", i);
		CHECK_SYS(unlink(name));
	}
	list_many(seen);
	for (int i = 0; i < NMANY; i++)
		if (seen[i])
			FAIL("file-%d still listed after unlink", i);
}

#define NPROC 4
#define OPS 300
#define NSHARED 100

/* Worker id: create p<id>-<k>; rename every 3rd to r<id>-<k>; delete every
 * 5th (whatever its name is then); race the others for s-<k> with O_EXCL. */
static void worker(int id, int *wins)
{
	char a[32], b[32];

	for (int k = 0; k < OPS; k++) {
		snprintf(a, sizeof(a), "p%d-%d", id, k);
		CHECK_SYS(close((int)CHECK_SYS(open(a, O_WRONLY | O_CREAT | O_EXCL, 0644))));
		if (k % 3 == 0) {
			snprintf(b, sizeof(b), "r%d-%d", id, k);
			CHECK_SYS(rename(a, b));
			strcpy(a, b);
		}
		if (k % 5 == 0)
			CHECK_SYS(unlink(a));
		if (k < NSHARED) {
			snprintf(b, sizeof(b), "s-%d", (k + id * 7) % NSHARED);
			int fd = open(b, O_WRONLY | O_CREAT | O_EXCL, 0644);

			if (fd >= 0) {
				__atomic_fetch_add(&wins[(k + id * 7) % NSHARED], 1, __ATOMIC_SEQ_CST);
				CHECK_SYS(close(fd));
			} else if (errno != EEXIST) {
				FAIL("open(%s, O_EXCL): %s", b, ulib_errname(errno));
			}
		}
	}
}

/* The model's slot of name in the final state, or -1 if it has none. */
static int model_slot(const char *name)
{
	int id, k;

	if (sscanf(name, "s-%d", &k) == 1)
		return k >= 0 && k < NSHARED ? k : -1;
	if (sscanf(name, "p%d-%d", &id, &k) == 2 && id >= 0 && id < NPROC && k >= 0 &&
	    k < OPS && k % 3 != 0 && k % 5 != 0)
		return NSHARED + id * OPS + k;
	if (sscanf(name, "r%d-%d", &id, &k) == 2 && id >= 0 && id < NPROC && k >= 0 &&
	    k < OPS && k % 3 == 0 && k % 5 != 0)
		return NSHARED + id * OPS + k;
	return -1;
}

UTEST(fs_concurrent_dir, UT_SLOW, NULL)
{
	int *wins = ut_map_shared(NSHARED * sizeof(int));
	static unsigned char seen[NSHARED + NPROC * OPS];
	int total = 0, want = NSHARED;
	pid_t pids[NPROC];
	char buf[4096];
	long n;
	int fd;

	ut_scratch_dir();
	for (int i = 0; i < NPROC; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0) {
			worker(i, wins);
			_exit(0);
		}
	}
	for (int i = 0; i < NPROC; i++)
		ut_wait_ok(pids[i]);
	for (int k = 0; k < NSHARED; k++)
		if (wins[k] != 1)
			FAIL("s-%d was created by %d processes with O_EXCL", k, wins[k]);
	for (int k = 0; k < OPS; k++)
		want += NPROC * (k % 5 != 0);
	fd = (int)CHECK_SYS(open(".", O_RDONLY | O_DIRECTORY));
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);

			off += d->d_reclen;
			if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0)
				continue;
			int slot = model_slot(d->d_name);

			if (slot < 0)
				FAIL("'%s' is in the directory but not in the model", d->d_name);
			if (seen[slot]++)
				FAIL("'%s' listed twice", d->d_name);
			total++;
		}
	}
	CHECK_EQ(n, 0);
	CHECK_SYS(close(fd));
	CHECK_EQ(total, want); /* none twice, none unexpected: each model name once */
}
