/*
 * The buddy allocator's core (interface and struct zone in mm/buddy.h).
 * Pure code: the host unit tests build it too.
 *
 * Blocks. A free block of order k is 2^k frames starting at a pfn that is
 * a multiple of 2^k; its first page ("head") has PG_buddy and ->order = k
 * and sits on free_area[k] through ->lru; its other pages carry no flag
 * and refcount 0. The buddy of the block at pfn is the block at
 * pfn ^ 2^k; when both are free they are merged, so at rest no two free
 * buddies of one order exist (zone_validate() checks it).
 *
 * Per-CPU lists. Order-0 pages are allocated from and freed to the
 * current cpu's list with interrupts disabled and no lock. An empty list
 * is refilled with PCP_BATCH pages from the buddy lists; a list longer
 * than PCP_HIGH gives its PCP_BATCH coldest pages back. Pages on such a
 * list have PG_pcp and ->cpu, refcount 0, and are not PG_buddy, so they
 * never merge until drained.
 *
 * Allocated pages: refcount >= 1; the head of an order > 0 block has
 * PG_head and ->order; other flags and fields belong to the owner, and
 * freeing clears them.
 *
 * Lock: z->lock (class "zone_lock", docs/memory.md), always with
 * interrupts disabled; nothing else is taken under it. A cpu's per-CPU
 * list is touched only by that cpu with interrupts off, so the zone lock
 * nests inside that "critical section".
 */
#include <arch/irqflags.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/buddy.h>
#include <uapi/errno.h>

/* ---------------------------------------------------------------- set-up */

void zone_init(struct zone *z, const char *name, struct page *map,
	       unsigned long start_pfn, unsigned long npages)
{
	memset(z, 0, sizeof(*z));
	z->name = name;
	z->start_pfn = start_pfn;
	z->end_pfn = start_pfn + npages;
	z->map = map;
	spin_lock_init(&z->lock, "zone_lock");
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		INIT_LIST_HEAD(&z->free_area[o].free_list);
	for (unsigned int c = 0; c < NR_CPUS; c++)
		INIT_LIST_HEAD(&z->pcp[c].list);
	/* One pass of whole-struct stores: this is most of the boot cost (8 MiB per 512 MiB). */
	for (unsigned long i = 0; i < npages; i++)
		map[i] = (struct page){ .flags = 1UL << PG_reserved, .refcount = ATOMIC_INIT(1) };
}

/* ---------------------------------------------------------------- buddy lists (z->lock held) */

static void free_area_add(struct zone *z, struct page *head, unsigned int order)
{
	page_flag_set(head, PG_buddy);
	head->order = order;
	list_add(&head->lru, &z->free_area[order].free_list);
	z->free_area[order].nr_free++;
	z->free += 1UL << order;
}

static void free_area_del(struct zone *z, struct page *head, unsigned int order)
{
	list_del(&head->lru);
	page_flag_clear(head, PG_buddy);
	z->free_area[order].nr_free--;
	z->free -= 1UL << order;
}

/*
 * Put the free block of 2^order frames at pfn on the free lists, merging
 * it with its buddy for as long as the buddy is a free block of the same
 * order inside the zone. Caller holds z->lock; the block's pages are
 * neither PG_buddy nor PG_pcp.
 */
static void __zone_free_block(struct zone *z, unsigned long pfn, unsigned int order)
{
	assert_held(&z->lock);
	while (order < MAX_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		if (!zone_has_pfn(z, buddy_pfn))
			break;
		struct page *buddy = zone_pfn_to_page(z, buddy_pfn);
		if (!page_flag_test(buddy, PG_buddy) || buddy->order != order)
			break;
		free_area_del(z, buddy, order);
		pfn &= ~(1UL << order);
		order++;
	}
	free_area_add(z, zone_pfn_to_page(z, pfn), order);
}

/*
 * Take a free block of exactly 2^order frames: the smallest free block
 * that is large enough, with the unused upper halves put back one order
 * at a time. Caller holds z->lock. Returns its first page (no longer
 * PG_buddy), or NULL.
 */
