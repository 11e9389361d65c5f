/*
 * Unit tests for kernel/mm/buddy.c, the buddy allocator's core, built
 * with CONFIG_DEBUG so that its BUG_ONs are live.
 *
 * A zone is built over a malloc'd arena ("physical" frame f is arena
 * page f - base, through unit_phys_offset) and driven directly: the
 * initial blocks against an independent computation of the maximal
 * aligned decomposition; every order; per-CPU list batching; random
 * alloc/free sequences on several simulated cpus checked step by step
 * against a model of which frames are allocated; exhaustion and recovery;
 * full coalescing after freeing everything; references; misuse caught by
 * BUG_ON; and zone_validate() noticing corruption. Zones start at pfns
 * that are not aligned to MAX_ORDER, have odd sizes and holes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "host_rename.h"
#include "kernel_stubs.h"
#include "unit_util.h"
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/buddy.h>

#define NCPUS 4

enum frame_state { FRAME_FREE, FRAME_ALLOCATED, FRAME_HOLE };

/* One zone under test plus the model the tests check it against. */
struct fixture {
	struct zone zone;
	struct page *map;
	unsigned char *arena;
	unsigned long base, npages;
	unsigned char *state;            /* enum frame_state per frame */
	unsigned long allocated;         /* frames in FRAME_ALLOCATED */
	unsigned long initial_blocks[MAX_ORDER + 1];
};

/* A frame range excluded from the free ranges: [start, end) offsets from base. */
struct hole {
	unsigned long start, end;
};

static struct fixture fx;

static void *frame_va(unsigned long pfn)
{
	return fx.arena + (pfn - fx.base) * PAGE_SIZE;
}

/*
 * The maximal aligned blocks of the free frames, counted per order, from
 * first principles: a block of order o is aligned, all its frames are
 * free, and its parent block (order o + 1) is not entirely free.
 */
static void expected_blocks(unsigned long counts[MAX_ORDER + 1])
{
	unsigned long *prefix = calloc(fx.npages + 1, sizeof(*prefix));
	assert_non_null(prefix);
	for (unsigned long i = 0; i < fx.npages; i++)
		prefix[i + 1] = prefix[i] + (fx.state[i] == FRAME_FREE);
	unsigned long end = fx.base + fx.npages;
#define ALL_FREE(pfn, o) ((pfn) >= fx.base && (pfn) + (1UL << (o)) <= end && \
	prefix[(pfn) + (1UL << (o)) - fx.base] - prefix[(pfn) - fx.base] == (1UL << (o)))
	for (unsigned int o = 0; o <= MAX_ORDER; o++) {
		counts[o] = 0;
		for (unsigned long pfn = ALIGN_UP(fx.base, 1UL << o); pfn < end; pfn += 1UL << o)
			if (ALL_FREE(pfn, o) && (o == MAX_ORDER || !ALL_FREE(pfn & ~((2UL << o) - 1), o + 1)))
				counts[o]++;
	}
#undef ALL_FREE
	free(prefix);
}

static void fixture_setup(unsigned long base, unsigned long npages,
			  const struct hole *holes, int nholes)
{
	fx.base = base;
	fx.npages = npages;
	fx.allocated = 0;
	fx.arena = aligned_alloc(PAGE_SIZE, npages * PAGE_SIZE);
	fx.map = malloc(npages * sizeof(struct page));
	fx.state = calloc(npages, 1);
	assert_true(fx.arena && fx.map && fx.state);
	unit_phys_offset = (uintptr_t)fx.arena - base * PAGE_SIZE;
	for (unsigned int c = 0; c < NR_CPUS; c++)
		cpus[c].id = c;
	nr_cpus = NCPUS;
	unit_cpu_id = 0;

	zone_init(&fx.zone, "test", fx.map, base, npages);
	for (int h = 0; h < nholes; h++)
		memset(fx.state + holes[h].start, FRAME_HOLE, holes[h].end - holes[h].start);
	unsigned long added = 0, run = 0;
	for (unsigned long i = 0; i <= npages; i++) {
		if (i < npages && fx.state[i] == FRAME_FREE)
			continue;
		if (run < i)
			added += zone_add_free_range(&fx.zone, base + run, base + i);
		run = i + 1;
	}
	assert_int_equal(fx.zone.managed, added);
	assert_int_equal(zone_validate(&fx.zone), 0);
	expected_blocks(fx.initial_blocks);
}

