/*
 * usertests: loopback under load (docs/net-stack.md): frames sent over
 * lo are received by the net thread.
 *
 * lo_udp_concurrent_pingpong and lo_tcp_concurrent_pingpong:
 * 4 ping-pong pairs (8 processes) at once, every reply checked (payload
 * and length), each pair bounded in time (a lost frame or wake-up is
 * reported with the round it stuck at).
 * lo_udp_flood: 3000 datagrams to a socket that does not read: every send
 * returns; once lo has received them all (lo_settle), what was queued is
 * in order, and one more datagram still arrives.
 * lo_tcp_close_in_flight: 30 connections closed right after a 64 KiB
 * write (data and FIN still queued on lo): the reader gets every byte and
 * EOF. lo_tcp_writer_killed: a writer SIGKILLed mid-stream: the reader
 * sees the end of the stream, no hang. All pass on Linux (qemu-riscv64 -H).
 */
#include "usertests.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define LO_TIMEOUT_S 25	/* any of these taking longer is a hang (the runner allows 30 s) */

static struct sockaddr_in lo_any_port(void)
{
	struct sockaddr_in a;

	ut_sockaddr_in(&a, INADDR_LOOPBACK, 0);
	return a;
}

/* A socket of type bound to 127.0.0.1 at an ephemeral port; its address in *a. */
static int lo_bound(int type, struct sockaddr_in *a)
{
	int fd = (int)CHECK_SYS(socket(AF_INET, type, 0));
	socklen_t len = sizeof(*a);

	*a = lo_any_port();
	CHECK_SYS(bind(fd, (struct sockaddr *)a, sizeof(*a)));
	CHECK_SYS(getsockname(fd, (struct sockaddr *)a, &len));
	return fd;
}

/* A connected TCP pair over lo: *c the client, *s the accepted end. */
static void lo_tcp_pair(int *c, int *s)
{
	struct sockaddr_in a;
	int l = lo_bound(SOCK_STREAM, &a);

	CHECK_SYS(listen(l, 4));
	*c = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	CHECK_SYS(connect(*c, (struct sockaddr *)&a, sizeof(a)));
	*s = (int)CHECK_SYS(accept(l, NULL, NULL));
	close(l);
}

/* A connected UDP pair over lo. */
static void lo_udp_pair(int *c, int *s)
{
	struct sockaddr_in ca, sa;

	*c = lo_bound(SOCK_DGRAM, &ca);
	*s = lo_bound(SOCK_DGRAM, &sa);
	CHECK_SYS(connect(*c, (struct sockaddr *)&sa, sizeof(sa)));
	CHECK_SYS(connect(*s, (struct sockaddr *)&ca, sizeof(ca)));
}

/* Read exactly n bytes (a stream) or one datagram of n bytes. */
static void lo_recv_n(int fd, void *buf, size_t n, int stream)
{
	char *p = buf;

	while (n) {
		ssize_t r = recv(fd, p, n, 0);

		if (r <= 0)
			FAIL("recv: %zd (%s)", r, ulib_errname(errno));
		if (!stream && (size_t)r != n)
			FAIL("datagram of %zd bytes, %zu expected", r, n);
		p += r;
		n -= (size_t)r;
	}
}

/* The payload of round i: its length and bytes follow from i alone. */
static size_t lo_fill(char *buf, unsigned int i, size_t max)
{
	size_t len = 4 + (i * 37u) % (max - 4);

	memcpy(buf, &i, 4);
	for (size_t k = 4; k < len; k++)
		buf[k] = (char)(i + k);
	return len;
}

enum { PP_PAIRS = 4, PP_ROUNDS = 150, PP_MAX = 1400, PP_TIMEOUT_S = 25 };

static volatile sig_atomic_t pp_round, pp_stream;

/* A pair that takes this long has lost a frame or a wake-up: say where it stands. */
static void pp_on_alarm(int sig)
{
	(void)sig;
	FAIL("%s pair stuck at round %d of %d", pp_stream ? "TCP" : "UDP", (int)pp_round, PP_ROUNDS);
}

/* One pair: a forked echo server, then PP_ROUNDS checked round trips. */
static void lo_pingpong_pair(int stream)
{
	int c, s, one = 1;
	char out[PP_MAX], in[PP_MAX];
	pid_t pid;

	pp_stream = stream;
	signal(SIGALRM, pp_on_alarm);
	alarm(PP_TIMEOUT_S);
	if (stream) {
		lo_tcp_pair(&c, &s);
		CHECK_SYS(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)));
		CHECK_SYS(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)));
	} else {
		lo_udp_pair(&c, &s);
	}
	pid = ut_fork();
	if (pid == 0) {
		alarm(0);	/* the client's alarm speaks for the pair */
		close(c);
		for (unsigned int i = 0; i < PP_ROUNDS; i++) {
			size_t len = lo_fill(out, i, PP_MAX);

			lo_recv_n(s, in, len, stream);
			CHECK_EQ(send(s, in, len, 0), len);
		}
		_exit(0);
	}
	close(s);
	for (unsigned int i = 0; i < PP_ROUNDS; i++) {
		size_t len = lo_fill(out, i, PP_MAX);

		pp_round = i;
		CHECK_EQ(send(c, out, len, 0), len);
		lo_recv_n(c, in, len, stream);
		if (memcmp(in, out, len) != 0)
			FAIL("round %u: the echo differs", i);
	}
	ut_wait_ok(pid);
	if (stream)
		ut_close_rst(c);
	else
		close(c);
}

