/*
 * renice: change the niceness of running processes.
 *
 *   renice [-n] PRIORITY [[-p] PID... | -g PGRP... | -u USER...]...
 *
 * PRIORITY is the new niceness (-20..19, clamped by the kernel). IDs are
 * process ids by default; -g and -u switch to process groups and users
 * (a name from /etc/passwd or a number) for the ids after them. Prints
 * "PID (process ID) old priority A, new priority B" per id, as util-linux.
 * Exit 1 if any change failed.
 */
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "cmdsys.h"

#define RENICE_USAGE "renice [-n] PRIORITY [-p|-g|-u] ID..."

static const char *const what_name[] = {
	[PRIO_PROCESS] = "process ID", [PRIO_PGRP] = "process group ID", [PRIO_USER] = "user ID",
};

/* A user name from /etc/passwd, or a number. -1 if neither. */
static long user_id(const char *s)
{
	char line[512];
	FILE *f;
	char *end;
	long v = strtol(s, &end, 10);

	if (end != s && !*end)
		return v;
	f = fopen("/etc/passwd", "re");
	for (v = -1; f && v < 0 && fgets(line, sizeof(line), f);) {
		char *name = strtok(line, ":"), *pw = strtok(NULL, ":"), *uid = strtok(NULL, ":");

		if (name && pw && uid && strcmp(name, s) == 0)
			v = atol(uid);
	}
	if (f)
		fclose(f);
	return v;
}

static int renice_one(int which, const char *arg, int prio)
{
	char *end;
	long id = which == PRIO_USER ? user_id(arg) : strtol(arg, &end, 10);
	int old;

	if (id < 0 || (which != PRIO_USER && (end == arg || *end))) {
		fprintf(stderr, "renice: invalid %s: '%s'\n", what_name[which], arg);
		return 1;
	}
	errno = 0;
	old = getpriority(which, (id_t)id);
	if ((old == -1 && errno) || setpriority(which, (id_t)id, prio) != 0) {
		fprintf(stderr, "renice: failed to set priority for %ld (%s): %s\n", id,
			what_name[which], strerror(errno));
		return 1;
	}
	printf("%ld (%s) old priority %d, new priority %d\n", id, what_name[which], old,
	       getpriority(which, (id_t)id));
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1, which = PRIO_PROCESS, status = 0, any = 0;
	char *end;
	long prio;

	if (i < argc && strcmp(argv[i], "-n") == 0)
		i++;
	if (i >= argc)
		cs_usage(RENICE_USAGE);
	prio = strtol(argv[i], &end, 10);
	if (end == argv[i] || *end) {
		fprintf(stderr, "renice: invalid priority '%s'\n", argv[i]);
		cs_usage(RENICE_USAGE);
	}
	for (i++; i < argc; i++) {
		if (strcmp(argv[i], "-p") == 0)
			which = PRIO_PROCESS;
		else if (strcmp(argv[i], "-g") == 0)
			which = PRIO_PGRP;
		else if (strcmp(argv[i], "-u") == 0)
			which = PRIO_USER;
		else
			status |= renice_one(which, argv[i], (int)prio), any = 1;
	}
	if (!any)
		cs_usage(RENICE_USAGE);
	return status;
}
