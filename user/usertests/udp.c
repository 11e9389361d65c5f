/*
 * usertests: AF_INET datagram sockets (UDP) over loopback, and the
 * interface ioctls every AF_INET socket answers (docs/net.md).
 *
 * sendto/recvfrom with source addresses, ephemeral ports, bind errors
 * (EADDRINUSE, EADDRNOTAVAIL, EINVAL twice, SO_REUSEADDR sharing),
 * connect and its filter, AF_UNSPEC disconnect, ECONNREFUSED from an
 * ICMP port unreachable, MSG_TRUNC/MSG_PEEK/MSG_DONTWAIT, SO_RCVTIMEO,
 * the 65507-byte limit (EMSGSIZE above it), SO_BROADCAST (EACCES
 * without it), FIONREAD, poll, shutdown, IP_TTL, bad addresses
 * (EAFNOSUPPORT, EINVAL, EFAULT), 4 senders at once, and SIOCGIFCONF/
 * SIOCGIFADDR/SIOCGIFFLAGS on lo. All pass on Linux (qemu-riscv64 -H).
 */
#include "usertests.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static struct sockaddr_in sin_of(uint32_t host_addr, uint16_t port)
{
	struct sockaddr_in a;

	ut_sockaddr_in(&a, host_addr, port);
	return a;
}

/* Loopback delivery is asynchronous (as on any network): wait for it. */
static void wait_readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	if (poll(&p, 1, 5000) != 1)
		FAIL("nothing arrived in 5 s");
}

/* A UDP socket bound to 127.0.0.1 on an ephemeral port; its address in *a. */
static int udp_bound(struct sockaddr_in *a)
{
	int fd = (int)CHECK_SYS(socket(AF_INET, SOCK_DGRAM, 0));
	socklen_t len = sizeof(*a);

	*a = sin_of(INADDR_LOOPBACK, 0);
	CHECK_SYS(bind(fd, (struct sockaddr *)a, sizeof(*a)));
	CHECK_SYS(getsockname(fd, (struct sockaddr *)a, &len));
	CHECK_EQ(len, sizeof(*a));
	CHECK(ntohs(a->sin_port) != 0);
	return fd;
}

