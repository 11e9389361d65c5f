/*
 * execve: the driver (interface in <proc/exec.h>; docs/proc.md, "exec").
 *
 *   exec_run
 *     open the file                              opener errors
 *     count argv/envp                            -EFAULT, -E2BIG
 *     exec_resolve: "#!" chain, ELF headers      -ENOEXEC, -ELOOP, elf_parse's errnos
 *     exec_build: a new mm with the stack VMA,
 *       the strings, the segments, the vDSO,
 *       the auxv table and the random bytes      -EFAULT, -E2BIG, -ENOMEM
 *     ---- point of no return ----
 *     exec_commit: other threads, swap the mm, FP state, close-on-exec,
 *       name, signal handlers (signal_exec), instruction caches
 *       (mm_flush_icache), user registers
 *
 * (Linux copies the strings before it looks at the file's format, so a
 * call that is wrong in both ways reports -EFAULT/-E2BIG where Kestrel
 * reports the format error. Nothing else differs in the order.)
 *
 * Nothing before the point of no return touches the caller: the new mm
 * is filled through copy_to_mm and only becomes current in exec_commit.
 *
 * Locks: none of its own. It takes the new mm's lock through the mm calls,
 * and process_lock to read credentials and write comm.
 */
#include <arch/csr.h>
#include <arch/fpu.h>
#include <arch/hwcap.h>
#include <arch/irqflags.h>
#include <arch/ptrace.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/syscall.h>
#include <kernel/panic.h>
#include <kernel/random.h>
#include <kernel/vdso.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <mm/vmalloc.h>
#include <proc/binfmt.h>
#include <proc/exec.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#define EXEC_PATH_MAX    4096                /* PATH_MAX, NUL included */
#define EXEC_STACK_INIT  (128UL << 10)       /* Linux's stack_expand: the first stack VMA */
#define EXEC_MAX_PREFIX  (3 + 2 * EXEC_MAX_DEPTH)
#define USER_HZ          100                 /* AT_CLKTCK: times() ticks, not the kernel's HZ */
/* AT_MINSIGSTKSZ: sizeof(struct rt_sigframe) of Linux riscv64 without V (siginfo + ucontext). */
#define EXEC_MINSIGSTKSZ 1088

/* One exec in progress. */
struct exec_bprm {
	const struct exec_opener *op;
	const char *filename;        /* as given: AT_EXECFN, the task name */
	struct exec_strings argv, envp;
	u64 argc, envc;              /* the caller's vectors */
	u64 str_limit;               /* bytes of strings allowed (after the pointers) */
	unsigned long stack_rlimit;
	struct exec_source src;      /* the file being looked at; open if src_open */
	bool src_open;
	struct elf_info *elf;
	char head[BINPRM_BUF_SIZE];
	char *prefix[EXEC_MAX_PREFIX];   /* argv from "#!" lines, in final order */
	unsigned int nprefix;
	bool skip_argv0;             /* a script: argv[0] gives way to the prefix */
	struct mm_struct *mm;        /* the new image, until committed */
	u64 *table;
	size_t table_size;
	struct exec_stack st;
	u64 execfn, sp;
	unsigned long vdso_base;
	struct pt_regs *regs;        /* the caller's user trap frame, or NULL (a kernel thread) */
	char *page;                  /* a page of scratch */
};

/* ------------------------------------------------------------ argv/envp */

/* Vector entry i: 0 and *p, or -EFAULT. */
static int exec_vec_get(const struct exec_strings *v, u64 i, const char **p)
{
	if (!v->vec) {
		*p = NULL;
		return 0;
	}
	if (!v->user) {
		*p = ((const char *const *)v->vec)[i];
		return 0;
	}
	return get_user(*p, (const char *const __user *)v->vec + i);
}

/*
 * The number of strings in v: >= 0, -EFAULT or -E2BIG. More than max
 * cannot fit (their pointers alone exceed the limit): -E2BIG at once,
 * as Linux would after counting them all.
 */
