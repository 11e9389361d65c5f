/*
 * The tty core (interface in <tty/tty.h>): ttys as files, input from
 * drivers, blocking reads with VMIN/VTIME, writes, sessions and job
 * control.
 *
 * Devices: 5:1 /dev/console and 4:64 /dev/ttyS0 are the console tty;
 * 5:0 /dev/tty is the caller's controlling terminal (-ENXIO without one);
 * 5:2 /dev/ptmx and 136:N are pty masters and slaves (pty.c). Each open
 * takes an open count on the tty (under the lock that found it, so a pty
 * cannot be freed in between); the driver's first_open/last_close run on
 * 0 <-> 1. Opening a tty other than through /dev/console or /dev/tty, without
 * O_NOCTTY, makes it the controlling terminal of a session leader that
 * has none (if no session has it): Linux's rule. init takes the console
 * with TIOCSCTTY.
 *
 * Job control (Linux's n_tty_read / tty_check_change): a process whose
 * controlling terminal this is and whose group is not the foreground
 * group gets -EIO on read if it ignores or blocks SIGTTIN or its group
 * is orphaned, else SIGTTIN goes to its group and the read is restarted
 * (-ERESTARTSYS). With TOSTOP, writes (and always the termios-changing
 * ioctls) do the same with SIGTTOU, except that ignoring it lets the
 * write through.
 *
 * Locks: "tty_list_lock" (the list), then "tty_lock" of one tty (see
 * tty.h); signals are sent after both are dropped. A driver's kick and
 * unthrottle run with no tty_lock held.
 */
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/poll.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <tty/tty.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>

#include "tty_internal.h"
#include "tty_signal.h"

static struct spinlock tty_list_lock = SPINLOCK_INIT("tty_list_lock");
static LIST_HEAD(tty_list);   /* [tty_list_lock] */

/* ---------------------------------------------------------------- setup */

void tty_default_termios(struct termios *t)
{
	static const unsigned char cc[NCCS] = {
		[VINTR] = 003, [VQUIT] = 034, [VERASE] = 0177, [VKILL] = 025,
		[VEOF] = 004, [VTIME] = 0, [VMIN] = 1, [VSTART] = 021,
		[VSTOP] = 023, [VSUSP] = 032, [VREPRINT] = 022, [VDISCARD] = 017,
		[VWERASE] = 027, [VLNEXT] = 026,
	};

	memset(t, 0, sizeof(*t));
	t->c_iflag = ICRNL | IXON;
	t->c_oflag = OPOST | ONLCR;
	t->c_cflag = B38400 | CS8 | CREAD | HUPCL;
	t->c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	memcpy(t->c_cc, cc, sizeof(cc));
}

void tty_init(struct tty *tty, const char *name, const struct tty_operations *ops, void *data)
{
	tty->name = name;
	tty->ops = ops;
	tty->driver_data = data;
	INIT_LIST_HEAD(&tty->node);
	spin_lock_init(&tty->lock, "tty_lock");
	tty_default_termios(&tty->termios);
	tty->winsize = (struct winsize){ .ws_row = 24, .ws_col = 80 };
	wait_queue_head_init(&tty->read_wait, "tty_read_wait");
	wait_queue_head_init(&tty->write_wait, "tty_write_wait");
}

void tty_register(struct tty *tty)
{
	spin_lock(&tty_list_lock);
	list_add_tail(&tty->node, &tty_list);
	spin_unlock(&tty_list_lock);
}

void tty_unregister(struct tty *tty)
{
	spin_lock(&tty_list_lock);
	list_del_init(&tty->node);
	spin_unlock(&tty_list_lock);
}

/* The tty controlling session sid (tty_list_lock held), or NULL. */
static struct tty *__tty_of_session(int sid)
{
	struct tty *tty, *found = NULL;

