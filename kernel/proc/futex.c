/*
 * Futexes: futex(2), set_robust_list(2), get_robust_list(2), and the
 * kernel's futex_wake() for CLONE_CHILD_CLEARTID (interface in
 * proc/futex.h; design in docs/proc.md, "futex").
 *
 * Waiters queue a struct futex_q (on their stack) on the hash bucket of
 * their key; the queue logic itself is the pure futex_queue.c. This file
 * resolves keys, reads the user word, sleeps and wakes.
 *
 * The lost-wake-up race. FUTEX_WAIT must check *uaddr == val and queue
 * the waiter atomically with respect to a waker that changes *uaddr and
 * then calls FUTEX_WAKE. Both take the bucket lock, so the check and the
 * queueing happen under it. The word is read there without faulting
 * (user_read_u32_nofault: the mm's lock, a page-table walk, one aligned
 * load through the linear map) -- mm_lock comes after futex_bucket in the
 * lock order, and nothing under either sleeps. If the page is not mapped
 * (or not readable) the bucket lock is dropped, the page faulted in with
 * handle_mm_fault() and the whole check repeated. The waiter then sets
 * TASK_INTERRUPTIBLE before dropping the bucket lock, so a wake-up that
 * takes the lock after it sees a sleeping (or about to sleep) task.
 *
 * Waking. A waker takes q off the chain, sets q->woken and wakes q->task,
 * all under the bucket lock: the waiter cannot return (its futex_q is on
 * its stack) before it has taken that lock itself to check whether it is
 * still queued. A requeue moves q to another bucket holding both locks
 * and changes q->bucket; the waiter locks q->bucket and checks that it
 * did not change meanwhile.
 *
 * Keys: private (FUTEX_PRIVATE_FLAG, or a private mapping) are (mm,
 * address) and touch no memory at all for a wake, as on Linux; shared
 * ones (a MAP_SHARED mapping) are (page, offset) and hold a page
 * reference. Until the page cache exists that is exact for shared
 * anonymous memory; file-backed shared mappings will want (inode, offset)
 * so that a page evicted and read back is the same futex.
 *
 * Locks: futex_bucket (one per bucket, two in address order with the
 * second as subclass 1); under them mm_lock (reading the word) and the
 * run-queue locks (wake-ups). docs/locking.md.
 */
#include <arch/memlayout.h>
#include <kernel/clock.h>
#include <kernel/syscall.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/uaccess.h>
#include <proc/futex.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/futex.h>

static struct futex_bucket futex_table[FUTEX_HASH_SIZE];

void futex_init(void)
{
	for (unsigned int i = 0; i < FUTEX_HASH_SIZE; i++)
		futex_bucket_init(&futex_table[i]);
}

static struct futex_bucket *bucket_of(const struct futex_key *key)
{
	return &futex_table[futex_hash(key)];
}

unsigned int futex_waiters(void)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < FUTEX_HASH_SIZE; i++) {
		struct futex_bucket *b = &futex_table[i];
		struct futex_q *q;

		spin_lock(&b->lock);
		list_for_each_entry(q, &b->chain, node)
			n++;
		spin_unlock(&b->lock);
	}
	return n;
}

/* ---------------------------------------------------------------- keys */

/*
 * The key of the futex at uaddr in this hart's address space. A shared
 * key holds a page reference: futex_put_key() it. 0, -EINVAL (not
 * 4-byte aligned), -EFAULT (outside user space, or nothing mapped there
 * for a shared lookup), -ENOMEM. May sleep later (takes the mm's lock).
 */
static int futex_get_key(unsigned long uaddr, bool private, struct futex_key *key)
{
	struct mm_struct *mm = mm_active();
	struct page *page;
	bool shared;
	int err;

	if (uaddr & 3)
		return -EINVAL;
	if (uaddr >= USER_TOP || !mm)
		return -EFAULT;
	*key = (struct futex_key){ .object = mm, .word = uaddr, .shared = false };
	if (private)
		return 0;
	err = user_page_get(mm, uaddr, &page, &shared);
	if (err)
		return err;
	if (!shared) {
		put_page(page);   /* a private mapping: (mm, address) as with the flag */
		return 0;
	}
	*key = (struct futex_key){ .object = page, .word = uaddr & ~PAGE_MASK, .shared = true };
	return 0;
}

