/*
 * fs_struct: a task's root, current directory and umask (interface in
 * <fs/fs.h>), shared by CLONE_FS and copied by fork.
 *
 * Kernel threads may have none (task->fs NULL): their lookups start at the
 * root file system's root and their umask is 022.
 *
 * Lock: "fs_struct_lock" (fs->lock), a spinlock held only to read or swap
 * root/cwd (taking or moving references) and umask; iput() of a replaced
 * directory happens after it is dropped.
 */
#include <fs/fs.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#include "internal.h"

#define DEFAULT_UMASK 022

static struct kmem_cache *fs_struct_cache;

void fs_struct_cache_init(void)
{
	fs_struct_cache = kmem_cache_create("fs_struct", sizeof(struct fs_struct), 0, NULL);
	if (!fs_struct_cache)
		panic("fs: cannot create the fs_struct cache");
}

static struct fs_struct *fs_alloc(struct inode *root, struct inode *cwd, unsigned int umask)
{
	struct fs_struct *fs = kmem_cache_alloc(fs_struct_cache, 0);

	if (!fs)
		return NULL;
	atomic_set(&fs->count, 1);
	spin_lock_init(&fs->lock, "fs_struct_lock");
	iget(root);
	iget(cwd);
	fs->root = root;
	fs->cwd = cwd;
	fs->umask = umask;
	return fs;
}

struct fs_struct *fs_create_root(void)
{
	struct inode *root = fs_root_inode();

	return fs_alloc(root, root, DEFAULT_UMASK);
}

struct fs_struct *fs_dup(struct fs_struct *old)
{
	struct inode *root, *cwd;
	struct fs_struct *fs;
	unsigned int umask;

	spin_lock(&old->lock);
	root = old->root;
	cwd = old->cwd;
	iget(root);
	iget(cwd);
	umask = old->umask;
	spin_unlock(&old->lock);
	fs = fs_alloc(root, cwd, umask);
	iput(root);
	iput(cwd);
	return fs;
}

void fs_get(struct fs_struct *fs)
{
	atomic_inc(&fs->count);
}

void fs_put(struct fs_struct *fs)
{
	if (!atomic_dec_and_test(&fs->count))
		return;
	iput(fs->root);
	iput(fs->cwd);
	kmem_cache_free(fs_struct_cache, fs);
}

void lookup_root_current(struct lookup_root *lr)
{
	struct fs_struct *fs = current->fs;

	if (!fs) {
		lr->root = lr->start = fs_root_inode();
		iget(lr->root);
		iget(lr->start);
		return;
	}
	spin_lock(&fs->lock);
	lr->root = fs->root;
	lr->start = fs->cwd;
	iget(lr->root);
	iget(lr->start);
	spin_unlock(&fs->lock);
}

void lookup_root_put(struct lookup_root *lr)
{
	iput(lr->root);
	iput(lr->start);
}

unsigned int current_umask(void)
{
	struct fs_struct *fs = current->fs;

	return fs ? READ_ONCE(fs->umask) : DEFAULT_UMASK;
}

int fs_set_cwd(struct inode *dir)
{
	struct fs_struct *fs = current->fs;
	struct inode *old;

	if (!fs)
		return -ENOENT;
	iget(dir);
	spin_lock(&fs->lock);
	old = fs->cwd;
	fs->cwd = dir;
	spin_unlock(&fs->lock);
	iput(old);
	return 0;
}

/* umask(2)'s core: set the mask, return the old one (022 semantics without an fs_struct). */
unsigned int fs_set_umask(unsigned int mask)
{
	struct fs_struct *fs = current->fs;
	unsigned int old;

	if (!fs)
		return DEFAULT_UMASK;
	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}
