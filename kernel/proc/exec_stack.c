/*
 * The Linux initial stack's table part (interface and picture in
 * <proc/binfmt.h>): pure arithmetic on a caller's buffer, so the host
 * tests check the layout word by word. exec.c copies the strings and then
 * the finished table into the new address space. No locks.
 */
#include <kernel/compiler.h>
#include <lib/string.h>
#include <proc/binfmt.h>
#include <uapi/elf.h>

/*
 * Linux 6.x's bprm_stack_limits: at most 3/4 of _STK_LIM and 1/4 of the
 * stack rlimit, at least 32 pages (ARG_MAX). The caller subtracts the
 * pointer vectors.
 */
unsigned long exec_arg_limit(unsigned long stack_rlimit)
{
	unsigned long limit = STK_LIM / 4 * 3;

	limit = MIN(limit, stack_rlimit / 4);
	return MAX(limit, ARG_MIN_LIMIT);
}

/* Words from sp to the end of the auxv (AT_NULL included). */
static u64 exec_table_words(u64 argc, u64 envc, unsigned int nauxv)
{
	return 1 + (argc + 1) + (envc + 1) + 2 * ((u64)nauxv + 1);
}

size_t exec_stack_table_size(u64 argc, u64 envc)
{
	/* + 16 bytes: the padding that aligns sp */
	return (size_t)(exec_table_words(argc, envc, EXEC_AUXV_MAX) * sizeof(u64) + 16);
}

void exec_stack_init(struct exec_stack *st, u64 top, u64 limit, u64 argc, u64 envc, u64 *table)
{
	st->top = top;
	st->p = top - sizeof(u64);
	st->floor = limit < st->p ? st->p - limit : 0;
	st->argc = argc;
	st->envc = envc;
	st->table = table;
}

u64 exec_stack_push(struct exec_stack *st, size_t len)
{
	if (len > st->p - st->floor)
		return 0;
	st->p -= len;
	return st->p;
}

u64 exec_stack_finish(struct exec_stack *st, const struct exec_auxv *auxv, unsigned int n,
		      u64 execfn, u64 *rnd, size_t *len)
{
	u64 words = exec_table_words(st->argc, st->envc, n);
	u64 *aux = &st->table[st->argc + st->envc + 3];
	u64 r = (st->p & ~15ULL) - 16;
	u64 sp = (r - words * sizeof(u64)) & ~15ULL;

	st->table[0] = st->argc;
	*exec_stack_argv(st, st->argc) = 0;
	*exec_stack_envp(st, st->envc) = 0;
	for (unsigned int i = 0; i < n; i++) {
		aux[2 * i] = auxv[i].tag;
		aux[2 * i + 1] = auxv[i].tag == AT_RANDOM ? r
			       : auxv[i].tag == AT_EXECFN ? execfn : auxv[i].val;
	}
	aux[2 * n] = AT_NULL;
	aux[2 * n + 1] = 0;
	/* the padding between the auxv and the random bytes */
	memset(&st->table[words], 0, (size_t)(r - sp - words * sizeof(u64)));
	*rnd = r;
	*len = (size_t)(r - sp);
	return sp;
}
