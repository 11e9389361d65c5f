/*
 * Self-tests of lockdep in the running kernel (ktest=boot), and the
 * deliberate lock-order inversion that must panic.
 *
 *  lockdep_boot_classes      lockdep is on and has seen the boot's locks,
 *                            with log_lock before uart_lock
 *  lockdep_consistent_order  ktest_lockdep_a -> ktest_lockdep_b taken many
 *                            times on every cpu: no report, and no slow
 *                            path once the order is known (prints the time
 *                            1000 rounds took, lockdep on or off)
 *  lockdep_nested            two locks of one class nested with
 *                            spin_lock_nested(), released out of order
 *  lockdep_inversion_on_request
 *                            passes, unless the command line says
 *                            ktest.only=lockdep_inversion: then it calls
 *                            ktest_lockdep_inversion(), which must panic
 *                            "lockdep: lock-order inversion ..."
 *                            (tests/run.py, lockdep-inversion/smpN)
 * In a build without CONFIG_DEBUG lockdep is off and the first three
 * pass without checking anything.
 *
 * Locks: the ktest_lockdep_* classes (docs/locking.md), taken only here,
 * with interrupts off, holding nothing else.
 */
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <locking/lockdep.h>
#include <locking/spinlock.h>

static struct spinlock order_a = SPINLOCK_INIT("ktest_lockdep_a");
static struct spinlock order_b = SPINLOCK_INIT("ktest_lockdep_b");
static struct spinlock nest_outer = SPINLOCK_INIT("ktest_lockdep_nest");
static struct spinlock nest_inner = SPINLOCK_INIT("ktest_lockdep_nest");
static struct spinlock inv_a = SPINLOCK_INIT("ktest_lockdep_inv_a");
static struct spinlock inv_b = SPINLOCK_INIT("ktest_lockdep_inv_b");

/* Locks every boot takes before the self-tests run. */
static const char *const boot_classes[] = { "log_lock", "uart_lock", "irq_lock", "kernel_pt_lock" };

KTEST(lockdep_boot_classes)
{
	struct lockdep_stats st;
	int log, uart;

	if (!LOCKDEP_BOOT_ENABLED)
		return NULL;
	if (!lockdep_enabled())
		return ktest_fail("lockdep is off");
	for (unsigned int i = 0; i < ARRAY_SIZE(boot_classes); i++)
		if (lockdep_class_find(boot_classes[i], 0) < 0)
			return ktest_fail("class %s never seen", boot_classes[i]);
	log = lockdep_class_find("log_lock", 0);
	uart = lockdep_class_find("uart_lock", 0);
	if (!lockdep_has_edge(log, uart) || lockdep_has_edge(uart, log))
		return ktest_fail("log_lock -> uart_lock not recorded as the only order");
	if (lockdep_held_depth() != 0)
		return ktest_fail("%u locks held on entry", lockdep_held_depth());
	lockdep_assert_can_sleep("ktest");   /* reports (panics) if wrong */
	lockdep_get_stats(&st);
	printk("lockdep: %u classes, %u order edges, %llu acquires, %llu slow paths\n",
	       st.classes, st.edges, (unsigned long long)st.acquires,
	       (unsigned long long)st.slow_paths);
	return NULL;
}

/* ktest_lockdep_a -> ktest_lockdep_b, arg times; any cpu, any context. */
static void order_ab(void *arg)
{
	unsigned long n = (unsigned long)arg;

	for (unsigned long i = 0; i < n; i++) {
		unsigned long flags = spin_lock_irqsave(&order_a);
		spin_lock(&order_b);
		spin_unlock(&order_b);
		spin_unlock_irqrestore(&order_a, flags);
	}
}

KTEST(lockdep_consistent_order)
{
	u64 slow, t0;
	int a, b;

	order_ab((void *)1UL);   /* records the order */
	slow = lockdep_cpu_slow_paths();
	t0 = rdtime();
	order_ab((void *)1000UL);
	t0 = rdtime() - t0;
	printk("lockdep: %s, 1000 nested irqsave lock pairs in %llu us\n",
	       lockdep_enabled() ? "on" : "off", (unsigned long long)(cycles_to_ns(t0) / 1000));
	if (!lockdep_enabled())
		return NULL;
	if (lockdep_cpu_slow_paths() != slow)
		return ktest_fail("%llu slow paths for a known order",
				  (unsigned long long)(lockdep_cpu_slow_paths() - slow));
	for (unsigned int i = 1; i < nr_cpus; i++)
		if (smp_call_on_cpu(i, order_ab, (void *)1000UL, true))
			return ktest_fail("call to cpu%u failed", i);
	a = lockdep_class_find("ktest_lockdep_a", 0);
	b = lockdep_class_find("ktest_lockdep_b", 0);
	if (!lockdep_enabled())
		return ktest_fail("lockdep turned off");
	if (!lockdep_has_edge(a, b) || lockdep_has_edge(b, a))
		return ktest_fail("edges a->b %d, b->a %d", lockdep_has_edge(a, b),
				  lockdep_has_edge(b, a));
	return lockdep_held_depth() ? ktest_fail("%u locks still held", lockdep_held_depth())
				    : NULL;
}

KTEST(lockdep_nested)
{
	unsigned int depth;
	int outer, inner;

	if (!lockdep_enabled())
		return NULL;
	unsigned long flags = local_irq_save();
	spin_lock(&nest_outer);
	spin_lock_nested(&nest_inner, 1);
	depth = lockdep_held_depth();
	spin_unlock(&nest_outer);   /* out of order */
	spin_unlock(&nest_inner);
	local_irq_restore(flags);
	outer = lockdep_class_find("ktest_lockdep_nest", 0);
	inner = lockdep_class_find("ktest_lockdep_nest", 1);
	if (depth != 2 || lockdep_held_depth() != 0)
		return ktest_fail("held %u while nested, %u after", depth, lockdep_held_depth());
	if (outer < 0 || inner < 0 || outer == inner)
		return ktest_fail("classes nest %d, nest/1 %d", outer, inner);
	if (!lockdep_has_edge(outer, inner))
		return ktest_fail("ktest_lockdep_nest -> ktest_lockdep_nest/1 not recorded");
	return lockdep_enabled() ? NULL : ktest_fail("lockdep turned off");
}

/*
 * Take ktest_lockdep_inv_a -> _inv_b, then _inv_b -> _inv_a: lockdep must
 * panic at the second spin_lock. For ktest_panic() and the KTEST below.
 */
void ktest_lockdep_inversion(void)
{
	unsigned long flags = local_irq_save();

	spin_lock(&inv_a);
	spin_lock(&inv_b);
	spin_unlock(&inv_b);
	spin_unlock(&inv_a);
	spin_lock(&inv_b);
	spin_lock(&inv_a);
	spin_unlock(&inv_a);
	spin_unlock(&inv_b);
	local_irq_restore(flags);
	panic("ktest_lockdep_inversion: no report from lockdep");
}

KTEST(lockdep_inversion_on_request)
{
	const char *only = cmdline_get(&kernel_cmdline, "ktest.only");

	if (only && strcmp(only, "lockdep_inversion") == 0)
		ktest_lockdep_inversion();
	return NULL;
}
