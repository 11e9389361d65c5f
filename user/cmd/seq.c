/*
 * seq: print a sequence of numbers.
 *
 *   seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST
 *
 * FIRST and INCREMENT default to 1. Numbers may be negative and have a
 * fraction; the output has as many decimals as the most precise of FIRST
 * and INCREMENT (as GNU seq). -s puts SEP between numbers (default a
 * newline; the last one always ends with a newline); -w pads with leading
 * zeros to equal width. A negative number is an operand, not an option.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdsys.h"

#define SEQ_USAGE "seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST"

struct seq_num {
	double v;
	int decimals;		/* digits after the point as written */
};

static int parse_num(const char *s, struct seq_num *n)
{
	const char *dot = strchr(s, '.');
	char *end;

	errno = 0;
	n->v = strtod(s, &end);
	if (end == s || *end || errno || isnan(n->v) || isinf(n->v)) {
		fprintf(stderr, "seq: invalid floating point argument: '%s'\n", s);
		return -1;
	}
	n->decimals = dot && !strpbrk(s, "eE") ? (int)strlen(dot + 1) : 0;
	return 0;
}

static int is_number(const char *s)
{
	return s[0] == '-' && (isdigit((unsigned char)s[1]) || s[1] == '.');
}

/* Print FIRST, FIRST+INC, ... while not past LAST; the i-th value is first + i*inc (no drift). */
static void seq_print(struct seq_num f, struct seq_num inc, struct seq_num last, const char *sep,
		      int wide)
{
	int dec = f.decimals > inc.decimals ? f.decimals : inc.decimals;
	int width = 0;
	char buf[64];

	if (wide) {
		int a = snprintf(buf, sizeof(buf), "%.*f", dec, f.v);
		int b = snprintf(buf, sizeof(buf), "%.*f", dec, last.v);

		width = a > b ? a : b;
	}
	for (long long i = 0;; i++) {
		double v = f.v + (double)i * inc.v;

		if ((inc.v > 0 && v > last.v + 1e-9 * fabs(inc.v)) ||
		    (inc.v < 0 && v < last.v - 1e-9 * fabs(inc.v)))
			break;
		if (i)
			fputs(sep, stdout);
		if (wide && v < 0)
			printf("-%0*.*f", width - 1, dec, -v);
		else
			printf("%0*.*f", width, dec, v);
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	const char *sep = "\n";
	struct seq_num n[3] = { { 1, 0 }, { 1, 0 }, { 0, 0 } };
	int wide = 0, i = 1, k;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] && !is_number(argv[i]); i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else if (strcmp(argv[i], "-w") == 0) {
			wide = 1;
		} else if (strncmp(argv[i], "-s", 2) == 0) {
			sep = argv[i][2] ? argv[i] + 2 : argv[++i];
			if (!sep)
				cs_usage(SEQ_USAGE);
		} else {
			fprintf(stderr, "seq: invalid option -- '%s'\n", argv[i] + 1);
			cs_usage(SEQ_USAGE);
		}
	}
	k = argc - i;
	if (k < 1 || k > 3)
		cs_usage(SEQ_USAGE);
	for (int j = 0; j < k; j++)
		if (parse_num(argv[i + j], &n[k == 1 ? 2 : (k == 2 && j == 1) ? 2 : j]) != 0)
			return 2;
	if (n[1].v == 0) {
		fprintf(stderr, "seq: invalid Zero increment value: '%s'\n", argv[i + 1]);
		return 2;
	}
	if (!((n[1].v > 0 && n[0].v > n[2].v) || (n[1].v < 0 && n[0].v < n[2].v)))
		seq_print(n[0], n[1], n[2], sep, wide);
	return fflush(stdout) == 0 ? 0 : 1;
}
