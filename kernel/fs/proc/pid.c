/*
 * procfs: the per-process directories /proc/<pid> and /proc/<pid>/task/<tid>,
 * the self and thread-self links, and the lookups of processes, threads
 * and descriptors they need (formats: Linux's, docs/procfs.md).
 *
 * Finding things. A process is found by tgid in the process list under
 * tasklist_lock and pinned by a reference (process_put). Its threads are
 * on p->threads under process_lock; one is pinned with task_get. A
 * zombie has no threads: its files show what the process keeps (name,
 * ids, state Z, times).
 *
 * A thread's mm, files and fs pointers have no lock that another task can
 * take: the owner clears them at exit (exit_mm, proc_release_files) before
 * it leaves p->threads. procfs reads them under process_lock from a
 * thread not yet PF_EXITING and takes its own reference at once; an exit
 * racing exactly between that read and the reference is possible (see
 * docs/procfs.md, "Known gaps": Linux closes it with task_lock).
 *
 * Locks taken: tasklist_lock, then process_lock; files_lock alone;
 * mm_lock alone (maps, statm); fs_struct_lock alone. Nothing that copies
 * to user memory runs under any of them.
 */
#include <arch/irqflags.h>
#include <fs/dcache.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/clock.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/time.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <mm/vma.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#include "../../proc/proc_internal.h"
#include "internal.h"

#define USER_HZ 100
#define NS_PER_USER_HZ (NSEC_PER_SEC / USER_HZ)
#define PROC_ARGS_MAX (64 * 1024)   /* cmdline/environ bytes shown at most */

/* ---------------------------------------------------------------- finding */

struct process *proc_find_process(int tgid)
{
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);
	struct process *p, *found = NULL;

	list_for_each_entry(p, &process_list, all_node) {
		if (p->tgid == tgid && p->exit_state != PROCESS_DEAD) {
			atomic_inc(&p->refs);
			found = p;
			break;
		}
	}
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return found;
}

struct task *proc_find_thread(struct process *p, int tid)
{
	unsigned long irq = spin_lock_irqsave(&p->lock);
	struct task *t, *found = NULL;

	list_for_each_entry(t, &p->threads, thread_node) {
		if (t->pid == tid) {
			task_get(t);
			found = t;
			break;
		}
	}
	spin_unlock_irqrestore(&p->lock, irq);
	return found;
}

int proc_next_tgid(int from)
{
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);
	struct process *p;
	int best = 0;

	list_for_each_entry(p, &process_list, all_node)
		if (p->tgid >= from && p->exit_state != PROCESS_DEAD && (!best || p->tgid < best))
			best = p->tgid;
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return best;
}

/* The most recently created process's tgid (/proc/loadavg's last field), or 0. */
int proc_last_tgid(void)
{
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);
	int tgid = 0;

	if (!list_empty(&process_list))
		tgid = list_entry(process_list.prev, struct process, all_node)->tgid;
	spin_unlock_irqrestore(&tasklist_lock, irq);
	return tgid;
}

int proc_next_tid(struct process *p, int from)
{
	unsigned long irq = spin_lock_irqsave(&p->lock);
	struct task *t;
	int best = 0;

	list_for_each_entry(t, &p->threads, thread_node)
		if (t->pid >= from && (!best || t->pid < best))
			best = t->pid;
	spin_unlock_irqrestore(&p->lock, irq);
	return best;
}

/*
 * A live thread of p with a reference, or NULL: thread tid, or any when
 * tid is 0 or the tgid (whose leader may have exited before the others).
 */
static struct task *proc_pick_thread(struct process *p, int tid)
{
	unsigned long irq;
	struct task *t, *found = NULL;

	if (tid)
		found = proc_find_thread(p, tid);
	if (found || (tid && tid != p->tgid))
		return found;   /* /proc/<pid>: any thread once the leader has gone */
	irq = spin_lock_irqsave(&p->lock);
	list_for_each_entry(t, &p->threads, thread_node) {
		task_get(t);
		found = t;
		break;
	}
	spin_unlock_irqrestore(&p->lock, irq);
	return found;
}

/* Pin one of t's shared resources (see the header): mm, files or fs. */
static struct mm_struct *proc_task_mm(struct process *p, struct task *t)
{
	unsigned long irq = spin_lock_irqsave(&p->lock);
	struct mm_struct *mm = (t->flags & PF_EXITING) ? NULL : READ_ONCE(t->mm);

