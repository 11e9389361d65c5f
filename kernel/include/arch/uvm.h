/*
 * User page tables (Sv39, lower half) and user TLB maintenance
 * (kernel/arch/riscv/uvm.c).
 *
 * A user root table is one page: entries 0..255 map user space (below
 * USER_TOP), entries 256..511 are copied from kernel_pgd when the table is
 * made and never change (DESIGN.md §4; uvm_pgd_free checks it). Below the
 * root, user tables are allocated on demand and only ever hold 4 KiB
 * leaves: no user huge pages.
 *
 * A user leaf PTE is either
 *   0                          nothing mapped;
 *   V|U|A [|R|W|X] [|D] + PPN  a page mapped (R set whenever W is: W
 *                              without R is reserved in RISC-V; D is set
 *                              with W so the hardware never needs to);
 *   PTE_PROTNONE + PPN         a page kept but inaccessible (its VMA is
 *                              PROT_NONE): V is clear, so the MMU faults,
 *                              but the software walkers still see the page.
 * upte_present() is true for the last two.
 *
 * Locks: none here. Every function that reads or changes a user table is
 * called with the owning mm's lock held (mm_lock, docs/locking.md); the
 * PTE stores are single WRITE_ONCEs because the MMU of another hart may
 * walk the table at the same time.
 *
 * None of these sleep; all may run with interrupts off.
 */
#ifndef ARCH_UVM_H
#define ARCH_UVM_H

#include <arch/pgtable.h>
#include <kernel/types.h>
#include <mm/page.h>
#include <mm/vma.h>

struct mm_struct;

/* A software bit (RSW): page kept, no access (V is clear). */
#define PTE_PROTNONE (1UL << 8)

/* Root entries below this index map user space. */
#define USER_PGD_ENTRIES (PTRS_PER_PT / 2)
_Static_assert(USER_TOP == (unsigned long)USER_PGD_ENTRIES << (PAGE_SHIFT + 18),
	       "user half = root entries 0..255");

static inline bool upte_present(pte_t pte)
{
	return pte & (PTE_V | PTE_PROTNONE);
}

static inline struct page *upte_page(pte_t pte)
{
	return pfn_to_page(pte >> PTE_PPN_SHIFT);
}

/* The access bits (R/W/X) a VMA with vm_flags grants; 0 = none. */
static inline u64 uvm_prot(unsigned long vm_flags)
{
	u64 prot = 0;

	if (vm_flags & (VM_READ | VM_WRITE))
		prot |= PTE_R;
	if (vm_flags & VM_WRITE)
		prot |= PTE_W;
	if (vm_flags & VM_EXEC)
		prot |= PTE_X;
	return prot;
}

/* The leaf PTE mapping page with access bits prot (R/W/X, maybe 0). */
static inline pte_t upte_make(struct page *page, u64 prot)
{
	if (!prot)
		return pa_to_pte(page_to_phys(page), PTE_PROTNONE);
	return pa_to_pte(page_to_phys(page),
			 prot | PTE_V | PTE_U | PTE_A | ((prot & PTE_W) ? PTE_D : 0));
}

/* ---------------------------------------------------------- tables */

/*
 * A new root table: user half empty, kernel half copied from kernel_pgd.
 * NULL when out of memory. uvm_pgd_free() frees it; its user half must be
 * empty by then (BUG_ON), and its kernel half still equal to kernel_pgd's.
 */
pte_t *uvm_pgd_alloc(void);
void uvm_pgd_free(pte_t *pgd);

/* The level-0 PTE slot for va (< USER_TOP), or NULL if a table is missing. */
pte_t *uvm_pte_lookup(pte_t *pgd, unsigned long va);

/*
 * The level-0 PTE slot for va, allocating the missing tables (zeroed, from
 * the page allocator, no warning on failure; *nr_tables counts them).
 * NULL when out of memory (tables allocated so far stay, empty).
 */
pte_t *uvm_pte_alloc(pte_t *pgd, unsigned long va, unsigned long *nr_tables);

