/*
 * Formatted output into a buffer (kernel/lib/vsnprintf.c).
 *
 * C99 semantics for the subset the kernel uses:
 *   conversions  %d %i %u %x %X %o %c %s %p %%
 *   flags        - 0 + space #
 *   width and precision, either may be '*'
 *   lengths      hh h l ll z t j
 * and these kernel choices:
 *   %p   prints "0x" and 16 lower-case hex digits (NULL is 0x0000000000000000)
 *   %pS  prints the symbol containing the address as "name+0xoff", using
 *        ksym_lookup(); the raw %p form if there is no symbol
 *   %s   with a NULL pointer prints "(null)" (cut by any precision)
 *   an unknown conversion is copied to the output as written ("%y", "%5n")
 * The return value is the length the whole output would have had, as in
 * C99 (capped at INT_MAX); the buffer always ends with a NUL when size > 0.
 *
 * Pure code: no locks, callable from any context including interrupts.
 */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H

#include <kernel/compiler.h>
#include <kernel/types.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__printf(3, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * As vsnprintf/snprintf, but return the number of characters actually
 * stored in buf (excluding the NUL): 0 when size is 0, at most size - 1.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__printf(3, 0);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/*
 * Symbol lookup for %pS: the name of the function containing addr, with
 * *offset set to addr minus its start; NULL if addr is in no known symbol.
 * vsnprintf.c holds a weak default that always returns NULL; the kernel's
 * symbol table (and the unit tests) provide the real one. Must not call
 * vsnprintf or take locks that a printing path may hold.
 */
const char *ksym_lookup(uintptr_t addr, uintptr_t *offset);

#endif /* LIB_PRINTF_H */
