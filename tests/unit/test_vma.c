/*
 * Unit tests for kernel/mm/vma.c, the VMA set of an address space.
 *
 * Directed tests of each operation's edge cases (lookups, insert, split,
 * merge rules, unmap/map/protect over every kind of overlap, the top-down
 * unmapped-area search, vma_validate catching each kind of corruption);
 * an allocation failure injected at every allocation point of every range
 * operation, which must leave the set exactly as it was; and random runs
 * (fixed seeds) of map/unmap/protect/fault checked page by page against
 * an array model, with vma_validate after every step.
 *
 * The allocation callbacks count VMAs allocated and freed, and "files"
 * and "anon" objects count references (hold takes one, free drops one):
 * after every step the live VMAs must be exactly the set's, and every
 * object's count must equal the number of VMAs pointing at it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>

#include "host_rename.h"
#include "unit_util.h"
#include <kernel/err.h>
#include <mm/vma.h>

#define PG	PAGE_SIZE
#define BASE	0x100000UL		/* page 0 of the tests' addresses */
#define A(n)	(BASE + (unsigned long)(n) * PG)
#define LIMIT	(1UL << 38)		/* the user top given to the set */

#define VM_MAYALL (VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | VM_MAYSHARE)
#define R	(VM_READ | VM_MAYALL)
#define RW	(VM_READ | VM_WRITE | VM_MAYALL)
#define RX	(VM_READ | VM_EXEC | VM_MAYALL)

/* A file or anon object: counts the references VMAs hold on it. */
struct tobj {
	int refs;
	int seen;		/* scratch for check_refs */
};

static struct tobj files[4];
#define NANON 8192
static struct tobj anons[NANON];
static int nanon;		/* anons[0..nanon) handed out */
static const int ops_a, ops_b;	/* two distinct "operations tables" */

/* One unmapped() call. */
struct unmap_rec {
	unsigned long vstart, vend;	/* the VMA's bounds at the call */
	unsigned long start, end;
};

struct env {
	struct vma_set set;
	struct vma_alloc alloc;
	long attempts;		/* calls of alloc */
	long allocs, frees;	/* VMAs handed out and given back */
	long fail_at;		/* this attempt (1-based) fails; 0: none */
	struct unmap_rec log[64];
	int nlog;
	unsigned long unmapped_pages;
};

static void obj_get(void *obj)
{
	if (obj)
		((struct tobj *)obj)->refs++;
}

static void obj_put(void *obj)
{
	if (obj) {
		assert_true(((struct tobj *)obj)->refs > 0);
		((struct tobj *)obj)->refs--;
	}
}

static struct vm_area *t_alloc(void *ctx)
{
	struct env *e = ctx;

	e->attempts++;
	if (e->fail_at && e->attempts == e->fail_at)
		return NULL;
	e->allocs++;
	return malloc(sizeof(struct vm_area));
}

static void t_free(void *ctx, struct vm_area *vma)
{
	struct env *e = ctx;

	e->frees++;
	obj_put(vma->file);
	obj_put(vma->anon);
	free(vma);
}

static void t_hold(void *ctx, struct vm_area *vma)
{
	(void)ctx;
	obj_get(vma->file);
	obj_get(vma->anon);
}

static void t_unmapped(void *ctx, struct vm_area *vma, unsigned long start,
		       unsigned long end)
{
	struct env *e = ctx;

	assert_true(vma->start <= start && start < end && end <= vma->end);
	assert_true(start % PG == 0 && end % PG == 0);
	if (e->nlog < (int)(sizeof(e->log) / sizeof(e->log[0])))
		e->log[e->nlog] = (struct unmap_rec){ vma->start, vma->end,
						      start, end };
	e->nlog++;
	e->unmapped_pages += (end - start) / PG;
}

static void env_init(struct env *e)
{
	int i;

	*e = (struct env){ 0 };
	vma_set_init(&e->set, LIMIT);
	e->alloc = (struct vma_alloc){ t_alloc, t_free, t_hold, e };
	for (i = 0; i < 4; i++)
		files[i].refs = 0;
	for (i = 0; i < nanon; i++)
		anons[i].refs = 0;
	nanon = 0;
}

/* Every object's count equals the number of VMAs referring to it. */
static void check_refs(struct env *e)
{
	struct vm_area *vma;
	int i;

	for (i = 0; i < 4; i++)
		files[i].seen = 0;
	for (i = 0; i < nanon; i++)
		anons[i].seen = 0;
	vma_for_each(vma, &e->set) {
		if (vma->file)
			((struct tobj *)vma->file)->seen++;
		if (vma->anon)
			((struct tobj *)vma->anon)->seen++;
	}
	for (i = 0; i < 4; i++)
		assert_int_equal(files[i].seen, files[i].refs);
	for (i = 0; i < nanon; i++)
		assert_int_equal(anons[i].seen, anons[i].refs);
}

/* The set is valid (merged if asked), and holds every live VMA. */
static void check_flags(struct env *e, unsigned int checks)
{
	assert_int_equal(vma_validate(&e->set, checks), 0);
	assert_int_equal(e->allocs - e->frees, (long)e->set.count);
	check_refs(e);
}

static void check(struct env *e)
{
	check_flags(e, VMA_VALIDATE_MERGED);
}

/* Empty the set; no VMA may be left over and no reference held. */
static void env_fini(struct env *e)
{
	int i;

	vma_set_clear(&e->set, &e->alloc, NULL);
	assert_int_equal(vma_validate(&e->set, VMA_VALIDATE_MERGED), 0);
	assert_int_equal(e->set.count, 0);
	assert_int_equal(e->set.total_pages, 0);
	assert_int_equal(e->allocs, e->frees);
	for (i = 0; i < 4; i++)
		assert_int_equal(files[i].refs, 0);
	for (i = 0; i < nanon; i++)
		assert_int_equal(anons[i].refs, 0);
}

/* Give vma a fresh anon object, as a first write fault would. */
static void fault_anon(struct vm_area *vma)
{
	assert_true(nanon < NANON);
	vma->anon = &anons[nanon++];
	obj_get(vma->anon);
}

static struct vm_area *map(struct env *e, int s, int end, unsigned long flags,
			   struct tobj *file, unsigned long pgoff)
{
	struct vma_desc d = { A(s), A(end), flags, pgoff, file, NULL };
	struct vm_area *vma = vma_map_range(&e->set, &d, &e->alloc, t_unmapped);

	assert_false(IS_ERR(vma));
	assert_true(vma->start <= A(s) && A(end) <= vma->end);
	check(e);
	return vma;
}

/* A VMA from the callbacks, not in the set (for vma_insert). */
static struct vm_area *new_vma(struct env *e, unsigned long start,
			       unsigned long end, unsigned long flags)
{
	struct vm_area *vma = t_alloc(e);

	*vma = (struct vm_area){ .start = start, .end = end, .flags = flags };
	return vma;
}

/* What a VMA of the set should be. */
struct want {
	int s, e;
	unsigned long flags;
	struct tobj *file;
	unsigned long pgoff;	/* compared only if file */
};

static void expect(struct env *e, const struct want *w, int n)
{
	struct vm_area *vma;
	int i = 0;

	vma_for_each(vma, &e->set) {
		assert_true(i < n);
		assert_int_equal(vma->start, A(w[i].s));
		assert_int_equal(vma->end, A(w[i].e));
		assert_int_equal(vma->flags, w[i].flags);
		assert_ptr_equal(vma->file, w[i].file);
		if (w[i].file)
			assert_int_equal(vma->pgoff, w[i].pgoff);
		i++;
	}
	assert_int_equal(i, n);
	assert_int_equal(e->set.count, n);
}

