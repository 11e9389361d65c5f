/* Shared between the signal files of kernel/proc/ only (signal*.c, kill.c, itimer.c). */
#ifndef PROC_SIGNAL_INTERNAL_H
#define PROC_SIGNAL_INTERNAL_H

#include <proc/signal.h>

struct process;
struct task;

/* The wait status of death by sig (the core flag for the core-dumping ones). */
int sig_exit_status(int sig);
/* p's action for sig (takes sighand_lock; SIG_DFL without a sighand). */
struct sigaction_u sighand_get(struct process *p, int sig);
/* Would ka throw sig away (SIG_IGN, or SIG_DFL whose default ignores or only continues)? */
bool sig_handler_ignores(const struct sigaction_u *ka, int sig);

/* Drop mask from p's shared set and every thread's (siglock held). */
void signal_flush_everywhere(struct process *p, ksigset_t mask);
/* Take the next signal not in blocked, thread set first, into *info; 0 if none (siglock held). */
int signal_dequeue(struct task *t, ksigset_t blocked, struct siginfo_k *info);
/* Make t notice a signal: wake an interruptible sleep, IPI a running thread. */
void signal_wake_up(struct task *t);
/* Wake threads able to take the shared signals in mask (siglock held). */
void signal_retarget(struct process *p, ksigset_t mask);
/* Set current's blocked mask (SIGKILL/SIGSTOP removed); takes siglock. */
void signal_set_blocked(ksigset_t mask);

/*
 * Group stop (signal_deliver.c). group_stop_leave: t no longer takes part
 * (exit); true if that completed the stop, the caller then notifies the
 * parent after dropping siglock. notify_parent_cldstop: SIGCHLD (unless
 * SA_NOCLDSTOP) and a wake-up of wait4 for CLD_STOPPED/CLD_CONTINUED;
 * takes tasklist_lock.
 */
bool group_stop_leave(struct process *p, struct task *t);
void notify_parent_cldstop(struct process *p, int why);

/* itimer.c: the ITIMER_REAL timer's set-up and teardown. */
void itimer_process_init(struct process *p);
void itimer_process_exit(struct process *p);

/* One signal to hand to a handler. */
struct ksignal {
	int sig;
	struct siginfo_k info;
	struct sigaction_u ka;
};

/*
 * signal_frame.c: write ks's frame below regs->sp (or on the alternate
 * stack) and point regs at the handler. 0, or -EFAULT (no room, no vDSO,
 * the stack cannot be written): the caller raises SIGSEGV.
 */
int setup_rt_frame(const struct ksignal *ks, struct pt_regs *regs);

/* sigaltstack: is sp on current's alternate stack? */
bool on_sig_stack(unsigned long sp);
/*
 * sigaltstack for current with the user sp: *oss (if not NULL) gets the
 * old one; ss (if not NULL) installs a new one. 0, -EPERM (on it now),
 * -EINVAL (bad flags), -ENOMEM (smaller than MINSIGSTKSZ).
 */
int do_sigaltstack(const struct sigaltstack_u *ss, struct sigaltstack_u *oss, unsigned long sp);
/* A frame for sig could not be built: SIGSEGV (SIGSEGV's own handler reset when sig is it). */
void force_sigsegv(int sig);

#endif
