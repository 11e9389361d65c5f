/*
 * cmdfs: helpers shared by the file and text commands (see cmdfs.h).
 * No state beyond glibc's program_invocation_short_name; no locks.
 */
#define _GNU_SOURCE
#include "cmdfs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static void vwarn_common(int err, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", program_invocation_short_name);
	vfprintf(stderr, fmt, ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
}

void cmd_warn(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	va_start(ap, fmt);
	vwarn_common(err, fmt, ap);
	va_end(ap);
	errno = err;
}

void cmd_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_common(0, fmt, ap);
	va_end(ap);
}

void cmd_usage(const char *text)
{
	fflush(stdout);
	fprintf(stderr, "usage: %s\n", text);
	exit(2);
}

ssize_t cmd_read(int fd, void *buf, size_t n)
{
	ssize_t r;

	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

int cmd_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Returns 0, or -1 with errno; a read error and a write error are told
 * apart by the caller with errno only, so cat reports the file it read. */
int cmd_copy_fd(int in, int out)
{
	static char buf[CMD_BUFSZ];
	ssize_t n;

	while ((n = cmd_read(in, buf, sizeof(buf))) > 0)
		if (cmd_write_all(out, buf, (size_t)n) < 0)
			return -1;
	return n < 0 ? -1 : 0;
}

int cmd_open_in(const char *path)
{
	int fd;

	if (strcmp(path, "-") == 0)
		return 0;
	do
		fd = open(path, O_RDONLY | O_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	return fd;
}

char *cmd_mode_string(mode_t m, char buf[11])
{
	static const char types[] = "?pc?d?b?-?l?s???";
	const char *rwx = "rwxrwxrwx";

	buf[0] = types[(m >> 12) & 15];
	for (int i = 0; i < 9; i++)
		buf[1 + i] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		buf[3] = (m & S_IXUSR) ? 's' : 'S';
	if (m & S_ISGID)
		buf[6] = (m & S_IXGRP) ? 's' : 'S';
	if (m & S_ISVTX)
		buf[9] = (m & S_IXOTH) ? 't' : 'T';
	buf[10] = '\0';
	return buf;
}

/* GNU's -h: powers of 1024, rounded up, one decimal below 10 (ls, df, du). */
char *cmd_human(uint64_t n, char buf[24])
{
	static const char units[] = "KMGTPE";
	unsigned __int128 d = 1024;
	int u = 0;

	if (n < 1024) {
		snprintf(buf, 24, "%llu", (unsigned long long)n);
		return buf;
	}
	while (u < 5 && n >= d * 1024) {
		d *= 1024;
		u++;
	}
	uint64_t tenths = (uint64_t)(((unsigned __int128)n * 10 + d - 1) / d);
	if (tenths < 100) {
		snprintf(buf, 24, "%llu.%llu%c", (unsigned long long)(tenths / 10),
			 (unsigned long long)(tenths % 10), units[u]);
		return buf;
	}
	uint64_t whole = (uint64_t)(((unsigned __int128)n + d - 1) / d);
	if (whole >= 1024 && u < 5) {
		snprintf(buf, 24, "1.0%c", units[u + 1]);
		return buf;
	}
	snprintf(buf, 24, "%llu%c", (unsigned long long)whole, units[u]);
	return buf;
}

char *cmd_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir);
	char *p;

	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	if (asprintf(&p, "%.*s%s%s", (int)dl, dir, (dl && dir[dl - 1] == '/') ? "" : "/",
		     name) < 0) {
		fprintf(stderr, "%s: out of memory\n", program_invocation_short_name);
		exit(1);
	}
	return p;
}

void cmd_stream_init(struct cmd_stream *s, char **files, int nfiles)
{
	s->files = files;
	s->nfiles = nfiles;
	s->cur = -1;
	s->fd = -1;
	s->status = 0;
	s->len = s->pos = 0;
}

int cmd_stream_byte(struct cmd_stream *s)
{
	while (s->pos >= s->len) {
		if (s->fd < 0) {
			if (++s->cur >= (s->nfiles ? s->nfiles : 1))
				return -1;
			const char *path = s->nfiles ? s->files[s->cur] : "-";
			if ((s->fd = cmd_open_in(path)) < 0) {
				cmd_warn("%s", path);
				s->status = 1;
				continue;
			}
		}
		s->len = cmd_read(s->fd, s->buf, sizeof(s->buf)), s->pos = 0;
		if (s->len <= 0) {
			if (s->len < 0) {
				cmd_warn("%s", s->nfiles ? s->files[s->cur] : "-");
				s->status = 1;
			}
			if (s->fd > 0)
				close(s->fd);
			s->fd = -1, s->len = 0;
		}
	}
	return s->buf[s->pos++];
}

