/*
 * Open files (struct file) and descriptor tables (struct files_struct);
 * interface in <fs/file.h>.
 *
 * A files_struct starts with a table of NR_OPEN_DEFAULT descriptors inside
 * itself (fdtab, fd_array and the two one-word bitmaps) and grows by
 * doubling, up to the RLIMIT_NOFILE soft limit, into kmalloc'd arrays.
 * Growing drops files->lock to allocate, then retakes it and installs the
 * bigger table only if no one grew it meanwhile. Tables are never shrunk.
 *
 * Every file put back by a table operation (close, dup2 over an open fd,
 * exec's close-on-exec, the last files_put) is fput() after files->lock
 * is dropped: fput may sleep (->release).
 *
 * Locks: "files_lock" (files->lock), a spinlock; nothing is taken under
 * it. struct file's "file_pos_lock" is a mutex (read_write.c uses it).
 */
#include <fs/eventpoll.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#include "internal.h"

static struct kmem_cache *file_cache, *files_cache;
static long nr_files;   /* [a] struct files alive */

long nr_open_files(void)
{
	return __atomic_load_n(&nr_files, __ATOMIC_RELAXED);
}

void file_cache_init(void)
{
	file_cache = kmem_cache_create("file", sizeof(struct file), 0, NULL);
	files_cache = kmem_cache_create("files_struct", sizeof(struct files_struct), 0, NULL);
	if (!file_cache || !files_cache)
		panic("fs: cannot create the file caches");
}

/* ---------------------------------------------------------------- struct file */

/* The file on inode (and path, if not NULL: its references are taken before ->open). */
static struct file *file_alloc(struct inode *inode, const struct path *path, int flags)
{
	struct file *f = kmem_cache_alloc(file_cache, 0);
	int acc = flags & O_ACCMODE, err;

	if (!f)
		return ERR_PTR(-ENOMEM);
	memset(f, 0, sizeof(*f));
	__atomic_add_fetch(&nr_files, 1, __ATOMIC_RELAXED);
	atomic_set(&f->f_count, 1);
	mutex_init(&f->f_pos_lock, "file_pos_lock");
	INIT_LIST_HEAD(&f->f_ep_links);
	f->f_flags = (unsigned int)flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
	if (!(flags & O_PATH)) {
		if (acc == O_RDONLY || acc == O_RDWR)
			f->f_mode |= FMODE_READ;
		if (acc == O_WRONLY || acc == O_RDWR)
			f->f_mode |= FMODE_WRITE;
	}
	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode))
		f->f_mode |= FMODE_LSEEK;
	iget(inode);
	f->f_inode = inode;
	f->f_op = inode->i_fop;
	if (path) {
		f->f_path = *path;
		path_get(path);
	}
	if (!(flags & O_PATH) && f->f_op && f->f_op->open) {
		err = f->f_op->open(inode, f);
		if (err) {
			if (path)
				path_put(path);
			iput(inode);
			__atomic_sub_fetch(&nr_files, 1, __ATOMIC_RELAXED);
			kmem_cache_free(file_cache, f);
			return ERR_PTR(err);
		}
	}
	return f;
}

struct file *file_alloc_open(struct inode *inode, int flags)
{
	return file_alloc(inode, NULL, flags);
}

struct file *file_alloc_open_path(const struct path *path, int flags)
{
	return file_alloc(path->dentry->d_inode, path, flags);
}

int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync)
{
	(void)file;
	(void)start;
	(void)end;
	(void)datasync;
	return 0;
}

void file_get(struct file *f)
{
	BUG_ON(atomic_read(&f->f_count) <= 0);
	atomic_inc(&f->f_count);
}

void fput(struct file *f)
{
	if (!atomic_dec_and_test(&f->f_count))
		return;
	eventpoll_release(f);   /* epoll items on it go before the file does */
	if (!(f->f_flags & O_PATH) && f->f_op && f->f_op->release)
		f->f_op->release(f->f_inode, f);
	iput(f->f_inode);
	if (f->f_path.dentry)
		path_put(&f->f_path);
	__atomic_sub_fetch(&nr_files, 1, __ATOMIC_RELAXED);
	kmem_cache_free(file_cache, f);
}

/* ---------------------------------------------------------------- tables */

static void fdtable_init_embedded(struct files_struct *files)
{
	files->fdtab.max_fds = NR_OPEN_DEFAULT;
	files->fdtab.fd = files->fd_array;
	files->fdtab.open_fds = files->open_fds_init;
	files->fdtab.close_on_exec = files->close_on_exec_init;
	files->fdt = &files->fdtab;
}

/* A kmalloc'd table of n descriptors (one block: struct, pointers, bitmaps), zeroed. */
static struct fdtable *fdtable_alloc(unsigned int n)
{
	size_t words = FD_BITMAP_LONGS(n);
	struct fdtable *t = kzalloc(sizeof(*t) + n * sizeof(struct file *) +
				    2 * words * sizeof(unsigned long), __GFP_NOWARN);

