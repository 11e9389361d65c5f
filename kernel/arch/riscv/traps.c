/*
 * Trap dispatch, register dumps and backtraces.
 *
 * trap_entry (trap.S) saves a struct pt_regs and calls trap_handler(), which
 * sends interrupts to their handlers (IPI, timer, PLIC) and treats any
 * exception taken in kernel mode as fatal: it prints the cause, sepc and
 * stval, the registers and a symbolized backtrace, then panics. Interrupts
 * stay disabled for the whole handler (no nesting). No locks owned here.
 *
 * Kernel preemption happens here: at the end of an interrupt that came
 * while the interrupted code was preemptible (interrupts on, preempt count
 * 0), if need_resched is set, trap_preempt() switches tasks. The frame
 * stays on the preempted task's stack until it is switched back to --
 * maybe on another hart, so the tp saved in a kernel-mode frame is then
 * replaced with the current hart's.
 */
#include <arch/csr.h>
#include <arch/memlayout.h>
#include <arch/traps.h>
#include <drivers/irq.h>
#include <kernel/clock.h>
#include <kernel/ksyms.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/user.h>
#include <locking/lockdep.h>
#include <proc/process.h>
#include <sched/sched.h>

extern char trap_entry[], trap_return[];

static char emergency_stacks[NR_CPUS][EMERGENCY_STACK_SIZE] __aligned(16);

/*
 * Per hart: the trap vector, sscratch = 0 (in kernel), the emergency stack,
 * and IPIs. c->stack_bottom must already describe the stack it runs on.
 */
void trap_init_cpu(void)
{
	struct cpu *c = this_cpu();

	c->emergency_sp = (unsigned long)emergency_stacks[c->id] + EMERGENCY_STACK_SIZE;
	csr_write(sscratch, 0);
	csr_write(stvec, (unsigned long)trap_entry);
	csr_set(sie, SIE_SSIE);   /* IPIs; timer and external lines are enabled by their owners */
}

static const char *const exception_names[] = {
	[EXC_INST_MISALIGNED] = "instruction address misaligned",
	[EXC_INST_ACCESS] = "instruction access fault",
	[EXC_ILLEGAL_INST] = "illegal instruction",
	[EXC_BREAKPOINT] = "breakpoint",
	[EXC_LOAD_MISALIGNED] = "load address misaligned",
	[EXC_LOAD_ACCESS] = "load access fault",
	[EXC_STORE_MISALIGNED] = "store address misaligned",
	[EXC_STORE_ACCESS] = "store access fault",
	[EXC_ECALL_U] = "environment call from U-mode",
	[EXC_ECALL_S] = "environment call from S-mode",
	[EXC_INST_PAGE_FAULT] = "instruction page fault",
	[EXC_LOAD_PAGE_FAULT] = "load page fault",
	[EXC_STORE_PAGE_FAULT] = "store page fault",
};

const char *trap_cause_name(unsigned long cause)
{
	if (cause & CAUSE_IRQ_FLAG) {
		switch (cause & ~CAUSE_IRQ_FLAG) {
		case IRQ_S_SOFT: return "supervisor software interrupt";
		case IRQ_S_TIMER: return "supervisor timer interrupt";
		case IRQ_S_EXT: return "supervisor external interrupt";
		default: return "unknown interrupt";
		}
	}
	if (cause < ARRAY_SIZE(exception_names) && exception_names[cause])
		return exception_names[cause];
	return "unknown exception";
}

static void handle_interrupt(struct pt_regs *regs)
{
	switch (regs->cause & ~CAUSE_IRQ_FLAG) {
	case IRQ_S_SOFT:
		ipi_handle();
		break;
	case IRQ_S_TIMER:
		clock_tick();
		break;
	case IRQ_S_EXT:
		irq_handle_external();
		break;
	default:
		panic_regs(regs, "unexpected interrupt, scause %#lx", regs->cause);
	}
}

/*
 * End of an interrupt: preempt the interrupted task if it was preemptible
 * and a reschedule is due. Interrupts off, and off again on return.
 */
static void trap_preempt(struct pt_regs *regs)
{
	bool from_kernel = regs->status & SSTATUS_SPP;

	if (from_kernel && !(regs->status & SSTATUS_SPIE))
		return;   /* the interrupted code had interrupts off */
	if (!this_cpu()->curr || preempt_count() != 0 || !need_resched())
		return;
	preempt_schedule_irq();
	/* Back in this task, perhaps on another hart: return with that hart's tp. */
	if (from_kernel)
		regs->tp = (unsigned long)this_cpu();
}

/*
 * Called from trap_entry with interrupts disabled; returns to trap_return.
 */
void trap_handler(struct pt_regs *regs)
{
	struct cpu *c = this_cpu();

	if (unlikely((uintptr_t)regs + PT_SIZE == c->emergency_sp))
		panic_regs(regs, "kernel stack overflow: sp %#lx below the stack bottom %#lx",
			   regs->sp, c->fault_bottom);
	if (regs->cause & CAUSE_IRQ_FLAG) {
		bool from_user = !(regs->status & SSTATUS_SPP);

		c->irq_from_user = from_user;
		lockdep_hardirq_enter();
		handle_interrupt(regs);
		lockdep_hardirq_exit();
		c->irq_from_user = false;
		trap_preempt(regs);
		if (from_user)
			user_return_work(regs);
		return;
	}
	if (regs->status & SSTATUS_SPP)
		panic_regs(regs, "%s in kernel mode at %pS, address %#lx",
			   trap_cause_name(regs->cause), (void *)regs->epc, regs->badaddr);
	user_trap(regs);
}

