/*
 * builtins.c: the commands the shell runs itself.
 *
 * Each builtin is `int fn(int argc, char **argv)` returning its exit
 * status; usage errors print "sh: NAME: ..." and return 2. The table at
 * the bottom marks POSIX's special builtins (their assignments persist, a
 * function cannot hide them). test and [ are in test.c; wait, jobs, fg and
 * bg in jobs.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"
#include "ulib.h"

static int usage(const char *name, const char *msg)
{
	sh_error("%s: %s\n", name, msg);
	return 2;
}

/* A decimal argument in [0, max]; -1 if it is not one. */
static long number_arg(const char *s, long max)
{
	char *end;
	long v;

	if (!*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < 0 || v > max)
		return -1;
	return v;
}

static int bi_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int bi_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

static int bi_exit(int argc, char **argv)
{
	long st = sh.status;

	if (jobs_exit_check())
		return 1;
	if (argc > 1 && (st = number_arg(argv[1], LONG_MAX)) < 0) {
		sh_error("exit: %s: numeric argument required\n", argv[1]);
		st = 2;
	}
	sh_exit((int)st);
}

static int bi_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	int print = 0;
	char cwd[PATH_MAX];

	if (argc > 2)
		return usage("cd", "too many arguments");
	if (!dir || !*dir) {
		sh_error("cd: HOME not set\n");
		return 1;
	}
	if (strcmp(dir, "-") == 0) {
		dir = var_get("OLDPWD");
		if (!dir) {
			sh_error("cd: OLDPWD not set\n");
			return 1;
		}
		print = 1;
	}
	if (chdir(dir) < 0) {
		sh_error("cd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	const char *old = var_get("PWD");
	if (old)
		var_set("OLDPWD", old, 0);
	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd, 0);
	if (print)
		sh_printf(1, "%s\n", var_get("PWD") ? var_get("PWD") : dir);
	return 0;
}

static int bi_pwd(int argc, char **argv)
{
	char cwd[PATH_MAX];

	(void)argc;
	(void)argv;
	if (!getcwd(cwd, sizeof(cwd))) {
		sh_error("pwd: %s\n", strerror(errno));
		return 1;
	}
	sh_printf(1, "%s\n", cwd);
	return 0;
}

/* echo's -e escapes: the byte a backslash sequence stands for. */
static int echo_escape(const char **pp, struct sbuf *out)
{
	const char *p = *pp;
	static const char from[] = "abefnrtv\\", to[] = "\a\b\033\f\n\r\t\v\\";
	const char *k = strchr(from, *p);

	if (*p == 'c')
		return 1;
	if (*p && k) {
		sb_putc(out, to[k - from]);
	} else if (*p == '0') {
		int v = 0, n = 0;
		while (n < 3 && p[1] >= '0' && p[1] <= '7')
			v = v * 8 + (*++p - '0'), n++;
		sb_putc(out, (char)v);
	} else {
		sb_putc(out, '\\');
		if (!*p)
			p--;
		else
			sb_putc(out, *p);
	}
	*pp = p;
	return 0;
}

static int bi_echo(int argc, char **argv)
{
	int nl = 1, esc = 0, i = 1;
	struct sbuf out = {0};

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strspn(argv[i] + 1, "neE") != strlen(argv[i] + 1))
			break;
		for (const char *p = argv[i] + 1; *p; p++) {
			if (*p == 'n')
				nl = 0;
			else
				esc = *p == 'e';
		}
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			sb_putc(&out, ' ');
		for (const char *p = argv[i]; *p; p++) {
			if (esc && *p == '\\') {
				p++;
				if (echo_escape(&p, &out)) {
					nl = 0;
					goto done;
				}
			} else {
				sb_putc(&out, *p);
			}
		}
	}