static struct page *__zone_take_block(struct zone *z, unsigned int order)
{
	unsigned int o = order;

	assert_held(&z->lock);
	while (o <= MAX_ORDER && list_empty(&z->free_area[o].free_list))
		o++;
	if (o > MAX_ORDER)
		return NULL;
	struct page *head = list_first_entry(&z->free_area[o].free_list, struct page, lru);
	BUG_ON(head->order != o);
	free_area_del(z, head, o);
	while (o > order) {
		o--;
		free_area_add(z, head + (1UL << o), o);
	}
	return head;
}

unsigned long zone_add_free_range(struct zone *z, unsigned long start_pfn,
				  unsigned long end_pfn)
{
	unsigned long pfn = start_pfn;

	BUG_ON(start_pfn > end_pfn || start_pfn < z->start_pfn || end_pfn > z->end_pfn);
	while (pfn < end_pfn) {
		unsigned int order = 0;
		/* The largest block aligned at pfn that ends by end_pfn. */
		while (order < MAX_ORDER && !(pfn & (1UL << order)) && pfn + (2UL << order) <= end_pfn)
			order++;
		for (unsigned long i = 0; i < (1UL << order); i++) {
			struct page *p = zone_pfn_to_page(z, pfn + i);
			BUG_ON(!page_flag_test(p, PG_reserved));
			p->flags = 0;
			atomic_set(&p->refcount, 0);
		}
		unsigned long flags = spin_lock_irqsave(&z->lock);
		z->managed += 1UL << order;
		__zone_free_block(z, pfn, order);
		spin_unlock_irqrestore(&z->lock, flags);
		pfn += 1UL << order;
	}
	return end_pfn - start_pfn;
}

/* ---------------------------------------------------------------- per-CPU lists */

/* Move up to PCP_BATCH order-0 pages from the buddy lists to pcp. Irqs off. */
static void pcp_refill(struct zone *z, struct per_cpu_pages *pcp, unsigned int cpu)
{
	BUG_ON(!irqs_disabled());
	spin_lock(&z->lock);
	for (unsigned int i = 0; i < PCP_BATCH; i++) {
		struct page *p = __zone_take_block(z, 0);
		if (!p)
			break;
		p->cpu = cpu;
		page_flag_set(p, PG_pcp);
		list_add_tail(&p->lru, &pcp->list);
		pcp->count++;
	}
	spin_unlock(&z->lock);
}

/* Give the n coldest pages of pcp back to the buddy lists. Irqs off. */
static void pcp_drain(struct zone *z, struct per_cpu_pages *pcp, unsigned long n)
{
	BUG_ON(!irqs_disabled());
	spin_lock(&z->lock);
	while (n-- && !list_empty(&pcp->list)) {
		struct page *p = list_last_entry(&pcp->list, struct page, lru);
		list_del(&p->lru);
		page_flag_clear(p, PG_pcp);
		pcp->count--;
		__zone_free_block(z, zone_page_to_pfn(z, p), 0);
	}
	spin_unlock(&z->lock);
}

static struct page *pcp_alloc(struct zone *z)
{
	unsigned long flags = local_irq_save();
	unsigned int cpu = smp_processor_id();
	struct per_cpu_pages *pcp = &z->pcp[cpu];
	struct page *p;

	if (list_empty(&pcp->list))
		pcp_refill(z, pcp, cpu);
	p = list_first_entry_or_null(&pcp->list, struct page, lru);
	if (p) {
		BUG_ON(!page_flag_test(p, PG_pcp) || p->cpu != cpu);
		list_del(&p->lru);
		page_flag_clear(p, PG_pcp);
		pcp->count--;
	}
	local_irq_restore(flags);
	return p;
}

static void pcp_free(struct zone *z, struct page *p)
{
	unsigned long flags = local_irq_save();
	unsigned int cpu = smp_processor_id();
	struct per_cpu_pages *pcp = &z->pcp[cpu];

	p->cpu = cpu;
	page_flag_set(p, PG_pcp);
	list_add(&p->lru, &pcp->list);
	pcp->count++;
	if (pcp->count > PCP_HIGH)
		pcp_drain(z, pcp, PCP_BATCH);
	local_irq_restore(flags);
}

