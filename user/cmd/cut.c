/*
 * cut: print selected parts of lines.
 *
 *   cut -b LIST [FILE]...
 *   cut -c LIST [FILE]...
 *   cut -f LIST [-d DELIM] [-s] [FILE]...
 *
 * LIST is comma-separated N, N-M, N- and -M (1-based); -c is -b (the C
 * locale has one byte per character).  With -f, fields are separated by
 * DELIM (default TAB) and printed joined by it; a line without DELIM is
 * printed whole unless -s.  Selected positions print in input order, once.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "cut -b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE]..."

struct range { unsigned long lo, hi; };
static struct range *ranges;
static int nranges;

static void parse_list(const char *list)
{
	char *copy = strdup(list), *save, *tok;

	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		struct range r = { 1, (unsigned long)-1 };
		char *end = tok, *dash = strchr(tok, '-');

		if (dash != tok)
			r.lo = strtoul(tok, &end, 10);
		if (!dash)
			r.hi = r.lo;
		else if (dash[1])
			r.hi = strtoul(dash + 1, &end, 10);
		else
			end = dash + 1;
		if (*end || r.lo == 0 || r.hi < r.lo || (dash && dash != tok && end == tok)) {
			cmd_warnx("invalid list: '%s'", list);
			cmd_usage(USAGE);
		}
		ranges = realloc(ranges, sizeof(*ranges) * (size_t)(nranges + 1));
		ranges[nranges++] = r;
	}
	free(copy);
	if (!nranges)
		cmd_usage(USAGE);
}

static int selected(unsigned long pos)
{
	for (int i = 0; i < nranges; i++)
		if (pos >= ranges[i].lo && pos <= ranges[i].hi)
			return 1;
	return 0;
}

static void cut_bytes(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (selected(i + 1))
			putchar(line[i]);
	putchar('\n');
}

static void cut_fields(const char *line, size_t len, char delim, int only_delimited)
{
	if (!memchr(line, delim, len)) {
		if (!only_delimited) {
			fwrite(line, 1, len, stdout);
			putchar('\n');
		}
		return;
	}
	const char *p = line, *end = line + len;
	int first = 1;
	for (unsigned long f = 1; p <= end; f++) {
		const char *q = memchr(p, delim, (size_t)(end - p));
		if (!q)
			q = end;
		if (selected(f)) {
			if (!first)
				putchar(delim);
			fwrite(p, 1, (size_t)(q - p), stdout);
			first = 0;
		}
		p = q + 1;
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	int c, mode = 0, only_delimited = 0, status = 0;
	char delim = '\t';

	while ((c = getopt(argc, argv, "b:c:f:d:sn")) != -1) {
		switch (c) {
		case 'b': case 'c': case 'f':
			if (mode)
				cmd_usage(USAGE);
			mode = c;
			parse_list(optarg);
			break;
		case 'd':
			if (strlen(optarg) != 1) {
				cmd_warnx("the delimiter must be a single character");
				cmd_usage(USAGE);
			}
			delim = optarg[0];
			break;
		case 's': only_delimited = 1; break;
		case 'n': break; /* with -b: ignored, as GNU */
		default: cmd_usage(USAGE);
		}
	}
	if (!mode)
		cmd_usage(USAGE);
	for (int i = optind; i < argc || (i == optind && optind == argc); i++) {
		const char *path = i < argc ? argv[i] : "-";
		FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
		char *line = NULL;
		size_t cap = 0;
		ssize_t n;

		if (!f) {
			cmd_warn("%s", path);
			status = 1;
			continue;
		}
		while ((n = getline(&line, &cap, f)) >= 0) {
			if (n && line[n - 1] == '\n')
				n--;
			if (mode == 'f')
				cut_fields(line, (size_t)n, delim, only_delimited);
			else
				cut_bytes(line, (size_t)n);
		}
		free(line);
		if (f != stdin)
			fclose(f);
	}
	return fflush(stdout) == EOF ? 1 : status;
}
