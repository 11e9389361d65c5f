/*
 * usertests: TCP over loopback (docs/tcp.md).
 *
 * connect/accept/echo, ECONNREFUSED (blocking and non-blocking), bind
 * rules (EADDRINUSE, EINVAL, EADDRNOTAVAIL, TIME_WAIT and SO_REUSEADDR),
 * EPIPE with SIGPIPE and MSG_NOSIGNAL, ECONNRESET (unread data at close,
 * SO_LINGER 0), SO_RCVTIMEO, non-blocking connect and accept with epoll,
 * shutdown half-close, bulk transfers with a checksum (8 MiB quick,
 * 64 MiB slow), 100 concurrent connections, getsockname/getpeername,
 * options (TCP_NODELAY, SO_KEEPALIVE, TCP_KEEPIDLE, TCP_MAXSEG, TCP_INFO),
 * poll states, the listen backlog, a 1-byte ping-pong timing, and SYN
 * cookies (tcp_syncookies = 2 in the guest; the flood is net/peer's). Every
 * test passes on Linux first (qemu-riscv64 -H).
 */
#include "usertests.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define MiB (1024 * 1024)

static struct sockaddr_in lo_addr(uint16_t port)
{
	struct sockaddr_in a;

	ut_sockaddr_in(&a, INADDR_LOOPBACK, port);
	return a;
}

static uint16_t local_port(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	CHECK_SYS(getsockname(fd, (struct sockaddr *)&a, &len));
	return ntohs(a.sin_port);
}

/* A listener on 127.0.0.1 at an ephemeral port; *port gets it. */
static int listener(int backlog, uint16_t *port)
{
	int fd = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	struct sockaddr_in a = lo_addr(0);

	CHECK_SYS(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	CHECK_SYS(listen(fd, backlog));
	*port = local_port(fd);
	return fd;
}

static int connect_to(uint16_t port)
{
	int fd = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	struct sockaddr_in a = lo_addr(port);

	CHECK_SYS(connect(fd, (struct sockaddr *)&a, sizeof(a)));
	return fd;
}

/* A connected pair: c (client) and s (accepted). */
static void tcp_pair(int *c, int *s)
{
	uint16_t port;
	int l = listener(4, &port);

	*c = connect_to(port);
	*s = (int)CHECK_SYS(accept(l, NULL, NULL));
	close(l);
}

static volatile sig_atomic_t sigpipes;

static void on_sigpipe(int sig)
{
	(void)sig;
	sigpipes++;
}

UTEST(tcp_echo, 0, NULL)
{
	static char out[100000], in[100000];
	size_t sizes[] = { 1, 1000, 1460, 65536, 100000 };
	uint16_t port;
	int l = listener(4, &port), c;
	pid_t pid = ut_fork();

	if (pid == 0) {
		int s = (int)CHECK_SYS(accept(l, NULL, NULL));
		char buf[4096];
		ssize_t n;

		while ((n = read(s, buf, sizeof(buf))) > 0)
			ut_write_all(s, buf, (size_t)n);
		CHECK_EQ(n, 0);
		close(s);
		_exit(0);
	}
	close(l);
	c = connect_to(port);
	for (size_t i = 0; i < sizeof(out); i++)
		out[i] = (char)(i * 7 + i / 251);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		size_t n = sizes[k];
		pid_t w = ut_fork();

		if (w == 0) {	/* the writer, so a big echo cannot deadlock on full buffers */
			ut_write_all(c, out, n);
			_exit(0);
		}
		ut_read_all(c, in, n);
		ut_wait_ok(w);
		CHECK(!memcmp(in, out, n));
	}
	CHECK_SYS(shutdown(c, SHUT_WR));
	CHECK_EQ(read(c, in, 1), 0);	/* the echo side saw EOF and closed */
	ut_close_rst(c);	/* in TIME_WAIT now: SO_LINGER 0 ends it */
	ut_wait_ok(pid);
}

