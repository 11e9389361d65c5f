/*
 * The user-address-space harness of the scheduler's self-tests
 * (interface in ktest_umm.h). No locks of its own.
 */
#include <arch/irqflags.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/smp.h>
#include <mm/mm.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/mman.h>

#include "ktest_umm.h"

struct umm_run {
	const char *(*fn)(struct mm_struct *mm, void *arg);
	void *arg;
	const char *why;
};

static void umm_switch(struct mm_struct *mm)
{
	unsigned long irq = local_irq_save();

	current->mm = mm;
	mm_switch(mm);
	local_irq_restore(irq);
}

static int umm_thread(void *p)
{
	struct umm_run *run = p;
	struct mm_struct *mm = mm_create();

	if (IS_ERR(mm)) {
		run->why = "mm_create failed";
		return 1;
	}
	umm_switch(mm);
	if (do_mmap(mm, UMM_SCRATCH, UMM_SCRATCH_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) < 0)
		run->why = "scratch mmap failed";
	else
		run->why = run->fn(mm, run->arg);
	umm_switch(NULL);
	mm_put(mm);
	return 0;
}

const char *ktest_in_user_mm(const char *(*fn)(struct mm_struct *mm, void *arg), void *arg)
{
	struct umm_run run = { .fn = fn, .arg = arg, .why = "the thread did not run" };
	struct task *t = kthread_create(umm_thread, &run, "ktest_umm");

	if (IS_ERR(t))
		return ktest_fail("kthread_create: %ld", PTR_ERR(t));
	set_cpus_allowed(t, cpumask_of(nr_cpus - 1));
	wake_up_new_task(t);
	kthread_join(t);
	return run.why;
}
