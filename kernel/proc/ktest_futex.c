/*
 * Self-tests of futexes (ktest=boot). Kernel threads stand in for the
 * threads of a process: each enters a test address space (current->mm
 * set and mm_switch, so a context switch keeps it loaded) and calls the
 * kernel's futex_wait/futex_wake/futex_requeue, or sys_futex with its
 * arguments in user memory, as a system call would.
 *
 * Covered: the errnos (alignment, bitset 0, value mismatch, bad and
 * read-only addresses, bad timespecs, unknown and PI operations),
 * relative and absolute timeouts on both clocks, wake counts and bitsets
 * across harts, CMP_REQUEUE's check and counts, WAKE_OP's arithmetic,
 * private against shared keys (a MAP_SHARED page seen from two address
 * spaces), a wait ended by a group exit (-EINTR), the robust-list calls,
 * a futex-based mutex hammered from every hart (mutual exclusion and no
 * lost wake-up: every wait has a 5 s limit that must never expire), and
 * the wake-to-run latency across harts ("futex perf:").
 *
 * Each test waits for all its threads, checks that no waiter is left in
 * the hash table, and that no page leaked.
 */
#include <arch/irqflags.h>
#include <arch/memlayout.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/uaccess.h>
#include <proc/futex.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/futex.h>
#include <uapi/mman.h>

#define MS ((u64)1000000)
#define FX_BASE   0x20000000UL   /* two private pages: words, then a read-only page */
#define FX_RO     (FX_BASE + PAGE_SIZE)
#define FX_SHARED 0x20100000UL   /* one MAP_SHARED page */
#define FX_UNMAPPED 0x30000000UL
#define ANY FUTEX_BITSET_MATCH_ANY
#define RESULT_NONE 1            /* a waiter's result before futex_wait returned */

long sys_futex(const struct syscall_args *args);
long sys_set_robust_list(const struct syscall_args *args);
long sys_get_robust_list(const struct syscall_args *args);

/* ---------------------------------------------------------------- helpers */

/* Make mm (or none) the running thread's address space, kept across switches. */
static void fx_use_mm(struct mm_struct *mm)
{
	unsigned long irq = local_irq_save();

	current->mm = mm;
	mm_switch(mm);
	local_irq_restore(irq);
}

static u32 uget(unsigned long addr)
{
	u32 v = 0;

	if (get_user(v, (u32 *)addr))
		panic("ktest_futex: get_user %#lx", addr);
	return v;
}

static void uput(unsigned long addr, u32 v)
{
	if (put_user(v, (u32 *)addr))
		panic("ktest_futex: put_user %#lx", addr);
}

static unsigned long settled_free_pages(void)
{
	for (int i = 0; i < 1000 && nr_tasks_dying(); i++)
		msleep(1);
	kthread_stack_cache_drain();
	mm_drain_all_cpus();
	return nr_free_pages() + READ_ONCE(kernel_pt_pages);
}

/* The test address space: FX_BASE private RW + FX_RO read-only, FX_SHARED shared. */
static struct mm_struct *fx_mm_create(void)
{
	struct mm_struct *mm = mm_create();

	if (IS_ERR(mm))
		return NULL;
	if (do_mmap(mm, FX_BASE, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) < 0 ||
	    do_mprotect(mm, FX_RO, PAGE_SIZE, PROT_READ) ||
	    do_mmap(mm, FX_SHARED, PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, NULL, 0) < 0) {
		mm_put(mm);
		return NULL;
	}
	return mm;
}

/* End of a test: leave the mm, drop it, check waiters and pages. */
static const char *fx_finish(struct mm_struct *mm, const char *why, unsigned long free_before)
{
	unsigned int left = futex_waiters();

	fx_use_mm(NULL);
	mm_put(mm);
	if (why)
		return why;
	if (left)
		return ktest_fail("%u waiters left queued", left);
	unsigned long now = settled_free_pages();
	if (now != free_before)
		return ktest_fail("%lu pages free after, %lu before", now, free_before);
	return NULL;
}

static long fx_syscall(long (*fn)(const struct syscall_args *), unsigned long a0,
		       unsigned long a1, unsigned long a2, unsigned long a3, unsigned long a4,
		       unsigned long a5)
{
	struct syscall_args args = { { a0, a1, a2, a3, a4, a5 } };

	return fn(&args);
}

