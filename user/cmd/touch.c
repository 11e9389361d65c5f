/*
 * touch: change file timestamps, creating files that do not exist.
 *
 *   touch [-acm] [-d DATE | -t STAMP | -r REF] FILE...
 *
 * Sets access and modification time to now (or the given time); -a only
 * access, -m only modification, -c creates nothing.  DATE is
 * "YYYY-MM-DD[ HH:MM[:SS]]" (also with 'T'), or "@SECONDS"; STAMP is
 * [[CC]YY]MMDDhhmm[.ss] (local time); -r copies REF's times.
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

#define USAGE "touch [-acm] [-d DATE | -t STAMP | -r REF] FILE..."

static int parse_date(const char *s, struct timespec *ts)
{
	struct tm tm = {0};
	const char *end;

	if (s[0] == '@') {
		char *e;
		ts->tv_sec = strtoll(s + 1, &e, 10);
		ts->tv_nsec = 0;
		return *e || e == s + 1 ? -1 : 0;
	}
	end = strptime(s, "%Y-%m-%d", &tm);
	if (end && (*end == ' ' || *end == 'T')) {
		const char *t = strptime(end + 1, "%H:%M:%S", &tm);
		end = t ? t : strptime(end + 1, "%H:%M", &tm);
	}
	if (!end || *end)
		return -1;
	tm.tm_isdst = -1;
	ts->tv_sec = mktime(&tm);
	ts->tv_nsec = 0;
	return 0;
}

static int parse_stamp(const char *s, struct timespec *ts)
{
	char buf[32];
	struct tm tm = {0};
	size_t len = strcspn(s, ".");
	const char *fmt = len == 12 ? "%Y%m%d%H%M" : len == 10 ? "%y%m%d%H%M" : "%m%d%H%M";
	time_t now = time(NULL);

	if ((len != 8 && len != 10 && len != 12) || strspn(s, "0123456789") != len)
		return -1;
	localtime_r(&now, &tm); /* the year when STAMP has none */
	tm.tm_sec = 0;
	snprintf(buf, sizeof(buf), "%.*s", (int)len, s);
	const char *end = strptime(buf, fmt, &tm);
	if (!end || *end)
		return -1;
	if (s[len] == '.') {
		if (strlen(s + len + 1) != 2 || strspn(s + len + 1, "0123456789") != 2)
			return -1;
		tm.tm_sec = atoi(s + len + 1);
	}
	tm.tm_isdst = -1;
	ts->tv_sec = mktime(&tm);
	ts->tv_nsec = 0;
	return 0;
}

int main(int argc, char **argv)
{
	int c, no_create = 0, only_a = 0, only_m = 0, status = 0;
	struct timespec ts[2] = { { .tv_nsec = UTIME_NOW }, { .tv_nsec = UTIME_NOW } };
	struct stat st;

	while ((c = getopt(argc, argv, "acmd:t:r:f")) != -1) {
		switch (c) {
		case 'a': only_a = 1; break;
		case 'm': only_m = 1; break;
		case 'c': no_create = 1; break;
		case 'f': break; /* ignored, as GNU */
		case 'd': case 't':
			if ((c == 'd' ? parse_date : parse_stamp)(optarg, &ts[0]) < 0) {
				cmd_warnx("invalid date format '%s'", optarg);
				return 1;
			}
			ts[1] = ts[0];
			break;
		case 'r':
			if (stat(optarg, &st) < 0) {
				cmd_warn("failed to get attributes of '%s'", optarg);
				return 1;
			}
			ts[0] = st.st_atim, ts[1] = st.st_mtim;
			break;
		default: cmd_usage(USAGE);
		}
	}
	if (optind == argc)
		cmd_usage(USAGE);
	if (only_a && !only_m)
		ts[1].tv_nsec = UTIME_OMIT;
	if (only_m && !only_a)
		ts[0].tv_nsec = UTIME_OMIT;
	for (int i = optind; i < argc; i++) {
		if (utimensat(AT_FDCWD, argv[i], ts, 0) == 0)
			continue;
		if (errno == ENOENT && no_create)
			continue;
		if (errno == ENOENT) {
			int fd = open(argv[i], O_WRONLY | O_CREAT | O_NOCTTY | O_CLOEXEC, 0666);
			if (fd >= 0 && futimens(fd, ts) == 0 && close(fd) == 0)
				continue;
		}
		cmd_warn("cannot touch '%s'", argv[i]);
		status = 1;
	}
	return status;
}
