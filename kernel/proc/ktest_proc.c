/*
 * Helpers shared by the process self-tests (interface in ktest_proc.h).
 */
#include <arch/pgtable.h>
#include <mm/mm.h>
#include <proc/process.h>
#include <sched/sched.h>

#include "ktest_proc.h"

unsigned long ktest_proc_pages_settled(void)
{
	for (int i = 0; i < 1000 && nr_processes(); i++)
		msleep(1);
	return mm_free_pages_settled() + READ_ONCE(kernel_pt_pages);
}

int ktest_proc_run(struct task *t)
{
	int status;

	wake_up_new_task(t);
	status = kthread_join(t);
	return (status & 0x7f) ? 128 + (status & 0x7f) : (status >> 8) & 0xff;
}
