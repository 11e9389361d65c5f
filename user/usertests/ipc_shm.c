/*
 * System V shared memory (docs/ipc.md): shmget, shmat at a chosen or given
 * address (SHM_RND, SHM_REMAP, SHM_RDONLY), shmdt, shmctl, shm_nattch
 * across fork and detach, removal while attached, and a seqlock-style
 * writer/reader protocol between processes that attach by key.
 */
#include "usertests.h"

#include <signal.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

static int shm_in_use(void)
{
	struct shm_info si;

	CHECK_SYS(shmctl(0, SHM_INFO, (struct shmid_ds *)&si));
	return si.used_ids;
}

static unsigned long nattch(int id)
{
	struct shmid_ds ds;

	CHECK_SYS(shmctl(id, IPC_STAT, &ds));
	return ds.shm_nattch;
}

UTEST(ipc_shm_basic, 0, NULL)
{
	int before = shm_in_use();
	int id = CHECK_SYS(shmget(IPC_PRIVATE, 3 * 4096 + 5, 0600));
	struct shmid_ds ds;
	char *a, *b;

	CHECK_EQ(shm_in_use(), before + 1);
	CHECK_SYS(shmctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.shm_segsz, 3 * 4096 + 5);
	CHECK_EQ(ds.shm_nattch, 0);
	CHECK_EQ(ds.shm_cpid, getpid());
	CHECK_EQ(ds.shm_perm.mode & 0777, 0600);
	a = shmat(id, NULL, 0);
	CHECK(a != (void *)-1);
	CHECK_EQ(nattch(id), 1);
	CHECK_EQ(a[0], 0);   /* zero-filled */
	strcpy(a + 4096 * 3, "end");
	b = shmat(id, NULL, SHM_RDONLY);
	CHECK(b != (void *)-1 && b != a);
	CHECK_EQ(nattch(id), 2);
	CHECK(!strcmp(b + 4096 * 3, "end"));
	/* read-only: a write is SIGSEGV */
	pid_t pid = ut_fork();
	if (pid == 0) {
		b[0] = 1;
		_exit(0);
	}
	ut_check_signaled(ut_wait(pid), SIGSEGV, "write to SHM_RDONLY");
	CHECK_SYS(shmdt(b));
	CHECK_EQ(nattch(id), 1);
	CHECK_ERR(shmdt(b), EINVAL);
	CHECK_ERR(shmdt(a + 4096), EINVAL);
	CHECK_ERR(shmdt(a + 1), EINVAL);
	/* a given address: busy without SHM_REMAP; SHM_RND rounds */
	CHECK_ERR(shmat(id, a, 0), EINVAL);
	CHECK_ERR(shmat(id, a + 1, 0), EINVAL);
	b = shmat(id, a + 1, SHM_RND | SHM_REMAP);
	CHECK(b == a);
	CHECK(!strcmp(b + 4096 * 3, "end"));
	CHECK_EQ(nattch(id), 1);
	CHECK_SYS(shmdt(a));
	CHECK_EQ(nattch(id), 0);
	b = shmat(id, a, 0);   /* free again */
	CHECK(b == a);
	CHECK_SYS(shmdt(a));
	CHECK_SYS(shmctl(id, IPC_STAT, &ds));
	CHECK_EQ(ds.shm_lpid, getpid());
	CHECK(ds.shm_atime != 0 && ds.shm_dtime != 0);
	/* SHM_LOCK is accepted */
	CHECK_SYS(shmctl(id, SHM_LOCK, NULL));
	CHECK_SYS(shmctl(id, SHM_UNLOCK, NULL));
	/* errors */
	CHECK_ERR(shmget(IPC_PRIVATE, 0, 0600), EINVAL);
	CHECK_ERR(shmat(-1, NULL, 0), EINVAL);
	CHECK_ERR(shmctl(id, 12345, &ds), EINVAL);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	CHECK_ERR(shmat(id, NULL, 0), EINVAL);
	CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);
	CHECK_EQ(shm_in_use(), before);
}

