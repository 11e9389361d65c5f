/*
 * crashwriter: the workload of the crash tests (docs/crash.md).
 *
 *   crashwriter [-s SEED] [-n OPS] [-m MARKDEV] [-M DEV] DIR
 *   crashwriter -R DEV [-s SEED] [-n OPS]
 *
 * File mode: in DIR (created if missing), a deterministic (SEED) loop of
 * OPS operations (0 = forever) -- create files of various sizes (some over
 * a page, written in pieces), append, fsync/fdatasync, rename (over
 * existing names too, across directories), unlink, mkdir, rmdir. It prints
 * to stdout, unbuffered, paths relative to DIR:
 *
 *   CRASHWRITER op <create|append|rename|unlink|mkdir|rmdir> PATH [PATH2]
 *        before an operation starts changing PATH (nothing is promised)
 *   CRASHWRITER fsynced PATH SIZE CRC32
 *        after fsync (or fdatasync) of the file and fsync of its directory
 *        returned 0: PATH now durably holds SIZE bytes with that CRC
 *   CRASHWRITER renamed OLD NEW SIZE CRC32   after rename + fsync of the
 *        file and of both directories
 *   CRASHWRITER unlinked PATH   CRASHWRITER dirsynced DIR
 *   CRASHWRITER rmdired DIR     (after fsync of the parent directory)
 *   CRASHWRITER done ops=N durable=K
 *
 * New content is only ever written to fresh names (t<N>) or appended; a
 * durable file is never overwritten in place, so every crash state has a
 * checkable answer (scripts/crash/expect.py). -m MARKDEV: after each
 * durability line, "CRASHMARK <K>" (K = durability lines so far) is
 * written into the last 512 bytes of MARKDEV (a raw device or file): a
 * crash image whose marker says K has every promise 1..K in force.
 *
 * -M DEV (in the guest): mount /proc if needed; if /proc/filesystems has no
 * ext2, print "CRASHWRITER SKIP: needs the ext2 driver" and exit 0; else
 * mknod DEV (block 254:16*n for /dev/vdX) when missing, mount it (ext2) on
 * /mnt, use /mnt/DIR, MARKDEV defaults to DEV; at the end sync and umount.
 *
 * Raw mode (-R): writes seeded regions one after the other from the start
 * of DEV, syncing (fsync, else ioctl BLKFLSBUF) every few writes, then
 * printing "CRASHWRITER rawsynced OFFSET LEN CRC32" per region and the
 * marker -- the real log the replayer's tests use (no file system needed).
 *
 * Runs on a host too (any directory, -m a plain file) for the self-check.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "ulib.h"

#define NFINAL 8
#define MAXFILES 64
#define MARK_SIZE 512
#define CW_BLKFLSBUF _IO(0x12, 97)
#define CW_BLKGETSIZE64 _IOR(0x12, 114, size_t)	/* Linux's BLKGETSIZE64 */

struct cwfile {
	char name[32];
	uint64_t size;
	uint32_t crc;
};

static struct cwfile files[MAXFILES];
static int nfiles;
static int dir_exists[2];
static unsigned long durable, next_tmp;
static uint64_t rng;
static int mark_fd = -1;
static off_t mark_off;
static char root[256];


static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static void die(const char *what, const char *path)
{
	ulib_print(1, "CRASHWRITER error %s %s: %s\n", what, path, ulib_errname(errno));
	exit(1);
}

static void full_path(const char *rel, char *buf, size_t size)
{
	if ((size_t)snprintf(buf, size, "%s/%s", root, rel) >= size)
		die("path too long", rel);
}

static void put_mark(void)
{
	char buf[MARK_SIZE];

	if (mark_fd < 0)
		return;
	memset(buf, 0, sizeof(buf));
	snprintf(buf, sizeof(buf), "CRASHMARK %lu\n", durable);
	if (pwrite(mark_fd, buf, sizeof(buf), mark_off) != (ssize_t)sizeof(buf))
		die("pwrite", "marker");
}

/* A durability line: count it and move the marker. */
static void promise(const char *fmt, const char *a, const char *b, uint64_t size, uint32_t crc)
{
	durable++;
	if (b)
		ulib_print(1, fmt, a, b, (unsigned long long)size, crc);
	else
		ulib_print(1, fmt, a, (unsigned long long)size, crc);
	put_mark();
}

