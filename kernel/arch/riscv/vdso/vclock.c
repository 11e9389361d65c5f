/*
 * The vDSO's functions (user mode, built by the Linux cross compiler as
 * part of linux-vdso.so.1; docs/time.md).
 *
 * __vdso_clock_gettime, __vdso_gettimeofday and __vdso_clock_getres
 * answer CLOCK_REALTIME, _MONOTONIC, _MONOTONIC_RAW, _BOOTTIME, _TAI and
 * the two coarse clocks without entering the kernel: they read the time
 * CSR (rdtime) and the kernel's data page (struct vdso_data, mapped one
 * page below this image) in a sequence-count loop, and compute exactly
 * what the kernel's clock_get_ns() computes. Any other clock (CPU time,
 * bad ids) goes to the system call, whose answer -- a result or -errno,
 * as glibc expects from a vDSO function -- is returned unchanged.
 * __vdso_getcpu and __vdso_flush_icache are the system calls.
 *
 * A bad pointer from the caller faults in user mode (SIGSEGV), as with
 * Linux's vDSO; the system call would have returned -EFAULT.
 *
 * Position independent, no relocations, no writable data, no libc.
 */
#include <asm/unistd.h>
#include <kernel/vdso_data.h>
#include <locking/seqcount.h>
#include <uapi/time.h>

#define VDSO_EXPORT __attribute__((visibility("default")))

/* The kernel's data page: the linker script puts it one page below the image. */
extern const struct vdso_data vdso_data __attribute__((visibility("hidden")));

static inline u64 vdso_rdtime(void)
{
	u64 t;

	__asm__ __volatile__("rdtime %0" : "=r"(t));
	return t;
}

static long vdso_syscall3(long nr, long arg0, long arg1, long arg2)
{
	register long a0 __asm__("a0") = arg0;
	register long a1 __asm__("a1") = arg1;
	register long a2 __asm__("a2") = arg2;
	register long a7 __asm__("a7") = nr;

	__asm__ __volatile__("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
	return a0;
}

/* Monotonic ns now and the realtime offset, consistent with each other. */
static void vdso_read(const struct vdso_data *vd, u64 *mono, u64 *offset)
{
	u32 seq;

	do {
		seq = read_seqcount_begin(&vd->seq);
		*offset = READ_ONCE(vd->realtime_offset_ns);
		*mono = vdso_cycles_to_ns(vdso_rdtime(), READ_ONCE(vd->timebase_freq));
	} while (read_seqcount_retry(&vd->seq, seq));
}

/* Clock which in *ns without a system call: 0, or -1 if the kernel must answer. */
static int vdso_clock_ns(int which, u64 *ns)
{
	const struct vdso_data *vd = &vdso_data;
	u64 mono, offset;

	if (READ_ONCE(vd->timebase_freq) == 0)
		return -1;   /* not set up (never, once the kernel has booted) */
	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_TAI:
		vdso_read(vd, &mono, &offset);
		*ns = mono + offset;
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		*ns = vdso_cycles_to_ns(vdso_rdtime(), vd->timebase_freq);
		return 0;
	case CLOCK_REALTIME_COARSE:
		vdso_read(vd, &mono, &offset);
		*ns = vdso_coarse(mono, vd->coarse_ns) + offset;
		return 0;
	case CLOCK_MONOTONIC_COARSE:
		*ns = vdso_coarse(vdso_cycles_to_ns(vdso_rdtime(), vd->timebase_freq), vd->coarse_ns);
		return 0;
	default:
		return -1;
	}
}

VDSO_EXPORT int __vdso_clock_gettime(int which, struct __kernel_timespec *ts)
{
	u64 ns;

	if (vdso_clock_ns(which, &ns))
		return (int)vdso_syscall3(__NR_clock_gettime, which, (long)ts, 0);
	ts->tv_sec = (long long)(ns / VDSO_NSEC_PER_SEC);
	ts->tv_nsec = (long long)(ns % VDSO_NSEC_PER_SEC);
	return 0;
}

VDSO_EXPORT int __vdso_gettimeofday(struct __kernel_old_timeval *tv, struct __kernel_timezone *tz)
{
	const struct vdso_data *vd = &vdso_data;
	u64 ns;
	u32 seq;

	if (tv) {
		if (vdso_clock_ns(CLOCK_REALTIME, &ns))
			return (int)vdso_syscall3(__NR_gettimeofday, (long)tv, (long)tz, 0);
		tv->tv_sec = (long)(ns / VDSO_NSEC_PER_SEC);
		tv->tv_usec = (long)(ns % VDSO_NSEC_PER_SEC / 1000);
	}
	if (tz) {
		do {
			seq = read_seqcount_begin(&vd->seq);
			tz->tz_minuteswest = READ_ONCE(vd->tz_minuteswest);
			tz->tz_dsttime = READ_ONCE(vd->tz_dsttime);
		} while (read_seqcount_retry(&vd->seq, seq));
	}
	return 0;
}

VDSO_EXPORT int __vdso_clock_getres(int which, struct __kernel_timespec *res)
{
	const struct vdso_data *vd = &vdso_data;
	u64 ns;

	switch (which) {
	case CLOCK_REALTIME:
	case CLOCK_TAI:
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_BOOTTIME:
		ns = READ_ONCE(vd->resolution_ns);
		break;
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		ns = READ_ONCE(vd->coarse_ns);
		break;
	default:
		return (int)vdso_syscall3(__NR_clock_getres, which, (long)res, 0);
	}
	if (ns == 0)
		return (int)vdso_syscall3(__NR_clock_getres, which, (long)res, 0);
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = (long long)ns;
	}
	return 0;
}

VDSO_EXPORT int __vdso_getcpu(unsigned int *cpu, unsigned int *node, void *unused)
{
	return (int)vdso_syscall3(__NR_getcpu, (long)cpu, (long)node, (long)unused);
}

VDSO_EXPORT int __vdso_flush_icache(void *start, void *end, unsigned long flags)
{
	return (int)vdso_syscall3(__NR_riscv_flush_icache, (long)start, (long)end, (long)flags);
}
