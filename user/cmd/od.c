/*
 * od: dump files in octal and other formats.
 *
 *   od [-bcdox] [-A d|o|x|n] [-j SKIP] [-N COUNT] [-v] [FILE]...
 *
 * Lines of 16 bytes, each beginning with the offset (7 octal digits, or
 * per -A), one row per chosen format: -o 2-byte octal words (the
 * default), -x 2-byte hex words, -d 2-byte unsigned decimal, -b octal
 * bytes, -c characters (printable as is, \0 \a \b \f \n \r \t \v, others
 * 3-digit octal).  Words are little-endian (this machine's order).  A run
 * of identical lines prints as one "*" unless -v.  The files are one
 * stream; the last line is the final offset.  Streams, 16 bytes at a time.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "od [-bcdox] [-A RADIX] [-j SKIP] [-N COUNT] [-v] [FILE]..."

static char fmts[8];
static int nfmts, verbose, status;
static char radix = 'o';

static void put_offset(unsigned long long off, const char *end)
{
	switch (radix) {
	case 'o': printf("%07llo%s", off, end); break;
	case 'x': printf("%06llx%s", off, end); break;
	case 'd': printf("%07llu%s", off, end); break;
	default: printf("%s", *end == '\n' ? "" : ""); break;
	}
}

/* Field width (with its leading blank) and bytes of each format. */
static int field_width(char f) { return f == 'o' ? 7 : f == 'x' ? 5 : f == 'd' ? 6 : 4; }
static int field_size(char f) { return (f == 'c' || f == 'b') ? 1 : 2; }

/* As GNU: with several formats, every byte gets the widest per-byte width. */
static int byte_width(void)
{
	int w = 0;

	for (int f = 0; f < nfmts; f++) {
		int bw = (field_width(fmts[f]) + field_size(fmts[f]) - 1) / field_size(fmts[f]);
		if (bw > w)
			w = bw;
	}
	return w;
}

static void put_row(char f, const unsigned char *p, size_t n)
{
	static const char esc_from[] = "\0\a\b\f\n\r\t\v", esc_to[] = "0abfnrtv";
	int width = nfmts > 1 ? byte_width() * field_size(f) : field_width(f);
	char cell[16];

	for (size_t i = 0; i < n; i += (size_t)field_size(f)) {
		unsigned w = p[i] | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0);
		const char *e;
		switch (f) {
		case 'o': snprintf(cell, sizeof(cell), "%06o", w); break;
		case 'x': snprintf(cell, sizeof(cell), "%04x", w); break;
		case 'd': snprintf(cell, sizeof(cell), "%5u", w); break;
		case 'b': snprintf(cell, sizeof(cell), "%03o", p[i]); break;
		default:
			if (p[i] && isprint(p[i]))
				snprintf(cell, sizeof(cell), "%c", p[i]);
			else if ((e = memchr(esc_from, p[i], sizeof(esc_from) - 1)))
				snprintf(cell, sizeof(cell), "\\%c", esc_to[e - esc_from]);
			else
				snprintf(cell, sizeof(cell), "%03o", p[i]);
			break;
		}
		printf("%*s", width, cell);
	}
	putchar('\n');
}

/* Next byte of the concatenated inputs; -1 at the end. */
static struct cmd_stream in;

static int next_byte(void)
{
	return cmd_stream_byte(&in);
}

static unsigned long long number(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 0);

	if (end == s || *end) {
		cmd_warnx("invalid number '%s'", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	unsigned long long skip = 0, limit = ~0ULL, off = 0;
	unsigned char line[16], prev[16];
	int c, starred = 0, have_prev = 0;

	while ((c = getopt(argc, argv, "bcdoxA:j:N:v")) != -1) {
		switch (c) {
		case 'b': case 'c': case 'd': case 'o': case 'x':
			if (nfmts < 7)
				fmts[nfmts++] = (char)c;
			break;
		case 'A':
			if (!strchr("doxn", optarg[0]) || optarg[1])
				cmd_usage(USAGE);
			radix = optarg[0];
			break;
		case 'j': skip = number(optarg); break;
		case 'N': limit = number(optarg); break;
		case 'v': verbose = 1; break;
		default: cmd_usage(USAGE);
		}
	}
	if (!nfmts)
		fmts[nfmts++] = 'o';
	cmd_stream_init(&in, argv + optind, argc - optind);
	for (; off < skip; off++) {
		if (next_byte() < 0) {
			cmd_warnx("cannot skip past end of combined input");
			return 1;
		}
	}
	for (;;) {
		size_t n = 0;
		int b;
		while (n < 16 && off + n - skip < limit && (b = next_byte()) >= 0)
			line[n++] = (unsigned char)b;
		if (n == 0)
			break;
		if (!verbose && have_prev && n == 16 && memcmp(line, prev, 16) == 0) {
			if (!starred)
				puts("*");
			starred = 1;
		} else {
			starred = 0;
			for (int f = 0; f < nfmts; f++) {
				if (f == 0)
					put_offset(off, "");
				else if (radix != 'n')
					printf("%*s", radix == 'x' ? 6 : 7, "");
				put_row(fmts[f], line, n);
			}
		}
		memcpy(prev, line, 16);
		have_prev = n == 16;
		off += n;
	}
	put_offset(off, "\n");
	return fflush(stdout) == EOF ? 1 : status | in.status;
}