UTEST(tcp_refused, 0, NULL)
{
	int fd = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0)), err = 0;
	struct sockaddr_in a = lo_addr(0);
	socklen_t len = sizeof(err);
	struct pollfd p;
	uint16_t port;

	CHECK_SYS(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	port = local_port(fd);
	close(fd);		/* nobody on port now */
	a = lo_addr(port);
	fd = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	CHECK_ERR(connect(fd, (struct sockaddr *)&a, sizeof(a)), ECONNREFUSED);
	close(fd);
	fd = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
	CHECK_ERR(connect(fd, (struct sockaddr *)&a, sizeof(a)), EINPROGRESS);
	p = (struct pollfd){ .fd = fd, .events = POLLOUT };
	CHECK_EQ(poll(&p, 1, 2000), 1);
	CHECK(p.revents & (POLLERR | POLLHUP));
	CHECK_SYS(getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len));
	CHECK_EQ(err, ECONNREFUSED);
	close(fd);
}

UTEST(tcp_bind_rules, 0, NULL)
{
	int a = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	int b = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0)), one = 1;
	struct sockaddr_in sa = lo_addr(0), any;
	uint16_t port;

	CHECK_SYS(bind(a, (struct sockaddr *)&sa, sizeof(sa)));
	CHECK_ERR(bind(a, (struct sockaddr *)&sa, sizeof(sa)), EINVAL);	/* bound already */
	port = local_port(a);
	CHECK(port >= 32768 && port <= 60999);
	sa = lo_addr(port);
	CHECK_ERR(bind(b, (struct sockaddr *)&sa, sizeof(sa)), EADDRINUSE);
	any = sa;
	any.sin_addr.s_addr = htonl(INADDR_ANY);
	CHECK_ERR(bind(b, (struct sockaddr *)&any, sizeof(any)), EADDRINUSE);
	CHECK_SYS(listen(a, 1));
	CHECK_SYS(setsockopt(b, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	CHECK_ERR(bind(b, (struct sockaddr *)&sa, sizeof(sa)), EADDRINUSE);	/* a listener holds it */
	sa.sin_addr.s_addr = inet_addr("10.255.255.1");
	CHECK_ERR(bind(b, (struct sockaddr *)&sa, sizeof(sa)), EADDRNOTAVAIL);
	sa.sin_family = AF_UNIX;
	CHECK_ERR(bind(b, (struct sockaddr *)&sa, sizeof(sa)), EAFNOSUPPORT);
	CHECK_ERR(bind(b, (struct sockaddr *)&sa, 4), EINVAL);
	close(a);
	close(b);
}

/*
 * A port whose server side closed first is in TIME_WAIT: binding it needs
 * SO_REUSEADDR, on the new socket and (Linux) on the one that left it.
 */
UTEST(tcp_time_wait_reuse, 0, NULL)
{
	int l = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0)), c, s, n, one = 1;
	struct sockaddr_in sa = lo_addr(0), ca;
	uint16_t port;
	char ch;

	CHECK_SYS(setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	CHECK_SYS(bind(l, (struct sockaddr *)&sa, sizeof(sa)));
	CHECK_SYS(listen(l, 4));
	port = local_port(l);
	sa = lo_addr(port);
	c = connect_to(port);
	ca = lo_addr(local_port(c));
	s = (int)CHECK_SYS(accept(l, NULL, NULL));
	close(l);
	close(s);			/* the server closes first: it will sit in TIME_WAIT */
	CHECK_EQ(read(c, &ch, 1), 0);
	close(c);
	ulib_sleep_ns(100 * 1000 * 1000);
	n = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	CHECK_ERR(bind(n, (struct sockaddr *)&sa, sizeof(sa)), EADDRINUSE);
	close(n);
	n = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	CHECK_SYS(setsockopt(n, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	CHECK_SYS(bind(n, (struct sockaddr *)&sa, sizeof(sa)));
	CHECK_SYS(listen(n, 1));
	c = connect_to(port);	/* a new connection to the reused port works */
	s = (int)CHECK_SYS(accept(n, NULL, NULL));
	CHECK_EQ(write(c, "x", 1), 1);
	CHECK_EQ(read(s, &ch, 1), 1);
	ut_close_rst(c);
	ut_close_rst(s);
	/* a new connection on the TIME_WAIT's own 4-tuple: the TIME_WAIT gives way */
	c = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	CHECK_SYS(setsockopt(c, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	CHECK_SYS(bind(c, (struct sockaddr *)&ca, sizeof(ca)));
	CHECK_SYS(connect(c, (struct sockaddr *)&sa, sizeof(sa)));
	s = (int)CHECK_SYS(accept(n, NULL, NULL));
	ut_close_rst(c);
	ut_close_rst(s);
	close(n);
}

UTEST(tcp_epipe, 0, NULL)
{
	int c, s, i;
	char ch;

	signal(SIGPIPE, on_sigpipe);
	tcp_pair(&c, &s);
	CHECK_SYS(shutdown(c, SHUT_WR));
	sigpipes = 0;
	CHECK_ERR(write(c, "x", 1), EPIPE);
	CHECK_EQ(sigpipes, 1);
	CHECK_ERR(send(c, "x", 1, MSG_NOSIGNAL), EPIPE);
	CHECK_EQ(sigpipes, 1);
	CHECK_EQ(read(s, &ch, 1), 0);		/* the FIN arrived */
	CHECK_EQ(write(s, "y", 1), 1);		/* half-closed: the other way works */
	CHECK_EQ(read(c, &ch, 1), 1);
	close(c);
	ut_close_rst(s);
	/* writing to a peer that closed: its RST makes later writes fail with EPIPE */
	tcp_pair(&c, &s);
	close(s);
	CHECK_EQ(read(c, &ch, 1), 0);
	for (i = 0; i < 100; i++) {
		if (send(c, "x", 1, MSG_NOSIGNAL) < 0)
			break;
		ulib_sleep_ns(10 * 1000 * 1000);
	}
	CHECK(i < 100);
	CHECK(errno == EPIPE || errno == ECONNRESET);
	CHECK_ERR(send(c, "x", 1, MSG_NOSIGNAL), EPIPE);
	close(c);
	signal(SIGPIPE, SIG_DFL);
}

static void reset_case(int linger0)
{
	int c, s;
	char buf[8];

	tcp_pair(&c, &s);
	if (linger0) {
		struct linger lg = { 1, 0 };

		CHECK_SYS(setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
	} else {
		CHECK_EQ(write(c, "unread", 6), 6);
		ulib_sleep_ns(50 * 1000 * 1000);
	}
	close(s);
	CHECK_ERR(read(c, buf, sizeof(buf)), ECONNRESET);
	CHECK_EQ(read(c, buf, sizeof(buf)), 0);		/* reported once */
	CHECK_ERR(send(c, "x", 1, MSG_NOSIGNAL), EPIPE);
	close(c);
}

UTEST(tcp_reset, 0, NULL)
{
	reset_case(0);
	reset_case(1);
}

UTEST(tcp_rcvtimeo, 0, NULL)
{
	struct timeval tv = { 0, 100000 };
	int c, s;
	char ch;
	uint64_t t0;

	tcp_pair(&c, &s);
	CHECK_SYS(setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	t0 = ulib_now_ns();
	CHECK_ERR(read(c, &ch, 1), EAGAIN);
	CHECK(ulib_now_ns() - t0 >= 90 * 1000 * 1000);
	CHECK_ERR(recv(c, &ch, 1, MSG_DONTWAIT), EAGAIN);
	ut_close_rst(c);
	ut_close_rst(s);
}

UTEST(tcp_nonblock_epoll, 0, NULL)
{
	uint16_t port;
	int l = listener(4, &port), c, s, ep, err = 0, r;
	struct sockaddr_in a = lo_addr(port);
	struct epoll_event ev, got[4];
	socklen_t len = sizeof(err);
	char buf[8];

	CHECK_SYS(fcntl(l, F_SETFL, O_NONBLOCK));
	CHECK_ERR(accept(l, NULL, NULL), EAGAIN);
	c = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
	CHECK_ERR(connect(c, (struct sockaddr *)&a, sizeof(a)), EINPROGRESS);
	r = connect(c, (struct sockaddr *)&a, sizeof(a));	/* 0 once established (Linux) */
	CHECK(r == 0 || (r == -1 && errno == EALREADY));
	ep = (int)CHECK_SYS(epoll_create1(EPOLL_CLOEXEC));
	ev = (struct epoll_event){ .events = EPOLLOUT, .data.fd = c };
	CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_ADD, c, &ev));
	ev = (struct epoll_event){ .events = EPOLLIN, .data.fd = l };
	CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev));
	for (int seen = 0; seen != 3;) {
		int n = (int)CHECK_SYS(epoll_wait(ep, got, 4, 2000));

		CHECK(n > 0);
		for (int i = 0; i < n; i++)
			seen |= got[i].data.fd == c ? 1 : 2;
	}
	CHECK_SYS(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len));
	CHECK_EQ(err, 0);
	if (r != 0)	/* the connect that sees the handshake done reports success */
		CHECK_SYS(connect(c, (struct sockaddr *)&a, sizeof(a)));
	CHECK_ERR(connect(c, (struct sockaddr *)&a, sizeof(a)), EISCONN);
	s = (int)CHECK_SYS(accept4(l, NULL, NULL, SOCK_NONBLOCK));
	CHECK(fcntl(s, F_GETFL) & O_NONBLOCK);
	CHECK_ERR(accept(l, NULL, NULL), EAGAIN);
	CHECK_ERR(read(s, buf, 1), EAGAIN);
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLET, .data.fd = s };
	CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev));
	CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_DEL, c, NULL));
	CHECK_SYS(epoll_ctl(ep, EPOLL_CTL_DEL, l, NULL));
	CHECK_EQ(write(c, "ping", 4), 4);
	CHECK_EQ(epoll_wait(ep, got, 4, 2000), 1);
	CHECK_EQ(got[0].data.fd, s);
	CHECK_EQ(read(s, buf, sizeof(buf)), 4);
	CHECK_EQ(epoll_wait(ep, got, 4, 50), 0);	/* edge-triggered: no new edge */
	close(ep);
	ut_close_rst(c);
	ut_close_rst(s);
	close(l);
}

