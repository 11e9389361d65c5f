/*
 * The riscv64 signal frame and rt_sigreturn (interface: setup_rt_frame in
 * signal_internal.h, the rt_sigreturn system call; docs/signals.md).
 *
 * The frame (struct rt_sigframe_u, 1088 bytes) is Linux's: siginfo, then
 * a ucontext whose uc_mcontext holds pc and x1..x31 (struct pt_regs'
 * prefix) and the D-extension FP state, then zeroed extension words.
 * rt_sigreturn loads back only those: sstatus stays the kernel's (user
 * mode, interrupts on), so editing the frame cannot raise privileges; a
 * frame that cannot be read or has non-zero extension words gives
 * SIGSEGV.
 *
 * Speed. Both directions work on the user's bytes in place: one
 * uaccess_span() resolves the frame's page or two under one hold of the
 * mm lock, and the fields are written from (read into) the trap frame and
 * the FP state directly -- no 1088-byte bounce buffer, no memset of it,
 * no second copy. If the span cannot be resolved now (a page to fault in
 * from a file, no memory, a bad stack) the same field code runs on a
 * kernel buffer that copy_to_user/copy_from_user then moves, which
 * applies the usual fault rules and errors.
 *
 * Locks: the fields are moved inside uaccess_span's mm lock with
 * interrupts off (the FP unit is touched only then, as in fpu_switch);
 * nothing else is held.
 */
#include <arch/csr.h>
#include <arch/fpu.h>
#include <arch/irqflags.h>
#include <arch/ptrace.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <kernel/vdso.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <proc/signal.h>
#include <sched/task.h>
#include <uapi/errno.h>

#include "signal_internal.h"

#define FRAME_SIZE sizeof(struct rt_sigframe_u)
#define OFF(field) __builtin_offsetof(struct rt_sigframe_u, field)
#define OFF_FP OFF(uc.uc_mcontext.sc_fpregs)
/* The FP registers f0..f31, then fcsr in the low half of the next word (the rest zero). */
#define FP_REGS (32 * sizeof(u64))
#define OFF_FCSR (OFF_FP + FP_REGS)

/* ---------------------------------------------------------------- spans */

/*
 * Every field moved is a whole number of aligned 8-byte words (the frame
 * is 16-byte aligned, a page boundary 8-byte aligned), so the spans are
 * moved a word at a time by inline loops: under QEMU's TCG each function
 * return is an indirect jump that costs a translation-block lookup, and
 * a memcpy call per field cost more than the copying.
 */
static inline u64 *span_word(const struct uspan *s, size_t off)
{
	return (u64 *)(off < s->n0 ? s->k0 + off : s->k1 + (off - s->n0));
}

static inline void span_put(const struct uspan *s, size_t off, const void *src, size_t len)
{
	const u64 *w = src;

	for (size_t i = 0; i < len / 8; i++)
		*span_word(s, off + 8 * i) = w[i];
}

static inline void span_get(const struct uspan *s, size_t off, void *dst, size_t len)
{
	u64 *w = dst;

	for (size_t i = 0; i < len / 8; i++)
		w[i] = *span_word(s, off + 8 * i);
}

static inline void span_zero(const struct uspan *s, size_t off, size_t len)
{
	for (size_t i = 0; i < len / 8; i++)
		*span_word(s, off + 8 * i) = 0;
}

/* ---------------------------------------------------------------- alternate stack */

bool on_sig_stack(unsigned long sp)
{
	struct task *t = current;

	return t->sig.sas_size && sp > t->sig.sas_sp && sp - t->sig.sas_sp <= t->sig.sas_size;
}

static void sigaltstack_describe(struct sigaltstack_u *ss, unsigned long sp)
{
	struct task *t = current;

	memset(ss, 0, sizeof(*ss));
	ss->ss_sp = t->sig.sas_sp;
	ss->ss_size = t->sig.sas_size;
	ss->ss_flags = (int)(t->sig.sas_size == 0 ? SS_DISABLE : on_sig_stack(sp) ? SS_ONSTACK : 0);
	ss->ss_flags |= (int)t->sig.sas_flags;
}

