/*
 * epoll: epoll_create1(2), epoll_ctl(2), epoll_pwait(2), epoll_pwait2(2)
 * (interface in <fs/eventpoll.h>, <uapi/eventpoll.h>; docs/net.md).
 *
 * An epoll instance (struct eventpoll, the private data of an anonymous
 * file) holds one item (struct epitem) per watched (file, fd). Adding an
 * item polls the file with a poll table whose queue procedure hooks a
 * callback entry on each wait queue the file registers (at most
 * EP_MAX_PWQ); from then on every wake-up of those queues runs
 * ep_poll_callback(), which puts the item on the ready list and wakes
 * epoll_wait sleepers. Nothing keeps a reference on the watched file: its
 * last fput calls eventpoll_release(), which removes its items first.
 *
 * Collecting events (ep_send_events, under ep->mtx): the ready list is
 * taken whole (a "transfer" list, items marked in_tx); each item's file
 * is polled again for its current mask; an item with events is reported;
 * a level-triggered one goes back on the ready list (so the next wait
 * polls it again), an edge-triggered one does not, and a one-shot one is
 * disarmed (its event mask cleared until EPOLL_CTL_MOD). A wake-up that
 * comes while an item is on the transfer list marks it "woken" and it
 * goes back on the ready list afterwards, so no edge is lost.
 *
 * Locks (docs/locking.md): "epmutex" (global mutex) serialises adding
 * and removing items anywhere (epoll_ctl ADD/DEL, eventpoll_release, the
 * release of an epoll file), so the loop check can walk other sets and
 * a file's f_ep_links is stable; then "ep_mutex" (per instance) guards
 * the item list and the items' events/data, and is held while events are
 * collected (the files' ->poll and copies to user memory run under it);
 * "ep_lock" (spin, irqsave, per instance) guards the ready list and the
 * items' ready/in_tx/woken flags and is taken inside the watched files'
 * wait-queue locks (the callback); the callback wakes "ep_wq" (waiters)
 * and "ep_poll_wq" (pollers of the epoll file) after dropping it.
 */
#include <arch/barrier.h>
#include <fs/eventpoll.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/poll.h>
#include <kernel/clock.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <lib/list.h>
#include <locking/mutex.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <sched/wait.h>
#include <uapi/errno.h>
#include <uapi/eventpoll.h>
#include <uapi/fcntl.h>
#include <uapi/time.h>

#define EP_MAX_PWQ 2          /* wait queues one file may register (pipes, ttys: 2) */
#define EP_MAX_NESTS 4        /* epoll sets inside epoll sets (Linux's limit) */
#define EP_PRIVATE_BITS (EPOLLWAKEUP | EPOLLONESHOT | EPOLLET | EPOLLEXCLUSIVE)
#define SIGSET_SIZE 8

struct eventpoll {
	struct mutex mtx;               /* "ep_mutex" */
	struct list_head items;         /* [mtx] struct epitem */
	struct spinlock lock;           /* "ep_lock" */
	struct list_head rdllist;       /* [lock] ready items */
	struct wait_queue_head wq;      /* "ep_wq": epoll_wait sleepers */
	struct wait_queue_head poll_wq; /* "ep_poll_wq": pollers of the epoll file itself */
};

struct epitem;

struct eppoll_entry {
	struct wait_queue_entry wait;   /* a callback entry on whead */
	struct wait_queue_head *whead;  /* NULL: unused */
	struct epitem *epi;
};

struct epitem {
	struct list_head node;          /* [mtx] in ep->items */
	struct list_head rdlink;        /* [lock] in rdllist or a transfer list */
	struct list_head fllink;        /* [epmutex] in file->f_ep_links */
	bool ready;                     /* [lock] on rdllist or a transfer list */
	bool in_tx;                     /* [lock] on a transfer list */
	bool woken;                     /* [lock] woken while in_tx */
	bool overflow;                  /* [mtx] the file registered too many queues */
	struct eventpoll *ep;           /* [I] */
	struct file *file;              /* [I] not referenced (see above) */
	int fd;                         /* [I] */
	u32 events;                     /* [mtx; lockless in the callback] */
	u64 data;                       /* [mtx] */
	unsigned int npwq;              /* [mtx] */
	struct eppoll_entry pwq[EP_MAX_PWQ];
};

