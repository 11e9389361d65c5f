/*
 * Self-tests of the page allocator (ktest=boot): every order, zeroing,
 * references, exhaustion and recovery without a leak, all harts
 * allocating at once, and the speed of the order-0 path. Each test
 * leaves nr_free_pages() where it found it and checks the allocator's
 * invariants (page_alloc_validate()) before returning.
 *
 * Work on several harts is bounded by time, not rounds (see
 * spinlock_contention in kernel/init/ktest_boot.c for why).
 */
#include <arch/csr.h>
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/bootmem.h>
#include <mm/page_alloc.h>

/* nr_free_pages() must be back at start, and the lists consistent. */
static const char *check_no_leak(unsigned long start, const char *what)
{
	unsigned long now = nr_free_pages();

	if (now != start)
		return ktest_fail("%s: %lu pages free, %lu before", what, now, start);
	if (page_alloc_validate())
		return ktest_fail("%s: invariants broken (see log)", what);
	return NULL;
}

KTEST(page_alloc_consistent)
{
	struct page_stats st;
	unsigned long blocks = 0;

	if (page_alloc_validate())
		return ktest_fail("invariants broken (see log)");
	page_alloc_stats(&st);
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		blocks += st.free_by_order[o] << o;
	if (st.free != blocks + st.pcp || st.free > st.total || st.free < st.total / 2)
		return ktest_fail("free %lu, in blocks %lu, per-CPU %lu, total %lu", st.free, blocks,
				  st.pcp, st.total);
	return NULL;
}

/*
 * The allocator got exactly the pages the boot allocator lists as free,
 * so nothing has taken memory from bootmem since the hand-over (ioremap()
 * ran after it and must have used the page allocator for its tables).
 */
KTEST(page_alloc_owns_bootmem_free_ranges)
{
	const struct bootmem_range *r;
	int n = bootmem_ranges(&r);
	unsigned long listed = 0;
	struct page_stats st;

	for (int i = 0; i < n; i++) {
		listed += (r[i].end - r[i].start) >> PAGE_SHIFT;
		for (phys_addr_t pa = r[i].start; pa < r[i].end; pa += PAGE_SIZE)
			if (!pfn_valid(pa >> PAGE_SHIFT) ||
			    page_flag_test(pfn_to_page(pa >> PAGE_SHIFT), PG_reserved))
				return ktest_fail("bootmem free page %#llx not given to the allocator",
						  (unsigned long long)pa);
	}
	page_alloc_stats(&st);
	return st.total == listed ? NULL
				  : ktest_fail("allocator manages %lu pages, bootmem lists %lu free",
					       st.total, listed);
}

KTEST(page_alloc_every_order)
{
	unsigned long start = nr_free_pages();

	for (unsigned int order = 0; order <= MAX_ORDER; order++) {
		struct page *p = alloc_pages(__GFP_NOWARN, order);
		if (!p)
			return ktest_fail("order %u: no block", order);
		unsigned long pfn = page_to_pfn(p);
		bool head_ok = order ? page_flag_test(p, PG_head) && p->order == order
				     : !page_flag_test(p, PG_head);
		if ((pfn & ((1UL << order) - 1)) || !head_ok || atomic_read(&p->refcount) != 1)
			return ktest_fail("order %u: pfn %#lx flags %#lx refcount %d", order, pfn,
					  p->flags, atomic_read(&p->refcount));
		if (nr_free_pages() != start - (1UL << order))
			return ktest_fail("order %u: free count %lu", order, nr_free_pages());
		char *va = page_address(p);
		va[0] = 1;
		va[(PAGE_SIZE << order) - 1] = 2;   /* the whole block is mapped and writable */
		free_pages(p, order);
	}
	return check_no_leak(start, "after every order");
}

/* True if len bytes at va are all zero. */
static bool all_zero(const void *va, size_t len)
{
	const unsigned long *w = va;

	for (size_t i = 0; i < len / sizeof(*w); i++)
		if (w[i])
			return false;
	return true;
}

KTEST(page_alloc_zeroing)
{
	unsigned long start = nr_free_pages();

	for (unsigned int order = 0; order <= 3; order += 3) {
		/* Dirty a block and free it: it is the next one handed out (LIFO). */
		void *dirty = get_free_pages(__GFP_NOWARN, order);
		if (!dirty)
			return ktest_fail("order %u: no block", order);
		memset(dirty, 0xa5, PAGE_SIZE << order);
		free_pages_addr(dirty, order);
		void *va = get_free_pages(__GFP_ZERO | __GFP_NOWARN, order);
		if (!va)
			return ktest_fail("order %u: no zeroed block", order);
		bool zero = all_zero(va, PAGE_SIZE << order);
		bool reused = va == dirty;
		free_pages_addr(va, order);
		if (!zero)
			return ktest_fail("order %u: __GFP_ZERO block not zero", order);
		if (!reused)
			printk("page_alloc: zeroing test got a different block (still zero)\n");
	}
	return check_no_leak(start, "after zeroing");
}

