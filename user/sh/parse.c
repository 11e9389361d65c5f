/*
 * parse.c: a recursive-descent parser for the POSIX shell grammar.
 *
 *   complete_command : and_or (( ';' | '&' ) and_or)* [';' | '&'] NEWLINE
 *   compound_list    : linebreak and_or ((';' | '&' | NEWLINE) linebreak and_or)*
 *   and_or           : pipeline (('&&' | '||') linebreak pipeline)*
 *   pipeline         : ['!'] command ('|' linebreak command)*
 *   command          : simple_command | compound redirect* | NAME '(' ')' compound
 *   compound         : '(' list ')' | '{' list '}' | if | while | until | for | case
 *
 * The tree (struct node, sh.h) is allocated in cur_arena. Reserved words
 * are words that are unquoted and stand where a command may start. The
 * parser never looks past the newline that ends a complete command, so an
 * interactive shell runs each line as soon as it is complete.
 *
 * Errors: the first syntax error is reported ("sh: line N: syntax error:
 * ...") and parse_command returns P_ERROR; nesting deeper than
 * SH_MAX_NEST is an error too, never a stack overflow.
 */
#define _GNU_SOURCE
#include <string.h>

#include "sh.h"

struct parser {
	struct lexer lx;
	int depth;
	int error;
};

static struct node *parse_and_or(struct parser *p);
static struct node *parse_command_node(struct parser *p);
static struct node *parse_compound_list(struct parser *p);

static struct token *peek(struct parser *p)
{
	return lex_peek(&p->lx);
}

static void next(struct parser *p)
{
	lex_next(&p->lx);
}

static int is_kw(const struct token *t, const char *kw)
{
	return t->type == T_WORD && !t->quoted && strcmp(t->text, kw) == 0;
}

static void syntax_error(struct parser *p, const struct token *t)
{
	if (p->error)
		return;
	p->error = 1;
	if (t->type == T_ERROR)
		sh_error("line %d: syntax error: %s\n", t->lineno,
			 p->lx.error ? p->lx.error : "bad token");
	else if (t->type == T_EOF || t->type == T_NEWLINE)
		sh_error("line %d: syntax error: unexpected %s\n", t->lineno, tok_name(t));
	else
		sh_error("line %d: syntax error: unexpected '%s'\n", t->lineno, tok_name(t));
}

/* Consume the expected keyword or token type, else report an error. */
static int expect_kw(struct parser *p, const char *kw)
{
	if (p->error)
		return -1;
	if (!is_kw(peek(p), kw)) {
		syntax_error(p, peek(p));
		return -1;
	}
	next(p);
	return 0;
}

static int expect(struct parser *p, enum tok type)
{
	if (p->error)
		return -1;
	if (peek(p)->type != type) {
		syntax_error(p, peek(p));
		return -1;
	}
	next(p);
	return 0;
}

static void skip_newlines(struct parser *p)
{
	while (!p->error && peek(p)->type == T_NEWLINE)
		next(p);
}

static struct node *new_node(enum node_type type, int lineno)
{
	struct node *n = arena_alloc(sizeof(*n));

	n->type = type;
	n->lineno = lineno;
	return n;
}

static struct node *new_bin(enum node_type type, struct node *l, struct node *r)
{
	struct node *n = new_node(type, l->lineno);

	n->bin.left = l;
	n->bin.right = r;
	return n;
}

/* A token that ends a compound list (it cannot start a command). */
static int ends_list(const struct token *t)
{
	static const char *const kws[] = {"then", "else", "elif", "fi", "do", "done", "esac", "}"};

	if (t->type == T_EOF || t->type == T_RPAREN || t->type == T_DSEMI)
		return 1;
	for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
		if (is_kw(t, kws[i]))
			return 1;
	return 0;
}

static int is_redir_op(enum tok t)
{
	return t >= T_LESS && t <= T_LESSGREAT;
}

static struct redir *parse_redirect(struct parser *p)
{
	struct token *t = peek(p);
	struct redir *r = arena_alloc(sizeof(*r));
	static const enum redir_op ops[] = {
		[T_LESS] = R_IN, [T_GREAT] = R_OUT, [T_DGREAT] = R_APPEND,
		[T_CLOBBER] = R_CLOBBER, [T_LESSAND] = R_DUPIN, [T_GREATAND] = R_DUPOUT,
		[T_DLESS] = R_HEREDOC, [T_DLESSDASH] = R_HEREDOC, [T_LESSGREAT] = R_RDWR,
	};