/* Expected VMAs, in page numbers: anonymous, and of a file. */
#define V(s, e, flags) { s, e, flags, NULL, 0 }
#define VF(s, e, flags, file, pgoff) { s, e, flags, file, pgoff }

#define EXPECT(e, ...) do { \
	const struct want __w[] = { __VA_ARGS__ }; \
	expect(e, __w, (int)(sizeof(__w) / sizeof(__w[0]))); \
} while (0)

static void expect_log(struct env *e, const struct unmap_rec *r, int n)
{
	int i;

	assert_int_equal(e->nlog, n);
	for (i = 0; i < n; i++) {
		assert_int_equal(e->log[i].start, r[i].start);
		assert_int_equal(e->log[i].end, r[i].end);
	}
	e->nlog = 0;
}

/* Expected unmapped() ranges, in page numbers. */
#define LOG(s, e) { 0, 0, A(s), A(e) }
#define EXPECT_LOG(e, ...) do { \
	const struct unmap_rec __r[] = { __VA_ARGS__ }; \
	expect_log(e, __r, (int)(sizeof(__r) / sizeof(__r[0]))); \
} while (0)

/* ---------------------------------------------------------- snapshots */

struct snap {
	int n;
	struct {
		const struct vm_area *p;
		struct vm_area copy;
	} v[128];
	unsigned long total;
};

static void snap_take(struct env *e, struct snap *s)
{
	struct vm_area *vma;

	s->n = 0;
	vma_for_each(vma, &e->set) {
		assert_true(s->n < 128);
		s->v[s->n].p = vma;
		s->v[s->n].copy = *vma;
		s->n++;
	}
	s->total = e->set.total_pages;
}

/* The set has the same VMAs (the same objects) with the same fields. */
static void snap_expect(struct env *e, const struct snap *s)
{
	struct vm_area *vma;
	int i = 0;

	vma_for_each(vma, &e->set) {
		const struct vm_area *c = &s->v[i].copy;

		assert_true(i < s->n);
		assert_ptr_equal(vma, s->v[i].p);
		assert_int_equal(vma->start, c->start);
		assert_int_equal(vma->end, c->end);
		assert_int_equal(vma->flags, c->flags);
		assert_int_equal(vma->pgoff, c->pgoff);
		assert_ptr_equal(vma->file, c->file);
		assert_ptr_equal(vma->ops, c->ops);
		assert_ptr_equal(vma->anon, c->anon);
		i++;
	}
	assert_int_equal(i, s->n);
	assert_int_equal(e->set.total_pages, s->total);
}

/* ------------------------------------------------------ lookups, insert */

static void test_empty(void **state)
{
	struct env e;
	unsigned long addr;

	(void)state;
	env_init(&e);
	check(&e);
	assert_null(vma_find(&e.set, A(0)));
	assert_null(vma_find_next(&e.set, 0));
	assert_null(vma_first(&e.set));
	assert_null(vma_last(&e.set));
	assert_int_equal(vma_unmap_range(&e.set, A(0), A(10), &e.alloc,
					 t_unmapped), 0);
	assert_int_equal(e.nlog, 0);
	assert_int_equal(vma_protect_range(&e.set, A(0), A(1), VM_ACCESS_FLAGS,
					   VM_READ, &e.alloc), -ENOMEM);
	assert_int_equal(vma_get_unmapped_area(&e.set, 4 * PG, 0, A(0), A(100),
					       &addr), 0);
	assert_int_equal(addr, A(96));
	assert_int_equal(e.attempts, 0);
	check(&e);
	env_fini(&e);
}

/* Lookups over a = [10,20), b = [20,25), x = [25,30), c = [30,40). */
static void expect_lookups(struct env *e, struct vm_area *a, struct vm_area *b,
			   struct vm_area *x, struct vm_area *c)
{
	/* vma_find: inside, first byte, last byte, one past, outside. */
	assert_ptr_equal(vma_find(&e->set, A(10)), a);
	assert_ptr_equal(vma_find(&e->set, A(15) + 123), a);
	assert_ptr_equal(vma_find(&e->set, A(20) - 1), a);
	assert_ptr_equal(vma_find(&e->set, A(20)), b);
	assert_ptr_equal(vma_find(&e->set, A(40) - 1), c);
	assert_null(vma_find(&e->set, A(40)));
	assert_null(vma_find(&e->set, A(10) - 1));
	assert_null(vma_find(&e->set, 0));
	/* vma_find_next: Linux find_vma. */
	assert_ptr_equal(vma_find_next(&e->set, 0), a);
	assert_ptr_equal(vma_find_next(&e->set, A(12)), a);
	assert_ptr_equal(vma_find_next(&e->set, A(25)), x);
	assert_ptr_equal(vma_find_next(&e->set, A(40) - 1), c);
	assert_null(vma_find_next(&e->set, A(40)));
	assert_null(vma_find_next(&e->set, ~0UL));
	/* Neighbours. */
	assert_ptr_equal(vma_first(&e->set), a);
	assert_ptr_equal(vma_last(&e->set), c);
	assert_null(vma_prev(&e->set, a));
	assert_ptr_equal(vma_next(&e->set, a), b);
	assert_ptr_equal(vma_prev(&e->set, c), x);
	assert_null(vma_next(&e->set, c));
}

static void test_insert_and_lookup(void **state)
{
	struct env e;
	struct vm_area *a, *b, *c, *x;
	static const int bad[][2] = {
		{ 15, 16 }, { 5, 11 }, { 39, 50 }, { 0, 100 }, { 10, 20 },
		{ 19, 21 }, { 29, 31 },
	};
	unsigned int i;

	(void)state;
	env_init(&e);
	a = new_vma(&e, A(10), A(20), R);
	c = new_vma(&e, A(30), A(40), RW);
	b = new_vma(&e, A(20), A(25), RX);
	assert_int_equal(vma_insert(&e.set, a), 0);
	assert_int_equal(vma_insert(&e.set, c), 0);
	assert_int_equal(vma_insert(&e.set, b), 0);	/* adjacent to a */
	check(&e);
	EXPECT(&e, V(10, 20, R), V(20, 25, RX), V(30, 40, RW));

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		x = new_vma(&e, A(bad[i][0]), A(bad[i][1]), R);
		assert_int_equal(vma_insert(&e.set, x), -EEXIST);
		t_free(&e, x);
		check(&e);
	}
	x = new_vma(&e, A(25), A(30), R);	/* fills the gap exactly */
	assert_int_equal(vma_insert(&e.set, x), 0);
	check(&e);

	expect_lookups(&e, a, b, x, c);

	/* The lookup cache follows the last hit, and forgets removed VMAs. */
	assert_ptr_equal(vma_find(&e.set, A(11)), a);
	assert_ptr_equal(e.set.cache, a);
	assert_ptr_equal(vma_find(&e.set, A(12)), a);
	vma_remove(&e.set, a);
	assert_null(e.set.cache);
	assert_null(vma_find(&e.set, A(11)));
	t_free(&e, a);
	check(&e);
	env_fini(&e);
}

static void test_insert_einval(void **state)
{
	struct env e;
	static const unsigned long bad[][2] = {
		{ A(1) + 1, A(2) }, { A(1), A(2) - 1 }, { A(2), A(2) },
		{ A(3), A(2) }, { LIMIT - PG, LIMIT + PG }, { 0, 0 },
	};
	struct vm_area *x;
	unsigned int i;

	(void)state;
	env_init(&e);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		x = new_vma(&e, bad[i][0], bad[i][1], R);
		assert_int_equal(vma_insert(&e.set, x), -EINVAL);
		t_free(&e, x);
	}
	x = new_vma(&e, LIMIT - PG, LIMIT, R);		/* up to the limit */
	assert_int_equal(vma_insert(&e.set, x), 0);
	check(&e);
	env_fini(&e);
}

