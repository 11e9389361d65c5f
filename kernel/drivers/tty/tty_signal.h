/*
 * The tty layer's view of signals (private to kernel/drivers/tty/).
 *
 * A shim until the signals branch lands: it provides kill_pgrp() and
 * is_orphaned_pgrp() in <proc/signal.h>, signal dispositions and
 * -ERESTARTSYS. Then: tty_kill_pgrp -> kill_pgrp(pgrp, sig, 1),
 * tty_is_orphaned_pgrp -> is_orphaned_pgrp, tty_sig_ignored -> "current
 * ignores or blocks sig", TTY_ERESTARTSYS -> -ERESTARTSYS, and
 * tty_signal.c goes away.
 *
 * Until then (tty_signal.c): signals take the default actions kill.c
 * knows: SIGINT, SIGQUIT, SIGHUP terminate the group (process_kill);
 * SIGCONT and SIGWINCH are ignored; the stop signals (SIGTSTP, SIGTTIN,
 * SIGTTOU) cannot be delivered yet, so tty_sig_ignored() says they are
 * ignored and the callers take Linux's "ignored" branch (a background
 * read gets -EIO, a background write goes through).
 */
#ifndef TTY_SIGNAL_H
#define TTY_SIGNAL_H

#include <kernel/types.h>
#include <uapi/errno.h>

#define TTY_SIGHUP   1
#define TTY_SIGINT   2
#define TTY_SIGQUIT  3
#define TTY_SIGCONT  18
#define TTY_SIGTSTP  20
#define TTY_SIGTTIN  21
#define TTY_SIGTTOU  22
#define TTY_SIGWINCH 28

/* A blocked read/write interrupted by a signal (Linux: -ERESTARTSYS). */
#define TTY_ERESTARTSYS (-EINTR)

/* Send sig to every process of group pgrp (as the kernel: no permission check). Task context, no locks held. */
void tty_kill_pgrp(int pgrp, int sig);
/* Is group pgrp orphaned (no member has a parent in another group of the same session)? */
bool tty_is_orphaned_pgrp(int pgrp);
/* Does the current process ignore or block sig? */
bool tty_sig_ignored(int sig);
/* Does a process group pgrp exist, and in which session (0: none)? */
int tty_pgrp_session(int pgrp);

#endif /* TTY_SIGNAL_H */
