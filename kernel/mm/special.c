/*
 * Special mappings (interface in <mm/mm.h>): VMAs whose pages the kernel
 * supplies itself, placed where the caller's flags say and nowhere a
 * user asked for. The vDSO and its data page are the users
 * (kernel/arch/riscv/vdso.c).
 *
 * The VMAs are ordinary file-backed ones (vma->file and vma->ops from the
 * struct mmap_file), so faults, fork, mprotect and munmap need nothing
 * special: only their creation is.
 *
 * Locks: the mm's lock around the whole installation, so the pieces land
 * side by side even if another thread maps at the same time.
 */
#include <kernel/err.h>
#include <mm/mm.h>
#include "mm_internal.h"

/* Where n pieces of total bytes go, or -ENOMEM. Lock held. */
static long special_place(struct mm_struct *mm, unsigned long total)
{
	unsigned long found;

	if (!vma_get_unmapped_area(&mm->vmas, total, 0, MMAP_MIN_ADDR, mm->mmap_base, &found) ||
	    !vma_get_unmapped_area(&mm->vmas, total, 0, MMAP_MIN_ADDR, USER_TOP, &found))
		return (long)found;
	return -ENOMEM;
}

long mm_map_special(struct mm_struct *mm, const struct mm_special_area *areas, unsigned int n)
{
	struct mm_op op = { .mm = mm, .gather = NULL };   /* the range is free: nothing is unmapped */
	struct vma_alloc alloc;
	unsigned long total = 0, addr, irq;
	long start;

	for (unsigned int i = 0; i < n; i++)
		total += areas[i].len;
	mm_vma_alloc_init(&alloc, &op);
	irq = mm_lock(mm);
	start = special_place(mm, total);
	addr = (unsigned long)start;
	for (unsigned int i = 0; start >= 0 && i < n; i++) {
		struct vma_desc desc = {
			.start = addr, .end = addr + areas[i].len, .flags = areas[i].vm_flags,
			.pgoff = areas[i].pgoff, .file = areas[i].file->file, .ops = areas[i].file->ops,
		};
		struct vm_area *vma = vma_map_range(&mm->vmas, &desc, &alloc, NULL);

		if (IS_ERR(vma)) {
			/* Take back the pieces mapped so far: no page was faulted in yet. */
			if (addr > (unsigned long)start)
				vma_unmap_range(&mm->vmas, (unsigned long)start, addr, &alloc, NULL);
			start = PTR_ERR(vma);
		}
		addr += areas[i].len;
	}
	mm_unlock(mm, irq);
	return start;
}
