/*
 * expand.c: word expansion, in POSIX's order -- tilde, parameters,
 * command substitution, arithmetic; then field splitting on IFS,
 * pathname expansion (glob), and quote removal.
 *
 * A raw word is expanded into an xbuf: bytes with one attribute each,
 *   A_LIT     unquoted text of the word itself: glob-active, never split
 *   A_EXP     unquoted result of an expansion: split on IFS, glob-active
 *   A_QUOTED  quoted: neither split nor glob-active
 *   A_QMARK   zero-width: "a quote was here" (so "" makes an empty field)
 *   A_BREAK   zero-width: a field boundary ("$@"); byte 'q' if quoted
 * so quote removal is implicit and later stages know what was quoted.
 *
 * Interface (sh.h): expand_words (command words -> argv), expand_str
 * (assignments, redirection targets), expand_pattern (case, ${x%pat}),
 * expand_heredoc, command_subst. Errors (bad substitution, ${x?msg},
 * set -u) are reported here and make the caller's result NULL.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"

enum { A_LIT, A_EXP, A_QUOTED, A_QMARK, A_BREAK };

#define X_DQ 1                  /* inside double quotes */
#define X_HEREDOC 2             /* here-document body: only $ ` \ special */
#define X_TILDE 4               /* a tilde may start this text */

struct xbuf {
	struct sbuf c;          /* the bytes */
	struct sbuf a;          /* one attribute byte per byte of c */
	int at_zero;            /* "$@" with no parameters was expanded */
};

static void xput(struct xbuf *x, char c, char a)
{
	sb_putc(&x->c, c);
	sb_putc(&x->a, a);
}

static void xputs(struct xbuf *x, const char *s, size_t n, char a)
{
	sb_putn(&x->c, s, n);
	for (size_t i = 0; i < n; i++)
		sb_putc(&x->a, a);
}

static void xfree(struct xbuf *x)
{
	sb_free(&x->c);
	sb_free(&x->a);
}

static int expand_part(struct xbuf *x, const char *s, size_t n, int ctx);
static char *expand_pattern_n(const char *raw, size_t n);

/* s[i] is just after an opener; the index of its matching close (or n). */
static size_t match_close(const char *s, size_t i, size_t n, char close)
{
	int parens = 0;
	struct case_track ct = {.len = 0, .depth = 0};

	for (; i < n; i++) {
		char c = s[i];
		if (close == ')')
			case_track(&ct, c);
		if (c == '\\') {
			i++;
		} else if (close == '`') {
			if (c == '`')
				return i;
		} else if (c == '\'' && close != '"') {
			while (++i < n && s[i] != '\'')
				;
		} else if (c == '"' && close != '"') {
			i = match_close(s, i + 1, n, '"');
		} else if (c == '`') {
			i = match_close(s, i + 1, n, '`');
		} else if (c == '$' && i + 1 < n && (s[i + 1] == '(' || s[i + 1] == '{')) {
			i = match_close(s, i + 2, n, s[i + 1] == '(' ? ')' : '}');
		} else if (close == ')' && c == '(') {
			parens++;
		} else if (close == ')' && c == ')' && parens == 0 && ct.depth > 0) {
			continue;       /* a case pattern's ) (see case_track) */
		} else if (c == close && (close != ')' || parens-- == 0)) {
			return i;
		}
	}
	return n;
}

/* Join an xbuf into a plain string (breaks become spaces). */
static char *xjoin(struct xbuf *x)
{
	struct sbuf b = {0};

	for (size_t i = 0; i < x->c.len; i++) {
		char a = x->a.s[i];
		if (a == A_BREAK)
			sb_putc(&b, ' ');
		else if (a != A_QMARK)
			sb_putc(&b, x->c.s[i]);
	}
	char *r = xstrdup(sb_str(&b));
	sb_free(&b);
	return r;
}

