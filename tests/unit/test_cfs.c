/*
 * Unit tests for the CFS core, kernel/sched/fair.c.
 *
 * The weight tables and cfs_calc_delta against exact 128-bit reference
 * arithmetic (host only); pick order, wrap-around of vruntime, placement
 * of new and waking entities, wake-up preemption and yield decisions on
 * hand-made queues; tick-driven simulations of one cpu for 10 simulated
 * seconds that measure each task's CPU share against its weight share
 * and its longest wait; reweighting; and randomized enqueue / dequeue /
 * pick / tick / yield / migrate sequences over two queues with fixed
 * seeds, running cfs_validate after every single operation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "host_rename.h"
#include "unit_util.h"
#include <sched/cfs.h>

#define MS 1000000ULL
#define US 1000ULL
#define SEC 1000000000ULL

static struct cfs_params params1;	/* one cpu: 6 / 0.75 / 1 ms */

static int setup(void **state)
{
	(void)state;
	cfs_params_init(&params1, 1);
	return 0;
}

/* ---------------------------------------------------------------- weights */

static void test_weight_table(void **state)
{
	(void)state;
	assert_int_equal(cfs_nice_to_weight(0), 1024);
	assert_int_equal(cfs_nice_to_weight(-20), 88761);
	assert_int_equal(cfs_nice_to_weight(19), 15);
	assert_int_equal(cfs_nice_to_weight(-100), 88761);	/* clamped */
	assert_int_equal(cfs_nice_to_weight(100), 15);
	assert_int_equal(cfs_nice_to_inv_weight(0), 1u << 22);

	for (int nice = -20; nice <= 19; nice++) {
		unsigned long w = cfs_nice_to_weight(nice);
		uint64_t prod = (uint64_t)w * cfs_nice_to_inv_weight(nice);
		int64_t diff = (int64_t)(prod - (1ULL << 32));
		struct cfs_load lw;

		/* inverse within one unit of 2^32 / weight */
		assert_true(llabs(diff) <= (long long)w);
		cfs_load_set(&lw, w);
		assert_true(llabs((long long)lw.inv_weight -
				  (long long)cfs_nice_to_inv_weight(nice)) <= 1);
		if (nice < 19) {
			unsigned long next = cfs_nice_to_weight(nice + 1);
			double ratio = (double)w / (double)next;

			assert_true(next < w);
			assert_true(ratio > 1.19 && ratio < 1.29);
		}
	}
	{
		struct cfs_load lw;

		cfs_load_set(&lw, 0);
		assert_int_equal(lw.weight, 1);
		assert_int_equal(lw.inv_weight, 0xffffffffu);
	}
}

/* Exact delta * 1024 / weight, rounded down. */
static uint64_t ref_delta(uint64_t delta, unsigned long weight)
{
	return (uint64_t)((unsigned __int128)delta * 1024 / weight);
}

static uint64_t abs_diff(uint64_t a, uint64_t b)
{
	return a > b ? a - b : b - a;
}

/* The error allowed beyond 1 ns: that of a 32-bit inverse, < 2^-26. */
static uint64_t calc_delta_slack(uint64_t exact)
{
	return 1 + (exact >> 26);
}

/*
 * Within 1 ns for deltas up to a tick at HZ=250 (4 ms), at every nice
 * level; relative error under 2^-26 (1.5e-8) for deltas up to 10 s.
 */
static void test_calc_delta_typical(void **state)
{
	static const uint64_t fixed[] = { 0, 1, 999, 1000, 1 * MS, 4 * MS };
	struct unit_rng rng;
	uint64_t worst = 0;
	double worst_rel = 0;

	(void)state;
	unit_rng_seed(&rng, 42);
	for (int nice = -20; nice <= 19; nice++) {
		struct cfs_load lw;

		cfs_load_set_nice(&lw, nice);
		for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
			uint64_t d = abs_diff(cfs_calc_delta(fixed[i], &lw),
					      ref_delta(fixed[i], lw.weight));
			assert_true(d <= 1);
		}
		for (int i = 0; i < 20000; i++) {
			uint64_t delta = unit_rng_below(&rng, 4 * MS + 1);
			uint64_t d = abs_diff(cfs_calc_delta(delta, &lw),
					      ref_delta(delta, lw.weight));

			worst = d > worst ? d : worst;
		}
		for (int i = 0; i < 20000; i++) {
			uint64_t delta = unit_rng_below(&rng, 10 * SEC + 1);
			uint64_t exact = ref_delta(delta, lw.weight);
			uint64_t d = abs_diff(cfs_calc_delta(delta, &lw), exact);

			assert_true(d <= calc_delta_slack(exact));
			if (d > 1 && (double)(d - 1) / (double)exact > worst_rel)
				worst_rel = (double)(d - 1) / (double)exact;
		}
	}
	printf("# calc_delta: worst error %llu ns for deltas <= 4 ms, "
	       "worst relative beyond 1 ns %.2e up to 10 s\n",
	       (unsigned long long)worst, worst_rel);
	assert_true(worst <= 1);
}

/*
 * The extremes and summed weights: no overflow, and for a sum of weights
 * the error is that of its 32-bit inverse (relative < 1 / inv_weight).
 */
