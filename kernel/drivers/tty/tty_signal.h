/*
 * The tty layer's view of signals (private to kernel/drivers/tty/).
 *
 * Thin wrappers over the signal code (<proc/signal.h>, docs/signals.md):
 * the tty sends SIGINT/SIGQUIT/SIGTSTP/SIGHUP/SIGWINCH/SIGTTIN/SIGTTOU to
 * process groups as the kernel (no permission check), asks whether a
 * group is orphaned, and whether the caller ignores or blocks a signal
 * (Linux's rule for background reads and TOSTOP writes).
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

/* A blocked read/write interrupted by a signal: restarted under SA_RESTART. */
#define TTY_ERESTARTSYS (-ERESTARTSYS)

/* Send sig to every process of group pgrp (as the kernel: no permission check). Task context, no locks held. */
void tty_kill_pgrp(int pgrp, int sig);
/* Is group pgrp orphaned (no member has a parent in another group of the same session)? */
bool tty_is_orphaned_pgrp(int pgrp);
/* Does the current process ignore or block sig? */
bool tty_sig_ignored(int sig);
/* Does a process group pgrp exist, and in which session (0: none)? */
int tty_pgrp_session(int pgrp);

#endif /* TTY_SIGNAL_H */
