/*
 * The page allocator: a buddy allocator (orders 0..MAX_ORDER) per zone,
 * with per-CPU lists of order-0 pages refilled and drained in batches so
 * the common single-page allocation and free take no global lock.
 *
 * alloc_pages() returns 2^order contiguous pages, refcount 1, or NULL.
 * free_pages() gives them back (the caller's reference must be the last).
 * get_page()/put_page() manage shared references; the last put frees.
 * None of these sleep; all may be called with interrupts disabled.
 */
#ifndef MM_PAGE_ALLOC_H
#define MM_PAGE_ALLOC_H

#include <mm/page.h>

#define MAX_ORDER 10          /* largest block: 2^10 pages = 4 MiB */
#define PCP_BATCH 16          /* pages moved between a per-CPU list and the buddy at once */
#define PCP_HIGH  64          /* a per-CPU list longer than this is drained by a batch */

/* Allocation flags. */
typedef unsigned int gfp_t;
#define GFP_KERNEL 0x0u
#define __GFP_ZERO 0x1u       /* zero the pages */
#define __GFP_NOWARN 0x2u     /* no console message on failure */

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void free_pages(struct page *page, unsigned int order);
static inline struct page *alloc_page(gfp_t gfp) { return alloc_pages(gfp, 0); }
static inline void free_page(struct page *page) { free_pages(page, 0); }

/* Linear-map address conveniences. */
void *get_free_pages(gfp_t gfp, unsigned int order);
void free_pages_addr(void *addr, unsigned int order);

void get_page(struct page *page);
void put_page(struct page *page);   /* frees at zero; a PG_head page frees its whole block */

/* Statistics for /proc/meminfo and the leak checks of the tests. */
struct page_stats {
	unsigned long total;                  /* pages managed by the allocator */
	unsigned long free;                   /* in the buddy plus on per-CPU lists */
	unsigned long free_by_order[MAX_ORDER + 1];   /* free buddy blocks per order */
	unsigned long pcp;                    /* on per-CPU lists */
};
void page_alloc_stats(struct page_stats *st);
unsigned long nr_free_pages(void);

/* Boot: build mem_map and hand the boot allocator's free ranges over. */
void page_alloc_init(void);
/*
 * Give the boot allocator's reservation of the initrd [start, end) back to
 * the page allocator once it has been unpacked: the whole pages inside it
 * (the partial pages at its ends stay reserved). Refuses (0, with a
 * warning) if the range overlaps the kernel, the device tree or reserved
 * memory. Returns the pages freed. Call once; may not sleep.
 */
unsigned long free_initrd_mem(phys_addr_t start, phys_addr_t end);
/* Give this cpu's per-CPU list back to the buddy (tests, hot-unplug). */
void page_alloc_drain_cpu(void);

/*
 * Debug: check every invariant of the free lists and per-CPU lists
 * (buddy.c, zone_validate()). 0, or -EINVAL after printing the problem.
 * Walks all of mem_map with the zone lock held; call it only while no
 * other cpu allocates or frees.
 */
int page_alloc_validate(void);

#endif /* MM_PAGE_ALLOC_H */