static void test_calc_delta_extremes(void **state)
{
	static const int nices[] = { -20, 19 };
	static const uint64_t deltas[] = { 10 * SEC, 3600 * SEC };
	struct unit_rng rng;
	struct cfs_load lw;

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		cfs_load_set_nice(&lw, nices[i]);
		for (size_t j = 0; j < 2; j++) {
			uint64_t exact = ref_delta(deltas[j], lw.weight);

			assert_true(abs_diff(cfs_calc_delta(deltas[j], &lw),
					     exact) <= calc_delta_slack(exact));
		}
	}
	cfs_load_set_nice(&lw, 19);
	assert_true(cfs_calc_delta(10 * SEC, &lw) > 682 * SEC);

	unit_rng_seed(&rng, 7);
	for (int i = 0; i < 20000; i++) {
		unsigned long sum = 0;
		int n = 1 + (int)unit_rng_below(&rng, 500);
		uint64_t delta = unit_rng_below(&rng, 10 * SEC + 1);
		uint64_t exact, got;

		for (int k = 0; k < n; k++)
			sum += cfs_nice_to_weight(
				(int)unit_rng_below(&rng, 40) - 20);
		cfs_load_set(&lw, sum);
		exact = ref_delta(delta, sum);
		got = cfs_calc_delta(delta, &lw);
		assert_true(abs_diff(got, exact) <= exact / lw.inv_weight + 1);
	}
}

static void test_params_scaling(void **state)
{
	static const struct { unsigned int ncpus, factor; } cases[] = {
		{ 0, 1 }, { 1, 1 }, { 2, 2 }, { 3, 2 }, { 4, 3 }, { 7, 3 },
		{ 8, 4 }, { 64, 4 },
	};
	struct cfs_params p;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cfs_params_init(&p, cases[i].ncpus);
		assert_int_equal(p.latency, 6 * MS * cases[i].factor);
		assert_int_equal(p.min_granularity, 750 * US * cases[i].factor);
		assert_int_equal(p.wakeup_granularity, 1 * MS * cases[i].factor);
	}
}

/* ---------------------------------------------------------------- helpers */

/* Queue se at absolute vruntime v (enqueue without flags takes relative). */
static void enqueue_at(struct cfs_rq *rq, struct sched_entity *se, uint64_t v)
{
	se->vruntime = v - rq->min_vruntime;
	cfs_enqueue(rq, se, 0);
	assert_int_equal(cfs_validate(rq), 0);
}

/* Slices: a share of max(latency, nr * min_granularity) by weight. */
static void test_sched_slice(void **state)
{
	struct cfs_rq rq;
	struct sched_entity a, b, c;

	(void)state;
	cfs_rq_init(&rq, &params1);
	cfs_entity_init(&a, 0);
	cfs_entity_init(&b, 0);
	cfs_entity_init(&c, 5);
	/* unqueued: counted as if queued */
	assert_int_equal(cfs_sched_slice(&rq, &a), 6 * MS);
	enqueue_at(&rq, &a, 0);
	enqueue_at(&rq, &b, 0);
	assert_int_equal(cfs_sched_slice(&rq, &a), 3 * MS);
	assert_int_equal(cfs_sched_slice(&rq, &c),
			 6 * MS * 335 / (1024 * 2 + 335));
	assert_int_equal(cfs_sched_vslice(&rq, &c),
			 cfs_sched_slice(&rq, &c) * 1024 / 335);
	/* crowded: period = nr * min_granularity */
	{
		struct sched_entity many[12];

		for (int i = 0; i < 12; i++) {
			cfs_entity_init(&many[i], 0);
			enqueue_at(&rq, &many[i], 0);
		}
		assert_int_equal(cfs_sched_slice(&rq, &a), 750 * US);
	}
}

/* ---------------------------------------------------------------- picking */

static void test_pick_order(void **state)
{
	static const uint64_t v[] = { 5, 3, 9, 3, 1, 7, 3 };
	static const int order[] = { 4, 1, 3, 6, 0, 5, 2 };	/* FIFO ties */
	struct sched_entity se[7];
	struct cfs_rq rq;

	(void)state;
	cfs_rq_init(&rq, &params1);
	assert_null(cfs_pick_next(&rq));
	for (int i = 0; i < 7; i++) {
		cfs_entity_init(&se[i], 0);
		enqueue_at(&rq, &se[i], v[i] * MS);
	}
	assert_int_equal(rq.nr_running, 7);
	assert_int_equal(rq.load_weight, 7 * 1024);
	for (int i = 0; i < 7; i++) {
		struct sched_entity *p = cfs_pick_next(&rq);

		assert_ptr_equal(p, &se[order[i]]);
		assert_ptr_equal(rq.curr, p);
		assert_true(RB_EMPTY_NODE(&p->node));
		assert_int_equal(cfs_validate(&rq), 0);
		cfs_dequeue(&rq, p, CFS_DEQUEUE_SLEEP);
		assert_null(rq.curr);
		assert_int_equal(cfs_validate(&rq), 0);
	}
	assert_int_equal(rq.nr_running, 0);
	assert_int_equal(rq.load_weight, 0);
	assert_null(cfs_pick_next(&rq));
}

