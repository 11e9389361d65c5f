/*
 * httpd: serve a directory over HTTP/1.1 (GET and HEAD).
 *
 *   httpd [-p PORT] [-d DIR] [-f] [-1] [-v]
 *   -p  port (default 80)          -d  document root (default /var/www if it
 *                                      exists, else the current directory)
 *   -f  stay in the foreground     -1  serve one connection, then exit (SIGALRM
 *                                      ends it if none comes within 60 s)
 *   -v  one log line per request on stderr
 *
 * Without -f the server detaches once its socket listens (so a script can
 * use it as soon as httpd returns). Each connection is served by a forked
 * child (with -1: by the server itself); children are reaped by a SIGCHLD
 * handler. A connection carries requests until the client sends
 * "Connection: close", speaks HTTP/1.0, or is idle for 15 s.
 *
 * Paths: the query is dropped, %XX decoded (%00 and bad escapes: 400),
 * a ".." segment is refused (400); a directory without a trailing '/'
 * is redirected (301), else its index.html or a generated listing is
 * sent. Errors: 400, 403 (permission), 404, 405 (not GET/HEAD), 414
 * (target over 2 KiB), 431 (headers over 8 KiB), each with a small HTML
 * body. Files are streamed in 64 KiB chunks; a client that goes away only
 * ends its own connection (SIGPIPE ignored, MSG_NOSIGNAL).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/tcp.h>

#include "cmdfs.h"
#include "netlib.h"

#define HTTPD_USAGE "httpd [-p PORT] [-d DIR] [-f] [-1] [-v]"
#define HDR_MAX 8192
#define TARGET_MAX 2048
#define IDLE_MS 15000
#define ONCE_WAIT_S 60

static int verbose;

/* One connection: its socket and the bytes read but not yet parsed. */
struct conn {
	int fd;
	char buf[HDR_MAX + 1];
	size_t len;
};

/* The parts of a request the server uses. */
struct request {
	char method[16];
	char target[TARGET_MAX + 1];
	int minor;		/* HTTP/1.<minor> */
	int close;		/* close after the response */
	int head;		/* HEAD: headers only */
};

static const struct {
	const char *ext, *type;
} mime_types[] = {
	{ "html", "text/html" }, { "htm", "text/html" }, { "txt", "text/plain" },
	{ "css", "text/css" }, { "js", "text/javascript" }, { "json", "application/json" },
	{ "png", "image/png" }, { "jpg", "image/jpeg" }, { "jpeg", "image/jpeg" },
	{ "gif", "image/gif" }, { "svg", "image/svg+xml" }, { "ico", "image/x-icon" },
	{ "pdf", "application/pdf" }, { "c", "text/plain" }, { "h", "text/plain" },
	{ "md", "text/plain" }, { "sh", "text/plain" }, { "xml", "application/xml" },
};

static const char *mime_type(const char *path)
{
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	if (dot && (!slash || dot > slash))
		for (size_t i = 0; i < sizeof(mime_types) / sizeof(mime_types[0]); i++)
			if (strcasecmp(dot + 1, mime_types[i].ext) == 0)
				return mime_types[i].type;
	return "application/octet-stream";
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	}
	return "Internal Server Error";
}

/* Status line and headers; extra is "" or more "Name: value\r\n" lines. */
static int send_head(int fd, int status, const char *type, long long length,
		     const struct request *rq, const char *extra)
{
	char h[1024];
	int n = snprintf(h, sizeof(h),
			 "HTTP/1.1 %d %s\r\nServer: kestrel-httpd\r\nContent-Type: %s\r\n"
			 "Content-Length: %lld\r\nConnection: %s\r\n%s\r\n",
			 status, reason(status), type, length, rq->close ? "close" : "keep-alive",
			 extra);
	if (verbose)
		fprintf(stderr, "httpd: %s %s %d\n", rq->method, rq->target, status);
	return net_send_all(fd, h, n < (int)sizeof(h) ? (size_t)n : sizeof(h) - 1);
}

