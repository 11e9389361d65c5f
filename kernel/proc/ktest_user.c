/*
 * Self-tests of user mode (ktest=boot): a kernel thread gets an address
 * space holding the programs of ktest_user_prog.S and enters user mode at
 * one of them; the exit code tells what happened. Covers system calls
 * (write to the console, -ENOSYS, -EFAULT for a bad pointer, getpid),
 * demand-zero faults and stack growth from real user accesses, the kill of
 * a task that faults (null, its own text, a kernel address, an illegal
 * instruction) and timer interrupts taken in user mode. Each test ends
 * with a no-leak check.
 */
#include <arch/irqflags.h>
#include <arch/pgtable.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/smp.h>
#include <kernel/user.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/mman.h>

#include "ktest_proc.h"

#define USER_PROG_BASE  0x10000UL
#define USER_STACK_TOP  0x3fff000000UL
#define USER_STACK_INIT (4 * PAGE_SIZE)   /* the rest grows on demand */

extern const char ktest_user_prog_start[], ktest_user_prog_end[];
extern const char ktest_user_hello[], ktest_user_null[], ktest_user_write_text[],
	ktest_user_kernel_addr[], ktest_user_illegal[], ktest_user_spin[], ktest_user_fork[],
	ktest_user_threads[], ktest_user_fp[];

/* The body of the test task: build the address space, enter user mode at entry. */
static int user_task_fn(void *entry)
{
	size_t size = (size_t)(ktest_user_prog_end - ktest_user_prog_start);
	unsigned long pc = USER_PROG_BASE + (unsigned long)((const char *)entry - ktest_user_prog_start);
	struct mm_struct *mm;

	if (proc_become_user())
		return 199;
	mm = mm_create();
	if (!mm)
		user_task_exit(200);
	/* fds 0-2 on the console and a root/cwd, as the first process will have */
	current->files = files_create();
	current->fs = fs_create_root();
	if (!current->files || !current->fs || files_install_console(current->files))
		user_task_exit(205);
	unsigned long irq = local_irq_save();
	current->mm = mm;
	mm_switch(mm);
	local_irq_restore(irq);
	if (do_mmap(mm, USER_PROG_BASE, size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) < 0)
		user_task_exit(201);
	if (copy_to_user((void *)USER_PROG_BASE, ktest_user_prog_start, size))
		user_task_exit(202);
	if (do_mprotect(mm, USER_PROG_BASE, size, PROT_READ | PROT_EXEC))
		user_task_exit(203);
	if (do_mmap(mm, USER_STACK_TOP - USER_STACK_INIT, USER_STACK_INIT, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, NULL, 0) < 0)
		user_task_exit(204);
	user_enter(pc, USER_STACK_TOP);
}

/* Run the program at entry on the last cpu; 0 and its exit code, or -errno. */
static int run_user(const char *entry, int *code)
{
	struct task *t = kthread_create(user_task_fn, (void *)entry, "utest");

	if (IS_ERR(t))
		return (int)PTR_ERR(t);
	/* Pinned: the code is made visible to instruction fetch on one hart (fence.i). */
	set_cpus_allowed(t, cpumask_of(nr_cpus - 1));
	*code = ktest_proc_run(t);
	return 0;
}

static const char *expect_exit(const char *what, const char *entry, int want)
{
	unsigned long start = ktest_proc_pages_settled();
	int code = -1, err = run_user(entry, &code);

	if (err)
		return ktest_fail("%s: could not start (%d)", what, err);
	if (code != want)
		return ktest_fail("%s: exit code %d, expected %d", what, code, want);
	unsigned long now = ktest_proc_pages_settled();
	if (now != start)
		return ktest_fail("%s: %lu pages free after, %lu before", what, now, start);
	return NULL;
}

KTEST(user_syscalls_and_demand_paging)
{
	return expect_exit("hello", ktest_user_hello, 42);
}

KTEST(user_null_pointer_killed)
{
	return expect_exit("load from 0", ktest_user_null, 128 + SIGSEGV);
}

KTEST(user_write_to_text_killed)
{
	return expect_exit("store to R-X text", ktest_user_write_text, 128 + SIGSEGV);
}

KTEST(user_kernel_address_killed)
{
	return expect_exit("load from a kernel address", ktest_user_kernel_addr, 128 + SIGSEGV);
}

KTEST(user_illegal_instruction_killed)
{
	return expect_exit("illegal instruction", ktest_user_illegal, 128 + SIGILL);
}

/*
 * A user loop long enough to span several ticks: timer interrupts taken in
 * user mode return to it correctly (the spinner's hart counts them).
 */
KTEST(user_code_survives_timer_interrupts)
{
	struct cpu *c = &cpus[nr_cpus - 1];
	u64 ticks = READ_ONCE(c->ticks);
	const char *why = expect_exit("spin", ktest_user_spin, 7);

	if (why)
		return why;
	return READ_ONCE(c->ticks) >= ticks + 2 ? NULL
		: ktest_fail("only %llu ticks on cpu%u during the loop",
			     (unsigned long long)(READ_ONCE(c->ticks) - ticks), c->id);
}

/*
 * Processes from user mode: fork (the child writes its copy of a word and
 * exits 7; the parent's copy is unchanged), wait4 status encoding, a
 * child killed by a fault, wait4 -ECHILD, getppid in the child.
 */
KTEST(user_fork_wait_exit)
{
	unsigned int procs = nr_processes();
	const char *why = expect_exit("fork/wait", ktest_user_fork, 33);

	if (why)
		return why;
	return nr_processes() == procs ? NULL
		: ktest_fail("%u processes after, %u before", nr_processes(), procs);
}

/*
 * Threads: clone(CLONE_VM|CLONE_THREAD|...) four threads that each add to
 * a shared counter with amoadd and exit; CLONE_CHILD_SETTID/CLEARTID
 * words; then exit_group while a last thread spins forever (it must be
 * taken down with the group).
 */
KTEST(user_threads_and_exit_group)
{
	return expect_exit("threads", ktest_user_threads, 44);
}

/* FP registers survive preemption: two processes on one hart each check a value in f registers. */
KTEST(user_fp_state_preserved)
{
	return expect_exit("fp", ktest_user_fp, 55);
}
