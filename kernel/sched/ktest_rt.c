/*
 * Self-tests of the real-time class (ktest=boot), on cpu 0 unless said
 * otherwise. The runner (the init thread, pinned to cpu 0) makes itself
 * SCHED_FIFO 99 while it wakes the test threads, so none of them runs
 * before all are queued; they run when it blocks in kthread_join. Each
 * real-time test thread is bounded by time or rounds, so a test that
 * goes wrong cannot hang the hart for good.
 *
 * Covered: a FIFO task preempts a fair one at once and the fair one gets
 * no cpu while it runs; pick order by priority, FIFO among equals;
 * sched_yield alternation; SCHED_RR's 100 ms slices against SCHED_FIFO's
 * none; a policy change of a running task (fair -> FIFO -> fair, on the
 * last cpu); and the policy argument checks.
 */
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

#define MS ((u64)1000000)

/* A kernel thread pinned to cpu with policy/prio, not yet woken. */
static struct task *rt_create(int (*fn)(void *), void *arg, unsigned int cpu, int policy,
			      int prio)
{
	struct task *t = kthread_create(fn, arg, "rttest");

	if (IS_ERR(t))
		panic("ktest_rt: kthread_create");
	if (set_cpus_allowed(t, cpumask_of(cpu)) || sched_set_policy(t, policy, prio))
		panic("ktest_rt: setup");
	return t;
}

/* Wake ts[0..n) as SCHED_FIFO 99 (none runs before all are queued), then join them. */
static void rt_run_all(struct task **ts, unsigned int n)
{
	sched_set_policy(current, SCHED_FIFO, 99);
	for (unsigned int i = 0; i < n; i++)
		wake_up_new_task(ts[i]);
	sched_set_policy(current, SCHED_NORMAL, 0);   /* lets them run here, on cpu 0 */
	for (unsigned int i = 0; i < n; i++)
		kthread_join(ts[i]);
}

static void spin_ns(u64 ns)
{
	u64 end = ktime_get_ns() + ns;

	while (ktime_get_ns() < end)
		;
}

/* ---------------------------------------------------------------- preemption */

static int hog_fn(void *arg)
{
	while (!kthread_should_stop())
		cpu_relax();
	return 0;
}

struct preempt_probe {
	struct task *hog;
	u64 woken_at, started_at;
	u64 hog_before, hog_after;
};

static int rt_probe_fn(void *arg)
{
	struct preempt_probe *p = arg;

	p->started_at = ktime_get_ns();
	p->hog_before = task_sched_runtime(p->hog);
	spin_ns(50 * MS);
	p->hog_after = task_sched_runtime(p->hog);
	return 0;
}

KTEST(rt_fifo_preempts_fair_at_once)
{
	struct preempt_probe p = { 0 };
	struct task *rt;

	p.hog = kthread_create(hog_fn, NULL, "rthog");
	if (IS_ERR(p.hog))
		return ktest_fail("kthread_create");
	set_cpus_allowed(p.hog, cpumask_of(0));
	wake_up_new_task(p.hog);
	msleep(20);   /* the hog owns cpu 0 while we sleep */
	rt = rt_create(rt_probe_fn, &p, 0, SCHED_FIFO, 10);
	p.woken_at = ktime_get_ns();
	wake_up_new_task(rt);
	kthread_join(rt);
	kthread_stop(p.hog);
	if (p.hog_after != p.hog_before)
		return ktest_fail("the fair hog ran %lu us while a FIFO task ran on its cpu",
				  (p.hog_after - p.hog_before) / 1000);
	pr_info("rt perf: FIFO task woken on a cpu busy with a fair hog ran after %lu us\n",
		(p.started_at - p.woken_at) / 1000);
	if (p.started_at - p.woken_at > 500 * MS)
		return ktest_fail("the FIFO task waited %lu ms", (p.started_at - p.woken_at) / MS);
	return NULL;
}

/* ---------------------------------------------------------------- order */

static char order_log[32];
static unsigned int order_len;   /* [cpu 0 only: every writer runs there] */

static void order_note(char c)
{
	if (order_len < sizeof(order_log) - 1)
		order_log[order_len++] = c;
	order_log[order_len] = 0;
}

static int note_fn(void *arg)
{
	order_note((char)(unsigned long)arg);
	return 0;
}

KTEST(rt_priority_order_fifo_among_equals)
{
	static const struct { char name; int policy, prio; } spec[] = {
		{ 'a', SCHED_FIFO, 10 }, { 'b', SCHED_FIFO, 30 }, { 'n', SCHED_NORMAL, 0 },
		{ 'c', SCHED_RR, 20 }, { 'd', SCHED_FIFO, 30 }, { 'e', SCHED_FIFO, 99 },
	};
	struct task *ts[6];

	order_len = 0;
	for (unsigned int i = 0; i < 6; i++)
		ts[i] = rt_create(note_fn, (void *)(unsigned long)spec[i].name, 0, spec[i].policy,
				  spec[i].prio);
	rt_run_all(ts, 6);
	if (strcmp(order_log, "ebdcan") != 0)
		return ktest_fail("ran in order \"%s\", expected \"ebdcan\"", order_log);
	return NULL;
}

