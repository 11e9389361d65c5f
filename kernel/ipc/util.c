/*
 * System V IPC: the kernel half of the id layer (the pure half is
 * ipc_ids.c): the three tables with their locks, reference counting,
 * the common get call, and credential and time snapshots.
 *
 * Interface: kernel/include/ipc/ipc.h.
 *
 * Locks: each table's "ipc_ids" rwlock. Lookups (every operation on an
 * existing id) take it shared only to find the object and take a
 * reference, so the hot paths (msgsnd, msgrcv, semop, shmat) share no
 * lock but the object's own. Creation and removal take it exclusively;
 * an object's lock is taken inside it, never the reverse.
 */
#include <ipc/ipc.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <uapi/errno.h>

struct ipc_limits ipc_limits = {
	.msgmax = MSGMAX, .msgmnb = MSGMNB, .msgmni = MSGMNI,
	.semmsl = SEMMSL, .semmns = SEMMNS, .semopm = SEMOPM, .semmni = SEMMNI,
	.shmmax = SHMMAX, .shmall = SHMALL, .shmmni = SHMMNI,
};

#define IPC_IDS_INIT(objlock) { .lock = RWLOCK_INIT("ipc_ids"), .obj_lock_name = (objlock) }

struct ipc_ids msg_ids = IPC_IDS_INIT("msg_queue");
struct ipc_ids sem_ids = IPC_IDS_INIT("sem_array");
struct ipc_ids shm_ids = IPC_IDS_INIT("shm_seg");

void ipc_cred_current(struct ipc_cred *c)
{
	struct process *p = current->proc;

	if (!p) {
		*c = (struct ipc_cred){ 0 };
		return;
	}
	c->euid = READ_ONCE(p->cred.euid);
	c->egid = READ_ONCE(p->cred.egid);
	c->ngroups = READ_ONCE(p->cred.ngroups);
	if (c->ngroups > CRED_NGROUPS)
		c->ngroups = CRED_NGROUPS;
	c->groups = p->cred.groups;
}

int ipc_current_pid(void)
{
	return current->proc ? current->proc->tgid : 0;
}

long ipc_now(void)
{
	return (long)(ktime_get_real_ns() / 1000000000ULL);
}

struct kern_ipc_perm *ipc_get(struct ipc_ids *ids, int id)
{
	struct kern_ipc_perm *p;

	read_lock(&ids->lock);
	p = ipc_table_lookup(&ids->table, id);
	if (p)
		atomic_inc(&p->refs);
	read_unlock(&ids->lock);
	return p;
}

struct kern_ipc_perm *ipc_get_at(struct ipc_ids *ids, unsigned int idx)
{
	struct kern_ipc_perm *p;

	read_lock(&ids->lock);
	p = ipc_table_at(&ids->table, idx);
	if (p)
		atomic_inc(&p->refs);
	read_unlock(&ids->lock);
	return p;
}

void ipc_put(struct kern_ipc_perm *p, void (*free)(struct kern_ipc_perm *p))
{
	if (atomic_dec_and_test(&p->refs))
		free(p);
}

/*
 * The last object left the table: the slot array goes too, so that a
 * kind nobody uses holds no memory (the usertests' leak check counts
 * slab objects). Runs under mm_lock too (a shm segment's last detach):
 * kfree only.
 */
bool ipc_unlink(struct ipc_ids *ids, struct kern_ipc_perm *p)
{
	struct kern_ipc_perm **old = NULL;
	bool mine;

	write_lock(&ids->lock);
	mine = ipc_table_lookup(&ids->table, p->id) == p;
	if (mine)
		ipc_table_remove(&ids->table, p);
	if (mine && !ids->table.in_use) {
		old = ids->table.slots;
		ids->table.slots = NULL;
		ids->table.nslots = 0;
	}
	write_unlock(&ids->lock);
	kfree(old);
	return mine;
}

void ipc_ids_counts(struct ipc_ids *ids, unsigned int *in_use, unsigned int *max_idx)
{
	read_lock(&ids->lock);
	*in_use = ids->table.in_use;
	*max_idx = ids->table.max_idx;
	read_unlock(&ids->lock);
}

void ipc_set_perm(struct kern_ipc_perm *p, const struct ipc64_perm *in)
{
	p->uid = in->uid;
	p->gid = in->gid;
	p->mode = (p->mode & ~0777u) | (in->mode & 0777u);
}