/* ------------------------------------------------------- split, merge */

static void test_mergeable(void **state)
{
	struct vm_area a = { .start = A(0), .end = A(10), .flags = RW };
	struct vm_area b = { .start = A(10), .end = A(20), .flags = RW };

	(void)state;
	assert_true(vma_mergeable(&a, &b));
	assert_false(vma_mergeable(&b, &a));		/* order matters */
	b.start = A(11);
	assert_false(vma_mergeable(&a, &b));		/* a gap */
	b.start = A(10);
	b.flags = R;
	assert_false(vma_mergeable(&a, &b));
	b.flags = RW;
	b.ops = &ops_a;
	assert_false(vma_mergeable(&a, &b));
	a.ops = &ops_a;
	assert_true(vma_mergeable(&a, &b));
	a.ops = &ops_b;
	assert_false(vma_mergeable(&a, &b));
	a.ops = b.ops = NULL;
	/* Anon: equal, or either NULL. */
	a.anon = &anons[0];
	assert_true(vma_mergeable(&a, &b));
	b.anon = &anons[1];
	assert_false(vma_mergeable(&a, &b));
	b.anon = &anons[0];
	assert_true(vma_mergeable(&a, &b));
	a.anon = NULL;
	assert_true(vma_mergeable(&a, &b));
	b.anon = NULL;
	/* Anonymous memory ignores pgoff; files need it contiguous. */
	a.pgoff = 7;
	b.pgoff = 1000;
	assert_true(vma_mergeable(&a, &b));
	a.file = &files[0];
	assert_false(vma_mergeable(&a, &b));		/* file vs anon */
	b.file = &files[1];
	b.pgoff = 17;
	assert_false(vma_mergeable(&a, &b));		/* other file */
	b.file = &files[0];
	assert_true(vma_mergeable(&a, &b));
	b.pgoff = 16;
	assert_false(vma_mergeable(&a, &b));
	b.pgoff = 18;
	assert_false(vma_mergeable(&a, &b));
}

static void test_split(void **state)
{
	struct env e;
	struct vm_area *v, *hi;
	struct snap s;
	unsigned long bad[] = { A(10), A(20), A(15) + 1, A(25), A(5) };
	unsigned int i;

	(void)state;
	env_init(&e);
	v = map(&e, 10, 20, RW, &files[0], 100);
	fault_anon(v);
	assert_int_equal(files[0].refs, 1);

	snap_take(&e, &s);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(PTR_ERR(vma_split(&e.set, v, bad[i],
						   &e.alloc)), -EINVAL);
	e.fail_at = e.attempts + 1;
	assert_int_equal(PTR_ERR(vma_split(&e.set, v, A(15), &e.alloc)),
			 -ENOMEM);
	e.fail_at = 0;
	snap_expect(&e, &s);
	check(&e);

	hi = vma_split(&e.set, v, A(15), &e.alloc);
	assert_false(IS_ERR(hi));
	check_flags(&e, 0);		/* a split leaves a mergeable pair */
	assert_int_equal(vma_validate(&e.set, VMA_VALIDATE_MERGED),
			 -VMA_UNMERGED);
	EXPECT(&e, VF(10, 15, RW, &files[0], 100),
	       VF(15, 20, RW, &files[0], 105));
	assert_ptr_equal(hi->anon, v->anon);
	assert_int_equal(files[0].refs, 2);
	assert_int_equal(anons[0].refs, 2);
	assert_int_equal(e.set.total_pages, 10);

	/* Merging around either half restores one VMA. */
	assert_ptr_equal(vma_merge_around(&e.set, hi, &e.alloc), v);
	check(&e);
	EXPECT(&e, VF(10, 20, RW, &files[0], 100));
	assert_int_equal(files[0].refs, 1);
	assert_int_equal(anons[0].refs, 1);
	env_fini(&e);
}

/* merge_around with both neighbours, and where anon references go. */
static void test_merge_around(void **state)
{
	struct env e;
	struct vm_area *a, *b, *c, *m;

	(void)state;
	env_init(&e);
	a = new_vma(&e, A(0), A(10), RW);
	b = new_vma(&e, A(10), A(20), RW);
	c = new_vma(&e, A(20), A(30), RW);
	assert_int_equal(vma_insert(&e.set, a), 0);
	assert_int_equal(vma_insert(&e.set, b), 0);
	assert_int_equal(vma_insert(&e.set, c), 0);
	fault_anon(c);			/* only the last has anon memory */
	check_flags(&e, 0);
	m = vma_merge_around(&e.set, b, &e.alloc);
	assert_ptr_equal(m, a);
	check(&e);
	EXPECT(&e, V(0, 30, RW));
	assert_ptr_equal(a->anon, &anons[0]);	/* moved from c to a */
	assert_int_equal(anons[0].refs, 1);
	assert_int_equal(e.frees, 2);

	/* X, NULL, Y: the middle joins one side only. */
	b = new_vma(&e, A(30), A(40), RW);
	c = new_vma(&e, A(40), A(50), RW);
	assert_int_equal(vma_insert(&e.set, b), 0);
	assert_int_equal(vma_insert(&e.set, c), 0);
	fault_anon(c);
	m = vma_merge_around(&e.set, b, &e.alloc);
	assert_ptr_equal(m, a);
	check(&e);
	EXPECT(&e, V(0, 40, RW), V(40, 50, RW));
	assert_ptr_equal(a->anon, &anons[0]);
	assert_ptr_equal(c->anon, &anons[1]);

	/* Nothing to merge with: vma itself comes back. */
	b = new_vma(&e, A(60), A(70), RW);
	assert_int_equal(vma_insert(&e.set, b), 0);
	assert_ptr_equal(vma_merge_around(&e.set, b, &e.alloc), b);
	check(&e);
	env_fini(&e);
}

/* --------------------------------------------------------------- unmap */

static int unmap(struct env *e, int s, int end)
{
	int err = vma_unmap_range(&e->set, A(s), A(end), &e->alloc, t_unmapped);

	check(e);
	return err;
}

static void test_unmap_exact(void **state)
{
	struct env e;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, NULL, 0);
	map(&e, 20, 30, R, NULL, 0);
	map(&e, 40, 50, RW, NULL, 0);
	e.nlog = 0;
	assert_int_equal(unmap(&e, 20, 30), 0);
	EXPECT(&e, V(10, 20, RW), V(40, 50, RW));
	EXPECT_LOG(&e, LOG(20, 30));
	assert_int_equal(e.log[0].vstart, A(20));
	assert_int_equal(e.log[0].vend, A(30));
	assert_int_equal(e.set.total_pages, 20);
	env_fini(&e);
}

static void test_unmap_middle(void **state)
{
	struct env e;
	long attempts;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, &files[1], 0);
	attempts = e.attempts;
	assert_int_equal(unmap(&e, 13, 15), 0);
	assert_int_equal(e.attempts, attempts + 1);	/* one split */
	EXPECT(&e, VF(10, 13, RW, &files[1], 0), VF(15, 20, RW, &files[1], 5));
	EXPECT_LOG(&e, LOG(13, 15));
	assert_int_equal(files[1].refs, 2);
	assert_int_equal(e.set.total_pages, 8);
	/* Trimming one end needs no new VMA. */
	attempts = e.attempts;
	assert_int_equal(unmap(&e, 10, 11), 0);
	assert_int_equal(unmap(&e, 19, 20), 0);
	assert_int_equal(e.attempts, attempts);
	EXPECT(&e, VF(11, 13, RW, &files[1], 1), VF(15, 19, RW, &files[1], 5));
	EXPECT_LOG(&e, LOG(10, 11), LOG(19, 20));
	env_fini(&e);
}

