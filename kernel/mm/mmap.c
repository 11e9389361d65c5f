/*
 * The mmap family on a given address space: do_mmap, do_munmap,
 * do_mprotect, do_madvise_dontneed, do_brk (interface in <mm/mm.h>). The
 * system-call wrappers (which find the mm and the file) come with tasks.
 *
 * Each call checks its arguments as Linux does (same errnos), then, with
 * the mm's lock held, changes the VMA set through the range operations of
 * vma.c (all-or-nothing: on -ENOMEM nothing changed) and the page tables
 * through the set's unmapped() callback (mm_unmapped: zap the PTEs of
 * each piece leaving). What was unmapped is gathered (arch/uvm.h) and
 * flushed from the TLBs with one shootdown per call, then released.
 * Page tables that only covered a hole are freed by munmap and brk.
 *
 * Not done (yet): commit accounting (every mapping behaves as
 * MAP_NORESERVE), MAP_LOCKED/MAP_HUGETLB/MAP_SYNC (accepted and ignored,
 * as Linux does for the first on most setups), PROT_GROWSDOWN/GROWSUP in
 * mprotect (-EINVAL), MAP_SHARED_VALIDATE's -EOPNOTSUPP for unknown flags
 * (it behaves as MAP_SHARED), keeping the stack guard gap free for
 * non-fixed mmaps.
 *
 * Locks: the mm's lock (mm_lock) around each operation; MAP_POPULATE
 * faults the pages in afterwards, one handle_mm_fault each.
 */
#include <arch/uvm.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <mm/mm.h>
#include <mm/pagemap.h>
#include <uapi/mman.h>
#include "mm_internal.h"

#define VM_MAY_ALL (VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

/* VM_READ/WRITE/EXEC for prot. */
static unsigned long prot_vm_flags(unsigned long prot)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0);
}

/* Does any VMA overlap [start, end)? */
static bool mmap_range_used(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area *vma = vma_find_next(&mm->vmas, start);

	return vma && vma->start < end;
}

/* ------------------------------------------------------------- mmap */

/* do_mmap's argument checks, in Linux's order; *len is rounded up to pages. */
static int mmap_check(unsigned long addr, unsigned long *len, unsigned long flags,
		      const struct mmap_file *file, unsigned long pgoff)
{
	unsigned long type = flags & MAP_TYPE;

	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (!*len)
		return -EINVAL;
	if (*len > USER_TOP)
		return -ENOMEM;
	*len = ALIGN_UP(*len, PAGE_SIZE);
	if (!(flags & MAP_ANONYMOUS)) {
		if (!file || !file->ops)
			return -EBADF;
		if (flags & MAP_GROWSDOWN)
			return -EINVAL;   /* stacks are anonymous here */
		if (pgoff + (*len >> PAGE_SHIFT) < pgoff)
			return -EOVERFLOW;
	}
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr > USER_TOP - *len)
			return -ENOMEM;
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;
	}
	return 0;
}

/* Where the mapping goes: the address, or -EEXIST / -ENOMEM. Lock held. */
static long mmap_place(struct mm_struct *mm, unsigned long addr, unsigned long len,
		       unsigned long flags)
{
	unsigned long found;
	int err;

	if (flags & MAP_FIXED_NOREPLACE)
		return mmap_range_used(mm, addr, addr + len) ? -EEXIST : (long)addr;
	if (flags & MAP_FIXED)
		return (long)addr;
	addr = ALIGN_UP(addr, PAGE_SIZE);
	if (addr >= MMAP_MIN_ADDR && addr <= USER_TOP - len &&
	    !mmap_range_used(mm, addr, addr + len))
		return (long)addr;   /* the hint is free */
	err = vma_get_unmapped_area(&mm->vmas, len, 0, MMAP_MIN_ADDR, mm->mmap_base, &found);
	if (err)   /* nothing below mmap_base: anywhere */
		err = vma_get_unmapped_area(&mm->vmas, len, 0, MMAP_MIN_ADDR, USER_TOP, &found);
	return err ? err : (long)found;
}

static void mmap_desc(struct vma_desc *desc, unsigned long start, unsigned long len,
		      unsigned long prot, unsigned long flags,
		      const struct mmap_file *file, unsigned long pgoff)
{
	bool anon = flags & MAP_ANONYMOUS;

	desc->start = start;
	desc->end = start + len;
	desc->flags = prot_vm_flags(prot) | VM_MAY_ALL;
	if ((flags & MAP_TYPE) != MAP_PRIVATE)
		desc->flags |= VM_SHARED | VM_MAYSHARE;
	if (flags & MAP_GROWSDOWN)
		desc->flags |= VM_GROWSDOWN;
	if (flags & MAP_NORESERVE)
		desc->flags |= VM_NORESERVE;
	if (!anon)
		desc->flags &= ~(file->vm_deny & VM_MAY_ALL);
	desc->pgoff = anon ? start >> PAGE_SHIFT : pgoff;
	desc->file = anon ? NULL : file->file;
	desc->ops = anon ? NULL : file->ops;
}

