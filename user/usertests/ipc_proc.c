/*
 * System V IPC's /proc interface and the rest of issue 8 (docs/ipc.md):
 * /proc/sys/kernel/{msgmax,msgmnb,msgmni,sem,shmmax,shmall,shmmni} (the
 * values, round trips, EINVAL for bad writes, the limits honoured),
 * /proc/sysvipc/{msg,sem,shm} rows of objects the test makes, a shm
 * attachment's name in /proc/self/maps, and msgrcv's MSG_COPY.
 *
 * The tests that write limits restore them and are not run on a host
 * (they would change the host's limits for everyone).
 */
#include "usertests.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>

#define NOHOST_LIMITS "writes the host's IPC limits"

struct umsg {
	long type;
	char text[64];
};

/* The text of /proc/sys/kernel/<name> (static buffer). */
static const char *sysctl_read(const char *name)
{
	static char buf[128];
	char path[64];
	size_t len;
	char *text;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	text = ut_read_file(path, &len);
	CHECK(len < sizeof(buf));
	memcpy(buf, text, len + 1);
	free(text);
	return buf;
}

/* Write text to /proc/sys/kernel/<name>: 0 or the errno. */
static int sysctl_write(const char *name, const char *text)
{
	char path[64];
	int fd, err = 0;

	snprintf(path, sizeof(path), "/proc/sys/kernel/%s", name);
	fd = CHECK_SYS(open(path, O_WRONLY));
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		err = errno;
	close(fd);
	return err;
}

UTEST(ipc_sysctl_read, UT_NEEDS_PROC, NULL)
{
	struct msginfo mi;
	struct shminfo si;
	struct seminfo se;
	char want[128];

	CHECK_SYS(msgctl(0, IPC_INFO, (struct msqid_ds *)&mi));
	CHECK_EQ(atol(sysctl_read("msgmax")), mi.msgmax);
	CHECK_EQ(atol(sysctl_read("msgmnb")), mi.msgmnb);
	CHECK_EQ(atol(sysctl_read("msgmni")), mi.msgmni);
	CHECK_SYS(shmctl(0, IPC_INFO, (struct shmid_ds *)&si));
	CHECK_EQ(strtoul(sysctl_read("shmmax"), NULL, 10), si.shmmax);
	CHECK_EQ(strtoul(sysctl_read("shmall"), NULL, 10), si.shmall);
	CHECK_EQ(atol(sysctl_read("shmmni")), si.shmmni);
	CHECK_SYS(semctl(0, 0, IPC_INFO, &se));
	snprintf(want, sizeof(want), "%d\t%d\t%d\t%d\n", se.semmsl, se.semmns, se.semopm, se.semmni);
	CHECK(!strcmp(sysctl_read("sem"), want));
}

/* Every write here is refused with EINVAL and changes nothing. */
static void check_bad_writes(void)
{
	static const char *const bad[][2] = {
		{ "msgmax", "abc\n" }, { "msgmax", "-1\n" }, { "msgmax", "\n" },
		{ "msgmax", "2147483648\n" }, { "msgmax", "12x\n" },
		{ "msgmni", "32769\n" }, { "shmmni", "40000\n" },
		{ "shmmax", "-5\n" }, { "shmall", "99999999999999999999999\n" },
		{ "sem", "1 2 3 32769\n" }, { "sem", "1 2 3 4 5\n" }, { "sem", "x\n" },
	};
	char before[128];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strcpy(before, sysctl_read(bad[i][0]));
		if (sysctl_write(bad[i][0], bad[i][1]) != EINVAL)
			FAIL("write '%s' to %s: not EINVAL", bad[i][1], bad[i][0]);
		CHECK(!strcmp(sysctl_read(bad[i][0]), before));
	}
}

/* Only root writes the limits (mode 0644); anyone reads them. */
static void sysctl_as_user(void *arg)
{
	(void)arg;
	CHECK_ERR(open("/proc/sys/kernel/msgmax", O_WRONLY), EACCES);
	CHECK_ERR(open("/proc/sys/kernel/sem", O_RDWR), EACCES);
	CHECK(atol(sysctl_read("msgmax")) > 0);
}

