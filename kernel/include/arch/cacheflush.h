/*
 * Instruction-cache coherence (kernel/arch/riscv/cacheflush.c). RISC-V
 * does not keep instruction fetch coherent with stores: code the kernel
 * wrote through the linear map (exec loading an image) is visible to a
 * hart's fetches only after that hart runs fence.i. Per address space,
 * mm_flush_icache (mm/mm.h) does it lazily, with no IPI.
 */
#ifndef ARCH_CACHEFLUSH_H
#define ARCH_CACHEFLUSH_H

/* fence.i on this hart only. */
static inline void local_flush_icache(void)
{
	__asm__ __volatile__("fence.i" ::: "memory");
}

/*
 * fence.i here and on every other hart (one SBI RFENCE call for all), so
 * the new code is fetched correctly wherever its task runs later. May be
 * called with interrupts on; sleeps never.
 */
void flush_icache_all(void);

#endif /* ARCH_CACHEFLUSH_H */
