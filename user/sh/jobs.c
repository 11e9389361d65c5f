/*
 * jobs.c: the job table -- every pipeline the shell waits for or left
 * running with &, with its processes, process group and state -- and job
 * control: the terminal's foreground group, stops, fg/bg, job specs.
 *
 *   job_new/job_add_pid   a job being started (fg: no number until it stops)
 *   job_wait_fg(j)        wait for a foreground job, hand the tty over and back
 *   jobs_reap(block)      collect status changes of children (WNOHANG)
 *   jobs_notify()         "[1]+  Done  cmd" / "Stopped" lines before a prompt
 *   wait, jobs, fg, bg,   the builtins (kill so that %N names a job)
 *   kill
 *
 * Every process of a job is running, stopped or done (pstate); the job is
 * DONE when all are done, STOPPED when none runs and one is stopped, else
 * RUNNING. A state change clears `notified`; jobs_notify and `jobs` report
 * it once. The current job (%+, %%) is the most recently stopped job, or
 * if none is stopped the most recently started or stopped one; the
 * previous job (%-) is the next one in that order (bash's rule).
 *
 * Terminal: with job control (sh.monitor) a foreground job gets the tty
 * (tcsetpgrp) and the shell takes it back afterwards on every path (exit,
 * stop, signal death). The shell's own termios is saved when it starts and
 * after every foreground job that exits normally (so `stty` sticks); after
 * a job that stopped or was killed by a signal it is restored. A stopped
 * job's termios is saved and given back by fg, as bash does. Without a
 * terminal (sh -m with no tty) groups, stops and fg/bg work the same and
 * the tty calls are skipped.
 *
 * Waiting: the fg wait is waitpid(-1) until the job leaves RUNNING (other
 * children's changes are recorded on the way); the wait builtin sleeps in
 * sigsuspend with SIGCHLD and the trapped signals blocked, so a trapped
 * signal ends it (status 128+N) without a race. No locks: the shell is one
 * thread.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"

enum { P_RUN, P_STOP, P_DONE };

struct job {
	struct job *next;
	int id;                 /* %N; 0 for a foreground job that never stopped */
	pid_t pgid;
	int own_group;          /* started with job control: pgid is its own group */
	int n, cap;
	pid_t *pids;
	int *status;            /* each process's last wait(2) status */
	char *pstate;           /* P_RUN, P_STOP, P_DONE per process */
	enum job_state state;
	int stopsig;            /* the signal that stopped it (STOPPED) */
	int notified;           /* the current state was reported */
	unsigned long seq;      /* recency for %+ / %- */
	int listed;             /* named in a jobs command being run */
	int have_tmodes;        /* tmodes: its terminal modes when it stopped */
	struct termios tmodes;
	char *text;
};

static struct job *jobs;        /* newest first */
static unsigned long seq_counter;
static struct termios shell_tmodes;
static int have_shell_tmodes;

static int job_signal(struct job *j, int sig);

int wait_status(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	if (WIFSTOPPED(st))
		return 128 + WSTOPSIG(st);
	return 0;
}

static int next_id(void)
{
	int max = 0;

	for (struct job *j = jobs; j; j = j->next)
		if (j->id > max)
			max = j->id;
	return max + 1;
}

struct job *job_new(pid_t pgid, const char *text)
{
	struct job *j = xmalloc(sizeof(*j));

	memset(j, 0, sizeof(*j));
	j->pgid = pgid;
	j->own_group = sh.monitor;
	j->text = xstrdup(text ? text : "");
	j->state = JOB_RUNNING;
	j->notified = 1;
	j->next = jobs;
	jobs = j;
	return j;
}

void job_add_pid(struct job *j, pid_t pid)
{
	if (j->n == j->cap) {
		j->cap = j->cap ? j->cap * 2 : 4;
		j->pids = xrealloc(j->pids, j->cap * sizeof(*j->pids));
		j->status = xrealloc(j->status, j->cap * sizeof(*j->status));
		j->pstate = xrealloc(j->pstate, j->cap);
	}
	j->pids[j->n] = pid;
	j->status[j->n] = 0;
	j->pstate[j->n] = P_RUN;
	j->n++;
	if (!j->pgid)
		j->pgid = pid;
}

