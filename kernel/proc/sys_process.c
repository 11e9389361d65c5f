/*
 * The process-identity system calls: ids, parent, process groups and
 * sessions, credentials, resource limits, CPU times, set_tid_address and
 * reboot. Linux semantics and errnos; root (euid 0) may do everything,
 * as there are no capabilities.
 *
 * Locks: tasklist_lock for the tree and pgid/sid ([T] in
 * proc/process.h), process_lock for credentials and limits ([P]).
 */
#include <fs/fs.h>
#include <kernel/machine.h>
#include <kernel/power.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#include "proc_internal.h"

/* ------------------------------------------------------------ ids */

long sys_getpid(const struct syscall_args *args)
{
	return current->proc ? current->proc->tgid : current->pid;
}

long sys_gettid(const struct syscall_args *args)
{
	return current->pid;
}

long sys_getppid(const struct syscall_args *args)
{
	struct process *p = current->proc;
	unsigned long irq;
	int ppid;

	if (!p)
		return 0;
	irq = spin_lock_irqsave(&tasklist_lock);
	ppid = p->parent ? p->parent->tgid : 0;
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return ppid;
}

long sys_set_tid_address(const struct syscall_args *args)
{
	current->clear_child_tid = args->a[0];
	return current->pid;
}

/* ------------------------------------------------------------ groups and sessions */

/* The process with tgid pid (tasklist_lock held), or NULL. */
static struct process *process_find(int pid)
{
	struct process *p;

	list_for_each_entry(p, &process_list, all_node)
		if (p->tgid == pid && p->exit_state != PROCESS_DEAD)
			return p;
	return NULL;
}

/* Is there a process in session sid whose group is pgid (tasklist_lock held)? */
static bool pgrp_in_session(int pgid, int sid)
{
	struct process *p;

	list_for_each_entry(p, &process_list, all_node)
		if (p->pgid == pgid && p->sid == sid && p->exit_state == PROCESS_ALIVE)
			return true;
	return false;
}

static void set_pgid_locked(struct process *p, int pgid)
{
	if (p->pgid == pgid)
		return;
	pid_group_get(pgid);
	pid_group_put(p->pgid);
	p->pgid = pgid;
}

/* setpgid(pid, pgid) */
long sys_setpgid(const struct syscall_args *args)
{
	struct process *self = current->proc, *p;
	int pid = (int)args->a[0], pgid = (int)args->a[1];
	unsigned long irq;
	long err = 0;

	if (pgid < 0)
		return -EINVAL;
	irq = spin_lock_irqsave(&tasklist_lock);
	p = pid ? process_find(pid) : self;
	if (!p || (p != self && p->parent != self)) {
		err = -ESRCH;
		goto out;
	}
	if (!pgid)
		pgid = p->tgid;
	if (p != self && p->did_exec)
		err = -EACCES;
	else if (p->sid != self->sid || p->sid == p->tgid)
		err = -EPERM;   /* another session, or a session leader */
	else if (pgid != p->tgid && !pgrp_in_session(pgid, self->sid))
		err = -EPERM;
	else
		set_pgid_locked(p, pgid);
out:
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return err;
}

/* getpgid(pid) and getsid(pid): pid 0 is the caller. */
static long get_group_id(int pid, bool session)
{
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);
	struct process *p = pid ? process_find(pid) : current->proc;
	long ret = p ? (session ? p->sid : p->pgid) : -ESRCH;

	spin_unlock_irqrestore(&tasklist_lock, irq);
	return ret;
}

long sys_getpgid(const struct syscall_args *args)
{
	return get_group_id((int)args->a[0], false);
}

long sys_getsid(const struct syscall_args *args)
{
	return get_group_id((int)args->a[0], true);
}

long sys_setsid(const struct syscall_args *args)
{
	struct process *self = current->proc;
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);
	long ret;

	/* A process group leader, or anyone using our id as a group, may not. */
	if (self->pgid == self->tgid || pgrp_in_session(self->tgid, self->sid)) {
		ret = -EPERM;
	} else {
		set_pgid_locked(self, self->tgid);
		pid_group_get(self->tgid);
		pid_group_put(self->sid);
		self->sid = self->tgid;
		ret = self->sid;
	}
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return ret;
}

/* ------------------------------------------------------------ credentials */

#define ID_KEEP 0xffffffffu   /* (uid_t)-1: leave unchanged */

static bool id_is_one_of(u32 id, u32 a, u32 b, u32 c)
{
	return id == a || id == b || id == c;
}

/*
 * setresuid/setresgid core: r, e, s are new ids or ID_KEEP. An
 * unprivileged caller may only set each to one of its current three.
 * The filesystem id follows the effective one.
 */
