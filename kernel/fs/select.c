/*
 * Waiting for files to become ready: ppoll(2) and pselect6(2) (riscv64
 * has no poll/select: glibc builds them on these), and the poll_wait()
 * side of the ->poll protocol (interface in <fs/poll.h>).
 *
 * One call:
 *   1. copy the request in and take a reference on every file named
 *      (held to the end: the wait entries sit on the files' queues, and
 *      a concurrent close cannot free them under us; a descriptor closed
 *      and reused meanwhile is still watched as the old file);
 *   2. a pass: set the task state to TASK_INTERRUPTIBLE, call each
 *      file's ->poll, which queues (or re-queues) our entries on its wait
 *      queues through poll_wait() and returns its mask;
 *   3. if something is ready, the deadline passed, or the process is
 *      being killed, stop; else sleep (schedule / schedule_until) and
 *      go to 2. A wake-up of any registered queue after step 2 queued
 *      the entry makes the task runnable, so none is lost;
 *   4. take every entry off its queue, drop the files, copy results out
 *      (and the time left back into the caller's timespec, as Linux).
 *
 * The signal-mask arguments are checked for size but otherwise ignored:
 * there are no signal handlers or masks yet (docs/pipes.md).
 *
 * Locks: none of its own; poll_wait() and the clean-up take the files'
 * wait-queue locks (irqsave).
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/poll.h>
#include <kernel/clock.h>
#include <kernel/compiler.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <sched/wait.h>
#include <uapi/errno.h>
#include <uapi/poll.h>
#include <uapi/time.h>

#define POLL_WQ_PER_FILE 2          /* queues one file may register (a pipe: rd and wr) */
#define POLL_OVERFLOW_NS 10000000   /* re-poll period when a file registered more */
#define SIGSET_SIZE 8               /* the kernel's sigset_t */

/* select's classes of readiness (Linux's POLLIN_SET, POLLOUT_SET, POLLEX_SET). */
#define SEL_IN  0x1u
#define SEL_OUT 0x2u
#define SEL_EX  0x4u
#define POLLIN_SET  (POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define POLLOUT_SET (POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define POLLEX_SET  (POLLPRI)

/* ---------------------------------------------------------------- registration */

void poll_wait(struct file *file, struct wait_queue_head *wq, struct poll_table *pt)
{
	struct poll_table_entry *e;
	unsigned long irq;

	if (!pt || !wq)
		return;
	if (pt->qproc) {
		pt->qproc(file, wq, pt);
		return;
	}
	if (pt->next >= pt->end) {
		pt->overflow = true;
		return;
	}
	e = &pt->entries[pt->next++];
	if (e->wq && e->wq != wq) {
		/* the file registers other queues than last pass: move the entry */
		irq = spin_lock_irqsave(&e->wq->lock);
		list_del_init(&e->wait.node);
		spin_unlock_irqrestore(&e->wq->lock, irq);
	}
	e->wq = wq;
	/* queues if not queued (a wake-up dequeued it), keeps the state, full barrier */
	prepare_to_wait(wq, &e->wait, TASK_INTERRUPTIBLE);
}

unsigned int vfs_poll(struct file *f, struct poll_table *pt, unsigned int events)
{
	unsigned int mask = f->f_op && f->f_op->poll ? f->f_op->poll(f, pt) : DEFAULT_POLLMASK;

	return mask & (events | POLLERR | POLLHUP);
}

static int poll_table_init(struct poll_table *pt, unsigned int nfds)
{
	pt->qproc = NULL;
	pt->priv = NULL;
	pt->max = nfds * POLL_WQ_PER_FILE;
	pt->next = pt->end = 0;
	pt->overflow = false;
	pt->entries = pt->max ? kzalloc(pt->max * sizeof(*pt->entries), __GFP_NOWARN) : NULL;
	if (pt->max && !pt->entries)
		return -ENOMEM;
	for (unsigned int i = 0; i < pt->max; i++)
		wait_entry_init(&pt->entries[i].wait);
	return 0;
}

/* Take every entry off its queue and free the table. */
static void poll_table_free(struct poll_table *pt)
{
	for (unsigned int i = 0; i < pt->max; i++) {
		struct poll_table_entry *e = &pt->entries[i];
		unsigned long irq;

		if (!e->wq)
			continue;
		irq = spin_lock_irqsave(&e->wq->lock);
		list_del_init(&e->wait.node);
		spin_unlock_irqrestore(&e->wq->lock, irq);
	}
	kfree(pt->entries);
}

