/*
 * basename: strip directories (and a suffix) from a name.
 *
 *   basename NAME [SUFFIX]
 *   basename -a [-s SUFFIX] NAME...
 *
 * POSIX rules: trailing slashes go first, "/" stays "/", the SUFFIX is
 * removed only when something remains.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "basename NAME [SUFFIX] | basename -a [-s SUFFIX] NAME..."

static void put_base(char *s, const char *suffix)
{
	size_t len = strlen(s);

	while (len > 1 && s[len - 1] == '/')
		s[--len] = '\0';
	char *slash = strrchr(s, '/');
	if (slash && slash[1])
		s = slash + 1;
	len = strlen(s);
	if (suffix && strlen(suffix) < len && strcmp(s + len - strlen(suffix), suffix) == 0)
		s[len - strlen(suffix)] = '\0';
	puts(s);
}

int main(int argc, char **argv)
{
	int c, multiple = 0;
	const char *suffix = NULL;

	while ((c = getopt(argc, argv, "as:")) != -1) {
		switch (c) {
		case 'a': multiple = 1; break;
		case 's': suffix = optarg, multiple = 1; break;
		default: cmd_usage(USAGE);
		}
	}
	int n = argc - optind;
	if (n < 1 || (!multiple && n > 2))
		cmd_usage(USAGE);
	if (!multiple) {
		put_base(argv[optind], n == 2 ? argv[optind + 1] : NULL);
		return 0;
	}
	for (int i = optind; i < argc; i++)
		put_base(argv[i], suffix);
	return 0;
}
