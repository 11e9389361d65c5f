/*
 * The VMAs of one user address space: a set of disjoint areas with the
 * range operations behind mmap, munmap and mprotect (see <mm/vma.h>).
 *
 * Representation: each VMA is in a red-black tree keyed by start and in a
 * list sorted by start. The tree answers "which VMA holds addr" in
 * O(log n); the list gives neighbours and in-order walks in O(1) a step.
 *
 * Invariants between calls (vma_validate checks them all):
 *   - VMAs are non-empty, page aligned, end at or below set->limit and do
 *     not overlap; the list is the in-order walk of the tree;
 *   - count and total_pages describe the VMAs in the set;
 *   - cache is NULL or a VMA of the set.
 *
 * Keys change in place. Trimming the front of a VMA raises its start, but
 * never past its own end, so the VMA keeps its place in the tree order and
 * needs no relinking. Merging always lets the lower VMA absorb the upper
 * one, so no start changes then.
 *
 * All-or-nothing: a range operation first works out how many new VMAs it
 * can need (vma_map_range 1 + 1, vma_unmap_range 1, vma_protect_range 2)
 * and allocates them as spares; only then does it change the set, and
 * nothing after that point can fail. Spares left over are freed.
 *
 * No locks: the set's owner holds its lock exclusively around every call
 * here except the lookups (vma_find, vma_find_next, vma_prev, vma_next,
 * vma_first, vma_last, vma_get_unmapped_area), which need it shared.
 */
#include <arch/memlayout.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <lib/rbtree.h>
#include <mm/vma.h>

#define vma_of(node) rb_entry(node, struct vm_area, rb)

/* At most this many VMAs are allocated ahead by one range operation. */
#define VMA_MAX_SPARES 2

/* VMAs allocated before a range operation changes anything. */
struct vma_spares {
	struct vm_area *vma[VMA_MAX_SPARES];
	unsigned int n;
};

static bool vma_aligned(unsigned long x)
{
	return (x & (PAGE_SIZE - 1)) == 0;
}

/* 0 if [start, end) is a page-aligned non-empty range below set->limit. */
static int vma_check_range(const struct vma_set *set, unsigned long start,
			   unsigned long end)
{
	if (!vma_aligned(start) || !vma_aligned(end) || start >= end ||
	    end > set->limit)
		return -EINVAL;
	return 0;
}

void vma_set_init(struct vma_set *set, unsigned long limit)
{
	set->root = RB_ROOT;
	INIT_LIST_HEAD(&set->list);
	set->count = 0;
	set->total_pages = 0;
	set->limit = limit;
	set->cache = NULL;
}

/* ------------------------------------------------------------ lookups */

struct vm_area *vma_find_next(const struct vma_set *set, unsigned long addr)
{
	struct rb_node *node = set->root.rb_node;
	struct vm_area *found = NULL;

	while (node) {
		struct vm_area *vma = vma_of(node);

		if (vma->end > addr) {
			found = vma;
			if (vma->start <= addr)
				break;
			node = node->rb_left;
		} else {
			node = node->rb_right;
		}
	}
	return found;
}

struct vm_area *vma_find(struct vma_set *set, unsigned long addr)
{
	struct vm_area *vma = READ_ONCE(set->cache);

	if (vma && vma->start <= addr && addr < vma->end)
		return vma;
	vma = vma_find_next(set, addr);
	if (!vma || vma->start > addr)
		return NULL;
	WRITE_ONCE(set->cache, vma);
	return vma;
}

struct vm_area *vma_prev(const struct vma_set *set, const struct vm_area *vma)
{
	if (vma->list.prev == &set->list)
		return NULL;
	return list_entry(vma->list.prev, struct vm_area, list);
}

struct vm_area *vma_next(const struct vma_set *set, const struct vm_area *vma)
{
	if (vma->list.next == &set->list)
		return NULL;
	return list_entry(vma->list.next, struct vm_area, list);
}

