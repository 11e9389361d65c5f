/*
 * System V semaphore sets: semget, semop, semtimedop, semctl, and the
 * SEM_UNDO lists applied at exit.
 *
 * A set (struct sem_array) holds its values, the pid of each value's
 * last operation, the operations sleeping on it (struct sem_waiter, in
 * arrival order) and the undo entries of processes that used SEM_UNDO on
 * it. A semop runs all its operations or none (sem_ops.c); one that
 * cannot go on sleeps with its operations queued. Whoever changes values
 * (semop, SETVAL, SETALL, an exit's undo) retries the queue in order and
 * completes the operations that can now run on their sleepers' behalf,
 * waking exactly those (Linux's update_queue): no sleeper is woken to
 * find it still cannot go on, and none is missed, since the retry and
 * every queueing happen under the set's lock.
 *
 * SEM_UNDO: each process has a struct sem_undo_list (task->sysvsem,
 * shared by threads cloned with CLONE_SYSVSEM), with one struct sem_undo
 * per set it adjusted: an adjustment per semaphore, changed with the
 * values under the set's lock. The last task to drop the list (exit)
 * applies the adjustments, clamped to [0, SEMVMX]. IPC_RMID unlinks the
 * set's entries (they are freed at exit); SETVAL and SETALL clear the
 * adjustments of the semaphores they set, as on Linux.
 *
 * Locks: "ipc_ids" to find a set, then its "sem_array" spinlock for
 * everything in it ([L]); "sem_undo_list" alone, to find or add an entry
 * ([U]). Operations are copied from user memory before any lock.
 */
#include <fs/procfs.h>
#include <ipc/ipc.h>
#include <ipc/sem.h>
#include <kernel/err.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <lib/list.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <uapi/errno.h>

struct sem_array {
	struct kern_ipc_perm perm;     /* first: the id layer's part */
	unsigned int nsems;            /* [I] */
	long otime, ctime;             /* [L] */
	struct list_head pending;      /* [L] struct sem_waiter, oldest first */
	struct list_head undos;        /* [L] struct sem_undo.sma_node */
	int *pids;                     /* [L] nsems: last pid per semaphore */
	int vals[];                    /* [L] nsems values, then the pids */
};

/* A sleeping semop. status: 1 waiting; 0 done; -ERANGE (by a waker). */
struct sem_waiter {
	struct list_head node;         /* [L] in pending while status == 1 */
	struct task *task;
	int pid;
	const struct sembuf *sops;
	unsigned int nsops;
	unsigned int blocked;          /* [L] the operation it waits on */
	struct sem_undo *undo;         /* its adjustments, or NULL */
	bool alter;                    /* some sem_op != 0 */
	int status;                    /* [L] */
};

struct sem_undo {
	struct list_head list_node;    /* [U] in sem_undo_list.entries */
	struct list_head sma_node;     /* [L] in sem_array.undos while linked */
	struct sem_array *sma;         /* [L] the set it is linked on, or NULL */
	int semid;                     /* [I] */
	unsigned int nsems;            /* [I] */
	short adj[];                   /* [L] */
};

struct sem_undo_list {
	atomic_t refs;                 /* [a] the tasks sharing it */
	struct spinlock lock;          /* sem_undo_list */
	struct list_head entries;      /* [U] struct sem_undo */
};

static atomic_t sem_total;   /* semaphores in every set (SEMMNS, SEM_INFO) */

static struct sem_array *to_sma(struct kern_ipc_perm *p)
{
	return container_of(p, struct sem_array, perm);
}

static void sem_array_free(struct kern_ipc_perm *p)
{
	struct sem_array *sma = to_sma(p);

	atomic_add_return(&sem_total, -(int)sma->nsems);
	kfree(sma);
}

static struct kern_ipc_perm *sem_array_create(int key, int flags, unsigned long nsems)
{
	struct sem_array *sma;