/* ---------------------------------------------------------------- the wait loop */

/* One watched descriptor: the request, its file, and (select) the classes asked. */
struct poll_item {
	struct pollfd pfd;       /* revents: POLL* bits (poll) or SEL_* bits (select) */
	struct file *file;       /* with a reference, NULL if fd < 0 or not open */
	unsigned int sel;        /* SEL_* asked (select), 0 for poll */
};

struct poll_req {
	struct poll_item *items;
	unsigned int n;
	bool select;             /* pselect6: translate masks to SEL_* */
	bool has_deadline;
	u64 deadline;            /* ktime ns */
};

static unsigned int sel_result(unsigned int mask, unsigned int sel)
{
	unsigned int r = 0;

	if ((sel & SEL_IN) && (mask & POLLIN_SET))
		r |= SEL_IN;
	if ((sel & SEL_OUT) && (mask & POLLOUT_SET))
		r |= SEL_OUT;
	if ((sel & SEL_EX) && (mask & POLLEX_SET))
		r |= SEL_EX;
	return r;
}

/* One pass over every item (task state already set); the number ready. */
static unsigned int poll_pass(struct poll_req *rq, struct poll_table *pt)
{
	unsigned int ready = 0;

	for (unsigned int i = 0; i < rq->n; i++) {
		struct poll_item *it = &rq->items[i];
		unsigned int mask;

		if (it->pfd.fd < 0) {
			it->pfd.revents = 0;
			continue;
		}
		if (!it->file) {
			mask = POLLNVAL;
		} else {
			if (pt) {
				/* a file's entries keep their slots in every pass */
				pt->next = i * POLL_WQ_PER_FILE;
				pt->end = pt->next + POLL_WQ_PER_FILE;
			}
			mask = vfs_poll(it->file, pt, (unsigned short)it->pfd.events);
		}
		it->pfd.revents = (short)(rq->select ? sel_result(mask, it->sel) : mask);
		if (it->pfd.revents)
			ready++;
	}
	return ready;
}

/* Sleep until woken, the deadline, or the overflow re-poll period. State already set. */
static void poll_sleep(struct poll_req *rq, struct poll_table *pt)
{
	u64 until = rq->deadline;

	if (pt->overflow) {
		u64 soon = ktime_get_ns() + POLL_OVERFLOW_NS;

		until = rq->has_deadline ? MIN(until, soon) : soon;
	} else if (!rq->has_deadline) {
		schedule();
		return;
	}
	schedule_until(until);
}

/*
 * The loop of steps 2 and 3 (files already taken). A zero timeout polls
 * once without registering. Returns the number of ready items, or
 * -ERESTARTNOHAND (nothing ready, a signal is pending), -ENOMEM.
 */
static long poll_wait_loop(struct poll_req *rq, bool zero_timeout)
{
	struct poll_table pt;
	long ready;
	int err = poll_table_init(&pt, zero_timeout ? 0 : rq->n);

	if (err)
		return err;
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		ready = poll_pass(rq, zero_timeout ? NULL : &pt);
		if (ready || zero_timeout || signal_pending(current))
			break;
		if (rq->has_deadline && ktime_get_ns() >= rq->deadline)
			break;
		poll_sleep(rq, &pt);
	}
	__set_current_state(TASK_RUNNING);
	poll_table_free(&pt);
	if (!ready && !zero_timeout && signal_pending(current))
		return -ERESTARTNOHAND;   /* EINTR if a handler runs, else restarted */
	return ready;
}

static void poll_put_files(struct poll_req *rq)
{
	for (unsigned int i = 0; i < rq->n; i++)
		if (rq->items[i].file)
			fput(rq->items[i].file);
}

/* Take the files; O_PATH descriptors count as not open. */
static void poll_get_files(struct poll_req *rq)
{
	for (unsigned int i = 0; i < rq->n; i++) {
		struct poll_item *it = &rq->items[i];

		it->file = it->pfd.fd >= 0 ? fget(it->pfd.fd) : NULL;
		if (it->file && (it->file->f_flags & O_PATH)) {
			fput(it->file);
			it->file = NULL;
		}
	}
}

/* ---------------------------------------------------------------- timeouts */

/*
 * The deadline of a user timespec (0: none = forever). *zero: the
 * timespec was {0, 0}. 0, -EFAULT, -EINVAL.
 */
