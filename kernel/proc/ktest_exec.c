/*
 * Self-tests of exec (ktest=boot): a kernel thread runs exec_run() on
 * programs held in memory (ktest_exec_images.S, built from tests/exec/),
 * enters the new image with user_start() and reports its exit code. The
 * program checks its initial stack, auxv, image and the memory and random
 * system calls from user mode (tests/exec/exec_check.c); a static glibc
 * program checks the vDSO and the time calls (tests/exec/clock.c). Failing execs
 * must return the right errno and leave the caller's address space
 * exactly as it was. Each test ends with a page-leak check. exec_perf and
 * random_perf print the figures docs/proc.md quotes.
 */
#include <arch/cacheflush.h>
#include <arch/irqflags.h>
#include <arch/pgtable.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <kernel/user.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <mm/vmalloc.h>
#include <proc/binfmt.h>
#include <proc/exec.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/mman.h>

#include "ktest_proc.h"

extern const char exec_image_check[], exec_image_check_end[];
extern const char exec_image_check_pie[], exec_image_check_pie_end[];
extern const char exec_image_check_big[], exec_image_check_big_end[];
extern const char exec_image_hello[], exec_image_hello_end[];
extern const char exec_image_clock[], exec_image_clock_end[];

#define EXEC_FAILED 222                 /* the task's exit code when exec_run failed */
#define CALLER_VA   0x7000000UL          /* the caller's own mapping: 2 pages */
#define SENTINEL    0x5e471e15c0ffee00ULL

/* ------------------------------------------------------------ in-memory files */

struct mem_file {
	const char *path;
	const char *data, *end;
};

struct mem_fs {
	const struct mem_file *files;
	unsigned int n;
};

static ssize_t mem_read(void *ctx, void *buf, size_t n, u64 off)
{
	const struct mem_file *f = ctx;
	size_t size = (size_t)(f->end - f->data);

	if (off >= size)
		return 0;
	n = MIN(n, size - (size_t)off);
	memcpy(buf, (const char *)f->data + off, n);
	return (ssize_t)n;
}

static int mem_open(void *ctx, const char *path, struct exec_source *src)
{
	const struct mem_fs *fs = ctx;

	for (unsigned int i = 0; i < fs->n; i++)
		if (strcmp(fs->files[i].path, path) == 0) {
			*src = (struct exec_source){ .read = mem_read, .ctx = (void *)&fs->files[i],
						     .size = (u64)(fs->files[i].end - fs->files[i].data) };
			return 0;
		}
	return -ENOENT;
}

static void mem_close(void *ctx, struct exec_source *src)
{
}

#define IMAGE(p, name) { p, exec_image_##name, exec_image_##name##_end }
#define TEXT(p, s) { p, s, s + sizeof(s) - 1 }

static const struct mem_file base_files[] = {
	IMAGE("/bin/check", check),
	IMAGE("/bin/check_pie", check_pie),
	IMAGE("/bin/check_big", check_big),
	IMAGE("/bin/hello", hello),
	IMAGE("/bin/clock", clock),
	TEXT("/t/script", "#!/bin/check script-arg\necho not reached\n"),
	TEXT("/t/s0", "#!/bin/check script-arg\n"),
	TEXT("/t/s1", "#! /t/s0\n"),
	TEXT("/t/s2", "#!/t/s1"),
	TEXT("/t/s3", "#!\t/t/s2 \n"),
	TEXT("/t/s4", "#!/t/s3\n"),
	TEXT("/t/s5", "#!/t/s4\n"),
	TEXT("/t/loop", "#!/t/loop\n"),
	TEXT("/t/no-interp", "#!/bin/missing\n"),
	TEXT("/t/blank", "#!   \n"),
	TEXT("/t/empty", ""),
	TEXT("/t/text", "hello, world\n"),
};

static const struct mem_fs base_fs = { base_files, ARRAY_SIZE(base_files) };

/* ------------------------------------------------------------ the test task */

struct exec_case {
	const struct mem_fs *fs;
	const char *path;
	const char *const *argv, *const *envp;   /* kernel vectors; NULL: empty */
	bool caller_mm;          /* run from a task with an address space of its own */
	bool user_vectors;       /* copy argv/envp into that space and pass user pointers */
	unsigned long bad_argv;  /* with user_vectors: pass this as argv instead */
	int bad_string;          /* with user_vectors: 1 argv[1] unmapped, 2 argv[1] unterminated */
	/* results */
	int err;
	bool intact;
	u64 ns;
};

