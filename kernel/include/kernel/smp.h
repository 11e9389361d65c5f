/*
 * Per-CPU data and the hart <-> logical cpu mapping.
 *
 * Each hart's struct cpu is reached through the tp register while the hart
 * runs kernel code (this_cpu()). Logical ids are dense, 0..nr_cpus-1, in
 * device-tree order with the boot hart as cpu 0; hartids need not be dense.
 */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

#include <arch/memlayout.h>

/* Offsets used by trap entry assembly (trap.S, entry.S). */
#define CPU_KERNEL_SP    0
#define CPU_USER_SP      8
#define CPU_STACK_BOTTOM 16
#define CPU_EMERGENCY_SP 24
#define CPU_SCRATCH      32
#define CPU_STACK_TOP    40
#define CPU_FAULT_BOTTOM 48
#define CPU_CURRENT      56   /* sched/task.h: current */
#define CPU_PREEMPT_COUNT 64  /* sched/preempt.h */
#define EMERGENCY_STACK_SIZE 8192

#ifndef __ASSEMBLY__
#include <arch/atomic.h>
#include <kernel/compiler.h>
#include <kernel/types.h>

struct mm_struct;
struct task;
struct rq;
struct lockdep_held;

enum ipi_kind {
	IPI_PING,   /* answer with IPI_PONG to the sender (boot self-test) */
	IPI_PONG,
	IPI_STOP,   /* stop this hart for good (panic, power-off) */
	IPI_CALL,   /* run the function posted in cpu->call */
	IPI_RESCHED, /* need_resched was set: reschedule at interrupt exit */
	IPI_KINDS
};

struct cpu {
	unsigned long kernel_sp;     /* [local] trap stack for traps from user mode */
	unsigned long user_sp;       /* [local] user sp while the trap frame is built */
	unsigned long stack_bottom;  /* [local] lowest address of the kernel stack in use */
	unsigned long emergency_sp;  /* [I] top of the stack a stack overflow is handled on */
	unsigned long scratch;       /* [local] trap entry */
	unsigned long stack_top;     /* [I] boot stack */
	unsigned long fault_bottom;  /* [local] stack_bottom when an overflow was caught */
	/*
	 * Scheduler state (kernel/sched/core.c). curr and preempt_count
	 * are read and written only through tp-relative single instructions
	 * (sched/task.h, sched/preempt.h), so a task preempted and moved to
	 * another hart never uses the old hart's copy; switch.S updates
	 * stack_bottom and kernel_sp with current.
	 */
	struct task *curr;           /* [rq] running task (current); NULL before sched_init_cpu() */
	int preempt_count;           /* [local] spinlocks held + preempt_disable() depth */
	u32 need_resched;            /* [a] set under this cpu's rq lock (or by its tick), cleared by schedule */
	struct rq *rq;               /* [I] this cpu's run queue, once the scheduler is up */
	struct lockdep_held *lockdep_held; /* [local] current's held-lock stack (NULL: lockdep's per-cpu one) */
	unsigned int id;             /* [I] logical id */
	u32 hartid;                  /* [I] */
	atomic_long_t ipi_pending;   /* [a] bit per enum ipi_kind */
	atomic_t ping_from;          /* [a] logical id that sent IPI_PING */
	atomic_t pongs;              /* [a] IPI_PONG replies received */
	u64 ticks;                   /* [local] timer interrupts taken */
	u64 irqs;                    /* [local] external interrupts taken */
	u64 ipis;                    /* [local] IPIs taken */
	u64 next_tick;               /* [local] time CSR value of the next tick */
	u64 online_time;             /* [I] time CSR when it came online */
	bool online;                 /* [a] set once by the cpu itself */
	struct mm_struct *active_mm; /* [local] address space whose page table is in satp (NULL: kernel_pgd) */
	struct task *fp_owner;       /* [local] task whose FP state the FP registers hold (arch/fpu.h) */
	bool irq_from_user;          /* [local] the interrupt being handled came from user mode */
	void (*call_fn)(void *);     /* [a] posted by smp_call_on_cpu, cleared when done */
	void *call_arg;              /* [a] */
};

_Static_assert(__builtin_offsetof(struct cpu, kernel_sp) == CPU_KERNEL_SP, "cpu kernel_sp");
_Static_assert(__builtin_offsetof(struct cpu, user_sp) == CPU_USER_SP, "cpu user_sp");
_Static_assert(__builtin_offsetof(struct cpu, stack_top) == CPU_STACK_TOP, "cpu stack_top");
_Static_assert(__builtin_offsetof(struct cpu, stack_bottom) == CPU_STACK_BOTTOM, "cpu stack_bottom");
_Static_assert(__builtin_offsetof(struct cpu, emergency_sp) == CPU_EMERGENCY_SP, "cpu emergency_sp");
_Static_assert(__builtin_offsetof(struct cpu, scratch) == CPU_SCRATCH, "cpu scratch");
_Static_assert(__builtin_offsetof(struct cpu, fault_bottom) == CPU_FAULT_BOTTOM, "cpu fault_bottom");
_Static_assert(__builtin_offsetof(struct cpu, curr) == CPU_CURRENT, "cpu curr");
_Static_assert(__builtin_offsetof(struct cpu, preempt_count) == CPU_PREEMPT_COUNT, "cpu preempt_count");

extern struct cpu cpus[NR_CPUS];
extern unsigned int nr_cpus;     /* harts found in the device tree (<= NR_CPUS) */

#include <arch/percpu.h>   /* this_cpu() */

/*
 * this_cpu() and smp_processor_id() name the hart the caller runs on now.
 * Preemptible code may be moved to another hart at any instruction, so
 * keep the answer only while preemption (or interrupts) is disabled, or
 * while running a task pinned to one cpu (sched_setaffinity).
 */
static inline unsigned int smp_processor_id(void) { return this_cpu()->id; }

unsigned int num_online_cpus(void);
void smp_boot_secondaries(void);
void smp_send_ipi(unsigned int cpu, enum ipi_kind kind);
void smp_send_stop(void);
int smp_call_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg, bool wait);
void __noreturn cpu_halt(void);
/* IPI round trip to cpu (PING, PONG back); rtt in time-CSR cycles. Irqs must be on. */
int smp_ping(unsigned int cpu, u64 *rtt_cycles);
void ipi_handle(void);
int smp_cpu_of_hartid(u32 hartid);

#endif /* __ASSEMBLY__ */
#endif /* KERNEL_SMP_H */
