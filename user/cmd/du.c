/*
 * du: estimate file space usage.
 *
 *   du [-ahkbcsx] [-d N] [FILE]...
 *
 * Prints the space used (st_blocks, in 1 KiB units rounded up; -h human,
 * -b apparent size in bytes) of every directory under each FILE (default
 * "."), after its contents; -a every file too, -s only each FILE's total,
 * -d N only down to depth N, -c a grand total, -x stays on one file
 * system.  A file with several hard links counts once.  Entries come in
 * directory order (as GNU's).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "du [-ahkbcsx] [-d DEPTH] [FILE]..."
#define MAX_DEPTH 4096

static int all, human, apparent, grand, one_fs, status;
static long max_depth = -1;
static unsigned long long sums[MAX_DEPTH + 1]; /* per open directory, by depth */
static dev_t root_dev;
static void *seen; /* tsearch tree of (dev, ino) with nlink > 1 */

struct devino { dev_t dev; ino_t ino; };

static int devino_cmp(const void *a, const void *b)
{
	const struct devino *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

static unsigned long long size_of(const struct stat *st)
{
	if (!S_ISDIR(st->st_mode) && st->st_nlink > 1) {
		struct devino *k = malloc(sizeof(*k));
		k->dev = st->st_dev, k->ino = st->st_ino;
		if (*(struct devino **)tsearch(k, &seen, devino_cmp) != k) {
			free(k);
			return 0; /* counted already */
		}
	}
	return apparent ? (unsigned long long)st->st_size : (unsigned long long)st->st_blocks * 512;
}

static void report(unsigned long long bytes, const char *path)
{
	char h[24];

	if (human)
		printf("%s\t%s\n", cmd_human(bytes, h), path);
	else if (apparent)
		printf("%llu\t%s\n", bytes, path);
	else
		printf("%llu\t%s\n", (bytes + 1023) / 1024, path);
}

static int walk_fn(const char *path, const struct stat *st, int phase, int depth, void *arg)
{
	(void)arg;
	if (depth > MAX_DEPTH)
		return CMD_WALK_SKIP;
	if (phase == CMD_WALK_PRE) {
		if (one_fs && st->st_dev != root_dev)
			return CMD_WALK_SKIP;
		sums[depth] = size_of(st);
		if (S_ISDIR(st->st_mode))
			return 0;
	}
	/* a file, or a directory whose children are summed into sums[depth] */
	int shown = max_depth < 0 || depth <= max_depth;
	if (shown && (S_ISDIR(st->st_mode) || all || depth == 0))
		report(sums[depth], path);
	if (depth > 0)
		sums[depth - 1] += sums[depth];
	return 0;
}

static void walk_err(const char *path, int err, void *arg)
{
	(void)arg;
	errno = err;
	cmd_warn("cannot read '%s'", path);
	status = 1;
}

int main(int argc, char **argv)
{
	int c;
	unsigned long long total = 0;

	while ((c = getopt(argc, argv, "ahkbcsxd:")) != -1) {
		switch (c) {
		case 'a': all = 1; break;
		case 'h': human = 1; break;
		case 'k': human = apparent = 0; break;
		case 'b': apparent = 1; break;
		case 'c': grand = 1; break;
		case 's': max_depth = 0; break;
		case 'x': one_fs = 1; break;
		case 'd': {
			char *end;
			max_depth = strtol(optarg, &end, 10);
			if (*end || end == optarg || max_depth < 0) {
				cmd_warnx("invalid maximum depth '%s'", optarg);
				cmd_usage(USAGE);
			}
			break;
		}
		default: cmd_usage(USAGE);
		}
	}
	char *dot[] = { ".", NULL };
	char **ops = optind < argc ? argv + optind : dot;
	for (; *ops; ops++) {
		struct stat st;
		struct cmd_walk_ops wo = { .fn = walk_fn, .err = walk_err, .max_depth = -1 };
		if (lstat(*ops, &st) < 0) {
			cmd_warn("cannot access '%s'", *ops);
			status = 1;
			continue;
		}
		root_dev = st.st_dev;
		sums[0] = 0;
		cmd_walk(*ops, &wo, NULL);
		total += sums[0];
	}
	if (grand)
		report(total, "total");
	return status;
}
