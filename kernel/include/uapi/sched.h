/*
 * Scheduling-policy system calls of the Linux riscv64 ABI, shared by the
 * kernel and user/: struct sched_param (linux/sched/types.h), the flag
 * sched_setscheduler accepts in its policy (linux/sched.h) and the
 * setpriority/getpriority selectors (linux/resource.h). The policy
 * numbers themselves (SCHED_NORMAL ...) are in sched/task.h.
 */
#ifndef UAPI_SCHED_H
#define UAPI_SCHED_H

struct sched_param {
	int sched_priority;
};

#define SCHED_DEADLINE       6            /* not implemented: -EINVAL */
#define SCHED_RESET_ON_FORK  0x40000000   /* or-ed into a policy */

#define PRIO_PROCESS 0
#define PRIO_PGRP    1
#define PRIO_USER    2

#endif /* UAPI_SCHED_H */
