/*
 * A stand-in page allocator for host tests of code above it (the slab
 * allocator): alloc_pages/free_pages and the linear-map conveniences over
 * a page-aligned arena from the host's malloc, with its own mem_map so
 * virt_to_page() works.
 *
 * The arena's "physical" addresses start at FAKE_PHYS_BASE; the tests'
 * linear map is __va(pa) = pa + unit_phys_offset (kernel_stubs.c), which
 * fake_page_alloc_init() points at the arena. A block of order n is
 * naturally aligned, found first-fit. It keeps the contract of the real
 * allocator: refcount 1 on return, PG_head and the order on the head of a
 * block of order > 0. free_pages() checks the caller gave back exactly
 * what it got, with no flags of its own left set (PG_slab especially),
 * and free pages are poisoned for AddressSanitizer, so a touch of a freed
 * page is reported.
 *
 * Test controls (declared by each test that uses them):
 *   fake_page_alloc_init(pages)    once, before anything allocates
 *   fake_page_alloc_fail           while true, every allocation fails
 *   fake_page_alloc_fail_after     >= 0: that many more succeed, then fail
 *   fake_pages_outstanding()       pages allocated and not yet freed
 * Single-threaded, like the rest of the host stubs.
 */
#include <sanitizer/asan_interface.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel_stubs.h"
#include <kernel/panic.h>
#include <mm/page.h>
#include <mm/page_alloc.h>

#define FAKE_PHYS_BASE 0x80000000UL

struct page *mem_map;
unsigned long mem_map_base_pfn;
unsigned long mem_map_pages;

bool fake_page_alloc_fail;
long fake_page_alloc_fail_after = -1;

static unsigned char *fake_arena;
static bool *fake_used;               /* per page */
static unsigned long fake_outstanding;

void fake_page_alloc_init(unsigned long pages)
{
	size_t bytes = pages * PAGE_SIZE;

	fake_arena = aligned_alloc(PAGE_SIZE << MAX_ORDER, bytes);
	mem_map = calloc(pages, sizeof(struct page));
	fake_used = calloc(pages, sizeof(bool));
	if (!fake_arena || !mem_map || !fake_used) {
		fprintf(stderr, "fake_page_alloc: out of host memory\n");
		abort();
	}
	mem_map_pages = pages;
	mem_map_base_pfn = FAKE_PHYS_BASE >> PAGE_SHIFT;
	unit_phys_offset = (uintptr_t)fake_arena - FAKE_PHYS_BASE;
	ASAN_POISON_MEMORY_REGION(fake_arena, bytes);
}

unsigned long fake_pages_outstanding(void)
{
	return fake_outstanding;
}

/* Should this allocation fail on purpose? */
static bool fake_inject_failure(void)
{
	if (fake_page_alloc_fail)
		return true;
	if (fake_page_alloc_fail_after == 0)
		return true;
	if (fake_page_alloc_fail_after > 0)
		fake_page_alloc_fail_after--;
	return false;
}

/* First index of a free, naturally aligned run of 2^order pages, or -1. */
static long fake_find(unsigned int order)
{
	unsigned long n = 1UL << order;

	for (unsigned long i = 0; i + n <= mem_map_pages; i += n) {
		unsigned long j = 0;
		while (j < n && !fake_used[i + j])
			j++;
		if (j == n)
			return (long)i;
	}
	return -1;
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	long first;

	if (order > MAX_ORDER || fake_inject_failure())
		return NULL;
	first = fake_find(order);
	if (first < 0)
		return NULL;
	for (unsigned long i = 0; i < (1UL << order); i++) {
		struct page *p = &mem_map[first + i];
		BUG_ON(p->flags != 0);
		memset(p, 0, sizeof(*p));
		fake_used[first + i] = true;
	}
	struct page *head = &mem_map[first];
	atomic_set(&head->refcount, 1);
	if (order > 0) {
		page_flag_set(head, PG_head);
		head->order = order;
	}
	fake_outstanding += 1UL << order;
	ASAN_UNPOISON_MEMORY_REGION(page_address(head), PAGE_SIZE << order);
	if (gfp & __GFP_ZERO)
		memset(page_address(head), 0, PAGE_SIZE << order);
	return head;
}

void free_pages(struct page *page, unsigned int order)
{
	unsigned long first = (unsigned long)(page - mem_map);
	unsigned long head_flags = order > 0 ? 1UL << PG_head : 0;

	if (first >= mem_map_pages || !fake_used[first])
		panic("fake free_pages: page %lu is not allocated", first);
	if (atomic_read(&page->refcount) != 1 || page->flags != head_flags ||
	    (order > 0 && page->order != order))
		panic("fake free_pages: page %lu freed with order %u, flags %#lx, refcount %d",
		      first, order, page->flags, atomic_read(&page->refcount));
	for (unsigned long i = 0; i < (1UL << order); i++) {
		if (!fake_used[first + i] || (i && mem_map[first + i].flags))
			panic("fake free_pages: tail page %lu not clean", first + i);
		memset(&mem_map[first + i], 0, sizeof(struct page));
		fake_used[first + i] = false;
	}
	fake_outstanding -= 1UL << order;
	ASAN_POISON_MEMORY_REGION(page_address(page), PAGE_SIZE << order);
}

void *get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *p = alloc_pages(gfp, order);
	return p ? page_address(p) : NULL;
}

void free_pages_addr(void *addr, unsigned int order)
{
	free_pages(virt_to_page(addr), order);
}

unsigned long nr_free_pages(void)
{
	return mem_map_pages - fake_outstanding;
}
