/*
 * "#!" lines (interface and rules in <proc/binfmt.h>, script_parse):
 * Linux 5.1+'s binfmt_script parsing, written from its documented
 * behaviour and checked on a Linux host (docs/proc.md, "exec"). exec.c
 * rewrites argv and follows the interpreter. Pure; no locks.
 */
#include <kernel/compiler.h>
#include <lib/string.h>
#include <proc/binfmt.h>
#include <uapi/errno.h>

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The first byte of [s, end) that is not blank, or NULL. */
static char *skip_blanks(char *s, char *end)
{
	for (; s < end; s++)
		if (!is_blank(*s))
			return s;
	return NULL;
}

/* The first byte of [s, end) that ends a word (blank or NUL), or NULL. */
static char *find_word_end(char *s, char *end)
{
	for (; s < end; s++)
		if (is_blank(*s) || *s == '\0')
			return s;
	return NULL;
}

/* The end of the line: its newline (a NUL first means none), or NULL. */
static char *find_newline(char *s, char *end)
{
	for (; s < end && *s; s++)
		if (*s == '\n')
			return s;
	return NULL;
}

int script_parse(char *buf, size_t n, const char **interp, const char **arg)
{
	char *buf_end = buf + BINPRM_BUF_SIZE - 1, *line_end, *name, *sep;

	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return -ENOEXEC;
	if (n < BINPRM_BUF_SIZE)
		memset(buf + n, 0, BINPRM_BUF_SIZE - n);
	line_end = find_newline(buf, buf + BINPRM_BUF_SIZE);
	if (!line_end) {
		/* No newline: the name must at least end inside the buffer. */
		name = skip_blanks(buf + 2, buf_end);
		if (!name || !find_word_end(name, buf_end))
			return -ENOEXEC;
		line_end = buf_end;
	}
	while (is_blank(line_end[-1]))
		line_end--;
	*line_end = '\0';
	name = skip_blanks(buf + 2, line_end);
	if (!name || name == line_end)
		return -ENOEXEC;
	*arg = NULL;
	sep = find_word_end(name, line_end);
	if (sep && *sep) {
		*arg = skip_blanks(sep, line_end);
		*sep = '\0';
	}
	*interp = name;
	return 0;
}