/* The same, with min_vruntime and the vruntimes straddling 2^64. */
static void test_pick_order_wraps(void **state)
{
	struct sched_entity se[5];
	struct cfs_rq rq;
	uint64_t base = (uint64_t)0 - 2 * MS;
	uint64_t min0;

	(void)state;
	cfs_rq_init(&rq, &params1);
	rq.min_vruntime = base;
	for (int i = 0; i < 5; i++) {
		cfs_entity_init(&se[i], 0);
		enqueue_at(&rq, &se[i], base + (uint64_t)(4 - i) * MS);
	}
	/* se[4] at base, se[3] base+1ms, se[2] wrapped to 0, ... */
	for (int i = 4; i >= 0; i--) {
		min0 = rq.min_vruntime;
		assert_ptr_equal(cfs_pick_next(&rq), &se[i]);
		cfs_update_curr(&rq, rq.clock + 100 * US);
		assert_true((int64_t)(rq.min_vruntime - min0) >= 0);
		assert_int_equal(cfs_validate(&rq), 0);
		cfs_dequeue(&rq, &se[i], CFS_DEQUEUE_SLEEP);
		assert_int_equal(cfs_validate(&rq), 0);
	}
	/* min_vruntime followed the entities across the wrap */
	assert_true(rq.min_vruntime < base);
}

/* ---------------------------------------------------------------- simulation */

#define SIM_MAX 64

struct sim_task {
	struct sched_entity se;
	int nice;
	uint64_t ready_since;	/* when it last became runnable, not running */
	uint64_t max_wait;	/* longest wait begun after measure_from */
	uint64_t startup_wait;	/* longest wait begun before */
	uint64_t first_pick;	/* time of its first pick, or ~0 */
	int picks;
};

struct sim {
	struct cfs_rq rq;
	struct sim_task t[SIM_MAX];
	int n;
	uint64_t now, tick, last_min;
	uint64_t measure_from;	/* waits begun earlier are start-up */
	int picks;		/* total picks so far */
};

static struct sim_task *sim_task_of(struct sched_entity *se)
{
	return se ? (struct sim_task *)((char *)se -
					offsetof(struct sim_task, se)) : NULL;
}

static void sim_check(struct sim *s)
{
	assert_int_equal(cfs_validate(&s->rq), 0);
	assert_true((int64_t)(s->rq.min_vruntime - s->last_min) >= 0);
	s->last_min = s->rq.min_vruntime;
}

/* Pick the next task at s->now and record how long it waited. */
static struct sim_task *sim_pick(struct sim *s)
{
	struct sim_task *prev = sim_task_of(s->rq.curr);
	struct sim_task *next;

	if (prev)
		prev->ready_since = s->now;
	next = sim_task_of(cfs_pick_next(&s->rq));
	if (next) {
		uint64_t wait = s->now - next->ready_since;
		uint64_t *worst = next->ready_since >= s->measure_from ?
				  &next->max_wait : &next->startup_wait;

		if (wait > *worst)
			*worst = wait;
		if (!next->picks++)
			next->first_pick = s->now;
		s->picks++;
	}
	sim_check(s);
	return next;
}

static void sim_init(struct sim *s, const struct cfs_params *p, uint64_t tick)
{
	cfs_rq_init(&s->rq, p);
	s->n = 0;
	s->now = 0;
	s->tick = tick;
	s->last_min = 0;
	s->measure_from = 0;
	s->picks = 0;
}

/*
 * Add a task at the current time: forked (CFS_ENQUEUE_NEW, start debit)
 * or, with flags 0, as if it had always been there (at min_vruntime).
 */
static struct sim_task *sim_add(struct sim *s, int nice, int flags)
{
	struct sim_task *t = &s->t[s->n++];

	assert_true(s->n <= SIM_MAX);
	cfs_entity_init(&t->se, nice);
	t->nice = nice;
	t->ready_since = s->now;
	t->max_wait = 0;
	t->startup_wait = 0;
	t->first_pick = ~0ULL;
	t->picks = 0;
	cfs_update_curr(&s->rq, s->now);
	cfs_enqueue(&s->rq, &t->se, flags);	/* relative 0 if not NEW */
	sim_check(s);
	return t;
}

static struct sim_task *sim_fork(struct sim *s, int nice)
{
	return sim_add(s, nice, CFS_ENQUEUE_NEW);
}

/* Run ticks until s->now reaches end, preempting as the tick says. */
static void sim_run(struct sim *s, uint64_t end)
{
	if (!s->rq.curr) {
		cfs_update_curr(&s->rq, s->now);
		sim_pick(s);
	}
	while (s->now < end) {
		s->now += s->tick;
		if (cfs_tick_check_preempt(&s->rq, s->now) || !s->rq.curr)
			sim_pick(s);
		else
			sim_check(s);
	}
}

static unsigned long sim_total_weight(const struct sim *s)
{
	unsigned long w = 0;

	for (int i = 0; i < s->n; i++)
		if (s->t[i].se.on_rq)
			w += s->t[i].se.load.weight;
	return w;
}

/*
 * Longest wait of a task of weight w among n tasks of total weight W,
 * in steady state (no wake-ups, no forks). When the task is preempted it
 * is at most slice + tick of its own run ahead of the leftmost, i.e.
 * (slice + tick) * 1024 / w of vruntime; the others need
 * (slice + tick) * (W - w) / w of wall time to catch up, which is under
 * period + tick * (W - w) / w, and each may overshoot by its own slice
 * plus a tick on its last turn: another period + (n - 1) ticks. With a
 * tick much shorter than the slices this is ~2 periods; with a long tick
 * or a light task, the tick's terms dominate (a task always runs whole
 * ticks).
 */
static uint64_t wait_bound(uint64_t period, uint64_t tick, unsigned long W,
			   unsigned long w, int n)
{
	uint64_t catch_up = (tick * (W - w) + w - 1) / w;

	return 2 * period + catch_up + tick * (uint64_t)(n - 1);
}

static uint64_t period_of(const struct cfs_params *p, int n)
{
	uint64_t period = (uint64_t)n * p->min_granularity;

	return period > p->latency ? period : p->latency;
}

