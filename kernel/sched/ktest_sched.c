/*
 * Self-tests of the scheduler (ktest=boot): kernel threads, preemption,
 * CFS shares, balancing, sleeping and waking, sleeping locks, timers, and
 * the figures docs/sched.md quotes (context switch, wake-up latency,
 * thread create+join).
 *
 * The runner is the init thread, pinned to cpu 0. Every test bounds its
 * work by time, not by rounds (QEMU may run 8 virtual harts on 2 host
 * cores), and waits for every thread it started before returning. Tests
 * that need two cpus use the same one twice on a 1-hart machine.
 *
 * Locks: "ktest_mutex", "ktest_rwsem", "ktest_owner_mutex" (sleeping),
 * the wait queue "ktest_wq" and "ktest_atomic_lock", taken only here
 * (docs/locking.md).
 */
#include <arch/csr.h>
#include <arch/pgtable.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/machine.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/timer.h>
#include <lib/string.h>
#include <locking/mutex.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <uapi/errno.h>

#define MS 1000000ULL

/* ---------------------------------------------------------------- helpers */

static u64 now_ns(void)
{
	return ktime_get_ns();
}

/* A started kernel thread running fn(arg), pinned to cpu (any if < 0), at nice. */
static struct task *spawn(int (*fn)(void *), void *arg, const char *name, int cpu, int nice)
{
	struct task *t = kthread_create(fn, arg, name);

	if (IS_ERR(t))
		return NULL;
	if (cpu >= 0 && set_cpus_allowed(t, cpumask_of((unsigned int)cpu)))
		panic("ktest: cannot pin %s to cpu %d", name, cpu);
	if (nice)
		set_user_nice(t, nice);
	wake_up_new_task(t);
	return t;
}

static unsigned int second_cpu(void)
{
	return nr_cpus > 1 ? 1 : 0;
}

static unsigned int last_cpu(void)
{
	return nr_cpus - 1;
}

/*
 * Live tasks once every exited one has switched away for the last time
 * (and so been freed, if joined): a stable count for leak checks.
 */
static unsigned int tasks_settled(void)
{
	u64 deadline = now_ns() + 1000 * MS;

	while (nr_tasks_dying() && now_ns() < deadline)
		msleep(1);
	return nr_tasks();
}

/* Free pages with every hart's caches drained (plus kernel page-table pages, never freed). */
static unsigned long free_pages_drained(void)
{
	return mm_free_pages_settled() + READ_ONCE(kernel_pt_pages);
}

static void spin_for(u64 ns)
{
	u64 end = now_ns() + ns;

	while (now_ns() < end)
		cpu_relax();
}

/* ---------------------------------------------------------------- threads */

KTEST(sched_boot_state)
{
	if (!current || strcmp(current->name, "init") != 0)
		return ktest_fail("the runner is %s, not init", current ? current->name : "nothing");
	if (smp_processor_id() != 0 || current->cpus_allowed.bits != 1)
		return ktest_fail("init is not pinned to cpu 0");
	if (preempt_count() != 0 || irqs_disabled())
		return ktest_fail("runner not preemptible: count %d", preempt_count());
	for (unsigned int i = 0; i < nr_cpus; i++) {
		struct task *curr = READ_ONCE(cpus[i].curr);
		if (!curr || cpus[i].stack_bottom != curr->ctx.stack_bottom)
			return ktest_fail("cpu%u: running task and stack_bottom disagree", i);
	}
	return NULL;
}

static int many_fn(void *arg)
{
	spin_for(20 * MS);
	msleep(2);
	spin_for(2 * MS);
	return (int)(long)arg + 1000;
}