void zone_drain_cpu(struct zone *z)
{
	unsigned long flags = local_irq_save();
	struct per_cpu_pages *pcp = &z->pcp[smp_processor_id()];

	pcp_drain(z, pcp, pcp->count);
	local_irq_restore(flags);
}

/* ---------------------------------------------------------------- allocation and free */

static struct page *zone_take(struct zone *z, unsigned int order)
{
	if (order == 0)
		return pcp_alloc(z);
	unsigned long flags = spin_lock_irqsave(&z->lock);
	struct page *p = __zone_take_block(z, order);
	spin_unlock_irqrestore(&z->lock, flags);
	return p;
}

/* Turn a block just taken off a free list into an allocated one. */
static void prep_new_block(struct zone *z, struct page *p, gfp_t gfp, unsigned int order)
{
	BUG_ON(p->flags != 0 || atomic_read(&p->refcount) != 0);
	p->order = order;
	if (order)
		page_flag_set(p, PG_head);
	atomic_set(&p->refcount, 1);
	INIT_LIST_HEAD(&p->lru);
	if (gfp & __GFP_ZERO)
		memset(phys_to_virt((phys_addr_t)zone_page_to_pfn(z, p) << PAGE_SHIFT), 0,
		       PAGE_SIZE << order);
}

struct page *zone_alloc_pages(struct zone *z, gfp_t gfp, unsigned int order)
{
	struct page *p = NULL;

	if (order <= MAX_ORDER) {
		p = zone_take(z, order);
		if (!p && order > 0) {
			/* This cpu's cached pages may complete a block. */
			zone_drain_cpu(z);
			p = zone_take(z, order);
		}
	}
	if (!p) {
		if (!(gfp & __GFP_NOWARN))
			pr_warn("page_alloc: no free block of order %u in zone %s (%lu pages free)\n",
				order, z->name, zone_nr_free(z));
		return NULL;
	}
	prep_new_block(z, p, gfp, order);
	return p;
}

/*
 * Check that [page, page + 2^order) is an allocated block that may be
 * freed: inside the zone, aligned, its head's PG_head/order matching
 * order, every other page with refcount 0 (the head's is the caller's
 * business), none free or reserved, none still mapped, locked, under
 * writeback or on an LRU list. Changes nothing, so a test that catches
 * the BUG can go on. Returns the block's pfn.
 */
static unsigned long free_check_block(struct zone *z, struct page *page, unsigned int order)
{
	const unsigned long bad = 1UL << PG_buddy | 1UL << PG_pcp | 1UL << PG_reserved |
				  1UL << PG_locked | 1UL << PG_writeback | 1UL << PG_lru;
	unsigned long idx = (unsigned long)(page - z->map);
	unsigned long pfn = z->start_pfn + idx;

	BUG_ON(idx >= z->end_pfn - z->start_pfn || order > MAX_ORDER);
	BUG_ON(pfn & ((1UL << order) - 1) || pfn + (1UL << order) > z->end_pfn);
	if (page_flag_test(page, PG_head))
		BUG_ON(page->order != order);
	else
		BUG_ON(order != 0);
	for (unsigned long i = 0; i < (1UL << order); i++) {
		BUG_ON(page[i].flags & bad);
		BUG_ON(atomic_read(&page[i].mapcount) != 0);
		BUG_ON(i && atomic_read(&page[i].refcount) != 0);
	}
	return pfn;
}

/* Free a checked block whose head refcount is 0; the owner's flags and fields are wiped. */
static void zone_release_block(struct zone *z, struct page *page, unsigned long pfn,
			       unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		page[i].flags = 0;
		page[i].slab_cache = NULL;   /* with the next three, the whole union */
		page[i].freelist = NULL;
		page[i].inuse = 0;
		page[i].objects = 0;
	}
	if (order == 0) {
		pcp_free(z, page);
		return;
	}
	unsigned long flags = spin_lock_irqsave(&z->lock);
	__zone_free_block(z, pfn, order);
	spin_unlock_irqrestore(&z->lock, flags);
}

