/*
 * which: locate a command in PATH.
 *
 *   which [-a] COMMAND...
 *
 * Prints the first executable regular file named COMMAND in the
 * directories of $PATH (an empty entry is "."), or all of them with -a.
 * A COMMAND with a '/' is checked as is.  Exit 1 if any was not found.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdfs.h"

static int executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static int which(const char *cmd, int all)
{
	const char *path = getenv("PATH");
	int found = 0;

	if (strchr(cmd, '/')) {
		if (!executable(cmd))
			return 1;
		puts(cmd);
		return 0;
	}
	if (!path)
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path;; p++) {
		const char *end = strchrnul(p, ':');
		char *cand;
		if (asprintf(&cand, "%.*s%s%s", (int)(end - p), p, end == p ? "." : "", "") < 0)
			exit(2);
		char *full = cmd_join(cand, cmd);
		if (executable(full)) {
			puts(full);
			found = 1;
		}
		free(full), free(cand);
		if ((found && !all) || !*end)
			break;
		p = end;
	}
	return !found;
}

int main(int argc, char **argv)
{
	int c, all = 0, status = 0;

	while ((c = getopt(argc, argv, "a")) != -1) {
		if (c != 'a')
			cmd_usage("which [-a] COMMAND...");
		all = 1;
	}
	if (optind == argc)
		cmd_usage("which [-a] COMMAND...");
	for (int i = optind; i < argc; i++)
		status |= which(argv[i], all);
	return status;
}
