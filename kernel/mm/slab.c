/*
 * Slab caches and kmalloc (interface: <mm/slab.h>; docs/memory.md,
 * "Slab and kmalloc").
 *
 * A cache hands out objects of one size. The objects live in slabs: a
 * slab is one block of 2^order pages from the page allocator, cut into
 * equal slots. Its bookkeeping sits in the struct page of its first page
 * (the head): slab_cache, freelist (the first free object; each free
 * object holds the address of the next in its link word), inuse (objects
 * not on the freelist) and objects (slots in the slab). Every page of a
 * slab has PG_slab; a tail page has objects == 0 and freelist pointing at
 * the head, so virt_to_page() of any address inside a slab finds it.
 *
 * A slot, at offsets from the object's address:
 *
 *   [0, object_size)                the object
 *   [object_size, redzone_end)      red zone, 0xbb: debug only, >= 8 bytes
 *   [link_offset, link_offset + 8)  link word, unless link_offset is 0
 *   [.., slot_size)                 padding up to the cache's alignment
 *
 * The link word is the object's own first word (link_offset 0) unless
 * the cache has a constructor (its work must survive a free, so nothing
 * is written into a free object) or debug checks (the poison covers the
 * whole object); then it follows the red zone. In debug builds it is also
 * the object's state: SLAB_STATE_ALLOCATED while a user holds it,
 * SLAB_STATE_CPU_FREE in a per-CPU array, a freelist link in a slab.
 * That makes every double free visible in O(1), wherever the object is.
 *
 * Per-CPU arrays: each cpu keeps up to cpu_limit free objects of each
 * cache (32 for slots up to about 1 KiB, fewer for bigger ones), a LIFO
 * stack. kmem_cache_alloc/free touch only the running cpu's array with
 * interrupts off; an empty array is refilled with cpu_batch (half the
 * limit) objects from the slabs, a full one gives its cpu_batch oldest
 * objects back, both under the cache lock. An object freed on another
 * cpu than the one that allocated it simply goes into the freeing cpu's
 * array. The debug checks run in kmem_cache_free() and
 * kmem_cache_alloc() themselves, so the arrays hide nothing.
 *
 * Slab lists (under the cache lock): partial (some objects free), full,
 * empty (all free). A cache keeps at most SLAB_KEEP_EMPTY empty slabs;
 * beyond that they go back to the page allocator at once, and
 * kmem_cache_shrink() returns all of them.
 *
 * Debug builds (SLAB_DEBUG): free objects are poisoned with 0x6b, checked
 * when handed out again (and when their slab is freed): a write after
 * free panics. The red zone is checked on free (an overflow into the
 * neighbour panics) and on reuse. Frees of pointers that are not objects
 * of the cache, not at a slot boundary, or already free panic. Caches
 * with a constructor are not poisoned (a constructed object must come
 * back as it was freed); they keep the red zone and double-free checks.
 * Every panic names the cache and the object.
 *
 * kmalloc: 13 size-class caches, kmalloc-8 .. kmalloc-8192; larger sizes
 * are page-allocator blocks whose head page carries PG_head and the order
 * (and not PG_slab), which is how kfree() and ksize() tell them apart.
 *
 * Locks, in the order they are taken (docs/locking.md):
 *   slab_caches_lock ("slab_caches", irqsave) - the list of caches
 *   cache->lock ("slab_lock", irqsave) - a cache's slab lists and counts
 * The page allocator is never called with a cache lock held: a refill
 * drops it around alloc_pages(), and emptied slabs are freed after it.
 * A cpu's array is touched only by that cpu with interrupts off, except
 * by kmem_cache_destroy(), whose caller guarantees nobody uses the cache.
 */
#include <arch/atomic.h>
#include <arch/irqflags.h>
#include <kernel/compiler.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/list.h>
#include <lib/string.h>
#include <locking/spinlock.h>
#include <mm/page.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#define SLAB_CPU_LIMIT 32          /* room in one cpu's array; a cache may use less */
#define SLAB_PREFERRED_MAX_ORDER 3 /* slab orders tried for a low-waste fit */
#define SLAB_KEEP_EMPTY 1          /* empty slabs a cache keeps for the next refill */
#define SLAB_MIN_ALIGN sizeof(void *)
#define SLAB_NAME_LEN 24

#define SLAB_POISON_BYTE 0x6b
#define SLAB_REDZONE_BYTE 0xbb
#define SLAB_REDZONE_MIN 8
/* Debug object states in the link word; neither can be a freelist link. */
#define SLAB_STATE_ALLOCATED 0xa110ca7eda110ca7UL
#define SLAB_STATE_CPU_FREE  0xf4eef4eef4eef4eeUL

/* Cache flags, [I]. */
#define SLAB_F_REDZONE (1u << 0)   /* red zone after each object */
#define SLAB_F_POISON  (1u << 1)   /* free objects filled with SLAB_POISON_BYTE */
#define SLAB_F_STATE   (1u << 2)   /* link word tracks allocated/free */

