/*
 * The Completely Fair Scheduler: pure core (interface in <sched/cfs.h>,
 * policy explained in docs/sched.md).
 *
 * Each entity accumulates vruntime, its runtime scaled by
 * NICE_0 weight / its weight, and the run queue always runs the entity
 * with the smallest vruntime, so over time every entity's runtime is
 * proportional to its weight. The queued entities sit in a red-black tree
 * ordered by vruntime (equal keys after older ones) with a cached
 * leftmost; the running one (curr) is taken out of the tree while it
 * runs and put back by cfs_put_prev.
 *
 * Invariants between calls (checked by cfs_validate):
 *   - the tree is a valid red-black tree sorted by vruntime; it holds
 *     exactly the on_rq entities other than curr;
 *   - nr_running and load_weight count the tree plus curr;
 *   - min_vruntime never decreases (in wrapping order) and no queued
 *     entity is more than latency/2 behind it (the sleeper credit);
 *   - skip is NULL or a queued entity.
 *
 * Locks: none taken. Every function expects the run-queue lock of each
 * cfs_rq it writes, taken by the caller (the scheduler), and never
 * sleeps. cfs_migrate_out only reads the source queue's min_vruntime
 * (READ_ONCE; a stale value shifts the entity by at most the time passed).
 *
 * No floating point and no 128-bit arithmetic: the kernel links without
 * libgcc.
 */
#include <kernel/compiler.h>
#include <kernel/types.h>
#include <kernel/panic.h>
#include <lib/rbtree.h>
#include <sched/cfs.h>

#define CFS_NSEC_PER_USEC 1000ULL
#define CFS_NSEC_PER_MSEC 1000000ULL
#define CFS_WMULT_SHIFT 32
#define CFS_WMULT_ONE (1ULL << CFS_WMULT_SHIFT)

/*
 * Linux's nice-to-weight table: each nice step is ~1.25x, so one nice
 * level apart is ~10% more or less CPU against a competitor. nice 0 is
 * 1024.
 */
static const unsigned long cfs_nice_weight[40] = {
	/* -20 */ 88761, 71755, 56483, 46273, 36291,
	/* -15 */ 29154, 23254, 18705, 14949, 11916,
	/* -10 */ 9548, 7620, 6100, 4904, 3906,
	/*  -5 */ 3121, 2501, 1991, 1586, 1277,
	/*   0 */ 1024, 820, 655, 526, 423,
	/*   5 */ 335, 272, 215, 172, 137,
	/*  10 */ 110, 87, 70, 56, 45,
	/*  15 */ 36, 29, 23, 18, 15,
};

/* The matching 2^32 / weight (within 1 of it), also Linux's values. */
static const u32 cfs_nice_inv_weight[40] = {
	/* -20 */ 48388, 59856, 76040, 92818, 118348,
	/* -15 */ 147320, 184698, 229616, 287308, 360437,
	/* -10 */ 449829, 563644, 704093, 875809, 1099582,
	/*  -5 */ 1376151, 1717300, 2157191, 2708050, 3363326,
	/*   0 */ 4194304, 5237765, 6557202, 8165337, 10153587,
	/*   5 */ 12820798, 15790321, 19976592, 24970740, 31350126,
	/*  10 */ 39045157, 49367440, 61356676, 76695844, 95443717,
	/*  15 */ 119304647, 148102320, 186737708, 238609294, 286331153,
};

/* ------------------------------------------------------------ arithmetic */

/* a before b in wrapping vruntime order. */
static inline bool cfs_before(u64 a, u64 b)
{
	return (s64)(a - b) < 0;
}

static inline u64 cfs_vmax(u64 a, u64 b)
{
	return cfs_before(a, b) ? b : a;
}

static inline u64 cfs_vmin(u64 a, u64 b)
{
	return cfs_before(a, b) ? a : b;
}

static int cfs_nice_index(int nice)
{
	if (nice < CFS_NICE_MIN)
		nice = CFS_NICE_MIN;
	if (nice > CFS_NICE_MAX)
		nice = CFS_NICE_MAX;
	return nice - CFS_NICE_MIN;
}

