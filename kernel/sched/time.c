/*
 * The wall clock, the POSIX clocks and timed sleeps (interfaces in
 * kernel/clock.h and kernel/time.h; docs/time.md).
 *
 * Wall clock. CLOCK_REALTIME = ktime_get_ns() + wall_offset. The offset
 * is written at boot from the RTC and by clock_settime()/settimeofday(),
 * under wall_lock, a seqlock: readers (any context, interrupt handlers
 * included) never wait for a writer and never write shared memory.
 * Each write also goes to the vDSO's data page (vdso_data_update_wall),
 * inside the same critical section, so the page's copy changes in the
 * same order. Writers use the irqsave form since readers may be
 * interrupt handlers.
 *
 * Sleeps. clock_nanosleep_ns() turns its time into a deadline on the
 * monotonic clock and sleeps in TASK_INTERRUPTIBLE on a one-shot timer
 * (schedule_until(), sub-tick precision). An absolute CLOCK_REALTIME
 * sleep also waits on clock_was_set, which clock_set_realtime_ns() wakes
 * after changing the offset, and recomputes its deadline each time round.
 * Every round checks nanosleep_interrupted() before sleeping again:
 * signal_pending() (or kthread_stop) ends a sleep with -EINTR.
 *
 * Locks: "wall_clock_lock" (seqlock writer, irqsave; nothing taken
 * under it); "clock_was_set" (a wait queue). The process CPU clock takes
 * process_lock, then each thread's rq_lock (docs/locking.md).
 */
#include <arch/irqflags.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/time.h>
#include <kernel/vdso.h>
#include <kernel/vdso_data.h>
#include <lib/list.h>
#include <locking/seqlock.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <sched/wait.h>
#include <uapi/errno.h>

/*
 * The latest wall time that can be set: 30 years short of KTIME_MAX, so
 * that monotonic + offset cannot overflow in any plausible uptime (Linux
 * keeps the same margin).
 */
#define CLOCK_SET_MAX (KTIME_MAX - 30ULL * 366 * 86400 * NSEC_PER_SEC)

static struct seqlock wall_lock = SEQLOCK_INIT("wall_clock_lock");
static u64 wall_offset;                   /* [wall_lock] realtime - monotonic, ns */
static struct __kernel_timezone wall_tz;  /* [wall_lock] settimeofday's time zone */
static bool wall_known;                   /* [wall_lock] set by the RTC or a user; read racily */
static struct wait_queue_head clock_was_set = WAIT_QUEUE_HEAD_INIT(clock_was_set, "clock_was_set");

/* ---------------------------------------------------------------- the wall clock */

u64 clock_realtime_offset_ns(void)
{
	u64 offset;
	u32 seq;

	do {
		seq = read_seqbegin(&wall_lock);
		offset = wall_offset;
	} while (read_seqretry(&wall_lock, seq));
	return offset;
}

u64 ktime_get_real_ns(void)
{
	return ktime_get_ns() + clock_realtime_offset_ns();
}

bool clock_realtime_known(void)
{
	return READ_ONCE(wall_known);
}

/* Set the offset and/or the time zone (NULL: keep), mirror them in the vDSO page. */
static void wall_write(const u64 *offset, const struct __kernel_timezone *tz)
{
	unsigned long flags = write_seqlock_irqsave(&wall_lock);

	if (offset) {
		wall_offset = *offset;
		WRITE_ONCE(wall_known, true);
	}
	if (tz)
		wall_tz = *tz;
	vdso_data_update_wall(wall_offset, &wall_tz);
	write_sequnlock_irqrestore(&wall_lock, flags);
}

void clock_set_rtc(u64 (*read_ns)(void))
{
	u64 mono = ktime_get_ns(), real = read_ns();
	/* An RTC behind the time since reset is wrong; keep 1970 + uptime then. */
	u64 offset = real > mono ? real - mono : 0;

	wall_write(&offset, NULL);
}

int clock_set_realtime_ns(u64 ns)
{
	u64 mono = ktime_get_ns(), offset;

	if (ns < mono || ns > CLOCK_SET_MAX)
		return -EINVAL;
	offset = ns - mono;
	wall_write(&offset, NULL);
	/* After the offset changed; the wake-up's barrier publishes it to the sleepers. */
	wake_up_all(&clock_was_set);
	return 0;
}

void clock_get_timezone(struct __kernel_timezone *tz)
{
	u32 seq;

	do {
		seq = read_seqbegin(&wall_lock);
		*tz = wall_tz;
	} while (read_seqretry(&wall_lock, seq));
}

void clock_set_timezone(const struct __kernel_timezone *tz)
{
	wall_write(NULL, tz);
}

/* ---------------------------------------------------------------- CPU time */

u64 process_cputime_ns(struct process *p)
{
	unsigned long flags = spin_lock_irqsave(&p->lock);
	u64 ns = p->dead_utime + p->dead_stime;
	struct task *t;

	list_for_each_entry(t, &p->threads, thread_node)
		ns += task_sched_runtime(t);
	spin_unlock_irqrestore(&p->lock, flags);
	return ns;
}

/* The run time of t's process (of t alone for a kernel thread). */
static u64 task_process_cputime(struct task *t)
{
	return t->proc ? process_cputime_ns(t->proc) : task_sched_runtime(t);
}

/*
 * An encoded CPU-time clock id (MAKE_PROCESS_CPUCLOCK/MAKE_THREAD_CPUCLOCK,
 * what clock_getcpuclockid and pthread_getcpuclockid hand out), with
 * Linux's rules: pid 0 is the caller; a thread clock only of a thread of
 * the caller's own process; a process clock of any task's process.
 */