static void test_unmap_spanning(void **state)
{
	struct env e;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, NULL, 0);
	map(&e, 20, 30, R, NULL, 0);
	map(&e, 40, 50, RX, NULL, 0);
	map(&e, 60, 70, RX, NULL, 0);
	e.nlog = 0;
	assert_int_equal(unmap(&e, 5, 55), 0);
	EXPECT(&e, V(60, 70, RX));
	EXPECT_LOG(&e, LOG(10, 20), LOG(20, 30), LOG(40, 50));
	assert_int_equal(unmap(&e, 0, 1000), 0);
	EXPECT_LOG(&e, LOG(60, 70));
	assert_int_equal(e.set.count, 0);
	env_fini(&e);
}

static void test_unmap_partial_both_ends(void **state)
{
	struct env e;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, &files[0], 0);
	map(&e, 25, 30, R, NULL, 0);
	map(&e, 30, 40, RW, &files[0], 100);
	e.nlog = 0;
	assert_int_equal(unmap(&e, 15, 35), 0);
	EXPECT(&e, VF(10, 15, RW, &files[0], 0),
	       VF(35, 40, RW, &files[0], 105));
	EXPECT_LOG(&e, LOG(15, 20), LOG(25, 30), LOG(30, 35));
	assert_int_equal(e.set.total_pages, 10);
	env_fini(&e);
}

static void test_unmap_nothing(void **state)
{
	struct env e;
	struct snap s;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, NULL, 0);
	map(&e, 30, 40, R, NULL, 0);
	e.nlog = 0;
	snap_take(&e, &s);
	assert_int_equal(unmap(&e, 20, 30), 0);		/* the gap, exactly */
	assert_int_equal(unmap(&e, 0, 10), 0);		/* below, adjacent */
	assert_int_equal(unmap(&e, 40, 1000), 0);	/* above, adjacent */
	assert_int_equal(unmap(&e, 22, 23), 0);
	assert_int_equal(e.nlog, 0);
	snap_expect(&e, &s);
	env_fini(&e);
}

static void test_unmap_einval(void **state)
{
	struct env e;
	struct snap s;
	static const unsigned long bad[][2] = {
		{ A(10) + 1, A(20) }, { A(10), A(20) + 8 }, { A(10), A(10) },
		{ A(20), A(10) }, { A(10), LIMIT + PG }, { LIMIT, LIMIT + PG },
	};
	unsigned int i;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, NULL, 0);
	snap_take(&e, &s);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(vma_unmap_range(&e.set, bad[i][0], bad[i][1],
						 &e.alloc, t_unmapped),
				 -EINVAL);
	snap_expect(&e, &s);
	assert_int_equal(vma_unmap_range(&e.set, A(30), LIMIT, &e.alloc,
					 t_unmapped), 0);
	check(&e);
	assert_int_equal(e.nlog, 0);
	env_fini(&e);
}

static void test_unmap_enomem(void **state)
{
	struct env e;
	struct snap s;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, &files[0], 0);
	e.nlog = 0;
	snap_take(&e, &s);
	e.fail_at = e.attempts + 1;
	assert_int_equal(unmap(&e, 12, 14), -ENOMEM);
	snap_expect(&e, &s);
	assert_int_equal(e.nlog, 0);
	/* Operations that need no VMA still work with allocation failing. */
	e.fail_at = e.attempts + 1;
	assert_int_equal(unmap(&e, 18, 20), 0);
	assert_int_equal(unmap(&e, 5, 11), 0);
	e.fail_at = 0;
	EXPECT(&e, VF(11, 18, RW, &files[0], 1));
	env_fini(&e);
}

/* ----------------------------------------------------------------- map */

static void test_map_basic(void **state)
{
	struct env e;
	struct vm_area *v;
	struct vma_desc d = { A(10), A(20), RW, 5, &files[2], &ops_a };

	(void)state;
	env_init(&e);
	v = vma_map_range(&e.set, &d, &e.alloc, t_unmapped);
	assert_false(IS_ERR(v));
	check(&e);
	assert_int_equal(v->start, A(10));
	assert_int_equal(v->end, A(20));
	assert_int_equal(v->flags, RW);
	assert_int_equal(v->pgoff, 5);
	assert_ptr_equal(v->file, &files[2]);
	assert_ptr_equal(v->ops, &ops_a);
	assert_null(v->anon);
	assert_int_equal(files[2].refs, 1);
	assert_int_equal(e.nlog, 0);
	assert_ptr_equal(vma_find(&e.set, A(12)), v);
	/* Same file, other ops: no merge. */
	d = (struct vma_desc){ A(20), A(30), RW, 15, &files[2], &ops_b };
	assert_false(IS_ERR(vma_map_range(&e.set, &d, &e.alloc, t_unmapped)));
	check(&e);
	assert_int_equal(e.set.count, 2);
	env_fini(&e);
}

static void test_map_einval(void **state)
{
	struct env e;
	static const unsigned long bad[][2] = {
		{ A(10) + 1, A(20) }, { A(10), A(20) - 1 }, { A(10), A(10) },
		{ A(20), A(10) }, { A(10), LIMIT + PG },
	};
	struct vma_desc d = { 0, 0, RW, 0, NULL, NULL };
	unsigned int i;

	(void)state;
	env_init(&e);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		d.start = bad[i][0];
		d.end = bad[i][1];
		assert_int_equal(PTR_ERR(vma_map_range(&e.set, &d, &e.alloc,
						       t_unmapped)), -EINVAL);
	}
	assert_int_equal(e.attempts, 0);
	check(&e);
	env_fini(&e);
}

static void test_map_merges(void **state)
{
	struct env e;
	struct vm_area *v;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, NULL, 0);
	map(&e, 30, 40, RW, NULL, 0);
	v = map(&e, 20, 30, RW, NULL, 0);	/* fills the hole: one VMA */
	EXPECT(&e, V(10, 40, RW));
	assert_int_equal(v->start, A(10));
	assert_int_equal(v->end, A(40));
	assert_int_equal(e.allocs, 3);
	assert_int_equal(e.frees, 2);
	/* Other flags: no merge. */
	map(&e, 40, 50, R, NULL, 0);
	map(&e, 5, 10, RX, NULL, 0);
	EXPECT(&e, V(5, 10, RX), V(10, 40, RW), V(40, 50, R));
	/* Clearing the set reports every VMA. */
	vma_set_clear(&e.set, &e.alloc, t_unmapped);
	EXPECT_LOG(&e, LOG(5, 10), LOG(10, 40), LOG(40, 50));
	env_fini(&e);
}

static void test_map_file_pgoff(void **state)
{
	struct env e;
	struct vm_area *v;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, &files[0], 0);
	map(&e, 20, 30, RW, &files[0], 10);		/* continues: merges */
	map(&e, 30, 40, RW, &files[0], 50);		/* does not */
	map(&e, 40, 50, RW, &files[1], 60);		/* other file */
	map(&e, 50, 60, RW, NULL, 70);			/* anonymous */
	EXPECT(&e, VF(10, 30, RW, &files[0], 0), VF(30, 40, RW, &files[0], 50),
	       VF(40, 50, RW, &files[1], 60), V(50, 60, RW));
	/* Mapped below its continuation: the new VMA absorbs the old. */
	map(&e, 100, 110, R, &files[2], 20);
	v = map(&e, 90, 100, R, &files[2], 10);
	assert_int_equal(v->start, A(90));
	assert_int_equal(v->end, A(110));
	assert_int_equal(v->pgoff, 10);
	assert_int_equal(files[0].refs, 2);
	assert_int_equal(files[2].refs, 1);
	env_fini(&e);
}

