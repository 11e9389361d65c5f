/*
 * lex.c: input sources and the lexer.
 *
 * A source (struct src) holds the text of the command being read; when
 * the lexer needs a byte past its end, src_get() fetches one more line:
 * from the line editor (interactive, with the PS1/PS2 prompt), or one
 * byte at a time from a file descriptor, so that a command run from a
 * script on stdin reads the rest of stdin itself (POSIX asks for that).
 *
 * The lexer cuts the text into tokens as POSIX's token recognition does:
 * operators, newlines, and words. A word keeps its raw text (quotes,
 * backslashes, $(...) and `...` inside it) for expand.c; the lexer only
 * finds where it ends. Here-document bodies are read right after the
 * newline that ends the line holding their << operators.
 *
 * Known limit: a ')' of a case pattern inside $(...) ends the
 * substitution early (the scan balances parentheses, it does not parse).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

/* ---- sources ---------------------------------------------------------- */

void src_init_string(struct src *s, const char *text, size_t len)
{
	memset(s, 0, sizeof(*s));
	s->buf = xmalloc(len + 1);
	memcpy(s->buf, text, len);
	s->len = s->cap = len;
	s->fd = -1;
	s->lineno = 1;
}

void src_init_fd(struct src *s, int fd, int interactive)
{
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->interactive = interactive;
	s->lineno = 1;
}

