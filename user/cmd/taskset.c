/*
 * taskset: show or set the CPU affinity of a process.
 *
 *   taskset [-c] MASK|LIST COMMAND [ARG]...   run COMMAND on those CPUs
 *   taskset -p [-c] PID                       show PID's affinity
 *   taskset -p [-c] MASK|LIST PID             set it (and show old and new)
 *
 * MASK is hexadecimal (0x optional; bit N = CPU N); with -c a LIST like
 * "0,2-3". Output as util-linux: "pid 5's current affinity mask: 3" or
 * "... list: 0,1".
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmdsys.h"

#define TASKSET_USAGE "taskset [-p] [-c] [MASK|LIST] [PID | COMMAND [ARG]...]"

static int parse_mask(const char *s, cpu_set_t *set)
{
	size_t len;

	CPU_ZERO(set);
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	len = strlen(s);
	if (!len)
		return -1;
	for (size_t i = 0; i < len; i++) {
		char c = s[len - 1 - i];
		int v = isdigit((unsigned char)c) ? c - '0' :
			isxdigit((unsigned char)c) ? tolower((unsigned char)c) - 'a' + 10 : -1;

		if (v < 0)
			return -1;
		for (int b = 0; b < 4; b++)
			if ((v >> b & 1) && i * 4 + b < CPU_SETSIZE)
				CPU_SET(i * 4 + b, set);
	}
	return 0;
}

static int parse_list(const char *s, cpu_set_t *set)
{
	char *end;

	CPU_ZERO(set);
	while (*s) {
		long a = strtol(s, &end, 10), b = a;

		if (end == s || a < 0)
			return -1;
		if (*end == '-') {
			s = end + 1;
			b = strtol(s, &end, 10);
			if (end == s || b < a)
				return -1;
		}
		for (long c = a; c <= b && c < CPU_SETSIZE; c++)
			CPU_SET(c, set);
		if (*end != ',' && *end)
			return -1;
		s = *end ? end + 1 : end;
	}
	return 0;
}

static void show(pid_t pid, const char *when, int list, const cpu_set_t *set)
{
	printf("pid %d's %s affinity %s: ", pid, when, list ? "list" : "mask");
	if (list) {
		int first = 1;

		for (int c = 0; c < CPU_SETSIZE; c++) {
			int e = c;

			if (!CPU_ISSET(c, set))
				continue;
			while (e + 1 < CPU_SETSIZE && CPU_ISSET(e + 1, set))
				e++;
			printf(e > c ? "%s%d-%d" : "%s%d", first ? "" : ",", c, e);
			first = 0;
			c = e;
		}
	} else {
		int top = CPU_SETSIZE - 4, started = 0;

		for (; top >= 0; top -= 4) {
			int v = 0;

			for (int b = 0; b < 4; b++)
				v |= CPU_ISSET(top + b, set) ? 1 << b : 0;
			if (v || started || top == 0)
				printf("%x", v), started = 1;
		}
	}
	putchar('\n');
}

static int get_or_die(pid_t pid, cpu_set_t *set)
{
	if (sched_getaffinity(pid, sizeof(*set), set) != 0) {
		fprintf(stderr, "taskset: failed to get pid %d's affinity: %s\n", pid,
			strerror(errno));
		exit(1);
	}
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, by_pid = 0, list = 0;
	cpu_set_t set;
	pid_t pid = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'p')
				by_pid = 1;
			else if (*o == 'c')
				list = 1;
			else
				cs_usage(TASKSET_USAGE);
		}
	}
	if (by_pid && (argc - i == 1 || argc - i == 2)) {
		pid = (pid_t)atoi(argv[argc - 1]);
		get_or_die(pid, &set);
		show(pid, "current", list, &set);
		if (argc - i == 1)
			return 0;
	} else if (by_pid || argc - i < 2) {
		cs_usage(TASKSET_USAGE);
	}
	if ((list ? parse_list(argv[i], &set) : parse_mask(argv[i], &set)) != 0) {
		fprintf(stderr, "taskset: failed to parse CPU %s: %s\n", list ? "list" : "mask",
			argv[i]);
		return 1;
	}
	if (sched_setaffinity(by_pid ? pid : 0, sizeof(set), &set) != 0) {
		fprintf(stderr, "taskset: failed to set pid %d's affinity: %s\n",
			by_pid ? pid : getpid(), strerror(errno));
		return 1;
	}
	if (by_pid) {
		get_or_die(pid, &set);
		show(pid, "new", list, &set);
		return 0;
	}
	execvp(argv[i + 1], argv + i + 1);
	fprintf(stderr, "taskset: failed to execute %s: %s\n", argv[i + 1], strerror(errno));
	return errno == ENOENT ? 127 : 126;
}
