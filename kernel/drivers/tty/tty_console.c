/*
 * The console tty: ttyS0, the 16550 UART under the line discipline
 * (/dev/console 5:1 and /dev/ttyS0 4:64 open it; interface in <tty/tty.h>).
 *
 * Output: the discipline's processed bytes go to the UART raw
 * (uart16550_tty_write); without a UART to the early console.
 * printk writes to the UART on its own (under log_lock, then uart_lock);
 * the two only meet at uart_lock, which both take last, so neither waits
 * for the other's lock and panic output (polled, lock-free) always gets
 * out.
 *
 * Input: the UART's receive interrupt fills its ring and wakes its rx
 * wait queue (console_rx_wait()); the "ttyS0" kernel thread drains the
 * ring into tty_receive() in task context (echo, editing, and the
 * signals of ^C ^\ ^Z are sent from there), like Linux's flip-buffer
 * work. It drains only while the console tty is open: before that (and
 * after the last close) the ring is left to console_getc(), which the
 * kernel monitor reads when no init runs.
 *
 * Locks: none of its own; console_attached is [a].
 */
#include <kernel/err.h>
#include <kernel/printk.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <sched/wait.h>
#include <tty/tty.h>

static struct tty console_tty;
static bool console_ready;      /* [I] after tty_console_init */
static bool console_attached;   /* [a] the console tty is open: its thread takes the input */

static void console_tty_write(struct tty *tty, const char *buf, size_t n)
{
	(void)tty;
	if (!uart16550_tty_write(buf, n))
		console_write(buf, n);
}

static void console_tty_drain(struct tty *tty)
{
	(void)tty;
	console_flush();
}

static void console_tty_first_open(struct tty *tty)
{
	(void)tty;
	tty_console_attach(true);
}

static void console_tty_last_close(struct tty *tty)
{
	(void)tty;
	tty_console_attach(false);
}

static const struct tty_operations console_tty_ops = {
	.write = console_tty_write,
	.drain = console_tty_drain,
	.first_open = console_tty_first_open,
	.last_close = console_tty_last_close,
};

struct tty *tty_console(void)
{
	return console_ready ? &console_tty : NULL;
}

struct tty *tty_console_open(void)
{
	if (!console_ready)
		return ERR_PTR(-ENODEV);
	spin_lock(&console_tty.lock);
	console_tty.count++;
	spin_unlock(&console_tty.lock);
	return &console_tty;
}

/* Take what the UART has (only while attached), up to n bytes. */
static size_t console_take(char *buf, size_t n)
{
	size_t got = 0;
	int c;

	while (got < n && READ_ONCE(console_attached) && (c = console_getc()) >= 0)
		buf[got++] = (char)c;
	return got;
}

static int console_rx_thread(void *arg)
{
	struct wait_queue_head *wq = arg;
	struct wait_queue_entry w;
	char buf[64];
	size_t n;

	wait_entry_init(&w);
	for (;;) {
		while ((n = console_take(buf, sizeof(buf))) > 0)
			tty_receive(&console_tty, buf, n);
		prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
		/* queued before looking: a byte or an attach after this wakes us */
		n = console_take(buf, sizeof(buf));
		if (!n)
			schedule();
		finish_wait(wq, &w);
		if (n)
			tty_receive(&console_tty, buf, n);
	}
	return 0;
}

void tty_console_attach(bool open)
{
	struct wait_queue_head *wq = console_rx_wait();

	WRITE_ONCE(console_attached, open);
	if (wq)
		wake_up_all(wq);
}

void tty_console_init(void)
{
	struct wait_queue_head *wq = console_rx_wait();
	struct task *t;

	tty_init(&console_tty, "ttyS0", &console_tty_ops, NULL);
	tty_register(&console_tty);
	console_ready = true;
	if (!wq) {
		pr_warn("tty: the console has no receive interrupt: no input\n");
		return;
	}
	t = kthread_run(console_rx_thread, wq, "ttyS0");
	if (IS_ERR(t)) {
		pr_err("tty: cannot start the console input thread\n");
		return;
	}
	task_put(t);
}
