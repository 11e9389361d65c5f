/*
 * resolv: names to IPv4 addresses (dotted quad, hosts file, DNS over UDP).
 * Interface and error codes: resolv.h; behaviour: docs/net-tools.md.
 *
 * Invariants of the packet code: every byte read from a reply is first
 * checked against its length; a compressed name may only point backwards
 * (to an offset below the pointer), so pointer chains end, and a decoded
 * name never exceeds 255 bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "resolv.h"

#define DNS_HDR 12
#define DNS_TYPE_A 1
#define DNS_CLASS_IN 1
#define DNS_NAME_MAX 255

static uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/* name without one trailing dot into buf; -1 if empty or too long */
static int normalize(const char *name, char *buf, size_t size)
{
	size_t n = strlen(name);

	if (n && name[n - 1] == '.')
		n--;
	if (n == 0 || n >= size || n > DNS_NAME_MAX - 2)
		return -1;
	memcpy(buf, name, n);
	buf[n] = 0;
	return 0;
}

size_t resolv_build_query(uint8_t *buf, size_t size, uint16_t id, const char *name)
{
	char norm[DNS_NAME_MAX + 1];
	size_t pos = DNS_HDR;
	const char *p;

	if (normalize(name, norm, sizeof(norm)) < 0 || size < DNS_HDR + strlen(norm) + 2 + 4)
		return 0;
	memset(buf, 0, DNS_HDR);
	put16(buf, id);
	buf[2] = 0x01;		/* RD: recursion desired */
	put16(buf + 4, 1);	/* QDCOUNT */
	for (p = norm; *p;) {
		size_t l = strcspn(p, ".");

		if (l == 0 || l > 63)
			return 0;
		buf[pos++] = (uint8_t)l;
		memcpy(buf + pos, p, l);
		pos += l;
		p += l;
		if (*p == '.')
			p++;
	}
	buf[pos++] = 0;
	put16(buf + pos, DNS_TYPE_A);
	put16(buf + pos + 2, DNS_CLASS_IN);
	return pos + 4;
}

/*
 * Decode the (possibly compressed) name at *off into out (dotted, no
 * trailing dot, "" for the root). *off moves past the name as stored at
 * its place (a pointer counts 2 bytes). 0, or -1 if it is malformed.
 */
static int read_name(const uint8_t *pkt, size_t len, size_t *off, char *out, size_t outsize)
{
	size_t pos = *off, n = 0, end = 0;
	int jumped = 0;

	for (;;) {
		if (pos >= len)
			return -1;
		uint8_t l = pkt[pos];
		if ((l & 0xc0) == 0xc0) {
			if (pos + 1 >= len)
				return -1;
			size_t target = (size_t)(l & 0x3f) << 8 | pkt[pos + 1];
			if (target >= pos)	/* forward or self: could loop */
				return -1;
			if (!jumped)
				end = pos + 2;
			jumped = 1;
			pos = target;
			continue;
		}
		if (l & 0xc0)		/* 0x40, 0x80: reserved label types */
			return -1;
		if (l == 0)
			break;
		if (pos + 1 + l > len || n + l + 2 > outsize || n + l + 1 > DNS_NAME_MAX)
			return -1;
		if (n)
			out[n++] = '.';
		memcpy(out + n, pkt + pos + 1, l);
		n += l;
		pos += 1 + l;
	}
	out[n] = 0;
	*off = jumped ? end : pos + 1;
	return 0;
}

/* Check the header and the one question against ours; *off past it. */
static int check_header(const uint8_t *pkt, size_t len, uint16_t id, const char *name,
			size_t *off)
{
	char norm[DNS_NAME_MAX + 1], qname[DNS_NAME_MAX + 1];

	if (len < DNS_HDR)
		return -RESOLV_EMALFORMED;
	if (get16(pkt) != id || !(pkt[2] & 0x80) || (pkt[2] & 0x78) != 0)
		return -RESOLV_EMISMATCH;	/* not a standard-query reply with our id */
	if (get16(pkt + 4) != 1)
		return -RESOLV_EMISMATCH;
	*off = DNS_HDR;
	if (read_name(pkt, len, off, qname, sizeof(qname)) < 0 || *off + 4 > len)
		return -RESOLV_EMALFORMED;
	if (normalize(name, norm, sizeof(norm)) < 0 || strcasecmp(norm, qname) != 0 ||
	    get16(pkt + *off) != DNS_TYPE_A || get16(pkt + *off + 2) != DNS_CLASS_IN)
		return -RESOLV_EMISMATCH;
	*off += 4;
	return 0;
}

