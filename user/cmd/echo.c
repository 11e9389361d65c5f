/*
 * echo: write the arguments, separated by spaces, and a newline.
 *
 *   echo [-neE] [STRING]...
 *
 * As GNU echo: only leading arguments made entirely of the letters n, e, E
 * are options ("--" is printed, not an option; getopt is not used);
 * -n leaves out the newline, -e interprets backslash escapes (\a \b \c \e
 * \f \n \r \t \v \\ \0NNN \xHH; \c stops all output), -E turns them off.
 */
#include <stdio.h>
#include <string.h>

static int is_option(const char *s)
{
	if (s[0] != '-' || s[1] == '\0')
		return 0;
	return strspn(s + 1, "neE") == strlen(s + 1);
}

static int digit_val(int c, int base)
{
	int v = (c >= '0' && c <= '9') ? c - '0'
		: (c >= 'a' && c <= 'f') ? c - 'a' + 10
		: (c >= 'A' && c <= 'F') ? c - 'A' + 10 : 99;
	return v < base ? v : -1;
}

/* Print s with escapes; returns 1 when \c was met (stop everything). */
static int put_escaped(const char *s)
{
	static const char from[] = "abefnrtv\\", to[] = "\a\b\033\f\n\r\t\v\\";

	for (; *s; s++) {
		if (*s != '\\' || s[1] == '\0') {
			putchar(*s);
			continue;
		}
		s++;
		const char *p = strchr(from, *s);
		if (*s == 'c')
			return 1;
		if (p) {
			putchar(to[p - from]);
		} else if (*s == '0' || *s == 'x') {
			int base = *s == 'x' ? 16 : 8, max = *s == 'x' ? 2 : 3, v = 0, n = 0, d;
			while (n < max && (d = digit_val(s[1], base)) >= 0)
				v = v * base + d, n++, s++;
			if (base == 16 && n == 0) {
				fputs("\\x", stdout);
				continue;
			}
			putchar(v);
		} else {
			putchar('\\');
			putchar(*s);
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	int newline = 1, escapes = 0, i = 1;

	for (; i < argc && is_option(argv[i]); i++) {
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				newline = 0;
			else
				escapes = *p == 'e';
		}
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			putchar(' ');
		if (!escapes)
			fputs(argv[i], stdout);
		else if (put_escaped(argv[i]))
			return fflush(stdout) == EOF;
	}
	if (newline)
		putchar('\n');
	return fflush(stdout) == EOF;
}
