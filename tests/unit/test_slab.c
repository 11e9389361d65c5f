/*
 * Unit tests for kernel/mm/slab.c (built with CONFIG_DEBUG) over the fake
 * page allocator of tests/unit/fake_page_alloc.c.
 *
 * The tests share one slab state (slab_init() runs once in main()); each
 * test drains every cpu's arrays at its start and end and checks that the
 * fake allocator's outstanding page count came back to where it was, and
 * that every page out is accounted for by slab_pages_total() plus
 * kmalloc_large_pages(). Simulated cpus are unit_cpu_id 0..3. The debug
 * detectors are checked with UNIT_EXPECT_PANIC; objects a detected bug
 * leaves behind stay leaked, which the per-test baselines allow for.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_stubs.h"
#include "unit_util.h"
#include <kernel/smp.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>

/* tests/unit/fake_page_alloc.c */
void fake_page_alloc_init(unsigned long pages);
unsigned long fake_pages_outstanding(void);
extern bool fake_page_alloc_fail;
extern long fake_page_alloc_fail_after;

#define FAKE_PAGES 8192UL             /* a 32 MiB arena */
#define TEST_CPUS 4
#define FAKE_PHYS_BASE 0x80000000UL   /* as in fake_page_alloc.c */

static const size_t classes[] = { 8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192 };

/* Pages the detector tests leak on purpose outside any cache's count. */
static unsigned long pages_leaked_outside;

/* ------------------------------------------------------------ helpers */

static void drain_every_cpu(void)
{
	unsigned int self = unit_cpu_id;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		unit_cpu_id = cpu;
		slab_drain_all_cpu();
	}
	unit_cpu_id = self;
}

/* Every page out is a slab page or a large kmalloc, and slab_info agrees. */
static void check_accounting(void)
{
	struct slab_info info[64];
	unsigned long pages = 0;
	int n = slab_info_all(info, 64);

	assert_true(n <= 64);
	for (int i = 0; i < n; i++) {
		pages += info[i].pages;
		assert_true(info[i].active_objects <= info[i].total_objects);
	}
	assert_int_equal(pages, slab_pages_total());
	assert_int_equal(fake_pages_outstanding(),
			 slab_pages_total() + kmalloc_large_pages() + pages_leaked_outside);
	const char *why = slab_validate_all();
	if (why)
		fail_msg("slab_validate_all: %s", why);
	assert_true(unit_irqs_on);
	assert_int_equal(unit_locks_held, 0);
}

/* Drain and return the page count every test must come back to. */
static unsigned long baseline(void)
{
	unit_cpu_id = 0;
	drain_every_cpu();
	check_accounting();
	return fake_pages_outstanding();
}

static void expect_baseline(unsigned long base)
{
	drain_every_cpu();
	check_accounting();
	assert_int_equal(fake_pages_outstanding(), base);
}

static void fill(void *p, size_t n, uint64_t seed)
{
	uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(seed * 31 + i * 7 + (i >> 8));
}

static bool check_fill(const void *p, size_t n, uint64_t seed)
{
	const uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i] != (uint8_t)(seed * 31 + i * 7 + (i >> 8)))
			return false;
	return true;
}

static size_t expected_class(size_t size)
{
	if (size == 0)
		return 0;
	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (size <= classes[i])
			return classes[i];
	size_t block = PAGE_SIZE;
	while (block < size && block < (PAGE_SIZE << MAX_ORDER))
		block <<= 1;
	return size <= block ? block : 0;
}

/* The panic message names what it should. */
static void expect_msg(const char *a, const char *b)
{
	if (a && !strstr(unit_panic_msg, a))
		fail_msg("panic message \"%s\" lacks \"%s\"", unit_panic_msg, a);
	if (b && !strstr(unit_panic_msg, b))
		fail_msg("panic message \"%s\" lacks \"%s\"", unit_panic_msg, b);
	assert_int_equal(unit_locks_held, 0);
	unit_irqs_on = true;
}

static const char *addr_str(const void *p)
{
	static char buf[32];
	snprintf(buf, sizeof(buf), "%p", p);
	return buf;
}

static struct kmem_cache_stats stats_of(struct kmem_cache *c)
{
	struct kmem_cache_stats st;
	kmem_cache_get_stats(c, &st);
	return st;
}

