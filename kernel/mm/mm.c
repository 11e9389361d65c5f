/*
 * Address spaces: creating, duplicating (fork), switching and tearing
 * down a struct mm_struct (interface in <mm/mm.h>), plus the helpers the
 * other address-space files share (mm_internal.h): the VMA callbacks,
 * zapping PTEs, freeing page tables of holes.
 *
 * Invariants, between operations (mm_validate checks them):
 *  - every present user PTE lies inside a VMA and grants at most what the
 *    VMA allows (uvm_prot of its flags); a PTE_PROTNONE PTE only in a VMA
 *    that allows nothing;
 *  - each present PTE holds one page reference and one mapcount of its
 *    page; rss counts the present PTEs, pt_pages the tables below the root;
 *  - the VMA set is fully merged (vma_validate with VMA_VALIDATE_MERGED).
 *
 * Locks: mm->lock ("mm_lock"), with interrupts off (<mm/mm.h> says why).
 * mm_dup takes the child's lock nested inside the parent's ("mm_lock/1").
 * Under it: the page allocator and the vm_area slab cache (zone_lock,
 * slab_lock) and SBI remote fences. mm_switch takes no lock.
 */
#include <arch/cacheflush.h>
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <arch/uvm.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/pagemap.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <sched/sched.h>
#include <uapi/errno.h>
#include "mm_internal.h"

static struct kmem_cache *mm_cache;    /* [I] struct mm_struct */
static struct kmem_cache *vma_cache;   /* [I] struct vm_area */
struct mm_stats mm_counters;           /* [a] */

void mm_init(void)
{
	mm_cache = kmem_cache_create("mm_struct", sizeof(struct mm_struct), 0, NULL);
	vma_cache = kmem_cache_create("vm_area", sizeof(struct vm_area), 0, NULL);
	if (!mm_cache || !vma_cache)
		panic("mm: cannot create the mm_struct and vm_area caches");
}

_Static_assert(sizeof(struct mm_stats) % sizeof(long) == 0, "mm_stats: unsigned longs only");

void mm_stats_read(struct mm_stats *st)
{
	const unsigned long *src = (const unsigned long *)&mm_counters;
	unsigned long *dst = (unsigned long *)st;

	for (size_t i = 0; i < sizeof(*st) / sizeof(long); i++)
		dst[i] = __atomic_load_n(&src[i], __ATOMIC_RELAXED);
	st->pt_pages = uvm_pt_pages();
	st->tlb_shootdowns = uvm_shootdowns();
}

/* ------------------------------------------------------ VMA callbacks */

static struct vm_area *mm_vma_alloc(void *ctx)
{
	return kmem_cache_alloc(vma_cache, __GFP_NOWARN);
}

static void mm_vma_hold(void *ctx, struct vm_area *vma)
{
	const struct vm_operations *ops = vma_ops(vma);

	if (vma->file && ops && ops->open)
		ops->open(vma);
}

static void mm_vma_free(void *ctx, struct vm_area *vma)
{
	const struct vm_operations *ops = vma_ops(vma);
	struct mm_op *op = ctx;

	if (vma->file && ops && ops->close) {
		if (op && op->release) {
			list_add_tail(&vma->list, op->release);   /* out of the set: the link is free */
			return;
		}
		ops->close(vma);
	}
	kmem_cache_free(vma_cache, vma);
}

void mm_release_vmas(struct list_head *release)
{
	while (!list_empty(release)) {
		struct vm_area *vma = list_first_entry(release, struct vm_area, list);

		list_del(&vma->list);
		vma_ops(vma)->close(vma);
		kmem_cache_free(vma_cache, vma);
	}
}

void mm_vma_alloc_init(struct vma_alloc *alloc, struct mm_op *op)
{
	alloc->alloc = mm_vma_alloc;
	alloc->free = mm_vma_free;
	alloc->hold = mm_vma_hold;
	alloc->ctx = op;
}

/* ---------------------------------------------------- PTEs and tables */

void mm_map_page(struct mm_struct *mm, pte_t *pte, struct page *page, u64 prot)
{
	assert_held(&mm->lock);
	BUG_ON(*pte != 0);
	atomic_inc(&page->mapcount);
	/* The page's contents before the PTE: a user on another hart reads it through the MMU. */
	smp_wmb();
	WRITE_ONCE(*pte, upte_make(page, prot));
	mm->rss++;
}

