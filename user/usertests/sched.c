/*
 * usertests: scheduling -- nice shares on one CPU, SCHED_FIFO over CFS,
 * priority ranges, the round-robin interval, sleep, CPU affinity, and four
 * CPU-bound children running in parallel.
 *
 * Timing tests pin everything to one CPU (sched_setaffinity) so that the
 * outcome depends on the scheduler's policy, not on how many harts are
 * idle; margins are wide, windows short (~1 s).
 */
#include "usertests.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#define MS 1000000ULL

/* CPU time this thread used while the clock ran from `start` to `end`. */
static uint64_t spin_window(uint64_t start, uint64_t end)
{
	uint64_t c0;

	while (ulib_now_ns() < start)
		;
	c0 = ulib_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	while (ulib_now_ns() < end)
		;
	return ulib_clock_ns(CLOCK_THREAD_CPUTIME_ID) - c0;
}

static uint64_t rusage_ns(const struct rusage *ru)
{
	return (uint64_t)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * ULIB_NSEC_PER_SEC +
	       (uint64_t)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) * 1000;
}

/* Wait for a child that must exit 0; its CPU time from wait4's rusage. */
static uint64_t wait_cpu(pid_t pid)
{
	struct rusage ru;
	int status;

	if (wait4(pid, &status, 0, &ru) != pid)
		FAIL("wait4(%d): %s", pid, ulib_errname(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char how[96];

		ut_describe_status(status, how, sizeof(how));
		FAIL("child %d %s", pid, how);
	}
	return rusage_ns(&ru);
}

UTEST(sched_nice_share, 0, "checks Kestrel's CFS shares, not the host's scheduler under a loaded qemu-user")
{
	volatile uint64_t *cpu = ut_map_shared(4096);
	int nices[2] = { 0, 5 };
	uint64_t start, end, ru[2];
	pid_t pids[2];
	double ratio;

	ut_pin_to_one_cpu();
	start = ulib_now_ns() + 100 * MS;
	end = start + 1000 * MS;
	for (int i = 0; i < 2; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0) {
			if (setpriority(PRIO_PROCESS, 0, nices[i]) != 0)
				_exit(1);
			cpu[i] = spin_window(start, end);
			_exit(0);
		}
	}
	for (int i = 0; i < 2; i++)
		ru[i] = wait_cpu(pids[i]);
	if (cpu[0] == 0 || cpu[1] == 0)
		FAIL("a spinner got no CPU at all (%llu and %llu ns)", (unsigned long long)cpu[0],
		     (unsigned long long)cpu[1]);
	/* rusage covers the whole life, a bit more than the window. */
	for (int i = 0; i < 2; i++)
		if (ru[i] + 50 * MS < cpu[i])
			FAIL("child %d: rusage %llu ns is below its CPU clock %llu ns", i,
			     (unsigned long long)ru[i], (unsigned long long)cpu[i]);
	ratio = (double)cpu[0] / (double)cpu[1];
	if (ratio < 2.0 || ratio > 4.5)
		FAIL("nice 0 vs nice 5 got %.1f ms vs %.1f ms of CPU: ratio %.2f, expected ~3 "
		     "(2..4.5)", cpu[0] / 1e6, cpu[1] / 1e6, ratio);
	ut_note("ratio %.2f (%.0f ms vs %.0f ms)", ratio, cpu[0] / 1e6, cpu[1] / 1e6);
}

/* ------------------------------------------------------------ real time */

struct fifo_state {
	volatile uint64_t counter; /* the CFS spinner's progress */
	volatile int stop;
	volatile int err, policy, prio;
	volatile uint64_t before, after;
};

static void fifo_spinner(struct fifo_state *st)
{
	uint64_t end = ulib_now_ns() + 20 * ULIB_NSEC_PER_SEC;

	while (!st->stop && ulib_now_ns() < end)
		st->counter++;
	_exit(0);
}

static void fifo_runner(struct fifo_state *st)
{
	struct sched_param sp = { .sched_priority = 10 };

	if (sched_setscheduler(0, SCHED_FIFO, &sp) != 0) {
		st->err = errno;
		_exit(0);
	}
	st->policy = sched_getscheduler(0);
	sched_getparam(0, &sp);
	st->prio = sp.sched_priority;
	st->before = st->counter;
	ut_spin_ns(200 * MS);
	st->after = st->counter;
	_exit(0);
}

UTEST(sched_fifo_preempts, 0, NULL)
{
	struct fifo_state *st = ut_map_shared(4096);
	uint64_t deadline;
	pid_t spinner, runner;

	ut_pin_to_one_cpu();
	spinner = ut_fork();
	if (spinner == 0)
		fifo_spinner(st);
	deadline = ulib_now_ns() + 5 * ULIB_NSEC_PER_SEC;
	while (st->counter < 1000 && ulib_now_ns() < deadline)
		ulib_sleep_ns(MS);
	CHECK(st->counter >= 1000);
	runner = ut_fork();
	if (runner == 0)
		fifo_runner(st);
	ut_wait_ok(runner);
	st->stop = 1;
	ut_wait_ok(spinner);
	if (st->err == EPERM && ut.host)
		ut_host_skip("SCHED_FIFO not permitted here");
	if (st->err)
		FAIL("sched_setscheduler(SCHED_FIFO, 10): %s", ulib_errname(st->err));
	CHECK_EQ(st->policy, SCHED_FIFO);
	CHECK_EQ(st->prio, 10);
	if (st->after != st->before)
		FAIL("the CFS spinner ran %llu iterations while a SCHED_FIFO task spun on its CPU",
		     (unsigned long long)(st->after - st->before));
}

