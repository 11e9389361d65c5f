/*
 * Pipes and FIFOs: pipe2(2), the FIFO open rules, the pipe file
 * operations and F_SETPIPE_SZ/F_GETPIPE_SZ (interface in <fs/pipe.h>;
 * design in docs/pipes.md).
 *
 * The ring. struct pipe_inode_info holds nr_slots buffers (a power of
 * two), each a page with an offset and a length; slots [tail, head)
 * hold data. A write tops up the last buffer with its odd part
 * (size % PAGE_SIZE) if that fits, then fills whole new pages, one slot
 * each; a read empties buffers from the tail. This is Linux's layout, so
 * capacities, partial writes and POLLOUT come out the same as there. One
 * emptied page is kept (spare) so a streaming pipe does not go to the
 * page allocator for every page.
 *
 * Rules (Linux's):
 *  - read blocks while the pipe is empty and a writer exists; returns
 *    what is there (never waits for more once it has something); 0 when
 *    empty with no writer (end of file).
 *  - a write of at most PIPE_BUF bytes goes in whole or waits: it is
 *    never interleaved with other writers. A bigger write copies what
 *    fits, wakes readers and waits for room, so it may interleave.
 *  - a write with no reader fails with -EPIPE and the writing thread
 *    gets SIGPIPE (proc/signal.h): by default the process dies of it;
 *    ignored or caught, the caller sees EPIPE.
 *  - O_NONBLOCK: -EAGAIN instead of waiting (a write that has copied
 *    something returns its count).
 *  - sleeps are TASK_INTERRUPTIBLE and exclusive (one reader/writer per
 *    wake-up; whoever leaves room or data behind wakes the next); a
 *    sleeper whose process is being killed returns -EINTR.
 *  - packet mode (O_DIRECT on the writing file): buffers are written
 *    whole and never merged; a read returns at most one packet and drops
 *    what of it did not fit.
 *
 * Locks (docs/locking.md): "pipe_mutex" (per pipe) above the user copies;
 * "pipe_rd_wait"/"pipe_wr_wait" wait queues; "pipe_files_lock" (global
 * spinlock) for inode->i_pipe and pipe->files, never nested with the mutex.
 */
#include <arch/barrier.h>
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

static struct file_system_type pipefs_type = {
	.name = "pipefs",   /* internal: never registered, never mounted */
};

/* The internal file system of pipe2's inodes: st_dev 0:2, an inode number each. */
static struct super_block pipefs_sb = {
	.s_type = &pipefs_type,
	.s_dev = MKDEV(0, 2),
	.s_op = &pipefs_sops,
	.s_next_ino = 1,
};

/* ---------------------------------------------------------------- the ring */

static inline bool pipe_empty(const struct pipe_inode_info *p)
{
	return p->head == p->tail;
}

static inline bool pipe_full(const struct pipe_inode_info *p)
{
	return p->head - p->tail >= p->nr_slots;
}

static inline struct pipe_buffer *pipe_buf(struct pipe_inode_info *p, unsigned int slot)
{
	return &p->bufs[slot & (p->nr_slots - 1)];
}

/* Bytes held (FIONREAD). Mutex held. */
static size_t pipe_bytes(struct pipe_inode_info *p)
{
	size_t n = 0;

	for (unsigned int i = p->tail; i != p->head; i++)
		n += pipe_buf(p, i)->len;
	return n;
}

static struct pipe_inode_info *pipe_alloc(void)
{
	struct pipe_inode_info *p = kzalloc(sizeof(*p), 0);

	if (!p)
		return NULL;
	p->bufs = kzalloc(PIPE_DEF_PAGES * sizeof(struct pipe_buffer), 0);
	if (!p->bufs) {
		kfree(p);
		return NULL;
	}
	p->nr_slots = PIPE_DEF_PAGES;
	mutex_init(&p->mutex, "pipe_mutex");
	wait_queue_head_init(&p->rd_wait, "pipe_rd_wait");
	wait_queue_head_init(&p->wr_wait, "pipe_wr_wait");
	__atomic_add_fetch(&nr_pipes_alive, 1, __ATOMIC_RELAXED);
	return p;
}

static void pipe_free(struct pipe_inode_info *p)
{
	for (unsigned int i = p->tail; i != p->head; i++)
		free_page(pipe_buf(p, i)->page);
	if (p->spare)
		free_page(p->spare);
	kfree(p->bufs);
	kfree(p);
	__atomic_sub_fetch(&nr_pipes_alive, 1, __ATOMIC_RELAXED);
}

/* A page for a new buffer: the spare one or a fresh one; NULL if out of memory. Mutex held. */
static struct page *pipe_get_page(struct pipe_inode_info *p)
{
	struct page *page = p->spare;

	if (page) {
		p->spare = NULL;
		return page;
	}
	return alloc_page(__GFP_NOWARN);
}

/* An emptied buffer's page: kept as the spare, or freed. Mutex held. */
static void pipe_put_page(struct pipe_inode_info *p, struct page *page)
{
	if (!p->spare)
		p->spare = page;
	else
		free_page(page);
}