	if (mm)
		mm_get(mm);
	spin_unlock_irqrestore(&p->lock, irq);
	return mm;
}

static struct files_struct *proc_task_files(struct process *p, struct task *t)
{
	unsigned long irq = spin_lock_irqsave(&p->lock);
	struct files_struct *files = (t->flags & PF_EXITING) ? NULL : READ_ONCE(t->files);

	if (files)
		files_get(files);
	spin_unlock_irqrestore(&p->lock, irq);
	return files;
}

static struct fs_struct *proc_task_fs(struct process *p, struct task *t)
{
	unsigned long irq = spin_lock_irqsave(&p->lock);
	struct fs_struct *fs = (t->flags & PF_EXITING) ? NULL : READ_ONCE(t->fs);

	if (fs)
		fs_get(fs);
	spin_unlock_irqrestore(&p->lock, irq);
	return fs;
}

void proc_process_owner(int tgid, u32 *uid, u32 *gid)
{
	struct process *p = proc_find_process(tgid);
	unsigned long irq;

	*uid = *gid = 0;
	if (!p)
		return;
	irq = spin_lock_irqsave(&p->lock);
	*uid = p->cred.euid;
	*gid = p->cred.egid;
	spin_unlock_irqrestore(&p->lock, irq);
	process_put(p);
}

/* The files of the process tgid (its first live thread's), with a reference, or NULL. */
static struct files_struct *proc_files_of(int tgid, int tid)
{
	struct process *p = proc_find_process(tgid);
	struct files_struct *files = NULL;
	struct task *t;

	if (!p)
		return NULL;
	t = proc_pick_thread(p, tid);
	if (t) {
		files = proc_task_files(p, t);
		task_put(t);
	}
	process_put(p);
	return files;
}

int proc_next_fd(int tgid, int from)
{
	struct files_struct *files = proc_files_of(tgid, 0);
	int fd;

	if (!files || from < 0) {
		if (files)
			files_put(files);
		return -1;
	}
	spin_lock(&files->lock);
	fd = (unsigned int)from < files->fdt->max_fds ? fdtable_next_open(files->fdt, (unsigned int)from)
						      : -1;
	/* A slot openat reserved but has not filled yet is not an open file (Linux skips it too). */
	while (fd >= 0 && fdtable_is_reserved(files->fdt, (unsigned int)fd))
		fd = fdtable_next_open(files->fdt, (unsigned int)fd + 1);
	spin_unlock(&files->lock);
	files_put(files);
	return fd;
}

/* ---------------------------------------------------------------- links */

int proc_self_link(struct proc_inode *pi, char *buf, size_t size)
{
	struct process *p = current_process();
	int n;

	(void)pi;
	if (!p)
		return -ENOENT;
	n = snprintf(buf, size, "%d", p->tgid);
	return (size_t)n < size ? n : -ENAMETOOLONG;
}

int proc_thread_self_link(struct proc_inode *pi, char *buf, size_t size)
{
	struct process *p = current_process();
	int n;

	(void)pi;
	if (!p)
		return -ENOENT;
	n = snprintf(buf, size, "%d/task/%d", p->tgid, current->pid);
	return (size_t)n < size ? n : -ENAMETOOLONG;
}

/*
 * The name of an open file for fd/ links: its path from the caller's root
 * (d_path), or for files opened without a path (pipes, the console of
 * fds 0-2) and unlinked ones "type:[ino]" ("pipe:[N]", "socket:[N]" as Linux spells them).
 */
int proc_file_path(struct file *f, char *buf, size_t size)
{
	struct inode *inode = file_inode(f);
	struct lookup_root lr;
	int n;

	if (f->f_path.dentry) {
		lookup_root_current(&lr);
		n = vfs_path_of(&lr.root, &f->f_path, buf, size);
		lookup_root_put(&lr);
		if (n > 0)
			return n - 1;
		if (n != -ENOENT)
			return n;
		/* Unlinked: Linux shows "path (deleted)"; Kestrel's d_path has no path left. */
	}
	if (S_ISCHR(inode->i_mode) && MAJOR(inode->i_rdev) == 5 && MINOR(inode->i_rdev) <= 1)
		n = snprintf(buf, size, "%s", MINOR(inode->i_rdev) ? "/dev/console" : "/dev/tty");
	else if (S_ISFIFO(inode->i_mode))
		n = snprintf(buf, size, "pipe:[%llu]", (unsigned long long)inode->i_ino);
	else if (S_ISSOCK(inode->i_mode))
		n = snprintf(buf, size, "socket:[%llu]", (unsigned long long)inode->i_ino);
	else
		n = snprintf(buf, size, "%s:[%llu]", inode->i_sb->s_type->name,
			     (unsigned long long)inode->i_ino);
	return (size_t)n < size ? n : -ENAMETOOLONG;
}

