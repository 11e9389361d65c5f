/*
 * Pipes and FIFOs: pipe2(2), the FIFO open rules, the pipe file
 * operations and F_SETPIPE_SZ/F_GETPIPE_SZ (interface in <fs/pipe.h>;
 * design in docs/pipes.md).
 *
 * The ring. struct pipe_inode_info holds nr_pages page slots (a power of
 * two) and two byte counters: head (bytes ever written) and tail (bytes
 * ever read). Byte p lives in slot (p >> PAGE_SHIFT) & (nr_pages - 1) at
 * offset p & (PAGE_SIZE - 1); head - tail <= nr_pages * PAGE_SIZE. A
 * slot's page is allocated when a write first reaches it.
 *
 * Rules (Linux's):
 *  - read blocks while the pipe is empty and a writer exists; returns
 *    what is there (never waits for more once it has something); 0 when
 *    empty with no writer (end of file).
 *  - a write of at most PIPE_BUF bytes goes in whole or waits: it is
 *    never interleaved with other writers. A bigger write copies what
 *    fits, wakes readers and waits for room, so it may interleave.
 *  - a write with no reader fails with -EPIPE and the writer's process
 *    gets SIGPIPE. No signal handlers exist yet, so SIGPIPE takes its
 *    default action through the path kill(2) uses: the process is ended
 *    with a "killed by SIGPIPE" wait status (process_kill).
 *  - O_NONBLOCK: -EAGAIN instead of waiting (a write that has copied
 *    something returns its count).
 *  - sleeps are TASK_INTERRUPTIBLE and exclusive (one reader/writer per
 *    wake-up; whoever leaves room or data behind wakes the next); a
 *    sleeper whose process is being killed returns -EINTR.
 *
 * Locks (docs/locking.md): "pipe_mutex" (per pipe) above the user copies;
 * "pipe_rd_wait"/"pipe_wr_wait" wait queues; "pipe_files_lock" (global
 * spinlock) for inode->i_pipe and pipe->files, never nested with the mutex.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/pipe.h>
#include <fs/poll.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/page.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <sched/wait.h>
#include <uapi/errno.h>
#include <uapi/poll.h>

#define SIGPIPE 13   /* asm-generic/signal.h */
#define PIPE_MAX_BYTES (1ul << 31)   /* F_SETPIPE_SZ above this: -EINVAL */

static struct spinlock pipe_files_lock = SPINLOCK_INIT("pipe_files_lock");
static long nr_pipes_alive;   /* [a] */

