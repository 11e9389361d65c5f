/*
 * util.c: the shell's small helpers -- arenas for parse trees, a growable
 * string, allocation that cannot fail silently, and error output.
 *
 * Output goes out with one write(2) per message (no stdio buffers), so a
 * fork never duplicates unwritten output.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"
#include "ulib.h"

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	char data[];
};

struct arena {
	struct arena_block *blocks;
	int pinned;             /* a function body lives here: never freed */
};

struct arena *cur_arena;

struct arena *arena_new(void)
{
	struct arena *a = xmalloc(sizeof(*a));

	a->blocks = NULL;
	a->pinned = 0;
	return a;
}

void arena_pin(struct arena *a)
{
	if (a)
		a->pinned = 1;
}

void arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	if (!a || a->pinned)
		return;
	for (b = a->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

void *arena_alloc(size_t n)
{
	struct arena *a = cur_arena;
	struct arena_block *b = a->blocks;

	n = (n + 15) & ~(size_t)15;
	if (!b || b->size - b->used < n) {
		size_t size = n > 8192 ? n : 8192;

		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = a->blocks;
		a->blocks = b;
	}
	void *p = b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(const char *s, size_t n)
{
	char *p = arena_alloc(n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		sh_error("out of memory");
		_exit(2);
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		sh_error("out of memory");
		_exit(2);
	}
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

static void sb_grow(struct sbuf *b, size_t need)
{
	if (b->len + need + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap * 2 : 64;
	while (cap < b->len + need + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void sb_putc(struct sbuf *b, char c)
{
	sb_grow(b, 1);
	b->s[b->len++] = c;
}

void sb_putn(struct sbuf *b, const char *s, size_t n)
{
	sb_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
}

void sb_puts(struct sbuf *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

char *sb_str(struct sbuf *b)
{
	sb_grow(b, 0);
	b->s[b->len] = 0;
	return b->s;
}

void sb_free(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

static void vprint(int fd, const char *prefix, const char *fmt, va_list ap)
{
	char small[512];
	va_list ap2;
	size_t pre = strlen(prefix);

	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	char *buf = (size_t)n + pre + 2 <= sizeof(small) ? small : xmalloc(n + pre + 2);
	memcpy(buf, prefix, pre);
	vsnprintf(buf + pre, n + 1, fmt, ap);
	ulib_write_all(fd, buf, pre + n);
	if (buf != small)
		free(buf);
}

void sh_error(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	vprint(2, "sh: ", fmt, ap);
	va_end(ap);
	errno = saved;
}

void sh_printf(int fd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fd, "", fmt, ap);
	va_end(ap);
}

int is_name(const char *s, size_t n)
{
	if (n == 0 || !(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
			return 0;
	}
	return 1;
}

void case_track(struct case_track *ct, char c)
{
	int wordc = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

	if (wordc) {
		if (ct->len < sizeof(ct->word) - 1)
			ct->word[ct->len] = c;
		ct->len++;
		return;
	}
	if (ct->len == 4 && memcmp(ct->word, "case", 4) == 0)
		ct->depth++;
	else if (ct->len == 4 && memcmp(ct->word, "esac", 4) == 0 && ct->depth > 0)
		ct->depth--;
	ct->len = 0;
}
