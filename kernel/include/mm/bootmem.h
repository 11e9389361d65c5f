/*
 * The boot-time physical memory allocator: a short list of free ranges
 * (RAM from the device tree minus the firmware, the kernel image, the
 * device tree blob, the initrd and every reserved range), carved first-fit.
 * It serves page tables and other allocations made before the page
 * allocator exists; the page allocator later takes over what is left.
 * Used by cpu 0 before the other harts start: no lock.
 */
#ifndef MM_BOOTMEM_H
#define MM_BOOTMEM_H

#include <kernel/types.h>

#define BOOTMEM_MAX_RANGES 32

struct bootmem_range {
	phys_addr_t start, end;   /* [start, end) */
};

void bootmem_add(phys_addr_t start, phys_addr_t end);
void bootmem_reserve(phys_addr_t start, phys_addr_t end);
/* Physical address of size bytes aligned to align (a power of two), or 0. */
phys_addr_t bootmem_alloc(size_t size, size_t align);
/* A zeroed page through the linear map; panics when memory is gone. */
void *bootmem_alloc_page(void);
u64 bootmem_free_bytes(void);
int bootmem_ranges(const struct bootmem_range **ranges);

#endif /* MM_BOOTMEM_H */