u32 proc_fd_link_mode(int tgid, int tid, int fd)
{
	struct files_struct *files = proc_files_of(tgid, tid);
	unsigned int fmode = 0;

	if (!files)
		return S_IFLNK;
	spin_lock(&files->lock);
	if ((unsigned int)fd < files->fdt->max_fds && files->fdt->fd[fd])
		fmode = files->fdt->fd[fd]->f_mode;
	spin_unlock(&files->lock);
	files_put(files);
	return S_IFLNK | ((fmode & FMODE_READ) ? 0500 : 0) | ((fmode & FMODE_WRITE) ? 0300 : 0);
}

int proc_fd_link(struct proc_inode *pi, char *buf, size_t size)
{
	struct files_struct *files = proc_files_of(pi->tgid, pi->tid);
	struct file *f = NULL;
	int n;

	if (!files)
		return -ENOENT;
	spin_lock(&files->lock);
	if ((unsigned int)pi->fd < files->fdt->max_fds && files->fdt->fd[pi->fd]) {
		f = files->fdt->fd[pi->fd];
		file_get(f);
	}
	spin_unlock(&files->lock);
	files_put(files);
	if (!f)
		return -ENOENT;
	n = proc_file_path(f, buf, size);
	fput(f);
	return n;
}

/* <pid>/cwd: the path of the thread's working directory. */
static int proc_cwd_link(struct proc_inode *pi, char *buf, size_t size)
{
	struct process *p = proc_find_process(pi->tgid);
	struct fs_struct *fs = NULL;
	struct path root, pwd;
	struct task *t;
	int n = -ENOENT;

	if (!p)
		return -ENOENT;
	t = proc_pick_thread(p, pi->tid);
	if (t) {
		fs = proc_task_fs(p, t);
		task_put(t);
	}
	process_put(p);
	if (!fs)
		return -ENOENT;
	spin_lock(&fs->lock);
	root = fs->root;
	pwd = fs->pwd;
	path_get(&root);
	path_get(&pwd);
	spin_unlock(&fs->lock);
	fs_put(fs);
	n = vfs_path_of(&root, &pwd, buf, size);
	path_put(&root);
	path_put(&pwd);
	return n > 0 ? n - 1 : n;
}

/* ---------------------------------------------------------------- a snapshot of a process */

/* What the per-process files print, gathered under the locks, printed after. */
struct proc_snap {
	int tgid, tid, ppid, pgid, sid, nr_threads, exit_signal, exit_code;
	char state;
	char comm[TASK_COMM_LEN];
	struct cred cred;
	u64 utime, stime, cutime, cstime, nvcsw, nivcsw, start_ns;
	int nice, prio, policy, rt_priority, cpu;
	struct cpumask cpus_allowed;
	u64 rsslim;
	unsigned int umask;
};

static char task_state_letter(const struct task *t)
{
	unsigned int st = READ_ONCE(t->state);

	if (st & TASK_UNINTERRUPTIBLE)
		return 'D';
	if (st & TASK_INTERRUPTIBLE)
		return 'S';
	if (st & TASK_DEAD)
		return 'X';
	return 'R';
}

static const char *state_name(char c)
{
	switch (c) {
	case 'R': return "R (running)";
	case 'S': return "S (sleeping)";
	case 'D': return "D (disk sleep)";
	case 'Z': return "Z (zombie)";
	default: return "X (dead)";
	}
}

/* The tree fields (tasklist_lock). */
static void snap_tree(struct proc_snap *sn, struct process *p)
{
	unsigned long irq = spin_lock_irqsave(&tasklist_lock);

	sn->ppid = p->parent ? p->parent->tgid : 0;
	sn->pgid = p->pgid;
	sn->sid = p->sid;
	sn->exit_signal = p->exit_signal;
	sn->state = p->exit_state == PROCESS_ZOMBIE ? 'Z' : p->exit_state == PROCESS_DEAD ? 'X' : 0;
	sn->exit_code = p->exit_state != PROCESS_ALIVE ? p->exit_status : 0;
	spin_unlock_irqrestore(&tasklist_lock, irq);
}