unsigned long cfs_nice_to_weight(int nice)
{
	return cfs_nice_weight[cfs_nice_index(nice)];
}

u32 cfs_nice_to_inv_weight(int nice)
{
	return cfs_nice_inv_weight[cfs_nice_index(nice)];
}

void cfs_load_set_nice(struct cfs_load *lw, int nice)
{
	lw->weight = cfs_nice_to_weight(nice);
	lw->inv_weight = cfs_nice_to_inv_weight(nice);
}

/*
 * Set lw to an arbitrary weight (a sum of weights, say). The inverse is
 * 2^32 / weight rounded down, kept within 1 .. 2^32 - 1.
 */
void cfs_load_set(struct cfs_load *lw, unsigned long weight)
{
	u64 inv;

	if (weight == 0)
		weight = 1;
	inv = CFS_WMULT_ONE / weight;
	if (inv > 0xffffffffULL)
		inv = 0xffffffffULL;
	if (inv == 0)
		inv = 1;
	lw->weight = weight;
	lw->inv_weight = (u32)inv;
}

/*
 * (a * b) >> shift for shift <= 32, exact, without a 128-bit product:
 * a = hi * 2^32 + lo, so a * b >> shift = (hi * b << (32 - shift)) +
 * (lo * b >> shift), and the first term loses nothing to the shift.
 * Overflows only if the result does not fit in 64 bits.
 */
static u64 cfs_mul_u32_shr(u64 a, u32 b, unsigned int shift)
{
	u64 lo = (a & 0xffffffffULL) * b;
	u64 hi = (a >> 32) * b;

	return (hi << (32 - shift)) + (lo >> shift);
}

/*
 * delta * NICE_0 weight / lw->weight, computed as
 * delta * (1024 * inv_weight) >> 32, with the factor shifted right until
 * it fits 32 bits (and the shift reduced to match). The relative error is
 * that of inv_weight (< 1e-8 for the nice table) plus truncation: under
 * 1 ns for deltas up to ~100 ms at any nice level (test_cfs checks).
 * Overflows only when the result exceeds 2^64 ns (centuries).
 */
u64 cfs_calc_delta(u64 delta, const struct cfs_load *lw)
{
	u64 fact;
	unsigned int shift = CFS_WMULT_SHIFT;

	if (lw->weight == CFS_NICE_0_WEIGHT)
		return delta;
	fact = (u64)CFS_NICE_0_WEIGHT * lw->inv_weight;
	while (fact >> 32) {
		fact >>= 1;
		shift--;
	}
	return cfs_mul_u32_shr(delta, (u32)fact, shift);
}

/* floor(log2(n)) for n >= 1; a loop, as gcc's clz may call libgcc. */
static unsigned int cfs_ilog2(unsigned int n)
{
	unsigned int log = 0;

	while (n >>= 1)
		log++;
	return log;
}

/*
 * Linux's defaults (6 ms latency, 0.75 ms minimum granularity, 1 ms
 * wake-up granularity) times 1 + ilog2(min(ncpus, 8)): more cpus share
 * the load, so each can afford longer slices (fewer switches, better
 * cache use) for the same latency seen by a task. 1 cpu: x1, 2: x2,
 * 4: x3, 8 and more: x4.
 */
void cfs_params_init(struct cfs_params *p, unsigned int ncpus)
{
	u64 factor;

	if (ncpus == 0)
		ncpus = 1;
	factor = 1 + cfs_ilog2(ncpus < 8 ? ncpus : 8);
	p->latency = 6 * CFS_NSEC_PER_MSEC * factor;
	p->min_granularity = 750 * CFS_NSEC_PER_USEC * factor;
	p->wakeup_granularity = 1 * CFS_NSEC_PER_MSEC * factor;
}

/* ------------------------------------------------------------ the tree */

void cfs_rq_init(struct cfs_rq *rq, const struct cfs_params *params)
{
	rq->params = params;
	rq->timeline = RB_ROOT_CACHED;
	rq->curr = NULL;
	rq->skip = NULL;
	rq->load_weight = 0;
	rq->nr_running = 0;
	rq->min_vruntime = 0;
	rq->clock = 0;
}

