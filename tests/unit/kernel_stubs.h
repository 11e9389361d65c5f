/*
 * Host-side stand-ins for the kernel services that pure kernel code calls
 * (spinlocks, panic, the current cpu), for unit tests. Kernel sources
 * compiled for the host see tests/unit/hostinc/ before kernel/include/, so
 * their <arch/...> headers are the host versions there.
 *
 * panic() prints and aborts, unless a test armed UNIT_EXPECT_PANIC(): then
 * it longjmps back to the test, which can check that a bug was caught.
 */
#ifndef TESTS_UNIT_KERNEL_STUBS_H
#define TESTS_UNIT_KERNEL_STUBS_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

extern unsigned int unit_cpu_id;      /* smp_processor_id() */
extern bool unit_irqs_on;
extern uintptr_t unit_phys_offset;    /* __va(pa) = pa + unit_phys_offset */
extern jmp_buf *unit_panic_jmp;       /* armed by UNIT_EXPECT_PANIC */
extern char unit_panic_msg[256];      /* last panic message */
extern int unit_locks_held;           /* spinlocks currently held */

/* Run stmt, expecting it to panic; evaluates to true if it did. */
#define UNIT_EXPECT_PANIC(stmt) ({ \
	jmp_buf __jb; volatile bool __panicked = false; \
	unit_panic_jmp = &__jb; \
	if (setjmp(__jb) == 0) { stmt; } else { __panicked = true; } \
	unit_panic_jmp = NULL; \
	__panicked; })

#endif
