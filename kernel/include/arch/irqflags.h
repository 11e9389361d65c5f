/*
 * Enabling and disabling interrupts on the local hart (sstatus.SIE).
 */
#ifndef ARCH_IRQFLAGS_H
#define ARCH_IRQFLAGS_H

#include <arch/csr.h>

static inline void local_irq_enable(void) { csr_set(sstatus, SSTATUS_SIE); }
static inline void local_irq_disable(void) { csr_clear(sstatus, SSTATUS_SIE); }
static inline bool irqs_disabled(void) { return !(csr_read(sstatus) & SSTATUS_SIE); }

/* Disable interrupts and return the previous state for local_irq_restore. */
static inline unsigned long local_irq_save(void)
{
	return csr_read_clear(sstatus, SSTATUS_SIE) & SSTATUS_SIE;
}

static inline void local_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SSTATUS_SIE);
}

#endif /* ARCH_IRQFLAGS_H */
