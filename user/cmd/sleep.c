/*
 * sleep: pause for the sum of its arguments.
 *
 *   sleep NUMBER[SUFFIX]...   NUMBER may have a fraction (0.1); SUFFIX is
 *                             s (seconds, the default), m, h or d.
 *
 * A bad interval is a usage error (exit 2). The sleep resumes after a
 * signal that does not kill it (ulib_sleep_ns).
 */
#include <stdio.h>

#include "cmdsys.h"
#include "ulib.h"

int main(int argc, char **argv)
{
	uint64_t total = 0, ns;

	if (argc < 2)
		cs_usage("sleep NUMBER[smhd]...");
	for (int i = 1; i < argc; i++) {
		if (cs_parse_duration(argv[i], &ns) != 0 || total + ns < total) {
			fprintf(stderr, "sleep: invalid time interval '%s'\n", argv[i]);
			cs_usage("sleep NUMBER[smhd]...");
		}
		total += ns;
	}
	ulib_sleep_ns(total);
	return 0;
}