struct zap_ctx {
	struct mm_struct *mm;
	struct uvm_gather *gather;
	bool shared_file;   /* pages of a MAP_SHARED file mapping: PTE_D -> PG_dirty */
};

static int zap_pte(void *ctx, pte_t *pte, unsigned long va)
{
	struct zap_ctx *z = ctx;
	struct page *page = upte_page(*pte);

	BUG_ON(!upte_present(*pte));
	BUG_ON(atomic_read(&page->mapcount) <= 0);
	if (z->shared_file && (*pte & PTE_D))
		set_page_dirty(page);
	WRITE_ONCE(*pte, 0);
	/* The range before the page: an early flush in uvm_gather_page must cover it. */
	uvm_gather_range(z->gather, va, va + PAGE_SIZE);
	atomic_dec(&page->mapcount);
	z->mm->rss--;
	uvm_gather_page(z->gather, page);
	return 0;
}

void mm_zap_range(struct mm_struct *mm, const struct vm_area *vma, unsigned long start,
		  unsigned long end, struct uvm_gather *g)
{
	struct zap_ctx z = {
		.mm = mm, .gather = g,
		.shared_file = (vma->flags & VM_SHARED) && vma_is_file_cache(vma),
	};

	assert_held(&mm->lock);
	uvm_walk_range(mm->pgd, start, end, zap_pte, &z);
}

struct clean_ctx {
	bool changed;   /* a PTE lost its write permission: flush */
};

static int clean_pte(void *ctx, pte_t *pte, unsigned long va)
{
	struct clean_ctx *c = ctx;
	struct page *page = upte_page(*pte);
	const struct address_space *mapping;

	(void)va;
	if (!upte_present(*pte) || !(*pte & PTE_D))
		return 0;
	set_page_dirty(page);
	mapping = READ_ONCE(page->mapping);
	if (mapping && mapping->a_ops && mapping->a_ops->writepage) {
		WRITE_ONCE(*pte, *pte & ~(PTE_W | PTE_D));   /* the next store faults and redirties */
		c->changed = true;
	}
	return 0;
}

void mm_clean_shared_ptes(struct mm_struct *mm, const struct vm_area *vma, unsigned long start,
			  unsigned long end)
{
	struct clean_ctx c = { .changed = false };

	assert_held(&mm->lock);
	if (!(vma->flags & VM_SHARED) || !vma_is_file_cache(vma))
		return;
	uvm_walk_range(mm->pgd, start, end, clean_pte, &c);
	if (c.changed)
		flush_tlb_mm_range(mm, start, end);
}

void mm_unmapped(void *ctx, struct vm_area *vma, unsigned long start, unsigned long end)
{
	struct mm_op *op = ctx;

	mm_zap_range(op->mm, vma, start, end, op->gather);
}

void mm_free_hole_tables(struct mm_struct *mm, unsigned long start, unsigned long end,
			 struct uvm_gather *g)
{
	struct vm_area *next = vma_find_next(&mm->vmas, start);
	struct vm_area *prev = next ? vma_prev(&mm->vmas, next) : vma_last(&mm->vmas);
	unsigned long floor = prev ? prev->end : 0;
	unsigned long ceiling = next ? next->start : USER_TOP;

	assert_held(&mm->lock);
	BUG_ON(floor > start || ceiling < end);
	uvm_free_tables(mm->pgd, start, end, floor, ceiling, g, &mm->pt_pages);
}

/* ------------------------------------------------------ create, destroy */

struct mm_struct *mm_create(void)
{
	struct mm_struct *mm = kmem_cache_alloc(mm_cache, __GFP_ZERO | __GFP_NOWARN);

	if (!mm)
		return ERR_PTR(-ENOMEM);
	mm->pgd = uvm_pgd_alloc();
	if (!mm->pgd)
		goto err_free_mm;
	atomic_set(&mm->users, 1);
	atomic_set(&mm->count, 1);
	spin_lock_init(&mm->lock, "mm_lock");
	vma_set_init(&mm->vmas, USER_TOP);
	mm->mmap_base = MM_MMAP_BASE_DEFAULT;
	mm->stack_limit = MM_STACK_LIMIT_DEFAULT;
	mm->stack_guard_gap = MM_STACK_GUARD_GAP;
	mm_count_event(mm_live);
	return mm;

err_free_mm:
	kmem_cache_free(mm_cache, mm);
	return ERR_PTR(-ENOMEM);
}