int job_id(const struct job *j)
{
	return j->id;
}

/* j runs in the background: give it a number; drop old finished jobs
 * nobody waited for, so a script starting many & jobs stays small. */
void job_background(struct job *j)
{
	int n = 0;

	j->id = next_id();
	j->seq = ++seq_counter;
	for (struct job *k = jobs, *next; k; k = next) {
		next = k->next;
		if (++n > 256 && k->state == JOB_DONE)
			job_forget(k);
	}
}

void job_forget(struct job *j)
{
	for (struct job **pp = &jobs; *pp; pp = &(*pp)->next) {
		if (*pp == j) {
			*pp = j->next;
			break;
		}
	}
	free(j->pids);
	free(j->status);
	free(j->pstate);
	free(j->text);
	free(j);
}

/* ---- the terminal ------------------------------------------------------ */

void term_give(pid_t pgid)
{
	if (sh.tty_fd >= 0)
		tcsetpgrp(sh.tty_fd, pgid);
}

void term_take(void)
{
	if (sh.tty_fd >= 0 && sh.monitor)
		tcsetpgrp(sh.tty_fd, sh.shell_pgid);
}

void term_save_modes(void)
{
	if (sh.tty_fd >= 0)
		have_shell_tmodes = tcgetattr(sh.tty_fd, &shell_tmodes) == 0;
}

static void term_restore_modes(void)
{
	if (sh.tty_fd >= 0 && have_shell_tmodes)
		tcsetattr(sh.tty_fd, TCSADRAIN, &shell_tmodes);
}

/* ---- state --------------------------------------------------------------- */

static void job_update(struct job *j)
{
	enum job_state old = j->state;
	int run = 0, stop = 0;

	for (int i = 0; i < j->n; i++) {
		run += j->pstate[i] == P_RUN;
		stop += j->pstate[i] == P_STOP;
	}
	j->state = run ? JOB_RUNNING : stop ? JOB_STOPPED : JOB_DONE;
	if (j->state == old)
		return;
	j->notified = 0;
	if (j->state == JOB_STOPPED)
		j->seq = ++seq_counter;
}

/* Record a wait status for pid; its job, or NULL if pid is none of ours. */
static struct job *job_record(pid_t pid, int st)
{
	for (struct job *j = jobs; j; j = j->next) {
		for (int i = 0; i < j->n; i++) {
			if (j->pids[i] != pid || j->pstate[i] == P_DONE)
				continue;
			if (WIFSTOPPED(st)) {
				j->pstate[i] = P_STOP;
				j->stopsig = WSTOPSIG(st);
			} else if (WIFCONTINUED(st)) {
				j->pstate[i] = P_RUN;
			} else {
				j->pstate[i] = P_DONE;
				j->status[i] = st;
			}
			job_update(j);
			return j;
		}
	}
	return NULL;
}

/* No children are left: whatever still counts as live is not ours. */
static void jobs_orphaned(void)
{
	for (struct job *j = jobs; j; j = j->next) {
		for (int i = 0; i < j->n; i++)
			if (j->pstate[i] != P_DONE)
				j->pstate[i] = P_DONE;
		job_update(j);
	}
}

/* Mark j's stopped processes running again (it was sent SIGCONT). */
static void job_continued(struct job *j)
{
	for (int i = 0; i < j->n; i++)
		if (j->pstate[i] == P_STOP)
			j->pstate[i] = P_RUN;
	job_update(j);
	j->notified = 1;
}

static int job_last_status(const struct job *j)
{
	return j->n ? wait_status(j->status[j->n - 1]) : 0;
}

/* Is a better candidate for %+ than b (stopped first, then most recent)? */
static int job_rank(const struct job *a, const struct job *b)
{
	int as, bs;

	if (!b)
		return 1;
	as = a->state == JOB_STOPPED;
	bs = b->state == JOB_STOPPED;
	return as != bs ? as > bs : a->seq > b->seq;
}

/* The current (which 0) or previous (which 1) job, or NULL. */
static struct job *job_current(int which)
{
	struct job *cur = NULL, *prev = NULL;

