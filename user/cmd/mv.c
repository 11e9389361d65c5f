/*
 * mv: move (rename) files.
 *
 *   mv [-fnv] SOURCE DEST
 *   mv [-fnv] SOURCE... DIR
 *
 * rename(2) when SOURCE and DEST are on one file system; across file
 * systems (EXDEV) the tree is copied (modes, times, symlinks kept) and the
 * source removed only if the whole copy succeeded.  -n does not overwrite
 * an existing DEST, -f (the default: there are no prompts) overwrites,
 * -v names each move.  A directory cannot be moved into itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "mv [-fnv] SOURCE DEST | mv [-fnv] SOURCE... DIR"

static int no_clobber, verbose;

static int move_across(const char *src, const char *dst)
{
	struct stat st, dst_st;

	if (lstat(src, &st) < 0)
		return -1;
	/* rename semantics: a non-directory DEST is replaced */
	if (lstat(dst, &dst_st) == 0 && !S_ISDIR(dst_st.st_mode) && unlink(dst) < 0)
		return -1;
	if (cmd_copy_tree(src, dst, CMD_COPY_TIMES))
		return 1;
	return cmd_remove_tree(src) ? 1 : 0;
}

static int move_one(const char *src, const char *dst)
{
	struct stat st;

	if (no_clobber && lstat(dst, &st) == 0)
		return 0;
	if (rename(src, dst) == 0) {
		if (verbose)
			printf("renamed '%s' -> '%s'\n", src, dst);
		return 0;
	}
	if (errno == EINVAL) {
		cmd_warnx("cannot move '%s' to a subdirectory of itself, '%s'", src, dst);
		return 1;
	}
	if (errno != EXDEV) {
		cmd_warn("cannot move '%s' to '%s'", src, dst);
		return 1;
	}
	int r = move_across(src, dst);
	if (r < 0)
		cmd_warn("cannot move '%s' to '%s'", src, dst);
	else if (r == 0 && verbose)
		printf("copied '%s' -> '%s'\nremoved '%s'\n", src, dst, src);
	return r != 0;
}

int main(int argc, char **argv)
{
	int c;
	struct stat st;

	while ((c = getopt(argc, argv, "fniv")) != -1) {
		switch (c) {
		case 'f': case 'i': no_clobber = 0; break;
		case 'n': no_clobber = 1; break;
		case 'v': verbose = 1; break;
		default: cmd_usage(USAGE);
		}
	}
	int n = argc - optind;
	if (n < 2)
		cmd_usage(USAGE);
	const char *last = argv[argc - 1];
	int to_dir = stat(last, &st) == 0 && S_ISDIR(st.st_mode);
	return cmd_to_target(argv + optind, n - 1, last, to_dir, move_one);
}