/* A fresh, unqueued entity of the given nice, vruntime 0. */
void cfs_entity_init(struct sched_entity *se, int nice)
{
	cfs_load_set_nice(&se->load, nice);
	se->vruntime = 0;
	RB_CLEAR_NODE(&se->node);
	se->on_rq = false;
	se->exec_start = 0;
	se->sum_exec_runtime = 0;
	se->prev_sum_exec_runtime = 0;
}

static inline struct sched_entity *cfs_entity_of(struct rb_node *node)
{
	return rb_entry_safe(node, struct sched_entity, node);
}

struct sched_entity *cfs_first(const struct cfs_rq *rq)
{
	return cfs_entity_of(rb_first_cached(&rq->timeline));
}

/* Insert se after every entity with vruntime <= its own. */
static void cfs_timeline_insert(struct cfs_rq *rq, struct sched_entity *se)
{
	struct rb_node **link = &rq->timeline.rb_root.rb_node;
	struct rb_node *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (cfs_before(se->vruntime, cfs_entity_of(parent)->vruntime)) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}
	rb_link_node(&se->node, parent, link);
	rb_insert_color_cached(&se->node, &rq->timeline, leftmost);
}

static void cfs_timeline_erase(struct cfs_rq *rq, struct sched_entity *se)
{
	rb_erase_cached(&se->node, &rq->timeline);
	RB_CLEAR_NODE(&se->node);
}

/* ------------------------------------------------------------ accounting */

/*
 * Move min_vruntime up to the smallest vruntime of curr and the leftmost
 * waiter, never down. With neither, it stays.
 */
static void cfs_update_min_vruntime(struct cfs_rq *rq)
{
	struct sched_entity *curr = rq->curr;
	struct sched_entity *left = cfs_first(rq);
	u64 v;

	if (!curr && !left)
		return;
	if (curr && left)
		v = cfs_vmin(curr->vruntime, left->vruntime);
	else
		v = curr ? curr->vruntime : left->vruntime;
	WRITE_ONCE(rq->min_vruntime, cfs_vmax(rq->min_vruntime, v));
}

/* Charge curr for the time since it was last charged, up to rq->clock. */
static void cfs_charge(struct cfs_rq *rq)
{
	struct sched_entity *curr = rq->curr;
	u64 delta;

	if (!curr)
		return;
	delta = rq->clock - curr->exec_start;
	if ((s64)delta <= 0)
		return;
	curr->exec_start = rq->clock;
	curr->sum_exec_runtime += delta;
	curr->vruntime += cfs_calc_delta(delta, &curr->load);
	cfs_update_min_vruntime(rq);
}

/*
 * Advance the queue's clock to now (never backwards) and charge the
 * running entity: sum_exec_runtime += ran, vruntime += ran scaled by its
 * weight; min_vruntime follows. The other operations charge up to the
 * clock given here, so call this first on every scheduler entry.
 */
void cfs_update_curr(struct cfs_rq *rq, u64 now)
{
	if ((s64)(now - rq->clock) > 0)
		rq->clock = now;
	cfs_charge(rq);
}

/* ------------------------------------------------------------ slices */

/*
 * The wall time se should run in one period:
 * period = max(latency, nr_running * min_granularity), and se's share of
 * it is period * weight / load_weight. An entity not yet queued is
 * counted as if it were. A 64-bit divide: exact, and cannot overflow for
 * any realistic count (period * weight < 2^64 up to ~10^8 tasks).
 */
u64 cfs_sched_slice(const struct cfs_rq *rq, const struct sched_entity *se)
{
	const struct cfs_params *p = rq->params;
	unsigned long load = rq->load_weight;
	u64 nr = rq->nr_running;
	u64 period;

	if (!se->on_rq) {
		nr++;
		load += se->load.weight;
	}
	period = nr * p->min_granularity;
	if (period < p->latency)
		period = p->latency;
	return period * se->load.weight / load;
}

/* The slice in se's virtual time: what running it costs in vruntime. */
u64 cfs_sched_vslice(const struct cfs_rq *rq, const struct sched_entity *se)
{
	return cfs_calc_delta(cfs_sched_slice(rq, se), &se->load);
}

