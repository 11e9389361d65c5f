/*
 * hostname: print or set the host name.
 *
 *   hostname          print it (uname's nodename)
 *   hostname NAME     set it (sethostname; root only)
 *   hostname -F FILE  set it from the first line of FILE
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmdsys.h"

#define HOSTNAME_USAGE "hostname [NAME | -F FILE]"

static int set_name(const char *name)
{
	if (sethostname(name, strlen(name)) != 0) {
		fprintf(stderr, "hostname: you must be root to change the host name: %s\n",
			strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	char buf[256];

	if (argc == 1) {
		if (gethostname(buf, sizeof(buf)) != 0) {
			fprintf(stderr, "hostname: %s\n", strerror(errno));
			return 1;
		}
		printf("%s\n", buf);
		return 0;
	}
	if (argc == 3 && strcmp(argv[1], "-F") == 0) {
		if (cs_read_file(argv[2], buf, sizeof(buf)) < 0) {
			fprintf(stderr, "hostname: %s: %s\n", argv[2], strerror(errno));
			return 1;
		}
		buf[strcspn(buf, "\n")] = 0;
		return set_name(buf);
	}
	if (argc != 2 || argv[1][0] == '-' || !argv[1][0])
		cs_usage(HOSTNAME_USAGE);
	return set_name(argv[1]);
}
