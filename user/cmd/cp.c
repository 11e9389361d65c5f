/*
 * cp: copy files and directory trees.
 *
 *   cp [-rRpavfLP] SOURCE DEST
 *   cp [-rRpavfLP] SOURCE... DIR
 *
 * A SOURCE goes to DEST, or into DIR under its own name when the last
 * operand is a directory.  Without -r a directory is skipped with an
 * error.  -r/-R copies trees: symlinks stay symlinks (-L follows them),
 * modes are kept (also without -r: the new file gets the source's mode).
 * -p also keeps access/modify times (and owner, when permitted); -a is
 * -rp; -v names each copy; -f removes a DEST that cannot be opened and
 * tries again.  A directory is never copied into itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "cp [-rRpavfLP] SOURCE DEST | cp [-rRpavfLP] SOURCE... DIR"

static int recursive, preserve, verbose, force, deref = -1;

/* Is dst (which may not exist yet) inside the directory src? */
static int inside(const char *src, const char *dst)
{
	char rs[PATH_MAX], rd[PATH_MAX], *copy = strdup(dst);
	int r = 0;

	if (realpath(src, rs) && realpath(dirname(copy), rd)) {
		size_t n = strlen(rs);
		r = strncmp(rs, rd, n) == 0 && (rd[n] == '/' || rd[n] == '\0');
	}
	free(copy);
	return r;
}

static int copy_plain(const char *src, const char *dst)
{
	struct stat st;

	if (stat(src, &st) < 0) {
		cmd_warn("cannot stat '%s'", src);
		return 1;
	}
	if (cmd_same_file(src, dst)) {
		cmd_warnx("'%s' and '%s' are the same file", src, dst);
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		cmd_warnx("-r not specified; omitting directory '%s'", src);
		return 1;
	}
	int r = cmd_copy_file(src, dst, st.st_mode);
	if (r < 0 && force && unlink(dst) == 0)
		r = cmd_copy_file(src, dst, st.st_mode);
	if (r < 0) {
		cmd_warn("cannot copy '%s' to '%s'", src, dst);
		return 1;
	}
	if (preserve) {
		struct timespec ts[2] = { st.st_atim, st.st_mtim };
		utimensat(AT_FDCWD, dst, ts, 0);
	}
	if (verbose)
		printf("'%s' -> '%s'\n", src, dst);
	return 0;
}

static int copy_one(const char *src, const char *dst)
{
	struct stat st;

	if (!recursive)
		return copy_plain(src, dst);
	if ((deref > 0 ? stat(src, &st) : lstat(src, &st)) < 0) {
		cmd_warn("cannot stat '%s'", src);
		return 1;
	}
	if (S_ISDIR(st.st_mode) && inside(src, dst)) {
		cmd_warnx("cannot copy a directory, '%s', into itself, '%s'", src, dst);
		return 1;
	}
	if (!S_ISDIR(st.st_mode) && cmd_same_file(src, dst)) {
		cmd_warnx("'%s' and '%s' are the same file", src, dst);
		return 1;
	}
	return cmd_copy_tree(src, dst, (deref > 0 ? CMD_COPY_DEREF : 0) |
				       (preserve ? CMD_COPY_TIMES : 0) |
				       (verbose ? CMD_COPY_VERBOSE : 0));
}

int main(int argc, char **argv)
{
	int c;
	struct stat st;

	while ((c = getopt(argc, argv, "rRpavfLPd")) != -1) {
		switch (c) {
		case 'r': case 'R': recursive = 1; break;
		case 'p': preserve = 1; break;
		case 'a': recursive = preserve = 1; deref = 0; break;
		case 'v': verbose = 1; break;
		case 'f': force = 1; break;
		case 'L': deref = 1; break;
		case 'P': case 'd': deref = 0; break;
		default: cmd_usage(USAGE);
		}
	}
	int n = argc - optind;
	if (n < 2)
		cmd_usage(USAGE);
	const char *last = argv[argc - 1];
	int to_dir = stat(last, &st) == 0 && S_ISDIR(st.st_mode);
	return cmd_to_target(argv + optind, n - 1, last, to_dir, copy_one);
}