	for (struct job *j = jobs; j; j = j->next) {
		if (!j->id)
			continue;
		if (!cur || job_rank(j, cur)) {
			prev = cur;
			cur = j;
		} else if (!prev || job_rank(j, prev)) {
			prev = j;
		}
	}
	return which ? (prev ? prev : cur) : cur;
}

static char job_mark(const struct job *j)
{
	struct job *cur = job_current(0), *prev = job_current(1);

	return j == cur ? '+' : j == prev ? '-' : ' ';
}

static int died_of(int st, int sig)
{
	return WIFSIGNALED(st) && WTERMSIG(st) == sig;
}

/* A finished foreground job: the message for a last process a signal
 * killed (none for SIGINT, SIGPIPE); if ^C killed any of its processes
 * in an interactive shell, a newline after the echoed ^C (as bash) and
 * sh.intr, so the rest of the line (a loop, a list) is abandoned too. */
static void report_fg_end(const struct job *j)
{
	int st = j->status[j->n - 1], intr = 0;

	for (int i = 0; i < j->n; i++)
		intr |= died_of(j->status[i], SIGINT);
	if (intr && sh.interactive) {
		sh_printf(2, "\n");
		sh.intr = 1;
	}
	if (!WIFSIGNALED(st) || died_of(st, SIGINT) || died_of(st, SIGPIPE))
		return;
	sh_printf(2, "%s%s\n", strsignal(WTERMSIG(st)), WCOREDUMP(st) ? " (core dumped)" : "");
}

static const char *state_text(const struct job *j, char *buf, size_t n)
{
	int st = job_last_status(j);

	if (j->state == JOB_RUNNING)
		return "Running";
	if (j->state == JOB_STOPPED)
		return strsignal(j->stopsig);   /* "Stopped", "Stopped (tty input)", ... */
	if (st == 0)
		return "Done";
	if (st > 128)
		snprintf(buf, n, "%s", strsignal(st - 128));
	else
		snprintf(buf, n, "Exit %d", st);
	return buf;
}

static void job_print(const struct job *j, int with_pid)
{
	char buf[64], pid[24] = "";

	if (with_pid)
		snprintf(pid, sizeof(pid), "%d ", (int)j->pgid);
	sh_printf(1, "[%d]%c  %s%-22s  %s%s\n", j->id, job_mark(j), pid,
		  state_text(j, buf, sizeof(buf)), j->text, j->state == JOB_RUNNING ? " &" : "");
}

/* An interactive shell asked to exit while jobs are stopped: the first
 * time it warns and stays (1); asked again right after, it goes (0). */
int jobs_exit_check(void)
{
	static unsigned long warned_at;
	int stopped = 0;

	if (!sh.interactive || sh.subshell)
		return 0;
	jobs_reap(0);
	for (struct job *j = jobs; j; j = j->next)
		stopped |= j->id && j->state == JOB_STOPPED;
	if (!stopped || (warned_at && warned_at + 1 >= sh.cmd_count))
		return 0;
	warned_at = sh.cmd_count;
	sh_error("there are stopped jobs\n");
	return 1;
}

/* The interactive shell is leaving: its stopped jobs get SIGHUP and
 * SIGCONT (what the kernel does for a newly orphaned process group with
 * stopped members on Linux), so nothing stays stopped forever. */
void jobs_hangup_stopped(void)
{
	for (struct job *j = jobs; j; j = j->next) {
		if (j->state != JOB_STOPPED)
			continue;
		job_signal(j, SIGHUP);
		job_signal(j, SIGCONT);
	}
}

/* ---- foreground --------------------------------------------------------- */

