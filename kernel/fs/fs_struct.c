/*
 * fs_struct: a task's root, current directory and umask (interface in
 * <fs/fs.h>), shared by CLONE_FS and copied by fork.
 *
 * Kernel threads may have none (task->fs NULL): their lookups start at the
 * root file system's root and their umask is 022.
 *
 * Lock: "fs_struct_lock" (fs->lock), a spinlock held only to read or swap
 * root/pwd (taking references: dcache_lock inside it) and umask; the
 * path_put() of a replaced directory happens after it is dropped.
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

static struct fs_struct *fs_alloc(const struct path *root, const struct path *pwd,
				  unsigned int umask)
{
	struct fs_struct *fs = kmem_cache_alloc(fs_struct_cache, 0);

	if (!fs)
		return NULL;
	atomic_set(&fs->count, 1);
	spin_lock_init(&fs->lock, "fs_struct_lock");
	path_get(root);
	path_get(pwd);
	fs->root = *root;
	fs->pwd = *pwd;
	fs->umask = umask;
	return fs;
}

struct fs_struct *fs_create_root(void)
{
	struct fs_struct *fs;
	struct path root;

	fs_root_path(&root);
	fs = fs_alloc(&root, &root, DEFAULT_UMASK);
	path_put(&root);
	return fs;
}

struct fs_struct *fs_dup(struct fs_struct *old)
{
	struct lookup_root lr;
	struct fs_struct *fs;
	unsigned int umask;

	spin_lock(&old->lock);
	lr.root = old->root;
	lr.start = old->pwd;
	path_get(&lr.root);
	path_get(&lr.start);
	umask = old->umask;
	spin_unlock(&old->lock);
	fs = fs_alloc(&lr.root, &lr.start, umask);
	lookup_root_put(&lr);
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
	path_put(&fs->root);
	path_put(&fs->pwd);
	kmem_cache_free(fs_struct_cache, fs);
}

void lookup_root_current(struct lookup_root *lr)
{
	struct fs_struct *fs = current->fs;

	if (!fs) {
		fs_root_path(&lr->root);
		fs_root_path(&lr->start);
		return;
	}
	spin_lock(&fs->lock);
	lr->root = fs->root;
	lr->start = fs->pwd;
	path_get(&lr->root);
	path_get(&lr->start);
	spin_unlock(&fs->lock);
}

void lookup_root_put(struct lookup_root *lr)
{
	path_put(&lr->root);
	path_put(&lr->start);
}

unsigned int current_umask(void)
{
	struct fs_struct *fs = current->fs;

	return fs ? READ_ONCE(fs->umask) : DEFAULT_UMASK;
}

/* Replace *slot (fs->root or fs->pwd) with dir; the old one is put after the lock. */
static int fs_set_path(struct path *slot, const struct path *dir)
{
	struct fs_struct *fs = current->fs;
	struct path old;

	if (!fs)
		return -ENOENT;
	path_get(dir);
	spin_lock(&fs->lock);
	old = *slot;
	*slot = *dir;
	spin_unlock(&fs->lock);
	path_put(&old);
	return 0;
}

int fs_set_pwd(const struct path *dir)
{
	return current->fs ? fs_set_path(&current->fs->pwd, dir) : -ENOENT;
}

int fs_set_root(const struct path *dir)
{
	return current->fs ? fs_set_path(&current->fs->root, dir) : -ENOENT;
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