UTEST(sched_priorities, 0, NULL)
{
	struct sched_param sp = { 0 };
	pid_t dead, pid;
	int base;

	CHECK_EQ(sched_get_priority_min(SCHED_FIFO), 1);
	CHECK_EQ(sched_get_priority_max(SCHED_FIFO), 99);
	CHECK_EQ(sched_get_priority_min(SCHED_RR), 1);
	CHECK_EQ(sched_get_priority_max(SCHED_RR), 99);
	CHECK_EQ(sched_get_priority_min(SCHED_OTHER), 0);
	CHECK_EQ(sched_get_priority_max(SCHED_OTHER), 0);
	CHECK_EQ(sched_get_priority_max(SCHED_BATCH), 0);
	CHECK_EQ(sched_get_priority_max(SCHED_IDLE), 0);
	CHECK_ERR(sched_get_priority_max(123), EINVAL);
	CHECK_ERR(sched_get_priority_min(-1), EINVAL);

	CHECK_EQ(sched_getscheduler(0), SCHED_OTHER);
	CHECK_SYS(sched_getparam(0, &sp));
	CHECK_EQ(sp.sched_priority, 0);
	sp.sched_priority = 0;
	CHECK_ERR(sched_setscheduler(0, SCHED_FIFO, &sp), EINVAL);
	sp.sched_priority = 100;
	CHECK_ERR(sched_setscheduler(0, SCHED_RR, &sp), EINVAL);
	sp.sched_priority = 5;
	CHECK_ERR(sched_setscheduler(0, SCHED_OTHER, &sp), EINVAL);
	CHECK_ERR(sched_setscheduler(0, 123, &sp), EINVAL);
	dead = ut_fork();
	if (dead == 0)
		_exit(0);
	ut_wait(dead);
	CHECK_ERR(sched_getscheduler(dead), ESRCH);
	CHECK_EQ(sched_yield(), 0);

	/* nice: relative to where we start, clamped at 19. */
	errno = 0;
	base = getpriority(PRIO_PROCESS, 0);
	CHECK_EQ(errno, 0);
	pid = ut_fork();
	if (pid == 0) {
		CHECK_SYS(setpriority(PRIO_PROCESS, 0, base + 3));
		CHECK_EQ(getpriority(PRIO_PROCESS, 0), base + 3);
		CHECK_SYS(setpriority(PRIO_PROCESS, 0, 100));
		CHECK_EQ(getpriority(PRIO_PROCESS, 0), 19);
		CHECK_SYS(setpriority(PRIO_PROCESS, 0, -5)); /* root may lower it */
		CHECK_EQ(getpriority(PRIO_PROCESS, 0), -5);
		_exit(0);
	}
	ut_wait_ok(pid);
	CHECK_EQ(getpriority(PRIO_PROCESS, 0), base);
	CHECK_ERR(setpriority(PRIO_PROCESS, dead, 1), ESRCH);
}