struct slab_cpu_cache {
	unsigned int avail;              /* objects in objs[] */
	void *objs[SLAB_CPU_LIMIT];      /* objs[avail - 1] is handed out next */
};

struct kmem_cache {
	/* [I] set by kmem_cache_create() */
	char name[SLAB_NAME_LEN];
	size_t object_size;
	size_t redzone_end;              /* == object_size without a red zone */
	size_t link_offset;              /* link word within a slot */
	size_t slot_size;
	unsigned int order;
	unsigned int objects;            /* slots per slab */
	unsigned int flags;              /* SLAB_F_* */
	unsigned int cpu_limit;          /* objects a cpu's array may hold */
	unsigned int cpu_batch;          /* moved between an array and the slabs at once */
	void (*ctor)(void *obj);

	struct spinlock lock;            /* "slab_lock"; the [L] fields below */
	struct list_head partial;        /* [L] slabs via page->lru */
	struct list_head full;           /* [L] */
	struct list_head empty;          /* [L] */
	unsigned long nr_slabs;          /* [L] on the three lists */
	unsigned long nr_empty;          /* [L] on empty */
	unsigned long inuse;             /* [L] sum of the slabs' page->inuse */
	unsigned long slabs_grown;       /* [L] */
	unsigned long slabs_freed;       /* [L] */

	struct list_head node;           /* [slab_caches_lock] on slab_caches */

	struct slab_cpu_cache cpu[NR_CPUS];   /* [cpu] its own, interrupts off */
};

static struct kmem_cache boot_cache;     /* "kmem_cache": where caches come from */
static LIST_HEAD(slab_caches);           /* [slab_caches_lock] every live cache */
static struct spinlock slab_caches_lock = SPINLOCK_INIT("slab_caches");
static atomic_long_t kmalloc_large_nr;   /* [a] pages held by large kmallocs */

/*
 * Per-CPU array size by slot size: big objects get short arrays, so a
 * refill does not pull many large slabs onto one cpu. Half the limit
 * moves at a time.
 */
static const struct slab_cpu_sizing {
	size_t max_slot;
	unsigned int limit;
} slab_cpu_sizing[] = {
	{ 1024 + 64, SLAB_CPU_LIMIT }, { 4096 + 64, 16 }, { 16384 + 64, 8 }, { ~(size_t)0, 2 },
};

/* The kmalloc size classes; kmalloc_caches[i] serves kmalloc_classes[i]. */
static const struct kmalloc_class {
	const char *name;
	size_t size;
} kmalloc_classes[] = {
	{ "kmalloc-8", 8 },       { "kmalloc-16", 16 },     { "kmalloc-32", 32 },
	{ "kmalloc-64", 64 },     { "kmalloc-96", 96 },     { "kmalloc-128", 128 },
	{ "kmalloc-192", 192 },   { "kmalloc-256", 256 },   { "kmalloc-512", 512 },
	{ "kmalloc-1024", 1024 }, { "kmalloc-2048", 2048 }, { "kmalloc-4096", 4096 },
	{ "kmalloc-8192", 8192 },
};
#define KMALLOC_NR_CLASSES ARRAY_SIZE(kmalloc_classes)

static struct kmem_cache *kmalloc_caches[KMALLOC_NR_CLASSES];   /* [I] after slab_init() */

/* Class index for sizes 1..192, looked up by (size + 7) / 8. */
static const u8 kmalloc_small_index[25] = {
	[1] = 0,         [2] = 1,          [3 ... 4] = 2,   [5 ... 8] = 3,
	[9 ... 12] = 4,  [13 ... 16] = 5,  [17 ... 24] = 6,
};

/* Index into kmalloc_classes[] for 1 <= size <= KMALLOC_MAX_CACHE_SIZE. */
static unsigned int kmalloc_index(size_t size)
{
	unsigned int index = 7;   /* 193..256 -> kmalloc-256 */

	if (size <= 192)
		return kmalloc_small_index[(size + 7) / 8];
	/* Then one class per power of two; a loop, as there is no libgcc __clzdi2. */
	for (size_t class = 256; class < size; class <<= 1)
		index++;
	return index;
}

/* ------------------------------------------------------------ slots */

typedef u64 __attribute__((may_alias)) slab_word_t;

static inline void **slab_link(const struct kmem_cache *c, void *obj)
{
	return (void **)((char *)obj + c->link_offset);
}

/* The head page of the slab holding address p, or NULL if p is not in one. */
static struct page *slab_head_of(const void *p)
{
	unsigned long pfn = virt_to_phys(p) >> PAGE_SHIFT;

	if (!pfn_valid(pfn))
		return NULL;
	struct page *page = pfn_to_page(pfn);
	if (!page_flag_test(page, PG_slab))
		return NULL;
	return page->objects ? page : (struct page *)page->freelist;
}

/* True if obj is the start of a slot of slab (a slab of c). */
static bool slab_is_slot(const struct kmem_cache *c, const struct page *slab, const void *obj)
{
	uintptr_t off = (uintptr_t)obj - (uintptr_t)page_address(slab);

	return off < c->objects * c->slot_size && off % c->slot_size == 0;
}