static void fixture_teardown(void)
{
	free(fx.arena);
	free(fx.map);
	free(fx.state);
	memset(&fx, 0, sizeof(fx));
	unit_cpu_id = 0;
}

/* The block is new to the model: every frame was free; mark them allocated and dirty them. */
static void model_take(struct page *p, unsigned int order, gfp_t gfp)
{
	unsigned long pfn = zone_page_to_pfn(&fx.zone, p);

	assert_int_equal(pfn & ((1UL << order) - 1), 0);
	assert_true(pfn >= fx.base && pfn + (1UL << order) <= fx.base + fx.npages);
	assert_int_equal(atomic_read(&p->refcount), 1);
	assert_int_equal(page_flag_test(p, PG_head), order > 0);
	if (order)
		assert_int_equal(p->order, order);
	for (unsigned long i = 0; i < (1UL << order); i++) {
		assert_int_equal(fx.state[pfn - fx.base + i], FRAME_FREE);
		fx.state[pfn - fx.base + i] = FRAME_ALLOCATED;
		unsigned long *w = frame_va(pfn + i);
		if (gfp & __GFP_ZERO)
			for (unsigned long j = 0; j < PAGE_SIZE / sizeof(*w); j++)
				assert_int_equal(w[j], 0);
		w[0] = pfn + i;                            /* checked by model_give */
		w[PAGE_SIZE / sizeof(*w) - 1] = ~(pfn + i);
	}
	fx.allocated += 1UL << order;
}

/* The block goes back: it was ours and nobody else wrote to it. */
static void model_give(struct page *p, unsigned int order)
{
	unsigned long pfn = zone_page_to_pfn(&fx.zone, p);

	for (unsigned long i = 0; i < (1UL << order); i++) {
		unsigned long *w = frame_va(pfn + i);
		assert_int_equal(fx.state[pfn - fx.base + i], FRAME_ALLOCATED);
		assert_int_equal(w[0], pfn + i);
		assert_int_equal(w[PAGE_SIZE / sizeof(*w) - 1], ~(pfn + i));
		fx.state[pfn - fx.base + i] = FRAME_FREE;
	}
	fx.allocated -= 1UL << order;
}

/* Counts agree with the model: every frame is either allocated or counted free. */
static void check_counts(void)
{
	struct page_stats st;

	zone_stats(&fx.zone, &st);
	assert_int_equal(st.total, fx.zone.managed);
	assert_int_equal(st.free + fx.allocated, st.total);
	assert_int_equal(zone_nr_free(&fx.zone), st.free);
	assert_int_equal(unit_locks_held, 0);
	assert_true(unit_irqs_on);
}

static void drain_all_cpus(void)
{
	unsigned int saved = unit_cpu_id;

	for (unsigned int c = 0; c < NR_CPUS; c++) {
		unit_cpu_id = c;
		zone_drain_cpu(&fx.zone);
	}
	unit_cpu_id = saved;
}

/* Everything is free and drained: the blocks are the initial maximal ones again. */
static void check_fully_coalesced(void)
{
	struct page_stats st;

	drain_all_cpus();
	assert_int_equal(zone_validate(&fx.zone), 0);
	zone_stats(&fx.zone, &st);
	assert_int_equal(st.free, st.total);
	assert_int_equal(st.pcp, 0);
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		assert_int_equal(st.free_by_order[o], fx.initial_blocks[o]);
}

/* ---------------------------------------------------------------- initial layout */

static void check_initial_layout(unsigned long base, unsigned long npages,
				 const struct hole *holes, int nholes)
{
	struct page_stats st;
	unsigned long expect = npages;

	fixture_setup(base, npages, holes, nholes);
	for (int h = 0; h < nholes; h++)
		expect -= holes[h].end - holes[h].start;
	zone_stats(&fx.zone, &st);
	assert_int_equal(st.total, expect);
	assert_int_equal(st.free, expect);
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		assert_int_equal(st.free_by_order[o], fx.initial_blocks[o]);
	for (int h = 0; h < nholes; h++)
		for (unsigned long i = holes[h].start; i < holes[h].end; i++)
			assert_true(page_flag_test(&fx.map[i], PG_reserved));
	fixture_teardown();
}

