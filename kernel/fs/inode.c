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
 * Locks: i_rwsem of each inode ("inode_rwsem", docs/locking.md).
 */
#include <block/blkdev.h>
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/pipe.h>
#include <kernel/clock.h>
#include <kernel/compiler.h>
#include <lib/string.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
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
}

void iget(struct inode *inode)
{
	BUG_ON(atomic_read(&inode->i_count) <= 0);
	atomic_inc(&inode->i_count);
}

void iput(struct inode *inode)
{
	if (!inode || !atomic_dec_and_test(&inode->i_count))
		return;
	if (inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
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