	list_for_each_entry(tty, &tty_list, node) {
		spin_lock(&tty->lock);
		if (sid > 0 && tty->session == sid)
			found = tty;
		spin_unlock(&tty->lock);
		if (found)
			break;
	}
	return found;
}

bool tty_session_has_ctty(int sid)
{
	bool has;

	spin_lock(&tty_list_lock);
	has = __tty_of_session(sid) != NULL;
	spin_unlock(&tty_list_lock);
	return has;
}

/* Session sid's terminal with one more open count (for /dev/tty), or NULL. */
static struct tty *tty_open_ctty(int sid)
{
	struct tty *tty;

	spin_lock(&tty_list_lock);
	tty = __tty_of_session(sid);
	if (tty) {
		spin_lock(&tty->lock);
		tty->count++;
		spin_unlock(&tty->lock);
	}
	spin_unlock(&tty_list_lock);
	return tty;
}

bool tty_unregister_if_unused(struct tty *tty)
{
	bool unused;

	spin_lock(&tty_list_lock);
	spin_lock(&tty->lock);
	unused = tty->count == 0;
	spin_unlock(&tty->lock);
	if (unused && tty->link) {
		spin_lock(&tty->link->lock);
		unused = tty->link->count == 0;
		spin_unlock(&tty->link->lock);
	}
	if (unused) {
		list_del_init(&tty->node);
		if (tty->link)
			list_del_init(&tty->link->node);
	}
	spin_unlock(&tty_list_lock);
	return unused;
}

void tty_current_ids(int *pgrp, int *sid)
{
	struct process *p = current->proc;

	*pgrp = p ? READ_ONCE(p->pgid) : 0;
	*sid = p ? READ_ONCE(p->sid) : 0;
}

void tty_disassociate(struct tty *tty, int sid, bool cont)
{
	int pgrp;

	spin_lock(&tty->lock);
	if (tty->session != sid) {   /* changed hands meanwhile */
		spin_unlock(&tty->lock);
		return;
	}
	pgrp = tty->pgrp;
	tty->session = 0;
	tty->pgrp = 0;
	spin_unlock(&tty->lock);
	if (pgrp) {
		tty_kill_pgrp(pgrp, TTY_SIGHUP);
		if (cont)
			tty_kill_pgrp(pgrp, TTY_SIGCONT);
	}
}

void tty_session_leader_exit(int sid)
{
	struct tty *tty;
	int pgrp = 0;

	/* under the list lock: a pty may be freed as soon as it is dropped */
	spin_lock(&tty_list_lock);
	tty = __tty_of_session(sid);
	if (tty) {
		spin_lock(&tty->lock);
		pgrp = tty->pgrp;
		tty->session = 0;
		tty->pgrp = 0;
		spin_unlock(&tty->lock);
	}
	spin_unlock(&tty_list_lock);
	if (pgrp)
		tty_kill_pgrp(pgrp, TTY_SIGHUP);
}

/* ---------------------------------------------------------------- input */

void tty_receive(struct tty *tty, const char *buf, size_t n)
{
	u32 sigs;
	int pgrp;
	bool stopped;

	spin_lock(&tty->lock);
	n_tty_receive(tty, buf, n);
	sigs = tty->sigs;
	tty->sigs = 0;
	pgrp = tty->pgrp;
	stopped = tty->stopped;
	spin_unlock(&tty->lock);
	if (tty->ops->kick)
		tty->ops->kick(tty);   /* the echo, for a pty */
	wake_up_all(&tty->read_wait);
	if (!stopped)
		wake_up_all(&tty->write_wait);
	for (int sig = 1; sig < 32; sig++)
		if (sigs & (1u << sig))
			tty_kill_pgrp(pgrp, sig);
}

/* ---------------------------------------------------------------- reading */

/*
 * Has a non-canonical read of got bytes (termios t, n wanted) done? Linux's
 * four VMIN/VTIME cases: MIN 0 TIME 0 at once; MIN > 0 once MIN bytes (or
 * n) are there; TIME > 0 also ends on the timer (see tty_read_buf).
 */
