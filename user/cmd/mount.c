/*
 * mount: list or attach file systems.
 *
 *   mount                                   print /proc/mounts
 *   mount [-r|-w] [-t TYPE] [-o OPT[,OPT]...] DEVICE DIR
 *
 * OPTs that are mount(2) flags (ro, rw, remount, bind, rbind, move, nosuid,
 * suid, nodev, dev, noexec, exec, sync, async, noatime, atime, nodiratime,
 * relatime, strictatime, dirsync, mand, nomand, defaults) become flags;
 * the others are passed to the file system as its data string. Without
 * -t (and not bind/move/remount) each block file system of
 * /proc/filesystems is tried in turn, as mount(8) probes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "cmdsys.h"
#include "ulib.h"

#define MOUNT_USAGE "mount [-r|-w] [-t TYPE] [-o OPTIONS] DEVICE DIR"

static const struct { const char *name; unsigned long set, clear; } mount_flags[] = {
	{ "defaults", 0, 0 },
	{ "ro", MS_RDONLY, 0 },		{ "rw", 0, MS_RDONLY },
	{ "remount", MS_REMOUNT, 0 },	{ "bind", MS_BIND, 0 },
	{ "rbind", MS_BIND | MS_REC, 0 }, { "move", MS_MOVE, 0 },
	{ "nosuid", MS_NOSUID, 0 },	{ "suid", 0, MS_NOSUID },
	{ "nodev", MS_NODEV, 0 },	{ "dev", 0, MS_NODEV },
	{ "noexec", MS_NOEXEC, 0 },	{ "exec", 0, MS_NOEXEC },
	{ "sync", MS_SYNCHRONOUS, 0 },	{ "async", 0, MS_SYNCHRONOUS },
	{ "noatime", MS_NOATIME, 0 },	{ "atime", 0, MS_NOATIME },
	{ "nodiratime", MS_NODIRATIME, 0 }, { "relatime", MS_RELATIME, 0 },
	{ "strictatime", MS_STRICTATIME, 0 }, { "dirsync", MS_DIRSYNC, 0 },
	{ "mand", MS_MANDLOCK, 0 },	{ "nomand", 0, MS_MANDLOCK },
};

/* Split an -o list into *flags and the data string (appended to data). */
static void parse_options(char *opts, unsigned long *flags, char *data, size_t size)
{
	char *save = NULL;

	for (char *o = strtok_r(opts, ",", &save); o; o = strtok_r(NULL, ",", &save)) {
		size_t i, n = sizeof(mount_flags) / sizeof(mount_flags[0]);

		for (i = 0; i < n && strcmp(o, mount_flags[i].name) != 0; i++)
			;
		if (i < n) {
			*flags = (*flags | mount_flags[i].set) & ~mount_flags[i].clear;
			continue;
		}
		size_t len = strlen(data);

		snprintf(data + len, size - len, "%s%s", len ? "," : "", o);
	}
}

static int list_mounts(void)
{
	static char buf[65536];
	ssize_t n = cs_read_file("/proc/mounts", buf, sizeof(buf));

	if (n < 0) {
		fprintf(stderr, "mount: /proc/mounts: %s\n", strerror(errno));
		return 1;
	}
	return ulib_write_all(1, buf, (size_t)n) == 0 ? 0 : 1;
}

/* No -t: try each block (not "nodev") type of /proc/filesystems. */
static int mount_probe(const char *dev, const char *dir, unsigned long flags, const char *data)
{
	char buf[4096], *save = NULL;
	int err = ENODEV;

	if (cs_read_file("/proc/filesystems", buf, sizeof(buf)) < 0)
		return -1;
	for (char *ln = strtok_r(buf, "\n", &save); ln; ln = strtok_r(NULL, "\n", &save)) {
		if (strncmp(ln, "nodev", 5) == 0)
			continue;
		while (*ln == ' ' || *ln == '\t')
			ln++;
		if (mount(dev, dir, ln, flags, data) == 0)
			return 0;
		if (errno != EINVAL && errno != ENODEV)
			err = errno;
	}
	errno = err;
	return -1;
}

int main(int argc, char **argv)
{
	const char *type = NULL;
	unsigned long flags = 0;
	char data[1024] = "";
	int opt, r;

	while ((opt = getopt(argc, argv, "rwt:o:")) != -1) {
		if (opt == 'r')
			flags |= MS_RDONLY;
		else if (opt == 'w')
			flags &= ~(unsigned long)MS_RDONLY;
		else if (opt == 't')
			type = optarg;
		else if (opt == 'o')
			parse_options(optarg, &flags, data, sizeof(data));
		else
			cs_usage(MOUNT_USAGE);
	}
	if (optind == argc && !type && !flags && !data[0])
		return list_mounts();
	if (argc - optind != 2)
		cs_usage(MOUNT_USAGE);
	if (type || (flags & (MS_BIND | MS_MOVE | MS_REMOUNT)))
		r = mount(argv[optind], argv[optind + 1], type, flags, data[0] ? data : NULL);
	else
		r = mount_probe(argv[optind], argv[optind + 1], flags, data[0] ? data : NULL);
	if (r != 0) {
		fprintf(stderr, "mount: %s on %s: %s\n", argv[optind], argv[optind + 1],
			strerror(errno));
		return 1;
	}
	return 0;
}
