/*
 * System V IPC: the id and permission layer shared by message queues,
 * semaphore sets and shared memory (kernel/ipc/), and the hooks the rest
 * of the kernel calls. docs/ipc.md tells the whole story.
 *
 * Ids. Each kind has a table of slots (struct ipc_table). An object in
 * slot idx created with sequence number seq has the id seq * IPCMNI +
 * idx; seq advances with every creation in the table, so an id that
 * was removed is rejected (-EINVAL) even after its slot is reused.
 *
 * Pure part (kernel/ipc/ipc_ids.c, unit-tested on the host): the slot
 * table, id encoding, permission checks. It takes no lock: the caller
 * serializes it (struct ipc_ids below adds the lock).
 *
 * Locks (docs/locking.md):
 *   ipc_ids       rwlock, one per kind: the table (slots, counts, keys of
 *                 the objects in it). Readers: every id lookup (msgsnd,
 *                 semop, shmat ...), held only to find the object and take
 *                 a reference. Writers: create, remove, IPC_SET of a key.
 *   msg_queue / sem_array / shm_seg   spin, one per object: its state
 *                 ([L] fields). Taken inside ipc_ids, never the reverse.
 * Nothing copies user memory with any of them held.
 */
#ifndef IPC_IPC_H
#define IPC_IPC_H

#include <arch/atomic.h>
#include <kernel/types.h>
#include <locking/rwlock.h>
#include <locking/spinlock.h>
#include <uapi/ipc.h>

struct task;

/*
 * The part every IPC object starts with. [I] immutable after creation,
 * [T] the table's lock (written with it held for writing), [L] the
 * object's lock, [a] atomic.
 */
struct kern_ipc_perm {
	int id;                     /* [I] seq * IPCMNI + idx */
	unsigned short seq;         /* [I] */
	int key;                    /* [T] IPC_PRIVATE once a shm segment is marked for removal */
	unsigned int uid, gid;      /* [L] owner (IPC_SET changes them) */
	unsigned int cuid, cgid;    /* [I] creator */
	unsigned int mode;          /* [L] low 9 bits: permissions; shm adds SHM_DEST/SHM_LOCKED */
	bool deleted;               /* [L] removed (IPC_RMID): operations get -EIDRM */
	atomic_t refs;              /* [a] the table's + one per user in a call or mapping */
	struct spinlock lock;       /* the kind's object lock */
};

/* The slot table of one kind. All fields: the owner's lock. */
struct ipc_table {
	struct kern_ipc_perm **slots;  /* nslots entries, NULL = free */
	unsigned int nslots;
	unsigned int in_use;           /* objects in the table */
	unsigned int max_idx;          /* 1 + highest used index (0 if none) */
	unsigned short seq;            /* the next creation's sequence number */
};

/* Who asks: a snapshot of the caller's credentials. */
struct ipc_cred {
	unsigned int euid, egid;
	unsigned int ngroups;
	const unsigned int *groups;
};

/* ------------------------------------------------ pure (ipc_ids.c) */

static inline int ipc_make_id(unsigned int idx, unsigned short seq)
{
	return (int)(((unsigned int)seq << IPCMNI_SHIFT) + idx);
}
static inline unsigned int ipc_id_idx(int id) { return (unsigned int)id & (IPCMNI - 1); }
static inline unsigned short ipc_id_seq(int id) { return (unsigned short)((unsigned int)id >> IPCMNI_SHIFT); }

void ipc_table_init(struct ipc_table *t);
/*
 * Put p in the lowest free slot and give it its id (p->id, p->seq) from
 * t->seq, which advances (wrapping at IPC_SEQ_MAX). Returns the index;
 * -ENOSPC if limit objects are in use; -EAGAIN if every slot is taken but
 * the table may grow (the caller calls ipc_table_grow, then again).
 */
int ipc_table_insert(struct ipc_table *t, struct kern_ipc_perm *p, unsigned int limit);
/*
 * Give t the slot array slots of n > t->nslots entries (the old ones
 * copied, the rest cleared). Returns the old array for the caller to free.
 */
struct kern_ipc_perm **ipc_table_grow(struct ipc_table *t, struct kern_ipc_perm **slots,
				      unsigned int n);
/* The object with this id (slot and sequence match), or NULL. */
struct kern_ipc_perm *ipc_table_lookup(const struct ipc_table *t, int id);
/* The object in slot idx, or NULL. */
struct kern_ipc_perm *ipc_table_at(const struct ipc_table *t, unsigned int idx);
/* The object with key (not IPC_PRIVATE), or NULL. */
struct kern_ipc_perm *ipc_table_find_key(const struct ipc_table *t, int key);
/* Take p (which is in t) out of its slot. */
void ipc_table_remove(struct ipc_table *t, struct kern_ipc_perm *p);
/* Check t's invariants: 0, or a negative number saying which failed. */
int ipc_table_validate(const struct ipc_table *t);

/*
 * Linux's ipcperms: may c access p for flag (S_IRUGO-style bits: 0444
 * read, 0222 write/alter, 0 nothing)? Owner bits if c's euid is p's uid
 * or cuid, group bits if its egid or a supplementary group is p's gid or
 * cgid, else other bits. Root passes. 0 or -EACCES.
 */
int ipc_perm_check(const struct kern_ipc_perm *p, const struct ipc_cred *c, unsigned int flag);
/* May c change or remove p (IPC_SET/IPC_RMID)? Its euid is uid or cuid, or root. */
bool ipc_is_owner(const struct kern_ipc_perm *p, const struct ipc_cred *c);

/* ------------------------------------------------ kernel (util.c) */