/* 4 x nr_cpus threads, 22 ms of work each: all exit, all reaped, no page leaked. */
KTEST(sched_kthreads_many)
{
	static struct task *t[4 * NR_CPUS];
	unsigned int n = 4 * nr_cpus, tasks = tasks_settled();
	unsigned long before = free_pages_drained();
	u64 t0 = now_ns();

	for (unsigned int i = 0; i < n; i++)
		if (!(t[i] = spawn(many_fn, (void *)(long)i, "many", -1, 0)))
			return ktest_fail("kthread %u: no memory", i);
	for (unsigned int i = 0; i < n; i++) {
		int code = kthread_join(t[i]);
		if (code != (int)i + 1000)
			return ktest_fail("thread %u exited with %d", i, code);
	}
	printk("sched: %u threads x 22 ms of work on %u cpus in %llu ms\n", n, nr_cpus,
	       (unsigned long long)((now_ns() - t0) / MS));
	if (tasks_settled() != tasks)
		return ktest_fail("%u tasks live, %u before", nr_tasks(), tasks);
	unsigned long after = free_pages_drained();
	return after == before ? NULL : ktest_fail("free pages %lu before, %lu after", before, after);
}

static int stoppable_fn(void *arg)
{
	atomic_t *loops = arg;

	for (;;) {
		atomic_inc(loops);
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule_timeout(HZ);   /* 1 s: kthread_stop must cut it short */
	}
	__set_current_state(TASK_RUNNING);
	return 42;
}

static int never_fn(void *arg)
{
	*(volatile bool *)arg = true;
	return 0;
}

KTEST(sched_kthread_stop)
{
	static atomic_t loops;
	static volatile bool ran;
	struct task *t = spawn(stoppable_fn, &loops, "stoppable", -1, 0);
	u64 t0;
	int code;

	if (!t)
		return ktest_fail("no memory");
	/* Let it run once (a busy host may not run a new vCPU's task for a while). */
	for (int i = 0; i < 5000 && atomic_read(&loops) < 1; i++)
		msleep(1);
	t0 = now_ns();
	code = kthread_stop(t);
	if (code != 42 || atomic_read(&loops) < 1)
		return ktest_fail("exit code %d after %d loops", code, atomic_read(&loops));
	if (now_ns() - t0 > 500 * MS)
		return ktest_fail("kthread_stop took %llu ms", (unsigned long long)((now_ns() - t0) / MS));
	t = kthread_create(never_fn, (void *)&ran, "never");
	if (IS_ERR(t))
		return ktest_fail("no memory");
	code = kthread_stop(t);
	return code == -EINTR && !ran ? NULL : ktest_fail("unstarted thread: %d, ran %d", code, ran);
}

/* ---------------------------------------------------------------- preemption and CFS */

static volatile bool preempt_flag;

static int spinner_fn(void *arg)
{
	struct completion *spinning = arg;
	u64 deadline = now_ns() + 1000 * MS;

	complete(spinning);
	while (!READ_ONCE(preempt_flag) && now_ns() < deadline)
		;   /* no yield, no sleep, no cond_resched */
	return READ_ONCE(preempt_flag) ? 0 : -1;
}

static int setter_fn(void *arg)
{
	WRITE_ONCE(preempt_flag, true);
	return 0;
}

/* On cpu 0 only: a thread that never yields does not keep another from running. */
KTEST(sched_preemption)
{
	static struct completion spinning;
	struct task *spinner, *setter;
	u64 t0;

	preempt_flag = false;
	init_completion(&spinning);
	if (!(spinner = spawn(spinner_fn, &spinning, "spinner", 0, 0)))
		return ktest_fail("no memory");
	wait_for_completion(&spinning);   /* we ran again on cpu 0: preempted it once */
	t0 = now_ns();
	if (!(setter = spawn(setter_fn, NULL, "setter", 0, 0)))
		return ktest_fail("no memory");
	kthread_join(setter);
	if (kthread_join(spinner) != 0)
		return ktest_fail("the setter never ran while the spinner spun");
	printk("sched: a thread spinning on cpu 0 was preempted for another within %llu ms\n",
	       (unsigned long long)((now_ns() - t0) / MS));
	return NULL;
}

static int hog_fn(void *arg)
{
	while (!READ_ONCE(*(volatile bool *)arg))
		;
	return 0;
}

