/*
 * usertests: pipes, FIFOs, poll/ppoll/select and sendfile (docs/pipes.md).
 *
 * Big transfers with a position-dependent pattern between processes,
 * PIPE_BUF atomicity with 8 writers, SIGPIPE/EPIPE, O_NONBLOCK at both
 * ends, EOF, F_SETPIPE_SZ/F_GETPIPE_SZ, FIONREAD/FIONBIO, poll readiness
 * (IN, OUT, HUP, ERR, NVAL), wake-ups and timeouts, FIFOs between two
 * processes with Linux's open rules (blocking, ENXIO, O_RDWR), and
 * sendfile from a file to a pipe and to a file, and SIGKILL of processes
 * blocked in a pipe read, a pipe write and a FIFO open.
 *
 * EPIPE as a return value needs SIGPIPE ignored, which needs rt_sigaction:
 * where that is missing (Kestrel before the signals issue) the EPIPE half
 * is noted as not run and only the death by SIGPIPE is checked.
 */
#include "usertests.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MiB (1024 * 1024)

static void pipe_ok(int fds[2], int flags)
{
	if (pipe2(fds, flags) < 0)
		FAIL("pipe2(0x%x): %s", flags, ulib_errname(errno));
}

/* The byte at stream position i of the transfer pattern. */
static unsigned char pat(uint64_t i)
{
	uint64_t x = i * 0x9e3779b97f4a7c15ull;

	return (unsigned char)((x >> 29) ^ (i >> 12));
}

static uint64_t now_ns(void)
{
	return ulib_now_ns();
}

UTEST(pipe_basic, 0, NULL)
{
	int a[2], b[2];
	struct stat s0, s1, s2;
	char buf[16];

	pipe_ok(a, 0);
	pipe_ok(b, O_CLOEXEC | O_NONBLOCK);
	CHECK_EQ(fcntl(b[0], F_GETFD), FD_CLOEXEC);
	CHECK(fcntl(b[1], F_GETFL) & O_NONBLOCK);
	CHECK_EQ(fcntl(a[0], F_GETFL) & O_ACCMODE, O_RDONLY);
	CHECK_EQ(fcntl(a[1], F_GETFL) & O_ACCMODE, O_WRONLY);
	CHECK_SYS(fstat(a[0], &s0));
	CHECK_SYS(fstat(a[1], &s1));
	CHECK_SYS(fstat(b[0], &s2));
	CHECK(S_ISFIFO(s0.st_mode));
	CHECK_EQ(s0.st_mode & 0777, 0600);
	CHECK_EQ(s0.st_size, 0);
	CHECK_EQ(s0.st_ino, s1.st_ino);
	CHECK_EQ(s0.st_dev, s1.st_dev);
	CHECK(s0.st_ino != s2.st_ino);
	CHECK_EQ(write(a[1], "hello", 5), 5);
	CHECK_SYS(fstat(a[0], &s0));
	CHECK_EQ(s0.st_size, 0);
	CHECK_EQ(read(a[0], buf, 2), 2);
	CHECK_EQ(read(a[0], buf + 2, sizeof(buf) - 2), 3);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK_ERR(lseek(a[0], 0, SEEK_SET), ESPIPE);
	CHECK_ERR(pread(a[0], buf, 1, 0), ESPIPE);
	CHECK_ERR(write(a[0], "x", 1), EBADF);
	CHECK_ERR(read(a[1], buf, 1), EBADF);
	CHECK_ERR(pipe2(a, O_APPEND), EINVAL);
	CHECK_ERR(syscall(SYS_pipe2, ut_ptr(8), 0), EFAULT);
	CHECK_EQ(write(a[1], "", 0), 0);
	CHECK_EQ(read(b[0], buf, 0), 0);
	for (int i = 0; i < 2; i++) {
		CHECK_SYS(close(a[i]));
		CHECK_SYS(close(b[i]));
	}
}

UTEST(pipe_eof, 0, NULL)
{
	int p[2];
	char buf[8];
	pid_t pid;

	pipe_ok(p, 0);
	CHECK_EQ(write(p[1], "abc", 3), 3);
	CHECK_SYS(close(p[1]));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 3);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
	CHECK_SYS(close(p[0]));

	/* a reader blocked on an empty pipe wakes with 0 when the last writer closes */
	pipe_ok(p, 0);
	pid = ut_fork();
	if (pid == 0) {
		close(p[0]);
		ut_spin_ns(30 * 1000000ull);
		_exit(0);   /* closes the only other write end */
	}
	CHECK_SYS(close(p[1]));
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 0);
	ut_wait_ok(pid);
	CHECK_SYS(close(p[0]));
}

