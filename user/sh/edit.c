/*
 * edit.c: the interactive line editor and its history.
 *
 * edit_line(prompt) reads one line from fd 0 a byte at a time, with the
 * terminal switched to non-canonical, no-echo mode (ICANON, ECHO and ISIG
 * off: ^C abandons the line here instead of signalling the shell's group;
 * VMIN=1, VTIME=0) for the duration and restored before it returns, so a
 * command always starts with the terminal as the user left it. If the
 * terminal cannot be switched (today's raw console, or stdin not being a
 * terminal at all, as with sh -i < file) it reads the same way: the editor
 * echoes everything itself in either case. Echo and prompt go to fd 2.
 *
 * Keys: printable bytes insert; Backspace/^H delete left; ^D deletes
 * right (end of input on an empty line); ^A/Home, ^E/End, ^B/Left,
 * ^F/Right move; ^U kills to the start, ^K to the end, ^W a word; ^L
 * redraws; ^C abandons the line; Up/Down (ESC [ A / ESC [ B) walk the
 * history (HIST_MAX lines, no repeated neighbours). A redraw is
 * "\r prompt line ESC[K" and a move left, so lines longer than the
 * terminal is wide are not redrawn correctly.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"
#include "ulib.h"

#define HIST_MAX 200

static char *hist[HIST_MAX];
static int hist_n;

void history_add(const char *line)
{
	size_t n = strlen(line);

	while (n > 0 && line[n - 1] == '\n')
		n--;
	if (n == 0 || (hist_n > 0 && strlen(hist[hist_n - 1]) == n &&
		       memcmp(hist[hist_n - 1], line, n) == 0))
		return;
	if (hist_n == HIST_MAX) {
		free(hist[0]);
		memmove(hist, hist + 1, (HIST_MAX - 1) * sizeof(*hist));
		hist_n--;
	}
	hist[hist_n++] = strndup(line, n);
}

struct editor {
	const char *prompt;
	struct sbuf line;
	size_t pos;             /* cursor: bytes of line before it */
	int hist_idx;           /* hist_n: the line being typed */
	char *typed;            /* the line being typed, while browsing */
};

static void out(const char *s, size_t n)
{
	ulib_write_all(2, s, n);
}

static void redraw(struct editor *e)
{
	struct sbuf b = {0};
	char mv[32];

	sb_puts(&b, "\r");
	sb_puts(&b, e->prompt);
	sb_putn(&b, e->line.s ? e->line.s : "", e->line.len);
	sb_puts(&b, "\033[K");
	if (e->line.len > e->pos) {
		snprintf(mv, sizeof(mv), "\033[%zuD", e->line.len - e->pos);
		sb_puts(&b, mv);
	}
	out(b.s, b.len);
	sb_free(&b);
}

static void set_line(struct editor *e, const char *s)
{
	e->line.len = 0;
	sb_puts(&e->line, s);
	e->pos = e->line.len;
	redraw(e);
}

static void insert(struct editor *e, char c)
{
	sb_putc(&e->line, 0);
	memmove(e->line.s + e->pos + 1, e->line.s + e->pos, e->line.len - 1 - e->pos);
	e->line.s[e->pos++] = c;
	if (e->pos == e->line.len)
		out(&c, 1);             /* typing at the end: just echo */
	else
		redraw(e);
}

/* Delete n bytes starting at from. */
static void delete(struct editor *e, size_t from, size_t n)
{
	if (n == 0)
		return;
	memmove(e->line.s + from, e->line.s + from + n, e->line.len - from - n);
	e->line.len -= n;
	if (e->pos > from)
		e->pos = e->pos >= from + n ? e->pos - n : from;
	redraw(e);
}

static void history_move(struct editor *e, int dir)
{
	int idx = e->hist_idx + dir;

	if (idx < 0 || idx > hist_n)
		return;
	if (e->hist_idx == hist_n) {
		free(e->typed);
		e->typed = strndup(e->line.s ? e->line.s : "", e->line.len);
	}
	e->hist_idx = idx;
	set_line(e, idx == hist_n ? (e->typed ? e->typed : "") : hist[idx]);
}

