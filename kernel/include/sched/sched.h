/*
 * The scheduler's interface (kernel/sched/): sleeping and waking,
 * preemption, kernel threads, affinity and nice, and the boot hooks.
 * docs/sched.md explains the design; sched/task.h the task itself.
 *
 * "May sleep" below means: call only from task context, with no spinlock
 * held and interrupts on (might_sleep() checks, lockdep reports).
 */
#ifndef SCHED_SCHED_H
#define SCHED_SCHED_H

#include <kernel/clock.h>
#include <kernel/types.h>
#include <sched/preempt.h>
#include <sched/task.h>

#define NSEC_PER_TICK (NSEC_PER_SEC / HZ)
#define MAX_SCHEDULE_TIMEOUT 0x7fffffffffffffffL

/* ---------------------------------------------------------------- boot */

/* cpu 0, after slab_init(): run queues, and the boot context becomes cpu 0's idle task. */
void sched_init(void);
/* Each secondary hart, on its boot stack: its boot context becomes its idle task. */
void sched_init_cpu(void);
/* The idle loop; every hart ends its bring-up here. */
void __noreturn cpu_idle_loop(void);
/* The tick (interrupt context): accounting, slice preemption, periodic balancing. */
void scheduler_tick(void);
/*
 * End of an interrupt that came while the kernel was preemptible (preempt
 * count 0, interrupts on in the interrupted code) and need_resched is
 * set: switch tasks. Interrupts off, and still off on return (trap_handler).
 */
void preempt_schedule_irq(void);

/* ---------------------------------------------------------------- sleeping */

/*
 * Give up the cpu. If the current state is a sleeping one, the task stays
 * off the run queue until woken; with TASK_RUNNING it only lets others
 * run (if any should). May sleep.
 */
void schedule(void);
/*
 * schedule() with a timer: sleep (in the state the caller set) for at most
 * timeout ticks. Returns 0 if the time ran out, else the ticks left
 * (rounded up). MAX_SCHEDULE_TIMEOUT: no timer. May sleep.
 */
long schedule_timeout(long timeout);
/* Sleep, in the state the caller set, until ktime deadline_ns at the latest. May sleep. */
void schedule_until(u64 deadline_ns);
/* Sleep at least ms milliseconds of ktime (sub-tick precision). May sleep. */
void msleep(unsigned int ms);
/* Let other runnable tasks of this cpu go first (the fair class's skip). May sleep. */
void sched_yield(void);
/* Reschedule if one is due; for long loops in kernel code. May sleep. */
void cond_resched(void);
/* Report (lockdep, or panic) if the caller may not sleep here. */
void might_sleep_at(const char *where);
#define might_sleep() might_sleep_at(__func__)

static inline unsigned long msecs_to_ticks(unsigned int ms)
{
	return ((u64)ms * 1000000ULL + NSEC_PER_TICK - 1) / NSEC_PER_TICK;
}

/* ---------------------------------------------------------------- waking */

/*
 * Make t runnable if its state is in the mask: set TASK_RUNNING and queue
 * it on a cpu it may run on (its last cpu if that is idle, else an idle
 * one, else the least loaded), preempting that cpu's task if the fair
 * class says so. Starts with a full barrier: the caller's earlier stores
 * (the condition the sleeper checks) are visible before t->state is
 * read; pairs with set_current_state(). Returns whether t was woken.
 * Any context, any locks above the run-queue locks held.
 */
bool try_to_wake_up(struct task *t, unsigned int state_mask);
static inline bool wake_up_process(struct task *t)
{
	return try_to_wake_up(t, TASK_NORMAL);
}
/* First wake-up of a TASK_NEW task (placed behind the queued ones). */
void wake_up_new_task(struct task *t);

/* ---------------------------------------------------------------- kernel threads */

/*
 * A new kernel thread that will run fn(arg) and exit with its return
 * value; name is truncated to 15 characters. It does not run until
 * wake_up_new_task() (kthread_run does both). The caller owns one
 * reference: give it back with kthread_stop(), kthread_join() or
 * task_put(). Returns the task or ERR_PTR(-ENOMEM). May sleep.
 */
