/*
 * Processes: the struct process cache, the process tree and its lock,
 * and the small queries other subsystems ask about the running process
 * (interface in proc/process.h). fork.c creates processes and threads,
 * exit.c ends them, wait.c reaps them.
 *
 * Locks: "tasklist_lock" (the [T] fields of every process; taken before
 * any "process_lock"), "process_lock" per process. docs/locking.md.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/user.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <proc/exec.h>
#include <proc/process.h>
#include <proc/signal.h>
#include "proc_internal.h"
#include <sched/sched.h>
#include <uapi/errno.h>

struct spinlock tasklist_lock = SPINLOCK_INIT("tasklist_lock");
LIST_HEAD(process_list);          /* [tasklist_lock] every process */
struct process *init_process;     /* [I] once proc_start_init() ran */

struct process *current_process(void)
{
	return current->proc;
}

bool fatal_signal_pending(struct task *t)
{
	struct process *p = t->proc;
	struct task *exec_task;

	if (!p)
		return false;
	exec_task = READ_ONCE(p->exec_task);
	return READ_ONCE(p->group_exit) || (exec_task && exec_task != t);
}

bool capable_root(void)
{
	struct process *p = current->proc;

	return !p || READ_ONCE(p->cred.euid) == 0;   /* kernel threads are root */
}

static struct kmem_cache *process_cache;   /* [I] */
static atomic_t nr_processes_live;         /* [a] allocated, not yet freed */

void proc_init(void)
{
	process_cache = kmem_cache_create("process", sizeof(struct process), 64, NULL);
	if (!process_cache)
		panic("proc: no memory for the process cache");
	mm_oom_hook = oom_kill;
	signal_init();
}

unsigned int nr_processes(void)
{
	return (unsigned int)atomic_read(&nr_processes_live);
}

static void rlimits_init(struct rlimit64 *rlim)
{
	for (int i = 0; i < RLIM_NLIMITS; i++)
		rlim[i] = (struct rlimit64){ RLIM_INFINITY, RLIM_INFINITY };
	rlim[RLIMIT_STACK].rlim_cur = MM_STACK_LIMIT_DEFAULT;
	rlim[RLIMIT_CORE].rlim_cur = 0;
	rlim[RLIMIT_NOFILE] = (struct rlimit64){ 1024, 4096 };
	rlim[RLIMIT_NPROC] = (struct rlimit64){ PID_MAX, PID_MAX };
	rlim[RLIMIT_SIGPENDING] = (struct rlimit64){ 4096, 4096 };
	rlim[RLIMIT_MEMLOCK] = (struct rlimit64){ 8UL << 20, 8UL << 20 };
	rlim[RLIMIT_MSGQUEUE] = (struct rlimit64){ 819200, 819200 };
	rlim[RLIMIT_NICE] = (struct rlimit64){ 0, 0 };
	rlim[RLIMIT_RTPRIO] = (struct rlimit64){ 0, 0 };
}

/*
 * A new process whose leader is t (not yet linked anywhere): one
 * reference, for t. Credentials and limits are copied from from, or set
 * to root's defaults when from is NULL. NULL if out of memory.
 */
struct process *process_alloc(struct task *t, const struct process *from)
{
	struct process *p = kmem_cache_alloc(process_cache, GFP_KERNEL);

	if (!p)
		return NULL;
	memset(p, 0, sizeof(*p));
	atomic_set(&p->refs, 1);
	p->tgid = t->pid;
	p->leader = t;
	spin_lock_init(&p->lock, "process_lock");
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->all_node);
	INIT_LIST_HEAD(&p->threads);
	wait_queue_head_init(&p->child_wait, "child_wait");
	signal_process_init(p);
	if (from) {
		unsigned long irq = spin_lock_irqsave((struct spinlock *)&from->lock);

		p->cred = from->cred;
		memcpy(p->rlim, from->rlim, sizeof(p->rlim));
		spin_unlock_irqrestore((struct spinlock *)&from->lock, irq);
	} else {
		rlimits_init(p->rlim);
	}
	list_add_tail(&t->thread_node, &p->threads);
	p->nr_threads = 1;
	memcpy(p->comm, t->name, sizeof(p->comm));
	/* The tgid is not handed out again while the process exists (pid.c). */
	pid_group_get(p->tgid);
	t->proc = p;
	atomic_inc(&nr_processes_live);
	return p;
}

void process_put(struct process *p)
{
	if (!atomic_dec_and_test(&p->refs))
		return;
	BUG_ON(p->nr_threads);
	signal_process_free(p);
	pid_group_put(p->tgid);
	kmem_cache_free(process_cache, p);
	atomic_dec(&nr_processes_live);
}

void proc_task_free(struct task *t)
{
	process_put(t->proc);
	t->proc = NULL;
}

/*
 * Turn the running kernel thread into the leader of a new process, child
 * of init if init exists (else parentless: reaped as soon as it exits;
 * the self-tests use that and collect the status with kthread_join()).
 * Its own process group and session; root credentials; default limits.
 */
int proc_become_user(void)
{
	struct task *t = current;
	struct process *p;
	unsigned long irq;

	BUG_ON(t->proc || t->mm);
	p = process_alloc(t, NULL);
	if (!p)
		return -ENOMEM;
	if (signal_task_init(t)) {
		list_del_init(&t->thread_node);
		p->nr_threads = 0;
		t->proc = NULL;
		process_put(p);
		return -ENOMEM;
	}
	p->exit_signal = 17;   /* SIGCHLD */
	p->pgid = p->sid = p->tgid;
	pid_group_get(p->tgid);
	pid_group_get(p->tgid);
	irq = spin_lock_irqsave(&tasklist_lock);
	p->parent = init_process;
	if (p->parent) {
		list_add_tail(&p->sibling, &p->parent->children);
		atomic_inc(&p->refs);
	}
	list_add_tail(&p->all_node, &process_list);
	spin_unlock_irqrestore(&tasklist_lock, irq);
	t->flags &= ~PF_KTHREAD;
	syscall_trace_check(t);
	return 0;
}

int proc_console_files(struct task *t)
{
	t->files = files_create();
	t->fs = fs_create_root();
	if (!t->files || !t->fs)
		return -ENOMEM;
	return files_install_console(t->files);
}

int proc_start_init(const char *const paths[], char *const argv[], char *const envp[])
{
	struct exec_entry entry;
	int err;

	/* The init kthread ran pinned to cpu 0; the process may run anywhere. */
	err = set_cpus_allowed(current, CPUMASK_ALL);
	if (!err)
		err = proc_become_user();
	if (err)
		return err;
	if (current->pid != INIT_PID)
		pr_warn("init: pid %d, not %d (another task was created first)\n", current->pid,
			INIT_PID);
	init_process = current->proc;
	err = proc_console_files(current);
	for (int i = 0; !err && paths[i]; i++) {
		err = do_execve(paths[i], argv, envp, &entry);
		if (!err) {
			pr_info("init: running %s as pid %d\n", paths[i], current->pid);
			user_start(entry.pc, entry.sp);
		}
		if (err == -ENOENT && paths[i + 1])
			err = 0;   /* try the next one */
	}
	return err;
}