static bool raw_read_done(const struct termios *t, size_t got, size_t n)
{
	size_t min = MIN((size_t)t->c_cc[VMIN], n);

	if (min == 0)
		return got > 0 || t->c_cc[VTIME] == 0;
	return got >= min;
}

/* Sleep on read_wait until input or timeout (ticks); true if the time ran out. */
static bool tty_wait_input(struct tty *tty, long timeout)
{
	struct wait_queue_entry w;
	long left = timeout;
	bool ready;

	wait_entry_init(&w);
	prepare_to_wait(&tty->read_wait, &w, TASK_INTERRUPTIBLE);
	spin_lock(&tty->lock);
	ready = n_tty_readable(tty) || tty->other_closed;
	spin_unlock(&tty->lock);
	if (!ready && !signal_pending(current))
		left = schedule_timeout(timeout);
	finish_wait(&tty->read_wait, &w);
	return !ready && left == 0;
}

ssize_t tty_read_buf(struct tty *tty, char *buf, size_t n, bool nonblock)
{
	size_t got = 0;
	bool expired = false;

	for (;;) {
		struct termios t;
		bool eof, timed, hup;
		size_t took;

		spin_lock(&tty->lock);
		took = n_tty_read(tty, buf + got, n - got, &eof);
		got += took;
		t = tty->termios;
		hup = tty->other_closed && !n_tty_readable(tty);
		spin_unlock(&tty->lock);
		if (took && tty->ops->unthrottle)
			tty->ops->unthrottle(tty);
		if (hup && !got && !eof)
			return tty->pty_master ? -EIO : 0;   /* Linux: the slave sees EOF, the master EIO */
		if (hup)
			return (ssize_t)got;
		if (t.c_lflag & ICANON) {
			if (got || eof)
				return (ssize_t)got;
		} else if (raw_read_done(&t, got, n) || expired) {
			return (ssize_t)got;
		}
		if (nonblock)
			return got ? (ssize_t)got : -EAGAIN;
		if (signal_pending(current))
			return got ? (ssize_t)got : TTY_ERESTARTSYS;
		timed = !(t.c_lflag & ICANON) && t.c_cc[VTIME] && (t.c_cc[VMIN] == 0 || got);
		expired = tty_wait_input(tty, timed ? (long)msecs_to_ticks(t.c_cc[VTIME] * 100u)
						    : MAX_SCHEDULE_TIMEOUT);
	}
}

unsigned int tty_input_available(struct tty *tty)
{
	u32 n;

	spin_lock(&tty->lock);
	n = n_tty_unread(tty);
	spin_unlock(&tty->lock);
	return n;
}

/* Job control for a read (see the file header): 0, -EIO or TTY_ERESTARTSYS. */
static int tty_check_read(struct tty *tty)
{
	int pgrp, sid, fg, session;

	tty_current_ids(&pgrp, &sid);
	spin_lock(&tty->lock);
	fg = tty->pgrp;
	session = tty->session;
	spin_unlock(&tty->lock);
	if (!sid || session != sid || !fg || pgrp == fg)
		return 0;
	if (tty_sig_ignored(TTY_SIGTTIN) || tty_is_orphaned_pgrp(pgrp))
		return -EIO;
	tty_kill_pgrp(pgrp, TTY_SIGTTIN);
	return TTY_ERESTARTSYS;
}

int tty_check_change(struct tty *tty)
{
	int pgrp, sid, fg, session;

	tty_current_ids(&pgrp, &sid);
	spin_lock(&tty->lock);
	fg = tty->pgrp;
	session = tty->session;
	spin_unlock(&tty->lock);
	if (!sid || session != sid || !fg || pgrp == fg)
		return 0;
	if (tty_sig_ignored(TTY_SIGTTOU))
		return 0;
	if (tty_is_orphaned_pgrp(pgrp))
		return -EIO;
	tty_kill_pgrp(pgrp, TTY_SIGTTOU);
	return TTY_ERESTARTSYS;
}

