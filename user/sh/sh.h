/*
 * sh.h: the declarations the shell's files share (user/sh/).
 *
 * The shell reads a complete command at a time from a source (struct src),
 * the lexer (lex.c) cuts it into tokens, the parser (parse.c) builds a tree
 * of struct node in an arena, the executor (exec.c) walks the tree, and
 * expand.c turns raw words (quotes still in them) into argument lists.
 *
 *   main.c      options, sources (file, -c string, stdin), the top loop
 *   lex.c       tokens, here-document bodies
 *   parse.c     recursive descent: complete commands -> struct node
 *   expand.c    $ expansions, command substitution, splitting, globbing
 *   arith.c     $(( )) arithmetic
 *   exec.c      lists, pipelines, compound commands, redirections, PATH
 *   builtins.c  cd, echo, set, read, ... (test.c: test and [)
 *   vars.c      variables, the environment, positional parameters
 *   jobs.c      the job table: background jobs, wait, process groups
 *   edit.c      the interactive line editor and its history
 *   util.c      arena, string builder, error messages
 *
 * The shell is single-threaded; there are no locks. All shell state lives
 * in the one global struct shell (sh) and the tables of vars.c/jobs.c.
 */
#ifndef SH_H
#define SH_H

#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

/* ---- util.c ---------------------------------------------------------- */

/* Parse trees live in arenas: freed whole after the command ran, unless a
 * function definition inside it pinned it (function bodies live on). */
struct arena;
struct arena *arena_new(void);
void arena_free(struct arena *a);
void arena_pin(struct arena *a);
extern struct arena *cur_arena;                 /* where parse.c allocates */
void *arena_alloc(size_t n);                    /* zeroed memory in cur_arena */
char *arena_strndup(const char *s, size_t n);

/* A growable byte string (malloc'd; sb_free releases it). */
struct sbuf {
	char *s;
	size_t len, cap;
};
void sb_putc(struct sbuf *b, char c);
void sb_putn(struct sbuf *b, const char *s, size_t n);
void sb_puts(struct sbuf *b, const char *s);
char *sb_str(struct sbuf *b);                   /* NUL-terminated view */
void sb_free(struct sbuf *b);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
/* "sh: " + message on stderr with one write(2). */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sh_printf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int is_name(const char *s, size_t n);           /* a valid variable name */

/* Inside $( ), a ')' that closes a case pattern must not end the
 * substitution: scanners feed every unquoted byte here to count the case
 * ... esac words they pass (a heuristic: the words are not parsed). */
struct case_track {
	char word[8];
	size_t len;
	int depth;              /* open case commands */
};
void case_track(struct case_track *ct, char c);

/* ---- sources and the lexer (main.c, lex.c) ---------------------------- */

struct src {
	char *buf;              /* text fetched so far (the current command) */
	size_t len, cap, pos;   /* pos: the next byte the lexer reads */
	int fd;                 /* stream to fetch lines from, -1: all in buf */
	int interactive;        /* fetch through the line editor with prompts */
	int eof;                /* nothing more can be fetched */
	int lineno;             /* line of buf[pos] */
	int ps2;                /* the next fetch continues a command */
};
void src_init_string(struct src *s, const char *text, size_t len);
void src_init_fd(struct src *s, int fd, int interactive);
int src_get(struct src *s);                     /* next byte or -1 at EOF */
void src_unget(struct src *s);                  /* undo the last src_get */
void src_compact(struct src *s);                /* drop what was consumed */

enum tok {
	T_EOF, T_NEWLINE, T_WORD, T_SEMI, T_AMP, T_PIPE, T_AND, T_OR, T_DSEMI,
	T_LPAREN, T_RPAREN,
	/* redirection operators */
	T_LESS, T_GREAT, T_DGREAT, T_CLOBBER, T_LESSAND, T_GREATAND,
	T_DLESS, T_DLESSDASH, T_LESSGREAT,
	T_ERROR,
};

struct token {
	enum tok type;
	char *text;             /* T_WORD: raw text (quotes kept), arena */
	int quoted;             /* T_WORD has a quote or backslash in it */
	int io_number;          /* redirection: the fd before it, or -1 */
	int lineno;
	size_t start, end;       /* its text in src->buf */
};

struct redir;
struct lexer {
	struct src *src;
	struct token tok;       /* the current (looked-ahead) token */
	int have_tok;
	struct redir *pending_hd[64];   /* here-documents waiting for a body */
	int n_pending_hd;
	const char *error;      /* set with T_ERROR */
	size_t last_end;        /* end of the last token consumed */
};
void lex_init(struct lexer *lx, struct src *src);
struct token *lex_peek(struct lexer *lx);
void lex_next(struct lexer *lx);                /* consume the current token */
void lex_add_heredoc(struct lexer *lx, struct redir *r);
const char *tok_name(const struct token *t);

