/*
 * Private to kernel/sched/: the privilege checks of the time and system
 * information calls, until the process issue provides capable().
 */
#ifndef KERNEL_SCHED_CRED_CHECK_H
#define KERNEL_SCHED_CRED_CHECK_H

#include <proc/process.h>
#include <sched/task.h>

/*
 * May the caller set the clock or the host name (Linux: CAP_SYS_TIME,
 * CAP_SYS_ADMIN)? Root (effective uid 0), or a kernel thread (no
 * process). Takes process_lock to read the credentials.
 */
static inline bool current_is_privileged(void)
{
	struct process *p = current->proc;
	unsigned long flags;
	u32 euid;

	if (!p)
		return true;
	flags = spin_lock_irqsave(&p->lock);
	euid = p->cred.euid;
	spin_unlock_irqrestore(&p->lock, flags);
	return euid == 0;
}

#endif /* KERNEL_SCHED_CRED_CHECK_H */