static void mm_grab(struct mm_struct *mm)
{
	BUG_ON(atomic_read(&mm->count) <= 0);
	atomic_inc(&mm->count);
}

/* Drop a struct reference; the last frees the root and the struct. Any context. */
static void mm_drop(struct mm_struct *mm)
{
	if (!atomic_dec_and_test(&mm->count))
		return;
	BUG_ON(__atomic_load_n(&mm->cpumask, __ATOMIC_RELAXED) != 0);
	BUG_ON(atomic_read(&mm->users) != 0);
	uvm_pgd_free(mm->pgd);
	kmem_cache_free(mm_cache, mm);
	__atomic_sub_fetch(&mm_counters.mm_live, 1, __ATOMIC_RELAXED);
}

void mm_get(struct mm_struct *mm)
{
	BUG_ON(atomic_read(&mm->users) <= 0);
	atomic_inc(&mm->users);
}

/*
 * The last user is gone: unmap every VMA, free every page and table below
 * the root, flushing the harts that still have mm loaded (lazily) once.
 */
static void mm_teardown(struct mm_struct *mm)
{
	struct uvm_gather g;
	LIST_HEAD(release);
	struct mm_op op = { .mm = mm, .gather = &g, .release = &release };
	struct vma_alloc alloc;
	unsigned long irq = mm_lock(mm);

	/* No user is left, so no hart can load mm now: if none has it, nothing to flush. */
	if (__atomic_load_n(&mm->cpumask, __ATOMIC_ACQUIRE))
		uvm_gather_init(&g, mm);
	else
		uvm_gather_init_unloaded(&g, mm);
	mm_vma_alloc_init(&alloc, &op);
	vma_set_clear(&mm->vmas, &alloc, mm_unmapped);
	uvm_free_tables(mm->pgd, 0, USER_TOP, 0, USER_TOP, &g, &mm->pt_pages);
	uvm_gather_finish(&g);
	BUG_ON(mm->rss != 0 || mm->pt_pages != 0);
	mm_unlock(mm, irq);
	mm_release_vmas(&release);
}

void mm_put(struct mm_struct *mm)
{
	BUG_ON(atomic_read(&mm->users) <= 0);
	if (!atomic_dec_and_test(&mm->users))
		return;
	mm_teardown(mm);
	mm_drop(mm);
}

/* ------------------------------------------------------------- switch */

struct mm_struct *mm_active(void)
{
	return this_cpu()->active_mm;
}

void mm_switch(struct mm_struct *next)
{
	unsigned long irq = local_irq_save();
	struct cpu *c = this_cpu();
	struct mm_struct *prev = c->active_mm;
	unsigned long bit = 1UL << c->id;

	if (prev != next) {
		if (next) {
			mm_grab(next);
			/* Fully ordered: pairs with the fence before the cpumask read in flush_mm(). */
			__atomic_or_fetch(&next->cpumask, bit, __ATOMIC_SEQ_CST);
			/* Code written since this hart last ran next (mm_flush_icache). */
			if (READ_ONCE(next->icache_stale) & bit) {
				__atomic_and_fetch(&next->icache_stale, ~bit, __ATOMIC_SEQ_CST);
				local_flush_icache();
			}
		}
		uvm_activate(next ? next->pgd : NULL);
		c->active_mm = next;
		if (prev) {
			/* After the flush above: a shootdown that misses this bit is not needed here. */
			__atomic_and_fetch(&prev->cpumask, ~bit, __ATOMIC_SEQ_CST);
			mm_drop(prev);
		}
	}
	local_irq_restore(irq);
}

void mm_flush_icache(struct mm_struct *mm)
{
	unsigned long irq = local_irq_save();
	unsigned long self = 1UL << this_cpu()->id;

	/* Marked before the others' cpumask is read: a hart loading mm now either is seen below or sees the mark. */
	__atomic_or_fetch(&mm->icache_stale, ~self, __ATOMIC_SEQ_CST);
	local_flush_icache();
	if (__atomic_load_n(&mm->cpumask, __ATOMIC_SEQ_CST) & ~self)
		flush_icache_all();
	local_irq_restore(irq);
}

/* --------------------------------------------------------------- fork */

