/*
 * printk: the kernel log.
 *
 * Every message goes into a ring buffer (LOG_BUF_SIZE bytes, oldest bytes
 * overwritten) with a "[seconds.micros] " stamp at the start of each line,
 * and to the console when its level is below console_loglevel. One lock,
 * log_lock (irqsave; docs/locking.md), covers the ring and the console
 * write, so lines from different harts never interleave.
 *
 * The console is SBI putchar until a driver registers (the UART). During a
 * panic only the panicking hart prints, without taking any lock (a stopped
 * hart may hold it), through the console's polled ->write_panic.
 */
#include <arch/sbi.h>
#include <kernel/clock.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <locking/spinlock.h>

int console_loglevel = 7;

static struct spinlock log_lock = SPINLOCK_INIT("log_lock");
static char log_buf[LOG_BUF_SIZE];     /* [log_lock] */
static u64 log_pos;                    /* [log_lock] bytes ever appended */
static bool log_line_start = true;     /* [log_lock] */
static const struct console *console;  /* [log_lock] NULL: SBI early console */
static int panic_cpu = -1;             /* [a] set once by printk_enter_panic */

static void sbi_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sbi_console_putchar(s[i]);
}

/* Write to the console, turning "\n" into "\r\n". */
static void console_emit(const char *s, size_t n, bool panicking)
{
	void (*write)(const char *, size_t) = sbi_write;

	if (console)
		write = panicking ? console->write_panic : console->write;
	while (n) {
		const char *nl = memchr(s, '\n', n);
		size_t len = nl ? (size_t)(nl - s) : n;
		if (len)
			write(s, len);
		if (!nl)
			break;
		write("\r\n", 2);
		s += len + 1;
		n -= len + 1;
	}
}

static void log_append(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_pos + i) % LOG_BUF_SIZE] = s[i];
	log_pos += n;
}

/* Parse a KERN_* prefix; returns the level (default 6) and skips it. */
static int printk_level(const char **fmt, bool *cont)
{
	const char *f = *fmt;

	*cont = false;
	if (f[0] != KERN_SOH[0] || !f[1])
		return 6;
	*fmt = f + 2;
	if (f[1] == 'c') {
		*cont = true;
		return 6;
	}
	return (f[1] >= '0' && f[1] <= '7') ? f[1] - '0' : 6;
}

static void log_emit(const char *msg, size_t n, int level, bool panicking)
{
	char stamp[32];
	size_t sn = 0;

	if (log_line_start) {
		u64 ns = ktime_get_ns();
		sn = scnprintf(stamp, sizeof(stamp), "[%5llu.%06llu] ",
			       (unsigned long long)(ns / NSEC_PER_SEC),
			       (unsigned long long)(ns % NSEC_PER_SEC / 1000));
		log_append(stamp, sn);
	}
	log_append(msg, n);
	log_line_start = n && msg[n - 1] == '\n';

	bool show = level < console_loglevel;
	if (panic_cpu >= 0 && !panicking)
		show = false;   /* another hart owns the console while it panics */
	if (show) {
		console_emit(stamp, sn, panicking);
		console_emit(msg, n, panicking);
	}
}

int vprintk(const char *fmt, va_list ap)
{
	char msg[512];
	bool cont;
	int level = printk_level(&fmt, &cont);
	size_t n = vscnprintf(msg, sizeof(msg), fmt, ap);
	bool panicking = READ_ONCE(panic_cpu) >= 0 &&
			 READ_ONCE(panic_cpu) == (int)smp_processor_id();

	if (panicking) {
		log_emit(msg, n, level, true);
		return (int)n;
	}
	unsigned long flags = spin_lock_irqsave(&log_lock);
	log_emit(msg, n, level, false);
	spin_unlock_irqrestore(&log_lock, flags);
	return (int)n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void console_register(const struct console *con)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);
	console = con;
	spin_unlock_irqrestore(&log_lock, flags);
}

/* From now on only this hart prints, lock-free (panic.c calls it once). */
void printk_enter_panic(void)
{
	WRITE_ONCE(panic_cpu, (int)smp_processor_id());
}

void console_write(const char *s, size_t n)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);
	if (panic_cpu < 0)
		console_emit(s, n, false);
	spin_unlock_irqrestore(&log_lock, flags);
}

int console_printf(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	size_t n = vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	console_write(buf, n);
	return (int)n;
}

int console_getc(void)
{
	const struct console *con = READ_ONCE(console);
	return con && con->getc ? con->getc() : -1;
}

struct wait_queue_head *console_rx_wait(void)
{
	const struct console *con = READ_ONCE(console);
	return con ? con->rx_wait : NULL;
}

void console_flush(void)
{
	const struct console *con = READ_ONCE(console);
	if (con && con->flush)
		con->flush();
}

void console_write_panic(const char *s, size_t n)
{
	console_emit(s, n, true);
}

size_t log_read_all(char *buf, size_t size)
{
	unsigned long flags = spin_lock_irqsave(&log_lock);
	u64 avail = log_pos < LOG_BUF_SIZE ? log_pos : LOG_BUF_SIZE;
	u64 start = log_pos - avail;
	size_t n = avail < size ? avail : size;

	/* Keep the newest n bytes when buf is smaller than the log. */
	start += avail - n;
	for (size_t i = 0; i < n; i++)
		buf[i] = log_buf[(start + i) % LOG_BUF_SIZE];
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}
