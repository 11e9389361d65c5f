/*
 * test.c: the test and [ builtins.
 *
 * Up to four arguments follow POSIX's rules by argument count (so
 * `test -n` and `test = = =` mean what POSIX says); longer expressions go
 * through a small recursive-descent parser with ! -a -o and ( ).
 * Status: 0 true, 1 false, 2 error (with a message).
 *
 * Unary: -e -f -d -r -w -x -s -z -n -L -h -b -c -p -S -t.
 * Binary: = != < > -eq -ne -lt -le -gt -ge -nt -ot.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sh.h"

struct targs {
	int argc;
	char **argv;
	int i;
	int err;
};

static int is_unary(const char *op)
{
	return op[0] == '-' && op[1] && !op[2] && strchr("efdrwxszneLhbcpSt", op[1]);
}

static int is_binary(const char *op)
{
	static const char *const ops[] = {"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt",
					  "-le", "-gt", "-ge", "-nt", "-ot"};
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(op, ops[i]) == 0)
			return 1;
	return 0;
}

static int unary(struct targs *t, char op, const char *arg)
{
	struct stat st;

	switch (op) {
	case 'z': return !*arg;
	case 'n': return *arg != 0;
	case 'r': return access(arg, R_OK) == 0;
	case 'w': return access(arg, W_OK) == 0;
	case 'x': return access(arg, X_OK) == 0;
	case 't': {
		char *end;
		long fd = strtol(arg, &end, 10);
		return *arg && !*end && isatty((int)fd);
	}
	case 'L':
	case 'h': return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
	}
	if (stat(arg, &st) < 0)
		return 0;
	switch (op) {
	case 'e': return 1;
	case 'f': return S_ISREG(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 's': return st.st_size > 0;
	case 'b': return S_ISBLK(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	case 'p': return S_ISFIFO(st.st_mode);
	case 'S': return S_ISSOCK(st.st_mode);
	}
	t->err = 1;
	return 0;
}

static long integer(struct targs *t, const char *s)
{
	char *end;
	long v;

	while (*s == ' ' || *s == '\t')
		s++;
	errno = 0;
	v = strtol(s, &end, 10);
	while (*end == ' ' || *end == '\t')
		end++;
	if (!*s || *end || errno) {
		if (!t->err)
			sh_error("test: %s: integer expression expected\n", s);
		t->err = 1;
	}
	return v;
}

static long long mtime_ns(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return (long long)st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}

static int binary(struct targs *t, const char *l, const char *op, const char *r)
{
	if (strcmp(op, "=") == 0 || strcmp(op, "==") == 0)
		return strcmp(l, r) == 0;
	if (strcmp(op, "!=") == 0)
		return strcmp(l, r) != 0;
	if (strcmp(op, "<") == 0)
		return strcmp(l, r) < 0;
	if (strcmp(op, ">") == 0)
		return strcmp(l, r) > 0;
	if (strcmp(op, "-nt") == 0)
		return mtime_ns(l) > mtime_ns(r);
	if (strcmp(op, "-ot") == 0)
		return mtime_ns(l) < mtime_ns(r) && mtime_ns(l) >= 0;
	long a = integer(t, l), b = integer(t, r);
	switch (op[1] * 256 + op[2]) {
	case 'e' * 256 + 'q': return a == b;
	case 'n' * 256 + 'e': return a != b;
	case 'l' * 256 + 't': return a < b;
	case 'l' * 256 + 'e': return a <= b;
	case 'g' * 256 + 't': return a > b;
	case 'g' * 256 + 'e': return a >= b;
	}
	return 0;
}

/* ---- the general parser (more than four arguments) ------------------------- */

static const char *peek_arg(struct targs *t, int k)
{
	return t->i + k < t->argc ? t->argv[t->i + k] : NULL;
}

static int t_or(struct targs *t, int depth);

static int t_primary(struct targs *t, int depth)
{
	const char *a = peek_arg(t, 0), *b = peek_arg(t, 1), *c = peek_arg(t, 2);

	if (!a || depth > SH_MAX_NEST) {
		t->err = 1;
		sh_error("test: argument expected\n");
		return 0;
	}
	if (strcmp(a, "!") == 0) {
		t->i++;
		return !t_primary(t, depth + 1);
	}
	if (strcmp(a, "(") == 0 && !(b && c && is_binary(b) && strcmp(c, ")") != 0)) {
		t->i++;
		int v = t_or(t, depth + 1);
		if (!peek_arg(t, 0) || strcmp(peek_arg(t, 0), ")") != 0) {
			if (!t->err)
				sh_error("test: ')' expected\n");
			t->err = 1;
		}
		t->i++;
		return v;
	}
	if (b && c && is_binary(b)) {
		t->i += 3;
		return binary(t, a, b, c);
	}
	if (is_unary(a) && b) {
		t->i += 2;
		return unary(t, a[1], b);
	}
	t->i++;
	return *a != 0;
}

static int t_and(struct targs *t, int depth)
{
	int v = t_primary(t, depth);

	while (!t->err && peek_arg(t, 0) && strcmp(peek_arg(t, 0), "-a") == 0) {
		t->i++;
		int r = t_primary(t, depth);
		v = v && r;
	}
	return v;
}

static int t_or(struct targs *t, int depth)
{
	int v = t_and(t, depth);

	while (!t->err && peek_arg(t, 0) && strcmp(peek_arg(t, 0), "-o") == 0) {
		t->i++;
		int r = t_and(t, depth);
		v = v || r;
	}
	return v;
}

/* ---- POSIX's rules by argument count ---------------------------------------- */

static int eval_n(struct targs *t, char **a, int n)
{
	switch (n) {
	case 0:
		return 0;
	case 1:
		return a[0][0] != 0;
	case 2:
		if (strcmp(a[0], "!") == 0)
			return !eval_n(t, a + 1, 1);
		if (is_unary(a[0]))
			return unary(t, a[0][1], a[1]);
		break;
	case 3:
		if (is_binary(a[1]))
			return binary(t, a[0], a[1], a[2]);
		if (strcmp(a[1], "-a") == 0)
			return a[0][0] && a[2][0];
		if (strcmp(a[1], "-o") == 0)
			return a[0][0] || a[2][0];
		if (strcmp(a[0], "!") == 0)
			return !eval_n(t, a + 1, 2);
		if (strcmp(a[0], "(") == 0 && strcmp(a[2], ")") == 0)
			return eval_n(t, a + 1, 1);
		break;
	case 4:
		if (strcmp(a[0], "!") == 0)
			return !eval_n(t, a + 1, 3);
		if (strcmp(a[0], "(") == 0 && strcmp(a[3], ")") == 0)
			return eval_n(t, a + 1, 2);
		/* fall through to the general parser */
	}
	t->argv = a;
	t->argc = n;
	t->i = 0;
	int v = t_or(t, 0);
	if (!t->err && t->i < n) {
		sh_error("test: %s: unexpected operator\n", a[t->i]);
		t->err = 1;
	}
	return v;
}

int builtin_test(int argc, char **argv)
{
	struct targs t = {0};

	if (strcmp(argv[0], "[") == 0) {
		if (strcmp(argv[argc - 1], "]") != 0) {
			sh_error("[: missing ]\n");
			return 2;
		}
		argc--;
	}
	int v = eval_n(&t, argv + 1, argc - 1);
	return t.err ? 2 : !v;
}
