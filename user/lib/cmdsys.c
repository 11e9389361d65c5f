/*
 * cmdsys: helpers shared by the system commands (see cmdsys.h).
 *
 * Everything reads Linux's documented formats (man 5 proc, passwd(5),
 * group(5)) and keeps no state between calls except the static buffers
 * that cs_signame/cs_user_name/cs_group_name return (not thread-safe; the
 * commands are single-threaded).
 */
#define _GNU_SOURCE
#include "cmdsys.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/reboot.h>
#include <unistd.h>

void cs_usage(const char *fmt, ...)
{
	va_list ap;

	fputs("usage: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/*
 * Read all of path (at most size - 1 bytes) into buf and NUL-terminate it.
 * Returns the length, or -1 with errno set.
 */
ssize_t cs_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0;

	if (fd < 0)
		return -1;
	while (len + 1 < size) {
		ssize_t n = read(fd, buf + len, size - 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int e = errno;

			close(fd);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = 0;
	return (ssize_t)len;
}

/*
 * Parse one /proc/<pid>/stat line. The command name sits between the
 * first '(' and the LAST ')' (it may itself contain parentheses and
 * spaces). Returns 0, or -1 (errno EINVAL) on a malformed line.
 */
int cs_parse_stat(const char *text, struct cs_stat *st)
{
	const char *open = strchr(text, '('), *close = strrchr(text, ')');
	size_t n;
	int got;

	memset(st, 0, sizeof(*st));
	if (!open || !close || close < open || sscanf(text, "%d", &st->pid) != 1)
		goto err_inval;
	n = (size_t)(close - open - 1);
	if (n >= sizeof(st->comm))
		n = sizeof(st->comm) - 1;
	memcpy(st->comm, open + 1, n);
	st->comm[n] = 0;
	got = sscanf(close + 1,
		     " %c %d %d %d %d %d %*u %*u %*u %*u %*u %llu %llu %*d %*d %ld %ld %ld"
		     " %*d %llu %llu %lld %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u %*u"
		     " %*u %*d %d",
		     &st->state, &st->ppid, &st->pgrp, &st->session, &st->tty_nr, &st->tpgid,
		     &st->utime, &st->stime, &st->priority, &st->nice, &st->num_threads,
		     &st->starttime, &st->vsize, &st->rss, &st->processor);
	if (got < 14)
		goto err_inval;
	return 0;
err_inval:
	errno = EINVAL;
	return -1;
}

int cs_proc_stat(int pid, struct cs_stat *st)
{
	char path[64], buf[1024];

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (cs_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	return cs_parse_stat(buf, st);
}

/* argv of pid joined by spaces into buf; "" when it has none. 0 or -1. */
int cs_proc_cmdline(int pid, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	n = cs_read_file(path, buf, size);
	if (n < 0)
		return -1;
	while (n > 0 && buf[n - 1] == 0)
		n--;
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == 0 || buf[i] == '\n')
			buf[i] = ' ';
	buf[n] = 0;
	return 0;
}

/* The real uid from the "Uid:" line of /proc/<pid>/status; 0 or -1. */
int cs_proc_uid(int pid, uid_t *uid)
{
	char path[64], buf[4096];
	const char *ln;
	unsigned u;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (cs_read_file(path, buf, sizeof(buf)) < 0)
		return -1;
	ln = strstr(buf, "\nUid:");
	if (!ln || sscanf(ln + 5, "%u", &u) != 1) {
		errno = EINVAL;
		return -1;
	}
	*uid = (uid_t)u;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The pids listed in /proc, ascending, in a malloc'd array *pids. The count, or -1. */
int cs_list_pids(int **pids)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int n = 0, cap = 64;
	int *v = malloc((size_t)cap * sizeof(*v));

	if (!d || !v) {
		if (d)
			closedir(d);
		free(v);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		char *end;
		long pid = strtol(de->d_name, &end, 10);

		if (!isdigit((unsigned char)de->d_name[0]) || *end || pid <= 0)
			continue;
		if (n == cap) {
			int *nv = realloc(v, (size_t)(cap *= 2) * sizeof(*v));

			if (!nv)
				break;
			v = nv;
		}
		v[n++] = (int)pid;
	}
	closedir(d);
	qsort(v, (size_t)n, sizeof(*v), cmp_int);
	*pids = v;
	return n;
}

/* /proc/meminfo's fields (kB). 0, or -1 if the file cannot be read. */
int cs_meminfo(struct cs_meminfo *mi)
{
	static const struct { const char *name; size_t off; } f[] = {
		{ "MemTotal", offsetof(struct cs_meminfo, total) },
		{ "MemFree", offsetof(struct cs_meminfo, free) },
		{ "MemAvailable", offsetof(struct cs_meminfo, available) },
		{ "Buffers", offsetof(struct cs_meminfo, buffers) },
		{ "Cached", offsetof(struct cs_meminfo, cached) },
		{ "SReclaimable", offsetof(struct cs_meminfo, sreclaimable) },
		{ "Shmem", offsetof(struct cs_meminfo, shmem) },
		{ "SwapTotal", offsetof(struct cs_meminfo, swap_total) },
		{ "SwapFree", offsetof(struct cs_meminfo, swap_free) },
	};
	char buf[8192], name[64];
	unsigned long long v;

	memset(mi, 0, sizeof(*mi));
	if (cs_read_file("/proc/meminfo", buf, sizeof(buf)) < 0)
		return -1;
	for (char *ln = buf; ln && *ln; ln = strchr(ln, '\n'), ln = ln ? ln + 1 : NULL) {
		if (sscanf(ln, "%63[^:]: %llu", name, &v) != 2)
			continue;
		for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
			if (strcmp(name, f[i].name) == 0)
				*(unsigned long long *)((char *)mi + f[i].off) = v;
		if (strcmp(name, "MemAvailable") == 0)
			mi->has_available = 1;
	}
	if (!mi->has_available)
		mi->available = mi->free;
	return 0;
}

int cs_uptime(double *up)
{
	char buf[128];

	if (cs_read_file("/proc/uptime", buf, sizeof(buf)) < 0)
		return -1;
	return sscanf(buf, "%lf", up) == 1 ? 0 : -1;
}

int cs_loadavg(double load[3])
{
	char buf[128];

	if (cs_read_file("/proc/loadavg", buf, sizeof(buf)) < 0)
		return -1;
	return sscanf(buf, "%lf %lf %lf", &load[0], &load[1], &load[2]) == 3 ? 0 : -1;
}

/* Linux's generic (riscv64) signal numbers 1..31. */
static const char *const signames[32] = {
	NULL, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
	"SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP",
	"TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS",
};

/* "RTMIN", "RTMIN+n", "RTMAX", "RTMAX-n" (without SIG) -> number, or -1. */
static int rt_signum(const char *s)
{
	int base, sign;
	char *end;
	long off = 0;

	if (strncasecmp(s, "RTMIN", 5) == 0)
		base = SIGRTMIN, sign = 1;
	else if (strncasecmp(s, "RTMAX", 5) == 0)
		base = SIGRTMAX, sign = -1;
	else
		return -1;
	s += 5;
	if (*s) {
		if ((sign > 0 && *s != '+') || (sign < 0 && *s != '-'))
			return -1;
		off = strtol(s + 1, &end, 10);
		if (!isdigit((unsigned char)s[1]) || *end)
			return -1;
	}
	base += sign * (int)off;
	return base >= SIGRTMIN && base <= SIGRTMAX ? base : -1;
}

/* A signal name (any case, with or without SIG; IO and IOT too) or number -> number; -1 if unknown. */
int cs_signum(const char *name)
{
	char *end;

	if (isdigit((unsigned char)name[0])) {
		long v = strtol(name, &end, 10);

		return *end || v < 0 || v > SIGRTMAX ? -1 : (int)v;
	}
	if (strncasecmp(name, "SIG", 3) == 0)
		name += 3;
	for (int i = 1; i < 32; i++)
		if (strcasecmp(name, signames[i]) == 0)
			return i;
	if (strcasecmp(name, "IO") == 0)
		return SIGIO;
	if (strcasecmp(name, "IOT") == 0)
		return SIGABRT;
	return rt_signum(name);
}

/* 1 -> "HUP", 34 -> "RTMIN", 35 -> "RTMIN+1", ...; NULL if out of range. */
const char *cs_signame(int sig)
{
	static char buf[16];

	if (sig >= 1 && sig < 32)
		return signames[sig];
	if (sig < SIGRTMIN || sig > SIGRTMAX)
		return NULL;
	if (sig == SIGRTMIN)
		return "RTMIN";
	if (sig == SIGRTMAX)
		return "RTMAX";
	if (sig - SIGRTMIN <= SIGRTMAX - sig)
		snprintf(buf, sizeof(buf), "RTMIN+%d", sig - SIGRTMIN);
	else
		snprintf(buf, sizeof(buf), "RTMAX-%d", SIGRTMAX - sig);
	return buf;
}

/*
 * A duration like sleep(1)'s: a non-negative decimal number of seconds
 * with an optional fraction and one suffix s, m, h or d. 0 and *ns, or
 * -1 (EINVAL / ERANGE).
 */
int cs_parse_duration(const char *s, uint64_t *ns)
{
	static const struct { char suffix; double mult; } units[] = {
		{ 0, 1 }, { 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
	};
	char *end;
	double v;

	if (!isdigit((unsigned char)*s) && *s != '.')
		goto err_inval;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno)
		goto err_inval;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (*end != units[i].suffix || (*end && end[1]))
			continue;
		v *= units[i].mult * 1e9;
		if (v > 1.8e19) {
			errno = ERANGE;
			return -1;
		}
		*ns = (uint64_t)v;
		return 0;
	}
err_inval:
	errno = EINVAL;
	return -1;
}

/* Field 0 of the line of file whose field 2 is id, into out; 0 or -1. */
static int id_lookup(const char *file, unsigned long id, char *out, size_t size)
{
	FILE *f = fopen(file, "re");
	char line[512];
	int found = -1;

	if (!f)
		return -1;
	while (found < 0 && fgets(line, sizeof(line), f)) {
		char *name = strtok(line, ":"), *pw = strtok(NULL, ":"), *num = strtok(NULL, ":");
		char *end;

		if (!name || !pw || !num)
			continue;
		if (strtoul(num, &end, 10) == id && end != num && (*end == 0 || *end == '\n')) {
			snprintf(out, size, "%s", name);
			found = 0;
		}
	}
	fclose(f);
	return found;
}

const char *cs_user_name(uid_t uid)
{
	static char buf[64];

	if (id_lookup("/etc/passwd", uid, buf, sizeof(buf)) < 0)
		snprintf(buf, sizeof(buf), "%u", (unsigned)uid);
	return buf;
}

const char *cs_group_name(gid_t gid)
{
	static char buf[64];

	if (id_lookup("/etc/group", gid, buf, sizeof(buf)) < 0)
		snprintf(buf, sizeof(buf), "%u", (unsigned)gid);
	return buf;
}

/* procps' uptime text after "up ": "5 min", "1:02", "2 days, 3 min", "1 day,  1:02". */
void cs_format_uptime(long sec, char *buf, size_t size)
{
	long days = sec / 86400, hours = sec / 3600 % 24, mins = sec / 60 % 60;
	size_t n = 0;

	if (days)
		n = (size_t)snprintf(buf, size, "%ld day%s, ", days, days == 1 ? "" : "s");
	if (n >= size)
		return;
	if (hours)
		snprintf(buf + n, size - n, "%2ld:%02ld", hours, mins);
	else
		snprintf(buf + n, size - n, "%ld min", mins);
}

/*
 * The body of poweroff, reboot and halt: `NAME [-f] [-n]`. Syncs (unless
 * -n), then reboot(2) with how (RB_POWER_OFF, RB_AUTOBOOT or
 * RB_HALT_SYSTEM, which are Linux's LINUX_REBOOT_CMD_* values). -f is
 * accepted for compatibility: there is no shutdown protocol with init, so
 * every call acts at once. Returns only on failure (1), or 2 for a usage
 * error.
 */
int cs_reboot_main(int argc, char **argv, const char *name, int how)
{
	int opt, nosync = 0;

	while ((opt = getopt(argc, argv, "fnwp")) != -1) {
		if (opt == 'n')
			nosync = 1;
		else if (opt == '?')
			cs_usage("%s [-f] [-n]", name);
	}
	if (optind < argc)
		cs_usage("%s [-f] [-n]", name);
	if (!nosync)
		sync();
	reboot(how);
	fprintf(stderr, "%s: %s\n", name, strerror(errno));
	return 1;
}
