/*
 * The tick and the clocks (interface in kernel/clock.h).
 *
 * Each hart programs its own one-shot SBI timer for its next event: the
 * earlier of its next tick and its first kernel timer (kernel/timer.h).
 * The interrupt handler runs the tick if it is due -- if a tick was
 * missed (the hart was held up), the next one is set a full period from
 * now rather than queuing a burst -- then the expired timers, and
 * programs the next event. jiffies is advanced by cpu 0 only. The tick
 * calls scheduler_tick() (accounting, slice preemption, balancing).
 *
 * Cycles become nanoseconds through vdso_cycles_to_ns(), the function the
 * vDSO uses on the same counter (kernel/vdso_data.h), so the two agree
 * to the nanosecond. The wall clock and the POSIX clocks built on this
 * one are in time.c.
 */
#include <arch/csr.h>
#include <arch/sbi.h>
#include <kernel/clock.h>
#include <kernel/smp.h>
#include <kernel/timer.h>
#include <kernel/vdso.h>
#include <kernel/vdso_data.h>
#include <sched/sched.h>

u64 timebase_freq;
volatile u64 jiffies;

static u64 tick_period;                /* [I] time CSR ticks per jiffy */

void clock_init(u64 timebase)
{
	timebase_freq = timebase;
	tick_period = timebase / HZ;
	/* One time CSR step, rounded up, is as fine as a clock can resolve. */
	vdso_data_init(timebase, (NSEC_PER_SEC + timebase - 1) / timebase, NSEC_PER_SEC / HZ);
}

u64 cycles_to_ns(u64 cycles)
{
	if (!timebase_freq)
		return 0;
	return vdso_cycles_to_ns(cycles, timebase_freq);
}

/* The first time CSR value at or after ns nanoseconds (rounded up). */
u64 ns_to_cycles(u64 ns)
{
	return ns / NSEC_PER_SEC * timebase_freq +
	       (ns % NSEC_PER_SEC * timebase_freq + NSEC_PER_SEC - 1) / NSEC_PER_SEC;
}

u64 ktime_get_ns(void)
{
	return cycles_to_ns(rdtime());
}

void udelay(u64 us)
{
	u64 end = rdtime() + us * timebase_freq / 1000000;
	while (rdtime() < end)
		;
}

void clock_init_cpu(void)
{
	struct cpu *c = this_cpu();

	c->next_tick = rdtime() + tick_period;
	sbi_set_timer(c->next_tick);
	csr_set(sie, SIE_STIE);
	/* User mode may read the time CSR: the vDSO's clocks need it (and nothing else). */
	csr_write(scounteren, SCOUNTEREN_TM);
}

/* Program this hart's timer for its next tick or timer, whichever is first. Interrupts off. */
void clock_program_event(void)
{
	struct cpu *c = this_cpu();
	u64 next = c->next_tick;
	u64 timer_ns = timer_next_expiry();

	if (timer_ns != ~0ULL && ns_to_cycles(timer_ns) < next)
		next = ns_to_cycles(timer_ns);
	sbi_set_timer(next);
}

/* Supervisor timer interrupt, interrupts off. */
void clock_tick(void)
{
	struct cpu *c = this_cpu();
	u64 now = rdtime();

	if (now >= c->next_tick) {
		c->ticks++;
		if (c->id == 0)
			jiffies++;
		c->next_tick += tick_period;
		if (c->next_tick <= now)
			c->next_tick = now + tick_period;
		scheduler_tick();
	}
	timer_run_expired(ktime_get_ns());
	clock_program_event();
}