UTEST(tcp_half_close, 0, NULL)
{
	int c, s;
	char buf[16];
	struct pollfd p;

	tcp_pair(&c, &s);
	CHECK_EQ(write(c, "request", 7), 7);
	CHECK_SYS(shutdown(c, SHUT_WR));
	ut_read_all(s, buf, 7);
	CHECK(!memcmp(buf, "request", 7));
	CHECK_EQ(read(s, buf, sizeof(buf)), 0);
	p = (struct pollfd){ .fd = s, .events = POLLIN | POLLRDHUP | POLLOUT };
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLIN | POLLRDHUP | POLLOUT);
	CHECK_EQ(write(s, "reply", 5), 5);
	CHECK_SYS(shutdown(s, SHUT_WR));
	ut_read_all(c, buf, 5);
	CHECK(!memcmp(buf, "reply", 5));
	CHECK_EQ(read(c, buf, sizeof(buf)), 0);
	p = (struct pollfd){ .fd = c, .events = POLLIN | POLLOUT };
	CHECK_EQ(poll(&p, 1, 1000), 1);
	CHECK(p.revents & POLLHUP);
	ut_close_rst(c);	/* TIME_WAIT */
	close(s);
}

static uint32_t fnv(uint32_t h, const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 16777619u;
	return h;
}

