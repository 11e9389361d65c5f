/*
 * wget: fetch a URL over HTTP/1.1 into a file or stdout.
 *
 *   wget [-q] [-O FILE|-] URL          URL = http://HOST[:PORT][/PATH]
 *
 * One GET per request with Host, User-Agent and "Connection: close";
 * bodies by Content-Length, chunked, or up to the close; 301/302/303/307/
 * 308 with Location are followed (up to 5, relative locations too). The
 * output file is FILE, or the last component of the URL's path (before
 * any redirect; "index.html" when empty). Unless -q a line
 * "'NAME' saved [BYTES]" (or "[GOT/LENGTH]") goes to stderr.
 *
 * Exit status (GNU wget's): 0 ok, 1 generic (bad URL), 2 usage,
 * 3 file I/O, 4 network failure (name, connect, short body), 8 the server
 * answered with an error status ("wget: server returned 404 Not Found").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cmdfs.h"
#include "netlib.h"

#define WGET_USAGE "wget [-q] [-O FILE|-] URL"
#define MAX_REDIRECTS 5
#define URL_MAX 2048

enum { EXIT_GENERIC = 1, EXIT_IO = 3, EXIT_NET = 4, EXIT_SERVER = 8 };

struct url {
	char host[256];
	uint16_t port;
	char path[URL_MAX];	/* starts with '/' */
};

/* A buffered reader over the connection. */
struct reader {
	int fd;
	char buf[CMD_BUFSZ];
	size_t pos, len;
};

struct response {
	int status;
	char reason[128];
	char location[URL_MAX];
	long long length;	/* -1: unknown */
	int chunked;
};

static int quiet;

static int parse_url(const char *s, struct url *u)
{
	const char *host, *end, *colon;
	size_t hl;

	if (strncasecmp(s, "http://", 7) != 0)
		return -1;
	host = s + 7;
	end = host + strcspn(host, "/?#");
	colon = memchr(host, ':', end - host);
	hl = (colon ? colon : end) - host;
	if (hl == 0 || hl >= sizeof(u->host))
		return -1;
	memcpy(u->host, host, hl);
	u->host[hl] = 0;
	u->port = 80;
	if (colon) {
		char port[8];
		size_t pl = end - colon - 1;
		if (pl == 0 || pl >= sizeof(port))
			return -1;
		memcpy(port, colon + 1, pl);
		port[pl] = 0;
		if (net_parse_port(port, &u->port) < 0)
			return -1;
	}
	if (snprintf(u->path, sizeof(u->path), "%s%s", *end == '/' ? "" : "/", end) >=
	    (int)sizeof(u->path))
		return -1;
	u->path[strcspn(u->path, "#")] = 0;
	return 0;
}

/* The Location loc taken relative to the URL cur, into cur. 0 or -1. */
static int follow(struct url *cur, const char *loc)
{
	char path[URL_MAX];

	if (strncasecmp(loc, "http://", 7) == 0)
		return parse_url(loc, cur);
	if (strstr(loc, "://"))
		return -1;	/* https and the like */
	if (loc[0] == '/') {
		snprintf(path, sizeof(path), "%s", loc);
	} else {
		char *q = strchr(cur->path, '?');
		if (q)
			*q = 0;
		char *slash = strrchr(cur->path, '/');
		if (snprintf(path, sizeof(path), "%.*s%s", (int)(slash - cur->path + 1), cur->path,
			     loc) >= (int)sizeof(path))
			return -1;
	}
	snprintf(cur->path, sizeof(cur->path), "%s", path);
	return 0;
}

/* Next byte, or -1 at the end (or an error: errno then non-zero). */
static int rd_byte(struct reader *r)
{
	if (r->pos == r->len) {
		ssize_t n;
		do
			n = recv(r->fd, r->buf, sizeof(r->buf), 0);
		while (n < 0 && errno == EINTR);
		if (n <= 0) {
			if (n == 0)
				errno = 0;
			return -1;
		}
		r->pos = 0;
		r->len = n;
	}
	return (unsigned char)r->buf[r->pos++];
}

