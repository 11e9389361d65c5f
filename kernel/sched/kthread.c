/*
 * Task structures and kernel threads: allocation, pids, start, exit,
 * stop/join and freeing (interface in <sched/sched.h>, <sched/task.h>).
 *
 * A task is a slab object ("task" cache) plus a vmalloc'd KSTACK_SIZE
 * kernel stack with an unmapped guard page below it (kstack_alloc). A
 * kernel thread starts in kthread_main() (through switch_trampoline) and
 * exits when its function returns or it calls kthread_exit(): it records
 * its exit code, completes ->exited (waking kthread_stop/kthread_join),
 * and switches away for the last time as TASK_DEAD. The task that runs
 * next on that hart drops the dead task's own reference
 * (finish_task_switch -> task_reap): its stack is not in use any more.
 * The last reference frees stack and struct.
 *
 * Freed stacks are kept, up to KSTACK_CACHE_MAX, for the next task:
 * vfree() flushes the TLB of every hart (an SBI remote fence that waits
 * for each of them), which would cost a thread's exit far more than its
 * creation. kthread_stack_cache_drain() gives them back (leak checks).
 *
 * Pids come from kernel/proc/pid.c (never 0, which the idle tasks use),
 * and every task is in the pid hash from creation to task_free().
 *
 * Locks: "kstack_cache_lock" (irqsave, innermost: only the cache's array
 * under it). Reference counts are atomic; ->should_stop is written once
 * (WRITE_ONCE) before a wake-up and read with READ_ONCE.
 */
#include <arch/atomic.h>
#include <arch/irqflags.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <proc/process.h>
#include <sched/sched.h>

#include "rq.h"

#define KSTACK_CACHE_MAX 8

static struct kmem_cache *task_cache;     /* [I] */
static struct spinlock kstack_cache_lock = SPINLOCK_INIT("kstack_cache_lock");
static void *kstack_cache[KSTACK_CACHE_MAX];   /* [kstack_cache_lock] free stacks */
static unsigned int kstack_cached;             /* [kstack_cache_lock] */
static atomic_t live_tasks;               /* allocated and not yet freed */
static atomic_t dying_tasks;              /* exited, last switch away not yet done */

void kthread_cache_init(void)
{
	task_cache = kmem_cache_create("task", sizeof(struct task), 64, NULL);
	if (!task_cache)
		panic("sched: no memory for the task cache");
}

unsigned int nr_tasks(void)
{
	return (unsigned int)atomic_read(&live_tasks);
}

unsigned int nr_tasks_dying(void)
{
	return (unsigned int)atomic_read(&dying_tasks);
}

static void *task_stack_alloc(void)
{
	unsigned long flags = spin_lock_irqsave(&kstack_cache_lock);
	void *stack = kstack_cached ? kstack_cache[--kstack_cached] : NULL;

	spin_unlock_irqrestore(&kstack_cache_lock, flags);
	return stack ? stack : kstack_alloc();
}

/* Keep stack for the next task, or free it if the cache is full. Any context but interrupts. */
static void task_stack_free(void *stack)
{
	unsigned long flags = spin_lock_irqsave(&kstack_cache_lock);

	if (kstack_cached < KSTACK_CACHE_MAX) {
		kstack_cache[kstack_cached++] = stack;
		stack = NULL;
	}
	spin_unlock_irqrestore(&kstack_cache_lock, flags);
	if (stack)
		kstack_free(stack);
}

void kthread_stack_cache_drain(void)
{
	for (;;) {
		unsigned long flags = spin_lock_irqsave(&kstack_cache_lock);
		void *stack = kstack_cached ? kstack_cache[--kstack_cached] : NULL;

		spin_unlock_irqrestore(&kstack_cache_lock, flags);
		if (!stack)
			return;
		kstack_free(stack);
	}
}

/* A zeroed task with a stack, a pid, a name and two references; NULL if out of memory. */
struct task *task_alloc(const char *name)
{
	struct task *t = kmem_cache_alloc(task_cache, GFP_KERNEL);