/* Where the frame goes: 0 if it does not fit on the alternate stack. */
static unsigned long frame_address(const struct ksignal *ks, unsigned long sp)
{
	struct task *t = current;
	unsigned long frame;

	if ((ks->ka.flags & SA_ONSTACK) && t->sig.sas_size && !on_sig_stack(sp))
		sp = t->sig.sas_sp + t->sig.sas_size;
	frame = (sp - FRAME_SIZE) & ~15UL;
	if (on_sig_stack(sp) && !on_sig_stack(frame + 1))
		return 0;
	return frame;
}

/* ---------------------------------------------------------------- writing */

struct frame_out {
	const struct ksignal *ks;
	struct pt_regs *regs;
};

/*
 * The FP area: the user's registers (live on this hart while FS is not
 * Off; interrupts are off) through task->fp, or zeroes.
 */
static void fp_put(const struct uspan *s, struct pt_regs *regs)
{
	struct task *t = current;

	if ((regs->status & SSTATUS_FS) == SSTATUS_FS_OFF) {
		span_zero(s, OFF_FP, sizeof(struct fp_state_u));
		return;
	}
	u64 fcsr;

	fpu_save(&t->fp);
	fcsr = t->fp.fcsr;
	span_put(s, OFF_FP, t->fp.f, FP_REGS);
	span_put(s, OFF_FCSR, &fcsr, sizeof(fcsr));
	span_zero(s, OFF_FCSR + 8, sizeof(struct fp_state_u) - FP_REGS - 8);
}

/* Every byte of the frame, field by field (interrupts off). Always 0. */
static int frame_put(void *ctx, const struct uspan *s)
{
	const struct frame_out *o = ctx;
	struct pt_regs *regs = o->regs;
	struct task *t = current;
	struct sigaltstack_u ss;
	ksigset_t mask = t->sig.restore_mask ? t->sig.saved_mask : t->sig.blocked;

	_Static_assert(OFF(uc.uc_stack) == OFF(uc.uc_flags) + 16, "uc_flags, uc_link");
	_Static_assert(sizeof(((struct user_regs_u *)0)->x) == 31 * sizeof(unsigned long), "x1..x31");
	span_put(s, OFF(info), &o->ks->info, sizeof(o->ks->info));
	span_zero(s, OFF(uc.uc_flags), 16);
	sigaltstack_describe(&ss, regs->sp);
	span_put(s, OFF(uc.uc_stack), &ss, sizeof(ss));
	span_put(s, OFF(uc.uc_sigmask), &mask, sizeof(mask));
	span_zero(s, OFF(uc.unused), OFF(uc.uc_mcontext) - OFF(uc.unused));   /* and the alignment pad */
	span_put(s, OFF(uc.uc_mcontext.sc_regs.pc), &regs->epc, sizeof(regs->epc));
	span_put(s, OFF(uc.uc_mcontext.sc_regs.x), &regs->ra, 31 * sizeof(unsigned long));
	fp_put(s, regs);
	return 0;
}

/* The frame at user address frame: in place, else through a kernel buffer. 0 or -EFAULT. */
static int frame_write(unsigned long frame, struct frame_out *o)
{
	struct rt_sigframe_u kf;
	struct uspan ks = { .k0 = (char *)&kf, .n0 = FRAME_SIZE, .n = FRAME_SIZE };
	unsigned long irq;

	if (!uaccess_span(frame, FRAME_SIZE, FAULT_WRITE, frame_put, o))
		return 0;
	irq = local_irq_save();
	frame_put(o, &ks);
	local_irq_restore(irq);
	return copy_to_user((void __user *)frame, &kf, FRAME_SIZE) ? -EFAULT : 0;
}

