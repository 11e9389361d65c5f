/*
 * crashcheck: the guest half of the crash tests' checks (docs/crash.md).
 *
 *   crashcheck -M DEV -e EXPDEV
 *
 * Mounts DEV (ext2) on /mnt -- which replays the journal of a crash image
 * -- reads the expectations that scripts/crash/expect.py wrote as text at
 * the start of the raw device EXPDEV:
 *
 *   CRASHEXPECT v1 root=DIR marker=K
 *   PATH ALT [ALT...]           one line per checked path (relative to DIR)
 *   END
 *
 * where ALT is E:SIZE:CRC (exactly this content), P:SIZE:CRC (at least SIZE
 * bytes whose first SIZE have this CRC: an append may have landed), A
 * (absent) or D (a directory). It prints "CRASHCHECK PASS PATH" or
 * "CRASHCHECK FAIL PATH: what was found", then "CRASHCHECK DONE pass=N
 * fail=M", unmounts, and exits with 0 iff M is 0 and the umount worked.
 * Without ext2 in /proc/filesystems: "CRASHCHECK SKIP: needs the ext2
 * driver", exit 0. Device nodes /dev/vdX are made when missing.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "ulib.h"

#define EXP_MAX (1 << 20)


static int make_node(const char *dev)
{
	mkdir("/dev", 0755);
	if (access(dev, F_OK) == 0 || strncmp(dev, "/dev/vd", 7) != 0)
		return 0;
	return mknod(dev, S_IFBLK | 0600, makedev(254, 16 * (unsigned)(dev[7] - 'a')));
}

static int has_ext2(void)
{
	char line[128];
	int found = 0;
	FILE *fs;

	mkdir("/proc", 0555);
	fs = fopen("/proc/filesystems", "r");
	if (!fs && mount("proc", "/proc", "proc", 0, NULL) == 0)
		fs = fopen("/proc/filesystems", "r");
	while (fs && fgets(line, sizeof(line), fs))
		if (strstr(line, "ext2"))
			found = 1;
	if (fs)
		fclose(fs);
	return found;
}

/* The CRC of the first `len` bytes of fd; -1 on a read error or short file. */
static int64_t crc_prefix(int fd, uint64_t len)
{
	static unsigned char buf[16384];
	uint32_t crc = 0;

	while (len) {
		ssize_t n = read(fd, buf, len < sizeof(buf) ? (size_t)len : sizeof(buf));

		if (n <= 0)
			return -1;
		crc = ulib_crc32(crc, buf, (size_t)n);
		len -= (uint64_t)n;
	}
	return crc;
}

/* Does the file at path match one ALT token? found: what was seen. */
static int alt_matches(const char *path, const char *alt, char *found, size_t fsize)
{
	unsigned long long size = 0;
	unsigned long crc = 0;
	struct stat st;
	int64_t got;
	int fd;

	if (lstat(path, &st) != 0) {
		snprintf(found, fsize, "absent (%s)", ulib_errname(errno));
		return alt[0] == 'A' && errno == ENOENT;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(found, fsize, "a directory");
		return alt[0] == 'D';
	}
	if (alt[0] != 'E' && alt[0] != 'P')
		goto describe;
	if (sscanf(alt + 2, "%llu:%lu", &size, &crc) != 2)
		return 0;
	if (alt[0] == 'E' ? (uint64_t)st.st_size != size : (uint64_t)st.st_size < size)
		goto describe;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		goto describe;
	got = crc_prefix(fd, size);
	close(fd);
	snprintf(found, fsize, "size %lld, crc of %llu bytes %lld", (long long)st.st_size,
		 size, (long long)got);
	return got == (int64_t)crc;
describe:
	snprintf(found, fsize, "mode 0%o size %lld", st.st_mode, (long long)st.st_size);
	return 0;
}

/* One expectation line: "PATH ALT...". Returns 1 on PASS. */
static int check_line(const char *root, char *line)
{
	char *save = NULL, *rel = strtok_r(line, " ", &save), *alt;
	char path[512], found[160] = "nothing matched";

	snprintf(path, sizeof(path), "/mnt/%s/%s", root, rel);
	while ((alt = strtok_r(NULL, " ", &save)) != NULL) {
		if (alt_matches(path, alt, found, sizeof(found))) {
			ulib_print(1, "CRASHCHECK PASS %s\n", rel);
			return 1;
		}
	}
	ulib_print(1, "CRASHCHECK FAIL %s: found %s\n", rel, found);
	return 0;
}

static char *read_expectations(const char *dev)
{
	char *buf = calloc(1, EXP_MAX + 1);
	ssize_t n;
	int fd;

	if (!buf || make_node(dev) != 0 || (fd = open(dev, O_RDONLY)) < 0)
		return NULL;
	n = read(fd, buf, EXP_MAX);
	close(fd);
	if (n <= 0 || strncmp(buf, "CRASHEXPECT v1 ", 15) != 0 || !strstr(buf, "\nEND\n"))
		return NULL;
	*strstr(buf, "\nEND\n") = '\0';
	return buf;
}

int main(int argc, char **argv)
{
	const char *dev = NULL, *exp = NULL;
	char root[128], *text, *line, *save = NULL;
	int c, pass = 0, fail = 0;

	while ((c = getopt(argc, argv, "M:e:")) != -1) {
		if (c == 'M')
			dev = optarg;
		else if (c == 'e')
			exp = optarg;
		else
			goto usage;
	}
	if (!dev || !exp)
		goto usage;
	if (!has_ext2()) {
		ulib_print(1, "CRASHCHECK SKIP: needs the ext2 driver\n");
		return 0;
	}
	text = read_expectations(exp);
	if (!text || sscanf(text, "CRASHEXPECT v1 root=%127s", root) != 1) {
		ulib_print(1, "CRASHCHECK error: no expectations on %s\n", exp);
		return 1;
	}
	mkdir("/mnt", 0755);
	if (make_node(dev) != 0 || mount(dev, "/mnt", "ext2", 0, NULL) != 0) {
		ulib_print(1, "CRASHCHECK error: mount %s: %s\n", dev, ulib_errname(errno));
		return 1;
	}
	ulib_print(1, "CRASHCHECK mounted %s\n", dev);
	strtok_r(text, "\n", &save);		/* the header */
	while ((line = strtok_r(NULL, "\n", &save)) != NULL)
		check_line(root, line) ? pass++ : fail++;
	ulib_print(1, "CRASHCHECK DONE pass=%d fail=%d\n", pass, fail);
	if (umount("/mnt") != 0) {
		ulib_print(1, "CRASHCHECK error: umount: %s\n", ulib_errname(errno));
		return 1;
	}
	ulib_print(1, "CRASHCHECK umounted\n");
	return fail ? 1 : 0;
usage:
	ulib_print(2, "usage: crashcheck -M DEV -e EXPDEV\n");
	return 2;
}
