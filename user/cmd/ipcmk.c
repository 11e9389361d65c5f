/*
 * ipcmk: make System V IPC objects (util-linux's options and output).
 *
 *   ipcmk [-M SIZE] [-Q] [-S NSEMS] [-p MODE]
 *
 * -M a shared memory segment of SIZE bytes, -Q a message queue, -S a
 * semaphore array of NSEMS semaphores; any mix, made in that order, each
 * with a random key and permissions MODE (octal, default 0644). Prints
 * "Shared memory id: N", "Message queue id: N", "Semaphore id: N".
 * Exit status 1 if a creation failed, 2 for bad usage.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/random.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "ipcmk [-M SIZE] [-Q] [-S NSEMS] [-p MODE]"

/* A random key that is not IPC_PRIVATE. */
static key_t random_key(void)
{
	key_t key = 0;

	while (key == IPC_PRIVATE)
		if (getrandom(&key, sizeof(key), 0) != sizeof(key))
			key = (key_t)(getpid() ^ (int)time(NULL));
	return key;
}

/* A number operand of -M or -S (> 0), or bad usage. */
static unsigned long number(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (end == s || *end || !v || *s == '-') {
		cmd_warnx("invalid number: '%s'", s);
		exit(2);
	}
	return v;
}

int main(int argc, char **argv)
{
	unsigned long shm_size = 0, nsems = 0;
	int c, msg = 0, mode = 0644, status = 0, id;
	char *end;

	while ((c = getopt(argc, argv, "M:QS:p:")) != -1) {
		switch (c) {
		case 'M': shm_size = number(optarg); break;
		case 'Q': msg = 1; break;
		case 'S': nsems = number(optarg); break;
		case 'p':
			mode = (int)strtoul(optarg, &end, 8);
			if (end == optarg || *end || mode > 0777)
				cmd_usage(USAGE);
			break;
		default: cmd_usage(USAGE);
		}
	}
	if (optind != argc || (!shm_size && !msg && !nsems))
		cmd_usage(USAGE);
	if (shm_size) {
		if ((id = shmget(random_key(), shm_size, mode | IPC_CREAT)) < 0)
			cmd_warn("create share memory failed"), status = 1;
		else
			printf("Shared memory id: %d\n", id);
	}
	if (msg) {
		if ((id = msgget(random_key(), mode | IPC_CREAT)) < 0)
			cmd_warn("create message queue failed"), status = 1;
		else
			printf("Message queue id: %d\n", id);
	}
	if (nsems) {
		if ((id = semget(random_key(), (int)nsems, mode | IPC_CREAT)) < 0)
			cmd_warn("create semaphore failed"), status = 1;
		else
			printf("Semaphore id: %d\n", id);
	}
	return status;
}