/* Wait until j is no longer running; cont: SIGCONT it first (fg). */
static int wait_fg(struct job *j, int cont)
{
	int opts = sh.monitor ? WUNTRACED : 0;

	if (sh.monitor) {
		if (cont && j->have_tmodes && sh.tty_fd >= 0)
			tcsetattr(sh.tty_fd, TCSADRAIN, &j->tmodes);
		term_give(j->pgid);
	}
	if (cont) {
		job_signal(j, SIGCONT);
		job_continued(j);
	}
	while (j->state == JOB_RUNNING) {
		int st;
		pid_t r = waitpid(-1, &st, opts);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			jobs_orphaned();
			break;
		}
		job_record(r, st);
	}
	if (sh.monitor) {
		if (j->state == JOB_STOPPED && sh.tty_fd >= 0)
			j->have_tmodes = tcgetattr(sh.tty_fd, &j->tmodes) == 0;
		term_take();
		if (j->state == JOB_DONE && !WIFSIGNALED(j->status[j->n - 1]))
			term_save_modes();
		else
			term_restore_modes();
	}
	if (j->state == JOB_STOPPED) {
		char buf[64];
		if (!j->id)
			j->id = next_id();
		j->notified = 1;
		if (sh.interactive)
			sh.intr = 1;
		sh_printf(2, "%s[%d]%c  %-22s  %s\n", sh.interactive ? "\n" : "", j->id, job_mark(j),
			  state_text(j, buf, sizeof(buf)), j->text);
		return 128 + j->stopsig;
	}
	int st = job_last_status(j);
	if (j->n)
		report_fg_end(j);
	job_forget(j);
	return st;
}

int job_wait_fg(struct job *j)
{
	return wait_fg(j, 0);
}

/* ---- background ------------------------------------------------------------ */

static void reap_nohang(void)
{
	pid_t pid;
	int st;

	while ((pid = waitpid(-1, &st, WNOHANG | WUNTRACED | WCONTINUED)) > 0)
		job_record(pid, st);
	if (pid < 0 && errno == ECHILD)
		jobs_orphaned();
}

void jobs_reap(int block)
{
	pid_t pid;
	int st;

	if (!block) {
		if (jobs)
			reap_nohang();
		return;
	}
	while ((pid = waitpid(-1, &st, WUNTRACED)) < 0 && errno == EINTR)
		;
	if (pid > 0)
		job_record(pid, st);
}

void jobs_notify(void)
{
	struct job *j, *next;

	jobs_reap(0);
	for (j = jobs; j; j = j->next)
		if (j->id && !j->notified && j->state != JOB_RUNNING)
			job_print(j, 0);
	for (j = jobs; j; j = next) {
		next = j->next;
		if (j->id && !j->notified && j->state != JOB_RUNNING)
			j->notified = 1;
		if (j->id && j->state == JOB_DONE && j->notified)
			job_forget(j);
	}
}

/* A job spec: %N, %% %+ % (current), %- (previous), %STRING (the job
 * whose command starts with it), %?STRING (contains it); NULL spec: the
 * current job. NULL with a message if none or ambiguous. */
static struct job *job_find(const char *spec, const char *who)
{
	struct job *found = NULL;
	int many = 0;

	if (!spec || !strcmp(spec, "%%") || !strcmp(spec, "%+") || !strcmp(spec, "%")) {
		if (!(found = job_current(0)))
			sh_error("%s: no current job\n", who);
		return found;
	}
	if (!strcmp(spec, "%-")) {
		if (!(found = job_current(1)))
			sh_error("%s: no previous job\n", who);
		return found;
	}
	if (spec[0] != '%')
		goto none;
	for (struct job *j = jobs; j; j = j->next) {
		int match;
		if (!j->id)
			continue;
		if (isdigit((unsigned char)spec[1]))
			match = j->id == atoi(spec + 1);
		else if (spec[1] == '?')
			match = strstr(j->text, spec + 2) != NULL;
		else
			match = strncmp(j->text, spec + 1, strlen(spec + 1)) == 0;
		if (match) {
			many += found != NULL;
			found = found && found->id > j->id ? found : j;
		}
	}
	if (many && !isdigit((unsigned char)spec[1])) {
		sh_error("%s: %s: ambiguous job spec\n", who, spec);
		return NULL;
	}
	if (found)
		return found;
none:
	sh_error("%s: %s: no such job\n", who, spec);
	return NULL;
}

static struct job *job_of_pid(pid_t pid, int *index)
{
	for (struct job *j = jobs; j; j = j->next)
		for (int i = 0; i < j->n; i++)
			if (j->pids[i] == pid && pid > 0) {
				*index = i;
				return j;
			}
	return NULL;
}

static void on_sigchld(int sig)
{
	(void)sig;
}