static unsigned int fx_cpu(unsigned int i)
{
	return nr_cpus > 1 ? 1 + i % (nr_cpus - 1) : 0;
}

/* ---------------------------------------------------------------- waiter threads */

struct fx_waiter {
	struct mm_struct *mm;
	unsigned long uaddr;
	bool private;
	u32 val, bitset;
	struct process *proc;     /* a stand-in process (group exit test), or NULL */
	struct task *task;
	int result;               /* [a] RESULT_NONE until futex_wait returned */
};

static int fx_waiter_fn(void *arg)
{
	struct fx_waiter *w = arg;
	int ret;

	fx_use_mm(w->mm);
	current->proc = w->proc;
	ret = futex_wait(w->uaddr, w->private, w->val, 0, w->bitset);
	current->proc = NULL;
	fx_use_mm(NULL);
	WRITE_ONCE(w->result, ret);
	return 0;
}

static void fx_start_proc(struct fx_waiter *w, struct mm_struct *mm, unsigned long uaddr,
			  bool private, u32 val, u32 bitset, unsigned int i, struct process *proc,
			  int fifo_prio)
{
	*w = (struct fx_waiter){ .mm = mm, .uaddr = uaddr, .private = private, .val = val,
				 .bitset = bitset, .proc = proc, .result = RESULT_NONE };
	w->task = kthread_create(fx_waiter_fn, w, "futexw");
	if (IS_ERR(w->task))
		panic("ktest_futex: kthread_create");
	set_cpus_allowed(w->task, cpumask_of(fx_cpu(i)));
	if (fifo_prio)
		sched_set_policy(w->task, SCHED_FIFO, fifo_prio);
	wake_up_new_task(w->task);
}

/* A waiter thread on cpu fx_cpu(i) running futex_wait(uaddr, private, val, none, bitset). */
static void fx_start(struct fx_waiter *w, struct mm_struct *mm, unsigned long uaddr,
		     bool private, u32 val, u32 bitset, unsigned int i)
{
	fx_start_proc(w, mm, uaddr, private, val, bitset, i, NULL, 0);
}

/* Wait (up to 5 s) until n waiters are queued; false if they never were. */
static bool fx_wait_queued(unsigned int n)
{
	u64 end = ktime_get_ns() + 5000 * MS;

	while (futex_waiters() < n) {
		if (ktime_get_ns() > end)
			return false;
		msleep(1);
	}
	return futex_waiters() == n;
}

/* Wait (up to 5 s) until n of the waiters have returned. */
static unsigned int fx_wait_returned(struct fx_waiter *w, unsigned int nw, unsigned int n)
{
	u64 end = ktime_get_ns() + 5000 * MS;
	unsigned int done;

	for (;;) {
		done = 0;
		for (unsigned int i = 0; i < nw; i++)
			done += READ_ONCE(w[i].result) != RESULT_NONE;
		if (done >= n || ktime_get_ns() > end)
			return done;
		msleep(1);
	}
}

/* Join every waiter; the first whose result is not want, as a failure. */
static const char *fx_join(struct fx_waiter *w, unsigned int n, int want)
{
	const char *why = NULL;

	for (unsigned int i = 0; i < n; i++) {
		kthread_join(w[i].task);
		if (!why && w[i].result != want)
			why = ktest_fail("waiter %u returned %d, expected %d", i, w[i].result, want);
	}
	return why;
}

/* ---------------------------------------------------------------- errnos */

static const char *fx_check(const char *what, long got, long want)
{
	return got == want ? NULL : ktest_fail("%s: %ld, expected %ld", what, got, want);
}

#define CHECK(what, got, want) do { \
	why = fx_check(what, (long)(got), (long)(want)); \
	if (why) \
		goto out; \
} while (0)