long nr_pipes(void)
{
	return __atomic_load_n(&nr_pipes_alive, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------- pipefs */

static void pipefs_destroy_inode(struct inode *inode)
{
	kfree(inode);
}

static const struct super_operations pipefs_sops = {
	.destroy_inode = pipefs_destroy_inode,
};

/* The internal file system of pipe2's inodes: st_dev 0:2, an inode number each. */
static struct super_block pipefs_sb = {
	.s_type = "pipefs",
	.s_dev = MKDEV(0, 2),
	.s_op = &pipefs_sops,
	.s_next_ino = 1,
};

/* ---------------------------------------------------------------- the ring */

static inline size_t pipe_cap(const struct pipe_inode_info *p)
{
	return (size_t)p->nr_pages << PAGE_SHIFT;
}

static inline size_t pipe_len(const struct pipe_inode_info *p)
{
	return (size_t)(p->head - p->tail);
}

static struct pipe_inode_info *pipe_alloc(void)
{
	struct pipe_inode_info *p = kzalloc(sizeof(*p), 0);

	if (!p)
		return NULL;
	p->pages = kzalloc(PIPE_DEF_PAGES * sizeof(struct page *), 0);
	if (!p->pages) {
		kfree(p);
		return NULL;
	}
	p->nr_pages = PIPE_DEF_PAGES;
	mutex_init(&p->mutex, "pipe_mutex");
	wait_queue_head_init(&p->rd_wait, "pipe_rd_wait");
	wait_queue_head_init(&p->wr_wait, "pipe_wr_wait");
	__atomic_add_fetch(&nr_pipes_alive, 1, __ATOMIC_RELAXED);
	return p;
}

static void pipe_free_pages(struct page **pages, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (pages[i])
			free_page(pages[i]);
	kfree(pages);
}

static void pipe_free(struct pipe_inode_info *p)
{
	pipe_free_pages(p->pages, p->nr_pages);
	kfree(p);
	__atomic_sub_fetch(&nr_pipes_alive, 1, __ATOMIC_RELAXED);
}

/* The page of slot i, allocating it; NULL if out of memory. Mutex held. */
static void *pipe_slot(struct page **pages, unsigned int i)
{
	if (!pages[i])
		pages[i] = alloc_page(__GFP_NOWARN);
	return pages[i] ? page_address(pages[i]) : NULL;
}

/*
 * Copy n bytes (n <= free room) from it into the ring at head; head
 * advances by what was copied. Returns the bytes copied (short on a user
 * fault), or -ENOMEM if a page was needed and none was copied. Mutex held.
 */
static ssize_t pipe_copy_in(struct pipe_inode_info *p, struct iov_iter *it, size_t n)
{
	size_t done = 0;

	while (done < n) {
		unsigned int slot = (p->head >> PAGE_SHIFT) & (p->nr_pages - 1);
		size_t off = p->head & (PAGE_SIZE - 1);
		size_t chunk = MIN(PAGE_SIZE - off, n - done), got;
		char *page = pipe_slot(p->pages, slot);

		if (!page)
			return done ? (ssize_t)done : -ENOMEM;
		got = copy_from_iter(page + off, chunk, it);
		WRITE_ONCE(p->head, p->head + got);
		done += got;
		if (got < chunk)
			break;
	}
	return (ssize_t)done;
}

/* Copy n bytes (n <= held) from the ring at tail to it; the bytes copied. Mutex held. */
static size_t pipe_copy_out(struct pipe_inode_info *p, struct iov_iter *it, size_t n)
{
	size_t done = 0;

	while (done < n) {
		unsigned int slot = (p->tail >> PAGE_SHIFT) & (p->nr_pages - 1);
		size_t off = p->tail & (PAGE_SIZE - 1);
		size_t chunk = MIN(PAGE_SIZE - off, n - done), got;

		got = copy_to_iter((char *)page_address(p->pages[slot]) + off, chunk, it);
		WRITE_ONCE(p->tail, p->tail + got);
		done += got;
		if (got < chunk)
			break;
	}
	return done;
}

/* ---------------------------------------------------------------- waiting */

/*
 * Sleep exclusively on wq until woken (mutex held on entry and on
 * return; dropped while asleep). The entry is queued before the mutex
 * is dropped, so a change made under the mutex afterwards and followed
 * by a wake_up() is never missed. 0, or -EINTR if the process is being
 * killed (then the wake-up this sleeper may have consumed is passed on).
 */
static int pipe_wait(struct pipe_inode_info *p, struct wait_queue_head *wq)
{
	struct wait_queue_entry w;

	wait_entry_init(&w);
	prepare_to_wait_exclusive(wq, &w, TASK_INTERRUPTIBLE);
	mutex_unlock(&p->mutex);
	if (!signal_pending(current))
		schedule();
	finish_wait(wq, &w);
	mutex_lock(&p->mutex);
	if (signal_pending(current)) {
		wake_up(wq);
		return -EINTR;
	}
	return 0;
}

static inline struct pipe_inode_info *file_pipe(struct file *f)
{
	return file_inode(f)->i_pipe;
}

static inline bool file_nonblock(struct file *f)
{
	return READ_ONCE(f->f_flags) & O_NONBLOCK;
}

/* ---------------------------------------------------------------- read and write */

static ssize_t pipe_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct pipe_inode_info *p = file_pipe(f);
	ssize_t ret = 0;
	int err;

	(void)pos;
	mutex_lock(&p->mutex);
	for (;;) {
		size_t held = pipe_len(p);

		if (held) {
			size_t n = pipe_copy_out(p, to, MIN(held, to->count));

			ret = n ? (ssize_t)n : -EFAULT;
			break;
		}
		if (!p->writers)
			break;   /* end of file: 0 */
		if (file_nonblock(f)) {
			ret = -EAGAIN;
			break;
		}
		err = pipe_wait(p, &p->rd_wait);
		if (err) {
			ret = err;
			break;
		}
	}
	if (ret > 0 && pipe_len(p))
		wake_up(&p->rd_wait);   /* data left: the next reader */
	mutex_unlock(&p->mutex);
	if (ret > 0)
		wake_up(&p->wr_wait);
	return ret;
}

/* The writer's process gets SIGPIPE, default action: it is ended by the signal. */
static void pipe_send_sigpipe(void)
{
	if (current->proc)
		process_kill(current->proc, wait_status_signaled(SIGPIPE));
}

/*
 * One step of a write: copy what may go in now. Returns the bytes
 * copied (0: must wait), or -errno. total is the whole write's size
 * (atomic if <= PIPE_BUF). Mutex held.
 */
static ssize_t pipe_write_step(struct pipe_inode_info *p, struct iov_iter *from, size_t total)
{
	size_t room = pipe_cap(p) - pipe_len(p);
	size_t need = total <= PIPE_BUF ? from->count : 1;

	if (room < need)
		return 0;
	return pipe_copy_in(p, from, MIN(room, from->count));
}

static ssize_t pipe_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct pipe_inode_info *p = file_pipe(f);
	size_t total = from->count;
	bool sigpipe = false;
	ssize_t ret = 0, n;

	(void)pos;
	mutex_lock(&p->mutex);
	while (from->count) {
		if (!p->readers) {
			sigpipe = true;
			n = -EPIPE;
		} else {
			n = pipe_write_step(p, from, total);
		}
		if (n > 0) {
			ret += n;
			wake_up(&p->rd_wait);
			if (from->count && pipe_len(p) < pipe_cap(p))
				n = -EFAULT;   /* a short copy with room left: a user fault */
			else
				continue;
		}
		if (n == 0 && file_nonblock(f))
			n = -EAGAIN;
		if (n == 0)
			n = pipe_wait(p, &p->wr_wait);
		if (n < 0) {
			ret = ret ? ret : n;
			break;
		}
	}
	if (ret > 0 && pipe_len(p) < pipe_cap(p))
		wake_up(&p->wr_wait);   /* room left: the next writer */
	mutex_unlock(&p->mutex);
	if (sigpipe)
		pipe_send_sigpipe();
	return ret;
}