UTEST(ipc_sysctl_write, UT_NEEDS_PROC, NOHOST_LIMITS)
{
	char sem[128], msgmax[32], shmmax[32];
	struct umsg m = { .type = 1 };
	int id;

	strcpy(sem, sysctl_read("sem"));
	strcpy(msgmax, sysctl_read("msgmax"));
	strcpy(shmmax, sysctl_read("shmmax"));
	check_bad_writes();
	ut_run_as_user(sysctl_as_user, NULL);
	/* round trips, hex accepted as by Linux */
	CHECK_EQ(sysctl_write("msgmax", "0x20\n"), 0);
	CHECK(!strcmp(sysctl_read("msgmax"), "32\n"));
	CHECK_EQ(sysctl_write("shmmax", "8192"), 0);
	CHECK(!strcmp(sysctl_read("shmmax"), "8192\n"));
	CHECK_EQ(sysctl_write("sem", "10 100 4 128\n"), 0);
	CHECK(!strcmp(sysctl_read("sem"), "10\t100\t4\t128\n"));
	CHECK_EQ(sysctl_write("sem", "11\n"), 0);   /* only SEMMSL */
	CHECK(!strcmp(sysctl_read("sem"), "11\t100\t4\t128\n"));
	/* honoured: msgmax, shmmax, SEMMSL, SEMOPM */
	id = CHECK_SYS(msgget(IPC_PRIVATE, 0600));
	CHECK_ERR(msgsnd(id, &m, 33, IPC_NOWAIT), EINVAL);
	CHECK_SYS(msgsnd(id, &m, 32, IPC_NOWAIT));
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	CHECK_ERR(shmget(IPC_PRIVATE, 8193, 0600), EINVAL);
	id = CHECK_SYS(shmget(IPC_PRIVATE, 8192, 0600));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	CHECK_ERR(semget(IPC_PRIVATE, 12, 0600), EINVAL);
	id = CHECK_SYS(semget(IPC_PRIVATE, 11, 0600));
	struct sembuf ops[5] = { { 0, 1, 0 }, { 1, 1, 0 }, { 2, 1, 0 }, { 3, 1, 0 }, { 4, 1, 0 } };
	CHECK_ERR(semop(id, ops, 5), E2BIG);
	CHECK_SYS(semop(id, ops, 4));
	CHECK_SYS(semctl(id, 0, IPC_RMID));
	CHECK_EQ(sysctl_write("sem", sem), 0);
	CHECK_EQ(sysctl_write("msgmax", msgmax), 0);
	CHECK_EQ(sysctl_write("shmmax", shmmax), 0);
	CHECK(!strcmp(sysctl_read("sem"), sem));
}

/* msgmnb is a new queue's msg_qbytes: a full queue blocks (EAGAIN); msgmni caps the queues. */
UTEST(ipc_sysctl_msg_limits, UT_NEEDS_PROC, NOHOST_LIMITS)
{
	char msgmnb[32], msgmni[32], num[32];
	struct umsg m = { .type = 1 };
	struct msginfo mi;
	struct msqid_ds ds;
	int id, id2;

	strcpy(msgmnb, sysctl_read("msgmnb"));
	strcpy(msgmni, sysctl_read("msgmni"));
	CHECK_EQ(sysctl_write("msgmnb", "100\n"), 0);
	id = CHECK_SYS(msgget(IPC_PRIVATE, 0600));
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_qbytes, 100);
	CHECK_SYS(msgsnd(id, &m, 60, IPC_NOWAIT));
	CHECK_ERR(msgsnd(id, &m, 60, IPC_NOWAIT), EAGAIN);
	CHECK_SYS(msgsnd(id, &m, 40, IPC_NOWAIT));
	/* msgmni: no queue past it */
	CHECK_SYS(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi));
	snprintf(num, sizeof(num), "%d\n", mi.msgpool);
	CHECK_EQ(sysctl_write("msgmni", num), 0);
	CHECK_ERR(msgget(IPC_PRIVATE, 0600), ENOSPC);
	CHECK_EQ(sysctl_write("msgmni", msgmni), 0);
	id2 = CHECK_SYS(msgget(IPC_PRIVATE, 0600));
	CHECK_SYS(msgctl(id2, IPC_RMID, NULL));
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	CHECK_EQ(sysctl_write("msgmnb", msgmnb), 0);
	CHECK(!strcmp(sysctl_read("msgmnb"), msgmnb));
}