static int send_error(int fd, int status, struct request *rq, const char *extra)
{
	char body[256];
	int n = snprintf(body, sizeof(body),
			 "<html><head><title>%d %s</title></head><body><h1>%d %s</h1></body></html>\n",
			 status, reason(status), status, reason(status));

	if (send_head(fd, status, "text/html", n, rq, extra) < 0)
		return -1;
	return rq->head ? 0 : net_send_all(fd, body, n);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * Decode the target's path (query dropped) into out and check it: it must
 * start with '/', hold no NUL or bad escape, and no ".." segment. 0 or -1.
 */
static int decode_path(const char *target, char *out, size_t size)
{
	size_t n = 0;

	if (target[0] != '/')
		return -1;
	for (const char *p = target; *p && *p != '?' && *p != '#'; p++) {
		int c = (unsigned char)*p;
		if (c == '%') {
			int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);
			if (lo < 0 || (hi == 0 && lo == 0))
				return -1;
			c = hi << 4 | lo;
			p += 2;
		}
		if (n + 1 >= size)
			return -1;
		out[n++] = (char)c;
	}
	out[n] = 0;
	for (const char *s = out; (s = strstr(s, "..")); s += 2)
		if (s[-1] == '/' && (s[2] == '/' || s[2] == 0))
			return -1;
	return 0;
}

/* HTML-escape s into out (for the listing). */
static void html_escape(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s && n + 7 < size; s++) {
		const char *e = *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : *s == '&' ? "&amp;" :
				*s == '"' ? "&quot;" : NULL;
		if (e) {
			n += (size_t)snprintf(out + n, size - n, "%s", e);
		} else {
			out[n++] = *s;
		}
	}
	out[n] = 0;
}

/* Percent-encode a name for an href: all but unreserved characters. */
static void url_escape(const char *s, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;

	for (; *s && n + 4 < size; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("-._~", c)) {
			out[n++] = (char)c;
		} else {
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		}
	}
	out[n] = 0;
}

/* A generated listing of dir (url is the decoded request path). */
static int send_listing(int fd, const char *dir, const char *url, struct request *rq)
{
	struct dirent **ents;
	char esc[1024], href[1024];
	int n = scandir(dir, &ents, NULL, alphasort), r;
	size_t cap = 4096, len = 0;
	char *body = malloc(cap);

	if (n < 0 || !body) {
		free(body);
		return send_error(fd, n < 0 && errno == EACCES ? 403 : 404, rq, "");
	}
	html_escape(url, esc, sizeof(esc));
	len = snprintf(body, cap, "<html><head><title>Index of %s</title></head><body>\n"
			"<h1>Index of %s</h1>\n<ul>\n", esc, esc);
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		int isdir = ents[i]->d_type == DT_DIR;
		int skip = strcmp(name, ".") == 0 || (strcmp(name, "..") == 0 && strcmp(url, "/") == 0);
		if (!skip && body) {
			html_escape(name, esc, sizeof(esc));
			url_escape(name, href, sizeof(href));
			if (cap - len < 3000) {
				char *nb = realloc(body, cap *= 2);
				if (!nb)
					free(body);
				body = nb;
			}
			if (body)
				len += snprintf(body + len, cap - len, "<li><a href=\"%s%s\">%s%s</a></li>\n",
						href, isdir ? "/" : "", esc, isdir ? "/" : "");
		}
		free(ents[i]);
	}
	free(ents);
	if (!body)
		return send_error(fd, 500, rq, "");
	len += snprintf(body + len, cap - len, "</ul></body></html>\n");
	r = send_head(fd, 200, "text/html", (long long)len, rq, "");
	if (r == 0 && !rq->head)
		r = net_send_all(fd, body, len);
	free(body);
	return r;
}

