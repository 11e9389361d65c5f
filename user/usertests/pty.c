/*
 * usertests: pseudo-terminals, the way to type at a line discipline from
 * a program: canonical editing and echo, VMIN/VTIME, ^C to the
 * foreground group, hang-up on either side's close, termios and window
 * size through the master, and a large transfer with flow control. They
 * run on a Linux host too (its /dev/ptmx): the reference for Kestrel's.
 *
 * The slave is opened with TIOCGPTPEER (no /dev/pts in Kestrel).
 */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "usertests.h"

#ifndef TIOCGPTPEER
#define TIOCGPTPEER 0x5441
#endif

/* A new pair: *m the master, the slave returned (both O_NOCTTY). */
static int pty_pair(int *m)
{
	int unlock = 0, n = -1, s;

	*m = CHECK_SYS(open("/dev/ptmx", O_RDWR | O_NOCTTY));
	CHECK_SYS(ioctl(*m, TIOCGPTN, &n));
	CHECK(n >= 0);
	CHECK_SYS(ioctl(*m, TIOCSPTLCK, &unlock));
	s = CHECK_SYS(ioctl(*m, TIOCGPTPEER, O_RDWR | O_NOCTTY));
	CHECK(isatty(s));
	return s;
}

/* Read exactly len bytes from fd (waiting up to 5 s in all); compare with want. */
static void expect_bytes(int fd, const char *want, size_t len)
{
	char buf[512];
	size_t got = 0;

	CHECK(len <= sizeof(buf));
	while (got < len) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (CHECK_SYS(poll(&p, 1, 5000)) == 0)
			FAIL("timed out after %zu of %zu bytes", got, len);
		n = CHECK_SYS(read(fd, buf + got, len - got));
		CHECK(n > 0);
		got += (size_t)n;
	}
	if (memcmp(buf, want, len) != 0)
		FAIL("read %.*s, expected %.*s", (int)len, buf, (int)len, want);
}

#define EXPECT(fd, lit) expect_bytes(fd, lit, sizeof(lit) - 1)

static void write_all(int fd, const char *s)
{
	CHECK_EQ(write(fd, s, strlen(s)), (ssize_t)strlen(s));
}

UTEST(pty_canonical, 0, NULL)
{
	int m, s = pty_pair(&m);
	char buf[64];

	write_all(m, "abc\x7f" "d\r");
	EXPECT(s, "abd\n");
	EXPECT(m, "abc\b \bd\r\n");   /* the echo */
	write_all(m, "foo bar\x17" "baz\n");
	EXPECT(s, "foo baz\n");
	write_all(m, "xyz\x15" "ok\n");
	EXPECT(s, "ok\n");
	write_all(m, "l1\nl2\n");
	CHECK_EQ(read(s, buf, sizeof(buf)), 3);   /* one line per read */
	CHECK(memcmp(buf, "l1\n", 3) == 0);
	CHECK_EQ(read(s, buf, sizeof(buf)), 3);
	write_all(m, "hi\x04");
	CHECK_EQ(read(s, buf, sizeof(buf)), 2);   /* VEOF: the line without a newline */
	write_all(m, "\x04");
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);   /* at the start of a line: end of file */
	write_all(s, "out\n");                   /* the slave's output, ONLCR */
	/* the rest of the echo (VEOF is not echoed), then the output */
	EXPECT(m, "foo bar\b \b\b \b\b \bbaz\r\nxyz\b \b\b \b\b \bok\r\nl1\r\nl2\r\nhiout\r\n");
	CHECK_SYS(close(s));
	CHECK_SYS(close(m));
}

static long ms_since(uint64_t t0)
{
	return (long)((ulib_now_ns() - t0) / 1000000);
}

UTEST(pty_vmin_vtime, 0, NULL)
{
	int m, s = pty_pair(&m);
	struct termios t;
	char buf[16];
	uint64_t t0;

	CHECK_SYS(tcgetattr(s, &t));
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 0;
	t.c_cc[VTIME] = 0;
	CHECK_SYS(tcsetattr(s, TCSANOW, &t));
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);   /* MIN 0 TIME 0: at once */
	t.c_cc[VTIME] = 2;
	CHECK_SYS(tcsetattr(s, TCSANOW, &t));
	t0 = ulib_now_ns();
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);   /* MIN 0 TIME 2: 0 after 0.2 s */
	CHECK(ms_since(t0) >= 150 && ms_since(t0) < 3000);
	t.c_cc[VMIN] = 3;
	t.c_cc[VTIME] = 0;
	CHECK_SYS(tcsetattr(s, TCSANOW, &t));
	write_all(m, "abc");
	CHECK_EQ(read(s, buf, sizeof(buf)), 3);   /* MIN 3 */
	t.c_cc[VMIN] = 5;
	t.c_cc[VTIME] = 1;
	CHECK_SYS(tcsetattr(s, TCSANOW, &t));
	write_all(m, "xy");
	t0 = ulib_now_ns();
	CHECK_EQ(read(s, buf, sizeof(buf)), 2);   /* MIN 5 TIME 1: the inter-byte timer ends it */
	CHECK(ms_since(t0) < 3000);
	CHECK_SYS(close(s));
	CHECK_SYS(close(m));
}