static struct mutex epmutex = MUTEX_INIT(epmutex, "epmutex");
static const struct file_operations eventpoll_fops;

static inline bool is_epoll_file(const struct file *f)
{
	return f->f_op == &eventpoll_fops;
}

/* ---------------------------------------------------------------- readiness */

/* Put epi on the ready list (ep->lock held); true if it was not there. */
static bool ep_mark_ready_locked(struct eventpoll *ep, struct epitem *epi)
{
	if (epi->in_tx) {
		epi->woken = true;
		return false;
	}
	if (epi->ready)
		return false;
	list_add_tail(&epi->rdlink, &ep->rdllist);
	epi->ready = true;
	return true;
}

static void ep_wake(struct eventpoll *ep)
{
	smp_mb();   /* the ready list before the look at the queues; pairs with prepare_to_wait */
	if (wait_queue_active(&ep->wq))
		wake_up_all(&ep->wq);
	if (wait_queue_active(&ep->poll_wq))
		wake_up_all(&ep->poll_wq);
}

/* A wake-up of a watched file's queue (its lock held, irqs off). */
static void ep_poll_callback(struct wait_queue_entry *w)
{
	struct epitem *epi = container_of(w, struct eppoll_entry, wait)->epi;
	struct eventpoll *ep = epi->ep;
	unsigned long irq;

	if (!(READ_ONCE(epi->events) & ~EP_PRIVATE_BITS))
		return;   /* a one-shot item that fired: disarmed until EPOLL_CTL_MOD */
	irq = spin_lock_irqsave(&ep->lock);
	ep_mark_ready_locked(ep, epi);
	spin_unlock_irqrestore(&ep->lock, irq);
	ep_wake(ep);
}

/* poll_wait() of a file being added: hook a callback entry on wq. */
static void ep_queue_proc(struct file *file, struct wait_queue_head *wq, struct poll_table *pt)
{
	struct epitem *epi = pt->priv;
	struct eppoll_entry *pwq;

	(void)file;
	if (epi->npwq >= EP_MAX_PWQ) {
		epi->overflow = true;
		return;
	}
	pwq = &epi->pwq[epi->npwq++];
	wait_entry_init_func(&pwq->wait, ep_poll_callback);
	pwq->whead = wq;
	pwq->epi = epi;
	add_wait_queue(wq, &pwq->wait);
}

static unsigned int ep_item_poll(struct epitem *epi, struct poll_table *pt)
{
	return vfs_poll(epi->file, pt, epi->events & ~EP_PRIVATE_BITS);
}

/* ---------------------------------------------------------------- items */

static struct epitem *ep_find(struct eventpoll *ep, struct file *f, int fd)
{
	struct epitem *epi;

	list_for_each_entry(epi, &ep->items, node)
		if (epi->file == f && epi->fd == fd)
			return epi;
	return NULL;
}

/* Take epi out of ep and free it. epmutex and ep->mtx held. */
static void ep_remove(struct eventpoll *ep, struct epitem *epi)
{
	unsigned long irq;

	for (unsigned int i = 0; i < epi->npwq; i++)
		remove_wait_queue(epi->pwq[i].whead, &epi->pwq[i].wait);
	smp_mb();   /* off the file's queues before off its list: pairs with eventpoll_release */
	list_del_init(&epi->fllink);
	list_del(&epi->node);
	irq = spin_lock_irqsave(&ep->lock);
	if (epi->ready)
		list_del_init(&epi->rdlink);
	spin_unlock_irqrestore(&ep->lock, irq);
	kfree(epi);
}