static int send_file(int fd, const char *path, const struct stat *st, struct request *rq)
{
	char buf[CMD_BUFSZ];
	int in = open(path, O_RDONLY | O_CLOEXEC), r;
	long long left = st->st_size;

	if (in < 0)
		return send_error(fd, errno == EACCES ? 403 : 404, rq, "");
	r = send_head(fd, 200, mime_type(path), left, rq, "");
	while (r == 0 && !rq->head && left > 0) {
		ssize_t n = cmd_read(in, buf, sizeof(buf));
		if (n <= 0) {
			r = -1;	/* the file shrank: the length is now a lie, close */
			break;
		}
		r = net_send_all(fd, buf, n);
		left -= n;
	}
	close(in);
	return r;
}

/* Serve the decoded path below root. 0, or -1 to close the connection. */
static int serve_path(int fd, const char *root, const char *path, struct request *rq)
{
	char *full = cmd_join(root, path[1] ? path + 1 : "."), *index;
	struct stat st;
	int r;

	if (!full)
		return -1;
	if (stat(full, &st) < 0) {
		r = send_error(fd, errno == EACCES ? 403 : 404, rq, "");
	} else if (S_ISDIR(st.st_mode) && path[strlen(path) - 1] != '/') {
		char loc[TARGET_MAX + 32];
		snprintf(loc, sizeof(loc), "Location: %s/\r\n", path);
		r = send_error(fd, 301, rq, loc);
	} else if (S_ISDIR(st.st_mode)) {
		index = cmd_join(full, "index.html");
		if (index && stat(index, &st) == 0 && S_ISREG(st.st_mode))
			r = send_file(fd, index, &st, rq);
		else
			r = send_listing(fd, full, path, rq);
		free(index);
	} else if (S_ISREG(st.st_mode)) {
		r = send_file(fd, full, &st, rq);
	} else {
		r = send_error(fd, 403, rq, "");
	}
	free(full);
	return r;
}

/*
 * Read until the end of the headers ("\r\n\r\n"). The header length
 * (including the blank line), 0 when the client closed or went idle
 * before a request, or -1 when the headers do not fit.
 */
static long read_headers(struct conn *c)
{
	for (;;) {
		c->buf[c->len] = 0;
		char *end = strstr(c->buf, "\r\n\r\n");
		if (end)
			return end + 4 - c->buf;
		if (c->len >= HDR_MAX)
			return -1;
		struct pollfd p = { .fd = c->fd, .events = POLLIN };
		int r = poll(&p, 1, IDLE_MS);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0;
		ssize_t n = recv(c->fd, c->buf + c->len, HDR_MAX - c->len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		c->len += n;
	}
}

/* Parse the request line and the headers we honour; an HTTP status or 0. */
static int parse_request(char *hdr, struct request *rq)
{
	char *line = hdr, *eol = strstr(hdr, "\r\n"), *target, *ver;
	int major;

	*eol = 0;
	target = strchr(line, ' ');
	ver = target ? strchr(target + 1, ' ') : NULL;
	if (!ver || strchr(ver + 1, ' '))
		return 400;
	*target++ = 0;
	*ver++ = 0;
	snprintf(rq->method, sizeof(rq->method), "%.15s", line);
	if (strlen(target) > TARGET_MAX)
		return 414;
	snprintf(rq->target, sizeof(rq->target), "%s", target);
	if (sscanf(ver, "HTTP/%d.%d", &major, &rq->minor) != 2 || major != 1)
		return 400;
	rq->close = rq->minor == 0;
	for (line = eol + 2; (eol = strstr(line, "\r\n")) && eol != line; line = eol + 2) {
		*eol = 0;
		if (strncasecmp(line, "Connection:", 11) == 0) {
			if (strcasestr(line + 11, "close"))
				rq->close = 1;
		} else if (strncasecmp(line, "Content-Length:", 15) == 0 && atol(line + 15) != 0) {
			return 400;	/* GET and HEAD carry no body */
		}
	}
	if (strcmp(rq->method, "GET") != 0 && strcmp(rq->method, "HEAD") != 0)
		return 405;
	rq->head = strcmp(rq->method, "HEAD") == 0;
	return 0;
}

/* One request on c; 0 to go on with the connection, -1 to close it. */
static int serve_one(struct conn *c, const char *root)
{
	struct request rq = { .close = 1 };
	char path[TARGET_MAX + 1];
	long hlen = read_headers(c);
	int status, r;

	if (hlen == 0)
		return -1;
	if (hlen < 0) {
		snprintf(rq.method, sizeof(rq.method), "?");
		send_error(c->fd, 431, &rq, "");
		return -1;
	}
	status = parse_request(c->buf, &rq);
	if (status == 0 && decode_path(rq.target, path, sizeof(path)) < 0)
		status = 400;
	if (status == 405)
		r = send_error(c->fd, 405, &rq, "Allow: GET, HEAD\r\n");
	else if (status)
		r = send_error(c->fd, status, (rq.close = 1, &rq), "");
	else
		r = serve_path(c->fd, root, path, &rq);
	memmove(c->buf, c->buf + hlen, c->len - hlen);	/* a pipelined next request */
	c->len -= hlen;
	return r < 0 || rq.close || status ? -1 : 0;
}

static void serve_conn(int fd, const char *root)
{
	struct conn *c = malloc(sizeof(*c));
	int one = 1;

	/* headers and body go out in separate sends: without this, Nagle holds
	 * the body until the client's delayed ACK of the headers (~40 ms) */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));

	if (c) {
		c->fd = fd;
		c->len = 0;
		while (serve_one(c, root) == 0)
			;
		free(c);
	}
	shutdown(fd, SHUT_WR);
	close(fd);
}

