/*
 * ELF hardware capabilities for AT_HWCAP (kernel/arch/riscv/hwcap.c):
 * Linux riscv's COMPAT_HWCAP_ISA_x = 1 << (x - 'a') for the single-letter
 * extensions it reports (I, M, A, F, D, C; V only with kernel support for
 * the vector state, which Kestrel lacks), taken from the device tree's
 * riscv,isa strings and ANDed over all enabled harts, as Linux does.
 */
#ifndef ARCH_HWCAP_H
#define ARCH_HWCAP_H

#define HWCAP_ISA(x) (1UL << ((x) - 'a'))

/* The bits of one riscv,isa string ("rv64imafdch_zicsr..."); 0 if it is not rv64/rv32. */
unsigned long riscv_isa_hwcap(const char *isa);

/* AT_HWCAP for this machine (computed once; "imafdc" if the tree names no isa). */
unsigned long elf_hwcap(void);

#endif /* ARCH_HWCAP_H */