static void test_map_replace(void **state)
{
	struct env e;
	struct vm_area *v;

	(void)state;
	env_init(&e);
	v = map(&e, 10, 40, RW, NULL, 0);
	fault_anon(v);
	map(&e, 20, 30, R, NULL, 0);		/* over the middle */
	EXPECT(&e, V(10, 20, RW), V(20, 30, R), V(30, 40, RW));
	EXPECT_LOG(&e, LOG(20, 30));
	assert_int_equal(anons[0].refs, 2);	/* both outer pieces */
	/* Back to the old flags: one VMA again, with the old anon. */
	v = map(&e, 20, 30, RW, NULL, 0);
	EXPECT(&e, V(10, 40, RW));
	EXPECT_LOG(&e, LOG(20, 30));
	assert_ptr_equal(v->anon, &anons[0]);
	assert_int_equal(anons[0].refs, 1);
	/* Over the whole of it and more. */
	map(&e, 5, 45, RX, &files[3], 0);
	EXPECT(&e, VF(5, 45, RX, &files[3], 0));
	EXPECT_LOG(&e, LOG(10, 40));
	assert_int_equal(anons[0].refs, 0);
	env_fini(&e);
}

static void test_map_over_several(void **state)
{
	struct env e;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, NULL, 0);
	map(&e, 25, 30, R, NULL, 0);
	map(&e, 30, 40, RX, &files[0], 0);
	e.nlog = 0;
	map(&e, 15, 35, VM_MAYALL, NULL, 0);
	EXPECT(&e, V(10, 15, RW), V(15, 35, VM_MAYALL),
	       VF(35, 40, RX, &files[0], 5));
	EXPECT_LOG(&e, LOG(15, 20), LOG(25, 30), LOG(30, 35));
	env_fini(&e);
}

static void test_map_enomem(void **state)
{
	struct env e;
	struct snap s;
	struct vma_desc d = { A(12), A(14), R, 0, NULL, NULL };
	long k;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, NULL, 0);
	snap_take(&e, &s);
	e.nlog = 0;
	for (k = 1; k <= 2; k++) {	/* new VMA, then the split */
		e.fail_at = e.attempts + k;
		assert_int_equal(PTR_ERR(vma_map_range(&e.set, &d, &e.alloc,
						       t_unmapped)), -ENOMEM);
		check(&e);
		snap_expect(&e, &s);
		assert_int_equal(e.nlog, 0);
	}
	e.fail_at = e.attempts + 3;
	assert_false(IS_ERR(vma_map_range(&e.set, &d, &e.alloc, t_unmapped)));
	check(&e);
	EXPECT(&e, V(10, 12, RW), V(12, 14, R), V(14, 20, RW));
	env_fini(&e);
}

/* ------------------------------------------------------------- protect */

static int protect(struct env *e, int s, int end, unsigned long flags)
{
	int err = vma_protect_range(&e->set, A(s), A(end), VM_ACCESS_FLAGS,
				    flags, &e->alloc);

	check(e);
	return err;
}

static void test_protect_middle_and_back(void **state)
{
	struct env e;
	long attempts;

	(void)state;
	env_init(&e);
	map(&e, 10, 40, RW, NULL, 0);
	attempts = e.attempts;
	assert_int_equal(protect(&e, 20, 30, VM_READ), 0);
	assert_int_equal(e.attempts, attempts + 2);
	EXPECT(&e, V(10, 20, RW), V(20, 30, R), V(30, 40, RW));
	assert_int_equal(protect(&e, 20, 30, VM_READ | VM_WRITE), 0);
	EXPECT(&e, V(10, 40, RW));
	assert_int_equal(e.allocs - e.frees, 1);
	/* Edges: one split each. */
	assert_int_equal(protect(&e, 10, 15, VM_NONE), 0);
	assert_int_equal(protect(&e, 35, 40, VM_READ | VM_EXEC), 0);
	EXPECT(&e, V(10, 15, VM_MAYALL), V(15, 35, RW), V(35, 40, RX));
	/* The whole range, over three VMAs: one again. */
	assert_int_equal(protect(&e, 10, 40, VM_READ), 0);
	EXPECT(&e, V(10, 40, R));
	env_fini(&e);
}

static void test_protect_merges_with_neighbours(void **state)
{
	struct env e;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, R, NULL, 0);
	map(&e, 20, 30, RW, NULL, 0);
	map(&e, 30, 40, R, NULL, 0);
	assert_int_equal(protect(&e, 20, 30, VM_READ), 0);
	EXPECT(&e, V(10, 40, R));
	map(&e, 40, 50, RX, NULL, 0);
	/* Head of one VMA joins the one below it. */
	assert_int_equal(protect(&e, 40, 45, VM_READ), 0);
	EXPECT(&e, V(10, 45, R), V(45, 50, RX));
	env_fini(&e);
}

static void test_protect_holes(void **state)
{
	struct env e;
	struct snap s;
	static const int ranges[][2] = {
		{ 10, 40 }, { 5, 15 }, { 35, 45 }, { 20, 30 }, { 0, 100 },
		{ 19, 31 }, { 45, 50 },
	};
	unsigned int i;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, NULL, 0);
	map(&e, 30, 40, RW, NULL, 0);
	snap_take(&e, &s);
	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		assert_int_equal(protect(&e, ranges[i][0], ranges[i][1],
					 VM_READ), -ENOMEM);
		snap_expect(&e, &s);
	}
	assert_int_equal(protect(&e, 10, 20, VM_READ), 0);
	env_fini(&e);
}

static void test_protect_eacces(void **state)
{
	struct env e;
	struct snap s;
	unsigned long no_write = VM_READ | VM_MAYREAD | VM_MAYEXEC;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, NULL, 0);
	map(&e, 20, 30, no_write, NULL, 0);
	map(&e, 40, 50, no_write, NULL, 0);
	snap_take(&e, &s);
	assert_int_equal(protect(&e, 15, 25, VM_READ | VM_WRITE), -EACCES);
	assert_int_equal(protect(&e, 20, 30, VM_READ | VM_WRITE), -EACCES);
	/* The lowest offence decides: a hole before, or after. */
	assert_int_equal(protect(&e, 25, 45, VM_WRITE), -EACCES);
	assert_int_equal(protect(&e, 30, 45, VM_WRITE), -ENOMEM);
	snap_expect(&e, &s);
	/* Allowed changes pass. */
	assert_int_equal(protect(&e, 15, 25, VM_READ | VM_EXEC), 0);
	assert_int_equal(protect(&e, 20, 30, VM_NONE), 0);
	EXPECT(&e, V(10, 15, RW), V(15, 20, RX),
	       V(20, 30, VM_MAYREAD | VM_MAYEXEC), V(40, 50, no_write));
	/* Masks: other bits of flags are left alone. */
	assert_int_equal(vma_protect_range(&e.set, A(40), A(50), VM_NORESERVE,
					   ~0UL, &e.alloc), 0);
	check(&e);
	assert_int_equal(vma_find(&e.set, A(45))->flags,
			 no_write | VM_NORESERVE);
	env_fini(&e);
}