done:
	if (nl)
		sb_putc(&out, '\n');
	int r = out.len ? ulib_write_all(1, out.s, out.len) : 0;
	sb_free(&out);
	if (r < 0) {
		sh_error("echo: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

/* export / readonly: NAME[=value]... or -p */
static int set_attr(int argc, char **argv, int flag)
{
	int st = 0;

	if (argc < 2 || (argc == 2 && strcmp(argv[1], "-p") == 0)) {
		var_print(flag == V_EXPORT);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t nl = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		if (!is_name(argv[i], nl)) {
			sh_error("%s: %s: bad variable name\n", argv[0], argv[i]);
			st = 1;
			continue;
		}
		char *name = strndup(argv[i], nl);
		if (eq)
			st |= var_set(name, eq + 1, flag) < 0;
		else
			var_set_flags(name, flag);
		free(name);
	}
	return st;
}

static int bi_export(int argc, char **argv)
{
	return set_attr(argc, argv, V_EXPORT);
}

static int bi_readonly(int argc, char **argv)
{
	return set_attr(argc, argv, V_READONLY);
}

int func_unset(const char *name);

static int bi_unset(int argc, char **argv)
{
	int funcs = 0, i = 1, st = 0;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "-f") == 0)
			funcs = 1;
		else if (strcmp(argv[i], "-v") != 0)
			return usage("unset", "usage: unset [-fv] name...");
	}
	for (; i < argc; i++) {
		if (funcs)
			func_unset(argv[i]);
		else if (var_unset(argv[i]) < 0)
			st = 1;
	}
	return st;
}

static int *option_flag(char c)
{
	switch (c) {
	case 'e': return &sh.opt_e;
	case 'x': return &sh.opt_x;
	case 'f': return &sh.opt_f;
	case 'u': return &sh.opt_u;
	case 'n': return &sh.opt_n;
	case 'v': return &sh.opt_v;
	case 'm': return &sh.monitor;
	}
	return NULL;
}

static char option_letter(const char *name)
{
	static const char *const names[] = {"errexit", "xtrace", "noglob", "nounset", "noexec", "verbose", "monitor"};
	static const char letters[] = "exfunvm";

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return letters[i];
	return 0;
}

/* Options of set (and of sh itself): -e +e -o name ...; returns the
 * index of the first operand, or -1 after an error. *dashdash if "--". */
int parse_set_options(int argc, char **argv, int *dashdash)
{
	int i = 1;

	*dashdash = 0;
	for (; i < argc; i++) {
		char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			*dashdash = 1;
			return i + 1;
		}
		if ((a[0] != '-' && a[0] != '+') || !a[1])
			break;
		int on = a[0] == '-';
		for (char *p = a + 1; *p; p++) {
			char c = *p;
			if (c == 'o') {
				if (i + 1 >= argc || !(c = option_letter(argv[++i]))) {
					sh_error("set: bad -o option\n");
					return -1;
				}
			}
			int *f = option_flag(c);
			if (!f) {
				sh_error("set: -%c: invalid option\n", c);
				return -1;
			}
			*f = on;
		}
	}
	return i;
}

static int bi_set(int argc, char **argv)
{
	int dd;

	if (argc == 1) {
		var_print(0);
		return 0;
	}
	int first = parse_set_options(argc, argv, &dd);
	if (first < 0)
		return 2;
	if (first < argc || dd)
		pos_set(argc - first, argv + first);
	return 0;
}

static int bi_shift(int argc, char **argv)
{
	struct posparams *pp = pos_cur();
	long n = argc > 1 ? number_arg(argv[1], INT_MAX) : 1;

	if (n < 0)
		return usage("shift", "bad number");
	if (n > pp->argc) {
		sh_error("shift: can't shift that many\n");
		return 1;
	}
	pos_set(pp->argc - n, pp->argv + n);
	return 0;
}

static int bi_loopctl(int argc, char **argv)
{
	long n = argc > 1 ? number_arg(argv[1], INT_MAX) : 1;

	if (n < 1)
		return usage(argv[0], "bad loop count");
	if (sh.loop_depth == 0)
		return 0;
	if (n > sh.loop_depth)
		n = sh.loop_depth;
	if (argv[0][0] == 'b')
		sh.brk = n;
	else
		sh.cont = n;
	return 0;
}

static int source_depth;

static int bi_return(int argc, char **argv)
{
	long n = argc > 1 ? number_arg(argv[1], 255) : sh.status;

	if (n < 0)
		return usage("return", "bad number");
	if (sh.func_depth == 0 && source_depth == 0) {
		sh_error("return: can only return from a function or sourced script\n");
		return 1;
	}
	sh.status = n;
	sh.returning = 1;
	return n;
}