/*
 * Would adding target (an epoll file) to ep make a loop, or nest deeper
 * than EP_MAX_NESTS? epmutex held (no set changes meanwhile).
 */
static bool ep_loop_check(struct eventpoll *ep, struct eventpoll *target, int depth)
{
	struct epitem *epi;

	if (target == ep || depth > EP_MAX_NESTS)
		return true;
	list_for_each_entry(epi, &target->items, node)
		if (is_epoll_file(epi->file) &&
		    ep_loop_check(ep, epi->file->private_data, depth + 1))
			return true;
	return false;
}

/* EPOLL_CTL_ADD: epmutex and ep->mtx held. */
static int ep_insert(struct eventpoll *ep, const struct epoll_event *ev, struct file *f, int fd)
{
	struct epitem *epi = kzalloc(sizeof(*epi), 0);
	struct poll_table pt = { .qproc = ep_queue_proc };
	unsigned int revents;
	unsigned long irq;

	if (!epi)
		return -ENOMEM;
	INIT_LIST_HEAD(&epi->rdlink);
	INIT_LIST_HEAD(&epi->fllink);
	epi->ep = ep;
	epi->file = f;
	epi->fd = fd;
	epi->events = ev->events & ~EPOLLWAKEUP;
	epi->data = ev->data;
	pt.priv = epi;
	revents = ep_item_poll(epi, &pt);
	if (epi->overflow) {
		for (unsigned int i = 0; i < epi->npwq; i++)
			remove_wait_queue(epi->pwq[i].whead, &epi->pwq[i].wait);
		kfree(epi);
		return -ENOMEM;
	}
	list_add_tail(&epi->node, &ep->items);
	list_add_tail(&epi->fllink, &f->f_ep_links);
	if (revents) {
		irq = spin_lock_irqsave(&ep->lock);
		ep_mark_ready_locked(ep, epi);
		spin_unlock_irqrestore(&ep->lock, irq);
		ep_wake(ep);
	}
	return 0;
}

/* EPOLL_CTL_MOD: new events and data; re-arms a one-shot item. ep->mtx held. */
static int ep_modify(struct eventpoll *ep, struct epitem *epi, const struct epoll_event *ev)
{
	unsigned long irq;

	WRITE_ONCE(epi->events, ev->events & ~EPOLLWAKEUP);
	epi->data = ev->data;
	smp_mb();   /* the new mask before the poll: a callback after it sees the mask */
	if (ep_item_poll(epi, NULL)) {
		irq = spin_lock_irqsave(&ep->lock);
		ep_mark_ready_locked(ep, epi);
		spin_unlock_irqrestore(&ep->lock, irq);
		ep_wake(ep);
	}
	return 0;
}

void eventpoll_release(struct file *f)
{
	struct epitem *epi;
	struct eventpoll *ep;

	/* acquire: pairs with the barrier in ep_remove before the unlink */
	if (__atomic_load_n(&f->f_ep_links.next, __ATOMIC_ACQUIRE) == &f->f_ep_links)
		return;
	mutex_lock(&epmutex);
	while (!list_empty(&f->f_ep_links)) {
		epi = list_first_entry(&f->f_ep_links, struct epitem, fllink);
		ep = epi->ep;
		mutex_lock(&ep->mtx);
		ep_remove(ep, epi);
		mutex_unlock(&ep->mtx);
	}
	mutex_unlock(&epmutex);
}

/* ---------------------------------------------------------------- collecting events */

/* Put the unvisited rest of tx back at the head of the ready list. ep->lock held. */
static void ep_tx_restore_locked(struct eventpoll *ep, struct list_head *tx)
{
	struct epitem *epi;

	list_for_each_entry(epi, tx, rdlink) {
		epi->in_tx = false;
		epi->woken = false;
	}
	list_splice_init(tx, &ep->rdllist);
}