/* futex(FX_BASE, op, val, timeout at FX_BASE + 64 = {sec, nsec}) and its duration. */
static long fx_timed(int op, u32 val, s64 sec, s64 nsec, u32 val3, u64 *elapsed)
{
	u64 t0 = ktime_get_ns();
	long ret;

	if (copy_to_user((void *)(FX_BASE + 64), &sec, 8) ||
	    copy_to_user((void *)(FX_BASE + 72), &nsec, 8))
		panic("ktest_futex: timespec");
	ret = fx_syscall(sys_futex, FX_BASE, (unsigned long)op, val, FX_BASE + 64, 0, val3);
	*elapsed = ktime_get_ns() - t0;
	return ret;
}

static const char *fx_errnos(void)
{
	const char *why = NULL;

	uput(FX_BASE, 5);
	CHECK("misaligned wait", futex_wait(FX_BASE + 2, true, 5, 0, ANY), -EINVAL);
	CHECK("misaligned wake", futex_wake(FX_BASE + 1, false, 1, ANY), -EINVAL);
	CHECK("bitset 0", futex_wait(FX_BASE, true, 5, 0, 0), -EINVAL);
	CHECK("wake bitset 0", futex_wake(FX_BASE, true, 1, 0), -EINVAL);
	CHECK("value differs", futex_wait(FX_BASE, true, 6, 0, ANY), -EAGAIN);
	CHECK("unmapped wait", futex_wait(FX_UNMAPPED, true, 0, 0, ANY), -EFAULT);
	CHECK("kernel address", futex_wait(USER_TOP, true, 0, 0, ANY), -EFAULT);
	CHECK("private wake, unmapped", futex_wake(FX_UNMAPPED, true, 1, ANY), 0);
	CHECK("shared wake, unmapped", futex_wake(FX_UNMAPPED, false, 1, ANY), -EFAULT);
	CHECK("wake, nobody", futex_wake(FX_BASE, true, 1, ANY), 0);
	CHECK("deadline past", futex_wait(FX_BASE, true, 5, 1, ANY), -ETIMEDOUT);
	CHECK("deadline past, value differs", futex_wait(FX_BASE, true, 4, 1, ANY), -EAGAIN);
	CHECK("unknown op", fx_syscall(sys_futex, FX_BASE, 99, 0, 0, 0, 0), -ENOSYS);
	CHECK("LOCK_PI", fx_syscall(sys_futex, FX_BASE, FUTEX_LOCK_PI, 0, 0, 0, 0), -ENOSYS);
	CHECK("WAKE|CLOCK_REALTIME",
	      fx_syscall(sys_futex, FX_BASE, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, 0, 0, 0),
	      -ENOSYS);
	CHECK("requeue -1", fx_syscall(sys_futex, FX_BASE, FUTEX_REQUEUE, 1, (unsigned long)-1,
				       FX_BASE + 4, 0), -EINVAL);
	CHECK("cmp_requeue differs",
	      fx_syscall(sys_futex, FX_BASE, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, FX_BASE + 4, 4),
	      -EAGAIN);
	CHECK("timeout pointer bad",
	      fx_syscall(sys_futex, FX_BASE, FUTEX_WAIT_PRIVATE, 5, FX_UNMAPPED, 0, 0), -EFAULT);
out:
	return why;
}

static const char *fx_timeouts(void)
{
	const char *why = NULL;
	u64 el, now;

	CHECK("tv_nsec 1e9", fx_timed(FUTEX_WAIT_PRIVATE, 5, 0, 1000000000, 0, &el), -EINVAL);
	CHECK("tv_sec -1", fx_timed(FUTEX_WAIT_PRIVATE, 5, -1, 0, 0, &el), -EINVAL);
	CHECK("relative 10 ms", fx_timed(FUTEX_WAIT_PRIVATE, 5, 0, 10 * MS, 0, &el), -ETIMEDOUT);
	if (el < 10 * MS || el > 2000 * MS)
		return ktest_fail("relative 10 ms timeout took %lu us", el / 1000);
	now = ktime_get_ns() + 10 * MS;
	CHECK("absolute monotonic", fx_timed(FUTEX_WAIT_BITSET_PRIVATE, 5, (s64)(now / NSEC_PER_SEC),
					     (s64)(now % NSEC_PER_SEC), ANY, &el), -ETIMEDOUT);
	if (el < 5 * MS || el > 2000 * MS)
		return ktest_fail("absolute monotonic timeout took %lu us", el / 1000);
	now = ktime_get_real_ns() + 10 * MS;
	CHECK("absolute realtime",
	      fx_timed(FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 5,
		       (s64)(now / NSEC_PER_SEC), (s64)(now % NSEC_PER_SEC), ANY, &el), -ETIMEDOUT);
	if (el < 5 * MS || el > 2000 * MS)
		return ktest_fail("absolute realtime timeout took %lu us", el / 1000);
	CHECK("absolute in the past", fx_timed(FUTEX_WAIT_BITSET, 5, 0, 1, ANY, &el), -ETIMEDOUT);
out:
	return why;
}

