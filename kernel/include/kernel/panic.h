/*
 * Fatal errors and invariant checks.
 *
 * panic(): the kernel cannot go on. Stops every hart, prints once, and
 * powers off with exit status 3 (docs/debugging.md).
 * BUG_ON(): an invariant; compiled in for debug and test builds.
 * WARN_ON_ONCE(): a survivable oddity, reported once with a backtrace.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct pt_regs;

void panic(const char *fmt, ...) __noreturn __printf(1, 2);
void panic_regs(const struct pt_regs *regs, const char *fmt, ...) __noreturn __printf(2, 3);
void warn_report(const char *file, int line, const char *cond);
bool panic_in_progress(void);

#ifdef CONFIG_DEBUG
#define BUG_ON(cond) do { \
	if (unlikely(cond)) \
		panic("BUG_ON(%s) at %s:%d", #cond, __FILE__, __LINE__); \
} while (0)
#else
#define BUG_ON(cond) do { (void)sizeof(cond); } while (0)
#endif

#define BUG() panic("BUG at %s:%d", __FILE__, __LINE__)

#define WARN_ON_ONCE(cond) ({ \
	static bool __warned; \
	bool __c = !!(cond); \
	if (unlikely(__c) && !__warned) { \
		__warned = true; \
		warn_report(__FILE__, __LINE__, #cond); \
	} \
	unlikely(__c); })

#endif /* KERNEL_PANIC_H */
