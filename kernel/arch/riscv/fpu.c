/*
 * User floating-point state across context switches (arch/fpu.h).
 *
 * The FS field of a user task's trap frame (task_pt_regs(t)->status) is
 * the authority: it is what sret will put back in sstatus. Since the
 * kernel never touches FP, the registers keep the user's values from
 * the trap until the next switch: Dirty there means "changed since last
 * saved". fpu_switch saves a Dirty state and marks the frame Clean, then
 * loads the next user task's state unless this hart's registers already
 * hold it (cpu->fp_owner == next and next->fp_cpu == this cpu: nothing
 * else ran FP code here since). A task whose frame says Off never gets
 * its state loaded; user mode cannot read the registers then.
 *
 * All of it runs with interrupts off on the current hart; no locks.
 */
#include <arch/csr.h>
#include <arch/fpu.h>
#include <arch/irqflags.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <sched/sched.h>

void __fpu_save(struct fp_state *fp);
void __fpu_restore(const struct fp_state *fp);

/* The FP unit must be on (FS != Off) for the loads and stores. */
static void fpu_enable(void)
{
	csr_clear(sstatus, SSTATUS_FS);
	csr_set(sstatus, SSTATUS_FS_CLEAN);
}

void fpu_save(struct fp_state *fp)
{
	fpu_enable();
	__fpu_save(fp);
}

void fpu_restore(const struct fp_state *fp)
{
	fpu_enable();
	__fpu_restore(fp);
}

static void fpu_set_frame_fs(struct pt_regs *regs, unsigned long fs)
{
	regs->status = (regs->status & ~SSTATUS_FS) | fs;
}

void fpu_switch(struct task *prev, struct task *next)
{
	struct cpu *c = this_cpu();

	if (prev->flags & PF_USER) {
		struct pt_regs *regs = task_pt_regs(prev);

		if ((regs->status & SSTATUS_FS) == SSTATUS_FS_DIRTY) {
			fpu_save(&prev->fp);
			fpu_set_frame_fs(regs, SSTATUS_FS_CLEAN);
			prev->fp_cpu = (int)c->id;
			c->fp_owner = prev;
		}
	}
	if (!(next->flags & PF_USER) || (task_pt_regs(next)->status & SSTATUS_FS) == SSTATUS_FS_OFF)
		return;
	if (c->fp_owner == next && next->fp_cpu == (int)c->id)
		return;
	fpu_restore(&next->fp);
	next->fp_cpu = (int)c->id;
	c->fp_owner = next;
}

void fpu_forget(struct task *t)
{
	t->fp_cpu = -1;
}

/*
 * A fresh FP state for the running task about to enter a new program:
 * zeroed registers, loaded now (so nothing of the previous owner's state
 * is visible), and FS = Initial in its user frame.
 */
void fpu_init_user(struct task *t, struct pt_regs *regs)
{
	unsigned long irq = local_irq_save();

	memset(&t->fp, 0, sizeof(t->fp));
	fpu_restore(&t->fp);
	t->fp_cpu = (int)this_cpu()->id;
	this_cpu()->fp_owner = t;
	fpu_set_frame_fs(regs, SSTATUS_FS_INITIAL);
	local_irq_restore(irq);
}

/*
 * fork/clone: the child starts with the parent's (the running task's)
 * FP registers. child_regs is the child's copy of the parent's frame.
 */
void fpu_copy_to_child(struct task *child, struct pt_regs *child_regs)
{
	unsigned long irq;

	child->fp_cpu = -1;
	if ((child_regs->status & SSTATUS_FS) == SSTATUS_FS_OFF)
		return;
	irq = local_irq_save();
	/* The parent's state is live in this hart's registers: it is current. */
	fpu_save(&child->fp);
	local_irq_restore(irq);
	fpu_set_frame_fs(child_regs, SSTATUS_FS_CLEAN);
}