static const char *fx_wake_op_and_robust(void)
{
	const char *why = NULL;
	unsigned long head = 0, len = 0;

	uput(FX_BASE + 4, 3);
	CHECK("wake_op add", fx_syscall(sys_futex, FX_BASE, FUTEX_WAKE_OP_PRIVATE, 1, 1,
					FX_BASE + 4,
					FUTEX_OP(FUTEX_OP_ADD, 4, FUTEX_OP_CMP_EQ, 3)), 0);
	CHECK("wake_op add result", uget(FX_BASE + 4), 7);
	CHECK("wake_op or shift", fx_syscall(sys_futex, FX_BASE, FUTEX_WAKE_OP, 1, 1, FX_BASE + 4,
					     FUTEX_OP(FUTEX_OP_OR | FUTEX_OP_OPARG_SHIFT, 4,
						      FUTEX_OP_CMP_LT, -1)), 0);
	CHECK("wake_op or shift result", uget(FX_BASE + 4), 23);
	CHECK("wake_op bad op", fx_syscall(sys_futex, FX_BASE, FUTEX_WAKE_OP, 1, 1, FX_BASE + 4,
					   FUTEX_OP(7, 0, 0, 0)), -ENOSYS);
	CHECK("wake_op read-only", fx_syscall(sys_futex, FX_BASE, FUTEX_WAKE_OP, 1, 1, FX_RO,
					      FUTEX_OP(FUTEX_OP_SET, 1, 0, 0)), -EFAULT);
	CHECK("robust len 23", fx_syscall(sys_set_robust_list, FX_BASE + 128, 23, 0, 0, 0, 0),
	      -EINVAL);
	CHECK("robust set", fx_syscall(sys_set_robust_list, FX_BASE + 128, 24, 0, 0, 0, 0), 0);
	CHECK("robust get", fx_syscall(sys_get_robust_list, 0, FX_BASE + 256, FX_BASE + 264,
				       0, 0, 0), 0);
	copy_from_user(&head, (void *)(FX_BASE + 256), 8);
	copy_from_user(&len, (void *)(FX_BASE + 264), 8);
	CHECK("robust head", head, FX_BASE + 128);
	CHECK("robust len", len, 24);
	CHECK("robust get, bad pointer",
	      fx_syscall(sys_get_robust_list, 0, FX_UNMAPPED, FX_BASE + 264, 0, 0, 0), -EFAULT);
	CHECK("robust get, no such pid",
	      fx_syscall(sys_get_robust_list, PID_MAX - 1, FX_BASE + 256, FX_BASE + 264, 0, 0, 0),
	      -ESRCH);
out:
	current->robust_list = 0;
	current->robust_list_len = 0;
	return why;
}

KTEST(futex_errnos_timeouts_wake_op)
{
	unsigned long free_before = settled_free_pages();
	struct mm_struct *mm = fx_mm_create();
	const char *why;

	if (!mm)
		return ktest_fail("test mm");
	fx_use_mm(mm);
	why = fx_errnos();
	if (!why)
		why = fx_timeouts();
	if (!why)
		why = fx_wake_op_and_robust();
	return fx_finish(mm, why, free_before);
}

/* ---------------------------------------------------------------- waking */