	r->op = ops[t->type];
	r->hd_strip = t->type == T_DLESSDASH;
	r->fd = t->io_number;
	if (r->fd < 0)
		r->fd = (r->op == R_IN || r->op == R_DUPIN || r->op == R_HEREDOC || r->op == R_RDWR) ? 0 : 1;
	next(p);
	t = peek(p);
	if (t->type != T_WORD) {
		syntax_error(p, t);
		return NULL;
	}
	r->word = t->text;
	if (r->op == R_HEREDOC)
		lex_add_heredoc(&p->lx, r);
	next(p);
	return r;
}

/* Redirections after a compound command. */
static void parse_redirects(struct parser *p, struct node *n)
{
	struct redir **tail = &n->redirs;

	while (!p->error && is_redir_op(peek(p)->type)) {
		struct redir *r = parse_redirect(p);
		if (!r)
			return;
		*tail = r;
		tail = &r->next;
	}
}

static struct wordlist *new_word(char *w)
{
	struct wordlist *wl = arena_alloc(sizeof(*wl));

	wl->w = w;
	return wl;
}

static int is_assignment(const struct token *t)
{
	const char *eq = strchr(t->text, '=');

	return eq && is_name(t->text, eq - t->text);
}

static struct node *parse_function(struct parser *p, char *name, int lineno)
{
	struct node *n = new_node(N_FUNC, lineno);

	next(p);                        /* ( */
	if (expect(p, T_RPAREN) < 0)
		return NULL;
	skip_newlines(p);
	n->func.name = name;
	n->func.body = parse_command_node(p);
	if (n->func.body && n->func.body->type == N_CMD) {
		syntax_error(p, peek(p));       /* the body must be compound */
		return NULL;
	}
	return p->error ? NULL : n;
}

static struct node *parse_simple(struct parser *p)
{
	struct node *n = new_node(N_CMD, peek(p)->lineno);
	struct wordlist **aw = &n->cmd.assigns, **ww = &n->cmd.words;
	struct redir **rr = &n->redirs;

	while (!p->error) {
		struct token *t = peek(p);
		if (is_redir_op(t->type)) {
			struct redir *r = parse_redirect(p);
			if (!r)
				return NULL;
			*rr = r;
			rr = &r->next;
		} else if (t->type == T_WORD) {
			char *w = t->text;
			int first = !n->cmd.words && !n->cmd.assigns && !n->redirs;
			if (!n->cmd.words && is_assignment(t)) {
				*aw = new_word(w);
				aw = &(*aw)->next;
				next(p);
				continue;
			}
			int name_ok = !t->quoted && is_name(w, strlen(w));
			next(p);
			if (first && name_ok && peek(p)->type == T_LPAREN)
				return parse_function(p, w, n->lineno);
			*ww = new_word(w);
			ww = &(*ww)->next;
		} else {
			break;
		}
	}
	if (p->error)
		return NULL;
	if (!n->cmd.words && !n->cmd.assigns && !n->redirs) {
		syntax_error(p, peek(p));
		return NULL;
	}
	return n;
}

static struct node *parse_if(struct parser *p)
{
	struct node *n = new_node(N_IF, peek(p)->lineno);

	next(p);                        /* if or elif */
	n->ifn.cond = parse_compound_list(p);
	if (expect_kw(p, "then") < 0)
		return NULL;
	n->ifn.then = parse_compound_list(p);
	if (p->error)
		return NULL;
	if (is_kw(peek(p), "elif")) {
		n->ifn.els = parse_if(p);
		return n->ifn.els ? n : NULL;
	}
	if (is_kw(peek(p), "else")) {
		next(p);
		n->ifn.els = parse_compound_list(p);
	}
	return expect_kw(p, "fi") < 0 ? NULL : n;
}

static struct node *parse_loop(struct parser *p, enum node_type type)
{
	struct node *n = new_node(type, peek(p)->lineno);

	next(p);
	n->loop.cond = parse_compound_list(p);
	if (expect_kw(p, "do") < 0)
		return NULL;
	n->loop.body = parse_compound_list(p);
	return expect_kw(p, "done") < 0 ? NULL : n;
}

static struct node *parse_for(struct parser *p)
{
	struct node *n = new_node(N_FOR, peek(p)->lineno);
	struct token *t;