static int poll_deadline(unsigned long uts, struct poll_req *rq, bool *zero)
{
	struct __kernel_timespec ts;
	u64 ns;

	*zero = false;
	rq->has_deadline = false;
	if (!uts)
		return 0;
	if (copy_from_user(&ts, (const void __user *)uts, sizeof(ts)))
		return -EFAULT;
	if (timespec_to_ns(&ts, &ns))
		return -EINVAL;
	*zero = ns == 0;
	rq->has_deadline = true;
	rq->deadline = ktime_get_ns() + ns;
	return 0;
}

/* Linux writes the time left back (a fault there is ignored, as on Linux). */
static void poll_time_left(unsigned long uts, const struct poll_req *rq, bool zero)
{
	struct __kernel_timespec ts;
	u64 now = ktime_get_ns();

	if (!uts || zero)
		return;
	ns_to_timespec(rq->deadline > now ? rq->deadline - now : 0, &ts);
	(void)copy_to_user((void __user *)uts, &ts, sizeof(ts));
}

/*
 * ppoll's/pselect6's signal mask: a whole kernel sigset_t (-EINVAL), read
 * into *set (-EFAULT); *has says whether there is one.
 */
static int sigmask_get(unsigned long mask, unsigned long size, ksigset_t *set, bool *has)
{
	*has = false;
	if (!mask)
		return 0;
	if (size != SIGSET_SIZE)
		return -EINVAL;
	if (copy_from_user(set, (const void __user *)mask, sizeof(*set)))
		return -EFAULT;
	*has = true;
	return 0;
}

/* The wait with the caller's mask installed (proc/signal.h: restored after delivery). */
static long poll_wait_masked(struct poll_req *rq, bool zero, bool has_mask, ksigset_t mask)
{
	long ret;

	if (has_mask)
		signal_mask_for_wait(mask);
	ret = poll_wait_loop(rq, zero);
	if (has_mask)
		signal_mask_after_wait(ret == -ERESTARTNOHAND);
	return ret;
}

/* ---------------------------------------------------------------- ppoll */

/* ppoll(struct pollfd *fds, nfds_t nfds, const struct timespec *tmo, const sigset_t *mask, size_t size) */
long sys_ppoll(const struct syscall_args *args)
{
	unsigned long ufds = args->a[0];
	unsigned int nfds = (unsigned int)args->a[1];
	struct poll_req rq = { .n = (unsigned int)nfds };
	bool zero, has_mask;
	ksigset_t mask;
	long ret;

	if (nfds > fd_limit())
		return -EINVAL;
	ret = sigmask_get(args->a[3], args->a[4], &mask, &has_mask);
	if (!ret)
		ret = poll_deadline(args->a[2], &rq, &zero);
	if (ret)
		return ret;
	rq.items = nfds ? kzalloc(nfds * sizeof(*rq.items), __GFP_NOWARN) : NULL;
	if (nfds && !rq.items)
		return -ENOMEM;
	for (unsigned int i = 0; i < rq.n; i++) {
		if (copy_from_user(&rq.items[i].pfd, (const void __user *)(ufds + i * sizeof(struct pollfd)),
				   sizeof(struct pollfd))) {
			ret = -EFAULT;
			goto out_free;
		}
	}
	poll_get_files(&rq);
	ret = poll_wait_masked(&rq, zero, has_mask, mask);
	poll_put_files(&rq);
	for (unsigned int i = 0; ret >= 0 && i < rq.n; i++) {
		void __user *dst = (void __user *)(ufds + i * sizeof(struct pollfd) +
						   offsetof(struct pollfd, revents));

		if (copy_to_user(dst, &rq.items[i].pfd.revents, sizeof(short)))
			ret = -EFAULT;
	}
	poll_time_left(args->a[2], &rq, zero);
out_free:
	kfree(rq.items);
	return ret;
}

/* ---------------------------------------------------------------- pselect6 */

#define BITS_PER_UL (8 * sizeof(unsigned long))

static inline bool bit_test(const unsigned long *map, unsigned int i)
{
	return map && (map[i / BITS_PER_UL] >> (i % BITS_PER_UL)) & 1;
}

/* Copy the three fd_sets in (NULL pointers: empty). sets[3][words]. 0 or -EFAULT. */
static int select_sets_in(const struct syscall_args *args, unsigned long *sets[3], size_t bytes)
{
	for (int k = 0; k < 3; k++) {
		unsigned long u = args->a[1 + k];

		if (u && copy_from_user(sets[k], (const void __user *)u, bytes))
			return -EFAULT;
		if (!u)
			sets[k] = NULL;
	}
	return 0;
}