/* Done with epi from tx: back on the ready list if requeue or woken meanwhile. */
static void ep_tx_done(struct eventpoll *ep, struct epitem *epi, bool requeue)
{
	unsigned long irq = spin_lock_irqsave(&ep->lock);

	list_del_init(&epi->rdlink);
	epi->in_tx = false;
	epi->ready = requeue || epi->woken;
	epi->woken = false;
	if (epi->ready)
		list_add_tail(&epi->rdlink, &ep->rdllist);
	spin_unlock_irqrestore(&ep->lock, irq);
}

/*
 * Report up to max ready items into the user array. The number reported,
 * or -EFAULT if none could be written. Takes ep->mtx. May sleep.
 */
static long ep_send_events(struct eventpoll *ep, unsigned long uevents, int max)
{
	struct epitem *epi, *next;
	LIST_HEAD(tx);
	unsigned long irq;
	long n = 0, err = 0;

	mutex_lock(&ep->mtx);
	irq = spin_lock_irqsave(&ep->lock);
	list_splice_init(&ep->rdllist, &tx);
	list_for_each_entry(epi, &tx, rdlink)
		epi->in_tx = true;
	spin_unlock_irqrestore(&ep->lock, irq);
	list_for_each_entry_safe(epi, next, &tx, rdlink) {
		unsigned int revents;
		bool requeue = false;

		if (n >= max)
			break;
		revents = ep_item_poll(epi, NULL);
		if (revents) {
			struct epoll_event ev = { .events = revents, .data = epi->data };

			if (copy_to_user((void __user *)(uevents + (unsigned long)n * sizeof(ev)), &ev,
					 sizeof(ev))) {
				err = -EFAULT;
				break;
			}
			n++;
			if (epi->events & EPOLLONESHOT)
				WRITE_ONCE(epi->events, epi->events & EP_PRIVATE_BITS);
			else if (!(epi->events & EPOLLET))
				requeue = true;   /* level-triggered: look again next time */
		}
		ep_tx_done(ep, epi, requeue);
	}
	irq = spin_lock_irqsave(&ep->lock);
	ep_tx_restore_locked(ep, &tx);
	spin_unlock_irqrestore(&ep->lock, irq);
	mutex_unlock(&ep->mtx);
	return n ? n : err;
}

static bool ep_events_available(struct eventpoll *ep)
{
	unsigned long irq = spin_lock_irqsave(&ep->lock);
	bool avail = !list_empty(&ep->rdllist);

	spin_unlock_irqrestore(&ep->lock, irq);
	return avail;
}

/*
 * epoll_wait's loop: collect; if nothing, sleep until a callback, the
 * deadline (0: none; zero: do not wait) or a signal (-EINTR: epoll never
 * restarts, as Linux). Returns the events reported or -errno.
 */
static long ep_poll(struct eventpoll *ep, unsigned long uevents, int max, bool zero, u64 deadline)
{
	struct wait_queue_entry w;
	long n;

	for (;;) {
		n = ep_send_events(ep, uevents, max);
		if (n || zero)
			return n;
		wait_entry_init(&w);
		prepare_to_wait(&ep->wq, &w, TASK_INTERRUPTIBLE);
		if (!ep_events_available(ep)) {
			if (signal_pending(current)) {
				finish_wait(&ep->wq, &w);
				return -EINTR;
			}
			if (deadline && ktime_get_ns() >= deadline) {
				finish_wait(&ep->wq, &w);
				return 0;
			}
			if (deadline)
				schedule_until(deadline);
			else
				schedule();
		}
		finish_wait(&ep->wq, &w);
	}
}

/* ---------------------------------------------------------------- the epoll file */

static unsigned int ep_eventpoll_poll(struct file *f, struct poll_table *pt)
{
	struct eventpoll *ep = f->private_data;

	poll_wait(f, &ep->poll_wq, pt);
	return ep_events_available(ep) ? POLLIN | POLLRDNORM : 0;
}

