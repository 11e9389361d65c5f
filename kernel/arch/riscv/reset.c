/*
 * Power-off and reboot (interface in kernel/power.h).
 *
 * Success goes through SBI SRST, which OpenSBI turns into a write of the
 * pass value to QEMU's test device: QEMU exits 0. SRST carries a reason
 * but no exit code, so a failure status is written to the test device
 * ("sifive,test0" in the device tree) directly: (status << 16) | 0x3333
 * makes QEMU exit with that status. Without such a device the failure is
 * reported through SRST's "system failure" reason.
 */
#include <arch/irqflags.h>
#include <arch/mmio.h>
#include <arch/pgtable.h>
#include <arch/sbi.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/power.h>
#include <kernel/printk.h>
#include <kernel/smp.h>

#define TEST_FAIL 0x3333

static u8 *test_dev;   /* [I] */

void power_init(void)
{
	const struct dt_device *dev = machine_find("sifive,test0", 0);

	if (dev && dev->nreg > 0)
		test_dev = ioremap(dev->reg[0].base, dev->reg[0].size);
}

void machine_power_off(int status)
{
	local_irq_disable();
	if (!panic_in_progress())
		console_flush();
	if (status != EXIT_OK && test_dev)
		writel(((u32)status << 16) | TEST_FAIL, test_dev);
	sbi_system_reset(SBI_SRST_SHUTDOWN,
			 status == EXIT_OK ? SBI_SRST_NO_REASON : SBI_SRST_SYS_FAILURE);
	cpu_halt();
}

void machine_reboot(void)
{
	local_irq_disable();
	console_flush();
	sbi_system_reset(SBI_SRST_COLD_REBOOT, SBI_SRST_NO_REASON);
	cpu_halt();
}
