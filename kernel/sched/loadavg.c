/*
 * The load average (interface in kernel/time.h): every 5 s (and 10 ms,
 * as Linux, so as not to beat with jobs that run every 5 s) a timer on
 * cpu 0 counts the runnable tasks of every online cpu and folds the count
 * into three exponentially decaying averages, Linux's 1, 5 and 15 minute
 * figures in the same fixed point, which sysinfo() and /proc/loadavg
 * report.
 *
 * Linux also counts tasks in uninterruptible sleep (disk waits); Kestrel
 * does not track those yet, so the averages are of runnable tasks only.
 *
 * Locks: none. The run-queue counts are read racily (READ_ONCE), as the
 * balancer does; avenrun has one writer, the timer callback, and is read
 * with READ_ONCE.
 */
#include <kernel/smp.h>
#include <kernel/time.h>
#include <kernel/timer.h>
#include <sched/sched.h>

#include "rq.h"

#define LOADAVG_PERIOD_NS (5 * NSEC_PER_SEC + 10 * 1000000ULL)

static unsigned long avenrun[3];     /* [a] written by loadavg_sample() only */
static struct timer loadavg_timer;   /* [I] re-armed by its callback on cpu 0 */

static unsigned int nr_runnable(void)
{
	unsigned int n = 0;

	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++)
		if (READ_ONCE(cpu_rq(cpu)->online))
			n += READ_ONCE(cpu_rq(cpu)->nr_running);
	return n;
}

/* Timer callback (interrupts off): one sample, then the next one in 5 s. */
static void loadavg_sample(struct timer *t)
{
	unsigned long active = (unsigned long)nr_runnable() * FIXED_1;

	WRITE_ONCE(avenrun[0], loadavg_step(avenrun[0], LOADAVG_EXP_1, active));
	WRITE_ONCE(avenrun[1], loadavg_step(avenrun[1], LOADAVG_EXP_5, active));
	WRITE_ONCE(avenrun[2], loadavg_step(avenrun[2], LOADAVG_EXP_15, active));
	timer_add(t, t->expires + LOADAVG_PERIOD_NS);
}

void loadavg_get(unsigned long loads[3])
{
	for (int i = 0; i < 3; i++)
		loads[i] = READ_ONCE(avenrun[i]);
}

/* Boot, on cpu 0 (the timer stays there). */
void loadavg_init(void)
{
	timer_init(&loadavg_timer, loadavg_sample);
	timer_add(&loadavg_timer, ktime_get_ns() + LOADAVG_PERIOD_NS);
}
