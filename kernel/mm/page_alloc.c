/*
 * The physical page allocator (interface in mm/page_alloc.h): mem_map,
 * the running kernel's single zone, and the boot hand-over from the boot
 * allocator. The buddy and per-CPU list logic is in buddy.c.
 *
 * page_alloc_init() runs once on cpu 0 after mmu_init(), before the other
 * harts start. It spans mem_map over all RAM (lowest to highest address
 * of the device tree's memory regions; holes stay PG_reserved), takes
 * mem_map itself from the boot allocator, then gives the zone every page
 * the boot allocator still has free, and points the kernel page-table
 * code at this allocator (mmu_page_alloc_ready()). From then on nothing
 * may allocate from bootmem: it would hand out pages the buddy owns. The
 * boot allocator's range list is left as it was, for the monitor and the
 * boot self-tests to read.
 *
 * Locks: the zone lock of buddy.c (class "zone_lock"). mem_map and the
 * zone's geometry are [I] once page_alloc_init() has returned.
 */
#include <arch/memlayout.h>
#include <arch/pgtable.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <mm/bootmem.h>
#include <mm/buddy.h>
#include <mm/page_alloc.h>

struct page *mem_map;               /* [I] */
unsigned long mem_map_base_pfn;     /* [I] */
unsigned long mem_map_pages;        /* [I] */

static struct zone zone_ram;

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	return zone_alloc_pages(&zone_ram, gfp, order);
}

void free_pages(struct page *page, unsigned int order)
{
	zone_free_pages(&zone_ram, page, order);
}

void *get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? page_address(page) : NULL;
}

/* addr must be what get_free_pages() returned; NULL is ignored. */
void free_pages_addr(void *addr, unsigned int order)
{
	if (!addr)
		return;
	BUG_ON((uintptr_t)addr & (PAGE_SIZE - 1));
	BUG_ON(!pfn_valid(virt_to_phys(addr) >> PAGE_SHIFT));
	free_pages(virt_to_page(addr), order);
}

/* Take another reference to an allocated page (the head, for a block). */
void get_page(struct page *page)
{
	BUG_ON(atomic_read(&page->refcount) <= 0);
	atomic_inc(&page->refcount);
}

void put_page(struct page *page)
{
	zone_put_page(&zone_ram, page);
}

void page_alloc_stats(struct page_stats *st)
{
	zone_stats(&zone_ram, st);
}

unsigned long nr_free_pages(void)
{
	return zone_nr_free(&zone_ram);
}

void page_alloc_drain_cpu(void)
{
	zone_drain_cpu(&zone_ram);
}

int page_alloc_validate(void)
{
	return zone_validate(&zone_ram);
}

/* ---------------------------------------------------------------- boot */

/* Does [start, end) overlap the kernel image, the device tree or a reserved range? */
static bool overlaps_boot_data(phys_addr_t start, phys_addr_t end)
{
	extern char _start_kernel[], _end[];
	phys_addr_t dtb = virt_to_phys(machine_fdt.base);

	if (start < __pa(_end) && end > __pa(_start_kernel))
		return true;
	if (start < dtb + machine_fdt.totalsize && end > dtb)
		return true;
	for (int i = 0; i < machine_dt.nrsv; i++) {
		if (start < machine_dt.rsv[i].base + machine_dt.rsv[i].size &&
		    end > machine_dt.rsv[i].base)
			return true;
	}
	return false;
}

unsigned long free_initrd_mem(phys_addr_t start, phys_addr_t end)
{
	unsigned long spfn = ALIGN_UP(start, PAGE_SIZE) >> PAGE_SHIFT;
	unsigned long epfn = ALIGN_DOWN(end, PAGE_SIZE) >> PAGE_SHIFT;

	spfn = MAX(spfn, zone_ram.start_pfn);
	epfn = MIN(epfn, zone_ram.end_pfn);
	if (spfn >= epfn)
		return 0;
	if (overlaps_boot_data((phys_addr_t)spfn << PAGE_SHIFT, (phys_addr_t)epfn << PAGE_SHIFT)) {
		pr_warn("initrd: overlaps the kernel, the device tree or reserved memory; not freed\n");
		return 0;
	}
	return zone_add_free_range(&zone_ram, spfn, epfn);
}

/* The frames from the lowest to the highest RAM address in the linear map. */
static void ram_pfn_span(unsigned long *start_pfn, unsigned long *end_pfn)
{
	phys_addr_t lo = ~(phys_addr_t)0, hi = 0;

	for (int i = 0; i < machine_dt.nmem; i++) {
		phys_addr_t base = ALIGN_UP(machine_dt.mem[i].base, PAGE_SIZE);
		phys_addr_t end = ALIGN_DOWN(machine_dt.mem[i].base + machine_dt.mem[i].size, PAGE_SIZE);
		end = MIN(end, (phys_addr_t)LINEAR_SIZE);   /* mmu_init() maps no more */
		if (base >= end)
			continue;
		lo = MIN(lo, base);
		hi = MAX(hi, end);
	}
	if (lo >= hi)
		panic("page_alloc: no RAM in the device tree");
	*start_pfn = lo >> PAGE_SHIFT;
	*end_pfn = hi >> PAGE_SHIFT;
}

/* Give the zone every page the boot allocator has free inside it; returns how many. */
static unsigned long bootmem_hand_over(struct zone *z)
{
	const struct bootmem_range *r;
	int n = bootmem_ranges(&r);
	unsigned long given = 0;

	for (int i = 0; i < n; i++) {
		unsigned long start = MAX(r[i].start >> PAGE_SHIFT, z->start_pfn);
		unsigned long end = MIN(r[i].end >> PAGE_SHIFT, z->end_pfn);
		if (start < end)
			given += zone_add_free_range(z, start, end);
	}
	return given;
}

/* Kernel page-table pages after boot (mmu.c calls it under kernel_pt_lock). */
static void *page_table_page_alloc(void)
{
	return get_free_pages(__GFP_ZERO, 0);
}

void page_alloc_init(void)
{
	unsigned long start_pfn, end_pfn;

	ram_pfn_span(&start_pfn, &end_pfn);
	size_t bytes = (end_pfn - start_pfn) * sizeof(struct page);
	phys_addr_t pa = bootmem_alloc(bytes, PAGE_SIZE);
	if (!pa)
		panic("page_alloc: no %zu bytes for mem_map", bytes);
	mem_map = phys_to_virt(pa);
	mem_map_base_pfn = start_pfn;
	mem_map_pages = end_pfn - start_pfn;
	zone_init(&zone_ram, "ram", mem_map, start_pfn, mem_map_pages);
	/* After bootmem_alloc() above, so mem_map is not among the free ranges. */
	unsigned long given = bootmem_hand_over(&zone_ram);
	mmu_page_alloc_ready(page_table_page_alloc);
	pr_info("memory: %lu pages free in the page allocator (mem_map %zu KiB for %lu frames)\n",
		given, bytes >> 10, mem_map_pages);
}