/* total bytes in 64 KiB writes from a child; checksums compared; the rate noted. */
static void bulk(size_t total)
{
	static unsigned char buf[65536];
	uint32_t *shared = ut_map_shared(4096), h = 2166136261u;
	size_t got = 0;
	uint64_t t0;
	int c, s;
	pid_t pid;

	tcp_pair(&c, &s);
	t0 = ulib_now_ns();
	pid = ut_fork();
	if (pid == 0) {
		uint32_t x = 12345, hw = 2166136261u;

		close(s);
		for (size_t sent = 0; sent < total; sent += sizeof(buf)) {
			for (size_t i = 0; i < sizeof(buf); i += 4) {
				x = x * 1103515245u + 12345u;
				memcpy(buf + i, &x, 4);
			}
			hw = fnv(hw, buf, sizeof(buf));
			ut_write_all(c, buf, sizeof(buf));
		}
		shared[0] = hw;
		close(c);
		_exit(0);
	}
	close(c);
	for (;;) {
		ssize_t n = read(s, buf, sizeof(buf));

		if (n < 0)
			FAIL("read: %s", ulib_errname(errno));
		if (n == 0)
			break;
		h = fnv(h, buf, (size_t)n);
		got += (size_t)n;
	}
	ut_wait_ok(pid);
	CHECK_EQ(got, total);
	CHECK_EQ(h, shared[0]);
	ut_note("%zu MiB in %llu ms", total / MiB,
		(unsigned long long)((ulib_now_ns() - t0) / 1000000));
	ut_close_rst(s);
}

UTEST(tcp_bulk_8m, 0, NULL)
{
	bulk(8 * MiB);
}

UTEST(tcp_bulk_64m, UT_SLOW, NULL)
{
	bulk(64 * MiB);
}

