/*
 * hexdump: display file contents in hexadecimal.
 *
 *   hexdump [-Cv] [-n LENGTH] [-s OFFSET] [FILE]...
 *
 * -C canonical: "%08x" offset, 16 bytes in two groups of 8, then the
 * bytes as text between | | (non-printable as '.').  Without -C the
 * default of BSD/util-linux hexdump: "%07x" offset and eight 2-byte
 * little-endian words, lines padded to full width.  A run of identical
 * lines prints "*" unless -v; the last line is the final offset (none for
 * empty input).  -s skips OFFSET bytes, -n reads only LENGTH.
 * The files are one stream, read 16 bytes at a time.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "hexdump [-Cv] [-n LENGTH] [-s OFFSET] [FILE]..."


static struct cmd_stream in;

static int next_byte(void)
{
	return cmd_stream_byte(&in);
}

static void line_canonical(unsigned long long off, const unsigned char *p, size_t n)
{
	printf("%08llx ", off);
	for (size_t i = 0; i < 16; i++) {
		if (i == 8)
			putchar(' ');
		if (i < n)
			printf(" %02x", p[i]);
		else
			fputs("   ", stdout);
	}
	fputs("  |", stdout);
	for (size_t i = 0; i < n; i++)
		putchar(isprint(p[i]) ? p[i] : '.');
	puts("|");
}

static void line_default(unsigned long long off, const unsigned char *p, size_t n)
{
	printf("%07llx", off);
	for (size_t i = 0; i < 16; i += 2) {
		if (i < n)
			printf(" %04x", p[i] | (i + 1 < n ? p[i + 1] << 8 : 0));
		else
			fputs("     ", stdout);
	}
	putchar('\n');
}

static unsigned long long number(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 0);

	if (end == s || *end) {
		cmd_warnx("invalid number '%s'", s);
		exit(1);
	}
	return v;
}

int main(int argc, char **argv)
{
	unsigned long long skip = 0, limit = ~0ULL, off = 0, done = 0;
	unsigned char line[16], prev[16];
	int c, canonical = 0, verbose = 0, starred = 0, have_prev = 0;

	while ((c = getopt(argc, argv, "Cvn:s:")) != -1) {
		switch (c) {
		case 'C': canonical = 1; break;
		case 'v': verbose = 1; break;
		case 'n': limit = number(optarg); break;
		case 's': skip = number(optarg); break;
		default: cmd_usage(USAGE);
		}
	}
	cmd_stream_init(&in, argv + optind, argc - optind);
	for (; off < skip && next_byte() >= 0; off++)
		;
	for (;;) {
		size_t n = 0;
		int b;
		while (n < 16 && done + n < limit && (b = next_byte()) >= 0)
			line[n++] = (unsigned char)b;
		if (n == 0)
			break;
		if (!verbose && have_prev && n == 16 && memcmp(line, prev, 16) == 0) {
			if (!starred)
				puts("*");
			starred = 1;
		} else {
			starred = 0;
			(canonical ? line_canonical : line_default)(off, line, n);
		}
		memcpy(prev, line, 16);
		have_prev = n == 16;
		off += n, done += n;
	}
	if (done)
		printf(canonical ? "%08llx\n" : "%07llx\n", off);
	return fflush(stdout) == EOF ? 1 : in.status;
}
