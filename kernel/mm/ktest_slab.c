/*
 * Self-tests of the slab caches and kmalloc (ktest=boot): every size
 * class and the boundaries between them, krealloc and kzalloc, a cache's
 * whole life, the debug poison and red zone, all harts allocating and
 * freeing at once (objects freed on another hart than their allocator's),
 * and the speed of kmalloc(64)+kfree.
 *
 * Each test starts and ends by draining every hart's per-CPU object
 * arrays (slab_drain_all_cpu() run on each hart); nr_free_pages() must
 * then be back where it started and every cache must validate.
 * Work on several harts is bounded by time, not rounds (see
 * spinlock_contention in kernel/init/ktest_boot.c for why).
 */
#include <arch/csr.h>
#include <kernel/clock.h>
#include <kernel/ktest.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/page_alloc.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <uapi/errno.h>

/* Every hart's per-CPU objects back to their slabs, empty slabs freed. */
static const char *drain_all_harts(void)
{
	mm_drain_all_cpus();
	return NULL;
}

/* Drain, then the page count every test must come back to. */
static unsigned long slab_baseline(void)
{
	drain_all_harts();
	return nr_free_pages();
}

static const char *check_no_leak(unsigned long start, const char *what)
{
	const char *why = drain_all_harts();

	if (why)
		return why;
	if (nr_free_pages() != start)
		return ktest_fail("%s: %lu pages free, %lu before", what, nr_free_pages(), start);
	why = slab_validate_all();
	return why ? ktest_fail("%s: %s", what, why) : NULL;
}

static u8 pattern_byte(const void *base, size_t i)
{
	return (u8)(((uintptr_t)base >> 4) + i * 13);
}

static void pattern_fill(void *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		((u8 *)p)[i] = pattern_byte(p, i);
}

/* Bytes [from, n) of p hold the pattern of base. */
static bool pattern_ok(const void *p, const void *base, size_t from, size_t n)
{
	for (size_t i = from; i < n; i++)
		if (((const u8 *)p)[i] != pattern_byte(base, i))
			return false;
	return true;
}

KTEST(slab_kmalloc_sizes)
{
	static const size_t sizes[] = { 1, 8, 9, 16, 32, 64, 96, 97, 128, 192, 256, 512, 1024,
					2048, 4096, 8192, 8193, 100000 };
	static const size_t want[] = { 8, 8, 16, 16, 32, 64, 96, 128, 128, 192, 256, 512, 1024,
				       2048, 4096, 8192, 16384, 131072 };
	unsigned long start = slab_baseline();

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *p = kmalloc(sizes[i], GFP_KERNEL);
		if (!p)
			return ktest_fail("kmalloc(%zu) failed", sizes[i]);
		if (ksize(p) != want[i] || kmalloc_size_class(sizes[i]) != want[i])
			return ktest_fail("kmalloc(%zu): ksize %zu, want %zu", sizes[i], ksize(p), want[i]);
		if ((uintptr_t)p % 8 || (sizes[i] > KMALLOC_MAX_CACHE_SIZE && (uintptr_t)p % PAGE_SIZE))
			return ktest_fail("kmalloc(%zu) = %p misaligned", sizes[i], p);
		pattern_fill(p, ksize(p));
		if (!pattern_ok(p, p, 0, ksize(p)))
			return ktest_fail("kmalloc(%zu) memory does not hold data", sizes[i]);
		kfree(p);
	}
	if (kmalloc(0, GFP_KERNEL) != ZERO_SIZE_PTR || ksize(ZERO_SIZE_PTR) != 0)
		return ktest_fail("kmalloc(0) is not ZERO_SIZE_PTR");
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	if (kmalloc((PAGE_SIZE << MAX_ORDER) + 1, __GFP_NOWARN))
		return ktest_fail("kmalloc beyond a MAX_ORDER block succeeded");
	if (kmalloc_large_pages() != 0)
		return ktest_fail("%lu large-kmalloc pages still counted", kmalloc_large_pages());
	return check_no_leak(start, "after every size");
}