/* The thread's scheduling fields (read racily: a snapshot for display). */
static void snap_thread(struct proc_snap *sn, struct task *t)
{
	sn->nice = READ_ONCE(t->nice);
	sn->policy = READ_ONCE(t->policy);
	sn->rt_priority = READ_ONCE(t->rt_priority);
	sn->prio = sn->rt_priority ? -1 - sn->rt_priority : 20 + sn->nice;
	sn->cpu = (int)READ_ONCE(t->cpu);
	sn->cpus_allowed = t->cpus_allowed;
	sn->start_ns = t->start_time;
	if (!sn->state)
		sn->state = task_state_letter(t);
}

/* The process fields (process_lock); times of the whole process, or of thread tid. */
static void snap_process(struct proc_snap *sn, struct process *p, int tid)
{
	unsigned long irq = spin_lock_irqsave(&p->lock);
	struct task *t;

	memcpy(sn->comm, p->comm, sizeof(sn->comm));
	sn->comm[TASK_COMM_LEN - 1] = 0;
	sn->cred = p->cred;
	sn->nr_threads = (int)p->nr_threads;
	sn->rsslim = p->rlim[RLIMIT_RSS].rlim_cur;
	sn->cutime = p->child_utime;
	sn->cstime = p->child_stime;
	if (!tid) {
		sn->utime = p->dead_utime;
		sn->stime = p->dead_stime;
		sn->nvcsw = p->dead_nvcsw;
		sn->nivcsw = p->dead_nivcsw;
	}
	list_for_each_entry(t, &p->threads, thread_node) {
		u64 u, s;

		if (tid && t->pid != tid)
			continue;
		if (tid)
			memcpy(sn->comm, t->name, sizeof(sn->comm));
		task_cputime(t, &u, &s);
		sn->utime += u;
		sn->stime += s;
		sn->nvcsw += t->nr_voluntary_switches;
		sn->nivcsw += t->nr_involuntary_switches;
	}
	spin_unlock_irqrestore(&p->lock, irq);
}

/*
 * Gather pi's process (and thread, or the first live thread). 0 with
 * *pp and *tp referenced (*tp NULL for a zombie): release with
 * snap_put; -ESRCH if gone.
 */
static int proc_snap_get(struct proc_inode *pi, struct proc_snap *sn, struct process **pp,
			 struct task **tp)
{
	bool thread = pi->thread;
	struct process *p = proc_find_process(pi->tgid);

	memset(sn, 0, sizeof(*sn));
	if (!p)
		return -ESRCH;
	sn->tgid = pi->tgid;
	sn->tid = pi->tid;
	snap_tree(sn, p);
	snap_process(sn, p, thread ? pi->tid : 0);
	*tp = proc_pick_thread(p, thread ? pi->tid : 0);
	sn->umask = 022;
	if (*tp) {
		struct fs_struct *fs = proc_task_fs(p, *tp);

		snap_thread(sn, *tp);
		if (fs) {
			spin_lock(&fs->lock);
			sn->umask = fs->umask;
			spin_unlock(&fs->lock);
			fs_put(fs);
		}
	}
	else if (!sn->state)
		sn->state = 'Z';
	*pp = p;
	return 0;
}

static void snap_put(struct process *p, struct task *t)
{
	if (t)
		task_put(t);
	process_put(p);
}

/* ---------------------------------------------------------------- memory figures */

struct proc_mem {
	unsigned long vm_pages, rss, text_pages, stack_pages, data_pages, pt_pages;
	unsigned long start_code, end_code, start_stack, brk_start, brk;
	unsigned long arg_start, arg_end, env_start, env_end;
};

/* Sum the VMAs (mm_lock). */
static void proc_mem_vmas(struct mm_struct *mm, struct proc_mem *m)
{
	unsigned long irq = mm_lock(mm);
	struct vm_area *v;

	m->vm_pages = mm->vmas.total_pages;
	m->rss = mm->rss;
	m->pt_pages = mm->pt_pages;
	m->start_stack = mm->start_stack;
	m->brk_start = mm->brk_start;
	m->brk = mm->brk;
	list_for_each_entry(v, &mm->vmas.list, list) {
		unsigned long pages = (v->end - v->start) >> PAGE_SHIFT;
		bool vdso = mm->vdso_base && v->start <= mm->vdso_base && mm->vdso_base < v->end;

		if ((v->flags & VM_EXEC) && !vdso && !m->start_code) {
			m->start_code = v->start;
			m->end_code = v->end;
		}
		if ((v->flags & VM_EXEC) && !vdso)
			m->text_pages += pages;
		else if (v->flags & VM_GROWSDOWN)
			m->stack_pages += pages;
		else if ((v->flags & VM_WRITE) && !(v->flags & VM_SHARED))
			m->data_pages += pages;
	}
	mm_unlock(mm, irq);
}

