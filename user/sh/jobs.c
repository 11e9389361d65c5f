/*
 * jobs.c: the job table -- every pipeline the shell waits for or left
 * running with &, with its processes, process group and status.
 *
 *   job_new/job_add_pid   a job being started (fg: no number until it stops)
 *   job_wait_fg(j)        wait for a foreground job, hand the tty over and back
 *   jobs_reap(block)      collect finished background processes (WNOHANG)
 *   jobs_notify()         "[1]+ Done  cmd" lines before an interactive prompt
 *   wait, jobs, fg, bg,   the builtins (kill so that %N names a job)
 *   kill
 *
 * Job control proper (issue 7) plugs in here: job_wait_fg already waits
 * with WUNTRACED and keeps a stopped job in the table with a number, fg
 * and bg send SIGCONT to the group; ^C/^Z reach the foreground group
 * through the tty once signals exist. Without signals kill() fails with
 * ENOSYS and fg simply waits. No locks: the shell is one thread.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"

struct job {
	struct job *next;
	int id;                 /* %N; 0 for a foreground job that never stopped */
	pid_t pgid;
	int own_group;          /* started with job control: pgid is its own group */
	int n, cap;
	pid_t *pids;
	int *status;            /* $?-style status of each process */
	char *done;             /* each process finished */
	enum job_state state;
	char *text;
};

static struct job *jobs;        /* newest first */

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
		j->done = xrealloc(j->done, j->cap);
	}
	j->pids[j->n] = pid;
	j->status[j->n] = 0;
	j->done[j->n] = 0;
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
	free(j->done);
	free(j->text);
	free(j);
}

void term_give(pid_t pgid)
{
	if (sh.tty_fd >= 0)
		tcsetpgrp(sh.tty_fd, pgid);     /* ENOTTY/ENOSYS: no tty layer yet */
}

void term_take(void)
{
	if (sh.tty_fd >= 0 && sh.monitor)
		tcsetpgrp(sh.tty_fd, sh.shell_pgid);
}

/* Record a wait status for pid; its job, or NULL if pid is none of ours. */
static struct job *job_record(pid_t pid, int st)
{
	for (struct job *j = jobs; j; j = j->next) {
		for (int i = 0; i < j->n; i++) {
			if (j->pids[i] != pid)
				continue;
			if (WIFSTOPPED(st)) {
				j->state = JOB_STOPPED;
				return j;
			}
			j->done[i] = 1;
			j->status[i] = wait_status(st);
			int all = 1;
			for (int k = 0; k < j->n; k++)
				all &= j->done[k];
			if (all)
				j->state = JOB_DONE;
			return j;
		}
	}
	return NULL;
}

/* The message for a process a signal killed (none for SIGINT, SIGPIPE). */
static void report_signal(int st)
{
	if (!WIFSIGNALED(st) || WTERMSIG(st) == SIGINT || WTERMSIG(st) == SIGPIPE)
		return;
	sh_printf(2, "%s%s\n", strsignal(WTERMSIG(st)), WCOREDUMP(st) ? " (core dumped)" : "");
}

int job_wait_fg(struct job *j)
{
	int opts = sh.monitor ? WUNTRACED : 0;

	if (sh.monitor)
		term_give(j->pgid);
	j->state = JOB_RUNNING;
	for (int i = 0; i < j->n; i++) {
		int st;
		pid_t r;
		if (j->done[i])
			continue;
		while ((r = waitpid(j->pids[i], &st, opts)) < 0 && errno == EINTR)
			;
		if (r < 0) {            /* not ours any more: count it as done */
			j->done[i] = 1;
			continue;
		}
		job_record(r, st);
		if (i == j->n - 1)
			report_signal(st);
	}
	term_take();
	if (j->state == JOB_STOPPED) {
		if (!j->id)
			j->id = next_id();
		sh_printf(2, "\n[%d]+  Stopped                 %s\n", j->id, j->text);
		return 128 + SIGTSTP;
	}
	int st = j->n ? j->status[j->n - 1] : 0;
	job_forget(j);
	return st;
}