static void test_initial_blocks(void **state)
{
	static const struct hole holes[] = { { 100, 117 }, { 1500, 1501 }, { 2047, 2049 } };
	(void)state;

	check_initial_layout(0x80000, 4096, NULL, 0);   /* aligned: four order-10 blocks */
	check_initial_layout(0x80003, 3001, NULL, 0);   /* unaligned base, odd size */
	check_initial_layout(0x7ff, 2500, holes, 3);    /* and holes */
	check_initial_layout(0x12345, 1, NULL, 0);      /* a single frame */
	fixture_setup(0x80000, 4096, NULL, 0);
	assert_int_equal(fx.initial_blocks[MAX_ORDER], 4);
	fixture_teardown();
}

/* ---------------------------------------------------------------- basic operations */

static void test_every_order(void **state)
{
	(void)state;
	fixture_setup(0x40001, 5000, NULL, 0);
	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		gfp_t gfp = (order & 1) ? __GFP_ZERO : GFP_KERNEL;
		struct page *p = zone_alloc_pages(&fx.zone, gfp | __GFP_NOWARN, order);
		assert_non_null(p);
		model_take(p, order, gfp);
		assert_int_equal(zone_validate(&fx.zone), 0);
		check_counts();
		model_give(p, order);
		zone_free_pages(&fx.zone, p, order);
		assert_int_equal(zone_validate(&fx.zone), 0);
		check_counts();
	}
	assert_null(zone_alloc_pages(&fx.zone, __GFP_NOWARN, MAX_ORDER + 1));
	assert_null(zone_alloc_pages(&fx.zone, __GFP_NOWARN, 40));
	check_fully_coalesced();
	fixture_teardown();
}

static void test_pcp_batches(void **state)
{
	struct page *pages[PCP_HIGH + 1];
	(void)state;

	fixture_setup(0x1000, 2048, NULL, 0);
	struct page *p = zone_alloc_pages(&fx.zone, 0, 0);
	assert_non_null(p);
	assert_int_equal(fx.zone.pcp[0].count, PCP_BATCH - 1);   /* refilled by a batch */
	assert_int_equal(fx.zone.free, 2048 - PCP_BATCH);
	zone_free_pages(&fx.zone, p, 0);
	assert_ptr_equal(zone_alloc_pages(&fx.zone, 0, 0), p);    /* most recently freed first */
	zone_free_pages(&fx.zone, p, 0);

	for (unsigned int i = 0; i <= PCP_HIGH; i++)
		assert_non_null(pages[i] = zone_alloc_pages(&fx.zone, 0, 0));
	unit_cpu_id = 2;   /* freed on another cpu: they land on cpu 2's list */
	for (unsigned int i = 0; i <= PCP_HIGH; i++) {
		zone_free_pages(&fx.zone, pages[i], 0);
		assert_true(fx.zone.pcp[2].count <= PCP_HIGH);
		assert_true(page_flag_test(pages[i], PG_pcp));   /* the hottest page stays */
		assert_int_equal(zone_validate(&fx.zone), 0);
	}
	assert_int_equal(fx.zone.pcp[2].count, PCP_HIGH + 1 - PCP_BATCH);
	check_counts();
	zone_drain_cpu(&fx.zone);
	assert_int_equal(fx.zone.pcp[2].count, 0);
	check_fully_coalesced();
	fixture_teardown();
}

static void test_refcount(void **state)
{
	struct page_stats st;
	(void)state;

	fixture_setup(0x2000, 1024, NULL, 0);
	struct page *p = zone_alloc_pages(&fx.zone, 0, 3);
	assert_non_null(p);
	atomic_inc(&p->refcount);   /* get_page() */
	atomic_inc(&p->refcount);
	zone_put_page(&fx.zone, p);
	zone_put_page(&fx.zone, p);
	zone_stats(&fx.zone, &st);
	assert_int_equal(st.free, 1024 - 8);
	zone_put_page(&fx.zone, p);   /* the last reference frees all eight pages */
	zone_stats(&fx.zone, &st);
	assert_int_equal(st.free, 1024);
	p = zone_alloc_pages(&fx.zone, 0, 0);
	assert_non_null(p);
	zone_put_page(&fx.zone, p);
	check_fully_coalesced();
	fixture_teardown();
}

