/*
 * N_TTY, the line discipline (interface in <tty/tty.h>): what happens to
 * the bytes between a terminal driver and read(2)/write(2), with Linux's
 * semantics.
 *
 * Input (n_tty_receive), byte by byte:
 *   IXON: VSTART/VSTOP restart/stop output (IXANY: any byte restarts);
 *   ISTRIP; ISIG: VINTR, VQUIT, VSUSP raise SIGINT, SIGQUIT, SIGTSTP (bits
 *   in tty->sigs, sent by the caller after tty_lock is dropped), flush
 *   the input unless NOFLSH and echo the character; IGNCR, ICRNL, INLCR;
 *   ICANON: VERASE (erase a byte; with IEXTEN and VERASE at its default
 *   DEL, ^H erases too -- a Kestrel extension for terminals whose
 *   backspace key sends ^H), VWERASE (a word, IEXTEN), VKILL (the
 *   line), VLNEXT (next byte literal, IEXTEN), VREPRINT (IEXTEN), and the
 *   line ends NL, VEOL, VEOL2 (IEXTEN), VEOF (a line end that read(2)
 *   does not return: 0 bytes at the start of a line). Echo: ECHO, ECHOCTL
 *   (control bytes as ^X), ECHOE (erase as "\b \b"), ECHOK/ECHOKE (kill
 *   visibly), ECHONL (NL even without ECHO). Echo goes through OPOST.
 * Output (n_tty_output): OPOST with ONLCR, OCRNL, ONOCR, ONLRET, OLCUC,
 *   XTABS; the output column is tracked for tab erasure.
 *
 * Buffer: N_TTY_BUF_SIZE bytes; in canonical mode one byte is kept for a
 * line end, so a full line can always be ended; other bytes that do not
 * fit are dropped (Linux rings the bell; here they just go).
 *
 * Locks: every function runs with tty_lock held (the caller takes it) and
 * does not sleep; ops->write is called under it. Pure otherwise: the host
 * unit test builds this file.
 */
#include <lib/string.h>
#include <tty/tty.h>

#define NSIG_INT  2
#define NSIG_QUIT 3
#define NSIG_TSTP 20

#define BUF_MASK (N_TTY_BUF_SIZE - 1u)
_Static_assert((N_TTY_BUF_SIZE & BUF_MASK) == 0, "N_TTY_BUF_SIZE is a power of two");

static bool L(const struct tty *tty, unsigned int f) { return tty->termios.c_lflag & f; }
static bool I(const struct tty *tty, unsigned int f) { return tty->termios.c_iflag & f; }

/* Is c the (enabled: non-zero) control character at index idx? */
static bool is_cc(const struct tty *tty, unsigned int idx, unsigned char c)
{
	unsigned char cc = tty->termios.c_cc[idx];

	return cc != 0 && cc == c;
}

