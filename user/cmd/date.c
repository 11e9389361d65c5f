/*
 * date: print (or set) the date and time.
 *
 *   date [-u] [-d @SECONDS] [+FORMAT]
 *   date [-u] -s @SECONDS
 *
 * FORMAT is strftime(3)'s (the default "%a %b %e %H:%M:%S %Z %Y", as GNU
 * date in the C locale). -u uses UTC (TZ=UTC0); otherwise the local time
 * zone (glibc: TZ or /etc/localtime, UTC without either). -d shows the
 * given time instead of now; -s sets the clock (clock_settime, root only).
 * Only the @SECONDS form of a date is understood.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmdsys.h"

#define DATE_USAGE "date [-u] [-d @SECONDS | -s @SECONDS] [+FORMAT]"

static int parse_at(const char *s, time_t *t)
{
	char *end;
	long long v;

	if (s[0] != '@')
		return -1;
	errno = 0;
	v = strtoll(s + 1, &end, 10);
	if (end == s + 1 || *end || errno)
		return -1;
	*t = (time_t)v;
	return 0;
}

static int print_time(time_t t, const char *fmt)
{
	char out[1024];
	struct tm tm;

	if (!localtime_r(&t, &tm)) {
		fprintf(stderr, "date: time %lld is out of range\n", (long long)t);
		return 1;
	}
	out[0] = 0;
	if (strftime(out, sizeof(out), fmt, &tm) == 0 && fmt[0]) {
		fprintf(stderr, "date: the format's output is too long\n");
		return 1;
	}
	printf("%s\n", out);
	return 0;
}

int main(int argc, char **argv)
{
	const char *fmt = "%a %b %e %H:%M:%S %Z %Y", *show = NULL, *set = NULL;
	time_t t = time(NULL);
	int opt;

	while ((opt = getopt(argc, argv, "ud:s:")) != -1) {
		if (opt == 'u')
			setenv("TZ", "UTC0", 1);
		else if (opt == 'd')
			show = optarg;
		else if (opt == 's')
			set = optarg;
		else
			cs_usage(DATE_USAGE);
	}
	if (optind < argc && argv[optind][0] == '+')
		fmt = argv[optind++] + 1;
	if (optind < argc || (show && set))
		cs_usage(DATE_USAGE);
	tzset();
	if ((show || set) && parse_at(show ? show : set, &t) != 0) {
		fprintf(stderr, "date: invalid date '%s' (only @SECONDS is understood)\n",
			show ? show : set);
		return 1;
	}
	if (set) {
		struct timespec ts = { .tv_sec = t, .tv_nsec = 0 };

		if (clock_settime(CLOCK_REALTIME, &ts) != 0) {
			fprintf(stderr, "date: cannot set date: %s\n", strerror(errno));
			return 1;
		}
	}
	return print_time(t, fmt);
}