static int yield_fn(void *arg)
{
	for (int i = 0; i < 4; i++) {
		order_note((char)(unsigned long)arg);
		sched_yield();
	}
	return 0;
}

KTEST(rt_fifo_yield_alternates)
{
	struct task *ts[2];

	order_len = 0;
	ts[0] = rt_create(yield_fn, (void *)'A', 0, SCHED_FIFO, 20);
	ts[1] = rt_create(yield_fn, (void *)'B', 0, SCHED_FIFO, 20);
	rt_run_all(ts, 2);
	if (strcmp(order_log, "ABABABAB") != 0)
		return ktest_fail("yield order \"%s\", expected \"ABABABAB\"", order_log);
	return NULL;
}

/* ---------------------------------------------------------------- RR slices */

struct slice_probe {
	struct task *self, *other;
	u64 want;          /* own run time to reach */
	u64 other_seen;    /* the other's run time when this one finished */
	u64 done_at;
};

static int slice_fn(void *arg)
{
	struct slice_probe *p = arg;

	while (task_sched_runtime(current) < p->want)
		cpu_relax();
	p->other_seen = task_sched_runtime(p->other);
	p->done_at = ktime_get_ns();
	return 0;
}

/* Two tasks of one priority and policy on cpu 0, each running for want ns; the first to finish. */
static struct slice_probe *slice_race(struct slice_probe p[2], int policy, u64 want)
{
	struct task *ts[2];

	for (int i = 0; i < 2; i++) {
		p[i] = (struct slice_probe){ .want = want };
		ts[i] = p[i].self = rt_create(slice_fn, &p[i], 0, policy, 10);
	}
	p[0].other = ts[1];
	p[1].other = ts[0];
	task_get(ts[0]);   /* kept for the other's task_sched_runtime() after the join */
	task_get(ts[1]);
	rt_run_all(ts, 2);
	task_put(ts[0]);
	task_put(ts[1]);
	return p[0].done_at < p[1].done_at ? &p[0] : &p[1];
}

KTEST(rt_rr_slices_fifo_does_not)
{
	struct slice_probe p[2], *first;

	first = slice_race(p, SCHED_FIFO, 60 * MS);
	if (first->other_seen != 0)
		return ktest_fail("FIFO: the other task ran %lu us before the first finished",
				  first->other_seen / 1000);
	first = slice_race(p, SCHED_RR, 250 * MS);
	/* 250 ms cannot fit in two 100 ms slices: the other must have had one. */
	if (first->other_seen < 50 * MS)
		return ktest_fail("RR: the other task ran only %lu us while the first ran 250 ms",
				  first->other_seen / 1000);
	return NULL;
}

/* ---------------------------------------------------------------- policy changes */

KTEST(rt_policy_change_of_running_task)
{
	unsigned int cpu = nr_cpus - 1;
	struct task *h1, *h2;
	u64 r0, r1, r2;
	const char *why = NULL;

	if (sched_set_policy(current, 7, 0) != -EINVAL || sched_set_policy(current, SCHED_FIFO, 0) !=
	    -EINVAL || sched_set_policy(current, SCHED_RR, 100) != -EINVAL ||
	    sched_set_policy(current, SCHED_NORMAL, 5) != -EINVAL)
		return ktest_fail("bad policy or priority accepted");
	if (cpu == 0)
		return NULL;   /* a FIFO hog on cpu 0 would starve this runner */
	h1 = rt_create(hog_fn, NULL, cpu, SCHED_NORMAL, 0);
	h2 = rt_create(hog_fn, NULL, cpu, SCHED_NORMAL, 0);
	wake_up_new_task(h1);
	wake_up_new_task(h2);
	msleep(60);
	sched_set_policy(h1, SCHED_FIFO, 10);
	msleep(20);
	r0 = task_sched_runtime(h2);
	msleep(100);
	r1 = task_sched_runtime(h2);
	if (r1 != r0)
		why = ktest_fail("a fair task ran %lu us beside a FIFO one", (r1 - r0) / 1000);
	if (READ_ONCE(h1->policy) != SCHED_FIFO || READ_ONCE(h1->rt_priority) != 10)
		why = ktest_fail("policy not recorded");
	sched_set_policy(h1, SCHED_NORMAL, 0);
	msleep(100);
	r2 = task_sched_runtime(h2);
	if (!why && r2 - r1 < 10 * MS)
		why = ktest_fail("back to fair: the other ran only %lu us in 100 ms", (r2 - r1) / 1000);
	kthread_stop(h1);
	kthread_stop(h2);
	return why;
}