UTEST(tcp_many_conns, 0, NULL)
{
	enum { N = 100 };
	int cs[N], ss[N];
	uint16_t port;
	int l = listener(N, &port);

	for (int i = 0; i < N; i++)
		cs[i] = connect_to(port);
	for (int i = 0; i < N; i++)
		ss[i] = (int)CHECK_SYS(accept(l, NULL, NULL));
	for (int i = 0; i < N; i++)
		CHECK_EQ(write(cs[i], &i, sizeof(i)), sizeof(i));
	for (int i = 0; i < N; i++) {
		int v = -1;
		struct sockaddr_in a, b;
		socklen_t la = sizeof(a), lb = sizeof(b);

		ut_read_all(ss[i], &v, sizeof(v));
		/* accept order is connect order here; each server side matches its client */
		CHECK_SYS(getpeername(ss[i], (struct sockaddr *)&a, &la));
		CHECK_SYS(getsockname(cs[v], (struct sockaddr *)&b, &lb));
		CHECK_EQ(a.sin_port, b.sin_port);
		CHECK_EQ(write(ss[i], &v, sizeof(v)), sizeof(v));
	}
	for (int i = 0; i < N; i++) {
		int v = -1;

		ut_read_all(cs[i], &v, sizeof(v));
		CHECK_EQ(v, i);
		close(cs[i]);
	}
	for (int i = 0; i < N; i++)
		ut_close_rst(ss[i]);
	close(l);
}

UTEST(tcp_names, 0, NULL)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	uint16_t port;
	int l = listener(1, &port), c, s, fd;

	fd = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0));
	CHECK_ERR(getpeername(fd, (struct sockaddr *)&a, &len), ENOTCONN);
	CHECK_SYS(getsockname(fd, (struct sockaddr *)&a, &len));
	CHECK_EQ(a.sin_port, 0);
	CHECK_EQ(a.sin_addr.s_addr, 0);
	close(fd);
	CHECK_ERR(getpeername(l, (struct sockaddr *)&a, &len), ENOTCONN);
	c = connect_to(port);
	s = (int)CHECK_SYS(accept(l, (struct sockaddr *)&a, &len));
	CHECK_EQ(len, sizeof(a));
	CHECK_EQ(a.sin_family, AF_INET);
	CHECK_EQ(a.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	CHECK_EQ(ntohs(a.sin_port), local_port(c));
	len = sizeof(a);
	CHECK_SYS(getpeername(c, (struct sockaddr *)&a, &len));
	CHECK_EQ(ntohs(a.sin_port), port);
	CHECK_EQ(local_port(s), port);
	ut_close_rst(c);
	ut_close_rst(s);
	close(l);
}

UTEST(tcp_options, 0, NULL)
{
	int c, s, v;
	socklen_t len = sizeof(v);
	struct tcp_info ti;

	tcp_pair(&c, &s);
	CHECK_SYS(getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len));
	CHECK_EQ(v, 0);
	v = 1;
	CHECK_SYS(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v)));
	CHECK_SYS(getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &len));
	CHECK_EQ(v, 1);
	CHECK_SYS(getsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, &len));
	CHECK_EQ(v, 0);
	v = 1;
	CHECK_SYS(setsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v)));
	CHECK_SYS(getsockopt(c, SOL_SOCKET, SO_KEEPALIVE, &v, &len));
	CHECK_EQ(v, 1);
	CHECK_SYS(getsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, &len));
	CHECK_EQ(v, 7200);
	CHECK_SYS(getsockopt(c, IPPROTO_TCP, TCP_KEEPINTVL, &v, &len));
	CHECK_EQ(v, 75);
	CHECK_SYS(getsockopt(c, IPPROTO_TCP, TCP_KEEPCNT, &v, &len));
	CHECK_EQ(v, 9);
	v = 60;
	CHECK_SYS(setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof(v)));
	CHECK_SYS(getsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, &len));
	CHECK_EQ(v, 60);
	v = 0;
	CHECK_ERR(setsockopt(c, IPPROTO_TCP, TCP_KEEPIDLE, &v, sizeof(v)), EINVAL);
	CHECK_SYS(getsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &v, &len));
	CHECK(v > 500 && v <= 65495);
	CHECK_SYS(getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &len));
	CHECK_EQ(v, SOCK_STREAM);
	CHECK_SYS(getsockopt(c, IPPROTO_IP, IP_TTL, &v, &len));
	CHECK_EQ(v, 64);
	CHECK_EQ(write(c, "x", 1), 1);
	CHECK_EQ(read(s, &v, 1), 1);
	len = sizeof(ti);
	CHECK_SYS(getsockopt(c, IPPROTO_TCP, TCP_INFO, &ti, &len));
	CHECK_EQ(ti.tcpi_state, 1);	/* TCP_ESTABLISHED */
	if (len == 4 && ut.host) {
		ut_note("qemu-user copies 4 bytes of TCP_INFO");
	} else {
		CHECK(len >= 104);
		CHECK(ti.tcpi_rto >= 200000);
		CHECK(ti.tcpi_snd_cwnd >= 2);
		CHECK(ti.tcpi_snd_mss > 500);
	}
	v = 0;
	CHECK_SYS(ioctl(s, FIONREAD, &v));
	CHECK_EQ(v, 0);
	CHECK_EQ(write(c, "abc", 3), 3);
	ulib_sleep_ns(20 * 1000 * 1000);
	CHECK_SYS(ioctl(s, FIONREAD, &v));
	CHECK_EQ(v, 3);
	ut_close_rst(c);
	ut_close_rst(s);
}