static long set_res_ids(u32 r, u32 e, u32 s, bool group)
{
	struct process *p = current->proc;
	unsigned long irq = spin_lock_irqsave(&p->lock);
	struct cred *c = &p->cred;
	u32 *ids = group ? &c->gid : &c->uid;   /* id, eid, sid, fsid in this order */
	bool root = c->euid == 0;
	long ret = 0;

	if (!root && ((r != ID_KEEP && !id_is_one_of(r, ids[0], ids[1], ids[2])) ||
		      (e != ID_KEEP && !id_is_one_of(e, ids[0], ids[1], ids[2])) ||
		      (s != ID_KEEP && !id_is_one_of(s, ids[0], ids[1], ids[2])))) {
		ret = -EPERM;
	} else {
		if (r != ID_KEEP)
			ids[0] = r;
		if (e != ID_KEEP)
			ids[1] = e;
		if (s != ID_KEEP)
			ids[2] = s;
		ids[3] = ids[1];
	}
	spin_unlock_irqrestore(&p->lock, irq);
	return ret;
}

_Static_assert(__builtin_offsetof(struct cred, euid) == __builtin_offsetof(struct cred, uid) + 4 &&
	       __builtin_offsetof(struct cred, suid) == __builtin_offsetof(struct cred, uid) + 8 &&
	       __builtin_offsetof(struct cred, fsuid) == __builtin_offsetof(struct cred, uid) + 12 &&
	       __builtin_offsetof(struct cred, egid) == __builtin_offsetof(struct cred, gid) + 4 &&
	       __builtin_offsetof(struct cred, sgid) == __builtin_offsetof(struct cred, gid) + 8 &&
	       __builtin_offsetof(struct cred, fsgid) == __builtin_offsetof(struct cred, gid) + 12,
	       "set_res_ids indexes the ids");

static struct cred cred_read(void)
{
	struct process *p = current->proc;
	unsigned long irq = spin_lock_irqsave(&p->lock);
	struct cred c = p->cred;

	spin_unlock_irqrestore(&p->lock, irq);
	return c;
}

long sys_getuid(const struct syscall_args *args) { return cred_read().uid; }
long sys_geteuid(const struct syscall_args *args) { return cred_read().euid; }
long sys_getgid(const struct syscall_args *args) { return cred_read().gid; }
long sys_getegid(const struct syscall_args *args) { return cred_read().egid; }

long sys_setresuid(const struct syscall_args *args)
{
	return set_res_ids((u32)args->a[0], (u32)args->a[1], (u32)args->a[2], false);
}

long sys_setresgid(const struct syscall_args *args)
{
	return set_res_ids((u32)args->a[0], (u32)args->a[1], (u32)args->a[2], true);
}

/* getresuid/getresgid(r, e, s): three user u32 pointers. */
static long get_res_ids(const struct syscall_args *args, bool group)
{
	struct cred c = cred_read();
	u32 *ids = group ? &c.gid : &c.uid;

	for (int i = 0; i < 3; i++)
		if (put_user(ids[i], (u32 *)args->a[i]))
			return -EFAULT;
	return 0;
}

long sys_getresuid(const struct syscall_args *args) { return get_res_ids(args, false); }
long sys_getresgid(const struct syscall_args *args) { return get_res_ids(args, true); }

/*
 * setuid(id): root sets all three; others only the effective id, to the
 * real or saved one.
 */
static long set_one_id(u32 id, bool group)
{
	struct cred c = cred_read();
	u32 *ids = group ? &c.gid : &c.uid;

	if (id == ID_KEEP)
		return -EINVAL;
	if (c.euid == 0)
		return set_res_ids(id, id, id, group);
	if (id != ids[0] && id != ids[2])
		return -EPERM;
	return set_res_ids(ID_KEEP, id, ID_KEEP, group);
}

long sys_setuid(const struct syscall_args *args) { return set_one_id((u32)args->a[0], false); }
long sys_setgid(const struct syscall_args *args) { return set_one_id((u32)args->a[0], true); }

/* setreuid(r, e): the saved id becomes the new effective one if r is set or e differs from r. */
static long set_re_ids(u32 r, u32 e, bool group)
{
	struct cred c = cred_read();
	u32 *ids = group ? &c.gid : &c.uid;
	u32 s = ID_KEEP;

	if (c.euid != 0) {
		if (r != ID_KEEP && r != ids[0] && r != ids[1])
			return -EPERM;
		if (e != ID_KEEP && !id_is_one_of(e, ids[0], ids[1], ids[2]))
			return -EPERM;
	}
	if (r != ID_KEEP || (e != ID_KEEP && e != ids[0]))
		s = e != ID_KEEP ? e : ids[1];
	return set_res_ids(r, e, s, group);
}

