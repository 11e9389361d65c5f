/*
 * fork, vfork and clone (interface in proc/process.h).
 *
 * do_clone() makes a new task that starts in user mode right after the
 * parent's ecall with a0 = 0. What it shares with the parent is chosen by
 * the Linux clone flags: CLONE_VM (the address space, else a copy-on-
 * write duplicate, mm_dup), CLONE_FILES, CLONE_FS, CLONE_SIGHAND (the
 * handlers, else a copy; signal_clone also copies the mask and leaves
 * nothing pending), CLONE_THREAD (the process: the new
 * task is another thread of it, else it leads a new process whose parent
 * is the caller's process, or the caller's parent with CLONE_PARENT).
 * CLONE_SETTLS sets the child's tp, CLONE_PARENT_SETTID/CHILD_SETTID
 * store the new tid, CLONE_CHILD_CLEARTID is remembered for exit, and
 * CLONE_VFORK suspends the caller until the child execs or exits.
 *
 * The child's first code is fork_child_entry(), which finishes the
 * scheduler's switch and leaves through trap_return with the frame the
 * parent prepared at the top of the child's kernel stack.
 *
 * Locks: tasklist_lock then the parent's process_lock, to link the new
 * task in; nothing is held while memory is allocated or copied.
 */
#include <arch/csr.h>
#include <arch/fpu.h>
#include <arch/irqflags.h>
#include <arch/ptrace.h>
#include <ipc/ipc.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/uaccess.h>
#include <mm/vmalloc.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#include "proc_internal.h"

/* Flags that ask for something Kestrel does not have (namespaces, pidfds, ptrace). */
#define CLONE_UNSUPPORTED (CLONE_NEWNS | CLONE_PIDFD | 0x02000000 /* NEWCGROUP */ | \
			   0x04000000 /* NEWUTS */ | 0x08000000 /* NEWIPC */ | \
			   0x10000000 /* NEWUSER */ | 0x20000000 /* NEWPID */ | \
			   0x40000000 /* NEWNET */ | 0x80000000UL /* IO */)

static int clone_check_flags(unsigned long flags)
{
	if (flags & CLONE_UNSUPPORTED)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if (!current->proc || !current->mm)
		return -EINVAL;
	return 0;
}

/* The child's first instruction after the scheduler's switch tail. */
static void __noreturn fork_child_entry(void *arg)
{
	struct task *t = current;
	struct pt_regs *regs = arg;

	if (t->set_child_tid) {
		int tid = t->pid;
		(void)put_user(tid, (int *)t->set_child_tid);
	}
	if (fatal_signal_pending(t))
		do_exit(0);
	local_irq_disable();
	__asm__ __volatile__("mv sp, %0\n\tmv s0, zero\n\tj trap_return" : : "r"(regs) : "memory");
	__builtin_unreachable();
}

/* Give the child its address space: shared or a copy-on-write duplicate. */
static int clone_mm(struct task *child, unsigned long flags)
{
	struct mm_struct *mm = current->mm;

	if (flags & CLONE_VM) {
		mm_get(mm);
	} else {
		mm = mm_dup(mm);
		if (IS_ERR(mm))
			return PTR_ERR(mm);
	}
	child->mm = mm;
	return 0;
}

/* The child's user frame: the parent's, returning 0, with the new sp/tls. */
static void clone_regs(struct task *child, const struct pt_regs *regs,
				  const struct clone_args_k *args)
{
	struct pt_regs *cregs = task_pt_regs(child);

	*cregs = *regs;
	cregs->a0 = 0;
	if (args->stack)
		cregs->sp = args->stack;
	if (args->flags & CLONE_SETTLS)
		cregs->tp = args->tls;
	fpu_copy_to_child(child, cregs);
}

/* The child's process: the caller's (a thread) or a new one. */
static int clone_process(struct task *child, const struct clone_args_k *args)
{
	struct process *parent = current->proc, *p;

	if (args->flags & CLONE_THREAD) {
		child->proc = parent;
		atomic_inc(&parent->refs);
		return 0;
	}
	p = process_alloc(child, parent);
	if (!p)
		return -ENOMEM;
	p->exit_signal = args->exit_signal;
	return 0;
}

/*
 * Link the child in: a thread into its process's list, a new process
 * under its parent. Fails with -EINTR (nothing linked) if the caller's
 * process is exiting, so that no thread escapes a group exit.
 */
static int clone_link(struct task *child, unsigned long flags)
{
	struct process *cur = current->proc, *p = child->proc;
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);
	int err = 0;

	if (flags & CLONE_THREAD)
		spin_lock(&cur->sig.lock);   /* a group stop under way must count the new thread */
	spin_lock(&cur->lock);
	if (cur->group_exit) {
		err = -EINTR;
	} else if (flags & CLONE_THREAD) {
		list_add_tail(&child->thread_node, &cur->threads);
		cur->nr_threads++;
		signal_clone_stop(cur, child);
	} else {
		struct process *parent = (flags & CLONE_PARENT) && cur->parent ? cur->parent : cur;

		p->parent = parent;
		p->pgid = cur->pgid;
		p->sid = cur->sid;
		pid_group_get(p->pgid);
		pid_group_get(p->sid);
		list_add_tail(&p->sibling, &parent->children);
		list_add_tail(&p->all_node, &process_list);
		atomic_inc(&p->refs);   /* the parent's children list */
	}
	spin_unlock(&cur->lock);
	if (flags & CLONE_THREAD)
		spin_unlock(&cur->sig.lock);
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return err;
}