/* Put the vectors in the caller's page 1 (page 0 holds the sentinel); their user addresses. */
static int put_user_vectors(struct exec_case *c, unsigned long *uargv, unsigned long *uenvp)
{
	unsigned long strs = CALLER_VA + PAGE_SIZE + 512, vec = CALLER_VA + PAGE_SIZE;
	const char *const *lists[2] = { c->argv, c->envp };
	unsigned long *out[2] = { uargv, uenvp };

	for (int l = 0; l < 2; l++) {
		*out[l] = vec;
		for (int i = 0; lists[l] && lists[l][i]; i++, vec += 8) {
			size_t len = strlen(lists[l][i]) + 1;
			if (copy_to_user((void __user *)strs, lists[l][i], len) ||
			    put_user(strs, (unsigned long __user *)vec))
				return -EFAULT;
			strs += len;
		}
		if (put_user(0UL, (unsigned long __user *)vec))
			return -EFAULT;
		vec += 8;
	}
	if (c->bad_string == 1)
		return put_user(0x1000UL, (unsigned long __user *)(*uargv + 8));
	if (c->bad_string == 2) {   /* argv[1] runs to the end of the mapping */
		char a[64];
		memset(a, 'a', sizeof(a));
		unsigned long end = CALLER_VA + 2 * PAGE_SIZE - sizeof(a);
		return copy_to_user((void __user *)end, a, sizeof(a)) ?:
		       put_user(end, (unsigned long __user *)(*uargv + 8));
	}
	return 0;
}

/* An address space for the caller: two pages, a sentinel in the first. */
static struct mm_struct *make_caller_mm(void)
{
	struct mm_struct *mm = mm_create();
	u64 v = SENTINEL;

	if (IS_ERR(mm))
		return NULL;
	unsigned long irq = local_irq_save();
	current->mm = mm;
	mm_switch(mm);
	local_irq_restore(irq);
	if (do_mmap(mm, CALLER_VA, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) < 0 ||
	    copy_to_user((void __user *)CALLER_VA, &v, sizeof(v)))
		return NULL;
	return mm;
}

static bool caller_intact(struct mm_struct *mm)
{
	u64 v = 0;

	if (current->mm != mm)
		return false;
	if (!mm)
		return true;
	return !copy_from_user(&v, (const void __user *)CALLER_VA, sizeof(v)) && v == SENTINEL &&
	       mm_validate(mm) == NULL;
}

static int exec_task_fn(void *arg)
{
	struct exec_case *c = arg;
	struct exec_opener op = { .open = mem_open, .close = mem_close, .ctx = (void *)c->fs };
	struct exec_strings argv = { c->argv, false }, envp = { c->envp, false };
	struct mm_struct *mm = NULL;
	struct exec_entry entry;
	u64 t0;

	if (proc_become_user())
		return 200;
	if (proc_console_files(current))
		user_task_exit(203);
	if (c->caller_mm && !(mm = make_caller_mm()))
		user_task_exit(201);
	if (c->user_vectors) {
		unsigned long ua, ue;
		if (put_user_vectors(c, &ua, &ue))
			user_task_exit(202);
		argv = (struct exec_strings){ (const void *)(c->bad_argv ?: ua), true };
		envp = (struct exec_strings){ (const void *)ue, true };
	}
	t0 = ktime_get_ns();
	c->err = exec_run(&op, c->path, argv, envp, NULL, &entry);
	c->ns = ktime_get_ns() - t0;
	if (!c->err)
		user_start(entry.pc, entry.sp);
	c->intact = caller_intact(mm);
	user_task_exit(EXEC_FAILED);
}

/* Run one case in a new task; its exit code, or -1 if it could not start. */
static int run_case(struct exec_case *c)
{
	struct task *t = kthread_create(exec_task_fn, c, "exectest");

	return IS_ERR(t) ? -1 : ktest_proc_run(t);
}

static const char *const env_kestrel_check[] = { "K1=v1", "EMPTY=", "EXECFN=/bin/check", NULL };

