/*
 * printf: format and print data.
 *
 *   printf FORMAT [ARGUMENT]...
 *
 * FORMAT is as printf(3) with the conversions d i o u x X c s b e E f F g G
 * and %%, flags, width and precision (a '*' takes them from the next
 * argument); backslash escapes as echo -e plus \" and \NNN.  The format is
 * reused while arguments remain (POSIX).  %b prints its argument with
 * escapes.  A numeric argument may be 'c (the character's code).  A bad
 * number is reported, counts as 0, and makes the exit status 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdfs.h"

static char **args;
static int nargs, status;

static const char *next_arg(void)
{
	if (nargs == 0)
		return NULL;
	nargs--;
	return *args++;
}

static int digit_val(int c, int base)
{
	int v = (c >= '0' && c <= '9') ? c - '0'
		: (c >= 'a' && c <= 'f') ? c - 'a' + 10
		: (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
	return v < base ? v : -1;
}

/* One escape after the backslash at *s; returns chars consumed, -1 for \c. */
static int put_escape(const char *s, int in_b)
{
	static const char from[] = "abefnrtv\\\"", to[] = "\a\b\033\f\n\r\t\v\\\"";
	const char *p = strchr(from, *s);
	int v = 0, n = 0, d, base = 8, max = 3, skip = 0;

	if (*s == 'c' && in_b)
		return -1;
	if (*s && p) {
		putchar(to[p - from]);
		return 1;
	}
	if (*s == 'x')
		base = 16, max = 2, skip = 1;
	else if (*s == '0' && in_b)
		skip = 1; /* %b takes \0NNN */
	else if (digit_val(*s, 8) < 0) {
		putchar('\\');
		return 0;
	}
	while (n < max && (d = digit_val(s[skip + n], base)) >= 0)
		v = v * base + d, n++;
	if (base == 16 && n == 0) {
		putchar('\\');
		return 0;
	}
	putchar(v);
	return skip + n;
}

static int put_b(const char *s)
{
	for (; *s; s++) {
		if (*s != '\\') {
			putchar(*s);
			continue;
		}
		int n = put_escape(s + 1, 1);
		if (n < 0)
			return -1;
		s += n;
	}
	return 0;
}

static void bad_number(const char *a, const char *why)
{
	cmd_warnx("%s: %s", a, why);
	status = 1;
}

static long long arg_signed(void)
{
	const char *a = next_arg();
	char *end;

	if (!a)
		return 0;
	if (a[0] == '\'' || a[0] == '"')
		return (unsigned char)a[1];
	errno = 0;
	long long v = strtoll(a, &end, 0);
	if (end == a || *end)
		bad_number(a, end == a ? "expected a numeric value" : "value not completely converted");
	else if (errno)
		bad_number(a, strerror(errno));
	return v;
}

static double arg_double(void)
{
	const char *a = next_arg();
	char *end;

	if (!a)
		return 0;
	if (a[0] == '\'' || a[0] == '"')
		return (unsigned char)a[1];
	double v = strtod(a, &end);
	if (end == a || *end)
		bad_number(a, end == a ? "expected a numeric value" : "value not completely converted");
	return v;
}

/* Print one conversion spec[0..len) (starting at '%'); returns -1 on \c in %b. */
static int convert(const char *spec, int len)
{
	char fmt[64];
	int stars[2] = {0, 0}, ns = 0, j = 0;

	/* keep the '*'s in fmt; printf takes their values as int arguments */
	for (int i = 0; i < len - 1 && j < 56; i++) {
		if (spec[i] == '*' && ns < 2)
			stars[ns++] = (int)arg_signed();
		fmt[j++] = spec[i];
	}
	char conv = spec[len - 1];
	fmt[j] = '\0';
	const char *a;
	char one[2] = {0, 0};

	switch (conv) {
	case 'd': case 'i':
		strcat(fmt, "lld");
		fmt[strlen(fmt) - 1] = conv;
		if (ns == 1) printf(fmt, stars[0], arg_signed());
		else if (ns == 2) printf(fmt, stars[0], stars[1], arg_signed());
		else printf(fmt, arg_signed());
		return 0;
	case 'o': case 'u': case 'x': case 'X':
		strcat(fmt, "ll?");
		fmt[strlen(fmt) - 1] = conv;
		if (ns == 1) printf(fmt, stars[0], (unsigned long long)arg_signed());
		else if (ns == 2) printf(fmt, stars[0], stars[1], (unsigned long long)arg_signed());
		else printf(fmt, (unsigned long long)arg_signed());
		return 0;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		strcat(fmt, "?");
		fmt[strlen(fmt) - 1] = conv;
		if (ns == 1) printf(fmt, stars[0], arg_double());
		else if (ns == 2) printf(fmt, stars[0], stars[1], arg_double());
		else printf(fmt, arg_double());
		return 0;
	case 'c': case 's':
		a = next_arg();
		if (!a)
			a = "";
		strcat(fmt, "s");
		if (conv == 'c') {
			one[0] = a[0];
			a = one;
		}
		if (ns == 1) printf(fmt, stars[0], a);
		else if (ns == 2) printf(fmt, stars[0], stars[1], a);
		else printf(fmt, a);
		return 0;
	case 'b':
		a = next_arg();
		return put_b(a ? a : "");
	}
	return 0;
}

/* One pass over the format; returns -1 if \c stopped output, 1 if a bad
 * conversion ended it. */
static int format_once(const char *f)
{
	for (; *f; f++) {
		if (*f == '\\') {
			f += put_escape(f + 1, 0);
			continue;
		}
		if (*f != '%') {
			putchar(*f);
			continue;
		}
		if (f[1] == '%') {
			putchar('%');
			f++;
			continue;
		}
		int len = 1 + (int)strspn(f + 1, "-+ #0");
		len += (int)strspn(f + len, "0123456789*");
		if (f[len] == '.')
			len += 1 + (int)strspn(f + len + 1, "0123456789*");
		if (!f[len] || !strchr("diouxXcsbeEfFgG", f[len])) {
			cmd_warnx("%.*s: invalid conversion specification", len + (f[len] != 0), f);
			return 1;
		}
		if (convert(f, len + 1) < 0)
			return -1;
		f += len;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1;

	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i >= argc)
		cmd_usage("printf FORMAT [ARGUMENT]...");
	const char *fmt = argv[i];
	args = argv + i + 1;
	nargs = argc - i - 1;
	do {
		int before = nargs;
		int r = format_once(fmt);
		if (r)
			return fflush(stdout), r > 0 ? 1 : status;
		if (nargs == before)
			break; /* the format takes no arguments: print it once */
	} while (nargs > 0);
	if (fflush(stdout) == EOF)
		status = 1;
	return status;
}