/* Writer child: total bytes of the pattern in chunks of varying size. */
static void big_writer(int fd, size_t total)
{
	static unsigned char buf[200000];
	size_t done = 0, sizes[] = { 1, 4096, 65536, 100000, 7, 200000, 4095, 131072 };

	for (int k = 0; done < total; k++) {
		size_t n = sizes[k % 8];

		if (n > total - done)
			n = total - done;
		for (size_t i = 0; i < n; i++)
			buf[i] = pat(done + i);
		ut_write_all(fd, buf, n);
		done += n;
	}
}

UTEST(pipe_big_transfer, 0, NULL)
{
	static unsigned char buf[150000];
	size_t total = 16 * MiB, got = 0, sizes[] = { 150000, 1, 4096, 65536, 12345 };
	uint64_t t0 = now_ns();
	int p[2];
	pid_t pid;

	pipe_ok(p, 0);
	pid = ut_fork();
	if (pid == 0) {
		close(p[0]);
		big_writer(p[1], total);
		_exit(0);
	}
	CHECK_SYS(close(p[1]));
	for (int k = 0;; k++) {
		ssize_t n = read(p[0], buf, sizes[k % 5]);

		if (n < 0)
			FAIL("read: %s", ulib_errname(errno));
		if (n == 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] != pat(got + (size_t)i))
				FAIL("byte %zu: 0x%02x, expected 0x%02x", got + (size_t)i, buf[i],
				     pat(got + (size_t)i));
		got += (size_t)n;
	}
	CHECK_EQ(got, total);
	ut_wait_ok(pid);
	CHECK_SYS(close(p[0]));
	ut_note("16 MiB in %llu ms", (unsigned long long)((now_ns() - t0) / 1000000));
}

#define NWRITERS 8
#define NRECORDS 48
#define REC 4096   /* PIPE_BUF <limits.h> */

/* Each record: bytes 0..7 = writer id and sequence, the rest a fill of both. */
static void fill_record(unsigned char *r, int w, int seq)
{
	r[0] = (unsigned char)w;
	r[1] = (unsigned char)seq;
	for (int i = 2; i < REC; i++)
		r[i] = (unsigned char)(w * 31 + seq * 7 + i);
}

UTEST(pipe_atomic_writers, 0, NULL)
{
	static unsigned char stream[NWRITERS * NRECORDS * REC];
	int next_seq[NWRITERS] = { 0 }, p[2];
	size_t got = 0;
	pid_t pids[NWRITERS];

	pipe_ok(p, 0);
	for (int w = 0; w < NWRITERS; w++) {
		pids[w] = ut_fork();
		if (pids[w] == 0) {
			unsigned char r[REC];

			close(p[0]);
			for (int s = 0; s < NRECORDS; s++) {
				fill_record(r, w, s);
				if (write(p[1], r, REC) != REC)
					_exit(3);   /* a PIPE_BUF write is all or nothing */
			}
			_exit(0);
		}
	}
	CHECK_SYS(close(p[1]));
	for (;;) {   /* odd read sizes: records are split across reads, never mixed */
		ssize_t n = read(p[0], stream + got, (sizeof(stream) - got < 3000 ? sizeof(stream) - got : 3000));

		if (n <= 0)
			break;
		got += (size_t)n;
	}
	CHECK_EQ(got, sizeof(stream));
	for (size_t off = 0; off < got; off += REC) {
		unsigned char want[REC];
		int w = stream[off], s = stream[off + 1];

		CHECK(w < NWRITERS);
		CHECK_EQ(s, next_seq[w]);
		fill_record(want, w, s);
		if (memcmp(stream + off, want, REC))
			FAIL("record at %zu (writer %d, seq %d) is mixed with another", off, w, s);
		next_seq[w]++;
	}
	for (int w = 0; w < NWRITERS; w++) {
		ut_wait_ok(pids[w]);
		CHECK_EQ(next_seq[w], NRECORDS);
	}
	CHECK_SYS(close(p[0]));
}

UTEST(pipe_sigpipe, 0, NULL)
{
	int p[2], status;
	pid_t pid;

	/* default disposition: the writer dies of SIGPIPE */
	pipe_ok(p, 0);
	CHECK_SYS(close(p[0]));
	pid = ut_fork();
	if (pid == 0) {
		(void)write(p[1], "x", 1);
		_exit(0);
	}
	status = ut_wait(pid);
	ut_check_signaled(status, SIGPIPE, "write to a pipe without readers");

	/* SIGPIPE ignored (needs rt_sigaction): write fails with EPIPE */
	pid = ut_fork();
	if (pid == 0) {
		if (signal(SIGPIPE, SIG_IGN) == SIG_ERR)
			_exit(42);
		CHECK_ERR(write(p[1], "x", 1), EPIPE);
		_exit(0);
	}
	status = ut_wait(pid);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 42)
		ut_note("EPIPE not checked: cannot ignore SIGPIPE (no rt_sigaction)");
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		FAIL("EPIPE with SIGPIPE ignored: status 0x%x", status);
	CHECK_SYS(close(p[1]));
}