/* Offset of the first byte of p[0..n) that is not byte, or n. */
static size_t slab_mismatch(const void *p, u8 byte, size_t n)
{
	const u8 *b = p;
	slab_word_t word = 0x0101010101010101ULL * byte;
	size_t i = 0;

	if (((uintptr_t)b & 7) == 0)
		while (i + 8 <= n && *(const slab_word_t *)(b + i) == word)
			i += 8;
	for (; i < n; i++)
		if (b[i] != byte)
			return i;
	return n;
}

/* ------------------------------------------------------------ debug checks */

static void slab_check_redzone(const struct kmem_cache *c, void *obj, const char *when)
{
	u8 *rz = (u8 *)obj + c->object_size;
	size_t n = c->redzone_end - c->object_size;
	size_t bad = slab_mismatch(rz, SLAB_REDZONE_BYTE, n);

	if (bad < n)
		panic("slab %s: red zone overwritten %s: object %p, byte +%zu is 0x%02x",
		      c->name, when, obj, c->object_size + bad, rz[bad]);
}

static void slab_check_poison(const struct kmem_cache *c, void *obj)
{
	size_t bad = slab_mismatch(obj, SLAB_POISON_BYTE, c->object_size);

	if (bad < c->object_size)
		panic("slab %s: write after free: object %p, byte +%zu is 0x%02x (poison 0x%02x)",
		      c->name, obj, bad, ((u8 *)obj)[bad], SLAB_POISON_BYTE);
}

/* A free object's poison and red zone (debug; no-op otherwise). */
static void slab_check_free_object(const struct kmem_cache *c, void *obj)
{
	if (c->flags & SLAB_F_REDZONE)
		slab_check_redzone(c, obj, "while free");
	if (c->flags & SLAB_F_POISON)
		slab_check_poison(c, obj);
}

/* An object leaves a per-CPU array for a user: it must be untouched since its free. */
static void slab_debug_alloc(struct kmem_cache *c, void *obj)
{
	void **state = slab_link(c, obj);

	if (*state != (void *)SLAB_STATE_CPU_FREE)
		panic("slab %s: write after free: object %p state word is %p", c->name, obj, *state);
	slab_check_free_object(c, obj);
	__atomic_store_n(state, (void *)SLAB_STATE_ALLOCATED, __ATOMIC_RELAXED);
}

/*
 * A user frees obj: it must be an allocated object of c with its red zone
 * intact. The compare-and-swap of the state catches a double free even
 * when two cpus race to free the same object. Then poison it.
 */
