/*
 * uniq: report or omit repeated adjacent lines.
 *
 *   uniq [-cdui] [-f N] [-s N] [INPUT [OUTPUT]]
 *
 * -c prefixes each line with its count ("%7lu "), -d prints only repeated
 * lines, -u only lines that are not repeated, -i compares without case,
 * -f N skips N blank-separated fields and -s N then N characters before
 * comparing.  Streams: memory is two lines.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "uniq [-cdui] [-f FIELDS] [-s CHARS] [INPUT [OUTPUT]]"

static int show_count, only_dups, only_uniq, icase;
static long skip_fields, skip_chars;

static const char *cmp_start(const char *s)
{
	for (long f = 0; f < skip_fields; f++) {
		while (*s && isblank((unsigned char)*s))
			s++;
		while (*s && !isblank((unsigned char)*s))
			s++;
	}
	for (long c = 0; c < skip_chars && *s; c++)
		s++;
	return s;
}

static int same(const char *a, const char *b)
{
	a = cmp_start(a), b = cmp_start(b);
	return (icase ? strcasecmp(a, b) : strcmp(a, b)) == 0;
}

static void emit(FILE *out, const char *line, unsigned long n)
{
	if ((only_dups && n < 2) || (only_uniq && n > 1))
		return;
	if (show_count)
		fprintf(out, "%7lu ", n);
	fputs(line, out);
	putc('\n', out);
}

static long number(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < 0) {
		cmd_warnx("invalid number: '%s'", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	char *prev = NULL, *line = NULL;
	size_t pcap = 0, cap = 0;
	unsigned long n = 0;
	ssize_t len;
	int c;

	while ((c = getopt(argc, argv, "cduif:s:")) != -1) {
		switch (c) {
		case 'c': show_count = 1; break;
		case 'd': only_dups = 1; break;
		case 'u': only_uniq = 1; break;
		case 'i': icase = 1; break;
		case 'f': skip_fields = number(optarg); break;
		case 's': skip_chars = number(optarg); break;
		default: cmd_usage(USAGE);
		}
	}
	if (argc - optind > 2)
		cmd_usage(USAGE);
	FILE *in = stdin, *out = stdout;
	if (optind < argc && strcmp(argv[optind], "-") && !(in = fopen(argv[optind], "r"))) {
		cmd_warn("%s", argv[optind]);
		return 1;
	}
	if (optind + 1 < argc && !(out = fopen(argv[optind + 1], "w"))) {
		cmd_warn("%s", argv[optind + 1]);
		return 1;
	}
	while ((len = getline(&line, &cap, in)) >= 0) {
		if (len && line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (n && same(prev, line)) {
			n++;
			continue;
		}
		if (n)
			emit(out, prev, n);
		char *t = prev; size_t tc = pcap;
		prev = line, pcap = cap, line = t, cap = tc;
		n = 1;
	}
	if (n)
		emit(out, prev, n);
	if (ferror(in)) {
		cmd_warn("%s", optind < argc ? argv[optind] : "-");
		return 1;
	}
	if (fflush(out) == EOF || (out != stdout && fclose(out) == EOF)) {
		cmd_warn("write error");
		return 1;
	}
	return 0;
}