UTEST(udp_sendto_recvfrom, 0, NULL)
{
	struct sockaddr_in a, b, from;
	socklen_t flen = sizeof(from);
	int fa = udp_bound(&a), fb = udp_bound(&b);
	char buf[64];

	CHECK_EQ(sendto(fa, "hello", 5, 0, (struct sockaddr *)&b, sizeof(b)), 5);
	CHECK_EQ(recvfrom(fb, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen), 5);
	CHECK(memcmp(buf, "hello", 5) == 0);
	CHECK_EQ(flen, sizeof(from));
	CHECK_EQ(from.sin_family, AF_INET);
	CHECK_EQ(from.sin_port, a.sin_port);
	CHECK_EQ(from.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	/* An empty datagram is a datagram. */
	CHECK_EQ(sendto(fb, "", 0, 0, (struct sockaddr *)&a, sizeof(a)), 0);
	CHECK_EQ(recv(fa, buf, sizeof(buf), 0), 0);
	/* Boundaries are kept. */
	CHECK_EQ(sendto(fa, "ab", 2, 0, (struct sockaddr *)&b, sizeof(b)), 2);
	CHECK_EQ(sendto(fa, "cde", 3, 0, (struct sockaddr *)&b, sizeof(b)), 3);
	CHECK_EQ(recv(fb, buf, sizeof(buf), 0), 2);
	CHECK_EQ(recv(fb, buf, sizeof(buf), 0), 3);
	close(fa);
	close(fb);
}

UTEST(udp_ephemeral_ports, 0, NULL)
{
	enum { N = 64 };
	int fds[N];
	uint16_t ports[N];
	struct sockaddr_in a = sin_of(INADDR_LOOPBACK, 9), self;
	socklen_t len = sizeof(self);

	for (int i = 0; i < N; i++) {
		fds[i] = (int)CHECK_SYS(socket(AF_INET, SOCK_DGRAM, 0));
		/* sendto on an unbound socket binds an ephemeral port */
		CHECK_EQ(sendto(fds[i], "x", 1, 0, (struct sockaddr *)&a, sizeof(a)), 1);
		len = sizeof(self);
		CHECK_SYS(getsockname(fds[i], (struct sockaddr *)&self, &len));
		ports[i] = ntohs(self.sin_port);
		CHECK(ports[i] >= 1024);
		for (int j = 0; j < i; j++)
			if (ports[j] == ports[i])
				FAIL("port %u given twice", ports[i]);
	}
	for (int i = 0; i < N; i++)
		close(fds[i]);
}

UTEST(udp_bind_errors, 0, NULL)
{
	struct sockaddr_in a, other;
	int fa = udp_bound(&a), fb = (int)CHECK_SYS(socket(AF_INET, SOCK_DGRAM, 0));
	int one = 1, fc, fd;

	CHECK_ERR(bind(fb, (struct sockaddr *)&a, sizeof(a)), EADDRINUSE);
	/* any-address overlaps 127.0.0.1 */
	other = sin_of(INADDR_ANY, ntohs(a.sin_port));
	CHECK_ERR(bind(fb, (struct sockaddr *)&other, sizeof(other)), EADDRINUSE);
	other = sin_of(0xc0000201, 0);	/* 192.0.2.1: not ours */
	CHECK_ERR(bind(fb, (struct sockaddr *)&other, sizeof(other)), EADDRNOTAVAIL);
	other = sin_of(INADDR_LOOPBACK, 0);
	CHECK_ERR(bind(fa, (struct sockaddr *)&other, sizeof(other)), EINVAL);	/* bound already */
	CHECK_ERR(bind(fb, (struct sockaddr *)&a, sizeof(a) - 1), EINVAL);
	other = a;
	other.sin_family = AF_INET6;
	CHECK_ERR(bind(fb, (struct sockaddr *)&other, sizeof(other)), EAFNOSUPPORT);
	CHECK_ERR(bind(fb, ut_ptr(16), sizeof(a)), EFAULT);
	/* SO_REUSEADDR on both: they share the port */
	fc = (int)CHECK_SYS(socket(AF_INET, SOCK_DGRAM, 0));
	fd = (int)CHECK_SYS(socket(AF_INET, SOCK_DGRAM, 0));
	CHECK_SYS(setsockopt(fc, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	CHECK_SYS(setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
	other = sin_of(INADDR_LOOPBACK, 0);
	CHECK_SYS(bind(fc, (struct sockaddr *)&other, sizeof(other)));
	socklen_t len = sizeof(other);
	CHECK_SYS(getsockname(fc, (struct sockaddr *)&other, &len));
	CHECK_SYS(bind(fd, (struct sockaddr *)&other, sizeof(other)));
	close(fa);
	close(fb);
	close(fc);
	close(fd);
}

UTEST(udp_connect_filter, 0, NULL)
{
	struct sockaddr_in a, b, c, peer;
	socklen_t len = sizeof(peer);
	int fa = udp_bound(&a), fb = udp_bound(&b), fc = udp_bound(&c);
	char buf[16];

	CHECK_ERR(getpeername(fa, (struct sockaddr *)&peer, &len), ENOTCONN);
	CHECK_SYS(connect(fa, (struct sockaddr *)&b, sizeof(b)));
	len = sizeof(peer);
	CHECK_SYS(getpeername(fa, (struct sockaddr *)&peer, &len));
	CHECK_EQ(peer.sin_port, b.sin_port);
	/* send without an address goes to the peer */
	CHECK_EQ(send(fa, "1", 1, 0), 1);
	CHECK_EQ(recv(fb, buf, sizeof(buf), 0), 1);
	/* a datagram from c is filtered out; one from b arrives */
	CHECK_EQ(sendto(fc, "c", 1, 0, (struct sockaddr *)&a, sizeof(a)), 1);
	CHECK_EQ(sendto(fb, "b", 1, 0, (struct sockaddr *)&a, sizeof(a)), 1);
	CHECK_EQ(recv(fa, buf, sizeof(buf), 0), 1);
	CHECK_EQ(buf[0], 'b');
	CHECK_ERR(recv(fa, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	/* AF_UNSPEC dissolves the association */
	struct sockaddr unspec = { .sa_family = AF_UNSPEC };
	CHECK_SYS(connect(fa, &unspec, sizeof(unspec)));
	len = sizeof(peer);
	CHECK_ERR(getpeername(fa, (struct sockaddr *)&peer, &len), ENOTCONN);
	CHECK_ERR(send(fa, "1", 1, 0), EDESTADDRREQ);
	CHECK_EQ(sendto(fa, "2", 1, 0, (struct sockaddr *)&c, sizeof(c)), 1);
	CHECK_EQ(recv(fc, buf, sizeof(buf), 0), 1);
	CHECK_EQ(buf[0], '2');
	close(fa);
	close(fb);
	close(fc);
}

UTEST(udp_econnrefused, 0, NULL)
{
	struct sockaddr_in a, gone;
	int fa = udp_bound(&a), fg = udp_bound(&gone), err = 0;
	socklen_t len = sizeof(err);
	char buf[4];

	close(fg);	/* nobody listens there now */
	CHECK_SYS(connect(fa, (struct sockaddr *)&gone, sizeof(gone)));
	CHECK_EQ(send(fa, "?", 1, 0), 1);
	/* the ICMP port unreachable comes back as the socket's error, reported once */
	CHECK_ERR(recv(fa, buf, sizeof(buf), 0), ECONNREFUSED);
	CHECK_SYS(getsockopt(fa, SOL_SOCKET, SO_ERROR, &err, &len));
	CHECK_EQ(err, 0);
	/* with SO_ERROR read instead of recv */
	CHECK_EQ(send(fa, "?", 1, 0), 1);
	struct pollfd p = { .fd = fa, .events = POLLIN };
	CHECK_EQ(poll(&p, 1, 5000), 1);
	CHECK(p.revents & POLLERR);
	len = sizeof(err);
	CHECK_SYS(getsockopt(fa, SOL_SOCKET, SO_ERROR, &err, &len));
	CHECK_EQ(err, ECONNREFUSED);
	CHECK_ERR(recv(fa, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	close(fa);
}

UTEST(udp_trunc_peek, 0, NULL)
{
	struct sockaddr_in a, b;
	int fa = udp_bound(&a), fb = udp_bound(&b), n = 0;
	char buf[16];

	CHECK_EQ(sendto(fa, "0123456789", 10, 0, (struct sockaddr *)&b, sizeof(b)), 10);
	wait_readable(fb);
	CHECK_SYS(ioctl(fb, FIONREAD, &n));
	CHECK_EQ(n, 10);
	CHECK_EQ(recv(fb, buf, 4, MSG_PEEK), 4);
	CHECK(memcmp(buf, "0123", 4) == 0);
	CHECK_EQ(recv(fb, buf, 2, MSG_PEEK | MSG_TRUNC), 10);
	/* recvmsg reports MSG_TRUNC; the rest of the datagram is gone */
	struct iovec iov = { buf, 3 };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	CHECK_EQ(recvmsg(fb, &mh, 0), 3);
	CHECK(mh.msg_flags & MSG_TRUNC);
	CHECK_ERR(recv(fb, buf, sizeof(buf), MSG_DONTWAIT), EAGAIN);
	n = -1;
	CHECK_SYS(ioctl(fb, FIONREAD, &n));
	CHECK_EQ(n, 0);
	close(fa);
	close(fb);
}

UTEST(udp_rcvtimeo, 0, NULL)
{
	struct sockaddr_in a;
	int fa = udp_bound(&a);
	struct timeval tv = { 0, 100000 };
	struct timespec t0, t1;
	char buf[4];

	CHECK_SYS(setsockopt(fa, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_ERR(recv(fa, buf, sizeof(buf), 0), EAGAIN);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	if (ms < 90)
		FAIL("SO_RCVTIMEO 100 ms returned after %ld ms", ms);
	close(fa);
}

UTEST(udp_size_limits, 0, NULL)
{
	struct sockaddr_in a, b;
	int fa = udp_bound(&a), fb = udp_bound(&b), big = 256 * 1024;
	size_t max = 65507;
	char *buf = malloc(max + 2), *got = malloc(max + 2);

	CHECK(buf && got);
	for (size_t i = 0; i < max + 1; i++)
		buf[i] = (char)(i * 7 + 3);
	CHECK_SYS(setsockopt(fb, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big)));
	CHECK_EQ(sendto(fa, buf, max, 0, (struct sockaddr *)&b, sizeof(b)), (long)max);
	CHECK_EQ(recv(fb, got, max + 2, 0), (long)max);
	CHECK(memcmp(buf, got, max) == 0);
	CHECK_ERR(sendto(fa, buf, max + 1, 0, (struct sockaddr *)&b, sizeof(b)), EMSGSIZE);
	CHECK_ERR(sendto(fa, ut_ptr(16), 10, 0, (struct sockaddr *)&b, sizeof(b)), EFAULT);
	free(buf);
	free(got);
	close(fa);
	close(fb);
}

UTEST(udp_broadcast_needs_option, 0, NULL)
{
	struct sockaddr_in bc = sin_of(INADDR_BROADCAST, 9);
	int fa = (int)CHECK_SYS(socket(AF_INET, SOCK_DGRAM, 0)), one = 1, v = 0;
	socklen_t len = sizeof(v);

	CHECK_ERR(sendto(fa, "x", 1, 0, (struct sockaddr *)&bc, sizeof(bc)), EACCES);
	CHECK_SYS(setsockopt(fa, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)));
	CHECK_SYS(getsockopt(fa, SOL_SOCKET, SO_BROADCAST, &v, &len));
	CHECK_EQ(v, 1);
	close(fa);
}

UTEST(udp_poll_shutdown, 0, NULL)
{
	struct sockaddr_in a, b;
	int fa = udp_bound(&a), fb = udp_bound(&b);
	struct pollfd p = { .fd = fb, .events = POLLIN | POLLOUT };
	char buf[4];

	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLOUT);
	CHECK_EQ(sendto(fa, "x", 1, 0, (struct sockaddr *)&b, sizeof(b)), 1);
	wait_readable(fb);
	CHECK_EQ(poll(&p, 1, 0), 1);
	CHECK_EQ(p.revents, POLLIN | POLLOUT);
	CHECK_EQ(recv(fb, buf, sizeof(buf), 0), 1);
	/* shutdown needs a connected socket */
	CHECK_ERR(shutdown(fa, SHUT_RDWR), ENOTCONN);
	CHECK_SYS(connect(fa, (struct sockaddr *)&b, sizeof(b)));
	CHECK_SYS(shutdown(fa, SHUT_RD));
	CHECK_EQ(recv(fa, buf, sizeof(buf), 0), 0);	/* no longer blocks */
	close(fa);
	close(fb);
}

UTEST(udp_ip_ttl, 0, NULL)
{
	int fa = (int)CHECK_SYS(socket(AF_INET, SOCK_DGRAM, IPPROTO_UDP)), v = 0, ttl = 7;
	socklen_t len = sizeof(v);

	CHECK_SYS(getsockopt(fa, IPPROTO_IP, IP_TTL, &v, &len));
	CHECK_EQ(v, 64);
	CHECK_SYS(setsockopt(fa, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)));
	len = sizeof(v);
	CHECK_SYS(getsockopt(fa, IPPROTO_IP, IP_TTL, &v, &len));
	CHECK_EQ(v, 7);
	ttl = 256;
	CHECK_ERR(setsockopt(fa, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)), EINVAL);
	len = sizeof(v);
	CHECK_SYS(getsockopt(fa, SOL_SOCKET, SO_TYPE, &v, &len));
	CHECK_EQ(v, SOCK_DGRAM);
	CHECK_ERR(socket(AF_INET, SOCK_DGRAM, IPPROTO_TCP), EPROTONOSUPPORT);
	close(fa);
}

/* 4 processes send 200 numbered datagrams each to one receiver; every one arrives once. */
UTEST(udp_many_senders, 0, NULL)
{
	enum { SENDERS = 4, EACH = 200 };
	struct sockaddr_in r;
	int fr = udp_bound(&r), big = 1 << 20;
	static unsigned char seen[SENDERS][EACH];
	pid_t pids[SENDERS];

	memset(seen, 0, sizeof(seen));
	CHECK_SYS(setsockopt(fr, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big)));
	for (int s = 0; s < SENDERS; s++) {
		pids[s] = ut_fork();
		if (pids[s] == 0) {
			int fd = socket(AF_INET, SOCK_DGRAM, 0);

			for (int i = 0; i < EACH; i++) {
				unsigned char m[2] = { (unsigned char)s, (unsigned char)i };
				if (sendto(fd, m, 2, 0, (struct sockaddr *)&r, sizeof(r)) != 2)
					_exit(1);
				if (i % 16 == 15)
					usleep(1000);	/* let the receiver keep up */
			}
			_exit(0);
		}
	}
	for (int n = 0; n < SENDERS * EACH; n++) {
		unsigned char m[4];
		struct pollfd p = { .fd = fr, .events = POLLIN };

		if (poll(&p, 1, 10000) != 1)
			FAIL("only %d of %d datagrams arrived", n, SENDERS * EACH);
		CHECK_EQ(recv(fr, m, sizeof(m), 0), 2);
		CHECK(m[0] < SENDERS && m[1] < EACH);
		if (seen[m[0]][m[1]]++)
			FAIL("datagram %u/%u twice", m[0], m[1]);
	}
	for (int s = 0; s < SENDERS; s++)
		ut_wait_ok(pids[s]);
	close(fr);
}

UTEST(inet_ioctl_lo, 0, NULL)
{
	int fd = (int)CHECK_SYS(socket(AF_INET, SOCK_DGRAM, 0));
	struct ifreq ifr, list[16];
	struct ifconf ifc = { .ifc_len = sizeof(list), .ifc_req = list };
	int found = 0;

	CHECK_SYS(ioctl(fd, SIOCGIFCONF, &ifc));
	CHECK(ifc.ifc_len > 0 && ifc.ifc_len % (int)sizeof(struct ifreq) == 0);
	for (int i = 0; i < ifc.ifc_len / (int)sizeof(struct ifreq); i++)
		if (strcmp(list[i].ifr_name, "lo") == 0)
			found = 1;
	CHECK(found);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	CHECK_SYS(ioctl(fd, SIOCGIFADDR, &ifr));
	CHECK_EQ(((struct sockaddr_in *)&ifr.ifr_addr)->sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	CHECK_SYS(ioctl(fd, SIOCGIFNETMASK, &ifr));
	CHECK_EQ(((struct sockaddr_in *)&ifr.ifr_netmask)->sin_addr.s_addr, htonl(0xff000000));
	CHECK_SYS(ioctl(fd, SIOCGIFFLAGS, &ifr));
	CHECK(ifr.ifr_flags & IFF_UP);
	CHECK(ifr.ifr_flags & IFF_LOOPBACK);
	CHECK_SYS(ioctl(fd, SIOCGIFINDEX, &ifr));
	CHECK(ifr.ifr_ifindex >= 1);
	strcpy(ifr.ifr_name, "nosuch0");
	CHECK_ERR(ioctl(fd, SIOCGIFFLAGS, &ifr), ENODEV);
	CHECK_ERR(ioctl(fd, SIOCGIFFLAGS, ut_ptr(16)), EFAULT);
	close(fd);
}

/* An ICMP echo socket on a Linux host needs net.ipv4.ping_group_range to include us
 * (ut_host_skip fails the test when it is not the host run). */
static int ping_socket_or_skip(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);

	if (fd < 0 && (errno == EACCES || errno == EPERM))
		ut_host_skip("ping sockets are not allowed here (net.ipv4.ping_group_range)");
	if (fd < 0)
		FAIL("socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP): %s", ulib_errname(errno));
	return fd;
}

UTEST(ping_socket_echo, 0, NULL)
{
	int fd = ping_socket_or_skip();
	struct sockaddr_in lo = sin_of(INADDR_LOOPBACK, 0), from, self;
	socklen_t flen = sizeof(from), slen = sizeof(self);
	unsigned char req[8 + 32], rep[128];

	memset(req, 0, sizeof(req));
	req[0] = 8;	/* echo request */
	req[7] = 5;	/* sequence 5 */
	for (int i = 8; i < (int)sizeof(req); i++)
		req[i] = (unsigned char)i;
	CHECK_EQ(sendto(fd, req, sizeof(req), 0, (struct sockaddr *)&lo, sizeof(lo)), (long)sizeof(req));
	CHECK_SYS(getsockname(fd, (struct sockaddr *)&self, &slen));
	CHECK(self.sin_port != 0);	/* the identifier picked for us */
	wait_readable(fd);
	CHECK_EQ(recvfrom(fd, rep, sizeof(rep), 0, (struct sockaddr *)&from, &flen), (long)sizeof(req));
	CHECK_EQ(rep[0], 0);	/* echo reply */
	CHECK_EQ(rep[1], 0);
	CHECK(memcmp(rep + 4, &self.sin_port, 2) == 0);
	CHECK_EQ(rep[7], 5);
	CHECK(memcmp(rep + 8, req + 8, sizeof(req) - 8) == 0);
	CHECK_EQ(from.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	/* only echo requests may be sent, and the header must be whole */
	req[0] = 13;	/* timestamp */
	CHECK_ERR(sendto(fd, req, sizeof(req), 0, (struct sockaddr *)&lo, sizeof(lo)), EINVAL);
	req[0] = 8;
	CHECK_ERR(sendto(fd, req, 4, 0, (struct sockaddr *)&lo, sizeof(lo)), EINVAL);
	close(fd);
}
