/*
 * grep: print lines that match patterns.
 *
 *   grep [-EFivwxnclLqrhHs] [-e PATTERN]... [PATTERN] [FILE]...
 *
 * Patterns are POSIX basic regular expressions (glibc regcomp), extended
 * with -E, fixed strings with -F; several by -e or by newlines in one
 * pattern.  -i ignores case, -v selects the lines that do not match, -x
 * whole lines only, -w whole words only; -n line numbers, -c counts, -l/-L
 * names of files with/without a match, -q nothing (exit at the first
 * match), -r searches directories ("." if no FILE), -h/-H without/with
 * file names, -s no messages about unreadable files.
 * Exit status: 0 a line was selected, 1 none, 2 an error (unless -q
 * found a match).  Reads line by line (getline): memory is one line.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "grep [-EFivwxnclLqrhHs] [-e PATTERN]... [PATTERN] [FILE]..."

static struct {
	int extended, fixed, icase, invert, whole_line, word;
	int number, count, list, list_missing, quiet, recursive, silent;
	int names; /* print file names */
} o;

static char **pats;
static regex_t *res;
static int npats, status = 1, had_error;

static void add_patterns(const char *arg)
{
	char *copy = strdup(arg), *save, *p;

	if (!*copy) { /* an empty pattern matches every line */
		pats = realloc(pats, sizeof(*pats) * (size_t)(npats + 1));
		pats[npats++] = copy;
		return;
	}
	for (p = strtok_r(copy, "\n", &save); p; p = strtok_r(NULL, "\n", &save)) {
		pats = realloc(pats, sizeof(*pats) * (size_t)(npats + 1));
		pats[npats++] = strdup(p);
	}
	free(copy);
}

static void compile(void)
{
	int flags = (o.extended ? REG_EXTENDED : 0) | (o.icase ? REG_ICASE : 0);

	if (o.fixed)
		return;
	res = calloc((size_t)npats, sizeof(*res));
	for (int i = 0; i < npats; i++) {
		int err = regcomp(&res[i], pats[i], flags);
		if (err) {
			char msg[256];
			regerror(err, &res[i], msg, sizeof(msg));
			cmd_warnx("%s", msg);
			exit(2);
		}
	}
}

static int is_word(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Does the match [so, eo) of line satisfy -x / -w? */
static int match_ok(const char *line, size_t len, size_t so, size_t eo)
{
	if (o.whole_line)
		return so == 0 && eo == len;
	if (o.word)
		return (so == 0 || !is_word(line[so - 1])) && (eo == len || !is_word(line[eo]));
	return 1;
}

static int match_one(int i, const char *line, size_t len)
{
	size_t start = 0;

	while (start <= len) {
		size_t so, eo;
		if (o.fixed) {
			const char *p = o.icase ? strcasestr(line + start, pats[i])
						: strstr(line + start, pats[i]);
			if (!p)
				return 0;
			so = (size_t)(p - line), eo = so + strlen(pats[i]);
		} else {
			regmatch_t m;
			if (regexec(&res[i], line + start, 1, &m, start ? REG_NOTBOL : 0))
				return 0;
			so = start + (size_t)m.rm_so, eo = start + (size_t)m.rm_eo;
		}
		if (match_ok(line, len, so, eo))
			return 1;
		if (o.whole_line)
			return 0;
		start = so + 1; /* -w: try a later match */
	}
	return 0;
}

static int line_selected(const char *line, size_t len)
{
	for (int i = 0; i < npats; i++)
		if (match_one(i, line, len))
			return !o.invert;
	return o.invert;
}

static void grep_stream(FILE *f, const char *name)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	unsigned long long lineno = 0, hits = 0;

	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		size_t len = (size_t)n;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (!line_selected(line, len))
			continue;
		hits++;
		status = 0;
		if (o.quiet)
			exit(0);
		if (o.list || o.list_missing)
			break;
		if (o.count)
			continue;
		if (o.names)
			printf("%s:", name);
		if (o.number)
			printf("%llu:", lineno);
		fwrite(line, 1, len, stdout);
		putchar('\n');
	}
	if (ferror(f)) {
		if (!o.silent)
			cmd_warn("%s", name);
		had_error = 1;
	}
	if (o.count) {
		if (o.names)
			printf("%s:", name);
		printf("%llu\n", hits);
	}
	if ((o.list && hits) || (o.list_missing && !hits))
		printf("%s\n", name);
	free(line);
}

static void grep_file(const char *path, const char *name)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;

	if (!f) {
		if (!o.silent)
			cmd_warn("%s", path);
		had_error = 1;
		return;
	}
	grep_stream(f, name);
	if (f != stdin)
		fclose(f);
}

static int walk_fn(const char *path, const struct stat *st, int phase, int depth, void *arg)
{
	(void)depth, (void)arg;
	if (phase == CMD_WALK_PRE && S_ISREG(st->st_mode)) {
		/* grep -r with no FILE names files relative to ".", as GNU does */
		const char *name = (*(int *)arg && strncmp(path, "./", 2) == 0) ? path + 2 : path;
		grep_file(path, name);
	}
	return 0;
}

static void walk_err(const char *path, int err, void *arg)
{
	(void)arg;
	errno = err;
	if (!o.silent)
		cmd_warn("%s", path);
	had_error = 1;
}

static void grep_operand(const char *path, int implicit)
{
	struct stat st;

	if (o.recursive && strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		struct cmd_walk_ops ops = { .fn = walk_fn, .err = walk_err, .max_depth = -1 };
		cmd_walk(path, &ops, &implicit);
		return;
	}
	if (strcmp(path, "-") && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		if (!o.silent)
			cmd_warnx("%s: Is a directory", path);
		had_error = 1;
		return;
	}
	grep_file(path, strcmp(path, "-") ? path : "(standard input)");
}

int main(int argc, char **argv)
{
	int c, names = -1;

	while ((c = getopt(argc, argv, "EFGivwxnclLqrRhHse:y")) != -1) {
		switch (c) {
		case 'E': o.extended = 1; o.fixed = 0; break;
		case 'F': o.fixed = 1; o.extended = 0; break;
		case 'G': o.fixed = o.extended = 0; break;
		case 'i': case 'y': o.icase = 1; break;
		case 'v': o.invert = 1; break;
		case 'w': o.word = 1; break;
		case 'x': o.whole_line = 1; break;
		case 'n': o.number = 1; break;
		case 'c': o.count = 1; break;
		case 'l': o.list = 1; break;
		case 'L': o.list_missing = 1; break;
		case 'q': o.quiet = 1; break;
		case 'r': case 'R': o.recursive = 1; break;
		case 'h': names = 0; break;
		case 'H': names = 1; break;
		case 's': o.silent = 1; break;
		case 'e': add_patterns(optarg); break;
		default: cmd_usage(USAGE);
		}
	}
	if (!npats) {
		if (optind >= argc)
			cmd_usage(USAGE);
		add_patterns(argv[optind++]);
	}
	compile();
	int nfiles = argc - optind;
	o.names = names >= 0 ? names : (nfiles > 1 || o.recursive);
	if (nfiles == 0)
		grep_operand(o.recursive ? "." : "-", 1);
	for (int i = optind; i < argc; i++)
		grep_operand(argv[i], 0);
	if (fflush(stdout) == EOF)
		had_error = 1;
	return had_error && !(o.quiet && status == 0) ? 2 : status;
}
