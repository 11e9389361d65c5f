/*
 * User page tables and user TLB maintenance (interface in <arch/uvm.h>).
 *
 * Tables: a root per address space whose kernel half is a copy of
 * kernel_pgd's (entries 256..511; those never change after boot, so the
 * copy stays right: uvm_pgd_free checks it); below it, level-1 and
 * level-0 tables allocated on first use and freed by uvm_free_tables when
 * no VMA covers their span any more, or at teardown.
 *
 * TLB: no ASIDs. QEMU 7.2 flushes a hart's whole software TLB whenever the
 * ASID in satp changes and on every sfence.vma, so ASIDs would keep
 * nothing across a switch; every satp write is followed by one full
 * sfence.vma. flush_tlb_mm_range() sends one SBI RFENCE to the other harts
 * in mm->cpumask; the gather makes every operation flush once.
 *
 * Memory ordering of a shootdown against mm_switch(): the flusher stores
 * PTEs, then a full fence, then reads cpumask; the switcher sets its bit
 * with a fully ordered AMO, then writes satp and sfence.vma before any
 * walk. Either the flusher sees the bit (and flushes that hart) or the
 * switcher's walks see the new PTEs.
 *
 * Locks: none of its own. The caller holds the mm's lock around every
 * table access. uvm_pt_count is an atomic counter.
 */
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <arch/sbi.h>
#include <arch/uvm.h>
#include <kernel/panic.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>

static unsigned long uvm_pt_count;   /* [a] user table pages, roots included */
static unsigned long uvm_shootdown_count;   /* [a] user flushes sent to other harts */

static unsigned long level_size(int level)
{
	return 1UL << (PAGE_SHIFT + 9 * level);
}

/* The first address above va of the next level-`level` span. */
static unsigned long level_next(unsigned long va, int level)
{
	return (va | (level_size(level) - 1)) + 1;
}

static pte_t *entry_table(pte_t entry)
{
	BUG_ON(!(entry & PTE_V) || pte_is_leaf(entry));
	return __va(pte_to_pa(entry));
}

static void pt_count_add(long n)
{
	__atomic_add_fetch(&uvm_pt_count, (unsigned long)n, __ATOMIC_RELAXED);
}

unsigned long uvm_pt_pages(void)
{
	return __atomic_load_n(&uvm_pt_count, __ATOMIC_RELAXED);
}

unsigned long uvm_shootdowns(void)
{
	return __atomic_load_n(&uvm_shootdown_count, __ATOMIC_RELAXED);
}

pte_t *uvm_pgd_alloc(void)
{
	struct page *page = alloc_page(__GFP_ZERO | __GFP_NOWARN);
	pte_t *pgd;

	if (!page)
		return NULL;
	pgd = page_address(page);
	for (unsigned int i = 0; i < USER_PGD_ENTRIES; i++)
		BUG_ON(kernel_pgd[i] != 0);   /* the kernel never maps the user half */
	memcpy(&pgd[USER_PGD_ENTRIES], &kernel_pgd[USER_PGD_ENTRIES],
	       USER_PGD_ENTRIES * sizeof(pte_t));
	pt_count_add(1);
	return pgd;
}

void uvm_pgd_free(pte_t *pgd)
{
	for (unsigned int i = 0; i < USER_PGD_ENTRIES; i++)
		BUG_ON(pgd[i] != 0);
	/* The kernel half's root entries never change after boot (DESIGN.md §4). */
	BUG_ON(memcmp(&pgd[USER_PGD_ENTRIES], &kernel_pgd[USER_PGD_ENTRIES],
		      USER_PGD_ENTRIES * sizeof(pte_t)) != 0);
	free_page(virt_to_page(pgd));
	pt_count_add(-1);
}

pte_t *uvm_pte_lookup(pte_t *pgd, unsigned long va)
{
	pte_t *table = pgd;

	BUG_ON(va >= USER_TOP);
	for (int level = 2; level > 0; level--) {
		pte_t entry = READ_ONCE(table[pt_index(va, level)]);

		if (!(entry & PTE_V))
			return NULL;
		table = entry_table(entry);
	}
	return &table[pt_index(va, 0)];
}

pte_t *uvm_pte_alloc(pte_t *pgd, unsigned long va, unsigned long *nr_tables)
{
	pte_t *table = pgd;

	BUG_ON(va >= USER_TOP);
	for (int level = 2; level > 0; level--) {
		pte_t *entry = &table[pt_index(va, level)];

		if (!(*entry & PTE_V)) {
			struct page *page = alloc_page(__GFP_ZERO | __GFP_NOWARN);

			if (!page)
				return NULL;
			/* The zeroed table before the entry linking it: a walker on another hart. */
			smp_wmb();
			WRITE_ONCE(*entry, pa_to_pte(page_to_phys(page), PTE_V));
			(*nr_tables)++;
			pt_count_add(1);
		}
		table = entry_table(*entry);
	}
	return &table[pt_index(va, 0)];
}