/*
 * fsync or fdatasync fd. A kernel without the call (ENOSYS), or a file
 * system without fsync on directories (EINVAL for a directory), gets
 * sync(2), which promises at least as much, and one note line saying so
 * (tests/run.py shows it).
 */
static void sync_fd(int fd, int data_only, int is_dir, const char *what)
{
	static int noted[2];

	if ((data_only ? fdatasync(fd) : fsync(fd)) == 0)
		return;
	if (errno != ENOSYS && !(is_dir && errno == EINVAL))
		die(data_only ? "fdatasync" : "fsync", what);
	if (!noted[is_dir]++)
		ulib_print(1, "CRASHWRITER note: %s of a %s: %s, using sync\n",
			   data_only ? "fdatasync" : "fsync", is_dir ? "directory" : "file",
			   ulib_errname(errno));
	sync();
}

/* fsync the directory holding rel ("" parent = root). */
static void sync_dir_of(const char *rel)
{
	char dir[300];
	const char *slash = strrchr(rel, '/');
	int fd;

	if ((size_t)snprintf(dir, sizeof(dir), "%s/%.*s", root,
			     slash ? (int)(slash - rel) : 0, rel) >= sizeof(dir))
		die("path too long", rel);
	fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		die("open", dir);
	sync_fd(fd, 0, 1, dir);
	close(fd);
}

/* Seeded bytes: write len of them at the end of fd, updating f. */
static void write_bytes(int fd, struct cwfile *f, uint64_t len)
{
	static unsigned char buf[16384];

	while (len) {
		size_t n = len < sizeof(buf) ? (size_t)len : sizeof(buf);

		for (size_t i = 0; i < n; i++)
			buf[i] = (unsigned char)(rnd() >> 24);
		if (ulib_write_all(fd, buf, n) != 0)
			die("write", f->name);
		f->crc = ulib_crc32(f->crc, buf, n);
		f->size += n;
		len -= n;
	}
}

static uint64_t pick_size(void)
{
	static const uint64_t sizes[] = { 0, 1, 100, 4095, 4096, 5000, 8192 + 17, 40000, 70000 };

	return sizes[below(sizeof(sizes) / sizeof(sizes[0]))];
}

static void op_line(const char *op, const char *a, const char *b)
{
	if (b)
		ulib_print(1, "CRASHWRITER op %s %s %s\n", op, a, b);
	else
		ulib_print(1, "CRASHWRITER op %s %s\n", op, a);
}

static int find_file(const char *name)
{
	for (int i = 0; i < nfiles; i++)
		if (strcmp(files[i].name, name) == 0)
			return i;
	return -1;
}

static void drop_file(int i)
{
	files[i] = files[--nfiles];
}

/* Create t<N>, write it in one to three pieces; maybe fsync + promise. */
static void op_create(void)
{
	struct cwfile *f;
	char path[300];
	int fd, pieces = 1 + (int)below(3);

	if (nfiles >= MAXFILES)
		return;
	f = &files[nfiles++];
	memset(f, 0, sizeof(*f));
	snprintf(f->name, sizeof(f->name), "t%lu", next_tmp++);
	op_line("create", f->name, NULL);
	full_path(f->name, path, sizeof(path));
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	if (fd < 0)
		die("create", path);
	for (int i = 0; i < pieces; i++)
		write_bytes(fd, f, pick_size());
	if (below(10) < 7) {
		sync_fd(fd, (int)below(2), 0, f->name);
		sync_dir_of(f->name);
		promise("CRASHWRITER fsynced %s %llu %u\n", f->name, NULL, f->size, f->crc);
	}
	close(fd);
}

static void op_append(void)
{
	struct cwfile *f;
	char path[300];
	int fd;

	if (!nfiles)
		return;
	f = &files[below((uint64_t)nfiles)];
	op_line("append", f->name, NULL);
	full_path(f->name, path, sizeof(path));
	fd = open(path, O_WRONLY | O_APPEND);
	if (fd < 0)
		die("open", path);
	write_bytes(fd, f, 1 + below(9000));
	if (below(10) < 6) {
		sync_fd(fd, (int)below(2), 0, f->name);
		sync_dir_of(f->name);
		promise("CRASHWRITER fsynced %s %llu %u\n", f->name, NULL, f->size, f->crc);
	}
	close(fd);
}

