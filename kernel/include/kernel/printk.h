/*
 * printk: formatted kernel messages into the log ring buffer (read back by
 * dmesg) and, when important enough, onto the console.
 *
 * A message may start with a level, KERN_ERR "..." style; without one it
 * is KERN_INFO. It reaches the console when its level is below
 * console_loglevel (boot option loglevel=, default 7).
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <kernel/compiler.h>
#include <kernel/types.h>

#define KERN_SOH     "\001"
#define KERN_EMERG   KERN_SOH "0"
#define KERN_ALERT   KERN_SOH "1"
#define KERN_CRIT    KERN_SOH "2"
#define KERN_ERR     KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE  KERN_SOH "5"
#define KERN_INFO    KERN_SOH "6"
#define KERN_DEBUG   KERN_SOH "7"
#define KERN_CONT    KERN_SOH "c"

#define LOG_BUF_SIZE (64 * 1024)

extern int console_loglevel;

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);

#define pr_err(...)    printk(KERN_ERR __VA_ARGS__)
#define pr_warn(...)   printk(KERN_WARNING __VA_ARGS__)
#define pr_notice(...) printk(KERN_NOTICE __VA_ARGS__)
#define pr_info(...)   printk(KERN_INFO __VA_ARGS__)
#define pr_debug(...)  printk(KERN_DEBUG __VA_ARGS__)

/*
 * Console drivers. The early console (SBI putchar) is used until a real one
 * registers; panic output goes through ->write_panic, which must not take
 * locks and must not depend on interrupts.
 */
struct wait_queue_head;

struct console {
	const char *name;
	void (*write)(const char *s, size_t n);        /* may be called with irqs off; no sleep */
	void (*write_panic)(const char *s, size_t n);  /* polled, lock-free */
	int (*getc)(void);                             /* next input byte, -1 if none */
	void (*flush)(void);                           /* wait until output has left */
	struct wait_queue_head *rx_wait;               /* woken when input arrives; NULL: poll */
};

void console_register(const struct console *con);
void console_write_panic(const char *s, size_t n);
void printk_enter_panic(void);
int console_getc(void);
/* The wait queue woken when console input arrives, or NULL if the console has none. */
struct wait_queue_head *console_rx_wait(void);
/* Write straight to the console (not the log), \n -> \r\n; for the monitor. */
void console_write(const char *s, size_t n);
int console_printf(const char *fmt, ...) __printf(1, 2);
void console_flush(void);

/* Copy the oldest-to-newest log into buf; returns bytes copied (no NUL). */
size_t log_read_all(char *buf, size_t size);

#endif /* KERNEL_PRINTK_H */
