/*
 * System V semaphores (docs/ipc.md): semget, atomic multi-operation
 * semop, waiting for zero, semtimedop timeouts, every semctl command,
 * the errors (E2BIG, ERANGE, EFBIG, EAGAIN, EIDRM, EINTR), SEM_UNDO at
 * exit and after SIGKILL, and a counter guarded by a semaphore across
 * 8 processes.
 */
#include "usertests.h"

#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

union semun {
	int val;
	struct semid_ds *buf;
	unsigned short *array;
	struct seminfo *__buf;
};

static int sem_in_use(void)
{
	struct seminfo si;
	union semun u = { .__buf = &si };

	CHECK_SYS(semctl(0, 0, SEM_INFO, u));
	return si.semusz;
}

static int op(int id, unsigned short num, short sop, short flg)
{
	struct sembuf b = { num, sop, flg };

	return semop(id, &b, 1);
}

UTEST(ipc_sem_basic, 0, NULL)
{
	int before = sem_in_use();
	int id = CHECK_SYS(semget(IPC_PRIVATE, 3, 0600));
	unsigned short vals[3] = { 1, 2, 3 }, got[3];
	struct semid_ds ds;
	union semun u;

	CHECK_EQ(sem_in_use(), before + 1);
	u.buf = &ds;
	CHECK_SYS(semctl(id, 0, IPC_STAT, u));
	CHECK_EQ(ds.sem_nsems, 3);
	CHECK_EQ(ds.sem_perm.mode & 0777, 0600);
	CHECK_EQ(ds.sem_otime, 0);
	CHECK_EQ(semctl(id, 1, GETVAL), 0);
	u.array = vals;
	CHECK_SYS(semctl(id, 0, SETALL, u));
	u.array = got;
	CHECK_SYS(semctl(id, 0, GETALL, u));
	CHECK(!memcmp(vals, got, sizeof(vals)));
	u.val = 7;
	CHECK_SYS(semctl(id, 2, SETVAL, u));
	CHECK_EQ(semctl(id, 2, GETVAL), 7);
	/* several operations: all or none */
	struct sembuf two[2] = { { 0, -1, IPC_NOWAIT }, { 1, -3, IPC_NOWAIT } };
	CHECK_ERR(semop(id, two, 2), EAGAIN);
	CHECK_EQ(semctl(id, 0, GETVAL), 1);
	two[1].sem_op = -2;
	CHECK_SYS(semop(id, two, 2));
	CHECK_EQ(semctl(id, 0, GETVAL), 0);
	CHECK_EQ(semctl(id, 1, GETVAL), 0);
	CHECK_EQ(semctl(id, 0, GETPID), getpid());
	CHECK_SYS(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
	CHECK(ds.sem_otime != 0);
	/* wait for zero on a zero value goes through */
	CHECK_SYS(op(id, 0, 0, 0));
	CHECK_ERR(op(id, 2, 0, IPC_NOWAIT), EAGAIN);
	/* errors */
	CHECK_ERR(op(id, 3, 1, 0), EFBIG);
	CHECK_ERR(op(id, 0, 32767, 0) == 0 ? op(id, 0, 1, 0) : -2, ERANGE);
	u.val = 32768;
	CHECK_ERR(semctl(id, 0, SETVAL, u), ERANGE);
	u.val = -1;
	CHECK_ERR(semctl(id, 0, SETVAL, u), ERANGE);
	CHECK_ERR(semctl(id, 3, GETVAL), EINVAL);
	static struct sembuf many[501];
	CHECK_ERR(semop(id, many, 501), E2BIG);
	CHECK_ERR(semop(id, many, 0), EINVAL);
	CHECK_ERR(semop(id, ut_ptr(16), 1), EFAULT);
	CHECK_ERR(semget(IPC_PRIVATE, 0, 0600), EINVAL);
	CHECK_ERR(semget(IPC_PRIVATE, 32001, 0600), EINVAL);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
	CHECK_ERR(op(id, 0, 1, 0), EINVAL);
	CHECK_ERR(semctl(id, 0, GETVAL), EINVAL);
	CHECK_EQ(sem_in_use(), before);
}

UTEST(ipc_sem_keys, 0, NULL)
{
	key_t key = ftok(ut_scratch_dir(), 's');
	int id;

	semctl(semget(key, 0, 0), 0, IPC_RMID);   /* a leftover of an earlier run */
	CHECK_ERR(semget(key, 2, 0600), ENOENT);
	id = CHECK_SYS(semget(key, 2, IPC_CREAT | IPC_EXCL | 0600));
	CHECK_ERR(semget(key, 2, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	CHECK_EQ(semget(key, 0, 0), id);
	CHECK_EQ(semget(key, 2, 0), id);
	CHECK_ERR(semget(key, 3, 0), EINVAL);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

static void on_alarm(int sig)
{
	(void)sig;
}

UTEST(ipc_sem_block, 0, NULL)
{
	int id = CHECK_SYS(semget(IPC_PRIVATE, 2, 0600));
	struct timespec ts = { 0, 50 * 1000 * 1000 }, t0, t1;
	struct sembuf b = { 0, -1, 0 };
	pid_t pid;

	/* a decrement sleeps until a post; GETNCNT sees it */
	pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(op(id, 0, -2, 0));
		_exit(0);
	}
	while (semctl(id, 0, GETNCNT) != 1)
		usleep(1000);
	CHECK_SYS(op(id, 0, 1, 0));
	usleep(20000);
	CHECK_EQ(semctl(id, 0, GETNCNT), 1);   /* 1 is not enough */
	CHECK_SYS(op(id, 0, 1, 0));
	ut_wait_ok(pid);
	CHECK_EQ(semctl(id, 0, GETVAL), 0);
	/* wait for zero; GETZCNT */
	CHECK_SYS(op(id, 1, 1, 0));
	pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(op(id, 1, 0, 0));
		_exit(0);
	}
	while (semctl(id, 1, GETZCNT) != 1)
		usleep(1000);
	CHECK_SYS(op(id, 1, -1, 0));
	ut_wait_ok(pid);
	/* semtimedop times out with EAGAIN */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_ERR(semtimedop(id, &b, 1, &ts), EAGAIN);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	CHECK((t1.tv_sec - t0.tv_sec) * 1000000000L + t1.tv_nsec - t0.tv_nsec >= 45000000L);
	ts.tv_nsec = 1000000000L;
	CHECK_ERR(semtimedop(id, &b, 1, &ts), EINVAL);
	/* a signal: EINTR, even with SA_RESTART */
	struct sigaction sa = { .sa_handler = on_alarm, .sa_flags = SA_RESTART };
	CHECK_SYS(sigaction(SIGALRM, &sa, NULL));
	ualarm(30000, 0);
	CHECK_ERR(op(id, 0, -1, 0), EINTR);
	/* removal: EIDRM */
	pid = ut_fork();
	if (pid == 0) {
		CHECK_ERR(op(id, 0, -1, 0), EIDRM);
		_exit(0);
	}
	while (semctl(id, 0, GETNCNT) != 1)
		usleep(1000);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
	ut_wait_ok(pid);
}

UTEST(ipc_sem_undo, 0, NULL)
{
	int id = CHECK_SYS(semget(IPC_PRIVATE, 2, 0600));
	union semun u = { .val = 5 };
	pid_t pid;
	int st;

	CHECK_SYS(semctl(id, 0, SETVAL, u));
	/* exit takes back what SEM_UNDO operations did */
	pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(op(id, 0, -3, SEM_UNDO));
		CHECK_SYS(op(id, 1, 4, SEM_UNDO));
		CHECK_SYS(op(id, 1, -1, SEM_UNDO));
		CHECK_SYS(op(id, 1, 1, 0));   /* not undone */
		_exit(0);
	}
	ut_wait_ok(pid);
	CHECK_EQ(semctl(id, 0, GETVAL), 5);
	CHECK_EQ(semctl(id, 1, GETVAL), 1);
	/* also when killed by SIGKILL while holding the "lock" */
	pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(op(id, 0, -5, SEM_UNDO));
		pause();
		_exit(1);
	}
	while (semctl(id, 0, GETVAL) != 0)
		usleep(1000);
	CHECK_SYS(kill(pid, SIGKILL));
	st = ut_wait(pid);
	ut_check_signaled(st, SIGKILL, "child");
	CHECK_EQ(semctl(id, 0, GETVAL), 5);
	/* an undo clamps at 0 and a waiter is woken by it */
	pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(op(id, 1, 2, SEM_UNDO));   /* 3; at exit -2 */
		u.val = 0;
		CHECK_SYS(semctl(id, 1, SETVAL, u));   /* clears the adjustment */
		_exit(0);
	}
	ut_wait_ok(pid);
	CHECK_EQ(semctl(id, 1, GETVAL), 0);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}

/* 8 processes increment a shared counter under a semaphore. */
UTEST(ipc_sem_counter, 0, NULL)
{
	enum { PROCS = 8, ITERS = 300 };
	int id = CHECK_SYS(semget(IPC_PRIVATE, 1, 0600));
	volatile long *counter = ut_map_shared(4096);
	pid_t pids[PROCS];

	CHECK_SYS(op(id, 0, 1, 0));
	for (int p = 0; p < PROCS; p++) {
		pids[p] = ut_fork();
		if (pids[p] == 0) {
			for (int i = 0; i < ITERS; i++) {
				CHECK_SYS(op(id, 0, -1, SEM_UNDO));
				long v = *counter;
				if (i % 16 == 0)
					sched_yield();
				*counter = v + 1;
				CHECK_SYS(op(id, 0, 1, SEM_UNDO));
			}
			_exit(0);
		}
	}
	for (int p = 0; p < PROCS; p++)
		ut_wait_ok(pids[p]);
	CHECK_EQ(*counter, PROCS * ITERS);
	CHECK_EQ(semctl(id, 0, GETVAL), 1);
	CHECK_SYS(semctl(id, 0, IPC_RMID));
}