void jobs_reap(int block)
{
	pid_t pid;
	int st;

	if (!jobs && !block)
		return;
	while ((pid = waitpid(-1, &st, (block ? 0 : WNOHANG) | WUNTRACED)) > 0) {
		job_record(pid, st);
		if (block)
			break;
	}
}

static const char *state_text(const struct job *j, char *buf, size_t n)
{
	int st = j->n ? j->status[j->n - 1] : 0;

	if (j->state == JOB_RUNNING)
		return "Running";
	if (j->state == JOB_STOPPED)
		return "Stopped";
	if (st == 0)
		return "Done";
	if (st > 128)
		snprintf(buf, n, "%s", strsignal(st - 128));
	else
		snprintf(buf, n, "Exit %d", st);
	return buf;
}

static void job_print(const struct job *j)
{
	char buf[64];

	sh_printf(1, "[%d]%c  %-22s  %s\n", j->id, j == jobs ? '+' : ' ', state_text(j, buf, sizeof(buf)), j->text);
}

void jobs_notify(void)
{
	struct job *j, *next;

	jobs_reap(0);
	for (j = jobs; j; j = next) {
		next = j->next;
		if (j->state == JOB_DONE && j->id) {
			job_print(j);
			job_forget(j);
		}
	}
}

/* %N, %% / %+ (the newest), or a pid; NULL with a message if unknown. */
static struct job *job_find(const char *spec, const char *who)
{
	if (!spec || strcmp(spec, "%%") == 0 || strcmp(spec, "%+") == 0 || strcmp(spec, "%") == 0) {
		for (struct job *j = jobs; j; j = j->next)
			if (j->id)
				return j;
		sh_error("%s: no current job\n", who);
		return NULL;
	}
	if (spec[0] == '%') {
		int id = atoi(spec + 1);
		for (struct job *j = jobs; j; j = j->next)
			if (j->id == id && id > 0)
				return j;
	} else {
		pid_t pid = atoi(spec);
		for (struct job *j = jobs; j; j = j->next)
			for (int i = 0; i < j->n; i++)
				if (j->pids[i] == pid && pid > 0)
					return j;
	}
	sh_error("%s: %s: no such job\n", who, spec);
	return NULL;
}

/* Block until every process of j finished (or stopped); its status. */
static int job_wait_bg(struct job *j)
{
	for (int i = 0; i < j->n; i++) {
		int st;
		pid_t r;
		if (j->done[i])
			continue;
		while ((r = waitpid(j->pids[i], &st, 0)) < 0 && errno == EINTR)
			;
		if (r < 0)
			j->done[i] = 1;
		else
			job_record(r, st);
	}
	int st = j->n ? j->status[j->n - 1] : 0;
	job_forget(j);
	return st;
}

int builtin_wait(int argc, char **argv)
{
	int st = 0;

	if (argc < 2) {
		while (jobs)
			job_wait_bg(jobs);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] != '%' && strspn(argv[i], "0123456789") != strlen(argv[i])) {
			sh_error("wait: %s: not a pid or valid job spec\n", argv[i]);
			return 2;
		}
		struct job *j = NULL;
		for (struct job *k = jobs; k && !j; k = k->next)
			for (int p = 0; p < k->n; p++)
				if ((argv[i][0] == '%' && k->id == atoi(argv[i] + 1)) ||
				    k->pids[p] == atoi(argv[i]))
					j = k;
		st = j ? job_wait_bg(j) : 127;
	}
	return st;
}

int builtin_jobs(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	jobs_reap(0);
	for (struct job *j = jobs, *next; j; j = next) {
		next = j->next;
		if (!j->id)
			continue;
		job_print(j);
		if (j->state == JOB_DONE)
			job_forget(j);
	}
	return 0;
}

int builtin_fg(int argc, char **argv)
{
	struct job *j = job_find(argc > 1 ? argv[1] : NULL, "fg");

	if (!j)
		return 1;
	sh_printf(1, "%s\n", j->text);
	if (j->state == JOB_STOPPED)
		job_signal(j, SIGCONT);         /* ENOSYS until signals exist */
	return job_wait_fg(j);
}