struct vm_area *vma_first(const struct vma_set *set)
{
	if (list_empty(&set->list))
		return NULL;
	return list_first_entry(&set->list, struct vm_area, list);
}

struct vm_area *vma_last(const struct vma_set *set)
{
	if (list_empty(&set->list))
		return NULL;
	return list_last_entry(&set->list, struct vm_area, list);
}

/* ------------------------------------------------- linking, unlinking */

/*
 * Walk down to where a VMA starting at start belongs (equal starts go
 * right). Returns the link to fill; *parent is its node, *prev and *next
 * the VMAs that will be on either side in address order (or NULL).
 */
static struct rb_node **vma_walk(struct vma_set *set, unsigned long start,
				 struct rb_node **parent, struct vm_area **prev,
				 struct vm_area **next)
{
	struct rb_node **link = &set->root.rb_node;

	*parent = NULL;
	*prev = *next = NULL;
	while (*link) {
		struct vm_area *vma = vma_of(*link);

		*parent = *link;
		if (start < vma->start) {
			*next = vma;
			link = &vma->rb.rb_left;
		} else {
			*prev = vma;
			link = &vma->rb.rb_right;
		}
	}
	return link;
}

static void vma_link(struct vma_set *set, struct vm_area *vma,
		     struct rb_node *parent, struct rb_node **link,
		     struct vm_area *prev)
{
	rb_link_node(&vma->rb, parent, link);
	rb_insert_color(&vma->rb, &set->root);
	list_add(&vma->list, prev ? &prev->list : &set->list);
	set->count++;
	set->total_pages += vma_pages(vma);
}

/* Add vma, known to overlap nothing in the set. */
static void vma_add(struct vma_set *set, struct vm_area *vma)
{
	struct rb_node *parent, **link;
	struct vm_area *prev, *next;

	link = vma_walk(set, vma->start, &parent, &prev, &next);
	vma_link(set, vma, parent, link, prev);
}

int vma_insert(struct vma_set *set, struct vm_area *vma)
{
	struct rb_node *parent, **link;
	struct vm_area *prev, *next;

	if (vma_check_range(set, vma->start, vma->end))
		return -EINVAL;
	link = vma_walk(set, vma->start, &parent, &prev, &next);
	if ((prev && prev->end > vma->start) ||
	    (next && next->start < vma->end))
		return -EEXIST;
	vma_link(set, vma, parent, link, prev);
	return 0;
}

void vma_remove(struct vma_set *set, struct vm_area *vma)
{
	if (READ_ONCE(set->cache) == vma)
		WRITE_ONCE(set->cache, NULL);
	rb_erase(&vma->rb, &set->root);
	RB_CLEAR_NODE(&vma->rb);
	list_del(&vma->list);
	set->count--;
	set->total_pages -= vma_pages(vma);
}

/*
 * Narrow vma to [start, end), inside its current bounds. pgoff follows
 * start. The tree order is kept: start only moves up, and not past end.
 */
static void vma_shrink(struct vma_set *set, struct vm_area *vma,
		       unsigned long start, unsigned long end)
{
	set->total_pages -= vma_pages(vma);
	vma->pgoff += (start - vma->start) >> PAGE_SHIFT;
	vma->start = start;
	vma->end = end;
	set->total_pages += vma_pages(vma);
}

/* ------------------------------------------------------------ spares */

/* alloc->alloc, with the fields alloc->free looks at cleared. */
static struct vm_area *vma_alloc_blank(const struct vma_alloc *alloc)
{
	struct vm_area *vma = alloc->alloc(alloc->ctx);

	if (!vma)
		return NULL;
	vma->start = vma->end = 0;
	vma->flags = 0;
	vma->pgoff = 0;
	vma->file = NULL;
	vma->ops = NULL;
	vma->anon = NULL;
	RB_CLEAR_NODE(&vma->rb);
	INIT_LIST_HEAD(&vma->list);
	return vma;
}