int cmd_to_target(char **srcs, int n, const char *target, int target_is_dir,
		  int (*one)(const char *src, const char *dst))
{
	int status = 0;

	if (!target_is_dir && n > 1) {
		errno = ENOTDIR;
		cmd_warn("target '%s'", target);
		return 1;
	}
	if (!target_is_dir)
		return one(srcs[0], target) ? 1 : 0;
	for (int i = 0; i < n; i++) {
		char *copy = strdup(srcs[i]);
		char *dst;

		if (!copy) {
			errno = ENOMEM;
			cmd_warn("'%s'", srcs[i]);
			return 1;
		}
		dst = cmd_join(target, basename(copy));
		status |= one(srcs[i], dst) ? 1 : 0;
		free(dst);
		free(copy);
	}
	return status;
}

static int walk_one(const char *path, const struct cmd_walk_ops *ops, void *arg, int depth);

static int walk_children(const char *path, const struct cmd_walk_ops *ops, void *arg,
			 int depth)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int ret = 0;

	if (!d) {
		ops->err(path, errno, arg);
		return 0;
	}
	while (ret == 0 && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *child = cmd_join(path, de->d_name);

		ret = walk_one(child, ops, arg, depth + 1);
		free(child);
	}
	closedir(d);
	return ret;
}

static int walk_one(const char *path, const struct cmd_walk_ops *ops, void *arg, int depth)
{
	struct stat st;
	int r = ops->follow ? stat(path, &st) : lstat(path, &st);

	if (r < 0 && ops->follow && errno == ENOENT)
		r = lstat(path, &st); /* a dangling symlink is still an entry */
	if (r < 0) {
		ops->err(path, errno, arg);
		return 0;
	}
	r = ops->fn(path, &st, CMD_WALK_PRE, depth, arg);
	if (r < 0)
		return -1;
	if (!S_ISDIR(st.st_mode) || r == CMD_WALK_SKIP)
		return 0;
	if (ops->max_depth < 0 || depth < ops->max_depth)
		if (walk_children(path, ops, arg, depth) < 0)
			return -1;
	return ops->fn(path, &st, CMD_WALK_POST, depth, arg) < 0 ? -1 : 0;
}

int cmd_walk(const char *path, const struct cmd_walk_ops *ops, void *arg)
{
	return walk_one(path, ops, arg, 0);
}

int cmd_copy_file(const char *src, const char *dst, mode_t mode)
{
	int in, out, ret, err;

	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	out = open(dst, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode & 07777);
	if (out < 0) {
		err = errno;
		close(in);
		errno = err;
		return -1;
	}
	ret = cmd_copy_fd(in, out);
	err = errno;
	if (ret == 0 && fchmod(out, mode & 07777) < 0)
		ret = -1, err = errno;
	if (close(out) < 0 && ret == 0)
		ret = -1, err = errno;
	close(in);
	errno = err;
	return ret;
}

struct copy_ctx {
	const char *src, *dst;
	int flags, failed;
};

static char *copy_target(const struct copy_ctx *c, const char *path)
{
	char *p;

	if (asprintf(&p, "%s%s", c->dst, path + strlen(c->src)) < 0) {
		fprintf(stderr, "%s: out of memory\n", program_invocation_short_name);
		exit(1);
	}
	return p;
}

static void copy_times(const char *dst, const struct stat *st)
{
	struct timespec ts[2] = { st->st_atim, st->st_mtim };

	if (lchown(dst, st->st_uid, st->st_gid) < 0) {
		/* not root: keeping the owner is best effort, as GNU cp -p */
	}
	utimensat(AT_FDCWD, dst, ts, AT_SYMLINK_NOFOLLOW);
}

/* Copy one non-directory entry; -1 with errno on failure. */
static int copy_leaf(const char *path, const char *dst, const struct stat *st)
{
	if (S_ISREG(st->st_mode))
		return cmd_copy_file(path, dst, st->st_mode);
	if (S_ISLNK(st->st_mode)) {
		char target[4096];
		ssize_t n = readlink(path, target, sizeof(target) - 1);
		if (n < 0)
			return -1;
		target[n] = '\0';
		return symlink(target, dst);
	}
	if (mknod(dst, st->st_mode, st->st_rdev) < 0)
		return -1;
	return chmod(dst, st->st_mode & 07777);
}