static int read_byte(void)
{
	unsigned char c;

	for (;;) {
		ssize_t r = read(0, &c, 1);
		if (r == 1)
			return c;
		if (r < 0 && errno == EINTR)
			continue;
		return -1;
	}
}

/* After ESC: the rest of an ANSI sequence. */
static void escape(struct editor *e)
{
	int c = read_byte();

	if (c != '[' && c != 'O')
		return;
	c = read_byte();
	if (c >= '0' && c <= '9') {
		int t = read_byte();
		if (c == '3' && t == '~' && e->pos < e->line.len)
			delete(e, e->pos, 1);
		else if ((c == '1' || c == '7') && t == '~')
			e->pos = 0, redraw(e);
		else if ((c == '4' || c == '8') && t == '~')
			e->pos = e->line.len, redraw(e);
		return;
	}
	switch (c) {
	case 'A': history_move(e, -1); break;
	case 'B': history_move(e, +1); break;
	case 'C': if (e->pos < e->line.len) e->pos++, redraw(e); break;
	case 'D': if (e->pos > 0) e->pos--, redraw(e); break;
	case 'H': e->pos = 0, redraw(e); break;
	case 'F': e->pos = e->line.len, redraw(e); break;
	}
}

/* One key; 1 when the line is complete, -1 at end of input. */
static int key(struct editor *e, int c)
{
	size_t k;

	switch (c) {
	case -1:
		return e->line.len ? 1 : -1;
	case '\r':
	case '\n':
		return 1;
	case 4:                         /* ^D */
		if (!e->line.len)
			return -1;
		if (e->pos < e->line.len)
			delete(e, e->pos, 1);
		return 0;
	case 3:                         /* ^C */
		out("^C\n", 3);
		e->line.len = e->pos = 0;
		e->hist_idx = hist_n;
		out(e->prompt, strlen(e->prompt));
		return 0;
	case 127:
	case 8:
		if (e->pos > 0)
			delete(e, e->pos - 1, 1);
		return 0;
	case 1: e->pos = 0; redraw(e); return 0;
	case 5: e->pos = e->line.len; redraw(e); return 0;
	case 2: if (e->pos > 0) e->pos--, redraw(e); return 0;
	case 6: if (e->pos < e->line.len) e->pos++, redraw(e); return 0;
	case 21: delete(e, 0, e->pos); return 0;
	case 11: delete(e, e->pos, e->line.len - e->pos); return 0;
	case 12: out("\033[H\033[2J", 7); redraw(e); return 0;
	case 23:                        /* ^W */
		k = e->pos;
		while (k > 0 && e->line.s[k - 1] == ' ')
			k--;
		while (k > 0 && e->line.s[k - 1] != ' ')
			k--;
		delete(e, k, e->pos - k);
		return 0;
	case 27:
		escape(e);
		return 0;
	}
	if (c >= 32 || c == '\t')
		insert(e, (char)c);
	return 0;
}

char *edit_line(const char *prompt)
{
	struct termios old, raw;
	int have_tty = tcgetattr(0, &old) == 0;
	struct editor e = {.prompt = prompt, .hist_idx = hist_n};
	int r;

	if (have_tty) {
		raw = old;
		raw.c_lflag &= ~(ICANON | ECHO | ISIG);  /* ^C ^Z ^\ are keys here */
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(0, TCSADRAIN, &raw);  /* may fail: then read as it is */
	}
	out(prompt, strlen(prompt));
	while ((r = key(&e, read_byte())) == 0)
		;
	if (have_tty)
		tcsetattr(0, TCSADRAIN, &old);
	free(e.typed);
	if (r < 0) {
		sb_free(&e.line);
		return NULL;
	}
	out("\n", 1);
	sb_putc(&e.line, '\n');
	char *line = xstrdup(sb_str(&e.line));
	sb_free(&e.line);
	return line;
}