/* wait's condition: only (or every numbered job) no longer running
 * (without job control: finished). */
static int wait_satisfied(const struct job *only)
{
	for (const struct job *j = jobs; j; j = j->next) {
		if ((only && j != only) || (!only && !j->id))
			continue;
		if (j->state == JOB_RUNNING || (!sh.monitor && j->state != JOB_DONE))
			return 0;
	}
	return 1;
}

/* Sleep until wait_satisfied(only); 0, or the trapped signal that came. */
static int wait_until(struct job *only)
{
	sigset_t block, old;
	struct sigaction sa, old_sa;
	int sig = 0, own_chld;

	traps_mask(&block);
	own_chld = !sigismember(&block, SIGCHLD);
	sigaddset(&block, SIGCHLD);
	sigprocmask(SIG_BLOCK, &block, &old);
	if (own_chld) {         /* SIG_DFL would discard SIGCHLD: sigsuspend must wake */
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_sigchld;
		sa.sa_flags = SA_RESTART;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGCHLD, &sa, &old_sa);
	}
	for (;;) {
		reap_nohang();
		if (wait_satisfied(only) || (sig = trap_pending()))
			break;
		sigsuspend(&old);
	}
	if (own_chld)
		sigaction(SIGCHLD, &old_sa, NULL);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return sig;
}

/* wait for one operand (%spec or pid): its status, 127 if unknown. */
static int wait_one(const char *arg, int *sig)
{
	struct job *j;
	int i = -1;

	if (arg[0] == '%') {
		if (!(j = job_find(arg, "wait")))
			return 127;
	} else if (!(j = job_of_pid(atoi(arg), &i))) {
		return 127;
	}
	if ((*sig = wait_until(j)))
		return 128 + *sig;
	if (j->state == JOB_STOPPED)
		return 128 + j->stopsig;
	int st = i >= 0 ? wait_status(j->status[i]) : job_last_status(j);
	job_forget(j);
	return st;
}

int builtin_wait(int argc, char **argv)
{
	int st = 0, sig = 0;

	if (argc < 2) {
		if ((sig = wait_until(NULL)))
			return 128 + sig;
		for (struct job *j = jobs, *next; j; j = next) {
			next = j->next;
			if (j->state == JOB_DONE)
				job_forget(j);
		}
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] != '%' && (!*argv[i] || strspn(argv[i], "0123456789") != strlen(argv[i]))) {
			sh_error("wait: %s: not a pid or valid job spec\n", argv[i]);
			return 2;
		}
		st = wait_one(argv[i], &sig);
		if (sig)
			break;
	}
	return st;
}

/* jobs [-l | -p] [%spec...] */
int builtin_jobs(int argc, char **argv)
{
	int i = 1, with_pid = 0, pids_only = 0, st = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-l"))
			with_pid = 1;
		else if (!strcmp(argv[i], "-p"))
			pids_only = 1;
		else if (!strcmp(argv[i], "--") && ++i)
			break;
		else {
			sh_error("jobs: %s: invalid option\n", argv[i]);
			return 2;
		}
	}
	jobs_reap(0);
	for (int k = i; k < argc; k++) {       /* named jobs: mark them */
		struct job *j = job_find(argv[k], "jobs");
		if (j)
			j->listed = 1;
		else
			st = 1;
	}
	for (struct job *j = jobs; j; j = j->next) {
		if (!j->id || (i < argc && !j->listed))
			continue;
		j->listed = 0;
		if (pids_only)
			sh_printf(1, "%d\n", (int)j->pgid);
		else
			job_print(j, with_pid);
		j->notified = 1;
	}
	for (struct job *j = jobs, *next; j; j = next) {
		next = j->next;
		if (j->id && j->state == JOB_DONE && j->notified)
			job_forget(j);
	}
	return st;
}

int builtin_fg(int argc, char **argv)
{
	struct job *j;

	if (!sh.monitor) {
		sh_error("fg: no job control\n");
		return 1;
	}
	jobs_reap(0);
	if (!(j = job_find(argc > 1 ? argv[1] : NULL, "fg")))
		return 1;
	if (j->state == JOB_DONE) {
		sh_error("fg: job has terminated\n");
		job_forget(j);
		return 1;
	}
	sh_printf(1, "%s\n", j->text);
	return wait_fg(j, 1);
}