KTEST(slab_krealloc_keeps_contents)
{
	static const size_t steps[] = { 1, 8, 9, 96, 97, 8192, 8193, 100000, 3000, 40 };
	unsigned long start = slab_baseline();
	u8 *base = kmalloc(1, GFP_KERNEL), *p = base;

	if (!p)
		return ktest_fail("kmalloc(1) failed");
	pattern_fill(p, 1);
	for (unsigned int i = 1; i < ARRAY_SIZE(steps); i++) {
		size_t keep = MIN(steps[i - 1], steps[i]);
		u8 *q = krealloc(p, steps[i], GFP_KERNEL);
		if (!q || ksize(q) < steps[i])
			return ktest_fail("krealloc to %zu failed", steps[i]);
		if (!pattern_ok(q, base, 0, keep))
			return ktest_fail("krealloc %zu -> %zu lost contents", steps[i - 1], steps[i]);
		for (size_t j = keep; j < steps[i]; j++)   /* extend the pattern of base */
			q[j] = pattern_byte(base, j);
		p = q;
	}
	if (krealloc(p, 0, GFP_KERNEL) != ZERO_SIZE_PTR)
		return ktest_fail("krealloc to 0 did not return ZERO_SIZE_PTR");
	return check_no_leak(start, "after krealloc");
}

KTEST(slab_kzalloc_zeroes)
{
	static const size_t sizes[] = { 1, 64, 97, 700, 8192, 8193, 70000 };
	unsigned long start = slab_baseline();

	for (unsigned int i = 0; i < ARRAY_SIZE(sizes); i++) {
		u8 *dirty = kmalloc(sizes[i], GFP_KERNEL);
		if (!dirty)
			return ktest_fail("kmalloc(%zu) failed", sizes[i]);
		memset(dirty, 0xee, ksize(dirty));
		kfree(dirty);   /* the next allocation of this size likely reuses it */
		u8 *p = kzalloc(sizes[i], GFP_KERNEL);
		if (!p)
			return ktest_fail("kzalloc(%zu) failed", sizes[i]);
		for (size_t j = 0; j < ksize(p); j++)
			if (p[j])
				return ktest_fail("kzalloc(%zu): byte %zu is %#x", sizes[i], j, p[j]);
		kfree(p);
	}
	return check_no_leak(start, "after kzalloc");
}

/* The slab_info entry of the cache called name, or NULL. */
static const struct slab_info *find_info(struct slab_info *info, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(info[i].name, name))
			return &info[i];
	return NULL;
}

#define CYCLE_OBJECTS 2000

KTEST(slab_cache_cycle)
{
	static struct slab_info info[64];
	unsigned long start = slab_baseline();
	struct kmem_cache *c = kmem_cache_create("ktest-cycle", 200, 0, NULL);
	void **objs = kmalloc(CYCLE_OBJECTS * sizeof(void *), GFP_KERNEL);

	if (!c || !objs)
		return ktest_fail("cache or array not created");
	for (int i = 0; i < CYCLE_OBJECTS; i++) {
		if (!(objs[i] = kmem_cache_alloc(c, GFP_KERNEL)))
			return ktest_fail("object %d: no memory", i);
		pattern_fill(objs[i], 200);
	}
	int n = slab_info_all(info, ARRAY_SIZE(info));
	const struct slab_info *si = find_info(info, MIN(n, (int)ARRAY_SIZE(info)), "ktest-cycle");
	if (!si || si->active_objects != CYCLE_OBJECTS || si->total_objects < CYCLE_OBJECTS)
		return ktest_fail("slab_info: %lu active of %lu", si ? si->active_objects : 0,
				  si ? si->total_objects : 0);
	unsigned long pages = 0;
	for (int i = 0; i < MIN(n, (int)ARRAY_SIZE(info)); i++)
		pages += info[i].pages;
	if (pages != slab_pages_total())
		return ktest_fail("slab_info pages %lu, slab_pages_total %lu", pages, slab_pages_total());
	for (int i = 0; i < CYCLE_OBJECTS; i++) {
		if (!pattern_ok(objs[i], objs[i], 0, 200))
			return ktest_fail("object %d overwritten", i);
		kmem_cache_free(c, objs[i]);
	}
	kmem_cache_destroy(c);
	kfree(objs);
	n = slab_info_all(info, ARRAY_SIZE(info));
	if (find_info(info, MIN(n, (int)ARRAY_SIZE(info)), "ktest-cycle"))
		return ktest_fail("destroyed cache still listed");
	return check_no_leak(start, "after create/alloc/free/destroy");
}

