/*
 * xargs: build and run command lines from standard input.
 *
 *   xargs [-0rt] [-n N] [-I STR] [-d DELIM] [COMMAND [ARG]...]
 *
 * Reads items from standard input (blank-separated, with '...', "..."
 * and backslash quoting as POSIX; -0 NUL-separated; -d DELIM separated by
 * one character) and runs COMMAND (default echo) with as many as fit
 * (at most N with -n, 128 KiB of arguments) appended.  -I STR runs
 * COMMAND once per input line with STR replaced by it.  -r does not run
 * COMMAND when there is no input; -t prints each command on stderr first.
 * Exit status: 0; 123 if a command exited 1-125; 124 if one exited 255;
 * 125 if one was killed; 126/127 if COMMAND could not be run / found.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "xargs [-0rt] [-n MAX-ARGS] [-I REPLACE] [-d DELIM] [COMMAND [ARG]...]"
#define MAX_BYTES (128 * 1024)

static int null_sep, no_empty, trace, delim = -1;
static long max_args;
static const char *replace;
static char **base;
static int nbase, status;

/* Next item from stdin into a malloc'd string; NULL at the end. */
static char *next_item(void)
{
	size_t len = 0, cap = 64;
	char *s = malloc(cap);
	int c, quote = 0, any = 0;

	while ((c = getchar()) != EOF) {
		if (len + 2 >= cap)
			s = realloc(s, cap *= 2);
		if (null_sep || delim >= 0 || replace) {
			int sep = null_sep ? 0 : delim >= 0 ? delim : '\n';
			if (c == sep)
				break;
			s[len++] = (char)c, any = 1;
			continue;
		}
		if (quote) {
			if (c == quote)
				quote = 0;
			else
				s[len++] = (char)c;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n') {
			if (any)
				break;
			continue;
		}
		any = 1;
		if (c == '\'' || c == '"')
			quote = c;
		else if (c == '\\' && (c = getchar()) != EOF)
			s[len++] = (char)c;
		else
			s[len++] = (char)c;
	}
	if (quote) {
		cmd_warnx("unmatched %s quote", quote == '\'' ? "single" : "double");
		exit(1);
	}
	if (!any && c == EOF) {
		free(s);
		return NULL;
	}
	s[len] = '\0';
	return s;
}

static void run(char **argv)
{
	int st;

	if (trace) {
		for (char **a = argv; *a; a++)
			fprintf(stderr, "%s%s", a == argv ? "" : " ", *a);
		fputc('\n', stderr);
	}
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		cmd_warn("fork");
		exit(125);
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		int e = errno;
		cmd_warn("%s", argv[0]);
		_exit(e == ENOENT ? 127 : 126);
	}
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(st)) {
		cmd_warnx("%s: terminated by signal %d", argv[0], WTERMSIG(st));
		exit(125);
	}
	int code = WEXITSTATUS(st);
	if (code == 126 || code == 127)
		exit(code);
	if (code == 255) {
		cmd_warnx("%s: exited with status 255; aborting", argv[0]);
		exit(124);
	}
	if (code)
		status = 123;
}

/* -I: one command per item, every STR in the arguments replaced. */
static void run_replacing(const char *item)
{
	char *argv[nbase + 1];

	for (int i = 0; i < nbase; i++) {
		const char *a = base[i], *p;
		size_t rl = strlen(replace), il = strlen(item);
		char *out = malloc(strlen(a) * (il + 1) + 1), *o = out;
		while ((p = strstr(a, replace)) && rl) {
			memcpy(o, a, (size_t)(p - a)), o += p - a;
			memcpy(o, item, il), o += il;
			a = p + rl;
		}
		strcpy(o, a);
		argv[i] = out;
	}
	argv[nbase] = NULL;
	run(argv);
	for (int i = 0; i < nbase; i++)
		free(argv[i]);
}

int main(int argc, char **argv)
{
	static char *echo_argv[] = { "echo", NULL };
	int c;

	while ((c = getopt(argc, argv, "+0rtn:I:d:")) != -1) {
		switch (c) {
		case '0': null_sep = 1; break;
		case 'r': no_empty = 1; break;
		case 't': trace = 1; break;
		case 'n':
			max_args = strtol(optarg, NULL, 10);
			if (max_args <= 0)
				cmd_usage(USAGE);
			break;
		case 'I': replace = optarg; break;
		case 'd':
			if (strlen(optarg) != 1 && strcmp(optarg, "\\n"))
				cmd_usage(USAGE);
			delim = optarg[0] == '\\' ? '\n' : optarg[0];
			break;
		default: cmd_usage(USAGE);
		}
	}
	base = optind < argc ? argv + optind : echo_argv;
	nbase = optind < argc ? argc - optind : 1;
	char *item;
	if (replace) {
		while ((item = next_item())) {
			run_replacing(item);
			free(item);
		}
		return status;
	}
	char **cmd = calloc((size_t)nbase + 1, sizeof(char *));
	memcpy(cmd, base, (size_t)nbase * sizeof(char *));
	int n = nbase, ran = 0;
	size_t bytes = 0;
	while ((item = next_item())) {
		cmd = realloc(cmd, (size_t)(n + 2) * sizeof(char *));
		cmd[n++] = item;
		bytes += strlen(item) + 1;
		if ((max_args && n - nbase >= max_args) || bytes >= MAX_BYTES) {
			cmd[n] = NULL;
			run(cmd);
			ran = 1;
			while (n > nbase)
				free(cmd[--n]);
			bytes = 0;
		}
	}
	if (n > nbase || (!ran && !no_empty)) {
		cmd[n] = NULL;
		run(cmd);
	}
	return status;
}