void zone_free_pages(struct zone *z, struct page *page, unsigned int order)
{
	/* A free page has refcount 0, so this also catches most double frees. */
	BUG_ON(atomic_read(&page->refcount) != 1);
	unsigned long pfn = free_check_block(z, page, order);
	atomic_set(&page->refcount, 0);
	zone_release_block(z, page, pfn, order);
}

void zone_put_page(struct zone *z, struct page *page)
{
	BUG_ON(atomic_read(&page->refcount) <= 0);
	if (!atomic_dec_and_test(&page->refcount))
		return;
	unsigned int order = page_flag_test(page, PG_head) ? page->order : 0;
	zone_release_block(z, page, free_check_block(z, page, order), order);
}

/* ---------------------------------------------------------------- statistics */

static unsigned long pcp_total(struct zone *z)
{
	unsigned long n = 0;

	for (unsigned int c = 0; c < NR_CPUS; c++)
		n += READ_ONCE(z->pcp[c].count);
	return n;
}

void zone_stats(struct zone *z, struct page_stats *st)
{
	unsigned long flags = spin_lock_irqsave(&z->lock);

	st->total = z->managed;
	st->free = z->free;
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		st->free_by_order[o] = z->free_area[o].nr_free;
	spin_unlock_irqrestore(&z->lock, flags);
	st->pcp = pcp_total(z);
	st->free += st->pcp;
}

unsigned long zone_nr_free(struct zone *z)
{
	unsigned long flags = spin_lock_irqsave(&z->lock);
	unsigned long n = z->free;

	spin_unlock_irqrestore(&z->lock, flags);
	return n + pcp_total(z);
}

/* ---------------------------------------------------------------- validation */

/*
 * The first problem found, formatted under z->lock and printed by
 * zone_validate() once the lock is dropped (so nothing is printed with
 * the zone lock held). Written only under a zone lock.
 */
static char validate_msg[192];

#define VALIDATE(cond, ...) do { \
	if (!(cond)) { \
		scnprintf(validate_msg, sizeof(validate_msg), __VA_ARGS__); \
		return -EINVAL; \
	} \
} while (0)

/* The blocks on free_area[order]: shape, flags, count, and not mergeable. */
static int validate_free_list(struct zone *z, unsigned int order)
{
	struct page *p;
	unsigned long n = 0;

	list_for_each_entry(p, &z->free_area[order].free_list, lru) {
		unsigned long pfn = zone_page_to_pfn(z, p);
		VALIDATE(++n <= z->managed, "order %u list longer than the zone", order);
		VALIDATE(zone_has_pfn(z, pfn) && pfn + (1UL << order) <= z->end_pfn,
			 "block %#lx order %u outside the zone", pfn, order);
		VALIDATE(!(pfn & ((1UL << order) - 1)), "block %#lx misaligned for order %u", pfn, order);
		VALIDATE(p->flags == 1UL << PG_buddy, "block %#lx flags %#lx", pfn, p->flags);
		VALIDATE(p->order == order, "block %#lx order %u on list %u", pfn, p->order, order);
		unsigned long bpfn = pfn ^ (1UL << order);
		if (order < MAX_ORDER && zone_has_pfn(z, bpfn)) {
			struct page *b = zone_pfn_to_page(z, bpfn);
			VALIDATE(!page_flag_test(b, PG_buddy) || b->order != order,
				 "free buddies %#lx and %#lx of order %u not merged", pfn, bpfn, order);
		}
	}
	VALIDATE(n == z->free_area[order].nr_free, "order %u: %lu blocks listed, nr_free %lu",
		 order, n, z->free_area[order].nr_free);
	return 0;
}