/* PP_PAIRS pairs at once (stream: TCP, else UDP), each in its own processes. */
static void lo_pingpong_many(int stream)
{
	uint64_t t0 = ulib_now_ns();
	pid_t pids[PP_PAIRS];

	for (int p = 0; p < PP_PAIRS; p++) {
		pids[p] = ut_fork();
		if (pids[p] == 0) {
			lo_pingpong_pair(stream);
			_exit(0);
		}
	}
	for (int p = 0; p < PP_PAIRS; p++)
		ut_wait_ok(pids[p]);
	ut_note("%d round trips in %llu ms", PP_PAIRS * PP_ROUNDS,
		(unsigned long long)((ulib_now_ns() - t0) / 1000000));
}

UTEST(lo_udp_concurrent_pingpong, 0, NULL)
{
	lo_pingpong_many(0);
}

/*
 * The same with TCP: every pair contends for tcp_lock. With ticket
 * spinlocks this took 100-300 ms per round trip at -smp 4 on a 2-core
 * host (docs/locking.md); a pair stuck for 25 s fails.
 */
UTEST(lo_tcp_concurrent_pingpong, 0, NULL)
{
	lo_pingpong_many(1);
}

/*
 * Wait (up to 5 s) until lo has received every frame it sent: its rx and
 * tx packet counts in /proc/net/dev agree. Linux has when send returns;
 * Kestrel's net thread may still be working through lo's backlog.
 */
static void lo_settle(void)
{
	uint64_t t0 = ulib_now_ns();

	while (ulib_now_ns() - t0 < 5000ull * 1000 * 1000) {
		size_t len;
		char *text = ut_read_file("/proc/net/dev", &len), *lo = strstr(text, "lo:");
		unsigned long long v[10];
		int n = lo ? sscanf(lo + 3, "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0],
				    &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]) : 0;

		free(text);
		if (n == 10 && v[1] == v[9])
			return;
		ulib_sleep_ns(10 * 1000 * 1000);
	}
}

UTEST(lo_udp_flood, 0, NULL)
{
	enum { N = 3000, LEN = 1024 };
	struct sockaddr_in ra;
	int r = lo_bound(SOCK_DGRAM, &ra), w, got = 0, last = -1;
	char buf[LEN];

	alarm(LO_TIMEOUT_S);
	w = (int)CHECK_SYS(socket(AF_INET, SOCK_DGRAM, 0));
	CHECK_SYS(connect(w, (struct sockaddr *)&ra, sizeof(ra)));
	memset(buf, 'f', sizeof(buf));
	for (int i = 0; i < N; i++) {
		memcpy(buf, &i, sizeof(i));
		CHECK_EQ(send(w, buf, LEN, 0), LEN);	/* a full receiver drops, the sender never waits */
	}
	lo_settle();
	for (;;) {
		ssize_t n = recv(r, buf, sizeof(buf), MSG_DONTWAIT);
		int seq;

		if (n < 0) {
			CHECK_EQ(errno, EAGAIN);
			break;
		}
		CHECK_EQ(n, LEN);
		memcpy(&seq, buf, sizeof(seq));
		if (seq <= last || seq >= N)
			FAIL("datagram %d after %d", seq, last);
		last = seq;
		got++;
	}
	CHECK(got > 0 && got <= N);
	ut_note("%d of %d datagrams queued, the rest dropped", got, N);
	/* The stack still answers: one more datagram on the same pair. */
	CHECK_EQ(send(w, "end", 3, 0), 3);
	lo_recv_n(r, buf, 3, 0);
	CHECK(memcmp(buf, "end", 3) == 0);
	close(w);
	close(r);
}

UTEST(lo_tcp_close_in_flight, 0, NULL)
{
	enum { CONNS = 30, LEN = 65536 };
	static char out[LEN], in[LEN];

	alarm(LO_TIMEOUT_S);
	for (int k = 0; k < CONNS; k++) {
		size_t got = 0;
		int c, s;

		for (int i = 0; i < LEN; i++)
			out[i] = (char)(i * 7 + k);
		lo_tcp_pair(&c, &s);
		ut_write_all(c, out, LEN);
		CHECK_SYS(close(c));	/* data and FIN may still be on their way */
		for (;;) {
			ssize_t n = read(s, in + got, LEN - got);

			if (n < 0)
				FAIL("read: %s", ulib_errname(errno));
			if (n == 0)
				break;
			got += (size_t)n;
			if (got == LEN) {
				char extra;

				CHECK_EQ(read(s, &extra, 1), 0);	/* then EOF */
				break;
			}
		}
		CHECK_EQ(got, LEN);
		if (memcmp(in, out, LEN) != 0)
			FAIL("connection %d: the data differs", k);
		ut_close_rst(s);	/* resets the client's FIN_WAIT: nothing lingers */
	}
}

UTEST(lo_tcp_writer_killed, 0, NULL)
{
	static char buf[65536];
	size_t total = 0;
	int c, s, status;
	pid_t pid;

	alarm(LO_TIMEOUT_S);
	lo_tcp_pair(&c, &s);
	pid = ut_fork();
	if (pid == 0) {
		close(s);
		for (;;)
			if (write(c, buf, sizeof(buf)) < 0)
				_exit(1);
	}
	close(c);
	while (total < 1024 * 1024) {
		ssize_t n = read(s, buf, sizeof(buf));

		if (n <= 0)
			FAIL("read: %zd (%s)", n, ulib_errname(errno));
		total += (size_t)n;
	}
	CHECK_SYS(kill(pid, SIGKILL));
	status = ut_wait(pid);
	ut_check_signaled(status, SIGKILL, "the writer");
	for (;;) {	/* what it had sent, then the end of the stream */
		ssize_t n = read(s, buf, sizeof(buf));

		if (n == 0 || (n < 0 && errno == ECONNRESET))
			break;
		if (n < 0)
			FAIL("read: %s", ulib_errname(errno));
	}
	ut_close_rst(s);
}
