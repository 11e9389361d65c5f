/*
 * netpeer_guest: the guest half of the network conformance test
 * (tests/net/conformance.py, docs/net-tests.md).
 *
 * Booted as pid 1 with `init=/bin/netpeer_guest` from the initramfs. It
 * mounts /proc, opens the services below (each one that cannot be opened
 * -- no AF_INET sockets or no TCP in this kernel -- is reported and left
 * out), prints one line per service and then "netpeer_guest: ready", and
 * serves until told to stop. Every line it prints starts with
 * "netpeer_guest: " so the peer can find it on the console.
 *
 *   udp/7   echo: each datagram is sent back to its sender
 *   tcp/7   echo: each connection (a child process) echoes until EOF
 *   tcp/9   discard: reads until EOF, then closes
 *   tcp/10  a listener with backlog 1 that never accepts (backlog overflow)
 *   tcp/11  echo with backlog 4, for the SYN flood (tcp/syn-flood-cookies)
 *   tcp/13  daytime-like: writes one line and closes first (the guest
 *           ends in TIME_WAIT)
 *   tcp/19  chargen: writes CHARGEN_BYTES of a pattern, then closes (the
 *           zero-window test stalls it)
 *
 * Commands, one per line on the console (the peer types them):
 *   stats   prints "netpeer_guest: stats memfree_kb=N" and the Ip, Icmp
 *           and Udp lines of /proc/net/snmp ("netpeer_guest: snmp ...")
 *   quit    prints "netpeer_guest: bye" and powers off (exits when not pid 1:
 *           the Linux reference run, docs/net-tests.md)
 *
 * Line output is written with one write(2) each, so lines of concurrent
 * children do not interleave inside a line.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHARGEN_BYTES (64 * 1024)
#define TAG "netpeer_guest: "

enum { SVC_UDP_ECHO, SVC_ECHO, SVC_DISCARD, SVC_BACKLOG, SVC_FLOOD, SVC_DAYTIME, SVC_CHARGEN, NSVC };

static const struct service {
	const char *name;
	int type, port, backlog;
} services[NSVC] = {
	[SVC_UDP_ECHO] = { "udp/7", SOCK_DGRAM, 7, 0 },
	[SVC_ECHO] = { "tcp/7", SOCK_STREAM, 7, 8 },
	[SVC_DISCARD] = { "tcp/9", SOCK_STREAM, 9, 8 },
	[SVC_BACKLOG] = { "tcp/10", SOCK_STREAM, 10, 1 },
	[SVC_FLOOD] = { "tcp/11", SOCK_STREAM, 11, 4 },
	[SVC_DAYTIME] = { "tcp/13", SOCK_STREAM, 13, 8 },
	[SVC_CHARGEN] = { "tcp/19", SOCK_STREAM, 19, 8 },
};

static void say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	memcpy(line, TAG, sizeof(TAG) - 1);
	va_start(ap, fmt);
	n = vsnprintf(line + sizeof(TAG) - 1, sizeof(line) - sizeof(TAG), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n += sizeof(TAG) - 1;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(1, line, n) < 0)
		return;
}

/* A bound socket for service s (listening for TCP), or -1 with errno set. */
static int open_service(const struct service *s)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(s->port),
				   .sin_addr.s_addr = htonl(INADDR_ANY) };
	int one = 1, fd = socket(AF_INET, s->type, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		goto err;
	if (s->type == SOCK_STREAM && listen(fd, s->backlog) < 0)
		goto err;
	return fd;
err:;
	int e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* write all of buf; 0, or -1 on an error. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* One TCP connection of service svc, in a child process. */
static void serve_conn(int svc, int fd)
{
	static char buf[4096];
	long total = 0;
	ssize_t n;

	switch (svc) {
	case SVC_ECHO:
	case SVC_FLOOD:
	case SVC_DISCARD:
		while ((n = read(fd, buf, sizeof(buf))) != 0) {
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				break;
			total += n;
			if (svc != SVC_DISCARD && write_all(fd, buf, (size_t)n) < 0)
				break;
		}
		say("%s closed after %ld bytes (%s)", services[svc].name, total,
		    n < 0 ? strerror(errno) : "EOF");
		break;
	case SVC_DAYTIME:
		write_all(fd, "netpeer_guest daytime\r\n", 23);
		break;
	case SVC_CHARGEN:
		for (int i = 0; i < (int)sizeof(buf); i++)
			buf[i] = (char)(' ' + i % 95);
		while (total < CHARGEN_BYTES && write_all(fd, buf, sizeof(buf)) == 0)
			total += sizeof(buf);
		say("%s sent %ld bytes", services[svc].name, total);
		break;
	}
	close(fd);
	_exit(0);
}

/* Accept one connection on listener lfd and hand it to a child. */
static void accept_one(int svc, int lfd, int *fds)
{
	int fd = accept(lfd, NULL, NULL);
	pid_t pid;

	if (fd < 0) {
		say("%s accept: %s", services[svc].name, strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < NSVC; i++)
			if (fds[i] >= 0)
				close(fds[i]);
		serve_conn(svc, fd);
	}
	if (pid < 0)
		say("%s fork: %s", services[svc].name, strerror(errno));
	close(fd);
}

static void udp_echo(int fd)
{
	static char buf[65536];
	struct sockaddr_in from;
	socklen_t flen = sizeof(from);
	ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &flen);

	if (n >= 0 && sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, flen) < 0)
		say("udp/7 sendto: %s", strerror(errno));
}

