/*
 * Self-tests of the scheduling system calls (ktest=boot), called through
 * their handlers with arguments in a test address space, on sleeping
 * kernel threads as targets. The permission rules are tested by giving
 * the runner and the targets stand-in processes (credentials and
 * rlimits only: capable_root() and the rlimit checks read nothing else),
 * removed before the test returns.
 */
#include <arch/irqflags.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>
#include <uapi/sched.h>

#define UB 0x20000000UL        /* one page of arguments */
#define UBAD 0x30000000UL      /* nothing mapped */

long sys_sched_setscheduler(const struct syscall_args *args);
long sys_sched_getscheduler(const struct syscall_args *args);
long sys_sched_setparam(const struct syscall_args *args);
long sys_sched_getparam(const struct syscall_args *args);
long sys_sched_get_priority_max(const struct syscall_args *args);
long sys_sched_get_priority_min(const struct syscall_args *args);
long sys_sched_rr_get_interval(const struct syscall_args *args);
long sys_sched_setaffinity(const struct syscall_args *args);
long sys_sched_getaffinity(const struct syscall_args *args);
long sys_setpriority(const struct syscall_args *args);
long sys_getpriority(const struct syscall_args *args);

static long sc(long (*fn)(const struct syscall_args *), unsigned long a0, unsigned long a1,
	       unsigned long a2)
{
	struct syscall_args args = { { a0, a1, a2, 0, 0, 0 } };

	return fn(&args);
}

#define CHECK(what, got, want) do { \
	long __g = (long)(got), __w = (long)(want); \
	if (__g != __w) { \
		why = ktest_fail("%s: %ld, expected %ld", what, __g, __w); \
		goto out; \
	} \
} while (0)

static void use_mm(struct mm_struct *mm)
{
	unsigned long irq = local_irq_save();

	current->mm = mm;
	mm_switch(mm);
	local_irq_restore(irq);
}

static int sleeper_fn(void *arg)
{
	while (!kthread_should_stop())
		msleep(5);
	return 0;
}

/* A sleeping kernel thread with stand-in process proc (or none). */
static struct task *target(struct process *proc)
{
	struct task *t = kthread_create(sleeper_fn, NULL, "sctarget");

	if (IS_ERR(t))
		panic("ktest_sched_syscalls: kthread_create");
	t->proc = proc;
	wake_up_new_task(t);
	return t;
}

static void stop_target(struct task *t)
{
	kthread_stop(t);
}

/* Write the sched_param {prio} at UB; its address. */
static unsigned long param(int prio)
{
	struct sched_param p = { prio };

	if (copy_to_user((void *)UB, &p, sizeof(p)))
		panic("ktest_sched_syscalls: param");
	return UB;
}

static long uread_long(unsigned long addr)
{
	long v = 0;

	copy_from_user(&v, (void *)addr, sizeof(v));
	return v;
}

static const char *policy_calls(struct task *t)
{
	const char *why = NULL;
	int pid = t->pid;

	CHECK("getscheduler(0)", sc(sys_sched_getscheduler, 0, 0, 0), SCHED_NORMAL);
	CHECK("getscheduler(-1)", sc(sys_sched_getscheduler, (unsigned long)-1, 0, 0), -EINVAL);
	CHECK("getscheduler(none)", sc(sys_sched_getscheduler, PID_MAX - 1, 0, 0), -ESRCH);
	CHECK("max FIFO", sc(sys_sched_get_priority_max, SCHED_FIFO, 0, 0), 99);
	CHECK("min RR", sc(sys_sched_get_priority_min, SCHED_RR, 0, 0), 1);
	CHECK("max NORMAL", sc(sys_sched_get_priority_max, SCHED_NORMAL, 0, 0), 0);
	CHECK("min IDLE", sc(sys_sched_get_priority_min, SCHED_IDLE, 0, 0), 0);
	CHECK("max 42", sc(sys_sched_get_priority_max, 42, 0, 0), -EINVAL);
	CHECK("set FIFO 50", sc(sys_sched_setscheduler, pid, SCHED_FIFO, param(50)), 0);
	CHECK("get FIFO", sc(sys_sched_getscheduler, pid, 0, 0), SCHED_FIFO);
	CHECK("getparam", sc(sys_sched_getparam, pid, UB + 8, 0), 0);
	CHECK("getparam value", uread_long(UB + 8) & 0xffffffff, 50);
	CHECK("setparam 60", sc(sys_sched_setparam, pid, param(60), 0), 0);
	CHECK("rt_priority", READ_ONCE(t->rt_priority), 60);
	CHECK("FIFO 0", sc(sys_sched_setscheduler, pid, SCHED_FIFO, param(0)), -EINVAL);
	CHECK("RR 100", sc(sys_sched_setscheduler, pid, SCHED_RR, param(100)), -EINVAL);
	CHECK("NORMAL 1", sc(sys_sched_setscheduler, pid, SCHED_NORMAL, param(1)), -EINVAL);
	CHECK("policy 4", sc(sys_sched_setscheduler, pid, 4, param(0)), -EINVAL);
	CHECK("policy -1", sc(sys_sched_setscheduler, pid, (unsigned long)-1, param(0)), -EINVAL);
	CHECK("param NULL", sc(sys_sched_setscheduler, pid, SCHED_FIFO, 0), -EINVAL);
	CHECK("param bad", sc(sys_sched_setscheduler, pid, SCHED_FIFO, UBAD), -EFAULT);
	CHECK("pid -1", sc(sys_sched_setscheduler, (unsigned long)-1, SCHED_FIFO, param(5)), -EINVAL);
	CHECK("no such pid", sc(sys_sched_setscheduler, PID_MAX - 1, SCHED_FIFO, param(5)), -ESRCH);
	CHECK("RR|RESET_ON_FORK", sc(sys_sched_setscheduler, pid, SCHED_RR | SCHED_RESET_ON_FORK,
				     param(7)), 0);
	CHECK("get RR", sc(sys_sched_getscheduler, pid, 0, 0), SCHED_RR);
	CHECK("rr interval", sc(sys_sched_rr_get_interval, pid, UB + 16, 0), 0);
	CHECK("rr interval sec", uread_long(UB + 16), 0);
	CHECK("rr interval nsec", uread_long(UB + 24), 100000000);
	CHECK("rr interval bad", sc(sys_sched_rr_get_interval, pid, UBAD, 0), -EFAULT);
	CHECK("set IDLE", sc(sys_sched_setscheduler, pid, SCHED_IDLE, param(0)), 0);
	CHECK("IDLE weight", t->se.load.weight, 3);
	CHECK("set BATCH", sc(sys_sched_setscheduler, pid, SCHED_BATCH, param(0)), 0);
	CHECK("BATCH weight", t->se.load.weight, 1024);
	CHECK("set NORMAL", sc(sys_sched_setscheduler, pid, SCHED_NORMAL, param(0)), 0);
out:
	return why;
}

