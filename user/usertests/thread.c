/*
 * usertests: threads -- pthread mutexes, condition variables, barriers
 * and joins (futex and CLONE_CHILD_CLEARTID underneath), a thread exiting
 * while others run, TLS, and FP registers surviving preemption.
 */
#include "usertests.h"

#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	int err = pthread_create(t, NULL, fn, arg);

	if (err)
		FAIL("pthread_create: %s", ulib_errname(err));
}

static void *join(pthread_t t)
{
	void *ret;
	int err = pthread_join(t, &ret);

	if (err)
		FAIL("pthread_join: %s", ulib_errname(err));
	return ret;
}

/* ------------------------------------------------------------ mutex */

#define MX_THREADS 8
#define MX_ROUNDS 100000

static pthread_mutex_t mx_lock = PTHREAD_MUTEX_INITIALIZER;
static long mx_counter;

static void *mx_worker(void *arg)
{
	(void)arg;
	for (int i = 0; i < MX_ROUNDS; i++) {
		pthread_mutex_lock(&mx_lock);
		mx_counter++;
		pthread_mutex_unlock(&mx_lock);
	}
	return NULL;
}

UTEST(thread_mutex_counter, 0, NULL)
{
	pthread_t t[MX_THREADS];

	for (int i = 0; i < MX_THREADS; i++)
		start(&t[i], mx_worker, NULL);
	for (int i = 0; i < MX_THREADS; i++)
		join(t[i]);
	CHECK_EQ(mx_counter, (long)MX_THREADS * MX_ROUNDS);
}

/* ------------------------------------------------------------ condvar */

#define PP_ROUNDS 2000   /* each round is two cross-thread hand-offs: cheap on Linux, a host-scheduler wait per hand-off under QEMU on a loaded host */

static pthread_mutex_t pp_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pp_cond = PTHREAD_COND_INITIALIZER;
static int pp_turn;   /* whose turn: 0 or 1 */
static long pp_count; /* moves made */

static void *pp_player(void *arg)
{
	int me = (int)(intptr_t)arg;

	for (int i = 0; i < PP_ROUNDS; i++) {
		pthread_mutex_lock(&pp_lock);
		while (pp_turn != me)
			pthread_cond_wait(&pp_cond, &pp_lock);
		pp_count++;
		pp_turn = !me;
		pthread_cond_signal(&pp_cond);
		pthread_mutex_unlock(&pp_lock);
	}
	return NULL;
}

UTEST(thread_condvar_pingpong, 0, NULL)
{
	pthread_t a, b;

	start(&a, pp_player, (void *)0);
	start(&b, pp_player, (void *)1);
	join(a);
	join(b);
	CHECK_EQ(pp_count, 2 * PP_ROUNDS);
	CHECK_EQ(pp_turn, 0);
}

/* ------------------------------------------------------------ barrier */

#define BR_THREADS 8
#define BR_ROUNDS 50

static pthread_barrier_t br_barrier;
static atomic_int br_arrived[BR_ROUNDS];
static atomic_int br_errors;

static void *br_worker(void *arg)
{
	(void)arg;
	for (int r = 0; r < BR_ROUNDS; r++) {
		atomic_fetch_add(&br_arrived[r], 1);
		pthread_barrier_wait(&br_barrier);
		/* Nobody gets past round r before everyone arrived at it. */
		if (atomic_load(&br_arrived[r]) != BR_THREADS)
			atomic_fetch_add(&br_errors, 1);
		if (r + 1 < BR_ROUNDS && atomic_load(&br_arrived[r + 1]) > BR_THREADS)
			atomic_fetch_add(&br_errors, 1);
	}
	return NULL;
}

UTEST(thread_barrier, 0, NULL)
{
	pthread_t t[BR_THREADS];

	CHECK_EQ(pthread_barrier_init(&br_barrier, NULL, BR_THREADS), 0);
	for (int i = 0; i < BR_THREADS; i++)
		start(&t[i], br_worker, NULL);
	for (int i = 0; i < BR_THREADS; i++)
		join(t[i]);
	CHECK_EQ(atomic_load(&br_errors), 0);
	for (int r = 0; r < BR_ROUNDS; r++)
		CHECK_EQ(atomic_load(&br_arrived[r]), BR_THREADS);
	CHECK_EQ(pthread_barrier_destroy(&br_barrier), 0);
}

/* ------------------------------------------------------------ join and exit */

static void *jn_slow(void *arg)
{
	ulib_sleep_ns(50 * 1000000ULL); /* the joiner is asleep in the futex by now */
	return (void *)((intptr_t)arg * 3);
}

static void *jn_exit(void *arg)
{
	pthread_exit((void *)((intptr_t)arg + 1000));
}

static void *jn_tid(void *arg)
{
	*(pid_t *)arg = gettid();
	return NULL;
}

UTEST(thread_join, 0, NULL)
{
	pthread_t t[8];
	pid_t tid = 0;

	for (int i = 0; i < 8; i++)
		start(&t[i], i % 2 ? jn_slow : jn_exit, (void *)(intptr_t)i);
	for (int i = 0; i < 8; i++) {
		intptr_t want = i % 2 ? i * 3 : i + 1000;

		CHECK_EQ((intptr_t)join(t[i]), want);
	}
	start(&t[0], jn_tid, &tid);
	join(t[0]);
	CHECK(tid > 0);
	CHECK(tid != getpid());
	/* Joining oneself is EDEADLK, not a hang. */
	CHECK_EQ(pthread_join(pthread_self(), NULL), EDEADLK);
}

struct ex_state {
	atomic_int stop;
	atomic_long work;
};

