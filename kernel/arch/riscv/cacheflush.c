/*
 * Instruction-cache flushes (interface in <arch/cacheflush.h>).
 * flush_icache_all: a local fence.i, then an SBI remote fence.i to all
 * harts (hart_mask_base = -1 means every hart, SBI v0.2+), this one
 * included, which is harmless. It waits for every hart to answer (on an
 * overloaded host, milliseconds): exec uses the lazy per-mm
 * mm_flush_icache instead, which needs it only when other harts have the
 * mm loaded. No locks.
 */
#include <arch/cacheflush.h>
#include <arch/sbi.h>
#include <kernel/printk.h>

void flush_icache_all(void)
{
	local_flush_icache();
	if (sbi_remote_fence_i(0, -1UL))
		pr_warn("icache: SBI remote fence.i failed\n");
}