static long exec_count(const struct exec_strings *v, u64 max)
{
	for (u64 i = 0;; i++) {
		const char *p;
		int err = exec_vec_get(v, i, &p);

		if (err)
			return err;
		if (!p)
			return (long)i;
		if (i >= MIN(max, (u64)MAX_ARG_STRINGS))
			return -E2BIG;
		if (!(i & 1023))
			cond_resched();
	}
}

static unsigned long exec_stack_rlimit(void)
{
	struct process *p = current->proc;
	unsigned long lim = MM_STACK_LIMIT_DEFAULT;

	if (p) {
		unsigned long irq = spin_lock_irqsave(&p->lock);
		lim = p->rlim[RLIMIT_STACK].rlim_cur;
		spin_unlock_irqrestore(&p->lock, irq);
	}
	return lim;
}

/* Count both vectors and set the string budget (Linux's bprm_stack_limits). */
static int exec_count_args(struct exec_bprm *b)
{
	u64 ptrs, limit;
	long argc, envc;

	b->stack_rlimit = exec_stack_rlimit();
	limit = exec_arg_limit(b->stack_rlimit);
	argc = exec_count(&b->argv, limit / sizeof(void *));
	if (argc < 0)
		return (int)argc;
	envc = exec_count(&b->envp, limit / sizeof(void *));
	if (envc < 0)
		return (int)envc;
	b->argc = (u64)argc;
	b->envc = (u64)envc;
	ptrs = (MAX(b->argc, 1) + b->envc) * sizeof(void *);
	if (limit <= ptrs)
		return -E2BIG;
	b->str_limit = limit - ptrs;
	return 0;
}

/* ------------------------------------------------------------ "#!" and ELF */

static void exec_close_src(struct exec_bprm *b)
{
	if (b->src_open)
		b->op->close(b->op->ctx, &b->src);
	b->src_open = false;
}

static int exec_open_src(struct exec_bprm *b, const char *path)
{
	int err = b->op->open(b->op->ctx, path, &b->src);

	b->src_open = !err;
	return err;
}

/* Put s (copied) at position at of the prefix. */
static int exec_prefix_insert(struct exec_bprm *b, unsigned int at, const char *s)
{
	size_t len = strlen(s) + 1;
	char *copy = kmalloc(len, GFP_KERNEL);

	if (!copy)
		return -ENOMEM;
	BUG_ON(b->nprefix >= EXEC_MAX_PREFIX);
	memcpy(copy, s, len);
	memmove(&b->prefix[at + 1], &b->prefix[at], (b->nprefix - at) * sizeof(char *));
	b->prefix[at] = copy;
	b->nprefix++;
	return 0;
}

/*
 * Linux's argv rewrite for one "#!" level: argv[0] goes (the caller's,
 * or the previous level's interpreter name), then the script's path, the
 * optional argument and the interpreter name are pushed in front. Since
 * the path of level k > 0 is the name level k - 1 pushed, only level 0
 * adds the path.
 */
static int exec_rewrite_argv(struct exec_bprm *b, const char *interp, const char *arg,
			     unsigned int depth)
{
	int err = 0;

	if (depth == 0) {
		b->skip_argv0 = true;
		err = exec_prefix_insert(b, 0, b->filename);
	}
	if (!err && arg)
		err = exec_prefix_insert(b, 0, arg);
	return err ? err : exec_prefix_insert(b, 0, interp);
}

/* Follow "#!" lines from the open b->src to an ELF file and check its headers. */
static int exec_resolve(struct exec_bprm *b, u64 limit)
{
	for (unsigned int depth = 0;; depth++) {
		size_t n = (size_t)MIN(b->src.size, (u64)BINPRM_BUF_SIZE);
		const char *interp, *arg;
		char name[BINPRM_BUF_SIZE];
		int err = exec_source_read(&b->src, b->head, n, 0);

		if (err)
			return err;
		if (script_parse(b->head, n, &interp, &arg) != 0)
			return elf_parse(&b->src, b->elf, MMAP_MIN_ADDR, limit);
		err = exec_rewrite_argv(b, interp, arg, depth);
		if (err)
			return err;
		strlcpy(name, interp, sizeof(name));
		exec_close_src(b);
		err = exec_open_src(b, name);
		if (err)
			return err;
		if (depth + 1 > EXEC_MAX_DEPTH)
			return -ELOOP;
	}
}

