/*
 * umount: detach file systems.
 *
 *   umount [-l] [-f] DIR...
 *
 * -l detaches lazily (MNT_DETACH: busy files keep the file system until
 * they are closed); -f forces (MNT_FORCE). Exit 1 if any failed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "cmdsys.h"

int main(int argc, char **argv)
{
	int opt, flags = 0, status = 0;

	while ((opt = getopt(argc, argv, "lf")) != -1) {
		if (opt == 'l')
			flags |= MNT_DETACH;
		else if (opt == 'f')
			flags |= MNT_FORCE;
		else
			cs_usage("umount [-l] [-f] DIR...");
	}
	if (optind == argc)
		cs_usage("umount [-l] [-f] DIR...");
	for (int i = optind; i < argc; i++)
		if (umount2(argv[i], flags) != 0) {
			fprintf(stderr, "umount: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
	return status;
}