static const int mixed_nices[] = { 0, 0, 5, -5, 10, 19 };
#define MIXED_N 6

/*
 * The mixed set for 10 s with the given tick. Every task's share must be
 * within 5% (relative) of weight / total weight, except that a task whose
 * whole expected runtime is under 50 ticks is allowed one tick of error
 * on top: it only ever runs whole ticks. Waits obey wait_bound once the
 * forks' start debits have played out (100 ms).
 */
/* Print one task's share and wait; assert both (see sim_mixed). */
static void sim_mixed_check(const struct sim_task *t, unsigned long total,
			    uint64_t period, uint64_t tick, uint64_t duration)
{
	unsigned long w = t->se.load.weight;
	double ideal = (double)w / (double)total;
	double share = (double)t->se.sum_exec_runtime / (double)duration;
	double err = (share - ideal) / ideal;
	double allowed = 0.05;
	uint64_t bound = wait_bound(period, tick, total, w, MIXED_N);

	if (ideal * (double)duration < 50.0 * (double)tick)
		allowed += (double)tick / (ideal * (double)duration);
	printf("#   nice %3d weight %5lu: share %.5f ideal %.5f "
	       "(%+.2f%%, allowed %.1f%%), max wait %.1f ms "
	       "(bound %.1f; start-up %.1f)\n",
	       t->nice, w, share, ideal, 100 * err, 100 * allowed,
	       (double)t->max_wait / MS, (double)bound / MS,
	       (double)t->startup_wait / MS);
	assert_true(err <= allowed && err >= -allowed);
	assert_true(t->max_wait <= bound);
}

static void sim_mixed(uint64_t tick)
{
	static struct sim s;
	const uint64_t duration = 10 * SEC;
	const double r_ideal = 1024.0 / 335.0;	/* nice 0 : nice 5 */
	unsigned long total;
	double r;

	sim_init(&s, &params1, tick);
	s.measure_from = 100 * MS;
	for (int i = 0; i < MIXED_N; i++)
		sim_fork(&s, mixed_nices[i]);
	total = sim_total_weight(&s);
	sim_run(&s, duration);
	assert_int_equal(s.rq.clock, duration);

	printf("# HZ=%llu, %llu s, total weight %lu, %d picks\n",
	       (unsigned long long)(SEC / tick),
	       (unsigned long long)(duration / SEC), total, s.picks);
	for (int i = 0; i < MIXED_N; i++)
		sim_mixed_check(&s.t[i], total, period_of(&params1, MIXED_N),
				tick, duration);
	r = (double)s.t[0].se.sum_exec_runtime /
	    (double)s.t[2].se.sum_exec_runtime;
	printf("#   nice 0 / nice 5 = %.3f (1024/335 = %.3f)\n", r, r_ideal);
	assert_true(r > r_ideal * 0.95 && r < r_ideal * 1.05);
}

static void test_sim_mixed_hz1000(void **state)
{
	(void)state;
	sim_mixed(1 * MS);
}

static void test_sim_mixed_hz250(void **state)
{
	(void)state;
	sim_mixed(4 * MS);
}

/* Kestrel's default HZ: a 10 ms tick, longer than the 6 ms latency. */
static void test_sim_mixed_hz100(void **state)
{
	(void)state;
	sim_mixed(10 * MS);
}

/*
 * 2..16 equal tasks, all at min_vruntime from the start (no start debit),
 * a 250 us tick: shares within 1% and waits within wait_bound, which is
 * here 2 periods plus a few ticks.
 */
static void test_sim_equal_latency(void **state)
{
	static struct sim s;
	uint64_t worst = 0, worst_bound = 0;

	(void)state;
	for (int n = 2; n <= 16; n++) {
		uint64_t period = period_of(&params1, n);
		uint64_t bound = wait_bound(period, 250 * US, (unsigned long)n * 1024,
					    1024, n);

		sim_init(&s, &params1, 250 * US);
		for (int i = 0; i < n; i++)
			sim_add(&s, 0, 0);
		sim_run(&s, 2 * SEC);
		for (int i = 0; i < n; i++) {
			assert_true(s.t[i].max_wait <= bound);
			assert_true(s.t[i].max_wait <= 2 * period);
			if (s.t[i].max_wait * worst_bound >= worst * bound) {
				worst = s.t[i].max_wait;
				worst_bound = bound;
			}
			assert_true(abs_diff(s.t[i].se.sum_exec_runtime *
					     (uint64_t)n, 2 * SEC) <=
				    2 * SEC / 100);
		}
	}
	printf("# equal tasks: worst wait %.2f ms of bound %.2f ms\n",
	       (double)worst / MS, (double)worst_bound / MS);
}

/* Two tasks alone: nice 0 against nice 5, 10 s at HZ=1000. */
static void test_sim_nice0_vs_nice5(void **state)
{
	static struct sim s;
	double r;

	(void)state;
	sim_init(&s, &params1, 1 * MS);
	sim_fork(&s, 0);
	sim_fork(&s, 5);
	sim_run(&s, 10 * SEC);
	r = (double)s.t[0].se.sum_exec_runtime /
	    (double)s.t[1].se.sum_exec_runtime;
	printf("# nice 0 : nice 5 alone = %.3f\n", r);
	assert_true(r > 3.057 * 0.95 && r < 3.057 * 1.05);
}

/* ---------------------------------------------------------------- placement */