/* Read a file whole (for scripts and `.`); NULL with errno on failure. */
char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct sbuf b = {0};

	if (fd < 0)
		return NULL;
	for (;;) {
		char buf[8192];
		ssize_t r = read(fd, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			close(fd);
			sb_free(&b);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		sb_putn(&b, buf, r);
	}
	close(fd);
	*len = b.len;
	sb_str(&b);
	return b.s;
}

static int bi_source(int argc, char **argv)
{
	size_t len;
	char *path, *text;
	int st;

	if (argc < 2)
		return usage(argv[0], "filename argument required");
	path = strchr(argv[1], '/') ? xstrdup(argv[1]) : path_search(argv[1]);
	if (!path)
		path = xstrdup(argv[1]);
	text = read_file(path, &len);
	if (!text) {
		sh_error("%s: %s: %s\n", argv[0], argv[1], strerror(errno));
		free(path);
		return 1;
	}
	if (argc > 2)
		pos_push(argc - 2, argv + 2);
	source_depth++;
	st = eval_string(text, len);
	source_depth--;
	if (sh.returning) {
		sh.returning = 0;
		st = sh.status;
	}
	if (argc > 2)
		pos_pop();
	free(text);
	free(path);
	return st;
}

static int bi_eval(int argc, char **argv)
{
	struct sbuf b = {0};
	int st;

	for (int i = 1; i < argc; i++) {
		if (i > 1)
			sb_putc(&b, ' ');
		sb_puts(&b, argv[i]);
	}
	st = eval_string(b.s ? b.s : "", b.len);
	sb_free(&b);
	return st;
}

static int bi_exec(int argc, char **argv)
{
	if (argc < 2)
		return 0;       /* redirections only: run_in_shell keeps them */
	term_take();
	exec_external(argv + 1);
}

static int bi_umask(int argc, char **argv)
{
	if (argc < 2) {
		mode_t m = umask(0);
		umask(m);
		sh_printf(1, "%04o\n", (unsigned)m);
		return 0;
	}
	char *end;
	long m = strtol(argv[1], &end, 8);
	if (*end || m < 0 || m > 0777)
		return usage("umask", "bad mode (octal only)");
	umask((mode_t)m);
	return 0;
}

/* Is byte k of line an (unescaped) IFS byte, or IFS white space? */
static int read_ifs(const struct sbuf *line, const struct sbuf *esc, size_t k, int ws_only)
{
	const char *ifs = var_get("IFS");
	char c = line->s[k];

	if (!ifs)
		ifs = " \t\n";
	if (esc->s[k] || !c || !strchr(ifs, c))
		return 0;
	return !ws_only || c == ' ' || c == '\t' || c == '\n';
}

/* Assign the fields of line to vars: each gets one, the last the rest. */
static void read_split(struct sbuf *line, struct sbuf *esc, int nvars, char **vars)
{
	size_t i = 0, n = line->len;

	sb_str(line);
	sb_str(esc);
	for (int v = 0; v < nvars; v++) {
		size_t start, end;
		while (i < n && read_ifs(line, esc, i, 1))
			i++;
		start = i;
		if (v == nvars - 1) {
			end = n;
			while (end > i && read_ifs(line, esc, end - 1, 1))
				end--;
		} else {
			while (i < n && !read_ifs(line, esc, i, 0))
				i++;
			end = i;
			while (i < n && read_ifs(line, esc, i, 1))
				i++;
			if (i < n && read_ifs(line, esc, i, 0) && !read_ifs(line, esc, i, 1))
				i++;
		}
		char *val = strndup(line->s + start, end - start);
		var_set(vars[v], val, 0);
		free(val);
	}
}

/* read's work: one line from fd 0, a byte at a time (so the rest of the
 * input stays for whoever reads next); 1 at end of input. */
