/*
 * arith.c: $(( )) arithmetic on longs, by precedence climbing.
 *
 * Supported: decimal, 0x hex and 0 octal numbers; variable names (an
 * unset or empty variable is 0); unary + - ! ~; binary * / % + - << >>
 * < <= > >= == != & ^ | && ||; the ternary ?: ; parentheses; and the
 * assignments = += -= *= /= %=. Division by zero is an error.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

struct ar {
	const char *p;
	int err;
	int depth;
};

static long ar_expr(struct ar *a, int skip);

static void ar_error(struct ar *a, const char *msg)
{
	if (!a->err)
		sh_error("arithmetic: %s\n", msg);
	a->err = 1;
}

static void ar_space(struct ar *a)
{
	while (isspace((unsigned char)*a->p))
		a->p++;
}

/* Assignment to a variable named at name (len bytes) with operator op. */
static long ar_assign(struct ar *a, const char *name, size_t len, char op, int skip)
{
	long rhs = ar_expr(a, skip), cur = 0;
	char *nm = strndup(name, len);
	const char *v = var_get(nm);

	if (v && *v)
		cur = strtol(v, NULL, 0);
	if ((op == '/' || op == '%') && rhs == 0 && !skip) {
		ar_error(a, "division by zero");
		rhs = 1;
	}
	switch (op) {
	case '=': cur = rhs; break;
	case '+': cur += rhs; break;
	case '-': cur -= rhs; break;
	case '*': cur *= rhs; break;
	case '/': cur /= rhs; break;
	case '%': cur %= rhs; break;
	}
	if (!skip && !a->err) {
		char buf[24];
		snprintf(buf, sizeof(buf), "%ld", cur);
		var_set(nm, buf, 0);
	}
	free(nm);
	return cur;
}

static long ar_primary(struct ar *a, int skip)
{
	ar_space(a);
	char c = *a->p;

	if (++a->depth > SH_MAX_NEST) {
		ar_error(a, "expression too deep");
		return 0;
	}
	long v = 0;
	if (c == '(') {
		a->p++;
		v = ar_expr(a, skip);
		ar_space(a);
		if (*a->p != ')')
			ar_error(a, "missing )");
		else
			a->p++;
	} else if (c == '-' || c == '+' || c == '!' || c == '~') {
		a->p++;
		v = ar_primary(a, skip);
		v = c == '-' ? -v : c == '!' ? !v : c == '~' ? ~v : v;
	} else if (isdigit((unsigned char)c)) {
		char *end;
		v = strtol(a->p, &end, 0);
		a->p = end;
	} else if (isalpha((unsigned char)c) || c == '_') {
		const char *name = a->p;
		while (isalnum((unsigned char)*a->p) || *a->p == '_')
			a->p++;
		size_t len = a->p - name;
		ar_space(a);
		const char *q = a->p;
		if (q[0] == '=' && q[1] != '=') {
			a->p++;
			v = ar_assign(a, name, len, '=', skip);
		} else if (q[0] && strchr("+-*/%", q[0]) && q[1] == '=') {
			a->p += 2;
			v = ar_assign(a, name, len, q[0], skip);
		} else {
			char *nm = strndup(name, len);
			const char *s = var_get(nm);
			v = s && *s ? strtol(s, NULL, 0) : 0;
			free(nm);
		}
	} else {
		ar_error(a, *a->p ? "syntax error" : "missing operand");
	}
	a->depth--;
	return v;
}

/* Binary operators: precedence (higher binds tighter), 0 if none. */
static int ar_binop(const char *p, int *len)
{
	static const struct { const char *op; int prec; } ops[] = {
		{"||", 1}, {"&&", 2}, {"==", 6}, {"!=", 6}, {"<=", 7}, {">=", 7},
		{"<<", 8}, {">>", 8}, {"|", 3}, {"^", 4}, {"&", 5}, {"<", 7},
		{">", 7}, {"+", 9}, {"-", 9}, {"*", 10}, {"/", 10}, {"%", 10},
	};
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		size_t n = strlen(ops[i].op);
		if (strncmp(p, ops[i].op, n) == 0 && !(n == 1 && p[1] == '=' && *p != '<' && *p != '>')) {
			*len = n;
			return ops[i].prec;
		}
	}
	return 0;
}

static long ar_apply(struct ar *a, const char *op, int len, long l, long r, int skip)
{
	if (len == 2) {
		switch (op[0]) {
		case '|': return l || r;
		case '&': return l && r;
		case '=': return l == r;
		case '!': return l != r;
		case '<': return op[1] == '=' ? l <= r : (long)((unsigned long)l << (r & 63));
		case '>': return op[1] == '=' ? l >= r : l >> (r & 63);
		}
	}
	switch (op[0]) {
	case '|': return l | r;
	case '^': return l ^ r;
	case '&': return l & r;
	case '<': return l < r;
	case '>': return l > r;
	case '+': return l + r;
	case '-': return l - r;
	case '*': return l * r;
	}
	if (r == 0) {
		if (!skip)
			ar_error(a, "division by zero");
		return 0;
	}
	if (r == -1)
		return op[0] == '/' ? -l : 0;
	return op[0] == '/' ? l / r : l % r;
}

static long ar_binary(struct ar *a, int minprec, int skip)
{
	long l = ar_primary(a, skip);

	for (;;) {
		int len;
		ar_space(a);
		int prec = ar_binop(a->p, &len);
		if (!prec || prec < minprec || a->err)
			return l;
		const char *op = a->p;
		a->p += len;
		/* && and || do not evaluate (assign in) the side they skip */
		int rskip = skip || (prec == 2 && !l) || (prec == 1 && l);
		long r = ar_binary(a, prec + 1, rskip);
		l = ar_apply(a, op, len, l, r, rskip);
	}
}

static long ar_expr(struct ar *a, int skip)
{
	long c = ar_binary(a, 1, skip);

	ar_space(a);
	if (*a->p != '?')
		return c;
	a->p++;
	long t = ar_expr(a, skip || !c);
	ar_space(a);
	if (*a->p != ':') {
		ar_error(a, "missing :");
		return 0;
	}
	a->p++;
	long f = ar_expr(a, skip || c);
	return c ? t : f;
}

int arith_eval(const char *expr, long *out)
{
	struct ar a = {expr, 0, 0};

	*out = ar_expr(&a, 0);
	ar_space(&a);
	if (*a.p && !a.err)
		ar_error(&a, "syntax error");
	return a.err ? -1 : 0;
}