/* Replace whatever is in desc's range by a VMA for desc. Lock held; VMAs that left go to release. */
static int mmap_region(struct mm_struct *mm, const struct vma_desc *desc,
		       struct list_head *release)
{
	struct uvm_gather g;
	struct mm_op op = { .mm = mm, .gather = &g, .release = release };
	struct vma_alloc alloc;
	struct vm_area *vma;

	uvm_gather_init(&g, mm);
	mm_vma_alloc_init(&alloc, &op);
	vma = vma_map_range(&mm->vmas, desc, &alloc, mm_unmapped);
	uvm_gather_finish(&g);
	return IS_ERR(vma) ? (int)PTR_ERR(vma) : 0;
}

/* MAP_POPULATE: fault [start, end) in; stop quietly at the first failure. */
static void mmap_populate(struct mm_struct *mm, unsigned long start, unsigned long end,
			  unsigned long prot, unsigned long flags)
{
	unsigned int access = FAULT_READ;

	if ((prot & PROT_WRITE) && (flags & MAP_TYPE) == MAP_PRIVATE)
		access = FAULT_WRITE;   /* no copy-on-write fault later */
	else if (!(prot & (PROT_READ | PROT_WRITE)))
		access = FAULT_EXEC;    /* PROT_EXEC only; PROT_NONE fails at once */
	for (unsigned long va = start; va < end; va += PAGE_SIZE)
		if (handle_mm_fault(mm, va, access))
			break;
}

long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len,
	     unsigned long prot, unsigned long flags,
	     const struct mmap_file *file, unsigned long pgoff)
{
	struct vma_desc desc;
	LIST_HEAD(release);
	unsigned long irq;
	long start;
	int err;

	err = mmap_check(addr, &len, flags, file, pgoff);
	if (err)
		return err;
	irq = mm_lock(mm);
	start = mmap_place(mm, addr, len, flags);
	if (start >= 0) {
		mmap_desc(&desc, (unsigned long)start, len, prot, flags, file, pgoff);
		err = mmap_region(mm, &desc, &release);
		if (err)
			start = err;
	}
	mm_unlock(mm, irq);
	mm_release_vmas(&release);
	if (start >= 0 && (flags & MAP_POPULATE))
		mmap_populate(mm, (unsigned long)start, (unsigned long)start + len, prot, flags);
	return start;
}

/* ----------------------------------------------------------- munmap */

/*
 * Unmap the checked range [start, end), free hole tables, flush once.
 * Lock held; the VMAs that left go to release.
 */
static int mmap_unmap(struct mm_struct *mm, unsigned long start, unsigned long end,
		      struct list_head *release)
{
	struct uvm_gather g;
	struct mm_op op = { .mm = mm, .gather = &g, .release = release };
	struct vma_alloc alloc;
	int err;

	uvm_gather_init(&g, mm);
	mm_vma_alloc_init(&alloc, &op);
	err = vma_unmap_range(&mm->vmas, start, end, &alloc, mm_unmapped);
	if (!err)
		mm_free_hole_tables(mm, start, end, &g);
	uvm_gather_finish(&g);
	return err;
}

int do_munmap(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	LIST_HEAD(release);
	unsigned long irq;
	int err;

	if ((addr & ~PAGE_MASK) || addr > USER_TOP || len > USER_TOP - addr)
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || len > USER_TOP - addr)
		return -EINVAL;
	irq = mm_lock(mm);
	err = mmap_unmap(mm, addr, addr + len, &release);
	mm_unlock(mm, irq);
	mm_release_vmas(&release);
	return err;
}

/* --------------------------------------------------------- mprotect */

struct protect_ctx {
	struct uvm_gather *gather;
	u64 prot;       /* what the VMA now grants */
	bool shared;
	bool shared_file;   /* a shared mapping of a file's cache: keep PTE_D's news */
};

/*
 * New permissions for one PTE. A private page gets W back only through a
 * write fault (which copies it if it is shared), so W is kept, never
 * added; a lost permission needs a flush.
 */
static int protect_pte(void *ctx, pte_t *pte, unsigned long va)
{
	struct protect_ctx *p = ctx;
	pte_t old = *pte, new;
	u64 had = (old & PTE_V) ? old & (PTE_R | PTE_W | PTE_X) : 0;
	u64 prot = p->prot;

	if (!p->shared && !(old & PTE_W))
		prot &= ~PTE_W;
	if (p->shared_file && (old & PTE_D))
		set_page_dirty(upte_page(old));   /* the new PTE may lose the dirty bit */
	new = upte_make(upte_page(old), prot);
	if (new == old)
		return 0;
	WRITE_ONCE(*pte, new);
	if (had & ~prot)
		uvm_gather_range(p->gather, va, va + PAGE_SIZE);
	return 0;
}