	(void)key, (void)flags;
	if (nsems == 0)
		return ERR_PTR(-EINVAL);
	if ((unsigned long)atomic_add_return(&sem_total, (int)nsems) > READ_ONCE(ipc_limits.semmns)) {
		atomic_add_return(&sem_total, -(int)nsems);
		return ERR_PTR(-ENOSPC);
	}
	sma = kzalloc(sizeof(*sma) + 2 * nsems * sizeof(int), GFP_KERNEL);
	if (!sma) {
		atomic_add_return(&sem_total, -(int)nsems);
		return ERR_PTR(-ENOMEM);
	}
	sma->nsems = (unsigned int)nsems;
	sma->pids = sma->vals + nsems;
	sma->ctime = ipc_now();
	INIT_LIST_HEAD(&sma->pending);
	INIT_LIST_HEAD(&sma->undos);
	return &sma->perm;
}

static int sem_array_check(struct kern_ipc_perm *p, int flags, unsigned long nsems)
{
	(void)flags;
	return nsems > to_sma(p)->nsems ? -EINVAL : 0;
}

static unsigned int sem_limit(void)
{
	return READ_ONCE(ipc_limits.semmni);
}

static const struct ipc_kind_ops sem_ops = {
	.create = sem_array_create,
	.check = sem_array_check,
	.free = sem_array_free,
	.limit = sem_limit,
};

/* semget(key, nsems, semflg) */
long sys_semget(const struct syscall_args *args)
{
	int nsems = (int)args->a[1];

	if (nsems < 0 || (unsigned int)nsems > READ_ONCE(ipc_limits.semmsl))
		return -EINVAL;
	return ipc_getcall(&sem_ids, &sem_ops, (int)args->a[0], (int)args->a[2],
			   (unsigned long)nsems);
}

static struct sem_array *sma_get(int id)
{
	struct kern_ipc_perm *p = ipc_get(&sem_ids, id);

	return p ? to_sma(p) : NULL;
}

static void sma_put(struct sem_array *sma)
{
	ipc_put(&sma->perm, sem_array_free);
}

static int sma_perm(struct sem_array *sma, unsigned int flag)
{
	struct ipc_cred c;

	ipc_cred_current(&c);
	return ipc_perm_check(&sma->perm, &c, flag);
}

/* ------------------------------------------------------------ the queue */

/* Record a completed operation's pids and time ([L]). */
static void sem_done(struct sem_array *sma, const struct sembuf *sops, unsigned int n, int pid)
{
	for (unsigned int i = 0; i < n; i++)
		sma->pids[sops[i].sem_num] = pid;
	sma->otime = ipc_now();
}

/*
 * Values changed ([L]): complete, in order, every sleeping semop that can
 * now run, and wake its task; start over after each one that changed
 * values, since earlier sleepers may now go on.
 */
static void sem_update_queue(struct sem_array *sma)
{
	struct sem_waiter *w, *n;

again:
	list_for_each_entry_safe(w, n, &sma->pending, node) {
		int r = sem_apply(sma->vals, w->undo ? w->undo->adj : NULL, w->sops, w->nsops,
				  &w->blocked);

		if (r == -EAGAIN)
			continue;
		list_del_init(&w->node);
		if (!r)
			sem_done(sma, w->sops, w->nsops, w->pid);
		WRITE_ONCE(w->status, r);
		wake_up_process(w->task);
		if (!r && w->alter)
			goto again;
	}
}

/* ------------------------------------------------------------ undo lists */

static struct sem_undo_list *sem_undo_list_alloc(void)
{
	struct sem_undo_list *ulp = kzalloc(sizeof(*ulp), GFP_KERNEL);

	if (!ulp)
		return NULL;
	atomic_set(&ulp->refs, 1);
	spin_lock_init(&ulp->lock, "sem_undo_list");
	INIT_LIST_HEAD(&ulp->entries);
	return ulp;
}

/* The caller's entry for semid (made if missing), or ERR_PTR(-ENOMEM). */
static struct sem_undo *sem_undo_get(int semid, unsigned int nsems)
{
	struct sem_undo_list *ulp = current->sysvsem;
	struct sem_undo *un, *fresh;

