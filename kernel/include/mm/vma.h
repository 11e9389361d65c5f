/*
 * The VMAs of one user address space (kernel/mm/vma.c).
 *
 * A struct vma_set holds the virtual memory areas of an address space:
 * disjoint, non-empty, page-aligned ranges [start, end), each with the same
 * flags, backing object and operations over its whole length. The set
 * keeps them in a red-black tree keyed by start (O(log n) lookups) and in
 * a list sorted by address (in-order walks without tree steps).
 *
 * This is pure data-structure code: no locks, no page tables, no memory of
 * its own. The owner (the mm's mmap lock, later) serializes every change;
 * memory for VMAs comes from the caller's struct vma_alloc, so the kernel
 * passes a slab cache and the host tests pass malloc.
 *
 * Range operations, the cores of the system calls:
 *
 *   vma_map_range      mmap(MAP_FIXED): replace [start, end) by a new VMA
 *   vma_unmap_range    munmap
 *   vma_protect_range  mprotect
 *   vma_get_unmapped_area  choose where a non-fixed mmap goes
 *
 * Each either succeeds or changes nothing: every VMA a range operation
 * might need is allocated before the set is touched.
 *
 * Merging. vma_map_range, vma_protect_range and vma_merge_around merge
 * what they touch with its mergeable neighbours; vma_unmap_range never
 * makes two VMAs adjacent that were not. So a set changed only by these
 * stays "fully merged" (no two adjacent VMAs satisfy vma_mergeable), which
 * vma_validate(set, VMA_VALIDATE_MERGED) checks. vma_insert and vma_split
 * do not merge.
 */
#ifndef MM_VMA_H
#define MM_VMA_H

#include <arch/memlayout.h>
#include <kernel/compiler.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <lib/rbtree.h>

/* VMA flags: Linux's VM_* meanings (and values, up to VM_GROWSDOWN). */
#define VM_NONE      0x0UL
#define VM_READ      0x1UL
#define VM_WRITE     0x2UL
#define VM_EXEC      0x4UL
#define VM_SHARED    0x8UL
#define VM_MAYREAD   0x10UL	/* VM_READ may be set (by mprotect) */
#define VM_MAYWRITE  0x20UL
#define VM_MAYEXEC   0x40UL
#define VM_MAYSHARE  0x80UL
#define VM_GROWSDOWN 0x100UL	/* a stack: grows down on faults below it */
#define VM_NORESERVE 0x200UL	/* MAP_NORESERVE: no commit accounting */

#define VM_ACCESS_FLAGS (VM_READ | VM_WRITE | VM_EXEC)
/* VM_MAYx is VM_x shifted left by this. */
#define VM_MAY_SHIFT 4

/*
 * One area. The set owns start, end, rb and list; file, ops and anon are
 * opaque to it: it compares them (merging), copies them (splitting) and
 * hands them back through the callbacks of struct vma_alloc.
 * [M] = changed only by the set's owner with the set exclusively held.
 */
struct vm_area {
	unsigned long start;	/* [M] first byte, page aligned */
	unsigned long end;	/* [M] one past the last byte, page aligned */
	unsigned long flags;	/* [M] VM_* */
	unsigned long pgoff;	/* [M] file offset of start, in pages */
	void *file;		/* [M] backing object; NULL = anonymous */
	const void *ops;	/* [M] operations table (fault handler...) */
	void *anon;		/* [M] anonymous-memory bookkeeping, or NULL */
	struct rb_node rb;	/* [M] in vma_set.root, keyed by start */
	struct list_head list;	/* [M] in vma_set.list, by address */
};

/*
 * All the VMAs of one address space.
 * [M] = the owner's lock held exclusively to change.
 * [a] = also written by lookups under a shared lock: READ_ONCE/WRITE_ONCE.
 */
struct vma_set {
	struct rb_root root;		/* [M] keyed by start */
	struct list_head list;		/* [M] sorted by start */
	unsigned long count;		/* [M] number of VMAs */
	unsigned long total_pages;	/* [M] sum of their lengths, in pages */
	unsigned long limit;		/* [M] no VMA ends above (user top) */
	struct vm_area *cache;		/* [a] last VMA vma_find returned */
};