static void src_append(struct src *s, const char *p, size_t n)
{
	if (s->len + n > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		while (cap < s->len + n)
			cap *= 2;
		s->buf = xrealloc(s->buf, cap);
		s->cap = cap;
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
}

const char *prompt_get(int ps2);

/* Fetch one more line into s->buf; 0 at end of input. */
static int src_fetch(struct src *s)
{
	if (s->fd < 0 || s->eof)
		return 0;
	if (s->interactive) {
		char *line = edit_line(prompt_get(s->ps2));
		s->ps2 = 1;
		if (!line) {
			s->eof = 1;
			return 0;
		}
		src_append(s, line, strlen(line));
		history_add(line);
		free(line);
		return 1;
	}
	int got = 0;
	for (;;) {
		char c;
		ssize_t r = read(s->fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			s->eof = 1;
			break;
		}
		src_append(s, &c, 1);
		got = 1;
		if (c == '\n')
			break;
	}
	return got;
}

int src_get(struct src *s)
{
	if (s->pos >= s->len && !src_fetch(s))
		return -1;
	char c = s->buf[s->pos++];
	if (c == '\n')
		s->lineno++;
	return (unsigned char)c;
}

void src_unget(struct src *s)
{
	if (s->pos > 0 && s->buf[--s->pos] == '\n')
		s->lineno--;
}

void src_compact(struct src *s)
{
	if (s->fd < 0 || s->pos == 0)
		return;
	memmove(s->buf, s->buf + s->pos, s->len - s->pos);
	s->len -= s->pos;
	s->pos = 0;
}

/* ---- the lexer ---------------------------------------------------------- */

void lex_init(struct lexer *lx, struct src *src)
{
	memset(lx, 0, sizeof(*lx));
	lx->src = src;
}

static int is_meta(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' ||
	       c == '<' || c == '>' || c == '(' || c == ')';
}

static int scan_squote(struct lexer *lx, struct sbuf *b);
static int scan_dquote(struct lexer *lx, struct sbuf *b);
static int scan_bquote(struct lexer *lx, struct sbuf *b);
static int scan_nested(struct lexer *lx, struct sbuf *b, char close, int depth);

/* After a '$' was copied: copy a following (...) ${...} as a unit. */
static int scan_dollar(struct lexer *lx, struct sbuf *b, int depth)
{
	int c = src_get(lx->src);

	if (c == '(' || c == '{') {
		sb_putc(b, c);
		return scan_nested(lx, b, c == '(' ? ')' : '}', depth + 1);
	}
	if (c >= 0)
		src_unget(lx->src);
	return 0;
}

/* Copy up to and including the close of a $( or ${ (nesting honoured). */
static int scan_nested(struct lexer *lx, struct sbuf *b, char close, int depth)
{
	int parens = 0, c;
	struct case_track ct = {.len = 0, .depth = 0};

	if (depth > SH_MAX_NEST) {
		lx->error = "nesting too deep";
		return -1;
	}
	while ((c = src_get(lx->src)) >= 0) {
		sb_putc(b, c);
		case_track(&ct, (char)c);
		if (c == '\\') {
			if ((c = src_get(lx->src)) < 0)
				break;
			if (c == '\n')
				b->len--;
			else
				sb_putc(b, c);
		} else if (c == '\'' && close == ')') {
			if (scan_squote(lx, b) < 0)
				return -1;
		} else if (c == '"') {
			if (scan_dquote(lx, b) < 0)
				return -1;
		} else if (c == '`') {
			if (scan_bquote(lx, b) < 0)
				return -1;
		} else if (c == '$') {
			if (scan_dollar(lx, b, depth) < 0)
				return -1;
		} else if (c == '(' && close == ')') {
			parens++;
		} else if (c == ')' && close == ')' && parens == 0 && ct.depth > 0) {
			/* a case pattern's ) */
		} else if (c == close && (close == '}' || parens-- == 0)) {
			return 0;
		}
	}
	if (!lx->error)
		lx->error = close == ')' ? "unterminated $(" : "unterminated ${";
	return -1;
}

static int scan_squote(struct lexer *lx, struct sbuf *b)
{
	int c;

	while ((c = src_get(lx->src)) >= 0) {
		sb_putc(b, c);
		if (c == '\'')
			return 0;
	}
	lx->error = "unterminated quoted string";
	return -1;
}

static int scan_dquote(struct lexer *lx, struct sbuf *b)
{
	int c;

	while ((c = src_get(lx->src)) >= 0) {
		sb_putc(b, c);
		if (c == '"')
			return 0;
		if (c == '\\') {
			if ((c = src_get(lx->src)) < 0)
				break;
			if (c == '\n')
				b->len--;
			else
				sb_putc(b, c);
		} else if (c == '$') {
			if (scan_dollar(lx, b, 0) < 0)
				return -1;
		} else if (c == '`') {
			if (scan_bquote(lx, b) < 0)
				return -1;
		}
	}
	if (!lx->error)
		lx->error = "unterminated quoted string";
	return -1;
}

static int scan_bquote(struct lexer *lx, struct sbuf *b)
{
	int c;

	while ((c = src_get(lx->src)) >= 0) {
		sb_putc(b, c);
		if (c == '`')
			return 0;
		if (c == '\\') {
			if ((c = src_get(lx->src)) < 0)
				break;
			sb_putc(b, c);
		}
	}
	lx->error = "unterminated `";
	return -1;
}

/* A word: everything up to an unquoted metacharacter. */
static enum tok scan_word(struct lexer *lx, struct sbuf *b, int *quoted)
{
	int c;

	while ((c = src_get(lx->src)) >= 0) {
		if (is_meta(c)) {
			src_unget(lx->src);
			break;
		}
		sb_putc(b, c);
		int r = 0;
		if (c == '\\') {
			*quoted = 1;
			if ((c = src_get(lx->src)) < 0)
				break;
			if (c == '\n')
				b->len--;
			else
				sb_putc(b, c);
		} else if (c == '\'') {
			*quoted = 1;
			r = scan_squote(lx, b);
		} else if (c == '"') {
			*quoted = 1;
			r = scan_dquote(lx, b);
		} else if (c == '`') {
			r = scan_bquote(lx, b);
		} else if (c == '$') {
			r = scan_dollar(lx, b, 0);
		}
		if (r < 0)
			return T_ERROR;
	}
	return T_WORD;
}

/* The delimiter of a here-document with quotes removed; *quoted if any. */
static char *heredoc_delim(const char *raw, int *quoted)
{
	struct sbuf b = {0};

	*quoted = 0;
	for (const char *p = raw; *p; p++) {
		if (*p == '\'' || *p == '"') {
			*quoted = 1;
		} else if (*p == '\\' && p[1]) {
			*quoted = 1;
			sb_putc(&b, *++p);
		} else {
			sb_putc(&b, *p);
		}
	}
	char *s = xstrdup(sb_str(&b));
	sb_free(&b);
	return s;
}

/* Read the bodies of the here-documents of the line just ended. */
static void read_heredocs(struct lexer *lx)
{
	for (int i = 0; i < lx->n_pending_hd; i++) {
		struct redir *r = lx->pending_hd[i];
		char *delim = heredoc_delim(r->word, &r->hd_quoted);
		struct sbuf body = {0}, line = {0};
		int c = 0;

		while (c >= 0) {
			line.len = 0;
			while ((c = src_get(lx->src)) >= 0 && c != '\n')
				sb_putc(&line, c);
			char *l = sb_str(&line);
			if (r->hd_strip)
				while (*l == '\t')
					l++;
			if (strcmp(l, delim) == 0 || (c < 0 && !*l))
				break;
			sb_puts(&body, l);
			sb_putc(&body, '\n');
		}
		r->heredoc = arena_strndup(body.s ? body.s : "", body.len);
		sb_free(&body);
		sb_free(&line);
		free(delim);
	}
	lx->n_pending_hd = 0;
}

void lex_add_heredoc(struct lexer *lx, struct redir *r)
{
	if (lx->n_pending_hd < (int)(sizeof(lx->pending_hd) / sizeof(lx->pending_hd[0])))
		lx->pending_hd[lx->n_pending_hd++] = r;
	else
		r->heredoc = arena_strndup("", 0);
}

/* An operator starting with c (the longest that matches). */
static enum tok scan_operator(struct src *s, int c)
{
	enum tok one = T_ERROR, two = T_ERROR;
	int n;

	if (c == '(')
		return T_LPAREN;
	if (c == ')')
		return T_RPAREN;
	n = src_get(s);
	switch (c) {
	case ';': one = T_SEMI; two = n == ';' ? T_DSEMI : T_ERROR; break;
	case '&': one = T_AMP; two = n == '&' ? T_AND : T_ERROR; break;
	case '|': one = T_PIPE; two = n == '|' ? T_OR : T_ERROR; break;
	case '>':
		one = T_GREAT;
		two = n == '>' ? T_DGREAT : n == '&' ? T_GREATAND : n == '|' ? T_CLOBBER : T_ERROR;
		break;
	case '<':
		if (n == '<') {
			int m = src_get(s);
			if (m == '-')
				return T_DLESSDASH;
			if (m >= 0)
				src_unget(s);
			return T_DLESS;
		}
		one = T_LESS;
		two = n == '&' ? T_LESSAND : n == '>' ? T_LESSGREAT : T_ERROR;
		break;
	}
	if (two != T_ERROR)
		return two;
	if (n >= 0)
		src_unget(s);
	return one;
}

static void lex_scan(struct lexer *lx)
{
	struct token *t = &lx->tok;
	struct src *s = lx->src;
	int c;

	memset(t, 0, sizeof(*t));
	t->io_number = -1;
	for (;;) {
		c = src_get(s);
		if (c == ' ' || c == '\t')
			continue;
		if (c == '\\') {
			int n = src_get(s);
			if (n == '\n')
				continue;
			if (n >= 0)
				src_unget(s);
		}
		if (c == '#')
			while ((c = src_get(s)) >= 0 && c != '\n')
				;
		break;
	}
	t->lineno = s->lineno;
	t->start = c < 0 ? s->pos : s->pos - 1;
	if (c < 0) {
		t->type = T_EOF;
		return;
	}
	if (c == '\n') {
		t->type = T_NEWLINE;
		t->lineno--;
		read_heredocs(lx);
		return;
	}
	if (is_meta(c)) {
		t->type = scan_operator(s, c);
		return;
	}
	src_unget(s);
	struct sbuf b = {0};
	t->type = scan_word(lx, &b, &t->quoted);
	size_t wlen = b.len;
	t->text = arena_strndup(b.s ? b.s : "", wlen);
	sb_free(&b);
	if (t->type != T_WORD)
		return;
	/* digits right before < or > name the fd redirected */
	c = src_get(s);
	if (c >= 0)
		src_unget(s);
	if ((c == '<' || c == '>') && !t->quoted && wlen > 0 && wlen <= 4 &&
	    strspn(t->text, "0123456789") == wlen) {
		int fd = atoi(t->text);
		src_get(s);
		t->type = scan_operator(s, c);
		t->io_number = fd;
	}
}

struct token *lex_peek(struct lexer *lx)
{
	if (!lx->have_tok) {
		lex_scan(lx);
		lx->tok.end = lx->src->pos;
		lx->have_tok = 1;
	}
	return &lx->tok;
}

void lex_next(struct lexer *lx)
{
	lex_peek(lx);
	lx->last_end = lx->tok.end;
	lx->have_tok = 0;
}

const char *tok_name(const struct token *t)
{
	static const char *names[] = {
		[T_EOF] = "end of file", [T_NEWLINE] = "newline", [T_SEMI] = ";",
		[T_AMP] = "&", [T_PIPE] = "|", [T_AND] = "&&", [T_OR] = "||",
		[T_DSEMI] = ";;", [T_LPAREN] = "(", [T_RPAREN] = ")", [T_LESS] = "<",
		[T_GREAT] = ">", [T_DGREAT] = ">>", [T_CLOBBER] = ">|", [T_LESSAND] = "<&",
		[T_GREATAND] = ">&", [T_DLESS] = "<<", [T_DLESSDASH] = "<<-",
		[T_LESSGREAT] = "<>", [T_ERROR] = "error",
	};
	if (t->type == T_WORD)
		return t->text;
	return names[t->type];
}
