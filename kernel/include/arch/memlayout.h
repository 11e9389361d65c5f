/*
 * The kernel's virtual memory map (Sv39). docs/boot.md draws it.
 *
 *   0x0000000000000000 .. 0x0000003fffffffff  user space (256 GiB)
 *   0xffffffc000000000 .. 0xffffffc3ffffffff  linear map: VA = PA + PAGE_OFFSET
 *                                             (RAM, the kernel image, and MMIO
 *                                             mapped by ioremap), 16 GiB
 *   0xffffffd000000000 .. 0xffffffd3ffffffff  vmalloc area, 16 GiB
 *
 * Every root-level entry covering these two regions points at a second-level
 * table allocated at boot, so later kernel mappings never change a root
 * entry and never need copying into per-process page tables.
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))

#define PAGE_OFFSET    0xffffffc000000000UL
#define LINEAR_SIZE    (16UL << 30)
#define VMALLOC_START  0xffffffd000000000UL
#define VMALLOC_SIZE   (16UL << 30)
#define VMALLOC_END    (VMALLOC_START + VMALLOC_SIZE)
#define USER_TOP       0x0000004000000000UL

/* Per-hart boot stacks (the first kernel stacks, before vmalloc exists). */
#define BOOT_STACK_SIZE (16 * 1024)
#define NR_CPUS 8

#ifndef __ASSEMBLY__
#include <kernel/types.h>

static inline void *phys_to_virt(phys_addr_t pa) { return (void *)(pa + PAGE_OFFSET); }
static inline phys_addr_t virt_to_phys(const void *va) { return (uintptr_t)va - PAGE_OFFSET; }
#define __va(pa) phys_to_virt(pa)
#define __pa(va) virt_to_phys(va)
#endif

#endif /* ARCH_MEMLAYOUT_H */