long sys_setreuid(const struct syscall_args *args) { return set_re_ids((u32)args->a[0], (u32)args->a[1], false); }
long sys_setregid(const struct syscall_args *args) { return set_re_ids((u32)args->a[0], (u32)args->a[1], true); }

/* setfsuid/setfsgid: return the old value; change it if allowed. */
static long set_fs_id(u32 id, bool group)
{
	struct process *p = current->proc;
	unsigned long irq = spin_lock_irqsave(&p->lock);
	struct cred *c = &p->cred;
	u32 *ids = group ? &c->gid : &c->uid;
	u32 old = ids[3];

	if (id != ID_KEEP && (c->euid == 0 || id_is_one_of(id, ids[0], ids[1], ids[2]) || id == ids[3]))
		ids[3] = id;
	spin_unlock_irqrestore(&p->lock, irq);
	return old;
}

long sys_setfsuid(const struct syscall_args *args) { return set_fs_id((u32)args->a[0], false); }
long sys_setfsgid(const struct syscall_args *args) { return set_fs_id((u32)args->a[0], true); }

long sys_getgroups(const struct syscall_args *args)
{
	int size = (int)args->a[0];
	struct cred c = cred_read();

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return c.ngroups;
	if ((unsigned int)size < c.ngroups)
		return -EINVAL;
	if (copy_to_user((void *)args->a[1], c.groups, c.ngroups * sizeof(u32)))
		return -EFAULT;
	return c.ngroups;
}

long sys_setgroups(const struct syscall_args *args)
{
	long n = (long)args->a[0];
	u32 groups[CRED_NGROUPS];
	struct process *p = current->proc;
	unsigned long irq;

	if (!capable_root())
		return -EPERM;
	if (n < 0 || n > NGROUPS_MAX)
		return -EINVAL;
	if (n > CRED_NGROUPS)
		return -ENOMEM;   /* more than Kestrel keeps */
	if (n && copy_from_user(groups, (const void *)args->a[1], n * sizeof(u32)))
		return -EFAULT;
	irq = spin_lock_irqsave(&p->lock);
	memcpy(p->cred.groups, groups, n * sizeof(u32));
	p->cred.ngroups = (unsigned int)n;
	spin_unlock_irqrestore(&p->lock, irq);
	return 0;
}

/* ------------------------------------------------------------ resource limits */

/*
 * Read and/or set limit res of process p: old (if non-NULL) gets the
 * previous value. Raising a hard limit needs root; soft <= hard.
 */
static long rlimit_update(struct process *p, unsigned int res, const struct rlimit64 *new,
			  struct rlimit64 *old)
{
	unsigned long irq;
	long err = 0;

	if (res >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->rlim_cur > new->rlim_max)
		return -EINVAL;
	if (new && res == RLIMIT_NOFILE && new->rlim_max > 1048576)
		return -EPERM;   /* Linux's nr_open */
	irq = spin_lock_irqsave(&p->lock);
	if (old)
		*old = p->rlim[res];
	if (new) {
		if (new->rlim_max > p->rlim[res].rlim_max && p->cred.euid != 0)
			err = -EPERM;
		else
			p->rlim[res] = *new;
	}
	spin_unlock_irqrestore(&p->lock, irq);
	return err;
}

