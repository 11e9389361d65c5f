/*
 * head: print the first lines (or bytes) of files.
 *
 *   head [-n N | -c N] [-qv] [FILE]...     -N is -n N (old style)
 *
 * Default 10 lines.  With more than one file each gets a "==> name <=="
 * header (-q never, -v always).  Streams: reads stop once enough is out.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "head [-n LINES | -c BYTES] [-qv] [FILE]..."

static long long count = 10;
static int by_bytes;

static int head_fd(int fd)
{
	static char buf[CMD_BUFSZ];
	long long left = count;
	ssize_t n;

	while (left > 0 && (n = cmd_read(fd, buf, sizeof(buf))) > 0) {
		size_t take = 0;

		if (by_bytes) {
			take = (size_t)n < (unsigned long long)left ? (size_t)n : (size_t)left;
			left -= (long long)take;
		} else {
			while (take < (size_t)n && left > 0)
				if (buf[take++] == '\n')
					left--;
		}
		if (cmd_write_all(1, buf, take) < 0) {
			cmd_warn("write error");
			exit(1);
		}
	}
	return left > 0 && n < 0 ? -1 : 0;
}

static long long parse_count(const char *s)
{
	char *end;

	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end || v < 0 || errno) {
		cmd_warnx("invalid number: '%s'", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	int c, headers = -1, status = 0, shown = 0;

	if (argc > 1 && argv[1][0] == '-' && isdigit((unsigned char)argv[1][1])) {
		count = parse_count(argv[1] + 1);
		argv[1] = argv[0];
		argv++, argc--;
	}
	while ((c = getopt(argc, argv, "n:c:qv")) != -1) {
		switch (c) {
		case 'n': case 'c':
			by_bytes = c == 'c';
			count = parse_count(optarg);
			break;
		case 'q': headers = 0; break;
		case 'v': headers = 1; break;
		default: cmd_usage(USAGE);
		}
	}
	int nfiles = argc - optind;
	if (headers < 0)
		headers = nfiles > 1;
	for (int i = optind; i < argc || (nfiles == 0 && i == optind); i++) {
		const char *path = nfiles ? argv[i] : "-";
		int fd = cmd_open_in(path);

		if (fd < 0) {
			cmd_warn("cannot open '%s' for reading", path);
			status = 1;
			continue;
		}
		if (headers)
			printf("%s==> %s <==\n", shown++ ? "\n" : "",
			       strcmp(path, "-") ? path : "standard input");
		fflush(stdout);
		if (head_fd(fd) < 0) {
			cmd_warn("error reading '%s'", path);
			status = 1;
		}
		if (fd)
			close(fd);
	}
	return status;
}