	if (!ulp) {
		ulp = sem_undo_list_alloc();
		if (!ulp)
			return ERR_PTR(-ENOMEM);
		current->sysvsem = ulp;
	}
	fresh = kzalloc(sizeof(*fresh) + nsems * sizeof(short), GFP_KERNEL);
	spin_lock(&ulp->lock);
	list_for_each_entry(un, &ulp->entries, list_node) {
		if (un->semid == semid) {
			spin_unlock(&ulp->lock);
			kfree(fresh);
			return un;
		}
	}
	if (fresh) {
		fresh->semid = semid;
		fresh->nsems = nsems;
		INIT_LIST_HEAD(&fresh->sma_node);
		list_add(&fresh->list_node, &ulp->entries);
	}
	spin_unlock(&ulp->lock);
	return fresh ? fresh : ERR_PTR(-ENOMEM);
}

int sem_clone(struct task *child, unsigned long clone_flags)
{
	struct sem_undo_list *ulp;

	if (!(clone_flags & CLONE_SYSVSEM))
		return 0;
	ulp = current->sysvsem;
	if (!ulp) {
		ulp = sem_undo_list_alloc();
		if (!ulp)
			return -ENOMEM;
		current->sysvsem = ulp;
	}
	atomic_inc(&ulp->refs);
	child->sysvsem = ulp;
	return 0;
}

/* Apply one entry's adjustments to its set (if the set still has it), then free it. */
static void sem_undo_exit_one(struct sem_undo *un, int pid)
{
	struct sem_array *sma = sma_get(un->semid);

	if (sma) {
		spin_lock(&sma->perm.lock);
		if (un->sma == sma && !sma->perm.deleted) {
			sem_undo_values(sma->vals, un->adj, sma->nsems);
			for (unsigned int i = 0; i < sma->nsems; i++)
				if (un->adj[i])
					sma->pids[i] = pid;
			list_del(&un->sma_node);
			un->sma = NULL;
			sem_update_queue(sma);
		}
		spin_unlock(&sma->perm.lock);
		sma_put(sma);
	}
	kfree(un);
}

void sem_exit(struct task *t)
{
	struct sem_undo_list *ulp = t->sysvsem;
	struct sem_undo *un, *n;
	int pid = t->proc ? t->proc->tgid : 0;

	if (!ulp)
		return;
	t->sysvsem = NULL;
	if (!atomic_dec_and_test(&ulp->refs))
		return;
	list_for_each_entry_safe(un, n, &ulp->entries, list_node) {
		list_del(&un->list_node);
		sem_undo_exit_one(un, pid);
	}
	kfree(ulp);
}

/* ------------------------------------------------------------ semop */

/* Sleep until w completes, the deadline passes or a signal ([L] held). */
static int sem_sleep(struct sem_array *sma, struct sem_waiter *w, u64 deadline)
{
	w->status = 1;
	list_add_tail(&w->node, &sma->pending);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		ipc_sleep_locked(&sma->perm, deadline);
		if (w->status != 1)
			return w->status;
		if (sma->perm.deleted) {
			list_del_init(&w->node);
			return -EIDRM;
		}
		if (signal_pending(current)) {
			list_del_init(&w->node);
			return -EINTR;
		}
		if (deadline && ktime_get_ns() >= deadline) {
			list_del_init(&w->node);
			return -EAGAIN;
		}
	}
}

/* The semop on a found set ([L] not held). */
static long sem_do_op(struct sem_array *sma, struct sem_waiter *w, u64 deadline)
{
	long ret;

	spin_lock(&sma->perm.lock);
	if (sma->perm.deleted) {
		ret = -EIDRM;
		goto out;
	}
	ret = sma_perm(sma, w->alter ? 0222 : 0444);
	if (ret)
		goto out;
	if (w->undo && !w->undo->sma) {
		w->undo->sma = sma;
		list_add(&w->undo->sma_node, &sma->undos);
	}
	ret = sem_apply(sma->vals, w->undo ? w->undo->adj : NULL, w->sops, w->nsops, &w->blocked);
	if (!ret) {
		sem_done(sma, w->sops, w->nsops, w->pid);
		if (w->alter)
			sem_update_queue(sma);
	} else if (ret == -EAGAIN && !(w->sops[w->blocked].sem_flg & IPC_NOWAIT)) {
		ret = sem_sleep(sma, w, deadline);
	}
out:
	spin_unlock(&sma->perm.lock);
	return ret;
}