/* Expand text to a plain string in ctx; NULL on error. */
static char *expand_to_str(const char *s, size_t n, int ctx)
{
	struct xbuf x = {0};
	char *r = NULL;

	if (expand_part(&x, s, n, ctx) == 0)
		r = xjoin(&x);
	xfree(&x);
	return r;
}

/* ---- parameters ---------------------------------------------------------- */

static char numbuf[32];

/* The value of a parameter (NULL if unset). Special parameters too. */
static const char *param_value(const char *name)
{
	struct posparams *pp = pos_cur();
	char c = name[0];

	if (name[1] == 0 && strchr("?$!#-", c)) {
		long v = c == '?' ? sh.status : c == '$' ? sh.pid : c == '!' ? sh.lastbg : pp->argc;
		if (c == '!' && !sh.lastbg)
			return NULL;
		if (c == '-') {
			char *p = numbuf;
			if (sh.opt_e) *p++ = 'e';
			if (sh.opt_f) *p++ = 'f';
			if (sh.interactive) *p++ = 'i';
			if (sh.monitor) *p++ = 'm';
			if (sh.opt_u) *p++ = 'u';
			if (sh.opt_x) *p++ = 'x';
			*p = 0;
			return numbuf;
		}
		snprintf(numbuf, sizeof(numbuf), "%ld", v);
		return numbuf;
	}
	if (c >= '0' && c <= '9') {
		int k = atoi(name);
		if (k == 0)
			return sh.arg0;
		return k <= pp->argc ? pp->argv[k - 1] : NULL;
	}
	return var_get(name);
}

/* $@ and $*: the positional parameters as fields. */
static void emit_all_params(struct xbuf *x, char which, int ctx)
{
	struct posparams *pp = pos_cur();
	int dq = ctx & X_DQ;

	if (pp->argc == 0 && which == '@' && dq)
		x->at_zero = 1;
	for (int i = 0; i < pp->argc; i++) {
		if (i > 0) {
			if (which == '*' && dq) {
				const char *ifs = var_get("IFS");
				if (!ifs)
					xput(x, ' ', A_QUOTED);
				else if (*ifs)
					xput(x, *ifs, A_QUOTED);
			} else {
				xput(x, dq ? 'q' : 'u', A_BREAK);
			}
		}
		xputs(x, pp->argv[i], strlen(pp->argv[i]), dq ? A_QUOTED : A_EXP);
	}
}

/* Remove the shortest/longest prefix/suffix matching pat from val. */
static char *trim_pattern(const char *val, const char *pat, char op, int longest)
{
	size_t len = strlen(val);
	char *tmp = xmalloc(len + 1);

	for (size_t step = 0; step <= len; step++) {
		size_t k = longest ? len - step : step;  /* length of the part tried */
		const char *part = op == '#' ? val : val + len - k;
		memcpy(tmp, part, k);
		tmp[k] = 0;
		if (fnmatch(pat, tmp, 0) == 0) {
			char *r = op == '#' ? xstrdup(val + k) : strndup(val, len - k);
			free(tmp);
			return r;
		}
	}
	free(tmp);
	return xstrdup(val);
}

struct braced {
	char name[64];
	char op;                /* 0 - = ? + # % (or 'L' for ${#name}) */
	int colon, twice;       /* ':' before op; ## or %% */
	const char *word;
	size_t wlen;
};

