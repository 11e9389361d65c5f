/*
 * Kernel command line parsing (see <lib/cmdline.h>).
 *
 * One left-to-right pass over the source. Each word is copied, without its
 * quotes, into cl->buf as "key\0value\0" (a bare word gets an empty value
 * at its NUL), and an args[] entry points at the two strings. A word that
 * does not fit whole is dropped, so every kept entry is complete.
 *
 * Pure code: no locks, no allocation.
 */
#include <kernel/compiler.h>
#include <kernel/types.h>
#include <lib/cmdline.h>
#include <lib/string.h>
#include <uapi/errno.h>

static bool cmdline_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Output position in cl->buf while copying one word. */
struct cmdline_out {
	char *buf;
	size_t pos, size;
	bool full;		/* a byte did not fit */
};

static void cmdline_put(struct cmdline_out *o, char c)
{
	if (o->pos < o->size)
		o->buf[o->pos++] = c;
	else
		o->full = true;
}

/*
 * Copy the word at *sp into o as "key\0value\0", advancing *sp past it.
 * *value_off receives the buffer offset of the value.
 */
static void cmdline_copy_word(const char **sp, struct cmdline_out *o,
			      size_t *value_off)
{
	const char *s = *sp;
	bool quoted = false, has_value = false;

	for (; *s && (quoted || !cmdline_is_space(*s)); s++) {
		if (*s == '"') {
			quoted = !quoted;
		} else if (*s == '=' && !has_value) {
			has_value = true;
			cmdline_put(o, '\0');
			*value_off = o->pos;
		} else {
			cmdline_put(o, *s);
		}
	}
	cmdline_put(o, '\0');
	if (!has_value)
		*value_off = o->pos - 1;	/* the key's own NUL: "" */
	*sp = s;
}

int cmdline_parse(struct cmdline *cl, const char *s)
{
	struct cmdline_out o = { .buf = cl->buf, .size = sizeof(cl->buf) };
	size_t start, value_off = 0;
	int err = 0;

	cl->nargs = 0;
	if (!s)
		return 0;
	for (;;) {
		while (cmdline_is_space(*s))
			s++;
		if (!*s)
			return err;
		start = o.pos;
		cmdline_copy_word(&s, &o, &value_off);
		if (o.full || cl->nargs == CMDLINE_MAX_ARGS) {
			o.pos = start;	/* drop the partial word */
			o.full = false;
			err = -E2BIG;
			continue;
		}
		cl->args[cl->nargs].key = cl->buf + start;
		cl->args[cl->nargs].value = cl->buf + value_off;
		cl->nargs++;
	}
}

/* The last argument whose key is key, or NULL. */
static const struct cmdline_arg *cmdline_find(const struct cmdline *cl,
					      const char *key)
{
	int i;

	for (i = cl->nargs - 1; i >= 0; i--) {
		if (strcmp(cl->args[i].key, key) == 0)
			return &cl->args[i];
	}
	return NULL;
}

const char *cmdline_get(const struct cmdline *cl, const char *key)
{
	const struct cmdline_arg *a = cmdline_find(cl, key);

	return a ? a->value : NULL;
}

bool cmdline_has(const struct cmdline *cl, const char *key)
{
	return cmdline_find(cl, key) != NULL;
}

long cmdline_get_long(const struct cmdline *cl, const char *key, long dflt)
{
	const char *v = cmdline_get(cl, key);
	long long n;

	_Static_assert(sizeof(long) == sizeof(long long), "LP64 expected");
	if (!v || kstrtoll(v, 0, &n) != 0)
		return dflt;
	return (long)n;
}