/* Items for every fd with a bit set; -EBADF if one is not open. rq->items sized n. */
static int select_items(struct poll_req *rq, unsigned long *sets[3], unsigned int n)
{
	unsigned int k = 0;

	for (unsigned int fd = 0; fd < n; fd++) {
		unsigned int sel = (bit_test(sets[0], fd) ? SEL_IN : 0) |
				   (bit_test(sets[1], fd) ? SEL_OUT : 0) |
				   (bit_test(sets[2], fd) ? SEL_EX : 0);
		struct poll_item *it = &rq->items[k];

		if (!sel)
			continue;
		it->pfd.fd = (int)fd;
		it->pfd.events = (short)((sel & SEL_IN ? POLLIN_SET : 0) |
					 (sel & SEL_OUT ? POLLOUT_SET : 0) |
					 (sel & SEL_EX ? POLLEX_SET : 0));
		it->sel = sel;
		rq->n = ++k;
		poll_get_files(&(struct poll_req){ .items = it, .n = 1 });
		if (!it->file)
			return -EBADF;
	}
	return 0;
}

/* Write the result sets (only the ones given), each bytes long. 0 or -EFAULT. */
static int select_sets_out(const struct syscall_args *args, const struct poll_req *rq,
			   unsigned long *out, size_t bytes)
{
	for (int k = 0; k < 3; k++) {
		unsigned long u = args->a[1 + k];

		if (!u)
			continue;
		memset(out, 0, bytes);
		for (unsigned int i = 0; i < rq->n; i++) {
			const struct poll_item *it = &rq->items[i];

			if (it->pfd.revents & (1u << k))
				out[it->pfd.fd / BITS_PER_UL] |= 1ul << (it->pfd.fd % BITS_PER_UL);
		}
		if (copy_to_user((void __user *)u, out, bytes))
			return -EFAULT;
	}
	return 0;
}

/* The sixth argument of pselect6: { const sigset_t *ss; size_t ss_len; } or NULL. */
static int pselect_sigmask(unsigned long u, ksigset_t *set, bool *has)
{
	struct pselect6_sigmask sm;

	*has = false;
	if (!u)
		return 0;
	if (copy_from_user(&sm, (const void __user *)u, sizeof(sm)))
		return -EFAULT;
	return sigmask_get(sm.ss, sm.ss_len, set, has);
}

static long do_select(const struct syscall_args *args, unsigned int n, struct poll_req *rq,
		      bool zero, bool has_mask, ksigset_t mask)
{
	size_t bytes = (n + BITS_PER_UL - 1) / BITS_PER_UL * sizeof(unsigned long);
	unsigned long *buf = kzalloc(4 * bytes + 1, __GFP_NOWARN);
	unsigned long *sets[3];
	long ret;

	rq->items = kzalloc((n ? n : 1) * sizeof(*rq->items), __GFP_NOWARN);
	if (!buf || !rq->items) {
		ret = -ENOMEM;
		goto out;
	}
	for (int k = 0; k < 3; k++)
		sets[k] = buf + k * (bytes / sizeof(unsigned long));
	ret = select_sets_in(args, sets, bytes);
	if (!ret)
		ret = select_items(rq, sets, n);
	if (!ret)
		ret = poll_wait_masked(rq, zero, has_mask, mask);
	poll_put_files(rq);
	if (ret >= 0) {
		long bits = 0;

		for (unsigned int i = 0; i < rq->n; i++)
			for (unsigned int k = 0; k < 3; k++)
				bits += (rq->items[i].pfd.revents >> k) & 1;
		ret = select_sets_out(args, rq, buf + 3 * (bytes / sizeof(unsigned long)), bytes);
		ret = ret ? ret : bits;
	}
out:
	kfree(buf);
	kfree(rq->items);
	return ret;
}

/* pselect6(int n, fd_set *in, fd_set *out, fd_set *ex, struct timespec *tmo, void *sigmask) */
long sys_pselect6(const struct syscall_args *args)
{
	long n = (long)(int)args->a[0];
	struct poll_req rq = { .select = true };
	bool zero, has_mask;
	ksigset_t mask;
	long ret;

	if (n < 0)
		return -EINVAL;
	if ((unsigned long)n > fd_limit())
		n = fd_limit();   /* Linux caps at the table's size: higher bits are ignored */
	ret = poll_deadline(args->a[4], &rq, &zero);
	if (!ret)
		ret = pselect_sigmask(args->a[5], &mask, &has_mask);
	if (ret)
		return ret;
	ret = do_select(args, (unsigned int)n, &rq, zero, has_mask, mask);
	poll_time_left(args->a[4], &rq, zero);
	return ret;
}