static void test_protect_file_pgoff(void **state)
{
	struct env e;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, &files[0], 7);
	assert_int_equal(protect(&e, 12, 14, VM_READ), 0);
	EXPECT(&e, VF(10, 12, RW, &files[0], 7), VF(12, 14, R, &files[0], 9),
	       VF(14, 20, RW, &files[0], 11));
	assert_int_equal(files[0].refs, 3);
	assert_int_equal(protect(&e, 12, 14, VM_READ | VM_WRITE), 0);
	EXPECT(&e, VF(10, 20, RW, &files[0], 7));
	assert_int_equal(files[0].refs, 1);
	env_fini(&e);
}

static void test_protect_no_change_no_alloc(void **state)
{
	struct env e;
	struct snap s;

	(void)state;
	env_init(&e);
	map(&e, 10, 40, RW, NULL, 0);
	snap_take(&e, &s);
	e.fail_at = e.attempts + 1;
	assert_int_equal(protect(&e, 20, 30, VM_READ | VM_WRITE), 0);
	snap_expect(&e, &s);
	e.fail_at = e.attempts + 1;
	assert_int_equal(protect(&e, 20, 30, VM_READ), -ENOMEM);
	snap_expect(&e, &s);
	e.fail_at = e.attempts + 2;
	assert_int_equal(protect(&e, 20, 30, VM_READ), -ENOMEM);
	snap_expect(&e, &s);
	assert_int_equal(protect(&e, 20, 30, VM_READ), 0);
	EXPECT(&e, V(10, 20, RW), V(20, 30, R), V(30, 40, RW));
	env_fini(&e);
}

