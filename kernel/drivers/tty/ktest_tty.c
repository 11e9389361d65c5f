/*
 * Self-tests of the tty layer (ktest=boot): a tty whose driver writes into
 * a buffer, fed with tty_receive() and read with tty_read_buf(), so the
 * line discipline runs without the UART: canonical editing, VMIN/VTIME
 * (all four cases, with a feeder thread), echo and translation flags,
 * output processing, and ISIG signalling a real process group (a kernel
 * thread made a process; the shim's SIGINT ends it).
 */
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <lib/string.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <tty/tty.h>

static struct tty ttest;
static char out[2048];     /* [ttest.lock] what the "device" was sent */
static size_t outlen;      /* [ttest.lock] */

static void test_write(struct tty *tty, const char *buf, size_t n)
{
	(void)tty;
	if (n > sizeof(out) - outlen)
		n = sizeof(out) - outlen;
	memcpy(out + outlen, buf, n);
	outlen += n;
}

static const struct tty_operations test_ops = { .write = test_write };

/* A fresh test tty (default termios) with an empty output buffer. */
static struct tty *fresh(void)
{
	memset(&ttest, 0, sizeof(ttest));
	tty_init(&ttest, "ttytest", &test_ops, NULL);
	outlen = 0;
	return &ttest;
}

static void feed(const char *s) { tty_receive(&ttest, s, strlen(s)); }

/* Is the output exactly want? (Then forget it.) */
static bool out_is(const char *want)
{
	bool ok;

	spin_lock(&ttest.lock);
	ok = outlen == strlen(want) && memcmp(out, want, outlen) == 0;
	out[outlen < sizeof(out) ? outlen : sizeof(out) - 1] = 0;
	outlen = 0;
	spin_unlock(&ttest.lock);
	return ok;
}

static void out_clear(void)
{
	spin_lock(&ttest.lock);
	outlen = 0;
	spin_unlock(&ttest.lock);
}

/* A non-blocking read must give exactly want (NULL: -EAGAIN). */
static const char *read_is(const char *want)
{
	static char buf[256];
	ssize_t n = tty_read_buf(&ttest, buf, sizeof(buf) - 1, true);

	if (!want)
		return n == -EAGAIN ? NULL : ktest_fail("read %ld, want -EAGAIN", (long)n);
	if (n < 0)
		return ktest_fail("read %ld, want '%s'", (long)n, want);
	buf[n] = 0;
	return strcmp(buf, want) == 0 ? NULL : ktest_fail("read '%s', want '%s'", buf, want);
}

static void set_lflag(unsigned int on, unsigned int off)
{
	struct termios old = ttest.termios;

	spin_lock(&ttest.lock);
	ttest.termios.c_lflag = (ttest.termios.c_lflag | on) & ~off;
	n_tty_termios_changed(&ttest, &old);
	spin_unlock(&ttest.lock);
}

#define CHECK(cond, ...) do { if (!(cond)) return ktest_fail(__VA_ARGS__); } while (0)
#define READ_IS(want) do { const char *why_ = read_is(want); if (why_) return why_; } while (0)

KTEST(tty_canonical_editing)
{
	fresh();
	feed("abc");
	READ_IS(NULL);   /* no line yet */
	feed("\x7f" "d\r");
	READ_IS("abd\n");
	CHECK(out_is("abc\b \bd\r\n"), "erase echo: '%s'", out);
	feed("foo bar\x17" "baz\n");
	READ_IS("foo baz\n");
	CHECK(out_is("foo bar\b \b\b \b\b \bbaz\r\n"), "werase echo: '%s'", out);
	feed("xyz\x15" "ok\n");
	READ_IS("ok\n");
	CHECK(out_is("xyz\b \b\b \b\b \bok\r\n"), "kill echo (ECHOKE): '%s'", out);
	feed("a\bb\n");   /* ^H erases too while VERASE is DEL */
	READ_IS("b\n");
	feed("l1\nl2\n");   /* a read returns one line */
	READ_IS("l1\n");
	READ_IS("l2\n");
	feed("hi\x04");     /* VEOF ends a line without a newline... */
	READ_IS("hi");
	feed("\x04");       /* ...and at the start of a line reads as end of file */
	READ_IS("");
	out_clear();
	feed("\x01\t\x7f\x16\x03x\n");   /* ^A, a tab erased, ^V^C literal */
	READ_IS("\x01\x03x\n");
	CHECK(out_is("^A\t\b\b\b\b^\b^Cx\r\n"), "ctl echo (from column 2, after \"hi\"): '%s'", out);
	return NULL;
}

KTEST(tty_echo_and_translation)
{
	struct tty *t = fresh();

	set_lflag(ECHONL, ECHO);
	feed("sec\n");
	READ_IS("sec\n");
	CHECK(out_is("\r\n"), "ECHONL without ECHO: '%s'", out);
	set_lflag(ECHO, ECHOCTL | ECHONL);
	feed("\x02\n");
	READ_IS("\x02\n");
	CHECK(out_is("\x02\r\n"), "no ECHOCTL: '%s'", out);
	t->termios.c_iflag = IGNCR;
	feed("a\rb\n");
	READ_IS("ab\n");
	out_clear();
	t->termios.c_iflag = INLCR;
	set_lflag(0, ICANON | ECHO);
	feed("x\n");
	READ_IS("x\r");
	t->termios.c_oflag = OPOST | ONLCR;
	tty_write_buf(t, "a\nb", 3, false);
	CHECK(out_is("a\r\nb"), "ONLCR: '%s'", out);
	t->termios.c_oflag = OPOST | ONOCR;
	tty_write_buf(t, "\r\r", 2, false);   /* column 1: one CR; at column 0: none */
	CHECK(out_is("\r"), "ONOCR: '%s'", out);
	t->termios.c_oflag = OPOST | OCRNL;
	tty_write_buf(t, "z\r", 2, false);
	CHECK(out_is("z\n"), "OCRNL: '%s'", out);
	t->termios.c_oflag = ONLCR;   /* no OPOST: raw */
	tty_write_buf(t, "q\n", 2, false);
	CHECK(out_is("q\n"), "raw output: '%s'", out);
	return NULL;
}

