/*
 * The buddy allocator's core: one zone, i.e. a range of page frames with
 * their struct pages, free lists per order and per-CPU lists of order-0
 * pages. Nothing here knows about the boot allocator or the device tree,
 * so the host unit tests (tests/unit/test_buddy.c) build a zone over a
 * malloc'd arena and drive it directly. kernel/mm/page_alloc.c owns the
 * running kernel's one zone and wraps these in alloc_pages() and friends;
 * the contracts below are the same as there (mm/page_alloc.h).
 *
 * A zone's frames are [start_pfn, end_pfn). Blocks are aligned to their
 * order in absolute pfn terms, so a zone whose start is not aligned to
 * MAX_ORDER simply has smaller blocks at its edges; a buddy outside the
 * zone is never merged with.
 */
#ifndef MM_BUDDY_H
#define MM_BUDDY_H

#include <arch/memlayout.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <locking/spinlock.h>
#include <mm/page.h>
#include <mm/page_alloc.h>

struct free_area {
	struct list_head free_list;   /* [L] heads of free blocks (PG_buddy), via page->lru */
	unsigned long nr_free;        /* [L] blocks on free_list */
};

/*
 * Order-0 pages kept for one cpu. Only that cpu touches it, with
 * interrupts disabled; statistics read count without synchronisation.
 */
struct per_cpu_pages {
	struct list_head list;        /* [c] PG_pcp pages via page->lru, most recently freed first */
	unsigned long count;          /* [c] pages on list, at most PCP_HIGH between calls */
} __aligned(64);

/*
 * Field locks: [I] set by zone_init() and never changed; [L] lock, always
 * taken with interrupts disabled; [c] the cpu owning the entry, with
 * interrupts disabled.
 */
struct zone {
	const char *name;                    /* [I] */
	unsigned long start_pfn;             /* [I] first frame */
	unsigned long end_pfn;               /* [I] one past the last frame */
	struct page *map;                    /* [I] struct page of start_pfn; the rest follow */

	struct spinlock lock;                /* class "zone_lock" (docs/memory.md) */
	unsigned long managed;               /* [L] pages handed over by zone_add_free_range() */
	unsigned long free;                  /* [L] pages in free_area blocks (not on per-CPU lists) */
	struct free_area free_area[MAX_ORDER + 1];   /* [L] */

	struct per_cpu_pages pcp[NR_CPUS];   /* [c] pcp[i] belongs to cpu i */
};

static inline bool zone_has_pfn(const struct zone *z, unsigned long pfn)
{
	return pfn >= z->start_pfn && pfn < z->end_pfn;
}

static inline struct page *zone_pfn_to_page(const struct zone *z, unsigned long pfn)
{
	return z->map + (pfn - z->start_pfn);
}

static inline unsigned long zone_page_to_pfn(const struct zone *z, const struct page *p)
{
	return z->start_pfn + (unsigned long)(p - z->map);
}

/*
 * Make z cover frames [start_pfn, start_pfn + npages) described by
 * map[0..npages). Every struct page is reset to PG_reserved with refcount
 * 1; nothing is free until zone_add_free_range(). Not concurrent with any
 * other use of z.
 */
void zone_init(struct zone *z, const char *name, struct page *map,
	       unsigned long start_pfn, unsigned long npages);

/*
 * Give frames [start_pfn, end_pfn) (inside the zone, all still
 * PG_reserved) to the allocator as maximal aligned blocks, merging with
 * free neighbours. Takes z->lock. Returns the number of pages added.
 */
unsigned long zone_add_free_range(struct zone *z, unsigned long start_pfn,
				  unsigned long end_pfn);

/*
 * 2^order contiguous pages with refcount 1 (the first PG_head with
 * ->order = order when order > 0), zeroed with __GFP_ZERO; NULL when no
 * block is free or order > MAX_ORDER, with a console line unless
 * __GFP_NOWARN. Order 0 comes from this cpu's list. Never sleeps.
 */
struct page *zone_alloc_pages(struct zone *z, gfp_t gfp, unsigned int order);

/* Free a block from zone_alloc_pages(); the caller's reference must be the only one. */
void zone_free_pages(struct zone *z, struct page *page, unsigned int order);

/* Drop a reference; the last one frees the page (the whole block if PG_head). */
void zone_put_page(struct zone *z, struct page *page);

/* Return this cpu's order-0 list to the buddy lists. */
void zone_drain_cpu(struct zone *z);

/*
 * Counts: exact when nothing allocates or frees concurrently; otherwise
 * the per-CPU part may be off by what is moving at that moment.
 */
void zone_stats(struct zone *z, struct page_stats *st);
unsigned long zone_nr_free(struct zone *z);

/*
 * Check every invariant: free blocks aligned, inside the zone, PG_buddy
 * on heads only, no two free buddies of one order left unmerged, list
 * lengths equal to nr_free and the page totals, per-CPU lists holding
 * only PG_pcp pages of their own cpu. Reads other cpus' lists, so call it
 * only while they are not allocating. O(zone size). Returns 0, or -EINVAL
 * after printing the first problem found.
 */
int zone_validate(struct zone *z);

#endif /* MM_BUDDY_H */