/* ---------------------------------------------------------------- poll, ioctl, release */

static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe_inode_info *p = file_pipe(f);
	unsigned int mask = 0;
	u64 head, tail;

	if (f->f_mode & FMODE_READ)
		poll_wait(f, &p->rd_wait, pt);
	if (f->f_mode & FMODE_WRITE)
		poll_wait(f, &p->wr_wait, pt);
	head = READ_ONCE(p->head);
	tail = READ_ONCE(p->tail);
	if (f->f_mode & FMODE_READ) {
		if (head != tail)
			mask |= POLLIN | POLLRDNORM;
		/* HUP once a writer has come and gone since this reader opened */
		if (!READ_ONCE(p->writers) &&
		    (unsigned long)f->private_data != READ_ONCE(p->w_counter))
			mask |= POLLHUP;
	}
	if (f->f_mode & FMODE_WRITE) {
		if (((size_t)READ_ONCE(p->nr_pages) << PAGE_SHIFT) - (size_t)(head - tail) >= PIPE_BUF)
			mask |= POLLOUT | POLLWRNORM;
		if (!READ_ONCE(p->readers))
			mask |= POLLERR;
	}
	return mask;
}

static long pipe_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *p = file_pipe(f);
	int n;

	if (cmd != FIONREAD)
		return -ENOTTY;
	mutex_lock(&p->mutex);
	n = (int)pipe_len(p);
	mutex_unlock(&p->mutex);
	return copy_to_user((void __user *)arg, &n, sizeof(n)) ? -EFAULT : 0;
}

/* Drop f's hold on the pipe; the last file frees it and unhooks it from the inode. */
static void pipe_put_files(struct inode *inode, struct pipe_inode_info *p)
{
	bool last;

	spin_lock(&pipe_files_lock);
	last = --p->files == 0;
	if (last)
		inode->i_pipe = NULL;
	spin_unlock(&pipe_files_lock);
	if (last)
		pipe_free(p);
}

static void pipe_release(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *p = inode->i_pipe;

	mutex_lock(&p->mutex);
	if (f->f_mode & FMODE_READ)
		p->readers--;
	if (f->f_mode & FMODE_WRITE)
		p->writers--;
	mutex_unlock(&p->mutex);
	/* blocked ends see EOF or EPIPE, pollers HUP or ERR */
	wake_up_all(&p->rd_wait);
	wake_up_all(&p->wr_wait);
	pipe_put_files(inode, p);
}

static const struct file_operations pipe_fops = {
	.release = pipe_release,
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
};

struct pipe_inode_info *get_pipe_info(struct file *f)
{
	if (f->f_op != &pipe_fops && f->f_op != &fifo_fops)
		return NULL;
	return file_pipe(f);
}