/* ---------------------------------------------------------------- random sequences */

struct held {
	struct page *page;
	unsigned int order;
};

/* Mostly order 0, some small blocks, now and then a large one. */
static unsigned int random_order(struct unit_rng *r)
{
	uint64_t x = unit_rng_below(r, 100);

	if (x < 60)
		return 0;
	if (x < 90)
		return 1 + (unsigned int)unit_rng_below(r, 3);
	return 4 + (unsigned int)unit_rng_below(r, MAX_ORDER - 3);
}

/* One random operation; returns the new number of held blocks. */
static size_t random_step(struct unit_rng *r, struct held *held, size_t n, size_t cap)
{
	uint64_t op = unit_rng_below(r, 100);

	if (op < 47 && n < cap) {
		unsigned int order = random_order(r);
		gfp_t gfp = (unit_rng_below(r, 10) == 0 && order < 4) ? __GFP_ZERO : GFP_KERNEL;
		struct page *p = zone_alloc_pages(&fx.zone, gfp | __GFP_NOWARN, order);
		if (p) {
			model_take(p, order, gfp);
			held[n++] = (struct held){ p, order };
		}
	} else if (op < 92 && n > 0) {
		size_t i = unit_rng_below(r, n);
		model_give(held[i].page, held[i].order);
		if (unit_rng_below(r, 4) == 0) {
			atomic_inc(&held[i].page->refcount);
			zone_put_page(&fx.zone, held[i].page);
			zone_put_page(&fx.zone, held[i].page);
		} else {
			zone_free_pages(&fx.zone, held[i].page, held[i].order);
		}
		held[i] = held[--n];
	} else if (op < 97) {
		unit_cpu_id = (unsigned int)unit_rng_below(r, NCPUS);
	} else {
		zone_drain_cpu(&fx.zone);
	}
	return n;
}

static void run_random(uint64_t seed, unsigned long base, unsigned long npages, int steps)
{
	static const struct hole holes[] = { { 300, 301 }, { 777, 900 } };
	struct held held[512];
	struct unit_rng r;
	size_t n = 0;

	unit_rng_seed(&r, seed);
	fixture_setup(base, npages, holes, npages > 900 ? 2 : 0);
	for (int step = 0; step < steps; step++) {
		n = random_step(&r, held, n, sizeof(held) / sizeof(held[0]));
		if (zone_validate(&fx.zone) != 0)
			fail_msg("seed %#lx step %d: zone invalid", (unsigned long)seed, step);
		check_counts();
	}
	while (n > 0) {   /* free the rest, from random cpus, in random order */
		unit_cpu_id = (unsigned int)unit_rng_below(&r, NCPUS);
		size_t i = unit_rng_below(&r, n);
		model_give(held[i].page, held[i].order);
		zone_free_pages(&fx.zone, held[i].page, held[i].order);
		held[i] = held[--n];
		assert_int_equal(zone_validate(&fx.zone), 0);
	}
	check_counts();
	check_fully_coalesced();
	fixture_teardown();
}

static void test_random_sequences(void **state)
{
	(void)state;
	run_random(0xb0dd1e5, 0x80000, 4096, 8000);
	run_random(0x5eed0002, 0x80003, 3001, 8000);
	run_random(0x5eed0003, 0x7ff, 2500, 8000);
	run_random(0x5eed0004, 0x10001, 700, 8000);   /* small: exhaustion is frequent */
}

/* ---------------------------------------------------------------- exhaustion */