struct task *kthread_create(int (*fn)(void *arg), void *arg, const char *name);
struct task *kthread_run(int (*fn)(void *arg), void *arg, const char *name);
/* Exit the running kernel thread with code. */
void __noreturn kthread_exit(int code);
/* Has kthread_stop() been called on the running thread? */
bool kthread_should_stop(void);
/*
 * Ask t to stop (kthread_should_stop() turns true and t is woken), wait
 * for it to exit, drop the caller's reference; returns its exit code. A
 * thread never woken is started first so that it can exit. May sleep.
 */
int kthread_stop(struct task *t);
/* Wait for t to exit, drop the caller's reference; returns its exit code. May sleep. */
int kthread_join(struct task *t);
/*
 * For kernel/proc: a zeroed task with a kernel stack, a pid, the name and
 * two references (as kthread_create's), not yet set up for the scheduler;
 * NULL if out of memory or pids. task_exit_final(): the running task's
 * last steps (exit code, ->exited, the final switch).
 */
struct task *task_alloc(const char *name);
/* do_exit's first step: PF_EXITING, and counted in nr_tasks_dying() from now on. */
void task_exit_begin(void);
void __noreturn task_exit_final(int code);

/* Live tasks (not counting the idle tasks), for leak checks. */
unsigned int nr_tasks(void);
/* Tasks that have exited but not yet switched away for the last time. */
unsigned int nr_tasks_dying(void);
/* Free the kernel stacks kept for reuse by exited tasks (leak checks). May sleep. */
void kthread_stack_cache_drain(void);

/* ---------------------------------------------------------------- policy */

/*
 * Restrict t to the cpus in mask (any online one must be in it, else
 * -EINVAL). A t that runs or waits on a cpu now excluded moves: a queued
 * one at once, a running one when it next switches out (at once if it is
 * the caller and preemptible). Returns 0 or -EINVAL. Not for idle tasks.
 */
int set_cpus_allowed(struct task *t, struct cpumask mask);
/* Set t's nice (clamped to -20..19); takes effect for the time run from now. */
void set_user_nice(struct task *t, int nice);

/* SCHED_RR's time slice: Linux's sched_rr_timeslice, 100 ms. */
#define RT_RR_TIMESLICE_TICKS (HZ / 10 > 0 ? HZ / 10 : 1)
#define RT_RR_TIMESLICE_NS ((u64)RT_RR_TIMESLICE_TICKS * NSEC_PER_TICK)

/*
 * Give t the scheduling policy (SCHED_NORMAL, SCHED_BATCH, SCHED_IDLE:
 * the fair class, rt_priority 0; SCHED_FIFO, SCHED_RR: the real-time
 * class, rt_priority 1..99). Takes effect at once: a queued task moves
 * to its new class's queue (preempting, or being preempted, as the
 * classes decide). No permission checks (the system calls make them).
 * Returns 0 or -EINVAL. Not for idle tasks. Any context but interrupts.
 */
int sched_set_policy(struct task *t, int policy, int rt_priority);
/*
 * fork/clone: child (TASK_NEW, never woken) inherits parent's policy,
 * real-time priority, nice and affinity. Call before wake_up_new_task().
 */
void sched_fork(struct task *child, struct task *parent);
/* A new task's scheduling state: fair class, nice 0, any cpu, TASK_NEW (kthread_create does it). */
void sched_task_init(struct task *t);
/* sched_rr_get_interval: SCHED_RR's slice, 0 for SCHED_FIFO, the fair slice (whole ticks) else. */
u64 sched_rr_interval_ns(struct task *t);

/* ---------------------------------------------------------------- statistics */

struct sched_cpu_stats {
	u64 busy_ns;            /* time this cpu ran tasks other than its idle task */
	u64 nr_switches;        /* context switches */
	u64 nr_balance_pulls;   /* tasks pulled here by periodic balancing */
	u64 nr_idle_pulls;      /* tasks pulled here when idle */
	unsigned int nr_running;  /* runnable tasks now, incl. the running one (not idle) */
	u64 clock_ns;           /* the cpu's clock busy_ns is charged up to (ktime ns) */
};
void sched_cpu_stats(unsigned int cpu, struct sched_cpu_stats *st);
/* t's total run time in ns, including its current stretch if it is running. */
u64 task_sched_runtime(struct task *t);

#endif /* SCHED_SCHED_H */