/* ---------------------------------------------------------------- FIFOs */

/* inode's pipe with a file hold taken (made if it has none); NULL if out of memory. */
static struct pipe_inode_info *fifo_get_pipe(struct inode *inode)
{
	struct pipe_inode_info *p, *fresh = NULL;

	for (;;) {
		spin_lock(&pipe_files_lock);
		p = inode->i_pipe;
		if (!p && fresh) {
			p = inode->i_pipe = fresh;
			fresh = NULL;
		}
		if (p)
			p->files++;
		spin_unlock(&pipe_files_lock);
		if (p)
			break;
		fresh = pipe_alloc();
		if (!fresh)
			return NULL;
	}
	if (fresh)
		pipe_free(fresh);   /* someone else's open won the race */
	return p;
}

/*
 * Wait until *counter (r_counter or w_counter) moves: the other end was
 * opened. Mutex held on entry and return. 0 or -EINTR.
 */
static int fifo_wait_partner(struct pipe_inode_info *p, unsigned int *counter,
			     struct wait_queue_head *wq)
{
	unsigned int cur = *counter;
	struct wait_queue_entry w;

	wait_entry_init(&w);
	while (*counter == cur) {
		prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
		mutex_unlock(&p->mutex);
		if (!signal_pending(current))
			schedule();
		finish_wait(wq, &w);
		mutex_lock(&p->mutex);
		if (*counter == cur && signal_pending(current))
			return -EINTR;
	}
	return 0;
}

/* The FIFO open rules for the access mode; mutex held. 0 or -errno (counts undone). */
static int fifo_open_locked(struct pipe_inode_info *p, struct file *f)
{
	bool nonblock = f->f_flags & O_NONBLOCK;
	int err = 0;

	switch (f->f_flags & O_ACCMODE) {
	case O_RDONLY:
		p->r_counter++;
		if (p->readers++ == 0)
			wake_up_all(&p->wr_wait);
		f->private_data = (void *)(unsigned long)p->w_counter;
		if (!p->writers && !nonblock)
			err = fifo_wait_partner(p, &p->w_counter, &p->rd_wait);
		if (err && --p->readers == 0)
			wake_up_all(&p->wr_wait);
		return err;
	case O_WRONLY:
		if (nonblock && !p->readers)
			return -ENXIO;
		p->w_counter++;
		if (p->writers++ == 0)
			wake_up_all(&p->rd_wait);
		if (!p->readers)
			err = fifo_wait_partner(p, &p->r_counter, &p->wr_wait);
		if (err && --p->writers == 0)
			wake_up_all(&p->rd_wait);
		return err;
	case O_RDWR:
		/* never blocks: this file is its own partner */
		p->r_counter++;
		p->w_counter++;
		if (p->readers++ == 0 || p->writers == 0) {
			wake_up_all(&p->rd_wait);
			wake_up_all(&p->wr_wait);
		}
		p->writers++;
		f->private_data = (void *)(unsigned long)p->w_counter;
		return 0;
	default:
		return -EINVAL;
	}
}

static int fifo_open(struct inode *inode, struct file *f)
{
	struct pipe_inode_info *p = fifo_get_pipe(inode);
	int err;

	if (!p)
		return -ENOMEM;
	mutex_lock(&p->mutex);
	err = fifo_open_locked(p, f);
	mutex_unlock(&p->mutex);
	if (err)
		pipe_put_files(inode, p);
	return err;
}

const struct file_operations fifo_fops = {
	.open = fifo_open,
	.release = pipe_release,
	.read = pipe_read,
	.write = pipe_write,
	.ioctl = pipe_ioctl,
	.poll = pipe_poll,
};

/* ---------------------------------------------------------------- F_SETPIPE_SZ */

/* Move the ring into nr new slots (the bytes held fit). Mutex held. 0 or -ENOMEM. */
static int pipe_resize_locked(struct pipe_inode_info *p, unsigned int nr)
{
	struct page **pages = kzalloc(nr * sizeof(struct page *), __GFP_NOWARN);
	u64 pos;

	if (!pages)
		return -ENOMEM;
	for (pos = p->tail; pos < p->head;) {
		size_t off = pos & (PAGE_SIZE - 1);
		size_t chunk = MIN(PAGE_SIZE - off, (size_t)(p->head - pos));
		char *dst = pipe_slot(pages, (pos >> PAGE_SHIFT) & (nr - 1));
		char *src = page_address(p->pages[(pos >> PAGE_SHIFT) & (p->nr_pages - 1)]);

		if (!dst) {
			pipe_free_pages(pages, nr);
			return -ENOMEM;
		}
		memcpy(dst + off, src + off, chunk);
		pos += chunk;
	}
	pipe_free_pages(p->pages, p->nr_pages);
	p->pages = pages;
	WRITE_ONCE(p->nr_pages, nr);
	return 0;
}