static int cputime_get_encoded(int which, u64 *ns)
{
	bool thread = which & CPUCLOCK_PERTHREAD_MASK;
	int pid = CPUCLOCK_PID(which);
	struct task *t;
	int err = 0;

	if ((which & CPUCLOCK_WHICH_MASK) > CPUCLOCK_SCHED)
		return -EINVAL;
	if (pid == 0) {
		*ns = thread ? task_sched_runtime(current) : task_process_cputime(current);
		return 0;
	}
	t = task_find_by_pid(pid);
	if (!t)
		return -EINVAL;
	if (!thread)
		*ns = task_process_cputime(t);
	else if (t == current || (t->proc && t->proc == current->proc))
		*ns = task_sched_runtime(t);
	else
		err = -EINVAL;
	task_put(t);
	return err;
}

/*
 * PROF, VIRT and SCHED clocks all give the run time: Kestrel does not
 * split user and system time yet.
 */
static int cputime_get_ns(int which, u64 *ns)
{
	if (which < 0)
		return cputime_get_encoded(which, ns);
	*ns = which == CLOCK_THREAD_CPUTIME_ID ? task_sched_runtime(current)
					       : task_process_cputime(current);
	return 0;
}

/* ---------------------------------------------------------------- clock ids */

int clock_get_ns(int which, u64 *ns)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_TAI:
		*ns = ktime_get_real_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		*ns = ktime_get_ns();
		return 0;
	case CLOCK_REALTIME_COARSE:
		*ns = vdso_coarse(ktime_get_ns(), NSEC_PER_TICK) + clock_realtime_offset_ns();
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		*ns = vdso_coarse(ktime_get_ns(), NSEC_PER_TICK);
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return cputime_get_ns(which, ns);
	default:
		return which < 0 ? cputime_get_ns(which, ns) : -EINVAL;
	}
}

int clock_getres_ns(int which, u64 *ns)
{
	u64 ignored;

	switch (which) {
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		*ns = NSEC_PER_TICK;
		return 0;
	default:
		/* Everything else counts the time CSR: one step, rounded up. */
		if (clock_get_ns(which, &ignored))
			return -EINVAL;
		*ns = (NSEC_PER_SEC + timebase_freq - 1) / timebase_freq;
		return 0;
	}
}

/* ---------------------------------------------------------------- timespecs */

int timespec_to_ns(const struct __kernel_timespec *ts, u64 *ns)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= (long long)NSEC_PER_SEC)
		return -EINVAL;
	/* Saturate: a time beyond 2^63 ns (292 years) is "never". */
	if ((u64)ts->tv_sec >= KTIME_MAX / NSEC_PER_SEC)
		*ns = KTIME_MAX;
	else
		*ns = (u64)ts->tv_sec * NSEC_PER_SEC + (u64)ts->tv_nsec;
	return 0;
}

void ns_to_timespec(u64 ns, struct __kernel_timespec *ts)
{
	ts->tv_sec = (long long)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (long long)(ns % NSEC_PER_SEC);
}

/* ---------------------------------------------------------------- sleeping */

/*
 * Should an interruptible sleep end early? A signal (signal_pending():
 * today a group exit or a kill, with the signals issue any unblocked
 * pending signal), or a kernel thread asked to stop (kthread_stop). The
 * sleep then returns -EINTR, with the time left written back.
 */
static bool nanosleep_interrupted(void)
{
	return signal_pending(current) || kthread_should_stop();
}

static u64 add_sat(u64 a, u64 b)
{
	return a > KTIME_MAX - b ? KTIME_MAX : a + b;
}

/*
 * Sleep until the monotonic clock reads t, or (wall) until the wall clock
 * reads t, following changes of the offset. 0 or -EINTR.
 */
static int sleep_until(u64 t, bool wall)
{
	struct wait_queue_entry w;
	int err = 0;

	wait_entry_init(&w);
	for (;;) {
		u64 deadline = t;

		if (wall) {
			/* Queued before the offset is read: a change after it wakes us. */
			prepare_to_wait(&clock_was_set, &w, TASK_INTERRUPTIBLE);
			u64 offset = clock_realtime_offset_ns();
			deadline = t > offset ? t - offset : 0;
		} else {
			set_current_state(TASK_INTERRUPTIBLE);
		}
		if (ktime_get_ns() >= deadline)
			break;
		if (nanosleep_interrupted()) {
			err = -EINTR;
			break;
		}
		schedule_until(deadline);
	}
	if (wall)
		finish_wait(&clock_was_set, &w);
	else
		__set_current_state(TASK_RUNNING);
	return err;
}

int clock_nanosleep_check(int which)
{
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_TAI:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
		return 0;
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return -EOPNOTSUPP;
	default:
		return which < 0 ? -EOPNOTSUPP : -EINVAL;
	}
}

int clock_nanosleep_ns(int which, int flags, u64 t, u64 *remaining)
{
	u64 deadline, now;
	int err = clock_nanosleep_check(which);

	if (remaining)
		*remaining = 0;
	if (err)
		return err;
	if (flags & TIMER_ABSTIME)
		return sleep_until(t, which == CLOCK_REALTIME || which == CLOCK_TAI);
	/* A relative sleep measures elapsed time: the monotonic clock, whatever the clock. */
	deadline = add_sat(ktime_get_ns(), t);
	err = sleep_until(deadline, false);
	now = ktime_get_ns();
	if (err && remaining && deadline > now)
		*remaining = deadline - now;
	return err;
}

/* ---------------------------------------------------------------- boot */

void time_init(void)
{
	vdso_init();
	loadavg_init();
}
