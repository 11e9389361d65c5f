/*
 * Kernel preemption control.
 *
 * The kernel is preemptible while this hart's preempt count is 0: an
 * interrupt that finds need_resched set then switches tasks on its way
 * out (trap_handler), and preempt_enable() dropping the count to 0 does
 * the same. Every spinlock held adds one (locking/spinlock.c), so code
 * holding a spinlock is never preempted; preempt_disable() adds one
 * without a lock.
 *
 * The count lives in struct cpu and is touched only by instructions
 * addressed off tp. A task can be preempted between the load and the
 * store of an increment only while the count is 0 (that is when
 * preemption happens), and it resumes with tp pointing at whatever hart
 * it then runs on, whose count is 0 too: the store is right either way.
 * Every context switch happens at count 2 (the switch's own disable plus
 * the run-queue lock), so a task always resumes at the count it left.
 */
#ifndef SCHED_PREEMPT_H
#define SCHED_PREEMPT_H

#include <arch/irqflags.h>
#include <kernel/smp.h>

static inline int preempt_count(void)
{
	int v;

	__asm__ __volatile__("lw %0, %1(tp)" : "=r"(v) : "i"(CPU_PREEMPT_COUNT) : "memory");
	return v;
}

/* Add n to this hart's count; also a compiler barrier. */
static inline void preempt_count_add(int n)
{
	int tmp;

	__asm__ __volatile__("lw %0, %1(tp)\n\t"
			     "addw %0, %0, %2\n\t"
			     "sw %0, %1(tp)"
			     : "=&r"(tmp) : "i"(CPU_PREEMPT_COUNT), "r"(n) : "memory");
}

/* Is a reschedule pending on this hart? A hint: may be stale by one switch. */
static inline bool need_resched(void)
{
	return READ_ONCE(this_cpu()->need_resched) != 0;
}

/* Schedule now if preemptible and needed (kernel/sched/core.c). */
void preempt_schedule(void);

static inline void preempt_disable(void)
{
	preempt_count_add(1);
}

/* Drop the count without looking for a pending reschedule. */
static inline void preempt_enable_no_resched(void)
{
	preempt_count_add(-1);
}

/* Drop the count; at 0, with interrupts on, honour a pending reschedule. */
static inline void preempt_enable(void)
{
	preempt_count_add(-1);
	if (unlikely(need_resched()) && preempt_count() == 0 && !irqs_disabled())
		preempt_schedule();
}

/* May the running code sleep or be preempted right now? */
static inline bool preemptible(void)
{
	return preempt_count() == 0 && !irqs_disabled();
}

#endif /* SCHED_PREEMPT_H */
