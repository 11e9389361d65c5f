/*
 * Calls into the SBI firmware (OpenSBI) in M-mode: the only way the kernel
 * talks to M-mode. Extension and function ids from the SBI specification.
 */
#ifndef ARCH_SBI_H
#define ARCH_SBI_H

#include <kernel/types.h>

#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_LEGACY_GETCHAR 0x02
#define SBI_EXT_BASE 0x10
#define SBI_EXT_TIME 0x54494D45
#define SBI_EXT_IPI  0x735049
#define SBI_EXT_RFENCE 0x52464E43
#define SBI_EXT_HSM  0x48534D
#define SBI_EXT_SRST 0x53525354

#define SBI_SUCCESS 0
#define SBI_ERR_NOT_SUPPORTED -2

#define SBI_HSM_STARTED 0
#define SBI_HSM_STOPPED 1

#define SBI_SRST_SHUTDOWN    0
#define SBI_SRST_COLD_REBOOT 1
#define SBI_SRST_NO_REASON   0
#define SBI_SRST_SYS_FAILURE 1

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0,
			unsigned long a1, unsigned long a2, unsigned long a3);

void sbi_console_putchar(int c);
long sbi_probe_extension(unsigned long ext);
long sbi_spec_version(void);
long sbi_impl_id(void);
long sbi_impl_version(void);
void sbi_set_timer(u64 stime);
int sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);
int sbi_hart_start(unsigned long hartid, unsigned long start_pa, unsigned long opaque);
long sbi_hart_status(unsigned long hartid);
int sbi_remote_sfence_vma(unsigned long hart_mask, unsigned long hart_mask_base,
			  unsigned long start, unsigned long size);
int sbi_remote_fence_i(unsigned long hart_mask, unsigned long hart_mask_base);
int sbi_system_reset(u32 type, u32 reason);
int sbi_to_errno(long sbi_error);

#endif /* ARCH_SBI_H */
