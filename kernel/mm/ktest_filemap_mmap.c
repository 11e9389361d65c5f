/*
 * Self-tests of generic_file_mmap (filemap.c) on a ramfs file: the fault
 * of a page that is not cached yet returns -EAGAIN with the deferred half
 * set (the file pinned), which reads the page in and lets the retry map
 * it; a page beyond the end of the file is -EIO (SIGBUS); a shared write
 * fault dirties the page; the VMA's file reference goes when the VMA does
 * (after the mm's lock is dropped). Runs on an mm of its own that no hart
 * loads: faults are driven with handle_mm_fault/__handle_mm_fault.
 */
#include <arch/uvm.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/err.h>
#include <kernel/ktest.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/pagemap.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/mman.h>

#define KFM_PATH "/ktest_filemap_mmap"
#define KFM_BASE 0x20000000UL

/* Is the user page at addr of mm mapped, and to which page? */
static struct page *kfm_mapped(struct mm_struct *mm, unsigned long addr, pte_t *val)
{
	unsigned long irq = mm_lock(mm);
	pte_t *pte = uvm_pte_lookup(mm->pgd, addr);
	struct page *page = pte && upte_present(*pte) ? upte_page(*pte) : NULL;

	if (val)
		*val = pte ? *pte : 0;
	mm_unlock(mm, irq);
	return page;
}

/* The fault at page 0 (a hole, not cached) defers, then maps the page the read brought in. */
static const char *kfm_defer(struct mm_struct *mm, struct file *f)
{
	struct address_space *mapping = file_inode(f)->i_mapping;
	int count = atomic_read(&f->f_count), err;
	unsigned long irq;
	struct page *page;

	if (find_get_page(mapping, 0))
		return "page 0 of the file is cached before the test";
	irq = mm_lock(mm);
	err = __handle_mm_fault(mm, KFM_BASE, FAULT_READ);
	mm_unlock(mm, irq);
	if (err != -EAGAIN || !current->fault_defer.wait)
		return ktest_fail("fault on an uncached page: %d, want -EAGAIN with a defer", err);
	if (atomic_read(&f->f_count) != count + 1)
		return "the deferred fault does not pin the file";
	if (mm_fault_run_deferred())
		return "the deferred half failed";
	if (atomic_read(&f->f_count) != count || current->fault_defer.wait)
		return "the deferred half did not drop its pin";
	page = find_get_page(mapping, 0);
	if (!page || !page_flag_test(page, PG_uptodate))
		return "the deferred half did not bring the page in";
	put_page(page);
	if (handle_mm_fault(mm, KFM_BASE, FAULT_READ))
		return "the retried fault failed";
	if (kfm_mapped(mm, KFM_BASE, NULL) != page)
		return "the mapping does not map the cached page";
	return NULL;
}

/* Past the end of the file: -EIO; a write fault on page 1 dirties it. */
static const char *kfm_eof_and_dirty(struct mm_struct *mm, struct file *f)
{
	struct page *page;
	pte_t pte;

	if (handle_mm_fault(mm, KFM_BASE + 2 * PAGE_SIZE, FAULT_READ) != -EIO)
		return "a page past the end of the file is not -EIO";
	page = find_get_page(file_inode(f)->i_mapping, 1);
	if (!page)
		return "page 1 (written) is not cached";
	page_flag_clear(page, PG_dirty);
	put_page(page);
	if (handle_mm_fault(mm, KFM_BASE + PAGE_SIZE, FAULT_WRITE) ||
	    kfm_mapped(mm, KFM_BASE + PAGE_SIZE, &pte) != page || !(pte & PTE_W))
		return "the shared write fault did not map the page writable";
	if (!page_flag_test(page, PG_dirty))
		return "the shared write fault did not dirty the page";
	return NULL;
}

KTEST(filemap_mmap_defer)
{
	struct lookup_root lr;
	struct mmap_file mf;
	struct mm_struct *mm;
	const char *why = NULL;
	loff_t pos = 2 * PAGE_SIZE - 1;
	struct file *f;
	int count;

	f = file_open(KFM_PATH, O_CREAT | O_RDWR | O_TRUNC, 0600);
	if (IS_ERR(f))
		return ktest_fail("create %s: %ld", KFM_PATH, PTR_ERR(f));
	/* 2 pages: page 1 written (cached), page 0 a hole (not cached). */
	if (kernel_write(f, "!", 1, &pos) != 1)
		why = "write";
	mm = mm_create();
	if (!why && IS_ERR(mm)) {
		why = "mm_create";
		mm = NULL;
	}
	count = atomic_read(&f->f_count);
	if (!why && (generic_file_mmap(f, &mf) ||
		     do_mmap(mm, KFM_BASE, 3 * PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_SHARED | MAP_FIXED, &mf, 0) != (long)KFM_BASE))
		why = "mmap";
	if (!why && atomic_read(&f->f_count) != count + 1)
		why = "the VMA holds no file reference";
	if (!why)
		why = kfm_defer(mm, f);
	if (!why)
		why = kfm_eof_and_dirty(mm, f);
	if (mm)
		mm_put(mm);
	if (!why && atomic_read(&f->f_count) != count)
		why = "the VMA's file reference outlived the mm";
	fput(f);
	lookup_root_current(&lr);
	vfs_unlink(&lr, KFM_PATH);
	lookup_root_put(&lr);
	return why;
}
