/*
 * Terminals (kernel/drivers/tty/): a struct tty is one terminal, a driver
 * below it (the UART: tty_console.c) and the line discipline above it
 * (n_tty.c, Linux's N_TTY), seen by user space as a character device
 * (tty_io.c: /dev/console 5:1, /dev/tty 5:0, /dev/ttyS0 4:64).
 *
 * Data flow:
 *   input   driver -> tty_receive() -> n_tty_receive(): input flags
 *           (ICRNL, INLCR, IGNCR, ISTRIP), signal characters (ISIG),
 *           canonical editing (ICANON), echo (ECHO*) -> the read buffer,
 *           from which read(2) takes a line (canonical) or bytes (VMIN/VTIME).
 *   output  write(2) and echo -> n_tty_output(): OPOST processing (ONLCR,
 *           OCRNL, ONOCR, ONLRET, OLCUC, XTABS) -> ops->write.
 *
 * The discipline (n_tty.c) touches no hardware and does not sleep: a tty
 * whose ops->write appends to a buffer tests it (ktest_tty.c, and the host
 * unit test tests/unit/test_n_tty.c).
 *
 * Job control: a tty is the controlling terminal of at most one session
 * (session != 0) and has a foreground process group (pgrp). A process's
 * controlling terminal is the tty whose session is the process's session
 * (tty_session_has_ctty, and /dev/tty's open): no field in struct process.
 *
 * Locks (docs/locking.md): "tty_list_lock" (spin) guards the list of
 * ttys; "tty_lock" (spin, task context only, one per tty) the [L] fields;
 * pty.c's "pty_table_lock" comes before both.
 * tty_lock is taken inside tty_list_lock; under tty_lock: ops->write (the
 * UART's uart_lock), wake-ups, printk. Never held with tasklist_lock:
 * signals are sent after it is dropped.
 */
#ifndef TTY_TTY_H
#define TTY_TTY_H

#include <kernel/types.h>
#include <lib/list.h>
#include <locking/spinlock.h>
#include <sched/wait.h>
#include <uapi/termios.h>

struct tty;
struct file;

/*
 * A terminal driver. Methods marked [L] are called with tty_lock held and
 * must not sleep; the others without it, in task context. Only write is
 * required.
 *   write:       [L] send n bytes (already processed by OPOST) to the device.
 *   drain:       [L] wait (polling, no sleeping) until output has left.
 *   write_room:  [L] bytes the device takes now; NULL: unlimited. Writers
 *                wait on write_wait for room (the driver wakes it).
 *   kick:        after tty_lock was dropped by a writer or tty_receive:
 *                push what write queued (a pty delivers to its peer here).
 *   unthrottle:  a read took input: the sender may have room again.
 *   first_open:  the open count went from 0 to 1.
 *   last_close:  it went back to 0 (the tty may be freed in it: the
 *                caller does not touch tty afterwards).
 *   ioctl:       driver ioctls, tried first; -ENOIOCTLCMD if not one.
 */
struct tty_operations {
	void (*write)(struct tty *tty, const char *buf, size_t n);
	void (*drain)(struct tty *tty);
	unsigned int (*write_room)(struct tty *tty);
	void (*kick)(struct tty *tty);
	void (*unthrottle)(struct tty *tty);
	void (*first_open)(struct tty *tty);
	void (*last_close)(struct tty *tty);
	long (*ioctl)(struct tty *tty, struct file *file, unsigned int cmd, unsigned long arg);
};

#define ENOIOCTLCMD 515   /* kernel-internal: "not a driver ioctl" */

#define N_TTY_BUF_SIZE 4096   /* the read buffer: a power of two */
#define N_TTY_MARK_EOL 0x1    /* the byte ends a canonical line */
#define N_TTY_MARK_EOF 0x2    /* the byte is a VEOF: ends a line, is not read */

/*
 * The line discipline's state ([L]). Indices run free (u32, wrapping);
 * buf[i % N_TTY_BUF_SIZE]. [read_tail, canon_head): complete lines that
 * read(2) may take in canonical mode; [canon_head, read_head): the line
 * being edited. In non-canonical mode everything up to read_head is
 * readable and canon_head is unused.
 */
struct n_tty {
	u32 read_head, canon_head, read_tail;
	u32 canon_column;            /* the output column where the edited line began */
	bool lnext;                  /* VLNEXT seen: the next byte is literal */
	char buf[N_TTY_BUF_SIZE];
	u8 mark[N_TTY_BUF_SIZE];     /* N_TTY_MARK_* per byte */
};

struct tty {
	const char *name;                     /* [I] "ttyS0" */
	const struct tty_operations *ops;     /* [I] */
	void *driver_data;                    /* [I] */
	struct tty *link;                     /* [I] a pty's other side, or NULL */
	bool pty_master;                      /* [I] a pty master: its termios ioctls act on link */
	struct list_head node;                /* [tty_list_lock] in the list of ttys */

	struct spinlock lock;                 /* tty_lock: the [L] fields */
	struct termios termios;               /* [L] */
	struct winsize winsize;               /* [L] */
	int session;                          /* [L] the session it controls, 0: none */
	int pgrp;                             /* [L] foreground process group, 0: none */
	unsigned int count;                   /* [L] open files */
	u32 column;                           /* [L] output column (tabs, erase) */
	bool stopped;                         /* [L] output stopped by VSTOP (IXON) or TCOOFF */
	u32 sigs;                             /* [L] signals the discipline raised, sent after unlock */
	bool other_closed;                    /* [L] a pty whose other side is closed: reads end, writes -EIO */
	struct n_tty ldata;                   /* [L] */