UTEST(pipe_nonblock, 0, NULL)
{
	static char big[100000];
	int p[2], on = 1;
	size_t total = 0;
	ssize_t n;
	char c;

	pipe_ok(p, O_NONBLOCK);
	CHECK_ERR(read(p[0], &c, 1), EAGAIN);
	CHECK_EQ(fcntl(p[1], F_GETPIPE_SZ), 65536);
	/* 16 page slots; four 1000-byte writes share a page, a fifth takes a new one */
	while ((n = write(p[1], big, 1000)) > 0)
		total += (size_t)n;
	CHECK_EQ(errno, EAGAIN);
	CHECK_EQ(total, 64000);
	CHECK_EQ(read(p[0], big, 4000), 4000);      /* one slot free */
	CHECK_EQ(write(p[1], big, 5000), 4096);     /* a bigger write is partial */
	CHECK_ERR(write(p[1], big, 1), EAGAIN);
	CHECK_EQ(read(p[0], big, 100), 100);
	/* bytes are free but no slot: a PIPE_BUF write is all or nothing */
	CHECK_ERR(write(p[1], big, 200), EAGAIN);
	CHECK_EQ(read(p[0], big, 3900), 3900);
	CHECK_EQ(write(p[1], big, 4096), 4096);
	CHECK_SYS(close(p[0]));
	CHECK_SYS(close(p[1]));

	/* FIONBIO and F_SETFL switch O_NONBLOCK on and off */
	pipe_ok(p, 0);
	CHECK_SYS(ioctl(p[0], FIONBIO, &on));
	CHECK(fcntl(p[0], F_GETFL) & O_NONBLOCK);
	CHECK_ERR(read(p[0], &c, 1), EAGAIN);
	on = 0;
	CHECK_SYS(ioctl(p[0], FIONBIO, &on));
	CHECK(!(fcntl(p[0], F_GETFL) & O_NONBLOCK));
	CHECK_SYS(fcntl(p[1], F_SETFL, O_NONBLOCK));
	CHECK_EQ(write(p[1], big, sizeof(big)), 65536);
	CHECK_ERR(write(p[1], big, 1), EAGAIN);
	CHECK_SYS(close(p[0]));
	CHECK_SYS(close(p[1]));
}

UTEST(pipe_setsize, 0, NULL)
{
	static char buf[20000], back[20000];
	int p[2], fd, avail;
	pid_t pid;

	pipe_ok(p, O_NONBLOCK);
	CHECK_EQ(fcntl(p[0], F_GETPIPE_SZ), 65536);
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 1), 4096);
	CHECK_EQ(fcntl(p[0], F_GETPIPE_SZ), 4096);
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 0), 4096);
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 5000), 8192);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)pat(i);
	CHECK_EQ(write(p[1], buf, sizeof(buf)), 8192);   /* two page slots */
	CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, 4096), EBUSY);
	CHECK_EQ(read(p[0], back, 3000), 3000);
	CHECK_ERR(write(p[1], buf + 8192, 3000), EAGAIN);   /* bytes free, but no slot */
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, 16384), 16384);  /* the data moves to the bigger ring */
	CHECK_SYS(ioctl(p[0], FIONREAD, &avail));
	CHECK_EQ(avail, 5192);
	CHECK_EQ(write(p[1], buf + 8192, 8192), 8192);
	CHECK_EQ(read(p[0], back + 3000, 9000), 9000);
	CHECK_EQ(write(p[1], buf + 16384, 3616), 3616);      /* the ring wraps */
	CHECK_EQ(read(p[0], back + 12000, sizeof(back) - 12000), 8000);
	CHECK(memcmp(buf, back, sizeof(buf)) == 0);
	/* over pipe-max-size (1 MiB) only with privilege: an unprivileged child gets EPERM */
	pid = ut_fork();
	if (pid == 0) {
		if (geteuid() == 0 && setuid(65534) < 0)
			FAIL("setuid: %s", ulib_errname(errno));
		CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, 2 * MiB), EPERM);
		CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, MiB), MiB);
		_exit(0);
	}
	ut_wait_ok(pid);
	CHECK_EQ(fcntl(p[1], F_GETPIPE_SZ), MiB);
	CHECK_ERR(fcntl(p[1], F_SETPIPE_SZ, (1u << 31) + 1), EINVAL);
	CHECK_EQ(fcntl(p[1], F_SETPIPE_SZ, (1ul << 32) + 1), 4096);   /* the argument is an unsigned int */
	fd = CHECK_SYS(open(ut_path("/bin/hello"), O_RDONLY));
	CHECK_ERR(fcntl(fd, F_GETPIPE_SZ), EBADF);
	CHECK_SYS(close(fd));
	CHECK_SYS(close(p[0]));
	CHECK_SYS(close(p[1]));
}