/*
 * nice 0 and nice 5 CPU hogs pinned to one cpu for ~500 ms: ratio of run
 * times 1024:335 = 3.06 ideally, 2:1 .. 4.5:1 accepted (issue 4).
 *
 * Time the host takes from the virtual hart (QEMU's vCPU thread
 * descheduled) is charged to whichever hog was running; CFS pays it back
 * by running the other one until their vruntimes meet again. So the
 * window starts and ends only at moments when the two vruntimes are within
 * VR_BALANCED of each other: then run-time shares reflect the weights
 * whatever the host did in between (a share measured while one hog is
 * still owed time would not). Run time is read from the entity
 * (sum_exec_runtime), which the scheduler updates together with vruntime:
 * task_sched_runtime() would add the running hog's not yet charged time,
 * which under heavy host load can be hundreds of milliseconds.
 */
#define VR_BALANCED (20 * MS)   /* below one tick of the nice-5 hog's vruntime at HZ=100 */

static u64 vr_gap(struct task *a, struct task *b)
{
	u64 va = READ_ONCE(a->se.vruntime), vb = READ_ONCE(b->se.vruntime);
	return va > vb ? va - vb : vb - va;
}

/* Wait (up to 1 s) for a balanced moment, then sample both run times. */
static bool sample_balanced(struct task *a, struct task *b, u64 *ra, u64 *rb)
{
	u64 give_up = now_ns() + 1000 * MS;

	while (vr_gap(a, b) > VR_BALANCED) {
		if (now_ns() > give_up)
			return false;
		msleep(1);
	}
	*ra = READ_ONCE(a->se.sum_exec_runtime);
	*rb = READ_ONCE(b->se.sum_exec_runtime);
	return true;
}

KTEST(sched_cfs_nice_share)
{
	static volatile bool stop;
	unsigned int cpu = last_cpu();
	u64 a0, b0, a1, b1;

	stop = false;
	struct task *a = spawn(hog_fn, (void *)&stop, "hog0", (int)cpu, 0);
	struct task *b = spawn(hog_fn, (void *)&stop, "hog5", (int)cpu, 5);
	if (!a || !b)
		panic("ktest: no memory for hogs");
	msleep(30);
	bool ok = sample_balanced(a, b, &a0, &b0);
	msleep(500);
	ok = ok && sample_balanced(a, b, &a1, &b1);
	WRITE_ONCE(stop, true);
	kthread_join(a);
	kthread_join(b);
	if (!ok)
		return ktest_fail("the hogs' vruntimes never came within %llu ms of each other",
				  VR_BALANCED / MS);
	u64 ran0 = a1 - a0, ran5 = b1 - b0;
	printk("sched: nice 0 vs nice 5 on cpu%u: %llu ms vs %llu ms, ratio %llu.%02llu (ideal 3.06)\n",
	       cpu, (unsigned long long)(ran0 / MS), (unsigned long long)(ran5 / MS),
	       (unsigned long long)(ran5 ? ran0 / ran5 : 0),
	       (unsigned long long)(ran5 ? ran0 * 100 / ran5 % 100 : 0));
	if (ran5 && ran0 >= 2 * ran5 && 2 * ran0 <= 9 * ran5)
		return NULL;
	return ktest_fail("ratio %llu ns : %llu ns outside 2:1 .. 4.5:1",
			  (unsigned long long)ran0, (unsigned long long)ran5);
}

/* nr_cpus CPU-bound threads, no affinity, 200 ms: every cpu runs one of them. */
KTEST(sched_all_cpus_used)
{
	static volatile bool stop;
	static struct task *t[NR_CPUS];
	struct sched_cpu_stats st;
	u64 busy0[NR_CPUS];

	stop = false;
	for (unsigned int i = 0; i < nr_cpus; i++)
		if (!(t[i] = spawn(hog_fn, (void *)&stop, "hog", -1, 0)))
			return ktest_fail("no memory");
	msleep(50);
	for (unsigned int i = 0; i < nr_cpus; i++) {
		sched_cpu_stats(i, &st);
		busy0[i] = st.busy_ns;
	}
	msleep(200);
	WRITE_ONCE(stop, true);
	printk("sched: %u hogs, busy ms per cpu:", nr_cpus);
	const char *why = NULL;
	for (unsigned int i = 0; i < nr_cpus; i++) {
		sched_cpu_stats(i, &st);
		printk(KERN_CONT " %llu", (unsigned long long)((st.busy_ns - busy0[i]) / MS));
		if (st.busy_ns == busy0[i] && !why)
			why = ktest_fail("cpu%u ran nothing for 200 ms", i);
	}
	printk(KERN_CONT "\n");
	for (unsigned int i = 0; i < nr_cpus; i++)
		kthread_join(t[i]);
	return why;
}

