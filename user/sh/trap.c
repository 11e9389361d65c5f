/*
 * trap.c: signal names and the trap builtin.
 *
 *   sig_number(s) / sig_name(n)  "TERM", "SIGTERM", "15" <-> 15
 *   builtin_trap                 trap [-lp] ['CMDS' | '' | - | N] [COND...]
 *   traps_init()                 at start: note what was ignored on entry
 *   traps_run()                  run the actions of signals caught since
 *                                the last call (the "safe points": after
 *                                every command, before every top-level one)
 *   trap_pending()               a caught signal waits for its action
 *   trap_run_exit(status)        the EXIT trap, once (sh_exit calls it)
 *   traps_subshell()             in a forked child: caught traps -> default
 *                                (still listed until its first trap command)
 *   trap_ignored(sig)            trap '' SIG is in force
 *
 * A trapped signal's C handler only sets pending[sig]; its commands run
 * at the next safe point, with $? saved and restored around them (POSIX).
 * Handlers are installed with SA_RESTART, so no system call of the shell
 * sees EINTR from them; the wait builtin instead sleeps in sigsuspend with
 * the trapped signals blocked (jobs.c), which makes "a trapped signal
 * interrupts wait" race-free.
 *
 * Interactive shells ignore QUIT TERM TSTP TTIN TTOU themselves and catch
 * INT (on_sigint): `trap - SIG` gives those back to the shell's own way (children
 * get SIG_DFL through child_reset_signals). A non-interactive shell
 * cannot trap or reset a signal that was ignored when it started (POSIX;
 * the request is silently dropped, as bash and dash do).
 *
 * No locks: the shell is one thread; the handler touches only the
 * sig_atomic_t flags.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sh.h"
#include "ulib.h"

#define NSIGS 64

static char *action[NSIGS + 1];                 /* [0]: EXIT; NULL: default, "": ignore */
/* In a subshell, until its first trap command: the parent's caught traps,
 * for the listing only (so that saved=$(trap) works, as POSIX wants). */
static char *inherited[NSIGS + 1];
static volatile sig_atomic_t pending[NSIGS + 1];
static volatile sig_atomic_t any_pending;
static unsigned char entry_ignored[NSIGS + 1];
static int running;                             /* inside traps_run */
static volatile sig_atomic_t got_sigint;        /* interactive, untrapped ^C */

static int install(int sig);

static const char *const names[] = {
	[SIGHUP] = "HUP", [SIGINT] = "INT", [SIGQUIT] = "QUIT", [SIGILL] = "ILL",
	[SIGTRAP] = "TRAP", [SIGABRT] = "ABRT", [SIGBUS] = "BUS", [SIGFPE] = "FPE",
	[SIGKILL] = "KILL", [SIGUSR1] = "USR1", [SIGSEGV] = "SEGV", [SIGUSR2] = "USR2",
	[SIGPIPE] = "PIPE", [SIGALRM] = "ALRM", [SIGTERM] = "TERM", [SIGSTKFLT] = "STKFLT",
	[SIGCHLD] = "CHLD", [SIGCONT] = "CONT", [SIGSTOP] = "STOP", [SIGTSTP] = "TSTP",
	[SIGTTIN] = "TTIN", [SIGTTOU] = "TTOU", [SIGURG] = "URG", [SIGXCPU] = "XCPU",
	[SIGXFSZ] = "XFSZ", [SIGVTALRM] = "VTALRM", [SIGPROF] = "PROF", [SIGWINCH] = "WINCH",
	[SIGIO] = "IO", [SIGPWR] = "PWR", [SIGSYS] = "SYS",
};
#define NNAMES ((int)(sizeof(names) / sizeof(names[0])))

/* The signals an interactive shell ignores for itself (SIGINT is caught
 * instead: see on_sigint). */
static int shell_ignores(int sig)
{
	return sh.interactive && (sig == SIGQUIT || sig == SIGTERM ||
				  sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU);
}

