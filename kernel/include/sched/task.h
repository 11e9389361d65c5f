/*
 * struct task: one thread of execution (kernel threads for now; user
 * processes add an address space, files, signals, credentials).
 *
 * Lifetime. A task is reference counted (task_get/task_put). It is
 * created with two references: one that its running holds, dropped by
 * whoever switches away from it after it died (the next task on that
 * hart: its stack cannot be freed while it runs on it), and one for the
 * creator, dropped by kthread_stop()/kthread_join() or task_put(). The
 * last put frees the kernel stack and the struct.
 *
 * States. TASK_RUNNING means runnable: running or on a run queue.
 * A task puts itself to sleep by setting TASK_INTERRUPTIBLE or
 * TASK_UNINTERRUPTIBLE (set_current_state) and calling schedule(), which
 * takes it off its run queue -- unless a wake-up set it back to
 * TASK_RUNNING first. TASK_NEW: created, never woken (wake_up_new_task).
 * TASK_DEAD: exited; it switches away for the last time.
 *
 * Locks ([x] after each field): [I] immutable after creation; [rq] the
 * lock of the run queue of task->cpu (written by others only under it;
 * task->cpu itself changes only with both the old and the new cpu's
 * locks held); [own] only the task itself, or its creator before it first
 * runs; [a] atomic or READ_ONCE/WRITE_ONCE. docs/sched.md describes the
 * life of a task; docs/locking.md the order of the locks.
 */
#ifndef SCHED_TASK_H
#define SCHED_TASK_H

#include <arch/fpu.h>
#include <arch/memlayout.h>
#include <arch/ptrace.h>
#include <arch/switch.h>
#include <kernel/smp.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <locking/lockdep.h>
#include <proc/signal.h>
#include <sched/cfs.h>
#include <sched/wait.h>

/* task->state: a sleeping state is a bit, so a wake-up can take a mask. */
#define TASK_RUNNING         0x00u
#define TASK_INTERRUPTIBLE   0x01u
#define TASK_UNINTERRUPTIBLE 0x02u
#define TASK_NORMAL          (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define TASK_NEW             0x10u
#define TASK_DEAD            0x20u

/* task->flags */
#define PF_IDLE    0x1u    /* a cpu's idle task */
#define PF_KTHREAD 0x2u    /* a kernel thread */
#define PF_USER    0x4u    /* has a user trap frame at the top of its stack (task_pt_regs) */
#define PF_EXITING 0x8u    /* in do_exit: its id no longer finds it (task_find_by_pid) */

/* task->policy (Linux's numbers). */
#define SCHED_NORMAL 0
#define SCHED_FIFO   1
#define SCHED_RR     2
#define SCHED_BATCH  3
#define SCHED_IDLE   5

#define TASK_COMM_LEN 16

/* ---------------------------------------------------------------- cpu masks */

_Static_assert(NR_CPUS <= 64, "struct cpumask is one word");

struct cpumask {
	unsigned long bits;
};

#define CPUMASK_ALL ((struct cpumask){ .bits = ~0UL })

static inline struct cpumask cpumask_of(unsigned int cpu)
{
	return (struct cpumask){ .bits = 1UL << cpu };
}

static inline bool cpumask_test(const struct cpumask *m, unsigned int cpu)
{
	return (m->bits >> cpu) & 1;
}

static inline void cpumask_set(struct cpumask *m, unsigned int cpu)
{
	m->bits |= 1UL << cpu;
}

static inline bool cpumask_empty(const struct cpumask *m)
{
	return m->bits == 0;
}

/* ---------------------------------------------------------------- the task */

struct sched_class;
struct process;
struct files_struct;
struct fs_struct;

/*
 * A page fault that must sleep (read a file page in) cannot do so under
 * mm_lock: the file's fault method records here what to wait for and
 * returns -EAGAIN; the fault path drops the lock, calls wait (may sleep)
 * and put, and retries (mm/fault.c).
 */
struct fault_defer {
	int (*wait)(void *obj, unsigned long pgoff);   /* 0, or -errno: the fault fails */
	void (*put)(void *obj);                        /* drop the reference the method took */
	void *obj;
	unsigned long pgoff;
};
struct blk_plug;
struct sem_undo_list;

struct task {
	struct switch_context ctx;     /* [own] registers while switched out */
	void *stack;                   /* [I] lowest address of the KSTACK_SIZE kernel stack */
	int pid;                       /* [I] 0 for the idle tasks (proc/pid.c) */
	struct hlist_node pid_node;    /* [pid_lock] in the pid hash */
	unsigned int flags;            /* [own] PF_*: set before the task runs, or by itself with interrupts off */
	char name[TASK_COMM_LEN];      /* [own] set at creation, by exec (its basename) and by
					*      prctl(PR_SET_NAME); read racily by others: name[15]
					*      stays NUL */
	struct mm_struct *mm;          /* [I] NULL for kernel threads; do not dereference here */
	atomic_t refs;                 /* [a] see "Lifetime" */