/* ------------------------------------------------------------ migration */

/*
 * Make an unqueued entity's vruntime relative to src's min_vruntime (its
 * lag), so another queue can take it with cfs_migrate_in. Lockless read
 * of src->min_vruntime; the caller holds se's own serialization.
 */
void cfs_migrate_out(const struct cfs_rq *src, struct sched_entity *se)
{
	BUG_ON(se->on_rq);
	se->vruntime -= READ_ONCE(src->min_vruntime);
}

/* Inverse of cfs_migrate_out, against dst (whose lock is held). */
void cfs_migrate_in(const struct cfs_rq *dst, struct sched_entity *se)
{
	se->vruntime += dst->min_vruntime;
}

/* ------------------------------------------------------------ enqueue */

/*
 * Choose se's vruntime on entering rq (see cfs_enqueue).
 * New: one virtual slice after min_vruntime (start debit), whatever it
 * held. Otherwise make it absolute if it is relative, and for a wake-up
 * take at most latency/2 of credit.
 */
static void cfs_place(struct cfs_rq *rq, struct sched_entity *se, int flags)
{
	u64 floor;

	if (flags & CFS_ENQUEUE_NEW) {
		se->vruntime = rq->min_vruntime + cfs_sched_vslice(rq, se);
		return;
	}
	if (!(flags & CFS_ENQUEUE_WAKEUP) || (flags & CFS_ENQUEUE_MIGRATED))
		cfs_migrate_in(rq, se);
	if (flags & CFS_ENQUEUE_WAKEUP) {
		floor = rq->min_vruntime - rq->params->latency / 2;
		se->vruntime = cfs_vmax(se->vruntime, floor);
	}
}

/*
 * Queue se (not queued anywhere) on rq, which must be locked. curr is
 * charged first. se->vruntime on entry, by flags:
 *   CFS_ENQUEUE_NEW      ignored: placed at min_vruntime + its vslice;
 *   CFS_ENQUEUE_WAKEUP   absolute (it slept on this queue, dequeued with
 *                        CFS_DEQUEUE_SLEEP): raised to at least
 *                        min_vruntime - latency/2;
 *     | _MIGRATED        relative (cfs_migrate_out): made absolute, then
 *                        as a wake-up;
 *   0                    relative (a dequeue without CFS_DEQUEUE_SLEEP,
 *                        here or on another queue): made absolute.
 * Does not preempt; the caller asks cfs_wakeup_check_preempt.
 */
void cfs_enqueue(struct cfs_rq *rq, struct sched_entity *se, int flags)
{
	BUG_ON(se->on_rq);
	cfs_charge(rq);
	cfs_place(rq, se, flags);
	rq->nr_running++;
	rq->load_weight += se->load.weight;
	se->on_rq = true;
	cfs_timeline_insert(rq, se);
}

/*
 * Remove se (queued on rq, possibly curr) from rq, which must be locked.
 * curr is charged first; if se was curr, rq->curr becomes NULL (the
 * caller then picks the next). With CFS_DEQUEUE_SLEEP, se keeps its
 * absolute vruntime for the placement at wake-up; otherwise its vruntime
 * becomes relative to min_vruntime, ready for cfs_enqueue(.., 0) on this
 * or another queue.
 */
void cfs_dequeue(struct cfs_rq *rq, struct sched_entity *se, int flags)
{
	BUG_ON(!se->on_rq);
	cfs_charge(rq);
	if (rq->skip == se)
		rq->skip = NULL;
	if (rq->curr == se)
		rq->curr = NULL;
	else
		cfs_timeline_erase(rq, se);
	se->on_rq = false;
	rq->nr_running--;
	rq->load_weight -= se->load.weight;
	if (!(flags & CFS_DEQUEUE_SLEEP))
		se->vruntime -= rq->min_vruntime;
	cfs_update_min_vruntime(rq);
}

/* ------------------------------------------------------------ picking */

/*
 * The entity to run: the leftmost, unless it is the skip (yielded) entity
 * and the next one is no more than a wake-up granularity (in the skipped
 * entity's virtual time) behind it.
 */