static volatile bool mover_stop;
static volatile unsigned int mover_cpu;

static int mover_fn(void *arg)
{
	while (!READ_ONCE(mover_stop))
		WRITE_ONCE(mover_cpu, smp_processor_id());
	return 0;
}

/* A thread running on one cpu moves when its affinity changes; nice changes apply. */
KTEST(sched_affinity_moves_running_thread)
{
	unsigned int from = second_cpu(), to = last_cpu();
	struct task *t;
	u64 deadline;

	mover_stop = false;
	mover_cpu = ~0u;
	if (!(t = spawn(mover_fn, NULL, "mover", (int)from, 0)))
		return ktest_fail("no memory");
	msleep(5);
	if (set_cpus_allowed(t, cpumask_of(to)) != 0)
		return ktest_fail("set_cpus_allowed failed");
	set_user_nice(t, 3);
	deadline = now_ns() + 500 * MS;
	msleep(5);
	while (READ_ONCE(mover_cpu) != to && now_ns() < deadline)
		msleep(1);
	int nice = READ_ONCE(t->nice);
	WRITE_ONCE(mover_stop, true);
	kthread_join(t);
	if (mover_cpu != to)
		return ktest_fail("still on cpu%u, not cpu%u", mover_cpu, to);
	if (nice != 3)
		return ktest_fail("nice %d, set 3", nice);
	return set_cpus_allowed(current, (struct cpumask){ 0 }) == -EINVAL ? NULL
		: ktest_fail("an empty mask was accepted");
}

/* Two threads on one cpu that yield in turn both make progress and switch. */
struct yielder {
	unsigned long count;
	u64 switches;
};

static int yielder_fn(void *arg)
{
	struct yielder *y = arg;
	u64 end = now_ns() + 50 * MS;

	while (now_ns() < end) {
		y->count++;
		sched_yield();
	}
	y->switches = current->nr_involuntary_switches;
	return 0;
}

KTEST(sched_yield_alternates)
{
	static struct yielder y[2];
	struct task *a, *b;

	memset(y, 0, sizeof(y));
	a = spawn(yielder_fn, &y[0], "yield0", (int)last_cpu(), 0);
	b = spawn(yielder_fn, &y[1], "yield1", (int)last_cpu(), 0);
	if (!a || !b)
		return ktest_fail("no memory");
	kthread_join(a);
	kthread_join(b);
	if (!y[0].count || !y[1].count || !(y[0].switches + y[1].switches))
		return ktest_fail("counts %lu %lu, %llu switches", y[0].count, y[1].count,
				  (unsigned long long)(y[0].switches + y[1].switches));
	return NULL;
}

/* ---------------------------------------------------------------- sleeping and waking */

struct pingpong {
	struct completion ping, pong;
	u64 deadline;              /* ktime */
	u64 sent;                  /* time CSR when the last complete() was called */
	u64 wake_cycles;           /* sum of complete() -> woken task running */
	u64 elapsed;               /* cycles of the whole run */
	unsigned long rounds;
	bool stop;
};

static int pong_fn(void *arg)
{
	struct pingpong *p = arg;

	for (;;) {
		wait_for_completion(&p->ping);
		if (READ_ONCE(p->stop))
			return 0;
		p->wake_cycles += rdtime() - p->sent;
		p->sent = rdtime();
		complete(&p->pong);
	}
}