/* ------------------------------------------------------------ the new stack */

/* Push len bytes of the kernel string s; its address, or -E2BIG/-EFAULT/-ENOMEM. */
static long exec_push_kernel(struct exec_bprm *b, const char *s)
{
	size_t len = strnlen(s, MAX_ARG_STRLEN) + 1;
	u64 addr;
	int err;

	if (len > MAX_ARG_STRLEN)
		return -E2BIG;
	addr = exec_stack_push(&b->st, len);
	if (!addr)
		return -E2BIG;
	err = copy_to_mm(b->mm, (void __user *)addr, s, len);
	return err ? err : (long)addr;
}

/* The length of the user string u (NUL excluded), < MAX_ARG_STRLEN, or -errno. */
static long exec_user_strlen(struct exec_bprm *b, const char __user *u)
{
	size_t total = 0;

	while (total < MAX_ARG_STRLEN) {
		long chunk = (long)MIN((size_t)PAGE_SIZE, MAX_ARG_STRLEN - total);
		long n = strncpy_from_user(b->page, u + total, chunk);

		if (n < 0)
			return n;
		total += (size_t)n;
		if (n < chunk)
			return total < MAX_ARG_STRLEN ? (long)total : -E2BIG;
	}
	return -E2BIG;
}

/*
 * Push a user string. Short ones (the usual case) are read once; a longer
 * one is measured, then copied a page at a time, and its last byte forced
 * to NUL in case the caller changed it in between.
 */
static long exec_push_user(struct exec_bprm *b, const char __user *u)
{
	long n = strncpy_from_user(b->page, u, PAGE_SIZE);
	u64 addr;
	int err;

	if (n >= 0 && n == (long)PAGE_SIZE)
		n = exec_user_strlen(b, u);
	if (n < 0)
		return n;
	addr = exec_stack_push(&b->st, (size_t)n + 1);
	if (!addr)
		return -E2BIG;
	if ((size_t)n < PAGE_SIZE)
		return copy_to_mm(b->mm, (void __user *)addr, b->page, (size_t)n + 1) ?: (long)addr;
	for (size_t off = 0; off < (size_t)n; off += PAGE_SIZE) {
		size_t c = MIN((size_t)PAGE_SIZE, (size_t)n - off);

		err = copy_from_user(b->page, u + off, c);
		if (!err)
			err = copy_to_mm(b->mm, (void __user *)(addr + off), b->page, c);
		if (err)
			return err;
	}
	b->page[0] = '\0';
	return copy_to_mm(b->mm, (void __user *)(addr + (u64)n), b->page, 1) ?: (long)addr;
}

/* Push string i of v; its address or -errno. */
static long exec_push_vec(struct exec_bprm *b, const struct exec_strings *v, u64 i)
{
	const char *p;
	int err = exec_vec_get(v, i, &p);

	if (err)
		return err;
	if (!p)
		return -EFAULT;   /* the vector changed under us: shorter now */
	return v->user ? exec_push_user(b, (const char __user *)p) : exec_push_kernel(b, p);
}

/*
 * The strings, top down: execfn, envp (last first), the caller's argv
 * (last first, without argv[0] for a script; "" if it was empty), the
 * "#!" prefix.
 */
