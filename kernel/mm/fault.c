/*
 * Page faults on user addresses: handle_mm_fault() (interface in
 * <mm/mm.h>). The trap handler will call it for faults from user mode;
 * the user-access routines (uaccess.c) call __handle_mm_fault() for every
 * page they find missing or read-only, so a system call's copy behaves
 * exactly as the user's own access would.
 *
 * What a fault at addr does, in order:
 *   1. find the VMA holding addr; below a VM_GROWSDOWN VMA, grow it down
 *      to addr if that keeps it within mm->stack_limit and keeps
 *      mm->stack_guard_gap free below it; otherwise -EFAULT;
 *   2. check the access against the VMA (read needs VM_READ or VM_WRITE,
 *      write VM_WRITE, exec VM_EXEC); otherwise -EFAULT;
 *   3. no page yet: anonymous memory gets a zeroed page, mapped with all
 *      the VMA's permissions even for a read (so the common read-then-
 *      write costs one fault; the price is a page per page read, where
 *      Linux would map its shared zero page); a file VMA asks its
 *      vm_operations for the page, mapped read-only if private, or copied
 *      at once on a private write; a shared mapping of a file's page
 *      cache (generic_file_mmap) dirties the page on a write fault, and
 *      maps it read-only on a read fault if the file writes back (so the
 *      first store faults and dirties it; tmpfs pages need no tracking);
 *      the method may answer -EAGAIN (fault_defer: the page is read with
 *      no lock held, then the fault is retried) or -EIO (beyond the end
 *      of the file, or the read failed: SIGBUS);
 *   4. a write to a present read-only page of a writable VMA: shared ->
 *      make the PTE writable (a file's cached page is dirtied first); private (copy-on-write) -> if refcount is 1
 *      (this mapping is the page's only owner: its sharer exited or
 *      unmapped, or it is the parent's after the child's copy) make it
 *      writable in place, else copy it to a new page, point the PTE there,
 *      flush the old translation from every hart in mm->cpumask, and only
 *      then drop the old page.
 * New mappings and permission upgrades are not flushed: no hart can hold a
 * translation for an invalid PTE, and QEMU re-walks the table when a
 * cached translation lacks a permission.
 *
 * Out of memory: -ENOMEM from the locked part makes handle_mm_fault (and
 * the user-access routines) call mm_out_of_memory() once, without the
 * lock, and retry once if it says it freed something. That reclaims
 * clean page-cache pages first (lru.c), then frees a batch of unused
 * dentries (fs/dcache.h) and reclaims again, then gives the writeback thread
 * up to 200 ms to clean dirty ones, and only then calls mm_oom_hook (the
 * OOM killer).
 *
 * Locks: the mm's lock around everything but the OOM hook.
 */
#include <arch/uvm.h>
#include <fs/dcache.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/pagemap.h>
#include <sched/sched.h>
#include "mm_internal.h"

int (*mm_oom_hook)(void);

/* Page-cache pages reclaim tries to free before the OOM killer is asked. */
#define OOM_RECLAIM_PAGES 64
/* Unused dentries freed per out-of-memory call. */
#define OOM_DCACHE_BATCH 128

int mm_out_of_memory(void)
{
	int (*hook)(void) = READ_ONCE(mm_oom_hook);

	if (reclaim_pages(OOM_RECLAIM_PAGES))
		return 1;
	/*
	 * Unused dentries pin their inodes, and those their cached pages:
	 * free a batch (evicted inodes drop their pages) and look again.
	 * Only pages found count as success, so the OOM killer still runs
	 * when nothing came of it.
	 */
	if (dcache_shrink(OOM_DCACHE_BATCH) && reclaim_pages(OOM_RECLAIM_PAGES))
		return 1;
	/* Dirty cache: let the writeback thread clean some, then try again. */
	for (int i = 0; i < 10 && nr_dirty_pages() + nr_writeback_pages(); i++) {
		writeback_kick();
		msleep(20);
		if (reclaim_pages(OOM_RECLAIM_PAGES))
			return 1;
	}
	if (!hook)
		return 0;
	mm_count_event(oom_hook_calls);
	return hook();
}