/* prlimit64(pid, resource, new, old) */
long sys_prlimit64(const struct syscall_args *args)
{
	int pid = (int)args->a[0];
	struct rlimit64 new, old;
	struct process *p = current->proc;
	struct task *t = NULL;
	long err;

	if (args->a[2] && copy_from_user(&new, (const void *)args->a[2], sizeof(new)))
		return -EFAULT;
	if (pid && pid != p->tgid) {
		t = task_find_by_pid(pid);
		if (!t || !t->proc) {
			if (t)
				task_put(t);
			return -ESRCH;
		}
		p = t->proc;
		if (!capable_root() && p->cred.uid != current->proc->cred.uid) {
			task_put(t);
			return -EPERM;
		}
	}
	err = rlimit_update(p, (unsigned int)args->a[1], args->a[2] ? &new : NULL, &old);
	if (t)
		task_put(t);
	if (err)
		return err;
	if (args->a[3] && copy_to_user((void *)args->a[3], &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_getrlimit(const struct syscall_args *args)
{
	struct rlimit64 old;
	long err = rlimit_update(current->proc, (unsigned int)args->a[0], NULL, &old);

	if (err)
		return err;
	return copy_to_user((void *)args->a[1], &old, sizeof(old)) ? -EFAULT : 0;
}

long sys_setrlimit(const struct syscall_args *args)
{
	struct rlimit64 new;

	if (copy_from_user(&new, (const void *)args->a[1], sizeof(new)))
		return -EFAULT;
	return rlimit_update(current->proc, (unsigned int)args->a[0], &new, NULL);
}

unsigned long rlimit_cur(unsigned int res)
{
	struct process *p = current->proc;

	return p ? READ_ONCE(p->rlim[res].rlim_cur) : RLIM_INFINITY;
}

/* ------------------------------------------------------------ CPU time */

/* The process's own times: live threads plus those that exited. */
static void process_times(struct process *p, u64 *ut, u64 *st, u64 *nv, u64 *niv)
{
	unsigned long irq = spin_lock_irqsave(&p->lock);
	struct task *t;

	*ut = p->dead_utime;
	*st = p->dead_stime;
	*nv = p->dead_nvcsw;
	*niv = p->dead_nivcsw;
	list_for_each_entry(t, &p->threads, thread_node) {
		u64 u, s;
		task_cputime(t, &u, &s);
		*ut += u;
		*st += s;
		*nv += t->nr_voluntary_switches;
		*niv += t->nr_involuntary_switches;
	}
	spin_unlock_irqrestore(&p->lock, irq);
}

#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD   1

long sys_getrusage(const struct syscall_args *args)
{
	struct process *p = current->proc;
	struct rusage_u ru;
	u64 ut, st, nv = 0, niv = 0;
	unsigned long irq;

	switch ((int)args->a[0]) {
	case RUSAGE_SELF:
		process_times(p, &ut, &st, &nv, &niv);
		break;
	case RUSAGE_THREAD:
		task_cputime(current, &ut, &st);
		nv = current->nr_voluntary_switches;
		niv = current->nr_involuntary_switches;
		break;
	case RUSAGE_CHILDREN:
		irq = spin_lock_irqsave(&p->lock);
		ut = p->child_utime;
		st = p->child_stime;
		spin_unlock_irqrestore(&p->lock, irq);
		break;
	default:
		return -EINVAL;
	}
	rusage_fill(&ru, ut, st, nv, niv);
	ru.maxrss = current->mm ? (long)(READ_ONCE(current->mm->rss) * 4) : 0;   /* KiB */
	return copy_to_user((void *)args->a[1], &ru, sizeof(ru)) ? -EFAULT : 0;
}

/* times(buf): clock ticks (USER_HZ = 100); returns ticks since boot. */
long sys_times(const struct syscall_args *args)
{
	struct process *p = current->proc;
	struct { long utime, stime, cutime, cstime; } tms;
	u64 ut, st, nv, niv;
	unsigned long irq;

	process_times(p, &ut, &st, &nv, &niv);
	irq = spin_lock_irqsave(&p->lock);
	tms.cutime = (long)(p->child_utime / 10000000ULL);
	tms.cstime = (long)(p->child_stime / 10000000ULL);
	spin_unlock_irqrestore(&p->lock, irq);
	tms.utime = (long)(ut / 10000000ULL);
	tms.stime = (long)(st / 10000000ULL);
	if (args->a[0] && copy_to_user((void *)args->a[0], &tms, sizeof(tms)))
		return -EFAULT;
	return (long)(ktime_get_ns() / 10000000ULL);
}

/* ------------------------------------------------------------ reboot */

#define LINUX_REBOOT_MAGIC1 0xfee1dead
#define LINUX_REBOOT_MAGIC2 672274793
#define LINUX_REBOOT_MAGIC2A 85072278
#define LINUX_REBOOT_MAGIC2B 369367448
#define LINUX_REBOOT_MAGIC2C 537993216
#define LINUX_REBOOT_CMD_RESTART   0x01234567
#define LINUX_REBOOT_CMD_HALT      0xcdef0123
#define LINUX_REBOOT_CMD_POWER_OFF 0x4321fedc
#define LINUX_REBOOT_CMD_CAD_ON    0x89abcdef
#define LINUX_REBOOT_CMD_CAD_OFF   0x00000000

long sys_reboot(const struct syscall_args *args)
{
	u32 magic1 = (u32)args->a[0], magic2 = (u32)args->a[1], cmd = (u32)args->a[2];

	if (!capable_root())
		return -EPERM;
	if (magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
		fs_shutdown();
		printk("reboot: power down\n");
		machine_power_off(EXIT_OK);
	case LINUX_REBOOT_CMD_RESTART:
		fs_shutdown();
		printk("reboot: restarting system\n");
		machine_reboot();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	default:
		return -EINVAL;
	}
}
