/*
 * readlink: print a symbolic link's target, or a canonical path.
 *
 *   readlink [-fenq] FILE...
 *
 * Without options FILE must be a symlink and its target is printed as
 * stored (exit 1 otherwise, silently, as GNU).  -f canonicalizes: every
 * symlink followed, all but the last component must exist; -e all must
 * exist.  -n leaves out the newline, -q is accepted (quiet is default).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "readlink [-fenq] FILE..."

/* -f: the parent must resolve; the last component need not exist (a
 * dangling symlink is followed to its missing target). */
static char *canon_loose(const char *path)
{
	char *cur = strdup(path), *r = NULL;

	for (int hops = 0; hops < 40 && !r; hops++) {
		char target[PATH_MAX];
		ssize_t n;

		if ((r = realpath(cur, NULL)) || errno != ENOENT)
			break;
		if ((n = readlink(cur, target, sizeof(target) - 1)) >= 0) {
			target[n] = '\0';
			char *d = strdup(cur);
			char *next = target[0] == '/' ? strdup(target) : cmd_join(dirname(d), target);
			free(d), free(cur);
			cur = next;
			continue;
		}
		char *d = strdup(cur), *b = strdup(cur);
		char *parent = realpath(dirname(d), NULL);
		const char *base = basename(b);
		if (parent && strcmp(base, "/") && strcmp(base, ".") && strcmp(base, ".."))
			r = cmd_join(parent, base);
		free(parent), free(d), free(b);
		if (!r)
			errno = ENOENT;
		break;
	}
	free(cur);
	return r;
}

int main(int argc, char **argv)
{
	int c, mode = 0, newline = 1, status = 0;

	while ((c = getopt(argc, argv, "fenqsv")) != -1) {
		switch (c) {
		case 'f': case 'e': mode = c; break;
		case 'n': newline = 0; break;
		case 'q': case 's': case 'v': break;
		default: cmd_usage(USAGE);
		}
	}
	if (optind == argc)
		cmd_usage(USAGE);
	for (int i = optind; i < argc; i++) {
		char buf[PATH_MAX], *out = NULL;
		if (mode == 'e') {
			out = realpath(argv[i], NULL);
		} else if (mode == 'f') {
			out = canon_loose(argv[i]);
		} else {
			ssize_t n = readlink(argv[i], buf, sizeof(buf) - 1);
			if (n >= 0) {
				buf[n] = '\0';
				out = strdup(buf);
			}
		}
		if (!out) {
			status = 1;
			continue;
		}
		printf("%s%s", out, newline ? "\n" : "");
		free(out);
	}
	return status;
}