/* Undo a clone that failed before the child was linked or ran. */
static void clone_abort(struct task *child)
{
	struct process *p = child->proc;

	if (p && p != current->proc) {
		/* Our new process: only the child is in it. */
		list_del_init(&child->thread_node);
		p->nr_threads = 0;
	}
	if (child->mm)
		mm_put(child->mm);
	child->mm = NULL;
	proc_release_files(child);
	sem_exit(child);
	child->state = TASK_DEAD;
	task_put(child);   /* the reference its running would have dropped */
	task_put(child);   /* ours; frees it, and its reference on the process */
}

long do_clone(struct pt_regs *regs, const struct clone_args_k *args)
{
	unsigned long flags = args->flags;
	struct completion vfork_done;
	struct task *child;
	int err, tid;

	err = clone_check_flags(flags);
	if (err)
		return err;
	child = task_alloc(current->name);
	if (!child)
		return -EAGAIN;
	child->flags = PF_USER;
	sched_task_init(child);
	sched_fork(child, current);   /* policy, priority, nice, affinity */
	err = clone_process(child, args);
	if (!err)
		err = signal_clone(child, flags);
	if (!err)
		err = clone_mm(child, flags);
	if (!err)
		err = proc_clone_files(child, flags);
	if (!err)
		err = sem_clone(child, flags);
	if (err) {
		clone_abort(child);
		return err;
	}
	child->syscall_trace = current->syscall_trace;
	if (flags & CLONE_CHILD_SETTID)
		child->set_child_tid = args->child_tid;
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = args->child_tid;
	/*
	 * The context first: it gives task_pt_regs(child) its place. The
	 * child's kernel code starts below the frame, which it must not
	 * overwrite before trap_return reads it.
	 */
	switch_context_init(&child->ctx, (unsigned long)child->stack,
			    (unsigned long)child->stack + KSTACK_SIZE, fork_child_entry,
			    (void *)((unsigned long)child->stack + KSTACK_SIZE - PT_SIZE));
	child->ctx.sp -= PT_SIZE;
	clone_regs(child, regs, args);
	tid = child->pid;
	if ((flags & CLONE_PARENT_SETTID) && put_user(tid, (int *)args->parent_tid)) {
		clone_abort(child);
		return -EFAULT;
	}
	err = clone_link(child, flags);
	if (err) {
		clone_abort(child);
		return err;
	}
	if (flags & CLONE_VFORK) {
		init_completion(&vfork_done);
		child->vfork_done = &vfork_done;
	}
	wake_up_new_task(child);
	if (flags & CLONE_VFORK)
		wait_for_completion(&vfork_done);
	task_put(child);
	return tid;
}

/* clone(flags, stack, parent_tid, tls, child_tid): riscv64's argument order. */
long sys_clone(const struct syscall_args *args)
{
	struct clone_args_k ca = {
		.flags = args->a[0] & ~CSIGNAL,
		.stack = args->a[1],
		.parent_tid = args->a[2],
		.tls = args->a[3],
		.child_tid = args->a[4],
		.exit_signal = (int)(args->a[0] & CSIGNAL),
	};

	return do_clone(task_pt_regs(current), &ca);
}

/* Linux's struct clone_args (clone3), the fields up to tls (64 bytes). */
struct clone3_args {
	u64 flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

long sys_clone3(const struct syscall_args *args)
{
	struct clone3_args ua;
	size_t size = args->a[1];
	struct clone_args_k ca;

	if (size < sizeof(ua) || size > 4096)
		return -EINVAL;
	if (copy_from_user(&ua, (const void *)args->a[0], sizeof(ua)))
		return -EFAULT;
	/* Fields past tls (set_tid, cgroup) are not supported: they must be 0. */
	for (size_t off = sizeof(ua); off < size; off += 8) {
		u64 word = 0;
		if (copy_from_user(&word, (const char *)args->a[0] + off, MIN(8, size - off)))
			return -EFAULT;
		if (word)
			return -E2BIG;
	}
	if (ua.exit_signal > 64 || (ua.flags & CSIGNAL) || (ua.stack_size && !ua.stack))
		return -EINVAL;
	ca = (struct clone_args_k){
		.flags = ua.flags,
		.stack = ua.stack ? ua.stack + ua.stack_size : 0,
		.tls = ua.tls,
		.parent_tid = ua.parent_tid,
		.child_tid = ua.child_tid,
		.exit_signal = (int)ua.exit_signal,
	};
	return do_clone(task_pt_regs(current), &ca);
}