UTEST(tcp_poll_states, 0, NULL)
{
	int fd = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM, 0)), c, s, l;
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLRDHUP };
	uint16_t port;
	char buf[4];

	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLOUT | POLLHUP);	/* a fresh socket, as Linux */
	close(fd);
	l = listener(2, &port);
	p = (struct pollfd){ .fd = l, .events = POLLIN | POLLOUT };
	CHECK_EQ(poll(&p, 1, 0), 0);
	c = connect_to(port);
	CHECK_EQ(poll(&p, 1, 1000), 1);
	CHECK_EQ(p.revents, POLLIN);
	s = (int)CHECK_SYS(accept(l, NULL, NULL));
	p = (struct pollfd){ .fd = s, .events = POLLIN | POLLOUT | POLLRDHUP };
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLOUT);
	CHECK_EQ(write(c, "ab", 2), 2);
	CHECK_EQ(poll(&(struct pollfd){ .fd = s, .events = POLLIN }, 1, 1000), 1);
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLIN | POLLOUT);
	CHECK_EQ(read(s, buf, sizeof(buf)), 2);
	close(c);
	CHECK_EQ(poll(&(struct pollfd){ .fd = s, .events = POLLRDHUP }, 1, 1000), 1);
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLIN | POLLOUT | POLLRDHUP);
	ut_close_rst(s);
	close(l);
}

UTEST(tcp_backlog, 0, NULL)
{
	enum { N = 5 };
	uint16_t port;
	int l = listener(1, &port), cs[N], accepted = 0;
	struct sockaddr_in a = lo_addr(port);
	uint64_t t0;

	/*
	 * One connect at a time, each given time to finish: backlog 1 holds
	 * backlog + 1 = 2 connections; then the accept queue is full and
	 * SYNs are dropped (with SYN cookies too: Linux's tcp_conn_request).
	 */
	for (int i = 0; i < N; i++) {
		struct pollfd p = { .fd = -1, .events = POLLOUT };

		cs[i] = (int)CHECK_SYS(socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
		CHECK_ERR(connect(cs[i], (struct sockaddr *)&a, sizeof(a)), EINPROGRESS);
		p.fd = cs[i];
		if (i < 2) {
			CHECK_EQ(poll(&p, 1, 3000), 1);
			CHECK_EQ(p.revents, POLLOUT);
		} else {
			CHECK_EQ(poll(&p, 1, 300), 0);	/* its SYN was dropped; the retry is 1 s away */
		}
	}
	/* accepting makes room: another gets in when its SYN is retried (after 1 s) */
	t0 = ulib_now_ns();
	while (accepted < 3 && ulib_now_ns() - t0 < 4000ull * 1000 * 1000) {
		struct pollfd p = { .fd = l, .events = POLLIN };

		if (poll(&p, 1, 100) == 1) {
			close((int)CHECK_SYS(accept(l, NULL, NULL)));
			accepted++;
		}
	}
	CHECK_EQ(accepted, 3);
	close(l);
	for (int i = 0; i < N; i++)
		ut_close_rst(cs[i]);
}

/* 1-byte ping-pong between two processes: the round trip is noted. */
UTEST(tcp_pingpong, 0, NULL)
{
	enum { ROUNDS = 500 };
	int c, s, one = 1;
	uint64_t t0;
	char ch = 0;
	pid_t pid;

	tcp_pair(&c, &s);
	CHECK_SYS(setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)));
	CHECK_SYS(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)));
	pid = ut_fork();
	if (pid == 0) {
		close(c);
		for (int i = 0; i < ROUNDS; i++) {
			ut_read_all(s, &ch, 1);
			ut_write_all(s, &ch, 1);
		}
		_exit(0);
	}
	close(s);
	t0 = ulib_now_ns();
	for (int i = 0; i < ROUNDS; i++) {
		ut_write_all(c, &ch, 1);
		ut_read_all(c, &ch, 1);
	}
	ut_note("round trip %llu us", (unsigned long long)((ulib_now_ns() - t0) / ROUNDS / 1000));
	ut_wait_ok(pid);
	ut_close_rst(c);
}

