/*
 * tail: print the last lines (or bytes) of files.
 *
 *   tail [-n [+]N | -c [+]N] [-f] [-qv] [FILE]...
 *
 * -n N: the last N lines (default 10); -n +N: from line N on; -c the same
 * in bytes.  -f: after the end, keep reading the (single or last) file
 * once a second for what is appended (ended by a signal).
 *
 * Memory: "+N" streams; "last N" keeps only the last N lines (a ring of
 * line buffers) or N bytes, so a pipe of any length works.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "tail [-n [+]LINES | -c [+]BYTES] [-fqv] [FILE]..."

static unsigned long long count = 10;
static int by_bytes, from_start;

static void out(const void *p, size_t n)
{
	if (cmd_write_all(1, p, n) < 0) {
		cmd_warn("write error");
		exit(1);
	}
}

/* +N: skip N-1 lines/bytes, copy the rest. */
static int tail_from(int fd)
{
	static char buf[CMD_BUFSZ];
	unsigned long long skip = count ? count - 1 : 0;
	ssize_t n;

	while ((n = cmd_read(fd, buf, sizeof(buf))) > 0) {
		size_t i = 0;
		if (by_bytes) {
			i = skip < (unsigned long long)n ? (size_t)skip : (size_t)n;
			skip -= i;
		} else {
			while (skip > 0 && i < (size_t)n)
				if (buf[i++] == '\n')
					skip--;
		}
		out(buf + i, (size_t)n - i);
	}
	return n < 0 ? -1 : 0;
}

/* Last N bytes: a ring of N bytes. */
static int tail_bytes(int fd)
{
	char *ring = malloc(count ? count : 1);
	unsigned long long seen = 0;
	char buf[4096];
	ssize_t n;

	if (!ring)
		return -1;
	while ((n = cmd_read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n && count; i++)
			ring[seen++ % count] = buf[i];
	unsigned long long have = seen < count ? seen : count;
	for (unsigned long long k = seen - have; k < seen; k++)
		out(&ring[k % count], 1);
	free(ring);
	return n < 0 ? -1 : 0;
}

/* Last N lines: getline into a ring of N lines. */
static int tail_lines(int fd)
{
	FILE *f = fdopen(dup(fd), "r");
	char **ring = calloc(count ? count : 1, sizeof(char *));
	size_t *cap = calloc(count ? count : 1, sizeof(size_t));
	ssize_t *len = calloc(count ? count : 1, sizeof(ssize_t));
	unsigned long long seen = 0;
	int ret = 0;

	if (!f || !ring || !cap || !len)
		return -1;
	if (count) {
		ssize_t n;

		while ((n = getline(&ring[seen % count], &cap[seen % count], f)) >= 0)
			len[seen++ % count] = n;
		ret = ferror(f) ? -1 : 0;
		unsigned long long have = seen < count ? seen : count;
		for (unsigned long long k = seen - have; k < seen; k++)
			out(ring[k % count], (size_t)len[k % count]);
		for (unsigned long long k = 0; k < count; k++)
			free(ring[k]);
	}
	fclose(f);
	free(ring), free(cap), free(len);
	return ret;
}

static void follow(int fd)
{
	static char buf[CMD_BUFSZ];

	for (;;) {
		ssize_t n = cmd_read(fd, buf, sizeof(buf));
		if (n > 0)
			out(buf, (size_t)n);
		else
			sleep(1);
	}
}

static void parse_count(const char *s)
{
	char *end;

	from_start = s[0] == '+';
	if (s[0] == '+' || s[0] == '-')
		s++;
	errno = 0;
	count = strtoull(s, &end, 10);
	if (end == s || *end || errno) {
		cmd_warnx("invalid number: '%s'", s);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	int c, headers = -1, status = 0, shown = 0, follow_mode = 0, last_fd = -1;

	while ((c = getopt(argc, argv, "n:c:fqv")) != -1) {
		switch (c) {
		case 'n': case 'c': by_bytes = c == 'c'; parse_count(optarg); break;
		case 'f': follow_mode = 1; break;
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
		if (headers) {
			char h[4200];
			int n = snprintf(h, sizeof(h), "%s==> %s <==\n", shown++ ? "\n" : "",
					 strcmp(path, "-") ? path : "standard input");
			out(h, (size_t)n < sizeof(h) ? (size_t)n : sizeof(h) - 1);
		}
		int r = from_start ? tail_from(fd) : by_bytes ? tail_bytes(fd) : tail_lines(fd);
		if (r < 0) {
			cmd_warn("error reading '%s'", path);
			status = 1;
		}
		if (last_fd > 0)
			close(last_fd);
		last_fd = fd;
	}
	if (follow_mode && last_fd >= 0)
		follow(last_fd);
	return status;
}
