/*
 * Unit tests for wait queues and completions, kernel/sched/wait.c.
 *
 * wait.c is compiled for the host unchanged against a fake scheduler
 * defined here: a handful of struct tasks, one of them "current"
 * (tests/unit/current_host.h), a try_to_wake_up() that wakes a task whose
 * state is in the mask and logs the order of wake-ups, and a
 * schedule_timeout() that runs a scripted "meanwhile" step (what other
 * tasks do while the caller sleeps) and then either returns as woken or
 * as timed out. Spinlocks are kernel_stubs.c's held flags.
 *
 * Checked: non-exclusive waiters (queued at the head) all woken by any
 * wake-up; exclusive ones (tail, FIFO) at most nr per wake_up_nr(nr), 0
 * meaning all; the return value; tasks already running are skipped,
 * left queued and not counted; a woken entry is off the queue; finish_wait
 * unlinks whether or not it was woken; re-preparing does not queue twice;
 * completions (counts, complete wakes one, complete_all all and sticks,
 * try_wait_for_completion, completion_done, reinit, wait_for_completion
 * with its stolen-wake-up re-queue, the _timeout variant); and 10,000
 * random prepare / finish / wake / spontaneous-wake steps over three
 * queues and 24 entries (two per task, on different queues), checked
 * after every step against a model of lists of entry ids.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "current_host.h"
#include "kernel_stubs.h"
#include "unit_util.h"
#include <sched/wait.h>

/* ---------------------------------------------------------------- fake scheduler */

#define NT 12
static struct task tasks[NT];
static struct task *cur;

struct task *unit_get_current_(void)
{
	assert_non_null(cur);
	return cur;
}

static int tid(const struct task *t)
{
	assert_true(t >= tasks && t < tasks + NT);
	return (int)(t - tasks);
}

#define MAXLOG 64
static int woke_log[MAXLOG];    /* task ids, in the order try_to_wake_up woke them */
static int nwoke;
static int nattempts;           /* try_to_wake_up calls, woken or not */

bool try_to_wake_up(struct task *t, unsigned int state_mask)
{
	assert_true(unit_locks_held > 0);   /* every caller in wait.c holds the queue's lock */
	assert_false(unit_irqs_on);
	nattempts++;
	if (!(t->state & state_mask))
		return false;
	t->state = TASK_RUNNING;
	assert_true(nwoke < MAXLOG);
	woke_log[nwoke++] = tid(t);
	return true;
}

static int nmight_sleep;

void might_sleep_at(const char *where)
{
	(void)where;
	assert_int_equal(unit_locks_held, 0);
	assert_true(unit_irqs_on);
	nmight_sleep++;
}

/*
 * schedule_timeout: run the next scripted step (other tasks acting while
 * the caller sleeps). If that woke the caller, return the time left
 * (timeout - 1, at least 1), or 0 with force_expire (the timer fired as
 * well); else the timer fires: TASK_RUNNING and 0, and a wait without a
 * limit would never end -- a test failure.
 */
typedef void (*step_fn)(void);
static step_fn script[8];
static int nscript, nsched;
static bool force_expire;

long schedule_timeout(long timeout)
{
	assert_int_equal(unit_locks_held, 0);
	assert_true(unit_irqs_on);
	assert_true(timeout > 0);
	assert_true(nsched < nscript);
	script[nsched++]();
	if (cur->state == TASK_RUNNING)
		return force_expire ? 0 : (timeout > 1 ? timeout - 1 : 1);
	if (timeout == MAX_SCHEDULE_TIMEOUT)
		fail_msg("task %d would sleep forever", tid(cur));
	cur->state = TASK_RUNNING;
	return 0;
}

static void reset_sched(void)
{
	memset(tasks, 0, sizeof(tasks));
	for (int i = 0; i < NT; i++)
		tasks[i].state = TASK_RUNNING;
	cur = &tasks[0];
	nwoke = nattempts = nmight_sleep = nscript = nsched = 0;
	force_expire = false;
}

static void check_clean(void)
{
	assert_int_equal(unit_locks_held, 0);
	assert_true(unit_irqs_on);
}

static int setup(void **state)
{
	(void)state;
	reset_sched();
	return 0;
}

