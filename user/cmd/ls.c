/*
 * ls: list directory contents.
 *
 *   ls [-1aACdFhilnRrSt] [FILE]...
 *
 * Without FILE lists ".".  -l long format as GNU (mode, links, owner,
 * group, size, time, name, "-> target"; columns aligned; a "total" line
 * of 1 KiB blocks per directory), -n numeric owners, -h human sizes, -i
 * inode numbers, -a all entries, -A all but . and .., -d directories
 * themselves, -R recursive, -F a type mark (/ * @ | =), -t by
 * modification time (newest first), -S by size, -r reversed; names are
 * otherwise sorted bytewise (the C locale).  One name per line when
 * stdout is not a terminal (or -1), else columns (-C) filling the
 * terminal width (TIOCGWINSZ, $COLUMNS, else 80).
 * Exit status: 0, 1 for a problem inside a directory, 2 for an operand
 * that cannot be accessed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "ls [-1aACdFhilnRrSt] [FILE]..."

struct entry {
	char *name;   /* as shown */
	char *path;   /* to stat/readlink */
	struct stat st;
	int stat_ok;
};

static struct {
	int all, almost_all, longfmt, numeric, human, inode, dirs_only;
	int recursive, classify, by_time, by_size, reverse, columns;
} o;
static int status;

static int entry_cmp(const void *p, const void *q)
{
	const struct entry *a = p, *b = q;
	int r = 0;

	if (o.by_time) {
		if (a->st.st_mtim.tv_sec != b->st.st_mtim.tv_sec)
			r = a->st.st_mtim.tv_sec < b->st.st_mtim.tv_sec ? 1 : -1;
		else if (a->st.st_mtim.tv_nsec != b->st.st_mtim.tv_nsec)
			r = a->st.st_mtim.tv_nsec < b->st.st_mtim.tv_nsec ? 1 : -1;
	} else if (o.by_size && a->st.st_size != b->st.st_size) {
		r = a->st.st_size < b->st.st_size ? 1 : -1;
	}
	if (r == 0)
		r = strcmp(a->name, b->name);
	return o.reverse ? -r : r;
}

static char type_mark(mode_t m)
{
	return S_ISDIR(m) ? '/' : S_ISLNK(m) ? '@' : S_ISFIFO(m) ? '|' : S_ISSOCK(m) ? '='
		: (m & 0111) ? '*' : 0;
}

static int num_width(unsigned long long v)
{
	int w = 1;
	while (v >= 10)
		v /= 10, w++;
	return w;
}

static void size_field(const struct entry *e, char *buf, size_t len)
{
	char h[24];

	if (S_ISCHR(e->st.st_mode) || S_ISBLK(e->st.st_mode))
		snprintf(buf, len, "%u, %u", major(e->st.st_rdev), minor(e->st.st_rdev));
	else if (o.human)
		snprintf(buf, len, "%s", cmd_human((uint64_t)e->st.st_size, h));
	else
		snprintf(buf, len, "%lld", (long long)e->st.st_size);
}

static const char *owner(const struct entry *e, int group)
{
	static char buf[24];

	if (o.numeric) {
		snprintf(buf, sizeof(buf), "%u", group ? e->st.st_gid : e->st.st_uid);
		return buf;
	}
	return group ? cmd_group_name(e->st.st_gid) : cmd_user_name(e->st.st_uid);
}

static void print_name(const struct entry *e)
{
	fputs(e->name, stdout);
	if (o.longfmt && S_ISLNK(e->st.st_mode)) {
		char target[4096];
		ssize_t n = readlink(e->path, target, sizeof(target) - 1);
		if (n >= 0)
			printf(" -> %.*s", (int)n, target);
	} else if (o.classify && type_mark(e->st.st_mode)) {
		putchar(type_mark(e->st.st_mode));
	}
}

