/*
 * The scheduling system calls (kernel/sched/syscalls-sched.list):
 * sched_{set,get}scheduler, sched_{set,get}param,
 * sched_get_priority_{min,max}, sched_rr_get_interval,
 * sched_{set,get}affinity, setpriority and getpriority, with Linux's
 * argument checks, permission rules and errnos (docs/sched.md,
 * "Scheduling system calls").
 *
 * Permissions (there are no capabilities: root, euid 0, may do
 * anything): a non-root caller may change only tasks it owns (its euid is
 * the target's uid or euid; -EPERM), may make a task real-time only up to
 * the target's RLIMIT_RTPRIO (-EPERM; 0, the default, forbids it), may
 * take a task out of SCHED_IDLE only if RLIMIT_NICE allows its nice, and
 * may lower a nice value only as far as RLIMIT_NICE allows (setpriority:
 * -EACCES). Kernel threads (no process) count as root and as owned by
 * root.
 *
 * Locks: none of its own. The changes go through sched_set_policy(),
 * set_user_nice() and set_cpus_allowed() (rq locks).
 */
#include <kernel/syscall.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/sched.h>

#include "rq.h"

/* ---------------------------------------------------------------- helpers */

/* The task with thread id pid (0: the caller), referenced; NULL if none. */
static struct task *sched_find(int pid)
{
	if (pid == 0) {
		task_get(current);
		return current;
	}
	return task_find_by_pid(pid);
}

static u32 task_uid(const struct task *t, bool effective)
{
	if (!t->proc)
		return 0;
	return effective ? READ_ONCE(t->proc->cred.euid) : READ_ONCE(t->proc->cred.uid);
}

/* Linux's check_same_owner: the caller's euid is t's uid or euid. */
static bool same_owner(const struct task *t)
{
	u32 euid = task_uid(current, true);

	return euid == task_uid(t, false) || euid == task_uid(t, true);
}

static u64 task_rlimit(const struct task *t, int res)
{
	return t->proc ? READ_ONCE(t->proc->rlim[res].rlim_cur) : RLIM_INFINITY;
}

/* May t's nice become nice (RLIMIT_NICE allows 20 - nice)? */
static bool can_nice(const struct task *t, int nice)
{
	return capable_root() || (u64)(20 - nice) <= task_rlimit(t, RLIMIT_NICE);
}

static bool rt_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

static bool valid_policy(int policy)
{
	return rt_policy(policy) || policy == SCHED_NORMAL || policy == SCHED_BATCH ||
	       policy == SCHED_IDLE;
}

/* ---------------------------------------------------------------- policy and priority */

/* The permission half of sched_setscheduler (Linux's user_check_sched_setscheduler). */
static int setscheduler_allowed(struct task *t, int policy, int prio)
{
	if (capable_root())
		return 0;
	if (!same_owner(t))
		return -EPERM;
	if (rt_policy(policy)) {
		u64 lim = task_rlimit(t, RLIMIT_RTPRIO);

		if (!rt_policy(READ_ONCE(t->policy)) && lim == 0)
			return -EPERM;
		if (prio > READ_ONCE(t->rt_priority) && (u64)prio > lim)
			return -EPERM;
	}
	if (READ_ONCE(t->policy) == SCHED_IDLE && policy != SCHED_IDLE &&
	    !can_nice(t, READ_ONCE(t->nice)))
		return -EPERM;
	return 0;
}

/* sched_setscheduler and sched_setparam (policy -1: keep t's). */
static long do_setscheduler(int pid, int policy, unsigned long uparam)
{
	struct sched_param param;
	struct task *t;
	long err;

	if (!uparam || pid < 0)
		return -EINVAL;
	if (copy_from_user(&param, (const void *)uparam, sizeof(param)))
		return -EFAULT;
	t = sched_find(pid);
	if (!t)
		return -ESRCH;
	if (policy < 0)
		policy = READ_ONCE(t->policy);
	policy &= ~SCHED_RESET_ON_FORK;   /* accepted, not kept: a fork inherits the policy */
	err = -EINVAL;
	if (!valid_policy(policy) || task_is_idle(t))
		goto out;
	if (rt_policy(policy) ? param.sched_priority < RT_PRIO_MIN ||
				param.sched_priority > RT_PRIO_MAX : param.sched_priority != 0)
		goto out;
	err = setscheduler_allowed(t, policy, param.sched_priority);
	if (!err)
		err = sched_set_policy(t, policy, param.sched_priority);
out:
	task_put(t);
	return err;
}

