/*
 * dd: copy a file block by block.
 *
 *   dd [if=FILE] [of=FILE] [bs=N] [count=N] [skip=N] [seek=N]
 *      [conv=notrunc,fsync,fdatasync,sync,noerror] [iflag=fullblock]
 *      [status=none|noxfer]
 *
 * Reads blocks of bs bytes (default 512; suffixes c w b k K M G kB MB GB)
 * from if (default stdin) and writes each as read to of (default stdout).
 * skip= input blocks are skipped (lseek, or read and dropped on a pipe),
 * seek= output blocks are skipped; the output is truncated at the seek
 * point unless conv=notrunc.  count= limits the input blocks.  A short
 * read is a partial record (N+M counts, as GNU); iflag=fullblock retries
 * to fill blocks; conv=sync pads short blocks with zeros; conv=noerror
 * goes on after a read error; conv=fsync/fdatasync sync before exit.
 * The summary on stderr is GNU's: records in/out, bytes (with SI and IEC
 * sizes), seconds, rate.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "dd [if=FILE] [of=FILE] [bs=N] [count=N] [skip=N] [seek=N] [conv=LIST] [status=none]"

static struct {
	const char *in, *out;
	unsigned long long bs, count, skip, seek;
	int have_count, notrunc, fsync, fdatasync, sync, noerror, fullblock, quiet, noxfer;
} o = { .bs = 512 };

static unsigned long long full_in, part_in, full_out, part_out, bytes;
static struct timespec t0;

static unsigned long long parse_size(const char *s)
{
	static const struct { const char *suf; unsigned long long mul; } sufs[] = {
		{"", 1}, {"c", 1}, {"w", 2}, {"b", 512}, {"k", 1024}, {"K", 1024},
		{"M", 1 << 20}, {"G", 1ULL << 30}, {"kB", 1000}, {"KB", 1000},
		{"MB", 1000000}, {"GB", 1000000000}, {"KiB", 1024}, {"MiB", 1 << 20},
		{"GiB", 1ULL << 30},
	};
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	if (end != s && *s != '-')
		for (size_t i = 0; i < sizeof(sufs) / sizeof(sufs[0]); i++)
			if (strcmp(end, sufs[i].suf) == 0)
				return v * sufs[i].mul;
	cmd_warnx("invalid number: '%s'", s);
	exit(1);
}

static void parse_list(const char *list, int is_conv)
{
	char *copy = strdup(list), *save, *w;

	for (w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (is_conv && strcmp(w, "notrunc") == 0) o.notrunc = 1;
		else if (is_conv && strcmp(w, "fsync") == 0) o.fsync = 1;
		else if (is_conv && strcmp(w, "fdatasync") == 0) o.fdatasync = 1;
		else if (is_conv && strcmp(w, "sync") == 0) o.sync = 1;
		else if (is_conv && strcmp(w, "noerror") == 0) o.noerror = 1;
		else if (!is_conv && strcmp(w, "fullblock") == 0) o.fullblock = 1;
		else {
			cmd_warnx("invalid %s: '%s'", is_conv ? "conversion" : "input flag", w);
			cmd_usage(USAGE);
		}
	}
	free(copy);
}

static void parse_operand(const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t k = eq ? (size_t)(eq - arg) : 0;
	const char *v = eq ? eq + 1 : NULL;

	if (!eq) {
		cmd_warnx("unrecognized operand '%s'", arg);
		cmd_usage(USAGE);
	}
#define KEY(s) (k == strlen(s) && strncmp(arg, s, k) == 0)
	if (KEY("if")) o.in = v;
	else if (KEY("of")) o.out = v;
	else if (KEY("bs") || KEY("ibs") || KEY("obs")) o.bs = parse_size(v);
	else if (KEY("count")) o.count = parse_size(v), o.have_count = 1;
	else if (KEY("skip")) o.skip = parse_size(v);
	else if (KEY("seek")) o.seek = parse_size(v);
	else if (KEY("conv")) parse_list(v, 1);
	else if (KEY("iflag")) parse_list(v, 0);
	else if (KEY("status") && strcmp(v, "none") == 0) o.quiet = 1;
	else if (KEY("status") && strcmp(v, "noxfer") == 0) o.noxfer = 1;
	else if (KEY("status") && strcmp(v, "progress") == 0) ;
	else {
		cmd_warnx("unrecognized operand '%s'", arg);
		cmd_usage(USAGE);
	}
#undef KEY
	if (o.bs == 0) {
		cmd_warnx("invalid number: '%s'", v);
		exit(1);
	}
}

/* GNU's sizes in the summary: three significant digits, "1.0 kB". */
static void fmt_si(double v, int base, const char *const *units, char *buf, size_t len)
{
	int u = 0;

	while (v >= base && units[u + 1])
		v /= base, u++;
	snprintf(buf, len, v >= 99.95 ? "%.0f %s" : "%.1f %s", v, units[u]);
}

