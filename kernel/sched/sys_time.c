/*
 * The time system calls (list: kernel/sched/syscalls-time.list): the
 * clocks, setting the wall clock, and sleeping. Each copies its user
 * arguments in, checks them in Linux's order (bad clock -EINVAL or
 * -EOPNOTSUPP, bad pointer -EFAULT, bad time -EINVAL, not allowed
 * -EPERM), and calls the kernel interface of kernel/time.h.
 *
 * Sleeps end when interrupted (signal_pending(), see
 * nanosleep_interrupted() in time.c); a relative sleep then writes the
 * time left to its rmtp and returns -ERESTART_RESTARTBLOCK: EINTR if a
 * handler runs, else restart_syscall sleeps on to the same deadline (a
 * stop and SIGCONT do not end it). An absolute sleep returns
 * -ERESTARTNOHAND: restarted as it was unless a handler runs.
 *
 * Runs in the caller's task context; no locks of its own.
 */
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/task.h>
#include <uapi/errno.h>


/* *ns from the user timespec at uaddr: 0, -EFAULT or -EINVAL. */
static int timespec_from_user(unsigned long uaddr, u64 *ns)
{
	struct __kernel_timespec ts;

	if (copy_from_user(&ts, (const void __user *)uaddr, sizeof(ts)))
		return -EFAULT;
	return timespec_to_ns(&ts, ns);
}

static int timespec_to_user(unsigned long uaddr, u64 ns)
{
	struct __kernel_timespec ts;

	ns_to_timespec(ns, &ts);
	return copy_to_user((void __user *)uaddr, &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* clock_gettime(clockid, struct timespec *tp) */
long sys_clock_gettime(const struct syscall_args *args)
{
	u64 ns;
	int err = clock_get_ns((int)args->a[0], &ns);

	return err ? err : timespec_to_user(args->a[1], ns);
}

/* clock_getres(clockid, struct timespec *res): res may be NULL. */
long sys_clock_getres(const struct syscall_args *args)
{
	u64 ns;
	int err = clock_getres_ns((int)args->a[0], &ns);

	if (err || !args->a[1])
		return err;
	return timespec_to_user(args->a[1], ns);
}

/* clock_settime(clockid, const struct timespec *tp): CLOCK_REALTIME, privileged. */
long sys_clock_settime(const struct syscall_args *args)
{
	u64 ns;
	int err;

	if ((int)args->a[0] != CLOCK_REALTIME)
		return -EINVAL;   /* unknown, or a clock that cannot be set: -EINVAL on Linux too */
	err = timespec_from_user(args->a[1], &ns);
	if (err)
		return err;
	if (!capable_root())
		return -EPERM;
	return clock_set_realtime_ns(ns);
}

/* gettimeofday(struct timeval *tv, struct timezone *tz): either may be NULL. */
long sys_gettimeofday(const struct syscall_args *args)
{
	if (args->a[0]) {
		u64 ns = ktime_get_real_ns();
		struct __kernel_old_timeval tv = {
			.tv_sec = (long)(ns / NSEC_PER_SEC),
			.tv_usec = (long)(ns % NSEC_PER_SEC / 1000),
		};

		if (copy_to_user((void __user *)args->a[0], &tv, sizeof(tv)))
			return -EFAULT;
	}
	if (args->a[1]) {
		struct __kernel_timezone tz;

		clock_get_timezone(&tz);
		if (copy_to_user((void __user *)args->a[1], &tz, sizeof(tz)))
			return -EFAULT;
	}
	return 0;
}

/*
 * settimeofday(const struct timeval *tv, const struct timezone *tz):
 * either may be NULL; privileged even for the time zone alone (Linux).
 * The time zone is only stored and handed back (gettimeofday, the vDSO).
 */
long sys_settimeofday(const struct syscall_args *args)
{
	struct __kernel_old_timeval tv;
	struct __kernel_timezone tz;
	u64 ns = 0;

	if (args->a[0]) {
		if (copy_from_user(&tv, (const void __user *)args->a[0], sizeof(tv)))
			return -EFAULT;
		if (tv.tv_sec < 0 || tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		ns = tv.tv_sec >= (long)(KTIME_MAX / NSEC_PER_SEC) ? KTIME_MAX
			: (u64)tv.tv_sec * NSEC_PER_SEC + (u64)tv.tv_usec * 1000;
	}
	if (args->a[1] && copy_from_user(&tz, (const void __user *)args->a[1], sizeof(tz)))
		return -EFAULT;
	if (!capable_root())
		return -EPERM;
	if (args->a[1]) {
		if (tz.tz_minuteswest > 15 * 60 || tz.tz_minuteswest < -15 * 60)
			return -EINVAL;
		clock_set_timezone(&tz);
	}
	return args->a[0] ? clock_set_realtime_ns(ns) : 0;
}

static long nanosleep_relative(int which, u64 ns, unsigned long rmtp);

/* restart_syscall after an interrupted relative sleep: on to the first deadline. */
static long nanosleep_restart(struct restart_block *rb)
{
	u64 now = ktime_get_ns();

	return nanosleep_relative(CLOCK_MONOTONIC, rb->deadline > now ? rb->deadline - now : 0,
				  rb->rmtp);
}

/* A relative sleep: interrupted, rmtp gets the time left and restart_syscall may go on. */
static long nanosleep_relative(int which, u64 ns, unsigned long rmtp)
{
	struct restart_block *rb = &current->sig.restart;
	u64 left;
	int err = clock_nanosleep_ns(which, 0, ns, &left);

	if (err != -EINTR)
		return err;
	if (rmtp && timespec_to_user(rmtp, left))
		return -EFAULT;
	rb->fn = nanosleep_restart;
	rb->deadline = ktime_get_ns() + left;
	rb->rmtp = rmtp;
	return -ERESTART_RESTARTBLOCK;
}

/* The sleep of both calls; rmtp gets the time left if interrupted (relative sleeps). */
static long nanosleep_common(int which, int flags, unsigned long rqtp, unsigned long rmtp)
{
	u64 ns;
	int err = timespec_from_user(rqtp, &ns);

	if (err)
		return err;
	if (!(flags & TIMER_ABSTIME))
		return nanosleep_relative(which, ns, rmtp);
	err = clock_nanosleep_ns(which, flags, ns, NULL);
	return err == -EINTR ? -ERESTARTNOHAND : err;
}

/* nanosleep(const struct timespec *req, struct timespec *rem): CLOCK_MONOTONIC. */
long sys_nanosleep(const struct syscall_args *args)
{
	return nanosleep_common(CLOCK_MONOTONIC, 0, args->a[0], args->a[1]);
}

/* clock_nanosleep(clockid, flags, const struct timespec *req, struct timespec *rem) */
long sys_clock_nanosleep(const struct syscall_args *args)
{
	int which = (int)args->a[0];
	int err = clock_nanosleep_check(which);

	if (err)
		return err;
	return nanosleep_common(which, (int)args->a[1] & TIMER_ABSTIME, args->a[2], args->a[3]);
}