/* Every page of the block at pfn after its head: no flags, refcount 0. */
static int validate_block_tail(struct zone *z, unsigned long pfn, unsigned int order)
{
	for (unsigned long i = 1; i < (1UL << order); i++) {
		struct page *p = zone_pfn_to_page(z, pfn + i);
		VALIDATE(p->flags == 0 && atomic_read(&p->refcount) == 0,
			 "page %#lx inside free block %#lx: flags %#lx refcount %d",
			 pfn + i, pfn, p->flags, atomic_read(&p->refcount));
	}
	return 0;
}

/*
 * Walk mem_map: the PG_buddy heads found must be exactly the listed
 * blocks (counted per order), the PG_pcp pages exactly the listed ones.
 */
static int validate_map(struct zone *z, unsigned long pcp_listed)
{
	unsigned long heads[MAX_ORDER + 1] = { 0 }, pcp_seen = 0, pfn = z->start_pfn;

	while (pfn < z->end_pfn) {
		struct page *p = zone_pfn_to_page(z, pfn);
		if (!page_flag_test(p, PG_buddy)) {
			pcp_seen += page_flag_test(p, PG_pcp);
			pfn++;
			continue;
		}
		VALIDATE(p->order <= MAX_ORDER, "page %#lx: order %u", pfn, p->order);
		heads[p->order]++;
		if (validate_block_tail(z, pfn, p->order))
			return -EINVAL;
		pfn += 1UL << p->order;
	}
	for (unsigned int o = 0; o <= MAX_ORDER; o++)
		VALIDATE(heads[o] == z->free_area[o].nr_free, "order %u: %lu PG_buddy heads, nr_free %lu",
			 o, heads[o], z->free_area[o].nr_free);
	VALIDATE(pcp_seen == pcp_listed, "%lu PG_pcp pages, %lu on per-CPU lists", pcp_seen, pcp_listed);
	return 0;
}

static int validate_pcp(struct zone *z, unsigned int cpu)
{
	struct per_cpu_pages *pcp = &z->pcp[cpu];
	unsigned long n = 0;
	struct page *p;

	list_for_each_entry(p, &pcp->list, lru) {
		unsigned long pfn = zone_page_to_pfn(z, p);
		VALIDATE(++n <= z->managed, "cpu%u list longer than the zone", cpu);
		VALIDATE(zone_has_pfn(z, pfn), "cpu%u list: page %#lx outside the zone", cpu, pfn);
		VALIDATE(p->flags == 1UL << PG_pcp && p->cpu == cpu && atomic_read(&p->refcount) == 0,
			 "cpu%u list: page %#lx flags %#lx cpu %u refcount %d", cpu, pfn, p->flags,
			 p->cpu, atomic_read(&p->refcount));
	}
	VALIDATE(n == pcp->count, "cpu%u: %lu pages listed, count %lu", cpu, n, pcp->count);
	VALIDATE(n <= PCP_HIGH, "cpu%u: %lu pages on the list, more than PCP_HIGH", cpu, n);
	return 0;
}

static int __zone_validate(struct zone *z)
{
	unsigned long pages = 0, pcp_pages = 0;

	for (unsigned int o = 0; o <= MAX_ORDER; o++) {
		if (validate_free_list(z, o))
			return -EINVAL;
		pages += z->free_area[o].nr_free << o;
	}
	VALIDATE(pages == z->free, "%lu pages in free blocks, free count %lu", pages, z->free);
	for (unsigned int c = 0; c < NR_CPUS; c++) {
		if (validate_pcp(z, c))
			return -EINVAL;
		pcp_pages += z->pcp[c].count;
	}
	VALIDATE(z->free + pcp_pages <= z->managed, "%lu free + %lu per-CPU > %lu managed",
		 z->free, pcp_pages, z->managed);
	return validate_map(z, pcp_pages);
}

int zone_validate(struct zone *z)
{
	char msg[sizeof(validate_msg)];
	unsigned long flags = spin_lock_irqsave(&z->lock);
	int err = __zone_validate(z);

	if (err)
		memcpy(msg, validate_msg, sizeof(msg));
	spin_unlock_irqrestore(&z->lock, flags);
	if (err)
		pr_err("zone %s: %s\n", z->name, msg);
	return err;
}
