/*
 * ipcrm: remove System V IPC objects (util-linux's options and messages).
 *
 *   ipcrm [-q ID] [-s ID] [-m ID] [-Q KEY] [-S KEY] [-M KEY] ...
 *
 * Lower case: by id (decimal); upper case: by key (0x.. hex, 0.. octal or
 * decimal; IPC_PRIVATE is refused). q message queue, s semaphore array,
 * m shared memory segment (removed at its last detach). Any number, in
 * order; a failure is reported ("ipcrm: invalid id (123)", "permission
 * denied for key (0x1234)", ...) and the rest still run. Exit status 1 if
 * any failed, 2 for bad usage.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "ipcrm [-q ID] [-s ID] [-m ID] [-Q KEY] [-S KEY] [-M KEY]..."

enum ipc_kind { KIND_MSG, KIND_SEM, KIND_SHM };

/* Report a failed lookup or removal of arg (by key or id) with util-linux's words. */
static void report(int err, int by_key, const char *arg)
{
	const char *what;

	switch (err) {
	case EACCES:
	case EPERM:
		what = "permission denied for";
		break;
	case EIDRM:
		what = "already removed";
		break;
	case EINVAL:
	case ENOENT:
		what = "invalid";
		break;
	default:
		errno = err;
		cmd_warn("%s failed (%s)", by_key ? "key" : "id", arg);
		return;
	}
	cmd_warnx("%s %s (%s)", what, by_key ? "key" : "id", arg);
}

/* The id of the object with key s of kind, or -1 (reported). */
static int key_to_id(enum ipc_kind kind, const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);
	key_t key = (key_t)v;
	int id = -1;

	if (end == s || *end) {
		cmd_warnx("failed to parse argument: '%s'", s);
		return -1;
	}
	if (key == IPC_PRIVATE) {
		cmd_warnx("illegal key (%s)", s);
		return -1;
	}
	if (kind == KIND_MSG)
		id = msgget(key, 0);
	else if (kind == KIND_SEM)
		id = semget(key, 0, 0);
	else
		id = shmget(key, 0, 0);
	if (id < 0)
		report(errno, 1, s);
	return id;
}

static int remove_id(enum ipc_kind kind, int id)
{
	if (kind == KIND_MSG)
		return msgctl(id, IPC_RMID, NULL);
	if (kind == KIND_SEM)
		return semctl(id, 0, IPC_RMID);
	return shmctl(id, IPC_RMID, NULL);
}

/* One option: 0 done, 1 failed (reported). */
static int remove_one(int opt, const char *arg)
{
	enum ipc_kind kind = (opt == 'q' || opt == 'Q') ? KIND_MSG
			   : (opt == 's' || opt == 'S') ? KIND_SEM : KIND_SHM;
	int by_key = opt == 'Q' || opt == 'S' || opt == 'M';
	int id;

	if (by_key) {
		id = key_to_id(kind, arg);
		if (id < 0)
			return 1;
	} else {
		char *end;
		long v = strtol(arg, &end, 10);

		if (end == arg || *end || v < 0 || v > 0x7fffffff) {
			cmd_warnx("failed to parse argument: '%s'", arg);
			return 1;
		}
		id = (int)v;
	}
	if (remove_id(kind, id) < 0) {
		report(errno, by_key, arg);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int c, status = 0, done = 0;

	while ((c = getopt(argc, argv, "q:s:m:Q:S:M:")) != -1) {
		if (c == '?' || c == ':')
			cmd_usage(USAGE);
		status |= remove_one(c, optarg);
		done = 1;
	}
	if (!done || optind != argc)
		cmd_usage(USAGE);
	return status;
}
