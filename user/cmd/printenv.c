/*
 * printenv: print the environment.
 *
 *   printenv            every NAME=VALUE, one a line
 *   printenv NAME...    the value of each; exit 1 if any is not set
 */
#include <stdio.h>
#include <stdlib.h>

extern char **environ;

int main(int argc, char **argv)
{
	int missing = 0;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1]) {
		fprintf(stderr, "usage: printenv [NAME]...\n");
		return 2;
	}
	if (argc == 1) {
		for (char **e = environ; *e; e++)
			puts(*e);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		const char *v = getenv(argv[i]);

		if (v)
			puts(v);
		else
			missing = 1;
	}
	return missing;
}
