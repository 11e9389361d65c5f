/*
 * The kernel page table (Sv39): building it at boot, ioremap, lookups.
 *
 * mmu_init() builds kernel_pgd, which replaces entry.S's early_pgd:
 *  - root entries for the linear map and the vmalloc area all point at
 *    second-level tables allocated now (so a later kernel mapping never
 *    touches a root entry: DESIGN.md §4), other root entries stay empty;
 *  - RAM in the linear map with 2 MiB pages, except the 2 MiB blocks that
 *    hold the kernel image, which get 4 KiB pages so that text is R-X,
 *    read-only data R-- and data/bss RW-;
 *  - no identity mapping: the low half is empty for user space.
 * Secondary harts load kernel_satp directly (entry.S).
 *
 * Lock: kernel_pt_lock (docs/locking.md) serializes changes to kernel
 * tables after boot (ioremap). Mappings are only ever added to empty
 * slots, so no TLB shootdown is needed: no hart can have cached them.
 */
#include <arch/csr.h>
#include <arch/pgtable.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <locking/spinlock.h>
#include <arch/sbi.h>
#include <kernel/smp.h>
#include <mm/bootmem.h>
#include <uapi/errno.h>

pte_t kernel_pgd[PTRS_PER_PT] __aligned(PAGE_SIZE) __section(".bss.pgtable");
u64 kernel_satp;

struct tlb_stats tlb_stats;

static struct spinlock kernel_pt_lock = SPINLOCK_INIT("kernel_pt_lock");
static void *(*table_alloc)(void);   /* [I] set by mmu_page_alloc_ready() */
unsigned long kernel_pt_pages;       /* [kernel_pt_lock] tables taken from the page allocator */

/*
 * A zeroed page-table page: from bootmem during boot, then the page
 * allocator. Kernel page tables are never freed (vmalloc reuses them), so
 * leak checks count them through kernel_pt_pages.
 */
static void *pt_alloc_table(void)
{
	if (!table_alloc)
		return bootmem_alloc_page();
	void *page = table_alloc();
	if (page)
		kernel_pt_pages++;
	return page;
}

/* From now on page tables come from alloc_zeroed_page (NULL when out of memory). */
void mmu_page_alloc_ready(void *(*alloc_zeroed_page)(void))
{
	table_alloc = alloc_zeroed_page;
}

extern char _start_kernel[], _etext[], _erodata[], _end[];
extern char boot_stack0_area[];   /* its first page is cpu 0's stack guard */

#define MEGA_SIZE (1UL << 21)

/* The level-`level` entry for va, allocating missing tables below the root. */
static pte_t *pt_walk_alloc(uintptr_t va, int level)
{
	pte_t *table = kernel_pgd;

	for (int l = 2; l > level; l--) {
		pte_t *pte = &table[pt_index(va, l)];
		if (!(*pte & PTE_V)) {
			void *page = pt_alloc_table();
			if (!page)
				return NULL;
			*pte = pa_to_pte(__pa(page), PTE_V);
		}
		BUG_ON(pte_is_leaf(*pte));
		table = __va(pte_to_pa(*pte));
	}
	return &table[pt_index(va, level)];
}

pte_t *kernel_pte_lookup(uintptr_t va, int *level)
{
	pte_t *table = kernel_pgd;

	for (int l = 2; l >= 0; l--) {
		pte_t *pte = &table[pt_index(va, l)];
		if (!(*pte & PTE_V))
			return NULL;
		if (pte_is_leaf(*pte)) {
			if (level)
				*level = l;
			return pte;
		}
		table = __va(pte_to_pa(*pte));
	}
	return NULL;
}

static u64 kernel_image_flags(uintptr_t va)
{
	if (va < (uintptr_t)_etext)
		return PTE_KERNEL_RX;
	if (va < (uintptr_t)_erodata)
		return PTE_KERNEL_RO;
	return PTE_KERNEL_RW;
}

/* Map one RAM range [pa, end) into the linear map. */
static void map_ram(phys_addr_t pa, phys_addr_t end)
{
	uintptr_t kstart = ALIGN_DOWN((uintptr_t)_start_kernel, MEGA_SIZE);
	uintptr_t kend = ALIGN_UP((uintptr_t)_end, MEGA_SIZE);

	while (pa < end) {
		uintptr_t va = (uintptr_t)__va(pa);
		bool in_image = va >= kstart && va < kend;
		if (!in_image && !(pa & (MEGA_SIZE - 1)) && end - pa >= MEGA_SIZE) {
			*pt_walk_alloc(va, 1) = pa_to_pte(pa, PTE_KERNEL_RW);   /* bootmem: never NULL */
			pa += MEGA_SIZE;
			continue;
		}
		u64 flags = in_image && va < (uintptr_t)_end ? kernel_image_flags(va) : PTE_KERNEL_RW;
		if (va != (uintptr_t)boot_stack0_area)   /* the guard page stays unmapped */
			*pt_walk_alloc(va, 0) = pa_to_pte(pa, flags);
		pa += PAGE_SIZE;
	}
}