struct dup_ctx {
	struct mm_struct *old, *new;
	const struct vm_area *vma;     /* being copied */
	pte_t *dst_table;              /* the child's level-0 table for dst_base */
	unsigned long dst_base;        /* 2 MiB span of dst_table; 1 = none */
	unsigned long wp_start, wp_end;   /* parent PTEs write-protected in here */
};

static pte_t *dup_dst_pte(struct dup_ctx *d, unsigned long va)
{
	unsigned long base = va & ~((PAGE_SIZE << 9) - 1);
	pte_t *pte;

	if (base == d->dst_base)
		return &d->dst_table[pt_index(va, 0)];
	pte = uvm_pte_alloc(d->new->pgd, va, &d->new->pt_pages);
	if (pte) {
		d->dst_base = base;
		d->dst_table = pte - pt_index(va, 0);
	}
	return pte;
}

/* Copy one PTE to the child: private writable pages become COW in both. */
static int dup_pte(void *ctx, pte_t *pte, unsigned long va)
{
	struct dup_ctx *d = ctx;
	pte_t *dst = dup_dst_pte(d, va);
	pte_t val = *pte;
	struct page *page = upte_page(val);

	if (!dst)
		return -ENOMEM;
	if ((val & PTE_W) && !(d->vma->flags & VM_SHARED)) {
		val &= ~PTE_W;
		WRITE_ONCE(*pte, val);
		if (d->wp_start == d->wp_end)
			d->wp_start = va;
		d->wp_end = va + PAGE_SIZE;
	}
	get_page(page);
	atomic_inc(&page->mapcount);
	WRITE_ONCE(*dst, val);
	d->new->rss++;
	return 0;
}

/* Give the child a copy of vma and of its PTEs. */
static int dup_vma(struct dup_ctx *d, const struct vm_area *vma)
{
	struct vm_area *copy = mm_vma_alloc(NULL);

	if (!copy)
		return -ENOMEM;
	*copy = *vma;
	copy->anon = NULL;
	RB_CLEAR_NODE(&copy->rb);
	INIT_LIST_HEAD(&copy->list);
	mm_vma_hold(NULL, copy);
	if (vma_insert(&d->new->vmas, copy))
		BUG();   /* the child's set mirrors the parent's: no overlap */
	d->vma = vma;
	return uvm_walk_range(d->old->pgd, vma->start, vma->end, dup_pte, d);
}

/* Both locks held: every VMA and PTE, then the scalar fields. */
static int dup_locked(struct dup_ctx *d)
{
	struct mm_struct *old = d->old, *new = d->new;
	struct vm_area *vma;

	vma_for_each(vma, &old->vmas) {
		int err = dup_vma(d, vma);

		if (err)
			return err;
	}
	new->brk_start = old->brk_start;
	new->brk = old->brk;
	new->start_stack = old->start_stack;
	new->mmap_base = old->mmap_base;
	new->stack_limit = old->stack_limit;
	new->stack_guard_gap = old->stack_guard_gap;
	new->vdso_base = old->vdso_base;
	/* the child runs the same code pages: the harts that have not fenced for them yet */
	new->icache_stale = READ_ONCE(old->icache_stale);
	return 0;
}

struct mm_struct *mm_dup(struct mm_struct *old)
{
	struct mm_struct *new = mm_create();
	struct dup_ctx d = { .old = old, .new = new, .dst_base = 1 };
	unsigned long irq;
	int err;

	if (IS_ERR(new))
		return new;
	irq = mm_lock(old);
	spin_lock_nested(&new->lock, 1);
	err = dup_locked(&d);
	/* One flush for every PTE write-protected, on every hart with old active. */
	if (d.wp_start != d.wp_end)
		flush_tlb_mm_range(old, d.wp_start, d.wp_end);
	spin_unlock(&new->lock);
	mm_unlock(old, irq);
	if (err) {
		mm_put(new);   /* unmaps what was copied */
		return ERR_PTR(err);
	}
	return new;
}

/* ------------------------------------------------------------ validate */

struct validate_ctx {
	struct mm_struct *mm;
	unsigned long present;
	const char *why;
	char buf[128];
};

