/*
 * netlib: helpers shared by the network commands; interface in netlib.h.
 * Plain Linux ABI only (sockets, poll, the SIOC* ioctls), so the commands
 * run the same on Kestrel and under qemu-riscv64 on a Linux host.
 */
#include <errno.h>
#include <fcntl.h>
#include <net/route.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "netlib.h"
#include "resolv.h"

int64_t net_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int net_parse_port(const char *s, uint16_t *port)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v == 0 || v > 65535 || s[0] == '-' || s[0] == '+') {
		errno = EINVAL;
		return -1;
	}
	*port = (uint16_t)v;
	return 0;
}

int net_parse_secs(const char *s, long *ms)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (!*s || *end || errno || !(v >= 0) || v > 1e7) {
		errno = EINVAL;
		return -1;
	}
	*ms = (long)(v * 1000 + 0.5);
	return 0;
}

int net_sockaddr(const char *host, uint16_t port, struct sockaddr_in *sa, char *err,
		 size_t errlen)
{
	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	sa->sin_port = htons(port);
	return resolv_lookup(host, &sa->sin_addr, err, errlen);
}

/* Wait for a non-blocking connect on fd; 0 or -1 with errno. */
static int connect_wait(int fd, long timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	int64_t deadline = net_now_us() + (int64_t)timeout_ms * 1000;
	int err = 0;
	socklen_t len = sizeof(err);

	for (;;) {
		int64_t left = (deadline - net_now_us()) / 1000;
		int r = poll(&p, 1, left < 0 ? 0 : (int)left);
		if (r > 0)
			break;
		if (r == 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (errno != EINTR)
			return -1;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) < 0)
		return -1;
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

int net_connect(const struct sockaddr_in *sa, int type, long timeout_ms, uint16_t src_port)
{
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0), fl, saved, one = 1;

	if (fd < 0)
		return -1;
	if (src_port) {
		struct sockaddr_in src = { .sin_family = AF_INET, .sin_port = htons(src_port) };

		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, (struct sockaddr *)&src, sizeof(src)) < 0)
			goto err_close;
	}
	if (timeout_ms < 0 || type != SOCK_STREAM) {
		if (connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) == 0)
			return fd;
		goto err_close;
	}
	fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
		goto err_close;
	if (connect(fd, (const struct sockaddr *)sa, sizeof(*sa)) < 0 &&
	    (errno != EINPROGRESS || connect_wait(fd, timeout_ms) < 0))
		goto err_close;
	if (fcntl(fd, F_SETFL, fl) < 0)
		goto err_close;
	return fd;
err_close:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

int net_send_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= w;
	}
	return 0;
}

const char *net_ntoa(struct in_addr a)
{
	static char bufs[4][INET_ADDRSTRLEN];
	static int next;
	char *b = bufs[next++ & 3];

	inet_ntop(AF_INET, &a, b, INET_ADDRSTRLEN);
	return b;
}

int net_ifreq(int fd, unsigned long req, const char *name, struct ifreq *ifr)
{
	if (strlen(name) >= IFNAMSIZ) {
		errno = ENODEV;
		return -1;
	}
	strncpy(ifr->ifr_name, name, IFNAMSIZ);
	return ioctl(fd, req, ifr);
}

int net_if_set_addr(int fd, const char *name, unsigned long req, struct in_addr a)
{
	struct ifreq ifr;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ifr.ifr_addr;

	memset(&ifr, 0, sizeof(ifr));
	sin->sin_family = AF_INET;
	sin->sin_addr = a;
	return net_ifreq(fd, req, name, &ifr);
}

int net_if_flags(int fd, const char *name, short set, short clear)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	if (net_ifreq(fd, SIOCGIFFLAGS, name, &ifr) < 0)
		return -1;
	ifr.ifr_flags = (short)((ifr.ifr_flags | set) & ~clear);
	return net_ifreq(fd, SIOCSIFFLAGS, name, &ifr);
}

static void set_sin(struct sockaddr *sa, struct in_addr a)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)sa;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr = a;
}

int net_route(int fd, unsigned long req, struct in_addr dst, struct in_addr mask,
	      struct in_addr gw, const char *dev)
{
	struct rtentry rt;

	memset(&rt, 0, sizeof(rt));
	set_sin(&rt.rt_dst, dst);
	set_sin(&rt.rt_genmask, mask);
	set_sin(&rt.rt_gateway, gw);
	rt.rt_flags = RTF_UP;
	if (gw.s_addr)
		rt.rt_flags |= RTF_GATEWAY;
	if (mask.s_addr == 0xffffffffu)
		rt.rt_flags |= RTF_HOST;
	rt.rt_dev = (char *)dev;
	return ioctl(fd, req, &rt);
}