/* ------------------------------------------------------------ sizes */

static void test_size_classes(void **state)
{
	(void)state;
	unsigned long base = baseline();

	for (size_t size = 0; size <= 8193; size++) {
		size_t want = expected_class(size);
		assert_int_equal(kmalloc_size_class(size), want);
		void *p = kmalloc(size, GFP_KERNEL);
		if (size == 0) {
			assert_ptr_equal(p, ZERO_SIZE_PTR);
			continue;
		}
		assert_non_null(p);
		assert_int_equal(ksize(p), want);
		assert_int_equal((uintptr_t)p % 8, 0);
		memset(p, 0x5a, want);   /* all of ksize() is usable */
		kfree(p);
	}
	expect_baseline(base);
}

static void test_large_sizes(void **state)
{
	(void)state;
	static const size_t sizes[] = { 8193, 12288, 16384, 16385, 100000, 1 << 20, 4 << 20 };
	unsigned long base = baseline();

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t want = expected_class(sizes[i]);
		void *p = kmalloc(sizes[i], GFP_KERNEL);
		assert_non_null(p);
		assert_int_equal((uintptr_t)p % PAGE_SIZE, 0);
		assert_int_equal(ksize(p), want);
		assert_int_equal(kmalloc_large_pages(), want / PAGE_SIZE);
		check_accounting();
		memset(p, 1, sizes[i]);
		kfree(p);
		assert_int_equal(kmalloc_large_pages(), 0);
	}
	assert_int_equal(kmalloc_size_class((4UL << 20) + 1), 0);
	assert_null(kmalloc((4UL << 20) + 1, GFP_KERNEL));
	assert_null(kmalloc(SIZE_MAX, GFP_KERNEL));
	assert_null(kzalloc(SIZE_MAX / 2, GFP_KERNEL));
	expect_baseline(base);
}

