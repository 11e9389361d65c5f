/*
 * vmalloc (interface in mm/vmalloc.h).
 *
 * The vmalloc area is handed out first-fit from a list of live areas
 * sorted by address. Each area is [start, end): one unmapped guard page at
 * start, then npages mapped pages, recorded in pages[]. Mapping a page
 * needs no TLB flush (no hart can have cached an empty slot); vfree
 * unmaps every page, flushes the range once on every hart, and only then
 * gives the pages back to the allocator.
 *
 * Lock: vmap_lock (docs/locking.md) guards the area list and the
 * statistics. Pages are allocated and mapped outside it: the range is
 * already reserved by then, and nobody else touches it.
 */
#include <arch/pgtable.h>
#include <kernel/panic.h>
#include <lib/list.h>
#include <lib/string.h>
#include <locking/spinlock.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <uapi/errno.h>

struct vmap_area {
	uintptr_t start;          /* [I] the guard page */
	uintptr_t end;            /* [I] */
	unsigned long npages;     /* [I] mapped pages after the guard */
	struct page **pages;      /* [I] */
	struct list_head list;    /* [vmap_lock] sorted by start */
};

static LIST_HEAD(vmap_areas);
static struct spinlock vmap_lock = SPINLOCK_INIT("vmap_lock");
static unsigned long nr_areas, nr_pages, nr_flushes;   /* [vmap_lock] */

bool is_vmalloc_addr(const void *addr)
{
	return (uintptr_t)addr >= VMALLOC_START && (uintptr_t)addr < VMALLOC_END;
}

/* Reserve the guard page plus npages of address space for va. */
static int vmap_reserve(struct vmap_area *va)
{
	size_t need = (va->npages + 1) * PAGE_SIZE;
	uintptr_t start = VMALLOC_START;
	struct vmap_area *pos;

	unsigned long flags = spin_lock_irqsave(&vmap_lock);
	list_for_each_entry(pos, &vmap_areas, list) {
		if (pos->start - start >= need)
			break;
		start = pos->end;
	}
	if (VMALLOC_END - start < need) {
		spin_unlock_irqrestore(&vmap_lock, flags);
		return -ENOMEM;
	}
	va->start = start;
	va->end = start + need;
	list_add_tail(&va->list, &pos->list);   /* before pos, or at the tail */
	nr_areas++;
	nr_pages += va->npages;
	spin_unlock_irqrestore(&vmap_lock, flags);
	return 0;
}

/* Unmap the first `mapped` pages, flush once, free them and the area. */
static void vmap_release(struct vmap_area *va, unsigned long mapped)
{
	uintptr_t base = va->start + PAGE_SIZE;

	for (unsigned long i = 0; i < mapped; i++) {
		pte_t old = kernel_unmap_page(base + i * PAGE_SIZE);
		BUG_ON(pte_to_pa(old) != page_to_phys(va->pages[i]));
	}
	if (mapped)
		flush_tlb_kernel_range(base, base + mapped * PAGE_SIZE);
	for (unsigned long i = 0; i < va->npages; i++)
		if (va->pages[i])
			free_page(va->pages[i]);

	unsigned long flags = spin_lock_irqsave(&vmap_lock);
	list_del(&va->list);
	nr_areas--;
	nr_pages -= va->npages;
	nr_flushes += mapped ? 1 : 0;
	spin_unlock_irqrestore(&vmap_lock, flags);
	kfree(va->pages);
	kfree(va);
}

static void *vmalloc_gfp(size_t size, gfp_t gfp)
{
	struct vmap_area *va;
	unsigned long i;

	if (!size || size > VMALLOC_SIZE / 2)
		return NULL;
	va = kzalloc(sizeof(*va), GFP_KERNEL);
	if (!va)
		return NULL;
	va->npages = ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	va->pages = kzalloc(va->npages * sizeof(struct page *), GFP_KERNEL);
	if (!va->pages || vmap_reserve(va) < 0) {
		kfree(va->pages);
		kfree(va);
		return NULL;
	}
	uintptr_t base = va->start + PAGE_SIZE;
	for (i = 0; i < va->npages; i++) {
		va->pages[i] = alloc_page(gfp | __GFP_NOWARN);
		if (!va->pages[i])
			goto err_unwind;
		if (kernel_map_page(base + i * PAGE_SIZE, page_to_phys(va->pages[i]),
				    PTE_KERNEL_RW) < 0)
			goto err_unwind;
	}
	return (void *)base;

err_unwind:
	vmap_release(va, i);   /* pages[i] (if any) is freed but was never mapped */
	return NULL;
}

void *vmalloc(size_t size) { return vmalloc_gfp(size, GFP_KERNEL); }
void *vzalloc(size_t size) { return vmalloc_gfp(size, GFP_KERNEL | __GFP_ZERO); }

static struct vmap_area *vmap_find(const void *addr)
{
	struct vmap_area *va;

	list_for_each_entry(va, &vmap_areas, list)
		if (va->start + PAGE_SIZE == (uintptr_t)addr)
			return va;
	return NULL;
}

void vfree(const void *addr)
{
	if (!addr)
		return;
	unsigned long flags = spin_lock_irqsave(&vmap_lock);
	struct vmap_area *va = vmap_find(addr);
	spin_unlock_irqrestore(&vmap_lock, flags);
	if (!va)
		panic("vfree(%p): not a vmalloc area", addr);
	vmap_release(va, va->npages);
}

struct page *vmalloc_to_page(const void *addr)
{
	int level;
	pte_t *pte = kernel_pte_lookup((uintptr_t)addr, &level);

	if (!is_vmalloc_addr(addr) || !pte || level != 0)
		return NULL;
	return pfn_to_page(pte_to_pa(*pte) >> PAGE_SHIFT);
}

void *kstack_alloc(void) { return vmalloc(KSTACK_SIZE); }
void kstack_free(void *base) { vfree(base); }

void vmalloc_stats(struct vmalloc_stats *st)
{
	unsigned long flags = spin_lock_irqsave(&vmap_lock);
	st->areas = nr_areas;
	st->pages = nr_pages;
	st->tlb_flushes = nr_flushes;
	spin_unlock_irqrestore(&vmap_lock, flags);
}
