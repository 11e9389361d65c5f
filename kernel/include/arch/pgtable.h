/*
 * Sv39 page tables of the kernel half, and ioremap.
 *
 * Three levels of 512 entries; a leaf at level 2/1/0 maps 1 GiB/2 MiB/4 KiB.
 */
#ifndef ARCH_PGTABLE_H
#define ARCH_PGTABLE_H

#include <arch/memlayout.h>
#include <kernel/types.h>

typedef u64 pte_t;

#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)

#define PTE_KERNEL_RW (PTE_V | PTE_R | PTE_W | PTE_G | PTE_A | PTE_D)
#define PTE_KERNEL_RO (PTE_V | PTE_R | PTE_G | PTE_A)
#define PTE_KERNEL_RX (PTE_V | PTE_R | PTE_X | PTE_G | PTE_A)

#define PTE_PPN_SHIFT 10
#define PTRS_PER_PT   512

static inline phys_addr_t pte_to_pa(pte_t pte) { return (pte >> PTE_PPN_SHIFT) << PAGE_SHIFT; }
static inline pte_t pa_to_pte(phys_addr_t pa, u64 flags) { return ((pa >> PAGE_SHIFT) << PTE_PPN_SHIFT) | flags; }
static inline bool pte_is_leaf(pte_t pte) { return (pte & PTE_V) && (pte & (PTE_R | PTE_W | PTE_X)); }
static inline unsigned int pt_index(uintptr_t va, int level) { return (va >> (PAGE_SHIFT + 9 * level)) & 511; }

extern pte_t kernel_pgd[PTRS_PER_PT];
extern u64 kernel_satp;   /* [I] after mmu_init: Sv39 | PPN(kernel_pgd) */
extern unsigned long kernel_pt_pages;   /* kernel page-table pages from the page allocator (never freed) */

void mmu_init(void);
void mmu_init_cpu(void);
/* Map [pa, pa+size) uncached-device style into the linear map; returns its VA or NULL. */
void *ioremap(phys_addr_t pa, size_t size);
/* The leaf PTE mapping va in the kernel page table, or NULL; *level is 0, 1 or 2. */
pte_t *kernel_pte_lookup(uintptr_t va, int *level);

/*
 * 4 KiB mappings in the kernel half after boot (vmalloc). Page tables for
 * them come from the page allocator once it is up; they are never freed.
 * kernel_map_page returns 0 or -ENOMEM (-EEXIST if va is mapped);
 * kernel_unmap_page returns the old PTE (0 if none) and flushes nothing:
 * the caller flushes the range with flush_tlb_kernel_range().
 */
int kernel_map_page(uintptr_t va, phys_addr_t pa, u64 flags);
pte_t kernel_unmap_page(uintptr_t va);
void flush_tlb_kernel_range(uintptr_t start, uintptr_t end);
void mmu_page_alloc_ready(void *(*alloc_zeroed_page)(void));

/* TLB flush counters (/proc/vmstat later): [a] relaxed. */
struct tlb_stats {
	unsigned long local_flushes;     /* sfence.vma on this hart */
	unsigned long remote_flushes;    /* SBI RFENCE calls (each covers many harts) */
	unsigned long satp_writes;
};
extern struct tlb_stats tlb_stats;

#endif /* ARCH_PGTABLE_H */