static void test_zero_and_null(void **state)
{
	(void)state;
	unsigned long base = baseline();

	assert_ptr_equal(kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	assert_ptr_equal(kzalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
	assert_int_equal(ksize(NULL), 0);
	assert_int_equal(ksize(ZERO_SIZE_PTR), 0);
	void *p = krealloc(NULL, 10, GFP_KERNEL);
	assert_non_null(p);
	assert_int_equal(ksize(p), 16);
	assert_ptr_equal(krealloc(p, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	p = krealloc(ZERO_SIZE_PTR, 100, GFP_KERNEL);
	assert_int_equal(ksize(p), 128);
	kfree(p);
	expect_baseline(base);
}

static void test_kzalloc(void **state)
{
	(void)state;
	unsigned long base = baseline();
	static const size_t sizes[] = { 1, 8, 9, 96, 97, 200, 4000, 8192, 8193, 20000 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		/* Dirty an object of the class first so a zero is not an accident. */
		uint8_t *p = kmalloc(sizes[i], GFP_KERNEL);
		memset(p, 0xee, ksize(p));
		kfree(p);
		p = kzalloc(sizes[i], GFP_KERNEL);
		assert_non_null(p);
		for (size_t j = 0; j < ksize(p); j++)
			if (p[j])
				fail_msg("kzalloc(%zu) byte %zu is %#x", sizes[i], j, p[j]);
		kfree(p);
	}
	expect_baseline(base);
}

static void test_krealloc(void **state)
{
	(void)state;
	static const size_t steps[] = { 1, 8, 9, 96, 97, 8192, 8193, 100000 };
	unsigned long base = baseline();
	uint8_t *p = kmalloc(1, GFP_KERNEL);

	p[0] = 0x42;
	for (size_t i = 1; i < sizeof(steps) / sizeof(steps[0]); i++) {
		fill(p, steps[i - 1], 7);
		p = krealloc(p, steps[i], GFP_KERNEL);
		assert_non_null(p);
		assert_true(ksize(p) >= steps[i]);
		assert_true(check_fill(p, steps[i - 1], 7));
	}
	/* Slight shrink stays in place; a big one moves and keeps the prefix. */
	void *same = krealloc(p, 90000, GFP_KERNEL);
	assert_ptr_equal(same, p);
	fill(p, 50, 9);
	p = krealloc(p, 50, GFP_KERNEL);
	assert_int_equal(ksize(p), 64);
	assert_true(check_fill(p, 50, 9));
	/* __GFP_ZERO zeroes what lies beyond the old block. */
	p = krealloc(p, 300, GFP_KERNEL | __GFP_ZERO);
	assert_true(check_fill(p, 50, 9));
	for (size_t j = 64; j < 300; j++)
		assert_int_equal(p[j], 0);
	/* Failure leaves the old block alone. */
	fill(p, 300, 11);
	fake_page_alloc_fail = true;
	assert_null(krealloc(p, 50000, GFP_KERNEL));
	fake_page_alloc_fail = false;
	assert_true(check_fill(p, 300, 11));
	kfree(p);
	expect_baseline(base);
}

/* ------------------------------------------------------------ caches */

static void test_create_bad_args(void **state)
{
	(void)state;
	unsigned long base = baseline();

	assert_null(kmem_cache_create("zero", 0, 0, NULL));
	assert_null(kmem_cache_create("align3", 64, 3, NULL));
	assert_null(kmem_cache_create("align8k", 64, 8192, NULL));
	assert_null(kmem_cache_create("huge", (4UL << 20) + 1, 0, NULL));
	expect_baseline(base);
}

/* The order rule: smallest order <= 3 wasting < 1/8, else least waste. */
static void test_slab_order(void **state)
{
	(void)state;
	unsigned long base = baseline();

	for (size_t size = 8; size <= 40000; size += size < 512 ? 8 : 509) {
		struct kmem_cache *c = kmem_cache_create("order", size, 0, NULL);
		assert_non_null(c);
		struct kmem_cache_stats st = stats_of(c);
		size_t slab = PAGE_SIZE << st.order;
		assert_true(st.slot_size >= size + 8);   /* debug: red zone + link word */
		assert_int_equal(st.objects_per_slab, slab / st.slot_size);
		assert_true(st.objects_per_slab >= 1);
		int want = -1;
		for (int o = 0; o <= 3 && want < 0; o++)
			if ((PAGE_SIZE << o) >= st.slot_size &&
			    (PAGE_SIZE << o) % st.slot_size * 8 < (PAGE_SIZE << o))
				want = o;
		if (want >= 0)
			assert_int_equal(st.order, want);
		else if (st.slot_size <= PAGE_SIZE << 3)
			assert_true(st.order <= 3);
		else
			assert_true(slab >= st.slot_size && slab / 2 < st.slot_size);
		if (size <= 256)
			assert_int_equal(st.order, 0);
		kmem_cache_destroy(c);
	}
	expect_baseline(base);
}

static void test_alignment(void **state)
{
	(void)state;
	static const size_t aligns[] = { 0, 8, 16, 64, 256, 4096 };
	unsigned long base = baseline();

	for (size_t i = 0; i < sizeof(aligns) / sizeof(aligns[0]); i++) {
		size_t a = aligns[i] ? aligns[i] : 8;
		struct kmem_cache *c = kmem_cache_create("aligned", 100, aligns[i], NULL);
		void *objs[40];
		assert_non_null(c);
		for (int j = 0; j < 40; j++) {
			objs[j] = kmem_cache_alloc(c, GFP_KERNEL);
			assert_non_null(objs[j]);
			assert_int_equal((uintptr_t)objs[j] % a, 0);
			memset(objs[j], j, 100);
		}
		for (int j = 0; j < 40; j++)
			kmem_cache_free(c, objs[j]);
		kmem_cache_destroy(c);
	}
	expect_baseline(base);
}

static int ctor_calls;

static void ctor_fn(void *obj)
{
	uint32_t *w = obj;
	ctor_calls++;
	for (int i = 0; i < 25; i++)
		w[i] = 0xc0ffee00u + (uint32_t)i;
}

/* A constructed object is never poisoned: it comes back as it was freed. */
static void test_ctor(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *c = kmem_cache_create("ctor", 100, 0, ctor_fn);
	uint32_t *objs[100];

	ctor_calls = 0;
	for (int i = 0; i < 100; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		for (int j = 0; j < 25; j++)
			assert_int_equal(objs[i][j], 0xc0ffee00u + (uint32_t)j);
	}
	struct kmem_cache_stats st = stats_of(c);
	assert_int_equal(ctor_calls, st.slabs_grown * st.objects_per_slab);
	for (int i = 0; i < 100; i++)
		kmem_cache_free(c, objs[i]);
	for (int i = 0; i < 100; i++) {
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
		assert_int_equal(objs[i][7], 0xc0ffee07u);
	}
	/* Red zone and double-free checks still apply. */
	((uint8_t *)objs[0])[100] = 0;
	assert_true(UNIT_EXPECT_PANIC(kmem_cache_free(c, objs[0])));
	expect_msg("ctor", "red zone");
	((uint8_t *)objs[0])[100] = 0xbb;
	for (int i = 0; i < 100; i++)
		kmem_cache_free(c, objs[i]);
	assert_true(UNIT_EXPECT_PANIC(kmem_cache_free(c, objs[5])));
	expect_msg("double free", addr_str(objs[5]));
	kmem_cache_destroy(c);
	expect_baseline(base);
}

/* ------------------------------------------------------------ per-CPU paths */

static void test_percpu_cross_cpu(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *c = kmem_cache_create("xcpu", 48, 0, NULL);
	void *objs[300];

	for (unsigned int round = 0; round < TEST_CPUS; round++) {
		unit_cpu_id = round;
		for (int i = 0; i < 300; i++) {
			objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
			fill(objs[i], 48, (uint64_t)i);
		}
		assert_int_equal(stats_of(c).active, 300);
		/* Free each object on a different cpu than the one that allocated it. */
		for (int i = 0; i < 300; i++) {
			unit_cpu_id = (round + 1 + (unsigned int)i % (TEST_CPUS - 1)) % TEST_CPUS;
			assert_true(check_fill(objs[i], 48, (uint64_t)i));
			kmem_cache_free(c, objs[i]);
		}
		struct kmem_cache_stats st = stats_of(c);
		assert_int_equal(st.active, 0);
		assert_true(st.cpu_cached <= TEST_CPUS * 32);
		assert_null(kmem_cache_validate(c));
	}
	/* Steady alloc/free pairs stay in the array: no slab traffic. */
	unit_cpu_id = 2;
	kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	struct kmem_cache_stats before = stats_of(c);
	for (int i = 0; i < 10000; i++)
		kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	struct kmem_cache_stats after = stats_of(c);
	assert_int_equal(before.inuse, after.inuse);
	assert_int_equal(before.slabs_grown, after.slabs_grown);
	/* Draining every cpu returns every object and every page. */
	for (unsigned int cpu = 0; cpu < TEST_CPUS; cpu++) {
		unit_cpu_id = cpu;
		kmem_cache_drain_cpu(c);
	}
	after = stats_of(c);
	assert_int_equal(after.inuse, 0);
	assert_int_equal(after.cpu_cached, 0);
	assert_int_equal(after.slabs, 0);
	unit_cpu_id = 0;
	kmem_cache_destroy(c);
	expect_baseline(base);
}

/* Big objects get short per-CPU arrays: a refill does not hoard slabs. */
static void test_big_object_arrays(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *huge = kmem_cache_create("huge-obj", 40000, 0, NULL);
	struct kmem_cache *big = kmem_cache_create("big-obj", 5000, 0, NULL);
	void *objs[10];

	objs[0] = kmem_cache_alloc(huge, GFP_KERNEL);
	assert_int_equal(stats_of(huge).slabs_grown, 1);   /* batch of 1 */
	assert_int_equal(stats_of(huge).cpu_cached, 0);
	for (int i = 1; i < 10; i++)
		objs[i] = kmem_cache_alloc(huge, GFP_KERNEL);
	for (int i = 0; i < 10; i++)
		kmem_cache_free(huge, objs[i]);
	assert_true(stats_of(huge).cpu_cached <= 2);
	assert_true(stats_of(huge).slabs <= 3);   /* 2 cached objects + 1 kept empty slab */
	objs[0] = kmem_cache_alloc(big, GFP_KERNEL);
	assert_int_equal(stats_of(big).inuse, 4);   /* batch of 4 (limit 8) */
	for (int i = 1; i < 10; i++)
		objs[i] = kmem_cache_alloc(big, GFP_KERNEL);
	for (int i = 0; i < 10; i++)
		kmem_cache_free(big, objs[i]);
	assert_true(stats_of(big).cpu_cached <= 8);
	kmem_cache_destroy(huge);
	kmem_cache_destroy(big);
	expect_baseline(base);
}

/* destroy empties other cpus' arrays itself and frees every slab. */
static void test_destroy_releases_all(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *caches[3];
	static const size_t sizes[3] = { 24, 700, 5000 };
	void *objs[3][200];

	for (int k = 0; k < 3; k++) {
		caches[k] = kmem_cache_create("destroy", sizes[k], 0, NULL);
		for (int i = 0; i < 200; i++) {
			unit_cpu_id = (unsigned int)i % TEST_CPUS;
			objs[k][i] = kmem_cache_alloc(caches[k], GFP_KERNEL);
			assert_non_null(objs[k][i]);
		}
	}
	check_accounting();
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < 200; i++) {
			unit_cpu_id = (unsigned int)(i * 7 + k) % TEST_CPUS;
			kmem_cache_free(caches[k], objs[k][i]);
		}
	unit_cpu_id = 1;
	for (int k = 0; k < 3; k++)
		kmem_cache_destroy(caches[k]);
	unit_cpu_id = 0;
	struct slab_info info[64];
	int n = slab_info_all(info, 64);
	for (int i = 0; i < n; i++)
		assert_string_not_equal(info[i].name, "destroy");
	expect_baseline(base);
}

static void test_stats(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *c = kmem_cache_create("statsy", 333, 0, NULL);
	void *objs[77];
	struct slab_info info[64];

	for (int i = 0; i < 77; i++)
		objs[i] = kmem_cache_alloc(c, GFP_KERNEL);
	int n = slab_info_all(info, 64), found = 0;
	struct kmem_cache_stats st = stats_of(c);
	for (int i = 0; i < n; i++) {
		if (strcmp(info[i].name, "statsy"))
			continue;
		found++;
		assert_int_equal(info[i].object_size, 333);
		assert_int_equal(info[i].active_objects, 77);
		assert_int_equal(info[i].total_objects, st.slabs * st.objects_per_slab);
		assert_int_equal(info[i].pages, st.slabs << st.order);
	}
	assert_int_equal(found, 1);
	assert_int_equal(st.inuse, 77 + st.cpu_cached);
	/* A short output array still gets the total count. */
	assert_int_equal(slab_info_all(info, 1), n);
	check_accounting();
	for (int i = 0; i < 77; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
	expect_baseline(base);
}

/* ------------------------------------------------------------ out of memory */

static void test_oom(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *c = kmem_cache_create("oom", 256, 0, NULL);
	struct kmem_cache_stats st = stats_of(c);
	void *objs[64];
	unsigned int got = 0;

	assert_true(st.objects_per_slab < 16 && st.order == 0);
	fake_page_alloc_fail = true;
	assert_null(kmem_cache_alloc(c, GFP_KERNEL));
	assert_null(kmalloc(20000, GFP_KERNEL));
	assert_null(kzalloc(1 << 20, GFP_KERNEL));
	fake_page_alloc_fail = false;
	/* One slab's worth, then the allocator runs dry mid-refill. */
	fake_page_alloc_fail_after = 1;
	while (got < 64 && (objs[got] = kmem_cache_alloc(c, GFP_KERNEL)))
		got++;
	assert_int_equal(got, st.objects_per_slab);
	assert_null(kmem_cache_alloc(c, GFP_KERNEL));
	check_accounting();
	/* Recovery. */
	fake_page_alloc_fail_after = -1;
	for (; got < 64; got++)
		assert_non_null(objs[got] = kmem_cache_alloc(c, GFP_KERNEL));
	for (unsigned int i = 0; i < got; i++)
		kmem_cache_free(c, objs[i]);
	kmem_cache_destroy(c);
	expect_baseline(base);
}

/* kmem_cache_create itself fails cleanly once the boot cache cannot grow. */
static void test_oom_create(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *made[64];
	int n = 0;

	fake_page_alloc_fail = true;
	while (n < 64 && (made[n] = kmem_cache_create("oomc", 32, 0, NULL)))
		n++;
	assert_true(n < 64);
	fake_page_alloc_fail = false;
	while (n > 0)
		kmem_cache_destroy(made[--n]);
	expect_baseline(base);
}

/* ------------------------------------------------------------ debug detectors */

static void test_detect_write_after_free(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *c = kmem_cache_create("waf", 64, 0, NULL);
	uint8_t *p = kmem_cache_alloc(c, GFP_KERNEL);

	kmem_cache_free(c, p);
	for (int i = 0; i < 64; i++)
		assert_int_equal(p[i], 0x6b);   /* poisoned */
	p[10] = 1;
	void *q = NULL;
	assert_true(UNIT_EXPECT_PANIC(q = kmem_cache_alloc(c, GFP_KERNEL)));
	assert_null(q);
	expect_msg("waf", addr_str(p));
	assert_non_null(strstr(unit_panic_msg, "write after free"));

	/* Through kmalloc: the message names the size class. */
	uint8_t *k = kmalloc(100, GFP_KERNEL);
	kfree(k);
	k[99] = 0;
	assert_true(UNIT_EXPECT_PANIC(kmalloc(100, GFP_KERNEL)));
	expect_msg("kmalloc-128", addr_str(k));

	/* A write to an object back on its slab's freelist: found by validate and on release. */
	struct kmem_cache *c2 = kmem_cache_create("waf2", 200, 0, NULL);
	uint8_t *keep = kmem_cache_alloc(c2, GFP_KERNEL);
	uint8_t *r = kmem_cache_alloc(c2, GFP_KERNEL);
	kmem_cache_free(c2, r);
	kmem_cache_drain_cpu(c2);   /* r on the freelist; keep holds the slab */
	assert_int_equal(stats_of(c2).inuse, 1);
	r[150] = 0;
	assert_non_null(kmem_cache_validate(c2));
	kmem_cache_free(c2, keep);
	assert_true(UNIT_EXPECT_PANIC(kmem_cache_drain_cpu(c2)));   /* the slab is freed */
	expect_msg("waf2", "write after free");
	assert_non_null(strstr(unit_panic_msg, addr_str(r)));
	pages_leaked_outside += 1UL << stats_of(c2).order;   /* the slab being freed */
	check_accounting();
	(void)base;   /* the panics above leak what they interrupted */
}

static void test_detect_redzone(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *c = kmem_cache_create("rz13", 13, 0, NULL);
	uint8_t *p = kmem_cache_alloc(c, GFP_KERNEL);

	p[13] = 0;   /* one byte past a 13-byte object */
	assert_true(UNIT_EXPECT_PANIC(kmem_cache_free(c, p)));
	expect_msg("rz13", "red zone");
	assert_non_null(strstr(unit_panic_msg, addr_str(p)));
	p[13] = 0xbb;   /* repair, then it frees normally */
	kmem_cache_free(c, p);

	uint8_t *k = kmalloc(64, GFP_KERNEL);
	k[64 + 3] = 'x';
	assert_true(UNIT_EXPECT_PANIC(kfree(k)));
	expect_msg("kmalloc-64", "red zone");
	k[64 + 3] = 0xbb;
	kfree(k);
	kmem_cache_destroy(c);
	expect_baseline(base);
}

static void test_detect_double_free(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *c = kmem_cache_create("dfree", 40, 0, NULL);
	void *keep = kmem_cache_alloc(c, GFP_KERNEL);
	void *p = kmem_cache_alloc(c, GFP_KERNEL);

	/* In this cpu's array. */
	kmem_cache_free(c, p);
	assert_true(UNIT_EXPECT_PANIC(kmem_cache_free(c, p)));
	expect_msg("dfree", "double free");
	/* From another cpu. */
	unit_cpu_id = 3;
	assert_true(UNIT_EXPECT_PANIC(kmem_cache_free(c, p)));
	expect_msg("dfree", addr_str(p));
	/* Back on its slab's freelist. */
	kmem_cache_drain_cpu(c);
	unit_cpu_id = 0;
	kmem_cache_drain_cpu(c);
	assert_true(UNIT_EXPECT_PANIC(kmem_cache_free(c, p)));
	expect_msg("dfree", "double free");
	/* kfree of a freed kmalloc object. */
	void *k = kmalloc(30, GFP_KERNEL);
	kfree(k);
	assert_true(UNIT_EXPECT_PANIC(kfree(k)));
	expect_msg("kmalloc-32", "double free");
	assert_null(kmem_cache_validate(c));
	kmem_cache_free(c, keep);
	kmem_cache_destroy(c);
	expect_baseline(base);
}

static void test_detect_bad_pointer(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *a = kmem_cache_create("bad-a", 64, 0, NULL);
	struct kmem_cache *b = kmem_cache_create("bad-b", 64, 0, NULL);
	uint8_t *p = kmem_cache_alloc(a, GFP_KERNEL);
	uint8_t *k = kmalloc(200, GFP_KERNEL);
	uint8_t *big = kmalloc(50000, GFP_KERNEL);
	int on_stack;
	void *host = malloc(64);

	assert_true(UNIT_EXPECT_PANIC(kmem_cache_free(a, p + 8)));
	expect_msg("bad-a", "object boundary");
	assert_true(UNIT_EXPECT_PANIC(kfree(k + 1)));
	expect_msg("kmalloc-256", "object boundary");
	assert_true(UNIT_EXPECT_PANIC(kmem_cache_free(b, p)));
	expect_msg("bad-b", "bad-a");
	assert_true(UNIT_EXPECT_PANIC(kfree(&on_stack)));
	expect_msg("not in RAM", NULL);
	assert_true(UNIT_EXPECT_PANIC(kfree(host)));
	expect_msg("not in RAM", NULL);
	assert_true(UNIT_EXPECT_PANIC(kfree(big + PAGE_SIZE)));
	expect_msg("not the start", NULL);
	assert_true(UNIT_EXPECT_PANIC(kfree(big + 64)));
	expect_msg("not the start", NULL);
	assert_true(UNIT_EXPECT_PANIC(kmem_cache_free(a, big)));
	expect_msg("bad-a", "not in a slab");
	/* A page straight from the page allocator is not kmalloc's. */
	struct page *pg = alloc_page(GFP_KERNEL);
	assert_true(UNIT_EXPECT_PANIC(kfree(page_address(pg))));
	expect_msg("not the start", NULL);
	free_page(pg);
	free(host);
	kfree(big);
	kfree(k);
	kmem_cache_free(a, p);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
	expect_baseline(base);
}

static void test_destroy_busy(void **state)
{
	(void)state;
	unsigned long base = baseline();
	struct kmem_cache *c = kmem_cache_create("busy", 80, 0, NULL);
	void *p = kmem_cache_alloc(c, GFP_KERNEL);
	void *q = kmem_cache_alloc(c, GFP_KERNEL);

	kmem_cache_free(c, q);
	assert_true(UNIT_EXPECT_PANIC(kmem_cache_destroy(c)));
	expect_msg("busy", "1 objects still allocated");
	assert_null(kmem_cache_validate(c));
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
	expect_baseline(base);
}

/* ------------------------------------------------------------ randomized model */

#define MODEL_SLOTS 512
#define GRANULE 8

struct model_obj {
	uint8_t *p;
	size_t size;           /* usable bytes filled with the pattern */
	uint64_t seed;
	struct kmem_cache *cache;   /* NULL: kmalloc */
};

static uint16_t *owner;   /* per 8-byte granule of the arena: slot + 1, or 0 */

static size_t granule_of(const void *p)
{
	return ((uintptr_t)p - unit_phys_offset - FAKE_PHYS_BASE) / GRANULE;
}

/* Claim [p, p + size) for slot, failing if any of it is someone's already. */
static void model_claim(const struct model_obj *o, unsigned int slot)
{
	size_t g0 = granule_of(o->p), g1 = granule_of(o->p + o->size - 1);

	assert_true(g1 < FAKE_PAGES * PAGE_SIZE / GRANULE);
	for (size_t g = g0; g <= g1; g++) {
		if (owner[g])
			fail_msg("%p (+%zu) handed out while slot %u holds it", (void *)o->p,
				 (g - g0) * GRANULE, owner[g] - 1);
		owner[g] = (uint16_t)(slot + 1);
	}
}

static void model_release(const struct model_obj *o)
{
	for (size_t g = granule_of(o->p); g <= granule_of(o->p + o->size - 1); g++)
		owner[g] = 0;
}

static size_t model_pick_size(struct unit_rng *r)
{
	uint64_t kind = unit_rng_below(r, 100);

	if (kind < 70)
		return 1 + unit_rng_below(r, 256);
	if (kind < 97)
		return 257 + unit_rng_below(r, 8192 - 256);
	return 8193 + unit_rng_below(r, 60000);
}

static void model_alloc(struct unit_rng *r, struct model_obj *o, unsigned int slot,
			struct kmem_cache **caches, int ncaches)
{
	int which = (int)unit_rng_below(r, (uint64_t)ncaches + 3) - 3;

	o->cache = which >= 0 ? caches[which] : NULL;
	o->p = o->cache ? kmem_cache_alloc(o->cache, GFP_KERNEL)
			: kmalloc(model_pick_size(r), GFP_KERNEL);
	assert_non_null(o->p);
	o->size = ksize(o->p);
	o->seed = unit_rng_next(r);
	model_claim(o, slot);
	fill(o->p, o->size, o->seed);
}

static void model_free(struct model_obj *o)
{
	if (!check_fill(o->p, o->size, o->seed))
		fail_msg("object %p (%zu bytes) corrupted while allocated", (void *)o->p, o->size);
	model_release(o);
	if (o->cache)
		kmem_cache_free(o->cache, o->p);
	else
		kfree(o->p);
	o->p = NULL;
}

static void run_model(uint64_t seed, int ops, int validate_every)
{
	static struct model_obj slots[MODEL_SLOTS];
	struct kmem_cache *caches[3];
	struct unit_rng r;
	unsigned long base = baseline();

	caches[0] = kmem_cache_create("model-24", 24, 0, NULL);
	caches[1] = kmem_cache_create("model-200a64", 200, 64, NULL);
	caches[2] = kmem_cache_create("model-3000", 3000, 0, NULL);
	unit_rng_seed(&r, seed);
	for (int i = 0; i < ops; i++) {
		unsigned int slot = (unsigned int)unit_rng_below(&r, MODEL_SLOTS);
		unit_cpu_id = (unsigned int)unit_rng_below(&r, TEST_CPUS);
		if (slots[slot].p)
			model_free(&slots[slot]);
		else
			model_alloc(&r, &slots[slot], slot, caches, 3);
		if (validate_every && i % validate_every == 0)
			check_accounting();
	}
	for (unsigned int s = 0; s < MODEL_SLOTS; s++) {
		unit_cpu_id = s % TEST_CPUS;
		if (slots[s].p)
			model_free(&slots[s]);
	}
	unit_cpu_id = 0;
	for (int k = 0; k < 3; k++)
		kmem_cache_destroy(caches[k]);
	expect_baseline(base);
}

static void test_random_model(void **state)
{
	(void)state;
	run_model(0x51ab5eed, 200000, 4096);
}

static void test_random_model_validate_each_step(void **state)
{
	(void)state;
	run_model(0xfeedface, 3000, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_size_classes),
		cmocka_unit_test(test_large_sizes),
		cmocka_unit_test(test_zero_and_null),
		cmocka_unit_test(test_kzalloc),
		cmocka_unit_test(test_krealloc),
		cmocka_unit_test(test_create_bad_args),
		cmocka_unit_test(test_slab_order),
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_ctor),
		cmocka_unit_test(test_percpu_cross_cpu),
		cmocka_unit_test(test_big_object_arrays),
		cmocka_unit_test(test_destroy_releases_all),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_oom),
		cmocka_unit_test(test_oom_create),
		cmocka_unit_test(test_random_model),
		cmocka_unit_test(test_random_model_validate_each_step),
		cmocka_unit_test(test_detect_write_after_free),
		cmocka_unit_test(test_detect_redzone),
		cmocka_unit_test(test_detect_double_free),
		cmocka_unit_test(test_detect_bad_pointer),
		cmocka_unit_test(test_destroy_busy),
	};

	for (unsigned int i = 0; i < NR_CPUS; i++)
		cpus[i].id = i;
	nr_cpus = TEST_CPUS;
	fake_page_alloc_init(FAKE_PAGES);
	owner = calloc(FAKE_PAGES * PAGE_SIZE / GRANULE, sizeof(*owner));
	if (!owner)
		return 1;
	slab_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