static void slab_debug_free(struct kmem_cache *c, void *obj)
{
	struct page *slab = slab_head_of(obj);
	void *state = (void *)SLAB_STATE_ALLOCATED;

	if (!slab)
		panic("slab %s: free of %p, which is not in a slab page", c->name, obj);
	if (slab->slab_cache != c)
		panic("slab %s: free of %p, an object of cache %s", c->name, obj,
		      slab->slab_cache ? slab->slab_cache->name : "(none)");
	if (!slab_is_slot(c, slab, obj))
		panic("slab %s: free of %p, not at an object boundary", c->name, obj);
	if (c->flags & SLAB_F_REDZONE)
		slab_check_redzone(c, obj, "(overflow)");
	if (!__atomic_compare_exchange_n(slab_link(c, obj), &state, (void *)SLAB_STATE_CPU_FREE,
					 false, __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		panic("slab %s: double free of %p (state word %p)", c->name, obj, state);
	if (c->flags & SLAB_F_POISON)
		memset(obj, SLAB_POISON_BYTE, c->object_size);
}

/* ------------------------------------------------------------ slabs */

/* A fresh slot: poison and red zone (debug), then the constructor. */
static void slab_init_object(const struct kmem_cache *c, void *obj)
{
	if (c->flags & SLAB_F_POISON)
		memset(obj, SLAB_POISON_BYTE, c->object_size);
	if (c->flags & SLAB_F_REDZONE)
		memset((u8 *)obj + c->object_size, SLAB_REDZONE_BYTE, c->redzone_end - c->object_size);
	if (c->ctor)
		c->ctor(obj);
}

/*
 * Allocate and format a slab of c: every slot free, linked in address
 * order. No lock held (interrupts may be off). Returns the head page or
 * NULL if the page allocator has no block.
 */
static struct page *slab_new(struct kmem_cache *c, gfp_t gfp)
{
	struct page *slab = alloc_pages(gfp & ~__GFP_ZERO, c->order);
	char *base;
	void *next = NULL;

	if (!slab)
		return NULL;
	for (unsigned int i = 1; i < (1u << c->order); i++) {
		slab[i].slab_cache = c;
		slab[i].freelist = slab;
		slab[i].inuse = 0;
		slab[i].objects = 0;
		page_flag_set(&slab[i], PG_slab);
	}
	base = page_address(slab);
	for (unsigned int i = c->objects; i-- > 0;) {
		void *obj = base + i * c->slot_size;
		slab_init_object(c, obj);
		*slab_link(c, obj) = next;
		next = obj;
	}
	slab->slab_cache = c;
	slab->freelist = next;
	slab->inuse = 0;
	slab->objects = c->objects;
	page_flag_set(slab, PG_slab);
	return slab;
}

/* Give an empty slab, already off the cache's lists, back. No lock held. */
static void slab_release(struct kmem_cache *c, struct page *slab)
{
	char *base = page_address(slab);

	BUG_ON(slab->inuse != 0 || slab->slab_cache != c);
	if (c->flags & (SLAB_F_REDZONE | SLAB_F_POISON))
		for (unsigned int i = 0; i < c->objects; i++)
			slab_check_free_object(c, base + i * c->slot_size);
	for (unsigned int i = 0; i < (1u << c->order); i++) {
		page_flag_clear(&slab[i], PG_slab);
		slab[i].slab_cache = NULL;
		slab[i].freelist = NULL;
		slab[i].inuse = 0;
		slab[i].objects = 0;
	}
	free_pages(slab, c->order);
}

static void slab_release_list(struct kmem_cache *c, struct list_head *list)
{
	struct page *slab, *n;

	list_for_each_entry_safe(slab, n, list, lru) {
		list_del(&slab->lru);
		slab_release(c, slab);
	}
}

/* The list a slab belongs on, by how many of its objects are out. */
static struct list_head *slab_list_for(struct kmem_cache *c, const struct page *slab)
{
	if (slab->inuse == 0)
		return &c->empty;
	return slab->inuse == slab->objects ? &c->full : &c->partial;
}

/* Move up to n objects from slab's freelist to the array. Caller holds c->lock. */
static void __slab_take(struct kmem_cache *c, struct page *slab, struct slab_cpu_cache *pc,
			unsigned int n)
{
	assert_held(&c->lock);
	if (slab->inuse == 0)
		c->nr_empty--;
	while (n-- && slab->freelist) {
		void *obj = slab->freelist;
		slab->freelist = *slab_link(c, obj);
		if (c->flags & SLAB_F_STATE)
			*slab_link(c, obj) = (void *)SLAB_STATE_CPU_FREE;
		pc->objs[pc->avail++] = obj;
		slab->inuse++;
		c->inuse++;
	}
	list_move(&slab->lru, slab_list_for(c, slab));
}

/*
 * Put obj back on its slab's freelist. A slab that becomes empty goes to
 * the empty list, or onto *release once the cache keeps enough empty
 * ones. Caller holds c->lock.
 */
static void __slab_put(struct kmem_cache *c, void *obj, struct list_head *release)
{
	struct page *slab = slab_head_of(obj);

	assert_held(&c->lock);
	BUG_ON(!slab || slab->slab_cache != c || slab->inuse == 0);
	*slab_link(c, obj) = slab->freelist;
	slab->freelist = obj;
	slab->inuse--;
	c->inuse--;
	if (slab->inuse == slab->objects - 1 && slab->inuse)
		list_move(&slab->lru, &c->partial);   /* was full */
	if (slab->inuse)
		return;
	if (c->nr_empty >= SLAB_KEEP_EMPTY) {
		list_move(&slab->lru, release);
		c->nr_slabs--;
		c->slabs_freed++;
	} else {
		list_move(&slab->lru, &c->empty);
		c->nr_empty++;
	}
}

/* A slab with free objects, partial ones first, or NULL. Caller holds c->lock. */
static struct page *__slab_pick(struct kmem_cache *c)
{
	if (!list_empty(&c->partial))
		return list_first_entry(&c->partial, struct page, lru);
	if (!list_empty(&c->empty))
		return list_first_entry(&c->empty, struct page, lru);
	return NULL;
}

/* ------------------------------------------------------------ per-CPU arrays */

/*
 * Fill this cpu's array up to c->cpu_batch objects, growing the cache
 * when the slabs run out. Interrupts off on entry and exit; takes c->lock
 * and drops it around the page allocation. Returns the objects now in the
 * array: 0 only if memory ran out.
 */
static unsigned int slab_refill(struct kmem_cache *c, struct slab_cpu_cache *pc, gfp_t gfp)
{
	BUG_ON(!irqs_disabled());
	spin_lock(&c->lock);
	while (pc->avail < c->cpu_batch) {
		struct page *slab = __slab_pick(c);
		if (slab) {
			__slab_take(c, slab, pc, c->cpu_batch - pc->avail);
			continue;
		}
		spin_unlock(&c->lock);
		slab = slab_new(c, gfp);
		spin_lock(&c->lock);
		if (!slab)
			break;
		list_add(&slab->lru, &c->empty);
		c->nr_slabs++;
		c->nr_empty++;
		c->slabs_grown++;
	}
	spin_unlock(&c->lock);
	return pc->avail;
}

/*
 * Return the n oldest objects of the array (the bottom of the stack, the
 * least likely to be cache-hot) to their slabs, and free the slabs that
 * this empties beyond SLAB_KEEP_EMPTY. Interrupts off; takes c->lock.
 */
static void slab_flush(struct kmem_cache *c, struct slab_cpu_cache *pc, unsigned int n)
{
	LIST_HEAD(release);

	BUG_ON(!irqs_disabled() || n > pc->avail);
	spin_lock(&c->lock);
	for (unsigned int i = 0; i < n; i++)
		__slab_put(c, pc->objs[i], &release);
	spin_unlock(&c->lock);
	pc->avail -= n;
	memmove(pc->objs, pc->objs + n, pc->avail * sizeof(pc->objs[0]));
	slab_release_list(c, &release);
}

/* ------------------------------------------------------------ caches */

/*
 * The slab order for slots of slot bytes: the smallest order up to
 * SLAB_PREFERRED_MAX_ORDER that wastes less than 1/8 of the slab; else
 * the least wasteful of those orders; a slot too big for all of them gets
 * the smallest order that holds one. -1 if not even MAX_ORDER does.
 */
static int slab_pick_order(size_t slot)
{
	unsigned long best_waste = ~0UL;   /* in 1/1024ths of the slab */
	int best = -1;

	for (int order = 0; order <= SLAB_PREFERRED_MAX_ORDER; order++) {
		size_t bytes = PAGE_SIZE << order;
		if (bytes < slot)
			continue;
		size_t waste = bytes % slot;
		if (waste * 8 < bytes)
			return order;
		if (waste * 1024 / bytes < best_waste) {
			best_waste = waste * 1024 / bytes;
			best = order;
		}
	}
	for (int order = SLAB_PREFERRED_MAX_ORDER + 1; best < 0 && order <= MAX_ORDER; order++)
		if ((PAGE_SIZE << order) >= slot)
			best = order;
	return best;
}

/* Lay out the slot of a new cache (see the top of the file). */
static void slab_layout(struct kmem_cache *c, size_t align)
{
	size_t end = ALIGN_UP(c->object_size, sizeof(void *));

	if (c->flags & SLAB_F_REDZONE)
		end += SLAB_REDZONE_MIN;
	c->redzone_end = (c->flags & SLAB_F_REDZONE) ? end : c->object_size;
	c->link_offset = 0;
	if ((c->flags & SLAB_F_STATE) || c->ctor) {
		c->link_offset = end;
		end += sizeof(void *);
	}
	c->slot_size = ALIGN_UP(end, MAX(align, SLAB_MIN_ALIGN));
	for (unsigned int i = 0; i < ARRAY_SIZE(slab_cpu_sizing); i++)
		if (c->slot_size <= slab_cpu_sizing[i].max_slot) {
			c->cpu_limit = slab_cpu_sizing[i].limit;
			break;
		}
	c->cpu_batch = c->cpu_limit / 2;
}

/* Initialize *c. Returns 0, or -EINVAL for a size or alignment it cannot serve. */
static int kmem_cache_setup(struct kmem_cache *c, const char *name, size_t size, size_t align,
			    void (*ctor)(void *))
{
	if (!size || size > (PAGE_SIZE << MAX_ORDER) || (align & (align - 1)) || align > PAGE_SIZE)
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	strlcpy(c->name, name, sizeof(c->name));
	c->object_size = size;
	c->ctor = ctor;
	if (SLAB_DEBUG)
		c->flags = SLAB_F_REDZONE | SLAB_F_STATE | (ctor ? 0 : SLAB_F_POISON);
	slab_layout(c, align);
	int order = slab_pick_order(c->slot_size);
	if (order < 0)
		return -EINVAL;
	c->order = (unsigned int)order;
	c->objects = (unsigned int)((PAGE_SIZE << order) / c->slot_size);
	spin_lock_init(&c->lock, "slab_lock");
	INIT_LIST_HEAD(&c->partial);
	INIT_LIST_HEAD(&c->full);
	INIT_LIST_HEAD(&c->empty);
	INIT_LIST_HEAD(&c->node);
	return 0;
}

/*
 * Make a cache of size-byte objects aligned to align (0: 8 bytes; a
 * power of two up to PAGE_SIZE). ctor, if any, runs once per object when
 * its slab is created, with no lock held and possibly interrupts off; it
 * must not sleep or allocate from this cache. name is copied. Returns
 * the cache, or NULL (bad size/alignment, no memory).
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     void (*ctor)(void *obj))
{
	BUG_ON(boot_cache.objects == 0);   /* slab_init() has not run */
	struct kmem_cache *c = kmem_cache_alloc(&boot_cache, GFP_KERNEL);
	if (!c)
		return NULL;
	if (kmem_cache_setup(c, name, size, align, ctor) < 0) {
		kmem_cache_free(&boot_cache, c);
		return NULL;
	}
	unsigned long flags = spin_lock_irqsave(&slab_caches_lock);
	list_add_tail(&c->node, &slab_caches);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return c;
}

void kmem_cache_shrink(struct kmem_cache *c)
{
	LIST_HEAD(release);
	unsigned long flags = spin_lock_irqsave(&c->lock);

	list_splice_init(&c->empty, &release);
	c->nr_slabs -= c->nr_empty;
	c->slabs_freed += c->nr_empty;
	c->nr_empty = 0;
	spin_unlock_irqrestore(&c->lock, flags);
	slab_release_list(c, &release);
}

void kmem_cache_drain_cpu(struct kmem_cache *c)
{
	unsigned long flags = local_irq_save();
	struct slab_cpu_cache *pc = &c->cpu[smp_processor_id()];

	slab_flush(c, pc, pc->avail);
	local_irq_restore(flags);
	kmem_cache_shrink(c);
}

void slab_drain_all_cpu(void)
{
	struct kmem_cache *c;
	unsigned long flags = spin_lock_irqsave(&slab_caches_lock);

	list_for_each_entry(c, &slab_caches, node)
		kmem_cache_drain_cpu(c);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}

/* A cache still has objects out at destroy: a bug in its user. */
static void slab_destroy_busy(struct kmem_cache *c, unsigned long live)
{
	unsigned long flags = spin_lock_irqsave(&slab_caches_lock);

	list_add_tail(&c->node, &slab_caches);   /* it lives on, leaked */
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	if (SLAB_DEBUG)
		panic("slab %s: kmem_cache_destroy with %lu objects still allocated", c->name, live);
	WARN_ON_ONCE(live);
	pr_err("slab %s: destroyed with %lu objects allocated; cache leaked\n", c->name, live);
}

/*
 * Destroy a cache. Every object must have been freed, and nobody may use
 * the cache any more, on any cpu: the caller's own synchronization must
 * order their last kmem_cache_free() before this call, which empties
 * every cpu's array directly. Objects still allocated: panic in debug
 * builds; otherwise a warning, and the cache is left alive (leaked) so
 * the objects stay valid.
 */
void kmem_cache_destroy(struct kmem_cache *c)
{
	unsigned long flags;

	if (!c)
		return;
	BUG_ON(c == &boot_cache);
	flags = spin_lock_irqsave(&slab_caches_lock);
	list_del_init(&c->node);   /* slab_drain_all_cpu() no longer sees it */
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		flags = local_irq_save();
		slab_flush(c, &c->cpu[cpu], c->cpu[cpu].avail);
		local_irq_restore(flags);
	}
	kmem_cache_shrink(c);
	flags = spin_lock_irqsave(&c->lock);
	unsigned long live = c->inuse;
	spin_unlock_irqrestore(&c->lock, flags);
	if (live) {
		slab_destroy_busy(c, live);
		return;
	}
	BUG_ON(c->nr_slabs != 0);
	kmem_cache_free(&boot_cache, c);
}