KTEST(page_alloc_refcount)
{
	unsigned long start = nr_free_pages();
	struct page *p = alloc_pages(__GFP_NOWARN, 2);

	if (!p)
		return ktest_fail("no order-2 block");
	get_page(p);
	put_page(p);
	if (atomic_read(&p->refcount) != 1 || nr_free_pages() != start - 4)
		return ktest_fail("after get+put: refcount %d, free %lu", atomic_read(&p->refcount),
				  nr_free_pages());
	put_page(p);   /* the last reference frees all four pages */
	if (nr_free_pages() != start)
		return ktest_fail("last put_page freed %ld pages, not 4", (long)(nr_free_pages() - (start - 4)));
	p = alloc_page(__GFP_NOWARN);
	if (!p)
		return ktest_fail("no page");
	put_page(p);
	return check_no_leak(start, "after put_page");
}

/*
 * Take every free page this cpu can reach, one at a time; other cpus'
 * per-CPU lists are out of its reach, so the count must lie between
 * free - pcp and free. Then give them all back: the per-order picture
 * must be exactly what it was.
 */
KTEST(page_alloc_exhaustion)
{
	struct page_stats before, after;
	struct page *p, *n;
	LIST_HEAD(held);
	unsigned long got = 0;

	page_alloc_drain_cpu();
	page_alloc_stats(&before);
	u64 t0 = rdtime();
	while ((p = alloc_page(__GFP_NOWARN))) {
		list_add(&p->lru, &held);   /* an allocated page's lru is its owner's */
		got++;
	}
	u64 t1 = rdtime();
	struct page *more = alloc_page(GFP_KERNEL);   /* fails, with the one-line warning */
	struct page *big = alloc_pages(__GFP_NOWARN, 3);
	if (more) {
		list_add(&more->lru, &held);
		got++;
	}
	list_for_each_entry_safe(p, n, &held, lru) {
		list_del(&p->lru);
		free_page(p);
	}
	if (big)
		free_pages(big, 3);
	page_alloc_drain_cpu();
	page_alloc_stats(&after);
	printk("page_alloc: exhausted %lu pages in %llu ms, freed in %llu ms\n", got,
	       (unsigned long long)(cycles_to_ns(t1 - t0) / 1000000),
	       (unsigned long long)(cycles_to_ns(rdtime() - t1) / 1000000));
	if (more || big)
		return ktest_fail("allocation succeeded after exhaustion");
	if (got > before.free || got < before.free - before.pcp)
		return ktest_fail("got %lu pages; %lu free, %lu on per-CPU lists", got, before.free, before.pcp);
	if (memcmp(before.free_by_order, after.free_by_order, sizeof(before.free_by_order)) ||
	    after.free != before.free)
		return ktest_fail("free %lu -> %lu, order-%u blocks %lu -> %lu", before.free, after.free,
				  MAX_ORDER, before.free_by_order[MAX_ORDER], after.free_by_order[MAX_ORDER]);
	return check_no_leak(before.free, "after exhaustion");
}

/* ---------------------------------------------------------------- all harts at once */

#define STRESS_SLOTS 48
#define STRESS_MAGIC 0x9a6e0000a110c000UL

struct stress_slot {
	struct page *page;
	unsigned int order;
};

static struct stress_slot stress_slots[NR_CPUS][STRESS_SLOTS];
static atomic_t stress_errors;
static atomic_long_t stress_ops;

static u64 stress_stamp(unsigned int cpu, unsigned int slot, struct page *p)
{
	return STRESS_MAGIC ^ ((u64)cpu << 40) ^ ((u64)slot << 32) ^ page_to_pfn(p);
}

/* Free a held block after checking that nobody else was handed it. */
static void stress_release(unsigned int cpu, unsigned int slot)
{
	struct stress_slot *s = &stress_slots[cpu][slot];
	u64 *first = page_address(s->page);
	u64 *last = (u64 *)((char *)first + (PAGE_SIZE << s->order)) - 1;

	if (*first != stress_stamp(cpu, slot, s->page) || *last != ~*first)
		atomic_inc(&stress_errors);
	free_pages(s->page, s->order);
	s->page = NULL;
}

