/*
 * The user programs of the exec self-tests (kernel/proc/ktest_exec.c),
 * built by the Makefile from tests/exec/ into build/exec-tests/ and
 * embedded here as data: each is an ELF file the tests "open" from memory.
 */
#define EXEC_IMAGE(name, file) \
	.balign 8; \
	.globl exec_image_##name, exec_image_##name##_end; \
exec_image_##name: \
	.incbin file; \
exec_image_##name##_end:

	.section .rodata.exec_images, "a"
EXEC_IMAGE(check, "check.elf")
EXEC_IMAGE(check_pie, "check_pie.elf")
EXEC_IMAGE(check_big, "check_big.elf")
EXEC_IMAGE(hello, "hello.elf")
EXEC_IMAGE(clock, "clock.elf")