/* ---------------------------------------------------------------- helpers */

static struct wait_queue_entry ents[24];

/* Entry i, initialised as task t would (w->task = current). */
static struct wait_queue_entry *entry_for(int i, int t)
{
	cur = &tasks[t];
	wait_entry_init(&ents[i]);
	assert_ptr_equal(ents[i].task, &tasks[t]);
	assert_true(list_empty(&ents[i].node));
	return &ents[i];
}

static void prep(struct wait_queue_head *wq, struct wait_queue_entry *w, bool excl,
		 unsigned int state)
{
	cur = w->task;
	if (excl)
		prepare_to_wait_exclusive(wq, w, state);
	else
		prepare_to_wait(wq, w, state);
	assert_int_equal(cur->state, state);
	check_clean();
}

/* The queue holds exactly the entries of ids[] (indices into ents), in order. */
static void expect_queue(struct wait_queue_head *wq, const int *ids, int n)
{
	struct wait_queue_entry *w;
	int i = 0;

	list_for_each_entry(w, &wq->head, node) {
		assert_true(i < n);
		assert_ptr_equal(w, &ents[ids[i]]);
		i++;
	}
	assert_int_equal(i, n);
	assert_int_equal(wait_queue_active(wq), n > 0);
}

static void expect_woken(const int *tids, int n)
{
	assert_int_equal(nwoke, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(woke_log[i], tids[i]);
	nwoke = 0;
}

/* ---------------------------------------------------------------- wait queues */

static void test_nonexclusive_all_woken(void **state)
{
	struct wait_queue_head wq;

	(void)state;
	reset_sched();
	wait_queue_head_init(&wq, NULL);
	assert_string_equal(wq.lock.name, "wait_queue");
	assert_false(wait_queue_active(&wq));
	assert_int_equal(wake_up(&wq), 0);
	for (int i = 0; i < 4; i++)
		prep(&wq, entry_for(i, i), false, i % 2 ? TASK_INTERRUPTIBLE : TASK_UNINTERRUPTIBLE);
	/* Non-exclusive entries go to the head: the latest first. */
	expect_queue(&wq, (const int[]){ 3, 2, 1, 0 }, 4);
	/* wake_up (nr 1) still wakes every non-exclusive waiter. */
	assert_int_equal(wake_up(&wq), 4);
	expect_woken((const int[]){ 3, 2, 1, 0 }, 4);
	expect_queue(&wq, NULL, 0);
	for (int i = 0; i < 4; i++) {
		assert_int_equal(tasks[i].state, TASK_RUNNING);
		assert_true(list_empty(&ents[i].node));   /* unlinked by the waker */
		cur = &tasks[i];
		finish_wait(&wq, &ents[i]);               /* harmless after a wake-up */
	}
	check_clean();
}

static void test_exclusive_fifo_nr(void **state)
{
	struct wait_queue_head wq;

	(void)state;
	reset_sched();
	wait_queue_head_init(&wq, "test_wq");
	assert_string_equal(wq.lock.name, "test_wq");
	/* Interleaved: exclusive 0, 1; non-exclusive 2; exclusive 3, 4; non-exclusive 5. */
	prep(&wq, entry_for(0, 0), true, TASK_UNINTERRUPTIBLE);
	prep(&wq, entry_for(1, 1), true, TASK_INTERRUPTIBLE);
	prep(&wq, entry_for(2, 2), false, TASK_UNINTERRUPTIBLE);
	prep(&wq, entry_for(3, 3), true, TASK_UNINTERRUPTIBLE);
	prep(&wq, entry_for(4, 4), true, TASK_UNINTERRUPTIBLE);
	prep(&wq, entry_for(5, 5), false, TASK_INTERRUPTIBLE);
	expect_queue(&wq, (const int[]){ 5, 2, 0, 1, 3, 4 }, 6);
	for (int i = 0; i < 6; i++)
		assert_int_equal(!!(ents[i].flags & WQ_FLAG_EXCLUSIVE), i != 2 && i != 5);

	assert_int_equal(wake_up_nr(&wq, 2), 4);   /* both non-exclusive + 2 exclusive */
	expect_woken((const int[]){ 5, 2, 0, 1 }, 4);
	expect_queue(&wq, (const int[]){ 3, 4 }, 2);
	assert_int_equal(tasks[3].state, TASK_UNINTERRUPTIBLE);
	assert_int_equal(wake_up(&wq), 1);
	expect_woken((const int[]){ 3 }, 1);
	expect_queue(&wq, (const int[]){ 4 }, 1);

	/* nr larger than the waiters; then 0 = all. */
	prep(&wq, entry_for(0, 0), true, TASK_UNINTERRUPTIBLE);
	prep(&wq, entry_for(1, 1), true, TASK_UNINTERRUPTIBLE);
	assert_int_equal(wake_up_nr(&wq, 10), 3);
	expect_woken((const int[]){ 4, 0, 1 }, 3);
	for (int i = 0; i < 3; i++)
		prep(&wq, entry_for(i, i), true, TASK_UNINTERRUPTIBLE);
	assert_int_equal(wake_up_all(&wq), 3);
	expect_woken((const int[]){ 0, 1, 2 }, 3);
	expect_queue(&wq, NULL, 0);
	assert_int_equal(wake_up_all(&wq), 0);
	check_clean();
}

/* A queued waiter whose task already runs is skipped, left queued, not counted. */
static void test_running_waiters_skipped(void **state)
{
	struct wait_queue_head wq;

	(void)state;
	reset_sched();
	wait_queue_head_init(&wq, NULL);
	prep(&wq, entry_for(0, 0), false, TASK_UNINTERRUPTIBLE);
	prep(&wq, entry_for(1, 1), true, TASK_UNINTERRUPTIBLE);
	prep(&wq, entry_for(2, 2), true, TASK_UNINTERRUPTIBLE);
	tasks[0].state = TASK_RUNNING;   /* woken some other way, has not finished yet */
	tasks[1].state = TASK_RUNNING;
	nattempts = 0;
	assert_int_equal(wake_up(&wq), 1);   /* the exclusive budget goes to task 2 */
	assert_int_equal(nattempts, 3);
	expect_woken((const int[]){ 2 }, 1);
	expect_queue(&wq, (const int[]){ 0, 1 }, 2);
	assert_int_equal(wake_up_all(&wq), 0);
	expect_queue(&wq, (const int[]){ 0, 1 }, 2);
	/* A state outside TASK_NORMAL is not woken either. */
	tasks[1].state = TASK_DEAD;
	assert_int_equal(wake_up_all(&wq), 0);
	tasks[1].state = TASK_RUNNING;
	cur = &tasks[0];
	finish_wait(&wq, &ents[0]);
	cur = &tasks[1];
	finish_wait(&wq, &ents[1]);
	expect_queue(&wq, NULL, 0);
	check_clean();
}

static void test_finish_and_reprepare(void **state)
{
	struct wait_queue_head wq;

	(void)state;
	reset_sched();
	wait_queue_head_init(&wq, NULL);
	prep(&wq, entry_for(0, 0), false, TASK_UNINTERRUPTIBLE);
	prep(&wq, entry_for(1, 1), true, TASK_UNINTERRUPTIBLE);
	prep(&wq, entry_for(2, 2), true, TASK_INTERRUPTIBLE);
	/* Re-preparing a queued entry (the wait_event loop) does not move it. */
	prep(&wq, &ents[1], true, TASK_UNINTERRUPTIBLE);
	prep(&wq, &ents[0], false, TASK_INTERRUPTIBLE);
	expect_queue(&wq, (const int[]){ 0, 1, 2 }, 3);
	/* finish_wait without a wake-up: off the queue and running. */
	cur = &tasks[1];
	finish_wait(&wq, &ents[1]);
	assert_int_equal(tasks[1].state, TASK_RUNNING);
	assert_true(list_empty(&ents[1].node));
	expect_queue(&wq, (const int[]){ 0, 2 }, 2);
	finish_wait(&wq, &ents[1]);          /* twice: harmless */
	expect_queue(&wq, (const int[]){ 0, 2 }, 2);
	/* Woken, then finished: the entry is already off. */
	assert_int_equal(wake_up(&wq), 2);
	expect_woken((const int[]){ 0, 2 }, 2);
	cur = &tasks[2];
	finish_wait(&wq, &ents[2]);
	expect_queue(&wq, NULL, 0);
	/* Back on after finishing, at the tail again. */
	prep(&wq, &ents[2], true, TASK_UNINTERRUPTIBLE);
	prep(&wq, &ents[1], true, TASK_UNINTERRUPTIBLE);
	expect_queue(&wq, (const int[]){ 2, 1 }, 2);
	cur = &tasks[2];
	finish_wait(&wq, &ents[2]);
	cur = &tasks[1];
	finish_wait(&wq, &ents[1]);
	expect_queue(&wq, NULL, 0);
	assert_int_equal(nwoke, 0);
	check_clean();
}

/* The wait_event_timeout macro over the fake scheduler. */
static struct wait_queue_head ev_wq;
static bool ev_cond;

static void step_idle(void)
{
	assert_true(wait_queue_active(&ev_wq));
}

static void step_wake_only(void)
{
	/* A wake-up without the condition: the macro must sleep again. */
	assert_true(wait_queue_active(&ev_wq));
	assert_int_equal(wake_up(&ev_wq), 1);
}

static void step_cond_then_wake(void)
{
	ev_cond = true;
	assert_int_equal(wake_up(&ev_wq), 1);
}

static void test_wait_event_macro(void **state)
{
	long left;

	(void)state;
	reset_sched();
	wait_queue_head_init(&ev_wq, NULL);
	/* Condition already true: no sleep; timeout 0 still reports 1. */
	ev_cond = true;
	assert_int_equal(wait_event_timeout(ev_wq, ev_cond, 0), 1);
	assert_int_equal(wait_event_timeout(ev_wq, ev_cond, 7), 7);
	assert_int_equal(nsched, 0);
	/* Woken once spuriously, then for real. */
	ev_cond = false;
	script[nscript++] = step_wake_only;
	script[nscript++] = step_cond_then_wake;
	left = wait_event_timeout(ev_wq, ev_cond, 10);
	assert_int_equal(nsched, 2);
	assert_int_equal(left, 8);
	assert_int_equal(cur->state, TASK_RUNNING);
	assert_false(wait_queue_active(&ev_wq));
	/* Times out with the condition false: 0, off the queue. */
	ev_cond = false;
	script[nscript++] = step_idle;
	assert_int_equal(wait_event_timeout(ev_wq, ev_cond, 3), 0);
	assert_int_equal(nsched, 3);
	assert_false(wait_queue_active(&ev_wq));
	/* Times out, but the condition came true meanwhile: 1. */
	ev_cond = false;
	force_expire = true;
	script[nscript++] = step_cond_then_wake;
	assert_int_equal(wait_event_timeout(ev_wq, ev_cond, 3), 1);
	assert_false(wait_queue_active(&ev_wq));
	check_clean();
}

/* ---------------------------------------------------------------- completions */

static void test_completion_counts(void **state)
{
	struct completion c = COMPLETION_INIT(c);

	(void)state;
	reset_sched();
	assert_false(completion_done(&c));
	assert_false(try_wait_for_completion(&c));
	init_completion(&c);
	assert_string_equal(c.wait.lock.name, "completion");
	complete(&c);
	complete(&c);
	complete(&c);
	assert_int_equal(c.done, 3);
	assert_true(completion_done(&c));
	for (int i = 0; i < 3; i++)
		assert_true(try_wait_for_completion(&c));
	assert_false(try_wait_for_completion(&c));
	assert_false(completion_done(&c));
	assert_int_equal(c.done, 0);
	complete_all(&c);
	assert_int_equal(c.done, COMPLETION_ALL);
	for (int i = 0; i < 5; i++)
		assert_true(try_wait_for_completion(&c));
	complete(&c);   /* stays "all" */
	assert_int_equal(c.done, COMPLETION_ALL);
	assert_true(completion_done(&c));
	wait_for_completion(&c);   /* returns at once */
	assert_int_equal(nsched, 0);
	assert_int_equal(c.done, COMPLETION_ALL);
	reinit_completion(&c);
	assert_false(completion_done(&c));
	assert_int_equal(nwoke, 0);
	check_clean();
}

/* complete() wakes the first waiter only, complete_all() every one. */
static void test_completion_wakes(void **state)
{
	struct completion c;

	(void)state;
	reset_sched();
	init_completion(&c);
	/* Waiters as completion_wait queues them: exclusive, at the tail. */
	for (int i = 0; i < 4; i++)
		prep(&c.wait, entry_for(i, i), true, TASK_UNINTERRUPTIBLE);
	complete(&c);
	expect_woken((const int[]){ 0 }, 1);
	expect_queue(&c.wait, (const int[]){ 1, 2, 3 }, 3);
	assert_int_equal(c.done, 1);
	complete(&c);
	expect_woken((const int[]){ 1 }, 1);
	assert_int_equal(c.done, 2);
	complete_all(&c);
	expect_woken((const int[]){ 2, 3 }, 2);
	expect_queue(&c.wait, NULL, 0);
	assert_int_equal(c.done, COMPLETION_ALL);
	check_clean();
}

static struct completion wc;

static void step_complete(void)
{
	/* The sleeper is queued exclusively at the tail, behind entry 5. */
	assert_int_equal(cur->state, TASK_UNINTERRUPTIBLE);
	assert_ptr_equal(list_first_entry(&wc.wait.head, struct wait_queue_entry, node), &ents[5]);
	assert_ptr_equal(list_last_entry(&wc.wait.head, struct wait_queue_entry, node)->task, cur);
	assert_true(list_last_entry(&wc.wait.head, struct wait_queue_entry, node)->flags &
		    WQ_FLAG_EXCLUSIVE);
	tasks[5].state = TASK_RUNNING;   /* entry 5's task: skipped, stays first */
	complete(&wc);
	assert_int_equal(cur->state, TASK_RUNNING);
	assert_int_equal(wc.done, 1);
}

static void step_complete_and_steal(void)
{
	complete(&wc);
	assert_int_equal(cur->state, TASK_RUNNING);
	assert_true(try_wait_for_completion(&wc));   /* someone else takes it */
	assert_int_equal(wc.done, 0);
}

static void step_requeued_complete(void)
{
	/* The sleeper went back on the queue, at the tail. */
	assert_int_equal(cur->state, TASK_UNINTERRUPTIBLE);
	assert_ptr_equal(list_last_entry(&wc.wait.head, struct wait_queue_entry, node)->task, cur);
	complete(&wc);
}

static void step_nothing(void)
{
	assert_true(wait_queue_active(&wc.wait));
}

static void test_wait_for_completion(void **state)
{
	(void)state;
	reset_sched();
	init_completion(&wc);
	/* Already done: no sleep, one consumed. */
	complete(&wc);
	complete(&wc);
	wait_for_completion(&wc);
	assert_int_equal(wc.done, 1);
	assert_int_equal(nsched, 0);
	assert_int_equal(nmight_sleep, 1);
	assert_true(try_wait_for_completion(&wc));
	assert_int_equal(wc.done, 0);
	/* Another (exclusive) waiter, queued first. */
	prep(&wc.wait, entry_for(5, 5), true, TASK_UNINTERRUPTIBLE);
	cur = &tasks[0];

	/* Sleeps once, woken by complete(), consumes it. */
	script[nscript++] = step_complete;
	wait_for_completion(&wc);
	assert_int_equal(nsched, 1);
	assert_int_equal(wc.done, 0);
	assert_int_equal(cur->state, TASK_RUNNING);
	expect_queue(&wc.wait, (const int[]){ 5 }, 1);   /* only the skipped one */

	/* Woken, but the completion was taken before it ran: sleeps again. */
	script[nscript++] = step_complete_and_steal;
	script[nscript++] = step_requeued_complete;
	wait_for_completion(&wc);
	assert_int_equal(nsched, 3);
	assert_int_equal(wc.done, 0);
	expect_queue(&wc.wait, (const int[]){ 5 }, 1);
	check_clean();

	/* _timeout: done at once, or with timeout 0. */
	wc.done = 1;
	assert_int_equal(wait_for_completion_timeout(&wc, 9), 9);
	wc.done = 1;
	assert_int_equal(wait_for_completion_timeout(&wc, 0), 1);
	assert_int_equal(wait_for_completion_timeout(&wc, 0), 0);
	assert_int_equal(wc.done, 0);
	assert_int_equal(nsched, 3);
	/* Times out: 0, off the queue, running, nothing consumed. */
	script[nscript++] = step_nothing;
	assert_int_equal(wait_for_completion_timeout(&wc, 5), 0);
	assert_int_equal(cur->state, TASK_RUNNING);
	expect_queue(&wc.wait, (const int[]){ 5 }, 1);
	assert_int_equal(wc.done, 0);
	/* Completed, woken: the ticks left. */
	script[nscript++] = step_requeued_complete;
	assert_int_equal(wait_for_completion_timeout(&wc, 5), 4);
	assert_int_equal(wc.done, 0);
	/* Completed just as the timer fired: success counts, at least 1. */
	force_expire = true;
	script[nscript++] = step_requeued_complete;
	assert_int_equal(wait_for_completion_timeout(&wc, 5), 1);
	assert_int_equal(wc.done, 0);
	expect_queue(&wc.wait, (const int[]){ 5 }, 1);
	cur = &tasks[5];
	finish_wait(&wc.wait, &ents[5]);
	check_clean();
}

/* Random complete / complete_all / try_wait / reinit against a counter. */
static void test_completion_random(void **state)
{
	struct unit_rng rng;
	struct completion c;
	unsigned long model = 0;
	bool all = false;

	(void)state;
	reset_sched();
	unit_rng_seed(&rng, 0xc0ffee);
	init_completion(&c);
	for (int step = 0; step < 10000; step++) {
		unsigned int op = (unsigned int)unit_rng_below(&rng, 100);

		if (op < 45) {
			complete(&c);
			if (!all)
				model++;
		} else if (op < 90) {
			bool got = try_wait_for_completion(&c);

			assert_int_equal(got, all || model > 0);
			if (!all && model > 0)
				model--;
		} else if (op < 93) {
			complete_all(&c);
			all = true;
		} else {
			reinit_completion(&c);
			model = 0;
			all = false;
		}
		assert_int_equal(c.done, all ? COMPLETION_ALL : model);
		assert_int_equal(completion_done(&c), all || model > 0);
		check_clean();
	}
	assert_int_equal(nwoke, 0);
}

/* ---------------------------------------------------------------- random model */

#define NQ 3
#define NE 24   /* entry e: task TASK_OF(e), queue e % NQ (each task on two queues) */
#define TASK_OF(e) ((e) / 2)

struct model {
	int q[NQ][NE];   /* entry ids in queue order */
	int len[NQ];
	bool queued[NE];
	bool excl[NE];
	unsigned int state[NT];
};

static void model_remove(struct model *m, int e)
{
	int qi = e % NQ, j = 0;

	for (int i = 0; i < m->len[qi]; i++)
		if (m->q[qi][i] != e)
			m->q[qi][j++] = m->q[qi][i];
	assert_int_equal(j, m->len[qi] - 1);
	m->len[qi] = j;
	m->queued[e] = false;
}

static void model_prepare(struct model *m, int e, bool excl, unsigned int st)
{
	int qi = e % NQ;

	if (!m->queued[e]) {
		if (excl) {
			m->q[qi][m->len[qi]] = e;
		} else {
			memmove(&m->q[qi][1], &m->q[qi][0], sizeof(int) * (size_t)m->len[qi]);
			m->q[qi][0] = e;
		}
		m->len[qi]++;
		m->queued[e] = true;
	}
	m->excl[e] = excl;
	m->state[TASK_OF(e)] = st;
}

static unsigned long nskipped;   /* queued entries passed over: task running */
static unsigned long nbudget;    /* wake-ups that stopped at nr with sleepers left */

/* The model's wake_up_nr: fills order[] with the task ids woken, returns how many. */
static unsigned int model_wake(struct model *m, int qi, unsigned int nr, int *order)
{
	unsigned int woken = 0;
	int snapshot[NE], n = m->len[qi];

	memcpy(snapshot, m->q[qi], sizeof(snapshot));
	for (int i = 0; i < n; i++) {
		int e = snapshot[i], t = TASK_OF(e);

		if (!(m->state[t] & TASK_NORMAL)) {
			nskipped++;
			continue;
		}
		m->state[t] = TASK_RUNNING;
		model_remove(m, e);
		order[woken++] = t;
		if (m->excl[e] && nr && --nr == 0) {
			for (int j = i + 1; j < n; j++)
				if (m->state[TASK_OF(snapshot[j])] & TASK_NORMAL) {
					nbudget++;
					break;
				}
			break;
		}
	}
	return woken;
}

static void model_check(const struct model *m, struct wait_queue_head *wqs)
{
	for (int qi = 0; qi < NQ; qi++) {
		bool seen_excl = false;

		expect_queue(&wqs[qi], m->q[qi], m->len[qi]);
		for (int i = 0; i < m->len[qi]; i++) {
			int e = m->q[qi][i];
			bool x = ents[e].flags & WQ_FLAG_EXCLUSIVE;

			assert_int_equal(x, m->excl[e]);
			if (seen_excl)
				assert_true(x);   /* exclusive ones last */
			seen_excl |= x;
		}
	}
	for (int e = 0; e < NE; e++)
		assert_int_equal(list_empty(&ents[e].node), !m->queued[e]);
	for (int t = 0; t < NT; t++)
		assert_int_equal(tasks[t].state, m->state[t]);
	check_clean();
}

static void test_random_ops(void **state)
{
	struct wait_queue_head wqs[NQ];
	struct model m;
	struct unit_rng rng;
	unsigned long nwakes = 0, total_woken = 0;

	(void)state;
	reset_sched();
	nskipped = nbudget = 0;
	memset(&m, 0, sizeof(m));
	for (int qi = 0; qi < NQ; qi++)
		wait_queue_head_init(&wqs[qi], NULL);
	for (int e = 0; e < NE; e++)
		entry_for(e, TASK_OF(e));
	unit_rng_seed(&rng, 0x5eed1234);
	for (int step = 0; step < 10000; step++) {
		unsigned int op = (unsigned int)unit_rng_below(&rng, 100);
		int e = (int)unit_rng_below(&rng, NE);

		if (op < 60) {
			/* A queued entry keeps its mode (as a wait_event loop does). */
			bool excl = m.queued[e] ? m.excl[e] : unit_rng_below(&rng, 2);
			unsigned int st = unit_rng_below(&rng, 2) ? TASK_INTERRUPTIBLE
								   : TASK_UNINTERRUPTIBLE;

			model_prepare(&m, e, excl, st);
			prep(&wqs[e % NQ], &ents[e], excl, st);
		} else if (op < 70) {
			cur = &tasks[TASK_OF(e)];
			finish_wait(&wqs[e % NQ], &ents[e]);
			m.state[TASK_OF(e)] = TASK_RUNNING;
			if (m.queued[e])
				model_remove(&m, e);
		} else if (op < 97) {
			int qi = (int)unit_rng_below(&rng, NQ), order[NE];
			unsigned int nr = (unsigned int)unit_rng_below(&rng, 4);
			unsigned int want = model_wake(&m, qi, nr, order);

			nwoke = 0;
			assert_int_equal(wake_up_nr(&wqs[qi], nr), want);
			expect_woken(order, (int)want);
			nwakes++;
			total_woken += want;
		} else {
			/* The task runs again by another path (a wake-up elsewhere). */
			tasks[TASK_OF(e)].state = TASK_RUNNING;
			m.state[TASK_OF(e)] = TASK_RUNNING;
		}
		model_check(&m, wqs);
	}
	/* The fixed seed exercises every path (counts are deterministic). */
	assert_true(total_woken > 1000 && nskipped > 500 && nbudget > 50);
	printf("# %lu wake-ups woke %lu tasks (%lu skipped running, %lu exclusive budgets hit)\n",
	       nwakes, total_woken, nskipped, nbudget);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nonexclusive_all_woken),
		cmocka_unit_test(test_exclusive_fifo_nr),
		cmocka_unit_test(test_running_waiters_skipped),
		cmocka_unit_test(test_finish_and_reprepare),
		cmocka_unit_test(test_wait_event_macro),
		cmocka_unit_test(test_completion_counts),
		cmocka_unit_test(test_completion_wakes),
		cmocka_unit_test(test_wait_for_completion),
		cmocka_unit_test(test_completion_random),
		cmocka_unit_test(test_random_ops),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
