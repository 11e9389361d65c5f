/*
 * POSIX signals (kernel/proc/signal*.c, kill.c, itimer.c; docs/signals.md).
 *
 * Data. Each thread has a blocked mask, a pending set of its own
 * (tkill, tgkill, faults) and an alternate stack; each process has a
 * shared pending set (kill, timers), the group-stop state, what wait4
 * should report about a stop or continue, and the itimers. Handlers live
 * in a struct sighand shared by reference count (CLONE_SIGHAND; always
 * shared by the threads of one process). A pending set is a bit mask
 * plus a list of queued siginfos in arrival order: a standard signal
 * (1..31) is pending at most once (a second send coalesces), a real-time
 * one (32..64) once per send, each with its own siginfo.
 *
 * Delivery happens on the way back to user mode (signal_deliver, from
 * user_return_work): the lowest-numbered unblocked pending signal,
 * thread set first, is dequeued; ignored ones are dropped, a default
 * action is taken in the kernel (exit, exit with the core flag, group
 * stop), a handler gets Linux's riscv64 frame (struct rt_sigframe_u) on
 * the user or alternate stack with ra = the vDSO's __vdso_rt_sigreturn.
 *
 * Locks (docs/locking.md): "siglock" (process->sig.lock, irqsave) covers
 * every [S] field of the process and of its threads; it is taken after
 * tasklist_lock and before process_lock; "sighand_lock" (sighand->lock,
 * irqsave) covers the action table and nests inside siglock. Fields a
 * thread only changes itself are [own]; signal_pending() reads the
 * [S] sets without the lock (one word each).
 */
#ifndef PROC_SIGNAL_H
#define PROC_SIGNAL_H

#include <arch/atomic.h>
#include <kernel/timer.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <locking/spinlock.h>
#include <uapi/signal.h>

struct task;
struct process;
struct pt_regs;

/* Kernel-internal results of system calls: never seen by user space (Linux's values). */
#define ERESTARTSYS           512   /* restart under SA_RESTART or when no handler ran, else EINTR */
#define ERESTARTNOINTR        513   /* always restart */
#define ERESTARTNOHAND        514   /* restart only if no handler ran, else EINTR */
#define ERESTART_RESTARTBLOCK 516   /* restart through restart_syscall (current->sig.restart), or EINTR */

/* ---------------------------------------------------------------- signal sets */

#define SIGMASK(sig) (1ULL << ((sig) - 1))
#define SIG_UNBLOCKABLE (SIGMASK(SIGKILL) | SIGMASK(SIGSTOP))
#define SIG_STOP_MASK (SIGMASK(SIGSTOP) | SIGMASK(SIGTSTP) | SIGMASK(SIGTTIN) | SIGMASK(SIGTTOU))

static inline bool sig_valid(int sig) { return sig >= 1 && sig <= _NSIG; }
static inline bool sig_is_rt(int sig) { return sig >= SIGRTMIN; }
static inline bool sigset_has(ksigset_t s, int sig) { return (s >> (sig - 1)) & 1; }
/* The lowest-numbered signal in s (s != 0); no ctz instruction in rv64imac, no libgcc. */
static inline int sigset_first(ksigset_t s)
{
	int sig = 1;

	if (!(s & 0xffffffffULL)) { s >>= 32; sig += 32; }
	if (!(s & 0xffffULL)) { s >>= 16; sig += 16; }
	if (!(s & 0xffULL)) { s >>= 8; sig += 8; }
	if (!(s & 0xfULL)) { s >>= 4; sig += 4; }
	if (!(s & 0x3ULL)) { s >>= 2; sig += 2; }
	if (!(s & 0x1ULL))
		sig += 1;
	return sig;
}

/* What SIG_DFL does with sig. */
enum sig_default { SIGDFL_TERM, SIGDFL_CORE, SIGDFL_IGNORE, SIGDFL_STOP, SIGDFL_CONT };
enum sig_default sig_default_action(int sig);

/* ---------------------------------------------------------------- structures */

struct sigqueue {
	struct list_head node;         /* [S] in its sigpending's list */
	struct siginfo_k info;
};

struct sigpending {
	ksigset_t set;                 /* [S] signals pending (read locklessly by signal_pending) */
	struct list_head list;         /* [S] struct sigqueue, oldest first */
};

struct sighand {
	atomic_t refs;                 /* [a] tasks using it */
	struct spinlock lock;          /* "sighand_lock" */
	struct sigaction_u action[_NSIG];   /* [lock] indexed by sig - 1 */
};

/* How restart_syscall continues an interrupted call (-ERESTART_RESTARTBLOCK). */
struct restart_block {
	long (*fn)(struct restart_block *rb);   /* NULL: restart_syscall gives -EINTR */
	u64 deadline;                  /* nanosleep: monotonic deadline */
	unsigned long rmtp;            /* nanosleep: user struct timespec * for the time left */
	unsigned long futex_uaddr;     /* futex wait with a timeout (deadline as above) */
	u32 futex_val, futex_bitset;
	bool futex_private;
};