const char *sig_name(int sig)
{
	static char buf[16];

	if (sig > 0 && sig < NNAMES && names[sig])
		return names[sig];
	if (sig == 0)
		return "EXIT";
	snprintf(buf, sizeof(buf), "%d", sig);
	return buf;
}

/* "9", "KILL", "SIGKILL", "kill" -> 9; "EXIT" -> 0 when exit_ok; -1 if unknown. */
int sig_number_ex(const char *s, int exit_ok)
{
	if (*s >= '0' && *s <= '9') {
		char *end;
		long v = strtol(s, &end, 10);
		return *end || v > NSIGS || (v == 0 && !exit_ok) ? -1 : (int)v;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	if (exit_ok && strcasecmp(s, "EXIT") == 0)
		return 0;
	for (int i = 1; i < NNAMES; i++)
		if (names[i] && strcasecmp(s, names[i]) == 0)
			return i;
	return -1;
}

int sig_number(const char *s)
{
	return sig_number_ex(s, 0);
}

/* kill -l: every name, space-separated. */
void sig_list(void)
{
	struct sbuf b = {0};

	for (int i = 1; i < NNAMES; i++) {
		if (!names[i])
			continue;
		if (b.len)
			sb_putc(&b, ' ');
		sb_puts(&b, names[i]);
	}
	sh_printf(1, "%s\n", sb_str(&b));
	sb_free(&b);
}

static void on_signal(int sig)
{
	pending[sig] = 1;
	any_pending = 1;
}

/* An interactive shell's own SIGINT (no trap): ^C reached the shell while
 * it held the terminal between two commands of a loop or list. Like bash,
 * it abandons the line (sh.intr) instead of ignoring the key. */
static void on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

void trap_clear_sigint(void)
{
	got_sigint = 0;
}

int trap_take_sigint(void)
{
	if (!got_sigint)
		return 0;
	got_sigint = 0;
	sh_printf(2, "\n");
	return 1;
}

void traps_init(void)
{
	for (int sig = 1; sig <= NSIGS; sig++) {
		struct sigaction sa;
		if (!sh.interactive && sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			entry_ignored[sig] = 1;
	}
	if (sh.interactive)
		install(SIGINT);
}

/* Install the disposition action[sig] asks for; 0 or -1. */
static int install(int sig)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	if (!action[sig] && sig == SIGINT && sh.interactive) {
		sa.sa_handler = on_sigint;
		sa.sa_flags = SA_RESTART;
	} else if (!action[sig])
		sa.sa_handler = shell_ignores(sig) ? SIG_IGN : SIG_DFL;
	else if (!*action[sig])
		sa.sa_handler = SIG_IGN;
	else {
		sa.sa_handler = on_signal;
		sa.sa_flags = SA_RESTART;
	}
	return sigaction(sig, &sa, NULL);
}

/* Set (act: the commands, "" ignore, NULL default) the trap of sig. */
static int trap_set(int sig, const char *act, const char *spec)
{
	if (sig > 0 && entry_ignored[sig])
		return 0;
	if (sig == SIGKILL || sig == SIGSTOP) {
		sh_error("trap: %s: cannot be trapped\n", spec);
		return 1;
	}
	for (int k = 0; k <= NSIGS; k++) {
		free(inherited[k]);
		inherited[k] = NULL;
	}
	free(action[sig]);
	action[sig] = act ? xstrdup(act) : NULL;
	if (sig > 0 && install(sig) < 0) {
		sh_error("trap: %s: cannot be trapped\n", spec);
		return 1;
	}
	return 0;
}

/* Single-quote s for the listing (so that eval "$(trap)" restores it). */
static void put_quoted(struct sbuf *b, const char *s)
{
	sb_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			sb_puts(b, "'\\''");
		else
			sb_putc(b, *s);
	}
	sb_putc(b, '\'');
}