static int ping_fn(void *arg)
{
	struct pingpong *p = arg;
	u64 start = rdtime();

	while (now_ns() < p->deadline) {
		p->sent = rdtime();
		complete(&p->ping);
		wait_for_completion(&p->pong);
		p->wake_cycles += rdtime() - p->sent;
		p->rounds++;
	}
	p->elapsed = rdtime() - start;
	WRITE_ONCE(p->stop, true);
	complete(&p->ping);
	return 0;
}

/* Completion ping-pong between cpus a and b for 100 ms; prints round trip and wake-up latency. */
static const char *pingpong_run(unsigned int a, unsigned int b)
{
	static struct pingpong p;
	struct task *pong, *ping;

	memset(&p, 0, sizeof(p));
	init_completion(&p.ping);
	init_completion(&p.pong);
	p.deadline = now_ns() + 100 * MS;
	pong = spawn(pong_fn, &p, "pong", (int)b, 0);
	ping = spawn(ping_fn, &p, "ping", (int)a, 0);
	if (!pong || !ping)
		return ktest_fail("no memory");
	kthread_join(ping);
	kthread_join(pong);
	if (p.rounds < 1)
		return ktest_fail("no round trip in 100 ms");
	printk("sched: completion ping-pong cpu%u<->cpu%u: %lu round trips in 100 ms, "
	       "%llu ns each, wake-up latency %llu ns\n", a, b, p.rounds,
	       (unsigned long long)(cycles_to_ns(p.elapsed) / p.rounds),
	       (unsigned long long)(cycles_to_ns(p.wake_cycles) / (2 * p.rounds)));
	return NULL;
}

KTEST(sched_completion_pingpong)
{
	const char *why = pingpong_run(last_cpu(), last_cpu());

	return why ? why : pingpong_run(nr_cpus > 2 ? 1 : 0, last_cpu());
}

static struct wait_queue_head test_wq = WAIT_QUEUE_HEAD_INIT(test_wq, "ktest_wq");
static volatile bool wq_flag;

static int wq_setter_fn(void *arg)
{
	msleep(10);
	WRITE_ONCE(wq_flag, true);
	wake_up(&test_wq);
	return 0;
}

KTEST(sched_wait_event_timeout)
{
	long ticks = (long)msecs_to_ticks(50), left;
	struct task *t;
	u64 t0, took;

	wq_flag = false;
	t0 = now_ns();
	left = wait_event_timeout(test_wq, READ_ONCE(wq_flag), ticks);
	took = now_ns() - t0;
	if (left != 0 || took < (u64)ticks * NSEC_PER_TICK || took > 500 * MS)
		return ktest_fail("nobody woke: returned %ld after %llu us", left,
				  (unsigned long long)(took / 1000));
	if (!(t = spawn(wq_setter_fn, NULL, "wq_setter", -1, 0)))
		return ktest_fail("no memory");
	t0 = now_ns();
	left = wait_event_timeout(test_wq, READ_ONCE(wq_flag), (long)msecs_to_ticks(2000));
	took = now_ns() - t0;
	kthread_join(t);
	if (left <= 0 || took > 1000 * MS)
		return ktest_fail("woken: returned %ld after %llu us", left,
				  (unsigned long long)(took / 1000));
	return NULL;
}

KTEST(sched_msleep_precision)
{
	static const unsigned int ms[] = { 20, 1, 3 };

	printk("sched: msleep(ms) took:");
	for (unsigned int i = 0; i < ARRAY_SIZE(ms); i++) {
		u64 t0 = now_ns(), took;

		msleep(ms[i]);
		took = now_ns() - t0;
		printk(KERN_CONT " %u -> %llu us", ms[i], (unsigned long long)(took / 1000));
		if (took < ms[i] * MS) {
			printk(KERN_CONT "\n");
			return ktest_fail("msleep(%u) took %llu us", ms[i], (unsigned long long)(took / 1000));
		}
	}
	printk(KERN_CONT "\n");
	return NULL;
}

/* Exclusive waiters: wake_up() wakes one, wake_up_all() the rest. */
static atomic_t excl_tokens, excl_passed;

