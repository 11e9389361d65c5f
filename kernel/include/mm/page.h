/*
 * struct page: one per physical page frame of RAM (mem_map), and the
 * conversions between pages, frame numbers, physical and linear-map
 * addresses.
 *
 * Field locks: [a] atomic; [z] the owning zone's lock while the page is
 * free (buddy) or on a per-CPU list (that cpu, irqs off); [s] the slab
 * cache's lock while the page belongs to a slab; [o] the owner of an
 * allocated page.
 */
#ifndef MM_PAGE_H
#define MM_PAGE_H

#include <arch/memlayout.h>
#include <arch/atomic.h>
#include <kernel/types.h>
#include <lib/list.h>

struct kmem_cache;

/* Page flags (bit numbers in page->flags). */
enum page_flag {
	PG_buddy,      /* [z] free, head of a buddy block of order page->order */
	PG_pcp,        /* [z] free, on a per-CPU list */
	PG_reserved,   /* [I] never allocatable (firmware, kernel image, mem_map) */
	PG_slab,       /* [o] belongs to a slab cache */
	PG_head,       /* [o] first page of a multi-page allocation (order kept) */
	PG_locked,
	PG_uptodate,
	PG_dirty,
	PG_writeback,
	PG_referenced,
	PG_active,
	PG_lru,
	PG_mappedtodisk,   /* page cache: the file system gave it a block (page_mkwrite) */
};

struct page {
	unsigned long flags;           /* [a] bits of enum page_flag */
	atomic_t refcount;             /* [a] 0 when free */
	atomic_t mapcount;             /* [a] user mappings (mm issue) */
	unsigned int order;            /* [z]/[o] block order when PG_buddy or PG_head */
	unsigned int cpu;              /* [z] per-CPU list owner when PG_pcp */
	struct list_head lru;          /* [z] free lists; [s] slab lists; later LRU */
	union {
		struct {                       /* page cache (storage issue) */
			void *mapping;
			unsigned long index;
		};
		struct {                       /* slab */
			struct kmem_cache *slab_cache;   /* [s] */
			void *freelist;                  /* [s] first free object */
			unsigned int inuse;              /* [s] objects allocated */
			unsigned int objects;            /* [s] objects in the slab */
		};
	};
};

static inline bool page_flag_test(const struct page *p, enum page_flag f)
{
	return (__atomic_load_n(&p->flags, __ATOMIC_RELAXED) >> f) & 1;
}
static inline void page_flag_set(struct page *p, enum page_flag f)
{
	__atomic_or_fetch(&p->flags, 1UL << f, __ATOMIC_RELAXED);
}
static inline void page_flag_clear(struct page *p, enum page_flag f)
{
	__atomic_and_fetch(&p->flags, ~(1UL << f), __ATOMIC_RELAXED);
}

/*
 * mem_map covers frames [mem_map_base_pfn, mem_map_base_pfn + mem_map_pages).
 * Set once by page_alloc_init().
 */
extern struct page *mem_map;
extern unsigned long mem_map_base_pfn;
extern unsigned long mem_map_pages;

static inline unsigned long page_to_pfn(const struct page *p) { return mem_map_base_pfn + (unsigned long)(p - mem_map); }
static inline struct page *pfn_to_page(unsigned long pfn) { return mem_map + (pfn - mem_map_base_pfn); }
static inline bool pfn_valid(unsigned long pfn) { return pfn - mem_map_base_pfn < mem_map_pages; }
static inline phys_addr_t page_to_phys(const struct page *p) { return (phys_addr_t)page_to_pfn(p) << PAGE_SHIFT; }
static inline void *page_address(const struct page *p) { return phys_to_virt(page_to_phys(p)); }
static inline struct page *virt_to_page(const void *va) { return pfn_to_page(virt_to_phys(va) >> PAGE_SHIFT); }

#endif /* MM_PAGE_H */
