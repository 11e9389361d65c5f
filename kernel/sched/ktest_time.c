/*
 * Self-tests of the clocks, timed sleeps and the time and system
 * information calls (ktest=boot):
 *
 *  - time_clock_ids: every clock id reads and has its resolution; the
 *    coarse clocks trail the fine ones by less than a tick; bad ids fail;
 *  - time_thread_cputime / time_process_cputime: CPU time advances with
 *    running and not with sleeping; a process's is the sum of its
 *    threads' plus what its dead threads left (a process put together
 *    by the test); another task's process clock by pid, not its thread
 *    clock;
 *  - time_set_realtime: clock_set_realtime_ns moves CLOCK_REALTIME (and
 *    the vDSO data page) and not CLOCK_MONOTONIC; before boot: -EINVAL;
 *  - time_nanosleep_precision: 1 ms sleeps never end early; prints the
 *    overshoot (mean and worst);
 *  - time_nanosleep_abs_realtime_follows_settime: a sleep until a wall
 *    time 1000 s ahead ends at once when the clock is set past it;
 *  - time_nanosleep_interrupted: kthread_stop() or a pending signal (a
 *    group exit, in a process the test puts together) ends a long sleep
 *    with -EINTR and the time left;
 *  - time_syscalls: the system calls themselves, with user pointers in a
 *    test address space: results, -EFAULT, -EINVAL, -EPERM for a
 *    non-root process; prints the cost of clock_gettime's handler.
 */
#include <arch/csr.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <kernel/vdso.h>
#include <kernel/vdso_data.h>
#include <lib/string.h>
#include <mm/page.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/sysinfo.h>
#include <uapi/utsname.h>

#include "ktest_umm.h"

#define MS 1000000ULL

static const char *clock_check(int which, u64 *ns)
{
	u64 res;

	if (clock_get_ns(which, ns))
		return ktest_fail("clock %d: clock_get_ns failed", which);
	if (clock_getres_ns(which, &res) || res == 0 || res > NSEC_PER_TICK)
		return ktest_fail("clock %d: resolution %llu", which, (unsigned long long)res);
	return NULL;
}

KTEST(time_clock_ids)
{
	static const int bad[] = { 10, 12, 100, CLOCK_REALTIME_ALARM, CLOCK_BOOTTIME_ALARM,
				   MAKE_PROCESS_CPUCLOCK(99999, CPUCLOCK_SCHED),
				   MAKE_PROCESS_CPUCLOCK(0, 3) };
	u64 ns[12], res, u;
	const char *why;

	for (int c = 0; c <= CLOCK_TAI; c++) {
		if (c == CLOCK_REALTIME_ALARM || c == CLOCK_BOOTTIME_ALARM || c == 10)
			continue;
		if ((why = clock_check(c, &ns[c])))
			return why;
	}
	/* Coarse: a multiple of the tick, at most a tick (and a little) behind. */
	clock_get_ns(CLOCK_MONOTONIC_COARSE, &u);
	clock_get_ns(CLOCK_MONOTONIC, &res);
	if (u > res || res - u > NSEC_PER_TICK + NSEC_PER_SEC || u % NSEC_PER_TICK)
		return ktest_fail("coarse %llu against fine %llu", (unsigned long long)u,
				  (unsigned long long)res);
	if (ns[CLOCK_REALTIME] - ns[CLOCK_MONOTONIC] < clock_realtime_offset_ns() - NSEC_PER_SEC ||
	    ns[CLOCK_REALTIME_COARSE] > ns[CLOCK_TAI])
		return ktest_fail("realtime %llu, monotonic %llu, offset %llu",
				  (unsigned long long)ns[CLOCK_REALTIME],
				  (unsigned long long)ns[CLOCK_MONOTONIC],
				  (unsigned long long)clock_realtime_offset_ns());
	clock_getres_ns(CLOCK_REALTIME_COARSE, &res);
	if (res != NSEC_PER_TICK)
		return ktest_fail("coarse resolution %llu", (unsigned long long)res);
	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++)
		if (clock_get_ns(bad[i], &u) != -EINVAL || clock_getres_ns(bad[i], &u) != -EINVAL)
			return ktest_fail("clock %d is not -EINVAL", bad[i]);
	/* The caller's own clocks by clock_getcpuclockid-style ids. */
	if (clock_get_ns(MAKE_THREAD_CPUCLOCK(current->pid, CPUCLOCK_SCHED), &u) ||
	    clock_get_ns(MAKE_PROCESS_CPUCLOCK(0, CPUCLOCK_SCHED), &u))
		return ktest_fail("the caller's own CPU clock ids fail");
	return NULL;
}

