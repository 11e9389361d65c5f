/*
 * Host-test stand-in for kernel/include/arch/irqflags.h: a per-process
 * "interrupts enabled" flag that the stubs check (tests/unit/kernel_stubs.c).
 */
#ifndef ARCH_IRQFLAGS_H
#define ARCH_IRQFLAGS_H

#include <kernel/types.h>

extern bool unit_irqs_on;

static inline void local_irq_enable(void) { unit_irqs_on = true; }
static inline void local_irq_disable(void) { unit_irqs_on = false; }
static inline bool irqs_disabled(void) { return !unit_irqs_on; }
static inline unsigned long local_irq_save(void)
{
	unsigned long f = unit_irqs_on;
	unit_irqs_on = false;
	return f;
}
static inline void local_irq_restore(unsigned long f) { unit_irqs_on = f != 0; }

#endif