/* Three waiters on three harts; wake one, then the rest. */
static const char *fx_wake_counts(struct mm_struct *mm)
{
	struct fx_waiter w[3];
	const char *why = NULL;

	uput(FX_BASE, 0);
	for (unsigned int i = 0; i < 3; i++)
		fx_start(&w[i], mm, FX_BASE, true, 0, ANY, i);
	if (!fx_wait_queued(3))
		why = ktest_fail("3 waiters never queued (%u)", futex_waiters());
	else if (futex_wake(FX_BASE, true, 1, ANY) != 1)
		why = ktest_fail("wake 1 did not wake 1");
	else if (fx_wait_returned(w, 3, 1) != 1 || futex_waiters() != 2)
		why = ktest_fail("after wake 1: %u queued", futex_waiters());
	int n = futex_wake(FX_BASE, true, 1000, ANY);
	if (!why && n != 2)
		why = ktest_fail("wake all woke %d, expected 2", n);
	const char *j = fx_join(w, 3, 0);
	return why ? why : j;
}

/* Bitsets: only a waiter whose bitset meets the wake's is woken. */
static const char *fx_bitsets(struct mm_struct *mm)
{
	struct fx_waiter w[2];
	const char *why = NULL;

	fx_start(&w[0], mm, FX_BASE, true, 0, 0x1, 0);
	fx_start(&w[1], mm, FX_BASE, true, 0, 0x6, 1);
	if (!fx_wait_queued(2))
		why = ktest_fail("2 bitset waiters never queued");
	else if (futex_wake(FX_BASE, true, 10, 0x8) != 0)
		why = ktest_fail("bitset 0x8 woke someone");
	else if (futex_wake(FX_BASE, true, 10, 0x4) != 1)
		why = ktest_fail("bitset 0x4 did not wake exactly one");
	else if (fx_wait_returned(&w[1], 1, 1) != 1 || READ_ONCE(w[0].result) != RESULT_NONE)
		why = ktest_fail("bitset 0x4 woke the wrong waiter");
	futex_wake(FX_BASE, true, 10, ANY);
	const char *j = fx_join(w, 2, 0);
	return why ? why : j;
}

/* CMP_REQUEUE: 3 waiters on A; wake 1, move 1 to B, leave 1. */
static const char *fx_requeue(struct mm_struct *mm)
{
	struct fx_waiter w[3];
	const char *why = NULL;
	unsigned long a = FX_BASE, b = FX_BASE + 8;
	int n;

	uput(a, 0);
	for (unsigned int i = 0; i < 3; i++)
		fx_start(&w[i], mm, a, true, 0, ANY, i);
	if (!fx_wait_queued(3))
		why = ktest_fail("3 waiters never queued");
	else if ((n = futex_requeue(a, true, b, 1, 1, true, 1)) != -EAGAIN)
		why = ktest_fail("cmp_requeue with a wrong value: %d", n);
	else if ((n = futex_requeue(a, true, b, 1, 1, true, 0)) != 2)
		why = ktest_fail("cmp_requeue 1+1 returned %d", n);
	else if (fx_wait_returned(w, 3, 1) != 1)
		why = ktest_fail("cmp_requeue woke nobody");
	else if ((n = futex_wake(b, true, 10, ANY)) != 1)
		why = ktest_fail("wake on B woke %d, expected the requeued 1", n);
	else if (fx_wait_returned(w, 3, 2) != 2 || (n = futex_wake(a, true, 10, ANY)) != 1)
		why = ktest_fail("wake on A woke %d, expected 1", n);
	futex_wake(a, true, 10, ANY);
	futex_wake(b, true, 10, ANY);
	const char *j = fx_join(w, 3, 0);
	return why ? why : j;
}

/* A real-time waiter is woken before a fair one that queued earlier. */
static const char *fx_rt_first(struct mm_struct *mm)
{
	struct fx_waiter w[2];
	const char *why = NULL;

	uput(FX_BASE, 0);
	fx_start(&w[0], mm, FX_BASE, true, 0, ANY, 0);
	if (!fx_wait_queued(1))
		why = ktest_fail("the fair waiter never queued");
	fx_start_proc(&w[1], mm, FX_BASE, true, 0, ANY, 1, NULL, 20);
	if (!why && !fx_wait_queued(2))
		why = ktest_fail("the FIFO waiter never queued");
	else if (!why && futex_wake(FX_BASE, true, 1, ANY) != 1)
		why = ktest_fail("wake 1 did not wake one");
	else if (!why && (fx_wait_returned(&w[1], 1, 1) != 1 ||
			  READ_ONCE(w[0].result) != RESULT_NONE))
		why = ktest_fail("the fair waiter was woken before the FIFO one");
	futex_wake(FX_BASE, true, 10, ANY);
	const char *j = fx_join(w, 2, 0);
	return why ? why : j;
}

