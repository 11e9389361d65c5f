/*
 * ipcs: show the System V IPC objects (util-linux's default layout).
 *
 *   ipcs [-q] [-s] [-m] [-a] [-l | -u]
 *
 * -q message queues, -m shared memory segments, -s semaphore arrays
 * (any mix; none or -a: all three, in util-linux's order q, m, s).
 * -l the limits (/proc/sys/kernel and the IPC_INFO calls), -u a summary
 * of what is in use (the MSG_INFO, SHM_INFO, SEM_INFO calls).
 *
 * The objects come from /proc/sysvipc/{msg,shm,sem} (as util-linux reads
 * them when present), so every object shows, readable or not. Columns:
 * key as 0x%08x, id, owner (name from /etc/passwd or the uid), perms in
 * octal, then used-bytes and messages; bytes, nattch and status ("dest",
 * "locked"); nsems.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#include "cmdfs.h"

#define USAGE "ipcs [-q] [-s] [-m] [-a] [-l | -u]"

enum ipcs_what { IPCS_LIST, IPCS_LIMITS, IPCS_SUMMARY };

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

/* The first columns every table starts with. */
static void print_head(unsigned int key, int id, unsigned int uid, unsigned int mode)
{
	printf("0x%08x %-10d %-10.10s %-10o ", key, id, cmd_user_name(uid), mode & 0777);
}

/* Open /proc/sysvipc/<kind> and skip its header line; NULL (with a warning) if absent. */
static FILE *open_table(const char *kind)
{
	char path[64], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", kind);
	f = fopen(path, "r");
	if (!f) {
		cmd_warn("%s", path);
		return NULL;
	}
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return NULL;
	}
	return f;
}

static int list_msg(void)
{
	char line[512];
	FILE *f;

	printf("\n------ Message Queues --------\n");
	printf("%-10s %-10s %-10s %-10s %-12s %-12s\n", "key", "msqid", "owner", "perms",
	       "used-bytes", "messages");
	f = open_table("msg");
	if (!f)
		return 1;
	while (fgets(line, sizeof(line), f)) {
		int key, id;
		unsigned int mode, uid;
		unsigned long cbytes, qnum;

		if (sscanf(line, "%d %d %o %lu %lu %*u %*u %u", &key, &id, &mode, &cbytes, &qnum,
			   &uid) != 6)
			continue;
		print_head((unsigned int)key, id, uid, mode);
		printf("%-12lu %-12lu\n", cbytes, qnum);
	}
	fclose(f);
	return 0;
}

static int list_shm(void)
{
	char line[512];
	FILE *f;

	printf("\n------ Shared Memory Segments --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s %-10s %-12s\n", "key", "shmid", "owner", "perms",
	       "bytes", "nattch", "status");
	f = open_table("shm");
	if (!f)
		return 1;
	while (fgets(line, sizeof(line), f)) {
		int key, id;
		unsigned int mode, uid;
		unsigned long size, nattch;

		if (sscanf(line, "%d %d %o %lu %*u %*u %lu %u", &key, &id, &mode, &size, &nattch,
			   &uid) != 6)
			continue;
		print_head((unsigned int)key, id, uid, mode);
		printf("%-10lu %-10lu %-6s %-6s\n", size, nattch, (mode & SHM_DEST) ? "dest" : " ",
		       (mode & SHM_LOCKED) ? "locked" : " ");
	}
	fclose(f);
	return 0;
}

static int list_sem(void)
{
	char line[512];
	FILE *f;

	printf("\n------ Semaphore Arrays --------\n");
	printf("%-10s %-10s %-10s %-10s %-10s\n", "key", "semid", "owner", "perms", "nsems");
	f = open_table("sem");
	if (!f)
		return 1;
	while (fgets(line, sizeof(line), f)) {
		int key, id;
		unsigned int mode, uid;
		unsigned long nsems;

		if (sscanf(line, "%d %d %o %lu %u", &key, &id, &mode, &nsems, &uid) != 5)
			continue;
		print_head((unsigned int)key, id, uid, mode);
		printf("%-10lu\n", nsems);
	}
	fclose(f);
	return 0;
}

/* ------------------------------------------------------------ -l */

static int limits_msg(void)
{
	struct msginfo mi;

	if (msgctl(0, IPC_INFO, (struct msqid_ds *)&mi) < 0) {
		cmd_warn("msgctl");
		return 1;
	}
	printf("\n------ Messages Limits --------\n");
	printf("max queues system wide = %d\n", mi.msgmni);
	printf("max size of message (bytes) = %d\n", mi.msgmax);
	printf("default max size of queue (bytes) = %d\n", mi.msgmnb);
	return 0;
}

