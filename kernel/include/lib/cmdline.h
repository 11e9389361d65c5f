/*
 * Kernel command line parsing (kernel/lib/cmdline.c).
 *
 * "loglevel=7 init=/bin/sh quiet msg=\"hello world\"" becomes the pairs
 * (loglevel, 7) (init, /bin/sh) (quiet, "") (msg, hello world). Words are
 * separated by spaces, tabs or newlines; double quotes group characters
 * (including spaces) and are removed; the first '=' in a word ends its key.
 * The strings are copied into the struct, so the source may go away.
 * When a key appears more than once, the last one wins.
 */
#ifndef LIB_CMDLINE_H
#define LIB_CMDLINE_H

#include <kernel/types.h>

#define CMDLINE_MAX_ARGS 32
#define CMDLINE_BUF_SIZE 512

struct cmdline_arg {
	const char *key;	/* points into buf */
	const char *value;	/* points into buf; "" for a bare word */
};

struct cmdline {
	int nargs;
	struct cmdline_arg args[CMDLINE_MAX_ARGS];
	char buf[CMDLINE_BUF_SIZE];	/* "key\0value\0" for each arg */
};

/*
 * Parse s (NULL is taken as "") into *cl. Returns 0, or -E2BIG if the
 * words did not all fit (more than CMDLINE_MAX_ARGS, or more text than
 * buf holds); the words that fit are kept.
 */
int cmdline_parse(struct cmdline *cl, const char *s);

/* The value of key ("" for a bare word), or NULL if key is absent. */
const char *cmdline_get(const struct cmdline *cl, const char *key);

/* True if key appears, with or without a value. */
bool cmdline_has(const struct cmdline *cl, const char *key);

/*
 * key's value as a number (decimal, 0x hex or 0 octal, optional sign), or
 * dflt if key is absent or its value is not a number that fits a long.
 */
long cmdline_get_long(const struct cmdline *cl, const char *key, long dflt);

#endif /* LIB_CMDLINE_H */