static int excl_waiter_fn(void *arg)
{
	struct wait_queue_entry w;

	wait_entry_init(&w);
	for (;;) {
		prepare_to_wait_exclusive(&test_wq, &w, TASK_UNINTERRUPTIBLE);
		int n = atomic_read(&excl_tokens);
		if (n > 0 && atomic_cmpxchg(&excl_tokens, n, n - 1))
			break;
		schedule();
	}
	finish_wait(&test_wq, &w);
	atomic_inc(&excl_passed);
	return 0;
}

static bool asleep(struct task *t)
{
	return READ_ONCE(t->state) == TASK_UNINTERRUPTIBLE && !READ_ONCE(t->on_rq);
}

KTEST(sched_exclusive_wakeup)
{
	static struct task *t[3];
	unsigned int woken;

	atomic_set(&excl_tokens, 0);
	atomic_set(&excl_passed, 0);
	for (unsigned int i = 0; i < 3; i++)
		if (!(t[i] = spawn(excl_waiter_fn, NULL, "excl", -1, 0)))
			return ktest_fail("no memory");
	for (u64 deadline = now_ns() + 500 * MS; now_ns() < deadline;)
		if (asleep(t[0]) && asleep(t[1]) && asleep(t[2]))
			break;
		else
			msleep(1);
	atomic_set(&excl_tokens, 1);
	woken = wake_up(&test_wq);
	for (u64 deadline = now_ns() + 1000 * MS; now_ns() < deadline;)
		if (atomic_read(&excl_passed) > 0)
			break;
		else
			msleep(1);
	msleep(20);   /* time for a wrongly woken second waiter to pass */
	const char *why = woken != 1 || atomic_read(&excl_passed) != 1
		? ktest_fail("wake_up woke %u, %d passed", woken, atomic_read(&excl_passed)) : NULL;
	atomic_set(&excl_tokens, 2);
	wake_up_all(&test_wq);
	for (unsigned int i = 0; i < 3; i++)
		kthread_join(t[i]);
	return why;
}

/* ---------------------------------------------------------------- timers */

static u64 timer_fired_at[4];
static atomic_t timer_order;
static int timer_seq[4];

static void test_timer_fn(struct timer *t);
static struct timer test_timers[4];

static void test_timer_fn(struct timer *t)
{
	unsigned int i = (unsigned int)(t - test_timers);

	timer_fired_at[i] = now_ns();
	timer_seq[i] = atomic_add_return(&timer_order, 1);
}

/* Timers fire in expiry order, not before their time; a deleted one never fires. */
KTEST(sched_timers)
{
	static const u64 offset_ms[4] = { 3, 1, 2, 2 };
	/* Far enough ahead that a vCPU descheduled by a busy host cannot miss timer_del. */
	u64 base = now_ns() + 200 * MS;

	atomic_set(&timer_order, 0);
	for (unsigned int i = 0; i < 4; i++) {
		timer_seq[i] = 0;
		timer_init(&test_timers[i], test_timer_fn);
		timer_add(&test_timers[i], base + offset_ms[i] * MS);
	}
	if (!timer_del(&test_timers[3]) || timer_del(&test_timers[3]))
		return ktest_fail("timer_del of a pending timer");
	msleep(203);
	for (u64 deadline = now_ns() + 1000 * MS; now_ns() < deadline;)
		if (atomic_read(&timer_order) >= 3)
			break;
		else
			msleep(1);
	for (unsigned int i = 0; i < 4; i++)
		timer_del_sync(&test_timers[i]);
	if (timer_seq[1] != 1 || timer_seq[2] != 2 || timer_seq[0] != 3 || timer_seq[3] != 0)
		return ktest_fail("order %d %d %d %d", timer_seq[0], timer_seq[1], timer_seq[2],
				  timer_seq[3]);
	for (unsigned int i = 0; i < 3; i++)
		if (timer_fired_at[i] < base + offset_ms[i] * MS)
			return ktest_fail("timer %u fired %llu ns early", i,
					  (unsigned long long)(base + offset_ms[i] * MS - timer_fired_at[i]));
	printk("sched: timer lateness: %llu %llu %llu us\n",
	       (unsigned long long)((timer_fired_at[1] - base - 1 * MS) / 1000),
	       (unsigned long long)((timer_fired_at[2] - base - 2 * MS) / 1000),
	       (unsigned long long)((timer_fired_at[0] - base - 3 * MS) / 1000));
	return NULL;
}

