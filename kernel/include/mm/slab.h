/*
 * Slab caches and kmalloc.
 *
 * kmem_cache_create() makes a cache of fixed-size objects carved from
 * pages of the page allocator; each cpu keeps a small array of free
 * objects (per-CPU object cache) so alloc and free usually take no lock.
 * kmalloc() serves 8 B .. 8 KiB from size-class caches (powers of two,
 * plus 96 and 192) and larger requests straight from the page allocator.
 *
 * Debug builds (CONFIG_DEBUG) poison freed objects (0x6b), check the
 * poison on reuse, keep red zones (0xbb) after each object and check them
 * on free, and detect double frees and frees of pointers that are not
 * objects; each is reported with a panic naming the cache.
 *
 * None of these sleep; all may be called with interrupts disabled.
 */
#ifndef MM_SLAB_H
#define MM_SLAB_H

#include <kernel/types.h>
#include <mm/page_alloc.h>

#define KMALLOC_MAX_CACHE_SIZE 8192

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     void (*ctor)(void *obj));
void kmem_cache_destroy(struct kmem_cache *cache);   /* all objects must be freed */
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *cache, void *obj);

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *krealloc(void *ptr, size_t new_size, gfp_t gfp);
void kfree(const void *ptr);
size_t ksize(const void *ptr);   /* usable size of a kmalloc'd block */

/* Per-cache usage for /proc/meminfo and /proc/slabinfo. */
struct slab_info {
	const char *name;
	size_t object_size;
	unsigned long active_objects;
	unsigned long total_objects;
	unsigned long pages;
};
/* Fill up to n entries; returns the number of caches. */
int slab_info_all(struct slab_info *out, int n);
unsigned long slab_pages_total(void);

void slab_init(void);   /* after page_alloc_init(): creates the kmalloc caches */

/* ---- additions by the slab implementation (kernel/mm/slab.c) ---- */

/* kmalloc(0) returns ZERO_SIZE_PTR: not NULL, never dereferenceable. */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(p) ((uintptr_t)(p) <= (uintptr_t)ZERO_SIZE_PTR)

/* 1 when the debug checks (poison, red zones, double free) are built in. */
#ifdef CONFIG_DEBUG
#define SLAB_DEBUG 1
#else
#define SLAB_DEBUG 0
#endif

/*
 * Give this cpu's per-CPU objects of cache back to its slabs, then free
 * its empty slabs to the page allocator. slab_drain_all_cpu() does it for
 * every cache. They touch only the calling cpu's arrays: to drain every
 * cpu, run them on each (smp_call_on_cpu). Tests use them before counting.
 */
void kmem_cache_drain_cpu(struct kmem_cache *cache);
void slab_drain_all_cpu(void);
/* Free every empty slab of cache (per-CPU arrays untouched). */
void kmem_cache_shrink(struct kmem_cache *cache);

/*
 * Usable size kmalloc(size) would give: the size class (8 .. 8192), the
 * page-allocator block for larger sizes, 0 for size 0 and for sizes
 * kmalloc refuses (more than a MAX_ORDER block).
 */
size_t kmalloc_size_class(size_t size);
/* Pages held by kmalloc allocations above KMALLOC_MAX_CACHE_SIZE. */
unsigned long kmalloc_large_pages(void);

/* One cache's numbers, read under its lock (per-CPU counts racily). */
struct kmem_cache_stats {
	size_t object_size;          /* as created */
	size_t slot_size;            /* object + red zone + link word, aligned */
	unsigned int order;          /* each slab is 2^order pages */
	unsigned int objects_per_slab;
	unsigned long slabs;         /* slabs the cache holds */
	unsigned long empty_slabs;   /* of which every object is free */
	unsigned long inuse;         /* objects out of the slabs (users + per-CPU arrays) */
	unsigned long cpu_cached;    /* objects in per-CPU arrays */
	unsigned long active;        /* inuse - cpu_cached: held by users */
	unsigned long slabs_grown;   /* slabs allocated over the cache's life */
	unsigned long slabs_freed;   /* slabs given back */
};
void kmem_cache_get_stats(struct kmem_cache *cache, struct kmem_cache_stats *st);

/*
 * Check every invariant of cache (lists, counts, freelists, tail pages,
 * per-CPU arrays; in debug builds the poison and red zones of free
 * objects). Returns NULL if all hold, else a description of the first
 * broken one. Takes the cache lock; for tests.
 */
const char *kmem_cache_validate(struct kmem_cache *cache);
/* kmem_cache_validate() of every cache; the first failure is also printed. */
const char *slab_validate_all(void);

#endif /* MM_SLAB_H */