/*
 * Where argv and envp strings are: the initial stack (mm->start_stack is
 * the sp exec left: argc, argv[], NULL, envp[], NULL), strings in order.
 */
static void proc_mem_args(struct mm_struct *mm, struct proc_mem *m)
{
	u64 argc, last, first_env, p;
	unsigned long sp = m->start_stack;
	char c;

	if (!sp || copy_from_mm(mm, &argc, (void *)sp, 8) || argc > PROC_ARGS_MAX)
		return;
	if (argc && (copy_from_mm(mm, &p, (void *)(sp + 8), 8) ||
		     copy_from_mm(mm, &last, (void *)(sp + 8 * argc), 8)))
		return;
	if (copy_from_mm(mm, &first_env, (void *)(sp + 8 * (argc + 2)), 8))
		return;
	if (argc) {
		m->arg_start = p;
		for (m->arg_end = last; m->arg_end - last < PROC_ARGS_MAX; m->arg_end++)
			if (copy_from_mm(mm, &c, (void *)m->arg_end, 1) || !c)
				break;
		m->arg_end++;
	}
	if (first_env) {
		u64 envp = sp + 8 * (argc + 2), e, lastp = 0;

		m->env_start = first_env;
		for (; envp - sp < PROC_ARGS_MAX; envp += 8) {
			if (copy_from_mm(mm, &e, (void *)envp, 8) || !e)
				break;
			lastp = e;
		}
		for (m->env_end = lastp; lastp && m->env_end - lastp < PROC_ARGS_MAX; m->env_end++)
			if (copy_from_mm(mm, &c, (void *)m->env_end, 1) || !c)
				break;
		m->env_end += lastp ? 1 : 0;
	}
}

/* The mm of pi's thread with a reference (mm_put), or NULL (zombie, kernel thread). */
static struct mm_struct *proc_mm_of(struct proc_inode *pi)
{
	struct process *p = proc_find_process(pi->tgid);
	struct mm_struct *mm = NULL;
	struct task *t;

	if (!p)
		return NULL;
	t = proc_pick_thread(p, pi->tid);
	if (t) {
		mm = proc_task_mm(p, t);
		task_put(t);
	}
	process_put(p);
	return mm;
}

static void proc_mem_get(struct proc_inode *pi, struct proc_mem *m, bool args)
{
	struct mm_struct *mm = proc_mm_of(pi);

	memset(m, 0, sizeof(*m));
	if (!mm)
		return;
	proc_mem_vmas(mm, m);
	if (args)
		proc_mem_args(mm, m);
	mm_put(mm);
}

/* ---------------------------------------------------------------- stat, status, statm */

static unsigned long long ticks(u64 ns)
{
	return (unsigned long long)(ns / NS_PER_USER_HZ);
}

static int pid_stat_show(struct seq_buf *s, struct proc_inode *pi)
{
	struct proc_snap sn;
	struct proc_mem m;
	struct process *p;
	struct task *t;
	int err = proc_snap_get(pi, &sn, &p, &t);

	if (err)
		return err;
	snap_put(p, t);
	proc_mem_get(pi, &m, true);
	seq_printf(s, "%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 %llu %llu %llu %llu %d %d %d 0 %llu ",
		   sn.tid, sn.comm, sn.state, sn.ppid, sn.pgid, sn.sid, ticks(sn.utime),
		   ticks(sn.stime), ticks(sn.cutime), ticks(sn.cstime), sn.prio, sn.nice,
		   sn.nr_threads, ticks(sn.start_ns));
	seq_printf(s, "%lu %lu %llu %lu %lu %lu 0 0 0 0 0 0 0 0 0 %d %d %d %d 0 0 0 ",
		   m.vm_pages * PAGE_SIZE, m.rss, (unsigned long long)sn.rsslim, m.start_code,
		   m.end_code, m.start_stack, sn.exit_signal, sn.cpu, sn.rt_priority, sn.policy);
	seq_printf(s, "0 0 %lu %lu %lu %lu %lu %d\n", m.brk_start, m.arg_start, m.arg_end,
		   m.env_start, m.env_end, sn.exit_code);
	return 0;
}