/*
 * Call fn(ctx, pte, va) for every non-zero leaf slot in [start, end)
 * (page aligned, end <= USER_TOP), in address order, skipping missing
 * tables a whole table at a time. fn may change *pte. A non-zero return
 * from fn stops the walk and is returned; otherwise 0.
 */
typedef int (*uvm_pte_fn)(void *ctx, pte_t *pte, unsigned long va);
int uvm_walk_range(pte_t *pgd, unsigned long start, unsigned long end,
		   uvm_pte_fn fn, void *ctx);

struct uvm_gather;

/*
 * Free the page tables below the root that cover only addresses inside
 * [floor, ceiling) and at least one address of [start, end): the caller
 * guarantees that no PTE in [floor, ceiling) is in use (no VMA there, all
 * zapped). The table pages go to g, to be freed after the TLB flush;
 * *nr_tables is decreased. Debug builds check the tables are empty.
 */
void uvm_free_tables(pte_t *pgd, unsigned long start, unsigned long end,
		     unsigned long floor, unsigned long ceiling,
		     struct uvm_gather *g, unsigned long *nr_tables);

/* User page-table pages allocated now, roots included (for statistics). */
unsigned long uvm_pt_pages(void);
/* flush_tlb_mm_range/flush_tlb_mm calls that reached another hart. */
unsigned long uvm_shootdowns(void);

/* --------------------------------------------------------- the TLB */

/*
 * Flush the user range [start, end) of mm from every hart that may cache
 * it: this hart with sfence.vma if mm is in its satp, the other harts in
 * mm->cpumask with one SBI RFENCE call (two only if their hartids span
 * more than 64). Nothing if no hart has mm active. Counted in tlb_stats.
 * Callers batch: one call per operation, never one per page.
 * flush_tlb_mm() flushes everything, non-leaf entries included (needed
 * after page tables were freed).
 */
void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void flush_tlb_mm(struct mm_struct *mm);

/*
 * Load pgd (NULL: kernel_pgd) into this hart's satp, then flush its whole
 * TLB: no ASIDs (docs/memory.md, "Address spaces"). Counted.
 */
void uvm_activate(pte_t *pgd);

/*
 * A gather: what an operation unmapped, kept until one TLB flush covers
 * it all, then released. Pages (their mapping's reference) and page-table
 * pages are put only after the flush, so no hart can reach a freed page
 * through a stale TLB entry. Extra room for more pages comes from the
 * page allocator; if that fails, the gather flushes and releases early
 * (one more flush) and goes on.
 *
 * Use: uvm_gather_init; any number of uvm_gather_range/page/table;
 * uvm_gather_finish. All with the mm's lock held.
 */
#define UVM_GATHER_INLINE 32

struct uvm_batch;

struct uvm_gather {
	struct mm_struct *mm;
	unsigned long start, end;      /* PTEs changed in here ([0, 0): none) */
	bool tables_freed;             /* flush non-leaf entries too */
	bool unloaded;                 /* no hart has or can get mm loaded: nothing to flush */
	unsigned int nr;               /* pages in local[] */
	struct page *local[UVM_GATHER_INLINE];
	struct uvm_batch *batches;     /* further pages, newest batch first */
};

void uvm_gather_init(struct uvm_gather *g, struct mm_struct *mm);
/*
 * For the teardown of an mm with no user left and no hart that has it
 * loaded (cpumask 0; none can load it again): no TLB can hold its
 * translations, so pages are put at once and nothing is flushed.
 */
void uvm_gather_init_unloaded(struct uvm_gather *g, struct mm_struct *mm);
/* PTEs of [start, end) changed: the finish must flush them. */
void uvm_gather_range(struct uvm_gather *g, unsigned long start, unsigned long end);
/* put_page(page) after the flush. */
void uvm_gather_page(struct uvm_gather *g, struct page *page);
/* Flush what changed (once), then put every gathered page. */
void uvm_gather_finish(struct uvm_gather *g);

#endif /* ARCH_UVM_H */
