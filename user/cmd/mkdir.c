/*
 * mkdir: make directories.
 *
 *   mkdir [-p] [-m MODE] DIR...
 *
 * -p makes missing parents and is quiet about directories that exist;
 * -m sets the mode (octal) of the last component (parents get the
 * default, as GNU).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "mkdir [-p] [-m MODE] DIR..."

static int mkdir_parents(char *path, mode_t mode)
{
	struct stat st;

	for (char *p = path + 1; *p; p++) {
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = '\0';
		int r = mkdir(path, 0777);
		int err = errno;
		*p = '/';
		if (r < 0 && err != EEXIST)
			return errno = err, -1;
	}
	if (mkdir(path, mode) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	return -1;
}

int main(int argc, char **argv)
{
	int c, parents = 0, status = 0;
	mode_t mode = 0777;
	int explicit_mode = 0;

	while ((c = getopt(argc, argv, "pm:")) != -1) {
		switch (c) {
		case 'p': parents = 1; break;
		case 'm': {
			char *end;
			mode = (mode_t)strtoul(optarg, &end, 8);
			if (*end || end == optarg || mode > 07777) {
				cmd_warnx("invalid mode '%s'", optarg);
				cmd_usage(USAGE);
			}
			explicit_mode = 1;
			break;
		}
		default: cmd_usage(USAGE);
		}
	}
	if (optind == argc)
		cmd_usage(USAGE);
	for (int i = optind; i < argc; i++) {
		int r = parents ? mkdir_parents(argv[i], mode) : mkdir(argv[i], mode);
		if (r < 0) {
			cmd_warn("cannot create directory '%s'", argv[i]);
			status = 1;
		} else if (explicit_mode && chmod(argv[i], mode) < 0) {
			cmd_warn("cannot set the mode of '%s'", argv[i]);
			status = 1;
		}
	}
	return status;
}