/* Parse the inside of ${...}; -1 if it is not a valid form. */
static int parse_braced(const char *s, size_t n, struct braced *b)
{
	size_t i = 0, nl;

	memset(b, 0, sizeof(*b));
	if (n > 1 && s[0] == '#') {
		b->op = 'L';
		i = 1;
	}
	if (i < n && strchr("@*#?-$!", s[i]) && (b->op != 'L' || i + 1 == n)) {
		nl = 1;
	} else if (i < n && s[i] >= '0' && s[i] <= '9') {
		for (nl = 0; i + nl < n && s[i + nl] >= '0' && s[i + nl] <= '9'; nl++)
			;
	} else {
		for (nl = 0; i + nl < n && is_name(s + i, nl + 1); nl++)
			;
	}
	if (nl == 0 || nl >= sizeof(b->name))
		return -1;
	memcpy(b->name, s + i, nl);
	i += nl;
	if (b->op == 'L')
		return i == n ? 0 : -1;
	if (i == n)
		return 0;
	if (s[i] == ':') {
		b->colon = 1;
		i++;
	}
	if (i >= n || !strchr("-=?+#%", s[i]))
		return -1;
	b->op = s[i++];
	if (!b->colon && (b->op == '#' || b->op == '%') && i < n && s[i] == b->op) {
		b->twice = 1;
		i++;
	}
	if (b->colon && (b->op == '#' || b->op == '%'))
		return -1;
	b->word = s + i;
	b->wlen = n - i;
	return 0;
}

static int unset_error(const char *name)
{
	sh_error("%s: parameter not set\n", name);
	return -1;
}

/* ${x=w} assigns w; ${x?w} fails with message w. */
static int braced_assign_or_fail(struct xbuf *x, const struct braced *b, int ctx)
{
	char *w = expand_to_str(b->word, b->wlen, ctx & ~X_TILDE);

	if (!w)
		return -1;
	if (b->op == '?') {
		sh_error("%s: %s\n", b->name, *w ? w : "parameter null or not set");
		free(w);
		return -1;
	}
	if (!is_name(b->name, strlen(b->name)) || var_set(b->name, w, 0) < 0) {
		sh_error("%s: cannot assign in this way\n", b->name);
		free(w);
		return -1;
	}
	xputs(x, w, strlen(w), ctx & X_DQ ? A_QUOTED : A_EXP);
	free(w);
	return 0;
}

/* ${x#p} ${x##p} ${x%p} ${x%%p} */
static int braced_trim(struct xbuf *x, const struct braced *b, const char *val, int ctx)
{
	char *pat = expand_pattern_n(b->word, b->wlen);

	if (!pat)
		return -1;
	char *r = trim_pattern(val ? val : "", pat, b->op, b->twice);
	xputs(x, r, strlen(r), ctx & X_DQ ? A_QUOTED : A_EXP);
	free(r);
	free(pat);
	return 0;
}

static int expand_braced(struct xbuf *x, const char *s, size_t n, int ctx)
{
	struct braced b;
	char va = ctx & X_DQ ? A_QUOTED : A_EXP, len[24];

	if (parse_braced(s, n, &b) < 0) {
		sh_error("${%.*s}: bad substitution\n", (int)n, s);
		return -1;
	}
	int all = b.name[1] == 0 && (b.name[0] == '@' || b.name[0] == '*');
	const char *val = all ? (pos_cur()->argc ? "" : NULL) : param_value(b.name);
	int is_set = val != NULL, empty = !val || (all ? pos_cur()->argc == 0 : !*val);
	int use_word = b.colon ? empty : !is_set;

	if (!is_set && sh.opt_u && (b.op == 0 || b.op == 'L' || b.op == '#' || b.op == '%'))
		return unset_error(b.name);
	switch (b.op) {
	case 'L':
		snprintf(len, sizeof(len), "%zu", all ? (size_t)pos_cur()->argc : val ? strlen(val) : 0);
		xputs(x, len, strlen(len), va);
		return 0;
	case '-':
	case '+':
		if (use_word == (b.op == '-'))
			return expand_part(x, b.word, b.wlen, ctx & ~X_TILDE);
		if (b.op == '+')
			return 0;
		break;
	case '=':
	case '?':
		if (use_word)
			return braced_assign_or_fail(x, &b, ctx);
		break;
	case '#':
	case '%':
		return braced_trim(x, &b, val, ctx);
	}
	if (all)
		emit_all_params(x, b.name[0], ctx);
	else if (val)
		xputs(x, val, strlen(val), va);
	return 0;
}

/* ---- command substitution and arithmetic --------------------------------- */

