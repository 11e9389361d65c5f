/*
 * df: report file system space usage.
 *
 *   df [-ahkTP] [FILE]...
 *
 * One row per mounted file system from /proc/mounts (those with no blocks,
 * like /proc, only with -a), or the file systems holding each FILE.
 * Columns as GNU's: Filesystem, 1K-blocks (or Size with -h), Used,
 * Available, Use% (used / (used + available), rounded up), Mounted on;
 * -T adds Type, -P is accepted (the output is already one line per file
 * system).  Widths fit the widest value (at least GNU's minimums).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "df [-ahkTP] [FILE]..."
#define NCOL 7

enum { SRC, TYPE, SIZE, USED, AVAIL, PCENT, TARGET };

static int all, human, show_type;
static char *(*rows)[NCOL];
static size_t nrows;

static char *fmt_blocks(unsigned long long bytes)
{
	char buf[32];

	if (human)
		return strdup(cmd_human(bytes, buf));
	snprintf(buf, sizeof(buf), "%llu", (bytes + 1023) / 1024);
	return strdup(buf);
}

static int add_row(const struct mntent *m)
{
	struct statfs fs;
	char pc[8];

	if (statfs(m->mnt_dir, &fs) < 0)
		return -1;
	if (!all && fs.f_blocks == 0)
		return 0;
	unsigned long long bs = (unsigned long long)fs.f_frsize ? (unsigned long long)fs.f_frsize
								 : (unsigned long long)fs.f_bsize;
	unsigned long long used = (fs.f_blocks - fs.f_bfree) * bs, avail = fs.f_bavail * bs;
	if (used + avail)
		snprintf(pc, sizeof(pc), "%llu%%", (used * 100 + used + avail - 1) / (used + avail));
	else
		snprintf(pc, sizeof(pc), "-");
	rows = realloc(rows, (nrows + 1) * sizeof(*rows));
	char **r = rows[nrows++];
	r[SRC] = strdup(m->mnt_fsname);
	r[TYPE] = strdup(m->mnt_type);
	r[SIZE] = fmt_blocks(fs.f_blocks * bs);
	r[USED] = fmt_blocks(used);
	r[AVAIL] = fmt_blocks(avail);
	r[PCENT] = strdup(pc);
	r[TARGET] = strdup(m->mnt_dir);
	return 0;
}

static void print_table(void)
{
	static char *head[NCOL] = { "Filesystem", "Type", "1K-blocks", "Used", "Available",
				    "Use%", "Mounted on" };
	static const int minw[NCOL] = { 14, 4, 5, 5, 5, 4, 0 };
	int w[NCOL];

	if (human)
		head[SIZE] = "Size", head[AVAIL] = "Avail";
	for (int c = 0; c < NCOL; c++) {
		w[c] = (int)strlen(head[c]) > minw[c] ? (int)strlen(head[c]) : minw[c];
		for (size_t i = 0; i < nrows; i++)
			if ((int)strlen(rows[i][c]) > w[c])
				w[c] = (int)strlen(rows[i][c]);
	}
	for (size_t i = 0; i <= nrows; i++) {
		char **r = i ? rows[i - 1] : head;
		printf("%-*s", w[SRC], r[SRC]);
		if (show_type)
			printf(" %-*s", w[TYPE], r[TYPE]);
		for (int c = SIZE; c <= PCENT; c++)
			printf(" %*s", w[c], r[c]);
		printf(" %s\n", r[TARGET]);
	}
}

/* The mount holding path: the last mount table entry with its device. */
static int add_for_file(const char *path)
{
	struct stat st, mst;
	struct mntent *m, found;
	char buf[3][4096];
	int have = 0;
	FILE *f;

	if (stat(path, &st) < 0 || !(f = setmntent("/proc/mounts", "r")))
		return -1;
	while ((m = getmntent(f))) {
		if (stat(m->mnt_dir, &mst) == 0 && mst.st_dev == st.st_dev) {
			snprintf(buf[0], sizeof(buf[0]), "%s", m->mnt_fsname);
			snprintf(buf[1], sizeof(buf[1]), "%s", m->mnt_dir);
			snprintf(buf[2], sizeof(buf[2]), "%s", m->mnt_type);
			found = (struct mntent){ .mnt_fsname = buf[0], .mnt_dir = buf[1], .mnt_type = buf[2] };
			have = 1;
		}
	}
	endmntent(f);
	if (!have)
		return errno = ENOENT, -1;
	int save = all;
	all = 1;
	int r = add_row(&found);
	all = save;
	return r;
}

int main(int argc, char **argv)
{
	int c, status = 0;

	while ((c = getopt(argc, argv, "ahkTP")) != -1) {
		switch (c) {
		case 'a': all = 1; break;
		case 'h': human = 1; break;
		case 'k': human = 0; break;
		case 'T': show_type = 1; break;
		case 'P': break;
		default: cmd_usage(USAGE);
		}
	}
	if (optind < argc) {
		for (int i = optind; i < argc; i++)
			if (add_for_file(argv[i]) < 0) {
				cmd_warn("%s", argv[i]);
				status = 1;
			}
	} else {
		FILE *f = setmntent("/proc/mounts", "r");
		struct mntent *m;
		if (!f) {
			cmd_warn("cannot read /proc/mounts");
			return 1;
		}
		while ((m = getmntent(f)))
			if (add_row(m) < 0 && errno != EACCES && errno != ENOENT) {
				cmd_warn("%s", m->mnt_dir);
				status = 1;
			}
		endmntent(f);
	}
	if (nrows)
		print_table();
	return status;
}