/* Check the operations against the set (EFBIG) and get an undo entry if needed. */
static long sem_prepare(struct sem_array *sma, int semid, struct sem_waiter *w)
{
	bool undo = false;

	for (unsigned int i = 0; i < w->nsops; i++) {
		if (w->sops[i].sem_num >= sma->nsems)
			return -EFBIG;
		undo |= w->sops[i].sem_flg & SEM_UNDO;
		w->alter |= w->sops[i].sem_op != 0;
	}
	if (undo) {
		w->undo = sem_undo_get(semid, sma->nsems);
		if (IS_ERR(w->undo))
			return PTR_ERR(w->undo);
	}
	return 0;
}

static long do_semtimedop(int semid, const struct sembuf __user *usops, unsigned long nsops,
			  const struct __kernel_timespec __user *uts)
{
	struct sem_waiter w = { .task = current, .pid = ipc_current_pid() };
	struct sembuf *sops;
	struct sem_array *sma;
	u64 deadline = 0;
	long ret;

	if (semid < 0 || nsops < 1 || (long)nsops < 0)
		return -EINVAL;
	if (nsops > READ_ONCE(ipc_limits.semopm))
		return -E2BIG;
	if (uts) {
		struct __kernel_timespec ts;
		u64 ns;

		if (copy_from_user(&ts, uts, sizeof(ts)))
			return -EFAULT;
		if (timespec_to_ns(&ts, &ns))
			return -EINVAL;
		deadline = ktime_get_ns() + ns;
		if (!deadline)
			deadline = 1;
	}
	sops = kmalloc(nsops * sizeof(*sops), GFP_KERNEL);
	if (!sops)
		return -ENOMEM;
	ret = -EFAULT;
	if (copy_from_user(sops, usops, nsops * sizeof(*sops)))
		goto out_free;
	w.sops = sops;
	w.nsops = (unsigned int)nsops;
	INIT_LIST_HEAD(&w.node);
	ret = -EINVAL;
	sma = sma_get(semid);
	if (!sma)
		goto out_free;
	ret = sem_prepare(sma, semid, &w);
	if (!ret)
		ret = sem_do_op(sma, &w, deadline);
	sma_put(sma);
out_free:
	kfree(sops);
	return ret;
}

/* semop(semid, sops, nsops) */
long sys_semop(const struct syscall_args *args)
{
	return do_semtimedop((int)args->a[0], (const struct sembuf __user *)args->a[1],
			     args->a[2], NULL);
}

/* semtimedop(semid, sops, nsops, timeout) */
long sys_semtimedop(const struct syscall_args *args)
{
	return do_semtimedop((int)args->a[0], (const struct sembuf __user *)args->a[1],
			     args->a[2], (const struct __kernel_timespec __user *)args->a[3]);
}

/* ------------------------------------------------------------ semctl */

/* Sleepers on semaphore num waiting for it to grow (zero: to be 0) ([L]). */
static int sem_count_waiters(struct sem_array *sma, unsigned int num, bool zero)
{
	struct sem_waiter *w;
	int n = 0;

	list_for_each_entry(w, &sma->pending, node) {
		const struct sembuf *op = &w->sops[w->blocked];

		if (op->sem_num == num && (zero ? op->sem_op == 0 : op->sem_op < 0))
			n++;
	}
	return n;
}

/* SETVAL/SETALL cleared semaphore num (or all, num < 0): its adjustments go ([L]). */
static void sem_clear_adj(struct sem_array *sma, int num)
{
	struct sem_undo *un;

	list_for_each_entry(un, &sma->undos, sma_node) {
		if (num >= 0)
			un->adj[num] = 0;
		else
			memset(un->adj, 0, sma->nsems * sizeof(short));
	}
}

static long semctl_info(int cmd, void __user *buf)
{
	struct seminfo si = {
		.semmni = (int)READ_ONCE(ipc_limits.semmni),
		.semmns = (int)READ_ONCE(ipc_limits.semmns),
		.semmsl = (int)READ_ONCE(ipc_limits.semmsl),
		.semopm = (int)READ_ONCE(ipc_limits.semopm),
		.semvmx = SEMVMX, .semmap = SEMMAP, .semmnu = SEMMNU,
		.semume = SEMUME, .semusz = SEMUSZ, .semaem = SEMAEM,
	};
	unsigned int in_use, max_idx;

	ipc_ids_counts(&sem_ids, &in_use, &max_idx);
	if (cmd == SEM_INFO) {
		si.semusz = (int)in_use;
		si.semaem = atomic_read(&sem_total);
	}
	if (copy_to_user(buf, &si, sizeof(si)))
		return -EFAULT;
	return max_idx ? (long)max_idx - 1 : 0;
}

