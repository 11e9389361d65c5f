/*
 * find: search for files in a directory hierarchy.
 *
 *   find [-L] [PATH]... [EXPRESSION]
 *
 * PATH defaults to ".".  The expression is an AND of these tests and
 * actions, in order (no -o, ! or parentheses):
 *   -name GLOB   -iname GLOB   -path GLOB   base name / whole path (fnmatch)
 *   -type [fdlpcbs]            file type
 *   -maxdepth N  -mindepth N   limits (global options, anywhere)
 *   -newer FILE                modified after FILE
 *   -size [+-]N[ckMG]          size in 512-byte blocks (or the unit given),
 *                              rounded up, as find(1)
 *   -empty                     empty file or directory
 *   -print  -print0            print the path (and "\n" or "\0")
 *   -exec CMD {} ;             run CMD ({} replaced by the path), true if
 *                              it exits 0; -exec CMD {} + runs it with many
 *   -delete                    remove the file (depth-first order implied)
 * Without an action, -print is implied.  Entries are visited in directory
 * order (readdir), as GNU find.  Exit 1 if a path could not be read.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "find [-L] [PATH]... [-name GLOB] [-type T] [-maxdepth N] [-print] [-exec CMD {} ;]"

enum kind { NAME, INAME, PATH, TYPE, NEWER, SIZE, EMPTY, PRINT, PRINT0, EXEC, EXEC_PLUS, DELETE };

struct pred {
	enum kind kind;
	const char *arg;
	char **argv;	/* -exec: the command words up to ; or + */
	int argc;
	long long num;	/* -size: blocks of unit; sign in cmp */
	int cmp, unit;
	struct timespec t;
};

static struct pred *preds;
static int npreds, has_action, depth_first, status;
static long mindepth;
static char **plus_args; /* -exec ... {} + batch */
static int nplus;
static size_t plus_bytes;

static int run(char **argv)
{
	fflush(stdout);
	pid_t pid = fork();
	int st;

	if (pid < 0) {
		cmd_warn("fork");
		return 0;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		cmd_warn("'%s'", argv[0]);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		status = 1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static int exec_one(const struct pred *p, const char *path)
{
	char *argv[p->argc + 1];

	for (int i = 0; i < p->argc; i++)
		argv[i] = strcmp(p->argv[i], "{}") ? p->argv[i] : (char *)path;
	argv[p->argc] = NULL;
	return run(argv);
}

/* -exec ... {} +: the command words (without {}) then the collected paths. */
static void flush_plus(void)
{
	const struct pred *p = NULL;

	for (int i = 0; i < npreds; i++)
		if (preds[i].kind == EXEC_PLUS)
			p = &preds[i];
	if (!p || !nplus)
		return;
	char **argv = calloc((size_t)(p->argc + nplus + 1), sizeof(char *));
	int n = 0;
	for (int i = 0; i < p->argc - 1; i++) /* the last word is {} */
		argv[n++] = p->argv[i];
	for (int i = 0; i < nplus; i++)
		argv[n++] = plus_args[i];
	run(argv);
	for (int i = 0; i < nplus; i++)
		free(plus_args[i]);
	free(argv);
	nplus = 0, plus_bytes = 0;
}

static int type_char(mode_t m)
{
	return S_ISREG(m) ? 'f' : S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISFIFO(m) ? 'p'
		: S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' : S_ISSOCK(m) ? 's' : '?';
}

static int is_empty(const char *path, const struct stat *st)
{
	if (S_ISREG(st->st_mode))
		return st->st_size == 0;
	if (!S_ISDIR(st->st_mode))
		return 0;
	DIR *d = opendir(path);
	struct dirent *de;
	int empty = 1;
	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	if (d)
		closedir(d);
	return d && empty;
}

static int eval(const struct pred *p, const char *path, const struct stat *st)
{
	const char *base = strrchr(path, '/');
	base = (base && base[1]) ? base + 1 : path;

	switch (p->kind) {
	case NAME: return fnmatch(p->arg, base, 0) == 0;
	case INAME: return fnmatch(p->arg, base, FNM_CASEFOLD) == 0;
	case PATH: return fnmatch(p->arg, path, 0) == 0;
	case TYPE: return type_char(st->st_mode) == p->arg[0];
	case NEWER:
		return st->st_mtim.tv_sec > p->t.tv_sec ||
		       (st->st_mtim.tv_sec == p->t.tv_sec && st->st_mtim.tv_nsec > p->t.tv_nsec);
	case SIZE: {
		long long units = (st->st_size + p->unit - 1) / p->unit;
		return p->cmp > 0 ? units > p->num : p->cmp < 0 ? units < p->num : units == p->num;
	}
	case EMPTY: return is_empty(path, st);
	case PRINT: printf("%s\n", path); return 1;
	case PRINT0: printf("%s%c", path, 0); return 1;
	case EXEC: return exec_one(p, path);
	case EXEC_PLUS:
		if (plus_bytes + strlen(path) > 64 * 1024 || nplus >= 1024)
			flush_plus();
		plus_args = realloc(plus_args, (size_t)(nplus + 1) * sizeof(char *));
		plus_args[nplus++] = strdup(path);
		plus_bytes += strlen(path) + 1;
		return 1;
	case DELETE:
		if (strcmp(path, ".") == 0)
			return 1; /* as GNU: "." itself is never removed */
		if ((S_ISDIR(st->st_mode) ? rmdir(path) : unlink(path)) < 0) {
			cmd_warn("cannot delete '%s'", path);
			status = 1;
			return 0;
		}
		return 1;
	}
	return 0;
}

static int walk_fn(const char *path, const struct stat *st, int phase, int depth, void *arg)
{
	(void)arg;
	/* a directory is judged before its children, or after them for -delete */
	int when = S_ISDIR(st->st_mode) && depth_first ? CMD_WALK_POST : CMD_WALK_PRE;
	if (phase != when)
		return 0;
	if (depth < mindepth)
		return 0;
	for (int i = 0; i < npreds; i++)
		if (!eval(&preds[i], path, st))
			return 0;
	if (!has_action)
		printf("%s\n", path);
	return 0;
}

static void walk_err(const char *path, int err, void *arg)
{
	(void)arg;
	errno = err;
	cmd_warn("'%s'", path);
	status = 1;
}

static void need_arg(int i, int argc, char **argv)
{
	if (i + 1 >= argc) {
		cmd_warnx("missing argument to '%s'", argv[i]);
		cmd_usage(USAGE);
	}
}

static long number(const char *s, const char *opt)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*end || end == s || v < 0) {
		cmd_warnx("invalid argument '%s' to '%s'", s, opt);
		exit(2);
	}
	return v;
}

