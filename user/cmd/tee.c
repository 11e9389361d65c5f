/*
 * tee: copy standard input to standard output and files.
 *
 *   tee [-ai] [FILE]...
 *
 * -a appends instead of truncating, -i is accepted (there are no
 * signal handlers to ignore SIGINT with yet: see docs/commands.md).  A
 * file that cannot be opened or written is reported and dropped; the rest
 * go on.  64 KiB reads; every chunk is written whole before the next read.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

int main(int argc, char **argv)
{
	static char buf[CMD_BUFSZ];
	int c, append = 0, status = 0;

	while ((c = getopt(argc, argv, "ai")) != -1) {
		if (c == 'a')
			append = 1;
		else if (c != 'i')
			cmd_usage("tee [-ai] [FILE]...");
	}
	int n = argc - optind + 1;
	int *fds = malloc(sizeof(int) * (size_t)n);
	const char **names = malloc(sizeof(char *) * (size_t)n);
	fds[0] = 1, names[0] = "standard output";
	for (int i = 1; i < n; i++) {
		names[i] = argv[optind + i - 1];
		fds[i] = open(names[i], O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
		if (fds[i] < 0) {
			cmd_warn("%s", names[i]);
			status = 1;
		}
	}
	ssize_t r;
	while ((r = cmd_read(0, buf, sizeof(buf))) > 0) {
		for (int i = 0; i < n; i++) {
			if (fds[i] >= 0 && cmd_write_all(fds[i], buf, (size_t)r) < 0) {
				cmd_warn("%s", names[i]);
				status = 1;
				if (i)
					close(fds[i]);
				fds[i] = -1;
			}
		}
	}
	if (r < 0) {
		cmd_warn("read error");
		status = 1;
	}
	for (int i = 1; i < n; i++)
		if (fds[i] >= 0 && close(fds[i]) < 0) {
			cmd_warn("%s", names[i]);
			status = 1;
		}
	return status;
}