/* One line without its CR LF; 0, or -1 at EOF / when too long. */
static int rd_line(struct reader *r, char *line, size_t size)
{
	size_t n = 0;
	int c;

	while ((c = rd_byte(r)) >= 0 && c != '\n')
		if (n + 1 < size)
			line[n++] = (char)c;
	if (c < 0 && n == 0)
		return -1;
	if (n && line[n - 1] == '\r')
		n--;
	line[n] = 0;
	return 0;
}

static int read_response(struct reader *r, struct response *rs)
{
	char line[URL_MAX + 64];

	memset(rs, 0, sizeof(*rs));
	rs->length = -1;
	if (rd_line(r, line, sizeof(line)) < 0 ||
	    sscanf(line, "HTTP/%*d.%*d %d %127[^\n]", &rs->status, rs->reason) < 1)
		return -1;
	while (rd_line(r, line, sizeof(line)) == 0 && line[0]) {
		char *v = strchr(line, ':');
		if (!v)
			continue;
		*v++ = 0;
		v += strspn(v, " \t");
		if (strcasecmp(line, "Content-Length") == 0)
			rs->length = atoll(v);
		else if (strcasecmp(line, "Transfer-Encoding") == 0 && strcasestr(v, "chunked"))
			rs->chunked = 1;
		else if (strcasecmp(line, "Location") == 0)
			snprintf(rs->location, sizeof(rs->location), "%s", v);
	}
	return 0;
}

/* Copy up to n bytes (n < 0: to EOF) of the body to out; bytes copied, *err set. */
static long long copy_body(struct reader *r, int out, long long n, int *err)
{
	long long got = 0;

	while (n < 0 || got < n) {
		if (r->pos == r->len && rd_byte(r) >= 0)
			r->pos--;	/* refill, then take the block below */
		if (r->pos == r->len) {
			if (errno)
				*err = EXIT_NET;
			break;
		}
		size_t k = r->len - r->pos;
		if (n >= 0 && (long long)k > n - got)
			k = (size_t)(n - got);
		if (cmd_write_all(out, r->buf + r->pos, k) < 0) {
			*err = EXIT_IO;
			break;
		}
		r->pos += k;
		got += k;
	}
	return got;
}

static long long copy_chunked(struct reader *r, int out, int *err)
{
	char line[128];
	long long total = 0;

	for (;;) {
		char *end;
		if (rd_line(r, line, sizeof(line)) < 0) {
			*err = EXIT_NET;
			return total;
		}
		long long size = strtoll(line, &end, 16);
		if (end == line || size < 0) {
			*err = EXIT_NET;
			return total;
		}
		if (size == 0)
			break;
		long long got = copy_body(r, out, size, err);
		total += got;
		if (*err || got < size || rd_line(r, line, sizeof(line)) < 0) {
			*err = *err ? *err : EXIT_NET;
			return total;
		}
	}
	while (rd_line(r, line, sizeof(line)) == 0 && line[0])
		;	/* trailers */
	return total;
}

static int request(struct reader *r, const struct url *u)
{
	char req[URL_MAX + 512];
	char hostport[300];
	struct sockaddr_in sa;
	char err[128];

	if (net_sockaddr(u->host, u->port, &sa, err, sizeof(err)) < 0) {
		cmd_warnx("unable to resolve host address '%s': %s", u->host, err);
		return -1;
	}
	r->fd = net_connect(&sa, SOCK_STREAM, 30000, 0);
	if (r->fd < 0) {
		cmd_warn("connect to %s port %u", u->host, u->port);
		return -1;
	}
	r->pos = r->len = 0;
	if (u->port == 80)
		snprintf(hostport, sizeof(hostport), "%s", u->host);
	else
		snprintf(hostport, sizeof(hostport), "%s:%u", u->host, u->port);
	int n = snprintf(req, sizeof(req),
			 "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: kestrel-wget\r\n"
			 "Accept: */*\r\nConnection: close\r\n\r\n", u->path, hostport);
	if (net_send_all(r->fd, req, n) < 0) {
		cmd_warn("send");
		close(r->fd);
		return -1;
	}
	return 0;
}

