/*
 * Unit tests for the line discipline, kernel/drivers/tty/n_tty.c,
 * compiled for the host unchanged: a struct tty whose driver write
 * appends to a buffer (no locks are taken by n_tty.c itself).
 *
 * Checked: canonical editing and its echo (erase, word erase, kill, EOF,
 * literal next, reprint), one line per read and partial reads, the
 * buffer limit (a full canonical buffer still takes a line end),
 * non-canonical reads, ICANON switches, signal characters (flush, NOFLSH,
 * echo, the raised bits), IXON stop/start, OPOST output (ONLCR, XTABS,
 * OLCUC), and 20,000 random keystrokes in canonical mode compared with a
 * model of lines being edited, with the buffer's invariants checked after
 * every keystroke.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tty/tty.h>

static char out[1 << 16];
static size_t outlen;

static void fake_write(struct tty *tty, const char *buf, size_t n)
{
	(void)tty;
	assert_true(outlen + n <= sizeof(out));
	memcpy(out + outlen, buf, n);
	outlen += n;
}

static const struct tty_operations ops = { .write = fake_write };
static struct tty *tty;

/* n_tty.c needs only the termios and the buffer: set them as tty_init does. */
static int setup(void **state)
{
	(void)state;
	tty = calloc(1, sizeof(*tty));
	assert_non_null(tty);
	tty->ops = &ops;
	tty->termios.c_iflag = ICRNL | IXON;
	tty->termios.c_oflag = OPOST | ONLCR;
	tty->termios.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	const unsigned char cc[] = { 003, 034, 0177, 025, 004, 0, 1, 0, 021, 023, 032, 0, 022, 017,
				     027, 026, 0 };
	memcpy(tty->termios.c_cc, cc, sizeof(cc));
	outlen = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(tty);
	return 0;
}

/* The buffer's invariants. */
static void check_ldata(void)
{
	const struct n_tty *ld = &tty->ldata;
	uint32_t used = ld->read_head - ld->read_tail;
	uint32_t lines = ld->canon_head - ld->read_tail;

	assert_true(used <= N_TTY_BUF_SIZE);
	if (!(tty->termios.c_lflag & ICANON))
		return;
	assert_true(lines <= used);
	/* complete lines end with a line end; the edited line has none */
	if (lines)
		assert_true(ld->mark[(ld->canon_head - 1) % N_TTY_BUF_SIZE] & N_TTY_MARK_EOL);
	for (uint32_t i = ld->canon_head; i != ld->read_head; i++)
		assert_int_equal(ld->mark[i % N_TTY_BUF_SIZE], 0);
}

static void feed(const char *s)
{
	n_tty_receive(tty, s, strlen(s));
	check_ldata();
}

static void assert_out(const char *want)
{
	assert_int_equal(outlen, strlen(want));
	assert_memory_equal(out, want, outlen);
	outlen = 0;
}

/* Read up to n bytes; returns a static string, "<EOF>" for an end of file, "<none>" when empty. */
static const char *rd(size_t n)
{
	static char buf[N_TTY_BUF_SIZE + 1];
	bool eof;
	size_t got;

	if (!n_tty_readable(tty))
		return "<none>";
	got = n_tty_read(tty, buf, n, &eof);
	check_ldata();
	if (eof)
		return "<EOF>";
	buf[got] = 0;
	return buf;
}

static void test_canonical_editing(void **state)
{
	(void)state;
	feed("abc");
	assert_string_equal(rd(100), "<none>");
	feed("\x7f" "d\r");
	assert_string_equal(rd(100), "abd\n");
	assert_out("abc\b \bd\r\n");
	feed("one two  \x17\x17three\n");
	assert_string_equal(rd(100), "three\n");
	feed("zap\x15" "\x15ok\n");   /* a second kill on an empty line does nothing */
	assert_string_equal(rd(100), "ok\n");
	feed("x\x04\x04");
	assert_string_equal(rd(100), "x");
	assert_string_equal(rd(100), "<EOF>");
	assert_string_equal(rd(100), "<none>");
	feed("long line\n");
	assert_string_equal(rd(4), "long");   /* the rest of the line stays */
	assert_string_equal(rd(100), " line\n");
	outlen = 0;
	feed("ab\x12");   /* ^R */
	assert_out("ab^R\r\nab");
	feed("\x16\x7f\n");   /* ^V DEL: a literal DEL */
	assert_string_equal(rd(100), "ab\x7f\n");
}

static void test_kill_without_echoke(void **state)
{
	(void)state;
	tty->termios.c_lflag &= ~(unsigned int)ECHOKE;
	feed("abc\x15");
	assert_out("abc^U\r\n");
	tty->termios.c_lflag &= ~(unsigned int)(ECHOK | ECHOE);
	feed("d\x7f");
	assert_out("d^?");
	assert_string_equal(rd(100), "<none>");
}