/* ---------------------------------------------------------------- VMIN/VTIME */

struct feeder {
	unsigned int delay_ms;
	const char *bytes;
};

static int feeder_fn(void *arg)
{
	struct feeder *f = arg;

	msleep(f->delay_ms);
	feed(f->bytes);
	return 0;
}

/* Read (blocking) n bytes while a thread feeds f->bytes after its delay; the ms it took in *ms. */
static ssize_t timed_read(char *buf, size_t n, struct feeder *f, u64 *ms)
{
	struct task *t = f ? kthread_run(feeder_fn, f, "ktest-tty") : NULL;
	u64 start = ktime_get_ns();
	ssize_t got;

	if (IS_ERR(t))
		return PTR_ERR(t);
	got = tty_read_buf(&ttest, buf, n, false);
	*ms = (ktime_get_ns() - start) / 1000000;
	if (t)
		kthread_join(t);
	return got;
}

static void set_min_time(unsigned char min, unsigned char time)
{
	spin_lock(&ttest.lock);
	ttest.termios.c_cc[VMIN] = min;
	ttest.termios.c_cc[VTIME] = time;
	spin_unlock(&ttest.lock);
}

KTEST(tty_vmin_vtime)
{
	struct feeder f = { .delay_ms = 50, .bytes = "c" };
	char buf[16];
	ssize_t n;
	u64 ms;

	fresh();
	set_lflag(0, ICANON | ECHO);
	set_min_time(0, 0);   /* polling read */
	n = tty_read_buf(&ttest, buf, sizeof(buf), false);
	CHECK(n == 0, "MIN 0 TIME 0, no input: %ld", (long)n);
	feed("ab");
	n = tty_read_buf(&ttest, buf, sizeof(buf), false);
	CHECK(n == 2, "MIN 0 TIME 0: %ld", (long)n);

	set_min_time(3, 0);   /* blocks for 3 bytes */
	feed("ab");
	n = timed_read(buf, sizeof(buf), &f, &ms);
	CHECK(n == 3 && memcmp(buf, "abc", 3) == 0, "MIN 3 TIME 0: %ld", (long)n);
	CHECK(ms >= 40, "MIN 3 TIME 0 returned after %llu ms", (unsigned long long)ms);

	set_min_time(0, 2);   /* a 200 ms read timer */
	n = timed_read(buf, sizeof(buf), NULL, &ms);
	CHECK(n == 0 && ms >= 150 && ms < 2000, "MIN 0 TIME 2: %ld after %llu ms", (long)n,
	      (unsigned long long)ms);
	n = timed_read(buf, sizeof(buf), &f, &ms);
	CHECK(n == 1 && ms < 150, "MIN 0 TIME 2 with a byte at 50 ms: %ld after %llu ms", (long)n,
	      (unsigned long long)ms);

	set_min_time(5, 1);   /* 100 ms between bytes once one came */
	feed("xy");
	n = timed_read(buf, sizeof(buf), NULL, &ms);
	CHECK(n == 2 && ms >= 60 && ms < 2000, "MIN 5 TIME 1: %ld after %llu ms", (long)n,
	      (unsigned long long)ms);
	n = timed_read(buf, 1, &f, &ms);   /* MIN is capped by the count */
	CHECK(n == 1 && buf[0] == 'c', "MIN 5 TIME 1, count 1: %ld", (long)n);
	return NULL;
}

/* ---------------------------------------------------------------- ISIG */

struct victim {
	int pgrp;             /* [a] its process group, once a process */
	bool saw_signal;
};

/* A process that waits (up to 5 s) for a signal. */
static int victim_fn(void *arg)
{
	struct victim *v = arg;
	u64 deadline = ktime_get_ns() + 5000000000ull;

	if (proc_become_user())
		return 100;
	WRITE_ONCE(v->pgrp, current->proc->pgid);
	while (!signal_pending(current) && ktime_get_ns() < deadline)
		msleep(2);
	v->saw_signal = signal_pending(current);
	do_exit(wait_status_exited(v->saw_signal));   /* a killed process's status is the signal */
}

KTEST(tty_isig_signals_foreground_group)
{
	struct victim v = { 0 };
	struct task *t;
	int status;

	fresh();
	feed("junk");
	feed("\x1c");   /* ^\ with nobody in the foreground: flushes, echoes, signals no one */
	READ_IS(NULL);
	CHECK(out_is("junk^\\"), "VQUIT echo: '%s'", out);
	t = kthread_run(victim_fn, &v, "ktest-tty-victim");
	if (IS_ERR(t))
		return "kthread_run";
	while (!READ_ONCE(v.pgrp))
		msleep(1);
	spin_lock(&ttest.lock);
	ttest.pgrp = v.pgrp;
	spin_unlock(&ttest.lock);
	set_lflag(NOFLSH, 0);
	feed("keep");
	feed("\x03");
	status = kthread_join(t);
	/* the shim kills with SIGINT (status 2); real signals leave it pending (exit 1) */
	CHECK(v.saw_signal && (status == 2 || status == 0x100), "victim: status %#x", status);
	CHECK(out_is("keep^C"), "VINTR echo: '%s'", out);
	feed("\n");
	READ_IS("keep\n");   /* NOFLSH kept the line */
	return NULL;
}