/*
 * Top up the last buffer with the first n bytes of it (n < PAGE_SIZE,
 * the write's odd part) if they fit behind its data. Returns the bytes
 * copied (0: no room there, use new slots), or -EFAULT. Mutex held.
 */
static ssize_t pipe_merge(struct pipe_inode_info *p, struct iov_iter *it, size_t n)
{
	struct pipe_buffer *b;
	size_t end, got;

	if (!n || pipe_empty(p))
		return 0;
	b = pipe_buf(p, p->head - 1);
	end = b->offset + b->len;
	if (b->packet || end + n > PAGE_SIZE)
		return 0;
	got = copy_from_iter((char *)page_address(b->page) + end, n, it);
	b->len += (unsigned int)got;
	return got ? (ssize_t)got : -EFAULT;
}

/*
 * Fill one new slot (the pipe is not full) with up to a page of it.
 * Returns the bytes copied, -EFAULT (nothing copied) or -ENOMEM. Mutex held.
 */
static ssize_t pipe_fill_slot(struct pipe_inode_info *p, struct iov_iter *it, bool packet)
{
	struct page *page = pipe_get_page(p);
	size_t got;

	if (!page)
		return -ENOMEM;
	got = copy_from_iter(page_address(page), MIN(it->count, (size_t)PAGE_SIZE), it);
	if (!got) {
		pipe_put_page(p, page);
		return -EFAULT;
	}
	*pipe_buf(p, p->head) = (struct pipe_buffer){ .page = page, .offset = 0,
						     .len = (unsigned int)got, .packet = packet };
	WRITE_ONCE(p->head, p->head + 1);
	return (ssize_t)got;
}

/* Copy up to the iterator's count from the tail buffers; the bytes copied. Mutex held. */
static size_t pipe_drain(struct pipe_inode_info *p, struct iov_iter *it)
{
	size_t done = 0;

	while (!pipe_empty(p) && it->count) {
		struct pipe_buffer *b = pipe_buf(p, p->tail);
		bool packet_read = b->packet;
		size_t want = MIN((size_t)b->len, it->count);
		size_t got = copy_to_iter((char *)page_address(b->page) + b->offset, want, it);

		b->offset += (unsigned int)got;
		b->len -= (unsigned int)got;
		done += got;
		if (packet_read && got == want)
			b->len = 0;   /* packet mode: one packet per read, the rest is dropped */
		if (!b->len) {
			pipe_put_page(p, b->page);
			b->page = NULL;
			WRITE_ONCE(p->tail, p->tail + 1);
		}
		if (got < want || packet_read)
			break;   /* a user fault, or the one packet */
	}
	return done;
}

/* ---------------------------------------------------------------- waiting */

/*
 * Sleep exclusively on wq until woken (mutex held on entry and on
 * return; dropped while asleep). The entry is queued before the mutex
 * is dropped, so a change made under the mutex afterwards and followed
 * by a wake_up() is never missed. 0, or -ERESTARTSYS if a signal is
 * pending (then the wake-up this sleeper may have consumed is passed on).
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
		return -ERESTARTSYS;   /* EINTR, or restarted under SA_RESTART (proc/signal.h) */
	}
	return 0;
}

/*
 * Wake one sleeper (and every poller) on wq if anyone waits. The full
 * barrier orders our change of the ring before the look at the queue;
 * it pairs with the barrier prepare_to_wait() makes after queueing (a
 * reader or writer queues itself under the mutex in pipe_wait(), a
 * poller in poll_wait() before it reads head and tail). So either the
 * sleeper sees the change or we see it queued. Saves the queue's lock
 * on every transfer nobody waits for.
 */
static void pipe_wake(struct wait_queue_head *wq)
{
	smp_mb();
	if (wait_queue_active(wq))
		wake_up(wq);
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
	bool more;

	(void)pos;
	mutex_lock(&p->mutex);
	for (;;) {
		if (!pipe_empty(p)) {
			size_t n = pipe_drain(p, to);

			ret = n ? (ssize_t)n : -EFAULT;
			break;
		}
		if (!p->writers)
			break;   /* end of file: 0 */
		if (file_nonblock(f)) {
			ret = -EAGAIN;
			break;
		}
		ret = pipe_wait(p, &p->rd_wait);
		if (ret)
			break;
	}
	more = ret > 0 && !pipe_empty(p);
	mutex_unlock(&p->mutex);
	/* wake-ups after the unlock: the woken task must not block on the mutex at once */
	if (more)
		pipe_wake(&p->rd_wait);   /* data left: the next reader */
	if (ret > 0)
		pipe_wake(&p->wr_wait);   /* a slot or room freed */
	return ret;
}

/* The writing thread gets SIGPIPE (its default action ends the process). */
static void pipe_send_sigpipe(void)
{
	struct siginfo_k info = { .si_signo = SIGPIPE, .si_code = SI_USER };

	if (current->proc)
		signal_send_thread(current, SIGPIPE, &info);
}

/*
 * Copy as much of from as fits now: whole new slots while the pipe is
 * not full. Returns the bytes copied (0: full), or -errno with nothing
 * copied. Mutex held.
 */
