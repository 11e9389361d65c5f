/*
 * ps: report processes, from /proc/<pid>/{stat,status,cmdline}.
 *
 *   ps                  the processes of this session (and of this
 *                       terminal, when there is one):  PID TTY TIME CMD
 *   ps -e | -A          every process (same columns)
 *   ps -f [-e]          full: UID PID PPID C STIME TTY TIME CMD (argv)
 *   ps -p PID[,PID...]  just those
 *   ps aux, ps ax, ps x BSD style: a+x = every process; u = USER PID %CPU
 *                       %MEM VSZ RSS TTY STAT START TIME COMMAND; without u:
 *                       PID TTY STAT TIME COMMAND
 *
 * Column layouts follow procps-ng. TTY comes from stat's tty_nr ("?" for
 * none, "console" for 5:1, "ttySn", "ttyn", "pts/n"). CMD in the full and
 * BSD forms is the command line, or "[comm]" when it is empty (a kernel
 * thread, a zombie). A process that exits while ps reads it is skipped.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "cmdsys.h"

#define PS_USAGE "ps [-e|-A] [-f] [-p PID[,PID]...] | ps [a][u][x]"
#define PS_CMDLINE 4096

enum ps_format { PS_DEFAULT, PS_FULL, PS_BSD, PS_USER };

struct ps_opts {
	enum ps_format fmt;
	int all;		/* -e, or BSD a+x */
	char *pids;		/* -p's list, or NULL */
};

/* Boot-relative facts every row needs. */
struct ps_ctx {
	long hz;
	double uptime;
	time_t boot;
	unsigned long long mem_kb;
	long page_kb;
};

static void tty_name(int tty_nr, char *buf, size_t size)
{
	unsigned maj = major((dev_t)tty_nr), min = minor((dev_t)tty_nr);

	if (tty_nr == 0)
		snprintf(buf, size, "?");
	else if (maj == 5 && min == 1)
		snprintf(buf, size, "console");
	else if (maj == 4 && min >= 64)
		snprintf(buf, size, "ttyS%u", min - 64);
	else if (maj == 4)
		snprintf(buf, size, "tty%u", min);
	else if (maj >= 136 && maj <= 143)
		snprintf(buf, size, "pts/%u", (maj - 136) * 256 + min);
	else
		snprintf(buf, size, "%u,%u", maj, min);
}

