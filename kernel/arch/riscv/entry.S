/*
 * Kernel entry from OpenSBI, and secondary-hart entry.
 *
 * OpenSBI (fw_jump) enters _start in S-mode with the MMU off, a0 = hartid,
 * a1 = physical address of the device tree. The image is linked in the
 * upper half (VA = PA + PAGE_OFFSET) but runs here at its physical address,
 * so until paging is on only PC-relative addressing is used.
 *
 * _start builds early_pgd: 1 GiB pages mapping the kernel's gigabyte both
 * at its physical address (identity, needed only for the instruction after
 * the satp write) and in the linear map, plus the next three gigabytes in
 * the linear map so the device tree is reachable wherever RAM put it. It
 * then jumps to the linear-map address and calls start_kernel(), which
 * builds the real page table (no identity map) and switches to it.
 *
 * Secondary harts start at secondary_entry via SBI HSM with a1 = the
 * physical address of their struct cpu. They switch straight to the final
 * page table: stvec is pointed at the upper-half address of the next
 * instruction, so the fetch fault right after the satp write lands there.
 */
#include <arch/csr.h>
#include <arch/memlayout.h>
#include <kernel/smp.h>

#define PTE_LEAF_RWX 0xcf   /* V R W X A D */

	.section .text.boot, "ax"
	.globl _start
_start:
	csrw	sie, zero
	csrw	sip, zero

	/*
	 * Only the first hart to get here boots. OpenSBI 1.1 (Debian's) can send
	 * a hart that the kernel is starting here instead of to secondary_entry:
	 * its own start-up rewrites the jump address when the kernel's HSM
	 * hart_start overtakes it (seen with 8 harts under TCG). Such a hart is
	 * redirected to secondary_entry (late_secondary below).
	 */
	lla	t0, boot_lottery
	li	t1, 1
	amoswap.w.aq t1, t1, (t0)
	bnez	t1, late_secondary

	/* Zero .bss (early_pgd and the boot stacks live there). */
	lla	t0, __bss_start
	lla	t1, __bss_end
1:	bgeu	t0, t1, 2f
	sd	zero, 0(t0)
	addi	t0, t0, 8
	j	1b
2:
	/* t2 = gigapage number of the kernel, t3 = its leaf PTE. */
	lla	t0, early_pgd
	lla	t2, _start
	srli	t2, t2, 30
	slli	t3, t2, 28
	ori	t3, t3, PTE_LEAF_RWX

	/* Identity entry: early_pgd[g]. */
	slli	t4, t2, 3
	add	t4, t4, t0
	sd	t3, 0(t4)

	/* Linear map: early_pgd[256 + g + i] for i = 0..3. */
	addi	t4, t2, 256
	slli	t4, t4, 3
	add	t4, t4, t0
	li	t5, 4
	li	t6, 1 << 28
3:	sd	t3, 0(t4)
	add	t3, t3, t6
	addi	t4, t4, 8
	addi	t5, t5, -1
	bnez	t5, 3b

	/* satp = Sv39 | PPN(early_pgd) */
	srli	t0, t0, 12
	li	t1, SATP_MODE_SV39
	or	t0, t0, t1
	sfence.vma
	csrw	satp, t0
	sfence.vma

	/* Continue in the upper half. */
	li	t1, PAGE_OFFSET
	lla	t0, 4f
	add	t0, t0, t1
	jr	t0
4:
	/* Boot stack of cpu 0 and its per-CPU pointer (set by start_kernel). */
	lla	sp, boot_stack0_area
	li	t0, PAGE_SIZE + BOOT_STACK_SIZE
	add	sp, sp, t0
	lla	tp, cpus
	mv	s0, zero
	mv	ra, zero
	csrw	sscratch, zero
	call	start_kernel
5:	wfi
	j	5b

/*
 * A hart that lost the boot lottery: wait until smp_boot_secondaries() has
 * posted its (hartid + 1, struct cpu physical address) in secondary_slots,
 * then continue as secondary_entry would have. Runs with the MMU off.
 */
late_secondary:
	addi	t2, a0, 1
1:	lla	t0, secondary_slots
	li	t1, NR_CPUS
2:	ld	t3, 0(t0)
	beq	t3, t2, 3f
	addi	t0, t0, 16
	addi	t1, t1, -1
	bnez	t1, 2b
	fence	r, r
	j	1b
3:	ld	a1, 8(t0)
	j	secondary_entry

/*
 * a0 = hartid, a1 = physical address of this hart's struct cpu.
 */
	.globl secondary_entry
secondary_entry:
	csrw	sie, zero
	csrw	sip, zero
	li	t1, PAGE_OFFSET
	lla	t0, 6f
	add	t0, t0, t1
	csrw	stvec, t0
	lla	t0, kernel_satp
	ld	t0, 0(t0)
	sfence.vma
	csrw	satp, t0
	/* The next fetch faults (this address is not mapped) and goes to 6f. */
	nop
	.balign 4
6:
	sfence.vma
	li	t1, PAGE_OFFSET
	add	tp, a1, t1
	ld	sp, CPU_STACK_TOP(tp)
	mv	s0, zero
	mv	ra, zero
	csrw	sscratch, zero
	mv	a0, tp
	call	secondary_start
7:	wfi
	j	7b

	.section .data
	.balign 8
boot_lottery:
	.quad 0
	.globl secondary_slots
secondary_slots:
	.space 16 * NR_CPUS

	.section .bss.pgtable, "aw", @nobits
	.balign 4096
	.globl early_pgd
early_pgd:
	.space 4096