static ssize_t pipe_write_slots(struct pipe_inode_info *p, struct iov_iter *from, bool packet)
{
	ssize_t done = 0, n;

	while (from->count && !pipe_full(p)) {
		n = pipe_fill_slot(p, from, packet);
		if (n < 0)
			return done ? done : n;
		done += n;
		if ((size_t)n < PAGE_SIZE && from->count)
			return done;   /* a user fault part way */
	}
	return done;
}

/*
 * The write loop (mutex held): the odd part into the last buffer if it
 * fits, then whole slots, waiting for room unless O_NONBLOCK. A write
 * of at most PIPE_BUF bytes takes one merge or one slot: never split.
 */
static ssize_t pipe_write_locked(struct file *f, struct pipe_inode_info *p,
				 struct iov_iter *from, bool *sigpipe)
{
	bool packet = READ_ONCE(f->f_flags) & O_DIRECT;   /* packet mode: no merging */
	ssize_t ret = 0, n;

	if (!p->readers)
		goto no_readers;
	if (!packet)
		ret = pipe_merge(p, from, from->count & (PAGE_SIZE - 1));
	if (ret < 0 || !from->count)
		return ret;
	for (;;) {
		if (!p->readers)
			goto no_readers;
		n = pipe_write_slots(p, from, packet);
		if (n < 0)
			return ret ? ret : n;
		ret += n;
		if (!from->count)
			return ret;
		if (!pipe_full(p))
			return ret ? ret : -EFAULT;   /* stopped with room left: a user fault */
		if (file_nonblock(f))
			return ret ? ret : -EAGAIN;
		if (ret)
			pipe_wake(&p->rd_wait);   /* let readers drain before we wait */
		n = pipe_wait(p, &p->wr_wait);
		if (n)
			return ret ? ret : n;
	}
no_readers:
	*sigpipe = true;
	return ret ? ret : -EPIPE;
}

static ssize_t pipe_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct pipe_inode_info *p = file_pipe(f);
	bool sigpipe = false, room;
	ssize_t ret;

	(void)pos;
	mutex_lock(&p->mutex);
	ret = pipe_write_locked(f, p, from, &sigpipe);
	room = ret > 0 && !pipe_full(p);
	mutex_unlock(&p->mutex);
	if (ret > 0)
		pipe_wake(&p->rd_wait);
	if (room)
		pipe_wake(&p->wr_wait);   /* room left: the next writer */
	if (sigpipe)
		pipe_send_sigpipe();
	return ret;
}

/* ---------------------------------------------------------------- poll, ioctl, release */

static unsigned int pipe_poll(struct file *f, struct poll_table *pt)
{
	struct pipe_inode_info *p = file_pipe(f);
	unsigned int mask = 0;
	unsigned int head, tail;

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
		if (head - tail < READ_ONCE(p->nr_slots))   /* a free slot: a PIPE_BUF write goes in */
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
	n = (int)pipe_bytes(p);
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
			return -ERESTARTSYS;
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

/* Move the buffers into a ring of nr slots (they fit). Mutex held. 0 or -ENOMEM. */
static int pipe_resize_locked(struct pipe_inode_info *p, unsigned int nr)
{
	struct pipe_buffer *bufs = kzalloc(nr * sizeof(*bufs), __GFP_NOWARN);
	unsigned int used = p->head - p->tail;

	if (!bufs)
		return -ENOMEM;
	for (unsigned int i = 0; i < used; i++)
		bufs[i] = *pipe_buf(p, p->tail + i);
	kfree(p->bufs);
	p->bufs = bufs;
	WRITE_ONCE(p->tail, 0);
	WRITE_ONCE(p->head, used);
	WRITE_ONCE(p->nr_slots, nr);
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
	if (nr > p->nr_slots && arg > PIPE_MAX_SIZE_DEFAULT && !capable_root())
		ret = -EPERM;
	else if (p->head - p->tail > nr)
		ret = -EBUSY;   /* more slots in use than the new ring has */
	else if (nr == p->nr_slots)
		ret = 0;
	else
		ret = pipe_resize_locked(p, nr);
	if (!ret)
		ret = (long)((size_t)p->nr_slots << PAGE_SHIFT);
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
		return pipe_set_size(p, (unsigned int)arg);   /* Linux takes an unsigned int */
	if (cmd == F_GETPIPE_SZ)
		return (long)((size_t)READ_ONCE(p->nr_slots) << PAGE_SHIFT);
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
	int fl = flags & (O_NONBLOCK | O_DIRECT);

	if (!inode)
		goto err_pipe;
	p->readers = p->writers = 1;
	p->r_counter = p->w_counter = 1;
	p->files = 2;
	*rd = file_alloc_open(inode, O_RDONLY | fl);
	if (IS_ERR(*rd))
		goto err_inode;
	(*rd)->private_data = NULL;   /* w_counter 1 != 0: HUP as soon as the writer goes */
	*wr = file_alloc_open(inode, O_WRONLY | fl);
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

	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
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

/* /proc/sys/fs/pipe-max-size: fixed at Linux's default (fs/procfs.h). */
unsigned int pipe_max_size(void)
{
	return PIPE_MAX_SIZE_DEFAULT;
}
