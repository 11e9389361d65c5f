/*
 * Instruction-cache flushes (interface in <arch/cacheflush.h>).
 * flush_icache_all: a local fence.i, then an SBI remote fence.i to all
 * harts (hart_mask_base = -1 means every hart, SBI v0.2+), this one
 * included, which is harmless. It waits for every hart to answer (on an
 * overloaded host, milliseconds): exec uses the lazy per-mm
 * mm_flush_icache instead, which needs it only when other harts have the
 * mm loaded.
 *
 * Also the system call riscv_flush_icache(start, end, flags) (glibc's
 * __riscv_flush_icache, through the vDSO's __vdso_flush_icache): user
 * code that wrote instructions (a JIT, a trampoline on the stack) gets
 * mm_flush_icache() of its address space -- fence.i here, at once on the
 * harts that have it loaded, lazily on the others -- whatever the range,
 * as Linux does. Linux's SYS_RISCV_FLUSH_ICACHE_LOCAL ("only this
 * thread") is honoured by doing more than asked. Other flag bits: -EINVAL.
 *
 * No locks of its own (mm_flush_icache takes none).
 */
#include <arch/cacheflush.h>
#include <arch/sbi.h>
#include <kernel/printk.h>
#include <kernel/syscall.h>
#include <mm/mm.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#define SYS_RISCV_FLUSH_ICACHE_LOCAL 1UL   /* Linux's value (its asm/cacheflush.h; no UAPI header has it) */

void flush_icache_all(void)
{
	local_flush_icache();
	if (sbi_remote_fence_i(0, -1UL))
		pr_warn("icache: SBI remote fence.i failed\n");
}

long sys_riscv_flush_icache(const struct syscall_args *args)
{
	if (args->a[2] & ~SYS_RISCV_FLUSH_ICACHE_LOCAL)
		return -EINVAL;
	if (current->mm)
		mm_flush_icache(current->mm);
	else
		local_flush_icache();
	return 0;
}
