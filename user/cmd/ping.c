/*
 * ping: send ICMP echo requests and report the replies (iputils' output).
 *
 *   ping [-q] [-c COUNT] [-i SECS] [-W SECS] [-s SIZE] HOST
 *
 * The socket is a Linux "ping socket" (SOCK_DGRAM, IPPROTO_ICMP: no
 * privilege, the kernel picks the identifier and filters replies), or, if
 * that is refused, a raw ICMP socket (root; replies filtered here by
 * identifier). A request goes out every -i seconds (default 1) until
 * COUNT are sent (default: until SIGINT); then ping waits for the missing
 * replies up to -W seconds (default 10) and prints the summary, which
 * SIGINT also prints at any time. Exit 0 if any reply came, 1 if none,
 * 2 on an error.
 */
#include <errno.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cmdfs.h"
#include "netlib.h"

#define PING_USAGE "ping [-q] [-c COUNT] [-i SECS] [-W SECS] [-s SIZE] HOST"
#define PING_MAX_SIZE 65507
#define SEQ_SLOTS 65536

struct ping {
	int fd, raw, quiet;
	uint16_t ident;
	struct sockaddr_in to;
	const char *name;
	long count;		/* 0: until interrupted */
	long interval_ms, linger_ms;
	size_t size;
	long sent, received, dups;
	double min, max, sum, sum2;	/* ms */
	int64_t start_us;
	int64_t *sent_at;	/* [seq] send time; 0 when answered */
};

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static uint16_t checksum(const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += (uint32_t)(p[0] << 8 | p[1]);
	if (len)
		sum += (uint32_t)p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}

static int open_socket(struct ping *pg)
{
	int on = 1;

	pg->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, IPPROTO_ICMP);
	if (pg->fd >= 0) {
		setsockopt(pg->fd, IPPROTO_IP, IP_RECVTTL, &on, sizeof(on));
		return 0;
	}
	int dgram_err = errno;
	pg->fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	if (pg->fd >= 0) {
		pg->raw = 1;
		return 0;
	}
	fprintf(stderr, "ping: socket: %s (ping socket: %s; raw sockets need root)\n",
		strerror(errno), strerror(dgram_err));
	return -1;
}

static int send_one(struct ping *pg)
{
	size_t len = sizeof(struct icmphdr) + pg->size;
	uint8_t pkt[sizeof(struct icmphdr) + PING_MAX_SIZE];
	struct icmphdr *h = (struct icmphdr *)pkt;
	uint16_t seq = (uint16_t)(pg->sent + 1);

	memset(pkt, 0, len);
	h->type = ICMP_ECHO;
	h->un.echo.id = htons(pg->ident);
	h->un.echo.sequence = htons(seq);
	for (size_t i = 0; i < pg->size; i++)
		pkt[sizeof(*h) + i] = (uint8_t)(i + 8);
	h->checksum = checksum(pkt, len);
	pg->sent_at[seq] = net_now_us();
	pg->sent++;
	if (sendto(pg->fd, pkt, len, 0, (struct sockaddr *)&pg->to, sizeof(pg->to)) < 0) {
		if (errno == EINTR)
			return 0;
		fprintf(stderr, "ping: sendto: %s\n", strerror(errno));
		return errno == ENETUNREACH || errno == EHOSTUNREACH ? 0 : -1;
	}
	return 0;
}

/* The ICMP part of a received packet, its TTL, or NULL if it is not ours. */
static struct icmphdr *our_reply(struct ping *pg, uint8_t *buf, ssize_t n, struct msghdr *mh,
				 int *ttl, size_t *icmp_len)
{
	struct icmphdr *h;

	*ttl = -1;
	if (pg->raw) {
		struct iphdr *ip = (struct iphdr *)buf;
		if (n < (ssize_t)sizeof(*ip) || n < ip->ihl * 4 + (ssize_t)sizeof(*h))
			return NULL;
		*ttl = ip->ttl;
		h = (struct icmphdr *)(buf + ip->ihl * 4);
		n -= ip->ihl * 4;
		if (ntohs(h->un.echo.id) != pg->ident)
			return NULL;
	} else {
		if (n < (ssize_t)sizeof(*h))
			return NULL;
		h = (struct icmphdr *)buf;
		for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c))
			if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_TTL)
				memcpy(ttl, CMSG_DATA(c), sizeof(int));
	}
	*icmp_len = (size_t)n;
	return h->type == ICMP_ECHOREPLY ? h : NULL;
}