UTEST(pty_intr_kills_foreground, 0, NULL)
{
	int m, s = pty_pair(&m), ready[2], status;
	uint64_t t0;
	pid_t pid;
	char c;

	CHECK_SYS(pipe(ready));
	pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(setsid());
		CHECK_SYS(ioctl(s, TIOCSCTTY, 0));
		CHECK_EQ(tcgetpgrp(s), getpid());
		CHECK_EQ(write(ready[1], "r", 1), 1);
		sleep(10);
		_exit(0);
	}
	CHECK_EQ(read(ready[0], &c, 1), 1);
	CHECK_EQ(tcgetpgrp(m), pid);   /* through the master: the slave's group */
	t0 = ulib_now_ns();
	write_all(m, "\x03");
	CHECK_SYS(waitpid(pid, &status, 0));
	ut_note("^C written to the master until the foreground process was reaped: %llu us",
		(unsigned long long)((ulib_now_ns() - t0) / 1000));
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
	EXPECT(m, "^C");
	CHECK_SYS(close(ready[0]));
	CHECK_SYS(close(ready[1]));
	CHECK_SYS(close(s));
	CHECK_SYS(close(m));
}

UTEST(pty_hangup, 0, NULL)
{
	int m, s = pty_pair(&m);
	char c;

	CHECK_SYS(close(s));
	CHECK_ERR(read(m, &c, 1), EIO);          /* the slave is gone */
	CHECK_SYS(close(m));
	s = pty_pair(&m);
	CHECK_SYS(close(m));
	CHECK_EQ(read(s, &c, 1), 0);             /* the master is gone: end of file */
	CHECK_ERR(write(s, "x", 1), EIO);
	CHECK_SYS(close(s));
}

UTEST(pty_termios_through_master, 0, NULL)
{
	int m, s = pty_pair(&m);
	struct winsize ws = { .ws_row = 33, .ws_col = 101 }, got;
	struct termios a, b;
	int pending = -1;

	CHECK_SYS(ioctl(m, TIOCSWINSZ, &ws));
	CHECK_SYS(ioctl(s, TIOCGWINSZ, &got));
	CHECK_EQ(got.ws_row * 1000 + got.ws_col, 33101);
	CHECK_SYS(tcgetattr(s, &a));
	a.c_lflag &= ~(tcflag_t)ECHO;
	CHECK_SYS(tcsetattr(m, TCSANOW, &a));
	CHECK_SYS(tcgetattr(s, &b));
	CHECK_EQ(b.c_lflag & ECHO, 0);
	write_all(m, "quiet\n");
	EXPECT(s, "quiet\n");
	CHECK_SYS(ioctl(m, FIONREAD, &pending));   /* no echo came back */
	CHECK_EQ(pending, 0);
	CHECK_SYS(close(s));
	CHECK_SYS(close(m));
}

UTEST(pty_flow_control, 0, NULL)
{
	enum { TOTAL = 20000 };
	int m, s = pty_pair(&m);
	struct termios t;
	size_t got = 0;
	pid_t pid;

	CHECK_SYS(tcgetattr(s, &t));
	cfmakeraw(&t);
	CHECK_SYS(tcsetattr(s, TCSANOW, &t));
	pid = ut_fork();
	if (pid == 0) {
		char buf[1000];

		for (size_t i = 0; i < sizeof(buf); i++)
			buf[i] = (char)('a' + i % 26);
		for (int i = 0; i < TOTAL / (int)sizeof(buf); i++)
			CHECK_EQ(write(m, buf, sizeof(buf)), (ssize_t)sizeof(buf));
		_exit(0);
	}
	while (got < TOTAL) {
		char buf[700];
		ssize_t n = CHECK_SYS(read(s, buf, sizeof(buf)));

		for (ssize_t i = 0; i < n; i++)
			CHECK_EQ(buf[i], 'a' + (got + (size_t)i) % 1000 % 26);
		got += (size_t)n;
	}
	ut_wait_ok(pid);
	CHECK_SYS(close(s));
	CHECK_SYS(close(m));
}