/* One hart: random allocations (mostly order 0, some up to 3) and frees until the deadline. */
static void stress_worker(void *arg)
{
	u64 deadline = *(const u64 *)arg;
	unsigned int cpu = smp_processor_id();
	u64 x = 0x2545f4914f6cdd1dULL * (cpu + 1);
	long ops = 0;

	while (rdtime() < deadline) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		unsigned int slot = x % STRESS_SLOTS;
		struct stress_slot *s = &stress_slots[cpu][slot];
		ops++;
		if (s->page) {
			stress_release(cpu, slot);
			continue;
		}
		s->order = (x >> 20) % 4 == 0 ? (x >> 24) % 4 : 0;
		s->page = alloc_pages(__GFP_NOWARN, s->order);
		if (!s->page)
			continue;
		u64 *first = page_address(s->page);
		*first = stress_stamp(cpu, slot, s->page);
		*((u64 *)((char *)first + (PAGE_SIZE << s->order)) - 1) = ~*first;
	}
	for (unsigned int slot = 0; slot < STRESS_SLOTS; slot++)
		if (stress_slots[cpu][slot].page)
			stress_release(cpu, slot);
	page_alloc_drain_cpu();
	atomic_long_add(&stress_ops, ops);
}

KTEST(page_alloc_smp_stress)
{
	static u64 deadline;
	unsigned long start = nr_free_pages();

	atomic_set(&stress_errors, 0);
	atomic_long_xchg(&stress_ops, 0);
	deadline = rdtime() + timebase_freq / 10;   /* 100 ms */
	const char *why = ktest_run_everywhere(stress_worker, &deadline);
	if (why)
		return why;
	printk("page_alloc: %ld allocs/frees by %u harts in 100 ms\n", atomic_long_read(&stress_ops),
	       nr_cpus);
	if (atomic_read(&stress_errors))
		return ktest_fail("%d blocks were handed out twice or overwritten",
				  atomic_read(&stress_errors));
	return check_no_leak(start, "after all harts");
}

/* ---------------------------------------------------------------- speed */

/* Pairs per second of `batch` allocations of order `order` followed by their frees, for 100 ms. */
static unsigned long pairs_per_second(unsigned int order, unsigned int batch, bool *failed)
{
	static struct page *per_cpu_pages[NR_CPUS][256];   /* one row per hart: they run at once */
	struct page **pages = per_cpu_pages[smp_processor_id()];
	unsigned long pairs = 0;
	u64 t0 = rdtime(), deadline = t0 + timebase_freq / 10;

	while (rdtime() < deadline) {
		for (unsigned int i = 0; i < batch; i++)
			if (!(pages[i] = alloc_pages(__GFP_NOWARN, order)))
				*failed = true;
		for (unsigned int i = 0; i < batch; i++)
			if (pages[i])
				free_pages(pages[i], order);
		pairs += batch;
	}
	u64 ns = cycles_to_ns(rdtime() - t0);
	return ns ? (unsigned long)(pairs * 1000000000ULL / ns) : 0;
}

static unsigned long pa_speed_per_hart[NR_CPUS];
static atomic_t pa_speed_failed;

static void pa_speed_worker(void *arg)
{
	bool failed = false;

	(void)arg;
	pa_speed_per_hart[smp_processor_id()] = pairs_per_second(0, 1, &failed);
	if (failed)
		atomic_inc(&pa_speed_failed);
}

KTEST(page_alloc_speed)
{
	unsigned long start = nr_free_pages();
	bool failed = false;
	unsigned long hot = pairs_per_second(0, 1, &failed);
	unsigned long batched = pairs_per_second(0, 256, &failed);
	unsigned long order1 = pairs_per_second(1, 1, &failed);

	printk("page_alloc: %lu order-0 alloc+free pairs/s on one hart (per-CPU list, hot page)\n", hot);
	printk("page_alloc: %lu order-0 pairs/s in runs of 256 (refill/drain through the zone lock), "
	       "%lu order-1 pairs/s (zone lock)\n", batched, order1);
	atomic_set(&pa_speed_failed, failed);
	const char *why = ktest_run_everywhere(pa_speed_worker, NULL);
	if (why)
		return why;
	unsigned long sum = 0, lo = ~0UL;
	for (unsigned int i = 0; i < nr_cpus; i++) {
		sum += pa_speed_per_hart[i];
		lo = MIN(lo, pa_speed_per_hart[i]);
	}
	printk("page_alloc: order-0 alloc+free on %u harts at once: %lu pairs/s per hart (min %lu)\n",
	       nr_cpus, sum / nr_cpus, lo);
	if (atomic_read(&pa_speed_failed))
		return ktest_fail("an allocation failed");
	return check_no_leak(start, "after the speed runs");
}