/* fn on the non-zero slots of one level-0 table, for [va, end) within it. */
static int walk_table(pte_t *table, unsigned long va, unsigned long end,
		      uvm_pte_fn fn, void *ctx)
{
	for (unsigned int i = pt_index(va, 0); i < PTRS_PER_PT && va < end; i++) {
		if (table[i]) {
			int err = fn(ctx, &table[i], va);

			if (err)
				return err;
		}
		va += PAGE_SIZE;
	}
	return 0;
}

int uvm_walk_range(pte_t *pgd, unsigned long start, unsigned long end,
		   uvm_pte_fn fn, void *ctx)
{
	unsigned long va = start;

	BUG_ON(end > USER_TOP || (start & ~PAGE_MASK));
	while (va < end) {
		pte_t e2 = pgd[pt_index(va, 2)], e1;
		int err;

		if (!(e2 & PTE_V)) {
			va = level_next(va, 2);
			continue;
		}
		e1 = entry_table(e2)[pt_index(va, 1)];
		if (e1 & PTE_V) {
			err = walk_table(entry_table(e1), va, end, fn, ctx);
			if (err)
				return err;
		}
		va = level_next(va, 1);
	}
	return 0;
}

/* ----------------------------------------------------- freeing tables */

static void uvm_gather_table(struct uvm_gather *g, pte_t *table);

/* Is the level-`level` span holding va inside [floor, ceiling)? */
static bool span_inside(unsigned long va, int level, unsigned long floor,
			unsigned long ceiling)
{
	unsigned long base = va & ~(level_size(level) - 1);

	return base >= floor && base + level_size(level) <= ceiling;
}

static void table_check_empty(const pte_t *table)
{
#ifdef CONFIG_DEBUG
	for (unsigned int i = 0; i < PTRS_PER_PT; i++)
		BUG_ON(table[i] != 0);
#else
	(void)table;
#endif
}

/* Clear *entry and hand the (empty) table it links to g. */
static void free_table_at(pte_t *entry, struct uvm_gather *g, unsigned long *nr)
{
	pte_t *table = entry_table(*entry);

	table_check_empty(table);
	WRITE_ONCE(*entry, 0);
	uvm_gather_table(g, table);
	(*nr)--;
}

/* The level-1 table at *entry: free its level-0 tables in the gap, and itself if its span is. */
static void free_pmd_range(pte_t *entry, unsigned long start, unsigned long end,
			   unsigned long floor, unsigned long ceiling,
			   struct uvm_gather *g, unsigned long *nr)
{
	pte_t *pmd = entry_table(*entry);
	bool whole = span_inside(start, 2, floor, ceiling);
	unsigned long va = whole ? start & ~(level_size(2) - 1) : start;
	unsigned long stop = whole ? va + level_size(2) : end;

	for (; va < stop; va = level_next(va, 1)) {
		pte_t *e1 = &pmd[pt_index(va, 1)];

		if ((*e1 & PTE_V) && span_inside(va, 1, floor, ceiling))
			free_table_at(e1, g, nr);
	}
	if (whole)
		free_table_at(entry, g, nr);
}

void uvm_free_tables(pte_t *pgd, unsigned long start, unsigned long end,
		     unsigned long floor, unsigned long ceiling,
		     struct uvm_gather *g, unsigned long *nr_tables)
{
	BUG_ON(end > USER_TOP || start > end || floor > start || ceiling < end);
	for (unsigned long va = start; va < end;) {
		pte_t *e2 = &pgd[pt_index(va, 2)];
		unsigned long next = MIN(level_next(va, 2), end);

		if (*e2 & PTE_V)
			free_pmd_range(e2, va, next, floor, ceiling, g, nr_tables);
		va = next;
	}
}

/* ------------------------------------------------------------ the TLB */

/* One SBI RFENCE per 64-hartid window holding a cpu of mask. */
static void remote_flush(unsigned long cpu_mask, unsigned long start, unsigned long size)
{
	while (cpu_mask) {
		unsigned long base = ~0UL, harts = 0;

		for (unsigned int i = 0; i < nr_cpus; i++)
			if ((cpu_mask >> i) & 1)
				base = MIN(base, (unsigned long)cpus[i].hartid);
		for (unsigned int i = 0; i < nr_cpus; i++) {
			if (((cpu_mask >> i) & 1) && cpus[i].hartid - base < 64) {
				harts |= 1UL << (cpus[i].hartid - base);
				cpu_mask &= ~(1UL << i);
			}
		}
		sbi_remote_sfence_vma(harts, base, start, size);
		__atomic_add_fetch(&tlb_stats.remote_flushes, 1, __ATOMIC_RELAXED);
	}
}