static void parse_size(struct pred *p, const char *s)
{
	char *end;

	p->cmp = *s == '+' ? 1 : *s == '-' ? -1 : 0;
	if (p->cmp)
		s++;
	p->num = strtoll(s, &end, 10);
	p->unit = 512;
	if (*end && !end[1] && strchr("bckwMG", *end))
		p->unit = *end == 'c' ? 1 : *end == 'w' ? 2 : *end == 'k' ? 1024
			: *end == 'M' ? 1 << 20 : *end == 'G' ? 1 << 30 : 512, end++;
	if (*end || end == s) {
		cmd_warnx("invalid -size '%s'", s);
		exit(2);
	}
}

/* Parse the expression argv[i..]; returns the -maxdepth (or -1). */
static long parse_expr(int i, int argc, char **argv)
{
	long maxdepth = -1;

	preds = calloc((size_t)argc, sizeof(*preds));
	for (; i < argc; i++) {
		const char *a = argv[i];
		struct pred *p = &preds[npreds];
		static const struct { const char *n; enum kind k; int args; } tab[] = {
			{"-name", NAME, 1}, {"-iname", INAME, 1}, {"-path", PATH, 1},
			{"-type", TYPE, 1}, {"-newer", NEWER, 1}, {"-size", SIZE, 1},
			{"-empty", EMPTY, 0}, {"-print", PRINT, 0}, {"-print0", PRINT0, 0},
			{"-delete", DELETE, 0},
		};
		size_t k = 0;
		if (strcmp(a, "-maxdepth") == 0 || strcmp(a, "-mindepth") == 0) {
			need_arg(i, argc, argv);
			*(a[2] == 'a' ? &maxdepth : &mindepth) = number(argv[++i], a);
			continue;
		}
		if (strcmp(a, "-exec") == 0) {
			int j = i + 1;
			while (j < argc && strcmp(argv[j], ";") &&
			       !(strcmp(argv[j], "+") == 0 && strcmp(argv[j - 1], "{}") == 0))
				j++;
			if (j >= argc || j == i + 1) {
				cmd_warnx("missing argument to '-exec'");
				cmd_usage(USAGE);
			}
			*p = (struct pred){ .kind = argv[j][0] == '+' ? EXEC_PLUS : EXEC,
					    .argv = argv + i + 1, .argc = j - i - 1 };
			npreds++, has_action = 1, i = j;
			continue;
		}
		while (k < sizeof(tab) / sizeof(tab[0]) && strcmp(a, tab[k].n))
			k++;
		if (k == sizeof(tab) / sizeof(tab[0])) {
			cmd_warnx("unknown predicate '%s'", a);
			cmd_usage(USAGE);
		}
		if (tab[k].args)
			need_arg(i, argc, argv);
		*p = (struct pred){ .kind = tab[k].k, .arg = tab[k].args ? argv[++i] : NULL };
		if (p->kind == TYPE && (strlen(p->arg) != 1 || !strchr("fdlpcbs", p->arg[0]))) {
			cmd_warnx("unknown argument to -type: %s", p->arg);
			exit(2);
		}
		if (p->kind == SIZE)
			parse_size(p, p->arg);
		if (p->kind == NEWER) {
			struct stat st;
			if (stat(p->arg, &st) < 0) {
				cmd_warn("'%s'", p->arg);
				exit(1);
			}
			p->t = st.st_mtim;
		}
		has_action |= p->kind == PRINT || p->kind == PRINT0 || p->kind == DELETE;
		depth_first |= p->kind == DELETE;
		npreds++;
	}
	return maxdepth;
}

int main(int argc, char **argv)
{
	int i = 1, follow = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1] && !argv[i][2]; i++) {
		if (argv[i][1] == 'L')
			follow = 1;
		else if (argv[i][1] == 'P' || argv[i][1] == 'H')
			follow = 0;
		else
			break;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	int first_path = i;
	while (i < argc && (argv[i][0] != '-' || !argv[i][1]))
		i++;
	int npaths = i - first_path;
	long maxdepth = parse_expr(i, argc, argv);
	struct cmd_walk_ops ops = { .fn = walk_fn, .err = walk_err, .follow = follow,
				    .max_depth = maxdepth };
	if (npaths == 0)
		cmd_walk(".", &ops, NULL);
	for (int k = 0; k < npaths; k++)
		cmd_walk(argv[first_path + k], &ops, NULL);
	flush_plus();
	if (fflush(stdout) == EOF)
		status = 1;
	return status;
}