static void spin_ms(u64 ms)
{
	u64 end = ktime_get_ns() + ms * MS;

	while (ktime_get_ns() < end)
		cpu_relax();
}

KTEST(time_thread_cputime)
{
	u64 t0, t1, t2, m0, m1;

	m0 = ktime_get_ns();
	clock_get_ns(CLOCK_THREAD_CPUTIME_ID, &t0);
	spin_ms(20);
	clock_get_ns(CLOCK_THREAD_CPUTIME_ID, &t1);
	m1 = ktime_get_ns();
	msleep(20);
	clock_get_ns(CLOCK_THREAD_CPUTIME_ID, &t2);
	/* Inside [m0, m1] the thread cannot have run longer than the window. */
	if (t1 <= t0 || t1 - t0 > m1 - m0)
		return ktest_fail("20 ms of spinning gave %llu ns of CPU time in %llu ns",
				  (unsigned long long)(t1 - t0), (unsigned long long)(m1 - m0));
	if (t2 - t1 > 15 * MS)   /* the few us around msleep, unless the host stalls QEMU */
		return ktest_fail("20 ms asleep cost %llu ns of CPU time", (unsigned long long)(t2 - t1));
	return NULL;
}

/* A thread of the test process: spin, say so, then sleep until stopped. */
struct spinner {
	struct completion spun;
};

