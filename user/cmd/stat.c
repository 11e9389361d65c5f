/*
 * stat: display file status.
 *
 *   stat [-L] [-c FORMAT] FILE...
 *
 * The default output is GNU's (File, Size/Blocks/IO Block/type, Device/
 * Inode/Links, Access mode and owners, the four times with nanoseconds).
 * Birth comes from statx(2) when the kernel fills it, else "-".  -L
 * follows symlinks.  -c prints FORMAT and a newline per file with %n name,
 * %N quoted name with "-> target", %s size, %b blocks, %B 512, %o I/O
 * block, %f raw mode (hex), %a octal mode, %A mode string, %F type,
 * %h links, %i inode, %u/%U owner id/name, %g/%G group, %d device,
 * %D device (hex), %t/%T device type major/minor (hex), %x/%y/%z/%w
 * times and %X/%Y/%Z/%W as seconds, %% a percent sign.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "stat [-L] [-c FORMAT] FILE..."

struct info {
	const char *path;
	struct stat st;
	struct timespec birth; /* tv_sec < 0: unknown */
};

static const char *type_name(mode_t m, off_t size)
{
	if (S_ISREG(m))
		return size ? "regular file" : "regular empty file";
	return S_ISDIR(m) ? "directory" : S_ISLNK(m) ? "symbolic link" : S_ISFIFO(m) ? "fifo"
		: S_ISSOCK(m) ? "socket" : S_ISCHR(m) ? "character special file"
		: S_ISBLK(m) ? "block special file" : "weird file";
}

static void put_time(struct timespec ts)
{
	struct tm tm;
	char buf[64], zone[16];

	if (ts.tv_sec < 0) {
		fputs("-", stdout);
		return;
	}
	localtime_r(&ts.tv_sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
	strftime(zone, sizeof(zone), "%z", &tm);
	printf("%s.%09ld %s", buf, ts.tv_nsec, zone);
}

static void put_name(const struct info *in, int arrow)
{
	char target[4096];
	ssize_t n;

	fputs(in->path, stdout);
	if (arrow && S_ISLNK(in->st.st_mode) && (n = readlink(in->path, target, sizeof(target) - 1)) >= 0)
		printf(" -> %.*s", (int)n, target);
}

static int get_info(const char *path, int follow, struct info *in)
{
	struct statx sx;

	in->path = path;
	in->birth.tv_sec = -1;
	if (follow ? stat(path, &in->st) : lstat(path, &in->st))
		return -1;
	if (statx(AT_FDCWD, path, follow ? 0 : AT_SYMLINK_NOFOLLOW, STATX_BTIME, &sx) == 0 &&
	    (sx.stx_mask & STATX_BTIME)) {
		in->birth.tv_sec = sx.stx_btime.tv_sec;
		in->birth.tv_nsec = sx.stx_btime.tv_nsec;
	}
	return 0;
}

static void put_default(const struct info *in)
{
	const struct stat *st = &in->st;
	char mode[11];
	int dev = S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode);

	fputs("  File: ", stdout);
	put_name(in, 1);
	printf("\n  Size: %-10lld\tBlocks: %-10lld IO Block: %-6ld %s\n", (long long)st->st_size,
	       (long long)st->st_blocks, (long)st->st_blksize, type_name(st->st_mode, st->st_size));
	printf("Device: %u,%u\tInode: %-11llu Links: ", major(st->st_dev), minor(st->st_dev),
	       (unsigned long long)st->st_ino);
	if (dev)
		printf("%-5lu Device type: %u,%u\n", (unsigned long)st->st_nlink,
		       major(st->st_rdev), minor(st->st_rdev));
	else
		printf("%lu\n", (unsigned long)st->st_nlink);
	printf("Access: (%04o/%s)  Uid: (%5u/%8s)", st->st_mode & 07777,
	       cmd_mode_string(st->st_mode, mode), st->st_uid, cmd_user_name(st->st_uid));
	printf("   Gid: (%5u/%8s)\n", st->st_gid, cmd_group_name(st->st_gid));
	fputs("Access: ", stdout), put_time(st->st_atim);
	fputs("\nModify: ", stdout), put_time(st->st_mtim);
	fputs("\nChange: ", stdout), put_time(st->st_ctim);
	fputs("\n Birth: ", stdout), put_time(in->birth);
	putchar('\n');
}

static void put_directive(const struct info *in, char c)
{
	const struct stat *st = &in->st;
	char mode[11];

	switch (c) {
	case 'n': fputs(in->path, stdout); break;
	case 'N': put_name(in, 1); break;
	case 's': printf("%lld", (long long)st->st_size); break;
	case 'b': printf("%lld", (long long)st->st_blocks); break;
	case 'B': fputs("512", stdout); break;
	case 'o': printf("%ld", (long)st->st_blksize); break;
	case 'f': printf("%x", st->st_mode); break;
	case 'a': printf("%o", st->st_mode & 07777); break;
	case 'A': fputs(cmd_mode_string(st->st_mode, mode), stdout); break;
	case 'F': fputs(type_name(st->st_mode, st->st_size), stdout); break;
	case 'h': printf("%lu", (unsigned long)st->st_nlink); break;
	case 'i': printf("%llu", (unsigned long long)st->st_ino); break;
	case 'u': printf("%u", st->st_uid); break;
	case 'U': fputs(cmd_user_name(st->st_uid), stdout); break;
	case 'g': printf("%u", st->st_gid); break;
	case 'G': fputs(cmd_group_name(st->st_gid), stdout); break;
	case 'd': printf("%llu", (unsigned long long)st->st_dev); break;
	case 'D': printf("%llx", (unsigned long long)st->st_dev); break;
	case 't': printf("%x", major(st->st_rdev)); break;
	case 'T': printf("%x", minor(st->st_rdev)); break;
	case 'x': put_time(st->st_atim); break;
	case 'y': put_time(st->st_mtim); break;
	case 'z': put_time(st->st_ctim); break;
	case 'w': put_time(in->birth); break;
	case 'X': printf("%lld", (long long)st->st_atim.tv_sec); break;
	case 'Y': printf("%lld", (long long)st->st_mtim.tv_sec); break;
	case 'Z': printf("%lld", (long long)st->st_ctim.tv_sec); break;
	case 'W': printf("%lld", (long long)(in->birth.tv_sec < 0 ? 0 : in->birth.tv_sec)); break;
	case '%': putchar('%'); break;
	default: printf("?%c", c); break;
	}
}

static void put_format(const struct info *in, const char *fmt)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%' || !fmt[1])
			putchar(*fmt);
		else
			put_directive(in, *++fmt);
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	int c, follow = 0, status = 0;
	const char *fmt = NULL;

	while ((c = getopt(argc, argv, "Lc:")) != -1) {
		switch (c) {
		case 'L': follow = 1; break;
		case 'c': fmt = optarg; break;
		default: cmd_usage(USAGE);
		}
	}
	if (optind == argc)
		cmd_usage(USAGE);
	for (int i = optind; i < argc; i++) {
		struct info in;
		if (get_info(argv[i], follow, &in) < 0) {
			cmd_warn("cannot stat '%s'", argv[i]);
			status = 1;
			continue;
		}
		if (fmt)
			put_format(&in, fmt);
		else
			put_default(&in);
	}
	return status;
}