void mmu_init(void)
{
	/* Second-level tables for every root entry of the two kernel regions. */
	for (uintptr_t va = PAGE_OFFSET; va < PAGE_OFFSET + LINEAR_SIZE; va += 1UL << 30)
		pt_walk_alloc(va, 1);
	for (uintptr_t va = VMALLOC_START; va < VMALLOC_END; va += 1UL << 30)
		pt_walk_alloc(va, 1);

	for (int i = 0; i < machine_dt.nmem; i++) {
		phys_addr_t start = machine_dt.mem[i].base;
		phys_addr_t end = start + machine_dt.mem[i].size;
		if (end > LINEAR_SIZE) {
			pr_warn("mmu: RAM above %lu GiB not mapped\n", LINEAR_SIZE >> 30);
			end = LINEAR_SIZE;
		}
		if (start < end)
			map_ram(start, end);
	}

	kernel_satp = SATP_MODE_SV39 | (__pa(kernel_pgd) >> PAGE_SHIFT);
	mmu_init_cpu();
}

void mmu_init_cpu(void)
{
	local_flush_tlb_all();
	csr_write(satp, kernel_satp);
	local_flush_tlb_all();
	__atomic_add_fetch(&tlb_stats.satp_writes, 1, __ATOMIC_RELAXED);
}

void *ioremap(phys_addr_t pa, size_t size)
{
	phys_addr_t start = ALIGN_DOWN(pa, PAGE_SIZE);
	phys_addr_t end = ALIGN_UP(pa + size, PAGE_SIZE);

	if (!size || end <= start || end > LINEAR_SIZE)
		return NULL;
	unsigned long flags = spin_lock_irqsave(&kernel_pt_lock);
	for (phys_addr_t p = start; p < end; p += PAGE_SIZE) {
		int level;
		if (kernel_pte_lookup((uintptr_t)__va(p), &level))
			continue;   /* RAM or an earlier ioremap already maps it */
		pte_t *pte = pt_walk_alloc((uintptr_t)__va(p), 0);
		if (!pte) {
			spin_unlock_irqrestore(&kernel_pt_lock, flags);
			return NULL;   /* the pages mapped so far stay: harmless */
		}
		*pte = pa_to_pte(p, PTE_KERNEL_RW);
	}
	spin_unlock_irqrestore(&kernel_pt_lock, flags);
	return __va(pa);
}

int kernel_map_page(uintptr_t va, phys_addr_t pa, u64 flags)
{
	int err = 0;
	unsigned long irq = spin_lock_irqsave(&kernel_pt_lock);
	pte_t *pte = pt_walk_alloc(va, 0);

	if (!pte)
		err = -ENOMEM;
	else if (*pte & PTE_V)
		err = -EEXIST;
	else
		*pte = pa_to_pte(pa, flags);   /* a new mapping: nothing cached to flush */
	spin_unlock_irqrestore(&kernel_pt_lock, irq);
	return err;
}

pte_t kernel_unmap_page(uintptr_t va)
{
	int level;
	pte_t old = 0;
	unsigned long irq = spin_lock_irqsave(&kernel_pt_lock);
	pte_t *pte = kernel_pte_lookup(va, &level);

	if (pte && level == 0) {
		old = *pte;
		*pte = 0;
	}
	spin_unlock_irqrestore(&kernel_pt_lock, irq);
	return old;
}

/*
 * Flush [start, end) of the kernel half on every online hart: this hart
 * with sfence.vma, the others with one SBI RFENCE call. On QEMU 7.2 either
 * flushes the whole TLB (DESIGN.md §4), so callers batch: one call per
 * range, not per page.
 */
void flush_tlb_kernel_range(uintptr_t start, uintptr_t end)
{
	unsigned long mask = 0;
	unsigned int self = smp_processor_id();

	for (unsigned int i = 0; i < nr_cpus; i++)
		if (i != self && smp_load_acquire(&cpus[i].online) && cpus[i].hartid < 64)
			mask |= 1UL << cpus[i].hartid;
	local_flush_tlb_all();
	__atomic_add_fetch(&tlb_stats.local_flushes, 1, __ATOMIC_RELAXED);
	if (mask) {
		sbi_remote_sfence_vma(mask, 0, start, end - start);
		__atomic_add_fetch(&tlb_stats.remote_flushes, 1, __ATOMIC_RELAXED);
	}
}
