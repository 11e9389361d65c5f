/*
 * Entering user mode and handling what comes back from it (interface in
 * kernel/user.h).
 *
 * user_enter() builds a struct pt_regs at the top of the current task's
 * kernel stack, as if the task had trapped from user mode at pc, and
 * leaves through trap_return, which stores the kernel stack in
 * cpu->kernel_sp and the hart's struct cpu in sscratch for the next trap.
 *
 * user_trap() runs for every exception from user mode with interrupts
 * enabled (a system call may sleep): ecall → syscall_dispatch; a page
 * fault → handle_mm_fault, and if that fails, or for any other exception,
 * the process gets the signal Linux sends (SIGSEGV with SEGV_MAPERR or
 * SEGV_ACCERR and si_addr, SIGBUS BUS_ADRERR for a file mapping with no
 * page there, SIGILL ILL_ILLOPC, SIGTRAP TRAP_BRKPT for ebreak, SIGBUS
 * BUS_ADRALN for a misaligned access), which its handler may catch;
 * user_return_work (proc/) delivers it. A bare self-test task without a
 * process is killed with a console line naming pid, cause and address.
 * Before returning to user mode it yields if a reschedule is due.
 */
#include <arch/csr.h>
#include <arch/fpu.h>
#include <arch/irqflags.h>
#include <arch/ptrace.h>
#include <arch/traps.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <kernel/user.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/vma.h>
#include <proc/signal.h>
#include <proc/process.h>
#include <sched/preempt.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>

extern char trap_return[];

/*
 * Second half of user_enter(), on a stack that now starts right below the
 * frame it fills (the callers' frames above are abandoned).
 */
void __noreturn __used user_enter_frame(unsigned long pc, unsigned long sp, struct pt_regs *regs,
					unsigned long fs)
{
	BUG_ON((uintptr_t)__builtin_frame_address(0) > (uintptr_t)regs);
	memset(regs, 0, sizeof(*regs));
	regs->epc = pc;
	regs->sp = sp;
	/* sret to U-mode (SPP = 0) with interrupts on there (SPIE = 1); FP state: fpu_init_user (fs is Initial for both entries). */
	regs->status = (csr_read(sstatus) & ~(SSTATUS_SPP | SSTATUS_FS | SSTATUS_SUM)) | SSTATUS_SPIE;
	current->flags |= PF_USER;
	fpu_init_user(current, regs);
	/* The code was written through the linear map: make this hart fetch it. */
	__asm__ __volatile__("fence.i" ::: "memory");
	__asm__ __volatile__("mv sp, %0\n\tj trap_return" : : "r"(regs) : "memory");
	__builtin_unreachable();
}

static void __noreturn user_enter_fs(unsigned long pc, unsigned long sp, unsigned long fs)
{
	struct pt_regs *regs = (struct pt_regs *)(this_cpu()->kernel_sp - sizeof(struct pt_regs));
	register unsigned long a0 __asm__("a0") = pc;
	register unsigned long a1 __asm__("a1") = sp;
	register unsigned long a2 __asm__("a2") = (unsigned long)regs;
	register unsigned long a3 __asm__("a3") = fs;

	local_irq_disable();
	/* Restart the stack just below the frame-to-be (s0 = 0 ends backtraces). */
	__asm__ __volatile__("mv sp, a2\n\tmv s0, zero\n\tj user_enter_frame"
			     : : "r"(a0), "r"(a1), "r"(a2), "r"(a3) : "memory");
	__builtin_unreachable();
}

void user_enter(unsigned long pc, unsigned long sp)
{
	user_enter_fs(pc, sp, 0);   /* FP off */
}

void user_start(unsigned long pc, unsigned long sp)
{
	user_enter_fs(pc, sp, SSTATUS_FS_INITIAL);
}

static unsigned int fault_access(unsigned long cause)
{
	switch (cause) {
	case EXC_INST_PAGE_FAULT: return FAULT_EXEC;
	case EXC_STORE_PAGE_FAULT: return FAULT_WRITE;
	default: return FAULT_READ;
	}
}