static void ep_eventpoll_release(struct inode *inode, struct file *f)
{
	struct eventpoll *ep = f->private_data;
	struct epitem *epi, *next;

	(void)inode;
	mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	list_for_each_entry_safe(epi, next, &ep->items, node)
		ep_remove(ep, epi);
	mutex_unlock(&ep->mtx);
	mutex_unlock(&epmutex);
	kfree(ep);
}

static const struct file_operations eventpoll_fops = {
	.release = ep_eventpoll_release,
	.poll = ep_eventpoll_poll,
};

static void epfs_destroy_inode(struct inode *inode)
{
	kfree(inode);
}

static const struct super_operations epfs_sops = {
	.destroy_inode = epfs_destroy_inode,
};

static struct file_system_type epfs_type = {
	.name = "anon_inode",   /* internal: /proc/<pid>/fd shows anon_inode:[N] */
};

static struct super_block epfs_sb = {
	.s_type = &epfs_type,
	.s_dev = MKDEV(0, 9),
	.s_op = &epfs_sops,
	.s_next_ino = 1,
};

/* A new epoll file; ERR_PTR(-ENOMEM). */
static struct file *ep_file_create(void)
{
	struct eventpoll *ep = kzalloc(sizeof(*ep), 0);
	struct inode *inode = kzalloc(sizeof(*inode), 0);
	struct file *f;

	if (!ep || !inode) {
		kfree(ep);
		kfree(inode);
		return ERR_PTR(-ENOMEM);
	}
	mutex_init(&ep->mtx, "ep_mutex");
	INIT_LIST_HEAD(&ep->items);
	spin_lock_init(&ep->lock, "ep_lock");
	INIT_LIST_HEAD(&ep->rdllist);
	wait_queue_head_init(&ep->wq, "ep_wq");
	wait_queue_head_init(&ep->poll_wq, "ep_poll_wq");
	inode_init(inode, &epfs_sb, 0600);   /* no type bits, as Linux's anonymous inodes */
	inode->i_fop = &eventpoll_fops;
	f = file_alloc_open(inode, O_RDWR);
	iput(inode);   /* the file holds it */
	if (IS_ERR(f)) {
		kfree(ep);
		return f;
	}
	f->private_data = ep;
	return f;
}

/* ---------------------------------------------------------------- system calls */