static int spinner_fn(void *arg)
{
	struct spinner *s = arg;

	spin_ms(15);
	complete(&s->spun);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

KTEST(time_process_cputime)
{
	static struct process p;
	struct spinner s[2];
	struct task *t[2];
	u64 sum, lo, hi;

	memset(&p, 0, sizeof(p));
	spin_lock_init(&p.lock, "process_lock");
	INIT_LIST_HEAD(&p.threads);
	p.dead_utime = 3 * MS;
	p.dead_stime = 2 * MS;
	for (int i = 0; i < 2; i++) {
		init_completion(&s[i].spun);
		t[i] = kthread_run(spinner_fn, &s[i], "ktest_cputime");
		if (IS_ERR(t[i]))
			return ktest_fail("kthread_run failed");
		list_add_tail(&t[i]->thread_node, &p.threads);
	}
	for (int i = 0; i < 2; i++)
		wait_for_completion(&s[i].spun);
	msleep(5);   /* both asleep now, most likely: the bounds below hold either way */
	lo = task_sched_runtime(t[0]) + task_sched_runtime(t[1]);
	sum = process_cputime_ns(&p);
	hi = task_sched_runtime(t[0]) + task_sched_runtime(t[1]);
	/* Clocks of other tasks by pid: a process clock yes, a thread of another process no. */
	u64 other;
	int err = clock_get_ns(MAKE_PROCESS_CPUCLOCK(t[0]->pid, CPUCLOCK_SCHED), &other);
	int err_thread = clock_get_ns(MAKE_THREAD_CPUCLOCK(t[0]->pid, CPUCLOCK_SCHED), &other);
	for (int i = 0; i < 2; i++) {
		unsigned long flags = spin_lock_irqsave(&p.lock);
		list_del(&t[i]->thread_node);
		spin_unlock_irqrestore(&p.lock, flags);
		kthread_stop(t[i]);
	}
	if (err || err_thread != -EINVAL)
		return ktest_fail("another task's CPU clocks: process %d, thread %d", err, err_thread);
	if (sum < 5 * MS + lo || sum > 5 * MS + hi || lo == 0)
		return ktest_fail("process CPU time %llu, threads %llu..%llu and 5 ms dead",
				  (unsigned long long)sum, (unsigned long long)lo,
				  (unsigned long long)hi);
	return NULL;
}

KTEST(time_set_realtime)
{
	u64 offset = clock_realtime_offset_ns(), m0 = ktime_get_ns(), real, m1;
	const struct vdso_data *vd = page_address(vdso_page(0));
	const char *why = NULL;

	if (clock_set_realtime_ns(ktime_get_real_ns() + 1000 * NSEC_PER_SEC))
		return ktest_fail("setting the clock 1000 s ahead failed");
	real = ktime_get_real_ns();
	m1 = ktime_get_ns();
	/* Generous margins: a host that stalls QEMU for a while moves the time CSR too. */
	if (real - m1 < offset + 998 * NSEC_PER_SEC || real - m1 > offset + 1000 * NSEC_PER_SEC)
		why = ktest_fail("realtime %llu after setting it 1000 s ahead of %llu + %llu",
				 (unsigned long long)real, (unsigned long long)m1,
				 (unsigned long long)offset);
	else if (READ_ONCE(vd->realtime_offset_ns) != clock_realtime_offset_ns())
		why = ktest_fail("the vDSO page's offset did not follow");
	else if (m1 < m0 || m1 - m0 > 2 * NSEC_PER_SEC)
		why = ktest_fail("monotonic moved from %llu to %llu", (unsigned long long)m0,
				 (unsigned long long)m1);
	else if (clock_set_realtime_ns(ktime_get_ns() / 2) != -EINVAL ||
		 clock_set_realtime_ns(KTIME_MAX) != -EINVAL)
		why = ktest_fail("setting the clock before boot or after 2232 did not fail");
	clock_set_realtime_ns(ktime_get_ns() + offset);
	return why;
}

KTEST(time_nanosleep_precision)
{
	const int n = 20;
	u64 over_sum = 0, over_max = 0;

	for (int i = 0; i < n; i++) {
		u64 t0 = ktime_get_ns(), t1, left = 1;
		int err = clock_nanosleep_ns(CLOCK_MONOTONIC, 0, MS, &left);

		t1 = ktime_get_ns();
		if (err || left)
			return ktest_fail("sleep %d: %d, %llu left", i, err, (unsigned long long)left);
		if (t1 - t0 < MS)
			return ktest_fail("a 1 ms sleep took %llu ns", (unsigned long long)(t1 - t0));
		over_sum += t1 - t0 - MS;
		over_max = MAX(over_max, t1 - t0 - MS);
	}
	/* Absolute deadlines: never early either; one in the past returns at once. */
	u64 deadline = ktime_get_ns() + 2 * MS;
	if (clock_nanosleep_ns(CLOCK_MONOTONIC, TIMER_ABSTIME, deadline, NULL) ||
	    ktime_get_ns() < deadline)
		return ktest_fail("absolute sleep ended early");
	if (clock_nanosleep_ns(CLOCK_BOOTTIME, TIMER_ABSTIME, 1, NULL) ||
	    clock_nanosleep_ns(CLOCK_MONOTONIC, 0, 0, NULL))
		return ktest_fail("a sleep into the past did not return 0");
	if (clock_nanosleep_ns(CLOCK_THREAD_CPUTIME_ID, 0, MS, NULL) != -EOPNOTSUPP ||
	    clock_nanosleep_ns(CLOCK_MONOTONIC_COARSE, 0, MS, NULL) != -EOPNOTSUPP ||
	    clock_nanosleep_ns(42, 0, MS, NULL) != -EINVAL)
		return ktest_fail("sleeping on an unsupported clock did not fail right");
	printk("nanosleep(1 ms): overshoot mean %llu us, worst %llu us over %d sleeps (HZ=%d)\n",
	       (unsigned long long)(over_sum / n / 1000), (unsigned long long)(over_max / 1000), n,
	       HZ);
	return NULL;
}

struct sleeper {
	int which, flags;
	u64 t, left;
	int err;
	u64 slept;
	struct process *proc;      /* a stand-in process for the sleep, or NULL */
	struct completion started;
};

static int sleeper_fn(void *arg)
{
	struct sleeper *s = arg;
	u64 t0;

	current->proc = s->proc;   /* the test plays the process issue's part */
	complete(&s->started);
	t0 = ktime_get_ns();
	s->err = clock_nanosleep_ns(s->which, s->flags, s->t, &s->left);
	s->slept = ktime_get_ns() - t0;
	current->proc = NULL;
	return 0;
}

static struct task *sleeper_start(struct sleeper *s)
{
	init_completion(&s->started);
	struct task *t = kthread_run(sleeper_fn, s, "ktest_sleeper");

	if (!IS_ERR(t)) {
		wait_for_completion(&s->started);
		msleep(20);   /* asleep by now, most likely; the test holds either way */
	}
	return t;
}

KTEST(time_nanosleep_abs_realtime_follows_settime)
{
	u64 offset = clock_realtime_offset_ns();
	struct sleeper s = { .which = CLOCK_REALTIME, .flags = TIMER_ABSTIME,
			     .t = ktime_get_real_ns() + 1000 * NSEC_PER_SEC };
	struct task *t = sleeper_start(&s);

	if (IS_ERR(t))
		return ktest_fail("kthread_run failed");
	clock_set_realtime_ns(s.t + NSEC_PER_SEC);
	kthread_join(t);
	clock_set_realtime_ns(ktime_get_ns() + offset);
	if (s.err || s.slept > 5 * NSEC_PER_SEC)
		return ktest_fail("the sleeper returned %d after %llu ms", s.err,
				  (unsigned long long)(s.slept / MS));
	return NULL;
}

static const char *check_interrupted(const char *how, const struct sleeper *s)
{
	/* The sleep lasted at most slept: at least t - slept was left, and less than t. */
	if (s->err != -EINTR || s->left + s->slept < s->t || s->left >= s->t)
		return ktest_fail("%s: %d after %llu ms, %llu ms left", how, s->err,
				  (unsigned long long)(s->slept / MS), (unsigned long long)(s->left / MS));
	return NULL;
}

KTEST(time_nanosleep_interrupted)
{
	static struct process proc;   /* a stand-in: signal_pending() reads group_exit */
	struct sleeper s = { .which = CLOCK_MONOTONIC, .flags = 0, .t = 100 * NSEC_PER_SEC };
	struct task *t = sleeper_start(&s);
	const char *why;

	if (IS_ERR(t))
		return ktest_fail("kthread_run failed");
	kthread_stop(t);
	if ((why = check_interrupted("stopped sleep", &s)))
		return why;
	memset(&proc, 0, sizeof(proc));
	s = (struct sleeper){ .which = CLOCK_REALTIME, .flags = 0, .t = 100 * NSEC_PER_SEC,
			      .proc = &proc };
	t = sleeper_start(&s);
	if (IS_ERR(t))
		return ktest_fail("kthread_run failed");
	WRITE_ONCE(proc.group_exit, true);
	wake_up_process(t);   /* what a group exit (a signal, later) does to each thread */
	kthread_join(t);
	return check_interrupted("sleep with a signal pending", &s);
}

/* ---------------------------------------------------------------- the system calls */

static long call(long (*fn)(const struct syscall_args *), unsigned long a0, unsigned long a1,
		 unsigned long a2, unsigned long a3)
{
	struct syscall_args args = { { a0, a1, a2, a3, 0, 0 } };

	return fn(&args);
}

long sys_clock_gettime(const struct syscall_args *args);
long sys_clock_getres(const struct syscall_args *args);
long sys_clock_settime(const struct syscall_args *args);
long sys_gettimeofday(const struct syscall_args *args);
long sys_settimeofday(const struct syscall_args *args);
long sys_nanosleep(const struct syscall_args *args);
long sys_clock_nanosleep(const struct syscall_args *args);
long sys_uname(const struct syscall_args *args);
long sys_sethostname(const struct syscall_args *args);
long sys_sysinfo(const struct syscall_args *args);
long sys_prctl(const struct syscall_args *args);
long sys_getcpu(const struct syscall_args *args);
long sys_riscv_flush_icache(const struct syscall_args *args);

#define U(off) (UMM_SCRATCH + (off))
#define BAD 0x10UL   /* below every mapping */

static const char *check_clock_calls(void)
{
	struct __kernel_timespec ts = { 5, 1000000000 };
	u64 before = ktime_get_ns(), ns;

	if (call(sys_clock_gettime, CLOCK_MONOTONIC, U(0), 0, 0) ||
	    copy_from_user(&ts, (void *)U(0), sizeof(ts)) || timespec_to_ns(&ts, &ns) ||
	    ns < before || ns > ktime_get_ns())
		return ktest_fail("clock_gettime(MONOTONIC) gave %lld.%09lld", ts.tv_sec, ts.tv_nsec);
	if (call(sys_clock_gettime, CLOCK_MONOTONIC, BAD, 0, 0) != -EFAULT ||
	    call(sys_clock_gettime, 77, U(0), 0, 0) != -EINVAL)
		return ktest_fail("clock_gettime's errors");
	if (call(sys_clock_getres, CLOCK_MONOTONIC, 0, 0, 0) ||
	    call(sys_clock_getres, CLOCK_MONOTONIC_COARSE, U(0), 0, 0) ||
	    copy_from_user(&ts, (void *)U(0), sizeof(ts)) ||
	    ts.tv_sec != 0 || ts.tv_nsec != (long long)NSEC_PER_TICK ||
	    call(sys_clock_getres, 77, U(0), 0, 0) != -EINVAL)
		return ktest_fail("clock_getres");
	ts = (struct __kernel_timespec){ 5, 1000000000 };
	copy_to_user((void *)U(16), &ts, sizeof(ts));
	if (call(sys_clock_settime, CLOCK_REALTIME, U(16), 0, 0) != -EINVAL ||
	    call(sys_clock_settime, CLOCK_MONOTONIC, U(0), 0, 0) != -EINVAL ||
	    call(sys_clock_settime, CLOCK_REALTIME, BAD, 0, 0) != -EFAULT ||
	    call(sys_nanosleep, U(16), 0, 0, 0) != -EINVAL ||
	    call(sys_nanosleep, BAD, 0, 0, 0) != -EFAULT ||
	    call(sys_clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0, U(0), 0) != -EOPNOTSUPP ||
	    call(sys_clock_nanosleep, 77, 0, BAD, 0) != -EINVAL)
		return ktest_fail("clock_settime/nanosleep errors");
	ts = (struct __kernel_timespec){ 0, 2000000 };
	copy_to_user((void *)U(16), &ts, sizeof(ts));
	before = ktime_get_ns();
	if (call(sys_nanosleep, U(16), BAD, 0, 0) || ktime_get_ns() - before < 2 * MS ||
	    call(sys_clock_nanosleep, CLOCK_REALTIME, 0, U(16), 0))
		return ktest_fail("nanosleep(2 ms)");
	return NULL;
}

static const char *check_timeofday(void)
{
	struct __kernel_old_timeval tv;
	struct __kernel_timezone tz = { -60, 0 }, back;
	u64 real = ktime_get_real_ns();

	if (call(sys_gettimeofday, U(0), 0, 0, 0) || copy_from_user(&tv, (void *)U(0), sizeof(tv)) ||
	    (u64)tv.tv_sec < real / NSEC_PER_SEC || (u64)tv.tv_sec > real / NSEC_PER_SEC + 5 ||
	    tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return ktest_fail("gettimeofday gave %ld.%06ld", tv.tv_sec, tv.tv_usec);
	copy_to_user((void *)U(32), &tz, sizeof(tz));
	if (call(sys_settimeofday, 0, U(32), 0, 0) || call(sys_gettimeofday, 0, U(40), 0, 0) ||
	    copy_from_user(&back, (void *)U(40), sizeof(back)) || back.tz_minuteswest != -60)
		return ktest_fail("time zone not kept");
	tz.tz_minuteswest = 0;
	copy_to_user((void *)U(32), &tz, sizeof(tz));
	call(sys_settimeofday, 0, U(32), 0, 0);
	tz.tz_minuteswest = 16 * 60;
	copy_to_user((void *)U(32), &tz, sizeof(tz));
	tv.tv_usec = 1000000;
	copy_to_user((void *)U(0), &tv, sizeof(tv));
	if (call(sys_settimeofday, 0, U(32), 0, 0) != -EINVAL ||
	    call(sys_settimeofday, U(0), 0, 0, 0) != -EINVAL ||
	    call(sys_gettimeofday, BAD, 0, 0, 0) != -EFAULT)
		return ktest_fail("settimeofday's errors");
	return NULL;
}

static const char *check_info_calls(void)
{
	struct new_utsname u;
	struct __kernel_sysinfo si;
	char name[16];
	unsigned int cpu = 99;

	copy_to_user((void *)U(512), "kestrel-test", 12);
	if (call(sys_uname, U(0), 0, 0, 0) || copy_from_user(&u, (void *)U(0), sizeof(u)) ||
	    strcmp(u.sysname, "Linux") || strcmp(u.machine, "riscv64") ||
	    strncmp(u.release, "6.1.0-kestrel", 13) ||
	    call(sys_sethostname, U(512), 12, 0, 0) || call(sys_uname, U(0), 0, 0, 0) ||
	    copy_from_user(&u, (void *)U(0), sizeof(u)) || strcmp(u.nodename, "kestrel-test"))
		return ktest_fail("uname/sethostname: %s %s %s", u.sysname, u.release, u.nodename);
	copy_to_user((void *)U(512), "(none)", 6);
	if (call(sys_sethostname, U(512), 6, 0, 0) || call(sys_sethostname, U(512), 65, 0, 0) != -EINVAL ||
	    call(sys_sethostname, BAD, 5, 0, 0) != -EFAULT || call(sys_uname, BAD, 0, 0, 0) != -EFAULT)
		return ktest_fail("sethostname's errors");
	if (call(sys_sysinfo, U(0), 0, 0, 0) || copy_from_user(&si, (void *)U(0), sizeof(si)) ||
	    si.mem_unit != 1 || si.totalram < 64 * 1024 * 1024 || si.freeram > si.totalram ||
	    si.procs < 2 || si.uptime < 1)
		return ktest_fail("sysinfo: up %ld, ram %lu/%lu x %u, procs %u", si.uptime, si.freeram,
				  si.totalram, si.mem_unit, si.procs);
	copy_to_user((void *)U(512), "a-rather-long-thread-name", 26);
	if (call(sys_prctl, PR_SET_NAME, U(512), 0, 0) || strcmp(current->name, "a-rather-long-t") ||
	    call(sys_prctl, PR_GET_NAME, U(600), 0, 0) ||
	    copy_from_user(name, (void *)U(600), 16) || strcmp(name, "a-rather-long-t") ||
	    call(sys_prctl, 12345, 0, 0, 0) != -EINVAL ||
	    call(sys_prctl, PR_SET_NAME, BAD, 0, 0) != -EFAULT)
		return ktest_fail("prctl names: '%s'", current->name);
	if (call(sys_getcpu, U(0), 0, 0, 0) || get_user(cpu, (unsigned int *)U(0)) ||
	    cpu != smp_processor_id() || call(sys_getcpu, BAD, 0, 0, 0) != -EFAULT)
		return ktest_fail("getcpu gave %u on cpu %u", cpu, smp_processor_id());
	if (call(sys_riscv_flush_icache, U(0), U(64), 0, 0) ||
	    call(sys_riscv_flush_icache, U(0), U(64), 1, 0) ||
	    call(sys_riscv_flush_icache, 0, 0, 2, 0) != -EINVAL)
		return ktest_fail("riscv_flush_icache");
	return NULL;
}

/* A non-root process around the caller: every setter says -EPERM. */
static const char *check_permissions(void)
{
	static struct process p;
	struct __kernel_timespec ts = { 2000000000, 0 };
	u64 t_proc, t_thread;
	const char *why = NULL;

	memset(&p, 0, sizeof(p));
	spin_lock_init(&p.lock, "process_lock");
	INIT_LIST_HEAD(&p.threads);
	p.cred.euid = 1000;
	p.tgid = current->pid;
	p.dead_utime = 7 * NSEC_PER_SEC;
	list_add(&current->thread_node, &p.threads);
	current->proc = &p;   /* the test plays the process issue's part */
	copy_to_user((void *)U(16), &ts, sizeof(ts));
	if (call(sys_clock_settime, CLOCK_REALTIME, U(16), 0, 0) != -EPERM ||
	    call(sys_settimeofday, 0, U(16), 0, 0) != -EPERM ||
	    call(sys_sethostname, U(16), 4, 0, 0) != -EPERM)
		why = ktest_fail("a non-root process could set the clock or the host name");
	clock_get_ns(CLOCK_THREAD_CPUTIME_ID, &t_thread);
	clock_get_ns(CLOCK_PROCESS_CPUTIME_ID, &t_proc);
	if (!why && (t_proc < t_thread + 7 * NSEC_PER_SEC || t_proc > t_thread + 8 * NSEC_PER_SEC))
		why = ktest_fail("process CPU time %llu, thread's %llu + 7 s dead",
				 (unsigned long long)t_proc, (unsigned long long)t_thread);
	u64 u;
	if (!why && (clock_get_ns(MAKE_PROCESS_CPUCLOCK(current->pid, CPUCLOCK_SCHED), &u) ||
		     u < t_proc))
		why = ktest_fail("the process clock by pid");
	current->proc = NULL;
	list_del(&current->thread_node);
	return why;
}

static const char *syscalls_body(struct mm_struct *mm, void *arg)
{
	const char *why;
	const unsigned int n = 2000;
	u64 t0, t1, t2, ns;

	if ((why = check_clock_calls()) || (why = check_timeofday()) ||
	    (why = check_info_calls()) || (why = check_permissions()))
		return why;
	t0 = rdtime();
	for (unsigned int i = 0; i < n; i++)
		call(sys_clock_gettime, CLOCK_MONOTONIC, U(0), 0, 0);
	t1 = rdtime();
	for (unsigned int i = 0; i < n; i++)
		clock_get_ns(CLOCK_MONOTONIC, &ns);
	t2 = rdtime();
	printk("clock_gettime: handler with copy-out %llu ns, clock read alone %llu ns\n",
	       (unsigned long long)(cycles_to_ns(t1 - t0) / n),
	       (unsigned long long)(cycles_to_ns(t2 - t1) / n));
	return NULL;
}

KTEST(time_syscalls)
{
	return ktest_in_user_mm(syscalls_body, NULL);
}