/* ---------------------------------------------------------------- sleeping locks */

static struct mutex test_mutex = MUTEX_INIT(test_mutex, "ktest_mutex");
static unsigned long mutex_counter;   /* [test_mutex] */

struct lock_worker {
	u64 deadline;
	unsigned long mine;
	unsigned long errors;
};

static int mutex_worker_fn(void *arg)
{
	struct lock_worker *w = arg;

	while (now_ns() < w->deadline) {
		mutex_lock(&test_mutex);
		assert_mutex_held(&test_mutex);
		unsigned long v = mutex_counter;   /* non-atomic read-modify-write */
		cpu_relax();
		if ((w->mine & 255) == 0)
			msleep(1);                 /* sleep holding it: others queue up */
		mutex_counter = v + 1;
		mutex_unlock(&test_mutex);
		w->mine++;
	}
	return 0;
}

/* max(2, nr_cpus) threads on all cpus increment one counter under a mutex for 200 ms. */
KTEST(sched_mutex_counter)
{
	static struct lock_worker w[NR_CPUS > 2 ? NR_CPUS : 2];
	static struct task *t[NR_CPUS > 2 ? NR_CPUS : 2];
	unsigned int n = nr_cpus > 2 ? nr_cpus : 2;
	unsigned long sum = 0;
	u64 deadline = now_ns() + 200 * MS;

	mutex_counter = 0;
	for (unsigned int i = 0; i < n; i++) {
		w[i] = (struct lock_worker){ .deadline = deadline };
		if (!(t[i] = spawn(mutex_worker_fn, &w[i], "mutex", (int)(i % nr_cpus), 0)))
			return ktest_fail("no memory");
	}
	for (unsigned int i = 0; i < n; i++) {
		kthread_join(t[i]);
		sum += w[i].mine;
	}
	printk("sched: mutex: %lu increments by %u threads in 200 ms\n", sum, n);
	if (mutex_counter != sum)
		return ktest_fail("counter %lu, increments %lu", mutex_counter, sum);
	if (mutex_is_locked(&test_mutex) || !mutex_trylock(&test_mutex))
		return ktest_fail("mutex not free at the end");
	mutex_unlock(&test_mutex);
	return NULL;
}

static struct rw_semaphore test_rwsem;
static struct semaphore test_sema;
static atomic_t readers_in, writers_in, sema_in;

static int rw_worker_fn(void *arg)
{
	struct lock_worker *w = arg;
	bool writer = w->mine & 1;   /* odd workers write (set before start) */

	for (w->mine = 0; now_ns() < w->deadline; w->mine++) {
		if (writer) {
			down_write(&test_rwsem);
			if (atomic_add_return(&writers_in, 1) != 1 || atomic_read(&readers_in))
				w->errors++;
			cpu_relax();
			atomic_dec(&writers_in);
			up_write(&test_rwsem);
		} else {
			down_read(&test_rwsem);
			atomic_inc(&readers_in);
			if (atomic_read(&writers_in))
				w->errors++;
			cpu_relax();
			atomic_dec(&readers_in);
			up_read(&test_rwsem);
		}
		down(&test_sema);
		if (atomic_add_return(&sema_in, 1) > 2)
			w->errors++;
		atomic_dec(&sema_in);
		up(&test_sema);
	}
	return 0;
}

