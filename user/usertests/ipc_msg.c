/*
 * System V message queues (docs/ipc.md): msgget keys and flags, msgsnd
 * and msgrcv with every type mode, MSG_NOERROR, IPC_NOWAIT, blocking
 * senders and receivers, EINTR, EIDRM, msgctl, and 4 producers with 4
 * consumers. Every test removes what it creates and checks that the
 * number of queues in use is back where it started.
 */
#include "usertests.h"

#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

struct umsg {
	long type;
	char text[256];
};

static int msg_in_use(void)
{
	struct msginfo mi;

	CHECK_SYS(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi));
	return mi.msgpool;
}

static void snd(int id, long type, const char *text)
{
	struct umsg m = { .type = type };

	strcpy(m.text, text);
	CHECK_SYS(msgsnd(id, &m, strlen(text), 0));
}

static long rcv(int id, long type, int flags, char *out)
{
	struct umsg m;
	long n = CHECK_SYS(msgrcv(id, &m, sizeof(m.text), type, flags));

	memcpy(out, m.text, (size_t)n);
	out[n] = 0;
	return m.type;
}

UTEST(ipc_msg_basic, 0, NULL)
{
	int before = msg_in_use();
	int id = CHECK_SYS(msgget(IPC_PRIVATE, 0600));
	struct msqid_ds ds;
	struct umsg m;
	char buf[300];

	CHECK_EQ(msg_in_use(), before + 1);
	snd(id, 5, "five");
	snd(id, 3, "three");
	snd(id, 7, "seven");
	snd(id, 3, "three-b");
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_qnum, 4);
	CHECK_EQ(ds.msg_cbytes, 4 + 5 + 5 + 7);
	CHECK_EQ(ds.msg_lspid, getpid());
	CHECK_EQ(ds.msg_lrpid, 0);
	CHECK_EQ(ds.msg_qbytes, 16384);
	CHECK_EQ(ds.msg_perm.mode & 0777, 0600);
	CHECK_EQ(ds.msg_perm.uid, geteuid());
	/* type < 0: the lowest type <= |t|, first of its kind */
	CHECK_EQ(rcv(id, -6, 0, buf), 3);
	CHECK(!strcmp(buf, "three"));
	/* MSG_EXCEPT: the first of another type */
	CHECK_EQ(rcv(id, 5, MSG_EXCEPT, buf), 7);
	/* type > 0: that type */
	CHECK_EQ(rcv(id, 3, 0, buf), 3);
	CHECK(!strcmp(buf, "three-b"));
	CHECK_ERR(msgrcv(id, &m, sizeof(m.text), 9, IPC_NOWAIT), ENOMSG);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.text), -4, IPC_NOWAIT), ENOMSG);
	/* too small a buffer: E2BIG leaves it queued; MSG_NOERROR truncates */
	CHECK_ERR(msgrcv(id, &m, 2, 0, 0), E2BIG);
	CHECK_EQ(msgrcv(id, &m, 2, 0, MSG_NOERROR), 2);
	CHECK_EQ(m.type, 5);
	CHECK(!memcmp(m.text, "fi", 2));
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_qnum, 0);
	CHECK_EQ(ds.msg_cbytes, 0);
	if (!ut.host)   /* qemu-user's msqid_ds conversion drops msg_lrpid */
		CHECK_EQ(ds.msg_lrpid, getpid());
	/* type 0: the first; zero-length messages are fine */
	CHECK_SYS(msgsnd(id, &m, 0, 0));
	CHECK_EQ(msgrcv(id, &m, sizeof(m.text), 0, 0), 0);
	/* bad calls */
	m.type = 0;
	CHECK_ERR(msgsnd(id, &m, 1, 0), EINVAL);
	m.type = 1;
	CHECK_ERR(msgsnd(id, &m, 8193, 0), EINVAL);
	CHECK_ERR(msgsnd(id, &m, (size_t)-1, 0), EINVAL);
	CHECK_ERR(msgsnd(id, ut_ptr(16), 1, 0), EFAULT);
	CHECK_ERR(msgrcv(id, &m, (size_t)-1, 0, 0), EINVAL);
	CHECK_ERR(msgsnd(-1, &m, 1, 0), EINVAL);
	CHECK_ERR(msgctl(id, 12345, &ds), EINVAL);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	CHECK_ERR(msgsnd(id, &m, 1, 0), EINVAL);
	CHECK_ERR(msgctl(id, IPC_STAT, &ds), EINVAL);
	CHECK_ERR(msgctl(id, IPC_RMID, NULL), EINVAL);
	CHECK_EQ(msg_in_use(), before);
}

UTEST(ipc_msg_keys, 0, NULL)
{
	const char *dir = ut_scratch_dir();
	key_t key = ftok(dir, 'q');
	struct msqid_ds ds;
	int id, id2;

	CHECK(key != -1);
	msgctl(msgget(key, 0), IPC_RMID, NULL);   /* a leftover of an earlier run */
	CHECK_ERR(msgget(key, 0600), ENOENT);
	id = CHECK_SYS(msgget(key, IPC_CREAT | IPC_EXCL | 0640));
	CHECK_ERR(msgget(key, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	CHECK_EQ(msgget(key, 0), id);
	CHECK_EQ(msgget(key, IPC_CREAT | 0600), id);
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_perm.__key, key);
	CHECK_EQ(ds.msg_perm.mode & 0777, 0640);
	/* IPC_SET: mode and qbytes */
	ds.msg_perm.mode = 0600;
	ds.msg_qbytes = 100;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_perm.mode & 0777, 0600);
	CHECK_EQ(ds.msg_qbytes, 100);
	/* an unrelated process finds it by key */
	pid_t pid = ut_fork();
	if (pid == 0) {
		int cid = CHECK_SYS(msgget(ftok(dir, 'q'), 0));
		struct umsg m = { .type = 9 };
		CHECK_SYS(msgsnd(cid, &m, 10, 0));
		_exit(0);
	}
	ut_wait_ok(pid);
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_qnum, 1);
	CHECK_EQ(ds.msg_lspid, pid);
	/* removal: the key is free again and the old id stays dead */
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	CHECK_ERR(msgget(key, 0), ENOENT);
	id2 = CHECK_SYS(msgget(key, IPC_CREAT | 0600));
	CHECK(id2 != id);
	CHECK_ERR(msgctl(id, IPC_STAT, &ds), EINVAL);
	CHECK_SYS(msgctl(id2, IPC_RMID, NULL));
}