static int copy_fn(const char *path, const struct stat *st, int phase, int depth, void *arg)
{
	struct copy_ctx *c = arg;
	char *dst = copy_target(c, path);
	struct stat dst_st;
	int r = 0;

	(void)depth;
	if (S_ISDIR(st->st_mode) && phase == CMD_WALK_PRE) {
		/* 0700 while filling it, the real mode at POST (a read-only source
		 * directory must still receive its children) */
		r = mkdir(dst, 0700);
		if (r < 0 && errno == EEXIST && stat(dst, &dst_st) == 0 && S_ISDIR(dst_st.st_mode))
			r = 0;
	} else if (S_ISDIR(st->st_mode)) {
		r = chmod(dst, st->st_mode & 07777);
	} else {
		r = copy_leaf(path, dst, st);
	}
	if (r < 0) {
		cmd_warn("cannot copy '%s' to '%s'", path, dst);
		c->failed = 1;
		free(dst);
		return S_ISDIR(st->st_mode) && phase == CMD_WALK_PRE ? CMD_WALK_SKIP : 0;
	}
	if ((c->flags & CMD_COPY_TIMES) && (phase == CMD_WALK_POST || !S_ISDIR(st->st_mode)))
		copy_times(dst, st);
	if ((c->flags & CMD_COPY_VERBOSE) && phase == CMD_WALK_PRE)
		printf("'%s' -> '%s'\n", path, dst);
	free(dst);
	return 0;
}

static void tree_err(const char *path, int err, void *arg)
{
	errno = err;
	cmd_warn("cannot access '%s'", path);
	*(int *)arg = 1;
}

static void copy_err(const char *path, int err, void *arg)
{
	tree_err(path, err, &((struct copy_ctx *)arg)->failed);
}

int cmd_copy_tree(const char *src, const char *dst, int flags)
{
	struct copy_ctx c = { .src = src, .dst = dst, .flags = flags };
	struct cmd_walk_ops ops = {
		.fn = copy_fn, .err = copy_err, .max_depth = -1,
		.follow = 0,
	};
	struct stat st;

	if ((flags & CMD_COPY_DEREF) && stat(src, &st) == 0 && !S_ISDIR(st.st_mode)) {
		copy_fn(src, &st, CMD_WALK_PRE, 0, &c); /* a followed top-level symlink */
		return c.failed;
	}
	cmd_walk(src, &ops, &c);
	return c.failed;
}

static int remove_fn(const char *path, const struct stat *st, int phase, int depth, void *arg)
{
	(void)depth;
	if (phase == CMD_WALK_PRE && S_ISDIR(st->st_mode))
		return 0;
	if ((S_ISDIR(st->st_mode) ? rmdir(path) : unlink(path)) < 0) {
		cmd_warn("cannot remove '%s'", path);
		*(int *)arg = 1;
	}
	return 0;
}

int cmd_remove_tree(const char *path)
{
	struct cmd_walk_ops ops = { .fn = remove_fn, .err = tree_err, .max_depth = -1 };
	int failed = 0;

	cmd_walk(path, &ops, &failed);
	return failed;
}

int cmd_same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* Field 3 (the id) of a passwd/group line equal to id: copy field 1. */
static const char *id_name(const char *file, unsigned long id, char *buf, size_t len)
{
	FILE *f = fopen(file, "re");
	char *line = NULL;
	size_t cap = 0;
	int found = 0;

	while (f && !found && getline(&line, &cap, f) > 0) {
		char *name = strtok(line, ":"), *pw = strtok(NULL, ":"), *num = strtok(NULL, ":");
		char *end;

		if (!name || !pw || !num)
			continue;
		if (strtoul(num, &end, 10) == id && end != num && *end == '\0') {
			snprintf(buf, len, "%s", name);
			found = 1;
		}
	}
	free(line);
	if (f)
		fclose(f);
	if (!found)
		snprintf(buf, len, "%lu", id);
	return buf;
}

const char *cmd_user_name(uid_t uid)
{
	static char buf[64];
	static uid_t last = (uid_t)-1;

	if (uid != last || !buf[0]) /* ls asks for one owner over and over */
		id_name("/etc/passwd", uid, buf, sizeof(buf));
	last = uid;
	return buf;
}

const char *cmd_group_name(gid_t gid)
{
	static char buf[64];
	static gid_t last = (gid_t)-1;

	if (gid != last || !buf[0])
		id_name("/etc/group", gid, buf, sizeof(buf));
	last = gid;
	return buf;
}