	struct wait_queue_head read_wait;     /* input arrived (readers, pollers) */
	struct wait_queue_head write_wait;    /* output restarted (VSTART) */
};

/* ---------------------------------------------------------------- tty core (tty_io.c) */

/* Initialize tty (zeroed by the caller) with Linux's default termios, 24x80. Not registered. */
void tty_init(struct tty *tty, const char *name, const struct tty_operations *ops, void *data);
/* Linux's termios of a fresh serial console (ICRNL|IXON, OPOST|ONLCR, B38400|CS8|CREAD|HUPCL, ...). */
void tty_default_termios(struct termios *t);
/* Add tty to the list that /dev/tty and sessions search. */
void tty_register(struct tty *tty);
void tty_unregister(struct tty *tty);

/*
 * Input from the driver: n bytes through the line discipline (echo,
 * editing, signals to the foreground group). Task context; takes tty_lock,
 * sends signals after dropping it. Does not sleep otherwise.
 */
void tty_receive(struct tty *tty, const char *buf, size_t n);

/*
 * Read through the discipline into the kernel buffer buf (n > 0) as read(2)
 * does, without the job-control check: canonical (at most one line, 0 at
 * VEOF) or VMIN/VTIME. Blocks interruptibly unless nonblock. Bytes read,
 * 0, -EAGAIN (nonblock, nothing there) or -EINTR (a signal; becomes
 * -ERESTARTSYS with the signals branch). May sleep.
 */
ssize_t tty_read_buf(struct tty *tty, char *buf, size_t n, bool nonblock);
/*
 * Write n bytes through OPOST to the driver; waits while output is
 * stopped or the driver has no room. Bytes written (maybe fewer than n
 * when interrupted or nonblock), -EAGAIN, -EINTR, or -EIO (a pty whose
 * other side is closed). May sleep.
 */
ssize_t tty_write_buf(struct tty *tty, const char *buf, size_t n, bool nonblock);
/* The bytes read(2) could take now (FIONREAD). */
unsigned int tty_input_available(struct tty *tty);
/* Install t (TCSETS): the discipline reacts to ICANON changes; TCSETSF also flushes input. */
void tty_set_termios(struct tty *tty, const struct termios *t);

/*
 * Sessions. tty_session_has_ctty: does session sid have a controlling
 * terminal? tty_session_leader_exit: the leader of session sid has
 * exited: its terminal's foreground group gets SIGHUP and the terminal
 * belongs to no session. Called by the exit path (kernel/proc/exit.c)
 * without locks; may sleep.
 */
bool tty_session_has_ctty(int sid);
void tty_session_leader_exit(int sid);

/* The file operations of every terminal device (chrdev 5:0, 5:1, 5:2, 4:64, 136:N). */
extern const struct file_operations tty_fops;
/* Register the terminal devices' numbers (fs/chrdev.h, from chrdev_init). 0 or -errno. */
int tty_chrdev_register(void);

/*
 * For drivers whose ttys come and go (pty.c), with the driver's table lock
 * held: take tty (and link, if any) off the list if neither is open.
 * True if it did (then nothing can find or open them: free them).
 */
bool tty_unregister_if_unused(struct tty *tty);

/* ---------------------------------------------------------------- pseudo-terminals (pty.c) */

/*
 * Open /dev/ptmx: a new pair, its master returned with one open count
 * (the slave locked until TIOCSPTLCK 0). ERR_PTR(-ENOSPC/-ENOMEM).
 * pty_open_slave: the slave of pair index with one more open count, or
 * ERR_PTR(-ENXIO: none, -EIO: locked or its master closed).
 */
struct tty *pty_open_master(void);
struct tty *pty_open_slave(u32 index);
#define PTY_SLAVE_MAJOR 136
#define PTY_MAX 64

/* ---------------------------------------------------------------- the console (tty_console.c) */

/* The console tty (ttyS0 over the UART, or the early console), set up by tty_console_init(). */
struct tty *tty_console(void);
/* The console tty with one more open count, or ERR_PTR(-ENODEV). */
struct tty *tty_console_open(void);
/* Boot, after the UART: create the console tty and its receive thread. */
void tty_console_init(void);
/* The console file is open / no longer open: its thread takes UART input only while open. */
void tty_console_attach(bool open);
/* The UART's raw output for the console tty (uart16550.c); false if there is no UART. */
bool uart16550_tty_write(const char *s, size_t n);

/* ---------------------------------------------------------------- line discipline (n_tty.c) */

/*
 * All with tty_lock held; none sleeps. n_tty_receive may call ops->write
 * (echo) and set bits in tty->sigs (1u << signo). n_tty_read takes at
 * most n bytes of input into buf as described above (*eof: a canonical
 * read met VEOF). n_tty_output writes buf through OPOST.
 */
void n_tty_receive(struct tty *tty, const char *buf, size_t n);
size_t n_tty_read(struct tty *tty, char *buf, size_t n, bool *eof);
bool n_tty_readable(const struct tty *tty);
u32 n_tty_unread(const struct tty *tty);
void n_tty_output(struct tty *tty, const char *buf, size_t n);
void n_tty_flush_input(struct tty *tty);
/* termios changed from old to tty->termios: an ICANON change makes pending input a line or raw bytes. */
void n_tty_termios_changed(struct tty *tty, const struct termios *old);

#endif /* TTY_TTY_H */