static ssize_t tty_file_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct tty *tty = file->private_data;
	size_t want = MIN(to->count, (size_t)N_TTY_BUF_SIZE);
	ssize_t n;
	char *buf;
	int err;

	(void)pos;
	if (!want)
		return 0;
	err = tty_check_read(tty);
	if (err)
		return err;
	buf = kmalloc(want, 0);
	if (!buf)
		return -ENOMEM;
	n = tty_read_buf(tty, buf, want, READ_ONCE(file->f_flags) & O_NONBLOCK);
	if (n > 0) {
		size_t done = copy_to_iter(buf, (size_t)n, to);

		n = done ? (ssize_t)done : -EFAULT;   /* bytes not copied are lost, as in Linux */
	}
	kfree(buf);
	return n;
}

/* ---------------------------------------------------------------- writing */

#define TTY_WRITE_CHUNK 256

/* Room to write n bytes now (tty_lock held): not stopped, and the driver takes them (ONLCR may double). */
static bool tty_can_write(struct tty *tty, size_t n)
{
	if (tty->stopped)
		return false;
	return !tty->ops->write_room || tty->ops->write_room(tty) >= 2 * n;
}

/*
 * Wait until n bytes may be written (tty_lock held on entry and return;
 * dropped while asleep). 0, -EAGAIN (nonblock), -EINTR or -EIO (the
 * other side of a pty closed).
 */
static int tty_wait_room(struct tty *tty, size_t n, bool nonblock)
{
	struct wait_queue_entry w;

	wait_entry_init(&w);
	for (;;) {
		if (tty->other_closed)
			return -EIO;
		if (tty_can_write(tty, n))
			return 0;
		if (nonblock)
			return -EAGAIN;
		prepare_to_wait(&tty->write_wait, &w, TASK_INTERRUPTIBLE);
		spin_unlock(&tty->lock);
		if (!signal_pending(current))
			schedule();
		finish_wait(&tty->write_wait, &w);
		spin_lock(&tty->lock);
		if (signal_pending(current))
			return -EINTR;
	}
}

#define TTY_ROOM_CHUNK 64   /* a driver with little room gets the output this many bytes at a time */

ssize_t tty_write_buf(struct tty *tty, const char *buf, size_t n, bool nonblock)
{
	size_t done = 0;
	int err = 0;

	while (done < n) {
		size_t part = tty->ops->write_room ? MIN(n - done, (size_t)TTY_ROOM_CHUNK) : n - done;

		spin_lock(&tty->lock);
		err = tty_wait_room(tty, part, nonblock);
		if (!err)
			n_tty_output(tty, buf + done, part);
		spin_unlock(&tty->lock);
		if (err)
			break;
		if (tty->ops->kick)
			tty->ops->kick(tty);
		done += part;
	}
	return done ? (ssize_t)done : err;
}

static ssize_t tty_file_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	struct tty *tty = file->private_data;
	char buf[TTY_WRITE_CHUNK];
	size_t done = 0;
	int err = 0;

	(void)pos;
	if (READ_ONCE(tty->termios.c_lflag) & TOSTOP)
		err = tty_check_change(tty);
	while (!err && from->count) {
		size_t want = MIN(from->count, sizeof(buf));
		size_t n = copy_from_iter(buf, want, from);
		ssize_t w = n ? tty_write_buf(tty, buf, n, READ_ONCE(file->f_flags) & O_NONBLOCK)
			      : -EFAULT;

		if (w < 0) {
			err = (int)w;
			break;
		}
		done += (size_t)w;
		if ((size_t)w < want)
			break;   /* interrupted, or a fault: report what went out */
	}
	return done ? (ssize_t)done : err;
}

/* ---------------------------------------------------------------- open, poll */