/*
 * Two hogs and x, all nice 0; x blocks at 100 ms and is woken at 5 s.
 * Returns x, just queued with its placement checked.
 */
static struct sim_task *sleeper_wake(struct sim *s)
{
	struct sim_task *x;

	sim_init(s, &params1, 1 * MS);
	sim_fork(s, 0);
	sim_fork(s, 0);
	x = sim_fork(s, 0);
	sim_run(s, 100 * MS);
	cfs_update_curr(&s->rq, s->now);
	cfs_dequeue(&s->rq, &x->se, CFS_DEQUEUE_SLEEP);	/* running or not */
	if (!s->rq.curr)
		sim_pick(s);
	sim_check(s);
	sim_run(s, 5 * SEC);

	cfs_update_curr(&s->rq, s->now);
	cfs_enqueue(&s->rq, &x->se, CFS_ENQUEUE_WAKEUP);
	sim_check(s);
	assert_int_equal(x->se.vruntime,
			 s->rq.min_vruntime - params1.latency / 2);
	assert_true(cfs_wakeup_check_preempt(&s->rq, &x->se));
	x->ready_since = s->now;
	return x;
}

/*
 * A task that sleeps for seconds wakes with at most latency/2 of credit:
 * it runs at once but does not monopolize the cpu, and over the next
 * second it gets its share plus at most that credit.
 */
static void test_sleeper_credit(void **state)
{
	static struct sim s;
	struct sim_task *x = sleeper_wake(&s);
	uint64_t woke = s.now, before = x->se.sum_exec_runtime;
	uint64_t first_run, got, fair = 1 * SEC / 3;

	(void)state;
	assert_ptr_equal(sim_pick(&s), x);
	/* its first stretch: at most the credit plus a tick */
	while (s.rq.curr == &x->se)
		sim_run(&s, s.now + s.tick);
	first_run = x->se.sum_exec_runtime - before;
	assert_true(first_run <= params1.latency / 2 + s.tick);

	/* over the next second: its share, plus at most the credit */
	sim_run(&s, woke + 1 * SEC);
	got = x->se.sum_exec_runtime - before;
	printf("# sleeper: first stretch %.1f ms, 1 s after waking "
	       "%.2f ms (fair %.2f)\n", (double)first_run / MS,
	       (double)got / MS, (double)fair / MS);
	assert_true(got <= fair + params1.latency / 2 + 2 * s.tick);
	assert_true(got + 2 * s.tick >= fair);
}

/* A waking task whose vruntime is still ahead keeps it (no free credit). */
static void test_wakeup_keeps_later_vruntime(void **state)
{
	struct cfs_rq rq;
	struct sched_entity a, x;

	(void)state;
	cfs_rq_init(&rq, &params1);
	cfs_entity_init(&a, 0);
	cfs_entity_init(&x, 0);
	enqueue_at(&rq, &a, 10 * MS);
	x.vruntime = 20 * MS;	/* absolute, as after CFS_DEQUEUE_SLEEP */
	cfs_enqueue(&rq, &x, CFS_ENQUEUE_WAKEUP);
	assert_int_equal(x.vruntime, 20 * MS);
	assert_int_equal(cfs_validate(&rq), 0);
}

/*
 * START_DEBIT: a forked task is placed one virtual slice after
 * min_vruntime, so the tasks already there run before it.
 */
static void test_new_task_start_debit(void **state)
{
	static struct sim s;
	struct sim_task *d;

	(void)state;
	sim_init(&s, &params1, 1 * MS);
	for (int i = 0; i < 3; i++)
		sim_add(&s, 0, 0);
	d = sim_fork(&s, 0);
	/* slice of 4 equal tasks in a 6 ms period */
	assert_int_equal(d->se.vruntime, s.rq.min_vruntime + 6 * MS / 4);
	sim_run(&s, 100 * MS);
	for (int i = 0; i < 3; i++)
		assert_true(s.t[i].first_pick < d->first_pick);
	assert_true(d->picks > 0);
}

/*
 * A burst of forks while h waits at min_vruntime: every child is placed
 * a slice later, so h runs before any of them.
 */
static void test_fork_burst(void **state)
{
	static struct sim s;
	struct sim_task *h, *b;
	int h_picks, guard = 0;

	(void)state;
	sim_init(&s, &params1, 1 * MS);
	h = sim_fork(&s, 0);
	b = sim_fork(&s, 0);
	sim_run(&s, 50 * MS);
	/* wait until b runs and h is the one holding min_vruntime back */
	while (s.rq.curr != &b->se || h->se.vruntime != s.rq.min_vruntime) {
		sim_run(&s, s.now + s.tick);
		assert_true(++guard < 1000);
	}
	h_picks = h->picks;
	for (int i = 0; i < 50; i++)
		sim_fork(&s, 0);
	while (h->picks == h_picks)
		sim_run(&s, s.now + s.tick);
	for (int i = 2; i < s.n; i++)
		assert_int_equal(s.t[i].picks, 0);
	/* and then the children get their turn, fairly */
	sim_run(&s, s.now + 2 * SEC);
	for (int i = 2; i < s.n; i++)
		assert_true(s.t[i].picks > 0);
}

/* ---------------------------------------------------------------- preemption */