static void reap(int sig)
{
	int saved = errno;

	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = saved;
}

static int open_listener(uint16_t port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(port) };
	int one = 1, fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(fd, 64) < 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

static void accept_loop(int lfd, const char *root, int once)
{
	for (;;) {
		if (once)
			alarm(ONCE_WAIT_S);	/* a -1 server nobody calls does not stay forever */
		int fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
		alarm(0);
		if (fd < 0) {
			if (errno != EINTR && errno != ECONNABORTED)
				cmd_warn("accept");
			continue;
		}
		if (once) {
			close(lfd);
			serve_conn(fd, root);
			return;
		}
		pid_t pid = fork();
		if (pid == 0) {
			close(lfd);
			serve_conn(fd, root);
			_exit(0);
		}
		if (pid < 0)
			cmd_warn("fork");
		close(fd);
	}
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = reap, .sa_flags = SA_RESTART | SA_NOCLDSTOP };
	const char *root = NULL;
	uint16_t port = 80;
	int c, fg = 0, once = 0, lfd;
	struct stat st;

	while ((c = getopt(argc, argv, "p:d:f1v")) != -1) {
		switch (c) {
		case 'p':
			if (net_parse_port(optarg, &port) < 0)
				cmd_usage(HTTPD_USAGE);
			break;
		case 'd': root = optarg; break;
		case 'f': fg = 1; break;
		case '1': once = 1; break;
		case 'v': verbose = 1; break;
		default: cmd_usage(HTTPD_USAGE);
		}
	}
	if (optind != argc)
		cmd_usage(HTTPD_USAGE);
	if (!root)
		root = stat("/var/www", &st) == 0 && S_ISDIR(st.st_mode) ? "/var/www" : ".";
	if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cmd_warnx("%s: not a directory", root);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	sigaction(SIGCHLD, &sa, NULL);
	lfd = open_listener(port);
	if (lfd < 0) {
		cmd_warn("port %u", port);
		return 1;
	}
	if (!fg && daemon(1, 1) < 0) {
		cmd_warn("daemon");
		return 1;
	}
	accept_loop(lfd, root, once);
	return 0;
}
