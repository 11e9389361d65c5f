/*
 * Inodes: initialisation, reference counting, permissions, attributes
 * (interface in <fs/fs.h>).
 *
 * An inode is allocated by its file system (inside a larger struct of its
 * own), set up with inode_init() and freed through its super block's
 * ->evict_inode and ->destroy_inode when iput() drops the last reference.
 *
 * Credentials: the caller's fsuid/fsgid/groups come from current->proc
 * (proc/process.h); kernel threads (no process) are root. They are read
 * without process_lock: a racing setuid in another thread of the process
 * gives the old or the new ids.
 *
 * The inode cache: inodes of file systems with stable inode numbers
 * (ext2) are hashed by (sb, ino) so every lookup of one file finds one
 * struct inode. iget_locked() finds or makes one; a new one is I_NEW
 * until the fs has read it in (unlock_new_inode), and other lookers wait
 * on "inode_wait". The last iput of a hashed inode marks it I_FREEING
 * (lookers wait for it to be gone, then make a fresh one), writes it if
 * dirty and evicts it: there is no cache of unused inodes, the dentry
 * cache keeps the inodes it names alive. ramfs inodes are never hashed.
 *
 * Locks: i_rwsem of each inode ("inode_rwsem"); "inode_hash_lock" (spin)
 * guards the hash, every sb's s_inodes and s_dirty lists, i_state, and
 * the last drop of i_count of any inode (so iget_locked never revives a
 * dying one). Nothing is taken under it. docs/locking.md.
 */
#include <block/blkdev.h>
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/pipe.h>
#include <kernel/clock.h>
#include <kernel/compiler.h>
#include <lib/string.h>
#include <mm/pagemap.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <sched/wait.h>
#include <kernel/err.h>
#include <uapi/errno.h>

static const struct cred *current_cred(void)
{
	struct process *p = current->proc;

	return p ? &p->cred : NULL;
}

u32 current_fsuid(void)
{
	const struct cred *c = current_cred();

	return c ? READ_ONCE(c->fsuid) : 0;
}

u32 current_fsgid(void)
{
	const struct cred *c = current_cred();

	return c ? READ_ONCE(c->fsgid) : 0;
}

struct timespec64 current_time(void)
{
	u64 ns = ktime_get_real_ns();

	if (!ns)
		ns = ktime_get_ns();
	return (struct timespec64){ .tv_sec = (s64)(ns / NSEC_PER_SEC),
				    .tv_nsec = (long)(ns % NSEC_PER_SEC) };
}

void inode_touch_mc(struct inode *inode)
{
	inode->i_mtime = inode->i_ctime = current_time();
}

void inode_init(struct inode *inode, struct super_block *sb, unsigned int mode)
{
	inode->i_ino = __atomic_fetch_add(&sb->s_next_ino, 1, __ATOMIC_RELAXED);
	inode->i_sb = sb;
	inode->i_op = NULL;
	inode->i_fop = NULL;
	inode->i_rdev = 0;
	atomic_set(&inode->i_count, 1);
	init_rwsem(&inode->i_rwsem, "inode_rwsem");
	inode->i_mode = mode;
	inode->i_nlink = 1;
	inode->i_uid = current_fsuid();
	inode->i_gid = current_fsgid();
	inode->i_size = 0;
	inode->i_blocks = 0;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	inode->i_private = NULL;
	address_space_init(&inode->i_data, inode, NULL);
	inode->i_mapping = &inode->i_data;
	inode->i_state = 0;
	INIT_HLIST_NODE(&inode->i_hash);
	INIT_LIST_HEAD(&inode->i_sb_list);
	INIT_LIST_HEAD(&inode->i_dirty);
}

void iget(struct inode *inode)
{
	BUG_ON(atomic_read(&inode->i_count) <= 0);
	atomic_inc(&inode->i_count);
}

#define I_HASH_SIZE 256