static void test_wakeup_preempt(void **state)
{
	static const struct {
		int nice;
		uint64_t lead;	/* curr's vruntime minus the woken one's */
		bool behind;	/* woken is ahead of curr instead */
		bool preempt;
	} cases[] = {
		{ 0, 500 * US, false, false },
		{ 0, 1 * MS, false, false },	/* not more than 1 ms */
		{ 0, 1 * MS + 1, false, true },
		{ 0, 3 * MS, false, true },
		{ 0, 1 * MS, true, false },
		{ -5, 500 * US, false, true },	/* gran 328 us for 3121 */
		{ -5, 300 * US, false, false },
		{ 19, 50 * MS, false, false },	/* gran 68.3 ms for 15 */
		{ 19, 70 * MS, false, true },
	};
	struct cfs_rq rq;
	struct sched_entity c, w;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t cv = 100 * MS;

		cfs_rq_init(&rq, &params1);
		cfs_entity_init(&c, 0);
		cfs_entity_init(&w, cases[i].nice);
		assert_true(cfs_wakeup_check_preempt(&rq, &w)); /* idle */
		enqueue_at(&rq, &c, cv);
		assert_ptr_equal(cfs_pick_next(&rq), &c);
		enqueue_at(&rq, &w, cases[i].behind ? cv + cases[i].lead
						    : cv - cases[i].lead);
		assert_int_equal(cfs_wakeup_check_preempt(&rq, &w),
				 cases[i].preempt);
		assert_false(cfs_wakeup_check_preempt(&rq, &c));
	}
}

static void test_tick_preempt(void **state)
{
	struct cfs_rq rq;
	struct sched_entity a, b;

	(void)state;
	cfs_rq_init(&rq, &params1);
	cfs_entity_init(&a, 0);
	cfs_entity_init(&b, 0);
	enqueue_at(&rq, &a, 0);
	assert_ptr_equal(cfs_pick_next(&rq), &a);
	/* alone: never preempted */
	assert_false(cfs_tick_check_preempt(&rq, 1 * SEC));
	assert_int_equal(a.sum_exec_runtime, 1 * SEC);
	/* b arrives far behind: a's lead exceeds its slice */
	enqueue_at(&rq, &b, rq.min_vruntime);
	cfs_put_prev(&rq, &a);
	assert_ptr_equal(cfs_pick_next(&rq), &b);
	/* b's slice is 3 ms: not preempted at 3 ms, preempted after */
	assert_false(cfs_tick_check_preempt(&rq, 1 * SEC + 3 * MS));
	assert_true(cfs_tick_check_preempt(&rq, 1 * SEC + 3 * MS + 1));
	/*
	 * a far behind b: b has run less than its slice, but more than
	 * min_granularity and a slice of vruntime ahead of a.
	 */
	cfs_put_prev(&rq, &b);
	cfs_dequeue(&rq, &a, 0);
	a.vruntime = 0;		/* relative: at min_vruntime */
	assert_ptr_equal(cfs_pick_next(&rq), &b);
	b.vruntime = rq.min_vruntime + 10 * MS;	/* curr: not in the tree */
	cfs_enqueue(&rq, &a, 0);
	assert_false(cfs_tick_check_preempt(&rq, rq.clock + 500 * US));
	assert_true(cfs_tick_check_preempt(&rq, rq.clock + 300 * US));
}

/* ---------------------------------------------------------------- yield */

static void test_yield(void **state)
{
	struct cfs_rq rq;
	struct sched_entity a, b;

	(void)state;
	cfs_rq_init(&rq, &params1);
	cfs_entity_init(&a, 0);
	cfs_entity_init(&b, 0);
	enqueue_at(&rq, &a, 0);
	assert_ptr_equal(cfs_pick_next(&rq), &a);
	cfs_yield(&rq);			/* alone: nothing to yield to */
	assert_null(rq.skip);

	/* b half a ms ahead: within the granularity, a yields to it */
	enqueue_at(&rq, &b, 500 * US);
	cfs_yield(&rq);
	assert_ptr_equal(rq.skip, &a);
	assert_int_equal(cfs_validate(&rq), 0);
	assert_ptr_equal(cfs_pick_next(&rq), &b);
	assert_null(rq.skip);
	assert_int_equal(cfs_validate(&rq), 0);

	/* now a is behind by more than the granularity: it keeps the cpu */
	cfs_update_curr(&rq, 3 * MS);	/* b runs 3 ms */
	assert_ptr_equal(cfs_pick_next(&rq), &a);
	cfs_yield(&rq);
	assert_ptr_equal(cfs_pick_next(&rq), &a);

	/* dequeuing the yielder forgets the skip */
	cfs_yield(&rq);
	cfs_dequeue(&rq, &a, CFS_DEQUEUE_SLEEP);
	assert_null(rq.skip);
	assert_int_equal(cfs_validate(&rq), 0);
}

/* ---------------------------------------------------------------- reweight */

static void test_reweight(void **state)
{
	struct sched_entity se[6];
	struct cfs_rq rq;
	struct sched_entity *c;

	(void)state;
	cfs_rq_init(&rq, &params1);
	for (int i = 0; i < 6; i++) {
		cfs_entity_init(&se[i], 0);
		enqueue_at(&rq, &se[i], (uint64_t)i * MS);
	}
	c = cfs_pick_next(&rq);
	assert_ptr_equal(c, &se[0]);

	/* a queued one: load follows, order unchanged */
	cfs_reweight(&rq, &se[3], -10);
	assert_int_equal(rq.load_weight, 5 * 1024 + 9548);
	assert_int_equal(se[3].vruntime, 3 * MS);
	assert_int_equal(cfs_validate(&rq), 0);

	/* curr: time so far charged at the old weight, later at the new */
	rq.clock = 1 * MS;
	cfs_reweight(&rq, c, 5);
	assert_int_equal(c->vruntime, 1 * MS);
	assert_int_equal(rq.load_weight, 4 * 1024 + 9548 + 335);
	assert_int_equal(cfs_validate(&rq), 0);
	cfs_update_curr(&rq, 2 * MS);
	assert_int_equal(c->vruntime, 1 * MS + 1 * MS * 1024 / 335);

	/* unqueued: just the weight */
	cfs_dequeue(&rq, &se[5], CFS_DEQUEUE_SLEEP);
	cfs_reweight(NULL, &se[5], 19);
	assert_int_equal(se[5].load.weight, 15);
	assert_int_equal(rq.load_weight, 3 * 1024 + 9548 + 335);
	assert_int_equal(cfs_validate(&rq), 0);
}

