/*
 * dirname: strip the last component from names.
 *
 *   dirname NAME...
 *
 * POSIX rules: "a/b/" -> "a", "a" -> ".", "/" -> "/", "//x" -> "/".
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

static void put_dir(char *s)
{
	size_t len = strlen(s);

	while (len > 1 && s[len - 1] == '/')
		len--;
	while (len > 0 && s[len - 1] != '/')
		len--;
	if (len == 0) {
		puts(".");
		return;
	}
	while (len > 1 && s[len - 1] == '/')
		len--;
	printf("%.*s\n", (int)len, s);
}

int main(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "")) != -1)
		cmd_usage("dirname NAME...");
	if (optind == argc)
		cmd_usage("dirname NAME...");
	for (int i = optind; i < argc; i++)
		put_dir(argv[i]);
	return 0;
}