static int exec_push_strings(struct exec_bprm *b)
{
	u64 first = b->skip_argv0 ? 1 : 0, nargs = MAX(b->argc, 1);
	long a = exec_push_kernel(b, b->filename);

	if (a < 0)
		return (int)a;
	b->execfn = (u64)a;
	for (u64 i = b->envc; i-- > 0;) {
		if ((a = exec_push_vec(b, &b->envp, i)) < 0)
			return (int)a;
		*exec_stack_envp(&b->st, i) = (u64)a;
	}
	for (u64 i = nargs; i-- > first;) {
		a = b->argc ? exec_push_vec(b, &b->argv, i) : exec_push_kernel(b, "");
		if (a < 0)
			return (int)a;
		*exec_stack_argv(&b->st, b->nprefix + i - first) = (u64)a;
	}
	for (unsigned int i = b->nprefix; i-- > 0;) {
		if ((a = exec_push_kernel(b, b->prefix[i])) < 0)
			return (int)a;
		*exec_stack_argv(&b->st, i) = (u64)a;
	}
	return 0;
}

/* The auxiliary vector, in Linux riscv64's order. Returns the number of entries. */
static unsigned int exec_auxv(struct exec_bprm *b, struct exec_auxv *av)
{
	struct process *p = current->proc;
	struct cred c = { 0 };
	unsigned int n = 0;

	if (p) {
		unsigned long irq = spin_lock_irqsave(&p->lock);
		c = p->cred;
		spin_unlock_irqrestore(&p->lock, irq);
	}
#define AUX(t, v) (av[n++] = (struct exec_auxv){ (t), (u64)(v) })
	if (b->vdso_base)
		AUX(AT_SYSINFO_EHDR, b->vdso_base);
	AUX(AT_MINSIGSTKSZ, EXEC_MINSIGSTKSZ);
	AUX(AT_HWCAP, elf_hwcap());
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, USER_HZ);
	AUX(AT_PHDR, b->elf->phdr_addr);
	AUX(AT_PHENT, sizeof(Elf64_Phdr));
	AUX(AT_PHNUM, b->elf->ehdr.e_phnum);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, b->elf->entry);
	AUX(AT_UID, c.uid);
	AUX(AT_EUID, c.euid);
	AUX(AT_GID, c.gid);
	AUX(AT_EGID, c.egid);
	AUX(AT_SECURE, c.uid != c.euid || c.gid != c.egid);
	AUX(AT_RANDOM, 0);    /* exec_stack_finish fills in both */
	AUX(AT_EXECFN, 0);
#undef AUX
	BUG_ON(n > EXEC_AUXV_MAX);
	return n;
}

/* The table and the random bytes under the strings; sets b->sp. */
static int exec_finish_stack(struct exec_bprm *b)
{
	struct exec_auxv av[EXEC_AUXV_MAX];
	unsigned int n = exec_auxv(b, av);
	u8 rnd[16];
	u64 rnd_addr;
	size_t len;
	int err;

	b->sp = exec_stack_finish(&b->st, av, n, b->execfn, &rnd_addr, &len);
	get_random_bytes(rnd, sizeof(rnd));
	err = copy_to_mm(b->mm, (void __user *)rnd_addr, rnd, sizeof(rnd));
	memset(rnd, 0, sizeof(rnd));
	return err ? err : copy_to_mm(b->mm, (void __user *)b->sp, b->table, len);
}

/* ------------------------------------------------------------ the new mm */

static int exec_map(void *ctx, u64 start, u64 len)
{
	long r = do_mmap(ctx, start, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, NULL, 0);

	return r == -EEXIST ? -ENOMEM : (r < 0 ? (int)r : 0);
}

/* A segment's file pages, private, from the source's file (text shares the file's pages). */
static int exec_map_file(void *ctx, const struct exec_source *src, u64 start, u64 len, u64 off)
{
	struct mmap_file mf;
	int err = src->mmap(src->ctx, &mf);
	long r;

	if (err)
		return err;
	r = do_mmap(ctx, start, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_FIXED_NOREPLACE, &mf, off >> PAGE_SHIFT);
	return r == -EEXIST ? -ENOMEM : (r < 0 ? (int)r : 0);
}

static int exec_write(void *ctx, u64 addr, const void *buf, size_t n)
{
	return copy_to_mm(ctx, (void __user *)addr, buf, n);
}

static int exec_protect(void *ctx, u64 start, u64 len, unsigned int prot)
{
	return do_mprotect(ctx, start, len, prot);
}

