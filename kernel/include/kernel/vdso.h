/*
 * The vDSO (kernel/arch/riscv/vdso.c; the shared object itself is built
 * from kernel/arch/riscv/vdso/ by the Linux cross compiler, docs/time.md).
 *
 * Every user address space gets two special mappings, side by side:
 *
 *	base - PAGE_SIZE   the data page (struct vdso_data), read-only
 *	base               the vDSO's ELF image, read + execute
 *
 * both backed by the kernel's own pages (one copy for every process),
 * and base goes to user space as AT_SYSINFO_EHDR, where glibc finds
 * __vdso_clock_gettime and friends.
 *
 * Locks: vdso_map() takes the mm's lock. The data page is written only
 * under the wall clock's seqlock (kernel/sched/time.c).
 */
#ifndef KERNEL_VDSO_H
#define KERNEL_VDSO_H

#include <kernel/types.h>
#include <uapi/time.h>

struct mm_struct;
struct page;

/*
 * Map the data page and the vDSO into mm at a free place below
 * mm->mmap_base (the exec helper calls this once the new mm has its
 * stack); *base = the ELF header's user address (AT_SYSINFO_EHDR).
 * Returns 0, -ENOMEM (no room, or no memory for the VMAs). Takes mm's lock.
 */
int vdso_map(struct mm_struct *mm, unsigned long *base);

/* Size of what vdso_map() maps, data page included, in bytes. */
unsigned long vdso_mapping_size(void);

/*
 * User address of a vDSO symbol in a mapping at base (what vdso_map()
 * returned). The signal code uses vdso_sigreturn(base) as the return
 * address of a handler.
 */
unsigned long vdso_sigreturn(unsigned long base);

/* The vDSO image in the kernel (ELF shared object, page aligned), for tests. */
const void *vdso_image(size_t *size);
/* The kernel page behind page index of the mapping (0: data page, 1..: image), or NULL. */
struct page *vdso_page(unsigned long index);

/*
 * Offsets (from the ELF header) of the exported functions, checked at
 * build time against the image (scripts/vdso_check.py writes
 * generated/vdso_offsets.h).
 */
enum vdso_func {
	VDSO_RT_SIGRETURN,
	VDSO_GETTIMEOFDAY,
	VDSO_CLOCK_GETTIME,
	VDSO_CLOCK_GETRES,
	VDSO_GETCPU,
	VDSO_FLUSH_ICACHE,
	VDSO_NR_FUNCS,
};
unsigned long vdso_func_offset(enum vdso_func f);

/* ---- the data page, for kernel/sched/time.c ---- */

/* Boot (clock_init): the time CSR's frequency and the clocks' resolutions. */
void vdso_data_init(u64 timebase_freq, u64 resolution_ns, u64 coarse_ns);

/*
 * Publish the wall clock offset and time zone. Called with the wall
 * clock's seqlock held for writing (which serializes the page's writers
 * and keeps interrupts off); bumps the page's own sequence count.
 */
void vdso_data_update_wall(u64 realtime_offset_ns, const struct __kernel_timezone *tz);

#endif /* KERNEL_VDSO_H */