int resolv_parse_reply(const uint8_t *pkt, size_t len, uint16_t id, const char *name,
		       struct in_addr *addrs, int max)
{
	char owner[DNS_NAME_MAX + 1];
	size_t off;
	int r, n = 0, ancount;

	r = check_header(pkt, len, id, name, &off);
	if (r < 0)
		return r;
	if (pkt[2] & 0x02)
		return -RESOLV_ETRUNC;
	if ((pkt[3] & 0x0f) == 3)
		return -RESOLV_ENXDOMAIN;
	if (pkt[3] & 0x0f)
		return -RESOLV_ESERVFAIL;
	ancount = get16(pkt + 6);
	for (int i = 0; i < ancount; i++) {
		if (read_name(pkt, len, &off, owner, sizeof(owner)) < 0 || off + 10 > len)
			return -RESOLV_EMALFORMED;
		uint16_t type = get16(pkt + off), cls = get16(pkt + off + 2);
		uint16_t rdlen = get16(pkt + off + 8);
		off += 10;
		if (off + rdlen > len)
			return -RESOLV_EMALFORMED;
		if (type == DNS_TYPE_A && cls == DNS_CLASS_IN) {
			if (rdlen != 4)
				return -RESOLV_EMALFORMED;
			if (n < max)
				memcpy(&addrs[n++], pkt + off, 4);
		}
		off += rdlen;
	}
	return n ? n : -RESOLV_ENODATA;
}

const char *resolv_strerror(int code)
{
	switch (code < 0 ? -code : code) {
	case RESOLV_EMALFORMED: return "malformed reply";
	case RESOLV_EMISMATCH:	return "reply does not match the query";
	case RESOLV_ENXDOMAIN:	return "not found: 3(NXDOMAIN)";
	case RESOLV_ENODATA:	return "has no A record";
	case RESOLV_ESERVFAIL:	return "server failure";
	case RESOLV_ETRUNC:	return "truncated reply";
	}
	return "unknown error";
}

/* A hosts file: "ADDR NAME ALIAS... # comment" lines; IPv4 ones only. */
int resolv_hosts_find(const char *text, const char *name, struct in_addr *out)
{
	char line[512], norm[DNS_NAME_MAX + 1];

	if (normalize(name, norm, sizeof(norm)) < 0)
		return -1;
	while (*text) {
		size_t l = strcspn(text, "\n");
		char *save, *tok;
		struct in_addr a;

		snprintf(line, sizeof(line), "%.*s", (int)(l < sizeof(line) ? l : sizeof(line) - 1),
			 text);
		text += l + (text[l] == '\n');
		line[strcspn(line, "#")] = 0;
		tok = strtok_r(line, " \t\r", &save);
		if (!tok || inet_pton(AF_INET, tok, &a) != 1)
			continue;
		while ((tok = strtok_r(NULL, " \t\r", &save)))
			if (strcasecmp(tok, norm) == 0) {
				*out = a;
				return 0;
			}
	}
	return -1;
}

int resolv_conf_servers(const char *text, struct in_addr *servers, int max)
{
	int n = 0;

	while (*text && n < max) {
		char word[16], addr[64];
		size_t l = strcspn(text, "\n");

		if (sscanf(text, "%15s %63s", word, addr) == 2 && strcmp(word, "nameserver") == 0 &&
		    inet_pton(AF_INET, addr, &servers[n]) == 1)
			n++;
		text += l + (text[l] == '\n');
	}
	return n;
}

/* A small file into a malloc'd NUL-terminated string, or NULL. */
static char *slurp(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t n = 0, cap = 4096;
	char *buf;
	ssize_t r;

	if (fd < 0)
		return NULL;
	buf = malloc(cap + 1);
	while (buf && (r = read(fd, buf + n, cap - n)) > 0) {
		n += r;
		if (n == cap && cap < (1 << 20)) {
			char *nb = realloc(buf, 2 * cap + 1);
			if (!nb)
				break;
			buf = nb;
			cap *= 2;
		}
		if (n == cap)
			break;
	}
	close(fd);
	if (buf)
		buf[n] = 0;
	return buf;
}