static void summary(void)
{
	static const char *const si[] = { "B", "kB", "MB", "GB", "TB", "PB", NULL };
	static const char *const iec[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", NULL };
	static const char *const rate[] = { "kB/s", "MB/s", "GB/s", "TB/s", NULL };
	struct timespec t1;
	char a[32], b[32], r[32];

	if (o.quiet)
		return;
	fprintf(stderr, "%llu+%llu records in\n%llu+%llu records out\n", full_in, part_in,
		full_out, part_out);
	if (o.noxfer)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fmt_si((double)bytes, 1000, si, a, sizeof(a));
	fmt_si((double)bytes, 1024, iec, b, sizeof(b));
	fmt_si(secs > 0 ? (double)bytes / secs / 1000 : 0, 1000, rate, r, sizeof(r));
	if (bytes < 1000)
		fprintf(stderr, "%llu byte%s copied", bytes, bytes == 1 ? "" : "s");
	else if (bytes < 1024)
		fprintf(stderr, "%llu bytes (%s) copied", bytes, a);
	else
		fprintf(stderr, "%llu bytes (%s, %s) copied", bytes, a, b);
	fprintf(stderr, ", %g s, %s\n", secs, r);
}

static void die(const char *what, const char *path)
{
	cmd_warn("%s '%s'", what, path);
	summary();
	exit(1);
}

/* One input block: fills buf up to o.bs (or one read without fullblock). */
static ssize_t read_block(int fd, char *buf)
{
	size_t got = 0;

	while (got < o.bs) {
		ssize_t n = cmd_read(fd, buf + got, o.bs - got);
		if (n < 0)
			return got ? (ssize_t)got : -1;
		if (n == 0)
			break;
		got += (size_t)n;
		if (!o.fullblock)
			break;
	}
	return (ssize_t)got;
}

static void skip_input(int in, char *buf)
{
	if (!o.skip)
		return;
	if (lseek(in, (off_t)(o.skip * o.bs), SEEK_CUR) >= 0)
		return;
	for (unsigned long long i = 0; i < o.skip; i++) {
		ssize_t n = read_block(in, buf);
		if (n < 0)
			die("error reading", o.in ? o.in : "standard input");
		if (n == 0) {
			cmd_warnx("'%s': cannot skip to specified offset", o.in ? o.in : "standard input");
			break;
		}
	}
}

static int open_output(void)
{
	struct stat st;
	int fd;

	if (!o.out)
		fd = 1;
	else if ((fd = open(o.out, O_WRONLY | O_CREAT | O_CLOEXEC, 0666)) < 0)
		die("failed to open", o.out);
	if (o.seek && lseek(fd, (off_t)(o.seek * o.bs), SEEK_CUR) < 0)
		die("cannot seek in", o.out ? o.out : "standard output");
	if (o.out && !o.notrunc && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    ftruncate(fd, (off_t)(o.seek * o.bs)) < 0)
		die("failed to truncate", o.out);
	return fd;
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			continue;
		parse_operand(argv[i]);
	}
	int in = o.in ? open(o.in, O_RDONLY | O_CLOEXEC) : 0;
	if (in < 0) {
		cmd_warn("failed to open '%s'", o.in);
		return 1;
	}
	char *buf = malloc(o.bs);
	if (!buf) {
		cmd_warn("memory exhausted (bs=%llu)", o.bs);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	skip_input(in, buf);
	int out = open_output();
	for (unsigned long long blk = 0; !o.have_count || blk < o.count; blk++) {
		ssize_t n = read_block(in, buf);
		if (n < 0 && o.noerror) {
			cmd_warn("error reading '%s'", o.in ? o.in : "standard input");
			n = 0, part_in++;
			if (!o.sync)
				continue;
		} else if (n < 0) {
			die("error reading", o.in ? o.in : "standard input");
		} else if (n == 0) {
			break;
		}
		if ((size_t)n == o.bs) full_in++; else if (n) part_in++;
		if (o.sync && (size_t)n < o.bs) {
			memset(buf + n, 0, o.bs - (size_t)n);
			n = (ssize_t)o.bs;
		}
		if (cmd_write_all(out, buf, (size_t)n) < 0)
			die("error writing", o.out ? o.out : "standard output");
		if ((size_t)n == o.bs) full_out++; else part_out++;
		bytes += (unsigned long long)n;
	}
	if ((o.fsync && fsync(out) < 0) || (o.fdatasync && fdatasync(out) < 0))
		die("fsync failed for", o.out ? o.out : "standard output");
	if (out != 1 && close(out) < 0)
		die("closing output file", o.out);
	summary();
	return 0;
}