UTEST(sched_rr_interval, 0, NULL)
{
	struct timespec ts;
	pid_t pid;

	CHECK_SYS(sched_rr_get_interval(0, &ts));
	CHECK(ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	CHECK_ERR(syscall(SYS_sched_rr_get_interval, 0, ut_ptr(1)), EFAULT);
	pid = ut_fork();
	if (pid == 0) {
		struct sched_param sp = { .sched_priority = 1 };

		if (sched_setscheduler(0, SCHED_RR, &sp) != 0) {
			if (errno == EPERM && ut.host)
				_exit(0);
			FAIL("sched_setscheduler(SCHED_RR, 1): %s", ulib_errname(errno));
		}
		CHECK_EQ(sched_getscheduler(0), SCHED_RR);
		CHECK_SYS(sched_rr_get_interval(0, &ts));
		CHECK(ts.tv_sec == 0 && ts.tv_nsec > 0);
		_exit(0);
	}
	ut_wait_ok(pid);
	CHECK_ERR(sched_rr_get_interval(pid, &ts), ESRCH);
}

UTEST(sched_sleep_1s, 0, NULL)
{
	uint64_t t0 = ulib_now_ns(), c0 = ulib_clock_ns(CLOCK_PROCESS_CPUTIME_ID);
	uint64_t slept, cpu;

	CHECK_EQ(sleep(1), 0);
	slept = ulib_now_ns() - t0;
	cpu = ulib_clock_ns(CLOCK_PROCESS_CPUTIME_ID) - c0;
	if (slept < ULIB_NSEC_PER_SEC)
		FAIL("sleep(1) returned after %.3f s", slept / 1e9);
	if (slept > 3 * ULIB_NSEC_PER_SEC)
		FAIL("sleep(1) took %.3f s", slept / 1e9);
	if (cpu > 100 * MS)
		FAIL("sleep(1) used %.1f ms of CPU (busy-waiting?)", cpu / 1e6);
}

UTEST(sched_affinity, 0, NULL)
{
	cpu_set_t set, one;
	cpu_set_t *big;
	size_t bigsize = CPU_ALLOC_SIZE(4096);
	int *flags = ut_map_shared(4096);
	int n = 0;
	pid_t pid;

	CHECK_SYS(sched_getaffinity(0, sizeof(set), &set));
	CHECK_EQ(CPU_COUNT(&set), ut.ncpus);
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &set))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		CHECK_SYS(sched_setaffinity(0, sizeof(one), &one));
		CHECK_EQ(sched_getcpu(), cpu); /* moved before the call returned */
		if (++n == 8)
			break;
	}
	/* A child inherits the mask; a parent may set its child's. */
	pid = ut_fork();
	if (pid == 0) {
		cpu_set_t got;

		CHECK_SYS(sched_getaffinity(0, sizeof(got), &got));
		CHECK(CPU_EQUAL(&got, &one));
		__atomic_store_n(&flags[0], 1, __ATOMIC_RELEASE);
		while (!__atomic_load_n(&flags[1], __ATOMIC_ACQUIRE))
			ulib_sleep_ns(MS);
		CHECK_SYS(sched_getaffinity(0, sizeof(got), &got));
		CHECK(CPU_EQUAL(&got, &set));
		_exit(0);
	}
	while (!__atomic_load_n(&flags[0], __ATOMIC_ACQUIRE))
		ulib_sleep_ns(MS);
	CHECK_SYS(sched_setaffinity(pid, sizeof(set), &set));
	__atomic_store_n(&flags[1], 1, __ATOMIC_RELEASE);
	ut_wait_ok(pid);

	CPU_ZERO(&one);
	CHECK_ERR(sched_setaffinity(0, sizeof(one), &one), EINVAL);
	big = CPU_ALLOC(4096);
	CHECK(big != NULL);
	CPU_ZERO_S(bigsize, big);
	CPU_SET_S(4000, bigsize, big); /* no such CPU */
	CHECK_ERR(sched_setaffinity(0, bigsize, big), EINVAL);
	CPU_FREE(big);
}

static void sleep_until(uint64_t t)
{
	uint64_t now = ulib_now_ns();

	if (now < t)
		ulib_sleep_ns(t - now);
}

/* All cpus' idle time so far, from /proc/stat's "cpu " line (USER_HZ = 100). */
static uint64_t stat_idle_ns(void)
{
	size_t len;
	char *text = ut_read_file("/proc/stat", &len);
	unsigned long long v[4];

	if (sscanf(text, "cpu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3]) != 4)
		FAIL("/proc/stat: no cpu line");
	free(text);
	return v[3] * 10 * MS;
}

UTEST(sched_parallel4, 0, NULL)
{
	volatile uint64_t *cpu = ut_map_shared(4096);
	uint64_t start, end, total = 0, window = 500 * MS, idle0, idle;
	pid_t pids[4];

	if (ut.ncpus < 4) {
		ut_note("only %d CPUs online: parallelism not checked", ut.ncpus);
		return;
	}
	/*
	 * The spinners run from their fork; the window starts 300 ms later so
	 * the balancer (tick-driven: slow when the host starves the vCPUs of a
	 * loaded make test) has spread them before it is measured.
	 */
	start = ulib_now_ns() + 300 * MS;
	end = start + window;
	for (int i = 0; i < 4; i++) {
		pids[i] = ut_fork();
		if (pids[i] == 0) {
			cpu[i] = spin_window(start, end);
			_exit(0);
		}
	}
	sleep_until(start);
	idle0 = stat_idle_ns();
	sleep_until(end);
	idle = stat_idle_ns() - idle0;
	for (int i = 0; i < 4; i++) {
		wait_cpu(pids[i]);
		total += cpu[i];
	}
	/*
	 * Spread over the cpus, 4 spinners leave none of them idle in the
	 * window. Kernel threads may take a share (an ext3 root's journal
	 * and writeback after the tests before), so the spinners' own total
	 * is only required to be half of it: what shows a scheduling fault
	 * is an idle cpu while spinners wait.
	 */
	if (idle > 4 * window / 5 || total < 4 * window / 2)
		FAIL("4 spinners on %d CPUs got %.0f ms of CPU in a %.0f ms window (expected ~%.0f), "
		     "the cpus idled %.0f ms", ut.ncpus, total / 1e6, window / 1e6, 4 * window / 1e6,
		     idle / 1e6);
	ut_note("%.0f ms of CPU in a %.0f ms window, %.0f ms idle", total / 1e6, window / 1e6,
		idle / 1e6);
}