KTEST(futex_wake_bitset_requeue_across_harts)
{
	unsigned long free_before = settled_free_pages();
	struct mm_struct *mm = fx_mm_create();
	const char *why;

	if (!mm)
		return ktest_fail("test mm");
	fx_use_mm(mm);
	why = fx_wake_counts(mm);
	if (!why)
		why = fx_bitsets(mm);
	if (!why)
		why = fx_requeue(mm);
	if (!why)
		why = fx_rt_first(mm);
	return fx_finish(mm, why, free_before);
}

/*
 * Keys: a waiter on a MAP_SHARED page is woken from another address space
 * (a fork of the first) by a shared wake, not by a private one; a waiter
 * on a private page is not woken from the other address space at all.
 */
static const char *fx_keys(struct mm_struct *mm, struct mm_struct *child)
{
	struct fx_waiter w[2];
	const char *why = NULL;
	int n;

	uput(FX_SHARED, 0);
	uput(FX_BASE, 0);
	fx_start(&w[0], mm, FX_SHARED, false, 0, ANY, 0);
	fx_start(&w[1], mm, FX_BASE, false, 0, ANY, 1);
	if (!fx_wait_queued(2))
		return ktest_fail("2 waiters never queued");
	fx_use_mm(child);
	if ((n = futex_wake(FX_SHARED, true, 10, ANY)) != 0)
		why = ktest_fail("private wake from the child woke %d on a shared page", n);
	else if ((n = futex_wake(FX_BASE, false, 10, ANY)) != 0)
		why = ktest_fail("child's wake on a private page woke %d", n);
	else if ((n = futex_wake(FX_SHARED, false, 10, ANY)) != 1)
		why = ktest_fail("shared wake from the child woke %d", n);
	fx_use_mm(mm);
	if (!why && (n = futex_wake(FX_BASE, true, 10, ANY)) != 1)
		why = ktest_fail("private-flag wake of a non-private waiter on a private page: %d", n);
	futex_wake(FX_SHARED, false, 10, ANY);
	futex_wake(FX_BASE, false, 10, ANY);
	const char *j = fx_join(w, 2, 0);
	return why ? why : j;
}

/* A waiter whose process exits as a group returns -EINTR. */
static const char *fx_group_exit(struct mm_struct *mm)
{
	static struct process proc;   /* a stand-in: signal_pending() reads group_exit */
	struct fx_waiter w;
	const char *why = NULL;

	memset(&proc, 0, sizeof(proc));
	uput(FX_BASE, 0);
	fx_start_proc(&w, mm, FX_BASE, true, 0, ANY, 0, &proc, 0);
	if (!fx_wait_queued(1)) {
		why = ktest_fail("the waiter never queued");
		futex_wake(FX_BASE, true, 1, ANY);
		kthread_join(w.task);
		return why;
	}
	WRITE_ONCE(proc.group_exit, true);
	wake_up_process(w.task);   /* what the group exit does to each thread */
	return fx_join(&w, 1, -EINTR);
}

KTEST(futex_shared_keys_and_group_exit)
{
	unsigned long free_before = settled_free_pages();
	struct mm_struct *mm = fx_mm_create(), *child;
	const char *why;

	if (!mm)
		return ktest_fail("test mm");
	fx_use_mm(mm);
	uput(FX_SHARED, 0);   /* fault the shared page in before the fork shares it */
	child = mm_dup(mm);
	if (IS_ERR(child)) {
		why = ktest_fail("mm_dup");
	} else {
		why = fx_keys(mm, child);
		fx_use_mm(mm);
		mm_put(child);
	}
	if (!why)
		why = fx_group_exit(mm);
	return fx_finish(mm, why, free_before);
}

/* ---------------------------------------------------------------- a futex mutex */

#define FX_LOCK    FX_BASE
#define FX_COUNTER (FX_BASE + 64)