/* A final name: f0..f5 in DIR, or g0/g1 in an existing d0/d1. */
static int pick_target(char *buf, size_t size)
{
	unsigned k = (unsigned)below(NFINAL);

	if (k < 6) {
		snprintf(buf, size, "f%u", k);
		return 0;
	}
	k -= 6;
	if (!dir_exists[k])
		return -1;
	snprintf(buf, size, "d%u/g%u", k, (unsigned)below(2));
	return 0;
}

static void op_rename(void)
{
	char to[32], a[300], b[300];
	struct cwfile *f;
	int victim;

	if (!nfiles || pick_target(to, sizeof(to)) != 0)
		return;
	f = &files[below((uint64_t)nfiles)];
	if (strcmp(f->name, to) == 0)
		return;
	op_line("rename", f->name, to);
	full_path(f->name, a, sizeof(a));
	full_path(to, b, sizeof(b));
	if (rename(a, b) != 0)
		die("rename", a);
	victim = find_file(to);
	if (victim >= 0) {
		drop_file(victim);
		if (f == &files[nfiles])	/* moved by drop_file */
			f = &files[victim];
	}
	{
		char old[32];

		snprintf(old, sizeof(old), "%s", f->name);
		snprintf(f->name, sizeof(f->name), "%s", to);
		if (below(10) < 6) {
			int fd = open(b, O_RDONLY);

			if (fd < 0)
				die("open", b);
			sync_fd(fd, 0, 0, to);
			close(fd);
			sync_dir_of(old);
			sync_dir_of(to);
			promise("CRASHWRITER renamed %s %s %llu %u\n", old, to, f->size, f->crc);
		}
	}
}

static void op_unlink(void)
{
	char path[300], name[32];
	int i;

	if (!nfiles)
		return;
	i = (int)below((uint64_t)nfiles);
	snprintf(name, sizeof(name), "%s", files[i].name);
	op_line("unlink", name, NULL);
	full_path(name, path, sizeof(path));
	if (unlink(path) != 0)
		die("unlink", path);
	drop_file(i);
	if (below(10) < 6) {
		sync_dir_of(name);
		durable++;
		ulib_print(1, "CRASHWRITER unlinked %s\n", name);
		put_mark();
	}
}

/* mkdir or rmdir d0/d1 (rmdir only when no file is in it). */
static void op_dir(void)
{
	unsigned k = (unsigned)below(2);
	char name[8], path[300], prefix[8];

	snprintf(name, sizeof(name), "d%u", k);
	snprintf(prefix, sizeof(prefix), "d%u/", k);
	full_path(name, path, sizeof(path));
	if (!dir_exists[k]) {
		op_line("mkdir", name, NULL);
		if (mkdir(path, 0755) != 0)
			die("mkdir", path);
		dir_exists[k] = 1;
		sync_dir_of(name);
		durable++;
		ulib_print(1, "CRASHWRITER dirsynced %s\n", name);
		put_mark();
		return;
	}
	for (int i = 0; i < nfiles; i++)
		if (strncmp(files[i].name, prefix, strlen(prefix)) == 0)
			return;
	op_line("rmdir", name, NULL);
	if (rmdir(path) != 0)
		die("rmdir", path);
	dir_exists[k] = 0;
	sync_dir_of(name);
	durable++;
	ulib_print(1, "CRASHWRITER rmdired %s\n", name);
	put_mark();
}

static void file_loop(unsigned long ops)
{
	for (unsigned long i = 0; ops == 0 || i < ops; i++) {
		unsigned r = (unsigned)below(100);

		if (r < 35)
			op_create();
		else if (r < 55)
			op_append();
		else if (r < 75)
			op_rename();
		else if (r < 90)
			op_unlink();
		else
			op_dir();
	}
	ulib_print(1, "CRASHWRITER done ops=%lu durable=%lu\n", ops, durable);
}

/* /dev/vdX (block 254:16*X) when it is missing. */
static void make_node(const char *dev)
{
	mkdir("/dev", 0755);
	if (access(dev, F_OK) != 0 && strncmp(dev, "/dev/vd", 7) == 0 &&
	    mknod(dev, S_IFBLK | 0600, makedev(254, 16 * (unsigned)(dev[7] - 'a'))) != 0)
		die("mknod", dev);
}

static int open_mark(const char *dev)
{
	uint64_t bytes = 0;

	make_node(dev);
	mark_fd = open(dev, O_RDWR);
	if (mark_fd < 0)
		die("open", dev);
	if (ioctl(mark_fd, CW_BLKGETSIZE64, &bytes) == 0)
		mark_off = (off_t)bytes;
	else
		mark_off = lseek(mark_fd, 0, SEEK_END);
	if (mark_off < MARK_SIZE * 2)
		die("size", dev);
	mark_off -= MARK_SIZE;
	return 0;
}