/* ---------------------------------------------------------------- migration */

static void test_migrate(void **state)
{
	struct cfs_rq r1, r2;
	struct sched_entity a, b;

	(void)state;
	cfs_rq_init(&r1, &params1);
	cfs_rq_init(&r2, &params1);
	r1.min_vruntime = 100 * MS;
	r2.min_vruntime = 5000 * MS;
	cfs_entity_init(&a, 0);
	cfs_entity_init(&b, 0);

	/* queued and moved: lag relative to min_vruntime is kept */
	enqueue_at(&r1, &a, 103 * MS);
	cfs_dequeue(&r1, &a, 0);
	assert_int_equal(a.vruntime, 3 * MS);
	cfs_enqueue(&r2, &a, 0);
	assert_int_equal(a.vruntime, 5003 * MS);
	assert_int_equal(cfs_validate(&r1), 0);
	assert_int_equal(cfs_validate(&r2), 0);

	/* a sleeper woken elsewhere: credit limited on the new queue */
	enqueue_at(&r1, &b, 101 * MS);
	cfs_dequeue(&r1, &b, CFS_DEQUEUE_SLEEP);
	assert_int_equal(b.vruntime, 101 * MS);
	cfs_migrate_out(&r1, &b);
	assert_int_equal(b.vruntime, 1 * MS);
	cfs_enqueue(&r2, &b, CFS_ENQUEUE_WAKEUP | CFS_ENQUEUE_MIGRATED);
	assert_int_equal(b.vruntime, 5001 * MS);
	assert_int_equal(cfs_validate(&r2), 0);
	cfs_dequeue(&r2, &b, CFS_DEQUEUE_SLEEP);
	/* b was leftmost: min_vruntime moved up to a */
	assert_int_equal(r2.min_vruntime, 5003 * MS);
	b.vruntime = 0;		/* slept for ages on r1 */
	cfs_migrate_out(&r1, &b);
	cfs_enqueue(&r2, &b, CFS_ENQUEUE_WAKEUP | CFS_ENQUEUE_MIGRATED);
	assert_int_equal(b.vruntime, 5003 * MS - params1.latency / 2);
	assert_int_equal(cfs_validate(&r2), 0);
}

/* ---------------------------------------------------------------- validate */

static void test_validate_catches(void **state)
{
	struct sched_entity se[4];
	struct cfs_rq rq;
	struct sched_entity *c;

	(void)state;
	cfs_rq_init(&rq, &params1);
	for (int i = 0; i < 4; i++) {
		cfs_entity_init(&se[i], 0);
		enqueue_at(&rq, &se[i], (uint64_t)(i + 1) * MS);
	}
	c = cfs_pick_next(&rq);
	assert_int_equal(cfs_validate(&rq), 0);

	rq.load_weight++;
	assert_int_equal(cfs_validate(&rq), -CFS_BAD_LOAD);
	rq.load_weight--;
	rq.nr_running++;
	assert_int_equal(cfs_validate(&rq), -CFS_BAD_COUNT);
	rq.nr_running--;
	se[2].on_rq = false;
	assert_int_equal(cfs_validate(&rq), -CFS_BAD_ENTITY);
	se[2].on_rq = true;
	se[2].load.inv_weight = 12345;
	assert_int_equal(cfs_validate(&rq), -CFS_BAD_ENTITY);
	se[2].load.inv_weight = cfs_nice_to_inv_weight(0);
	c->on_rq = false;
	assert_int_equal(cfs_validate(&rq), -CFS_BAD_CURR);
	c->on_rq = true;
	rq.skip = c;
	assert_int_equal(cfs_validate(&rq), 0);
	rq.skip = &(struct sched_entity){ 0 };
	assert_int_equal(cfs_validate(&rq), -CFS_BAD_SKIP);
	rq.skip = NULL;
	se[3].vruntime = 0;	/* out of order */
	assert_int_equal(cfs_validate(&rq), -CFS_BAD_TREE);
	se[3].vruntime = 4 * MS;
	rq.min_vruntime = 2 * MS + params1.latency / 2 + 1;
	assert_int_equal(cfs_validate(&rq), -CFS_BAD_MIN_VRUNTIME);
	rq.min_vruntime = 0;
	assert_int_equal(cfs_validate(&rq), 0);
}

/* ---------------------------------------------------------------- random */

#define RND_N 40
#define RND_RQS 2

enum rnd_state { RND_FRESH, RND_QUEUED, RND_SLEEPING, RND_RELATIVE };

struct rnd {
	struct cfs_rq rq[RND_RQS];
	struct sched_entity se[RND_N];
	enum rnd_state st[RND_N];
	int where[RND_N];	/* queue of QUEUED / SLEEPING entities */
	uint64_t last_min[RND_RQS];
	uint64_t now;
	struct unit_rng rng;
};