/* The signal Linux sends for an exception it cannot fix up. */
static int exception_signal(unsigned long cause)
{
	switch (cause) {
	case EXC_ILLEGAL_INST: return SIGILL;
	case EXC_BREAKPOINT: return SIGTRAP;
	case EXC_INST_MISALIGNED:
	case EXC_LOAD_MISALIGNED:
	case EXC_STORE_MISALIGNED: return SIGBUS;
	default: return SIGSEGV;
	}
}

/* A bare self-test task (no process, no handlers): a fault ends it. */
static void __noreturn user_kill(struct pt_regs *regs, int sig)
{
	printk(KERN_ERR "pid %d (%s): killed by signal %d: %s at address %#lx, pc %#lx\n",
	       current->pid, current->name, sig, trap_cause_name(regs->cause), regs->badaddr,
	       regs->epc);
	user_task_exit(128 + sig);
}

/* si_code and si_addr of a fault's signal, as Linux riscv64 fills them. */
static int fault_code(struct pt_regs *regs, int sig, unsigned long *addr)
{
	switch (sig) {
	case SIGILL:
		*addr = regs->epc;
		return ILL_ILLOPC;
	case SIGTRAP:
		*addr = regs->epc;
		return TRAP_BRKPT;
	case SIGBUS:
		*addr = regs->badaddr;
		return regs->cause == EXC_LOAD_MISALIGNED || regs->cause == EXC_STORE_MISALIGNED ||
		       regs->cause == EXC_INST_MISALIGNED ? BUS_ADRALN : BUS_ADRERR;
	default: {
		struct mm_struct *mm = current->mm;
		unsigned long irq;
		bool mapped;

		*addr = regs->badaddr;
		if (!mm)
			return SEGV_MAPERR;
		irq = mm_lock(mm);
		mapped = regs->badaddr < USER_TOP && vma_find(&mm->vmas, regs->badaddr);
		mm_unlock(mm, irq);
		return mapped ? SEGV_ACCERR : SEGV_MAPERR;
	}
	}
}

/* A fault the kernel cannot fix: the signal to the thread (a handler may catch it). */
static void user_fault(struct pt_regs *regs, int sig)
{
	unsigned long addr;
	int code;

	if (!current->proc)
		user_kill(regs, sig);
	code = fault_code(regs, sig, &addr);
	force_sig_fault(sig, code, addr);
}

void user_trap(struct pt_regs *regs)
{
	unsigned long cause = regs->cause;

	local_irq_enable();
	if (cause == EXC_ECALL_U) {
		regs->epc += 4;
		regs->a0 = (unsigned long)syscall_dispatch(regs);
	} else if (cause == EXC_INST_PAGE_FAULT || cause == EXC_LOAD_PAGE_FAULT ||
		   cause == EXC_STORE_PAGE_FAULT) {
		int err = current->mm ? handle_mm_fault(current->mm, regs->badaddr,
							fault_access(cause)) : -EFAULT;

		/* Chosen by the OOM killer: leave below, as SIGKILL. */
		if (err && !fatal_signal_pending(current))
			user_fault(regs, err == -EIO ? SIGBUS : SIGSEGV);   /* -EIO: no file page there */
	} else {
		user_fault(regs, exception_signal(cause));
	}
	while (need_resched())
		schedule();
	local_irq_disable();
	user_return_work(regs);
}

void user_task_exit(int code)
{
	struct mm_struct *mm = current->mm;

	if (current->proc)
		do_exit(wait_status_exited(code));
	if (current->files) {
		files_put(current->files);
		current->files = NULL;
	}
	if (current->fs) {
		fs_put(current->fs);
		current->fs = NULL;
	}
	if (mm) {
		unsigned long irq = local_irq_save();
		current->mm = NULL;
		mm_switch(NULL);
		local_irq_restore(irq);
		mm_put(mm);
	}
	kthread_exit(code);
}