void dump_regs(const struct pt_regs *r)
{
	printk(KERN_EMERG "scause %016lx (%s)\n", r->cause, trap_cause_name(r->cause));
	printk(KERN_EMERG "sepc   %016lx %pS\n", r->epc, (void *)r->epc);
	printk(KERN_EMERG "stval  %016lx sstatus %016lx\n", r->badaddr, r->status);
	printk(KERN_EMERG "ra     %016lx %pS\n", r->ra, (void *)r->ra);
	printk(KERN_EMERG " ra %016lx  sp %016lx  gp %016lx  tp %016lx\n", r->ra, r->sp, r->gp, r->tp);
	printk(KERN_EMERG " t0 %016lx  t1 %016lx  t2 %016lx  s0 %016lx\n", r->t0, r->t1, r->t2, r->s0);
	printk(KERN_EMERG " s1 %016lx  a0 %016lx  a1 %016lx  a2 %016lx\n", r->s1, r->a0, r->a1, r->a2);
	printk(KERN_EMERG " a3 %016lx  a4 %016lx  a5 %016lx  a6 %016lx\n", r->a3, r->a4, r->a5, r->a6);
	printk(KERN_EMERG " a7 %016lx  s2 %016lx  s3 %016lx  s4 %016lx\n", r->a7, r->s2, r->s3, r->s4);
	printk(KERN_EMERG " s5 %016lx  s6 %016lx  s7 %016lx  s8 %016lx\n", r->s5, r->s6, r->s7, r->s8);
	printk(KERN_EMERG " s9 %016lx s10 %016lx s11 %016lx  t3 %016lx\n", r->s9, r->s10, r->s11, r->t3);
	printk(KERN_EMERG " t4 %016lx  t5 %016lx  t6 %016lx\n", r->t4, r->t5, r->t6);
}

/* A frame pointer we may dereference: aligned and inside the kernel half. */
static bool frame_ok(unsigned long fp)
{
	return fp >= PAGE_OFFSET + 16 && !(fp & 7) && fp < VMALLOC_END;
}

/*
 * Print one frame. A return address points after its call, which may be
 * the first byte of the next function when the call was the last
 * instruction (a noreturn callee), so it is looked up one byte back.
 */
static void print_frame(unsigned long pc, bool is_return, const char *mark)
{
	uintptr_t off = 0;
	const char *name = ksym_lookup(is_return ? pc - 1 : pc, &off);

	if (name)
		printk(KERN_EMERG "  [<%016lx>] %s%s+%#lx\n", pc, mark, name, off + is_return);
	else
		printk(KERN_EMERG "  [<%016lx>] %s?\n", pc, mark);
}

/*
 * Walk the frame-pointer chain. With -fno-omit-frame-pointer, GCC keeps
 * s0 = the caller's sp at entry, the return address at s0-8 and the
 * caller's s0 at s0-16. A leaf function saves only s0, at s0-8. A return
 * address equal to trap_return means the next frame is a trap: the saved
 * s0 there points at the struct pt_regs, whose epc continues the walk;
 * its ra is printed too, marked "?", since a leaf function keeps its
 * caller only there.
 */
static void walk_frames(unsigned long pc, unsigned long fp, const struct pt_regs *regs)
{
	bool is_return = false;

	for (int depth = 0; depth < 40; depth++) {
		if (regs) {
			printk(KERN_EMERG "  --- %s ---\n", trap_cause_name(regs->cause));
			print_frame(regs->epc, false, "");
			if (ksym_is_text(regs->ra))
				print_frame(regs->ra, true, "? ");
			fp = regs->s0;
			regs = NULL;
		} else {
			print_frame(pc, is_return, "");
		}
		if (!frame_ok(fp))
			return;
		unsigned long word1 = ((unsigned long *)fp)[-1];
		unsigned long word2 = ((unsigned long *)fp)[-2];
		if (!ksym_is_text(word1)) {
			/* A leaf frame: only the caller's s0 was saved, at s0-8. */
			if (!frame_ok(word1) || word1 <= fp)
				return;
			fp = word1;
			continue;
		}
		if (word1 == (unsigned long)trap_return && frame_ok(word2)) {
			regs = (const struct pt_regs *)word2;
			continue;
		}
		if (word2 <= fp && word2 != 0)
			return;
		pc = word1;
		fp = word2;
		is_return = true;
		if (!fp)
			return;
	}
}

/*
 * Print the call chain: of the trapped code when regs is given, else of
 * the caller.
 */
void dump_backtrace(const struct pt_regs *regs)
{
	printk(KERN_EMERG "Call trace:\n");
	if (regs) {
		walk_frames(0, 0, regs);
		return;
	}
	walk_frames((unsigned long)dump_backtrace, (unsigned long)__builtin_frame_address(0), NULL);
}

/* The call chain of a task switched out: from where __switch_to() will return. */
void dump_switched_out_backtrace(unsigned long ra, unsigned long fp)
{
	walk_frames(ra, fp, NULL);
}
