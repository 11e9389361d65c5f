/*
 * ln: make links.
 *
 *   ln [-sfnv] TARGET [LINK]      LINK defaults to TARGET's last component
 *   ln [-sfnv] TARGET... DIR      links named after each TARGET in DIR
 *
 * Hard links by default, -s symbolic (TARGET stored as given), -f removes
 * an existing LINK first, -n treats a LINK that is a symlink to a
 * directory as a file (does not link inside it), -v names each link.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "ln [-sfnv] TARGET [LINK] | ln [-sfnv] TARGET... DIR"

static int symbolic, force, no_deref, verbose;

static int is_dir(const char *path)
{
	struct stat st;

	if (no_deref && lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
		return 0;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int link_one(const char *target, const char *link)
{
	if (force && unlink(link) < 0 && errno != ENOENT) {
		cmd_warn("cannot remove '%s'", link);
		return 1;
	}
	int r = symbolic ? symlink(target, link) : linkat(AT_FDCWD, target, AT_FDCWD, link, 0);
	if (r < 0) {
		if (symbolic)
			cmd_warn("failed to create symbolic link '%s'", link);
		else
			cmd_warn("failed to create hard link '%s' => '%s'", link, target);
		return 1;
	}
	if (verbose)
		printf("'%s' -> '%s'\n", link, target);
	return 0;
}

int main(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "sfnv")) != -1) {
		switch (c) {
		case 's': symbolic = 1; break;
		case 'f': force = 1; break;
		case 'n': no_deref = 1; break;
		case 'v': verbose = 1; break;
		default: cmd_usage(USAGE);
		}
	}
	int n = argc - optind;
	if (n < 1)
		cmd_usage(USAGE);
	if (n == 1)
		return cmd_to_target(argv + optind, 1, ".", 1, link_one);
	return cmd_to_target(argv + optind, n - 1, argv[argc - 1], is_dir(argv[argc - 1]), link_one);
}
