/*
 * sync: write every dirty buffer to disk.
 *
 *   sync              sync(2): every file system
 *   sync [-f|-d] FILE...
 *                     fsync(2) each FILE (-d: fdatasync; -f: syncfs of the
 *                     file system that holds it)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmdsys.h"

int main(int argc, char **argv)
{
	int opt, mode = 0, status = 0;

	while ((opt = getopt(argc, argv, "fd")) != -1) {
		if (opt == '?')
			cs_usage("sync [-f|-d] [FILE]...");
		mode = opt;
	}
	if (optind == argc) {
		if (mode)
			cs_usage("sync [-f|-d] [FILE]...");
		sync();
		return 0;
	}
	for (int i = optind; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY | O_NONBLOCK | O_CLOEXEC), r;

		if (fd < 0) {
			fprintf(stderr, "sync: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		r = mode == 'f' ? syncfs(fd) : mode == 'd' ? fdatasync(fd) : fsync(fd);
		if (r != 0) {
			fprintf(stderr, "sync: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
		close(fd);
	}
	return status;
}