static void status_ids(struct seq_buf *s, const struct proc_snap *sn)
{
	const struct cred *c = &sn->cred;

	seq_printf(s, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n", c->uid, c->euid, c->suid,
		   c->fsuid, c->gid, c->egid, c->sgid, c->fsgid);
}

static void status_groups(struct seq_buf *s, const struct proc_snap *sn)
{
	seq_puts(s, "Groups:\t");
	for (unsigned int i = 0; i < sn->cred.ngroups && i < CRED_NGROUPS; i++)
		seq_printf(s, "%u ", sn->cred.groups[i]);
	seq_putc(s, '\n');
}

static void status_mem(struct seq_buf *s, const struct proc_mem *m)
{
	unsigned long kb = PAGE_SIZE / 1024;

	seq_printf(s, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\n",
		   m->vm_pages * kb, m->vm_pages * kb, 0UL, 0UL);
	seq_printf(s, "VmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\n", m->rss * kb,
		   m->rss * kb, 0UL);
	seq_printf(s, "RssFile:\t%8lu kB\nRssShmem:\t%8lu kB\nVmData:\t%8lu kB\n", 0UL, 0UL,
		   m->data_pages * kb);
	seq_printf(s, "VmStk:\t%8lu kB\nVmExe:\t%8lu kB\nVmLib:\t%8lu kB\n", m->stack_pages * kb,
		   m->text_pages * kb, 0UL);
	seq_printf(s, "VmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n", m->pt_pages * kb, 0UL);
}

/* Cpus_allowed as a hex mask and a list ("0-3"). */
static void status_cpus(struct seq_buf *s, const struct proc_snap *sn)
{
	unsigned long mask = sn->cpus_allowed.bits;
	bool first = true;

	if (nr_cpus < 64)
		mask &= (1UL << nr_cpus) - 1;
	seq_printf(s, "Cpus_allowed:\t%lx\nCpus_allowed_list:\t", mask);
	for (unsigned int i = 0; i < nr_cpus; i++) {
		unsigned int j = i;

		if (!((mask >> i) & 1))
			continue;
		while (j + 1 < nr_cpus && ((mask >> (j + 1)) & 1))
			j++;
		seq_printf(s, j > i ? "%s%u-%u" : "%s%u", first ? "" : ",", i, j);
		first = false;
		i = j;
	}
	seq_puts(s, "\nMems_allowed:\t1\nMems_allowed_list:\t0\n");
}

/* The size of the descriptor table of pi's thread (0 for a zombie). */
static unsigned int proc_fd_size(struct proc_inode *pi)
{
	struct files_struct *files = proc_files_of(pi->tgid, pi->tid);
	unsigned int n;

	if (!files)
		return 0;
	spin_lock(&files->lock);
	n = files->fdt->max_fds;
	spin_unlock(&files->lock);
	files_put(files);
	return n;
}

static int pid_status_show(struct seq_buf *s, struct proc_inode *pi)
{
	struct proc_snap sn;
	struct proc_mem m;
	struct process *p;
	struct task *t;
	int err = proc_snap_get(pi, &sn, &p, &t);
	bool root = sn.cred.euid == 0;

	if (err)
		return err;
	snap_put(p, t);
	proc_mem_get(pi, &m, false);
	seq_printf(s, "Name:\t%s\nUmask:\t%04o\nState:\t%s\nTgid:\t%d\nNgid:\t0\nPid:\t%d\n",
		   sn.comm, sn.umask, state_name(sn.state), sn.tgid, sn.tid);
	seq_printf(s, "PPid:\t%d\nTracerPid:\t0\n", sn.ppid);
	status_ids(s, &sn);
	seq_printf(s, "FDSize:\t%u\n", proc_fd_size(pi));
	status_groups(s, &sn);
	seq_printf(s, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n", sn.tgid, sn.tid,
		   sn.pgid, sn.sid);
	if (t || sn.state != 'Z')
		status_mem(s, &m);
	seq_printf(s, "CoreDumping:\t0\nThreads:\t%d\nSigQ:\t0/0\n", sn.nr_threads);
	seq_puts(s, "SigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\n"
		    "SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\n"
		    "SigCgt:\t0000000000000000\nCapInh:\t0000000000000000\n");
	seq_printf(s, "CapPrm:\t%s\nCapEff:\t%s\n", root ? "000001ffffffffff" : "0000000000000000",
		   root ? "000001ffffffffff" : "0000000000000000");
	seq_puts(s, "CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\n"
		    "Seccomp:\t0\nSeccomp_filters:\t0\n");
	status_cpus(s, &sn);
	seq_printf(s, "voluntary_ctxt_switches:\t%llu\nnonvoluntary_ctxt_switches:\t%llu\n",
		   (unsigned long long)sn.nvcsw, (unsigned long long)sn.nivcsw);
	return 0;
}

