/*
 * SBI calls (the RISC-V Supervisor Binary Interface, v0.2 and later):
 * ecall with a7 = extension id, a6 = function id, a0..a5 = arguments;
 * the firmware returns an error in a0 and a value in a1.
 *
 * Used for: the earliest console (legacy putchar), the timer (TIME),
 * inter-processor interrupts (IPI), remote fences (RFENCE), starting harts
 * (HSM) and power-off/reboot (SRST). Holds no locks.
 */
#include <arch/sbi.h>
#include <uapi/errno.h>

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0,
			unsigned long arg1, unsigned long arg2, unsigned long arg3)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a3 __asm__("a3") = arg3;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;

	__asm__ __volatile__("ecall"
			     : "+r"(a0), "+r"(a1)
			     : "r"(a2), "r"(a3), "r"(a6), "r"(a7)
			     : "memory");
	return (struct sbiret){ .error = (long)a0, .value = (long)a1 };
}

/* Map an SBI error code to -errno. */
int sbi_to_errno(long err)
{
	switch (err) {
	case SBI_SUCCESS:
		return 0;
	case SBI_ERR_NOT_SUPPORTED:
		return -ENOSYS;
	case -3: /* SBI_ERR_INVALID_PARAM */
	case -5: /* SBI_ERR_INVALID_ADDRESS */
		return -EINVAL;
	case -4: /* SBI_ERR_DENIED */
		return -EPERM;
	case -6: /* SBI_ERR_ALREADY_AVAILABLE */
	case -7: /* SBI_ERR_ALREADY_STARTED */
	case -8: /* SBI_ERR_ALREADY_STOPPED */
		return -EBUSY;
	default:
		return -EIO;
	}
}

/* The legacy console extension: slow (one trap per byte), used only early. */
void sbi_console_putchar(int c)
{
	sbi_ecall(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned long)c, 0, 0, 0);
}

long sbi_probe_extension(unsigned long ext)
{
	struct sbiret r = sbi_ecall(SBI_EXT_BASE, 3, ext, 0, 0, 0);
	return r.error ? 0 : r.value;
}

long sbi_spec_version(void) { return sbi_ecall(SBI_EXT_BASE, 0, 0, 0, 0, 0).value; }
long sbi_impl_id(void) { return sbi_ecall(SBI_EXT_BASE, 1, 0, 0, 0, 0).value; }
long sbi_impl_version(void) { return sbi_ecall(SBI_EXT_BASE, 2, 0, 0, 0, 0).value; }

void sbi_set_timer(u64 stime)
{
	sbi_ecall(SBI_EXT_TIME, 0, stime, 0, 0, 0);
}

int sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	return sbi_to_errno(sbi_ecall(SBI_EXT_IPI, 0, hart_mask, hart_mask_base, 0, 0).error);
}

int sbi_hart_start(unsigned long hartid, unsigned long start_pa, unsigned long opaque)
{
	return sbi_to_errno(sbi_ecall(SBI_EXT_HSM, 0, hartid, start_pa, opaque, 0).error);
}

/* Returns an SBI_HSM_* state, or a negative errno. */
long sbi_hart_status(unsigned long hartid)
{
	struct sbiret r = sbi_ecall(SBI_EXT_HSM, 2, hartid, 0, 0, 0);
	return r.error ? sbi_to_errno(r.error) : r.value;
}

int sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long hart_mask_base,
			  unsigned long start, unsigned long size)
{
	struct sbiret r = sbi_ecall(SBI_EXT_RFENCE, 1, hart_mask, hart_mask_base, start, size);
	return sbi_to_errno(r.error);
}

/* fence.i on the harts of the mask; hart_mask_base -1: on every hart. */
int sbi_remote_fence_i(unsigned long hart_mask, unsigned long hart_mask_base)
{
	struct sbiret r = sbi_ecall(SBI_EXT_RFENCE, 0, hart_mask, hart_mask_base, 0, 0);
	return sbi_to_errno(r.error);
}

/* Returns only on failure. */
int sbi_system_reset(u32 type, u32 reason)
{
	return sbi_to_errno(sbi_ecall(SBI_EXT_SRST, 0, type, reason, 0, 0).error);
}
