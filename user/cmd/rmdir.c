/*
 * rmdir: remove empty directories.
 *
 *   rmdir [-p] DIR...
 *
 * -p also removes each parent named in DIR (a/b/c, then a/b, then a),
 * stopping at the first that cannot be removed.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

int main(int argc, char **argv)
{
	int c, parents = 0, status = 0;

	while ((c = getopt(argc, argv, "p")) != -1) {
		if (c != 'p')
			cmd_usage("rmdir [-p] DIR...");
		parents = 1;
	}
	if (optind == argc)
		cmd_usage("rmdir [-p] DIR...");
	for (int i = optind; i < argc; i++) {
		char *path = argv[i];

		if (rmdir(path) < 0) {
			cmd_warn("failed to remove '%s'", path);
			status = 1;
			continue;
		}
		while (parents) {
			size_t len = strlen(path);
			while (len > 1 && path[len - 1] == '/')
				len--;
			char *slash = memrchr(path, '/', len);
			if (!slash || slash == path)
				break;
			*slash = '\0';
			if (rmdir(path) < 0) {
				cmd_warn("failed to remove '%s'", path);
				status = 1;
				break;
			}
		}
	}
	return status;
}
