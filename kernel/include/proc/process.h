/*
 * Processes: what the threads of one process share (kernel/proc/).
 *
 * A struct task is one thread (sched/task.h). The threads of a process
 * point at one struct process, Linux's signal_struct plus the parts of
 * task_struct that POSIX says belong to the process: the thread-group id
 * (tgid, the pid user space sees), the parent and children, process group
 * and session, credentials, resource limits, the exit status that wait4
 * collects, the CPU time of threads that already exited, and the
 * process-wide signal state (proc/signal.h). The address space
 * (task->mm), the file table (task->files) and the signal handlers
 * (task->sig.sighand) are shared by reference count, since clone() can
 * share each one independently.
 *
 * Lifetime. A process is created by fork/clone without CLONE_THREAD (and
 * once at boot for init) and reference counted: each of its threads holds
 * one and its parent's children list holds one until wait4 reaps the
 * zombie. When its last thread exits it becomes a ZOMBIE: the exit status
 * is recorded, its children go to init, its parent gets its exit signal
 * (SIGCHLD) and is woken; wait4 moves it to DEAD and drops the list's
 * reference (or exit does, when the parent ignores SIGCHLD).
 *
 * Locks ([x] after each field; docs/locking.md has the order):
 *   [T] tasklist_lock: the process tree (parent, children, sibling),
 *       pgid/sid, exit_state, the pid hash (kernel/proc/pid.c).
 *   [P] process->lock ("process_lock"): threads, nr_threads, group exit,
 *       credentials, rlimits, accumulated times. Taken inside tasklist_lock.
 *   [I] immutable after creation; [a] atomic.
 */
#ifndef PROC_PROCESS_H
#define PROC_PROCESS_H

#include <arch/atomic.h>
#include <kernel/syscall.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <locking/spinlock.h>
#include <proc/signal.h>
#include <sched/wait.h>

struct task;
struct pt_regs;

/* pid numbers: 1..PID_MAX-1, allocated next-fit so numbers are reused late. */
#define PID_MAX 32768
#define INIT_PID 1

/* ----------------------------------------------------------- credentials */

#define NGROUPS_MAX 65536   /* Linux's limit; Kestrel keeps at most CRED_NGROUPS */
#define CRED_NGROUPS 32

struct cred {
	u32 uid, euid, suid, fsuid;
	u32 gid, egid, sgid, fsgid;
	unsigned int ngroups;
	u32 groups[CRED_NGROUPS];
};

/* ----------------------------------------------------------- rlimits */

/* Linux's RLIMIT_* numbers (asm-generic/resource.h). */
#define RLIMIT_CPU        0
#define RLIMIT_FSIZE      1
#define RLIMIT_DATA       2
#define RLIMIT_STACK      3
#define RLIMIT_CORE       4
#define RLIMIT_RSS        5
#define RLIMIT_NPROC      6
#define RLIMIT_NOFILE     7
#define RLIMIT_MEMLOCK    8
#define RLIMIT_AS         9
#define RLIMIT_LOCKS      10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE   12
#define RLIMIT_NICE       13
#define RLIMIT_RTPRIO     14
#define RLIMIT_RTTIME     15
#define RLIM_NLIMITS      16
#define RLIM_INFINITY     (~0UL)

struct rlimit64 {
	u64 rlim_cur;
	u64 rlim_max;
};

/* ----------------------------------------------------------- the process */

enum process_state {
	PROCESS_ALIVE,
	PROCESS_ZOMBIE,   /* every thread exited; waiting to be reaped */
	PROCESS_DEAD,     /* reaped by wait4 */
};

struct process {
	atomic_t refs;                   /* [a] threads + the parent's children list */
	int tgid;                        /* [I] the leader's pid */
	struct task *leader;             /* [I] the first thread (its struct stays while the process does) */
	struct spinlock lock;            /* process_lock: the [P] fields */

	/* [T] */
	struct process *parent;          /* init for orphans; NULL only for init */
	struct list_head children;       /* processes whose parent this is */
	struct list_head sibling;        /* in parent->children */
	struct list_head all_node;       /* in the list of every process */
	int pgid, sid;
	enum process_state exit_state;
	int exit_status;                 /* Linux wait status, once a zombie */
	int exit_signal;                 /* signal to the parent at exit (SIGCHLD, or 0) */
	bool reaping;                    /* a wait4 has claimed the zombie */
	bool did_exec;                   /* it called execve (setpgid by the parent: EACCES) */

	/* [P] */
	struct list_head threads;        /* struct task.thread_node */
	unsigned int nr_threads;         /* live (not yet exited) threads */
	bool group_exit;                 /* exit_group or a fatal signal: every thread leaves */
	struct task *exec_task;          /* a thread in execve: every other thread leaves */
	int group_exit_status;           /* the wait status for group_exit */
	struct cred cred;
	struct rlimit64 rlim[RLIM_NLIMITS];
	u64 dead_utime, dead_stime;      /* ns run by threads that exited */
	u64 child_utime, child_stime;    /* ns of reaped children (times, getrusage) */
	u64 dead_nvcsw, dead_nivcsw;     /* context switches of exited threads */

	struct proc_signal sig;          /* signals: proc/signal.h ([S]: sig.lock) */

	struct wait_queue_head child_wait;  /* wait4 sleeps here: a child changed state */
	char comm[16];                   /* [P] the leader's name at exec */
	unsigned long unknown_logged[(NR_SYSCALLS + 63) / 64];  /* [a] syscall.log=unknown: numbers logged */
};

/* Processes that exist now (zombies included), for sysinfo and leak checks. */
unsigned int nr_processes(void);