int builtin_bg(int argc, char **argv)
{
	int st = 0;

	if (!sh.monitor) {
		sh_error("bg: no job control\n");
		return 1;
	}
	jobs_reap(0);
	for (int i = 1; i < argc || i == 1; i++) {
		struct job *j = job_find(argc > 1 ? argv[i] : NULL, "bg");
		if (!j) {
			st = 1;
		} else if (j->state != JOB_STOPPED) {
			sh_error("bg: job %d already in background\n", j->id);
		} else {
			job_signal(j, SIGCONT);
			job_continued(j);
			sh_printf(1, "[%d]%c %s &\n", j->id, job_mark(j), j->text);
		}
		if (argc <= 1)
			break;
	}
	return st;
}

/* Send sig to every process of j: its group, or each pid without job
 * control. A stopped job also gets SIGCONT so that it can act on sig.
 * After SIGCONT or SIGKILL a stopped job counts as running at once (its
 * WCONTINUED report may come later), so `kill %1; wait %1` waits for the
 * end instead of seeing the old stop. */
static int job_signal(struct job *j, int sig)
{
	int r = 0;

	if (j->own_group) {
		r = kill(-j->pgid, sig);
	} else {
		for (int i = 0; i < j->n; i++)
			if (j->pstate[i] != P_DONE && kill(j->pids[i], sig) < 0)
				r = -1;
	}
	if (r < 0 || j->state != JOB_STOPPED)
		return r;
	if (sig == SIGCONT || sig == SIGKILL)
		job_continued(j);
	else if (sig != 0 && sig != SIGSTOP && sig != SIGTSTP && sig != SIGTTIN && sig != SIGTTOU)
		r = job_signal(j, SIGCONT);
	return r;
}

/* kill -l [N | 128+N] */
static int kill_list(int argc, char **argv)
{
	if (argc == 2) {
		sig_list();
		return 0;
	}
	for (int i = 2; i < argc; i++) {
		int n = atoi(argv[i]);
		int sig = n > 128 ? n - 128 : n;
		if (sig_number(argv[i]) > 0 && !isdigit((unsigned char)argv[i][0]))
			sh_printf(1, "%d\n", sig_number(argv[i]));
		else if (sig > 0 && sig <= 64)
			sh_printf(1, "%s\n", sig_name(sig));
		else {
			sh_error("kill: %s: invalid signal specification\n", argv[i]);
			return 1;
		}
	}
	return 0;
}

/* One operand of kill: a %job or a pid (negative: a group). 0 or 1. */
static int kill_one(const char *arg, int sig)
{
	char *end;

	if (arg[0] == '%') {
		struct job *j = job_find(arg, "kill");
		if (!j)
			return 1;
		if (job_signal(j, sig) < 0) {
			sh_error("kill: %s: %s\n", arg, strerror(errno));
			return 1;
		}
		return 0;
	}
	pid_t target = (pid_t)strtol(arg, &end, 10);
	if (!*arg || *end) {
		sh_error("kill: %s: arguments must be process or job IDs\n", arg);
		return 1;
	}
	if (kill(target, sig) < 0) {
		sh_error("kill: %s: %s\n", arg, strerror(errno));
		return 1;
	}
	return 0;
}

/* kill [-s SIG | -SIG | -N] PID|%N...   kill -l [N]
 * A builtin so that %N names a job (it signals the job's process group). */
int builtin_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, st = 0;

	if (argc >= 2 && strcmp(argv[1], "-l") == 0)
		return kill_list(argc, argv);
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		sig = sig_number(argv[2]);
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1] && strcmp(argv[1], "--") != 0) {
		sig = strcmp(argv[1], "-0") == 0 ? 0 : sig_number(argv[1] + 1);
		i = 2;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (sig < 0 || i >= argc) {
		sh_error(sig < 0 ? "kill: bad signal\n" : "kill: usage: kill [-s SIG | -SIG] pid|%%job... | -l\n");
		return 2;
	}
	for (; i < argc; i++)
		st |= kill_one(argv[i], sig);
	return st;
}