static long semctl_stat(int idx_or_id, int cmd, void __user *buf)
{
	struct semid64_ds ds;
	struct kern_ipc_perm *p;
	long ret = 0;

	if (cmd == IPC_STAT)
		p = ipc_get(&sem_ids, idx_or_id);
	else
		p = idx_or_id < 0 ? NULL : ipc_get_at(&sem_ids, (unsigned int)idx_or_id);
	if (!p)
		return -EINVAL;
	memset(&ds, 0, sizeof(ds));
	spin_lock(&p->lock);
	if (cmd != SEM_STAT_ANY)
		ret = sma_perm(to_sma(p), 0444);
	ipc_fill_perm(p, &ds.sem_perm);
	ds.sem_otime = to_sma(p)->otime;
	ds.sem_ctime = to_sma(p)->ctime;
	ds.sem_nsems = to_sma(p)->nsems;
	spin_unlock(&p->lock);
	if (!ret && cmd != IPC_STAT)
		ret = p->id;
	sma_put(to_sma(p));
	if (ret >= 0 && copy_to_user(buf, &ds, sizeof(ds)))
		return -EFAULT;
	return ret;
}

/* IPC_RMID: wake every sleeper with EIDRM, unlink the undo entries. */
static void sem_remove(struct sem_array *sma)
{
	struct sem_waiter *w, *wn;
	struct sem_undo *un, *un2;

	if (!ipc_unlink(&sem_ids, &sma->perm))
		return;
	spin_lock(&sma->perm.lock);
	sma->perm.deleted = true;
	list_for_each_entry_safe(w, wn, &sma->pending, node) {
		list_del_init(&w->node);
		WRITE_ONCE(w->status, -EIDRM);
		wake_up_process(w->task);
	}
	list_for_each_entry_safe(un, un2, &sma->undos, sma_node) {
		list_del_init(&un->sma_node);
		un->sma = NULL;
	}
	spin_unlock(&sma->perm.lock);
	sma_put(sma);   /* the table's reference */
}

static long semctl_change(int id, int cmd, void __user *buf)
{
	struct semid64_ds ds;
	struct sem_array *sma;
	struct ipc_cred c;
	long ret = 0;

	if (cmd == IPC_SET && copy_from_user(&ds, buf, sizeof(ds)))
		return -EFAULT;
	sma = sma_get(id);
	if (!sma)
		return -EINVAL;
	ipc_cred_current(&c);
	spin_lock(&sma->perm.lock);
	if (!ipc_is_owner(&sma->perm, &c)) {
		ret = -EPERM;
	} else if (cmd == IPC_SET) {
		ipc_set_perm(&sma->perm, &ds.sem_perm);
		sma->ctime = ipc_now();
	}
	spin_unlock(&sma->perm.lock);
	if (!ret && cmd == IPC_RMID)
		sem_remove(sma);
	sma_put(sma);
	return ret;
}

/* GETVAL, GETPID, GETNCNT, GETZCNT, SETVAL on one semaphore. */
static long semctl_one(struct sem_array *sma, int num, int cmd, unsigned long arg)
{
	int val = (int)arg;

	if (num < 0 || (unsigned int)num >= sma->nsems)
		return -EINVAL;
	switch (cmd) {
	case GETVAL:
		return sma->vals[num];
	case GETPID:
		return sma->pids[num];
	case GETNCNT:
		return sem_count_waiters(sma, (unsigned int)num, false);
	case GETZCNT:
		return sem_count_waiters(sma, (unsigned int)num, true);
	}
	if (val < 0 || val > SEMVMX)
		return -ERANGE;
	sma->vals[num] = val;
	sma->pids[num] = ipc_current_pid();
	sma->ctime = ipc_now();
	sem_clear_adj(sma, num);
	sem_update_queue(sma);
	return 0;
}

