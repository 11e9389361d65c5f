/*
 * The self-test runner (interface in kernel/ktest.h) and ktest=panic.
 */
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <kernel/clock.h>
#include <kernel/init.h>
#include <kernel/ktest.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <uapi/errno.h>

extern const struct ktest __ktest_start[], __ktest_end[];

static char fail_reason[256];

const char *ktest_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vscnprintf(fail_reason, sizeof(fail_reason), fmt, ap);
	va_end(ap);
	return fail_reason;
}

int ktest_call_on(unsigned int cpu, void (*fn)(void *), void *arg, bool wait)
{
	u64 give_up = rdtime() + 10 * timebase_freq;
	int err;

	while ((err = smp_call_on_cpu(cpu, fn, arg, wait)) == -EBUSY && rdtime() < give_up)
		cpu_relax();
	return err;
}

static struct {
	void (*fn)(void *);
	void *arg;
	atomic_t done;
} everywhere;   /* one ktest_run_everywhere() at a time: tests run serially */

static void everywhere_trampoline(void *unused)
{
	everywhere.fn(everywhere.arg);
	atomic_inc(&everywhere.done);
}

const char *ktest_run_everywhere(void (*fn)(void *), void *arg)
{
	everywhere.fn = fn;
	everywhere.arg = arg;
	atomic_set(&everywhere.done, 0);
	for (unsigned int i = 0; i < nr_cpus; i++)
		if (i != smp_processor_id() && ktest_call_on(i, everywhere_trampoline, NULL, false))
			return ktest_fail("call to cpu%u failed", i);
	unsigned long irq = local_irq_save();
	everywhere_trampoline(NULL);
	local_irq_restore(irq);
	u64 give_up = rdtime() + 60 * timebase_freq;
	while (atomic_read(&everywhere.done) < (int)nr_cpus)
		if (rdtime() > give_up)
			return ktest_fail("%d of %u harts finished", atomic_read(&everywhere.done), nr_cpus);
	return NULL;
}

int ktest_run_all(void)
{
	int passed = 0, failed = 0;
	const char *only = cmdline_get(&kernel_cmdline, "ktest.only");

	local_irq_enable();
	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		if (only && !strstr(t->name, only))
			continue;
		const char *why = t->run();
		if (why) {
			printk("KTEST %s FAIL %s\n", t->name, why);
			failed++;
		} else {
			printk("KTEST %s PASS\n", t->name);
			passed++;
		}
	}
	printk("KTEST-DONE passed=%d failed=%d\n", passed, failed);
	return failed;
}

static volatile unsigned long *volatile bad_pointer = (unsigned long *)0x10;

static __noinline void fault_here(void *arg)
{
	*bad_pointer = (unsigned long)arg;   /* store page fault: nothing is mapped at 0x10 */
}

static void panic_here(void *arg)
{
	panic("ktest=panic-race: cpu %u panics on purpose", smp_processor_id());
}

/* Recurse until the stack runs into its guard page (the limit is never reached). */
static volatile unsigned long recursion_limit = ~0UL;

static __noinline unsigned long recurse_deep(unsigned long depth)
{
	volatile char frame[256];

	frame[0] = (char)depth;
	if (depth >= recursion_limit)
		return 0;
	return recurse_deep(depth + 1) + frame[0];
}

static void overflow_stack(void *arg)
{
	recurse_deep((unsigned long)arg);
}

/*
 * ktest=panic: the last hart takes a kernel store fault (the trap path's
 * register dump and backtrace). ktest=panic-race: every hart panics at
 * once; exactly one report must come out. ktest=panic-stack: the last
 * hart overflows its kernel stack into the guard page below it; the trap
 * is taken on the emergency stack and reported as an overflow.
 */
void ktest_panic(void)
{
	const char *mode = cmdline_get(&kernel_cmdline, "ktest");
	unsigned int last = nr_cpus - 1;

	if (strcmp(mode, "panic-stack") == 0) {
		/* The last hart runs on a guarded stack; cpu 0 does too. */
		if (last == 0)
			overflow_stack(NULL);
		smp_call_on_cpu(last, overflow_stack, NULL, false);
		udelay(5 * 1000 * 1000);
		panic("ktest=panic-stack: cpu %u did not overflow", last);
	}
	if (strcmp(mode, "panic-race") == 0) {
		for (unsigned int i = 1; i < nr_cpus; i++)
			smp_call_on_cpu(i, panic_here, NULL, false);
		panic_here(NULL);
	}
	if (last == 0)
		fault_here(NULL);
	smp_call_on_cpu(last, fault_here, (void *)0x1234, false);
	udelay(5 * 1000 * 1000);
	panic("ktest=panic: cpu %u did not fault", last);
}