int setup_rt_frame(const struct ksignal *ks, struct pt_regs *regs)
{
	struct task *t = current;
	struct frame_out o = { .ks = ks, .regs = regs };
	unsigned long frame = frame_address(ks, regs->sp);
	unsigned long vdso = t->mm ? READ_ONCE(t->mm->vdso_base) : 0;

	if (!frame || !vdso || frame_write(frame, &o))
		return -EFAULT;
	regs->epc = ks->ka.handler;
	regs->ra = vdso_sigreturn(vdso);
	regs->sp = frame;
	regs->a0 = (unsigned long)ks->sig;
	regs->a1 = frame + OFF(info);
	regs->a2 = frame + OFF(uc);
	if (t->sig.sas_flags & SS_AUTODISARM) {
		t->sig.sas_sp = t->sig.sas_size = 0;
		t->sig.sas_flags = 0;
	}
	return 0;
}

/* ---------------------------------------------------------------- rt_sigreturn */

struct frame_in {
	struct pt_regs *regs;
	ksigset_t mask;
	struct sigaltstack_u ss;
};

/* The FP registers from the frame, loaded now (if the task's FP is on; interrupts off). */
static void fp_get(const struct uspan *s, struct pt_regs *regs)
{
	struct task *t = current;

	if ((regs->status & SSTATUS_FS) == SSTATUS_FS_OFF)
		return;
	u64 fcsr;

	span_get(s, OFF_FP, t->fp.f, FP_REGS);
	span_get(s, OFF_FCSR, &fcsr, sizeof(fcsr));
	t->fp.fcsr = (u32)fcsr;
	fpu_restore(&t->fp);
	t->fp_cpu = (int)this_cpu()->id;
	this_cpu()->fp_owner = t;
	regs->status = (regs->status & ~SSTATUS_FS) | SSTATUS_FS_CLEAN;
}

/*
 * Read the frame into the trap frame, the FP state and *ctx (interrupts
 * off): 0, or 1 for a frame with non-zero extension words (nothing
 * changed then).
 */
static int frame_get(void *ctx, const struct uspan *s)
{
	struct frame_in *in = ctx;
	struct pt_regs *regs = in->regs;
	u64 ext[2];

	/* fcsr_q and reserved[0..2], the last 16 bytes: only the extension words must be 0. */
	_Static_assert(OFF(uc.uc_mcontext.sc_fpregs.fcsr_q) + 16 == sizeof(struct rt_sigframe_u), "ext");
	span_get(s, OFF(uc.uc_mcontext.sc_fpregs.fcsr_q), ext, sizeof(ext));
	if ((ext[0] >> 32) | ext[1])
		return 1;
	span_get(s, OFF(uc.uc_sigmask), &in->mask, sizeof(in->mask));
	span_get(s, OFF(uc.uc_stack), &in->ss, sizeof(in->ss));
	span_get(s, OFF(uc.uc_mcontext.sc_regs.pc), &regs->epc, sizeof(regs->epc));
	span_get(s, OFF(uc.uc_mcontext.sc_regs.x), &regs->ra, 31 * sizeof(unsigned long));
	fp_get(s, regs);
	return 0;
}

/* The frame at user address frame into in: in place, else through a kernel buffer. 0 or non-zero. */
static int frame_read(unsigned long frame, struct frame_in *in)
{
	struct rt_sigframe_u kf;
	struct uspan ks = { .k0 = (char *)&kf, .n0 = FRAME_SIZE, .n = FRAME_SIZE };
	unsigned long irq;
	int ret = uaccess_span(frame, FRAME_SIZE, FAULT_READ, frame_get, in);

	if (ret >= 0)
		return ret;
	if (copy_from_user(&kf, (const void __user *)frame, FRAME_SIZE))
		return -EFAULT;
	irq = local_irq_save();
	ret = frame_get(in, &ks);
	local_irq_restore(irq);
	return ret;
}

/* rt_sigreturn(): back from a handler to the context in the frame at sp. */
long sys_rt_sigreturn(const struct syscall_args *args)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct frame_in in = { .regs = regs };

	(void)args;
	if (frame_read(regs->sp, &in)) {
		force_sig_fault(SIGSEGV, SI_KERNEL, 0);
		return (long)regs->a0;
	}
	signal_set_blocked(in.mask);
	/* Linux ignores all errors but -EFAULT, which cannot happen here. */
	(void)do_sigaltstack(&in.ss, NULL, regs->sp);
	regs->cause = ~0UL;   /* not a system call any more: no restart on the way out */
	return (long)regs->a0;
}