/* Free the spares not used. */
static void vma_spares_put(struct vma_spares *sp, const struct vma_alloc *alloc)
{
	while (sp->n)
		alloc->free(alloc->ctx, sp->vma[--sp->n]);
}

/* Allocate n (<= VMA_MAX_SPARES) spares: 0, or -ENOMEM with none kept. */
static int vma_spares_get(struct vma_spares *sp, unsigned int n,
			  const struct vma_alloc *alloc)
{
	sp->n = 0;
	while (sp->n < n) {
		struct vm_area *vma = vma_alloc_blank(alloc);

		if (!vma) {
			vma_spares_put(sp, alloc);
			return -ENOMEM;
		}
		sp->vma[sp->n++] = vma;
	}
	return 0;
}

/* One of the spares; the caller counted them, so there is one. */
static struct vm_area *vma_spares_take(struct vma_spares *sp)
{
	return sp->vma[--sp->n];
}

/* ----------------------------------------------------- split and merge */

/*
 * Split vma at addr, strictly inside it, into vma = [start, addr) and
 * spare = [addr, end), which gets vma's attributes (alloc->hold) and its
 * pgoff advanced. Returns spare. Cannot fail.
 */
static struct vm_area *vma_split_into(struct vma_set *set, struct vm_area *vma,
				      unsigned long addr, struct vm_area *spare,
				      const struct vma_alloc *alloc)
{
	*spare = *vma;
	spare->start = addr;
	spare->pgoff = vma->pgoff + ((addr - vma->start) >> PAGE_SHIFT);
	vma_shrink(set, vma, vma->start, addr);
	if (alloc->hold)
		alloc->hold(alloc->ctx, spare);
	vma_add(set, spare);
	return spare;
}

struct vm_area *vma_split(struct vma_set *set, struct vm_area *vma,
			  unsigned long addr, const struct vma_alloc *alloc)
{
	struct vm_area *spare;

	if (!vma_aligned(addr) || addr <= vma->start || addr >= vma->end)
		return ERR_PTR(-EINVAL);
	spare = vma_alloc_blank(alloc);
	if (!spare)
		return ERR_PTR(-ENOMEM);
	return vma_split_into(set, vma, addr, spare, alloc);
}

bool vma_mergeable(const struct vm_area *a, const struct vm_area *b)
{
	if (a->end != b->start || a->flags != b->flags ||
	    a->file != b->file || a->ops != b->ops)
		return false;
	if (a->anon && b->anon && a->anon != b->anon)
		return false;
	if (a->file && a->pgoff + vma_pages(a) != b->pgoff)
		return false;
	return true;
}

/*
 * vma absorbs next, its mergeable upper neighbour, which is freed. If vma
 * had no anon it takes next's, reference and all.
 */
static void vma_absorb(struct vma_set *set, struct vm_area *vma,
		       struct vm_area *next, const struct vma_alloc *alloc)
{
	unsigned long end = next->end;

	if (!vma->anon) {
		vma->anon = next->anon;
		next->anon = NULL;
	}
	vma_remove(set, next);
	set->total_pages += (end - vma->end) >> PAGE_SHIFT;
	vma->end = end;
	alloc->free(alloc->ctx, next);
}

struct vm_area *vma_merge_around(struct vma_set *set, struct vm_area *vma,
				 const struct vma_alloc *alloc)
{
	struct vm_area *prev = vma_prev(set, vma), *next;

	if (prev && vma_mergeable(prev, vma)) {
		vma_absorb(set, prev, vma, alloc);
		vma = prev;
	}
	next = vma_next(set, vma);
	if (next && vma_mergeable(vma, next))
		vma_absorb(set, vma, next, alloc);
	return vma;
}

/*
 * Merge every mergeable adjacent pair from vma on, up to and including
 * the pair whose lower VMA is the last one starting below end.
 */