	if (!t)
		return NULL;
	t->max_fds = n;
	t->fd = (struct file **)(t + 1);
	t->open_fds = (unsigned long *)(t->fd + n);
	t->close_on_exec = t->open_fds + words;
	return t;
}

static void fdtable_free(struct files_struct *files, struct fdtable *t)
{
	if (t != &files->fdtab)
		kfree(t);
}

struct files_struct *files_create(void)
{
	struct files_struct *files = kmem_cache_alloc(files_cache, 0);

	if (!files)
		return NULL;
	memset(files, 0, sizeof(*files));
	atomic_set(&files->count, 1);
	spin_lock_init(&files->lock, "files_lock");
	fdtable_init_embedded(files);
	return files;
}

void files_get(struct files_struct *files)
{
	atomic_inc(&files->count);
}

/* Close every descriptor for which close(fd) says so; fput outside the lock. */
static void files_close_matching(struct files_struct *files, bool only_cloexec)
{
	unsigned int fd = 0;

	for (;;) {
		struct file *f = NULL;
		int next;

		spin_lock(&files->lock);
		while ((next = fdtable_next_open(files->fdt, fd)) >= 0) {
			fd = (unsigned int)next + 1;
			if (fdtable_is_reserved(files->fdt, (unsigned int)next))
				continue;   /* an open in progress fills or drops it */
			if (!only_cloexec || fdtable_is_cloexec(files->fdt, (unsigned int)next)) {
				f = fdtable_clear(files->fdt, (unsigned int)next);
				break;
			}
		}
		spin_unlock(&files->lock);
		if (!f)
			return;
		fput(f);
	}
}

void files_put(struct files_struct *files)
{
	if (!atomic_dec_and_test(&files->count))
		return;
	files_close_matching(files, false);
	fdtable_free(files, files->fdt);
	kmem_cache_free(files_cache, files);
}

void files_close_on_exec(struct files_struct *files)
{
	files_close_matching(files, true);
}

/*
 * Make files->fdt hold at least need + 1 descriptors (limit permitting).
 * Called and returns with files->lock held; drops it to allocate.
 * 0, -EMFILE (over the limit) or -ENOMEM.
 */
static int files_expand(struct files_struct *files, unsigned int need, unsigned int limit)
{
	unsigned int n = fdtable_grow_size(files->fdt->max_fds, need, limit);
	struct fdtable *t, *old;

	if (!n)
		return -EMFILE;
	spin_unlock(&files->lock);
	t = fdtable_alloc(n);
	spin_lock(&files->lock);
	if (!t)
		return -ENOMEM;
	if (files->fdt->max_fds >= n) {   /* someone grew it meanwhile */
		spin_unlock(&files->lock);
		kfree(t);
		spin_lock(&files->lock);
		return 0;
	}
	old = files->fdt;
	fdtable_copy(t, old);
	files->fdt = t;
	if (old != &files->fdtab) {
		spin_unlock(&files->lock);
		kfree(old);
		spin_lock(&files->lock);
	}
	return 0;
}

struct files_struct *files_dup(struct files_struct *old)
{
	struct files_struct *files = files_create();
	unsigned int n;
	int err = 0;

	if (!files)
		return ERR_PTR(-ENOMEM);
	spin_lock(&old->lock);
	/* Grow the copy until it holds old's table (old may grow meanwhile). */
	while ((n = old->fdt->max_fds) > files->fdt->max_fds) {
		spin_unlock(&old->lock);
		spin_lock(&files->lock);
		err = files_expand(files, n - 1, n);
		spin_unlock(&files->lock);
		if (err) {
			files_put(files);
			return ERR_PTR(-ENOMEM);
		}
		spin_lock(&old->lock);
	}
	fdtable_copy(files->fdt, old->fdt);
	for (int fd = 0; (fd = fdtable_next_open(files->fdt, (unsigned int)fd)) >= 0; fd++) {
		if (files->fdt->fd[fd])
			file_get(files->fdt->fd[fd]);
		else   /* an open in progress in old: not the child's */
			fdtable_unreserve(files->fdt, (unsigned int)fd);
	}
	spin_unlock(&old->lock);
	return files;
}

int files_install_console(struct files_struct *files)
{
	struct file *f = console_file_open();

	if (IS_ERR(f))
		return (int)PTR_ERR(f);
	spin_lock(&files->lock);
	for (unsigned int fd = 0; fd < 3; fd++) {
		struct file *old = fdtable_clear(files->fdt, fd);

		BUG_ON(old);   /* a fresh table: nothing to close under the lock */
		file_get(f);
		fdtable_set(files->fdt, fd, f, false);
	}
	spin_unlock(&files->lock);
	fput(f);
	return 0;
}

