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
 * callbacks (struct vma_alloc's ctx): the mm, and the gather collecting
 * what the operation unmaps.
 */
struct mm_op {
	struct mm_struct *mm;
	struct uvm_gather *gather;
};

/* VMAs from the vm_area slab cache; file references through vm_operations open/close. */
void mm_vma_alloc_init(struct vma_alloc *alloc, struct mm_op *op);

/*
 * Clear every PTE of [start, end): mapcount and rss go down, the flush
 * range and the page references go to g. Lock held.
 */
void mm_zap_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		  struct uvm_gather *g);

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
