/*
 * uptime: how long the system has been running, and the load averages.
 *
 *   uptime       " 08:49:00 up 1 min,  load average: 0.00, 0.00, 0.00"
 *                (procps' line without the user count: Kestrel keeps no utmp)
 *   uptime -p    "up 1 hour, 5 minutes"
 *   uptime -s    the boot time, "2026-11-22 08:48:00"
 *
 * From /proc/uptime and /proc/loadavg; the clock is local time.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmdsys.h"

#define UPTIME_USAGE "uptime [-p|-s]"

static void add_part(char *buf, size_t size, long n, const char *unit)
{
	size_t len = strlen(buf);

	if (n)
		snprintf(buf + len, size - len, "%s%ld %s%s", len > 3 ? ", " : "", n, unit,
			 n == 1 ? "" : "s");
}

static void pretty(long sec)
{
	char buf[128] = "up ";

	add_part(buf, sizeof(buf), sec / (7 * 86400), "week");
	add_part(buf, sizeof(buf), sec / 86400 % 7, "day");
	add_part(buf, sizeof(buf), sec / 3600 % 24, "hour");
	add_part(buf, sizeof(buf), sec / 60 % 60, "minute");
	if (strlen(buf) == 3)
		snprintf(buf + 3, sizeof(buf) - 3, "0 minutes");
	printf("%s\n", buf);
}

int main(int argc, char **argv)
{
	double up, load[3];
	time_t now = time(NULL), boot;
	struct tm tm;
	char clock[16], since[64], upbuf[64];
	int opt, mode = 0;

	while ((opt = getopt(argc, argv, "ps")) != -1) {
		if (opt == '?')
			cs_usage(UPTIME_USAGE);
		mode = opt;
	}
	if (optind < argc)
		cs_usage(UPTIME_USAGE);
	if (cs_uptime(&up) != 0 || cs_loadavg(load) != 0) {
		fprintf(stderr, "uptime: /proc: %s\n", strerror(errno ? errno : EINVAL));
		return 1;
	}
	if (mode == 'p') {
		pretty((long)up);
		return 0;
	}
	boot = now - (time_t)up;
	if (mode == 's') {
		strftime(since, sizeof(since), "%Y-%m-%d %H:%M:%S", localtime_r(&boot, &tm));
		printf("%s\n", since);
		return 0;
	}
	strftime(clock, sizeof(clock), "%H:%M:%S", localtime_r(&now, &tm));
	cs_format_uptime((long)up, upbuf, sizeof(upbuf));
	printf(" %s up %s,  load average: %.2f, %.2f, %.2f\n", clock, upbuf, load[0], load[1],
	       load[2]);
	return 0;
}