struct fx_stress {
	struct mm_struct *mm;
	u64 end;
	unsigned int count;      /* increments made */
	unsigned int sleeps;     /* futex_wait calls that slept and were woken */
	unsigned int lost;       /* waits that ran into their 5 s limit: lost wake-ups */
	int err;
	struct task *task;
};

static u32 fx_cmpxchg(unsigned long addr, u32 old, u32 new)
{
	u32 cur;

	if (user_cmpxchg_u32_nofault(current->mm, addr, old, new, &cur))
		panic("ktest_futex: cmpxchg %#lx", addr);
	return cur;
}

/* *addr = f(old) atomically, returning old: f is "set to v" (add 0) or "add -1" (set false). */
static u32 fx_rmw(unsigned long addr, bool set, u32 v)
{
	u32 old = uget(addr);

	for (;;) {
		u32 cur = fx_cmpxchg(addr, old, set ? v : old + v);

		if (cur == old)
			return old;
		old = cur;
	}
}

/*
 * Drepper's mutex ("Futexes Are Tricky", mutex 3): 0 free, 1 locked, 2
 * locked with waiters. Every wait is limited to 5 s; running into it is
 * a lost wake-up.
 */
static int fx_mutex_lock(struct fx_stress *s)
{
	u32 c = fx_cmpxchg(FX_LOCK, 0, 1);

	if (c == 0)
		return 0;
	if (c != 2)
		c = fx_rmw(FX_LOCK, true, 2);
	while (c != 0) {
		int r = futex_wait(FX_LOCK, true, 2, ktime_get_ns() + 5000 * MS, ANY);

		if (r == 0)
			s->sleeps++;
		else if (r == -ETIMEDOUT)
			s->lost++;
		else if (r != -EAGAIN)
			return r;
		c = fx_rmw(FX_LOCK, true, 2);
	}
	return 0;
}

static void fx_mutex_unlock(void)
{
	if (fx_rmw(FX_LOCK, false, (u32)-1) != 1) {
		uput(FX_LOCK, 0);
		futex_wake(FX_LOCK, true, 1, ANY);
	}
}

static int fx_stress_fn(void *arg)
{
	struct fx_stress *s = arg;

	fx_use_mm(s->mm);
	while (!s->err && ktime_get_ns() < s->end) {
		s->err = fx_mutex_lock(s);
		if (s->err)
			break;
		u32 v = uget(FX_COUNTER);   /* a non-atomic increment: the mutex must exclude */
		if ((s->count & 3) == 0)
			udelay(20);         /* hold it a while: the others pile up and sleep */
		if ((s->count & 7) == 0)
			sched_yield();      /* and let a thread of this cpu in too */
		uput(FX_COUNTER, v + 1);
		fx_mutex_unlock();
		s->count++;
	}
	fx_use_mm(NULL);
	return 0;
}

KTEST(futex_mutex_stress_no_lost_wakeup)
{
	unsigned long free_before = settled_free_pages();
	struct mm_struct *mm = fx_mm_create();
	unsigned int n = MIN(2 * nr_cpus, 8u), total = 0, sleeps = 0;
	struct fx_stress s[8];
	const char *why = NULL;

	if (!mm)
		return ktest_fail("test mm");
	fx_use_mm(mm);
	uput(FX_LOCK, 0);
	uput(FX_COUNTER, 0);
	for (unsigned int i = 0; i < n; i++) {
		s[i] = (struct fx_stress){ .mm = mm, .end = ktime_get_ns() + 300 * MS };
		s[i].task = kthread_create(fx_stress_fn, &s[i], "futexm");
		if (IS_ERR(s[i].task))
			panic("ktest_futex: kthread_create");
		set_cpus_allowed(s[i].task, cpumask_of(i % nr_cpus));
		wake_up_new_task(s[i].task);
	}
	for (unsigned int i = 0; i < n; i++) {
		kthread_join(s[i].task);
		total += s[i].count;
		sleeps += s[i].sleeps;
		if (!why && (s[i].err || s[i].lost))
			why = ktest_fail("thread %u: error %d, %u lost wake-ups", i, s[i].err, s[i].lost);
	}
	if (!why && uget(FX_COUNTER) != total)
		why = ktest_fail("counter %u, increments %u: the mutex did not exclude",
				 uget(FX_COUNTER), total);
	if (!why && uget(FX_LOCK) != 0)
		why = ktest_fail("lock word %u at the end", uget(FX_LOCK));
	if (!why)
		pr_info("futex perf: mutex: %u increments by %u threads on %u cpus in 300 ms, "
			"%u sleeps\n", total, n, nr_cpus, sleeps);
	return fx_finish(mm, why, free_before);
}

