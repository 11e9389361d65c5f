/*
 * sort: sort lines of text.
 *
 *   sort [-nrubf] [-t SEP] [-k F[,G]] [-o FILE] [FILE]...
 *
 * Reads every line into memory (files larger than memory are out of
 * scope), sorts an index of them with qsort and a tie-break on the input
 * position, so the sort is stable where GNU's "last resort" byte
 * comparison does not apply.  As GNU: keys that compare equal fall back
 * to comparing whole lines bytewise (unless -u, which keeps the first of
 * each run of equal keys).  -n compares leading numbers (a line without
 * one is 0), -r reverses, -f folds case, -b ignores leading blanks,
 * -k F[,G] sorts on fields F..G (1-based; fields split at runs of blanks
 * that stay with the following field, or at -t SEP), -o writes to FILE
 * after reading all input (so -o may name an input).
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

#define USAGE "sort [-nrubf] [-t SEP] [-k F[,G]] [-o FILE] [FILE]..."

struct line {
	char *s;
	size_t len;
	size_t pos; /* input order: the tie-break that makes qsort stable */
};

static struct line *lines;
static size_t nlines, cap;
static int numeric, reverse, unique, blanks, fold;
static int sep = -1; /* -t; -1: blank-separated fields */
static long key_start, key_end; /* 0: whole line */

static int read_stream(FILE *f)
{
	char *buf = NULL;
	size_t bcap = 0;
	ssize_t n;

	while ((n = getline(&buf, &bcap, f)) >= 0) {
		if (nlines == cap) {
			cap = cap ? cap * 2 : 1024;
			lines = realloc(lines, cap * sizeof(*lines));
			if (!lines) {
				cmd_warn("out of memory");
				exit(2);
			}
		}
		if (n && buf[n - 1] == '\n')
			buf[--n] = '\0';
		lines[nlines] = (struct line){ .s = buf, .len = (size_t)n, .pos = nlines };
		nlines++;
		buf = NULL, bcap = 0;
	}
	free(buf);
	return ferror(f) ? -1 : 0;
}

/* Start of field f (1-based) in s (as GNU: without -t, a field starts
 * with the blanks before it). */
static const char *field_start(const char *s, const char *end, long f)
{
	for (long i = 1; i < f && s < end; i++) {
		if (sep >= 0) {
			const char *p = memchr(s, sep, (size_t)(end - s));
			s = p ? p + 1 : end;
		} else {
			while (s < end && isblank((unsigned char)*s))
				s++;
			while (s < end && !isblank((unsigned char)*s))
				s++;
		}
	}
	return s;
}

/* End of the field that starts at s. */
static const char *field_end(const char *s, const char *end)
{
	if (sep >= 0) {
		const char *p = memchr(s, sep, (size_t)(end - s));
		return p ? p : end;
	}
	while (s < end && isblank((unsigned char)*s))
		s++;
	while (s < end && !isblank((unsigned char)*s))
		s++;
	return s;
}

static void key_of(const struct line *l, const char **b, const char **e)
{
	const char *end = l->s + l->len;

	*b = l->s, *e = end;
	if (key_start) {
		*b = field_start(l->s, end, key_start);
		if (key_end)
			*e = field_end(field_start(*b, end, key_end - key_start + 1), end);
	}
	if (blanks || numeric)
		while (*b < *e && isblank((unsigned char)**b))
			(*b)++;
}

static int cmp_numeric(const char *a, const char *ae, const char *b, const char *be)
{
	char *x = strndup(a, (size_t)(ae - a)), *y = strndup(b, (size_t)(be - b));
	double va = strtod(x, NULL), vb = strtod(y, NULL);

	free(x), free(y);
	return va < vb ? -1 : va > vb;
}

static int cmp_text(const char *a, const char *ae, const char *b, const char *be)
{
	size_t la = (size_t)(ae - a), lb = (size_t)(be - b), n = la < lb ? la : lb;
	int r = fold ? strncasecmp(a, b, n) : memcmp(a, b, n);

	return r ? r : (la > lb) - (la < lb);
}

static int key_cmp(const struct line *x, const struct line *y)
{
	const char *a, *ae, *b, *be;

	key_of(x, &a, &ae);
	key_of(y, &b, &be);
	return numeric ? cmp_numeric(a, ae, b, be) : cmp_text(a, ae, b, be);
}

static int line_cmp(const void *p, const void *q)
{
	const struct line *x = p, *y = q;
	int r = key_cmp(x, y);

	if (r == 0 && !unique && (key_start || numeric || fold || blanks)) {
		size_t n = x->len < y->len ? x->len : y->len; /* GNU's last resort: bytes */
		r = memcmp(x->s, y->s, n);
		if (r == 0)
			r = (x->len > y->len) - (x->len < y->len);
	}
	if (reverse)
		r = -r;
	return r ? r : (x->pos > y->pos) - (x->pos < y->pos);
}

static void parse_key(const char *s)
{
	char *end;

	key_start = strtol(s, &end, 10);
	key_end = 0;
	if (*end == ',')
		key_end = strtol(end + 1, &end, 10);
	while (*end && strchr("nrbf", *end)) { /* -k2n and friends */
		numeric |= *end == 'n', reverse |= *end == 'r';
		blanks |= *end == 'b', fold |= *end == 'f';
		end++;
	}
	if (*end || key_start < 1 || (key_end && key_end < key_start)) {
		cmd_warnx("invalid key: '%s'", s);
		exit(2);
	}
}

static void write_out(const char *outpath)
{
	FILE *out = stdout;

	if (outpath && !(out = fopen(outpath, "w"))) {
		cmd_warn("%s", outpath);
		exit(2);
	}
	for (size_t i = 0; i < nlines; i++) {
		if (unique && i > 0 && key_cmp(&lines[i - 1], &lines[i]) == 0)
			continue;
		fwrite(lines[i].s, 1, lines[i].len, out);
		putc('\n', out);
	}
	if (fflush(out) == EOF || (out != stdout && fclose(out) == EOF)) {
		cmd_warn("write error");
		exit(2);
	}
}

int main(int argc, char **argv)
{
	const char *outpath = NULL;
	int c, status = 0;

	while ((c = getopt(argc, argv, "nrubft:k:o:")) != -1) {
		switch (c) {
		case 'n': numeric = 1; break;
		case 'r': reverse = 1; break;
		case 'u': unique = 1; break;
		case 'b': blanks = 1; break;
		case 'f': fold = 1; break;
		case 't':
			if (strlen(optarg) != 1)
				cmd_usage(USAGE);
			sep = (unsigned char)optarg[0];
			break;
		case 'k': parse_key(optarg); break;
		case 'o': outpath = optarg; break;
		default: cmd_usage(USAGE);
		}
	}
	for (int i = optind; i < argc || (i == optind && optind == argc); i++) {
		const char *path = i < argc ? argv[i] : "-";
		FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;

		if (!f || read_stream(f) < 0) {
			cmd_warn("%s", path);
			status = 2;
		}
		if (f && f != stdin)
			fclose(f);
	}
	if (status)
		return status;
	qsort(lines, nlines, sizeof(*lines), line_cmp);
	write_out(outpath);
	return 0;
}