/* Run path in mode "kestrel"; NULL if it exited 0. */
static const char *run_kestrel(const char *path, const char *const *envp)
{
	const char *const argv[] = { "check", "kestrel", "alpha", "", "gamma delta", NULL };
	struct exec_case c = { .fs = &base_fs, .path = path, .argv = argv, .envp = envp };
	int code = run_case(&c);

	if (code == EXEC_FAILED)
		return ktest_fail("%s: exec failed with %d", path, c.err);
	return code ? ktest_fail("%s: exit code %d (the failed check's number)", path, code) : NULL;
}

static const char *leak_checked(const char *(*body)(void))
{
	unsigned long before = ktest_proc_pages_settled();
	const char *why = body();
	unsigned long after = ktest_proc_pages_settled();

	if (why)
		return why;
	return after == before ? NULL
		: ktest_fail("%lu pages free after, %lu before", after, before);
}

/* ------------------------------------------------------------ the tests */

static const char *static_exec_body(void)
{
	return run_kestrel("/bin/check", env_kestrel_check);
}

KTEST(exec_static_elf_stack_and_auxv)
{
	return leak_checked(static_exec_body);
}

static const char *pie_body(void)
{
	static const char *const env[] = { "K1=v1", "EMPTY=", "EXECFN=/bin/check_pie", NULL };

	return run_kestrel("/bin/check_pie", env);
}

KTEST(exec_static_pie)
{
	return leak_checked(pie_body);
}

static const char *big_and_glibc_body(void)
{
	static const char *const env[] = { "K1=v1", "EMPTY=", "EXECFN=/bin/check_big", NULL };
	static const char *const hello_argv[] = { "hello", NULL };
	struct exec_case c = { .fs = &base_fs, .path = "/bin/hello", .argv = hello_argv };
	const char *why = run_kestrel("/bin/check_big", env);
	int code;

	if (why)
		return why;
	code = run_case(&c);
	return code ? ktest_fail("glibc hello: exit code %d (exec %d)", code, c.err) : NULL;
}

KTEST(exec_big_image_and_glibc_hello)
{
	return leak_checked(big_and_glibc_body);
}

/*
 * glibc finds the vDSO exec mapped (AT_SYSINFO_EHDR) and calls it;
 * the time and information calls answer as on Linux (tests/exec/clock.c).
 */
static const char *glibc_clock_body(void)
{
	static const char *const argv[] = { "clock", NULL };
	struct exec_case c = { .fs = &base_fs, .path = "/bin/clock", .argv = argv };
	int code = run_case(&c);

	if (code == EXEC_FAILED)
		return ktest_fail("exec failed with %d", c.err);
	return code ? ktest_fail("glibc clock: check %d failed", code) : NULL;
}

KTEST(exec_glibc_clock_vdso)
{
	return leak_checked(glibc_clock_body);
}

static const char *user_vectors_body(void)
{
	const char *const argv[] = { "check", "kestrel", "alpha", "", "gamma delta", NULL };
	struct exec_case c = { .fs = &base_fs, .path = "/bin/check", .argv = argv,
			       .envp = env_kestrel_check, .caller_mm = true, .user_vectors = true };
	int code = run_case(&c);

	if (code == EXEC_FAILED)
		return ktest_fail("exec from user vectors failed: %d", c.err);
	return code ? ktest_fail("user vectors: exit code %d", code) : NULL;
}

KTEST(exec_from_user_vectors_replaces_caller_mm)
{
	return leak_checked(user_vectors_body);
}

static const char *scripts_body(void)
{
	static const char *const env_script[] = { "EXECFN=/t/script", NULL };
	static const char *const env_s4[] = { "EXECFN=/t/s4", NULL };
	static const char *const env_noargs[] = { "EXECFN=/bin/check", NULL };
	const char *const argv[] = { "script", "x", NULL };
	struct exec_case one = { .fs = &base_fs, .path = "/t/script", .argv = argv, .envp = env_script };
	struct exec_case five = { .fs = &base_fs, .path = "/t/s4", .argv = argv, .envp = env_s4 };
	struct exec_case noargs = { .fs = &base_fs, .path = "/bin/check", .envp = env_noargs };
	int code;

	if ((code = run_case(&one)) != 0)
		return ktest_fail("#! script: exit code %d (exec %d)", code, one.err);
	if ((code = run_case(&five)) != 0)
		return ktest_fail("five levels of #!: exit code %d (exec %d)", code, five.err);
	if ((code = run_case(&noargs)) != 0)
		return ktest_fail("empty argv: exit code %d (exec %d)", code, noargs.err);
	return NULL;
}

