/* Shared between the files of kernel/drivers/tty/ only. */
#ifndef TTY_INTERNAL_H
#define TTY_INTERNAL_H

#include <tty/tty.h>

/*
 * Job control for an operation that changes the terminal or writes to
 * it with TOSTOP (Linux's tty_check_change): 0 if the caller may go on
 * (not its controlling tty, in the foreground group, or SIGTTOU ignored),
 * -EIO (an orphaned group), or TTY_ERESTARTSYS after SIGTTOU went to the
 * caller's group. Takes tty_lock. May sleep (the signal).
 */
int tty_check_change(struct tty *tty);

/* The current process's group and session (0, 0 for a kernel thread). */
void tty_current_ids(int *pgrp, int *sid);

/*
 * Session sid gives up tty (its leader exits, or TIOCNOTTY): the
 * foreground group gets SIGHUP (and SIGCONT if cont); the tty belongs to
 * no session. Nothing if tty is not sid's. Takes tty_lock; may sleep.
 */
void tty_disassociate(struct tty *tty, int sid, bool cont);

/* The ioctls (tty_ioctl.c): ->ioctl of tty_fops. */
long tty_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

#endif /* TTY_INTERNAL_H */
