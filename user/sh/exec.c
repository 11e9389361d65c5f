/*
 * exec.c: the executor -- walks a parse tree and runs it.
 *
 *   exec_node(n, flags)   run a tree; its exit status, also left in $?
 *   run_source(src)       parse and run commands until the end of src
 *   eval_string(s, n)     the same for a string (eval, $(...), sh -c)
 *   exec_external(argv)   PATH search and execve, in a child; never returns
 *   run_function(...)     call a shell function
 *
 * Processes: every external command, pipeline stage, ( ) subshell and &
 * job runs in a forked child; builtins, functions and { } groups run in
 * the shell itself with their redirections saved and restored around
 * them (saved copies live at fd >= 10 with FD_CLOEXEC). With EX_CHILD a
 * node is the last thing its (already forked) process does, so an
 * external command there is exec'd without another fork.
 *
 * Job control (sh.monitor, on when interactive): each foreground pipeline
 * and each & job gets its own process group (setpgid in parent and child,
 * so neither order of scheduling races), and the terminal is handed to a
 * foreground group and taken back after it (jobs.c).
 *
 * Control flow: break/continue/return set counters in sh that every list
 * and loop checks after each command; set -e exits from exec_simple and
 * exec_pipeline unless sh.errexit_off (a condition, the left of && ||).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sh.h"
#include "ulib.h"

static struct arena *exec_arena;        /* the arena of the running tree */

/* ---- functions ----------------------------------------------------------- */

struct func {
	struct func *next;
	char *name;
	struct node *body;      /* in a pinned arena */
};
static struct func *funcs;