/* An mm with the stack VMA at the top, its limits set from RLIMIT_STACK. */
static int exec_new_mm(struct exec_bprm *b)
{
	unsigned long prot = PROT_READ | PROT_WRITE | (b->elf->exec_stack ? PROT_EXEC : 0);
	unsigned long irq;
	long r;

	b->mm = mm_create();
	if (IS_ERR(b->mm)) {
		int err = (int)PTR_ERR(b->mm);
		b->mm = NULL;
		return err;
	}
	irq = mm_lock(b->mm);
	/* the stack grows at most to the area above mmap_base, less its guard gap */
	b->mm->stack_limit = MIN(b->stack_rlimit,
				 USER_TOP - b->mm->mmap_base - b->mm->stack_guard_gap);
	mm_unlock(b->mm, irq);
	r = do_mmap(b->mm, USER_TOP - EXEC_STACK_INIT, EXEC_STACK_INIT, prot,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, NULL, 0);
	return r < 0 ? (int)r : 0;
}

static int exec_build(struct exec_bprm *b)
{
	struct elf_mapper m = { .map = exec_map, .map_file = exec_map_file, .write = exec_write,
				.protect = exec_protect };
	u64 argc = b->nprefix + MAX(b->argc, 1) - (b->skip_argv0 ? 1 : 0);
	int err = exec_new_mm(b);

	if (err)
		return err;
	m.ctx = b->mm;
	b->table_size = exec_stack_table_size(argc, b->envc);
	b->table = b->table_size <= 2 * PAGE_SIZE ? kzalloc(b->table_size, GFP_KERNEL) : vzalloc(b->table_size);
	if (!b->table)
		return -ENOMEM;
	exec_stack_init(&b->st, USER_TOP, b->str_limit, argc, b->envc, b->table);
	err = exec_push_strings(b);
	if (!err)
		err = elf_load(b->elf, &b->src, &m, b->page, PAGE_SIZE);
	if (!err)
		err = vdso_map(b->mm, &b->vdso_base);
	if (!err)
		err = exec_finish_stack(b);
	if (err)
		return err;
	mm_brk_init(b->mm, b->elf->brk_start);
	unsigned long irq = mm_lock(b->mm);
	b->mm->start_stack = b->sp;
	mm_unlock(b->mm, irq);
	return 0;
}

/* ------------------------------------------------------------ commit */

static void exec_set_name(const char *filename)
{
	const char *base = strrchr(filename, '/');
	struct process *p = current->proc;

	base = base ? base + 1 : filename;
	strlcpy(current->name, base, sizeof(current->name));
	if (p) {
		unsigned long irq = spin_lock_irqsave(&p->lock);
		strlcpy(p->comm, base, sizeof(p->comm));
		spin_unlock_irqrestore(&p->lock, irq);
	}
}

/* The point of no return: from here the caller's old image is gone. */
static void exec_commit(struct exec_bprm *b)
{
	struct pt_regs *regs = b->regs;
	struct mm_struct *old;
	unsigned long irq;

	exec_kill_other_threads();
	if (current->vfork_done) {
		/* The vfork parent may run again: the child no longer uses its memory. */
		complete(current->vfork_done);
		current->vfork_done = NULL;
	}
	irq = local_irq_save();
	old = current->mm;
	current->mm = b->mm;
	mm_switch(b->mm);
	local_irq_restore(irq);
	b->mm = NULL;
	if (old)
		mm_put(old);
	exec_close_on_exec(current);
	exec_set_name(b->filename);
	syscall_trace_check(current);
	current->robust_list = 0;
	current->robust_list_len = 0;
	if (current->proc) {
		WRITE_ONCE(current->proc->did_exec, true);
		signal_exec();   /* caught handlers to SIG_DFL; mask, ignored and pending stay */
	}
	mm_flush_icache(current->mm);
	if (!regs)
		return;   /* a kernel thread: user_start() builds the frame */
	memset(regs, 0, sizeof(*regs));
	regs->epc = b->elf->entry;
	regs->sp = b->sp;
	/* sret to U-mode with interrupts on there, FP usable from its initial (zero) state */
	regs->status = (csr_read(sstatus) & ~(SSTATUS_SPP | SSTATUS_FS | SSTATUS_SUM | SSTATUS_SIE)) |
		       SSTATUS_SPIE;
	fpu_init_user(current, regs);
}

