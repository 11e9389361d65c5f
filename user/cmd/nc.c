/*
 * nc: read and write TCP or UDP connections (OpenBSD netcat's options).
 *
 *   nc [-uvzN] [-w SECS] [-p SRCPORT] HOST PORT   connect; copy stdin to the
 *                                                 socket and the socket to stdout
 *   nc -l [-uv] [-w SECS] [-p] PORT [ADDR]        accept one connection (TCP) or
 *                                                 the first sender (UDP), then the same
 *   -u  UDP: each read of stdin is one datagram
 *   -z  scan: connect and close at once, send nothing (exit 0 if it connected)
 *   -w  connect timeout, and an idle timeout: no data either way for SECS ends it;
 *       with -l also the longest wait for the connection (first datagram)
 *   -N  accepted for compatibility: at stdin EOF nc always shuts down its
 *       write side (TCP) and keeps reading until the peer closes; when the
 *       peer closes first, nc goes on sending stdin until its EOF
 *   -v  report the connection on stderr
 *
 * UDP after stdin EOF: a client exits at once (or after -w of silence); a
 * listener goes on receiving until -w of silence (without -w, forever).
 * Exit 0 on success, 1 on a failure, 2 on a usage error. Socket writes use
 * MSG_NOSIGNAL; a closed stdout pipe kills nc by SIGPIPE like any filter.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "cmdfs.h"
#include "netlib.h"

#define NC_USAGE "nc [-uvzN] [-w SECS] [-p PORT] HOST PORT | nc -l [-uv] [-w SECS] [-p] PORT [ADDR]"

struct nc_opts {
	int listen, udp, zero, verbose;
	long wait_ms;		/* -1: none */
	uint16_t src_port;
};

static const char *proto(const struct nc_opts *o)
{
	return o->udp ? "udp" : "tcp";
}

/* Copy between stdin/stdout and fd until the conversation ends; exit status. */
static int pump(int fd, const struct nc_opts *o)
{
	char buf[CMD_BUFSZ];
	int in_open = 1, net_open = 1;
	int64_t last = net_now_us();

	for (;;) {
		struct pollfd p[2] = { { .fd = net_open ? fd : -1, .events = POLLIN },
				       { .fd = in_open ? 0 : -1, .events = POLLIN } };
		int timeout = -1;

		if (o->wait_ms >= 0) {
			int64_t left = o->wait_ms - (net_now_us() - last) / 1000;
			if (left <= 0)
				return 0;
			timeout = (int)left;
		}
		int r = poll(p, 2, timeout);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			cmd_warn("poll");
			return 1;
		}
		if (r == 0)
			continue;
		last = net_now_us();
		if (p[0].revents) {
			ssize_t n = recv(fd, buf, sizeof(buf), 0);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0 && o->udp && errno == ECONNREFUSED)
				continue;	/* a port unreachable for an earlier datagram */
			if (n < 0) {
				cmd_warn("read");
				return 1;
			}
			if (n == 0 && !o->udp) {
				net_open = 0;	/* the peer is done; finish sending stdin */
				if (!in_open)
					return 0;
				continue;
			}
			if (cmd_write_all(1, buf, n) < 0) {
				cmd_warn("write");
				return 1;
			}
		}
		if (p[1].revents) {
			ssize_t n = cmd_read(0, buf, sizeof(buf));
			if (n < 0) {
				cmd_warn("stdin");
				return 1;
			}
			if (n == 0) {
				in_open = 0;
				if (!o->udp && !net_open)
					return 0;
				if (!o->udp)
					shutdown(fd, SHUT_WR);
				else if (!o->listen && o->wait_ms < 0)
					return 0;
				continue;
			}
			if (net_send_all(fd, buf, n) < 0 && !(o->udp && errno == ECONNREFUSED)) {
				if (!net_open && (errno == EPIPE || errno == ECONNRESET))
					return 0;	/* the peer closed both ways */
				cmd_warn("write");
				return 1;
			}
		}
	}
}

static int do_connect(const char *host, const char *port_s, const struct nc_opts *o)
{
	struct sockaddr_in sa;
	char err[128];
	uint16_t port;
	int fd, type = o->udp ? SOCK_DGRAM : SOCK_STREAM;

	if (net_parse_port(port_s, &port) < 0) {
		cmd_warnx("port number invalid: %s", port_s);
		return 1;
	}
	if (net_sockaddr(host, port, &sa, err, sizeof(err)) < 0) {
		cmd_warnx("getaddrinfo for host \"%s\" port %s: %s", host, port_s, err);
		return 1;
	}
	fd = net_connect(&sa, type, o->wait_ms, o->src_port);
	if (fd < 0) {
		cmd_warn("connect to %s port %s (%s) failed", host, port_s, proto(o));
		return 1;
	}
	if (o->verbose)
		fprintf(stderr, "Connection to %s %s port [%s/*] succeeded!\n", host, port_s, proto(o));
	if (o->zero) {
		close(fd);
		return 0;
	}
	int r = pump(fd, o);
	close(fd);
	return r;
}