char *cmd_format_time(time_t t, char buf[16])
{
	time_t now = time(NULL);
	struct tm tm;
	const time_t six_months = 31556952 / 2; /* GNU: half a Gregorian year */

	localtime_r(&t, &tm);
	if (t > now || now - t > six_months)
		strftime(buf, 16, "%b %e  %Y", &tm);
	else
		strftime(buf, 16, "%b %e %H:%M", &tm);
	return buf;
}

/* Digest of one file into hex (2 * digest_len + 1 bytes); -1 on error. */
static int sum_file(const struct cmd_hash *h, const char *path, char *hex)
{
	static unsigned char buf[CMD_BUFSZ];
	unsigned char ctx[h->ctx_size], dig[h->digest_len];
	int fd = cmd_open_in(path), err;
	ssize_t n;

	if (fd < 0)
		return -1;
	h->init(ctx);
	while ((n = cmd_read(fd, buf, sizeof(buf))) > 0)
		h->update(ctx, buf, (size_t)n);
	err = errno;
	if (fd)
		close(fd);
	if (n < 0)
		return errno = err, -1;
	h->final(ctx, dig);
	for (size_t i = 0; i < h->digest_len; i++)
		sprintf(hex + 2 * i, "%02x", dig[i]);
	return 0;
}

struct sum_check {
	unsigned long bad_format, failed, unreadable, ok;
	int quiet, silent;
};

/* One -c line "HEX  NAME" / "HEX *NAME". */
static void check_line(const struct cmd_hash *h, char *line, struct sum_check *c)
{
	size_t hl = 2 * h->digest_len, len = strlen(line);
	char hex[2 * h->digest_len + 1];

	if (len && line[len - 1] == '\n')
		line[--len] = '\0';
	if (len < hl + 3 || strspn(line, "0123456789abcdefABCDEF") != hl || line[hl] != ' ' ||
	    (line[hl + 1] != ' ' && line[hl + 1] != '*')) {
		c->bad_format++;
		return;
	}
	const char *name = line + hl + 2;
	if (sum_file(h, name, hex) < 0) {
		if (!c->silent) {
			cmd_warn("%s", name);
			printf("%s: FAILED open or read\n", name);
		}
		c->unreadable++;
		return;
	}
	if (strncasecmp(hex, line, hl) == 0) {
		c->ok++;
		if (!c->quiet && !c->silent)
			printf("%s: OK\n", name);
	} else {
		c->failed++;
		if (!c->silent)
			printf("%s: FAILED\n", name);
	}
}

static int check_file(const struct cmd_hash *h, const char *path, int quiet, int silent)
{
	struct sum_check c = { .quiet = quiet, .silent = silent };
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	char *line = NULL;
	size_t cap = 0;

	if (!f) {
		cmd_warn("%s", path);
		return 1;
	}
	while (getline(&line, &cap, f) >= 0)
		check_line(h, line, &c);
	free(line);
	if (f != stdin)
		fclose(f);
	if (!c.ok && !c.failed && !c.unreadable) {
		cmd_warnx("%s: no properly formatted checksum lines found", path);
		return 1;
	}
	if (!silent) {
		if (c.bad_format)
			cmd_warnx("WARNING: %lu line%s improperly formatted", c.bad_format,
				  c.bad_format == 1 ? " is" : "s are");
		if (c.unreadable)
			cmd_warnx("WARNING: %lu listed file%s could not be read", c.unreadable,
				  c.unreadable == 1 ? "" : "s");
		if (c.failed)
			cmd_warnx("WARNING: %lu computed checksum%s did NOT match", c.failed,
				  c.failed == 1 ? "" : "s");
	}
	return c.failed || c.unreadable;
}

int cmd_sum_main(int argc, char **argv, const struct cmd_hash *h)
{
	int c, check = 0, binary = 0, quiet = 0, silent = 0, status = 0;
	char hex[2 * h->digest_len + 1];

	while ((c = getopt(argc, argv, "bctqs")) != -1) {
		switch (c) {
		case 'b': binary = 1; break;
		case 't': binary = 0; break;
		case 'c': check = 1; break;
		case 'q': quiet = 1; break;
		case 's': silent = 1; break;
		default: cmd_usage(h->usage);
		}
	}
	for (int i = optind; i < argc || (i == optind && optind == argc); i++) {
		const char *path = i < argc ? argv[i] : "-";
		if (check) {
			status |= check_file(h, path, quiet, silent);
		} else if (sum_file(h, path, hex) < 0) {
			cmd_warn("%s", path);
			status = 1;
		} else {
			printf("%s %s%s\n", hex, binary ? "*" : " ", path);
		}
	}
	if (fflush(stdout) == EOF)
		status = 1;
	return status;
}
