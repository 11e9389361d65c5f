/*
 * vmalloc: virtually contiguous kernel memory in the vmalloc area
 * (VMALLOC_START..VMALLOC_END, docs/memory.md), built from single pages of
 * the page allocator. Every area starts with one unmapped guard page, so
 * running off the bottom of an area (a kernel stack overflowing) faults
 * instead of corrupting a neighbour; the next area's guard page sits
 * right after it.
 *
 * vmalloc/vzalloc/vfree/kstack_* may sleep later (today they do not);
 * never call them from interrupt handlers.
 */
#ifndef MM_VMALLOC_H
#define MM_VMALLOC_H

#include <kernel/types.h>
#include <mm/page.h>

#define KSTACK_SIZE (16 * 1024)     /* kernel stacks: 4 pages + a guard page below */

void *vmalloc(size_t size);         /* NULL on failure */
void *vzalloc(size_t size);
void vfree(const void *addr);       /* addr from vmalloc/vzalloc, or NULL */
struct page *vmalloc_to_page(const void *addr);
bool is_vmalloc_addr(const void *addr);

void *kstack_alloc(void);           /* lowest address of a KSTACK_SIZE stack, or NULL */
void kstack_free(void *base);

struct vmalloc_stats {
	unsigned long areas;            /* live areas */
	unsigned long pages;            /* pages mapped */
	unsigned long tlb_flushes;      /* range flushes done by vfree (each: local + remote) */
};
void vmalloc_stats(struct vmalloc_stats *st);

#endif /* MM_VMALLOC_H */