/* TcpExt counter name from /proc/net/netstat, or FAIL. */
static unsigned long tcpext(const char *name)
{
	size_t len;
	char *text = ut_read_file("/proc/net/netstat", &len), *names, *vals, *n, *v;
	char *sn, *sv;
	unsigned long val = 0;
	int found = 0;

	names = strstr(text, "TcpExt: ");
	CHECK(names != NULL);
	vals = strstr(names + 1, "TcpExt: ");
	CHECK(vals != NULL);
	vals[-1] = '\0';
	*strchr(vals, '\n') = '\0';
	n = strtok_r(names + 8, " ", &sn);
	v = strtok_r(vals + 8, " ", &sv);
	while (n && v && !found) {
		if (strcmp(n, name) == 0) {
			val = strtoul(v, NULL, 10);
			found = 1;
		}
		n = strtok_r(NULL, " ", &sn);
		v = strtok_r(NULL, " ", &sv);
	}
	free(text);
	if (!found)
		FAIL("no TcpExt %s in /proc/net/netstat", name);
	return val;
}

static void syncookies_set(const char *v)
{
	int fd = (int)CHECK_SYS(open("/proc/sys/net/ipv4/tcp_syncookies", O_WRONLY));

	CHECK_EQ(write(fd, v, strlen(v)), (long)strlen(v));
	close(fd);
}

static void syncookies_user(void *arg)
{
	(void)arg;
	CHECK_ERR(open("/proc/sys/net/ipv4/tcp_syncookies", O_WRONLY), EACCES);
}

/* With cookies always on, every handshake goes through one: data flows both ways. */
static void syncookies_body(void *arg)
{
	unsigned long sent = tcpext("SyncookiesSent"), recv = tcpext("SyncookiesRecv");
	static char buf[256 * 1024], back[sizeof(buf)];
	int c, s, fd;
	pid_t pid;

	(void)arg;
	fd = (int)CHECK_SYS(open("/proc/sys/net/ipv4/tcp_syncookies", O_WRONLY));
	CHECK_ERR(write(fd, "3", 1), EINVAL);
	CHECK_ERR(write(fd, "x\n", 2), EINVAL);
	close(fd);
	syncookies_set("2\n");
	tcp_pair(&c, &s);
	CHECK(tcpext("SyncookiesSent") > sent);
	CHECK(tcpext("SyncookiesRecv") > recv);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 7 + i / 251);
	pid = ut_fork();
	if (pid == 0) {
		ut_write_all(c, buf, sizeof(buf));
		_exit(0);
	}
	ut_read_all(s, back, sizeof(back));
	ut_wait_ok(pid);
	CHECK(memcmp(buf, back, sizeof(buf)) == 0);
	ut_write_all(s, "ok", 2);
	ut_read_all(c, back, 2);
	CHECK(memcmp(back, "ok", 2) == 0);
	close(c);
	ut_close_rst(s);
}

/* SYN cookies (/proc/sys/net/ipv4/tcp_syncookies = 2): handshakes and data; the setting's rules. */
UTEST(tcp_syncookies, 0, "changes the host's net.ipv4.tcp_syncookies")
{
	size_t len;
	char *v = ut_read_file("/proc/sys/net/ipv4/tcp_syncookies", &len);
	int status;

	CHECK(strcmp(v, "1\n") == 0);
	free(v);
	ut_run_as_user(syncookies_user, NULL);
	status = ut_run_child(syncookies_body, NULL);
	syncookies_set("1");
	if (status != 0) {
		char why[128];

		ut_describe_status(status, why, sizeof(why));
		FAIL("with cookies always on: %s", why);
	}
}
