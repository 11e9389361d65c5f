/*
 * The kernel's own symbol table (function names for backtraces), linked
 * into the image by the Makefile's two-pass link (scripts/ksyms.py).
 */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <kernel/types.h>

/* Name of the function containing addr and the offset into it, or NULL. */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);
bool ksym_is_text(uintptr_t addr);
/* Address of a function by name, 0 if absent (tests and the monitor). */
uintptr_t ksym_address(const char *name);

#endif /* KERNEL_KSYMS_H */