UTEST(pipe_fionread, 0, NULL)
{
	int p[2], n = -1, fd;
	char buf[200];

	pipe_ok(p, 0);
	CHECK_SYS(ioctl(p[0], FIONREAD, &n));
	CHECK_EQ(n, 0);
	CHECK_EQ(write(p[1], buf, 123), 123);
	CHECK_SYS(ioctl(p[0], FIONREAD, &n));
	CHECK_EQ(n, 123);
	CHECK_SYS(ioctl(p[1], FIONREAD, &n));
	CHECK_EQ(n, 123);
	CHECK_ERR(ioctl(p[0], FIONREAD, ut_ptr(8)), EFAULT);
	CHECK_SYS(close(p[0]));
	CHECK_SYS(close(p[1]));
	/* a regular file: the bytes after the position */
	fd = CHECK_SYS(open(ut_path("/etc/motd"), O_RDONLY));
	CHECK_SYS(ioctl(fd, FIONREAD, &n));
	CHECK_EQ(n, lseek(fd, 0, SEEK_END));
	CHECK_SYS(lseek(fd, 3, SEEK_SET));
	CHECK_SYS(ioctl(fd, FIONREAD, &n));
	CHECK_EQ(n, lseek(fd, 0, SEEK_END) - 3);
	CHECK_SYS(close(fd));
}

/* revents of one fd polled for events with timeout 0. */
static int poll1(int fd, short events)
{
	struct pollfd pfd = { .fd = fd, .events = events };
	int n = poll(&pfd, 1, 0);

	if (n < 0)
		FAIL("poll: %s", ulib_errname(errno));
	if ((n == 0) != (pfd.revents == 0))
		FAIL("poll returned %d with revents 0x%x", n, pfd.revents);
	return pfd.revents;
}

UTEST(pipe_poll, 0, NULL)
{
	struct pollfd pfds[3];
	int p[2], fd;
	char buf[65536];

	pipe_ok(p, O_NONBLOCK);
	CHECK_EQ(poll1(p[0], POLLIN), 0);
	CHECK_EQ(poll1(p[1], POLLOUT), POLLOUT);
	CHECK_EQ(poll1(p[1], POLLOUT | POLLWRNORM | POLLIN), POLLOUT | POLLWRNORM);
	CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_EQ(poll1(p[0], POLLIN | POLLRDNORM), POLLIN | POLLRDNORM);
	CHECK_EQ(poll1(p[0], POLLOUT), 0);
	/* full: no POLLOUT */
	while (write(p[1], buf, sizeof(buf)) > 0)
		;
	CHECK_EQ(poll1(p[1], POLLOUT), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 61441);   /* 'x' took a whole slot */
	CHECK_EQ(poll1(p[1], POLLOUT), POLLOUT);
	/* writer gone: HUP on the read end (with IN while data remains) */
	CHECK_EQ(write(p[1], "y", 1), 1);
	CHECK_SYS(close(p[1]));
	CHECK_EQ(poll1(p[0], POLLIN), POLLIN | POLLHUP);
	CHECK_EQ(read(p[0], buf, 10), 1);
	CHECK_EQ(poll1(p[0], POLLIN), POLLHUP);
	CHECK_EQ(poll1(p[0], 0), POLLHUP);   /* HUP and ERR are always reported */
	CHECK_SYS(close(p[0]));
	/* reader gone: ERR on the write end */
	pipe_ok(p, 0);
	CHECK_SYS(close(p[0]));
	CHECK_EQ(poll1(p[1], POLLOUT), POLLOUT | POLLERR);
	CHECK_EQ(poll1(p[1], 0), POLLERR);
	/* a closed descriptor: NVAL; a negative one is skipped; a regular file is ready */
	fd = CHECK_SYS(open(ut_path("/etc/motd"), O_RDONLY));
	pfds[0] = (struct pollfd){ .fd = p[1] + 100, .events = POLLIN };
	pfds[1] = (struct pollfd){ .fd = -1, .events = POLLIN, .revents = 0x7f };
	pfds[2] = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	CHECK_EQ(poll(pfds, 3, 1000), 2);
	CHECK_EQ(pfds[0].revents, POLLNVAL);
	CHECK_EQ(pfds[1].revents, 0);
	CHECK_EQ(pfds[2].revents, POLLIN | POLLOUT);
	CHECK_SYS(close(fd));
	CHECK_SYS(close(p[1]));
}

