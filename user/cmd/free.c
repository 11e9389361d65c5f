/*
 * free: memory in use and free, from /proc/meminfo (procps-ng 4's layout).
 *
 *   free [-b|-k|-m|-g|-h] [-t]
 *
 * Columns: total, used (= total - available), free, shared (Shmem),
 * buff/cache (Buffers + Cached + SReclaimable), available (MemAvailable,
 * or MemFree when the kernel does not provide it). Units: KiB by default;
 * -h picks B/Ki/Mi/Gi/Ti per value (one decimal below 10, truncated as
 * procps does). -t adds a Total line (Mem + Swap).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cmdsys.h"

#define FREE_USAGE "free [-b|-k|-m|-g|-h] [-t]"

static int unit_shift = 10;	/* bytes >> this; -1 for human */

static const char *fmt_kb(unsigned long long kb, char *buf, size_t size)
{
	static const char units[] = "BKMGTP";
	double v = (double)kb * 1024;
	int u = 0;

	if (unit_shift >= 0) {
		snprintf(buf, size, "%llu", (kb << 10) >> unit_shift);
		return buf;
	}
	while (v >= 1024 && u < 5)
		v /= 1024, u++;
	if (u == 0)
		snprintf(buf, size, "%lluB", kb * 1024);
	else if (v < 10)
		snprintf(buf, size, "%.1f%ci", (double)(long)(v * 10) / 10, units[u]);
	else
		snprintf(buf, size, "%ld%ci", (long)v, units[u]);
	return buf;
}

static void row(const char *name, const unsigned long long *v, int n)
{
	char buf[32];

	printf("%-8s", name);
	for (int i = 0; i < n; i++)
		printf("%12s", fmt_kb(v[i], buf, sizeof(buf)));
	putchar('\n');
}

int main(int argc, char **argv)
{
	struct cs_meminfo mi;
	int opt, total = 0;

	while ((opt = getopt(argc, argv, "bkmght")) != -1) {
		switch (opt) {
		case 'b': unit_shift = 0; break;
		case 'k': unit_shift = 10; break;
		case 'm': unit_shift = 20; break;
		case 'g': unit_shift = 30; break;
		case 'h': unit_shift = -1; break;
		case 't': total = 1; break;
		default: cs_usage(FREE_USAGE);
		}
	}
	if (optind < argc)
		cs_usage(FREE_USAGE);
	if (cs_meminfo(&mi) != 0) {
		fprintf(stderr, "free: /proc/meminfo: %s\n", strerror(errno));
		return 1;
	}
	unsigned long long cache = mi.buffers + mi.cached + mi.sreclaimable;
	unsigned long long used = mi.total > mi.available ? mi.total - mi.available : 0;
	unsigned long long mem[] = { mi.total, used, mi.free, mi.shmem, cache, mi.available };
	unsigned long long swap[] = { mi.swap_total, mi.swap_total - mi.swap_free, mi.swap_free };
	unsigned long long tot[] = { mem[0] + swap[0], mem[1] + swap[1], mem[2] + swap[2] };

	printf("%20s%12s%12s%12s%12s%12s\n", "total", "used", "free", "shared", "buff/cache",
	       "available");
	row("Mem:", mem, 6);
	row("Swap:", swap, 3);
	if (total)
		row("Total:", tot, 3);
	return 0;
}