/* Print the file's lines that start with one of the prefixes, tagged. */
static void print_lines(const char *path, const char *const *prefixes, const char *tag)
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f) {
		say("%s %s: %s", tag, path, strerror(errno));
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		for (int i = 0; prefixes[i]; i++)
			if (strncmp(line, prefixes[i], strlen(prefixes[i])) == 0)
				say("%s %s", tag, line);
	}
	fclose(f);
}

static void stats(void)
{
	static const char *const mem[] = { "MemFree:", NULL };
	static const char *const snmp[] = { "Ip:", "Icmp:", "Udp:", "Tcp:", NULL };

	print_lines("/proc/meminfo", mem, "stats");
	print_lines("/proc/net/snmp", snmp, "snmp");
	say("stats end");
}

/* A console command (a line, without its newline). */
static void command(const char *cmd)
{
	if (strcmp(cmd, "stats") == 0) {
		stats();
	} else if (strcmp(cmd, "quit") == 0) {
		say("bye");
		if (getpid() != 1)      /* a Linux reference run: never power off the host */
			exit(0);
		sync();
		reboot(RB_POWER_OFF);
		say("reboot: %s", strerror(errno));
		exit(1);
	} else if (cmd[0]) {
		say("unknown command '%s'", cmd);
	}
}

/* Read what the console has; run each complete line. */
static void console_input(void)
{
	static char line[256];
	static size_t used;
	ssize_t n = read(0, line + used, sizeof(line) - 1 - used);

	if (n <= 0)
		return;
	used += (size_t)n;
	for (;;) {
		/* a line ends at \n or \r (a pipe gets the \r a tty would map) */
		char *nl = memchr(line, '\n', used), *cr = memchr(line, '\r', used);

		if (!nl || (cr && cr < nl))
			nl = cr;
		if (!nl) {
			if (used == sizeof(line) - 1)
				used = 0;       /* an over-long line: dropped */
			return;
		}
		*nl = '\0';
		command(line);
		used -= (size_t)(nl + 1 - line);
		memmove(line, nl + 1, used);
	}
}

int main(void)
{
	int fds[NSVC];
	struct pollfd pfd[NSVC + 1];

	signal(SIGPIPE, SIG_IGN);
	if (getpid() == 1 && mount("proc", "/proc", "proc", 0, NULL) < 0)
		say("mount /proc: %s", strerror(errno));
	for (int i = 0; i < NSVC; i++) {
		fds[i] = open_service(&services[i]);
		if (fds[i] < 0)
			say("service %s unavailable: %s", services[i].name, strerror(errno));
		else
			say("service %s up", services[i].name);
	}
	stats();
	say("ready");
	for (;;) {
		pfd[0] = (struct pollfd){ .fd = 0, .events = POLLIN };
		for (int i = 0; i < NSVC; i++)      /* backlog: never accepted */
			pfd[i + 1] = (struct pollfd){ .fd = i == SVC_BACKLOG ? -1 : fds[i],
						      .events = POLLIN };
		int n = poll(pfd, NSVC + 1, 200);

		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (n < 0 && errno != EINTR) {
			say("poll: %s", strerror(errno));
			return 1;
		}
		if (n <= 0)
			continue;
		if (pfd[0].revents)
			console_input();
		for (int i = 0; i < NSVC; i++) {
			if (!(pfd[i + 1].revents & POLLIN))
				continue;
			if (i == SVC_UDP_ECHO)
				udp_echo(fds[i]);
			else
				accept_one(i, fds[i], fds);
		}
	}
}