/* The line of /proc/sysvipc/<kind> whose second field is id (malloc'd), or NULL. */
static char *sysvipc_line(const char *kind, int id)
{
	char path[64], *text, *line, *save = NULL, *found = NULL;
	size_t len;

	snprintf(path, sizeof(path), "/proc/sysvipc/%s", kind);
	text = ut_read_file(path, &len);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		int key, lid;

		if (sscanf(line, "%d %d", &key, &lid) == 2 && lid == id) {
			found = strdup(line);
			break;
		}
	}
	free(text);
	return found;
}

UTEST(ipc_sysvipc_tables, UT_NEEDS_PROC, NULL)
{
	struct umsg m = { .type = 3 };
	int q = CHECK_SYS(msgget(IPC_PRIVATE, 0640));
	int s = CHECK_SYS(semget(0x4b455354, 3, IPC_CREAT | IPC_EXCL | 0600));
	int h = CHECK_SYS(shmget(IPC_PRIVATE, 3 * 4096 + 5, 0604));
	unsigned int mode, uid, cuid;
	unsigned long a, b, c, d;
	int key, id, pid1, pid2;
	char *line, *head;
	size_t len;

	static const char msg_head[] = "       key      msqid perms      cbytes       qnum lspid lrpid"
				       "   uid   gid  cuid  cgid      stime      rtime      ctime\n";
	head = ut_read_file("/proc/sysvipc/msg", &len);
	CHECK(!strncmp(head, msg_head, strlen(msg_head)));
	free(head);
	CHECK_SYS(msgsnd(q, &m, 10, 0));
	CHECK_SYS(msgsnd(q, &m, 7, 0));
	line = sysvipc_line("msg", q);
	CHECK(line);
	CHECK_EQ(sscanf(line, "%d %d %o %lu %lu %d %d %u %*u %u", &key, &id, &mode, &a, &b, &pid1,
			&pid2, &uid, &cuid), 9);
	CHECK_EQ(key, 0);
	CHECK_EQ(mode, 0640);
	CHECK_EQ(a, 17);
	CHECK_EQ(b, 2);
	CHECK_EQ(pid1, getpid());
	CHECK_EQ(pid2, 0);
	CHECK_EQ(uid, geteuid());
	CHECK_EQ(cuid, geteuid());
	CHECK(!strncmp(line, "         0 ", 11));   /* %10d columns */
	free(line);

	line = sysvipc_line("sem", s);
	CHECK(line);
	CHECK_EQ(sscanf(line, "%d %d %o %lu %u", &key, &id, &mode, &a, &uid), 5);
	CHECK_EQ(key, 0x4b455354);
	CHECK_EQ(mode, 0600);
	CHECK_EQ(a, 3);
	free(line);

	char *addr = shmat(h, NULL, 0);
	CHECK(addr != (void *)-1);
	addr[0] = 1;
	addr[2 * 4096] = 1;
	line = sysvipc_line("shm", h);
	CHECK(line);
	CHECK_EQ(sscanf(line, "%d %d %o %lu %d %d %lu %u %*u %*u %*u %*u %*u %*u %lu %lu", &key,
			&id, &mode, &a, &pid1, &pid2, &b, &uid, &c, &d), 10);
	CHECK_EQ(mode, 0604);
	CHECK_EQ(a, 3 * 4096 + 5);
	CHECK_EQ(pid1, getpid());
	CHECK_EQ(pid2, getpid());
	CHECK_EQ(b, 1);
	CHECK_EQ(c, 2 * 4096);   /* rss: the two pages touched */
	CHECK_EQ(d, 0);
	free(line);
	CHECK_SYS(shmctl(h, IPC_RMID, NULL));
	line = sysvipc_line("shm", h);
	CHECK(line);   /* attached: still there, SHM_DEST set */
	CHECK_EQ(sscanf(line, "%d %d %o", &key, &id, &mode), 3);
	CHECK_EQ(mode, 01604);
	free(line);
	CHECK_SYS(shmdt(addr));
	CHECK(!sysvipc_line("shm", h));
	CHECK_SYS(msgctl(q, IPC_RMID, NULL));
	CHECK_SYS(semctl(s, 0, IPC_RMID));
	CHECK(!sysvipc_line("msg", q));
	CHECK(!sysvipc_line("sem", s));
}