KTEST(exec_scripts_and_empty_argv)
{
	return leak_checked(scripts_body);
}

/*
 * The system-call path: check (mode reexec) calls execve from user mode
 * with bad arguments, which must fail and return, then execs check in
 * mode kestrel, which must start with every register but sp zero.
 */
static const char *syscall_body(void)
{
	static const struct exec_opener op = { .open = mem_open, .close = mem_close,
						.ctx = (void *)&base_fs };
	static const char *const argv[] = { "check", "reexec", NULL };
	struct exec_case c = { .fs = &base_fs, .path = "/bin/check", .argv = argv };
	int code;

	WRITE_ONCE(exec_test_opener, &op);
	code = run_case(&c);
	WRITE_ONCE(exec_test_opener, NULL);
	return code ? ktest_fail("execve from user mode: exit code %d (exec %d)", code, c.err) : NULL;
}

KTEST(exec_system_call)
{
	return leak_checked(syscall_body);
}

/* ------------------------------------------------------------ failures */

struct fail_case {
	const char *what;
	const char *path;
	int err;
	void (*patch)(u8 *img, size_t *size);   /* applied to a copy of check.elf at /bin/bad */
	int user;                                /* user vectors: 1 bad argv, 2 bad argv[1], 3 unterminated */
};

#define EH(img) ((Elf64_Ehdr *)(img))
static Elf64_Phdr *phdr_of_type(u8 *img, u32 type)
{
	for (int i = 0; i < EH(img)->e_phnum; i++) {
		Elf64_Phdr *ph = (Elf64_Phdr *)(img + EH(img)->e_phoff) + i;
		if (ph->p_type == type)
			return ph;
	}
	return NULL;
}
static void p_magic(u8 *i, size_t *n) { i[0] = 0; }
static void p_machine(u8 *i, size_t *n) { EH(i)->e_machine = 62; }
static void p_phentsize(u8 *i, size_t *n) { EH(i)->e_phentsize = 32; }
static void p_truncate(u8 *i, size_t *n) { *n = 1000; }
static void p_short(u8 *i, size_t *n) { *n = 40; }
static void p_interp(u8 *i, size_t *n) { Elf64_Phdr *p = phdr_of_type(i, PT_GNU_STACK); if (p) p->p_type = PT_INTERP; }
static void p_entry(u8 *i, size_t *n) { EH(i)->e_entry = 0; }
static void p_filesz(u8 *i, size_t *n) { Elf64_Phdr *p = phdr_of_type(i, PT_LOAD); if (p) p->p_filesz = p->p_memsz + 1; }
static void p_low(u8 *i, size_t *n) { Elf64_Phdr *p = phdr_of_type(i, PT_LOAD); if (p) p->p_vaddr -= 0x10000; }
static void p_dyn_type(u8 *i, size_t *n) { EH(i)->e_type = 1; }

static const struct fail_case fail_cases[] = {
	{ "no such file", "/bin/none", -ENOENT, NULL, 0 },
	{ "empty file", "/t/empty", -ENOEXEC, NULL, 0 },
	{ "text file", "/t/text", -ENOEXEC, NULL, 0 },
	{ "bad magic", "/bin/bad", -ENOEXEC, p_magic, 0 },
	{ "x86-64", "/bin/bad", -ENOEXEC, p_machine, 0 },
	{ "ET_REL", "/bin/bad", -ENOEXEC, p_dyn_type, 0 },
	{ "e_phentsize", "/bin/bad", -ENOEXEC, p_phentsize, 0 },
	{ "shorter than a header", "/bin/bad", -ENOEXEC, p_short, 0 },
	{ "truncated", "/bin/bad", -EIO, p_truncate, 0 },
	{ "PT_INTERP", "/bin/bad", -ENOEXEC, p_interp, 0 },
	{ "entry 0", "/bin/bad", -EINVAL, p_entry, 0 },
	{ "p_filesz > p_memsz", "/bin/bad", -EINVAL, p_filesz, 0 },
	{ "below MMAP_MIN_ADDR", "/bin/bad", -EPERM, p_low, 0 },
	{ "#! loop", "/t/loop", -ELOOP, NULL, 0 },
	{ "six levels of #!", "/t/s5", -ELOOP, NULL, 0 },
	{ "#! interpreter missing", "/t/no-interp", -ENOENT, NULL, 0 },
	{ "#! without a name", "/t/blank", -ENOEXEC, NULL, 0 },
	{ "argv unmapped", "/bin/check", -EFAULT, NULL, 1 },
	{ "argv[1] unmapped", "/bin/check", -EFAULT, NULL, 2 },
	{ "argv[1] unterminated", "/bin/check", -EFAULT, NULL, 3 },
};