static void receive_one(struct ping *pg)
{
	uint8_t buf[PING_MAX_SIZE + 128];
	char ctl[256];
	struct sockaddr_in from;
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh = { .msg_name = &from, .msg_namelen = sizeof(from), .msg_iov = &iov,
			     .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof(ctl) };
	ssize_t n = recvmsg(pg->fd, &mh, MSG_DONTWAIT);
	int64_t now = net_now_us();
	size_t icmp_len;
	int ttl;

	if (n < 0)
		return;
	struct icmphdr *h = our_reply(pg, buf, n, &mh, &ttl, &icmp_len);
	if (!h)
		return;
	uint16_t seq = ntohs(h->un.echo.sequence);
	int dup = pg->sent_at[seq] == 0;
	double ms = dup ? 0 : (now - pg->sent_at[seq]) / 1000.0;
	if (dup) {
		pg->dups++;
	} else {
		pg->sent_at[seq] = 0;
		pg->received++;
		pg->sum += ms;
		pg->sum2 += ms * ms;
		pg->min = pg->received == 1 || ms < pg->min ? ms : pg->min;
		pg->max = ms > pg->max ? ms : pg->max;
	}
	if (pg->quiet)
		return;
	printf("%zu bytes from %s: icmp_seq=%u", icmp_len, net_ntoa(from.sin_addr), seq);
	if (ttl >= 0)
		printf(" ttl=%d", ttl);
	if (dup)
		printf(" (DUP!)\n");
	else
		printf(" time=%.*f ms\n", ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0, ms);
	fflush(stdout);
}

static double square_root(double x)
{
	double r = x > 1 ? x : 1;

	if (x <= 0)
		return 0;
	for (int i = 0; i < 60; i++)
		r = (r + x / r) / 2;
	return r;
}

static int summary(struct ping *pg)
{
	long loss = pg->sent ? (pg->sent - pg->received) * 100 / pg->sent : 0;
	long ms = (long)((net_now_us() - pg->start_us) / 1000);

	printf("\n--- %s ping statistics ---\n", pg->name);
	printf("%ld packets transmitted, %ld received,", pg->sent, pg->received);
	if (pg->dups)
		printf(" +%ld duplicates,", pg->dups);
	printf(" %ld%% packet loss, time %ldms\n", loss, ms);
	if (pg->received) {
		double avg = pg->sum / pg->received;
		double mdev = square_root(pg->sum2 / pg->received - avg * avg);
		printf("rtt min/avg/max/mdev = %.3f/%.3f/%.3f/%.3f ms\n", pg->min, avg, pg->max, mdev);
	}
	return pg->received ? 0 : 1;
}

/* Send and receive until done; 0, or -1 on a send error. */
static int run(struct ping *pg)
{
	int64_t next = net_now_us(), end = -1;

	while (!interrupted) {
		int64_t now = net_now_us();
		if (end < 0 && now >= next) {
			if (send_one(pg) < 0)
				return -1;
			next += pg->interval_ms * 1000;
			if (pg->count && pg->sent >= pg->count)
				end = now + pg->linger_ms * 1000;
		}
		if (end >= 0 && (pg->received >= pg->count || now >= end))
			break;
		int64_t until = end >= 0 ? end : next;
		struct pollfd p = { .fd = pg->fd, .events = POLLIN };
		long wait = (long)((until - net_now_us() + 999) / 1000);
		if (poll(&p, 1, wait < 0 ? 0 : (int)wait) > 0)
			receive_one(pg);
	}
	return 0;
}

static int parse_opts(int argc, char **argv, struct ping *pg)
{
	char *end;
	int c;

	while ((c = getopt(argc, argv, "qc:i:W:s:")) != -1) {
		switch (c) {
		case 'q': pg->quiet = 1; break;
		case 'c':
			pg->count = strtol(optarg, &end, 10);
			if (*end || pg->count <= 0)
				return -1;
			break;
		case 'i':
			if (net_parse_secs(optarg, &pg->interval_ms) < 0 || pg->interval_ms < 1)
				return -1;
			break;
		case 'W':
			if (net_parse_secs(optarg, &pg->linger_ms) < 0)
				return -1;
			break;
		case 's':
			pg->size = strtoul(optarg, &end, 10);
			if (*end || !*optarg || pg->size > PING_MAX_SIZE)
				return -1;
			break;
		default: return -1;
		}
	}
	return optind == argc - 1 ? 0 : -1;
}

int main(int argc, char **argv)
{
	struct ping pg = { .interval_ms = 1000, .linger_ms = 10000, .size = 56 };
	struct sigaction sa = { .sa_handler = on_sigint };
	char err[128];

	if (parse_opts(argc, argv, &pg) < 0)
		cmd_usage(PING_USAGE);
	pg.name = argv[optind];
	if (net_sockaddr(pg.name, 0, &pg.to, err, sizeof(err)) < 0) {
		fprintf(stderr, "ping: %s: %s\n", pg.name, err);
		return 2;
	}
	pg.sent_at = calloc(SEQ_SLOTS, sizeof(*pg.sent_at));
	if (!pg.sent_at || open_socket(&pg) < 0)
		return 2;
	pg.ident = (uint16_t)getpid();
	sigaction(SIGINT, &sa, NULL);
	printf("PING %s (%s) %zu(%zu) bytes of data.\n", pg.name, net_ntoa(pg.to.sin_addr), pg.size,
	       pg.size + sizeof(struct icmphdr) + sizeof(struct iphdr));
	fflush(stdout);
	pg.start_us = net_now_us();
	if (run(&pg) < 0)
		return 2;
	return summary(&pg);
}