/* The default output name: the URL path's last component. */
static void default_name(const struct url *u, char *out, size_t size)
{
	char path[URL_MAX];
	char *slash;

	snprintf(path, sizeof(path), "%s", u->path);
	path[strcspn(path, "?")] = 0;
	slash = strrchr(path, '/');
	snprintf(out, size, "%s", slash && slash[1] ? slash + 1 : "index.html");
}

/* GET with redirects; on success r holds the connection positioned at the body. */
static int fetch(struct url *u, struct reader *r, struct response *rs)
{
	for (int hops = 0;; hops++) {
		if (request(r, u) < 0)
			return EXIT_NET;
		if (read_response(r, rs) < 0) {
			cmd_warnx("%s: no valid HTTP response", u->host);
			close(r->fd);
			return EXIT_NET;
		}
		int redirect = rs->location[0] && (rs->status == 301 || rs->status == 302 ||
						   rs->status == 303 || rs->status == 307 ||
						   rs->status == 308);
		if (!redirect)
			break;
		close(r->fd);
		if (hops == MAX_REDIRECTS) {
			cmd_warnx("%d redirections exceeded", MAX_REDIRECTS);
			return EXIT_SERVER;
		}
		if (follow(u, rs->location) < 0) {
			cmd_warnx("unsupported redirect location: %s", rs->location);
			return EXIT_GENERIC;
		}
	}
	if (rs->status < 200 || rs->status > 299) {
		cmd_warnx("server returned %d %s", rs->status, rs->reason);
		close(r->fd);
		return EXIT_SERVER;
	}
	return 0;
}

static int save_body(struct reader *r, const struct response *rs, const char *name)
{
	int out = strcmp(name, "-") == 0 ? 1 : open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	int err = 0;
	long long got;

	if (out < 0) {
		cmd_warn("%s", name);
		return EXIT_IO;
	}
	got = rs->chunked ? copy_chunked(r, out, &err) : copy_body(r, out, rs->length, &err);
	if (!err && rs->length >= 0 && !rs->chunked && got < rs->length)
		err = EXIT_NET;
	if (out != 1 && close(out) < 0 && !err)
		err = EXIT_IO;
	if (err == EXIT_NET)
		cmd_warnx("connection closed early (%lld bytes read)", got);
	else if (err == EXIT_IO)
		cmd_warn("%s", name);
	else if (!quiet && rs->length >= 0 && !rs->chunked)
		fprintf(stderr, "'%s' saved [%lld/%lld]\n", name, got, rs->length);
	else if (!quiet)
		fprintf(stderr, "'%s' saved [%lld]\n", name, got);
	return err;
}

int main(int argc, char **argv)
{
	struct reader *r = malloc(sizeof(*r));
	const char *out_name = NULL;
	char name[256];
	struct response rs;
	struct url u;
	int c, st;

	signal(SIGPIPE, SIG_IGN);
	while ((c = getopt(argc, argv, "qO:")) != -1) {
		switch (c) {
		case 'q': quiet = 1; break;
		case 'O': out_name = optarg; break;
		default: cmd_usage(WGET_USAGE);
		}
	}
	if (optind != argc - 1 || !r)
		cmd_usage(WGET_USAGE);
	if (parse_url(argv[optind], &u) < 0) {
		cmd_warnx("%s: unsupported or invalid URL (only http:// is supported)", argv[optind]);
		return EXIT_GENERIC;
	}
	default_name(&u, name, sizeof(name));
	st = fetch(&u, r, &rs);
	if (st)
		return st;
	st = save_body(r, &rs, out_name ? out_name : name);
	close(r->fd);
	free(r);
	return st;
}