/* The tty a device number opens, with one more open count; ERR_PTR(-errno). */
static struct tty *tty_get_for_open(u32 dev)
{
	int pgrp, sid;
	struct tty *tty;

	if (dev == MKDEV(5, 0)) {
		tty_current_ids(&pgrp, &sid);
		tty = tty_open_ctty(sid);
		return tty ? tty : ERR_PTR(-ENXIO);
	}
	if (dev == MKDEV(5, 2))
		return pty_open_master();
	if (MAJOR(dev) == PTY_SLAVE_MAJOR)
		return pty_open_slave(MINOR(dev));
	return tty_console_open();
}

/* A session leader without a terminal opening a tty (not via 5:0/5:1, no O_NOCTTY) acquires it. */
static void tty_maybe_acquire(struct tty *tty, u32 dev, unsigned int flags)
{
	int pgrp, sid;

	if ((flags & O_NOCTTY) || dev == MKDEV(5, 0) || dev == MKDEV(5, 1) || tty->pty_master)
		return;
	tty_current_ids(&pgrp, &sid);
	if (!current->proc || sid != current->proc->tgid || tty_session_has_ctty(sid))
		return;
	spin_lock(&tty->lock);
	if (!tty->session) {
		tty->session = sid;
		tty->pgrp = pgrp;
	}
	spin_unlock(&tty->lock);
}

static int tty_open(struct inode *inode, struct file *file)
{
	struct tty *tty = tty_get_for_open(inode->i_rdev);
	bool first;

	if (IS_ERR(tty))
		return (int)PTR_ERR(tty);
	file->private_data = tty;
	spin_lock(&tty->lock);
	first = tty->count == 1;
	spin_unlock(&tty->lock);
	if (first && tty->ops->first_open)
		tty->ops->first_open(tty);
	tty_maybe_acquire(tty, inode->i_rdev, READ_ONCE(file->f_flags));
	return 0;
}

static void tty_release(struct inode *inode, struct file *file)
{
	struct tty *tty = file->private_data;
	bool last;

	(void)inode;
	spin_lock(&tty->lock);
	last = --tty->count == 0;
	spin_unlock(&tty->lock);
	if (last && tty->ops->last_close)
		tty->ops->last_close(tty);   /* may free tty */
}

static unsigned int tty_poll(struct file *file, struct poll_table *pt)
{
	struct tty *tty = file->private_data;
	unsigned int mask = 0;

	poll_wait(file, &tty->read_wait, pt);
	poll_wait(file, &tty->write_wait, pt);
	spin_lock(&tty->lock);
	if (n_tty_readable(tty))
		mask |= POLLIN | POLLRDNORM;
	if (tty->other_closed)
		mask |= POLLHUP;
	else if (tty_can_write(tty, 1))
		mask |= POLLOUT | POLLWRNORM;
	spin_unlock(&tty->lock);
	return mask;
}

const struct file_operations tty_fops = {
	.open = tty_open,
	.release = tty_release,
	.read = tty_file_read,
	.write = tty_file_write,
	.poll = tty_poll,
	.ioctl = tty_ioctl,
};

/* 5:0 /dev/tty, 5:1 /dev/console, 5:2 /dev/ptmx, 4:64 /dev/ttyS0, 136:N pty slaves (Linux's numbers). */
int tty_chrdev_register(void)
{
	int err = register_chrdev_region(5, 0, 1, "/dev/tty", &tty_fops);

	if (!err)
		err = register_chrdev_region(5, 1, 1, "/dev/console", &tty_fops);
	if (!err)
		err = register_chrdev_region(5, 2, 1, "/dev/ptmx", &tty_fops);
	if (!err)
		err = register_chrdev_region(4, 64, 1, "ttyS", &tty_fops);
	if (!err)
		err = register_chrdev_region(PTY_SLAVE_MAJOR, 0, PTY_MAX, "pts", &tty_fops);
	return err;
}