static bool is_ctrl(unsigned char c) { return c < 0x20 || c == 0x7f; }
static bool is_word(unsigned char c)
{
	return c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* ---------------------------------------------------------------- output */

/* Bytes on their way to ops->write, in batches. */
struct out {
	struct tty *tty;
	size_t n;
	char b[128];
};

static void out_flush(struct out *o)
{
	if (o->n)
		o->tty->ops->write(o->tty, o->b, o->n);
	o->n = 0;
}

static void out_raw(struct out *o, char c)
{
	if (o->n == sizeof(o->b))
		out_flush(o);
	o->b[o->n++] = c;
}

/* One byte through OPOST, keeping tty->column. */
static void out_post(struct out *o, unsigned char c)
{
	struct tty *tty = o->tty;
	unsigned int of = tty->termios.c_oflag;

	if (!(of & OPOST)) {
		out_raw(o, (char)c);
		return;
	}
	switch (c) {
	case '\n':
		if (of & ONLCR) {
			out_raw(o, '\r');
			tty->column = 0;
		} else if (of & ONLRET) {
			tty->column = 0;
		}
		break;
	case '\r':
		if ((of & ONOCR) && tty->column == 0)
			return;
		if (of & OCRNL) {
			c = '\n';
			if (of & ONLRET)
				tty->column = 0;
			break;
		}
		tty->column = 0;
		break;
	case '\t': {
		u32 spaces = 8 - (tty->column & 7);

		tty->column += spaces;
		if ((of & TABDLY) == XTABS) {
			while (spaces--)
				out_raw(o, ' ');
			return;
		}
		break;
	}
	case '\b':
		if (tty->column > 0)
			tty->column--;
		break;
	default:
		if (!is_ctrl(c)) {
			if ((of & OLCUC) && c >= 'a' && c <= 'z')
				c = (unsigned char)(c - 'a' + 'A');
			tty->column++;
		}
	}
	out_raw(o, (char)c);
}

void n_tty_output(struct tty *tty, const char *buf, size_t n)
{
	struct out o = { .tty = tty };

	for (size_t i = 0; i < n; i++)
		out_post(&o, (unsigned char)buf[i]);
	out_flush(&o);
}

/* Echo c as the terminal shows it: ^X for control bytes under ECHOCTL. */
static void echo_char(struct out *o, unsigned char c)
{
	if (L(o->tty, ECHOCTL) && is_ctrl(c) && c != '\t' && c != '\n') {
		out_post(o, '^');
		out_post(o, c == 0x7f ? '?' : (unsigned char)(c ^ 0x40));
	} else {
		out_post(o, c);
	}
}

static void echo_erase_cell(struct out *o)
{
	out_post(o, '\b');
	out_post(o, ' ');
	out_post(o, '\b');
}

/* ---------------------------------------------------------------- the buffer */

static u32 used(const struct n_tty *ld) { return ld->read_head - ld->read_tail; }

static void put_byte(struct n_tty *ld, unsigned char c, u8 mark)
{
	ld->buf[ld->read_head & BUF_MASK] = (char)c;
	ld->mark[ld->read_head & BUF_MASK] = mark;
	ld->read_head++;
}

void n_tty_flush_input(struct tty *tty)
{
	struct n_tty *ld = &tty->ldata;

	ld->read_tail = ld->canon_head = ld->read_head;
	ld->lnext = false;
}

/* ---------------------------------------------------------------- canonical editing */

/* The column the edited line's end would be at if echoed again (for tab erasure). */
static u32 line_column(const struct tty *tty)
{
	const struct n_tty *ld = &tty->ldata;
	u32 col = ld->canon_column;

	for (u32 i = ld->canon_head; i != ld->read_head; i++) {
		unsigned char c = (unsigned char)ld->buf[i & BUF_MASK];

		if (c == '\t')
			col = (col | 7) + 1;
		else if (is_ctrl(c))
			col += L(tty, ECHOCTL) ? 2 : 0;
		else
			col++;
	}
	return col;
}

/* Take the last byte of the edited line back off the screen (it is already out of the buffer). */
static void echo_rubout(struct out *o, unsigned char c)
{
	struct tty *tty = o->tty;

	if (c == '\t') {
		u32 col = line_column(tty);

		while (tty->column > col)
			out_post(o, '\b');
		return;
	}
	if (is_ctrl(c) && L(tty, ECHOCTL))
		echo_erase_cell(o);
	if (!is_ctrl(c) || L(tty, ECHOCTL))
		echo_erase_cell(o);
}

enum erase_kind { ERASE_CHAR, ERASE_WORD, ERASE_LINE };

/* VERASE, VWERASE, VKILL on the edited line; c is the key, for the echo. */
static void n_tty_erase(struct out *o, unsigned char c, enum erase_kind kind)
{
	struct tty *tty = o->tty;
	struct n_tty *ld = &tty->ldata;
	unsigned int alnums = 0;

	if (ld->read_head == ld->canon_head)
		return;
	if (kind == ERASE_LINE && (!L(tty, ECHO) || !L(tty, ECHOK) || !L(tty, ECHOKE) ||
				   !L(tty, ECHOE))) {
		ld->read_head = ld->canon_head;
		if (L(tty, ECHO)) {
			echo_char(o, c);
			if (L(tty, ECHOK))
				out_post(o, '\n');
		}
		return;
	}
	while (ld->read_head != ld->canon_head) {
		unsigned char prev = (unsigned char)ld->buf[(ld->read_head - 1) & BUF_MASK];

		if (kind == ERASE_WORD) {
			if (is_word(prev))
				alnums++;
			else if (alnums)
				break;
		}
		ld->read_head--;
		if (L(tty, ECHO)) {
			if (kind == ERASE_CHAR && !L(tty, ECHOE))
				echo_char(o, c);
			else
				echo_rubout(o, prev);
		}
		if (kind == ERASE_CHAR)
			break;
	}
}

/* VREPRINT: the key, a new line, and the edited line again. */
static void n_tty_reprint(struct out *o, unsigned char c)
{
	struct n_tty *ld = &o->tty->ldata;

	echo_char(o, c);
	out_post(o, '\n');
	ld->canon_column = o->tty->column;
	for (u32 i = ld->canon_head; i != ld->read_head; i++)
		echo_char(o, (unsigned char)ld->buf[i & BUF_MASK]);
}

/* End the edited line with c (mark: EOL, or EOL|EOF for VEOF). */
static void end_line(struct tty *tty, unsigned char c, u8 mark)
{
	struct n_tty *ld = &tty->ldata;

	if (used(ld) >= N_TTY_BUF_SIZE)
		return;
	put_byte(ld, c, mark);
	ld->canon_head = ld->read_head;
}

/* A canonical-mode special byte; true if it was consumed. */
static bool canon_special(struct out *o, unsigned char c)
{
	struct tty *tty = o->tty;
	bool ext = L(tty, IEXTEN);

	if (is_cc(tty, VERASE, c) || (c == '\b' && ext && tty->termios.c_cc[VERASE] == 0x7f)) {
		n_tty_erase(o, c, ERASE_CHAR);
	} else if (is_cc(tty, VKILL, c)) {
		n_tty_erase(o, c, ERASE_LINE);
	} else if (ext && is_cc(tty, VWERASE, c)) {
		n_tty_erase(o, c, ERASE_WORD);
	} else if (ext && is_cc(tty, VLNEXT, c)) {
		tty->ldata.lnext = true;
		if (L(tty, ECHO) && L(tty, ECHOCTL)) {
			out_post(o, '^');
			out_post(o, '\b');
		}
	} else if (ext && is_cc(tty, VREPRINT, c) && L(tty, ECHO)) {
		n_tty_reprint(o, c);
	} else if (c == '\n') {
		if (L(tty, ECHO) || L(tty, ECHONL))
			out_post(o, '\n');
		end_line(tty, c, N_TTY_MARK_EOL);
	} else if (is_cc(tty, VEOF, c)) {
		end_line(tty, c, N_TTY_MARK_EOL | N_TTY_MARK_EOF);
	} else if (is_cc(tty, VEOL, c) || (ext && is_cc(tty, VEOL2, c))) {
		if (L(tty, ECHO))
			echo_char(o, c);
		end_line(tty, c, N_TTY_MARK_EOL);
	} else {
		return false;
	}
	return true;
}

/* ---------------------------------------------------------------- input */

/* A signal character: flush (unless NOFLSH), echo it, raise sig. */
static void n_tty_isig(struct out *o, unsigned char c, int sig)
{
	struct tty *tty = o->tty;

	if (!L(tty, NOFLSH))
		n_tty_flush_input(tty);
	if (I(tty, IXON))
		tty->stopped = false;
	if (L(tty, ECHO))
		echo_char(o, c);
	tty->sigs |= 1u << sig;
}

/* Flow control and signal characters; true if c was consumed. */
static bool control_char(struct out *o, unsigned char c)
{
	struct tty *tty = o->tty;

	if (I(tty, IXON)) {
		if (is_cc(tty, VSTART, c)) {
			tty->stopped = false;
			return true;
		}
		if (is_cc(tty, VSTOP, c)) {
			tty->stopped = true;
			return true;
		}
		if (I(tty, IXANY))
			tty->stopped = false;
	}
	if (!L(tty, ISIG))
		return false;
	if (is_cc(tty, VINTR, c))
		n_tty_isig(o, c, NSIG_INT);
	else if (is_cc(tty, VQUIT, c))
		n_tty_isig(o, c, NSIG_QUIT);
	else if (is_cc(tty, VSUSP, c))
		n_tty_isig(o, c, NSIG_TSTP);
	else
		return false;
	return true;
}

/* An ordinary byte into the buffer, echoed. */
static void put_input(struct out *o, unsigned char c)
{
	struct tty *tty = o->tty;
	struct n_tty *ld = &tty->ldata;
	u32 room = L(tty, ICANON) ? N_TTY_BUF_SIZE - 1 : N_TTY_BUF_SIZE;

	if (used(ld) >= room)
		return;
	if (L(tty, ICANON) && ld->read_head == ld->canon_head)
		ld->canon_column = tty->column;
	if (L(tty, ECHO))
		echo_char(o, c);
	put_byte(ld, c, 0);
}

static void receive_byte(struct out *o, unsigned char c)
{
	struct tty *tty = o->tty;

	if (I(tty, ISTRIP))
		c &= 0x7f;
	if (tty->ldata.lnext) {
		tty->ldata.lnext = false;
		put_input(o, c);   /* its echo overwrites the "^" shown for VLNEXT */
		return;
	}
	if (control_char(o, c))
		return;
	if (c == '\r') {
		if (I(tty, IGNCR))
			return;
		if (I(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I(tty, INLCR)) {
		c = '\r';
	}
	if (L(tty, ICANON) && canon_special(o, c))
		return;
	put_input(o, c);
}

void n_tty_receive(struct tty *tty, const char *buf, size_t n)
{
	struct out o = { .tty = tty };

	for (size_t i = 0; i < n; i++)
		receive_byte(&o, (unsigned char)buf[i]);
	out_flush(&o);
}

/* ---------------------------------------------------------------- reading */

bool n_tty_readable(const struct tty *tty)
{
	const struct n_tty *ld = &tty->ldata;

	return L(tty, ICANON) ? ld->canon_head != ld->read_tail : ld->read_head != ld->read_tail;
}

u32 n_tty_unread(const struct tty *tty)
{
	const struct n_tty *ld = &tty->ldata;

	return (L(tty, ICANON) ? ld->canon_head : ld->read_head) - ld->read_tail;
}

/* Canonical: up to n bytes of the first line; its end stops the copy. */
static size_t canon_read(struct n_tty *ld, char *buf, size_t n, bool *eof)
{
	size_t got = 0;

	while (got < n && ld->read_tail != ld->canon_head) {
		u32 i = ld->read_tail & BUF_MASK;
		u8 mark = ld->mark[i];

		ld->read_tail++;
		if (mark & N_TTY_MARK_EOF) {
			*eof = got == 0;
			break;
		}
		buf[got++] = ld->buf[i];
		if (mark & N_TTY_MARK_EOL)
			break;
	}
	return got;
}

size_t n_tty_read(struct tty *tty, char *buf, size_t n, bool *eof)
{
	struct n_tty *ld = &tty->ldata;
	size_t got = 0;

	*eof = false;
	if (L(tty, ICANON))
		return canon_read(ld, buf, n, eof);
	while (got < n && ld->read_tail != ld->read_head)
		buf[got++] = ld->buf[ld->read_tail++ & BUF_MASK];
	return got;
}

void n_tty_termios_changed(struct tty *tty, const struct termios *old)
{
	struct n_tty *ld = &tty->ldata;

	if (!((old->c_lflag ^ tty->termios.c_lflag) & ICANON))
		return;
	memset(ld->mark, 0, sizeof(ld->mark));
	ld->lnext = false;
	if (L(tty, ICANON) && used(ld)) {
		/* what raw mode left unread becomes one line, as on Linux */
		ld->mark[(ld->read_head - 1) & BUF_MASK] = N_TTY_MARK_EOL;
		ld->canon_head = ld->read_head;
	} else {
		ld->canon_head = ld->read_tail;
	}
}
