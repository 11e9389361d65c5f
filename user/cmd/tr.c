/*
 * tr: translate, squeeze or delete characters from standard input.
 *
 *   tr [-cs] SET1 SET2       replace SET1's characters by SET2's
 *   tr -d [-cs] SET1 [SET2]  delete SET1's characters (then squeeze SET2)
 *   tr -s SET1               squeeze runs of SET1's characters to one
 *
 * SETs are bytes: ranges a-z, escapes \n \t \\ \NNN, classes [:alpha:]
 * [:digit:] [:lower:] [:upper:] [:space:] [:blank:] [:alnum:] [:punct:]
 * [:print:] [:cntrl:] [:xdigit:] [:graph:], and [c*N] / [c*] repeats in
 * SET2.  A short SET2 is padded with its last character (as GNU).
 * -c uses the complement of SET1 (in byte order).  Streams, 64 KiB reads.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "tr [-cds] SET1 [SET2]"

struct set { unsigned char c[4096]; int n; int fill_at; /* [c*] position or -1 */ };

static int escape(const char **sp)
{
	const char *s = *sp;
	static const char from[] = "abfnrtv\\", to[] = "\a\b\f\n\r\t\v\\";
	const char *p;

	if (*s >= '0' && *s <= '7') {
		int v = 0, k = 0;
		while (k < 3 && *s >= '0' && *s <= '7')
			v = v * 8 + (*s++ - '0'), k++;
		*sp = s;
		return v & 255;
	}
	*sp = s + (*s != 0);
	return (*s && (p = strchr(from, *s))) ? to[p - from] : (unsigned char)*s;
}

static int add_class(struct set *set, const char *name, size_t len)
{
	static const struct { const char *n; int (*f)(int); } classes[] = {
		{"alpha", isalpha}, {"digit", isdigit}, {"lower", islower}, {"upper", isupper},
		{"space", isspace}, {"blank", isblank}, {"alnum", isalnum}, {"punct", ispunct},
		{"print", isprint}, {"cntrl", iscntrl}, {"xdigit", isxdigit}, {"graph", isgraph},
	};
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strlen(classes[i].n) != len || strncmp(classes[i].n, name, len))
			continue;
		for (int c = 0; c < 256 && set->n < 4096; c++)
			if (classes[i].f(c))
				set->c[set->n++] = (unsigned char)c;
		return 0;
	}
	return -1;
}

static void parse_set(struct set *set, const char *s)
{
	set->n = 0, set->fill_at = -1;
	while (*s && set->n < 4000) {
		const char *close;
		if (s[0] == '[' && s[1] == ':' && (close = strstr(s + 2, ":]"))) {
			if (add_class(set, s + 2, (size_t)(close - s - 2)) < 0) {
				cmd_warnx("invalid character class '%.*s'", (int)(close - s - 2), s + 2);
				exit(1);
			}
			s = close + 2;
			continue;
		}
		if (s[0] == '[' && s[1] && s[2] == '*' && (close = strchr(s + 3, ']'))) {
			long n = strtol(s + 3, NULL, 10);
			if (n == 0)
				set->fill_at = set->n;
			for (long k = 0; k < (n ? n : 1) && set->n < 4000; k++)
				set->c[set->n++] = (unsigned char)s[1];
			s = close + 1;
			continue;
		}
		int lo = (unsigned char)*s++;
		if (lo == '\\')
			lo = escape(&s);
		if (s[0] == '-' && s[1]) {
			s++;
			int hi = (unsigned char)*s++;
			if (hi == '\\')
				hi = escape(&s);
			if (hi < lo) {
				cmd_warnx("range-endpoints of '%c-%c' are in reverse collating sequence order", lo, hi);
				exit(1);
			}
			for (int c = lo; c <= hi; c++)
				set->c[set->n++] = (unsigned char)c;
			continue;
		}
		set->c[set->n++] = (unsigned char)lo;
	}
}

static void complement(struct set *set)
{
	int in[256] = {0};

	for (int i = 0; i < set->n; i++)
		in[set->c[i]] = 1;
	set->n = 0;
	for (int c = 0; c < 256; c++)
		if (!in[c])
			set->c[set->n++] = (unsigned char)c;
}

int main(int argc, char **argv)
{
	int c, del = 0, squeeze = 0, comp = 0;
	static struct set s1, s2;
	int map[256], squeeze_set[256] = {0}, delete_set[256] = {0};

	while ((c = getopt(argc, argv, "cCds")) != -1) {
		switch (c) {
		case 'c': case 'C': comp = 1; break;
		case 'd': del = 1; break;
		case 's': squeeze = 1; break;
		default: cmd_usage(USAGE);
		}
	}
	int nsets = argc - optind;
	int need = del ? (squeeze ? 2 : 1) : (squeeze ? 1 : 2);
	if (nsets < need || nsets > 2 || (del && !squeeze && nsets != 1))
		cmd_usage(USAGE);
	parse_set(&s1, argv[optind]);
	if (comp)
		complement(&s1);
	if (nsets == 2)
		parse_set(&s2, argv[optind + 1]);
	for (int i = 0; i < 256; i++)
		map[i] = i;
	if (del) {
		for (int i = 0; i < s1.n; i++)
			delete_set[s1.c[i]] = 1;
	} else if (nsets == 2) {
		if (s2.n == 0) {
			cmd_warnx("when not truncating set1, string2 must be non-empty");
			return 1;
		}
		if (s2.fill_at >= 0 && s2.n < s1.n) { /* [c*]: stretch to SET1's length */
			int extra = s1.n - s2.n;
			memmove(s2.c + s2.fill_at + extra, s2.c + s2.fill_at, (size_t)(s2.n - s2.fill_at));
			memset(s2.c + s2.fill_at, s2.c[s2.fill_at + extra], (size_t)extra);
			s2.n = s1.n;
		}
		for (int i = 0; i < s1.n; i++)
			map[s1.c[i]] = s2.c[i < s2.n ? i : s2.n - 1];
	}
	const struct set *sq = (nsets == 2) ? &s2 : &s1;
	if (squeeze)
		for (int i = 0; i < sq->n; i++)
			squeeze_set[sq->c[i]] = 1;

	static unsigned char in[CMD_BUFSZ], out[CMD_BUFSZ];
	ssize_t n;
	int last = -1;
	while ((n = cmd_read(0, in, sizeof(in))) > 0) {
		size_t o = 0;
		for (ssize_t i = 0; i < n; i++) {
			if (delete_set[in[i]])
				continue;
			int ch = map[in[i]];
			if (squeeze_set[ch] && ch == last)
				continue;
			out[o++] = (unsigned char)(last = ch);
		}
		if (cmd_write_all(1, out, o) < 0) {
			cmd_warn("write error");
			return 1;
		}
	}
	if (n < 0) {
		cmd_warn("read error");
		return 1;
	}
	return 0;
}
