/*
 * In-kernel self-tests, run by the boot option ktest=boot.
 *
 *   KTEST(name) { ... return NULL; }           passes
 *   KTEST(name) { return ktest_fail("why %d", x); }   fails with a reason
 *
 * Each test lands in the .ktest section; ktest_run_all() runs them in link
 * order on cpu 0 with interrupts on, prints "KTEST <name> PASS|FAIL ...",
 * then "KTEST-DONE passed=P failed=F" (tests/run.py reads these lines).
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <kernel/compiler.h>

struct ktest {
	const char *name;
	const char *(*run)(void);
};

#define KTEST(tname) \
	static const char *ktest_fn_##tname(void); \
	static const struct ktest ktest_##tname __attribute__((used, section(".ktest"), aligned(8))) = { \
		.name = #tname, .run = ktest_fn_##tname }; \
	static const char *ktest_fn_##tname(void)

/*
 * smp_call_on_cpu(), retried for up to 10 s while the target hart is still
 * finishing an earlier call (its call slot is single). 0 or -errno.
 */
int ktest_call_on(unsigned int cpu, void (*fn)(void *), void *arg, bool wait);

/*
 * Run fn(arg) on every online hart at once: on the others from their IPI
 * handlers (interrupts off there), on this one with interrupts off too,
 * then wait up to 60 s until every hart has returned. NULL on success, or
 * a failure reason. Bound fn's work by time, not rounds: QEMU runs up to 8
 * virtual harts on 2 host cores.
 */
const char *ktest_run_everywhere(void (*fn)(void *), void *arg);

/* Format a failure reason into a static buffer (tests run one at a time). */
const char *ktest_fail(const char *fmt, ...) __printf(1, 2);

#endif /* KERNEL_KTEST_H */
