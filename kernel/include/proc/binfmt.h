/*
 * The pure pieces of exec (kernel/proc/exec_stack.c, binfmt_script.c):
 * the Linux initial-stack table and the "#!" line parser. No mm, no
 * files; tests/unit/test_exec_stack.c and test_script.c run them on the
 * host. kernel/proc/exec.c drives them; docs/proc.md, "exec", draws the
 * stack.
 */
#ifndef PROC_BINFMT_H
#define PROC_BINFMT_H

#include <kernel/types.h>

/* Linux's limits on exec arguments (include/uapi/linux/binfmts.h, fs/exec.c). */
#define MAX_ARG_STRLEN   (32 * 4096UL)   /* one string, NUL included */
#define MAX_ARG_STRINGS  0x7fffffffUL
#define ARG_MIN_LIMIT    (32 * 4096UL)   /* Linux's ARG_MAX: the floor of the total */
#define STK_LIM          (8UL << 20)     /* _STK_LIM: the total is at most 3/4 of it */
#define BINPRM_BUF_SIZE  256             /* bytes read to recognize a format */
#define EXEC_MAX_DEPTH   5               /* "#!" rewrites allowed; one more is -ELOOP */

/* The total size of argument and environment strings plus their pointers (E2BIG beyond). */
unsigned long exec_arg_limit(unsigned long stack_rlimit);

/* ------------------------------------------------------------ initial stack */

/* The auxv entries exec_stack_table writes (a bound for the table size). */
#define EXEC_AUXV_MAX 24

struct exec_auxv {
	u64 tag, val;
};

/*
 * The initial stack being built, top down (Linux's layout):
 *
 *   top            end of the stack VMA
 *   top - 8        8 zero bytes
 *                  the execfn string, then the environment strings, then
 *                  the argument strings (argv[0] lowest): pushed in that
 *                  order with exec_stack_push, each just below the last
 *   p & ~15        aligned down
 *   - 16           16 random bytes (AT_RANDOM)
 *                  padding to make sp 16-byte aligned
 *   sp             argc, argv[0..argc-1], NULL, envp[0..envc-1], NULL,
 *                  auxv pairs ending with AT_NULL
 *
 * table holds the words from sp up: the caller allocates
 * exec_stack_table_size(argc, envc) bytes, zeroed, and fills the argv/envp
 * slots (exec_stack_argv/envp) as it pushes the strings.
 */
struct exec_stack {
	u64 top;        /* end of the stack VMA (page aligned) */
	u64 p;          /* lowest string byte so far */
	u64 floor;      /* strings may not go below this (the argument limit) */
	u64 argc, envc;
	u64 *table;
};

/* Bytes the table needs: argc, the two vectors and their NULLs, auxv, padding. */
size_t exec_stack_table_size(u64 argc, u64 envc);

/* Start: p = top - 8; floor = p - limit (limit from exec_arg_limit less the pointers). */
void exec_stack_init(struct exec_stack *st, u64 top, u64 limit, u64 argc, u64 envc, u64 *table);

/* Room for a string of len bytes (NUL included) below p: its address, or 0 (-E2BIG). */
u64 exec_stack_push(struct exec_stack *st, size_t len);

static inline u64 *exec_stack_argv(struct exec_stack *st, u64 i) { return &st->table[1 + i]; }
static inline u64 *exec_stack_envp(struct exec_stack *st, u64 i) { return &st->table[st->argc + 2 + i]; }

/*
 * Finish the table under the strings: argc, the NULLs after argv and
 * envp, then the n entries of auxv followed by AT_NULL; an entry whose
 * tag is AT_RANDOM or AT_EXECFN gets its value here (the random bytes'
 * address; execfn). Returns sp; *rnd the address where the caller puts
 * the 16 random bytes, and *len the bytes of table to copy to sp
 * (padding included: they end at *rnd).
 */
u64 exec_stack_finish(struct exec_stack *st, const struct exec_auxv *auxv, unsigned int n,
		      u64 execfn, u64 *rnd, size_t *len);

/* ------------------------------------------------------------ "#!" scripts */

/*
 * Parse the first bytes of a file as Linux 5.1+'s binfmt_script does. buf
 * has room for BINPRM_BUF_SIZE bytes, of which the first n were read from
 * the file; the function zero-fills the rest and writes NULs into it.
 *   - not "#!": -ENOEXEC (not a script; try another format);
 *   - the line is what follows "#!" up to a newline, or, if none is among
 *     the first BINPRM_BUF_SIZE - 1 bytes, all of them -- but then the
 *     interpreter name must end (a blank or NUL) inside them, else the
 *     line was too long: -ENOEXEC;
 *   - blanks (space, tab) are trimmed; the interpreter name is the first
 *     word; the optional argument is the rest, inner blanks kept;
 *   - no name: -ENOEXEC.
 * On success *interp (and *arg, or NULL) point into buf.
 */
int script_parse(char *buf, size_t n, const char **interp, const char **arg);

#endif /* PROC_BINFMT_H */