void ipc_fill_perm(const struct kern_ipc_perm *p, struct ipc64_perm *out)
{
	memset(out, 0, sizeof(*out));
	out->key = p->key;
	out->uid = p->uid;
	out->gid = p->gid;
	out->cuid = p->cuid;
	out->cgid = p->cgid;
	out->mode = p->mode;
	out->seq = p->seq;
}

/* A bigger slot array for ids (no lock held): doubles, from 16, to IPCMNI. */
static int ipc_ids_grow(struct ipc_ids *ids, unsigned int want)
{
	unsigned int n = want < 16 ? 16 : want * 2;
	struct kern_ipc_perm **slots, **old = NULL;

	if (n > IPCMNI)
		n = IPCMNI;
	slots = kmalloc(n * sizeof(*slots), GFP_KERNEL);
	if (!slots)
		return -ENOMEM;
	write_lock(&ids->lock);
	if (ids->table.nslots < n)
		old = ipc_table_grow(&ids->table, slots, n);
	else
		old = slots;   /* someone else grew it */
	write_unlock(&ids->lock);
	kfree(old);
	return 0;
}

/* Insert a fresh object p (refs 1: the table's), growing the table as needed. */
static int ipc_insert(struct ipc_ids *ids, const struct ipc_kind_ops *ops, int key,
		      struct kern_ipc_perm *p, bool *raced)
{
	int ret;

	for (;;) {
		unsigned int nslots;

		write_lock(&ids->lock);
		if (key != IPC_PRIVATE && ipc_table_find_key(&ids->table, key)) {
			write_unlock(&ids->lock);
			*raced = true;   /* another creator won: look it up again */
			return -EEXIST;
		}
		ret = ipc_table_insert(&ids->table, p, ops->limit());
		nslots = ids->table.nslots;
		write_unlock(&ids->lock);
		if (ret != -EAGAIN)
			return ret < 0 ? ret : p->id;
		ret = ipc_ids_grow(ids, nslots);
		if (ret)
			return ret;
	}
}

/* Create an object for key with flags' permission bits. Id or -Exxx. */
static long ipc_create(struct ipc_ids *ids, const struct ipc_kind_ops *ops, int key, int flags,
		       unsigned long arg, bool *raced)
{
	struct kern_ipc_perm *p;
	struct ipc_cred c;
	long ret;

	p = ops->create(key, flags, arg);
	if (IS_ERR(p))
		return PTR_ERR(p);
	ipc_cred_current(&c);
	p->key = key;
	p->uid = p->cuid = c.euid;
	p->gid = p->cgid = c.egid;
	p->mode = (unsigned int)flags & 0777u;
	p->deleted = false;
	atomic_set(&p->refs, 1);
	spin_lock_init(&p->lock, ids->obj_lock_name);
	ret = ipc_insert(ids, ops, key, p, raced);
	if (ret < 0)
		ops->free(p);
	return ret;
}

/* An existing object asked for by key: checks. Id or -Exxx. */
static long ipc_check_existing(struct kern_ipc_perm *p, const struct ipc_kind_ops *ops,
			       int flags, unsigned long arg)
{
	struct ipc_cred c;
	int err;

	if ((flags & IPC_CREAT) && (flags & IPC_EXCL))
		return -EEXIST;
	ipc_cred_current(&c);
	err = ipc_perm_check(p, &c, (unsigned int)flags & 0777u);
	if (!err)
		err = ops->check(p, flags, arg);
	return err ? err : p->id;
}

long ipc_getcall(struct ipc_ids *ids, const struct ipc_kind_ops *ops, int key, int flags,
		 unsigned long arg)
{
	for (int tries = 0; tries < 8; tries++) {
		struct kern_ipc_perm *p = NULL;
		bool raced = false;
		long ret;

		if (key != IPC_PRIVATE) {
			read_lock(&ids->lock);
			p = ipc_table_find_key(&ids->table, key);
			if (p)
				atomic_inc(&p->refs);
			read_unlock(&ids->lock);
		}
		if (p) {
			ret = ipc_check_existing(p, ops, flags, arg);
			ipc_put(p, ops->free);
			return ret;
		}
		if (key != IPC_PRIVATE && !(flags & IPC_CREAT))
			return -ENOENT;
		ret = ipc_create(ids, ops, key, flags, arg, &raced);
		if (!raced)
			return ret;
	}
	return -EAGAIN;
}

void ipc_sleep_locked(struct kern_ipc_perm *p, u64 deadline_ns)
{
	spin_unlock(&p->lock);
	if (deadline_ns)
		schedule_until(deadline_ns);
	else
		schedule();
	__set_current_state(TASK_RUNNING);
	spin_lock(&p->lock);
}
