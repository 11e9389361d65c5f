/*
 * Time: the tick, the monotonic clock and the wall clock.
 *
 * The monotonic clock counts the time CSR at the device tree's
 * timebase-frequency. Every hart takes a timer interrupt HZ times a second
 * (one-shot SBI timer, reprogrammed each tick), and in between for its
 * kernel timers (kernel/timer.h). Wall time comes from the goldfish RTC
 * read once at boot plus the monotonic clock since (kernel/sched/time.c,
 * which also has the POSIX clocks: kernel/time.h).
 */
#ifndef KERNEL_CLOCK_H
#define KERNEL_CLOCK_H

#include <kernel/types.h>

#define NSEC_PER_SEC 1000000000ULL

extern u64 timebase_freq;        /* [I] time CSR ticks per second */
extern volatile u64 jiffies;     /* [cpu 0] ticks since boot */

void clock_init(u64 timebase);
void clock_init_cpu(void);
void clock_tick(void);
/* Reprogram this hart's one-shot timer (after a kernel timer was added). Interrupts off. */
void clock_program_event(void);
u64 ktime_get_ns(void);           /* monotonic ns since reset */
u64 cycles_to_ns(u64 cycles);
u64 ns_to_cycles(u64 ns);         /* rounded up */
void udelay(u64 us);

/*
 * Wall clock (UTC) in ns since the epoch: the monotonic clock plus an
 * offset under a seqlock (kernel/sched/time.c). Until the RTC or
 * clock_settime sets it, the offset is 0 (1970 plus the time since reset,
 * as on Linux without an RTC). Any context.
 */
u64 ktime_get_real_ns(void);
/* Boot: set the wall clock from an RTC, read once. */
void clock_set_rtc(u64 (*read_ns)(void));
/* Has the wall clock been set (by the RTC or clock_settime)? */
bool clock_realtime_known(void);

/* A broken-down UTC time (kernel/lib/time.c). */
struct tm_utc {
	int year, month, day;     /* month 1..12, day 1..31 */
	int hour, min, sec;
	int wday, yday;           /* 0 = Sunday; 0..365 */
};
void time_to_utc(s64 secs, struct tm_utc *tm);

#endif /* KERNEL_CLOCK_H */