static void futex_put_key(const struct futex_key *key)
{
	if (key->shared)
		put_page((struct page *)key->object);
}

/* Fault uaddr in for access with no lock held: 0 or -EFAULT/-ENOMEM. */
static int futex_fault_in(unsigned long uaddr, unsigned int access)
{
	struct mm_struct *mm = mm_active();

	return mm ? handle_mm_fault(mm, uaddr, access) : -EFAULT;
}

/* ---------------------------------------------------------------- locking */

static void buckets_lock(struct futex_bucket *a, struct futex_bucket *b)
{
	if (a == b) {
		spin_lock(&a->lock);
		return;
	}
	if (a > b) {
		struct futex_bucket *t = a;
		a = b;
		b = t;
	}
	spin_lock(&a->lock);
	spin_lock_nested(&b->lock, 1);
}

static void buckets_unlock(struct futex_bucket *a, struct futex_bucket *b)
{
	if (a != b)
		spin_unlock(&b->lock);
	spin_unlock(&a->lock);
}

/* Lock the bucket q is on; a requeue may move it until we hold that lock. */
static struct futex_bucket *futex_lock_q(struct futex_q *q)
{
	for (;;) {
		struct futex_bucket *b = READ_ONCE(q->bucket);

		spin_lock(&b->lock);
		if (b == q->bucket)
			return b;
		spin_unlock(&b->lock);
	}
}

/*
 * The futex_wake_fn: q is off its chain; mark it woken and wake its task.
 * Bucket locked, so q (on the sleeper's stack) and its task stay valid.
 * The store to woken comes before try_to_wake_up()'s full barrier and its
 * read of the task state; pairs with set_current_state() in the waiter.
 */
static void futex_wake_one(struct futex_q *q, void *arg)
{
	WRITE_ONCE(q->woken, true);
	wake_up_process(q->task);
}

/* ---------------------------------------------------------------- wait */

/*
 * Under q's bucket lock: check *uaddr == val and queue q, in
 * TASK_INTERRUPTIBLE. 0 (queued), -EAGAIN, -EFAULT, -ENOMEM.
 */
static int futex_wait_setup(unsigned long uaddr, u32 val, struct futex_q *q)
{
	struct futex_bucket *b = bucket_of(&q->key);
	struct mm_struct *mm = mm_active();
	u32 cur;
	int err;

	for (;;) {
		spin_lock(&b->lock);
		if (!user_read_u32_nofault(mm, uaddr, &cur))
			break;
		spin_unlock(&b->lock);
		err = futex_fault_in(uaddr, FAULT_READ);
		if (err)
			return err;
	}
	if (cur != val) {
		spin_unlock(&b->lock);
		return -EAGAIN;
	}
	futex_queue(b, q);
	set_current_state(TASK_INTERRUPTIBLE);
	spin_unlock(&b->lock);
	return 0;
}