/* A shm attachment is "/SYSV<key> (deleted)" in /proc/self/maps. */
UTEST(ipc_shm_maps_name, UT_NEEDS_PROC, NULL)
{
	int id = CHECK_SYS(shmget(0x5eed1234, 8192, IPC_CREAT | IPC_EXCL | 0600));
	char *addr = shmat(id, NULL, SHM_RDONLY), want[128], *maps, *line, *save = NULL;
	int found = 0;
	size_t len;

	CHECK(addr != (void *)-1);
	snprintf(want, sizeof(want), "%08lx-%08lx r--s 00000000 ", (unsigned long)addr,
		 (unsigned long)addr + 8192);
	maps = ut_read_file("/proc/self/maps", &len);
	for (line = strtok_r(maps, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (strncmp(line, want, strlen(want)))
			continue;
		found = 1;
		CHECK(strlen(line) > 73);
		CHECK(!strcmp(line + 73, "/SYSV5eed1234 (deleted)"));
	}
	free(maps);
	CHECK(found);
	CHECK_SYS(shmdt(addr));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

UTEST(ipc_msg_copy, 0, NULL)
{
	int id = CHECK_SYS(msgget(IPC_PRIVATE, 0600));
	struct umsg m = { .type = 4 };
	struct msqid_ds ds;

	strcpy(m.text, "zero");
	CHECK_SYS(msgsnd(id, &m, 4, 0));
	m.type = 9;
	strcpy(m.text, "one!!");
	CHECK_SYS(msgsnd(id, &m, 5, 0));
	errno = 0;
	if (msgrcv(id, &m, sizeof(m.text), 0, MSG_COPY | IPC_NOWAIT) < 0 && errno == ENOSYS) {
		CHECK_SYS(msgctl(id, IPC_RMID, NULL));
		if (ut.host)
			ut_host_skip("host kernel without CONFIG_CHECKPOINT_RESTORE");
		FAIL("MSG_COPY: ENOSYS");
	}
	/* msgtyp is the position: copies, the queue unchanged */
	memset(&m, 0, sizeof(m));
	CHECK_EQ(msgrcv(id, &m, sizeof(m.text), 1, MSG_COPY | IPC_NOWAIT), 5);
	CHECK_EQ(m.type, 9);
	CHECK(!memcmp(m.text, "one!!", 5));
	CHECK_EQ(msgrcv(id, &m, sizeof(m.text), 0, MSG_COPY | IPC_NOWAIT), 4);
	CHECK_EQ(m.type, 4);
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_qnum, 2);
	CHECK_EQ(ds.msg_rtime, 0);
	/* errors: out of range, no IPC_NOWAIT, MSG_EXCEPT, too small */
	CHECK_ERR(msgrcv(id, &m, sizeof(m.text), 2, MSG_COPY | IPC_NOWAIT), ENOMSG);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.text), -1, MSG_COPY | IPC_NOWAIT), ENOMSG);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.text), 0, MSG_COPY), EINVAL);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.text), 0, MSG_COPY | MSG_EXCEPT | IPC_NOWAIT), EINVAL);
	CHECK_ERR(msgrcv(id, &m, 3, 0, MSG_COPY | IPC_NOWAIT), E2BIG);
	/* the messages are all still there, in order */
	CHECK_EQ(msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT), 4);
	CHECK_EQ(msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT), 5);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.text), 0, MSG_COPY | IPC_NOWAIT), ENOMSG);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}