static int pid_statm_show(struct seq_buf *s, struct proc_inode *pi)
{
	struct proc_mem m;

	proc_mem_get(pi, &m, false);
	seq_printf(s, "%lu %lu %lu %lu 0 %lu 0\n", m.vm_pages, m.rss, 0UL, m.text_pages,
		   m.data_pages + m.stack_pages);
	return 0;
}

/* ---------------------------------------------------------------- comm, cmdline, environ */

static int pid_comm_show(struct seq_buf *s, struct proc_inode *pi)
{
	struct proc_snap sn;
	struct process *p;
	struct task *t;
	int err = proc_snap_get(pi, &sn, &p, &t);

	if (err)
		return err;
	snap_put(p, t);
	seq_printf(s, "%s\n", sn.comm);
	return 0;
}

/* Copy user bytes [start, end) of pi's mm into s (at most PROC_ARGS_MAX). */
static int proc_copy_range(struct seq_buf *s, struct proc_inode *pi, bool env)
{
	struct mm_struct *mm = proc_mm_of(pi);
	struct proc_mem m;
	unsigned long start, end;
	char chunk[256];

	if (!mm)
		return 0;   /* a zombie or kernel thread: empty, as Linux */
	memset(&m, 0, sizeof(m));
	proc_mem_vmas(mm, &m);
	proc_mem_args(mm, &m);
	start = env ? m.env_start : m.arg_start;
	end = env ? m.env_end : m.arg_end;
	end = MIN(end, start + PROC_ARGS_MAX);
	while (start < end && !s->overflow) {
		size_t n = MIN(sizeof(chunk), end - start);

		if (copy_from_mm(mm, chunk, (void *)start, n))
			break;
		seq_write(s, chunk, n);
		start += n;
	}
	mm_put(mm);
	return 0;
}

static int pid_cmdline_show(struct seq_buf *s, struct proc_inode *pi)
{
	return proc_copy_range(s, pi, false);
}

static int pid_environ_show(struct seq_buf *s, struct proc_inode *pi)
{
	struct process *p = current_process();

	/* Linux: the owner or root (ptrace read access). */
	if (p && p->cred.euid != 0 && p->cred.euid != pi->vfs.i_uid)
		return -EACCES;
	return proc_copy_range(s, pi, true);
}

/* ---------------------------------------------------------------- maps, sched */

/*
 * One maps line (mm_lock held): Linux's columns, the device and inode from
 * the VMA's ident method (else 00:00 0), the name padded to column 73.
 */
static void maps_line(struct seq_buf *s, struct mm_struct *mm, struct vm_area *v)
{
	const char *name = NULL;
	size_t before = s->len;
	unsigned long ino = 0;
	char path[64];
	u32 dev = 0;

	if (v->file && v->ops && vma_ops(v)->ident)
		vma_ops(v)->ident(v, &dev, &ino);
	seq_printf(s, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ", v->start, v->end,
		   (v->flags & VM_READ) ? 'r' : '-', (v->flags & VM_WRITE) ? 'w' : '-',
		   (v->flags & VM_EXEC) ? 'x' : '-', (v->flags & VM_MAYSHARE) ? 's' : 'p',
		   v->file ? v->pgoff << PAGE_SHIFT : 0UL, MAJOR(dev), MINOR(dev), ino);
	if (v->file && v->ops && vma_ops(v)->name) {
		vma_ops(v)->name(v, path, sizeof(path));
		name = path;
	} else if (mm->vdso_base && v->start == mm->vdso_base)
		name = "[vdso]";
	else if (mm->vdso_base && v->end == mm->vdso_base)
		name = "[vvar]";
	else if (!v->file && v->start <= mm->brk && v->end >= mm->brk_start)
		name = "[heap]";
	else if (v->start <= mm->start_stack && mm->start_stack < v->end)
		name = "[stack]";
	if (name) {
		size_t width = s->len - before;

		for (; width < 73; width++)
			seq_putc(s, ' ');
		seq_puts(s, name);
	}
	seq_putc(s, '\n');
}