static void print_long(struct entry *v, size_t n)
{
	int wl = 1, wu = 1, wg = 1, ws = 1, wi = 1;
	char buf[64], mode[11], when[16];

	for (size_t i = 0; i < n; i++) {
		int w;
		if ((w = num_width(v[i].st.st_nlink)) > wl) wl = w;
		if ((w = (int)strlen(owner(&v[i], 0))) > wu) wu = w;
		if ((w = (int)strlen(owner(&v[i], 1))) > wg) wg = w;
		size_field(&v[i], buf, sizeof(buf));
		if ((w = (int)strlen(buf)) > ws) ws = w;
		if ((w = num_width(v[i].st.st_ino)) > wi) wi = w;
	}
	for (size_t i = 0; i < n; i++) {
		struct entry *e = &v[i];
		if (o.inode)
			printf("%*llu ", wi, (unsigned long long)e->st.st_ino);
		printf("%s %*lu %-*s ", cmd_mode_string(e->st.st_mode, mode), wl,
		       (unsigned long)e->st.st_nlink, wu, owner(e, 0));
		printf("%-*s ", wg, owner(e, 1));
		size_field(e, buf, sizeof(buf));
		printf("%*s %s ", ws, buf, cmd_format_time(e->st.st_mtim.tv_sec, when));
		print_name(e);
		putchar('\n');
	}
}

static int term_width(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");

	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (c && atoi(c) > 0)
		return atoi(c);
	return 80;
}

static size_t shown_len(const struct entry *e)
{
	return strlen(e->name) + (o.inode ? (size_t)num_width(e->st.st_ino) + 1 : 0) +
	       (o.classify && type_mark(e->st.st_mode) ? 1 : 0);
}

/* GNU's -C: the most columns (filled down first) whose widths fit. */
static void print_columns(struct entry *v, size_t n)
{
	size_t width = (size_t)term_width(), cols = n, rows = 1, *cw = calloc(n + 1, sizeof(size_t));

	for (; cols > 1; cols--) {
		rows = (n + cols - 1) / cols;
		size_t total = 0;
		memset(cw, 0, (n + 1) * sizeof(size_t));
		for (size_t i = 0; i < n; i++) {
			size_t w = shown_len(&v[i]) + 2;
			if (w > cw[i / rows])
				cw[i / rows] = w;
		}
		for (size_t c = 0; c < cols; c++)
			total += cw[c];
		if (total - 2 < width && (cols - 1) * rows < n)
			break;
	}
	if (cols <= 1)
		rows = n;
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c * rows + r < n; c++) {
			struct entry *e = &v[c * rows + r];
			if (o.inode)
				printf("%*llu ", num_width(e->st.st_ino), (unsigned long long)e->st.st_ino);
			print_name(e);
			if ((c + 1) * rows + r < n)
				printf("%*s", (int)(cw[c] - shown_len(e)), "");
		}
		putchar('\n');
	}
	free(cw);
}

static void print_entries(struct entry *v, size_t n)
{
	qsort(v, n, sizeof(*v), entry_cmp);
	if (o.longfmt) {
		print_long(v, n);
	} else if (o.columns) {
		print_columns(v, n);
	} else {
		for (size_t i = 0; i < n; i++) {
			if (o.inode)
				printf("%llu ", (unsigned long long)v[i].st.st_ino);
			print_name(&v[i]);
			putchar('\n');
		}
	}
}

static void free_entries(struct entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name), free(v[i].path);
	free(v);
}

/* Read dir's entries (filtered by -a/-A) into *out; -1 if it cannot be opened. */
static long read_dir(const char *dir, struct entry **out)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	struct entry *v = NULL;
	size_t n = 0, cap = 0;

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		const char *nm = de->d_name;
		if (nm[0] == '.' && !o.all &&
		    (!o.almost_all || strcmp(nm, ".") == 0 || strcmp(nm, "..") == 0))
			continue;
		if (n == cap)
			v = realloc(v, (cap = cap ? cap * 2 : 64) * sizeof(*v));
		v[n].name = strdup(nm);
		v[n].path = cmd_join(dir, nm);
		v[n].stat_ok = lstat(v[n].path, &v[n].st) == 0;
		if (!v[n].stat_ok) {
			cmd_warn("cannot access '%s'", v[n].path);
			status = status ? status : 1;
			memset(&v[n].st, 0, sizeof(v[n].st));
		}
		n++;
	}
	closedir(d);
	*out = v;
	return (long)n;
}