UTEST(ipc_shm_fork_rmid, 0, NULL)
{
	key_t key = ftok(ut_scratch_dir(), 'm');
	int before = shm_in_use();
	int id, id2;
	struct shmid_ds ds;
	volatile int *p;
	pid_t pid;

	shmctl(shmget(key, 0, 0), IPC_RMID, NULL);   /* a leftover of an earlier run */
	id = CHECK_SYS(shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0600));
	CHECK_ERR(shmget(key, 8192, IPC_CREAT | IPC_EXCL | 0600), EEXIST);
	CHECK_ERR(shmget(key, 8193, 0), EINVAL);
	CHECK_EQ(shmget(key, 100, 0), id);
	p = shmat(id, NULL, 0);
	CHECK(p != (void *)-1);
	/* fork: the child is attached too */
	pid = ut_fork();
	if (pid == 0) {
		CHECK_EQ(nattch(id), 2);
		p[0] = 42;
		_exit(0);
	}
	ut_wait_ok(pid);
	CHECK_EQ(p[0], 42);
	CHECK_EQ(nattch(id), 1);
	/* removal while attached: the key is free, the memory stays */
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
	CHECK_SYS(shmctl(id, IPC_STAT, &ds));
	CHECK(ds.shm_perm.mode & 01000);   /* SHM_DEST */
	CHECK_EQ(ds.shm_perm.__key, 0);
	CHECK_ERR(shmget(key, 100, 0), ENOENT);
	id2 = CHECK_SYS(shmget(key, 4096, IPC_CREAT | 0600));
	CHECK(id2 != id);
	p[1] = 7;
	CHECK_EQ(p[0], 42);
	CHECK_SYS(shmdt((void *)p));
	CHECK_ERR(shmctl(id, IPC_STAT, &ds), EINVAL);   /* gone at the last detach */
	CHECK_SYS(shmctl(id2, IPC_RMID, NULL));
	CHECK_EQ(shm_in_use(), before);
}

UTEST(ipc_shm_exit_detaches, 0, NULL)
{
	int id = CHECK_SYS(shmget(IPC_PRIVATE, 4096, 0600));
	pid_t pid = ut_fork();

	if (pid == 0) {
		CHECK(shmat(id, NULL, 0) != (void *)-1);
		CHECK(shmat(id, NULL, 0) != (void *)-1);
		CHECK_EQ(nattch(id), 2);
		_exit(0);
	}
	ut_wait_ok(pid);
	CHECK_EQ(nattch(id), 0);
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}

/* A seqlock over shared memory: a writer, readers that attach by key. */
struct seqdata {
	volatile unsigned int seq;
	volatile unsigned int a, b;
	volatile int done;
	int started;   /* readers attached */
};

static void seq_reader(key_t key)
{
	int id = CHECK_SYS(shmget(key, 0, 0));
	struct seqdata *d = shmat(id, NULL, 0);
	unsigned long reads = 0;

	CHECK(d != (void *)-1);
	__atomic_add_fetch(&d->started, 1, __ATOMIC_SEQ_CST);
	while (!d->done) {
		unsigned int s1, a, b;

		do {
			s1 = __atomic_load_n(&d->seq, __ATOMIC_ACQUIRE);
			a = d->a;
			b = d->b;
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
		} while ((s1 & 1) || s1 != __atomic_load_n(&d->seq, __ATOMIC_RELAXED));
		if (b != a * 3)
			FAIL("torn read: a %u b %u", a, b);
		reads++;
	}
	CHECK(reads > 0);
	CHECK_SYS(shmdt(d));
	_exit(0);
}

UTEST(ipc_shm_seqlock, 0, NULL)
{
	key_t key = ftok(ut_scratch_dir(), 'L');
	int id;
	struct seqdata *d;
	pid_t r[3];

	shmctl(shmget(key, 0, 0), IPC_RMID, NULL);
	id = CHECK_SYS(shmget(key, sizeof(*d), IPC_CREAT | 0600));
	d = shmat(id, NULL, 0);
	CHECK(d != (void *)-1);
	for (int i = 0; i < 3; i++) {
		r[i] = ut_fork();
		if (r[i] == 0) {
			shmdt(d);   /* an unrelated attacher: only the key */
			seq_reader(key);
		}
	}
	while (__atomic_load_n(&d->started, __ATOMIC_SEQ_CST) != 3)
		usleep(1000);
	for (unsigned int i = 1; i <= 20000; i++) {
		__atomic_store_n(&d->seq, d->seq + 1, __ATOMIC_RELAXED);
		__atomic_thread_fence(__ATOMIC_RELEASE);
		d->a = i;
		d->b = i * 3;
		__atomic_store_n(&d->seq, d->seq + 1, __ATOMIC_RELEASE);
	}
	usleep(20000);
	d->done = 1;
	for (int i = 0; i < 3; i++)
		ut_wait_ok(r[i]);
	CHECK_SYS(shmdt(d));
	CHECK_SYS(shmctl(id, IPC_RMID, NULL));
}