/* ---- the tree (parse.c) ---------------------------------------------- */

enum node_type {
	N_CMD, N_PIPE, N_AND, N_OR, N_SEQ, N_BG, N_SUBSHELL, N_GROUP,
	N_IF, N_WHILE, N_UNTIL, N_FOR, N_CASE, N_FUNC,
};

enum redir_op { R_IN, R_OUT, R_APPEND, R_CLOBBER, R_DUPIN, R_DUPOUT, R_HEREDOC, R_RDWR };

struct redir {
	struct redir *next;
	int fd;                 /* the fd redirected */
	enum redir_op op;
	char *word;             /* target (raw), or the here-document delimiter */
	char *heredoc;          /* here-document body (raw) */
	int hd_quoted;          /* delimiter was quoted: body is literal */
	int hd_strip;           /* <<-: leading tabs stripped */
};

struct wordlist {
	struct wordlist *next;
	char *w;
};

struct caseitem {
	struct caseitem *next;
	struct wordlist *pats;
	struct node *body;
};

struct node {
	enum node_type type;
	int lineno;
	struct redir *redirs;   /* simple and compound commands */
	char *text;             /* a whole pipeline's source text (for jobs), or NULL */
	union {
		struct { struct wordlist *assigns, *words; } cmd;
		struct { struct node **cmds; int n; int bang; } pipe;
		struct { struct node *left, *right; } bin;      /* AND OR SEQ */
		struct { struct node *body; char *text; } sub;  /* BG SUBSHELL GROUP */
		struct { struct node *cond, *then, *els; } ifn;
		struct { struct node *cond, *body; } loop;      /* WHILE UNTIL */
		struct { char *var; struct wordlist *words; int has_in; struct node *body; } forn;
		struct { char *word; struct caseitem *items; } casen;
		struct { char *name; struct node *body; } func;
	};
};

enum parse_result { P_OK, P_EMPTY, P_EOF, P_ERROR };
/* Parse one complete command (up to a newline at the top level) from src
 * into cur_arena. P_OK: *out is the tree; P_EMPTY: a blank line;
 * P_EOF: end of input; P_ERROR: a syntax error was reported. */
enum parse_result parse_command(struct src *src, struct node **out);

/* ---- expansion (expand.c, arith.c) ------------------------------------ */

char **expand_words(struct wordlist *wl, int *argc);    /* NULL on error */
char *expand_str(const char *raw);              /* no splitting or globbing */
char *expand_pattern(const char *raw);          /* for fnmatch: quoted chars escaped */
char *expand_heredoc(const char *body);
void argv_free(char **argv);
int arith_eval(const char *expr, long *out);    /* 0, or -1 after an error message */
/* Run text as shell commands in a child; its stdout, trailing newlines cut. */
char *command_subst(const char *text, size_t len);

/* ---- execution (exec.c) ----------------------------------------------- */

#define EX_CHILD 1              /* in a forked child: may exec without forking */

int exec_node(struct node *n, int flags);
/* Parse and run every command in text; the status of the last. */
int eval_string(const char *text, size_t len);
/* Run commands from src until EOF (or a syntax error when not
 * interactive: sh.syntax_error is set); the last status. */
int run_source(struct src *src);
/* Run a script file in this process (sh FILE, ENOEXEC); its status. */
int run_script(const char *path, int argc, char **argv);
const char *prompt_get(int ps2);
void exec_external(char **argv) __attribute__((noreturn));
/* `command NAME ARG...`: a builtin or a program, never a function. */
int run_command_argv(int argc, char **argv);
int run_function(struct node *body, int argc, char **argv);
int builtin_local(int argc, char **argv);
int builtin_kill(int argc, char **argv);
struct node *func_lookup(const char *name);
void sh_exit(int status) __attribute__((noreturn));
void child_reset_signals(void);

/* ---- builtins ---------------------------------------------------------- */

typedef int (*builtin_fn)(int argc, char **argv);
struct builtin {
	const char *name;
	builtin_fn fn;
	int special;            /* POSIX special builtin: assignments persist */
};
const struct builtin *builtin_lookup(const char *name);
int builtin_test(int argc, char **argv);
/* Where `command -v`/`type` find a name: writes a description. */
int describe_command(const char *name, int verbose);
char *path_search(const char *name);            /* malloc'd, or NULL */

