/*
 * nice: run a command with a changed niceness, or print the niceness.
 *
 *   nice                         print this process's niceness
 *   nice [-n N | -N] COMMAND [ARG]...
 *                                run COMMAND with niceness + N (default 10)
 *
 * If the niceness cannot be changed (a non-root user lowering it) nice
 * warns and runs the command anyway, as GNU nice does. Exit 125 for nice's
 * own errors, 126/127 if the command cannot be run / is not found.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cmdsys.h"

#define NICE_USAGE "nice [-n N] [COMMAND [ARG]...]"

static int parse_adj(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end) {
		fprintf(stderr, "nice: invalid adjustment '%s'\n", s);
		cs_usage(NICE_USAGE);
	}
	return v < -40 ? -40 : v > 40 ? 40 : (int)v;
}

int main(int argc, char **argv)
{
	int adj = 10, i = 1, cur;

	if (i < argc && strcmp(argv[i], "-n") == 0) {
		if (i + 1 >= argc)
			cs_usage(NICE_USAGE);
		adj = parse_adj(argv[i + 1]);
		i += 2;
	} else if (i < argc && strncmp(argv[i], "-n", 2) == 0) {
		adj = parse_adj(argv[i++] + 2);
	} else if (i < argc && argv[i][0] == '-' && argv[i][1] && strcmp(argv[i], "--") != 0) {
		adj = parse_adj(argv[i++] + 1);
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	errno = 0;
	cur = getpriority(PRIO_PROCESS, 0);
	if (cur == -1 && errno) {
		fprintf(stderr, "nice: cannot get niceness: %s\n", strerror(errno));
		return 125;
	}
	if (i == argc) {
		if (argc > 1)
			cs_usage(NICE_USAGE);
		printf("%d\n", cur);
		return 0;
	}
	if (setpriority(PRIO_PROCESS, 0, cur + adj) != 0)
		fprintf(stderr, "nice: cannot set niceness: %s\n", strerror(errno));
	execvp(argv[i], argv + i);
	fprintf(stderr, "nice: '%s': %s\n", argv[i], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