/* The listening (TCP) or bound (UDP) socket for -l; -1 after a message. */
static int listen_socket(const char *addr, uint16_t port, const struct nc_opts *o)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	char err[128];
	int one = 1, fd;

	if (addr && net_sockaddr(addr, port, &sa, err, sizeof(err)) < 0) {
		cmd_warnx("%s: %s", addr, err);
		return -1;
	}
	fd = socket(AF_INET, (o->udp ? SOCK_DGRAM : SOCK_STREAM) | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		cmd_warn("socket");
		return -1;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || (!o->udp && listen(fd, 1) < 0)) {
		cmd_warn("bind or listen on port %u", port);
		close(fd);
		return -1;
	}
	return fd;
}

/* -l with -w: wait up to -w for a connection or datagram; 0, or -1 (reported). */
static int wait_first(int fd, const struct nc_opts *o)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int r;

	if (o->wait_ms < 0)
		return 0;
	do
		r = poll(&p, 1, (int)o->wait_ms);
	while (r < 0 && errno == EINTR);
	if (r > 0)
		return 0;
	cmd_warnx("timed out waiting for a %s", o->udp ? "datagram" : "connection");
	return -1;
}

/* UDP -l: wait for the first datagram, print it, connect to its sender. */
static int udp_first(int fd)
{
	char buf[CMD_BUFSZ];
	struct sockaddr_in from;
	socklen_t len = sizeof(from);
	ssize_t n;

	do
		n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &len);
	while (n < 0 && errno == EINTR);
	if (n < 0 || connect(fd, (struct sockaddr *)&from, len) < 0) {
		cmd_warn("recvfrom");
		return -1;
	}
	if (cmd_write_all(1, buf, n) < 0)
		return -1;
	return 0;
}

static int do_listen(const char *port_s, const char *addr, const struct nc_opts *o)
{
	struct sockaddr_in peer;
	socklen_t len = sizeof(peer);
	uint16_t port;
	int fd, conn, r;

	if (net_parse_port(port_s, &port) < 0) {
		cmd_warnx("port number invalid: %s", port_s);
		return 1;
	}
	fd = listen_socket(addr, port, o);
	if (fd < 0)
		return 1;
	if (wait_first(fd, o) < 0) {
		close(fd);
		return 1;
	}
	if (o->udp) {
		r = udp_first(fd) < 0 ? 1 : pump(fd, o);
		close(fd);
		return r;
	}
	do
		conn = accept4(fd, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
	while (conn < 0 && errno == EINTR);
	close(fd);
	if (conn < 0) {
		cmd_warn("accept");
		return 1;
	}
	if (o->verbose)
		fprintf(stderr, "Connection received on %s %u\n", net_ntoa(peer.sin_addr),
			ntohs(peer.sin_port));
	r = pump(conn, o);
	close(conn);
	return r;
}

int main(int argc, char **argv)
{
	struct nc_opts o = { .wait_ms = -1 };
	const char *port_opt = NULL;
	int c;

	while ((c = getopt(argc, argv, "luvzNw:p:")) != -1) {
		switch (c) {
		case 'l': o.listen = 1; break;
		case 'u': o.udp = 1; break;
		case 'v': o.verbose = 1; break;
		case 'z': o.zero = 1; break;
		case 'N': break;
		case 'w':
			if (net_parse_secs(optarg, &o.wait_ms) < 0 || o.wait_ms == 0)
				cmd_usage(NC_USAGE);
			break;
		case 'p': port_opt = optarg; break;
		default: cmd_usage(NC_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (o.listen) {
		if (port_opt ? argc > 1 : (argc < 1 || argc > 2))
			cmd_usage(NC_USAGE);
		if (port_opt)
			return do_listen(port_opt, argc ? argv[0] : NULL, &o);
		return do_listen(argv[0], argc == 2 ? argv[1] : NULL, &o);
	}
	if (argc != 2)
		cmd_usage(NC_USAGE);
	if (port_opt && net_parse_port(port_opt, &o.src_port) < 0)
		cmd_usage(NC_USAGE);
	return do_connect(argv[0], argv[1], &o);
}