static const char *one_failure(const struct fail_case *f, u8 *img)
{
	size_t size = (size_t)(exec_image_check_end - exec_image_check);
	struct mem_file files[ARRAY_SIZE(base_files) + 1];
	struct mem_fs fs = { files, ARRAY_SIZE(files) };
	const char *const argv[] = { "check", "kestrel", "alpha", "", "gamma delta", NULL };
	struct exec_case c = { .fs = &fs, .path = f->path, .argv = argv, .envp = env_kestrel_check,
			       .caller_mm = true, .user_vectors = f->user != 0,
			       .bad_argv = f->user == 1 ? 0x1000 : 0, .bad_string = f->user >= 2 ? f->user - 1 : 0 };
	int code;

	memcpy(files, base_files, sizeof(base_files));
	memcpy(img, exec_image_check, size);
	if (f->patch)
		f->patch(img, &size);
	files[ARRAY_SIZE(base_files)] = (struct mem_file){ "/bin/bad", (const char *)img,
							   (const char *)img + size };
	code = run_case(&c);
	if (code != EXEC_FAILED)
		return ktest_fail("%s: exec did not fail (exit code %d)", f->what, code);
	if (c.err != f->err)
		return ktest_fail("%s: error %d, expected %d", f->what, c.err, f->err);
	return c.intact ? NULL : ktest_fail("%s: the caller's address space changed", f->what);
}

static const char *failures_body(void)
{
	size_t size = (size_t)(exec_image_check_end - exec_image_check);
	u8 *img = kmalloc(size, GFP_KERNEL);
	const char *why = NULL;

	if (!img)
		return ktest_fail("no memory for the image");
	for (size_t i = 0; i < ARRAY_SIZE(fail_cases) && !why; i++)
		why = one_failure(&fail_cases[i], img);
	kfree(img);
	return why;
}

KTEST(exec_failures_leave_caller_intact)
{
	return leak_checked(failures_body);
}

/* E2BIG: one string too long, or too much in total; and the longest string that fits. */
static const char *e2big_body(void)
{
	char *s = vmalloc(MAX_ARG_STRLEN + 1);
	const char *many[20];
	const char *one[] = { "check", s, NULL };
	struct exec_case c = { .fs = &base_fs, .path = "/bin/check", .envp = env_kestrel_check,
			       .caller_mm = true };
	const char *why = NULL;
	int code;

	if (!s)
		return ktest_fail("no memory");
	memset(s, 'a', MAX_ARG_STRLEN);
	s[MAX_ARG_STRLEN] = '\0';           /* 128 KiB + NUL: one byte too long */
	c.argv = one;
	code = run_case(&c);
	if (code != EXEC_FAILED || c.err != -E2BIG || !c.intact)
		why = ktest_fail("128 KiB string: exit %d, error %d", code, c.err);
	s[MAX_ARG_STRLEN - 1] = '\0';       /* the longest allowed: 16 of them exceed 2 MiB */
	for (int i = 0; i < 19; i++)
		many[i] = s;
	many[19] = NULL;
	c.argv = many;
	code = why ? 0 : run_case(&c);
	if (!why && (code != EXEC_FAILED || c.err != -E2BIG || !c.intact))
		why = ktest_fail("2.4 MiB of strings: exit %d, error %d", code, c.err);
	/* 15 of them (1.9 MiB) fit: exec succeeds; check then rejects argv[1] as a mode (15) */
	many[15] = NULL;
	code = why ? 15 : run_case(&c);
	if (!why && code != 15)
		why = ktest_fail("1.9 MiB of strings: exit %d, error %d", code, c.err);
	vfree(s);
	return why;
}