static const char *affinity_calls(struct task *t)
{
	const char *why = NULL;
	unsigned long online = (nr_cpus >= 64) ? ~0UL : (1UL << nr_cpus) - 1;
	unsigned long last = 1UL << (nr_cpus - 1);
	int pid = t->pid;

	CHECK("getaffinity", sc(sys_sched_getaffinity, pid, 8, UB + 32), 8);
	CHECK("mask", (unsigned long)uread_long(UB + 32), online);
	CHECK("getaffinity 128", sc(sys_sched_getaffinity, pid, 128, UB + 32), 8);
	CHECK("getaffinity len 4", sc(sys_sched_getaffinity, pid, 4, UB + 32), -EINVAL);
	CHECK("getaffinity bad", sc(sys_sched_getaffinity, pid, 8, UBAD), -EFAULT);
	if (copy_to_user((void *)(UB + 40), &last, 8))
		return ktest_fail("copy");
	CHECK("setaffinity last", sc(sys_sched_setaffinity, pid, 8, UB + 40), 0);
	CHECK("allowed", t->cpus_allowed.bits, last);
	CHECK("setaffinity 1 byte", sc(sys_sched_setaffinity, pid, 1, UB + 40), last <= 0x80 ? 0 : -EINVAL);
	unsigned long none = 1UL << 63;
	if (copy_to_user((void *)(UB + 48), &none, 8))
		return ktest_fail("copy");
	CHECK("setaffinity offline cpu", sc(sys_sched_setaffinity, pid, 8, UB + 48), nr_cpus == 64 ? 0 : -EINVAL);
	CHECK("setaffinity bad", sc(sys_sched_setaffinity, pid, 8, UBAD), -EFAULT);
	CHECK("setaffinity none", sc(sys_sched_setaffinity, PID_MAX - 1, 8, UB + 40), -ESRCH);
	if (copy_to_user((void *)(UB + 40), &online, 8))
		return ktest_fail("copy");
	CHECK("setaffinity all", sc(sys_sched_setaffinity, pid, 8, UB + 40), 0);
out:
	return why;
}

static const char *nice_calls(struct task *t, struct process *tp)
{
	const char *why = NULL;
	int pid = t->pid;
	u64 t0;

	CHECK("setpriority 5", sc(sys_setpriority, PRIO_PROCESS, pid, 5), 0);
	CHECK("nice", READ_ONCE(t->nice), 5);
	CHECK("getpriority", sc(sys_getpriority, PRIO_PROCESS, pid, 0), 15);
	CHECK("setpriority 100", sc(sys_setpriority, PRIO_PROCESS, pid, 100), 0);
	CHECK("getpriority clamped", sc(sys_getpriority, PRIO_PROCESS, pid, 0), 1);
	CHECK("which 3", sc(sys_setpriority, 3, pid, 0), -EINVAL);
	CHECK("getpriority which 3", sc(sys_getpriority, 3, pid, 0), -EINVAL);
	CHECK("getpriority none", sc(sys_getpriority, PRIO_PROCESS, PID_MAX - 1, 0), -ESRCH);
	tp->pgid = 777;
	tp->cred.uid = 4242;
	t0 = ktime_get_ns();
	CHECK("PRIO_PGRP", sc(sys_setpriority, PRIO_PGRP, 777, 3), 0);
	t0 = ktime_get_ns() - t0;
	CHECK("pgrp nice", READ_ONCE(t->nice), 3);
	CHECK("get PRIO_PGRP", sc(sys_getpriority, PRIO_PGRP, 777, 0), 17);
	CHECK("PRIO_PGRP none", sc(sys_getpriority, PRIO_PGRP, 778, 0), -ESRCH);
	CHECK("PRIO_USER", sc(sys_setpriority, PRIO_USER, 4242, -2), 0);
	CHECK("get PRIO_USER", sc(sys_getpriority, PRIO_USER, 4242, 0), 22);
	pr_info("sched perf: setpriority(PRIO_PGRP) by a pid scan: %lu us\n",
		(unsigned long)(t0 / 1000));
	CHECK("back to 0", sc(sys_setpriority, PRIO_PROCESS, pid, 0), 0);
out:
	return why;
}