/* sched_setscheduler(pid, policy, param) */
long sys_sched_setscheduler(const struct syscall_args *args)
{
	int policy = (int)args->a[1];

	if (policy < 0)
		return -EINVAL;
	return do_setscheduler((int)args->a[0], policy, args->a[2]);
}

/* sched_setparam(pid, param) */
long sys_sched_setparam(const struct syscall_args *args)
{
	return do_setscheduler((int)args->a[0], -1, args->a[1]);
}

/* sched_getscheduler(pid) */
long sys_sched_getscheduler(const struct syscall_args *args)
{
	int pid = (int)args->a[0];
	struct task *t;
	long policy;

	if (pid < 0)
		return -EINVAL;
	t = sched_find(pid);
	if (!t)
		return -ESRCH;
	policy = READ_ONCE(t->policy);
	task_put(t);
	return policy;
}

/* sched_getparam(pid, param) */
long sys_sched_getparam(const struct syscall_args *args)
{
	int pid = (int)args->a[0];
	struct sched_param param = { 0 };
	struct task *t;

	if (!args->a[1] || pid < 0)
		return -EINVAL;
	t = sched_find(pid);
	if (!t)
		return -ESRCH;
	if (rt_policy(READ_ONCE(t->policy)))
		param.sched_priority = READ_ONCE(t->rt_priority);
	task_put(t);
	return copy_to_user((void *)args->a[1], &param, sizeof(param)) ? -EFAULT : 0;
}

/* sched_get_priority_max(policy): 99 for FIFO/RR, 0 for the others Linux knows. */
long sys_sched_get_priority_max(const struct syscall_args *args)
{
	int policy = (int)args->a[0];

	if (rt_policy(policy))
		return RT_PRIO_MAX;
	return valid_policy(policy) || policy == SCHED_DEADLINE ? 0 : -EINVAL;
}

long sys_sched_get_priority_min(const struct syscall_args *args)
{
	int policy = (int)args->a[0];

	if (rt_policy(policy))
		return RT_PRIO_MIN;
	return valid_policy(policy) || policy == SCHED_DEADLINE ? 0 : -EINVAL;
}

/* struct __kernel_timespec of the riscv64 ABI. */
struct sched_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

/* sched_rr_get_interval(pid, tp) */
long sys_sched_rr_get_interval(const struct syscall_args *args)
{
	int pid = (int)args->a[0];
	struct sched_timespec ts;
	struct task *t;
	u64 ns;

	if (pid < 0)
		return -EINVAL;
	t = sched_find(pid);
	if (!t)
		return -ESRCH;
	ns = sched_rr_interval_ns(t);
	task_put(t);
	ts.tv_sec = (s64)(ns / NSEC_PER_SEC);
	ts.tv_nsec = (s64)(ns % NSEC_PER_SEC);
	return copy_to_user((void *)args->a[1], &ts, sizeof(ts)) ? -EFAULT : 0;
}

/* ---------------------------------------------------------------- affinity */

/* Linux's cpumask_size(): whole longs covering nr_cpus -- one here. */
#define KERNEL_CPUMASK_BYTES sizeof(unsigned long)

static unsigned long online_mask(void)
{
	unsigned long m = 0;

	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++)
		if (READ_ONCE(cpu_rq(cpu)->online))
			m |= 1UL << cpu;
	return m;
}

/* sched_setaffinity(pid, len, mask): a shorter mask is zero-extended, a longer one cut. */
long sys_sched_setaffinity(const struct syscall_args *args)
{
	int pid = (int)args->a[0];
	size_t len = MIN((size_t)args->a[1], KERNEL_CPUMASK_BYTES);
	struct cpumask mask = { 0 };
	struct task *t;
	long err;

	if (copy_from_user(&mask.bits, (const void *)args->a[2], len))
		return -EFAULT;
	t = sched_find(pid);
	if (!t)
		return -ESRCH;
	err = -EPERM;
	if (!capable_root() && !same_owner(t))
		goto out;
	err = -EINVAL;
	if (task_is_idle(t))
		goto out;
	mask.bits &= online_mask();
	err = set_cpus_allowed(t, mask);   /* -EINVAL: no online cpu in it */
out:
	task_put(t);
	return err;
}