/* ---------------------------------------------------------------- the current task's descriptors */

unsigned int fd_limit(void)
{
	struct process *p = current->proc;
	u64 cur = p ? READ_ONCE(p->rlim[RLIMIT_NOFILE].rlim_cur) : RLIMIT_NOFILE_CUR;

	return cur > NR_OPEN_MAX ? NR_OPEN_MAX : (unsigned int)cur;
}

struct file *fget(int fd)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;

	if (!files || fd < 0)
		return NULL;
	spin_lock(&files->lock);
	if ((unsigned int)fd < files->fdt->max_fds) {
		f = files->fdt->fd[fd];
		if (f)
			file_get(f);
	}
	spin_unlock(&files->lock);
	return f;
}

/*
 * The lowest free descriptor >= start below limit, growing the table as
 * needed: it, -EMFILE or -ENOMEM. files->lock held (dropped and retaken
 * to grow); the slot is still free when it returns.
 */
static int fd_find_slot(struct files_struct *files, unsigned int start, unsigned int limit)
{
	int fd, err;

	while ((fd = fdtable_find_free(files->fdt, start)) < 0) {
		err = files_expand(files, MAX(start, files->fdt->max_fds), limit);
		if (err)
			return err;
	}
	return (unsigned int)fd >= limit ? -EMFILE : fd;
}

int fd_install_from(struct file *f, unsigned int start, bool cloexec)
{
	struct files_struct *files = current->files;
	unsigned int limit = fd_limit();
	int fd;

	if (!files)
		return -EMFILE;
	if (start >= limit)
		return -EINVAL;
	spin_lock(&files->lock);
	fd = fd_find_slot(files, start, limit);
	if (fd >= 0)
		fdtable_set(files->fdt, (unsigned int)fd, f, cloexec);
	spin_unlock(&files->lock);
	return fd;
}

int fd_reserve(bool cloexec)
{
	struct files_struct *files = current->files;
	unsigned int limit = fd_limit();
	int fd;

	if (!files)
		return -EMFILE;
	spin_lock(&files->lock);
	fd = fd_find_slot(files, 0, limit);
	if (fd >= 0)
		fdtable_reserve(files->fdt, (unsigned int)fd, cloexec);
	spin_unlock(&files->lock);
	return fd;
}

void fd_install_reserved(int fd, struct file *f)
{
	struct files_struct *files = current->files;

	spin_lock(&files->lock);
	fdtable_fill(files->fdt, (unsigned int)fd, f);
	spin_unlock(&files->lock);
}

void fd_unreserve(int fd)
{
	struct files_struct *files = current->files;

	spin_lock(&files->lock);
	fdtable_unreserve(files->fdt, (unsigned int)fd);
	spin_unlock(&files->lock);
}

int fd_replace(unsigned int newfd, struct file *f, bool cloexec)
{
	struct files_struct *files = current->files;
	struct file *old;
	int err = 0;

	if (!files)
		return -EBADF;
	if (newfd >= fd_limit())
		return -EBADF;
	spin_lock(&files->lock);
	while (newfd >= files->fdt->max_fds && !err)
		err = files_expand(files, newfd, fd_limit());
	if (err) {
		spin_unlock(&files->lock);
		return err == -EMFILE ? -EBADF : err;
	}
	if (fdtable_is_reserved(files->fdt, newfd)) {
		spin_unlock(&files->lock);
		return -EBUSY;
	}
	old = fdtable_clear(files->fdt, newfd);
	file_get(f);
	fdtable_set(files->fdt, newfd, f, cloexec);
	spin_unlock(&files->lock);
	if (old)
		fput(old);
	return 0;
}

int fd_close(int fd)
{
	struct files_struct *files = current->files;
	struct file *f;

	if (!files || fd < 0)
		return -EBADF;
	spin_lock(&files->lock);
	f = fdtable_clear(files->fdt, (unsigned int)fd);
	spin_unlock(&files->lock);
	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

int fd_get_cloexec(int fd)
{
	struct files_struct *files = current->files;
	int ret = -EBADF;

	if (!files || fd < 0)
		return -EBADF;
	spin_lock(&files->lock);
	if ((unsigned int)fd < files->fdt->max_fds && files->fdt->fd[fd])
		ret = fdtable_is_cloexec(files->fdt, (unsigned int)fd);
	spin_unlock(&files->lock);
	return ret;
}

int fd_set_cloexec(int fd, bool on)
{
	struct files_struct *files = current->files;
	int ret = -EBADF;

	if (!files || fd < 0)
		return -EBADF;
	spin_lock(&files->lock);
	if ((unsigned int)fd < files->fdt->max_fds && files->fdt->fd[fd]) {
		fdtable_set_cloexec(files->fdt, (unsigned int)fd, on);
		ret = 0;
	}
	spin_unlock(&files->lock);
	return ret;
}