static struct spinlock inode_hash_lock = SPINLOCK_INIT("inode_hash_lock");
static struct hlist_head inode_hashtable[I_HASH_SIZE];   /* [inode_hash_lock] */
static struct wait_queue_head inode_wait = WAIT_QUEUE_HEAD_INIT(inode_wait, "inode_wait");

static struct hlist_head *i_bucket(const struct super_block *sb, u64 ino)
{
	u64 h = ino * 0x9E3779B97F4A7C15ull ^ ((uintptr_t)sb >> 6);

	return &inode_hashtable[(h >> 32) % I_HASH_SIZE];
}

/* inode_hash_lock held. */
static struct inode *find_inode(struct super_block *sb, u64 ino)
{
	struct inode *inode;

	hlist_for_each_entry(inode, i_bucket(sb, ino), i_hash) {
		if (inode->i_sb == sb && inode->i_ino == ino)
			return inode;
	}
	return NULL;
}

/* Is the inode hashed for (sb, ino) still inode, being freed? (Compares pointers only.) */
static bool inode_still_freeing(struct super_block *sb, u64 ino, struct inode *inode)
{
	struct inode *cur;

	spin_lock(&inode_hash_lock);
	cur = find_inode(sb, ino);
	spin_unlock(&inode_hash_lock);
	return cur == inode;
}

static void __insert_inode_hash(struct inode *inode)
{
	hlist_add_head(&inode->i_hash, i_bucket(inode->i_sb, inode->i_ino));
	list_add(&inode->i_sb_list, &inode->i_sb->s_inodes);
}

/* A cached inode with a new reference (after its reading-in), NULL if none, or -EAGAIN to retry. */
static struct inode *iget_cached(struct super_block *sb, u64 ino, struct inode **found)
{
	struct inode *inode = find_inode(sb, ino);

	*found = inode;
	if (!inode)
		return NULL;
	if (inode->i_state & I_FREEING)
		return ERR_PTR(-EAGAIN);
	atomic_inc(&inode->i_count);
	return inode;
}

struct inode *iget_locked(struct super_block *sb, u64 ino,
			  struct inode *(*alloc)(struct super_block *))
{
	struct inode *inode, *found, *fresh = NULL;

	for (;;) {
		spin_lock(&inode_hash_lock);
		inode = iget_cached(sb, ino, &found);
		if (!inode && fresh) {
			fresh->i_state = I_NEW;
			__insert_inode_hash(fresh);
			spin_unlock(&inode_hash_lock);
			return fresh;
		}
		spin_unlock(&inode_hash_lock);
		if (PTR_ERR(inode) == -EAGAIN) {
			wait_event(inode_wait, !inode_still_freeing(sb, ino, found));
			continue;
		}
		if (inode) {
			if (fresh)
				sb->s_op->destroy_inode(fresh);
			wait_event(inode_wait, !(READ_ONCE(inode->i_state) & I_NEW));
			if (!hlist_unhashed(&inode->i_hash))
				return inode;
			iput(inode);   /* its reading-in failed: try again */
			fresh = NULL;
			continue;
		}
		fresh = alloc(sb);
		if (!fresh)
			return ERR_PTR(-ENOMEM);
		inode_init(fresh, sb, 0);
		fresh->i_ino = ino;
	}
}

void unlock_new_inode(struct inode *inode)
{
	spin_lock(&inode_hash_lock);
	inode->i_state &= ~I_NEW;
	spin_unlock(&inode_hash_lock);
	wake_up_all(&inode_wait);
}

void iget_failed(struct inode *inode)
{
	spin_lock(&inode_hash_lock);
	hlist_del_init(&inode->i_hash);
	list_del_init(&inode->i_sb_list);
	inode->i_state &= ~I_NEW;
	spin_unlock(&inode_hash_lock);
	wake_up_all(&inode_wait);
	iput(inode);
}

void insert_inode_hash(struct inode *inode)
{
	spin_lock(&inode_hash_lock);
	__insert_inode_hash(inode);
	spin_unlock(&inode_hash_lock);
}