static const char *env_or(const char *var, const char *def)
{
	const char *v = getenv(var);

	return v && *v ? v : def;
}

static uint16_t random_id(void)
{
	uint16_t id;
	struct timespec ts;

	if (getrandom(&id, sizeof(id), GRND_NONBLOCK) == sizeof(id))
		return id;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint16_t)(ts.tv_nsec ^ (ts.tv_nsec >> 16) ^ getpid());
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/*
 * Send the query on the connected socket fd and wait up to ms for a
 * reply that parses (others -- wrong id, question -- are dropped, they
 * may be late answers or forgeries). The parse result, 0 on timeout, or
 * -1000 - errno if the socket failed (ECONNREFUSED: nothing listens).
 */
static int exchange(int fd, const uint8_t *q, size_t qlen, uint16_t id, const char *name,
		    struct in_addr *addrs, int max, int ms)
{
	uint8_t reply[RESOLV_MAX_PACKET];
	long deadline = now_ms() + ms;

	if (send(fd, q, qlen, 0) < 0)
		return -1000 - errno;
	for (;;) {
		long left = deadline - now_ms();
		struct pollfd p = { .fd = fd, .events = POLLIN };

		if (left <= 0)
			return 0;
		int pr = poll(&p, 1, (int)left);
		if (pr < 0 && errno != EINTR)
			return -1000 - errno;
		if (pr <= 0)
			continue;
		ssize_t n = recv(fd, reply, sizeof(reply), 0);
		if (n < 0)
			return errno == EINTR ? 0 : -1000 - errno;
		int r = resolv_parse_reply(reply, n, id, name, addrs, max);
		if (r != -RESOLV_EMISMATCH && r != -RESOLV_EMALFORMED)
			return r;
	}
}

int resolv_query(const char *name, struct in_addr server, uint16_t port,
		 struct in_addr *addrs, int max, char *err, size_t errlen)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr = server };
	uint8_t q[RESOLV_MAX_PACKET];
	uint16_t id = random_id();
	size_t qlen = resolv_build_query(q, sizeof(q), id, name);
	int fd, r = 0;

	if (!qlen) {
		snprintf(err, errlen, "invalid name");
		return -1;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	for (int ms = 1000; ms <= 2000 && r == 0; ms *= 2)
		r = exchange(fd, q, qlen, id, name, addrs, max, ms);
	close(fd);
	if (r > 0)
		return r;
	if (r == 0)
		snprintf(err, errlen, "connection timed out; no servers could be reached");
	else if (r <= -1000)
		snprintf(err, errlen, "%s", strerror(-1000 - r));
	else
		snprintf(err, errlen, "%s", resolv_strerror(r));
	return -1;
}

static int dns_lookup(const char *name, struct in_addr *out, int max, char *err, size_t errlen)
{
	struct in_addr servers[RESOLV_MAX_SERVERS];
	char *conf = slurp(env_or("RESOLV_CONF", "/etc/resolv.conf"));
	int n = conf ? resolv_conf_servers(conf, servers, RESOLV_MAX_SERVERS) : 0;

	free(conf);
	if (n == 0) {
		inet_pton(AF_INET, RESOLV_DEFAULT_SERVER, &servers[0]);
		n = 1;
	}
	for (int i = 0; i < n; i++) {
		int r = resolv_query(name, servers[i], 53, out, max, err, errlen);
		if (r > 0)
			return r;
		/* a definite answer ends the search; a silent server does not */
		if (strstr(err, "NXDOMAIN") || strstr(err, "no A record"))
			return -1;
	}
	return -1;
}

int resolv_lookup_all(const char *name, struct in_addr *out, int max, char *err, size_t errlen)
{
	char *hosts;
	int found;

	if (inet_pton(AF_INET, name, out) == 1)
		return 1;
	hosts = slurp(env_or("RESOLV_HOSTS", "/etc/hosts"));
	found = hosts && resolv_hosts_find(hosts, name, out) == 0;
	free(hosts);
	if (found)
		return 1;
	return dns_lookup(name, out, max, err, errlen);
}

int resolv_lookup(const char *name, struct in_addr *out, char *err, size_t errlen)
{
	return resolv_lookup_all(name, out, 1, err, errlen) > 0 ? 0 : -1;
}