/* epoll_create1(int flags) */
long sys_epoll_create1(const struct syscall_args *args)
{
	int flags = (int)args->a[0], fd;
	struct file *f;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	f = ep_file_create();
	if (IS_ERR(f))
		return PTR_ERR(f);
	fd = fd_install(f, flags & EPOLL_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

/* The checks of epoll_ctl that need no lock. 0 or -errno. */
static int ep_ctl_check(struct file *epf, struct file *f, int op, const struct epoll_event *ev)
{
	if (!is_epoll_file(epf) || epf == f)
		return -EINVAL;
	if (!f->f_op || !f->f_op->poll)
		return -EPERM;   /* regular files and directories, as Linux */
	if (op != EPOLL_CTL_ADD && op != EPOLL_CTL_MOD && op != EPOLL_CTL_DEL)
		return -EINVAL;
	if (op != EPOLL_CTL_DEL && (ev->events & EPOLLEXCLUSIVE) &&
	    (op == EPOLL_CTL_MOD || is_epoll_file(f) ||
	     (ev->events & ~(EPOLLEXCLUSIVE | EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP |
			     EPOLLWAKEUP | EPOLLET | EPOLLRDHUP | EPOLLRDNORM | EPOLLWRNORM |
			     EPOLLPRI))))
		return -EINVAL;
	return 0;
}

static int ep_ctl(struct eventpoll *ep, int op, struct file *f, int fd, const struct epoll_event *ev)
{
	bool global = op != EPOLL_CTL_MOD;
	struct epitem *epi;
	int err = 0;

	if (global)
		mutex_lock(&epmutex);
	mutex_lock(&ep->mtx);
	epi = ep_find(ep, f, fd);
	if (op == EPOLL_CTL_ADD) {
		if (epi)
			err = -EEXIST;
		else if (is_epoll_file(f) && ep_loop_check(ep, f->private_data, 1))
			err = -ELOOP;
		else
			err = ep_insert(ep, ev, f, fd);
	} else if (!epi) {
		err = -ENOENT;
	} else if (op == EPOLL_CTL_DEL) {
		ep_remove(ep, epi);
	} else {
		err = ep_modify(ep, epi, ev);
	}
	mutex_unlock(&ep->mtx);
	if (global)
		mutex_unlock(&epmutex);
	return err;
}

/* epoll_ctl(int epfd, int op, int fd, struct epoll_event *event) */
long sys_epoll_ctl(const struct syscall_args *args)
{
	int op = (int)args->a[1], fd = (int)args->a[2];
	struct epoll_event ev = { 0 };
	struct file *epf, *f;
	long err;

	if (op != EPOLL_CTL_DEL &&
	    copy_from_user(&ev, (const void __user *)args->a[3], sizeof(ev)))
		return -EFAULT;
	epf = fget((int)args->a[0]);
	if (!epf)
		return -EBADF;
	f = fget(fd);
	if (!f) {
		fput(epf);
		return -EBADF;
	}
	err = ep_ctl_check(epf, f, op, &ev);
	if (!err)
		err = ep_ctl(epf->private_data, op, f, fd, &ev);
	fput(f);
	fput(epf);
	return err;
}

/* The common part of epoll_pwait/epoll_pwait2 (deadline 0: none). */
static long do_epoll_wait(const struct syscall_args *args, bool zero, u64 deadline)
{
	int max = (int)args->a[2];
	unsigned long uevents = args->a[1], umask = args->a[4];
	ksigset_t mask;
	struct file *f;
	long ret;

	if (max <= 0 || max > (int)EP_MAX_EVENTS)
		return -EINVAL;
	if (!access_ok((void __user *)uevents, (size_t)max * sizeof(struct epoll_event)))
		return -EFAULT;
	if (umask && args->a[5] != SIGSET_SIZE)
		return -EINVAL;
	if (umask && copy_from_user(&mask, (const void __user *)umask, sizeof(mask)))
		return -EFAULT;
	f = fget((int)args->a[0]);
	if (!f)
		return -EBADF;
	if (!is_epoll_file(f)) {
		fput(f);
		return -EINVAL;
	}
	if (umask)
		signal_mask_for_wait(mask);
	ret = ep_poll(f->private_data, uevents, max, zero, deadline);
	if (umask)
		signal_mask_after_wait(ret == -EINTR);
	fput(f);
	return ret;
}

/* epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout_ms, const sigset_t *mask, size_t size) */
long sys_epoll_pwait(const struct syscall_args *args)
{
	int ms = (int)args->a[3];

	return do_epoll_wait(args, ms == 0, ms > 0 ? ktime_get_ns() + (u64)ms * 1000000ull : 0);
}

/* epoll_pwait2(int epfd, struct epoll_event *events, int maxevents, const struct timespec *timeout, const sigset_t *mask, size_t size) */
long sys_epoll_pwait2(const struct syscall_args *args)
{
	struct __kernel_timespec ts;
	u64 ns;

	if (!args->a[3])
		return do_epoll_wait(args, false, 0);
	if (copy_from_user(&ts, (const void __user *)args->a[3], sizeof(ts)))
		return -EFAULT;
	if (timespec_to_ns(&ts, &ns))
		return -EINVAL;
	return do_epoll_wait(args, ns == 0, ns ? ktime_get_ns() + ns : 0);
}
