/*
 * uname: print system information (uname(2)).
 *
 *   uname [-asnrvmpio]   -s kernel name (the default), -n node name,
 *                        -r release, -v version, -m machine, -p processor
 *                        and -i platform ("unknown"), -o operating system;
 *                        -a all of them but -p and -i when unknown, in
 *                        that order
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cmdsys.h"

enum { U_S = 1, U_N = 2, U_R = 4, U_V = 8, U_M = 16, U_P = 32, U_I = 64, U_O = 128 };

int main(int argc, char **argv)
{
	struct utsname u;
	unsigned want = 0;
	int opt, first = 1;

	while ((opt = getopt(argc, argv, "asnrvmpio")) != -1) {
		const char *all = "asnrvmpio", *at = strchr(all, opt);

		if (opt == '?' || !at)
			cs_usage("uname [-asnrvmpio]");
		want |= opt == 'a' ? (U_S | U_N | U_R | U_V | U_M | U_O) : 1u << (at - all - 1);
	}
	if (optind < argc)
		cs_usage("uname [-asnrvmpio]");
	if (!want)
		want = U_S;
	if (uname(&u) != 0) {
		fprintf(stderr, "uname: %s\n", strerror(errno));
		return 1;
	}
	const char *field[] = { u.sysname, u.nodename, u.release, u.version, u.machine,
				"unknown", "unknown", "GNU/Linux" };
	for (int i = 0; i < 8; i++)
		if (want & (1u << i)) {
			printf("%s%s", first ? "" : " ", field[i]);
			first = 0;
		}
	putchar('\n');
	return 0;
}