UTEST(pipe_poll_wakeup, 0, NULL)
{
	struct pollfd pfd;
	int p[2], q[2];
	uint64_t t0;
	pid_t pid;
	char c;

	pipe_ok(p, 0);
	pipe_ok(q, 0);
	/* a timeout with nothing ready: 0 after about the time asked */
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	t0 = now_ns();
	CHECK_EQ(poll(&pfd, 1, 60), 0);
	CHECK(now_ns() - t0 >= 60 * 1000000ull);
	CHECK_EQ(pfd.revents, 0);
	/* a blocked poll wakes when another process writes, then when it closes */
	pid = ut_fork();
	if (pid == 0) {
		ut_spin_ns(40 * 1000000ull);
		CHECK_EQ(write(p[1], "z", 1), 1);
		CHECK_EQ(read(q[0], &c, 1), 1);   /* wait for the go-ahead */
		_exit(0);
	}
	CHECK_SYS(close(p[1]));
	CHECK_SYS(close(q[0]));
	CHECK_EQ(poll(&pfd, 1, -1), 1);
	CHECK_EQ(pfd.revents, POLLIN);
	CHECK_EQ(read(p[0], &c, 1), 1);
	CHECK_EQ(write(q[1], "g", 1), 1);
	CHECK_EQ(poll(&pfd, 1, 10000), 1);
	CHECK_EQ(pfd.revents, POLLHUP);
	ut_wait_ok(pid);
	CHECK_SYS(close(p[0]));
	CHECK_SYS(close(q[1]));
}

UTEST(pipe_ppoll_timeout, 0, NULL)
{
	struct timespec ts = { 0, 50 * 1000000 };
	struct pollfd pfd, *many;
	struct rlimit rl;
	int p[2];
	uint64_t t0;

	pipe_ok(p, 0);
	pfd = (struct pollfd){ .fd = p[0], .events = POLLIN };
	t0 = now_ns();
	CHECK_EQ(syscall(SYS_ppoll, &pfd, 1, &ts, NULL, 8), 0);
	CHECK(now_ns() - t0 >= 50 * 1000000ull);
	CHECK_EQ(ts.tv_sec, 0);   /* the time left is written back: none */
	CHECK_EQ(ts.tv_nsec, 0);
	ts = (struct timespec){ 0, 0 };
	CHECK_EQ(syscall(SYS_ppoll, &pfd, 1, &ts, NULL, 8), 0);
	ts = (struct timespec){ 0, 2000000000 };
	CHECK_ERR(syscall(SYS_ppoll, &pfd, 1, &ts, NULL, 8), EINVAL);
	ts = (struct timespec){ 1, 0 };
	CHECK_ERR(syscall(SYS_ppoll, &pfd, 1, &ts, ut_ptr(0x1000), 4), EINVAL);
	CHECK_ERR(syscall(SYS_ppoll, ut_ptr(8), 1, &ts, NULL, 8), EFAULT);
	CHECK_ERR(syscall(SYS_ppoll, &pfd, 1, ut_ptr(8), NULL, 8), EFAULT);
	CHECK_SYS(getrlimit(RLIMIT_NOFILE, &rl));
	many = calloc(rl.rlim_cur + 1, sizeof(*many));
	CHECK(many != NULL);
	for (size_t i = 0; i <= rl.rlim_cur; i++)
		many[i].fd = -1;
	CHECK_ERR(syscall(SYS_ppoll, many, rl.rlim_cur + 1, &ts, NULL, 8), EINVAL);
	ts = (struct timespec){ 0, 0 };
	CHECK_EQ(syscall(SYS_ppoll, many, rl.rlim_cur, &ts, NULL, 8), 0);   /* all skipped */
	free(many);
	/* ready at once: the time left stays close to what was asked */
	CHECK_EQ(write(p[1], "r", 1), 1);
	ts = (struct timespec){ 5, 0 };
	CHECK_EQ(syscall(SYS_ppoll, &pfd, 1, &ts, NULL, 8), 1);
	CHECK(ts.tv_sec >= 4 && ts.tv_sec <= 5);
	CHECK_SYS(close(p[0]));
	CHECK_SYS(close(p[1]));
}