/* Per thread (struct task.sig). */
struct task_signal {
	ksigset_t blocked;             /* [S] written only by the thread itself */
	ksigset_t real_blocked;        /* [S] blocked before rt_sigtimedwait opened it, or 0 */
	ksigset_t saved_mask;          /* [own] to restore after delivery when restore_mask */
	bool restore_mask;             /* [own] sigsuspend/ppoll changed blocked for the sleep */
	bool stop_pending;             /* [S] must take part in its process's group stop */
	bool stopped;                  /* [S] asleep in a group stop */
	bool exiting;                  /* [S] in do_exit: not a target any more */
	struct sigpending pending;     /* [S] thread-directed */
	unsigned long sas_sp;          /* [own] alternate stack, or sas_size 0 */
	unsigned long sas_size;        /* [own] */
	unsigned int sas_flags;        /* [own] SS_AUTODISARM */
	struct restart_block restart;  /* [own] */
};

/* Per process (struct process.sig). */
struct proc_signal {
	struct spinlock lock;          /* "siglock": the [S] fields */
	struct sighand *sighand;       /* [S] handlers (replaced only by exec of a single thread);
					*      NULL for a stand-in process of a self-test */
	struct sigpending shared;      /* [S] process-directed */
	unsigned int nqueued;          /* [S] sigqueues on it and its threads (RLIMIT_SIGPENDING) */
	unsigned int flags;            /* [S] SIGNAL_* */
	int stop_sig;                  /* [S] the signal of the current group stop */
	unsigned int stop_count;       /* [S] threads that must still stop */
	int wait_code;                 /* [S] unreported CLD_STOPPED/CLD_CONTINUED for wait, or 0 */
	int wait_status;               /* [S] the wait status that goes with it */

	struct timer real_timer;       /* ITIMER_REAL (SIGALRM); itimer.c */
	u64 real_expires;              /* [S] monotonic ns of the next expiry while real_armed */
	u64 real_interval;             /* [S] ns, 0: one-shot */
	bool real_armed;               /* [S] */
	u64 virt_left, virt_interval;  /* [S] ITIMER_VIRTUAL: ns of user time left; 0: off */
	u64 prof_left, prof_interval;  /* [S] ITIMER_PROF: ns of user+system time left; 0: off */
	bool cpu_timers;               /* [a] virt_left or prof_left set: the tick looks */
};

/*
 * The pure part (signal_set.c; no locks taken: callers hold siglock).
 * sigpending_coalesces: would sending standard sig to sp coalesce with
 * the pending one? sigpending_add: mark sig pending, queueing q's siginfo
 * (q may be NULL: siginfo lost) after the others. sigpending_take: the
 * oldest siginfo of sig into *info (SI_USER zeroes if none queued),
 * clearing the bit when none is left; returns the unlinked entry for the
 * caller to free, or NULL. sigpending_next: the signal to take next from
 * sp outside blocked (faults first, then the lowest number), or 0.
 * sig_choose_thread: the thread to take process-directed sig -- cur if it
 * wants it, else the first on threads that does (each list node's
 * struct task_signal at sig_off bytes from it), or NULL.
 */
void sigpending_init(struct sigpending *sp);
bool sigpending_coalesces(const struct sigpending *sp, int sig);
void sigpending_add(struct sigpending *sp, int sig, struct sigqueue *q);
struct sigqueue *sigpending_take(struct sigpending *sp, int sig, struct siginfo_k *info);
int sigpending_next(const struct sigpending *sp, ksigset_t blocked);
bool sig_wanted_by(const struct task_signal *ts, int sig);
struct task_signal *sig_choose_thread(struct list_head *threads, long sig_off,
				      struct task_signal *cur, int sig);

#define SIGNAL_STOP_ACTIVE  0x1u   /* a group stop is in progress or complete */
#define SIGNAL_STOPPED      0x2u   /* every thread has stopped */
#define SIGNAL_NOTIFY_CONT  0x4u   /* continued: a thread tells the parent (CLD_CONTINUED) */

/* ---------------------------------------------------------------- sending */

/*
 * Send sig with info to process p (any thread that does not block it)
 * or to thread t. info NULL: SI_KERNEL. Applies SIGCONT/stop side
 * effects, drops ignored signals, coalesces standard ones, queues
 * real-time ones, wakes a thread to take it, and starts a group exit at
 * once for a fatal default action. 0 or -EAGAIN (real-time queue full,
 * only if info came from rt_sigqueueinfo: si_code < 0, not SI_TKILL).
 * Any context (interrupts too); takes siglock.
 */
