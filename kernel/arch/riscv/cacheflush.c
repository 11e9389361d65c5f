/*
 * riscv_flush_icache(start, end, flags): make the caller's stores to
 * memory visible to instruction fetch (a JIT, a trampoline written on the
 * stack; glibc's __riscv_flush_icache, through the vDSO's
 * __vdso_flush_icache). RISC-V keeps instruction fetch coherent only
 * after a fence.i on the fetching hart, and a thread may run on any hart
 * later, so Kestrel fences every hart, whatever the range: Linux's
 * SYS_RISCV_FLUSH_ICACHE_LOCAL ("only this thread") is honoured by doing
 * more than asked. Other flag bits: -EINVAL.
 *
 * No locks.
 */
#include <arch/sbi.h>
#include <kernel/syscall.h>
#include <uapi/errno.h>

#define SYS_RISCV_FLUSH_ICACHE_LOCAL 1UL   /* Linux's value (its asm/cacheflush.h; no UAPI header has it) */

long sys_riscv_flush_icache(const struct syscall_args *args)
{
	if (args->a[2] & ~SYS_RISCV_FLUSH_ICACHE_LOCAL)
		return -EINVAL;
	__asm__ __volatile__("fence.i" ::: "memory");
	return sbi_remote_fence_i(0, -1UL);
}