/* Bring the PTEs of [start, end) in line with their VMAs' new flags. Lock held. */
static void protect_ptes(struct mm_struct *mm, unsigned long start, unsigned long end,
			 struct uvm_gather *g)
{
	struct vm_area *vma = vma_find_next(&mm->vmas, start);

	for (; vma && vma->start < end; vma = vma_next(&mm->vmas, vma)) {
		struct protect_ctx p = {
			.gather = g,
			.prot = uvm_prot(vma->flags),
			.shared = vma->flags & VM_SHARED,
			.shared_file = (vma->flags & VM_SHARED) && vma_is_file_cache(vma),
		};

		uvm_walk_range(mm->pgd, MAX(start, vma->start), MIN(end, vma->end),
			       protect_pte, &p);
	}
}

int do_mprotect(struct mm_struct *mm, unsigned long addr, unsigned long len,
		unsigned long prot)
{
	struct uvm_gather g;
	LIST_HEAD(release);
	struct mm_op op = { .mm = mm, .gather = &g, .release = &release };
	struct vma_alloc alloc;
	unsigned long irq, end;
	int err;

	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_SEM))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	if (addr >= USER_TOP || len > USER_TOP - addr)
		return -ENOMEM;
	end = ALIGN_UP(addr + len, PAGE_SIZE);
	irq = mm_lock(mm);
	uvm_gather_init(&g, mm);
	mm_vma_alloc_init(&alloc, &op);
	err = vma_protect_range(&mm->vmas, addr, end, VM_ACCESS_FLAGS, prot_vm_flags(prot), &alloc);
	if (!err)
		protect_ptes(mm, addr, end, &g);
	uvm_gather_finish(&g);   /* flushes only if a permission was taken away */
	mm_unlock(mm, irq);
	mm_release_vmas(&release);
	return err;
}

/* ---------------------------------------------------- madvise(DONTNEED) */

int do_madvise_dontneed(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct uvm_gather g;
	unsigned long irq, end, covered = addr;   /* [addr, covered) walked */
	struct vm_area *vma;
	bool hole = false;

	if (addr & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	if (len > ~0UL - PAGE_SIZE || addr + ALIGN_UP(len, PAGE_SIZE) < addr)
		return -EINVAL;
	end = addr + ALIGN_UP(len, PAGE_SIZE);
	irq = mm_lock(mm);
	uvm_gather_init(&g, mm);
	vma = addr < USER_TOP ? vma_find_next(&mm->vmas, addr) : NULL;
	/* Linux drops what is mapped, then reports a hole with -ENOMEM. */
	for (; vma && vma->start < end; vma = vma_next(&mm->vmas, vma)) {
		hole |= vma->start > covered;
		mm_zap_range(mm, vma, MAX(addr, vma->start), MIN(end, vma->end), &g);
		covered = MIN(end, vma->end);
	}
	uvm_gather_finish(&g);
	mm_unlock(mm, irq);
	return hole || covered < end ? -ENOMEM : 0;
}

/* -------------------------------------------------------------- brk */

void mm_brk_init(struct mm_struct *mm, unsigned long start)
{
	unsigned long irq = mm_lock(mm);

	mm->brk_start = mm->brk = ALIGN_UP(start, PAGE_SIZE);
	mm_unlock(mm, irq);
}

/* Extend the heap VMA over [old_end, new_end). Lock held. */
static int brk_grow(struct mm_struct *mm, unsigned long old_end, unsigned long new_end)
{
	struct vm_area *next = vma_find_next(&mm->vmas, old_end), *vma;
	struct mm_op op = { .mm = mm, .gather = NULL };   /* nothing is unmapped */
	struct vma_alloc alloc;
	struct vma_desc desc = {
		.start = old_end, .end = new_end,
		.flags = VM_READ | VM_WRITE | VM_MAY_ALL,
		.pgoff = old_end >> PAGE_SHIFT,
	};

	if (next && next->start < new_end)
		return -ENOMEM;
	if (next && (next->flags & VM_GROWSDOWN) && next->start - new_end < mm->stack_guard_gap)
		return -ENOMEM;
	mm_vma_alloc_init(&alloc, &op);
	vma = vma_map_range(&mm->vmas, &desc, &alloc, NULL);
	return IS_ERR(vma) ? (int)PTR_ERR(vma) : 0;
}

int do_brk(struct mm_struct *mm, unsigned long new_brk)
{
	LIST_HEAD(release);
	unsigned long irq = mm_lock(mm);
	unsigned long old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	unsigned long new_end = ALIGN_UP(new_brk, PAGE_SIZE);
	int err = 0;

	if (new_brk < mm->brk_start)
		err = -EINVAL;
	else if (new_brk > USER_TOP)
		err = -ENOMEM;
	else if (new_end < old_end)
		err = mmap_unmap(mm, new_end, old_end, &release);   /* frees the pages */
	else if (new_end > old_end)
		err = brk_grow(mm, old_end, new_end);
	if (!err)
		mm->brk = new_brk;
	mm_unlock(mm, irq);
	mm_release_vmas(&release);
	return err;
}
