/*
 * Helpers shared by the address-space files of kernel/mm (mm.c, fault.c,
 * mmap.c, uaccess.c); not for use outside this folder.
 */
#ifndef MM_MM_INTERNAL_H
#define MM_MM_INTERNAL_H

#include <arch/uvm.h>
#include <mm/mm.h>
#include <mm/vma.h>

/* Global counters behind mm_stats_read(): relaxed atomic increments. */
extern struct mm_stats mm_counters;
#define mm_count_event(field) \
	__atomic_add_fetch(&mm_counters.field, 1, __ATOMIC_RELAXED)

/*
 * The context of one VMA-changing operation, handed to the VMA set's
 * callbacks (struct vma_alloc's ctx): the mm, the gather collecting what
 * the operation unmaps, and where VMAs that leave go until the lock is
 * dropped. A VMA's vm_operations close may drop the last reference on a
 * file, which may sleep (fput, iput), so an operation that can remove a
 * VMA for good gives a release list: the freed VMAs with a close method
 * wait there (linked by vma->list) and the caller runs
 * mm_release_vmas() once the lock is dropped. release NULL: close at
 * once, under the lock -- only for operations that merely merge or split
 * VMAs (a surviving VMA keeps a reference on the file).
 */
struct mm_op {
	struct mm_struct *mm;
	struct uvm_gather *gather;
	struct list_head *release;
};

/* VMAs from the vm_area slab cache; file references through vm_operations open/close. */
void mm_vma_alloc_init(struct vma_alloc *alloc, struct mm_op *op);

/* Close and free the VMAs an operation queued on its release list. No lock held; may sleep. */
void mm_release_vmas(struct list_head *release);

/*
 * Clear every PTE of [start, end) (inside vma): mapcount and rss go down,
 * the flush range and the page references go to g. A shared mapping of a
 * file's cached pages hands each dirty PTE's state to its page first
 * (set_page_dirty), so writeback sees the stores. Lock held.
 */
void mm_zap_range(struct mm_struct *mm, const struct vm_area *vma, unsigned long start,
		  unsigned long end, struct uvm_gather *g);

/*
 * msync's first half: hand the dirty bit of every PTE of [start, end)
 * (inside vma, a shared mapping of a file's cache; else nothing) to its
 * page (set_page_dirty), write-protecting the PTEs of files that write
 * back so that later stores fault and dirty the page again. Flushes the
 * TLBs if a PTE changed. Lock held.
 */
void mm_clean_shared_ptes(struct mm_struct *mm, const struct vm_area *vma, unsigned long start,
			  unsigned long end);

/* A vma_unmapped_fn: mm_zap_range of the piece, ctx a struct mm_op. */
void mm_unmapped(void *ctx, struct vm_area *vma, unsigned long start, unsigned long end);

/*
 * After [start, end) was unmapped (no VMA left in it): free the page
 * tables that only covered the hole it is part of. Lock held.
 */
void mm_free_hole_tables(struct mm_struct *mm, unsigned long start, unsigned long end,
			 struct uvm_gather *g);

/*
 * Install page (one reference, the mapping's, owned by the caller) at the
 * empty slot pte with access bits prot: mapcount and rss go up. A new
 * mapping needs no TLB flush. Lock held.
 */
void mm_map_page(struct mm_struct *mm, pte_t *pte, struct page *page, u64 prot);

/* The OOM hook once (no lock held): non-zero means retry. fault.c. */
int mm_out_of_memory(void);

#endif /* MM_MM_INTERNAL_H */