static struct sched_entity *cfs_pick_candidate(struct cfs_rq *rq)
{
	struct sched_entity *left = cfs_first(rq);
	struct sched_entity *next;
	u64 gran;

	if (!left || left != rq->skip)
		return left;
	next = cfs_entity_of(rb_next(&left->node));
	if (!next)
		return left;
	gran = cfs_calc_delta(rq->params->wakeup_granularity, &left->load);
	if ((s64)(next->vruntime - left->vruntime) <= (s64)gran)
		return next;
	return left;
}

/*
 * Choose the next entity to run and make it curr (out of the tree), or
 * return NULL if nothing is queued. A curr still set is put back first
 * (cfs_put_prev). Starts the entity's slice: exec_start = rq->clock,
 * prev_sum_exec_runtime = sum_exec_runtime. Clears skip. rq locked.
 */
struct sched_entity *cfs_pick_next(struct cfs_rq *rq)
{
	struct sched_entity *se;

	if (rq->curr)
		cfs_put_prev(rq, rq->curr);
	se = cfs_pick_candidate(rq);
	rq->skip = NULL;
	if (!se)
		return NULL;
	cfs_timeline_erase(rq, se);
	rq->curr = se;
	se->exec_start = rq->clock;
	se->prev_sum_exec_runtime = se->sum_exec_runtime;
	return se;
}

/*
 * se stops running. If it is curr, charge it and put it back in the tree
 * behind any equal vruntime; rq->curr becomes NULL. If it is not curr
 * (it was dequeued while running), nothing to do. rq locked.
 */
void cfs_put_prev(struct cfs_rq *rq, struct sched_entity *se)
{
	if (se != rq->curr) {
		BUG_ON(se->on_rq && RB_EMPTY_NODE(&se->node));
		return;
	}
	cfs_charge(rq);
	rq->curr = NULL;
	cfs_timeline_insert(rq, se);
}

/* ------------------------------------------------------------ preemption */

/*
 * The tick: charge curr up to now, then say whether it should give way.
 * True if another entity is waiting and curr has either run longer than
 * its slice since it was picked, or (after at least min_granularity) got
 * more than a slice of vruntime ahead of the leftmost waiter. rq locked.
 */
bool cfs_tick_check_preempt(struct cfs_rq *rq, u64 now)
{
	struct sched_entity *curr, *left;
	u64 slice, ran;
	s64 lead;

	cfs_update_curr(rq, now);
	curr = rq->curr;
	left = cfs_first(rq);
	if (!curr || !left)
		return false;
	slice = cfs_sched_slice(rq, curr);
	ran = curr->sum_exec_runtime - curr->prev_sum_exec_runtime;
	if (ran > slice)
		return true;
	if (ran < rq->params->min_granularity)
		return false;
	lead = (s64)(curr->vruntime - left->vruntime);
	return lead > (s64)slice;
}

/*
 * woken has just been queued on rq: should it preempt curr? Charges curr
 * up to rq->clock first. True if nothing of this class runs, or if curr's
 * vruntime exceeds woken's by more than wakeup_granularity converted to
 * woken's virtual time (heavier wakers preempt sooner). rq locked.
 */
bool cfs_wakeup_check_preempt(struct cfs_rq *rq,
			      const struct sched_entity *woken)
{
	struct sched_entity *curr = rq->curr;
	s64 lead;
	u64 gran;

	if (!curr)
		return true;
	if (curr == woken)
		return false;
	cfs_charge(rq);
	lead = (s64)(curr->vruntime - woken->vruntime);
	if (lead <= 0)
		return false;
	gran = cfs_calc_delta(rq->params->wakeup_granularity, &woken->load);
	return lead > (s64)gran;
}

/*
 * sched_yield for the running entity: charge it and mark it to be passed
 * over at the next cfs_pick_next, if another entity is within a wake-up
 * granularity of it (it rotates behind its near-equals; its vruntime is
 * not touched, so yielding costs it nothing it has not run). No-op when
 * nothing else is queued. The caller then reschedules. rq locked.
 */
void cfs_yield(struct cfs_rq *rq)
{
	if (!rq->curr || rq->nr_running < 2)
		return;
	cfs_charge(rq);
	rq->skip = rq->curr;
}