/* ------------------------------------------------------------ alloc and free */

/*
 * An object of c, or NULL when memory ran out. __GFP_ZERO zeroes it
 * (which undoes a constructor: a warning). Interrupts may be off; never
 * sleeps.
 */
void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	unsigned long flags = local_irq_save();
	struct slab_cpu_cache *pc = &c->cpu[smp_processor_id()];
	void *obj = NULL;

	if (likely(pc->avail) || slab_refill(c, pc, gfp))
		obj = pc->objs[--pc->avail];
	local_irq_restore(flags);
	if (!obj)
		return NULL;
	if (c->flags & SLAB_F_STATE)
		slab_debug_alloc(c, obj);
	if (gfp & __GFP_ZERO) {
		WARN_ON_ONCE(c->ctor);
		memset(obj, 0, c->object_size);
	}
	return obj;
}

/* Free obj (NULL: nothing) into this cpu's array; debug checks run first. */
void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	if (!obj)
		return;
	if (c->flags & SLAB_F_STATE)
		slab_debug_free(c, obj);
	unsigned long flags = local_irq_save();
	struct slab_cpu_cache *pc = &c->cpu[smp_processor_id()];
	if (unlikely(pc->avail >= c->cpu_limit))
		slab_flush(c, pc, c->cpu_batch);
	pc->objs[pc->avail++] = obj;
	local_irq_restore(flags);
}