UTEST(pipe_select, 0, NULL)
{
	struct timeval tv = { 0, 30000 };
	fd_set r, w;
	int p[2], fd;
	uint64_t t0;

	pipe_ok(p, 0);
	FD_ZERO(&r);
	FD_ZERO(&w);
	FD_SET(p[0], &r);
	FD_SET(p[1], &w);
	CHECK_EQ(select(p[1] + 1, &r, &w, NULL, &tv), 1);
	CHECK(!FD_ISSET(p[0], &r));
	CHECK(FD_ISSET(p[1], &w));
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	tv = (struct timeval){ 0, 40000 };
	t0 = now_ns();
	CHECK_EQ(select(p[0] + 1, &r, NULL, NULL, &tv), 0);
	CHECK(now_ns() - t0 >= 40 * 1000000ull);
	CHECK(!FD_ISSET(p[0], &r));
	CHECK_EQ(write(p[1], "s", 1), 1);
	FD_SET(p[0], &r);
	FD_ZERO(&w);
	FD_SET(p[1], &w);
	CHECK_EQ(select(p[1] + 1, &r, &w, NULL, NULL), 2);
	CHECK(FD_ISSET(p[0], &r) && FD_ISSET(p[1], &w));
	/* a closed descriptor in a set: EBADF */
	fd = p[1] + 10;
	FD_ZERO(&r);
	FD_SET(fd, &r);
	tv = (struct timeval){ 0, 0 };
	CHECK_ERR(select(fd + 1, &r, NULL, NULL, &tv), EBADF);
	CHECK_ERR(select(-1, NULL, NULL, NULL, &tv), EINVAL);
	CHECK_SYS(close(p[0]));
	CHECK_SYS(close(p[1]));
}

static const char *fifo_path(const char *name)
{
	static char path[128];

	snprintf(path, sizeof(path), "%s/ut-%s-%d", ut_path("/tmp"), name, getpid());
	return path;
}

UTEST(fifo_between_processes, 0, NULL)
{
	static unsigned char buf[100000];
	char path[128];
	size_t got = 0;
	struct stat st;
	pid_t pid;
	int fd;

	snprintf(path, sizeof(path), "%s", fifo_path("fifo"));
	CHECK_SYS(mkfifo(path, 0600));
	CHECK_SYS(stat(path, &st));
	CHECK(S_ISFIFO(st.st_mode));
	pid = ut_fork();
	if (pid == 0) {   /* opens its end by name: no descriptor is shared */
		int w = CHECK_SYS(open(path, O_WRONLY));

		big_writer(w, 1 * MiB);
		_exit(0);
	}
	fd = CHECK_SYS(open(path, O_RDONLY));
	CHECK_SYS(fstat(fd, &st));
	CHECK(S_ISFIFO(st.st_mode));
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		CHECK(n >= 0);
		if (n == 0)
			break;
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] != pat(got + (size_t)i))
				FAIL("fifo byte %zu wrong", got + (size_t)i);
		got += (size_t)n;
	}
	CHECK_EQ(got, MiB);
	ut_wait_ok(pid);
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(path));
}

UTEST(fifo_open_rules, 0, NULL)
{
	char path[128], c;
	int r, w, rw, status, n;
	pid_t pid;

	snprintf(path, sizeof(path), "%s", fifo_path("rules"));
	CHECK_SYS(mkfifo(path, 0600));
	/* no reader: a non-blocking writer gets ENXIO; a non-blocking reader opens */
	CHECK_ERR(open(path, O_WRONLY | O_NONBLOCK), ENXIO);
	r = CHECK_SYS(open(path, O_RDONLY | O_NONBLOCK));
	CHECK_EQ(read(r, &c, 1), 0);          /* no writer: end of file */
	CHECK_EQ(poll1(r, POLLIN), 0);        /* but no HUP until a writer came and went */
	w = CHECK_SYS(open(path, O_WRONLY | O_NONBLOCK));
	CHECK_EQ(write(w, "ab", 2), 2);
	CHECK_EQ(read(r, &c, 1), 1);
	CHECK_SYS(close(w));
	CHECK_SYS(close(r));
	/* O_RDWR never blocks, and the data dies with the last close */
	rw = CHECK_SYS(open(path, O_RDWR));
	CHECK_EQ(write(rw, "cd", 2), 2);
	CHECK_SYS(close(rw));
	rw = CHECK_SYS(open(path, O_RDWR));
	CHECK_SYS(ioctl(rw, FIONREAD, &n));
	CHECK_EQ(n, 0);
	CHECK_SYS(close(rw));
	/* a blocking reader waits for a writer */
	pid = ut_fork();
	if (pid == 0) {
		int fd = CHECK_SYS(open(path, O_RDONLY));

		CHECK_EQ(read(fd, &c, 1), 1);
		CHECK_EQ(c, 'q');
		_exit(0);
	}
	ut_spin_ns(50 * 1000000ull);
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	w = CHECK_SYS(open(path, O_WRONLY));
	CHECK_EQ(write(w, "q", 1), 1);
	ut_wait_ok(pid);
	CHECK_SYS(close(w));
	/* a blocking writer waits for a reader */
	pid = ut_fork();
	if (pid == 0) {
		int fd = CHECK_SYS(open(path, O_WRONLY));

		CHECK_EQ(write(fd, "k", 1), 1);
		_exit(0);
	}
	ut_spin_ns(50 * 1000000ull);
	CHECK_EQ(waitpid(pid, &status, WNOHANG), 0);
	r = CHECK_SYS(open(path, O_RDONLY));
	CHECK_EQ(read(r, &c, 1), 1);
	CHECK_EQ(c, 'k');
	ut_wait_ok(pid);
	CHECK_EQ(read(r, &c, 1), 0);
	CHECK_SYS(close(r));
	CHECK_SYS(unlink(path));
}