/* Does vma allow access? */
static bool vma_allows(const struct vm_area *vma, unsigned int access)
{
	if (access & FAULT_WRITE)
		return vma->flags & VM_WRITE;
	if (access & FAULT_EXEC)
		return vma->flags & VM_EXEC;
	return vma->flags & (VM_READ | VM_WRITE);
}

/*
 * Grow the stack vma down to cover addr (below vma->start). Returns the
 * VMA now covering addr, NULL if the limit or the guard gap forbids it,
 * or ERR_PTR(-ENOMEM).
 */
static struct vm_area *fault_grow_stack(struct mm_struct *mm, struct vm_area *vma,
					unsigned long addr)
{
	unsigned long start = ALIGN_DOWN(addr, PAGE_SIZE);
	struct vm_area *prev = vma_prev(&mm->vmas, vma);
	struct mm_op op = { .mm = mm, .gather = NULL };   /* nothing is unmapped */
	struct vma_alloc alloc;
	struct vma_desc desc = {
		.start = start, .end = vma->start, .flags = vma->flags,
		.pgoff = vma->pgoff - ((vma->start - start) >> PAGE_SHIFT),
		.file = vma->file, .ops = vma->ops,
	};

	if (start < MMAP_MIN_ADDR || vma->end - start > mm->stack_limit)
		return NULL;
	if (prev && (start < prev->end || start - prev->end < mm->stack_guard_gap))
		return NULL;
	mm_vma_alloc_init(&alloc, &op);
	/* The range is free: nothing is unmapped; the new piece merges with vma. */
	vma = vma_map_range(&mm->vmas, &desc, &alloc, NULL);
	if (!IS_ERR(vma))
		mm_count_event(stack_grows);
	return vma;
}

/* The VMA for a fault at addr, growing a stack if that is what it takes. */
static struct vm_area *fault_find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area *vma = vma_find(&mm->vmas, addr);

	if (vma)
		return vma;
	vma = vma_find_next(&mm->vmas, addr);
	if (!vma || !(vma->flags & VM_GROWSDOWN))
		return NULL;
	return fault_grow_stack(mm, vma, addr);
}

static int fault_anon(struct mm_struct *mm, struct vm_area *vma, pte_t *pte)
{
	struct page *page = alloc_page(__GFP_ZERO | __GFP_NOWARN);

	if (!page)
		return -ENOMEM;
	mm_map_page(mm, pte, page, uvm_prot(vma->flags));
	mm_count_event(faults_anon);
	return 0;
}

/* Does page belong to a mapping that writes back (so its stores must be seen)? */
static bool page_needs_writeback(const struct page *page)
{
	const struct address_space *mapping = READ_ONCE(page->mapping);

	return mapping && mapping->a_ops && mapping->a_ops->writepage;
}

/* A new page with the contents of src, or NULL. */
static struct page *fault_copy_page(struct page *src)
{
	struct page *page = alloc_page(__GFP_NOWARN);

	if (page)
		memcpy(page_address(page), page_address(src), PAGE_SIZE);
	return page;
}

static int fault_file(struct mm_struct *mm, struct vm_area *vma, unsigned long addr,
		      pte_t *pte, unsigned int access)
{
	const struct vm_operations *ops = vma_ops(vma);
	u64 prot = uvm_prot(vma->flags);
	struct page *page, *copy;
	int err;

	if (!ops || !ops->fault)
		return -EFAULT;
	err = ops->fault(vma, addr, &page);
	if (err)
		return err;
	mm_count_event(faults_file);
	if ((vma->flags & VM_SHARED) && vma_is_file_cache(vma)) {
		if ((access & FAULT_WRITE) && ops->page_mkwrite) {
			err = ops->page_mkwrite(vma, page);
			if (err) {
				put_page(page);
				return err;
			}
		}
		if (access & FAULT_WRITE)
			set_page_dirty(page);
		else if (page_needs_writeback(page))
			prot &= ~PTE_W;   /* the first store faults and dirties the page */
	} else if (!(vma->flags & VM_SHARED)) {
		if (access & FAULT_WRITE) {
			copy = fault_copy_page(page);
			put_page(page);
			if (!copy)
				return -ENOMEM;
			page = copy;
			mm_count_event(cow_copies);
		} else {
			prot &= ~PTE_W;   /* a later write copies */
		}
	}
	mm_map_page(mm, pte, page, prot);
	return 0;
}

