	.section .ksyms, "a"
	.balign 8
	.globl __ksyms
__ksyms:
	.quad 0