static int limits_shm(void)
{
	struct shminfo si;
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);

	if (shmctl(0, IPC_INFO, (struct shmid_ds *)&si) < 0) {
		cmd_warn("shmctl");
		return 1;
	}
	printf("\n------ Shared Memory Limits --------\n");
	printf("max number of segments = %lu\n", si.shmmni);
	printf("max seg size (kbytes) = %llu\n", (unsigned long long)(si.shmmax / 1024));
	/* util-linux: shmall pages in KiB, UINT64_MAX rounded down to whole pages on overflow */
	uint64_t kpage = page / 1024, total = (uint64_t)si.shmall * kpage;
	if (si.shmall && total / si.shmall != kpage)
		total = UINT64_MAX - UINT64_MAX % kpage;
	printf("max total shared memory (kbytes) = %llu\n", (unsigned long long)total);
	printf("min seg size (bytes) = %lu\n", si.shmmin);
	return 0;
}

static int limits_sem(void)
{
	struct seminfo si;
	union semun arg = { .__buf = &si };

	if (semctl(0, 0, IPC_INFO, arg) < 0) {
		cmd_warn("semctl");
		return 1;
	}
	printf("\n------ Semaphore Limits --------\n");
	printf("max number of arrays = %d\n", si.semmni);
	printf("max semaphores per array = %d\n", si.semmsl);
	printf("max semaphores system wide = %d\n", si.semmns);
	printf("max ops per semop call = %d\n", si.semopm);
	printf("semaphore max value = %u\n", (unsigned int)si.semvmx);
	return 0;
}

/* ------------------------------------------------------------ -u */

static int summary_msg(void)
{
	struct msginfo mi;

	if (msgctl(0, MSG_INFO, (struct msqid_ds *)&mi) < 0) {
		cmd_warn("msgctl");
		return 1;
	}
	printf("\n------ Messages Status --------\n");
	printf("allocated queues = %d\n", mi.msgpool);
	printf("used headers = %d\n", mi.msgmap);
	printf("used space = %d bytes\n", mi.msgtql);
	return 0;
}

static int summary_shm(void)
{
	struct shm_info si;

	if (shmctl(0, SHM_INFO, (struct shmid_ds *)&si) < 0) {
		cmd_warn("shmctl");
		return 1;
	}
	printf("\n------ Shared Memory Status --------\n");
	printf("segments allocated %d\n", si.used_ids);
	printf("pages allocated %lu\n", si.shm_tot);
	printf("pages resident  %lu\n", si.shm_rss);
	printf("pages swapped   %lu\n", si.shm_swp);
	printf("Swap performance: %lu attempts\t %lu successes\n", si.swap_attempts,
	       si.swap_successes);
	return 0;
}

static int summary_sem(void)
{
	struct seminfo si;
	union semun arg = { .__buf = &si };

	if (semctl(0, 0, SEM_INFO, arg) < 0) {
		cmd_warn("semctl");
		return 1;
	}
	printf("\n------ Semaphore Status --------\n");
	printf("used arrays = %d\n", si.semusz);
	printf("allocated semaphores = %d\n", si.semaem);
	return 0;
}

int main(int argc, char **argv)
{
	static int (*const show[3][3])(void) = {
		[IPCS_LIST] = { list_msg, list_shm, list_sem },
		[IPCS_LIMITS] = { limits_msg, limits_shm, limits_sem },
		[IPCS_SUMMARY] = { summary_msg, summary_shm, summary_sem },
	};
	enum ipcs_what what = IPCS_LIST;
	int c, q = 0, m = 0, s = 0, status = 0;

	while ((c = getopt(argc, argv, "qsmalu")) != -1) {
		switch (c) {
		case 'q': q = 1; break;
		case 's': s = 1; break;
		case 'm': m = 1; break;
		case 'a': q = s = m = 1; break;
		case 'l': what = IPCS_LIMITS; break;
		case 'u': what = IPCS_SUMMARY; break;
		default: cmd_usage(USAGE);
		}
	}
	if (optind != argc)
		cmd_usage(USAGE);
	if (!q && !s && !m)
		q = s = m = 1;
	if (q)
		status |= show[what][0]();
	if (m)
		status |= show[what][1]();
	if (s)
		status |= show[what][2]();
	printf("\n");
	return status;
}