/* A write to the present, read-only PTE *pte of vma, which allows writes. */
static int fault_write_protected(struct mm_struct *mm, struct vm_area *vma,
				 unsigned long addr, pte_t *pte)
{
	struct page *old = upte_page(*pte), *page;

	if (vma->flags & VM_SHARED) {
		const struct vm_operations *ops = vma_ops(vma);

		if (vma_is_file_cache(vma) && ops->page_mkwrite) {
			int err = ops->page_mkwrite(vma, old);

			if (err)
				return err;
		}
		if (vma_is_file_cache(vma))
			set_page_dirty(old);   /* before the store can land */
		WRITE_ONCE(*pte, *pte | PTE_W | PTE_D);
		return 0;
	}
	/* refcount 1: only this mapping holds the page, and only under our lock could that change. */
	if (atomic_read(&old->refcount) == 1) {
		BUG_ON(atomic_read(&old->mapcount) != 1);
		WRITE_ONCE(*pte, *pte | PTE_W | PTE_D);
		mm_count_event(cow_reuses);
		return 0;
	}
	page = fault_copy_page(old);
	if (!page)
		return -ENOMEM;
	atomic_inc(&page->mapcount);
	/* The copy before the PTE pointing at it (another hart's MMU). */
	smp_wmb();
	WRITE_ONCE(*pte, upte_make(page, uvm_prot(vma->flags)));
	/* Other threads may still cache the old page's translation. */
	flush_tlb_mm_range(mm, addr, addr + PAGE_SIZE);
	atomic_dec(&old->mapcount);
	put_page(old);
	mm_count_event(cow_copies);
	return 0;
}

/* Resolve the fault with vma known to allow access. */
static int fault_in_vma(struct mm_struct *mm, struct vm_area *vma, unsigned long addr,
			unsigned int access)
{
	pte_t *pte = uvm_pte_alloc(mm->pgd, addr, &mm->pt_pages);

	if (!pte)
		return -ENOMEM;
	if (!upte_present(*pte))
		return vma->file ? fault_file(mm, vma, addr, pte, access) : fault_anon(mm, vma, pte);
	/* PROT_NONE PTEs live only in VMAs that allow nothing (mprotect keeps it so). */
	BUG_ON(!(*pte & PTE_V));
	if ((access & FAULT_WRITE) && !(*pte & PTE_W))
		return fault_write_protected(mm, vma, addr, pte);
	return 0;   /* already resolved, by another hart or an earlier access */
}

int __handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int access)
{
	struct vm_area *vma;
	int err;

	assert_held(&mm->lock);
	mm_count_event(faults);
	if (addr >= USER_TOP) {
		err = -EFAULT;
		goto out;
	}
	addr &= PAGE_MASK;
	vma = fault_find_vma(mm, addr);
	if (IS_ERR(vma))
		err = PTR_ERR(vma);
	else if (!vma || !vma_allows(vma, access))
		err = -EFAULT;
	else
		err = fault_in_vma(mm, vma, addr, access);
out:
	if (err == -EFAULT)
		mm_count_event(faults_efault);
	else if (err == -ENOMEM)
		mm_count_event(faults_oom);
	return err;
}

int mm_fault_run_deferred(void)
{
	struct fault_defer d = current->fault_defer;
	int err;

	BUG_ON(!d.wait || !d.put);
	current->fault_defer.wait = NULL;
	err = d.wait(d.obj, d.pgoff);
	d.put(d.obj);
	return err ? -EIO : 0;
}

int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int access)
{
	for (int tries = 0;;) {
		unsigned long irq = mm_lock(mm);
		int err = __handle_mm_fault(mm, addr, access);

		mm_unlock(mm, irq);
		if (err == -EAGAIN) {
			err = mm_fault_run_deferred();
			if (err)
				return err;
			continue;
		}
		if (err != -ENOMEM || tries++ || !mm_out_of_memory())
			return err;
	}
}