static void trap_print(int sig)
{
	struct sbuf b = {0};
	const char *act = inherited[sig] ? inherited[sig] : action[sig];

	if (!act)
		return;
	sb_puts(&b, "trap -- ");
	put_quoted(&b, act);
	sb_putc(&b, ' ');
	sb_puts(&b, sig_name(sig));
	sb_putc(&b, '\n');
	ulib_write_all(1, b.s, b.len);
	sb_free(&b);
}

/* trap [-p [COND...]] | trap -l | trap ACTION COND... */
int builtin_trap(int argc, char **argv)
{
	int i = 1, st = 0;

	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (i < argc && strcmp(argv[i], "-l") == 0) {
		sig_list();
		return 0;
	}
	if (i == argc || strcmp(argv[i], "-p") == 0) {
		int listed = 0;
		for (int k = i + 1; k < argc; k++, listed = 1) {
			int sig = sig_number_ex(argv[k], 1);
			if (sig < 0) {
				sh_error("trap: %s: invalid signal specification\n", argv[k]);
				st = 1;
			} else {
				trap_print(sig);
			}
		}
		for (int sig = 0; !listed && sig <= NSIGS; sig++)
			trap_print(sig);
		return st;
	}
	const char *act = argv[i];
	/* POSIX: an unsigned integer first operand means every operand is reset. */
	int number = *act && strspn(act, "0123456789") == strlen(act);
	int reset = number || strcmp(act, "-") == 0;
	if (!number)
		i++;
	if (i == argc) {
		sh_error("trap: usage: trap [-lp] [[ARG] SIGNAL...]\n");
		return 2;
	}
	for (; i < argc; i++) {
		int sig = sig_number_ex(argv[i], 1);
		if (sig < 0) {
			sh_error("trap: %s: invalid signal specification\n", argv[i]);
			st = 1;
			continue;
		}
		st |= trap_set(sig, reset ? NULL : act, argv[i]);
	}
	return st;
}

int trap_pending(void)
{
	if (got_sigint)
		return SIGINT;
	if (!any_pending)
		return 0;
	for (int sig = 1; sig <= NSIGS; sig++)
		if (pending[sig])
			return sig;
	return 0;
}

void traps_run(void)
{
	if (running || !any_pending)
		return;
	running = 1;
	while (any_pending) {
		any_pending = 0;
		for (int sig = 1; sig <= NSIGS; sig++) {
			if (!pending[sig])
				continue;
			pending[sig] = 0;
			if (!action[sig] || !*action[sig])
				continue;
			char *cmds = xstrdup(action[sig]);  /* the action may replace itself */
			int saved = sh.status, brk = sh.brk, cont = sh.cont, ret = sh.returning;
			sh.brk = sh.cont = sh.returning = 0;    /* a pending return/break waits */
			eval_string(cmds, strlen(cmds));
			sh.status = saved;
			sh.brk = brk;
			sh.cont = cont;
			sh.returning = ret;
			free(cmds);
		}
	}
	running = 0;
}

void trap_run_exit(int status)
{
	char *cmds = action[0];

	if (!cmds)
		return;
	action[0] = NULL;               /* exit inside the trap: no second run */
	sh.status = status;
	sh.brk = sh.cont = sh.returning = 0;
	eval_string(cmds, strlen(cmds));
	free(cmds);
}

void traps_subshell(void)
{
	for (int sig = 0; sig <= NSIGS; sig++) {
		pending[sig] = 0;
		if (!action[sig] || !*action[sig])
			continue;
		free(inherited[sig]);
		inherited[sig] = action[sig];
		action[sig] = NULL;
		if (sig > 0)
			signal(sig, SIG_DFL);
	}
	any_pending = 0;
}

int trap_ignored(int sig)
{
	return action[sig] && !*action[sig];
}

/* The set of signals that have trap commands (the wait builtin blocks them). */
void traps_mask(sigset_t *set)
{
	sigemptyset(set);
	for (int sig = 1; sig <= NSIGS; sig++)
		if (action[sig] && *action[sig])
			sigaddset(set, sig);
	if (sh.interactive && !action[SIGINT])
		sigaddset(set, SIGINT);
}