/* sched_getaffinity(pid, len, mask): the raw call returns the bytes written. */
long sys_sched_getaffinity(const struct syscall_args *args)
{
	int pid = (int)args->a[0];
	size_t len = (size_t)args->a[1];
	unsigned long bits;
	struct task *t;

	if (len * 8 < nr_cpus || (len & (sizeof(unsigned long) - 1)))
		return -EINVAL;
	t = sched_find(pid);
	if (!t)
		return -ESRCH;
	bits = READ_ONCE(t->cpus_allowed.bits) & online_mask();
	task_put(t);
	len = MIN(len, KERNEL_CPUMASK_BYTES);
	if (copy_to_user((void *)args->a[2], &bits, len))
		return -EFAULT;
	return (long)len;
}

/* ---------------------------------------------------------------- nice */

/* Does t match (which, who)? who is already resolved (0 replaced). */
static bool prio_match(const struct task *t, int which, int who)
{
	if (which == PRIO_PROCESS)
		return t->pid == who;
	if (!t->proc)
		return false;   /* kernel threads are in no process group and run as no user */
	if (which == PRIO_PGRP)
		return READ_ONCE(t->proc->pgid) == who;
	return READ_ONCE(t->proc->cred.uid) == (u32)who;
}

/*
 * setpriority on one task (Linux's set_one_prio): error is what the
 * tasks before it gave (-ESRCH: none matched yet); returns the new error.
 */
static int set_one_prio(struct task *t, int nice, int error)
{
	if (!capable_root() && !same_owner(t))
		return -EPERM;
	if (nice < READ_ONCE(t->nice) && !can_nice(t, nice))
		return -EACCES;
	set_user_nice(t, nice);
	return error == -ESRCH ? 0 : error;
}

/*
 * Call fn on every task matching (which, who): PRIO_PROCESS looks up one
 * thread; PRIO_PGRP and PRIO_USER look the pids up one by one from 1
 * until they have seen as many tasks as there are pids in use (a task
 * created meanwhile may be missed, as with any walk). Pids are handed out
 * next-fit, so that is usually a short scan, but at worst PID_MAX
 * lookups (~30 ms under QEMU): a walk of the process list should replace
 * it once the process code keeps one.
 */
static int prio_for_each(int which, int who, int (*fn)(struct task *t, int arg, int acc),
			 int arg, int acc)
{
	if (which == PRIO_PROCESS) {
		struct task *t = sched_find(who);

		if (t) {
			acc = fn(t, arg, acc);
			task_put(t);
		}
		return acc;
	}
	unsigned int seen = 0, live = pid_count();

	for (int pid = 1; pid < PID_MAX && seen < live; pid++) {
		struct task *t = task_find_by_pid(pid);

		if (!t)
			continue;
		seen++;
		if (prio_match(t, which, who))
			acc = fn(t, arg, acc);
		task_put(t);
	}
	return acc;
}

/* 0 in who means the caller, its process group, its uid. */
static int prio_resolve(int which, int who)
{
	if (who)
		return who;
	if (which == PRIO_PROCESS)
		return current->pid;
	if (which == PRIO_PGRP)
		return current->proc ? READ_ONCE(current->proc->pgid) : 0;
	return (int)task_uid(current, false);
}

static int setprio_fn(struct task *t, int nice, int error)
{
	return set_one_prio(t, nice, error);
}

/* setpriority(which, who, niceval): niceval is clamped to -20..19. */
long sys_setpriority(const struct syscall_args *args)
{
	int which = (int)args->a[0], who = (int)args->a[1], nice = (int)args->a[2];

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	nice = MAX(CFS_NICE_MIN, MIN(CFS_NICE_MAX, nice));
	if (who < 0 && which != PRIO_USER)
		return -ESRCH;
	return prio_for_each(which, prio_resolve(which, who), setprio_fn, nice, -ESRCH);
}

/* The highest 20 - nice among the matches (Linux's raw getpriority: 1..40). */
static int getprio_fn(struct task *t, int unused, int best)
{
	int v = 20 - READ_ONCE(t->nice);

	return v > best ? v : best;
}

long sys_getpriority(const struct syscall_args *args)
{
	int which = (int)args->a[0], who = (int)args->a[1], best;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	if (who < 0 && which != PRIO_USER)
		return -ESRCH;
	best = prio_for_each(which, prio_resolve(which, who), getprio_fn, 0, -ESRCH);
	return best;
}