static void *ex_spinner(void *arg)
{
	struct ex_state *st = arg;

	while (!atomic_load(&st->stop))
		atomic_fetch_add(&st->work, 1);
	return NULL;
}

static void *ex_short(void *arg)
{
	(void)arg;
	return NULL;
}

/* The main thread exits first; the last thread's exit(7) ends the process. */
static void *ex_last(void *arg)
{
	volatile int *shared = arg;

	ulib_sleep_ns(100 * 1000000ULL);
	shared[0] = 1;
	exit(7);
}

static void exit_main_first(void)
{
	volatile int *shared = ut_map_shared(4096);
	pid_t pid = ut_fork();
	int status;

	if (pid == 0) {
		pthread_t t;

		if (pthread_create(&t, NULL, ex_last, (void *)shared) != 0)
			_exit(1);
		pthread_exit(NULL);
	}
	status = ut_wait(pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 7);
	CHECK_EQ(shared[0], 1);
}

UTEST(thread_exit_while_others_run, 0, NULL)
{
	struct ex_state st = { 0 };
	pthread_t spin[2], t;

	start(&spin[0], ex_spinner, &st);
	start(&spin[1], ex_spinner, &st);
	for (int i = 0; i < 50; i++) {
		start(&t, ex_short, NULL);
		join(t);
	}
	long before = atomic_load(&st.work);
	uint64_t end = ulib_now_ns() + 5 * ULIB_NSEC_PER_SEC;

	while (atomic_load(&st.work) == before) { /* the spinners still run */
		if (ulib_now_ns() > end)
			FAIL("the spinning threads made no progress in 5 s");
		ulib_sleep_ns(1000000);
	}
	atomic_store(&st.stop, 1);
	join(spin[0]);
	join(spin[1]);
	exit_main_first();
}

/* ------------------------------------------------------------ TLS */

static __thread int tls_value = 42;
static __thread char tls_block[4096];
static pthread_barrier_t tls_barrier;

static void *tls_worker(void *arg)
{
	int id = (int)(intptr_t)arg;

	if (tls_value != 42 || tls_block[100] != 0)
		return (void *)1;
	tls_value = id;
	memset(tls_block, id, sizeof(tls_block));
	pthread_barrier_wait(&tls_barrier); /* everyone has written */
	for (size_t i = 0; i < sizeof(tls_block); i++)
		if (tls_block[i] != (char)id)
			return (void *)2;
	return tls_value == id ? NULL : (void *)3;
}

UTEST(thread_tls, 0, NULL)
{
	pthread_t t[8];

	CHECK_EQ(pthread_barrier_init(&tls_barrier, NULL, 8), 0);
	for (int i = 0; i < 8; i++)
		start(&t[i], tls_worker, (void *)(intptr_t)(i + 1));
	for (int i = 0; i < 8; i++) {
		intptr_t r = (intptr_t)join(t[i]);

		if (r)
			FAIL("thread %d saw another thread's TLS (check %ld)", i, (long)r);
	}
	CHECK_EQ(tls_value, 42);
	CHECK_EQ(tls_block[0], 0);
}

/* ------------------------------------------------------------ FP and preemption */

/*
 * Keeps 8 doubles live in FP registers across a long loop. If a context
 * switch lost or mixed up FP registers, the result would differ from the
 * same computation done alone: the check is exact (bit for bit).
 */
static double __attribute__((noinline)) fp_work(double seed, long iters)
{
	double a = seed, b = seed * 1.5, c = seed * 2.25, d = seed + 0.125;
	double e = 1.0 / seed, f = seed * seed, g = 0.5, h = 3.0;

	for (long i = 0; i < iters; i++) {
		a = a * 0.999999 + b * 1e-6;
		b = b * 0.999998 + c * 2e-6;
		c = c * 0.999997 + d * 3e-6;
		d = d * 0.999996 + e * 4e-6;
		e = e * 0.999995 + f * 5e-6;
		f = f * 0.999994 + g * 6e-6;
		g = g * 0.999993 + h * 7e-6;
		h = h * 0.999992 + a * 8e-6;
	}
	return a + b + c + d + e + f + g + h;
}

#define FP_ITERS 300000L

struct fp_job {
	double seed, result;
};

static void *fp_thread(void *arg)
{
	struct fp_job *job = arg;

	job->result = fp_work(job->seed, FP_ITERS);
	return NULL;
}

UTEST(thread_fp_preempt, 0, NULL)
{
	double seeds[4] = { 1.25, 2.5, 3.75, 5.0 }, want[4];
	volatile double *shared = ut_map_shared(4096);
	struct fp_job jobs[2];
	pthread_t t[2];
	pid_t pids[2];

	for (int i = 0; i < 4; i++)
		want[i] = fp_work(seeds[i], FP_ITERS);
	/* Everyone on one CPU, so they must take turns (be preempted). */
	ut_pin_to_one_cpu();
	for (int i = 0; i < 2; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0) {
			shared[i] = fp_work(seeds[i], FP_ITERS);
			_exit(0);
		}
	}
	for (int i = 0; i < 2; i++) {
		jobs[i].seed = seeds[2 + i];
		start(&t[i], fp_thread, &jobs[i]);
	}
	for (int i = 0; i < 2; i++) {
		join(t[i]);
		ut_wait_ok(pids[i]);
	}
	for (int i = 0; i < 2; i++) {
		if (shared[i] != want[i])
			FAIL("process %d computed %.17g, alone it was %.17g", i, shared[i], want[i]);
		if (jobs[i].result != want[2 + i])
			FAIL("thread %d computed %.17g, alone it was %.17g", i, jobs[i].result,
			     want[2 + i]);
	}
}
