/*
 * Self-tests of vmalloc and guarded kernel stacks (ktest=boot).
 */
#include <arch/pgtable.h>
#include <kernel/ktest.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

/*
 * Free pages after draining every hart's caches, plus the kernel page-table
 * pages vmalloc has taken (kept for reuse, never freed), so that a
 * before/after comparison finds real leaks only.
 */
static unsigned long free_after_drain(void)
{
	mm_drain_all_cpus();
	return nr_free_pages() + READ_ONCE(kernel_pt_pages);
}

KTEST(vmalloc_map_write_free)
{
	unsigned long before = free_after_drain();
	struct vmalloc_stats st0, st1;
	vmalloc_stats(&st0);

	size_t size = 100 * PAGE_SIZE + 123;
	unsigned char *p = vmalloc(size);
	if (!p)
		return ktest_fail("vmalloc(%zu) failed", size);
	if (!is_vmalloc_addr(p) || ((uintptr_t)p & (PAGE_SIZE - 1)))
		return ktest_fail("bad address %p", p);
	for (size_t i = 0; i < size; i++)
		p[i] = (unsigned char)(i * 7);
	for (size_t i = 0; i < size; i += 997)
		if (p[i] != (unsigned char)(i * 7))
			return ktest_fail("byte %zu changed", i);
	if (kernel_pte_lookup((uintptr_t)p - PAGE_SIZE, NULL))
		return ktest_fail("guard page below %p is mapped", p);
	struct page *pg = vmalloc_to_page(p + 5 * PAGE_SIZE);
	if (!pg || page_address(pg) == NULL || *((unsigned char *)page_address(pg)) != (unsigned char)(5 * PAGE_SIZE * 7))
		return ktest_fail("vmalloc_to_page does not match the mapping");
	vmalloc_stats(&st1);
	if (st1.areas != st0.areas + 1 || st1.pages != st0.pages + 101)
		return ktest_fail("stats: %lu areas %lu pages", st1.areas, st1.pages);
	vfree(p);
	if (kernel_pte_lookup((uintptr_t)p, NULL))
		return ktest_fail("vfree left %p mapped", p);
	unsigned long after = free_after_drain();
	return after == before ? NULL : ktest_fail("free pages %lu before, %lu after", before, after);
}

KTEST(vmalloc_zero_and_reuse)
{
	unsigned long before = free_after_drain();

	for (int round = 0; round < 20; round++) {
		unsigned char *p = vzalloc(3 * PAGE_SIZE);
		if (!p)
			return ktest_fail("vzalloc failed in round %d", round);
		for (size_t i = 0; i < 3 * PAGE_SIZE; i++)
			if (p[i])
				return ktest_fail("vzalloc byte %zu is %u", i, p[i]);
		memset(p, 0xa5, 3 * PAGE_SIZE);
		vfree(p);
	}
	vfree(NULL);
	unsigned long after = free_after_drain();
	return after == before ? NULL : ktest_fail("free pages %lu before, %lu after", before, after);
}

KTEST(vmalloc_too_big_fails_cleanly)
{
	unsigned long before = free_after_drain();

	if (vmalloc(0) != NULL)
		return ktest_fail("vmalloc(0) returned memory");
	if (vmalloc(VMALLOC_SIZE) != NULL)
		return ktest_fail("vmalloc of the whole area succeeded");
	/* More than all of RAM: runs out of pages part-way and must unwind. */
	void *p = vmalloc((size_t)(nr_free_pages() + 1024) * PAGE_SIZE);
	if (p)
		return ktest_fail("vmalloc beyond free memory succeeded");
	unsigned long after = free_after_drain();
	return after == before ? NULL : ktest_fail("free pages %lu before, %lu after", before, after);
}

KTEST(kernel_stacks_guarded)
{
	for (unsigned int i = 1; i < nr_cpus; i++) {
		uintptr_t bottom = cpus[i].stack_bottom;
		if (!is_vmalloc_addr((void *)bottom))
			return ktest_fail("cpu%u stack %#lx is not from vmalloc", i, (unsigned long)bottom);
		if (kernel_pte_lookup(bottom - PAGE_SIZE, NULL))
			return ktest_fail("cpu%u has no guard page", i);
		if (cpus[i].stack_top - bottom != KSTACK_SIZE)
			return ktest_fail("cpu%u stack size %lu", i, cpus[i].stack_top - bottom);
	}
	return kernel_pte_lookup(cpus[0].stack_bottom - PAGE_SIZE, NULL)
		       ? ktest_fail("cpu0 boot stack has no guard page") : NULL;
}