/* Sleep until woken, a signal or the deadline (0: none); then leave the queue. */
static int futex_wait_sleep(struct futex_q *q, u64 deadline)
{
	struct futex_bucket *b;
	bool queued;

	for (;;) {
		if (READ_ONCE(q->woken) || signal_pending(current))
			break;
		if (deadline && ktime_get_ns() >= deadline)
			break;
		if (deadline)
			schedule_until(deadline);
		else
			schedule();
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	b = futex_lock_q(q);
	queued = futex_unqueue(q);
	spin_unlock(&b->lock);
	if (!queued)
		return 0;   /* woken, maybe as the time ran out too: Linux says 0 */
	/*
	 * Interrupted, as Linux: without a timeout restarted (no handler, or
	 * SA_RESTART); with one, EINTR if a handler runs, else restart_syscall
	 * waits on to the same deadline (futex_wait sets the restart block).
	 */
	if (fatal_signal_pending(current))
		return -EINTR;
	if (signal_pending(current))
		return deadline ? -ERESTART_RESTARTBLOCK : -ERESTARTSYS;
	return -ETIMEDOUT;
}

/* The priority a waiter queues with: its real-time priority, 0 for the fair class. */
static int futex_prio(struct task *t)
{
	int policy = READ_ONCE(t->policy);

	return (policy == SCHED_FIFO || policy == SCHED_RR) ? READ_ONCE(t->rt_priority) : 0;
}

/* restart_syscall after a timed wait was interrupted with no handler: on to the same deadline. */
static long futex_wait_restart(struct restart_block *rb)
{
	return futex_wait(rb->futex_uaddr, rb->futex_private, rb->futex_val, rb->deadline,
			  rb->futex_bitset);
}

int futex_wait(unsigned long uaddr, bool private, u32 val, u64 deadline, u32 bitset)
{
	struct futex_q q = { .bitset = bitset, .task = current };
	int err;

	if (!bitset)
		return -EINVAL;
	might_sleep();
	INIT_LIST_HEAD(&q.node);
	q.prio = futex_prio(current);
	err = futex_get_key(uaddr, private, &q.key);
	if (err)
		return err;
	err = futex_wait_setup(uaddr, val, &q);
	if (!err)
		err = futex_wait_sleep(&q, deadline);
	futex_put_key(&q.key);   /* the key it ended on: a requeue may have changed it */
	if (err == -ERESTART_RESTARTBLOCK) {
		struct restart_block *rb = &current->sig.restart;

		rb->fn = futex_wait_restart;
		rb->deadline = deadline;
		rb->futex_uaddr = uaddr;
		rb->futex_val = val;
		rb->futex_bitset = bitset;
		rb->futex_private = private;
	}
	return err;
}

/* ---------------------------------------------------------------- wake */

int futex_wake(unsigned long uaddr, bool private, int nr, u32 bitset)
{
	struct futex_key key;
	struct futex_bucket *b;
	int err, woken;

	if (!bitset)
		return -EINVAL;
	err = futex_get_key(uaddr, private, &key);
	if (err)
		return err;
	b = bucket_of(&key);
	spin_lock(&b->lock);
	woken = futex_wake_queued(b, &key, bitset, nr, futex_wake_one, NULL);
	spin_unlock(&b->lock);
	futex_put_key(&key);
	return woken;
}

/* Both keys, or an error with neither held. */
static int futex_get_keys(unsigned long uaddr, unsigned long uaddr2, bool private,
			  struct futex_key *k1, struct futex_key *k2)
{
	int err = futex_get_key(uaddr, private, k1);

	if (err)
		return err;
	err = futex_get_key(uaddr2, private, k2);
	if (err)
		futex_put_key(k1);
	return err;
}

/*
 * n waiters moved from k1 to k2 hold a reference on k2's page now instead
 * of k1's. The caller still holds its own reference on both pages, so
 * none of these puts frees a page, whatever the order.
 */
static void futex_requeue_refs(const struct futex_key *k1, const struct futex_key *k2, int n)
{
	for (int i = 0; i < n; i++) {
		if (k2->shared)
			get_page((struct page *)k2->object);
		if (k1->shared)
			put_page((struct page *)k1->object);
	}
}

/* CMP_REQUEUE's check with both buckets locked; unlocks them on any error. */
static int futex_requeue_check(struct futex_bucket *b1, struct futex_bucket *b2,
			       unsigned long uaddr, u32 cmpval)
{
	u32 cur;

	if (user_read_u32_nofault(mm_active(), uaddr, &cur)) {
		buckets_unlock(b1, b2);
		return -EFAULT;
	}
	if (cur != cmpval) {
		buckets_unlock(b1, b2);
		return -EAGAIN;
	}
	return 0;
}

int futex_requeue(unsigned long uaddr, bool private, unsigned long uaddr2, int nr_wake,
		  int nr_requeue, bool cmp, u32 cmpval)
{
	struct futex_key k1, k2;
	struct futex_bucket *b1, *b2;
	int err, moved = 0;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	err = futex_get_keys(uaddr, uaddr2, private, &k1, &k2);
	if (err)
		return err;
	b1 = bucket_of(&k1);
	b2 = bucket_of(&k2);
	for (;;) {
		buckets_lock(b1, b2);
		err = cmp ? futex_requeue_check(b1, b2, uaddr, cmpval) : 0;
		if (err != -EFAULT)
			break;
		err = futex_fault_in(uaddr, FAULT_READ);
		if (err)
			goto out;
	}
	if (err)
		goto out;   /* -EAGAIN, unlocked */
	err = futex_requeue_queued(b1, &k1, b2, &k2, nr_wake, nr_requeue, futex_wake_one, NULL,
				   &moved);
	buckets_unlock(b1, b2);
	futex_requeue_refs(&k1, &k2, moved);
out:
	futex_put_key(&k2);
	futex_put_key(&k1);
	return err;
}

/* *uaddr = op(*uaddr), atomically, buckets locked; *oldp = the old value. 0 or -EFAULT. */
static int futex_atomic_op_locked(unsigned long uaddr, const struct futex_op *op, u32 *oldp)
{
	struct mm_struct *mm = mm_active();
	u32 old, cur;
	int err = user_read_u32_nofault(mm, uaddr, &old);

	while (!err) {
		err = user_cmpxchg_u32_nofault(mm, uaddr, old, futex_op_apply(op, old), &cur);
		if (!err && cur == old) {
			*oldp = old;
			return 0;
		}
		old = cur;
	}
	return err;
}

int futex_wake_op(unsigned long uaddr, bool private, unsigned long uaddr2, int nr_wake,
		  int nr_wake2, u32 val3)
{
	struct futex_key k1, k2;
	struct futex_bucket *b1, *b2;
	struct futex_op op;
	u32 old;
	int err, woken;

	err = futex_op_decode(val3, &op);
	if (err)
		return err;
	err = futex_get_keys(uaddr, uaddr2, private, &k1, &k2);
	if (err)
		return err;
	b1 = bucket_of(&k1);
	b2 = bucket_of(&k2);
	for (;;) {
		buckets_lock(b1, b2);
		if (!futex_atomic_op_locked(uaddr2, &op, &old))
			break;
		buckets_unlock(b1, b2);
		err = futex_fault_in(uaddr2, FAULT_WRITE);
		if (err)
			goto out;
	}
	woken = futex_wake_queued(b1, &k1, FUTEX_BITSET_MATCH_ANY, nr_wake, futex_wake_one, NULL);
	if (futex_op_cmp(&op, old))
		woken += futex_wake_queued(b2, &k2, FUTEX_BITSET_MATCH_ANY, nr_wake2,
					   futex_wake_one, NULL);
	buckets_unlock(b1, b2);
	err = woken;
out:
	futex_put_key(&k2);
	futex_put_key(&k1);
	return err;
}

/* ---------------------------------------------------------------- system calls */

/* struct __kernel_timespec of the riscv64 ABI (64-bit seconds and nanoseconds). */
struct futex_timespec {
	s64 tv_sec;
	s64 tv_nsec;
};

#define FUTEX_NS_MAX ((u64)1 << 62)   /* "forever", without overflowing ktime arithmetic */

/* The user timespec at uts as ns: 0, -EFAULT or -EINVAL (Linux's timespec64_valid). */
static int futex_read_timespec(unsigned long uts, u64 *ns)
{
	struct futex_timespec ts;

	if (copy_from_user(&ts, (const void *)uts, sizeof(ts)))
		return -EFAULT;
	if (ts.tv_sec < 0 || ts.tv_nsec < 0 || (u64)ts.tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	if ((u64)ts.tv_sec >= FUTEX_NS_MAX / NSEC_PER_SEC)
		*ns = FUTEX_NS_MAX;
	else
		*ns = (u64)ts.tv_sec * NSEC_PER_SEC + (u64)ts.tv_nsec;
	return 0;
}

/*
 * The monotonic deadline for a wait's timeout at uts (0 = none, if uts is
 * NULL): relative for FUTEX_WAIT, absolute for WAIT_BITSET on
 * CLOCK_MONOTONIC or (clockrt) CLOCK_REALTIME, converted once with the
 * wall clock's offset now (a later change of the wall clock does not
 * move it). A deadline already past is 1: the wait still checks the
 * value, then times out. 0 or -EFAULT/-EINVAL.
 */
static int futex_deadline(unsigned long uts, bool relative, bool clockrt, u64 *deadline)
{
	u64 ns, now = ktime_get_ns();
	int err;

	*deadline = 0;
	if (!uts)
		return 0;
	err = futex_read_timespec(uts, &ns);
	if (err)
		return err;
	if (relative) {
		*deadline = now + ns;
	} else if (clockrt) {
		u64 real = ktime_get_real_ns();
		u64 offset = real > now ? real - now : 0;   /* no RTC: the clocks agree */

		*deadline = ns > offset ? ns - offset : 1;
	} else {
		*deadline = ns;
	}
	if (*deadline == 0)
		*deadline = 1;
	return 0;
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3) */
long sys_futex(const struct syscall_args *args)
{
	unsigned long uaddr = args->a[0], utime = args->a[3], uaddr2 = args->a[4];
	int op = (int)args->a[1], cmd = op & FUTEX_CMD_MASK;
	u32 val = (u32)args->a[2], val3 = (u32)args->a[5];
	bool private = op & FUTEX_PRIVATE_FLAG, clockrt = op & FUTEX_CLOCK_REALTIME;
	u64 deadline;
	int err;

	if (clockrt && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET &&
	    cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAIT_BITSET:
		err = futex_deadline(utime, cmd == FUTEX_WAIT, clockrt, &deadline);
		if (err)
			return err;
		return futex_wait(uaddr, private, val, deadline, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		/* fall through */
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, private, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, private, uaddr2, (int)val, (int)utime, false, 0);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, private, uaddr2, (int)val, (int)utime, true, val3);
	case FUTEX_WAKE_OP:
		return futex_wake_op(uaddr, private, uaddr2, (int)val, (int)utime, val3);
	default:
		return -ENOSYS;   /* FUTEX_FD (gone from Linux too), the PI operations */
	}
}

/* set_robust_list(head, len): recorded for the exit path; nothing walks it yet. */
long sys_set_robust_list(const struct syscall_args *args)
{
	if (args->a[1] != sizeof(struct robust_list_head_user))
		return -EINVAL;
	current->robust_list = args->a[0];
	current->robust_list_len = args->a[1];
	return 0;
}

/*
 * May the caller read t's robust list? Its own process, root, or a
 * target whose real, effective and saved uids are the caller's uid (the
 * uid half of Linux's ptrace_may_access; there are no capabilities).
 */
static bool robust_list_allowed(struct task *t)
{
	struct process *me = current->proc, *p = t->proc;
	u32 uid;

	if (capable_root() || t == current || (me && me == p))
		return true;
	if (!me || !p)
		return false;
	uid = READ_ONCE(me->cred.uid);
	return READ_ONCE(p->cred.uid) == uid && READ_ONCE(p->cred.euid) == uid &&
	       READ_ONCE(p->cred.suid) == uid;
}

/* get_robust_list(pid, head_ptr, len_ptr) */
long sys_get_robust_list(const struct syscall_args *args)
{
	int pid = (int)args->a[0];
	struct task *t = pid ? task_find_by_pid(pid) : current;
	unsigned long head, len = sizeof(struct robust_list_head_user);   /* Linux reports this */

	if (!t)
		return -ESRCH;
	if (!robust_list_allowed(t)) {
		if (pid)
			task_put(t);
		return -EPERM;
	}
	head = READ_ONCE(t->robust_list);
	if (pid)
		task_put(t);
	if (put_user(len, (unsigned long *)args->a[2]))
		return -EFAULT;
	if (put_user(head, (unsigned long *)args->a[1]))
		return -EFAULT;
	return 0;
}