/* Raw mode: regions back to back from offset 0, a sync every 1..4 writes. */
static void raw_loop(const char *dev, unsigned long ops)
{
	static unsigned char buf[65536];
	uint64_t off = 0, pend_off[4], pend_len[4];
	uint32_t pend_crc[4];
	int npend = 0, fd;

	open_mark(dev);
	fd = mark_fd;
	for (unsigned long i = 0; ops == 0 || i < ops; i++) {
		uint64_t len = 512 * (1 + below(sizeof(buf) / 512));

		if (off + len > (uint64_t)mark_off)
			break;
		for (size_t j = 0; j < len; j++)
			buf[j] = (unsigned char)(rnd() >> 24);
		if (pwrite(fd, buf, len, (off_t)off) != (ssize_t)len)
			die("pwrite", dev);
		pend_off[npend] = off;
		pend_len[npend] = len;
		pend_crc[npend++] = ulib_crc32(0, buf, len);
		off += len;
		if (npend == 4 || below(3) == 0) {
			if (fsync(fd) != 0 && ioctl(fd, CW_BLKFLSBUF, 0) != 0)
				die("flush", dev);
			for (int j = 0; j < npend; j++) {
				durable++;
				ulib_print(1, "CRASHWRITER rawsynced %llu %llu %u\n",
					   (unsigned long long)pend_off[j],
					   (unsigned long long)pend_len[j], pend_crc[j]);
			}
			npend = 0;
			put_mark();
		}
	}
	ulib_print(1, "CRASHWRITER done ops=%lu durable=%lu\n", ops, durable);
}

/* -M: the guest's preparations; returns 1 when ext2 is missing. */
static int guest_mount(const char *dev)
{
	char line[128];
	int has_ext2 = 0;
	FILE *fs;

	mkdir("/proc", 0555);
	fs = fopen("/proc/filesystems", "r");
	if (!fs && mount("proc", "/proc", "proc", 0, NULL) == 0)
		fs = fopen("/proc/filesystems", "r");
	while (fs && fgets(line, sizeof(line), fs))
		if (strstr(line, "ext2"))
			has_ext2 = 1;
	if (fs)
		fclose(fs);
	if (!has_ext2) {
		ulib_print(1, "CRASHWRITER SKIP: needs the ext2 driver\n");
		return 1;
	}
	mkdir("/dev", 0755);
	make_node(dev);
	mkdir("/mnt", 0755);
	if (mount(dev, "/mnt", "ext2", 0, NULL) != 0)
		die("mount", dev);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mark = NULL, *mdev = NULL, *raw = NULL;
	unsigned long ops = 200, seed = 1;
	int c;

	while ((c = getopt(argc, argv, "s:n:m:M:R:")) != -1) {
		switch (c) {
		case 's': seed = strtoul(optarg, NULL, 0); break;
		case 'n': ops = strtoul(optarg, NULL, 0); break;
		case 'm': mark = optarg; break;
		case 'M': mdev = optarg; break;
		case 'R': raw = optarg; break;
		default: goto usage;
		}
	}
	rng = 0x9e3779b97f4a7c15ull ^ (seed * 0x2545f4914f6cdd1dull);
	if (raw) {
		make_node(raw);
		raw_loop(raw, ops);
		return 0;
	}
	if (optind != argc - 1)
		goto usage;
	if (mdev && guest_mount(mdev))
		return 0;
	snprintf(root, sizeof(root), "%s%s", mdev ? "/mnt/" : "", argv[optind]);
	if (mkdir(root, 0755) != 0 && errno != EEXIST)
		die("mkdir", root);
	sync();		/* DIR itself durable before any promise inside it */
	if (mark || mdev)
		open_mark(mark ? mark : mdev);
	ulib_print(1, "CRASHWRITER start seed=%lu ops=%lu dir=%s\n", seed, ops, root);
	file_loop(ops);
	sync();
	if (mdev && umount("/mnt") != 0)
		die("umount", "/mnt");
	return 0;
usage:
	ulib_print(2, "usage: crashwriter [-s SEED] [-n OPS] [-m MARKDEV] [-M DEV] DIR\n"
		   "       crashwriter -R DEV [-s SEED] [-n OPS]\n");
	return 2;
}