void mark_inode_dirty(struct inode *inode)
{
	if (inode->i_sb->s_op->dirty_inode)
		inode->i_sb->s_op->dirty_inode(inode);
	spin_lock(&inode_hash_lock);
	if (!hlist_unhashed(&inode->i_hash) && !(inode->i_state & (I_DIRTY | I_FREEING))) {
		inode->i_state |= I_DIRTY;
		list_add_tail(&inode->i_dirty, &inode->i_sb->s_dirty);
	}
	spin_unlock(&inode_hash_lock);
}

int sync_inodes_sb(struct super_block *sb, bool wait)
{
	struct inode *inode;
	int err = 0, e;

	for (;;) {
		spin_lock(&inode_hash_lock);
		inode = list_first_entry_or_null(&sb->s_dirty, struct inode, i_dirty);
		if (inode) {
			list_del_init(&inode->i_dirty);
			inode->i_state &= ~I_DIRTY;
			atomic_inc(&inode->i_count);   /* not I_FREEING: those left the list */
		}
		spin_unlock(&inode_hash_lock);
		if (!inode)
			return err;
		e = sb->s_op->write_inode ? sb->s_op->write_inode(inode, wait) : 0;
		err = err ? err : e;
		iput(inode);
	}
}

unsigned long inode_cache_count(struct super_block *sb)
{
	struct inode *inode;
	unsigned long n = 0;

	spin_lock(&inode_hash_lock);
	list_for_each_entry(inode, &sb->s_inodes, i_sb_list)
		n++;
	spin_unlock(&inode_hash_lock);
	return n;
}

/* Drop one reference unless it is the last; true if done. */
static bool iput_not_last(struct inode *inode)
{
	for (;;) {
		int c = atomic_read(&inode->i_count);

		BUG_ON(c <= 0);
		if (c == 1)
			return false;
		if (atomic_cmpxchg(&inode->i_count, c, c - 1))
			return true;
	}
}