/* ------------------------------------------------------------ entry points */

static void exec_free(struct exec_bprm *b)
{
	exec_close_src(b);
	if (b->mm)
		mm_put(b->mm);
	if (b->table && b->table_size <= 2 * PAGE_SIZE)
		kfree(b->table);
	else if (b->table)
		vfree(b->table);
	for (unsigned int i = 0; i < b->nprefix; i++)
		kfree(b->prefix[i]);
	kfree(b->page);
	kfree(b->elf);
	kfree(b);
}

int exec_run(const struct exec_opener *op, const char *filename, struct exec_strings argv,
	     struct exec_strings envp, struct pt_regs *regs, struct exec_entry *entry)
{
	struct exec_bprm *b = kzalloc(sizeof(*b), GFP_KERNEL);
	int err = -ENOMEM;

	might_sleep();
	if (!b)
		return -ENOMEM;
	*b = (struct exec_bprm){ .op = op, .filename = filename, .argv = argv, .envp = envp,
				 .regs = regs };
	b->elf = kmalloc(sizeof(*b->elf), GFP_KERNEL);
	b->page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!b->elf || !b->page)
		goto out;
	err = exec_open_src(b, filename);
	if (!err)
		err = exec_count_args(b);
	if (!err)
		err = exec_resolve(b, MM_MMAP_BASE_DEFAULT);
	if (!err)
		err = exec_build(b);
	if (!err) {
		entry->pc = b->elf->entry;
		entry->sp = b->sp;
		exec_commit(b);
	}
out:
	exec_free(b);
	return err;
}

static int exec_file_open_op(void *ctx, const char *path, struct exec_source *src)
{
	return exec_file_open(path, src);
}

static void exec_file_close_op(void *ctx, struct exec_source *src)
{
	exec_file_close(src);
}

static const struct exec_opener exec_file_opener = {
	.open = exec_file_open_op,
	.close = exec_file_close_op,
};

/*
 * Self-tests only (kernel/proc/ktest_exec.c): while set, sys_execve opens
 * files through this opener instead of the file layer, so the system-call
 * path can be tested on in-memory programs. NULL otherwise.
 */
const struct exec_opener *exec_test_opener;

int do_execve(const char *filename, char *const argv[], char *const envp[],
	      struct exec_entry *entry)
{
	return exec_run(&exec_file_opener, filename,
			(struct exec_strings){ .vec = argv, .user = false },
			(struct exec_strings){ .vec = envp, .user = false }, NULL, entry);
}

/*
 * execve(path, argv, envp). On success the trap frame already holds the
 * new image's registers with a0 = 0, which is what this returns into a0.
 */
long sys_execve(const struct syscall_args *args)
{
	char *path = kmalloc(EXEC_PATH_MAX, GFP_KERNEL);
	/* the frame of this system call, at the top of the kernel stack */
	struct pt_regs *regs = (struct pt_regs *)((char *)current->stack + KSTACK_SIZE) - 1;
	struct exec_entry entry;
	long n, err;

	if (!path)
		return -ENOMEM;
	n = strncpy_from_user(path, (const char __user *)args->a[0], EXEC_PATH_MAX);
	if (n < 0)
		err = n;
	else if (n == EXEC_PATH_MAX)
		err = -ENAMETOOLONG;
	else if (n == 0)
		err = -ENOENT;
	else
		err = exec_run(READ_ONCE(exec_test_opener) ?: &exec_file_opener, path,
			       (struct exec_strings){ .vec = (const void *)args->a[1], .user = true },
			       (struct exec_strings){ .vec = (const void *)args->a[2], .user = true },
			       regs, &entry);
	kfree(path);
	return err;
}