static void vma_merge_from(struct vma_set *set, struct vm_area *vma,
			   unsigned long end, const struct vma_alloc *alloc)
{
	while (vma && vma->start < end) {
		struct vm_area *next = vma_next(set, vma);

		if (next && vma_mergeable(vma, next))
			vma_absorb(set, vma, next, alloc);
		else
			vma = next;
	}
}

/* ------------------------------------------------------------- unmap */

/* The VMA that unmapping [start, end) would cut in two, or NULL. */
static struct vm_area *vma_punched(const struct vma_set *set,
				   unsigned long start, unsigned long end)
{
	struct vm_area *vma = vma_find_next(set, start);

	if (vma && vma->start < start && vma->end > end)
		return vma;
	return NULL;
}

/*
 * Take [start, end) out of vma, which overlaps it but does not extend past
 * it on both sides: trim vma's tail or head, or remove and free vma.
 */
static void vma_unmap_piece(struct vma_set *set, struct vm_area *vma,
			    unsigned long start, unsigned long end,
			    const struct vma_alloc *alloc,
			    vma_unmapped_fn unmapped)
{
	unsigned long s = MAX(vma->start, start), e = MIN(vma->end, end);

	if (unmapped)
		unmapped(alloc->ctx, vma, s, e);
	if (s > vma->start) {
		vma_shrink(set, vma, vma->start, s);
	} else if (e < vma->end) {
		vma_shrink(set, vma, e, vma->end);
	} else {
		vma_remove(set, vma);
		alloc->free(alloc->ctx, vma);
	}
}

/*
 * The body of vma_unmap_range, on a checked range, with a spare in sp if
 * vma_punched() found a VMA to cut. Cannot fail.
 */
static void vma_unmap_spared(struct vma_set *set, unsigned long start,
			     unsigned long end, struct vma_spares *sp,
			     const struct vma_alloc *alloc,
			     vma_unmapped_fn unmapped)
{
	struct vm_area *vma = vma_find_next(set, start);

	if (vma && vma->start < start && vma->end > end)
		vma_split_into(set, vma, end, vma_spares_take(sp), alloc);
	while (vma && vma->start < end) {
		struct vm_area *next = vma_next(set, vma);

		vma_unmap_piece(set, vma, start, end, alloc, unmapped);
		vma = next;
	}
}

int vma_unmap_range(struct vma_set *set, unsigned long start,
		    unsigned long end, const struct vma_alloc *alloc,
		    vma_unmapped_fn unmapped)
{
	struct vma_spares sp;
	int err;

	err = vma_check_range(set, start, end);
	if (err)
		return err;
	err = vma_spares_get(&sp, vma_punched(set, start, end) ? 1 : 0, alloc);
	if (err)
		return err;
	vma_unmap_spared(set, start, end, &sp, alloc, unmapped);
	vma_spares_put(&sp, alloc);
	return 0;
}

void vma_set_clear(struct vma_set *set, const struct vma_alloc *alloc,
		   vma_unmapped_fn unmapped)
{
	struct vm_area *vma, *next;

	list_for_each_entry_safe(vma, next, &set->list, list) {
		if (unmapped)
			unmapped(alloc->ctx, vma, vma->start, vma->end);
		vma_remove(set, vma);
		alloc->free(alloc->ctx, vma);
	}
}

/* --------------------------------------------------------------- map */