/*
 * Where VMAs come from and go, supplied by the caller of every operation
 * that creates or destroys one. Called with the owner's lock held; the set
 * never calls them in a way that needs them to sleep, but they may.
 *
 * alloc   a new, uninitialized struct vm_area, or NULL (the operation then
 *         fails with -ENOMEM and changes nothing).
 * free    release a VMA the set took out of use: drop the references its
 *         file and anon hold (either may be NULL; a spare VMA that was
 *         allocated but never used has both NULL) and free it.
 * hold    may be NULL. The set has just filled in vma as a new user of its
 *         file and anon (the upper half of a split, or vma_map_range's new
 *         VMA): take the references that free will drop.
 * ctx     passed to each, and to vma_unmapped_fn.
 *
 * When a merge gives a VMA with anon NULL the anon of the VMA it absorbs,
 * the reference moves with it: the absorbed VMA is freed with anon NULL.
 */
struct vma_alloc {
	struct vm_area *(*alloc)(void *ctx);
	void (*free)(void *ctx, struct vm_area *vma);
	void (*hold)(void *ctx, struct vm_area *vma);
	void *ctx;
};

/*
 * Called by the unmapping operations for each piece [start, end) of vma
 * leaving the address space, while vma still covers [start, end) with its
 * attributes, just before the set trims or frees it: the caller tears down
 * the page tables of the range there. The set is mid-change: do not look
 * at it.
 */
typedef void (*vma_unmapped_fn)(void *ctx, struct vm_area *vma,
				unsigned long start, unsigned long end);

/* What vma_map_range maps. */
struct vma_desc {
	unsigned long start, end;	/* page aligned, start < end */
	unsigned long flags;		/* VM_* */
	unsigned long pgoff;		/* file offset of start, in pages */
	void *file;			/* NULL = anonymous */
	const void *ops;
};

/* Violations reported (negated) by vma_validate. */
enum vma_violation {
	VMA_BAD_TREE = 1,	/* rb_validate failed, or tree out of order */
	VMA_BAD_LIST,		/* list differs from the in-order tree walk */
	VMA_BAD_RANGE,		/* an empty, unaligned or beyond-limit VMA */
	VMA_OVERLAP,		/* two VMAs overlap */
	VMA_BAD_COUNT,		/* count differs from the number of VMAs */
	VMA_BAD_TOTAL,		/* total_pages differs from their sum */
	VMA_BAD_CACHE,		/* cache points at no VMA of the set */
	VMA_UNMERGED,		/* two adjacent VMAs are mergeable */
};

/* vma_validate's checks flag: also require a fully merged set. */
#define VMA_VALIDATE_MERGED 0x1U

/* An empty set whose VMAs must end at or below limit (page aligned). */
void vma_set_init(struct vma_set *set, unsigned long limit);

/*
 * Remove every VMA: unmapped (if not NULL) for each, then alloc->free.
 * The set is empty and reusable afterwards.
 */
void vma_set_clear(struct vma_set *set, const struct vma_alloc *alloc,
		   vma_unmapped_fn unmapped);

/* The VMA containing addr, or NULL. O(log n); O(1) on a repeated hit. */
struct vm_area *vma_find(struct vma_set *set, unsigned long addr);

/*
 * The lowest VMA with end > addr (Linux's find_vma): the one containing
 * addr, else the first above it; NULL if none. O(log n).
 */
struct vm_area *vma_find_next(const struct vma_set *set, unsigned long addr);

/* The neighbours of vma in address order, or NULL at either end. */
struct vm_area *vma_prev(const struct vma_set *set, const struct vm_area *vma);
struct vm_area *vma_next(const struct vma_set *set, const struct vm_area *vma);

/* The lowest and highest VMA, or NULL if the set is empty. */
struct vm_area *vma_first(const struct vma_set *set);
struct vm_area *vma_last(const struct vma_set *set);

#define vma_for_each(vma, set) list_for_each_entry(vma, &(set)->list, list)

static inline unsigned long vma_pages(const struct vm_area *vma)
{
	return (vma->end - vma->start) >> PAGE_SHIFT;
}

/*
 * Add vma (start, end and the attributes filled in) to the set. No merge.
 * Returns 0; -EINVAL if vma is empty, unaligned or ends above the limit;
 * -EEXIST if it overlaps a VMA of the set (then nothing changes).
 */
int vma_insert(struct vma_set *set, struct vm_area *vma);

/* Take vma out of the set; the caller frees it (no callback is called). */
void vma_remove(struct vma_set *set, struct vm_area *vma);

