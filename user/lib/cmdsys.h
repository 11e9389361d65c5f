/*
 * cmdsys: helpers shared by the system commands (ps, top, kill, free,
 * uptime, sleep, id, ...; docs/commands-sys.md).
 *
 * Plain C over glibc and Linux's /proc formats (man 5 proc), so the
 * commands behave the same on Kestrel and on a Linux host.
 *
 *   cs_usage(fmt...)            "usage: ..." on stderr, exit 2
 *   cs_read_file(path,buf,n)    a whole (small) file, NUL-terminated
 *   cs_proc_stat(pid, st)       /proc/<pid>/stat parsed into struct cs_stat
 *   cs_parse_stat(text, st)     the same from text (comm may hold ") (")
 *   cs_proc_cmdline(pid,buf,n)  argv joined by spaces ("" for kernel threads)
 *   cs_list_pids(&pids)         the numeric entries of /proc, ascending
 *   cs_proc_uid(pid, &uid)      the real uid of pid (/proc/<pid>/status)
 *   cs_meminfo(mi)              the /proc/meminfo fields free/top need (kB)
 *   cs_uptime(&up), cs_loadavg  /proc/uptime, /proc/loadavg
 *   cs_signum(name)             "HUP", "SIGHUP", "hup", "1", "RTMIN+2" -> number
 *   cs_signame(sig)             1 -> "HUP" (NULL when unknown)
 *   cs_parse_duration(s, &ns)   "1", "0.1", "1.5s", "2m", "1h", "1d"
 *   cs_user_name(uid), cs_group_name(gid)
 *                               from /etc/passwd and /etc/group; the number
 *                               as text when absent
 *   cs_format_uptime(sec,buf,n) procps' "up ..." part ("1 min", "2:05", "3 days, 1:02")
 *   cs_reboot_main(argc, argv, name, how)
 *                               poweroff/reboot/halt: sync, then reboot(how)
 */
#ifndef CMDSYS_H
#define CMDSYS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The fields of /proc/<pid>/stat the commands use (man 5 proc numbers them 1..52). */
struct cs_stat {
	int pid;			/* 1 */
	char comm[64];			/* 2, without the parentheses */
	char state;			/* 3 */
	int ppid, pgrp, session;	/* 4, 5, 6 */
	int tty_nr, tpgid;		/* 7, 8 */
	unsigned long long utime, stime;	/* 14, 15 (clock ticks) */
	long priority, nice;		/* 18, 19 */
	long num_threads;		/* 20 */
	unsigned long long starttime;	/* 22 (clock ticks since boot) */
	unsigned long long vsize;	/* 23 (bytes) */
	long long rss;			/* 24 (pages) */
	int processor;			/* 39 */
};

struct cs_meminfo {
	unsigned long long total, free, available, buffers, cached, sreclaimable, shmem;
	unsigned long long swap_total, swap_free;
	int has_available;		/* MemAvailable was there */
};

void cs_usage(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
ssize_t cs_read_file(const char *path, char *buf, size_t size);
int cs_parse_stat(const char *text, struct cs_stat *st);
int cs_proc_stat(int pid, struct cs_stat *st);
int cs_proc_cmdline(int pid, char *buf, size_t size);
int cs_list_pids(int **pids);
int cs_proc_uid(int pid, uid_t *uid);
int cs_meminfo(struct cs_meminfo *mi);
int cs_uptime(double *up);
int cs_loadavg(double load[3]);
int cs_signum(const char *name);
const char *cs_signame(int sig);
int cs_parse_duration(const char *s, uint64_t *ns);
const char *cs_user_name(uid_t uid);
const char *cs_group_name(gid_t gid);
void cs_format_uptime(long sec, char *buf, size_t size);
int cs_reboot_main(int argc, char **argv, const char *name, int how);

#endif