/*
 * Change se's weight to that of nice. If se is queued on rq (locked),
 * load_weight follows, and if se is curr it is first charged at the old
 * weight. vruntime is kept, so the tree order is unchanged; the new
 * weight applies to time run from now on. rq may be NULL if se is not
 * queued.
 */
/* Change se's load to lw, charging curr at the old weight first. */
static void cfs_reweight_load(struct cfs_rq *rq, struct sched_entity *se,
			      const struct cfs_load *lw)
{
	if (se->on_rq) {
		if (rq->curr == se)
			cfs_charge(rq);
		rq->load_weight -= se->load.weight;
	}
	se->load = *lw;
	if (se->on_rq)
		rq->load_weight += se->load.weight;
}

void cfs_reweight(struct cfs_rq *rq, struct sched_entity *se, int nice)
{
	struct cfs_load lw;

	cfs_load_set_nice(&lw, nice);
	cfs_reweight_load(rq, se, &lw);
}

void cfs_reweight_to(struct cfs_rq *rq, struct sched_entity *se, unsigned long weight)
{
	struct cfs_load lw;

	cfs_load_set(&lw, weight);
	cfs_reweight_load(rq, se, &lw);
}

/* ------------------------------------------------------------ validation */

static int cfs_node_cmp(const struct rb_node *a, const struct rb_node *b)
{
	u64 va = rb_entry(a, struct sched_entity, node)->vruntime;
	u64 vb = rb_entry(b, struct sched_entity, node)->vruntime;

	return cfs_before(va, vb) ? -1 : (va == vb ? 0 : 1);
}

/* weight >= 1 and weight * inv_weight within weight of 2^32. */
static bool cfs_load_ok(const struct cfs_load *lw)
{
	u64 prod = (u64)lw->weight * lw->inv_weight;
	u64 diff = prod > CFS_WMULT_ONE ? prod - CFS_WMULT_ONE
					: CFS_WMULT_ONE - prod;

	return lw->weight >= 1 && lw->inv_weight >= 1 && diff <= lw->weight;
}

/* One queued entity (in the tree or curr); 0 or -CFS_BAD_xxx. */
static int cfs_validate_entity(const struct cfs_rq *rq,
			       const struct sched_entity *se)
{
	u64 floor = rq->min_vruntime - rq->params->latency / 2;

	if (!se->on_rq || !cfs_load_ok(&se->load))
		return -CFS_BAD_ENTITY;
	if (cfs_before(se->vruntime, floor))
		return -CFS_BAD_MIN_VRUNTIME;
	return 0;
}

/*
 * Check every invariant listed at the top of this file. Returns 0 or the
 * first violation as -CFS_xxx (enum cfs_violation). rq locked (or owned
 * by a test). Walks the whole tree: for tests and debug checks.
 */
int cfs_validate(const struct cfs_rq *rq)
{
	const struct sched_entity *curr = rq->curr, *se;
	unsigned long load = 0;
	unsigned int count = 0;
	bool skip_seen = false;
	struct rb_node *n;
	int err;

	if (rb_validate_cached(&rq->timeline, cfs_node_cmp))
		return -CFS_BAD_TREE;
	for (n = rb_first_cached(&rq->timeline); n; n = rb_next(n)) {
		se = cfs_entity_of(n);
		if (se == curr)
			return -CFS_BAD_CURR;
		if ((err = cfs_validate_entity(rq, se)))
			return err;
		skip_seen |= se == rq->skip;
		load += se->load.weight;
		count++;
	}
	if (curr) {
		if (!curr->on_rq || !RB_EMPTY_NODE(&curr->node))
			return -CFS_BAD_CURR;
		if ((err = cfs_validate_entity(rq, curr)))
			return err;
		skip_seen |= curr == rq->skip;
		load += curr->load.weight;
		count++;
	}
	if (count != rq->nr_running)
		return -CFS_BAD_COUNT;
	if (load != rq->load_weight)
		return -CFS_BAD_LOAD;
	return rq->skip && !skip_seen ? -CFS_BAD_SKIP : 0;
}