UTEST(pipe_sendfile, 0, NULL)
{
	static char data[50000], back[50000];
	char path[128];
	int fd, p[2], out;
	off_t off;

	snprintf(path, sizeof(path), "%s", fifo_path("sendfile"));
	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)pat(i);
	fd = CHECK_SYS(open(path, O_RDWR | O_CREAT | O_TRUNC, 0600));
	ut_write_all(fd, data, sizeof(data));
	CHECK_SYS(lseek(fd, 100, SEEK_SET));
	pipe_ok(p, 0);
	/* with an offset: from there, the file position stays */
	off = 1000;
	CHECK_EQ(sendfile(p[1], fd, &off, 30000), 30000);
	CHECK_EQ(off, 31000);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 100);
	CHECK_EQ(read(p[0], back, sizeof(back)), 30000);
	CHECK(memcmp(back, data + 1000, 30000) == 0);
	/* without: from the file position, which advances; short at the end */
	CHECK_SYS(lseek(fd, 45000, SEEK_SET));
	CHECK_EQ(sendfile(p[1], fd, NULL, 10000), 5000);
	CHECK_EQ(lseek(fd, 0, SEEK_CUR), 50000);
	CHECK_EQ(read(p[0], back, sizeof(back)), 5000);
	CHECK(memcmp(back, data + 45000, 5000) == 0);
	CHECK_EQ(sendfile(p[1], fd, NULL, 10), 0);
	/* to a regular file */
	out = CHECK_SYS(open(fifo_path("sendfile-out"), O_RDWR | O_CREAT | O_TRUNC, 0600));
	off = 0;
	CHECK_EQ(sendfile(out, fd, &off, sizeof(data)), sizeof(data));
	CHECK_EQ(pread(out, back, sizeof(back), 0), sizeof(back));
	CHECK(memcmp(back, data, sizeof(data)) == 0);
	/* errors */
	CHECK_ERR(sendfile(out, p[1], NULL, 1), EBADF);   /* source not readable */
	CHECK_ERR(sendfile(p[0], fd, NULL, 1), EBADF);    /* destination not writable */
	CHECK_ERR(sendfile(out, p[0], &off, 1), ESPIPE);  /* offset on a pipe */
	CHECK_ERR(sendfile(out, fd, ut_ptr(8), 1), EFAULT);
	off = -1;
	CHECK_ERR(sendfile(out, fd, &off, 1), EINVAL);
	CHECK_SYS(fcntl(out, F_SETFL, O_APPEND));
	CHECK_ERR(sendfile(out, fd, NULL, 1), EINVAL);
	CHECK_SYS(close(out));
	CHECK_SYS(unlink(fifo_path("sendfile-out")));
	CHECK_SYS(close(fd));
	CHECK_SYS(unlink(path));
	CHECK_SYS(close(p[0]));
	CHECK_SYS(close(p[1]));
}

