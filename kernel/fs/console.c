/*
 * The console as a file (chrdev 5:1): what fds 0, 1 and 2 of the first
 * process are, until the tty layer and its line discipline arrive.
 *
 * read:  blocks (uninterruptibly: there are no signals yet) until the
 *        UART has received a byte, then returns what has arrived, up to
 *        count, with CR turned into NL (ICRNL). No echo, no line editing:
 *        VMIN=1/VTIME=0 raw input, and TCGETS says exactly that.
 *        O_NONBLOCK: -EAGAIN when nothing is there.
 * write: console_write() (NL becomes CR NL, ONLCR).
 * ioctl: TCGETS (the termios above, 115200 8N1) and TIOCGWINSZ (80x24)
 *        so that isatty() is true; everything else -ENOTTY.
 * lseek: -ESPIPE (not FMODE_LSEEK).
 * Registered as chrdev 5:1 and 5:0 (console_chrdev_register, fs/chrdev.h).
 * poll:  always writable; readable when a byte has arrived. To know that
 *        without losing it, poll takes one byte from the UART into a
 *        one-byte look-ahead (peeked) that the next read returns first.
 *        Registers on the UART's rx wait queue (without one, asks the
 *        poller to re-poll on a timer).
 *
 * Locks: "console_peek_lock" (a spinlock) guards the look-ahead byte; the
 * UART driver's uart_lock is taken inside it (console_getc), and its rx
 * wait queue.
 */
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/poll.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <uapi/errno.h>
#include <uapi/termios.h>
#include <proc/signal.h>
#include <sched/task.h>

#include "internal.h"

#define CONSOLE_CHUNK 256

static struct spinlock console_peek_lock = SPINLOCK_INIT("console_peek_lock");
static int console_peeked = -1;   /* [console_peek_lock] a byte poll took from the UART, or -1 */

/* The next input byte: the look-ahead first, then the UART; -1 if none. */
static int console_next(void)
{
	int c;

	spin_lock(&console_peek_lock);
	c = console_peeked;
	console_peeked = -1;
	if (c < 0)
		c = console_getc();
	spin_unlock(&console_peek_lock);
	return c;
}

/* Is input there? Keeps the byte it finds in the look-ahead. */
static bool console_input_ready(void)
{
	bool ready;

	spin_lock(&console_peek_lock);
	if (console_peeked < 0)
		console_peeked = console_getc();
	ready = console_peeked >= 0;
	spin_unlock(&console_peek_lock);
	return ready;
}

/* Take what input is there, up to n bytes, CR -> NL. */
static size_t console_take(char *buf, size_t n)
{
	size_t got = 0;
	int c;

	while (got < n && (c = console_next()) >= 0)
		buf[got++] = c == '\r' ? '\n' : (char)c;
	return got;
}

/* Wait until at least one byte is there and take up to n; -ERESTARTSYS on a signal. */
static ssize_t console_wait_take(char *buf, size_t n)
{
	struct wait_queue_head *wq = console_rx_wait();
	size_t got = 0;

	for (;;) {
		if (wq && wait_event_interruptible(*wq, (got = console_take(buf, n)) > 0))
			return -ERESTARTSYS;
		if (!wq && (got = console_take(buf, n)) == 0) {
			if (signal_pending(current))
				return -ERESTARTSYS;
			msleep(10);   /* no receive interrupt: poll */
		}
		if (got)
			return (ssize_t)got;
	}
}

static ssize_t console_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	char buf[CONSOLE_CHUNK];
	size_t want = MIN(to->count, sizeof(buf)), got, done;

	if (!want)
		return 0;
	got = console_take(buf, want);
	if (!got) {
		ssize_t r;

		if (READ_ONCE(file->f_flags) & O_NONBLOCK)
			return -EAGAIN;
		r = console_wait_take(buf, want);
		if (r < 0)
			return r;
		got = (size_t)r;
	}
	done = copy_to_iter(buf, got, to);
	return done ? (ssize_t)done : -EFAULT;   /* bytes not copied are lost, as on a fault in Linux */
}

static ssize_t console_write_iter(struct file *file, struct iov_iter *from, loff_t *pos)
{
	char buf[CONSOLE_CHUNK];
	size_t done = 0;

	while (from->count) {
		size_t want = MIN(from->count, sizeof(buf));
		size_t n = copy_from_iter(buf, want, from);

		console_write(buf, n);
		done += n;
		if (n < want)
			return done ? (ssize_t)done : -EFAULT;
	}
	return (ssize_t)done;
}

static void console_termios(struct termios *t)
{
	memset(t, 0, sizeof(*t));
	t->c_iflag = ICRNL;
	t->c_oflag = OPOST | ONLCR;
	t->c_cflag = B115200 | CS8 | CREAD | CLOCAL;
	t->c_lflag = 0;   /* raw: no ICANON, no ECHO, no ISIG (no line discipline yet) */
	t->c_cc[VINTR] = 003;
	t->c_cc[VQUIT] = 034;
	t->c_cc[VERASE] = 0177;
	t->c_cc[VKILL] = 025;
	t->c_cc[VEOF] = 004;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
	t->c_cc[VSTART] = 021;
	t->c_cc[VSTOP] = 023;
	t->c_cc[VSUSP] = 032;
}

static long console_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct termios t;
	struct winsize ws = { .ws_row = 24, .ws_col = 80 };

	switch (cmd) {
	case TCGETS:
		console_termios(&t);
		return copy_to_user((void *)arg, &t, sizeof(t));
	case TIOCGWINSZ:
		return copy_to_user((void *)arg, &ws, sizeof(ws));
	default:
		return -ENOTTY;
	}
}

static unsigned int console_poll(struct file *file, struct poll_table *pt)
{
	struct wait_queue_head *wq = console_rx_wait();
	unsigned int mask = POLLOUT | POLLWRNORM;

	if (wq)
		poll_wait(file, wq, pt);
	else if (pt)
		pt->overflow = true;   /* no receive interrupt: re-poll on a timer */
	if (console_input_ready())
		mask |= POLLIN | POLLRDNORM;
	return mask;
}

const struct file_operations console_fops = {
	.poll = console_poll,
	.read = console_read,
	.write = console_write_iter,
	.ioctl = console_ioctl,
};

struct file *console_file_open(void)
{
	struct inode *inode = console_inode_get();
	struct file *f;

	if (!inode)
		return ERR_PTR(-ENODEV);
	f = file_alloc_open(inode, O_RDWR);
	iput(inode);
	return f;
}

/*
 * The console's device numbers: 5:1 (/dev/console) and 5:0 (/dev/tty,
 * the caller's controlling terminal, which is the console until the tty
 * layer gives processes terminals of their own).
 */
int console_chrdev_register(void)
{
	int err = register_chrdev_region(5, 0, 1, "/dev/tty", &console_fops);

	if (!err)
		err = register_chrdev_region(5, 1, 1, "/dev/console", &console_fops);
	return err;
}