static int read_line_into(int raw, int nvars, char **vars)
{
	struct sbuf line = {0}, esc = {0};
	int eof = 0;

	for (;;) {
		char c;
		ssize_t r = read(0, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			eof = 1;
			break;
		}
		if (c == '\n')
			break;
		if (c == '\\' && !raw) {
			if (read(0, &c, 1) <= 0) {
				eof = 1;
				break;
			}
			if (c == '\n')
				continue;
			sb_putc(&line, c);
			sb_putc(&esc, 1);
			continue;
		}
		sb_putc(&line, c);
		sb_putc(&esc, 0);
	}
	if (nvars == 0) {
		var_set("REPLY", sb_str(&line), 0);
	} else {
		read_split(&line, &esc, nvars, vars);
	}
	sb_free(&line);
	sb_free(&esc);
	return eof;
}

static int bi_read(int argc, char **argv)
{
	int raw = 0, i = 1;
	const char *prompt = NULL;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "-r") == 0)
			raw = 1;
		else if (strcmp(argv[i], "-p") == 0 && i + 1 < argc)
			prompt = argv[++i];
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else
			return usage("read", "usage: read [-r] [-p prompt] [name...]");
	}
	for (int k = i; k < argc; k++)
		if (!is_name(argv[k], strlen(argv[k]))) {
			sh_error("read: %s: bad variable name\n", argv[k]);
			return 2;
		}
	if (prompt)
		sh_printf(2, "%s", prompt);
	return read_line_into(raw, argc - i, argv + i);
}

static int bi_type(int argc, char **argv)
{
	int st = 0;

	for (int i = 1; i < argc; i++)
		st |= describe_command(argv[i], 1);
	return st ? 1 : 0;
}

static int bi_command(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "-v") == 0 || strcmp(argv[1], "-V") == 0)) {
		int st = 0;
		for (int i = 2; i < argc; i++)
			st |= describe_command(argv[i], argv[1][1] == 'V');
		return st ? 1 : 0;
	}
	if (argc < 2)
		return 0;
	return run_command_argv(argc - 1, argv + 1);
}

static const struct builtin builtins[] = {
	{".", bi_source, 1}, {":", bi_true, 1}, {"[", builtin_test, 0},
	{"bg", builtin_bg, 0}, {"break", bi_loopctl, 1}, {"cd", bi_cd, 0},
	{"command", bi_command, 0}, {"continue", bi_loopctl, 1}, {"echo", bi_echo, 0},
	{"eval", bi_eval, 1}, {"exec", bi_exec, 1}, {"exit", bi_exit, 1},
	{"export", bi_export, 1}, {"false", bi_false, 0}, {"fg", builtin_fg, 0},
	{"jobs", builtin_jobs, 0}, {"kill", builtin_kill, 0}, {"local", builtin_local, 0}, {"pwd", bi_pwd, 0}, {"read", bi_read, 0},
	{"readonly", bi_readonly, 1}, {"return", bi_return, 1}, {"set", bi_set, 1},
	{"shift", bi_shift, 1}, {"source", bi_source, 0}, {"test", builtin_test, 0}, {"trap", builtin_trap, 1},
	{"true", bi_true, 0}, {"type", bi_type, 0}, {"umask", bi_umask, 0},
	{"unset", bi_unset, 1}, {"wait", builtin_wait, 0},
};

const struct builtin *builtin_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}

static const char *const keywords[] = {
	"!", "{", "}", "case", "do", "done", "elif", "else", "esac", "fi", "for",
	"if", "in", "then", "until", "while",
};

/* command -v (verbose 0) or type (verbose 1); 0 if found, else 1. */
int describe_command(const char *name, int verbose)
{
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++) {
		if (strcmp(name, keywords[i]) == 0) {
			sh_printf(1, verbose ? "%s is a shell keyword\n" : "%s\n", name);
			return 0;
		}
	}
	if (func_lookup(name)) {
		sh_printf(1, verbose ? "%s is a function\n" : "%s\n", name);
		return 0;
	}
	if (builtin_lookup(name)) {
		sh_printf(1, verbose ? "%s is a shell builtin\n" : "%s\n", name);
		return 0;
	}
	char *path = path_search(name);
	if (path) {
		if (verbose)
			sh_printf(1, "%s is %s\n", name, path);
		else
			sh_printf(1, "%s\n", path);
		free(path);
		return 0;
	}
	if (verbose)
		sh_error("type: %s: not found\n", name);
	return 1;
}
