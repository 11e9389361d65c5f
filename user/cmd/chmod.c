/*
 * chmod: change file mode bits.
 *
 *   chmod [-Rvcf] MODE FILE...
 *
 * MODE is octal (755) or symbolic: comma-separated clauses
 * [ugoa]*([-+=]([rwxXst]*|[ugo]))+, as POSIX; without [ugoa] the umask
 * limits + and =.  X is x for directories and for files that already have
 * an x bit.  -R changes trees (symlinks met inside are not followed; a
 * symlink's own mode is never changed), -v names every file, -c only the
 * changed ones, -f keeps quiet about errors.
 *
 * Options are parsed by hand instead of getopt: "chmod -w file" must take
 * -w as the MODE (as GNU does), which getopt would reject.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "chmod [-Rvcf] MODE FILE..."

static int recursive, verbose, changes, quiet, status;
static const char *mode_arg;
static mode_t cur_umask;

static mode_t who_bits(const char *who, size_t n)
{
	mode_t m = 0;

	for (size_t i = 0; i < n; i++)
		m |= who[i] == 'u' ? 04700 : who[i] == 'g' ? 02070 : who[i] == 'o' ? 01007 : 07777;
	return n ? m : 07777;
}

/* The new mode, or -1 when spec is not a valid mode. */
static long apply_mode(const char *spec, mode_t old, int is_dir)
{
	char *end;
	long oct = strtol(spec, &end, 8);

	if (*spec >= '0' && *spec <= '7')
		return (*end || oct > 07777) ? -1 : (long)((old & ~07777) | (mode_t)oct);
	mode_t m = old;
	const char *s = spec;
	for (;;) {
		size_t nwho = strspn(s, "ugoa");
		mode_t who = who_bits(s, nwho), mask = nwho ? who : (who & ~cur_umask);
		s += nwho;
		if (!strchr("+-=", *s) || !*s)
			return -1;
		while (*s && strchr("+-=", *s)) {
			char op = *s++;
			mode_t perm = 0;
			if (*s && strchr("ugo", *s)) { /* copy another class's bits */
				mode_t src = m & (*s == 'u' ? 0700 : *s == 'g' ? 0070 : 0007);
				src = *s == 'u' ? src >> 6 : *s == 'g' ? src >> 3 : src;
				perm = src * 0111;
				s++;
			}
			for (; *s && strchr("rwxXst", *s); s++) {
				perm |= *s == 'r' ? 0444 : *s == 'w' ? 0222 : *s == 'x' ? 0111
					: *s == 's' ? 06000 : *s == 't' ? 01000
					: (is_dir || (old & 0111)) ? 0111 : 0;
			}
			perm &= mask;
			if (op == '=')
				m = (m & ~who) | perm;
			else if (op == '+')
				m |= perm;
			else
				m &= ~perm;
		}
		if (!*s)
			return (long)m;
		if (*s++ != ',')
			return -1;
	}
}

static void change(const char *path, const struct stat *st)
{
	long m = apply_mode(mode_arg, st->st_mode, S_ISDIR(st->st_mode));

	if (chmod(path, (mode_t)m & 07777) < 0) {
		if (!quiet)
			cmd_warn("changing permissions of '%s'", path);
		status = 1;
		return;
	}
	int changed = ((mode_t)m & 07777) != (st->st_mode & 07777);
	if (verbose || (changes && changed))
		printf("mode of '%s' %s from %04o to %04o\n", path,
		       changed ? "changed" : "retained as", st->st_mode & 07777,
		       (unsigned)m & 07777);
}

static int walk_fn(const char *path, const struct stat *st, int phase, int depth, void *arg)
{
	(void)arg;
	if (phase == CMD_WALK_PRE && (!S_ISLNK(st->st_mode) || depth == 0))
		change(path, st);
	return 0;
}

static void walk_err(const char *path, int err, void *arg)
{
	(void)arg;
	errno = err;
	if (!quiet)
		cmd_warn("cannot access '%s'", path);
	status = 1;
}

static int parse_options(int argc, char **argv)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0)
			return i + 1;
		if (strspn(argv[i] + 1, "Rvcf") != strlen(argv[i] + 1)) {
			if (apply_mode(argv[i], 0, 0) >= 0)
				return i; /* a mode like -w */
			fprintf(stderr, "chmod: invalid option -- '%c'\n",
				argv[i][1 + strspn(argv[i] + 1, "Rvcf")]);
			cmd_usage(USAGE);
		}
		for (const char *p = argv[i] + 1; *p; p++) {
			recursive |= *p == 'R', verbose |= *p == 'v';
			changes |= *p == 'c', quiet |= *p == 'f';
		}
	}
	return i;
}

int main(int argc, char **argv)
{
	int i = parse_options(argc, argv);

	cur_umask = umask(0);
	umask(cur_umask);
	if (argc - i < 2)
		cmd_usage(USAGE);
	mode_arg = argv[i++];
	if (apply_mode(mode_arg, 0, 0) < 0) {
		cmd_warnx("invalid mode: '%s'", mode_arg);
		cmd_usage(USAGE);
	}
	for (; i < argc; i++) {
		struct stat st;
		if (recursive) {
			struct cmd_walk_ops ops = { .fn = walk_fn, .err = walk_err, .max_depth = -1 };
			if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
				cmd_walk(argv[i], &ops, NULL);
				continue;
			}
		}
		if (stat(argv[i], &st) < 0) {
			if (!quiet)
				cmd_warn("cannot access '%s'", argv[i]);
			status = 1;
			continue;
		}
		change(argv[i], &st);
	}
	return status;
}
