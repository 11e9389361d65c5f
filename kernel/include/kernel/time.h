/*
 * POSIX clocks, the wall clock and timed sleeps (kernel/sched/time.c);
 * the system calls on them are in kernel/sched/sys_time.c and
 * docs/time.md tells the whole story.
 *
 * Clocks, in nanoseconds:
 *   CLOCK_MONOTONIC, _RAW, CLOCK_BOOTTIME   ktime_get_ns(): the time CSR
 *                                          since reset (no suspend, no
 *                                          NTP slewing: all three agree)
 *   CLOCK_REALTIME, CLOCK_TAI               monotonic + the wall clock
 *                                          offset (TAI: no leap-second
 *                                          offset is kept, as on a Linux
 *                                          that NTP never told)
 *   CLOCK_*_COARSE                          the same, rounded down to a
 *                                          tick (1/HZ s)
 *   CLOCK_PROCESS_CPUTIME_ID                run time of the caller's
 *                                          threads, live and exited
 *   CLOCK_THREAD_CPUTIME_ID                 run time of the calling thread
 *   negative ids (clock_getcpuclockid)      a process clock of any task's
 *                                          process, a thread clock of a
 *                                          thread of the caller's process
 *
 * The wall clock offset (realtime - monotonic, never negative) is set
 * from the goldfish RTC at boot and by clock_settime()/settimeofday(); it
 * is kept under a seqlock ("wall_clock_lock") and mirrored into the
 * vDSO's data page in the same write.
 *
 * Context: the clock reads may be called from any context (interrupt
 * handlers included), except the CPU-time clocks, which take run-queue
 * locks (any context but with no run-queue lock held) and, for the
 * process clock, process_lock; another task's clock looks it up by pid
 * (pid_lock). Setting the clock and sleeping need task
 * context.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <kernel/types.h>
#include <uapi/time.h>

struct process;

/* The largest time, 2^63 - 1 ns (292 years): "never" for a sleep. */
#define KTIME_MAX ((u64)0x7fffffffffffffffULL)

/*
 * Read clock which into *ns. 0, or -EINVAL for a clock Kestrel does not
 * have (bad id or pid, the alarm clocks, a thread clock of another
 * process).
 */
int clock_get_ns(int which, u64 *ns);

/* clock_getres: the clock's resolution into *ns. 0 or -EINVAL as above. */
int clock_getres_ns(int which, u64 *ns);

/*
 * Set CLOCK_REALTIME to ns (wall clock offset = ns - monotonic). 0, or
 * -EINVAL if ns is before the time since boot (the offset would be
 * negative: Linux refuses that too) or beyond the year 2232 (30 years
 * short of KTIME_MAX, Linux's limit too). Wakes absolute CLOCK_REALTIME sleeps
 * so that they look at the new time. Task context.
 */
int clock_set_realtime_ns(u64 ns);

/* The offset now: CLOCK_REALTIME - CLOCK_MONOTONIC. */
u64 clock_realtime_offset_ns(void);

/* The time zone settimeofday stored (Linux keeps it only to hand back). */
void clock_get_timezone(struct __kernel_timezone *tz);
void clock_set_timezone(const struct __kernel_timezone *tz);

/*
 * Run time of every thread of p (live ones' task_sched_runtime(), plus
 * what exited threads left in p->dead_utime/dead_stime). Takes p->lock,
 * then each thread's run-queue lock.
 */
u64 process_cputime_ns(struct process *p);

/*
 * Sleep on clock which (CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_BOOTTIME,
 * CLOCK_TAI) until it reads t (flags & TIMER_ABSTIME) or for t ns.
 * TASK_INTERRUPTIBLE: returns 0 when the time came, or -EINTR when the
 * sleep was interrupted (see nanosleep_interrupted() in time.c), with the
 * time still to go in *remaining if remaining is non-NULL (relative
 * sleeps only; 0 otherwise). An absolute CLOCK_REALTIME sleep follows
 * changes of the wall clock. Other clocks: -EOPNOTSUPP (the CPU clocks,
 * the coarse and raw clocks, as Linux) or -EINVAL (unknown). May sleep.
 */
int clock_nanosleep_ns(int which, int flags, u64 t, u64 *remaining);
/* Can clock which be slept on? 0, -EOPNOTSUPP or -EINVAL, as clock_nanosleep_ns() answers. */
int clock_nanosleep_check(int which);

/* timespec <-> ns. timespec_to_ns: 0, or -EINVAL unless 0 <= tv_nsec < 1e9 and tv_sec >= 0. */
int timespec_to_ns(const struct __kernel_timespec *ts, u64 *ns);
void ns_to_timespec(u64 ns, struct __kernel_timespec *ts);

/* ---------------------------------------------------------------- load average */

/* Linux's fixed point: loads are in 1/FIXED_1 (11 fractional bits). */
#define FSHIFT  11
#define FIXED_1 (1UL << FSHIFT)

/* Decay factors per 5-s sample: FIXED_1 * exp(-5 s / 1, 5, 15 min). */
#define LOADAVG_EXP_1  1884
#define LOADAVG_EXP_5  2014
#define LOADAVG_EXP_15 2037

/*
 * One sample of an exponentially decaying average (pure): the new average
 * of load after a sample of active runnable tasks (FSHIFT fixed point),
 * rounded up while it rises so that it reaches a constant active.
 */
static inline unsigned long loadavg_step(unsigned long load, unsigned long exp,
					 unsigned long active)
{
	unsigned long next = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		next += FIXED_1 - 1;
	return next / FIXED_1;
}

/*
 * The 1, 5 and 15 minute load averages (of runnable tasks, sampled every
 * 5 s as Linux does), in FSHIFT fixed point. Any context.
 */
void loadavg_get(unsigned long loads[3]);

/* Boot, once the timers work: the vDSO image, the load-average sampler. */
void time_init(void);
/* Its parts: check the vDSO image (vdso.c), start the sampler (loadavg.c). */
void vdso_init(void);
void loadavg_init(void);

#endif /* KERNEL_TIME_H */