/* The process of the running task (NULL for kernel threads). */
struct process *current_process(void);

/*
 * Should a sleep of t be cut short? True when t must leave for good (its
 * process is exiting as a group, or was killed), when a signal that t
 * does not block is pending for it or its process, or when t must take
 * part in a group stop. Interruptible sleeps in system calls check it
 * after each wake-up and return -ERESTARTSYS (or -EINTR, -ERESTARTNOHAND,
 * -ERESTART_RESTARTBLOCK: proc/signal.h); lockless.
 */
bool signal_pending(struct task *t);
/* The subset that makes the task exit: the syscall-return path checks it. */
bool fatal_signal_pending(struct task *t);
/* Is the caller root (euid 0; there are no capabilities)? */
bool capable_root(void);

/* ----------------------------------------------------------- pids (pid.c) */

/* A new pid, or -EAGAIN when all PID_MAX-1 are taken. Any context but interrupts. */
int pid_alloc(void);
void pid_free(int pid);
/* Numbers in use as a process group or session id are not reallocated. */
void pid_group_get(int nr);
void pid_group_put(int nr);
bool pid_group_exists(int nr);
/* The pid hash: every task but the idle tasks, from creation to task_free(). */
void pid_hash_add(struct task *t);
void pid_hash_del(struct task *t);
/* The task with thread id pid, with a reference (task_put it), or NULL. */
struct task *task_find_by_pid(int pid);
/* Print every task with its state and a sleeping one's kernel call chain (console Ctrl-T). */
void pid_dump_tasks(void);
/* Pids allocated now (leak checks). */
unsigned int pid_count(void);

/* ----------------------------------------------------------- lifecycle */

/* Boot: caches and the tasklist. */
void proc_init(void);
/* task_free() of a task with ->proc: drop its reference on the process. No sleeping. */
void proc_task_free(struct task *t);
void process_put(struct process *p);

/*
 * Make the running kernel thread the leader of a new process (child of
 * init once init exists; before that parentless, reaped when it exits,
 * its wait status then being its kthread_join() code). 0 or -ENOMEM.
 */
int proc_become_user(void);
/* Give t (without any yet) fds 0, 1, 2 on the console and the root as root and cwd. 0 or -ENOMEM. */
int proc_console_files(struct task *t);

/*
 * Make the running kernel thread the first user process (pid 1, init):
 * a new struct process, unpinned, the console on fds 0, 1 and 2, the
 * ramfs root as root and cwd, then execve of the first of paths (a NULL-
 * terminated list) that exists, with argv and envp. Returns only on
 * failure: the last exec's -errno (-ENOENT: none exists).
 */
int proc_start_init(const char *const paths[], char *const argv[], char *const envp[]);

/* The clone flags Kestrel knows (Linux's values, uapi/sched.h). */
#define CLONE_VM             0x00000100
#define CLONE_FS             0x00000200
#define CLONE_FILES          0x00000400
#define CLONE_SIGHAND        0x00000800
#define CLONE_PIDFD          0x00001000
#define CLONE_PTRACE         0x00002000
#define CLONE_VFORK          0x00004000
#define CLONE_PARENT         0x00008000
#define CLONE_THREAD         0x00010000
#define CLONE_NEWNS          0x00020000
#define CLONE_SYSVSEM        0x00040000
#define CLONE_SETTLS         0x00080000
#define CLONE_PARENT_SETTID  0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_DETACHED       0x00400000
#define CLONE_UNTRACED       0x00800000
#define CLONE_CHILD_SETTID   0x01000000
#define CSIGNAL              0x000000ff

struct clone_args_k {
	unsigned long flags;
	unsigned long stack;        /* new user sp, or 0: the parent's */
	unsigned long tls;
	unsigned long parent_tid;   /* user int * */
	unsigned long child_tid;    /* user int * */
	int exit_signal;
};

/* fork/clone from a system call: the child returns 0 to user mode. Returns the child's tid or -errno. */
long do_clone(struct pt_regs *regs, const struct clone_args_k *args);

/* t's CPU time in ns, split into user and system by the tick samples. */
void task_cputime(struct task *t, u64 *utime, u64 *stime);
/* The running process's soft limit res (RLIM_INFINITY for kernel threads). */
unsigned long rlimit_cur(unsigned int res);
/* Back to user mode (interrupts off): leave if the process is exiting. */
void user_return_work(struct pt_regs *regs);

/*
 * End every thread of p as a fatal signal would: p exits with wait status
 * status (the first such request wins). Threads leave on their way back
 * to user mode, sleepers when woken. Any task context.
 */
void process_kill(struct process *p, int status);
/* The OOM killer (mm_oom_hook): see kernel/proc/oom.c. */
int oom_kill(void);

/* Leave: the calling thread (exit), or every thread of the process (exit_group, fatal fault). */
void __noreturn do_exit(int status);
void __noreturn do_group_exit(int status);

/* Wait statuses (Linux's encoding). */
static inline int wait_status_exited(int code) { return (code & 0xff) << 8; }
static inline int wait_status_signaled(int sig) { return sig & 0x7f; }
static inline int wait_status_stopped(int sig) { return (sig & 0xff) << 8 | 0x7f; }
#define WAIT_STATUS_CONTINUED 0xffff
#define WAIT_STATUS_CORE 0x80

/* ----------------------------------------------------------- futex hooks */

/*
 * Wake up to nr waiters on the futex at user address uaddr of the current
 * address space (CLONE_CHILD_CLEARTID at thread exit). kernel/proc/futex.c.
 */
int futex_wake(unsigned long uaddr, bool private, int nr, u32 bitset);

#endif /* PROC_PROCESS_H */
