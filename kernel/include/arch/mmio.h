/*
 * Device register access. The fences order a register access against
 * normal memory (a descriptor written before the doorbell, a buffer read
 * after the status), as Linux's readl/writel do.
 */
#ifndef ARCH_MMIO_H
#define ARCH_MMIO_H

#include <kernel/types.h>

static inline u8 readb(const volatile void *a)
{
	u8 v = *(const volatile u8 *)a;
	__asm__ __volatile__("fence i, r" ::: "memory");
	return v;
}

static inline u32 readl(const volatile void *a)
{
	u32 v = *(const volatile u32 *)a;
	__asm__ __volatile__("fence i, r" ::: "memory");
	return v;
}

static inline void writeb(u8 v, volatile void *a)
{
	__asm__ __volatile__("fence w, o" ::: "memory");
	*(volatile u8 *)a = v;
}

static inline void writel(u32 v, volatile void *a)
{
	__asm__ __volatile__("fence w, o" ::: "memory");
	*(volatile u32 *)a = v;
}

#endif /* ARCH_MMIO_H */
