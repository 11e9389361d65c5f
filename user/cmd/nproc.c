/*
 * nproc: the number of CPUs this process may run on (its affinity mask),
 * or with --all the number the system has.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	cpu_set_t set;
	long n = -1;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--all") != 0)) {
		fprintf(stderr, "usage: nproc [--all]\n");
		return 2;
	}
	if (argc == 1 && sched_getaffinity(0, sizeof(set), &set) == 0)
		n = CPU_COUNT(&set);
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_CONF);
	printf("%ld\n", n > 0 ? n : 1);
	return 0;
}