static void list_dir(const char *dir, int header, int *first)
{
	struct entry *v;
	long n = read_dir(dir, &v);

	if (!*first)
		putchar('\n');
	*first = 0;
	if (header)
		printf("%s:\n", dir);
	if (n < 0) {
		cmd_warn("cannot open directory '%s'", dir);
		status = 2;
		return;
	}
	if (o.longfmt) {
		unsigned long long blocks = 0;
		char h[24];
		for (long i = 0; i < n; i++)
			blocks += (unsigned long long)v[i].st.st_blocks;
		if (o.human)
			printf("total %s\n", cmd_human(blocks * 512, h));
		else
			printf("total %llu\n", (blocks + 1) / 2);
	}
	print_entries(v, (size_t)n);
	if (o.recursive) /* entries are sorted now: recurse in the listed order */
		for (long i = 0; i < n; i++)
			if (S_ISDIR(v[i].st.st_mode) && strcmp(v[i].name, ".") && strcmp(v[i].name, ".."))
				list_dir(v[i].path, 1, first);
	free_entries(v, (size_t)n);
}

int main(int argc, char **argv)
{
	int c;

	o.columns = isatty(1);
	while ((c = getopt(argc, argv, "1aACdFhilnRrSt")) != -1) {
		switch (c) {
		case '1': o.columns = 0; break;
		case 'C': o.columns = 1; break;
		case 'a': o.all = 1; break;
		case 'A': o.almost_all = 1; break;
		case 'd': o.dirs_only = 1; break;
		case 'F': o.classify = 1; break;
		case 'h': o.human = 1; break;
		case 'i': o.inode = 1; break;
		case 'l': o.longfmt = 1; break;
		case 'n': o.longfmt = o.numeric = 1; break;
		case 'R': o.recursive = 1; break;
		case 'r': o.reverse = 1; break;
		case 'S': o.by_size = 1; break;
		case 't': o.by_time = 1; break;
		default: cmd_usage(USAGE);
		}
	}
	char *dot[] = { ".", NULL };
	char **ops = optind < argc ? argv + optind : dot;
	int nops = optind < argc ? argc - optind : 1;
	struct entry *files = calloc((size_t)nops, sizeof(*files));
	struct entry *dirs = calloc((size_t)nops, sizeof(*dirs));
	size_t nf = 0, nd = 0;

	for (int i = 0; i < nops; i++) {
		struct entry e = { .name = strdup(ops[i]), .path = strdup(ops[i]) };
		/* a symlink operand is followed unless -l/-d/-F look at the link */
		int follow = !(o.longfmt || o.dirs_only || o.classify);
		int r = follow ? stat(ops[i], &e.st) : lstat(ops[i], &e.st);
		if (r < 0 && follow)
			r = lstat(ops[i], &e.st);
		if (r < 0) {
			cmd_warn("cannot access '%s'", ops[i]);
			status = 2;
			free(e.name), free(e.path);
			continue;
		}
		e.stat_ok = 1;
		if (!o.dirs_only && S_ISDIR(e.st.st_mode))
			dirs[nd++] = e;
		else
			files[nf++] = e;
	}
	int first = 1;
	if (nf) {
		print_entries(files, nf);
		first = 0;
	}
	qsort(dirs, nd, sizeof(*dirs), entry_cmp);
	for (size_t i = 0; i < nd; i++)
		list_dir(dirs[i].path, nops > 1 || o.recursive, &first);
	free_entries(files, nf);
	free_entries(dirs, nd);
	if (fflush(stdout) == EOF) {
		cmd_warn("write error");
		return 2;
	}
	return status;
}