static int validate_pte(void *ctx, pte_t *pte, unsigned long va)
{
	struct validate_ctx *v = ctx;
	struct vm_area *vma = vma_find(&v->mm->vmas, va);
	pte_t val = *pte;
	u64 allowed = vma ? uvm_prot(vma->flags) : 0;
	struct page *page = upte_page(val);

	if (!upte_present(val))
		v->why = "a non-zero PTE that is not present";
	else if (!vma)
		v->why = "a PTE outside every VMA";
	else if ((val & PTE_V) && (!(val & PTE_U) || (val & (PTE_R | PTE_W | PTE_X) & ~allowed)))
		v->why = "a PTE granting more than its VMA";
	else if (!(val & PTE_V) && allowed)
		v->why = "a PROT_NONE PTE in an accessible VMA";
	else if (atomic_read(&page->mapcount) <= 0 ||
		 atomic_read(&page->refcount) < atomic_read(&page->mapcount))
		v->why = "a mapped page with bad refcount/mapcount";
	if (v->why) {
		snprintf(v->buf, sizeof(v->buf), "%s at %#lx (pte %#lx)", v->why, va,
			 (unsigned long)val);
		v->why = v->buf;
		return 1;
	}
	v->present++;
	return 0;
}

static unsigned long count_tables(const pte_t *pgd)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < USER_PGD_ENTRIES; i++) {
		const pte_t *pmd;

		if (!(pgd[i] & PTE_V))
			continue;
		n++;
		pmd = __va(pte_to_pa(pgd[i]));
		for (unsigned int j = 0; j < PTRS_PER_PT; j++)
			n += (pmd[j] & PTE_V) != 0;
	}
	return n;
}

static const char *validate_locked(struct mm_struct *mm, struct validate_ctx *v)
{
	int err = vma_validate(&mm->vmas, VMA_VALIDATE_MERGED);
	unsigned long tables;

	if (memcmp(&mm->pgd[USER_PGD_ENTRIES], &kernel_pgd[USER_PGD_ENTRIES],
		   USER_PGD_ENTRIES * sizeof(pte_t)))
		return "the root's kernel half differs from kernel_pgd";
	if (err) {
		snprintf(v->buf, sizeof(v->buf), "VMA set invalid (%d)", err);
		return v->buf;
	}
	if (uvm_walk_range(mm->pgd, 0, USER_TOP, validate_pte, v))
		return v->why;
	tables = count_tables(mm->pgd);
	if (v->present != mm->rss || tables != mm->pt_pages) {
		snprintf(v->buf, sizeof(v->buf), "rss %lu for %lu PTEs, pt_pages %lu for %lu tables",
			 mm->rss, v->present, mm->pt_pages, tables);
		return v->buf;
	}
	return NULL;
}

const char *mm_validate(struct mm_struct *mm)
{
	static struct validate_ctx v;   /* the answer outlives the call; tests run one at a time */
	unsigned long irq = mm_lock(mm);
	const char *why;

	v.mm = mm;
	v.present = 0;
	v.why = NULL;
	why = validate_locked(mm, &v);
	mm_unlock(mm, irq);
	return why;
}

/*
 * Give back what this hart caches: per-CPU slab objects and pages, and a
 * lazily kept address space -- a hart that went idle (or runs a kernel
 * thread) after a user task keeps that task's mm loaded and referenced
 * until it next switches, which would hold a dead process's mm_struct and
 * page tables for as long as the hart stays idle. Interrupts are off.
 */
static void mm_drain_this_cpu(void *unused)
{
	(void)unused;
	if (!current->mm && this_cpu()->active_mm)
		mm_switch(NULL);
	slab_drain_all_cpu();
	page_alloc_drain_cpu();
}

void mm_drain_all_cpus(void)
{
	unsigned int self = smp_processor_id();

	for (unsigned int i = 0; i < nr_cpus; i++) {
		if (i == self || !smp_load_acquire(&cpus[i].online))
			continue;
		/* The call slot is single: wait (bounded) for an earlier call to finish. */
		u64 give_up = rdtime() + 10 * timebase_freq;
		while (smp_call_on_cpu(i, mm_drain_this_cpu, NULL, true) == -EBUSY &&
		       rdtime() < give_up)
			cpu_relax();
	}
	mm_drain_this_cpu(NULL);
}

unsigned long mm_free_pages_settled(void)
{
	/* Tasks that exited but have not switched away hold their stacks. */
	for (int i = 0; i < 1000 && nr_tasks_dying(); i++)
		msleep(1);
	kthread_stack_cache_drain();
	mm_drain_all_cpus();
	return nr_free_pages();
}