KTEST(sched_syscalls_as_root)
{
	static struct process tp;   /* the target's stand-in process: pgid and uid only */
	struct mm_struct *mm = mm_create();
	const char *why = NULL;
	struct task *t;

	if (IS_ERR(mm))
		return ktest_fail("mm_create");
	use_mm(mm);
	if (do_mmap(mm, UB, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) < 0)
		why = ktest_fail("do_mmap");
	memset(&tp, 0, sizeof(tp));
	t = target(&tp);
	if (!why)
		why = policy_calls(t);
	if (!why)
		why = affinity_calls(t);
	if (!why)
		why = nice_calls(t, &tp);
	stop_target(t);
	use_mm(NULL);
	mm_put(mm);
	return why;
}

/* Non-root: ownership, RLIMIT_RTPRIO, RLIMIT_NICE, leaving SCHED_IDLE. */
static const char *permission_calls(struct task *mine, struct task *theirs, struct process *mp)
{
	const char *why = NULL;

	CHECK("FIFO without RLIMIT_RTPRIO", sc(sys_sched_setscheduler, mine->pid, SCHED_FIFO,
					       param(10)), -EPERM);
	mp->rlim[RLIMIT_RTPRIO].rlim_cur = 20;
	CHECK("FIFO 10 within RLIMIT_RTPRIO", sc(sys_sched_setscheduler, mine->pid, SCHED_FIFO,
						 param(10)), 0);
	CHECK("FIFO 30 above it", sc(sys_sched_setscheduler, mine->pid, SCHED_FIFO, param(30)),
	      -EPERM);
	CHECK("back to NORMAL", sc(sys_sched_setscheduler, mine->pid, SCHED_NORMAL, param(0)), 0);
	CHECK("other owner", sc(sys_sched_setscheduler, theirs->pid, SCHED_BATCH, param(0)), -EPERM);
	CHECK("other owner nice", sc(sys_setpriority, PRIO_PROCESS, theirs->pid, 5), -EPERM);
	CHECK("other owner affinity", sc(sys_sched_setaffinity, theirs->pid, 8, UB + 40), -EPERM);
	CHECK("nice up", sc(sys_setpriority, PRIO_PROCESS, mine->pid, 5), 0);
	CHECK("nice down", sc(sys_setpriority, PRIO_PROCESS, mine->pid, 4), -EACCES);
	CHECK("to IDLE", sc(sys_sched_setscheduler, mine->pid, SCHED_IDLE, param(0)), 0);
	CHECK("out of IDLE", sc(sys_sched_setscheduler, mine->pid, SCHED_NORMAL, param(0)), -EPERM);
	mp->rlim[RLIMIT_NICE].rlim_cur = 40;
	CHECK("out of IDLE with RLIMIT_NICE", sc(sys_sched_setscheduler, mine->pid, SCHED_NORMAL,
						  param(0)), 0);
	CHECK("nice down with RLIMIT_NICE", sc(sys_setpriority, PRIO_PROCESS, mine->pid, -20), 0);
out:
	return why;
}

KTEST(sched_syscalls_permissions)
{
	static struct process me, mine_p, theirs_p;
	struct mm_struct *mm = mm_create();
	unsigned long all = ~0UL;
	struct task *mine, *theirs;
	const char *why = NULL;

	if (IS_ERR(mm))
		return ktest_fail("mm_create");
	use_mm(mm);
	if (do_mmap(mm, UB, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) < 0 ||
	    copy_to_user((void *)(UB + 40), &all, 8))
		why = ktest_fail("do_mmap");
	memset(&me, 0, sizeof(me));
	memset(&mine_p, 0, sizeof(mine_p));
	memset(&theirs_p, 0, sizeof(theirs_p));
	me.cred.uid = me.cred.euid = 1000;
	mine_p.cred.uid = mine_p.cred.euid = 1000;
	theirs_p.cred.uid = theirs_p.cred.euid = 2000;
	mine = target(&mine_p);
	theirs = target(&theirs_p);
	current->proc = &me;
	if (!why)
		why = permission_calls(mine, theirs, &mine_p);
	current->proc = NULL;
	stop_target(mine);
	stop_target(theirs);
	use_mm(NULL);
	mm_put(mm);
	return why;
}
