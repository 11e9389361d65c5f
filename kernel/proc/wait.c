/*
 * wait4 and waitid: collecting the exit status of children (interface:
 * the system calls).
 *
 * A waiter scans its process's children under tasklist_lock for one
 * that matches (pid, process group, any) and has become a zombie; it
 * claims it (->reaping, so that two waiters never reap one child), drops
 * the lock, copies the status out, and then unlinks and releases it. With
 * no zombie to take it sleeps on its process's child_wait, which exit
 * wakes. A stop or continue of a child (WUNTRACED/WSTOPPED, WCONTINUED)
 * is reported once (signal_wait_report) without reaping; the group stop
 * wakes child_wait too. A sleep interrupted by a signal returns
 * -ERESTARTSYS (restarted under SA_RESTART).
 *
 * __WCLONE/__WALL: a "clone" child is one whose exit signal is not
 * SIGCHLD; plain waits see only the others, __WCLONE only those, __WALL
 * both, as on Linux.
 */
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#include "proc_internal.h"

#define WNOHANG    0x00000001
#define WUNTRACED  0x00000002
#define WEXITED    0x00000004
#define WCONTINUED 0x00000008
#define WSTOPPED_MASK WUNTRACED   /* waitid spells it WSTOPPED */
#define WNOWAIT    0x01000000
#define __WNOTHREAD 0x20000000
#define __WALL     0x40000000
#define __WCLONE   0x80000000

#define P_ALL   0
#define P_PID   1
#define P_PGID  2
#define P_PIDFD 3


/* What a waiter asks for. */
struct wait_opts {
	int type;        /* P_ALL, P_PID, P_PGID */
	int id;
	int options;
};

struct wait_result {
	int pid;
	int status;      /* Linux wait status */
	int event;       /* 0: exited (reaped); CLD_STOPPED or CLD_CONTINUED: not reaped */
	u32 uid;
	u64 utime, stime;   /* ns, the child's and its reaped children's */
	u64 nvcsw, nivcsw;
};

static bool wait_matches(const struct process *c, const struct wait_opts *wo)
{
	bool is_clone = c->exit_signal != SIGCHLD;

	if (wo->type == P_PID && c->tgid != wo->id)
		return false;
	if (wo->type == P_PGID && c->pgid != wo->id)
		return false;
	if (wo->options & __WALL)
		return true;
	return is_clone == !!(wo->options & __WCLONE);
}

/*
 * Unlink a claimed zombie from its parent and let it go: its times go
 * to the parent's children totals, its group ids are released.
 */
static void release_child(struct process *parent, struct process *c)
{
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);

	list_del_init(&c->sibling);
	list_del_init(&c->all_node);
	c->exit_state = PROCESS_DEAD;
	spin_lock(&parent->lock);
	parent->child_utime += c->dead_utime + c->child_utime;
	parent->child_stime += c->dead_stime + c->child_stime;
	spin_unlock(&parent->lock);
	spin_unlock_irqrestore(&tasklist_lock, irq);
	pid_group_put(c->pgid);
	pid_group_put(c->sid);
	process_put(c);
}

/* A stop or continue of live child c to report (tasklist_lock held): its status in *res. */
static bool child_event(struct process *c, const struct wait_opts *wo, struct wait_result *res)
{
	int code = 0;

	if (c->exit_state != PROCESS_ALIVE || !(wo->options & (WSTOPPED_MASK | WCONTINUED)))
		return false;
	res->status = signal_wait_report(c, wo->options & WSTOPPED_MASK, wo->options & WCONTINUED,
					 !(wo->options & WNOWAIT), &code);
	res->event = code;
	return res->status != 0;
}

/*
 * One scan (tasklist_lock held): a claimed zombie, or a child with a
 * stop/continue to report (res->event), in *found (referenced), or none.
 * Returns whether any child matched at all.
 */
static bool scan_children(struct process *self, const struct wait_opts *wo, struct process **found,
			  struct wait_result *res)
{
	struct process *c;
	bool any = false;

	*found = NULL;
	res->event = 0;
	list_for_each_entry(c, &self->children, sibling) {
		if (!wait_matches(c, wo))
			continue;
		any = true;
		if (c->exit_state == PROCESS_ZOMBIE && !c->reaping && (wo->options & WEXITED)) {
			if (!(wo->options & WNOWAIT))
				c->reaping = true;
		} else if (!child_event(c, wo, res)) {
			continue;
		}
		atomic_inc(&c->refs);
		*found = c;
		break;
	}
	return any;
}

/*
 * Wait as wo says. Returns the pid of the child reaped (its status in
 * *res), 0 for WNOHANG with nothing ready, -ECHILD with no matching
 * child, -ERESTARTSYS when interrupted.
 */
