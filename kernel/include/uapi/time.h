/*
 * Time structures and clock ids of the Linux riscv64 ABI (linux/time.h,
 * linux/time_types.h), shared by the kernel, the vDSO and user/. time_t
 * and long are 64-bit on riscv64, so the "old" and the 64-bit layouts
 * agree. Named as Linux names them inside the kernel (__kernel_*), so
 * that a user program can include this beside glibc's <time.h>.
 */
#ifndef UAPI_TIME_H
#define UAPI_TIME_H

struct __kernel_timespec {
	long long tv_sec;    /* seconds */
	long long tv_nsec;   /* nanoseconds, 0..999999999 */
};

struct __kernel_old_timeval {
	long tv_sec;
	long tv_usec;        /* microseconds, 0..999999 */
};

/* Linux's struct timezone (settimeofday/gettimeofday). */
struct __kernel_timezone {
	int tz_minuteswest;  /* minutes west of Greenwich */
	int tz_dsttime;      /* type of DST correction */
};

_Static_assert(sizeof(struct __kernel_timespec) == 16, "timespec is 16 bytes");
_Static_assert(sizeof(struct __kernel_old_timeval) == 16, "timeval is 16 bytes");
_Static_assert(sizeof(struct __kernel_timezone) == 8, "timezone is 8 bytes");

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define CLOCK_REALTIME_ALARM     8
#define CLOCK_BOOTTIME_ALARM     9
#define CLOCK_TAI                11

/* clock_nanosleep flags */
#define TIMER_ABSTIME 0x01

/*
 * CPU-time clock ids of a given process or thread (what glibc's
 * clock_getcpuclockid and pthread_getcpuclockid return): negative, with
 * ~pid in the high bits. pid 0 means the caller.
 */
#define CPUCLOCK_PROF           0   /* user + system time */
#define CPUCLOCK_VIRT           1   /* user time */
#define CPUCLOCK_SCHED          2   /* run time as the scheduler counts it */
#define CPUCLOCK_WHICH_MASK     3
#define CPUCLOCK_PERTHREAD_MASK 4   /* a thread's clock, not its process's */
#define CPUCLOCK_PID(clock)     ((int)~((clock) >> 3))
#define MAKE_PROCESS_CPUCLOCK(pid, clock) ((int)((~(unsigned int)(pid)) << 3) | (clock))
#define MAKE_THREAD_CPUCLOCK(tid, clock) \
	MAKE_PROCESS_CPUCLOCK(tid, (clock) | CPUCLOCK_PERTHREAD_MASK)

#endif /* UAPI_TIME_H */