KTEST(exec_argument_limits)
{
	return leak_checked(e2big_body);
}

/* ------------------------------------------------------------ figures */

static int perf_task_fn(void *arg)
{
	static const char *const argv[] = { "check_big", NULL };
	struct exec_opener op = { .open = mem_open, .close = mem_close, .ctx = (void *)&base_fs };
	struct exec_strings av = { argv, false }, ev = { NULL, false };
	struct exec_entry entry;
	u64 *ns = arg, t0;
	int err;

	for (int i = 0; i < 8; i++) {
		t0 = ktime_get_ns();
		err = exec_run(&op, "/bin/check_big", av, ev, NULL, &entry);
		ns[i] = ktime_get_ns() - t0;
		if (err)
			user_task_exit(EXEC_FAILED);
	}
	t0 = ktime_get_ns();
	err = exec_run(&op, "/bin/check", av, ev, NULL, &entry);
	ns[8] = ktime_get_ns() - t0;
	t0 = ktime_get_ns();
	flush_icache_all();
	ns[9] = ktime_get_ns() - t0;
	user_task_exit(err ? EXEC_FAILED : 0);
}

KTEST(exec_perf)
{
	u64 ns[10] = { 0 }, best = ~0ULL, sum = 0;
	struct task *t = kthread_create(perf_task_fn, ns, "execperf");
	int code;

	if (IS_ERR(t))
		return ktest_fail("no task");
	wake_up_new_task(t);
	code = kthread_join(t);
	if (code)
		return ktest_fail("exec failed (%d)", code);
	for (int i = 1; i < 8; i++) {
		best = MIN(best, ns[i]);
		sum += ns[i];
	}
	pr_info("exec_perf: %zu KiB static ELF: first exec (fresh mm) %llu us; "
		"again (replacing the last image) best %llu us, mean %llu us; small ELF %llu us; "
		"flush_icache_all %llu us\n",
		(size_t)(exec_image_check_big_end - exec_image_check_big) / 1024,
		(unsigned long long)ns[0] / 1000, (unsigned long long)best / 1000,
		(unsigned long long)sum / 7000, (unsigned long long)ns[8] / 1000,
		(unsigned long long)ns[9] / 1000);
	return NULL;
}

/* ------------------------------------------------------------ random */

KTEST(random_output_looks_random)
{
	u64 a[4], b[4];
	u8 *buf = kmalloc(65536, GFP_KERNEL);
	unsigned long ones = 0;

	if (!random_ready())
		return ktest_fail("not seeded at boot");
	if (!buf)
		return ktest_fail("no memory");
	get_random_bytes(a, sizeof(a));
	get_random_bytes(b, sizeof(b));
	if (!memcmp(a, b, sizeof(a)) || get_random_u64() == get_random_u64())
		return kfree(buf), ktest_fail("two outputs equal");
	get_random_bytes(buf, 65536);
	for (size_t i = 0; i < 65536; i++)
		for (u8 v = buf[i]; v; v &= (u8)(v - 1))
			ones++;
	kfree(buf);
	/* 524288 bits: 6 sigma is about 2200 */
	if (ones < 262144 - 3000 || ones > 262144 + 3000)
		return ktest_fail("%lu one bits of 524288", ones);
	return NULL;
}

/* Best of five rounds: the host's other load only ever adds time. */
KTEST(random_perf)
{
	u8 *buf = kmalloc(4096, GFP_KERNEL);
	u8 small[16];
	u64 t0, bulk = ~0ULL, tiny = ~0ULL;

	if (!buf)
		return ktest_fail("no memory");
	for (int round = 0; round < 5; round++) {
		t0 = ktime_get_ns();
		for (int i = 0; i < 64; i++)
			get_random_bytes(buf, 4096);
		bulk = MIN(bulk, ktime_get_ns() - t0);
		t0 = ktime_get_ns();
		for (int i = 0; i < 1024; i++)
			get_random_bytes(small, sizeof(small));
		tiny = MIN(tiny, ktime_get_ns() - t0);
	}
	kfree(buf);
	pr_info("random_perf: get_random_bytes in 4 KiB requests: %llu MB/s; 16-byte requests: %llu ns each\n",
		(unsigned long long)(1000ULL * 262144 / (bulk ?: 1)), (unsigned long long)(tiny / 1024));
	return NULL;
}