static int do_wait(const struct wait_opts *wo, struct wait_result *res)
{
	struct process *self = current->proc, *c;
	struct wait_queue_entry w;
	int ret;

	wait_entry_init(&w);
	for (;;) {
		unsigned long irq;
		bool any;

		prepare_to_wait(&self->child_wait, &w, TASK_INTERRUPTIBLE);
		irq = spin_lock_irqsave(&tasklist_lock);
		any = scan_children(self, wo, &c, res);
		spin_unlock_irqrestore(&tasklist_lock, irq);
		if (c) {
			ret = c->tgid;
			break;
		}
		ret = !any ? -ECHILD : (wo->options & WNOHANG) ? 0
		      : signal_pending(current) ? -ERESTARTSYS : 1;
		if (ret != 1)
			break;
		schedule();
	}
	finish_wait(&self->child_wait, &w);
	if (ret <= 0)
		return ret;
	res->pid = c->tgid;
	res->uid = c->cred.uid;
	if (res->event) {
		res->utime = res->stime = res->nvcsw = res->nivcsw = 0;
		process_put(c);
		return ret;
	}
	res->status = c->exit_status;
	res->utime = c->dead_utime;
	res->stime = c->dead_stime;
	res->nvcsw = c->dead_nvcsw;
	res->nivcsw = c->dead_nivcsw;
	if (!(wo->options & WNOWAIT))
		release_child(self, c);
	process_put(c);
	return ret;
}

void rusage_fill(struct rusage_u *ru, u64 utime, u64 stime, u64 nvcsw, u64 nivcsw)
{
	memset(ru, 0, sizeof(*ru));
	ru->utime_sec = (long)(utime / 1000000000ULL);
	ru->utime_usec = (long)(utime % 1000000000ULL / 1000);
	ru->stime_sec = (long)(stime / 1000000000ULL);
	ru->stime_usec = (long)(stime % 1000000000ULL / 1000);
	ru->nvcsw = (long)nvcsw;
	ru->nivcsw = (long)nivcsw;
}

/* wait4(pid, wstatus, options, rusage) */
long sys_wait4(const struct syscall_args *args)
{
	int pid = (int)args->a[0];
	int options = (int)args->a[2];
	struct wait_opts wo = { .options = options | WEXITED };
	struct wait_result res;
	int ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (pid == -1 || pid == (int)0x80000000) {
		wo.type = P_ALL;
	} else if (pid < -1) {
		wo.type = P_PGID;
		wo.id = -pid;
	} else if (pid == 0) {
		wo.type = P_PGID;
		wo.id = READ_ONCE(current->proc->pgid);
	} else {
		wo.type = P_PID;
		wo.id = pid;
	}
	ret = do_wait(&wo, &res);
	if (ret <= 0)
		return ret;
	if (args->a[1] && put_user(res.status, (int *)args->a[1]))
		return -EFAULT;
	if (args->a[3]) {
		struct rusage_u ru;
		rusage_fill(&ru, res.utime, res.stime, res.nvcsw, res.nivcsw);
		if (copy_to_user((void *)args->a[3], &ru, sizeof(ru)))
			return -EFAULT;
	}
	return ret;
}

/* The SIGCHLD siginfo waitid fills (Linux riscv64 layout, 128 bytes). */
struct siginfo_chld {
	int si_signo, si_errno, si_code, pad;
	int si_pid;
	u32 si_uid;
	int si_status;
	int pad2;
	long si_utime, si_stime;
	char rest[128 - 48];
};
_Static_assert(sizeof(struct siginfo_chld) == 128, "siginfo_t");

static void siginfo_from_status(struct siginfo_chld *si, const struct wait_result *res)
{
	memset(si, 0, sizeof(*si));
	si->si_signo = SIGCHLD;
	si->si_pid = res->pid;
	si->si_uid = res->uid;
	if (res->event == CLD_STOPPED) {
		si->si_code = CLD_STOPPED;
		si->si_status = (res->status >> 8) & 0xff;
	} else if (res->event == CLD_CONTINUED) {
		si->si_code = CLD_CONTINUED;
		si->si_status = SIGCONT;
	} else if ((res->status & 0x7f) == 0) {
		si->si_code = CLD_EXITED;
		si->si_status = (res->status >> 8) & 0xff;
	} else {
		si->si_code = (res->status & WAIT_STATUS_CORE) ? CLD_DUMPED : CLD_KILLED;
		si->si_status = res->status & 0x7f;
	}
	si->si_utime = (long)(res->utime / 10000000ULL);   /* clock ticks (USER_HZ 100) */
	si->si_stime = (long)(res->stime / 10000000ULL);
}

/* waitid(idtype, id, infop, options, rusage) */
long sys_waitid(const struct syscall_args *args)
{
	int type = (int)args->a[0], id = (int)args->a[1], options = (int)args->a[3];
	struct wait_opts wo = { .type = type, .id = id, .options = options };
	struct wait_result res;
	int ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED_MASK | WCONTINUED | __WNOTHREAD |
			__WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED_MASK | WCONTINUED)))
		return -EINVAL;
	if (type == P_PIDFD || type < P_ALL || type > P_PIDFD)
		return -EINVAL;
	if (type == P_PGID && id == 0)
		wo.id = READ_ONCE(current->proc->pgid);
	if (type != P_ALL && wo.id <= 0)
		return -EINVAL;
	ret = do_wait(&wo, &res);
	if (ret < 0)
		return ret;
	if (args->a[2]) {
		struct siginfo_chld si;
		if (ret == 0)
			memset(&si, 0, sizeof(si));   /* WNOHANG, nothing: si_pid 0 */
		else
			siginfo_from_status(&si, &res);
		if (copy_to_user((void *)args->a[2], &si, sizeof(si)))
			return -EFAULT;
	}
	if (args->a[4] && ret > 0) {
		struct rusage_u ru;
		rusage_fill(&ru, res.utime, res.stime, res.nvcsw, res.nivcsw);
		if (copy_to_user((void *)args->a[4], &ru, sizeof(ru)))
			return -EFAULT;
	}
	return 0;
}
