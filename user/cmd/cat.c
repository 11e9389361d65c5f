/*
 * cat: concatenate files to standard output.
 *
 *   cat [-nu] [FILE]...     "-" or no FILE is standard input
 *
 * Streams in 64 KiB chunks (read/write, no stdio) unless -n numbers the
 * lines.  A file that cannot be read is reported and skipped; the exit
 * status is then 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

static int number_lines;
static unsigned long line_no = 1;
static int at_line_start = 1;

/* cat -n: "%6lu\t" before every line, counted across all files as GNU does. */
static int cat_numbered(int fd)
{
	static char buf[CMD_BUFSZ];
	ssize_t n;

	while ((n = cmd_read(fd, buf, sizeof(buf))) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			if (at_line_start)
				printf("%6lu\t", line_no++);
			putchar(buf[i]);
			at_line_start = buf[i] == '\n';
		}
	}
	return n < 0 ? -1 : 0;
}

static int cat_one(const char *path)
{
	int fd = cmd_open_in(path);
	int ret;

	if (fd < 0) {
		cmd_warn("%s", path);
		return 1;
	}
	if (number_lines) {
		ret = cat_numbered(fd);
	} else {
		ret = cmd_copy_fd(fd, 1);
	}
	if (ret < 0)
		cmd_warn("%s", path);
	if (fd != 0)
		close(fd);
	return ret < 0;
}

int main(int argc, char **argv)
{
	int c, status = 0;

	while ((c = getopt(argc, argv, "nu")) != -1) {
		switch (c) {
		case 'n':
			number_lines = 1;
			break;
		case 'u':
			break; /* output is never buffered across reads anyway */
		default:
			cmd_usage("cat [-nu] [FILE]...");
		}
	}
	if (optind == argc)
		status |= cat_one("-");
	for (int i = optind; i < argc; i++)
		status |= cat_one(argv[i]);
	if (fflush(stdout) == EOF) {
		cmd_warn("write error");
		status = 1;
	}
	return status;
}