int signal_send_process(struct process *p, int sig, const struct siginfo_k *info);
int signal_send_thread(struct task *t, int sig, const struct siginfo_k *info);

/*
 * A synchronous fault of the current thread: sig with si_code code and
 * si_addr addr. If sig is blocked or ignored it is unblocked and reset to
 * SIG_DFL first, so a fault inside its own handler kills (Linux's
 * force_sig_fault). Takes siglock.
 */
void force_sig_fault(int sig, int code, unsigned long addr);

/*
 * Send sig to every process of process group pgrp (priv: without the
 * permission check; the tty layer's ^C/^Z/^\ and SIGHUP). 0 if at least
 * one process got it, -ESRCH if the group is empty, -EPERM, -EINVAL.
 * Any context; takes tasklist_lock.
 */
int kill_pgrp(int pgrp, int sig, int priv);
/* The same for one process by pid (priv as above). */
int kill_pid(int pid, int sig, int priv);

/*
 * Is process group pgrp orphaned (POSIX: no member has a parent in
 * another group of the same session)? The stop signals from a terminal
 * are then discarded. Takes tasklist_lock.
 */
bool is_orphaned_pgrp(int pgrp);
bool is_current_pgrp_orphaned(void);

/* ---------------------------------------------------------------- delivery */

/*
 * On the way back to user mode (interrupts off on entry and exit, may
 * enable them): take the exit/stop/handler actions of pending signals,
 * then apply a system call's restart rule to regs. Runs only for a task
 * with a process.
 */
void signal_deliver(struct pt_regs *regs);
/*
 * The restart rule for a system call that returned -ERESTART* in regs->a0
 * (kernel/proc/syscall.c), before handler ka runs (ka NULL: no handler
 * ran): rewind to the ecall with a0 = orig_a0 (restart_syscall's number
 * in a7 for -ERESTART_RESTARTBLOCK), or make it -EINTR. Other values are
 * left alone.
 */
void syscall_restart(struct pt_regs *regs, const struct sigaction_u *ka);
/* Does the way back to user mode have signal work (cheap, lockless)? */
bool signal_work_pending(struct task *t, const struct pt_regs *regs);

/*
 * ppoll/pselect6 (and sigsuspend-like waits): install mask for a wait;
 * after it, interrupted (a handler is about to run: its frame must hold
 * the old mask) restores the old mask after delivery, else now.
 */
void signal_mask_for_wait(ksigset_t mask);
void signal_mask_after_wait(bool interrupted);

/* ---------------------------------------------------------------- lifecycle hooks */

/* Boot: the caches. */
void signal_init(void);
/* A new process's signal state (process_alloc): empty, siglock initialised. */
void signal_process_init(struct process *p);
/* A new user process's first thread (proc_become_user): default handlers. 0 or -ENOMEM. */
int signal_task_init(struct task *t);
/*
 * clone: child's handlers (shared with CLONE_SIGHAND, else a copy), the
 * caller's mask and alternate stack, nothing pending. 0 or -ENOMEM.
 */
int signal_clone(struct task *child, unsigned long clone_flags);
/*
 * clone of a thread into p, while linking it (siglock held): if a group
 * stop is under way the new thread takes part in it (stops before it
 * first reaches user mode), as on Linux.
 */
void signal_clone_stop(struct process *p, struct task *child);
/*
 * exec (past the point of no return): caught handlers back to SIG_DFL
 * (ignored ones stay), a sighand of its own, no alternate stack; mask and
 * pending signals stay. Without memory for the copy the process is killed.
 */
void signal_exec(void);
/* do_exit, before the thread leaves the list: no longer a target; its stop share done. */
void signal_task_exit(struct task *t);
/* The last thread left (no locks held): stop the itimers. May wait for a timer callback. */
void signal_process_exit(struct process *p);
/* The struct process goes: its queued signals. */
void signal_process_free(struct process *p);
/*
 * Tell the parent that p exited (tasklist_lock held, p->lock not):
 * p->exit_signal with CLD_EXITED/KILLED/DUMPED, and whether p must be
 * reaped at once because the parent ignores SIGCHLD or set SA_NOCLDWAIT.
 */
bool signal_notify_parent_exit(struct process *p);

/* ---------------------------------------------------------------- wait4 */

/*
 * A stop or continue of child c that wait should report (tasklist_lock
 * held): the wait status, or 0 if none for these WUNTRACED/WCONTINUED
 * options. consume: clear it (not WNOWAIT). *code gets CLD_STOPPED or
 * CLD_CONTINUED.
 */
int signal_wait_report(struct process *c, bool stopped, bool continued, bool consume, int *code);

/* ---------------------------------------------------------------- timers */

/* The tick (interrupt context): charge ITIMER_VIRTUAL/PROF of current's process. */
void itimer_tick(bool user);

#endif /* PROC_SIGNAL_H */