/* In debug builds a freed object is poisoned and its red zone intact. */
KTEST(slab_debug_poison_visible)
{
	unsigned long start = slab_baseline();
	struct kmem_cache *c = kmem_cache_create("ktest-poison", 40, 0, NULL);
	u8 *p = c ? kmem_cache_alloc(c, GFP_KERNEL) : NULL;

	if (!p)
		return ktest_fail("no object");
	memset(p, 0, 40);
	if (SLAB_DEBUG && p[40] != 0xbb)
		return ktest_fail("no red zone after the object: %#x", p[40]);
	kmem_cache_free(c, p);
	for (int i = 0; SLAB_DEBUG && i < 40; i++)   /* reads a freed object on purpose */
		if (p[i] != 0x6b)
			return ktest_fail("freed object byte %d is %#x, not poison", i, p[i]);
	kmem_cache_destroy(c);
	return check_no_leak(start, "after poison check");
}

/* ---------------------------------------------------------------- all harts at once */

#define STRESS_LOCAL 32        /* objects each hart holds */
#define STRESS_SHARED 64       /* slots objects pass through between harts */
#define STRESS_STAMP 0x51ab0bec7000000dUL

struct stress_hdr {
	u64 stamp;                 /* STRESS_STAMP ^ address */
	u32 size;                  /* bytes with the pattern, header included */
	u32 from_cache;            /* 1: stress_cache, else kmalloc */
};

static struct kmem_cache *stress_cache;
static void *stress_shared[STRESS_SHARED];   /* [a] exchanged between harts */
static atomic_t stress_errors;
static atomic_long_t stress_ops, stress_cross;

static void *stress_alloc(u64 x)
{
	bool cache = (x >> 9) % 4 == 0;
	u32 size = cache ? 128 : 16 + (u32)((x >> 16) % 1009);
	struct stress_hdr *h = cache ? kmem_cache_alloc(stress_cache, GFP_KERNEL)
				     : kmalloc(size, GFP_KERNEL);

	if (!h)
		return NULL;
	h->stamp = STRESS_STAMP ^ (uintptr_t)h;
	h->size = size;
	h->from_cache = cache;
	for (u32 i = sizeof(*h); i < size; i++)
		((u8 *)h)[i] = pattern_byte(h, i);
	return h;
}

/* Check that nobody else wrote to the object while we held it, and free it. */
static void stress_free(void *obj)
{
	struct stress_hdr *h = obj;

	if (h->stamp != (STRESS_STAMP ^ (uintptr_t)h) || !pattern_ok(h, h, sizeof(*h), h->size)) {
		atomic_inc(&stress_errors);
		return;   /* leak it rather than free a block we do not understand */
	}
	if (h->from_cache)
		kmem_cache_free(stress_cache, h);
	else
		kfree(h);
}

/* One hart: local alloc/free, plus objects passed to and from other harts. */
static void stress_worker(void *arg)
{
	u64 deadline = *(const u64 *)arg;
	u64 x = 0x9e3779b97f4a7c15ULL * (smp_processor_id() + 1);
	void *local[STRESS_LOCAL] = { NULL };
	long ops = 0, cross = 0;

	while (rdtime() < deadline) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		ops++;
		unsigned int slot = x % STRESS_LOCAL;
		if (local[slot]) {
			stress_free(local[slot]);
			local[slot] = NULL;
		} else {
			local[slot] = stress_alloc(x);
		}
		if ((x >> 40) % 4)
			continue;
		void *mine = stress_alloc(x >> 3);
		void *theirs = __atomic_exchange_n(&stress_shared[(x >> 30) % STRESS_SHARED], mine,
						   __ATOMIC_ACQ_REL);
		if (theirs) {
			stress_free(theirs);
			cross++;
		}
	}
	for (unsigned int i = 0; i < STRESS_LOCAL; i++)
		if (local[i])
			stress_free(local[i]);
	atomic_long_add(&stress_ops, ops);
	atomic_long_add(&stress_cross, cross);
}

