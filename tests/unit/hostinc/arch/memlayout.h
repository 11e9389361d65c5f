/*
 * Host-test stand-in for kernel/include/arch/memlayout.h: the same
 * constants; "physical" addresses are offsets into an arena the test
 * allocates, and the linear map adds unit_phys_offset (kernel_stubs.c).
 */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

#include <kernel/types.h>

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1UL << PAGE_SHIFT)
#define PAGE_MASK  (~(PAGE_SIZE - 1))
#define USER_TOP   0x0000004000000000UL
#define NR_CPUS 8
#define BOOT_STACK_SIZE (16 * 1024)

extern uintptr_t unit_phys_offset;

static inline void *phys_to_virt(phys_addr_t pa) { return (void *)(uintptr_t)(pa + unit_phys_offset); }
static inline phys_addr_t virt_to_phys(const void *va) { return (uintptr_t)va - unit_phys_offset; }
#define __va(pa) phys_to_virt(pa)
#define __pa(va) virt_to_phys(va)

#endif