char *command_subst(const char *text, size_t len)
{
	int fds[2], st;
	struct sbuf out = {0};
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0) {
		sh_error("pipe: %s\n", strerror(errno));
		return NULL;
	}
	pid = fork();
	if (pid < 0) {
		sh_error("fork: %s\n", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return NULL;
	}
	if (pid == 0) {
		close(fds[0]);
		if (fds[1] != 1) {
			dup2(fds[1], 1);
			close(fds[1]);
		}
		child_reset_signals();
		sh.subshell++;
		sh.interactive = sh.monitor = 0;
		sh_exit(eval_string(text, len));
	}
	close(fds[1]);
	for (;;) {
		char buf[4096];
		ssize_t r = read(fds[0], buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		sb_putn(&out, buf, r);
	}
	close(fds[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	sh.subst_status = wait_status(st);
	while (out.len > 0 && out.s[out.len - 1] == '\n')
		out.len--;
	char *r = xstrdup(sb_str(&out));
	sb_free(&out);
	return r;
}

static int emit_subst(struct xbuf *x, const char *text, size_t len, int ctx)
{
	char *r = command_subst(text, len);

	if (!r)
		return -1;
	xputs(x, r, strlen(r), ctx & X_DQ ? A_QUOTED : A_EXP);
	free(r);
	return 0;
}

/* `...`: undo the backslash escapes of the old form, then substitute. */
static int emit_backquote(struct xbuf *x, const char *s, size_t n, int ctx)
{
	struct sbuf b = {0};

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n &&
		    (s[i + 1] == '$' || s[i + 1] == '`' || s[i + 1] == '\\' ||
		     ((ctx & X_DQ) && s[i + 1] == '"')))
			i++;
		sb_putc(&b, s[i]);
	}
	int r = emit_subst(x, b.s ? b.s : "", b.len, ctx);
	sb_free(&b);
	return r;
}

static int emit_arith(struct xbuf *x, const char *s, size_t n, int ctx)
{
	char *e = expand_to_str(s, n, X_DQ);
	long v;
	char num[24];

	if (!e)
		return -1;
	int r = arith_eval(e, &v);
	free(e);
	if (r < 0)
		return -1;
	snprintf(num, sizeof(num), "%ld", v);
	xputs(x, num, strlen(num), ctx & X_DQ ? A_QUOTED : A_EXP);
	return 0;
}

/* s[*i] == '$': expand what follows; *i is left on its last byte. */
static int expand_dollar(struct xbuf *x, const char *s, size_t n, size_t *i, int ctx)
{
	size_t k = *i + 1;
	char name[2] = {0, 0};

	if (k < n && s[k] == '{') {
		size_t e = match_close(s, k + 1, n, '}');
		*i = e;
		return expand_braced(x, s + k + 1, e - k - 1, ctx);
	}
	if (k < n && s[k] == '(') {
		size_t e = match_close(s, k + 1, n, ')');
		*i = e;
		if (k + 1 < n && s[k + 1] == '(' && e > k + 2 && s[e - 1] == ')')
			return emit_arith(x, s + k + 2, e - k - 3, ctx);
		return emit_subst(x, s + k + 1, e - k - 1, ctx);
	}
	if (k < n && (s[k] == '@' || s[k] == '*')) {
		*i = k;
		emit_all_params(x, s[k], ctx);
		return 0;
	}
	if (k < n && (strchr("#?-$!", s[k]) || (s[k] >= '0' && s[k] <= '9'))) {
		name[0] = s[k];
		*i = k;
		const char *v = param_value(name);
		if (!v && sh.opt_u && s[k] != '!')
			return unset_error(name);
		if (v)
			xputs(x, v, strlen(v), ctx & X_DQ ? A_QUOTED : A_EXP);
		return 0;
	}
	size_t len = 0;
	while (k + len < n && is_name(s + k, len + 1))
		len++;
	if (len == 0) {
		xput(x, '$', ctx & X_DQ ? A_QUOTED : A_LIT);
		return 0;
	}
	char *nm = strndup(s + k, len);
	const char *v = var_get(nm);
	*i = k + len - 1;
	if (!v && sh.opt_u) {
		unset_error(nm);
		free(nm);
		return -1;
	}
	free(nm);
	if (v)
		xputs(x, v, strlen(v), ctx & X_DQ ? A_QUOTED : A_EXP);
	return 0;
}

/* A tilde prefix at s[0]: ~ or ~/... becomes $HOME; *used: bytes eaten. */
static void expand_tilde(struct xbuf *x, const char *s, size_t n, size_t *used)
{
	const char *home = var_get("HOME");

	*used = 0;
	if (n > 1 && s[1] != '/')
		return;                 /* ~user is not supported */
	if (!home)
		return;
	xputs(x, home, strlen(home), A_QUOTED);
	*used = 1;
}

/* A backslash at s[i] (returns how many bytes it consumed beyond s[i]). */
static size_t expand_backslash(struct xbuf *x, const char *s, size_t n, size_t i, int ctx)
{
	if (i + 1 >= n) {
		xput(x, '\\', A_QUOTED);
		return 0;
	}
	char c = s[i + 1];
	if (ctx & (X_DQ | X_HEREDOC)) {
		int special = c == '$' || c == '`' || c == '\\' || c == '\n' || ((ctx & X_DQ) && c == '"');
		if (!special) {
			xput(x, '\\', A_QUOTED);
			return 0;
		}
		if (c != '\n')
			xput(x, c, A_QUOTED);
		return 1;
	}
	xput(x, c, A_QUOTED);
	return 1;
}

static int expand_part(struct xbuf *x, const char *s, size_t n, int ctx)
{
	size_t i = 0;
	int dq = ctx & (X_DQ | X_HEREDOC);

	if ((ctx & X_TILDE) && !dq && n > 0 && s[0] == '~')
		expand_tilde(x, s, n, &i);
	for (; i < n; i++) {
		char c = s[i];
		if (c == '\\') {
			i += expand_backslash(x, s, n, i, ctx);
		} else if (c == '\'' && !dq) {
			size_t e = i + 1;
			while (e < n && s[e] != '\'')
				e++;
			xput(x, 0, A_QMARK);
			xputs(x, s + i + 1, e - i - 1, A_QUOTED);
			i = e;
		} else if (c == '"' && !dq) {
			size_t e = match_close(s, i + 1, n, '"');
			size_t mark = x->c.len;
			xput(x, 0, A_QMARK);
			x->at_zero = 0;
			if (expand_part(x, s + i + 1, e - i - 1, X_DQ) < 0)
				return -1;
			if (x->at_zero && x->c.len == mark + 1)
				x->c.len = x->a.len = mark;     /* "$@" with no parameters */
			x->at_zero = 0;
			i = e;
		} else if (c == '$') {
			if (expand_dollar(x, s, n, &i, ctx) < 0)
				return -1;
		} else if (c == '`') {
			size_t e = match_close(s, i + 1, n, '`');
			if (emit_backquote(x, s + i + 1, e - i - 1, ctx) < 0)
				return -1;
			i = e;
		} else {
			xput(x, c, dq ? A_QUOTED : A_LIT);
		}
	}
	return 0;
}

/* ---- splitting and globbing ------------------------------------------------ */

struct fields {
	char **v;
	int n, cap;
};

static void fields_add(struct fields *f, char *s)
{
	if (f->n + 2 > f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->v = xrealloc(f->v, f->cap * sizeof(char *));
	}
	f->v[f->n++] = s;
	f->v[f->n] = NULL;
}

/* Pathname expansion of one field (bytes c, attributes a, length n). */
static void glob_field(struct fields *f, const char *c, const char *a, size_t n)
{
	int magic = 0;
	struct sbuf pat = {0}, plain = {0};

	for (size_t i = 0; i < n; i++) {
		int active = a[i] == A_LIT || a[i] == A_EXP;
		if (active && (c[i] == '*' || c[i] == '?' || c[i] == '['))
			magic = 1;
		if ((!active || c[i] == '\\') && strchr("*?[]\\", c[i]))
			sb_putc(&pat, '\\');
		sb_putc(&pat, c[i]);
		sb_putc(&plain, c[i]);
	}
	glob_t g;
	if (magic && !sh.opt_f && glob(sb_str(&pat), 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			fields_add(f, xstrdup(g.gl_pathv[i]));
		globfree(&g);
	} else {
		fields_add(f, xstrdup(sb_str(&plain)));
	}
	sb_free(&pat);
	sb_free(&plain);
}

static int ifs_has(const char *ifs, char c)
{
	return c && strchr(ifs, c) != NULL;
}

/* Split x into fields on IFS and glob each one into f. */
static void split_fields(struct xbuf *x, struct fields *f)
{
	const char *ifs = var_get("IFS");
	struct xbuf cur = {0};
	int has = 0, after_ws = 0;

	if (!ifs)
		ifs = " \t\n";
	for (size_t i = 0; i < x->c.len; i++) {
		char c = x->c.s[i], a = x->a.s[i];
		if (a == A_QMARK) {
			has = 1;
			continue;
		}
		if (a == A_BREAK) {
			if (cur.c.len || has)
				glob_field(f, sb_str(&cur.c), sb_str(&cur.a), cur.c.len);
			cur.c.len = cur.a.len = 0;
			has = c == 'q';         /* "$@": the next field exists */
			after_ws = 0;
			continue;
		}
		if (a == A_EXP && ifs_has(ifs, c)) {
			int ws = c == ' ' || c == '\t' || c == '\n';
			if (cur.c.len || has || (!ws && !after_ws))
				glob_field(f, sb_str(&cur.c), sb_str(&cur.a), cur.c.len);
			after_ws = ws && (after_ws || cur.c.len || has);
			cur.c.len = cur.a.len = 0;
			has = 0;
			continue;
		}
		xput(&cur, c, a);
		after_ws = 0;
	}
	if (cur.c.len || has)
		glob_field(f, sb_str(&cur.c), sb_str(&cur.a), cur.c.len);
	xfree(&cur);
}

char **expand_words(struct wordlist *wl, int *argc)
{
	struct fields f = {0};

	fields_add(&f, NULL);
	f.n = 0;
	for (; wl; wl = wl->next) {
		struct xbuf x = {0};
		if (expand_part(&x, wl->w, strlen(wl->w), X_TILDE) < 0) {
			xfree(&x);
			argv_free(f.v);
			return NULL;
		}
		split_fields(&x, &f);
		xfree(&x);
	}
	*argc = f.n;
	return f.v;
}

char *expand_str(const char *raw)
{
	return expand_to_str(raw, strlen(raw), X_TILDE);
}

char *expand_pattern(const char *raw)
{
	return expand_pattern_n(raw, strlen(raw));
}

static char *expand_pattern_n(const char *raw, size_t n)
{
	struct xbuf x = {0};
	struct sbuf b = {0};
	char *r = NULL;

	if (expand_part(&x, raw, n, 0) == 0) {
		for (size_t i = 0; i < x.c.len; i++) {
			char c = x.c.s[i], a = x.a.s[i];
			if (a == A_QMARK || a == A_BREAK)
				continue;
			if ((a == A_QUOTED || c == '\\') && strchr("*?[]\\", c))
				sb_putc(&b, '\\');
			sb_putc(&b, c);
		}
		r = xstrdup(sb_str(&b));
	}
	xfree(&x);
	sb_free(&b);
	return r;
}

char *expand_heredoc(const char *body)
{
	return expand_to_str(body, strlen(body), X_HEREDOC);
}

void argv_free(char **argv)
{
	if (!argv)
		return;
	for (char **p = argv; *p; p++)
		free(*p);
	free(argv);
}