/* The size F_SETPIPE_SZ makes of arg: a power-of-two number of pages, at least one. */
static unsigned int pipe_round_pages(unsigned long arg)
{
	unsigned int nr = 1;

	while (((unsigned long)nr << PAGE_SHIFT) < arg)
		nr <<= 1;
	return nr;
}

static long pipe_set_size(struct pipe_inode_info *p, unsigned long arg)
{
	unsigned int nr;
	long ret;

	if (arg > PIPE_MAX_BYTES)
		return -EINVAL;
	nr = pipe_round_pages(arg);
	mutex_lock(&p->mutex);
	if (nr > p->nr_pages && arg > PIPE_MAX_SIZE_DEFAULT && !capable_root())
		ret = -EPERM;
	else if (pipe_len(p) > ((size_t)nr << PAGE_SHIFT))
		ret = -EBUSY;
	else if (nr == p->nr_pages)
		ret = 0;
	else
		ret = pipe_resize_locked(p, nr);
	if (!ret)
		ret = (long)pipe_cap(p);
	mutex_unlock(&p->mutex);
	if (ret > 0)
		wake_up_all(&p->wr_wait);   /* maybe more room */
	return ret;
}

long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct pipe_inode_info *p = get_pipe_info(f);

	if (!p)
		return -EBADF;
	if (cmd == F_SETPIPE_SZ)
		return pipe_set_size(p, arg);
	if (cmd == F_GETPIPE_SZ)
		return (long)((size_t)READ_ONCE(p->nr_pages) << PAGE_SHIFT);
	return -EINVAL;
}

/* ---------------------------------------------------------------- pipe2 */

static struct inode *pipefs_new_inode(struct pipe_inode_info *p)
{
	struct inode *inode = kzalloc(sizeof(*inode), 0);

	if (!inode)
		return NULL;
	inode_init(inode, &pipefs_sb, S_IFIFO | 0600);
	inode->i_fop = &pipe_fops;
	inode->i_pipe = p;
	return inode;
}

int pipe_create(int flags, struct file **rd, struct file **wr)
{
	struct pipe_inode_info *p = pipe_alloc();
	struct inode *inode = p ? pipefs_new_inode(p) : NULL;
	int nb = flags & O_NONBLOCK;

	if (!inode)
		goto err_pipe;
	p->readers = p->writers = 1;
	p->r_counter = p->w_counter = 1;
	p->files = 2;
	*rd = file_alloc_open(inode, O_RDONLY | nb);
	if (IS_ERR(*rd))
		goto err_inode;
	(*rd)->private_data = NULL;   /* w_counter 1 != 0: HUP as soon as the writer goes */
	*wr = file_alloc_open(inode, O_WRONLY | nb);
	if (IS_ERR(*wr)) {
		p->writers = 0;
		p->files = 1;
		fput(*rd);   /* frees the pipe */
		iput(inode);
		return -ENOMEM;
	}
	iput(inode);   /* the files hold it */
	return 0;
err_inode:
	iput(inode);
err_pipe:
	if (p)
		pipe_free(p);
	return -ENOMEM;
}

/* pipe2(int fds[2], int flags) */
long sys_pipe2(const struct syscall_args *args)
{
	int flags = (int)args->a[1], fds[2];
	struct file *rd, *wr;
	int err;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;   /* O_DIRECT (packet mode) is not implemented: docs/pipes.md */
	err = pipe_create(flags, &rd, &wr);
	if (err)
		return err;
	fds[0] = fd_install(rd, flags & O_CLOEXEC);
	if (fds[0] < 0) {
		fput(rd);
		fput(wr);
		return fds[0];
	}
	fds[1] = fd_install(wr, flags & O_CLOEXEC);
	if (fds[1] < 0) {
		fd_close(fds[0]);
		fput(wr);
		return fds[1];
	}
	if (copy_to_user((void __user *)args->a[0], fds, sizeof(fds))) {
		fd_close(fds[0]);
		fd_close(fds[1]);
		return -EFAULT;
	}
	return 0;
}
