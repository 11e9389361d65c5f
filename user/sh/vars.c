/*
 * vars.c: shell variables, the environment and the positional parameters.
 *
 * Variables sit in a small hash table of chains (name, value, flags:
 * V_EXPORT, V_READONLY). The environment of an executed program is built
 * from the exported ones (var_environ). Positional parameters are a stack:
 * a function call pushes its arguments and pops them on return.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sh.h"

struct var {
	struct var *next;
	char *name;
	char *value;            /* NULL: declared (export x) but unset */
	int flags;
};

#define NBUCKETS 128
static struct var *table[NBUCKETS];

static unsigned hash(const char *s)
{
	unsigned h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % NBUCKETS;
}

static struct var *lookup(const char *name)
{
	for (struct var *v = table[hash(name)]; v; v = v->next)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

static struct var *lookup_create(const char *name)
{
	struct var *v = lookup(name);

	if (!v) {
		unsigned h = hash(name);
		v = xmalloc(sizeof(*v));
		v->name = xstrdup(name);
		v->value = NULL;
		v->flags = 0;
		v->next = table[h];
		table[h] = v;
	}
	return v;
}

const char *var_get(const char *name)
{
	struct var *v = lookup(name);

	return v ? v->value : NULL;
}

/* Set name=value (value NULL: only add flags). -1 if name is readonly. */
int var_set(const char *name, const char *value, int flags)
{
	struct var *v = lookup_create(name);

	if ((v->flags & V_READONLY) && value) {
		sh_error("%s: is read only\n", name);
		return -1;
	}
	if (value) {
		char *copy = xstrdup(value);
		free(v->value);
		v->value = copy;
	}
	v->flags |= flags;
	return 0;
}

void var_set_flags(const char *name, int flags)
{
	lookup_create(name)->flags |= flags;
}

int var_unset(const char *name)
{
	struct var **pp = &table[hash(name)];

	for (; *pp; pp = &(*pp)->next) {
		struct var *v = *pp;
		if (strcmp(v->name, name) != 0)
			continue;
		if (v->flags & V_READONLY) {
			sh_error("%s: is read only\n", name);
			return -1;
		}
		*pp = v->next;
		free(v->name);
		free(v->value);
		free(v);
		return 0;
	}
	return 0;
}

void var_import(char **envp)
{
	for (; *envp; envp++) {
		char *eq = strchr(*envp, '=');
		if (!eq || !is_name(*envp, eq - *envp))
			continue;
		char *name = xmalloc(eq - *envp + 1);
		memcpy(name, *envp, eq - *envp);
		name[eq - *envp] = 0;
		var_set(name, eq + 1, V_EXPORT);
		free(name);
	}
}

char **var_environ(void)
{
	size_t n = 0, i = 0;

	for (int b = 0; b < NBUCKETS; b++)
		for (struct var *v = table[b]; v; v = v->next)
			n += (v->flags & V_EXPORT) && v->value;
	char **env = xmalloc((n + 1) * sizeof(*env));
	for (int b = 0; b < NBUCKETS; b++) {
		for (struct var *v = table[b]; v; v = v->next) {
			if (!(v->flags & V_EXPORT) || !v->value)
				continue;
			size_t ln = strlen(v->name), lv = strlen(v->value);
			env[i] = xmalloc(ln + lv + 2);
			memcpy(env[i], v->name, ln);
			env[i][ln] = '=';
			memcpy(env[i] + ln + 1, v->value, lv + 1);
			i++;
		}
	}
	env[i] = NULL;
	return env;
}

static int cmp_var(const void *a, const void *b)
{
	return strcmp((*(struct var *const *)a)->name, (*(struct var *const *)b)->name);
}

/* Print a value in single quotes that the shell reads back. */
static void print_quoted(struct sbuf *b, const char *s)
{
	sb_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_puts(b, "'\\''");
		else
			sb_putc(b, *s);
	}
	sb_putc(b, '\'');
}

/* `set` (all, name='value') or `export -p` (export name='value'), sorted. */
void var_print(int exported_only)
{
	size_t n = 0, k = 0;
	struct sbuf out = {0};

	for (int b = 0; b < NBUCKETS; b++)
		for (struct var *v = table[b]; v; v = v->next)
			n++;
	struct var **all = xmalloc((n + 1) * sizeof(*all));
	for (int b = 0; b < NBUCKETS; b++)
		for (struct var *v = table[b]; v; v = v->next)
			if (!exported_only || (v->flags & V_EXPORT))
				all[k++] = v;
	qsort(all, k, sizeof(*all), cmp_var);
	for (size_t i = 0; i < k; i++) {
		if (exported_only)
			sb_puts(&out, "export ");
		else if (!all[i]->value)
			continue;
		sb_puts(&out, all[i]->name);
		if (all[i]->value) {
			sb_putc(&out, '=');
			print_quoted(&out, all[i]->value);
		}
		sb_putc(&out, '\n');
	}
	if (out.len)
		write(1, out.s, out.len);
	sb_free(&out);
	free(all);
}

/* ---- positional parameters -------------------------------------------- */

#define POS_MAX 256
static struct posparams pos_stack[POS_MAX];
static int pos_top;

static void pos_fill(struct posparams *pp, int argc, char **argv)
{
	pp->argc = argc;
	pp->argv = xmalloc((argc + 1) * sizeof(char *));
	for (int i = 0; i < argc; i++)
		pp->argv[i] = xstrdup(argv[i]);
	pp->argv[argc] = NULL;
}

static void pos_clear(struct posparams *pp)
{
	if (pp->argv)
		argv_free(pp->argv);
	pp->argv = NULL;
	pp->argc = 0;
}

struct posparams *pos_cur(void)
{
	return &pos_stack[pos_top];
}

void pos_set(int argc, char **argv)
{
	struct posparams np;

	pos_fill(&np, argc, argv);      /* argv may point into the old set */
	pos_clear(pos_cur());
	*pos_cur() = np;
}

void pos_push(int argc, char **argv)
{
	if (pos_top + 1 >= POS_MAX) {
		pos_set(argc, argv);    /* run_function limits depth far below */
		return;
	}
	pos_top++;
	pos_fill(pos_cur(), argc, argv);
}

void pos_pop(void)
{
	pos_clear(pos_cur());
	if (pos_top > 0)
		pos_top--;
}