static void test_protect_einval(void **state)
{
	static const unsigned long bad[][2] = {
		{ A(10) + 1, A(20) }, { A(10), A(10) }, { A(10), LIMIT + PG },
	};
	struct env e;
	unsigned int i;

	(void)state;
	env_init(&e);
	map(&e, 10, 20, RW, NULL, 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(vma_protect_range(&e.set, bad[i][0], bad[i][1],
						   VM_ACCESS_FLAGS, 0,
						   &e.alloc), -EINVAL);
	check(&e);
	env_fini(&e);
}

/* ------------------------------------------------- get_unmapped_area */

static unsigned long gua(struct env *e, unsigned long len, unsigned long hint,
			 int *err)
{
	unsigned long addr = 0xdead;

	*err = vma_get_unmapped_area(&e->set, len, hint, A(0), A(100), &addr);
	if (!*err) {
		assert_true(addr % PG == 0 && addr >= A(0));
		assert_true(addr + len <= A(100));
	}
	return addr;
}

static void test_get_unmapped_area(void **state)
{
	struct env e;
	unsigned long addr;
	int err;

	(void)state;
	env_init(&e);
	assert_int_equal(gua(&e, 3 * PG, 0, &err), A(97));
	assert_int_equal(err, 0);
	map(&e, 95, 100, RW, NULL, 0);
	map(&e, 80, 92, RW, NULL, 0);
	assert_int_equal(gua(&e, 3 * PG, 0, &err), A(92));	/* exact fit */
	assert_int_equal(gua(&e, 4 * PG, 0, &err), A(76));
	assert_int_equal(gua(&e, 2 * PG, 0, &err), A(93));
	/* Hints. */
	assert_int_equal(gua(&e, 4 * PG, A(10), &err), A(10));
	assert_int_equal(gua(&e, 4 * PG, A(10) + 1, &err), A(11));
	assert_int_equal(gua(&e, 4 * PG, A(78), &err), A(76));	/* overlaps */
	assert_int_equal(gua(&e, 4 * PG, A(97), &err), A(76));	/* past high */
	assert_int_equal(gua(&e, 4 * PG, A(0) - PG, &err), A(76)); /* < low */
	assert_int_equal(gua(&e, 4 * PG, A(76), &err), A(76));
	assert_int_equal(gua(&e, 4 * PG, ~0UL - 10, &err), A(76));
	/* A VMA straddling high. */
	assert_int_equal(vma_get_unmapped_area(&e.set, PG, 0, A(0), A(90),
					       &addr), 0);
	assert_int_equal(addr, A(79));
	/* Exhaustion: one free page left, at the bottom. */
	map(&e, 1, 80, R, NULL, 0);
	map(&e, 92, 95, R, NULL, 0);
	assert_int_equal(gua(&e, PG, 0, &err), A(0));
	gua(&e, 2 * PG, 0, &err);
	assert_int_equal(err, -ENOMEM);
	assert_int_equal(gua(&e, PG, A(50), &err), A(0));
	/* A gap below low is not used. */
	assert_int_equal(vma_get_unmapped_area(&e.set, PG, 0, A(1), A(100),
					       &addr), -ENOMEM);
	gua(&e, 101 * PG, 0, &err);
	assert_int_equal(err, -ENOMEM);
	/* Bad arguments. */
	gua(&e, 0, 0, &err);
	assert_int_equal(err, -EINVAL);
	gua(&e, PG + 1, 0, &err);
	assert_int_equal(err, -EINVAL);
	assert_int_equal(vma_get_unmapped_area(&e.set, PG, 0, A(1) + 1, A(100),
					       &addr), -EINVAL);
	assert_int_equal(vma_get_unmapped_area(&e.set, PG, 0, A(10), A(10),
					       &addr), -EINVAL);
	env_fini(&e);
}

/* --------------------------------------------------------- validate */

static void test_validate_catches_corruption(void **state)
{
	struct env e;
	struct vm_area *a, *b, *c, other = { .start = A(0), .end = A(1) };
	unsigned long saved;

	(void)state;
	env_init(&e);
	a = map(&e, 10, 20, RW, NULL, 0);
	b = map(&e, 30, 40, R, NULL, 0);
	c = map(&e, 50, 60, RX, NULL, 0);

	e.set.count++;
	assert_int_equal(vma_validate(&e.set, 0), -VMA_BAD_COUNT);
	e.set.count--;
	e.set.total_pages++;
	assert_int_equal(vma_validate(&e.set, 0), -VMA_BAD_TOTAL);
	e.set.total_pages--;
	e.set.cache = &other;
	assert_int_equal(vma_validate(&e.set, 0), -VMA_BAD_CACHE);
	e.set.cache = b;
	assert_int_equal(vma_validate(&e.set, 0), 0);

	saved = b->end;
	b->end = A(40) + 8;
	assert_int_equal(vma_validate(&e.set, 0), -VMA_BAD_RANGE);
	b->end = b->start;
	assert_int_equal(vma_validate(&e.set, 0), -VMA_BAD_RANGE);
	b->end = LIMIT + PG;
	assert_int_equal(vma_validate(&e.set, 0), -VMA_BAD_RANGE);
	b->end = A(51);
	assert_int_equal(vma_validate(&e.set, 0), -VMA_OVERLAP);
	b->end = saved;

	saved = b->start;
	b->start = A(55);		/* out of tree order */
	assert_int_equal(vma_validate(&e.set, 0), -VMA_BAD_TREE);
	b->start = saved;

	list_move_tail(&a->list, &e.set.list);	/* list out of order */
	assert_int_equal(vma_validate(&e.set, 0), -VMA_BAD_LIST);
	list_move(&a->list, &e.set.list);
	e.set.list.prev = &b->list;		/* a broken back link */
	assert_int_equal(vma_validate(&e.set, 0), -VMA_BAD_LIST);
	e.set.list.prev = &c->list;

	b->flags = RX;			/* b, c adjacent and alike */
	b->end = c->start;
	e.set.total_pages += 10;
	assert_int_equal(vma_validate(&e.set, 0), 0);
	assert_int_equal(vma_validate(&e.set, VMA_VALIDATE_MERGED),
			 -VMA_UNMERGED);
	b->end = A(40);
	b->flags = R;
	e.set.total_pages -= 10;
	check(&e);
	env_fini(&e);
}

/* ------------------------------------------- failure at every allocation */

/* A base set of a few VMAs, then one range operation. */
struct fail_case {
	const char *name;
	void (*setup)(struct env *e);
	int (*op)(struct env *e);
	long allocs;		/* allocations the operation makes */
};

static void setup_three(struct env *e)
{
	struct vm_area *v;

	map(e, 10, 20, RW, &files[0], 0);
	v = map(e, 20, 40, R, NULL, 0);
	fault_anon(v);
	map(e, 40, 60, RX, &files[1], 3);
}

static long op_err(void *p)
{
	return IS_ERR(p) ? PTR_ERR(p) : 0;
}

static int op_unmap_punch(struct env *e)
{
	return vma_unmap_range(&e->set, A(25), A(30), &e->alloc, t_unmapped);
}

static int op_unmap_span(struct env *e)
{
	return vma_unmap_range(&e->set, A(15), A(45), &e->alloc, t_unmapped);
}

static int op_map_fresh(struct env *e)
{
	struct vma_desc d = { A(70), A(80), RW, 0, NULL, NULL };

	return (int)op_err(vma_map_range(&e->set, &d, &e->alloc, t_unmapped));
}

static int op_map_punch(struct env *e)
{
	struct vma_desc d = { A(25), A(30), RW, 0, &files[2], NULL };

	return (int)op_err(vma_map_range(&e->set, &d, &e->alloc, t_unmapped));
}

static int op_map_span(struct env *e)
{
	struct vma_desc d = { A(15), A(45), RW, 0, &files[2], NULL };

	return (int)op_err(vma_map_range(&e->set, &d, &e->alloc, t_unmapped));
}

static int op_protect_middle(struct env *e)
{
	return vma_protect_range(&e->set, A(25), A(30), VM_ACCESS_FLAGS, 0,
				 &e->alloc);
}

static int op_protect_span(struct env *e)
{
	return vma_protect_range(&e->set, A(15), A(45), VM_ACCESS_FLAGS,
				 VM_READ, &e->alloc);
}

static int op_protect_head(struct env *e)
{
	return vma_protect_range(&e->set, A(20), A(30), VM_ACCESS_FLAGS,
				 VM_READ | VM_WRITE, &e->alloc);
}

static int op_split(struct env *e)
{
	return (int)op_err(vma_split(&e->set, vma_find(&e->set, A(30)), A(33),
				     &e->alloc));
}

static const struct fail_case fail_cases[] = {
	{ "unmap punch", setup_three, op_unmap_punch, 1 },
	{ "unmap span", setup_three, op_unmap_span, 0 },
	{ "map fresh", setup_three, op_map_fresh, 1 },
	{ "map punch", setup_three, op_map_punch, 2 },
	{ "map span", setup_three, op_map_span, 1 },
	{ "protect middle", setup_three, op_protect_middle, 2 },
	{ "protect span", setup_three, op_protect_span, 2 },
	{ "protect head", setup_three, op_protect_head, 1 },
	{ "split", setup_three, op_split, 1 },
};

/* Fail allocation k (k = 1, 2, ...) until the operation succeeds. */
static void run_fail_case(const struct fail_case *fc)
{
	struct env e;
	struct snap s;
	long k, base;
	int err;

	for (k = 1;; k++) {
		env_init(&e);
		fc->setup(&e);
		snap_take(&e, &s);
		e.nlog = 0;
		base = e.attempts;
		e.fail_at = base + k;
		err = fc->op(&e);
		if (err != -ENOMEM)
			break;
		check_flags(&e, 0);
		snap_expect(&e, &s);
		assert_int_equal(e.nlog, 0);
		env_fini(&e);
	}
	if (err)
		fail_msg("%s: error %d", fc->name, err);
	assert_int_equal(k - 1, fc->allocs);
	assert_int_equal(e.attempts - base, fc->allocs);
	check_flags(&e, 0);
	env_fini(&e);
}

static void test_alloc_failure_everywhere(void **state)
{
	unsigned int i;

	(void)state;
	for (i = 0; i < sizeof(fail_cases) / sizeof(fail_cases[0]); i++)
		run_fail_case(&fail_cases[i]);
}

/* -------------------------------------------------------- random model */

#define NPAGES 64

struct mpage {
	bool mapped;
	unsigned long flags;
	struct tobj *file;
	unsigned long pgoff;	/* of this page, if file */
	void *anon;		/* NULL until the set gives it one */
};

struct model {
	struct mpage p[NPAGES];
};

/* Expected mprotect result on the model: 0, -ENOMEM or -EACCES. */
static int model_protect(struct model *m, int s, int end, unsigned long mask,
			 unsigned long nf, bool apply)
{
	int i;

	for (i = s; i < end; i++) {
		unsigned long f = (m->p[i].flags & ~mask) | (nf & mask);

		if (!m->p[i].mapped)
			return -ENOMEM;
		if (f & VM_ACCESS_FLAGS & ~(f >> VM_MAY_SHIFT))
			return -EACCES;
		if (apply)
			m->p[i].flags = f;
	}
	return 0;
}

/* The test's own merge rule, written from the spec. */
static bool model_mergeable(const struct vm_area *a, const struct vm_area *b)
{
	return a->end == b->start && a->flags == b->flags &&
	       a->file == b->file && a->ops == b->ops &&
	       (!a->anon || !b->anon || a->anon == b->anon) &&
	       (!a->file || a->pgoff + (a->end - a->start) / PG == b->pgoff);
}

/* Compare the set with the model page by page; learn anon assignments. */
static void model_compare(struct env *e, struct model *m)
{
	struct vm_area *vma, *prev = NULL;
	unsigned long mapped = 0;
	int i;

	check(e);
	for (i = 0; i < NPAGES; i++) {
		struct mpage *p = &m->p[i];

		vma = vma_find(&e->set, A(i) + (unsigned long)i * 8);
		assert_int_equal(vma != NULL, p->mapped);
		if (!vma)
			continue;
		mapped++;
		assert_int_equal(vma->flags, p->flags);
		assert_ptr_equal(vma->file, p->file);
		if (p->file)
			assert_int_equal(vma->pgoff + (A(i) - vma->start) / PG,
					 p->pgoff);
		if (p->anon)	/* anon never changes under a mapped page */
			assert_ptr_equal(vma->anon, p->anon);
		p->anon = vma->anon;
	}
	assert_int_equal(e->set.total_pages, mapped);
	vma_for_each(vma, &e->set) {
		assert_true(vma->start >= A(0) && vma->end <= A(NPAGES));
		if (prev)
			assert_false(model_mergeable(prev, vma));
		prev = vma;
	}
}

static const unsigned long rand_flags[] = {
	R, RW, RX, VM_MAYALL, RW | VM_SHARED, VM_READ | VM_MAYREAD,
	VM_READ | VM_MAYREAD | VM_MAYWRITE, RW | VM_GROWSDOWN,
};

static void rand_range(struct unit_rng *rng, int *s, int *end)
{
	int max = unit_rng_below(rng, 4) ? 8 : 40;	/* mostly short */

	*s = (int)unit_rng_below(rng, NPAGES);
	*end = *s + 1 + (int)unit_rng_below(rng, (uint64_t)max);
	if (*end > NPAGES)
		*end = NPAGES;
}

static int pages_mapped(struct model *m, int s, int end)
{
	int i, n = 0;

	for (i = s; i < end; i++)
		n += m->p[i].mapped;
	return n;
}

/*
 * Mostly a range inside one run of mapped pages (so that protect gets
 * past its hole check); else rand_range.
 */
static void rand_mapped_range(struct unit_rng *rng, struct model *m, int *s,
			      int *end)
{
	int n = pages_mapped(m, 0, NPAGES), k, p, l, r;

	rand_range(rng, s, end);
	if (unit_rng_below(rng, 4) == 0 || n == 0)
		return;
	k = (int)unit_rng_below(rng, (uint64_t)n);
	for (p = 0; !m->p[p].mapped || k-- > 0; p++)
		;
	l = r = p;
	while (l > 0 && m->p[l - 1].mapped)
		l--;
	while (r < NPAGES && m->p[r].mapped)
		r++;
	*s = l + (int)unit_rng_below(rng, (uint64_t)(r - l));
	*end = *s + 1 + (int)unit_rng_below(rng, (uint64_t)(r - *s));
}

/* The operation failed for want of memory: was it injected? */
static void expect_injected(struct env *e, long err)
{
	assert_int_equal(err, -ENOMEM);
	assert_true(e->fail_at && e->attempts >= e->fail_at);
}

static int step_map(struct env *e, struct model *m, struct unit_rng *rng,
		    int s, int end)
{
	unsigned long flags = rand_flags[unit_rng_below(rng, 8)];
	int f = (int)unit_rng_below(rng, 4);
	struct tobj *file = f < 2 ? NULL : &files[f - 2];
	unsigned long pgoff = unit_rng_below(rng, 4) ? (unsigned long)s :
			      unit_rng_below(rng, 100);
	struct vma_desc d = { A(s), A(end), flags, pgoff, file, NULL };
	int want = pages_mapped(m, s, end), i;
	struct vm_area *vma;

	vma = vma_map_range(&e->set, &d, &e->alloc, t_unmapped);
	if (IS_ERR(vma)) {
		expect_injected(e, PTR_ERR(vma));
		return -ENOMEM;
	}
	assert_int_equal(e->unmapped_pages, want);
	for (i = s; i < end; i++) {
		unsigned long off = pgoff + (unsigned long)(i - s);

		m->p[i] = (struct mpage){ true, flags, file, off, NULL };
	}
	return 0;
}

static int step_unmap(struct env *e, struct model *m, int s, int end)
{
	int want = pages_mapped(m, s, end), i;
	int err = vma_unmap_range(&e->set, A(s), A(end), &e->alloc, t_unmapped);

	if (err) {
		expect_injected(e, err);
		return err;
	}
	assert_int_equal(e->unmapped_pages, want);
	for (i = s; i < end; i++)
		m->p[i].mapped = false;
	return 0;
}

static int step_protect(struct env *e, struct model *m, struct unit_rng *rng,
			int s, int end)
{
	unsigned long mask = VM_ACCESS_FLAGS, nf;
	int want, err;

	if (unit_rng_below(rng, 8) == 0)
		mask |= VM_NORESERVE;
	nf = unit_rng_below(rng, 8);		/* some of READ, WRITE, EXEC */
	if (unit_rng_below(rng, 2))
		nf |= VM_NORESERVE;
	want = model_protect(m, s, end, mask, nf, false);
	err = vma_protect_range(&e->set, A(s), A(end), mask, nf, &e->alloc);
	if (err && !want) {
		expect_injected(e, err);
		return err;
	}
	assert_int_equal(err, want);
	if (!err)
		model_protect(m, s, end, mask, nf, true);
	return err;
}

static void step_fault(struct env *e, struct unit_rng *rng)
{
	struct vm_area *vma = vma_find(&e->set, A(unit_rng_below(rng, NPAGES)));

	if (vma && !vma->anon)
		fault_anon(vma);
}

/* Brute force: the highest free run of len pages in [0, NPAGES). */
static int model_top_down(struct model *m, int len)
{
	int a, i;

	for (a = NPAGES - len; a >= 0; a--) {
		for (i = a; i < a + len && !m->p[i].mapped; i++)
			;
		if (i == a + len)
			return a;
	}
	return -1;
}

static void step_gua(struct env *e, struct model *m, struct unit_rng *rng)
{
	int len = 1 + (int)unit_rng_below(rng, 12);
	int want = model_top_down(m, len);
	unsigned long addr;
	int err;

	err = vma_get_unmapped_area(&e->set, (unsigned long)len * PG, 0, A(0),
				    A(NPAGES), &addr);
	if (want < 0) {
		assert_int_equal(err, -ENOMEM);
	} else {
		assert_int_equal(err, 0);
		assert_int_equal(addr, A(want));
	}
}

static void random_run(uint64_t seed, int steps)
{
	struct model *m = calloc(1, sizeof(*m));
	struct unit_rng rng;
	struct snap s;
	struct env e;
	int step;

	unit_rng_seed(&rng, seed);
	env_init(&e);
	for (step = 0; step < steps; step++) {
		unsigned int op = (unsigned int)unit_rng_below(&rng, 100);
		int a, b, err = 0;

		rand_mapped_range(&rng, m, &a, &b);
		snap_take(&e, &s);
		e.fail_at = unit_rng_below(&rng, 8) ? 0 :
			    e.attempts + 1 + (long)unit_rng_below(&rng, 2);
		e.nlog = 0;
		e.unmapped_pages = 0;
		if (op < 40)
			err = step_map(&e, m, &rng, a, b);
		else if (op < 65)
			err = step_unmap(&e, m, a, b);
		else if (op < 90)
			err = step_protect(&e, m, &rng, a, b);
		else if (op < 95)
			step_fault(&e, &rng);
		else
			step_gua(&e, m, &rng);
		if (err) {		/* a failed operation changed nothing */
			snap_expect(&e, &s);
			assert_int_equal(e.nlog, 0);
		}
		e.fail_at = 0;
		model_compare(&e, m);
	}
	env_fini(&e);
	free(m);
}

static void test_random_1(void **state)
{
	(void)state;
	random_run(1, 20000);
}

static void test_random_2(void **state)
{
	(void)state;
	random_run(0x5eed, 20000);
}

static void test_random_3(void **state)
{
	(void)state;
	random_run(0xfeedface, 20000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_insert_and_lookup),
		cmocka_unit_test(test_insert_einval),
		cmocka_unit_test(test_mergeable),
		cmocka_unit_test(test_split),
		cmocka_unit_test(test_merge_around),
		cmocka_unit_test(test_unmap_exact),
		cmocka_unit_test(test_unmap_middle),
		cmocka_unit_test(test_unmap_spanning),
		cmocka_unit_test(test_unmap_partial_both_ends),
		cmocka_unit_test(test_unmap_nothing),
		cmocka_unit_test(test_unmap_einval),
		cmocka_unit_test(test_unmap_enomem),
		cmocka_unit_test(test_map_basic),
		cmocka_unit_test(test_map_einval),
		cmocka_unit_test(test_map_merges),
		cmocka_unit_test(test_map_file_pgoff),
		cmocka_unit_test(test_map_replace),
		cmocka_unit_test(test_map_over_several),
		cmocka_unit_test(test_map_enomem),
		cmocka_unit_test(test_protect_middle_and_back),
		cmocka_unit_test(test_protect_merges_with_neighbours),
		cmocka_unit_test(test_protect_holes),
		cmocka_unit_test(test_protect_eacces),
		cmocka_unit_test(test_protect_file_pgoff),
		cmocka_unit_test(test_protect_no_change_no_alloc),
		cmocka_unit_test(test_protect_einval),
		cmocka_unit_test(test_get_unmapped_area),
		cmocka_unit_test(test_validate_catches_corruption),
		cmocka_unit_test(test_alloc_failure_everywhere),
		cmocka_unit_test(test_random_1),
		cmocka_unit_test(test_random_2),
		cmocka_unit_test(test_random_3),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