/* Readers share, a writer is alone; a semaphore of 2 admits at most 2. 100 ms. */
KTEST(sched_rwsem_and_semaphore)
{
	static struct lock_worker w[4];
	static struct task *t[4];
	unsigned long errors = 0, rounds = 0;
	u64 deadline = now_ns() + 100 * MS;

	init_rwsem(&test_rwsem, "ktest_rwsem");
	sema_init(&test_sema, 2);
	for (unsigned int i = 0; i < 4; i++) {
		w[i] = (struct lock_worker){ .deadline = deadline, .mine = i & 1 };
		if (!(t[i] = spawn(rw_worker_fn, &w[i], "rw", (int)(i % nr_cpus), 0)))
			return ktest_fail("no memory");
	}
	for (unsigned int i = 0; i < 4; i++) {
		kthread_join(t[i]);
		errors += w[i].errors;
		rounds += w[i].mine;
	}
	if (errors || rounds < 4)
		return ktest_fail("%lu exclusion errors in %lu rounds", errors, rounds);
	if (!down_write_trylock(&test_rwsem) || down_read_trylock(&test_rwsem))
		return ktest_fail("rwsem trylock");
	up_write(&test_rwsem);
	if (down_timeout(&test_sema, 1) != 0 || down_timeout(&test_sema, 1) != 0 ||
	    down_timeout(&test_sema, 2) != -ETIMEDOUT)
		return ktest_fail("semaphore count");
	up(&test_sema);
	up(&test_sema);
	return NULL;
}

/* ---------------------------------------------------------------- figures */

static int empty_fn(void *arg)
{
	return 7;
}

/* Create, run and join a trivial thread in a loop for 100 ms; no page leaked. */
KTEST(sched_kthread_create_join_cost)
{
	unsigned int tasks = tasks_settled();
	unsigned long before = free_pages_drained(), n = 0;
	u64 t0 = now_ns(), end = t0 + 100 * MS;

	for (; now_ns() < end; n++) {
		struct task *t = kthread_run(empty_fn, NULL, "empty");
		if (IS_ERR(t))
			return ktest_fail("no memory");
		if (kthread_join(t) != 7)
			return ktest_fail("exit code");
	}
	printk("sched: kthread create+run+join: %lu in 100 ms, %llu us each\n", n,
	       (unsigned long long)((now_ns() - t0) / n / 1000));
	if (tasks_settled() != tasks)
		return ktest_fail("%u tasks live, %u before", nr_tasks(), tasks);
	unsigned long after = free_pages_drained();
	return after == before ? NULL : ktest_fail("free pages %lu before, %lu after", before, after);
}

/* ---------------------------------------------------------------- must panic */

/*
 * On request only (tests/run.py runs each in a kernel of its own, which
 * must panic with the message given):
 *   ktest.only=mutex_wrong_owner  "mutex_unlock of 'ktest_owner_mutex' by init
 *                                  (pid 1), which does not own it (owner owner)"
 *   ktest.only=sleep_in_atomic    "lockdep: sleeping with spinlock
 *                                  'ktest_atomic_lock' held at mutex_lock"
 * Otherwise they pass without doing anything.
 */
static struct mutex owner_mutex = MUTEX_INIT(owner_mutex, "ktest_owner_mutex");
static struct spinlock atomic_lock = SPINLOCK_INIT("ktest_atomic_lock");

static int owner_fn(void *arg)
{
	mutex_lock(&owner_mutex);
	complete(arg);
	while (!kthread_should_stop())
		msleep(10);
	mutex_unlock(&owner_mutex);
	return 0;
}

static bool requested(const char *what)
{
	const char *only = cmdline_get(&kernel_cmdline, "ktest.only");

	return only && strcmp(only, what) == 0;
}

KTEST(sched_mutex_wrong_owner_on_request)
{
	static struct completion locked;
	struct task *t;

	if (!requested("mutex_wrong_owner"))
		return NULL;
	init_completion(&locked);
	if (!(t = spawn(owner_fn, &locked, "owner", -1, 0)))
		return ktest_fail("no memory");
	wait_for_completion(&locked);
	mutex_unlock(&owner_mutex);   /* must panic */
	kthread_stop(t);
	return ktest_fail("unlocking another task's mutex did not panic");
}

KTEST(sched_sleep_in_atomic_on_request)
{
	if (!requested("sleep_in_atomic"))
		return NULL;
	spin_lock(&atomic_lock);
	mutex_lock(&test_mutex);      /* must panic: may sleep */
	mutex_unlock(&test_mutex);
	spin_unlock(&atomic_lock);
	return ktest_fail("sleeping under a spinlock was not reported");
}
