/*
 * The vDSO image (built from kernel/arch/riscv/vdso/ by the Makefile) as
 * read-only kernel data: page aligned and padded to whole pages, so that
 * its pages can be mapped into user space as they are and show nothing
 * else of the kernel (kernel/arch/riscv/vdso.c).
 */
	.section .rodata.vdso, "a"
	.balign 4096
	.globl vdso_start
vdso_start:
	.incbin VDSO_IMAGE_PATH
	.balign 4096
	.globl vdso_end
vdso_end:
