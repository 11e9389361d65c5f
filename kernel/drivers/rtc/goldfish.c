/*
 * The goldfish real-time clock ("google,goldfish-rtc"): nanoseconds since
 * the epoch in two 32-bit registers. Reading TIME_LOW latches TIME_HIGH,
 * so the low half is read first. Read once at boot (clock_set_rtc); the
 * monotonic clock carries wall time forward from there. No locks.
 */
#include <arch/mmio.h>
#include <arch/pgtable.h>
#include <kernel/clock.h>
#include <kernel/machine.h>
#include <uapi/errno.h>

#define RTC_TIME_LOW  0x00
#define RTC_TIME_HIGH 0x04

static u8 *rtc;   /* [I] */

static u64 goldfish_read_ns(void)
{
	u64 lo = readl(rtc + RTC_TIME_LOW);
	u64 hi = readl(rtc + RTC_TIME_HIGH);
	return hi << 32 | lo;
}

int goldfish_rtc_init(void)
{
	const struct dt_device *dev = machine_find("google,goldfish-rtc", 0);

	if (!dev || dev->nreg < 1)
		return -ENODEV;
	rtc = ioremap(dev->reg[0].base, dev->reg[0].size);
	if (!rtc)
		return -ENOMEM;
	clock_set_rtc(goldfish_read_ns);
	return 0;
}
