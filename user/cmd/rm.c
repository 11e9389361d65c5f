/*
 * rm: remove files and directory trees.
 *
 *   rm [-rRfdv] FILE...
 *
 * -r removes directories and their contents (children first, no symlink
 * is followed), -f ignores missing files and never fails for them, -d
 * removes empty directories, -v names each removed file.  There are no
 * prompts.  "/" (and any path that resolves to it), "." and ".." are
 * refused, as GNU does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "rm [-rRfdv] FILE..."

static int recursive, force, dirs, verbose, status;

static void removed(const char *path, int is_dir)
{
	if (verbose)
		printf("removed %s'%s'\n", is_dir ? "directory " : "", path);
}

static int walk_fn(const char *path, const struct stat *st, int phase, int depth, void *arg)
{
	(void)depth, (void)arg;
	if (phase == CMD_WALK_PRE && S_ISDIR(st->st_mode))
		return 0; /* children first */
	int r = S_ISDIR(st->st_mode) ? rmdir(path) : unlink(path);
	if (r < 0 && !(force && errno == ENOENT)) {
		cmd_warn("cannot remove '%s'", path);
		status = 1;
	} else if (r == 0) {
		removed(path, S_ISDIR(st->st_mode));
	}
	return 0;
}

static void walk_err(const char *path, int err, void *arg)
{
	(void)arg;
	if (force && err == ENOENT)
		return;
	errno = err;
	cmd_warn("cannot remove '%s'", path);
	status = 1;
}

static int refused(const char *path)
{
	const char *base = strrchr(path, '/');
	char *real;

	base = base ? base + 1 : path;
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		cmd_warnx("refusing to remove '.' or '..' directory: skipping '%s'", path);
		return 1;
	}
	real = realpath(path, NULL);
	if (real && strcmp(real, "/") == 0) {
		free(real);
		cmd_warnx("it is dangerous to operate recursively on '%s'", path);
		cmd_warnx("refusing to remove '/'");
		return 1;
	}
	free(real);
	return 0;
}

static void rm_one(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0) {
		if (!(force && errno == ENOENT)) {
			cmd_warn("cannot remove '%s'", path);
			status = 1;
		}
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		if (refused(path)) {
			status = 1;
			return;
		}
		if (recursive) {
			struct cmd_walk_ops ops = { .fn = walk_fn, .err = walk_err, .max_depth = -1 };
			cmd_walk(path, &ops, NULL);
			return;
		}
		if (!dirs) {
			cmd_warnx("cannot remove '%s': Is a directory", path);
			status = 1;
			return;
		}
	}
	walk_fn(path, &st, CMD_WALK_POST, 0, NULL);
}

int main(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "rRfdvi")) != -1) {
		switch (c) {
		case 'r': case 'R': recursive = 1; break;
		case 'f': force = 1; break;
		case 'd': dirs = 1; break;
		case 'v': verbose = 1; break;
		case 'i': break; /* no prompts: accepted and ignored */
		default: cmd_usage(USAGE);
		}
	}
	if (optind == argc && !force)
		cmd_usage(USAGE);
	for (int i = optind; i < argc; i++)
		rm_one(argv[i]);
	return status;
}