/* size ~0UL: the whole address space, non-leaf entries included. */
static void flush_mm(struct mm_struct *mm, unsigned long start, unsigned long size)
{
	unsigned long irq = local_irq_save();   /* this hart's active_mm holds still */
	unsigned long self = 1UL << smp_processor_id();
	unsigned long mask;

	/* PTE stores before reading the mask; pairs with the AMO in mm_switch(). */
	smp_mb();
	mask = __atomic_load_n(&mm->cpumask, __ATOMIC_RELAXED);
	if (mask & self) {
		local_flush_tlb_all();
		__atomic_add_fetch(&tlb_stats.local_flushes, 1, __ATOMIC_RELAXED);
	}
	mask &= ~self;
	if (mask) {
		remote_flush(mask, start, size);
		__atomic_add_fetch(&uvm_shootdown_count, 1, __ATOMIC_RELAXED);
	}
	local_irq_restore(irq);
}

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	BUG_ON(start >= end || end > USER_TOP);
	flush_mm(mm, start, end - start);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	flush_mm(mm, 0, ~0UL);
}

void uvm_activate(pte_t *pgd)
{
	u64 satp = pgd ? SATP_MODE_SV39 | (__pa(pgd) >> PAGE_SHIFT) : kernel_satp;

	csr_write(satp, satp);
	local_flush_tlb_all();
	__atomic_add_fetch(&tlb_stats.satp_writes, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&tlb_stats.local_flushes, 1, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------- the gather */

/* Extra room for gathered pages: one page-allocator page. */
struct uvm_batch {
	struct uvm_batch *next;
	unsigned long nr;
	struct page *pages[(PAGE_SIZE - 2 * sizeof(long)) / sizeof(struct page *)];
};
_Static_assert(sizeof(struct uvm_batch) <= PAGE_SIZE, "a batch is one page");

void uvm_gather_init(struct uvm_gather *g, struct mm_struct *mm)
{
	g->mm = mm;
	g->start = g->end = 0;
	g->tables_freed = false;
	g->unloaded = false;
	g->nr = 0;
	g->batches = NULL;
}

void uvm_gather_init_unloaded(struct uvm_gather *g, struct mm_struct *mm)
{
	uvm_gather_init(g, mm);
	BUG_ON(__atomic_load_n(&mm->cpumask, __ATOMIC_ACQUIRE) != 0);
	g->unloaded = true;
}

void uvm_gather_range(struct uvm_gather *g, unsigned long start, unsigned long end)
{
	if (g->start == g->end) {
		g->start = start;
		g->end = end;
		return;
	}
	g->start = MIN(g->start, start);
	g->end = MAX(g->end, end);
}

/* Flush what changed, put every page, free the batches; g stays usable. */
static void gather_release(struct uvm_gather *g)
{
	if (g->unloaded)
		;   /* nothing cached anywhere, nothing gathered */
	else if (g->tables_freed)
		flush_tlb_mm(g->mm);
	else if (g->start != g->end)
		flush_tlb_mm_range(g->mm, g->start, g->end);
	g->start = g->end = 0;
	g->tables_freed = false;
	while (g->nr)
		put_page(g->local[--g->nr]);
	while (g->batches) {
		struct uvm_batch *b = g->batches;

		g->batches = b->next;
		while (b->nr)
			put_page(b->pages[--b->nr]);
		free_page(virt_to_page(b));
	}
}

void uvm_gather_page(struct uvm_gather *g, struct page *page)
{
	struct uvm_batch *b = g->batches;

	if (g->unloaded) {
		put_page(page);
		return;
	}
	if (g->nr < UVM_GATHER_INLINE) {
		g->local[g->nr++] = page;
		return;
	}
	if (!b || b->nr == ARRAY_SIZE(b->pages)) {
		struct page *bp = alloc_page(__GFP_NOWARN);

		if (!bp) {
			gather_release(g);   /* out of memory: flush early instead */
			g->local[g->nr++] = page;
			return;
		}
		b = page_address(bp);
		b->nr = 0;
		b->next = g->batches;
		g->batches = b;
	}
	b->pages[b->nr++] = page;
}

static void uvm_gather_table(struct uvm_gather *g, pte_t *table)
{
	g->tables_freed = true;
	uvm_gather_page(g, virt_to_page(table));
	pt_count_add(-1);
}

void uvm_gather_finish(struct uvm_gather *g)
{
	gather_release(g);
}