	if (!t)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->stack = task_stack_alloc();
	if (!t->stack) {
		kmem_cache_free(task_cache, t);
		return NULL;
	}
	t->pid = pid_alloc();
	if (t->pid < 0) {
		task_stack_free(t->stack);
		kmem_cache_free(task_cache, t);
		return NULL;
	}
	pid_hash_add(t);
	t->fp_cpu = -1;
	scnprintf(t->name, sizeof(t->name), "%s", name);
	atomic_set(&t->refs, 2);
	init_completion(&t->exited);
	lockdep_held_init(&t->lockdep_held);
	t->start_time = ktime_get_ns();
	atomic_inc(&live_tasks);
	return t;
}

static void task_free(struct task *t)
{
	BUG_ON(task_is_idle(t));
	BUG_ON(t->state != TASK_DEAD && t->state != TASK_NEW);
	pid_hash_del(t);   /* first: a task in the hash has a valid ->proc (task_find_by_pid) */
	if (t->proc)
		proc_task_free(t);
	pid_free(t->pid);
	task_stack_free(t->stack);
	kmem_cache_free(task_cache, t);
	atomic_dec(&live_tasks);
}

void task_put(struct task *t)
{
	if (atomic_dec_and_test(&t->refs))
		task_free(t);
}

/* After t's last switch (finish_task_switch): drop the reference its running held. */
void task_reap(struct task *t)
{
	task_put(t);
	atomic_add_return(&dying_tasks, -1);   /* fully ordered: after the free, if it was the last reference */
}

/* First code of every kernel thread, reached from switch_trampoline. */
static void kthread_main(void *arg)
{
	struct task *t = arg;

	if (READ_ONCE(t->should_stop))
		kthread_exit(-EINTR);   /* stopped before it ever ran */
	kthread_exit(t->kthread_fn(t->kthread_arg));
}

struct task *kthread_create(int (*fn)(void *arg), void *arg, const char *name)
{
	struct task *t;

	might_sleep();
	t = task_alloc(name);
	if (!t)
		return ERR_PTR(-ENOMEM);
	t->flags = PF_KTHREAD;
	t->kthread_fn = fn;
	t->kthread_arg = arg;
	sched_task_init(t);
	switch_context_init(&t->ctx, (unsigned long)t->stack,
			    (unsigned long)t->stack + KSTACK_SIZE, kthread_main, t);
	return t;
}

struct task *kthread_run(int (*fn)(void *arg), void *arg, const char *name)
{
	struct task *t = kthread_create(fn, arg, name);

	if (!IS_ERR(t))
		wake_up_new_task(t);
	return t;
}

void __noreturn kthread_exit(int code)
{
	BUG_ON(!(current->flags & PF_KTHREAD) || task_is_idle(current));
	task_exit_final(code);
}

void task_exit_begin(void)
{
	unsigned long irq = local_irq_save();

	current->flags |= PF_EXITING;
	local_irq_restore(irq);
	atomic_inc(&dying_tasks);   /* before a parent can reap the zombie and count pages */
}

void __noreturn task_exit_final(int code)
{
	struct task *t = current;

	if (lockdep_held_depth())
		panic("task %s (pid %d) exits holding %u locks", t->name, t->pid,
		      lockdep_held_depth());
	t->exit_code = code;
	if (!(t->flags & PF_EXITING))
		atomic_inc(&dying_tasks);   /* before a joiner can see the exit */
	complete_all(&t->exited);
	sched_exit_current();
}

bool kthread_should_stop(void)
{
	return READ_ONCE(current->should_stop);
}

int kthread_join(struct task *t)
{
	int code;

	wait_for_completion(&t->exited);
	code = t->exit_code;
	task_put(t);
	return code;
}

int kthread_stop(struct task *t)
{
	WRITE_ONCE(t->should_stop, true);
	/* The wake-up's barrier orders should_stop before t's state is read. */
	if (READ_ONCE(t->state) == TASK_NEW)
		wake_up_new_task(t);
	else
		wake_up_process(t);
	return kthread_join(t);
}