/* One kind's table and its lock. */
struct ipc_ids {
	struct rwlock lock;          /* ipc_ids */
	struct ipc_table table;      /* [lock] */
	const char *obj_lock_name;   /* [I] class name of its objects' locks */
};

/* Limits, as /proc/sys/kernel shows and sets them ([a]: READ_ONCE). */
struct ipc_limits {
	unsigned int msgmax, msgmnb, msgmni;
	unsigned int semmsl, semmns, semopm, semmni;
	unsigned long shmmax, shmall;
	unsigned int shmmni;
};
extern struct ipc_limits ipc_limits;

extern struct ipc_ids msg_ids, sem_ids, shm_ids;

void ipc_cred_current(struct ipc_cred *c);
/* The caller's process id (tgid), 0 for a kernel thread. */
int ipc_current_pid(void);
/* Seconds of wall clock (msg_stime and friends). */
long ipc_now(void);

/*
 * The object with this id, with a reference (ipc_put), or NULL: -EINVAL
 * for a negative id or an id not in the table. Takes the read lock.
 */
struct kern_ipc_perm *ipc_get(struct ipc_ids *ids, int id);
/* The object in slot idx (the *_STAT commands), with a reference, or NULL. */
struct kern_ipc_perm *ipc_get_at(struct ipc_ids *ids, unsigned int idx);
/* Drop a reference; the last one calls free(p). */
void ipc_put(struct kern_ipc_perm *p, void (*free)(struct kern_ipc_perm *p));

/*
 * The kind-specific parts of the get calls (msgget, semget, shmget).
 * create: a new object for key (ERR_PTR(-Exxx)) with its kern_ipc_perm
 *         zeroed but for what the kind fills; ipc_getcall does the rest.
 * check:  an existing object is asked for with flags (and size/nsems):
 *         0 or -EINVAL.
 * free:   release a never-inserted or last-referenced object.
 */
struct ipc_kind_ops {
	struct kern_ipc_perm *(*create)(int key, int flags, unsigned long arg);
	int (*check)(struct kern_ipc_perm *p, int flags, unsigned long arg);
	void (*free)(struct kern_ipc_perm *p);
	unsigned int (*limit)(void);   /* most objects in the table */
};

/*
 * The common get: IPC_PRIVATE always creates; a key finds its object
 * (IPC_CREAT|IPC_EXCL: -EEXIST; permission for flags' mode bits:
 * -EACCES; ops->check), or creates one with IPC_CREAT (-ENOENT without),
 * -ENOSPC past the limit. Returns the id or -Exxx. May sleep.
 */
long ipc_getcall(struct ipc_ids *ids, const struct ipc_kind_ops *ops, int key, int flags,
		 unsigned long arg);
/*
 * Remove p from the table (once: the one that succeeds returns true).
 * Takes the table's write lock; the caller then marks p deleted under
 * its lock and drops the table's reference.
 */
bool ipc_unlink(struct ipc_ids *ids, struct kern_ipc_perm *p);
/* IPC_SET's common part (p's lock held): uid, gid, low 9 mode bits. */
void ipc_set_perm(struct kern_ipc_perm *p, const struct ipc64_perm *in);
/* Fill out from p (p's lock held). */
void ipc_fill_perm(const struct kern_ipc_perm *p, struct ipc64_perm *out);
/* Objects in use and 1 + the highest index (for *_INFO). */
void ipc_ids_counts(struct ipc_ids *ids, unsigned int *in_use, unsigned int *max_idx);

/*
 * Sleep in an operation on p: the caller holds p's lock, has queued
 * itself where a waker finds it and set its state (set_current_state).
 * Drops the lock, sleeps until woken or until ktime deadline_ns (0: no
 * deadline), and takes the lock again. May sleep.
 */
void ipc_sleep_locked(struct kern_ipc_perm *p, u64 deadline_ns);

/* ------------------------------------------------ /proc (ipc_proc.c, and a printer per kind) */

struct seq_buf;

/*
 * /proc/sys/kernel/<name> for name msgmax, msgmnb, msgmni, sem, shmmax,
 * shmall or shmmni (else -ENOENT). show: the value(s) as Linux prints
 * them, 0. write: buf[n] (NUL-terminated), Linux's syntax and ranges;
 * n, or -EINVAL (the limit unchanged). No lock; neither sleeps.
 */
int ipc_sysctl_show(struct seq_buf *s, const char *name);
ssize_t ipc_sysctl_write(const char *name, const char *buf, size_t n);
/* /proc/sysvipc/<kind> for kind msg, sem or shm (else -ENOENT): 0. May sleep. */
int ipc_sysvipc_show(struct seq_buf *s, const char *kind);
/* Call row(s, p) for each object in ids, by index, with a reference held (no lock). */
void ipc_proc_walk(struct seq_buf *s, struct ipc_ids *ids,
		   void (*row)(struct seq_buf *s, struct kern_ipc_perm *p),
		   void (*free)(struct kern_ipc_perm *p));
/* The kinds' tables: Linux's header line, then one line per object. */
void msg_proc_show(struct seq_buf *s);
void sem_proc_show(struct seq_buf *s);
void shm_proc_show(struct seq_buf *s);

/* ------------------------------------------------ hooks for the rest of the kernel */

/*
 * clone: give child its SEM_UNDO list: the caller's (shared) with
 * CLONE_SYSVSEM, else none. Returns 0 (it cannot fail).
 */
int sem_clone(struct task *child, unsigned long clone_flags);
/*
 * A task exits (or a clone is undone): drop its reference on its undo
 * list; the last one applies every SEM_UNDO adjustment. May sleep.
 */
void sem_exit(struct task *t);

#endif /* IPC_IPC_H */
