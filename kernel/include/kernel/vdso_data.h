/*
 * The vDSO's data page (vvar): what the kernel publishes for the clock
 * functions of the vDSO, and the arithmetic both sides do on it.
 *
 * The page is mapped read-only into every process, one page below the
 * vDSO's ELF header (docs/time.md, "The vDSO"). The kernel writes it
 * (kernel/arch/riscv/vdso.c) under the wall clock's seqlock, bumping the
 * page's own sequence count around each change; user code reads it in a
 * read_seqcount_begin()/read_seqcount_retry() loop, since it cannot take
 * a kernel lock.
 *
 * Monotonic time is the time CSR converted by vdso_cycles_to_ns(), which
 * the kernel's ktime_get_ns() uses too: a time read through the vDSO and
 * one read by a system call come from one function of one counter, so
 * they can be compared and never run backwards against each other.
 *
 * This header is compiled by the kernel's compiler and by the Linux cross
 * compiler (the vDSO): fixed-size fields, nothing but <kernel/types.h>
 * and <locking/seqcount.h>.
 */
#ifndef KERNEL_VDSO_DATA_H
#define KERNEL_VDSO_DATA_H

#include <kernel/types.h>
#include <locking/seqcount.h>

#define VDSO_NSEC_PER_SEC 1000000000ULL

struct vdso_data {
	struct seqcount seq;       /* [kernel writes, wall clock seqlock held] */
	s32 tz_minuteswest;        /* [seq] settimeofday's time zone */
	s32 tz_dsttime;            /* [seq] */
	u32 pad;
	u64 realtime_offset_ns;    /* [seq] CLOCK_REALTIME - CLOCK_MONOTONIC */
	u64 timebase_freq;         /* [I] time CSR ticks per second (never 0 once set) */
	u64 resolution_ns;         /* [I] clock_getres of the fine clocks */
	u64 coarse_ns;             /* [I] clock_getres of the coarse clocks: one tick */
};

_Static_assert(sizeof(struct vdso_data) == 48, "struct vdso_data layout");

/*
 * Time CSR ticks to nanoseconds, exactly (no drift however large cycles
 * gets): whole seconds, then the remainder. freq != 0.
 */
static inline u64 vdso_cycles_to_ns(u64 cycles, u64 freq)
{
	return cycles / freq * VDSO_NSEC_PER_SEC + cycles % freq * VDSO_NSEC_PER_SEC / freq;
}

/* A coarse clock: ns rounded down to a multiple of coarse_ns (one tick). */
static inline u64 vdso_coarse(u64 ns, u64 coarse_ns)
{
	return ns - ns % coarse_ns;
}

#endif /* KERNEL_VDSO_DATA_H */
