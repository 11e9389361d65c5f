/*
 * Boot-time physical memory allocator (interface in mm/bootmem.h).
 *
 * Invariant: free[] holds disjoint, non-empty ranges sorted by address.
 * bootmem_reserve() cuts a range out (splitting one in two if needed);
 * bootmem_alloc() takes the lowest fitting aligned block.
 */
#include <arch/memlayout.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/bootmem.h>

static struct bootmem_range free_ranges[BOOTMEM_MAX_RANGES];
static int nfree;

static void bootmem_insert(int at, phys_addr_t start, phys_addr_t end)
{
	if (nfree == BOOTMEM_MAX_RANGES)
		panic("bootmem: more than %d free ranges", BOOTMEM_MAX_RANGES);
	memmove(&free_ranges[at + 1], &free_ranges[at], (nfree - at) * sizeof(free_ranges[0]));
	free_ranges[at] = (struct bootmem_range){ start, end };
	nfree++;
}

static void bootmem_remove(int at)
{
	memmove(&free_ranges[at], &free_ranges[at + 1], (nfree - at - 1) * sizeof(free_ranges[0]));
	nfree--;
}

/* Add RAM [start, end); page-aligned inward. Overlaps with existing ranges are ignored. */
void bootmem_add(phys_addr_t start, phys_addr_t end)
{
	start = ALIGN_UP(start, PAGE_SIZE);
	end = ALIGN_DOWN(end, PAGE_SIZE);
	if (start >= end)
		return;
	bootmem_reserve(start, end);   /* drop any overlap first, then insert sorted */
	int i = 0;
	while (i < nfree && free_ranges[i].start < start)
		i++;
	bootmem_insert(i, start, end);
}

/* Remove [start, end) (page-aligned outward) from the free ranges. */
void bootmem_reserve(phys_addr_t start, phys_addr_t end)
{
	start = ALIGN_DOWN(start, PAGE_SIZE);
	end = ALIGN_UP(end, PAGE_SIZE);
	for (int i = 0; i < nfree; i++) {
		struct bootmem_range *r = &free_ranges[i];
		if (end <= r->start || start >= r->end)
			continue;
		phys_addr_t lo_end = start > r->start ? start : r->start;
		phys_addr_t hi_start = end < r->end ? end : r->end;
		phys_addr_t r_start = r->start, r_end = r->end;
		bootmem_remove(i);
		if (hi_start < r_end)
			bootmem_insert(i, hi_start, r_end);
		if (r_start < lo_end)
			bootmem_insert(i, r_start, lo_end);
		i = -1;   /* ranges shifted: rescan (the list is short) */
	}
}

phys_addr_t bootmem_alloc(size_t size, size_t align)
{
	size = ALIGN_UP(size, PAGE_SIZE);
	if (align < PAGE_SIZE)
		align = PAGE_SIZE;
	for (int i = 0; i < nfree; i++) {
		phys_addr_t base = ALIGN_UP(free_ranges[i].start, align);
		if (base >= free_ranges[i].end || free_ranges[i].end - base < size)
			continue;
		bootmem_reserve(base, base + size);
		return base;
	}
	return 0;
}

void *bootmem_alloc_page(void)
{
	phys_addr_t pa = bootmem_alloc(PAGE_SIZE, PAGE_SIZE);
	if (!pa)
		panic("bootmem: out of memory");
	void *va = __va(pa);
	memset(va, 0, PAGE_SIZE);
	return va;
}

u64 bootmem_free_bytes(void)
{
	u64 sum = 0;
	for (int i = 0; i < nfree; i++)
		sum += free_ranges[i].end - free_ranges[i].start;
	return sum;
}

int bootmem_ranges(const struct bootmem_range **ranges)
{
	*ranges = free_ranges;
	return nfree;
}