	next(p);
	t = peek(p);
	if (t->type != T_WORD || t->quoted || !is_name(t->text, strlen(t->text))) {
		syntax_error(p, t);
		return NULL;
	}
	n->forn.var = t->text;
	next(p);
	skip_newlines(p);
	if (is_kw(peek(p), "in")) {
		struct wordlist **tail = &n->forn.words;
		n->forn.has_in = 1;
		next(p);
		while ((t = peek(p))->type == T_WORD) {
			*tail = new_word(t->text);
			tail = &(*tail)->next;
			next(p);
		}
		if (t->type != T_SEMI && t->type != T_NEWLINE) {
			syntax_error(p, t);
			return NULL;
		}
		next(p);
	} else if (peek(p)->type == T_SEMI) {
		next(p);
	}
	skip_newlines(p);
	if (expect_kw(p, "do") < 0)
		return NULL;
	n->forn.body = parse_compound_list(p);
	return expect_kw(p, "done") < 0 ? NULL : n;
}

static struct caseitem *parse_case_item(struct parser *p)
{
	struct caseitem *it = arena_alloc(sizeof(*it));
	struct wordlist **tail = &it->pats;
	struct token *t;

	if (peek(p)->type == T_LPAREN)
		next(p);
	for (;;) {
		t = peek(p);
		if (t->type != T_WORD) {
			syntax_error(p, t);
			return NULL;
		}
		*tail = new_word(t->text);
		tail = &(*tail)->next;
		next(p);
		if (peek(p)->type != T_PIPE)
			break;
		next(p);
	}
	if (expect(p, T_RPAREN) < 0)
		return NULL;
	skip_newlines(p);
	t = peek(p);
	if (t->type != T_DSEMI && !is_kw(t, "esac"))
		it->body = parse_compound_list(p);
	if (p->error)
		return NULL;
	if (peek(p)->type == T_DSEMI) {
		next(p);
		skip_newlines(p);
	} else if (!is_kw(peek(p), "esac")) {
		syntax_error(p, peek(p));
		return NULL;
	}
	return it;
}

static struct node *parse_case(struct parser *p)
{
	struct node *n = new_node(N_CASE, peek(p)->lineno);
	struct caseitem **tail = &n->casen.items;
	struct token *t;

	next(p);
	t = peek(p);
	if (t->type != T_WORD) {
		syntax_error(p, t);
		return NULL;
	}
	n->casen.word = t->text;
	next(p);
	skip_newlines(p);
	if (expect_kw(p, "in") < 0)
		return NULL;
	skip_newlines(p);
	while (!p->error && !is_kw(peek(p), "esac")) {
		if (peek(p)->type == T_EOF) {
			syntax_error(p, peek(p));
			return NULL;
		}
		*tail = parse_case_item(p);
		if (!*tail)
			return NULL;
		tail = &(*tail)->next;
	}
	return expect_kw(p, "esac") < 0 ? NULL : n;
}

/* '(' list ')' or '{' list '}' */
static struct node *parse_grouping(struct parser *p, int subshell)
{
	struct node *n = new_node(subshell ? N_SUBSHELL : N_GROUP, peek(p)->lineno);

	next(p);
	n->sub.body = parse_compound_list(p);
	if (subshell)
		return expect(p, T_RPAREN) < 0 ? NULL : n;
	return expect_kw(p, "}") < 0 ? NULL : n;
}

static struct node *parse_compound(struct parser *p)
{
	struct token *t = peek(p);

	if (t->type == T_LPAREN)
		return parse_grouping(p, 1);
	if (is_kw(t, "{"))
		return parse_grouping(p, 0);
	if (is_kw(t, "if"))
		return parse_if(p);
	if (is_kw(t, "while"))
		return parse_loop(p, N_WHILE);
	if (is_kw(t, "until"))
		return parse_loop(p, N_UNTIL);
	if (is_kw(t, "for"))
		return parse_for(p);
	if (is_kw(t, "case"))
		return parse_case(p);
	return NULL;
}

static struct node *parse_command_node(struct parser *p)
{
	struct token *t = peek(p);
	struct node *n;

	if (p->error)
		return NULL;
	if (++p->depth > SH_MAX_NEST) {
		if (!p->error)
			sh_error("line %d: syntax error: nesting too deep\n", t->lineno);
		p->error = 1;
		return NULL;
	}
	if (ends_list(t) || is_kw(t, "in")) {
		syntax_error(p, t);
		n = NULL;
	} else if ((n = parse_compound(p)) != NULL) {
		parse_redirects(p, n);
	} else if (!p->error) {
		n = parse_simple(p);
	}
	p->depth--;
	return p->error ? NULL : n;
}