static void rnd_check(struct rnd *r)
{
	for (int q = 0; q < RND_RQS; q++) {
		assert_int_equal(cfs_validate(&r->rq[q]), 0);
		assert_true((int64_t)(r->rq[q].min_vruntime -
				      r->last_min[q]) >= 0);
		r->last_min[q] = r->rq[q].min_vruntime;
	}
}

static void rnd_enqueue(struct rnd *r, int i)
{
	int q = (int)unit_rng_below(&r->rng, RND_RQS);
	struct sched_entity *se = &r->se[i];

	switch (r->st[i]) {
	case RND_FRESH:
		cfs_enqueue(&r->rq[q], se, CFS_ENQUEUE_NEW);
		break;
	case RND_SLEEPING:
		if (q != r->where[i]) {
			cfs_migrate_out(&r->rq[r->where[i]], se);
			cfs_enqueue(&r->rq[q], se, CFS_ENQUEUE_WAKEUP |
						   CFS_ENQUEUE_MIGRATED);
		} else {
			cfs_enqueue(&r->rq[q], se, CFS_ENQUEUE_WAKEUP);
		}
		cfs_wakeup_check_preempt(&r->rq[q], se);
		break;
	case RND_RELATIVE:
		cfs_enqueue(&r->rq[q], se, 0);
		break;
	case RND_QUEUED:
		return;
	}
	r->st[i] = RND_QUEUED;
	r->where[i] = q;
}

static void rnd_dequeue(struct rnd *r, int i)
{
	bool sleep = unit_rng_below(&r->rng, 3) != 0;

	if (r->st[i] != RND_QUEUED)
		return;
	cfs_dequeue(&r->rq[r->where[i]], &r->se[i],
		    sleep ? CFS_DEQUEUE_SLEEP : 0);
	r->st[i] = sleep ? RND_SLEEPING : RND_RELATIVE;
}

static void rnd_step(struct rnd *r)
{
	struct cfs_rq *rq = &r->rq[unit_rng_below(&r->rng, RND_RQS)];
	int i = (int)unit_rng_below(&r->rng, RND_N);

	switch (unit_rng_below(&r->rng, 8)) {
	case 0:
		r->now += unit_rng_below(&r->rng, 3 * MS);
		for (int q = 0; q < RND_RQS; q++)
			if (cfs_tick_check_preempt(&r->rq[q], r->now) ||
			    !r->rq[q].curr)
				cfs_pick_next(&r->rq[q]);
		break;
	case 1:
		cfs_pick_next(rq);
		break;
	case 2:
		if (rq->curr)
			cfs_put_prev(rq, rq->curr);
		break;
	case 3:
	case 4:
		rnd_enqueue(r, i);
		break;
	case 5:
		rnd_dequeue(r, i);
		break;
	case 6:
		cfs_yield(rq);
		break;
	case 7:
		cfs_reweight(r->st[i] == RND_QUEUED ? &r->rq[r->where[i]]
						    : NULL,
			     &r->se[i], (int)unit_rng_below(&r->rng, 40) - 20);
		break;
	}
}

static void rnd_run(uint64_t seed, uint64_t start_min)
{
	static struct rnd r;

	unit_rng_seed(&r.rng, seed);
	r.now = 0;
	for (int q = 0; q < RND_RQS; q++) {
		cfs_rq_init(&r.rq[q], &params1);
		r.rq[q].min_vruntime = start_min + (uint64_t)q * 7 * SEC;
		r.last_min[q] = r.rq[q].min_vruntime;
	}
	for (int i = 0; i < RND_N; i++) {
		cfs_entity_init(&r.se[i], (int)unit_rng_below(&r.rng, 40) - 20);
		r.st[i] = RND_FRESH;
	}
	for (int step = 0; step < 50000; step++) {
		rnd_step(&r);
		rnd_check(&r);
	}
}

static void test_random_ops(void **state)
{
	(void)state;
	rnd_run(1, 0);
	rnd_run(2, 0);
	rnd_run(0xdeadbeef, 0);
	/* min_vruntime starting just before 2^64: everything wraps */
	rnd_run(3, (uint64_t)0 - 3 * SEC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weight_table),
		cmocka_unit_test(test_calc_delta_typical),
		cmocka_unit_test(test_calc_delta_extremes),
		cmocka_unit_test(test_params_scaling),
		cmocka_unit_test(test_sched_slice),
		cmocka_unit_test(test_pick_order),
		cmocka_unit_test(test_pick_order_wraps),
		cmocka_unit_test(test_sim_mixed_hz1000),
		cmocka_unit_test(test_sim_mixed_hz250),
		cmocka_unit_test(test_sim_mixed_hz100),
		cmocka_unit_test(test_sim_equal_latency),
		cmocka_unit_test(test_sim_nice0_vs_nice5),
		cmocka_unit_test(test_sleeper_credit),
		cmocka_unit_test(test_wakeup_keeps_later_vruntime),
		cmocka_unit_test(test_new_task_start_debit),
		cmocka_unit_test(test_fork_burst),
		cmocka_unit_test(test_wakeup_preempt),
		cmocka_unit_test(test_tick_preempt),
		cmocka_unit_test(test_yield),
		cmocka_unit_test(test_reweight),
		cmocka_unit_test(test_migrate),
		cmocka_unit_test(test_validate_catches),
		cmocka_unit_test(test_random_ops),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
