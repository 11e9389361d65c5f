/*
 * The vDSO in the kernel (interface in kernel/vdso.h; the shared object
 * is built from kernel/arch/riscv/vdso/ and embedded by vdso_image.S;
 * docs/time.md has the layout).
 *
 * Two sets of pages, one copy for all processes:
 *   - the data page, a page-aligned struct vdso_data in the kernel's
 *     .bss, written by kernel/sched/time.c through the hooks below;
 *   - the image, vdso_start..vdso_end in .rodata, page aligned and padded.
 * Both are part of the kernel image: their struct pages are reserved
 * with a reference the kernel never drops, so the references that user
 * mappings take and give back never free them.
 *
 * vdso_map() installs them into an address space as two special
 * mappings (mm_map_special): the data page read-only for good (no
 * VM_MAYWRITE), the image read + execute (VM_MAYWRITE, so a debugger's
 * mprotect + breakpoint gets a private copy). Their fault handler hands
 * out the kernel's page for the offset, with a reference.
 *
 * Locks: none of its own. The data page is written under the wall
 * clock's seqlock ("wall_clock_lock", which keeps interrupts off), its
 * own sequence count telling user readers to retry.
 */
#include <arch/memlayout.h>
#include <generated/vdso_offsets.h>
#include <kernel/panic.h>
#include <kernel/vdso.h>
#include <kernel/vdso_data.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <uapi/errno.h>

extern const char vdso_start[], vdso_end[];

static union {
	struct vdso_data data;
	u8 page[PAGE_SIZE];
} vdso_data_page __aligned(PAGE_SIZE);

/* The vDSO pages after the data page: page offset 0 is data, 1.. the image. */
static unsigned long vdso_pages(void)
{
	return (unsigned long)(vdso_end - vdso_start) / PAGE_SIZE;
}

const void *vdso_image(size_t *size)
{
	*size = (size_t)(vdso_end - vdso_start);
	return vdso_start;
}

unsigned long vdso_mapping_size(void)
{
	return (1 + vdso_pages()) * PAGE_SIZE;
}

static const unsigned long vdso_offsets[VDSO_NR_FUNCS] = {
	[VDSO_RT_SIGRETURN] = VDSO_OFFSET___vdso_rt_sigreturn,
	[VDSO_GETTIMEOFDAY] = VDSO_OFFSET___vdso_gettimeofday,
	[VDSO_CLOCK_GETTIME] = VDSO_OFFSET___vdso_clock_gettime,
	[VDSO_CLOCK_GETRES] = VDSO_OFFSET___vdso_clock_getres,
	[VDSO_GETCPU] = VDSO_OFFSET___vdso_getcpu,
	[VDSO_FLUSH_ICACHE] = VDSO_OFFSET___vdso_flush_icache,
};

unsigned long vdso_func_offset(enum vdso_func f)
{
	return vdso_offsets[f];
}

unsigned long vdso_sigreturn(unsigned long base)
{
	return base + vdso_offsets[VDSO_RT_SIGRETURN];
}

/* Boot: the image is the one the build checked (scripts/vdso_check.py). */
void vdso_init(void)
{
	if ((uintptr_t)vdso_start % PAGE_SIZE || (uintptr_t)vdso_end % PAGE_SIZE ||
	    memcmp(vdso_start, "\177ELF", 4) != 0 || vdso_pages() != VDSO_IMAGE_PAGES)
		panic("vdso: the embedded image is not the one the build made");
}

/* ---------------------------------------------------------------- mapping */

struct page *vdso_page(unsigned long index)
{
	if (index > vdso_pages())
		return NULL;
	return virt_to_page(index == 0 ? (const void *)&vdso_data_page
				       : vdso_start + (index - 1) * PAGE_SIZE);
}

static int vdso_fault(struct vm_area *vma, unsigned long addr, struct page **page)
{
	*page = vdso_page(vma->pgoff + (addr - vma->start) / PAGE_SIZE);
	if (!*page)
		return -EFAULT;
	get_page(*page);
	return 0;
}

static const struct vm_operations vdso_vm_ops = {
	.fault = vdso_fault,
};

/* The "file" behind both mappings: this object identifies them. */
static const struct mmap_file vdso_file = {
	.file = (void *)&vdso_data_page,
	.ops = &vdso_vm_ops,
};

int vdso_map(struct mm_struct *mm, unsigned long *base)
{
	const struct mm_special_area areas[2] = {
		{ .len = PAGE_SIZE, .vm_flags = VM_READ | VM_MAYREAD,
		  .file = &vdso_file, .pgoff = 0 },
		{ .len = vdso_pages() * PAGE_SIZE,
		  .vm_flags = VM_READ | VM_EXEC | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC,
		  .file = &vdso_file, .pgoff = 1 },
	};
	long start = mm_map_special(mm, areas, 2);
	unsigned long irq;

	if (start < 0)
		return (int)start;
	*base = (unsigned long)start + PAGE_SIZE;
	irq = mm_lock(mm);
	mm->vdso_base = *base;
	mm_unlock(mm, irq);
	return 0;
}

/* ---------------------------------------------------------------- the data page */

void vdso_data_init(u64 timebase_freq, u64 resolution_ns, u64 coarse_ns)
{
	struct vdso_data *vd = &vdso_data_page.data;

	vd->timebase_freq = timebase_freq;
	vd->resolution_ns = resolution_ns;
	vd->coarse_ns = coarse_ns;
}

void vdso_data_update_wall(u64 realtime_offset_ns, const struct __kernel_timezone *tz)
{
	struct vdso_data *vd = &vdso_data_page.data;

	write_seqcount_begin(&vd->seq);
	WRITE_ONCE(vd->realtime_offset_ns, realtime_offset_ns);
	WRITE_ONCE(vd->tz_minuteswest, tz->tz_minuteswest);
	WRITE_ONCE(vd->tz_dsttime, tz->tz_dsttime);
	write_seqcount_end(&vd->seq);
}