/* ---- variables (vars.c) ----------------------------------------------- */

#define V_EXPORT 1
#define V_READONLY 2

const char *var_get(const char *name);
int var_set(const char *name, const char *value, int flags); /* -1: readonly */
int var_unset(const char *name);
void var_set_flags(const char *name, int flags);
void var_import(char **envp);
char **var_environ(void);                       /* malloc'd; argv_free */
void var_print(int exported_only);

/* Positional parameters ($1...); a function call pushes a new set. */
struct posparams {
	int argc;
	char **argv;            /* argv[0] is $1; malloc'd copies */
};
void pos_set(int argc, char **argv);            /* replace the current set */
void pos_push(int argc, char **argv);
void pos_pop(void);
struct posparams *pos_cur(void);

/* ---- jobs (jobs.c) ----------------------------------------------------- */

enum job_state { JOB_RUNNING, JOB_STOPPED, JOB_DONE };
struct job;
struct job *job_new(pid_t pgid, const char *text);
void job_add_pid(struct job *j, pid_t pid);
int job_id(const struct job *j);
void job_background(struct job *j);
/* Wait for every process of a foreground job; its status (128+sig if
 * killed); a stopped job stays in the table and is reported. */
int job_wait_fg(struct job *j);
void job_forget(struct job *j);
void jobs_reap(int block);                      /* collect finished children */
void jobs_notify(void);                         /* "[1]+ Done" lines */
int builtin_wait(int argc, char **argv);
int builtin_jobs(int argc, char **argv);
int builtin_fg(int argc, char **argv);
int builtin_bg(int argc, char **argv);
void term_take(void);                           /* give the tty back to the shell */
void term_give(pid_t pgid);
void term_save_modes(void);                     /* remember the shell's termios */
int jobs_exit_check(void);                      /* 1: warned about stopped jobs, stay */
void jobs_hangup_stopped(void);                 /* on exit: SIGHUP+SIGCONT stopped jobs */
int wait_status(int st);                        /* wait(2) status -> $? */

/* ---- signals and traps (trap.c) ---------------------------------------- */

int sig_number(const char *s);                  /* "TERM" "SIGTERM" "15" -> 15; -1 */
int sig_number_ex(const char *s, int exit_ok);  /* also "EXIT"/"0" -> 0 */
const char *sig_name(int sig);                  /* 15 -> "TERM" */
void sig_list(void);                            /* kill -l, trap -l */
int builtin_trap(int argc, char **argv);
void traps_init(void);                          /* once, when sh.interactive is known */
void traps_run(void);                           /* a safe point: run caught traps */
int trap_pending(void);                         /* a caught signal not yet run, or 0 */
int trap_take_sigint(void);                     /* interactive shell got ^C: 1 once */
void trap_clear_sigint(void);                   /* a new top-level command */
void trap_run_exit(int status);                 /* the EXIT trap, at most once */
void traps_subshell(void);                      /* forked child: caught -> default */
int trap_ignored(int sig);                      /* trap '' sig */
void traps_mask(sigset_t *set);                 /* the trapped signals */

/* ---- the line editor (edit.c) ----------------------------------------- */

/* Read one line with prompt on fd 0 (echoing on fd 2); malloc'd with its
 * '\n', or NULL at end of input. */
char *edit_line(const char *prompt);
void history_add(const char *line);

/* ---- shell state ------------------------------------------------------- */

struct shell {
	int status;             /* $? */
	pid_t pid;              /* $$ (the top shell's, also in subshells) */
	pid_t lastbg;           /* $! */
	char *arg0;             /* $0 */
	int interactive;
	int monitor;            /* job control: process groups, tty handover */
	int opt_e, opt_x, opt_f, opt_u, opt_n, opt_v;
	int errexit_off;        /* >0: in a condition, set -e does not apply */
	int loop_depth;
	int brk, cont;          /* pending break/continue levels */
	int returning;          /* a return is unwinding to the function */
	int func_depth;
	int subshell;           /* >0 in a forked subshell */
	int nest_depth;         /* recursion guard for eval/cmdsubst/functions */
	int lineno;
	int subst_status;       /* status of the last command substitution, -1: none */
	int syntax_error;       /* run_source stopped at a syntax error */
	int intr;               /* interactive: a fg job died of ^C or stopped: end the line */
	unsigned long cmd_count;        /* top-level commands read (interactive) */
	pid_t shell_pgid;
	int tty_fd;             /* -1 without a controlling terminal */
};
extern struct shell sh;

#define SH_MAX_NEST 200         /* deepest eval/function/parse nesting */

#endif