/* A process blocked in a pipe read, a pipe write or a FIFO open can be killed. */
UTEST(pipe_kill_blocked, 0, NULL)
{
	static char big[70000];
	char path[128];
	int p[2], q[2];
	pid_t pids[3];

	snprintf(path, sizeof(path), "%s", fifo_path("kill"));
	CHECK_SYS(mkfifo(path, 0600));
	pipe_ok(p, 0);
	pipe_ok(q, 0);
	pids[0] = ut_fork();
	if (pids[0] == 0) {
		char c;

		(void)read(p[0], &c, 1);   /* empty, and the parent keeps a writer */
		_exit(0);
	}
	pids[1] = ut_fork();
	if (pids[1] == 0) {
		(void)write(q[1], big, sizeof(big));   /* more than fits: blocks */
		_exit(0);
	}
	pids[2] = ut_fork();
	if (pids[2] == 0) {
		(void)open(path, O_RDONLY);   /* no writer ever comes */
		_exit(0);
	}
	ut_spin_ns(50 * 1000000ull);
	for (int i = 0; i < 3; i++) {
		int status;

		CHECK_EQ(waitpid(pids[i], &status, WNOHANG), 0);   /* still blocked */
		CHECK_SYS(kill(pids[i], SIGKILL));
		ut_check_signaled(ut_wait(pids[i]), SIGKILL, "kill of a blocked pipe or fifo user");
	}
	for (int i = 0; i < 2; i++) {
		CHECK_SYS(close(p[i]));
		CHECK_SYS(close(q[i]));
	}
	CHECK_SYS(unlink(path));
}

/* pipe2(O_DIRECT): packet mode, one write = one packet = one read. */
UTEST(pipe_packet_mode, 0, NULL)
{
	static char big[10000];
	char buf[100];
	int p[2];

	pipe_ok(p, O_DIRECT | O_NONBLOCK);
	CHECK(fcntl(p[1], F_GETFL) & O_DIRECT);
	CHECK_EQ(write(p[1], "0123456789", 10), 10);
	CHECK_EQ(write(p[1], "abcdefghijklmnopqrst", 20), 20);
	CHECK_EQ(write(p[1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123", 30), 30);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 10);   /* no merging: packets stay apart */
	CHECK(memcmp(buf, "0123456789", 10) == 0);
	CHECK_EQ(read(p[0], buf, 5), 5);              /* a short read drops the packet's rest */
	CHECK(memcmp(buf, "abcde", 5) == 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 30);
	CHECK(memcmp(buf, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123", 30) == 0);
	CHECK_ERR(read(p[0], buf, 1), EAGAIN);
	/* a write bigger than a page becomes page-sized packets */
	CHECK_EQ(write(p[1], big, sizeof(big)), sizeof(big));
	CHECK_EQ(read(p[0], big, sizeof(big)), 4096);
	CHECK_EQ(read(p[0], big, sizeof(big)), 4096);
	CHECK_EQ(read(p[0], big, sizeof(big)), 10000 - 8192);
	/* 16 one-byte packets fill the 16 slots */
	for (int i = 0; i < 16; i++)
		CHECK_EQ(write(p[1], "x", 1), 1);
	CHECK_ERR(write(p[1], "x", 1), EAGAIN);
	CHECK_SYS(close(p[0]));
	CHECK_SYS(close(p[1]));
}

static volatile sig_atomic_t ppoll_usr1_seen;

static void ppoll_usr1(int sig)
{
	(void)sig;
	ppoll_usr1_seen++;
}

/*
 * ppoll and pselect6 install their mask for the wait only: a blocked,
 * pending SIGUSR1 is delivered during the call (EINTR at once, the
 * handler ran) and is blocked again afterwards.
 */
UTEST(ppoll_pselect_sigmask, 0, NULL)
{
	struct sigaction sa = { .sa_handler = ppoll_usr1 };
	sigset_t block, empty, now;
	struct timespec ts = { 5, 0 };
	int p[2];

	CHECK_SYS(pipe(p));
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&empty);
	CHECK_SYS(sigaction(SIGUSR1, &sa, NULL));
	CHECK_SYS(sigprocmask(SIG_BLOCK, &block, NULL));
	for (int round = 0; round < 2; round++) {
		struct pollfd pfd = { .fd = p[0], .events = POLLIN };
		fd_set rd;

		ppoll_usr1_seen = 0;
		raise(SIGUSR1);
		CHECK_EQ(ppoll_usr1_seen, 0);	/* blocked: pending */
		if (round == 0) {
			CHECK_ERR(ppoll(&pfd, 1, &ts, &empty), EINTR);
		} else {
			FD_ZERO(&rd);
			FD_SET(p[0], &rd);
			CHECK_ERR(pselect(p[0] + 1, &rd, NULL, NULL, &ts, &empty), EINTR);
		}
		CHECK_EQ(ppoll_usr1_seen, 1);
		CHECK_SYS(sigprocmask(SIG_BLOCK, NULL, &now));
		CHECK(sigismember(&now, SIGUSR1));
	}
	CHECK_SYS(sigprocmask(SIG_UNBLOCK, &block, NULL));
	signal(SIGUSR1, SIG_DFL);
	close(p[0]);
	close(p[1]);
}