KTEST(slab_smp_stress)
{
	static u64 deadline;
	unsigned long start = slab_baseline();

	stress_cache = kmem_cache_create("ktest-stress", 128, 0, NULL);
	if (!stress_cache)
		return ktest_fail("no cache");
	atomic_set(&stress_errors, 0);
	atomic_long_xchg(&stress_ops, 0);
	atomic_long_xchg(&stress_cross, 0);
	deadline = rdtime() + timebase_freq / 5;   /* 200 ms */
	const char *why = ktest_run_everywhere(stress_worker, &deadline);
	if (why)
		return why;
	for (unsigned int i = 0; i < STRESS_SHARED; i++)
		if (stress_shared[i]) {
			stress_free(stress_shared[i]);
			stress_shared[i] = NULL;
		}
	printk("slab: %ld ops by %u harts in 200 ms, %ld objects passed between harts (freed by the taker)\n",
	       atomic_long_read(&stress_ops), nr_cpus, atomic_long_read(&stress_cross));
	if (atomic_read(&stress_errors))
		return ktest_fail("%d objects overwritten while held", atomic_read(&stress_errors));
	why = drain_all_harts();
	if (why)
		return why;
	kmem_cache_destroy(stress_cache);
	return check_no_leak(start, "after all harts");
}

/* ---------------------------------------------------------------- speed */

/* kmalloc(64)+kfree pairs per second, in runs of batch, for 100 ms. */
static unsigned long kmalloc_pairs_per_second(unsigned int batch, bool *failed)
{
	void *objs[64];
	unsigned long pairs = 0;
	u64 t0 = rdtime(), deadline = t0 + timebase_freq / 10;

	while (rdtime() < deadline) {
		for (unsigned int i = 0; i < batch; i++)
			if (!(objs[i] = kmalloc(64, GFP_KERNEL)))
				*failed = true;
		for (unsigned int i = 0; i < batch; i++)
			kfree(objs[i]);
		pairs += batch;
	}
	u64 ns = cycles_to_ns(rdtime() - t0);
	return ns ? (unsigned long)(pairs * 1000000000ULL / ns) : 0;
}

static unsigned long speed_per_hart[NR_CPUS];
static atomic_t speed_failed;

static void speed_worker(void *arg)
{
	bool failed = false;

	(void)arg;
	speed_per_hart[smp_processor_id()] = kmalloc_pairs_per_second(1, &failed);
	if (failed)
		atomic_inc(&speed_failed);
}

KTEST(slab_kmalloc_speed)
{
	unsigned long start = slab_baseline(), sum = 0, lo = ~0UL;
	bool failed = false;
	unsigned long alone = kmalloc_pairs_per_second(1, &failed);
	unsigned long batched = kmalloc_pairs_per_second(64, &failed);

	printk("slab: kmalloc(64)+kfree: %lu pairs/s on 1 hart (hot), %lu pairs/s in runs of 64%s\n",
	       alone, batched, SLAB_DEBUG ? " [debug checks on]" : "");
	atomic_set(&speed_failed, failed);
	const char *why = ktest_run_everywhere(speed_worker, NULL);
	if (why)
		return why;
	for (unsigned int i = 0; i < nr_cpus; i++) {
		sum += speed_per_hart[i];
		lo = MIN(lo, speed_per_hart[i]);
	}
	printk("slab: kmalloc(64)+kfree on %u harts at once: %lu pairs/s per hart (min %lu)\n",
	       nr_cpus, sum / nr_cpus, lo);
	if (atomic_read(&speed_failed))
		return ktest_fail("an allocation failed");
	return check_no_leak(start, "after the speed runs");
}