static int pid_maps_show(struct seq_buf *s, struct proc_inode *pi)
{
	struct mm_struct *mm = proc_mm_of(pi);
	struct vm_area *v;
	unsigned long irq;

	if (!mm)
		return 0;
	irq = mm_lock(mm);
	list_for_each_entry(v, &mm->vmas.list, list)
		maps_line(s, mm, v);
	mm_unlock(mm, irq);
	mm_put(mm);
	return 0;
}

/* Linux's /proc/<pid>/sched header and the fields Kestrel keeps (ms with 6 decimals). */
static void sched_field_ns(struct seq_buf *s, const char *name, u64 ns)
{
	seq_printf(s, "%-45s:%14llu.%06llu\n", name, (unsigned long long)(ns / 1000000),
		   (unsigned long long)(ns % 1000000));
}

static int pid_sched_show(struct seq_buf *s, struct proc_inode *pi)
{
	struct process *p = proc_find_process(pi->tgid);
	struct task *t = p ? proc_pick_thread(p, pi->tid) : NULL;
	char comm[TASK_COMM_LEN];

	if (p)
		process_put(p);
	if (!t)
		return p ? 0 : -ESRCH;
	memcpy(comm, t->name, sizeof(comm));
	comm[TASK_COMM_LEN - 1] = 0;
	seq_printf(s, "%s (%d, #threads: %u)\n", comm, t->pid,
		   t->proc ? READ_ONCE(t->proc->nr_threads) : 1u);
	seq_puts(s, "-------------------------------------------------------------------\n");
	sched_field_ns(s, "se.exec_start", READ_ONCE(t->se.exec_start));
	sched_field_ns(s, "se.vruntime", READ_ONCE(t->se.vruntime));
	sched_field_ns(s, "se.sum_exec_runtime", task_sched_runtime(t));
	seq_printf(s, "%-45s:%21llu\n", "se.nr_migrations", (unsigned long long)t->nr_migrations);
	sched_field_ns(s, "se.statistics.wait_sum", READ_ONCE(t->wait_sum));
	sched_field_ns(s, "se.statistics.wait_max", READ_ONCE(t->wait_max));
	seq_printf(s, "%-45s:%21llu\n%-45s:%21llu\n%-45s:%21llu\n", "nr_switches",
		   (unsigned long long)(t->nr_voluntary_switches + t->nr_involuntary_switches),
		   "nr_voluntary_switches", (unsigned long long)t->nr_voluntary_switches,
		   "nr_involuntary_switches", (unsigned long long)t->nr_involuntary_switches);
	seq_printf(s, "%-45s:%21lu\n%-45s:%21d\n%-45s:%21d\n", "se.load.weight",
		   (unsigned long)t->se.load.weight, "policy", t->policy, "prio",
		   t->rt_priority ? 99 - t->rt_priority : 120 + t->nice);
	task_put(t);
	return 0;
}

/* ---------------------------------------------------------------- the tables */

#define PID_FILE(n, m, fn) { .name = n, .mode = S_IFREG | (m), .show = fn }

#define PID_COMMON                                                                  \
	PID_FILE("cmdline", 0444, pid_cmdline_show),                                \
	PID_FILE("comm", 0444, pid_comm_show),                                      \
	{ .name = "cwd", .mode = S_IFLNK | 0777, .link = proc_cwd_link },           \
	PID_FILE("environ", 0400, pid_environ_show),                                \
	{ .name = "fd", .mode = S_IFDIR | 0500, .dyn = PROC_DYN_FDS },              \
	PID_FILE("maps", 0444, pid_maps_show),                                      \
	PID_FILE("sched", 0444, pid_sched_show),                                    \
	PID_FILE("stat", 0444, pid_stat_show),                                      \
	PID_FILE("statm", 0444, pid_statm_show),                                    \
	PID_FILE("status", 0444, pid_status_show)

const struct proc_entry proc_pid_children[] = {
	PID_COMMON,
	{ .name = "task", .mode = S_IFDIR | 0555, .dyn = PROC_DYN_TIDS },
	{ 0 },
};

const struct proc_entry proc_tid_children[] = {
	PID_COMMON,
	{ 0 },
};