int builtin_bg(int argc, char **argv)
{
	struct job *j = job_find(argc > 1 ? argv[1] : NULL, "bg");

	if (!j)
		return 1;
	if (j->state == JOB_STOPPED && job_signal(j, SIGCONT) == 0)
		j->state = JOB_RUNNING;
	sh_printf(1, "[%d]+ %s &\n", j->id, j->text);
	return 0;
}

static const struct {
	const char *name;
	int sig;
} signames[] = {
	{"HUP", SIGHUP}, {"INT", SIGINT}, {"QUIT", SIGQUIT}, {"ILL", SIGILL},
	{"TRAP", SIGTRAP}, {"ABRT", SIGABRT}, {"BUS", SIGBUS}, {"FPE", SIGFPE},
	{"KILL", SIGKILL}, {"USR1", SIGUSR1}, {"SEGV", SIGSEGV}, {"USR2", SIGUSR2},
	{"PIPE", SIGPIPE}, {"ALRM", SIGALRM}, {"TERM", SIGTERM}, {"CHLD", SIGCHLD},
	{"CONT", SIGCONT}, {"STOP", SIGSTOP}, {"TSTP", SIGTSTP}, {"TTIN", SIGTTIN},
	{"TTOU", SIGTTOU}, {"WINCH", SIGWINCH},
};

/* "9", "KILL", "SIGKILL" (any case) -> 9; -1 if unknown. */
static int signal_number(const char *s)
{
	if (*s >= '0' && *s <= '9') {
		char *end;
		long v = strtol(s, &end, 10);
		return *end || v > 64 ? -1 : (int)v;
	}
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < sizeof(signames) / sizeof(signames[0]); i++)
		if (strcasecmp(s, signames[i].name) == 0)
			return signames[i].sig;
	return -1;
}

/* Send sig to every process of j: its group, or each pid without job control. */
static int job_signal(struct job *j, int sig)
{
	int r = 0;

	if (j->own_group)
		return kill(-j->pgid, sig);
	for (int i = 0; i < j->n; i++)
		if (!j->done[i] && kill(j->pids[i], sig) < 0)
			r = -1;
	return r;
}

/* kill [-s SIG | -SIG] PID|%N...   kill -l
 * A builtin so that %N names a job (it signals the job's process group). */
int builtin_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1, st = 0;

	if (argc == 2 && strcmp(argv[1], "-l") == 0) {
		for (size_t k = 0; k < sizeof(signames) / sizeof(signames[0]); k++)
			sh_printf(1, "%s%c", signames[k].name, k + 1 < sizeof(signames) / sizeof(signames[0]) ? ' ' : '\n');
		return 0;
	}
	if (argc > 2 && strcmp(argv[1], "-s") == 0) {
		sig = signal_number(argv[2]);
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1] && strcmp(argv[1], "--") != 0) {
		sig = signal_number(argv[1] + 1);
		i = 2;
	}
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	if (sig < 0 || i >= argc) {
		sh_error(sig < 0 ? "kill: bad signal\n" : "kill: usage: kill [-s SIG | -SIG] pid|%%job... | -l\n");
		return 2;
	}
	for (; i < argc; i++) {
		pid_t target;
		char *end;
		if (argv[i][0] == '%') {
			struct job *j = job_find(argv[i], "kill");
			if (!j || job_signal(j, sig) < 0) {
				if (j)
					sh_error("kill: %s: %s\n", argv[i], strerror(errno));
				st = 1;
			}
			continue;
		} else {
			target = (pid_t)strtol(argv[i], &end, 10);
			if (!*argv[i] || *end) {
				sh_error("kill: %s: arguments must be process or job IDs\n", argv[i]);
				st = 1;
				continue;
			}
		}
		if (kill(target, sig) < 0) {
			sh_error("kill: %s: %s\n", argv[i], strerror(errno));
			st = 1;
		}
	}
	return st;
}
