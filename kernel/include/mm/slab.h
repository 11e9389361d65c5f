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

#endif /* MM_SLAB_H */