void iput(struct inode *inode)
{
	bool hashed, dirty;

	if (!inode || iput_not_last(inode))
		return;
	spin_lock(&inode_hash_lock);
	if (!atomic_dec_and_test(&inode->i_count)) {
		spin_unlock(&inode_hash_lock);
		return;
	}
	hashed = !hlist_unhashed(&inode->i_hash);
	dirty = inode->i_state & I_DIRTY;
	inode->i_state = (inode->i_state & ~I_DIRTY) | I_FREEING;
	list_del_init(&inode->i_dirty);
	spin_unlock(&inode_hash_lock);
	if (dirty && inode->i_nlink && inode->i_sb->s_op->write_inode)
		inode->i_sb->s_op->write_inode(inode, true);
	if (inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
	/* Whatever the fs left in the page cache goes now (dirty data of a dead file too). */
	truncate_inode_pages(&inode->i_data, 0);
	writeback_forget(&inode->i_data);
	if (hashed) {
		spin_lock(&inode_hash_lock);
		hlist_del_init(&inode->i_hash);
		list_del_init(&inode->i_sb_list);
		spin_unlock(&inode_hash_lock);
		wake_up_all(&inode_wait);
	}
	inode->i_sb->s_op->destroy_inode(inode);
}

static bool in_group(const struct cred *c, u32 gid, bool use_real)
{
	if (gid == (use_real ? c->gid : c->fsgid))
		return true;
	for (unsigned int i = 0; i < c->ngroups && i < CRED_NGROUPS; i++) {
		if (c->groups[i] == gid)
			return true;
	}
	return false;
}

int inode_permission(struct inode *inode, int mask, bool use_real)
{
	const struct cred *c = current_cred();
	unsigned int mode = READ_ONCE(inode->i_mode), perm;
	u32 uid = c ? (use_real ? c->uid : c->fsuid) : 0;

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (uid == 0) {
		/* Root: anything but executing a file that no one may execute. */
		if (!(mask & MAY_EXEC) || S_ISDIR(mode) || (mode & 0111))
			return 0;
		return -EACCES;
	}
	if (uid == READ_ONCE(inode->i_uid))
		perm = mode >> 6;
	else if (in_group(c, READ_ONCE(inode->i_gid), use_real))
		perm = mode >> 3;
	else
		perm = mode;
	return (perm & (unsigned int)mask) == (unsigned int)mask ? 0 : -EACCES;
}

bool in_group_p(u32 gid)
{
	const struct cred *c = current_cred();

	return !c || in_group(c, gid, false);
}

/* Is the caller inode's owner, or root (Linux's inode_owner_or_capable)? */
static bool owner_or_root(const struct inode *inode)
{
	u32 fsuid = current_fsuid();

	return fsuid == 0 || fsuid == READ_ONCE(inode->i_uid);
}

int vfs_chmod(struct inode *inode, unsigned int mode)
{
	struct iattr a = { .ia_valid = ATTR_MODE, .ia_mode = mode & 07777 };

	if (!owner_or_root(inode))
		return -EPERM;
	if (current_fsuid() != 0 && !in_group_p(READ_ONCE(inode->i_gid)))
		a.ia_mode &= ~(unsigned int)S_ISGID;
	return vfs_setattr(inode, &a);
}

/* May the caller give inode the owner uid and group gid (-1: unchanged)? */
static bool chown_ok(const struct inode *inode, u32 uid, u32 gid)
{
	u32 fsuid = current_fsuid(), iuid = READ_ONCE(inode->i_uid);

	if (fsuid == 0)
		return true;
	if (uid != (u32)-1 && uid != iuid)
		return false;
	if (gid != (u32)-1 && (fsuid != iuid ||
			       (gid != READ_ONCE(inode->i_gid) && !in_group_p(gid))))
		return false;
	return true;
}

int vfs_chown(struct inode *inode, u32 uid, u32 gid)
{
	struct iattr a = { .ia_valid = 0, .ia_uid = uid, .ia_gid = gid };
	unsigned int mode = READ_ONCE(inode->i_mode);

	if (!chown_ok(inode, uid, gid))
		return -EPERM;
	if (uid != (u32)-1)
		a.ia_valid |= ATTR_UID;
	if (gid != (u32)-1)
		a.ia_valid |= ATTR_GID;
	if (!S_ISDIR(mode)) {
		/* Linux: a chown clears set-user-ID and (group-executable) set-group-ID. */
		a.ia_mode = mode & 07777 & ~(unsigned int)S_ISUID;
		if ((mode & (S_ISGID | 0010)) == (S_ISGID | 0010))
			a.ia_mode &= ~(unsigned int)S_ISGID;
		if (a.ia_mode != (mode & 07777))
			a.ia_valid |= ATTR_MODE;
	}
	return vfs_setattr(inode, &a);
}

/* An explicit time, or now for UTIME_NOW. */
static struct timespec64 utime_value(const struct timespec64 *t, struct timespec64 now)
{
	return t->tv_nsec == UTIME_NOW ? now : *t;
}

int vfs_utimes(struct inode *inode, const struct timespec64 *times)
{
	struct timespec64 now = current_time();
	struct iattr a = { .ia_valid = ATTR_ATIME | ATTR_MTIME, .ia_atime = now, .ia_mtime = now };
	int err;

	if (times && times[0].tv_nsec == UTIME_NOW && times[1].tv_nsec == UTIME_NOW)
		times = NULL;
	if (!times) {
		/* "touch": the owner, root, or whoever may write the file */
		if (!owner_or_root(inode)) {
			err = inode_permission(inode, MAY_WRITE, false);
			if (err)
				return err;
		}
		return vfs_setattr(inode, &a);
	}
	if (!owner_or_root(inode))
		return -EPERM;
	if (times[0].tv_nsec == UTIME_OMIT)
		a.ia_valid &= ~ATTR_ATIME;
	else
		a.ia_atime = utime_value(&times[0], now);
	if (times[1].tv_nsec == UTIME_OMIT)
		a.ia_valid &= ~ATTR_MTIME;
	else
		a.ia_mtime = utime_value(&times[1], now);
	return vfs_setattr(inode, &a);
}

int vfs_fallocate(struct inode *inode, loff_t offset, loff_t len)
{
	struct iattr a = { .ia_valid = ATTR_SIZE | ATTR_MTIME, .ia_size = offset + len };
	int err = 0;

	if (!S_ISREG(inode->i_mode))
		return S_ISDIR(inode->i_mode) ? -EISDIR : -ENODEV;
	if (!inode->i_op || !inode->i_op->setattr)
		return -EOPNOTSUPP;
	a.ia_mtime = current_time();
	down_write(&inode->i_rwsem);
	/* Memory-backed files have no blocks to reserve: extending the size is all. */
	if (a.ia_size > inode->i_size)
		err = inode->i_op->setattr(inode, &a);
	up_write(&inode->i_rwsem);
	return err;
}

int vfs_getattr_inode(struct inode *inode, struct kstat *st)
{
	down_read(&inode->i_rwsem);
	st->dev = inode->i_sb->s_dev;
	st->ino = inode->i_ino;
	st->mode = inode->i_mode;
	st->nlink = inode->i_nlink;
	st->uid = inode->i_uid;
	st->gid = inode->i_gid;
	st->rdev = inode->i_rdev;
	st->size = inode->i_size;
	st->blocks = inode->i_blocks;
	st->blksize = 4096;
	st->atime = inode->i_atime;
	st->mtime = inode->i_mtime;
	st->ctime = inode->i_ctime;
	up_read(&inode->i_rwsem);
	return 0;
}

/* Copy the non-size fields of attr into inode (i_rwsem held for writing). */
void inode_apply_attr(struct inode *inode, const struct iattr *attr)
{
	if (attr->ia_valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & 07777);
	if (attr->ia_valid & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (attr->ia_valid & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (attr->ia_valid & ATTR_ATIME)
		inode->i_atime = attr->ia_atime;
	if (attr->ia_valid & ATTR_MTIME)
		inode->i_mtime = attr->ia_mtime;
	inode->i_ctime = (attr->ia_valid & ATTR_CTIME) ? attr->ia_ctime : current_time();
}

int vfs_setattr(struct inode *inode, const struct iattr *attr)
{
	int err = 0;

	if (attr->ia_valid & ATTR_SIZE) {
		if (S_ISDIR(inode->i_mode))
			return -EISDIR;
		if (!S_ISREG(inode->i_mode))
			return -EINVAL;
		if (attr->ia_size < 0)
			return -EINVAL;
	}
	down_write(&inode->i_rwsem);
	if (inode->i_op && inode->i_op->setattr)
		err = inode->i_op->setattr(inode, attr);
	else if (attr->ia_valid & ATTR_SIZE)
		err = -EPERM;
	else
		inode_apply_attr(inode, attr);
	up_write(&inode->i_rwsem);
	return err;
}

int vfs_truncate(struct inode *inode, loff_t size)
{
	struct iattr a = { .ia_valid = ATTR_SIZE | ATTR_MTIME, .ia_size = size };

	a.ia_mtime = current_time();
	return vfs_setattr(inode, &a);
}

/* ---------------------------------------------------------------- device nodes */

/* Open of a socket node: no sockets yet (the network issue). */
static int special_open(struct inode *inode, struct file *file)
{
	(void)inode;
	(void)file;
	return -ENXIO;
}

static const struct file_operations special_fops = {
	.open = special_open,
};

/* Character devices: the registry finds the driver (fs/chrdev.h). */
static const struct file_operations def_chr_fops = {
	.open = chrdev_open,
};

void init_special_inode(struct inode *inode, unsigned int mode, u32 rdev)
{
	inode->i_mode = mode;
	inode->i_rdev = rdev;
	if (S_ISCHR(mode))
		inode->i_fop = &def_chr_fops;
	else if (S_ISFIFO(mode))
		inode->i_fop = &fifo_fops;      /* fs/pipe.c */
	else if (S_ISBLK(mode))
		inode->i_fop = &blkdev_fops;    /* block/blk_fops.c */
	else
		inode->i_fop = &special_fops;
	inode->i_pipe = NULL;
}