	/* Scheduling. */
	unsigned int state;            /* [rq] TASK_*; the task itself sets its sleeping state */
	const struct sched_class *class; /* [rq] */
	int policy;                    /* [rq] SCHED_* (sched_set_policy) */
	int nice;                      /* [rq] -20..19 */
	struct sched_entity se;        /* [rq] the fair class's view */
	unsigned int cpu;              /* [rq] run queue it is on or last ran on */
	struct cpumask cpus_allowed;   /* [rq] affinity */
	bool on_rq;                    /* [rq] queued: running or waiting to run */
	bool migrate_pending;          /* [rq] taken off its disallowed cpu at switch-out;
					*      the next task there queues it elsewhere */

	/* Accounting (nanoseconds), [rq]; se.sum_exec_runtime is the run time. */
	u64 nr_voluntary_switches;     /* switched out asleep */
	u64 nr_involuntary_switches;   /* switched out runnable (preempted, yielded) */
	u64 nr_migrations;             /* moves to another cpu */
	u64 wait_start;                /* when it last became runnable but not running, or 0 */
	u64 wait_sum;                  /* total time runnable but waiting for a cpu */
	u64 wait_max;                  /* longest such wait */
	u64 start_time;                /* [I] ktime at creation */

	/* Kernel threads. */
	int (*kthread_fn)(void *arg);  /* [I] */
	void *kthread_arg;             /* [I] */
	bool should_stop;              /* [a] kthread_stop() asked */
	int exit_code;                 /* [own] valid once exited is complete */
	struct completion exited;      /* completed when the task exits */

	/* Real-time class (kernel/sched/rt.c). */
	int rt_priority;               /* [rq] 1..99 under SCHED_FIFO/SCHED_RR, else 0 */
	struct list_head rt_node;      /* [rq] in its priority's run list */
	u64 rt_slice_end;              /* [rq] SCHED_RR: se.sum_exec_runtime when its slice ends */

	/* User tasks (kernel/proc/); NULL/0 for kernel threads. */
	struct process *proc;          /* [I] the process (proc/process.h) */
	struct list_head thread_node;  /* [process_lock] in proc->threads */
	struct files_struct *files;    /* [own] file descriptors (fs/file.h), shared by CLONE_FILES */
	struct fs_struct *fs;          /* [own] root, cwd, umask (fs/), shared by CLONE_FS */
	unsigned long set_child_tid;   /* [own] user int *: CLONE_CHILD_SETTID */
	unsigned long clear_child_tid; /* [own] user int *: zeroed and futex-woken at exit */
	unsigned long robust_list;     /* [own] set_robust_list head (recorded only) */
	unsigned long robust_list_len; /* [own] */
	struct fault_defer fault_defer; /* [own] a fault's sleeping half (mm/mm.h) */
	struct sem_undo_list *sysvsem; /* [own] SEM_UNDO adjustments (kernel/ipc/sem.c), shared by
					*      CLONE_SYSVSEM; NULL until first used */
	struct completion *vfork_done; /* [own] CLONE_VFORK: completed at exec or exit */
	u64 utime_ticks, stime_ticks;  /* [own] ticks that found it in user / kernel mode */
	bool syscall_trace;            /* [own] print each system call (syscall.trace=) */
	struct fp_state fp;            /* [own] user FP registers while not loaded (arch/fpu.h) */
	int fp_cpu;                    /* [own] hart whose FP registers hold fp, or -1 */

	struct task_signal sig;        /* signals: see proc/signal.h for each field's lock */

	struct blk_plug *plug;         /* [own] bios held back (block/blkdev.h), or NULL */
	void *journal_info;            /* [own] the file system's open journal handle
					*      (ext2: struct ext2_jctx, fs/ext2/ext2_txn.c), or
					*      NULL; NULL at creation (task_alloc zeroes) */
	struct lockdep_held lockdep_held;  /* [own] locks held (locking/lockdep.h) */
};

/* The running task: one load off tp, so it is right even across preemption. */
static inline struct task *get_current(void)
{
	struct task *t;

	__asm__ __volatile__("ld %0, %1(tp)" : "=r"(t) : "i"(CPU_CURRENT));
	return t;
}
#define current get_current()

static inline void task_get(struct task *t)
{
	atomic_inc(&t->refs);
}

/* Drop a reference; the last one frees the task (kernel/sched/kthread.c). */
void task_put(struct task *t);

/*
 * Set the running task's state, then a full barrier: the store is visible
 * before any later load of a wake-up condition. Pairs with the barrier at
 * the start of a wake-up (try_to_wake_up in kernel/sched/core.c).
 */
static inline void set_current_state(unsigned int state)
{
	WRITE_ONCE(current->state, state);
	smp_mb();
}

/* The same without the barrier, for going back to TASK_RUNNING. */
static inline void __set_current_state(unsigned int state)
{
	WRITE_ONCE(current->state, state);
}

/* The user registers of a PF_USER task: the frame at the top of its kernel stack. */
static inline struct pt_regs *task_pt_regs(const struct task *t)
{
	return (struct pt_regs *)(t->ctx.stack_top - PT_SIZE);
}

static inline bool task_is_idle(const struct task *t)
{
	return t->flags & PF_IDLE;
}

#endif /* SCHED_TASK_H */
