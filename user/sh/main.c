/*
 * main.c: /bin/sh -- options, where commands come from, the prompt.
 *
 *   sh [-eixfuvm] [+...] [-o opt] FILE [ARG...]   run a script
 *   sh ... -c 'COMMANDS' [NAME [ARG...]]           run a string ($0 = NAME)
 *   sh ... [-s] [ARG...]                           read commands from stdin
 *
 * Reading stdin, the shell is interactive when stdin and stderr are
 * terminals (or with -i): then it prints the prompt ("CWD $ ", "# " for
 * root, or $PS1; "> " or $PS2 to continue a command), edits lines with
 * edit.c, does job control (sh.monitor), ignores SIGQUIT, SIGTERM,
 * SIGTSTP, SIGTTIN and SIGTTOU itself and catches SIGINT (a ^C between
 * two commands abandons the line; trap.c). Children get them back.
 * A syntax error or a failed expansion
 * ends a non-interactive shell with status 2; an interactive one goes on.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

struct shell sh;

int parse_set_options(int argc, char **argv, int *dashdash);
char *read_file(const char *path, size_t *len);

const char *prompt_get(int ps2)
{
	static char buf[PATH_MAX + 16];
	const char *home = var_get("HOME"), *p;
	char cwd[PATH_MAX];

	if (ps2)
		return (p = var_get("PS2")) ? p : "> ";
	if ((p = var_get("PS1")))
		return p;
	const char *mark = geteuid() == 0 ? "# " : "$ ";
	if (!getcwd(cwd, sizeof(cwd)))
		return mark;
	size_t hl = home ? strlen(home) : 0;
	if (hl > 1 && strncmp(cwd, home, hl) == 0 && (cwd[hl] == '/' || !cwd[hl]))
		snprintf(buf, sizeof(buf), "~%s %s", cwd + hl, mark);
	else
		snprintf(buf, sizeof(buf), "%s %s", cwd, mark);
	return buf;
}

int run_script(const char *path, int argc, char **argv)
{
	size_t len;
	char *text = read_file(path, &len);

	if (!text) {
		int e = errno;
		sh_error("%s: %s\n", path, strerror(e));
		return e == ENOENT ? 127 : 126;
	}
	sh.arg0 = xstrdup(path);
	pos_set(argc > 0 ? argc - 1 : 0, argv + (argc > 0));
	int st = eval_string(text, len);
	free(text);
	return sh.syntax_error ? 2 : st;
}

static void setup_interactive(void)
{
	signal(SIGQUIT, SIG_IGN);               /* SIGINT: caught, see trap.c */
	signal(SIGTERM, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	if (isatty(0))
		sh.tty_fd = 0;
	if (sh.monitor) {
		if (getpgrp() != getpid())
			setpgid(0, 0);          /* EPERM as a session leader: fine */
		sh.shell_pgid = getpgrp();
		term_take();
	}
	term_save_modes();
}

/* sh's own options: set's letters plus -c -i -s; the index of the first
 * operand, or -1 after an error. */
static int main_options(int argc, char **argv, int *cflag, int *iflag, int *sflag, int *mset)
{
	int i = 1;

	for (; i < argc; i++) {
		char *a = argv[i];
		if (strcmp(a, "--") == 0 || strcmp(a, "-") == 0)
			return i + 1;
		if ((a[0] != '-' && a[0] != '+') || !a[1])
			break;
		/* let set's parser handle the letters it knows */
		struct sbuf rest = {0};
		sb_putc(&rest, a[0]);
		for (char *p = a + 1; *p; p++) {
			if (*p == 'c')
				*cflag = 1;
			else if (*p == 'i')
				*iflag = 1;
			else if (*p == 's')
				*sflag = 1;
			else {
				if (*p == 'm')
					*mset = 1;
				sb_putc(&rest, *p);
			}
		}
		if (rest.len > 1) {
			char *args[4] = {"set", sb_str(&rest), NULL, NULL};
			int n = 2, dd;
			if (strchr(rest.s, 'o') && i + 1 < argc)
				args[n++] = argv[++i];
			if (parse_set_options(n, args, &dd) < 0) {
				sb_free(&rest);
				return -1;
			}
		}
		sb_free(&rest);
	}
	return i;
}

extern char **environ;

int main(int argc, char **argv)
{
	int cflag = 0, iflag = 0, sflag = 0, mset = 0, first;
	char cwd[PATH_MAX];

	sh.pid = getpid();
	sh.tty_fd = -1;
	sh.subst_status = -1;
	sh.arg0 = argv[0] ? argv[0] : "sh";
	var_import(environ);
	if (getcwd(cwd, sizeof(cwd)))
		var_set("PWD", cwd, V_EXPORT);
	first = main_options(argc, argv, &cflag, &iflag, &sflag, &mset);
	if (first < 0)
		return 2;
	if (cflag) {
		if (first >= argc) {
			sh_error("-c: option requires an argument\n");
			return 2;
		}
		const char *cmd = argv[first++];
		if (first < argc)
			sh.arg0 = argv[first++];
		pos_set(argc - first, argv + first);
		traps_init();
		int st = eval_string(cmd, strlen(cmd));
		sh_exit(sh.syntax_error ? 2 : st);
	}
	if (!sflag && first < argc) {
		traps_init();
		sh_exit(run_script(argv[first], argc - first, argv + first));
	}
	pos_set(argc - first, argv + first);
	sh.interactive = iflag || (isatty(0) && isatty(2));
	if (sh.interactive) {
		if (!mset)
			sh.monitor = 1;
		setup_interactive();
	}
	traps_init();
	struct src src;
	src_init_fd(&src, 0, sh.interactive);
	int st = run_source(&src);
	sh_exit(sh.syntax_error ? 2 : st);
}