struct vm_area *vma_map_range(struct vma_set *set, const struct vma_desc *desc,
			      const struct vma_alloc *alloc,
			      vma_unmapped_fn unmapped)
{
	unsigned long start = desc->start, end = desc->end;
	struct vma_spares sp;
	struct vm_area *vma;
	int err;

	err = vma_check_range(set, start, end);
	if (err)
		return ERR_PTR(err);
	err = vma_spares_get(&sp, vma_punched(set, start, end) ? 2 : 1, alloc);
	if (err)
		return ERR_PTR(err);
	vma = vma_spares_take(&sp);
	vma_unmap_spared(set, start, end, &sp, alloc, unmapped);
	vma->start = start;
	vma->end = end;
	vma->flags = desc->flags;
	vma->pgoff = desc->pgoff;
	vma->file = desc->file;
	vma->ops = desc->ops;
	if (alloc->hold)
		alloc->hold(alloc->ctx, vma);
	vma_add(set, vma);
	vma_spares_put(&sp, alloc);
	return vma_merge_around(set, vma, alloc);
}

/* ------------------------------------------------------------ protect */

static unsigned long vma_new_flags(const struct vm_area *vma,
				   unsigned long mask, unsigned long new_flags)
{
	return (vma->flags & ~mask) | (new_flags & mask);
}

/* True if flags grant an access its VM_MAYxxx bits do not allow. */
static bool vma_flags_denied(unsigned long flags)
{
	return flags & VM_ACCESS_FLAGS & ~(flags >> VM_MAY_SHIFT);
}

/*
 * Check that [start, end) is mapped without holes and that every VMA in
 * it may take its new flags. Sets *first and *last to the VMAs holding
 * start and end - 1. Returns 0, -ENOMEM (a hole) or -EACCES, whichever
 * the lowest offending address shows.
 */
static int vma_protect_check(const struct vma_set *set, unsigned long start,
			     unsigned long end, unsigned long mask,
			     unsigned long new_flags, struct vm_area **first,
			     struct vm_area **last)
{
	struct vm_area *vma = vma_find_next(set, start);
	unsigned long addr = start;

	*first = vma;
	for (;;) {
		if (!vma || vma->start > addr)
			return -ENOMEM;
		if (vma_flags_denied(vma_new_flags(vma, mask, new_flags)))
			return -EACCES;
		if (vma->end >= end)
			break;
		addr = vma->end;
		vma = vma_next(set, vma);
	}
	*last = vma;
	return 0;
}

/* Does vma cross addr, and will its flags change? Then it must be split. */
static bool vma_protect_splits(const struct vm_area *vma, unsigned long addr,
			       unsigned long mask, unsigned long new_flags)
{
	return vma->start < addr && addr < vma->end &&
	       vma_new_flags(vma, mask, new_flags) != vma->flags;
}

int vma_protect_range(struct vma_set *set, unsigned long start,
		      unsigned long end, unsigned long mask,
		      unsigned long new_flags, const struct vma_alloc *alloc)
{
	struct vm_area *first, *last, *vma, *prev;
	bool split_start, split_end;
	struct vma_spares sp;
	int err;

	err = vma_check_range(set, start, end);
	if (!err)
		err = vma_protect_check(set, start, end, mask, new_flags,
					&first, &last);
	if (err)
		return err;
	split_start = vma_protect_splits(first, start, mask, new_flags);
	split_end = vma_protect_splits(last, end, mask, new_flags);
	err = vma_spares_get(&sp, split_start + split_end, alloc);
	if (err)
		return err;
	if (split_start) {
		vma = vma_split_into(set, first, start, vma_spares_take(&sp),
				     alloc);
		if (last == first)
			last = vma;
		first = vma;
	}
	if (split_end)
		vma_split_into(set, last, end, vma_spares_take(&sp), alloc);
	for (vma = first; vma != last; vma = vma_next(set, vma))
		vma->flags = vma_new_flags(vma, mask, new_flags);
	last->flags = vma_new_flags(last, mask, new_flags);
	prev = vma_prev(set, first);
	vma_merge_from(set, prev ? prev : first, end, alloc);
	vma_spares_put(&sp, alloc);
	return 0;
}

/* ---------------------------------------------------- unmapped areas */

static bool vma_range_free(const struct vma_set *set, unsigned long start,
			   unsigned long end)
{
	struct vm_area *vma = vma_find_next(set, start);

	return !vma || vma->start >= end;
}