static void on_alarm(int sig)
{
	(void)sig;
}

UTEST(ipc_msg_block, 0, NULL)
{
	int id = CHECK_SYS(msgget(IPC_PRIVATE, 0600));
	struct msqid_ds ds;
	struct umsg m = { .type = 1 };
	char buf[300];
	pid_t pid;

	/* a receiver sleeps until a matching message comes */
	pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(rcv(id, 2, 0, buf), 2);
		CHECK(!strcmp(buf, "two"));
		_exit(0);
	}
	usleep(50000);
	snd(id, 1, "one");   /* does not match: stays queued */
	snd(id, 2, "two");
	ut_wait_ok(pid);
	CHECK_EQ(rcv(id, 0, 0, buf), 1);
	/* a sender sleeps while the queue is full */
	ds.msg_qbytes = 64;
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	ds.msg_qbytes = 64;
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	CHECK_SYS(msgsnd(id, &m, 60, 0));
	CHECK_ERR(msgsnd(id, &m, 10, IPC_NOWAIT), EAGAIN);
	pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(msgsnd(id, &m, 10, 0));
		_exit(0);
	}
	usleep(50000);
	CHECK_EQ(msgrcv(id, &m, sizeof(m.text), 0, 0), 60);
	ut_wait_ok(pid);
	CHECK_EQ(msgrcv(id, &m, sizeof(m.text), 0, IPC_NOWAIT), 10);
	/* a signal with a handler ends a sleep with EINTR (even with SA_RESTART) */
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	CHECK_SYS(sigaction(SIGALRM, &sa, NULL));
	ualarm(50000, 0);
	CHECK_ERR(msgrcv(id, &m, sizeof(m.text), 0, 0), EINTR);
	/* removal wakes a sleeper with EIDRM */
	pid = ut_fork();
	if (pid == 0) {
		CHECK_ERR(msgrcv(id, &m, sizeof(m.text), 0, 0), EIDRM);
		_exit(0);
	}
	usleep(50000);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
	ut_wait_ok(pid);
}

/* 4 producers, 4 consumers: every message once, each producer's in order. */
#define PC_N 4
#define PC_MSGS 400

struct pc_msg {
	long type;
	int producer, seq;
};

static void consumer(int id, int *seen)
{
	int last[PC_N];
	struct pc_msg m;

	for (int i = 0; i < PC_N; i++)
		last[i] = -1;
	for (;;) {
		CHECK_SYS(msgrcv(id, &m, 8, 0, 0));
		if (m.type == 2)
			break;
		CHECK(m.producer >= 0 && m.producer < PC_N && m.seq >= 0 && m.seq < PC_MSGS);
		CHECK(m.seq > last[m.producer]);
		last[m.producer] = m.seq;
		__atomic_add_fetch(&seen[m.producer * PC_MSGS + m.seq], 1, __ATOMIC_SEQ_CST);
	}
	_exit(0);
}

UTEST(ipc_msg_prodcons, 0, NULL)
{
	int id = CHECK_SYS(msgget(IPC_PRIVATE, 0600));
	int *seen = ut_map_shared(PC_N * PC_MSGS * sizeof(int));
	pid_t prod[PC_N], cons[PC_N];
	struct msqid_ds ds;

	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	ds.msg_qbytes = 256;   /* small: senders block too */
	CHECK_SYS(msgctl(id, IPC_SET, &ds));
	for (int c = 0; c < PC_N; c++) {
		cons[c] = ut_fork();
		if (cons[c] == 0)
			consumer(id, seen);
	}
	for (int p = 0; p < PC_N; p++) {
		prod[p] = ut_fork();
		if (prod[p] == 0) {
			for (int i = 0; i < PC_MSGS; i++) {
				struct pc_msg m = { .type = 1, .producer = p, .seq = i };
				CHECK_SYS(msgsnd(id, &m, 8, 0));
			}
			_exit(0);
		}
	}
	for (int p = 0; p < PC_N; p++)
		ut_wait_ok(prod[p]);
	for (int c = 0; c < PC_N; c++) {
		struct pc_msg m = { .type = 2 };
		CHECK_SYS(msgsnd(id, &m, 8, 0));
	}
	for (int c = 0; c < PC_N; c++)
		ut_wait_ok(cons[c]);
	for (int i = 0; i < PC_N * PC_MSGS; i++)
		if (seen[i] != 1)
			FAIL("message %d of producer %d seen %d times", i % PC_MSGS, i / PC_MSGS, seen[i]);
	CHECK_SYS(msgctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.msg_qnum, 0);
	CHECK_SYS(msgctl(id, IPC_RMID, NULL));
}
