/*
 * Host unit tests: a stand-in for `current` (force-included, after
 * host_rename.h, into kernel sources that use it and into their tests;
 * see tests/unit/unit.mk).
 *
 * <sched/task.h> reads the running task off the tp register with riscv
 * inline assembly in a static inline get_current(), and defines `current`
 * as get_current(). With the function-like macro below, that definition
 * becomes an unused static inline unit_get_current_void(void) (never
 * emitted, so its assembly never reaches the host assembler), and every
 * use, get_current() with no argument, becomes unit_get_current_(): a
 * plain function the test provides, returning its fake running task.
 * (A kernel-side <arch/current.h> that hostinc/ could replace would make
 * this unnecessary.)
 */
#ifndef TESTS_UNIT_CURRENT_HOST_H
#define TESTS_UNIT_CURRENT_HOST_H

struct task;
struct task *unit_get_current_(void);

#define get_current(x) unit_get_current_##x(x)

#endif /* TESTS_UNIT_CURRENT_HOST_H */
