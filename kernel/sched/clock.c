/*
 * The tick and the clocks (interface in kernel/clock.h).
 *
 * Each hart programs its own one-shot SBI timer for its next tick and
 * reprograms it from the interrupt; if a tick was missed (the hart was
 * held up), the next one is set a full period from now rather than
 * queuing a burst. jiffies is advanced by cpu 0 only.
 */
#include <arch/csr.h>
#include <arch/sbi.h>
#include <kernel/clock.h>
#include <kernel/smp.h>

u64 timebase_freq;
volatile u64 jiffies;

static u64 tick_period;                /* [I] time CSR ticks per jiffy */
static u64 (*rtc_read_ns)(void);       /* [I] */
static u64 rtc_base_ns, rtc_base_cycles;  /* [I] wall time at one instant */

void clock_init(u64 timebase)
{
	timebase_freq = timebase;
	tick_period = timebase / HZ;
}

u64 cycles_to_ns(u64 cycles)
{
	if (!timebase_freq)
		return 0;
	return cycles / timebase_freq * NSEC_PER_SEC +
	       cycles % timebase_freq * NSEC_PER_SEC / timebase_freq;
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
}

/* Supervisor timer interrupt, interrupts off. */
void clock_tick(void)
{
	struct cpu *c = this_cpu();
	u64 now = rdtime();

	c->ticks++;
	if (c->id == 0)
		jiffies++;
	c->next_tick += tick_period;
	if (c->next_tick <= now)
		c->next_tick = now + tick_period;
	sbi_set_timer(c->next_tick);
}

void clock_set_rtc(u64 (*read_ns)(void))
{
	rtc_read_ns = read_ns;
	rtc_base_cycles = rdtime();
	rtc_base_ns = read_ns();
}

u64 ktime_get_real_ns(void)
{
	if (!rtc_read_ns)
		return 0;
	return rtc_base_ns + cycles_to_ns(rdtime() - rtc_base_cycles);
}