/* Order of the page block for a large kmalloc, or -1 if it is too big. */
static int kmalloc_large_order(size_t size)
{
	int order = 0;

	if (size > (PAGE_SIZE << MAX_ORDER))
		return -1;
	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

static void *kmalloc_large(size_t size, gfp_t gfp)
{
	int order = kmalloc_large_order(size);
	struct page *page;

	if (order < 0)
		return NULL;
	page = alloc_pages(gfp, (unsigned int)order);
	if (!page)
		return NULL;
	BUG_ON(order > 0 && (!page_flag_test(page, PG_head) || page->order != (unsigned int)order));
	atomic_long_add(&kmalloc_large_nr, 1L << order);
	return page_address(page);
}

size_t kmalloc_size_class(size_t size)
{
	if (size == 0)
		return 0;
	if (size <= KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_classes[kmalloc_index(size)].size;
	int order = kmalloc_large_order(size);
	return order < 0 ? 0 : PAGE_SIZE << order;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	if (size == 0)
		return ZERO_SIZE_PTR;
	if (size > KMALLOC_MAX_CACHE_SIZE)
		return kmalloc_large(size, gfp);
	struct kmem_cache *c = kmalloc_caches[kmalloc_index(size)];
	BUG_ON(!c);   /* before slab_init() */
	return kmem_cache_alloc(c, gfp);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

/*
 * The page of a kmalloc'd pointer that is not in a slab: it must be the
 * start of a large allocation. Panics on anything else.
 */
static struct page *kmalloc_large_page(const void *ptr)
{
	unsigned long pfn = virt_to_phys(ptr) >> PAGE_SHIFT;
	struct page *page;

	if (!pfn_valid(pfn))
		panic("kfree/ksize of %p: not a kmalloc address (not in RAM)", ptr);
	page = pfn_to_page(pfn);
	if (!page_flag_test(page, PG_head) || ptr != page_address(page))
		panic("kfree/ksize of %p: not the start of a kmalloc allocation", ptr);
	return page;
}

void kfree(const void *ptr)
{
	struct page *slab, *page;

	if (ZERO_OR_NULL_PTR(ptr))
		return;
	slab = slab_head_of(ptr);
	if (slab) {
		kmem_cache_free(slab->slab_cache, (void *)ptr);
		return;
	}
	page = kmalloc_large_page(ptr);
	atomic_long_add(&kmalloc_large_nr, -(1L << page->order));
	free_pages(page, page->order);
}

size_t ksize(const void *ptr)
{
	struct page *slab;

	if (ZERO_OR_NULL_PTR(ptr))
		return 0;
	slab = slab_head_of(ptr);
	if (slab)
		return slab->slab_cache->object_size;
	return PAGE_SIZE << kmalloc_large_page(ptr)->order;
}

/*
 * Resize ptr to new_size, keeping min(old, new) bytes. NULL (or
 * ZERO_SIZE_PTR) acts as kmalloc; new_size 0 frees and returns
 * ZERO_SIZE_PTR. Shrinking stays in place unless the block would be more
 * than twice as big as needed, and never fails. On failure returns NULL
 * and ptr is untouched. __GFP_ZERO zeroes the bytes beyond the old ones.
 */
void *krealloc(void *ptr, size_t new_size, gfp_t gfp)
{
	size_t old, keep;
	void *p;

	if (ZERO_OR_NULL_PTR(ptr))
		return kmalloc(new_size, gfp);
	if (new_size == 0) {
		kfree(ptr);
		return ZERO_SIZE_PTR;
	}
	old = ksize(ptr);
	if (new_size <= old && kmalloc_size_class(new_size) * 2 >= old)
		return ptr;
	p = kmalloc(new_size, gfp & ~__GFP_ZERO);
	if (!p)
		return new_size <= old ? ptr : NULL;
	keep = MIN(old, new_size);
	memcpy(p, ptr, keep);
	if (gfp & __GFP_ZERO)
		memset((char *)p + keep, 0, ksize(p) - keep);
	kfree(ptr);
	return p;
}

/* ------------------------------------------------------------ statistics */

unsigned long kmalloc_large_pages(void)
{
	return (unsigned long)atomic_long_read(&kmalloc_large_nr);
}

void kmem_cache_get_stats(struct kmem_cache *c, struct kmem_cache_stats *st)
{
	unsigned long cached = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		cached += READ_ONCE(c->cpu[cpu].avail);
	unsigned long flags = spin_lock_irqsave(&c->lock);
	st->object_size = c->object_size;
	st->slot_size = c->slot_size;
	st->order = c->order;
	st->objects_per_slab = c->objects;
	st->slabs = c->nr_slabs;
	st->empty_slabs = c->nr_empty;
	st->inuse = c->inuse;
	st->slabs_grown = c->slabs_grown;
	st->slabs_freed = c->slabs_freed;
	spin_unlock_irqrestore(&c->lock, flags);
	st->cpu_cached = cached;
	st->active = cached <= st->inuse ? st->inuse - cached : 0;
}

int slab_info_all(struct slab_info *out, int n)
{
	struct kmem_cache *c;
	struct kmem_cache_stats st;
	int i = 0;
	unsigned long flags = spin_lock_irqsave(&slab_caches_lock);

	list_for_each_entry(c, &slab_caches, node) {
		if (i < n) {
			kmem_cache_get_stats(c, &st);
			out[i].name = c->name;
			out[i].object_size = c->object_size;
			out[i].active_objects = st.active;
			out[i].total_objects = st.slabs * c->objects;
			out[i].pages = st.slabs << c->order;
		}
		i++;
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return i;
}

/* Pages held by every cache's slabs: the sum of slab_info_all()'s pages. */
unsigned long slab_pages_total(void)
{
	struct kmem_cache *c;
	unsigned long pages = 0;
	unsigned long flags = spin_lock_irqsave(&slab_caches_lock);

	list_for_each_entry(c, &slab_caches, node)
		pages += READ_ONCE(c->nr_slabs) << c->order;
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return pages;
}

/* ------------------------------------------------------------ validation */

/* One slab of c on list: its pages, its list and its freelist. c->lock held. */
static const char *__slab_validate_slab(struct kmem_cache *c, struct page *slab,
					const struct list_head *list)
{
	unsigned int nfree = 0;

	if (!page_flag_test(slab, PG_slab) || slab->slab_cache != c || slab->objects != c->objects)
		return "slab head page fields wrong";
	if (slab_list_for(c, slab) != list)
		return "slab on the wrong list for its inuse count";
	for (unsigned int i = 1; i < (1u << c->order); i++)
		if (!page_flag_test(&slab[i], PG_slab) || slab[i].slab_cache != c ||
		    slab[i].objects != 0 || slab[i].freelist != slab)
			return "slab tail page fields wrong";
	for (void *obj = slab->freelist; obj; obj = *slab_link(c, obj)) {
		if (++nfree > c->objects)
			return "freelist longer than the slab (a cycle?)";
		if (!slab_is_slot(c, slab, obj))
			return "freelist entry is not a slot of its slab";
		if ((c->flags & SLAB_F_POISON) &&
		    slab_mismatch(obj, SLAB_POISON_BYTE, c->object_size) < c->object_size)
			return "free object in a slab lost its poison";
	}
	return nfree + slab->inuse == c->objects ? NULL : "inuse + freelist length != objects";
}

/* The per-CPU arrays: free objects of c, at most inuse in all. c->lock held. */
static const char *__slab_validate_cpus(struct kmem_cache *c)
{
	unsigned long cached = 0;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		struct slab_cpu_cache *pc = &c->cpu[cpu];
		unsigned int avail = READ_ONCE(pc->avail);
		if (avail > c->cpu_limit)
			return "per-CPU array overfull";
		for (unsigned int i = 0; i < avail; i++) {
			struct page *slab = slab_head_of(pc->objs[i]);
			if (!slab || slab->slab_cache != c || !slab_is_slot(c, slab, pc->objs[i]))
				return "per-CPU array holds a non-object";
			if ((c->flags & SLAB_F_STATE) &&
			    *slab_link(c, pc->objs[i]) != (void *)SLAB_STATE_CPU_FREE)
				return "per-CPU array object not marked free";
		}
		cached += avail;
	}
	return cached <= c->inuse ? NULL : "per-CPU arrays hold more than inuse";
}

static const char *__slab_validate(struct kmem_cache *c)
{
	struct list_head *lists[] = { &c->partial, &c->full, &c->empty };
	unsigned long slabs = 0, empty = 0, inuse = 0;
	struct page *slab;
	const char *why;

	for (unsigned int l = 0; l < ARRAY_SIZE(lists); l++) {
		list_for_each_entry(slab, lists[l], lru) {
			why = __slab_validate_slab(c, slab, lists[l]);
			if (why)
				return why;
			slabs++;
			empty += slab->inuse == 0;
			inuse += slab->inuse;
		}
	}
	if (slabs != c->nr_slabs || empty != c->nr_empty || inuse != c->inuse)
		return "cache counts disagree with its slab lists";
	if (c->nr_empty > SLAB_KEEP_EMPTY)
		return "too many empty slabs kept";
	return __slab_validate_cpus(c);
}

const char *kmem_cache_validate(struct kmem_cache *c)
{
	unsigned long flags = spin_lock_irqsave(&c->lock);
	const char *why = __slab_validate(c);

	spin_unlock_irqrestore(&c->lock, flags);
	return why;
}

const char *slab_validate_all(void)
{
	struct kmem_cache *c;
	const char *why = NULL;
	char name[SLAB_NAME_LEN];
	unsigned long flags = spin_lock_irqsave(&slab_caches_lock);

	list_for_each_entry(c, &slab_caches, node) {
		why = kmem_cache_validate(c);
		if (why) {
			strlcpy(name, c->name, sizeof(name));
			break;
		}
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	if (why)
		pr_err("slab %s: %s\n", name, why);   /* printk outside slab_caches */
	return why;
}

/* ------------------------------------------------------------ boot */

/*
 * Set up the boot cache, then the kmalloc caches. Runs once on the boot
 * cpu after page_alloc_init(), before anything allocates.
 */
void slab_init(void)
{
	BUG_ON(boot_cache.objects != 0);
	if (kmem_cache_setup(&boot_cache, "kmem_cache", sizeof(struct kmem_cache),
			     __alignof__(struct kmem_cache), NULL) < 0)
		panic("slab: cannot lay out the boot cache");
	list_add(&boot_cache.node, &slab_caches);
	for (unsigned int i = 0; i < KMALLOC_NR_CLASSES; i++) {
		BUG_ON(kmalloc_index(kmalloc_classes[i].size) != i);
		kmalloc_caches[i] = kmem_cache_create(kmalloc_classes[i].name,
						      kmalloc_classes[i].size, 0, NULL);
		if (!kmalloc_caches[i])
			panic("slab: cannot create %s", kmalloc_classes[i].name);
	}
	pr_info("slab: %u kmalloc classes 8..%u B, per-CPU arrays of up to %u objects%s\n",
		(unsigned int)KMALLOC_NR_CLASSES, KMALLOC_MAX_CACHE_SIZE, SLAB_CPU_LIMIT,
		SLAB_DEBUG ? ", debug (poison, red zones, double-free checks)" : "");
}