/* The source text from byte start to the end of the last token. */
static char *source_text(struct parser *p, size_t start)
{
	struct src *s = p->lx.src;
	size_t end = p->lx.last_end;

	while (end > start && (s->buf[end - 1] == ' ' || s->buf[end - 1] == '\t' || s->buf[end - 1] == '\n'))
		end--;
	return arena_strndup(s->buf + start, end > start ? end - start : 0);
}

static struct node *parse_pipeline(struct parser *p)
{
	size_t start = peek(p)->start;
	int bang = 0, lineno = peek(p)->lineno;
	struct node **cmds = NULL;
	int n = 0, cap = 0;

	if (is_kw(peek(p), "!")) {
		bang = 1;
		next(p);
	}
	for (;;) {
		struct node *c = parse_command_node(p);
		if (!c)
			return NULL;
		if (n == cap) {         /* grow (the old array stays in the arena) */
			struct node **bigger = arena_alloc((cap = cap ? cap * 2 : 4) * sizeof(*cmds));
			if (n)
				memcpy(bigger, cmds, n * sizeof(*cmds));
			cmds = bigger;
		}
		cmds[n++] = c;
		if (peek(p)->type != T_PIPE)
			break;
		next(p);
		skip_newlines(p);
	}
	if (n == 1 && !bang) {
		cmds[0]->text = source_text(p, start);
		return cmds[0];
	}
	struct node *pn = new_node(N_PIPE, lineno);
	pn->text = source_text(p, start);
	pn->pipe.cmds = cmds;
	pn->pipe.n = n;
	pn->pipe.bang = bang;
	return pn;
}

static struct node *parse_and_or(struct parser *p)
{
	struct node *n = parse_pipeline(p);

	while (n && !p->error) {
		enum tok t = peek(p)->type;
		if (t != T_AND && t != T_OR)
			break;
		next(p);
		skip_newlines(p);
		struct node *r = parse_pipeline(p);
		if (!r)
			return NULL;
		n = new_bin(t == T_AND ? N_AND : N_OR, n, r);
	}
	return p->error ? NULL : n;
}

/* Wrap n (which started at byte start) in an N_BG node with its text. */
static struct node *make_bg(struct parser *p, struct node *n, size_t start)
{
	struct node *bg = new_node(N_BG, n->lineno);
	struct src *s = p->lx.src;
	size_t end = p->lx.last_end;

	while (end > start && (s->buf[end - 1] == '&' || s->buf[end - 1] == ' ' || s->buf[end - 1] == '\t'))
		end--;
	bg->sub.body = n;
	bg->sub.text = arena_strndup(s->buf + start, end > start ? end - start : 0);
	return bg;
}

/* and_or lists separated by ; & (and newlines unless top) */
static struct node *parse_list(struct parser *p, int top)
{
	struct node *list = NULL;

	for (;;) {
		size_t start = peek(p)->start;
		struct node *n = parse_and_or(p);
		if (!n)
			return NULL;
		enum tok t = peek(p)->type;
		if (t == T_AMP || t == T_SEMI || (!top && t == T_NEWLINE))
			next(p);
		if (t == T_AMP)
			n = make_bg(p, n, start);
		list = list ? new_bin(N_SEQ, list, n) : n;
		if (!top)
			skip_newlines(p);
		struct token *nt = peek(p);
		if (p->error)
			return NULL;
		if (top ? (nt->type == T_NEWLINE || nt->type == T_EOF) : ends_list(nt))
			break;
		if (t != T_AMP && t != T_SEMI && (top || t != T_NEWLINE)) {
			syntax_error(p, nt);
			return NULL;
		}
	}
	return list;
}

static struct node *parse_compound_list(struct parser *p)
{
	if (p->error)
		return NULL;
	skip_newlines(p);
	return parse_list(p, 0);
}

enum parse_result parse_command(struct src *src, struct node **out)
{
	struct parser p;
	struct token *t;

	src_compact(src);
	src->ps2 = 0;
	memset(&p, 0, sizeof(p));
	lex_init(&p.lx, src);
	*out = NULL;
	t = peek(&p);
	if (t->type == T_EOF)
		return P_EOF;
	if (t->type == T_NEWLINE) {
		next(&p);
		return P_EMPTY;
	}
	if (t->type != T_ERROR)
		*out = parse_list(&p, 1);
	if (!p.error && *out) {
		t = peek(&p);
		if (t->type == T_NEWLINE)
			next(&p);
		return P_OK;
	}
	if (!p.error)
		syntax_error(&p, peek(&p));
	/* drop the rest of what was read: resynchronise at the next line */
	src->pos = src->len;
	*out = NULL;
	return P_ERROR;
}