static void test_exhaustion(void **state)
{
	static struct page *pages[3001];
	struct page_stats st;
	unsigned long got = 0;
	(void)state;

	fixture_setup(0x80003, 3001, NULL, 0);
	unit_cpu_id = 1;   /* cpu 1 keeps some pages on its list */
	struct page *keep[5];
	for (int i = 0; i < 5; i++)
		assert_non_null(keep[i] = zone_alloc_pages(&fx.zone, 0, 0));
	for (int i = 0; i < 5; i++)
		zone_free_pages(&fx.zone, keep[i], 0);
	zone_stats(&fx.zone, &st);
	assert_int_equal(st.pcp, PCP_BATCH);

	unit_cpu_id = 0;
	while ((pages[got] = zone_alloc_pages(&fx.zone, __GFP_NOWARN, 0)))
		model_take(pages[got++], 0, 0);
	assert_int_equal(got, 3001 - PCP_BATCH);   /* all but cpu 1's list */
	assert_null(zone_alloc_pages(&fx.zone, __GFP_NOWARN, 0));
	assert_null(zone_alloc_pages(&fx.zone, __GFP_NOWARN, 2));
	assert_int_equal(zone_validate(&fx.zone), 0);
	check_counts();

	unit_cpu_id = 1;   /* cpu 1 can still use its own list */
	for (int i = 0; i < PCP_BATCH; i++)
		model_take(pages[got++] = zone_alloc_pages(&fx.zone, __GFP_NOWARN, 0), 0, 0);
	assert_null(zone_alloc_pages(&fx.zone, __GFP_NOWARN, 0));
	assert_int_equal(zone_nr_free(&fx.zone), 0);

	for (unsigned long i = 0; i < got; i++) {   /* recovery */
		unit_cpu_id = i % NCPUS;
		model_give(pages[i], 0);
		zone_free_pages(&fx.zone, pages[i], 0);
	}
	check_counts();
	check_fully_coalesced();
	struct page *big = zone_alloc_pages(&fx.zone, __GFP_NOWARN, MAX_ORDER);
	assert_non_null(big);
	zone_free_pages(&fx.zone, big, MAX_ORDER);
	fixture_teardown();
}

/* An order > 0 request that fails only because this cpu caches the pages it needs. */
static void test_drain_on_failure(void **state)
{
	struct page *pages[4];
	(void)state;

	fixture_setup(0x3000, 4, NULL, 0);   /* one order-2 block */
	for (int i = 0; i < 4; i++)
		assert_non_null(pages[i] = zone_alloc_pages(&fx.zone, 0, 0));
	for (int i = 0; i < 4; i++)
		zone_free_pages(&fx.zone, pages[i], 0);
	assert_int_equal(fx.zone.pcp[0].count, 4);
	struct page *p = zone_alloc_pages(&fx.zone, __GFP_NOWARN, 2);
	assert_non_null(p);
	assert_int_equal(fx.zone.pcp[0].count, 0);
	zone_free_pages(&fx.zone, p, 2);
	check_fully_coalesced();
	fixture_teardown();
}

/* ---------------------------------------------------------------- misuse */

/* stmt must panic, change nothing, and leave no lock held. */
#define EXPECT_BUG(stmt) do { \
	unsigned long __free_before = zone_nr_free(&fx.zone); \
	assert_true(UNIT_EXPECT_PANIC(stmt)); \
	assert_int_equal(unit_locks_held, 0); \
	assert_true(unit_irqs_on); \
	assert_int_equal(zone_nr_free(&fx.zone), __free_before); \
	assert_int_equal(zone_validate(&fx.zone), 0); \
} while (0)

