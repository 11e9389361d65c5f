/*
 * External interrupts (through the PLIC).
 *
 * irq_request() installs a handler for a device interrupt line (the number
 * from the device tree's "interrupts") and routes it to the calling hart.
 * Handlers run with interrupts disabled and must not sleep.
 */
#ifndef DRIVERS_IRQ_H
#define DRIVERS_IRQ_H

#include <kernel/types.h>

#define NR_IRQS 128

typedef void (*irq_handler_t)(unsigned int irq, void *arg);

int plic_init(void);
void plic_init_cpu(void);
int irq_request(unsigned int irq, irq_handler_t handler, void *arg, const char *name);
void irq_handle_external(void);
/* Interrupts taken on a line so far, and its name (NULL if unused). */
u64 irq_count(unsigned int irq, const char **name);

#endif /* DRIVERS_IRQ_H */