/* [DD-]HH:MM:SS of ticks. */
static void fmt_time(unsigned long long ticks, long hz, char *buf, size_t size)
{
	unsigned long long s = ticks / (unsigned long long)hz;

	if (s >= 86400)
		snprintf(buf, size, "%llu-%02llu:%02llu:%02llu", s / 86400, s / 3600 % 24,
			 s / 60 % 60, s % 60);
	else
		snprintf(buf, size, "%02llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60);
}

/* HH:MM if the process started today, else "MonDD" (procps' STIME/START). */
static void fmt_start(const struct ps_ctx *c, const struct cs_stat *st, char *buf, size_t size)
{
	time_t t = c->boot + (time_t)(st->starttime / (unsigned long long)c->hz);
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(buf, size, now - t < 86400 ? "%H:%M" : "%b%d", &tm);
}

static void bsd_stat(const struct cs_stat *st, char *buf)
{
	int n = 0;

	buf[n++] = st->state;
	if (st->nice < 0)
		buf[n++] = '<';
	else if (st->nice > 0)
		buf[n++] = 'N';
	if (st->pid == st->session)
		buf[n++] = 's';
	if (st->num_threads > 1)
		buf[n++] = 'l';
	if (st->tty_nr && st->tpgid == st->pgrp)
		buf[n++] = '+';
	buf[n] = 0;
}

static const char *command_of(const struct cs_stat *st, char *buf, size_t size)
{
	if (cs_proc_cmdline(st->pid, buf, size) != 0 || !buf[0])
		snprintf(buf, size, "[%s]", st->comm);
	return buf;
}

static double cpu_percent(const struct ps_ctx *c, const struct cs_stat *st)
{
	double alive = c->uptime - (double)st->starttime / (double)c->hz;
	double used = (double)(st->utime + st->stime) / (double)c->hz;

	double pct = alive > 0 ? 100.0 * used / alive : 0;

	/* A process a few ticks old can show more than its threads could use: cap it. */
	return pct > 100.0 * (double)st->num_threads ? 100.0 * (double)st->num_threads : pct;
}

static void print_header(enum ps_format fmt)
{
	static const char *const head[] = {
		[PS_DEFAULT] = "  PID TTY          TIME CMD",
		[PS_FULL] = "UID          PID    PPID  C STIME TTY          TIME CMD",
		[PS_BSD] = "  PID TTY      STAT   TIME COMMAND",
		[PS_USER] = "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND",
	};

	puts(head[fmt]);
}

static void print_row(const struct ps_ctx *c, enum ps_format fmt, const struct cs_stat *st)
{
	static char cmd[PS_CMDLINE];
	char tty[16], tm[32], start[16], stat[8];
	uid_t uid = 0;
	unsigned long long s = (st->utime + st->stime) / (unsigned long long)c->hz;

	tty_name(st->tty_nr, tty, sizeof(tty));
	fmt_time(st->utime + st->stime, c->hz, tm, sizeof(tm));
	fmt_start(c, st, start, sizeof(start));
	bsd_stat(st, stat);
	if (fmt == PS_FULL || fmt == PS_USER)
		cs_proc_uid(st->pid, &uid);
	switch (fmt) {
	case PS_DEFAULT:
		printf("%5d %-8s %8s %s\n", st->pid, tty, tm, st->comm);
		break;
	case PS_FULL:
		printf("%-8s %7d %7d %2d %5s %-8s %8s %s\n", cs_user_name(uid), st->pid, st->ppid,
		       (int)cpu_percent(c, st), start, tty, tm, command_of(st, cmd, sizeof(cmd)));
		break;
	case PS_BSD:
		printf("%5d %-8s %-4s %3llu:%02llu %s\n", st->pid, tty, stat, s / 60, s % 60,
		       command_of(st, cmd, sizeof(cmd)));
		break;
	case PS_USER:
		printf("%-8s %7d %4.1f %4.1f %6llu %5lld %-8s %-4s %5s %3llu:%02llu %s\n",
		       cs_user_name(uid), st->pid, cpu_percent(c, st),
		       c->mem_kb ? 100.0 * (double)(st->rss * c->page_kb) / (double)c->mem_kb : 0.0,
		       st->vsize / 1024, st->rss * c->page_kb, tty, stat, start, s / 60, s % 60,
		       command_of(st, cmd, sizeof(cmd)));
		break;
	}
}

static int in_list(const char *list, int pid)
{
	char *copy = strdup(list), *save = NULL;
	int found = 0;

	for (char *t = strtok_r(copy, ", ", &save); t && !found; t = strtok_r(NULL, ", ", &save))
		found = atoi(t) == pid;
	free(copy);
	return found;
}

static int selected(const struct ps_opts *o, const struct cs_stat *me, const struct cs_stat *st)
{
	if (o->pids)
		return in_list(o->pids, st->pid);
	if (o->all)
		return 1;
	return st->session == me->session || (me->tty_nr && st->tty_nr == me->tty_nr);
}

static void parse_bsd(const char *arg, struct ps_opts *o)
{
	int a = 0, x = 0;

	for (; *arg; arg++) {
		if (*arg == 'a')
			a = 1;
		else if (*arg == 'x')
			x = 1;
		else if (*arg == 'u')
			o->fmt = PS_USER;
		else if (*arg != 'w')
			cs_usage(PS_USAGE);
	}
	if (o->fmt != PS_USER)
		o->fmt = PS_BSD;
	o->all = o->all || (a && x) || x;
}

static void parse_args(int argc, char **argv, struct ps_opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-') {
			parse_bsd(a, o);
			continue;
		}
		for (a++; *a; a++) {
			if (*a == 'e' || *a == 'A') {
				o->all = 1;
			} else if (*a == 'f') {
				o->fmt = PS_FULL;
			} else if (*a == 'p') {
				o->pids = a[1] ? (char *)a + 1 : argv[++i];
				if (!o->pids)
					cs_usage(PS_USAGE);
				break;
			} else {
				fprintf(stderr, "ps: unknown option -- '%c'\n", *a);
				cs_usage(PS_USAGE);
			}
		}
	}
}

int main(int argc, char **argv)
{
	struct ps_opts o = { .fmt = PS_DEFAULT };
	struct ps_ctx c = { .hz = sysconf(_SC_CLK_TCK), .page_kb = sysconf(_SC_PAGESIZE) / 1024 };
	struct cs_meminfo mi;
	struct cs_stat me, st;
	int *pids, n, shown = 0;

	parse_args(argc, argv, &o);
	if (c.hz <= 0)
		c.hz = 100;
	if (cs_uptime(&c.uptime) != 0 || cs_proc_stat(getpid(), &me) != 0 ||
	    (n = cs_list_pids(&pids)) < 0) {
		fprintf(stderr, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	c.boot = time(NULL) - (time_t)c.uptime;
	if (cs_meminfo(&mi) == 0)
		c.mem_kb = mi.total;
	print_header(o.fmt);
	for (int i = 0; i < n; i++)
		if (cs_proc_stat(pids[i], &st) == 0 && selected(&o, &me, &st)) {
			print_row(&c, o.fmt, &st);
			shown++;
		}
	free(pids);
	return o.pids && !shown ? 1 : 0;
}
