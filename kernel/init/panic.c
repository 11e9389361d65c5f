/*
 * panic(): stop the machine when the kernel cannot go on.
 *
 * The first hart to panic wins an atomic flag; a hart that panics after it
 * stops silently, so the report is printed once and never interleaved. The
 * winner stops every other hart with IPI_STOP, switches printk to lock-free
 * output, prints the message, the registers (if it came from a trap) and a
 * symbolized backtrace, then powers off with exit status EXIT_PANIC.
 */
#include <arch/atomic.h>
#include <arch/irqflags.h>
#include <arch/traps.h>
#include <kernel/clock.h>
#include <kernel/panic.h>
#include <kernel/power.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/printf.h>

static atomic_t panicking = ATOMIC_INIT(0);

bool panic_in_progress(void)
{
	return atomic_read(&panicking) != 0;
}

static void __noreturn panic_common(const struct pt_regs *regs, const char *fmt, va_list ap)
{
	char msg[256];

	local_irq_disable();
	if (atomic_xchg(&panicking, 1))
		cpu_halt();     /* someone else is already reporting */

	smp_send_stop();
	printk_enter_panic();
	vscnprintf(msg, sizeof(msg), fmt, ap);
	struct cpu *c = this_cpu();
	printk(KERN_EMERG "Kernel panic on cpu %u (hart %u): %s\n", c->id, c->hartid, msg);
	if (regs)
		dump_regs(regs);
	dump_backtrace(regs);
	printk(KERN_EMERG "---[ end Kernel panic ]---\n");
	machine_power_off(EXIT_PANIC);
}

void panic(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	panic_common(NULL, fmt, ap);
}

void panic_regs(const struct pt_regs *regs, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	panic_common(regs, fmt, ap);
}

void warn_report(const char *file, int line, const char *cond)
{
	printk(KERN_WARNING "WARNING: cpu %u at %s:%d: %s\n", smp_processor_id(), file, line, cond);
	dump_backtrace(NULL);
}