struct node *func_lookup(const char *name)
{
	for (struct func *f = funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f->body;
	return NULL;
}

static void func_define(const char *name, struct node *body)
{
	struct func *f;

	arena_pin(exec_arena);
	for (f = funcs; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			break;
	if (!f) {
		f = xmalloc(sizeof(*f));
		f->name = xstrdup(name);
		f->next = funcs;
		funcs = f;
	}
	f->body = body;
}

int func_unset(const char *name)
{
	for (struct func **pp = &funcs; *pp; pp = &(*pp)->next) {
		if (strcmp((*pp)->name, name) == 0) {
			struct func *f = *pp;
			*pp = f->next;
			free(f->name);
			free(f);
			return 0;
		}
	}
	return -1;
}

/* `local NAME[=V]`: the old values, restored when the function returns. */
struct local_save {
	char *name;
	char *old;              /* NULL: was unset */
	int depth;              /* sh.func_depth of the function that saved it */
};
static struct local_save *locals;
static int n_locals, cap_locals;

int builtin_local(int argc, char **argv)
{
	if (sh.func_depth == 0) {
		sh_error("local: not in a function\n");
		return 2;
	}
	for (int i = 1; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		size_t nl = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
		if (!is_name(argv[i], nl)) {
			sh_error("local: %s: bad variable name\n", argv[i]);
			return 1;
		}
		char *name = strndup(argv[i], nl);
		int seen = 0;
		for (int k = n_locals - 1; k >= 0 && locals[k].depth == sh.func_depth; k--)
			seen |= strcmp(locals[k].name, name) == 0;
		if (!seen) {
			if (n_locals == cap_locals) {
				cap_locals = cap_locals ? cap_locals * 2 : 16;
				locals = xrealloc(locals, cap_locals * sizeof(*locals));
			}
			const char *old = var_get(name);
			locals[n_locals++] = (struct local_save){xstrdup(name), old ? xstrdup(old) : NULL, sh.func_depth};
		}
		if (eq && var_set(name, eq + 1, 0) < 0) {
			free(name);
			return 1;
		}
		free(name);
	}
	return 0;
}

static void locals_restore(void)
{
	while (n_locals > 0 && locals[n_locals - 1].depth == sh.func_depth) {
		struct local_save *l = &locals[--n_locals];
		if (l->old)
			var_set(l->name, l->old, 0);
		else
			var_unset(l->name);
		free(l->name);
		free(l->old);
	}
}

int run_function(struct node *body, int argc, char **argv)
{
	int saved_loop = sh.loop_depth, st;

	if (sh.func_depth >= SH_MAX_NEST) {
		sh_error("%s: function nesting too deep\n", argv[0]);
		return 2;
	}
	pos_push(argc - 1, argv + 1);
	sh.func_depth++;
	sh.loop_depth = 0;
	st = exec_node(body, 0);
	if (sh.returning) {
		sh.returning = 0;
		st = sh.status;
	}
	sh.brk = sh.cont = 0;
	sh.loop_depth = saved_loop;
	locals_restore();
	sh.func_depth--;
	pos_pop();
	return st;
}

/* ---- exit and signals ------------------------------------------------------ */

/* Leave the shell: the EXIT trap first (once: an exit inside it ends
 * the shell with its own status), then the terminal back to our group. */
void sh_exit(int status)
{
	trap_run_exit(status);
	if (sh.interactive && !sh.subshell) {
		jobs_hangup_stopped();
		term_take();
	}
	_exit(status & 0xff);
}

/* A forked child (a subshell): caught traps go back to the default, and
 * the signals an interactive shell ignores for itself too, unless a
 * trap '' ignores them on purpose. Call before clearing sh.interactive. */
void child_reset_signals(void)
{
	static const int own[] = {SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGTTIN, SIGTTOU};

	traps_subshell();
	if (!sh.interactive)
		return;
	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (!trap_ignored(own[i]))
			signal(own[i], SIG_DFL);
}

/* While a pipeline is being started with job control: a pipe whose
 * write end the shell holds until every stage has joined the group. Each
 * child waits for its EOF before going on, so the group leader cannot exit
 * (and take the group with it, for the kernel) before the last stage's
 * setpgid, and the terminal is never left with an empty foreground group
 * (bash does the same). */
static int pgrp_sync[2] = {-1, -1};

static void pgrp_sync_wait(void)
{
	char c;

	if (pgrp_sync[0] < 0)
		return;
	close(pgrp_sync[1]);
	while (read(pgrp_sync[0], &c, 1) < 0 && errno == EINTR)
		;
	close(pgrp_sync[0]);
	pgrp_sync[0] = pgrp_sync[1] = -1;
}

static void pgrp_sync_release(void)
{
	if (pgrp_sync[0] < 0)
		return;
	close(pgrp_sync[0]);
	close(pgrp_sync[1]);
	pgrp_sync[0] = pgrp_sync[1] = -1;
}

/* fork() for a job: with job control the child joins process group
 * *pgid (a new one led by the first child when *pgid is 0) and, for a
 * foreground job, takes the terminal. The child returns 0 and is no
 * longer interactive. */
static pid_t fork_job(pid_t *pgid, int fg)
{
	pid_t pid = fork();

	if (pid < 0) {
		sh_error("fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		/*
		 * The keyboard's signals go back to the default before the
		 * child takes the terminal: a ^C between term_give and
		 * child_reset_signals would otherwise reach only the child's
		 * copy of the shell's SIGINT handler and be lost (a `while :;
		 * do sleep 1; done` then ignored it). Before setpgid the child
		 * is still in the shell's group, so the shell sees such a ^C
		 * too. SIGTTOU stays ignored until term_give is done, and
		 * SIGTSTP until the child has its own group (stopped in the
		 * shell's group, fg could not wake it).
		 */
		if (sh.interactive) {
			static const int keys[] = {SIGINT, SIGQUIT};

			for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
				if (!trap_ignored(keys[i]))
					signal(keys[i], SIG_DFL);
		}
		if (sh.monitor) {
			setpgid(0, *pgid);
			if (fg)
				term_give(*pgid ? *pgid : getpid());
		}
		child_reset_signals();
		pgrp_sync_wait();
		sh.monitor = 0;
		sh.interactive = 0;
		sh.subshell++;
		return 0;
	}
	if (!*pgid)
		*pgid = pid;
	if (sh.monitor)
		setpgid(pid, *pgid);
	return pid;
}

/* ---- redirections ------------------------------------------------------------ */

struct redir_save {
	int fd[16];
	int saved[16];          /* copy of the old fd, or -1 if it was closed */
	int n;
};

static void save_fd(struct redir_save *sv, int fd)
{
	if (!sv || sv->n == 16)
		return;
	for (int i = 0; i < sv->n; i++)
		if (sv->fd[i] == fd)
			return;
	sv->fd[sv->n] = fd;
	sv->saved[sv->n] = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	sv->n++;
}

static void redirs_restore(struct redir_save *sv)
{
	while (sv->n > 0) {
		sv->n--;
		if (sv->saved[sv->n] >= 0) {
			dup2(sv->saved[sv->n], sv->fd[sv->n]);
			close(sv->saved[sv->n]);
		} else {
			close(sv->fd[sv->n]);
		}
	}
}

/* A pipe whose read end yields text. What may not fit in the pipe is
 * written by a grandchild (its parent exits at once and is reaped here,
 * so the writer belongs to init and leaves no zombie behind). */
static int heredoc_fd(const char *text)
{
	int fds[2];
	size_t len = strlen(text);

	if (pipe2(fds, O_CLOEXEC) < 0) {
		sh_error("pipe: %s\n", strerror(errno));
		return -1;
	}
	if (len <= 4096) {
		ulib_write_all(fds[1], text, len);
	} else {
		pid_t pid = fork();
		if (pid == 0) {
			if (fork() == 0) {
				close(fds[0]);
				ulib_write_all(fds[1], text, len);
			}
			_exit(0);
		}
		while (pid > 0 && waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	close(fds[1]);
	return fds[0];
}

/* The fd a redirection's target opens (or -2: close fd; -1: error). */
static int redir_open(struct redir *r)
{
	static const int oflags[] = {
		[R_IN] = O_RDONLY, [R_OUT] = O_WRONLY | O_CREAT | O_TRUNC,
		[R_APPEND] = O_WRONLY | O_CREAT | O_APPEND,
		[R_CLOBBER] = O_WRONLY | O_CREAT | O_TRUNC, [R_RDWR] = O_RDWR | O_CREAT,
	};
	if (r->op == R_HEREDOC) {
		char *body = r->hd_quoted ? xstrdup(r->heredoc) : expand_heredoc(r->heredoc);
		if (!body)
			return -1;
		int fd = heredoc_fd(body);
		free(body);
		return fd;
	}
	char *w = expand_str(r->word);
	int fd = -1;
	if (!w)
		return -1;
	if (r->op == R_DUPIN || r->op == R_DUPOUT) {
		char *end;
		long n = strtol(w, &end, 10);
		if (strcmp(w, "-") == 0)
			fd = -2;
		else if (!*w || *end || n < 0 || n > 1023)
			sh_error("%s: bad file descriptor\n", w);
		else if ((fd = fcntl(n, F_DUPFD_CLOEXEC, 0)) < 0)
			sh_error("%s: %s\n", w, strerror(errno));
	} else {
		fd = open(w, oflags[r->op] | O_CLOEXEC, 0666);
		if (fd < 0)
			sh_error("%s: %s\n", w, strerror(errno));
	}
	free(w);
	return fd;
}

/* Apply redirections in order; with sv, remember what they replace.
 * 0, or -1 after an error message (the ones applied stay applied). */
static int redirs_apply(struct redir *r, struct redir_save *sv)
{
	for (; r; r = r->next) {
		save_fd(sv, r->fd);
		int fd = redir_open(r);
		if (fd == -1)
			return -1;
		if (fd == -2) {
			close(r->fd);
		} else if (fd != r->fd) {
			dup2(fd, r->fd);
			close(fd);
		} else {
			fcntl(fd, F_SETFD, 0);
		}
	}
	return 0;
}

/* ---- simple commands ---------------------------------------------------------- */

static void xtrace(int argc, char **argv, struct wordlist *assigns)
{
	struct sbuf b = {0};

	sb_puts(&b, "+");
	for (; assigns; assigns = assigns->next) {
		char *v = expand_str(assigns->w);
		sb_putc(&b, ' ');
		sb_puts(&b, v ? v : "");
		free(v);
	}
	for (int i = 0; i < argc; i++) {
		sb_putc(&b, ' ');
		sb_puts(&b, argv[i]);
	}
	sb_putc(&b, '\n');
	ulib_write_all(2, b.s, b.len);
	sb_free(&b);
}

struct saved_var {
	char *name;
	char *old;              /* NULL: was unset */
};

/* Perform NAME=value assignments; with saved (temporary assignments),
 * remember the old values; export marks them for the environment. */
static int do_assigns(struct wordlist *wl, struct saved_var *saved, int *nsaved, int export)
{
	for (; wl; wl = wl->next) {
		char *eq = strchr(wl->w, '=');
		char *name = strndup(wl->w, eq - wl->w);
		char *val = expand_str(eq + 1);
		if (!val) {
			free(name);
			return -1;
		}
		if (saved && *nsaved < 32) {
			const char *old = var_get(name);
			saved[*nsaved].name = xstrdup(name);
			saved[*nsaved].old = old ? xstrdup(old) : NULL;
			(*nsaved)++;
		}
		int r = var_set(name, val, export ? V_EXPORT : 0);
		free(name);
		free(val);
		if (r < 0)
			return -1;
	}
	return 0;
}

static void restore_vars(struct saved_var *saved, int n)
{
	while (n-- > 0) {
		if (saved[n].old)
			var_set(saved[n].name, saved[n].old, 0);
		else
			var_unset(saved[n].name);
		free(saved[n].name);
		free(saved[n].old);
	}
}

/* A failed expansion or redirection: a non-interactive shell exits. */
static int shell_error(int status)
{
	if (!sh.interactive && !sh.subshell)
		sh_exit(status);
	return status;
}

/* A builtin or function, run in this process around saved redirections. */
static int run_in_shell(struct node *n, const struct builtin *b, struct node *fn, int argc, char **argv)
{
	struct saved_var saved[32];
	int nsaved = 0, st;
	struct redir_save sv = {.n = 0};
	int temp = !(b && b->special);

	if (b && strcmp(b->name, "exec") == 0 && argc == 1)    /* exec >file: for good */
		return redirs_apply(n->redirs, NULL) < 0 ? shell_error(1) : 0;
	if (do_assigns(n->cmd.assigns, temp ? saved : NULL, &nsaved, 0) < 0) {
		restore_vars(saved, nsaved);
		return shell_error(1);
	}
	if (redirs_apply(n->redirs, &sv) < 0) {
		st = 1;
	} else if (b) {
		st = b->fn(argc, argv);
	} else {
		st = run_function(fn, argc, argv);
	}
	redirs_restore(&sv);
	restore_vars(saved, nsaved);
	return st;
}

/* An external command: fork (unless EX_CHILD) and exec. */
static int run_external(struct node *n, int argc, char **argv, int flags)
{
	pid_t pgid = 0;

	(void)argc;
	if (!(flags & EX_CHILD)) {
		pid_t pid = fork_job(&pgid, 1);
		if (pid < 0)
			return 2;
		if (pid > 0) {
			struct job *j = job_new(pgid, n->text ? n->text : argv[0]);
			job_add_pid(j, pid);
			return job_wait_fg(j);
		}
	}
	if (do_assigns(n->cmd.assigns, NULL, NULL, 1) < 0 || redirs_apply(n->redirs, NULL) < 0)
		_exit(1);
	exec_external(argv);
}

int run_command_argv(int argc, char **argv)
{
	const struct builtin *b = builtin_lookup(argv[0]);
	pid_t pgid = 0, pid;

	if (b)
		return b->fn(argc, argv);
	pid = fork_job(&pgid, 1);
	if (pid < 0)
		return 2;
	if (pid == 0)
		exec_external(argv);
	struct job *j = job_new(pgid, argv[0]);
	job_add_pid(j, pid);
	return job_wait_fg(j);
}

static int exec_simple(struct node *n, int flags)
{
	int argc, st;
	char **argv;

	sh.lineno = n->lineno;
	sh.subst_status = -1;
	argv = expand_words(n->cmd.words, &argc);
	if (!argv)
		return shell_error(2);
	if (sh.opt_x)
		xtrace(argc, argv, n->cmd.assigns);
	if (argc == 0) {
		struct redir_save sv = {.n = 0};
		st = 0;
		if (do_assigns(n->cmd.assigns, NULL, NULL, 0) < 0)
			st = shell_error(1);
		else if (redirs_apply(n->redirs, &sv) < 0)
			st = 1;
		else if (sh.subst_status >= 0)
			st = sh.subst_status;
		redirs_restore(&sv);
	} else {
		const struct builtin *b = builtin_lookup(argv[0]);
		struct node *fn = b && b->special ? NULL : func_lookup(argv[0]);
		if (b || fn)
			st = run_in_shell(n, fn ? NULL : b, fn, argc, argv);
		else
			st = run_external(n, argc, argv, flags);
	}
	argv_free(argv);
	return st;
}

/* ---- PATH search and exec ---------------------------------------------------- */

/* Does path hold a file we may execute (for PATH lookups by type/command)? */
static int executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

char *path_search(const char *name)
{
	const char *path = var_get("PATH");

	if (strchr(name, '/'))
		return executable(name) ? xstrdup(name) : NULL;
	if (!path)
		path = "/bin:/usr/bin";
	while (1) {
		const char *colon = strchr(path, ':');
		size_t dl = colon ? (size_t)(colon - path) : strlen(path);
		char *full = xmalloc(dl + strlen(name) + 3);
		memcpy(full, dl ? path : ".", dl ? dl : 1);
		full[dl ? dl : 1] = '/';
		strcpy(full + (dl ? dl : 1) + 1, name);
		if (executable(full))
			return full;
		free(full);
		if (!colon)
			return NULL;
		path = colon + 1;
	}
}

/* execve failed with ENOEXEC: a script without #!; run it here. */
static void exec_as_script(const char *path, char **argv)
{
	char head[256];
	int fd = open(path, O_RDONLY | O_CLOEXEC), argc = 0;
	ssize_t n = fd >= 0 ? read(fd, head, sizeof(head)) : -1;

	if (fd >= 0)
		close(fd);
	if (n > 0 && memchr(head, 0, n)) {
		sh_error("%s: cannot execute binary file\n", argv[0]);
		_exit(126);
	}
	while (argv[argc])
		argc++;
	sh_exit(run_script(path, argc, argv));
}

void exec_external(char **argv)
{
	char **env = var_environ();
	const char *path = var_get("PATH");
	int err = ENOENT;

	if (strchr(argv[0], '/')) {
		execve(argv[0], argv, env);
		err = errno;
		if (err == ENOEXEC)
			exec_as_script(argv[0], argv);
	} else {
		int eacces = 0;
		if (!path)
			path = "/bin:/usr/bin";
		for (;;) {
			const char *colon = strchr(path, ':');
			size_t dl = colon ? (size_t)(colon - path) : strlen(path);
			struct sbuf full = {0};
			sb_putn(&full, dl ? path : ".", dl ? dl : 1);
			sb_putc(&full, '/');
			sb_puts(&full, argv[0]);
			execve(sb_str(&full), argv, env);
			if (errno == ENOEXEC)
				exec_as_script(full.s, argv);
			if (errno == EACCES)
				eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				err = errno;
			sb_free(&full);
			if (!colon)
				break;
			path = colon + 1;
		}
		if (err == ENOENT && eacces)
			err = EACCES;
	}
	sh_error("%s: %s\n", argv[0], strerror(err));
	_exit(err == ENOENT ? 127 : 126);
}

/* ---- pipelines, lists, compound commands ---------------------------------------- */

static int errexit_check(int st)
{
	if (sh.opt_e && st != 0 && !sh.errexit_off)
		sh_exit(st);
	return st;
}

static int exec_pipeline(struct node *n, int flags)
{
	pid_t pgid = 0;
	int in = -1, st;
	struct job *j = NULL;

	if (n->pipe.bang)
		sh.errexit_off++;
	if (n->pipe.n == 1) {
		st = exec_node(n->pipe.cmds[0], flags);
		goto out;
	}
	if (sh.monitor && pipe2(pgrp_sync, O_CLOEXEC) < 0)
		pgrp_sync[0] = pgrp_sync[1] = -1;       /* start unsynchronized */
	for (int i = 0; i < n->pipe.n; i++) {
		int fds[2] = {-1, -1};
		if (i < n->pipe.n - 1 && pipe2(fds, O_CLOEXEC) < 0) {
			sh_error("pipe: %s\n", strerror(errno));
			break;
		}
		pid_t pid = fork_job(&pgid, 1);
		if (pid == 0) {
			if (in >= 0)
				dup2(in, 0), close(in);
			if (fds[1] >= 0)
				dup2(fds[1], 1), close(fds[1]), close(fds[0]);
			sh_exit(exec_node(n->pipe.cmds[i], EX_CHILD));
		}
		if (in >= 0)
			close(in);
		if (fds[1] >= 0)
			close(fds[1]);
		in = fds[0];
		if (pid < 0)
			break;
		if (!j)
			j = job_new(pgid, n->text);
		job_add_pid(j, pid);
	}
	if (in >= 0)
		close(in);
	pgrp_sync_release();
	st = j ? job_wait_fg(j) : 2;
out:
	if (n->pipe.bang) {
		sh.errexit_off--;
		return !st;
	}
	return errexit_check(st);
}

static int exec_bg(struct node *n)
{
	pid_t pgid = 0;
	int monitor = sh.monitor, interactive = sh.interactive;
	pid_t pid;

	sigset_t keys, saved;

	/*
	 * Without job control the child ignores SIGINT and SIGQUIT; they stay
	 * blocked from before the fork until it does, so one sent at once
	 * (`cmd & kill -INT $!`) cannot kill it first. The shell's own copy
	 * is delivered when it unblocks.
	 */
	sigemptyset(&keys);
	sigaddset(&keys, SIGINT);
	sigaddset(&keys, SIGQUIT);
	sigprocmask(SIG_BLOCK, monitor ? NULL : &keys, &saved);
	jobs_reap(0);
	pid = fork_job(&pgid, 0);
	if (pid == 0) {
		if (!monitor) {         /* no job control: stdin from /dev/null, */
			int fd = open("/dev/null", O_RDONLY);
			if (fd >= 0 && fd != 0)
				dup2(fd, 0), close(fd);
			signal(SIGINT, SIG_IGN);        /* and ^C is not for it (POSIX) */
			signal(SIGQUIT, SIG_IGN);
		}
		sigprocmask(SIG_SETMASK, &saved, NULL);
		sh_exit(exec_node(n->sub.body, EX_CHILD));
	}
	sigprocmask(SIG_SETMASK, &saved, NULL);
	if (pid < 0)
		return 2;
	struct job *j = job_new(pgid, n->sub.text);
	job_add_pid(j, pid);
	job_background(j);
	sh.lastbg = pid;
	if (interactive)
		sh_printf(2, "[%d] %d\n", job_id(j), (int)pid);
	return 0;
}

static int exec_subshell(struct node *n, int flags)
{
	pid_t pgid = 0, pid = 0;

	if (!(flags & EX_CHILD)) {
		pid = fork_job(&pgid, 1);
		if (pid < 0)
			return 2;
	}
	if (pid == 0) {
		if (redirs_apply(n->redirs, NULL) < 0)
			_exit(1);
		sh_exit(exec_node(n->sub.body, EX_CHILD));
	}
	struct job *j = job_new(pgid, n->text);
	job_add_pid(j, pid);
	return errexit_check(job_wait_fg(j));
}

static int flow_pending(void)
{
	if (sh.interactive && trap_take_sigint())
		sh.intr = 1;
	return sh.brk || sh.cont || sh.returning || sh.intr;
}

static int exec_cond(struct node *n)
{
	sh.errexit_off++;
	int st = exec_node(n, 0);
	sh.errexit_off--;
	return st;
}

/* After a loop body: 1 if the loop must end (break, return, continue N). */
static int loop_flow(void)
{
	if (sh.brk) {
		sh.brk--;
		return 1;
	}
	if (sh.cont) {
		sh.cont--;
		return sh.cont > 0;
	}
	return sh.returning || flow_pending();
}

static int exec_loop(struct node *n)
{
	int st = 0;

	sh.loop_depth++;
	for (;;) {
		int c = exec_cond(n->loop.cond);
		if (flow_pending() && loop_flow())
			break;
		if ((n->type == N_WHILE) != (c == 0))
			break;
		st = exec_node(n->loop.body, 0);
		if (flow_pending() && loop_flow())
			break;
	}
	sh.loop_depth--;
	return st;
}

static int exec_for(struct node *n)
{
	int argc, st = 0;
	char **argv;

	if (n->forn.has_in) {
		argv = expand_words(n->forn.words, &argc);
		if (!argv)
			return shell_error(2);
	} else {
		struct posparams *pp = pos_cur();
		argc = pp->argc;
		argv = xmalloc((argc + 1) * sizeof(char *));
		for (int i = 0; i <= argc; i++)
			argv[i] = pp->argv[i] ? xstrdup(pp->argv[i]) : NULL;
	}
	sh.loop_depth++;
	for (int i = 0; i < argc; i++) {
		if (var_set(n->forn.var, argv[i], 0) < 0) {
			st = 1;
			break;
		}
		st = exec_node(n->forn.body, 0);
		if (flow_pending() && loop_flow())
			break;
	}
	sh.loop_depth--;
	argv_free(argv);
	return st;
}

static int exec_case(struct node *n)
{
	char *word = expand_str(n->casen.word);

	if (!word)
		return shell_error(2);
	for (struct caseitem *it = n->casen.items; it; it = it->next) {
		for (struct wordlist *p = it->pats; p; p = p->next) {
			char *pat = expand_pattern(p->w);
			int m = pat && fnmatch(pat, word, 0) == 0;
			free(pat);
			if (m) {
				free(word);
				return it->body ? exec_node(it->body, 0) : 0;
			}
		}
	}
	free(word);
	return 0;
}

static int exec_compound(struct node *n, int flags)
{
	int st;

	switch (n->type) {
	case N_GROUP:
		return exec_node(n->sub.body, flags);
	case N_IF:
		st = exec_cond(n->ifn.cond);
		if (flow_pending())
			return st;
		if (st == 0)
			return exec_node(n->ifn.then, flags);
		return n->ifn.els ? exec_node(n->ifn.els, flags) : 0;
	case N_WHILE:
	case N_UNTIL:
		return exec_loop(n);
	case N_FOR:
		return exec_for(n);
	case N_CASE:
		return exec_case(n);
	default:
		return 0;
	}
}

static int is_list(const struct node *n)
{
	return n->type == N_SEQ || n->type == N_AND || n->type == N_OR;
}

static int exec_operand(struct node *n, int flags, int errexit_off)
{
	int st;

	sh.errexit_off += errexit_off;
	st = exec_node(n, flags);
	sh.errexit_off -= errexit_off;
	return st;
}

/* ; && || lists. The parser builds them left-deep (((a;b);c);d), so they
 * are walked here with an explicit stack: a 64 KiB line of "true;" must
 * not recurse 13,000 deep. The left of && and || runs with set -e off. */
static int exec_list(struct node *n, int flags)
{
	size_t k = 0, i;
	struct node *m, **spine;
	int st;

	for (m = n; is_list(m); m = m->bin.left)
		k++;
	spine = xmalloc(k * sizeof(*spine));
	for (m = n, i = k; is_list(m); m = m->bin.left)
		spine[--i] = m;         /* spine[0]: the innermost */
	st = exec_operand(spine[0]->bin.left, 0, spine[0]->type != N_SEQ);
	for (i = 0; i < k && !flow_pending(); i++) {
		struct node *op = spine[i], *parent = i + 1 < k ? spine[i + 1] : NULL;
		if (op->type != N_SEQ && (op->type == N_AND) != (st == 0))
			continue;
		st = exec_operand(op->bin.right, parent ? 0 : flags, parent && parent->type != N_SEQ);
	}
	free(spine);
	return st;
}

int exec_node(struct node *n, int flags)
{
	int st;

	if (!n)
		return 0;
	if (sh.subshell == 0 && sh.interactive)
		jobs_reap(0);
	switch (n->type) {
	case N_CMD:
		st = errexit_check(exec_simple(n, flags));
		break;
	case N_PIPE:
		st = exec_pipeline(n, flags);
		break;
	case N_SEQ:
	case N_AND:
	case N_OR:
		st = exec_list(n, flags);
		break;
	case N_BG:
		st = exec_bg(n);
		break;
	case N_SUBSHELL:
		st = exec_subshell(n, flags);
		break;
	case N_FUNC:
		func_define(n->func.name, n->func.body);
		st = 0;
		break;
	default: {
		struct redir_save sv = {.n = 0};
		if (redirs_apply(n->redirs, &sv) < 0)
			st = 1;
		else
			st = exec_compound(n, flags & ~EX_CHILD);
		redirs_restore(&sv);
		break;
	}
	}
	sh.status = st;
	traps_run();            /* a safe point: after every command */
	return st;
}

/* ---- sources ------------------------------------------------------------------- */

int run_source(struct src *src)
{
	int st = 0;
	struct arena *saved_arena = cur_arena, *saved_exec = exec_arena;

	if (++sh.nest_depth > SH_MAX_NEST) {
		sh_error("eval/source nesting too deep\n");
		sh.nest_depth--;
		return 2;
	}
	for (;;) {
		struct node *n;
		struct arena *a = arena_new();
		cur_arena = a;
		if (src->interactive)
			jobs_notify();
		enum parse_result r = parse_command(src, &n);
		cur_arena = saved_arena;
		if (r == P_EOF) {
			arena_free(a);
			break;
		}
		if (r == P_ERROR) {
			arena_free(a);
			st = sh.status = 2;
			if (src->interactive)
				continue;
			sh.syntax_error = 1;
			break;
		}
		if (src->interactive) {
			sh.intr = 0;
			trap_clear_sigint();
			sh.cmd_count++;
		}
		traps_run();
		if (r == P_OK && !sh.opt_n) {
			exec_arena = a;
			st = exec_node(n, 0);
			exec_arena = saved_exec;
		}
		arena_free(a);
		if (sh.returning || (sh.brk | sh.cont))
			break;
	}
	sh.nest_depth--;
	return st;
}

int eval_string(const char *text, size_t len)
{
	struct src s;
	int st;

	src_init_string(&s, text, len);
	st = run_source(&s);
	free(s.buf);
	return st;
}