/* GETALL and SETALL: the array is copied with no lock held. */
static long semctl_all(struct sem_array *sma, int cmd, unsigned short __user *uarr)
{
	unsigned int n = sma->nsems;
	unsigned short *arr = kmalloc(n * sizeof(*arr), GFP_KERNEL);
	long ret = 0;

	if (!arr)
		return -ENOMEM;
	if (cmd == SETALL && copy_from_user(arr, uarr, n * sizeof(*arr))) {
		ret = -EFAULT;
		goto out;
	}
	for (unsigned int i = 0; cmd == SETALL && i < n; i++)
		if (arr[i] > SEMVMX)
			ret = -ERANGE;
	if (ret)
		goto out;
	spin_lock(&sma->perm.lock);
	if (sma->perm.deleted)
		ret = -EIDRM;
	else
		ret = sma_perm(sma, cmd == SETALL ? 0222 : 0444);
	for (unsigned int i = 0; !ret && i < n; i++) {
		if (cmd == GETALL) {
			arr[i] = (unsigned short)sma->vals[i];
			continue;
		}
		sma->vals[i] = arr[i];
		sma->pids[i] = ipc_current_pid();
	}
	if (!ret && cmd == SETALL) {
		sma->ctime = ipc_now();
		sem_clear_adj(sma, -1);
		sem_update_queue(sma);
	}
	spin_unlock(&sma->perm.lock);
	if (!ret && cmd == GETALL && copy_to_user(uarr, arr, n * sizeof(*arr)))
		ret = -EFAULT;
out:
	kfree(arr);
	return ret;
}

static long semctl_values(int id, int num, int cmd, unsigned long arg)
{
	struct sem_array *sma = sma_get(id);
	long ret;

	if (!sma)
		return -EINVAL;
	if (cmd == GETALL || cmd == SETALL) {
		ret = semctl_all(sma, cmd, (unsigned short __user *)arg);
	} else {
		spin_lock(&sma->perm.lock);
		if (sma->perm.deleted)
			ret = -EIDRM;
		else
			ret = sma_perm(sma, cmd == SETVAL ? 0222 : 0444);
		if (!ret)
			ret = semctl_one(sma, num, cmd, arg);
		spin_unlock(&sma->perm.lock);
	}
	sma_put(sma);
	return ret;
}

/* semctl(semid, semnum, cmd, arg): arg is the union semun, passed by value. */
long sys_semctl(const struct syscall_args *args)
{
	int id = (int)args->a[0], num = (int)args->a[1], cmd = (int)args->a[2] & ~IPC_64;
	unsigned long arg = args->a[3];

	if (id < 0)
		return -EINVAL;
	switch (cmd) {
	case IPC_INFO:
	case SEM_INFO:
		return semctl_info(cmd, (void __user *)arg);
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		return semctl_stat(id, cmd, (void __user *)arg);
	case IPC_SET:
	case IPC_RMID:
		return semctl_change(id, cmd, (void __user *)arg);
	case GETVAL:
	case GETPID:
	case GETNCNT:
	case GETZCNT:
	case SETVAL:
	case GETALL:
	case SETALL:
		return semctl_values(id, num, cmd, arg);
	default:
		return -EINVAL;
	}
}

/* ------------------------------------------------------------ /proc/sysvipc/sem */

static void sem_proc_row(struct seq_buf *s, struct kern_ipc_perm *p)
{
	struct sem_array *sma = to_sma(p);

	spin_lock(&p->lock);
	seq_printf(s, "%10d %10d  %4o %10u %5u %5u %5u %5u %10llu %10llu\n", p->key, p->id,
		   p->mode, sma->nsems, p->uid, p->gid, p->cuid, p->cgid,
		   (unsigned long long)sma->otime, (unsigned long long)sma->ctime);
	spin_unlock(&p->lock);
}

void sem_proc_show(struct seq_buf *s)
{
	seq_puts(s, "       key      semid perms      nsems   uid   gid  cuid  cgid      otime      "
		    "ctime\n");
	ipc_proc_walk(s, &sem_ids, sem_proc_row, sem_array_free);
}