/* ---------------------------------------------------------------- latency */

#define FX_PP_DONE   0xffffffffu
#define FX_PP_ROUNDS 2000u

struct fx_pp {
	struct mm_struct *mm;
	u32 me;                  /* moves when the turn word is even (0) or odd (1) */
	u64 end;
	unsigned int rounds, samples, lost;
	u64 lat_sum, lat_min, lat_max;
	struct task *task;
};

static u64 fx_pp_stamp;   /* [a] ktime just before the last futex_wake */

/* Wait for the turn word to change from t; sample the wake-to-run latency. */
static void fx_pp_wait(struct fx_pp *p, u32 t)
{
	int r = futex_wait(FX_BASE, true, t, ktime_get_ns() + 2000 * MS, ANY);
	u64 lat = ktime_get_ns() - READ_ONCE(fx_pp_stamp);

	if (r == -ETIMEDOUT)
		p->lost++;
	if (r)
		return;
	p->samples++;
	p->lat_sum += lat;
	p->lat_min = MIN(p->lat_min, lat);
	p->lat_max = MAX(p->lat_max, lat);
}

static int fx_pp_fn(void *arg)
{
	struct fx_pp *p = arg;

	fx_use_mm(p->mm);
	for (;;) {
		u32 t = uget(FX_BASE);

		if (t == FX_PP_DONE)
			break;
		if (t % 2 != p->me) {
			fx_pp_wait(p, t);
			continue;
		}
		uput(FX_BASE, t + 1 >= FX_PP_ROUNDS || ktime_get_ns() > p->end ? FX_PP_DONE : t + 1);
		WRITE_ONCE(fx_pp_stamp, ktime_get_ns());
		futex_wake(FX_BASE, true, 1, ANY);
		p->rounds++;
	}
	fx_use_mm(NULL);
	return 0;
}

KTEST(futex_pingpong_latency_across_harts)
{
	unsigned long free_before = settled_free_pages();
	struct mm_struct *mm = fx_mm_create();
	struct fx_pp p[2];
	const char *why = NULL;
	u64 t0;

	if (!mm)
		return ktest_fail("test mm");
	fx_use_mm(mm);
	uput(FX_BASE, 0);
	t0 = ktime_get_ns();
	for (u32 i = 0; i < 2; i++) {
		p[i] = (struct fx_pp){ .mm = mm, .me = i, .end = t0 + 300 * MS, .lat_min = ~0ULL };
		p[i].task = kthread_create(fx_pp_fn, &p[i], "futexpp");
		if (IS_ERR(p[i].task))
			panic("ktest_futex: kthread_create");
		set_cpus_allowed(p[i].task, cpumask_of(fx_cpu(i)));
		wake_up_new_task(p[i].task);
	}
	kthread_join(p[0].task);
	kthread_join(p[1].task);
	u64 elapsed = ktime_get_ns() - t0;
	unsigned int rounds = p[0].rounds + p[1].rounds, samples = p[0].samples + p[1].samples;
	if (p[0].lost || p[1].lost)
		why = ktest_fail("%u lost wake-ups", p[0].lost + p[1].lost);
	else if (rounds < 10)
		why = ktest_fail("only %u rounds", rounds);
	if (!why && samples)
		pr_info("futex perf: ping-pong cpu%u<->cpu%u: %u moves in %lu ms (%lu us each); "
			"wake-to-run %lu/%lu/%lu us min/avg/max over %u sleeps\n",
			fx_cpu(0), fx_cpu(1), rounds, elapsed / MS, elapsed / 1000 / rounds,
			MIN(p[0].lat_min, p[1].lat_min) / 1000,
			(p[0].lat_sum + p[1].lat_sum) / samples / 1000,
			MAX(p[0].lat_max, p[1].lat_max) / 1000, samples);
	return fx_finish(mm, why, free_before);
}