/*
 * True if b starts where a ends and one VMA could describe both: same
 * flags, file and ops; for a file, b's pgoff continues a's; and anon equal
 * or one of them NULL. For anonymous VMAs pgoff is not compared.
 */
bool vma_mergeable(const struct vm_area *a, const struct vm_area *b);

/*
 * Merge vma with its previous and next VMA where vma_mergeable allows,
 * freeing the absorbed ones through alloc. Returns the VMA that now covers
 * vma's range (vma itself or its previous neighbour).
 */
struct vm_area *vma_merge_around(struct vma_set *set, struct vm_area *vma,
				 const struct vma_alloc *alloc);

/*
 * Split vma at addr: vma keeps [start, addr) and a new VMA (calls
 * alloc->hold) takes [addr, end) with the same attributes and pgoff
 * advanced by the pages before addr. Returns the new VMA;
 * ERR_PTR(-EINVAL) if addr is unaligned or not strictly inside vma;
 * ERR_PTR(-ENOMEM) if alloc fails (nothing changes).
 */
struct vm_area *vma_split(struct vma_set *set, struct vm_area *vma,
			  unsigned long addr, const struct vma_alloc *alloc);

/*
 * mmap(MAP_FIXED): unmap whatever overlaps [desc->start, desc->end) as
 * vma_unmap_range does, then add a VMA for desc (anon NULL; alloc->hold
 * is called on it) and merge it with its neighbours.
 * Returns the VMA now covering the range (possibly larger, after merges);
 * ERR_PTR(-EINVAL) for a bad range; ERR_PTR(-ENOMEM) if an allocation
 * fails, and then nothing has changed and unmapped was not called.
 */
struct vm_area *vma_map_range(struct vma_set *set, const struct vma_desc *desc,
			      const struct vma_alloc *alloc,
			      vma_unmapped_fn unmapped);

/*
 * munmap: remove [start, end) from the set. VMAs inside go (freed through
 * alloc), VMAs crossing an end are trimmed, and a VMA containing the whole
 * range with room on both sides is split. unmapped (if not NULL) is called
 * for each piece before it goes. Unmapping nothing is a success.
 * Returns 0; -EINVAL if start or end is unaligned, start >= end or end is
 * above the limit; -ENOMEM if the split cannot allocate (nothing changes).
 */
int vma_unmap_range(struct vma_set *set, unsigned long start,
		    unsigned long end, const struct vma_alloc *alloc,
		    vma_unmapped_fn unmapped);

/*
 * mprotect: for every VMA in [start, end), flags = (flags & ~mask) |
 * (new_flags & mask), splitting VMAs that cross start or end and whose
 * flags change, then merging the range with itself and its neighbours.
 * Returns 0; -EINVAL for a bad range (as vma_unmap_range); -ENOMEM if a
 * page of the range is not mapped or an allocation fails; -EACCES if a
 * VMA would get VM_READ, VM_WRITE or VM_EXEC without the matching
 * VM_MAYxxx. On any error nothing has changed.
 */
int vma_protect_range(struct vma_set *set, unsigned long start,
		      unsigned long end, unsigned long mask,
		      unsigned long new_flags, const struct vma_alloc *alloc);

/*
 * Find a free range of len bytes within [low, high): [hint, hint + len) if
 * hint is not 0 and that is free and inside, else the highest free range
 * (top-down, as Linux's default mmap layout). hint is rounded up to a page.
 * Returns 0 with *addr set; -EINVAL if len is 0 or unaligned, or low/high
 * are unaligned or low >= high; -ENOMEM if no free range fits.
 * O(log n + number of VMAs between high and the range found).
 */
int vma_get_unmapped_area(const struct vma_set *set, unsigned long len,
			  unsigned long hint, unsigned long low,
			  unsigned long high, unsigned long *addr);

/*
 * Check the set: rb_validate and ordering by start; the list equal to the
 * in-order tree walk; every VMA non-empty, page aligned, below the limit
 * and not overlapping the next; count and total_pages; cache pointing at
 * a member or NULL; with VMA_VALIDATE_MERGED, no two adjacent VMAs
 * mergeable. Returns 0 or -VMA_xxx (enum vma_violation). O(n).
 */
int vma_validate(const struct vma_set *set, unsigned int checks);

#endif /* MM_VMA_H */