/* The highest VMA starting below addr, or NULL. */
static struct vm_area *vma_below(const struct vma_set *set, unsigned long addr)
{
	struct vm_area *vma = vma_find_next(set, addr - 1);

	if (vma && vma->start < addr)
		return vma;
	return vma ? vma_prev(set, vma) : vma_last(set);
}

/*
 * The highest len-byte free range in [low, high): walk down the gaps from
 * high, each between a VMA's end and the start of the one above it.
 */
static int vma_top_down(const struct vma_set *set, unsigned long len,
			unsigned long low, unsigned long high,
			unsigned long *addr)
{
	struct vm_area *below = vma_below(set, high);
	unsigned long gap_end = high;

	while (gap_end >= low && gap_end - low >= len) {
		unsigned long gap_start = below ? MAX(below->end, low) : low;

		if (gap_end > gap_start && gap_end - gap_start >= len) {
			*addr = gap_end - len;
			return 0;
		}
		if (!below)
			break;
		gap_end = MIN(gap_end, below->start);
		below = vma_prev(set, below);
	}
	return -ENOMEM;
}

int vma_get_unmapped_area(const struct vma_set *set, unsigned long len,
			  unsigned long hint, unsigned long low,
			  unsigned long high, unsigned long *addr)
{
	if (!len || !vma_aligned(len) || !vma_aligned(low) ||
	    !vma_aligned(high) || low >= high)
		return -EINVAL;
	if (len > high - low)
		return -ENOMEM;
	if (hint && hint <= high - len) {
		hint = ALIGN_UP(hint, PAGE_SIZE);
		if (hint >= low && hint <= high - len &&
		    vma_range_free(set, hint, hint + len)) {
			*addr = hint;
			return 0;
		}
	}
	return vma_top_down(set, len, low, high, addr);
}

/* ----------------------------------------------------------- validate */

static int vma_cmp(const struct rb_node *a, const struct rb_node *b)
{
	unsigned long sa = vma_of(a)->start, sb = vma_of(b)->start;

	return (sa > sb) - (sa < sb);
}

/* The checks of one VMA against the limit and its predecessor. */
static int vma_validate_one(const struct vma_set *set,
			    const struct vm_area *prev,
			    const struct vm_area *vma, unsigned int checks)
{
	if (!vma_aligned(vma->start) || !vma_aligned(vma->end) ||
	    vma->start >= vma->end || vma->end > set->limit)
		return -VMA_BAD_RANGE;
	if (prev && prev->end > vma->start)
		return -VMA_OVERLAP;
	if ((checks & VMA_VALIDATE_MERGED) && prev && vma_mergeable(prev, vma))
		return -VMA_UNMERGED;
	return 0;
}

int vma_validate(const struct vma_set *set, unsigned int checks)
{
	const struct list_head *pos = &set->list;
	const struct vm_area *prev = NULL;
	unsigned long count = 0, pages = 0;
	bool cache_found = set->cache == NULL;
	struct rb_node *node;
	int err;

	if (rb_validate(&set->root, vma_cmp))
		return -VMA_BAD_TREE;
	for (node = rb_first(&set->root); node; node = rb_next(node)) {
		const struct vm_area *vma = vma_of(node);

		if (pos->next != &vma->list || vma->list.prev != pos)
			return -VMA_BAD_LIST;
		pos = pos->next;
		err = vma_validate_one(set, prev, vma, checks);
		if (err)
			return err;
		count++;
		pages += vma_pages(vma);
		cache_found |= vma == set->cache;
		prev = vma;
	}
	if (pos->next != &set->list || set->list.prev != pos)
		return -VMA_BAD_LIST;
	if (count != set->count)
		return -VMA_BAD_COUNT;
	if (pages != set->total_pages)
		return -VMA_BAD_TOTAL;
	return cache_found ? 0 : -VMA_BAD_CACHE;
}