static void test_buffer_full(void **state)
{
	char big[N_TTY_BUF_SIZE + 10];

	(void)state;
	tty->termios.c_lflag &= ~(unsigned int)ECHO;
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	feed(big);
	assert_int_equal(tty->ldata.read_head - tty->ldata.read_tail, N_TTY_BUF_SIZE - 1);
	feed("\n");   /* the kept slot */
	const char *line = rd(N_TTY_BUF_SIZE);
	assert_int_equal(strlen(line), N_TTY_BUF_SIZE);
	assert_int_equal(line[N_TTY_BUF_SIZE - 1], '\n');
}

static void test_raw_and_switch(void **state)
{
	struct termios old = tty->termios;

	(void)state;
	feed("half");
	tty->termios.c_lflag &= ~(unsigned int)(ICANON | ECHO);
	n_tty_termios_changed(tty, &old);
	assert_int_equal(n_tty_unread(tty), 4);
	feed("\x7f\n");   /* no editing: bytes as they are (ICRNL still on) */
	assert_string_equal(rd(3), "hal");
	assert_string_equal(rd(100), "f\x7f\n");
	feed("raw");
	old = tty->termios;
	tty->termios.c_lflag |= ICANON;
	n_tty_termios_changed(tty, &old);   /* unread raw input becomes a line */
	check_ldata();
	assert_string_equal(rd(100), "raw");
}

static void test_signals_and_flow(void **state)
{
	(void)state;
	feed("gone\x03");
	assert_int_equal(tty->sigs, 1u << 2);
	assert_string_equal(rd(100), "<none>");
	assert_out("gone^C");
	tty->sigs = 0;
	tty->termios.c_lflag |= NOFLSH;
	feed("kept\x1a\x1c\n");
	assert_int_equal(tty->sigs, (1u << 20) | (1u << 3));
	assert_string_equal(rd(100), "kept\n");
	tty->sigs = 0;
	tty->termios.c_lflag &= ~(unsigned int)ISIG;
	feed("\x03\n");
	assert_int_equal(tty->sigs, 0);
	assert_string_equal(rd(100), "\x03\n");
	feed("\x13");
	assert_true(tty->stopped);
	feed("\x11");
	assert_false(tty->stopped);
	assert_string_equal(rd(100), "<none>");
}

static void test_output(void **state)
{
	(void)state;
	outlen = 0;
	n_tty_output(tty, "a\tb\n", 4);
	assert_out("a\tb\r\n");
	tty->termios.c_oflag |= XTABS | OLCUC;
	n_tty_output(tty, "ab\tc\n", 5);
	assert_out("AB      C\r\n");
	tty->termios.c_oflag = 0;
	n_tty_output(tty, "x\n", 2);
	assert_out("x\n");
}

/* ---------------------------------------------------------------- random editing vs a model */

struct model {
	char line[N_TTY_BUF_SIZE];
	size_t len;
	char done[64][N_TTY_BUF_SIZE / 8];   /* complete lines, "<EOF>" for an empty VEOF line */
	unsigned int ndone;
	size_t queued;                        /* bytes of the complete lines in the buffer */
};

static bool is_word(char c) { return c == '_' || (c >= 'a' && c <= 'z'); }

static void model_key(struct model *m, char c)
{
	switch (c) {
	case 0x7f:
		if (m->len)
			m->len--;
		break;
	case 0x17:
		while (m->len && !is_word(m->line[m->len - 1]))
			m->len--;
		while (m->len && is_word(m->line[m->len - 1]))
			m->len--;
		break;
	case 0x15:
		m->len = 0;
		break;
	case '\n':
	case 0x04:
		if (c == '\n')
			m->line[m->len++] = '\n';
		m->line[m->len] = 0;
		strcpy(m->done[m->ndone++], m->len ? m->line : "<EOF>");
		m->queued += m->len + (c == 0x04);
		m->len = 0;
		break;
	default:
		m->line[m->len++] = c;
	}
}

static void drain_and_compare(struct model *m)
{
	for (unsigned int i = 0; i < m->ndone; i++)
		assert_string_equal(rd(N_TTY_BUF_SIZE), m->done[i]);
	assert_string_equal(rd(N_TTY_BUF_SIZE), "<none>");
	m->ndone = 0;
	m->queued = 0;
}

static void test_random_editing(void **state)
{
	static const char keys[] = "ab_ z\x7f\x17\x15\n\x04";
	static struct model m;

	(void)state;
	srand(7);
	memset(&m, 0, sizeof(m));
	for (int step = 0; step < 20000; step++) {
		char c = keys[rand() % (int)(sizeof(keys) - 1)];

		if (m.len > 200 && c != '\n')
			c = 0x15;   /* keep lines short: the model's line slots are small */
		if (m.queued > 3000 || m.ndone == 60)
			drain_and_compare(&m);   /* never let the buffer fill: it would drop keys */
		model_key(&m, c);
		n_tty_receive(tty, &c, 1);
		check_ldata();
		if (rand() % 50 == 0)
			drain_and_compare(&m);
		outlen = 0;
	}
	drain_and_compare(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_canonical_editing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_kill_without_echoke, setup, teardown),
		cmocka_unit_test_setup_teardown(test_buffer_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_raw_and_switch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signals_and_flow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_output, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_editing, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