/*
 * UNIT_EXPECT_PANIC's flag is written only after setjmp() returns the
 * second time, never between setjmp and longjmp, so gcc's -Wclobbered
 * warning about it is a false positive (making the flag volatile in
 * kernel_stubs.h would silence it for every test).
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wclobbered"
static void test_misuse_caught(void **state)
{
	static const struct hole holes[] = { { 10, 11 } };
	struct page outside;
	(void)state;

	fixture_setup(0x5000, 1024, holes, 1);
	struct page *p0 = zone_alloc_pages(&fx.zone, 0, 0);
	struct page *p3 = zone_alloc_pages(&fx.zone, 0, 3);
	assert_true(p0 && p3);

	EXPECT_BUG(zone_free_pages(&fx.zone, p3, 2));        /* wrong order */
	EXPECT_BUG(zone_free_pages(&fx.zone, p3 + 1, 0));    /* a tail page */
	EXPECT_BUG(zone_free_pages(&fx.zone, &fx.map[10], 0));   /* reserved (a hole) */
	memset(&outside, 0, sizeof(outside));
	atomic_set(&outside.refcount, 1);
	EXPECT_BUG(zone_free_pages(&fx.zone, &outside, 0));  /* not in the zone */
	atomic_inc(&p0->refcount);
	EXPECT_BUG(zone_free_pages(&fx.zone, p0, 0));        /* another reference remains */
	atomic_dec(&p0->refcount);
	page_flag_set(p0, PG_lru);
	EXPECT_BUG(zone_free_pages(&fx.zone, p0, 0));        /* still on an LRU list */
	page_flag_clear(p0, PG_lru);
	atomic_set(&p0->mapcount, 1);
	EXPECT_BUG(zone_free_pages(&fx.zone, p0, 0));        /* still mapped */
	atomic_set(&p0->mapcount, 0);

	page_flag_set(p0, PG_slab);   /* owner flags are wiped, not a bug */
	zone_free_pages(&fx.zone, p0, 0);
	assert_int_equal(p0->flags, 1UL << PG_pcp);
	zone_free_pages(&fx.zone, p3, 3);
	EXPECT_BUG(zone_free_pages(&fx.zone, p0, 0));        /* double free, on a per-CPU list */
	EXPECT_BUG(zone_free_pages(&fx.zone, p3, 3));        /* double free, in the buddy */
	EXPECT_BUG(zone_put_page(&fx.zone, p0));             /* put of a free page */
	zone_drain_cpu(&fx.zone);
	EXPECT_BUG(zone_free_pages(&fx.zone, p0, 0));        /* double free, merged away */
	EXPECT_BUG(zone_add_free_range(&fx.zone, 0x5000 + 20, 0x5000 + 21));   /* given twice */
	check_fully_coalesced();
	fixture_teardown();
}
#pragma GCC diagnostic pop

/* zone_validate() is not vacuous: it notices each kind of corruption. */
static void test_validate_detects(void **state)
{
	(void)state;
	fixture_setup(0x6000, 1024, NULL, 0);
	struct page *p = zone_alloc_pages(&fx.zone, 0, 0);   /* pcp list of cpu 0 non-empty */
	struct page *head = list_first_entry(&fx.zone.free_area[MAX_ORDER - 1].free_list, struct page, lru);
	assert_non_null(p);

	page_flag_clear(head, PG_buddy);
	assert_int_not_equal(zone_validate(&fx.zone), 0);
	page_flag_set(head, PG_buddy);
	fx.zone.free_area[3].nr_free++;
	assert_int_not_equal(zone_validate(&fx.zone), 0);
	fx.zone.free_area[3].nr_free--;
	fx.zone.free++;
	assert_int_not_equal(zone_validate(&fx.zone), 0);
	fx.zone.free--;
	fx.zone.pcp[0].count++;
	assert_int_not_equal(zone_validate(&fx.zone), 0);
	fx.zone.pcp[0].count--;
	struct page *cached = list_first_entry(&fx.zone.pcp[0].list, struct page, lru);
	cached->cpu = 3;
	assert_int_not_equal(zone_validate(&fx.zone), 0);
	cached->cpu = 0;
	page_flag_set(head + 1, PG_slab);   /* a flag inside a free block */
	assert_int_not_equal(zone_validate(&fx.zone), 0);
	page_flag_clear(head + 1, PG_slab);
	assert_int_equal(zone_validate(&fx.zone), 0);

	zone_free_pages(&fx.zone, p, 0);
	check_fully_coalesced();
	fixture_teardown();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initial_blocks),
		cmocka_unit_test(test_every_order),
		cmocka_unit_test(test_pcp_batches),
		cmocka_unit_test(test_refcount),
		cmocka_unit_test(test_random_sequences),
		cmocka_unit_test(test_exhaustion),
		cmocka_unit_test(test_drain_on_failure),
		cmocka_unit_test(test_misuse_caught),
		cmocka_unit_test(test_validate_detects),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
