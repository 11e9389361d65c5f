/*
 * env: print the environment, or run a command in a changed one.
 *
 *   env [-i] [-u NAME]... [-] [NAME=VALUE]... [COMMAND [ARG]...]
 *
 * -i (or a lone -) starts from an empty environment; -u removes NAME.
 * Without a command the resulting environment is printed. The command is
 * looked up in PATH (the new one); exit 127 if it is not found, 126 if it
 * cannot be run, else its own status (env execs it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdsys.h"

extern char **environ;

#define ENV_USAGE "env [-i] [-u NAME]... [-] [NAME=VALUE]... [COMMAND [ARG]...]"

/* Apply the options; the index of the first NAME=VALUE or command word. */
static int env_options(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0)
			return i + 1;
		if (strcmp(a, "-") == 0 || strcmp(a, "-i") == 0 ||
		    strcmp(a, "--ignore-environment") == 0) {
			clearenv();
		} else if (strcmp(a, "-u") == 0 || strncmp(a, "-u", 2) == 0) {
			const char *name = a[2] ? a + 2 : argv[++i];

			if (!name)
				cs_usage(ENV_USAGE);
			if (unsetenv(name) != 0) {
				fprintf(stderr, "env: cannot unset '%s': %s\n", name,
					strerror(errno));
				exit(125);
			}
		} else {
			fprintf(stderr, "env: invalid option -- '%s'\n", a + 1);
			cs_usage(ENV_USAGE);
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	int i = env_options(argc, argv);

	for (; i < argc && strchr(argv[i], '=') && argv[i][0] != '='; i++)
		if (putenv(argv[i]) != 0) {
			fprintf(stderr, "env: %s\n", strerror(errno));
			return 125;
		}
	if (i == argc) {
		for (char **e = environ; e && *e; e++)
			puts(*e);
		return 0;
	}
	execvp(argv[i], argv + i);
	fprintf(stderr, "env: '%s': %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
