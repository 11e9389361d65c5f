/*
 * Bringing up the other harts, and inter-processor interrupts.
 *
 * Logical cpu ids are dense: cpu 0 is the boot hart, the rest follow in
 * device-tree order. Each secondary is started with SBI HSM at
 * secondary_entry (entry.S) with the physical address of its struct cpu.
 *
 * An IPI is a bit in the target's ipi_pending word (atomic OR) followed by
 * an SBI IPI; the target clears sip.SSIP, then atomically takes the whole
 * word and handles every bit. The OR and the exchange are both fully
 * ordered AMOs, so a bit set before the SBI call is seen by the handler
 * that the call triggers.
 */
#include <arch/atomic.h>
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <arch/pgtable.h>
#include <arch/sbi.h>
#include <arch/traps.h>
#include <drivers/irq.h>
#include <kernel/clock.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <mm/vmalloc.h>
#include <sched/sched.h>
#include <uapi/errno.h>

struct cpu cpus[NR_CPUS];
unsigned int nr_cpus = 1;
/*
 * cpu 0's boot stack follows one guard page that mmu_init() leaves
 * unmapped, so an overflow faults (and is reported from the emergency
 * stack) instead of corrupting .bss. The other harts get vmalloc'd stacks,
 * which have a guard page below them too.
 */
char boot_stack0_area[PAGE_SIZE + BOOT_STACK_SIZE] __aligned(PAGE_SIZE);

extern char secondary_entry[];
/* entry.S: (hartid + 1, struct cpu physical address) for late_secondary. */
extern struct { u64 hartid_plus1; u64 cpu_pa; } secondary_slots[NR_CPUS];

unsigned int num_online_cpus(void)
{
	unsigned int n = 0;
	for (unsigned int i = 0; i < nr_cpus; i++)
		n += smp_load_acquire(&cpus[i].online);
	return n;
}

int smp_cpu_of_hartid(u32 hartid)
{
	for (unsigned int i = 0; i < nr_cpus; i++)
		if (cpus[i].hartid == hartid)
			return (int)i;
	return -1;
}

void __noreturn cpu_halt(void)
{
	local_irq_disable();
	csr_write(sie, 0);
	for (;;)
		wfi();
}

/*
 * Runs on each secondary hart, on its boot stack, with paging on. The
 * boot context becomes the hart's idle task and ends in the idle loop.
 */
void secondary_start(struct cpu *c)
{
	trap_init_cpu();
	plic_init_cpu();
	sched_init_cpu();
	clock_init_cpu();
	c->online_time = rdtime();
	smp_store_release(&c->online, true);
	local_irq_enable();
	cpu_idle_loop();
}

/* Start every other hart the device tree lists; wait (bounded) for each. */
void smp_boot_secondaries(void)
{
	unsigned int id = 1;

	for (int i = 0; i < machine_dt.nharts && id < NR_CPUS; i++) {
		const struct dt_hart *h = &machine_dt.harts[i];
		if (!h->enabled || h->hartid == cpus[0].hartid)
			continue;
		struct cpu *c = &cpus[id];
		c->id = id;
		c->hartid = h->hartid;
		void *stack = kstack_alloc();
		if (!stack) {
			pr_err("smp: no memory for hart %u's stack\n", h->hartid);
			break;
		}
		c->stack_bottom = (unsigned long)stack;
		c->stack_top = c->stack_bottom + KSTACK_SIZE;
		nr_cpus = id + 1;
		secondary_slots[id].cpu_pa = __pa(c);
		/* Release: the slot's cpu_pa and *c before the hartid that names them. */
		smp_store_release(&secondary_slots[id].hartid_plus1, (u64)h->hartid + 1);
		int err = sbi_hart_start(h->hartid, __pa(secondary_entry), __pa(c));
		if (err) {
			pr_err("smp: hart %u did not start (%d)\n", h->hartid, err);
			nr_cpus = id;
			continue;
		}
		u64 deadline = rdtime() + timebase_freq;   /* 1 s */
		while (!smp_load_acquire(&c->online) && rdtime() < deadline)
			cpu_relax();
		if (!smp_load_acquire(&c->online))
			pr_err("smp: hart %u started but never came online\n", h->hartid);
		id++;
	}
	if (id < (unsigned int)machine_dt.nharts && id == NR_CPUS)
		pr_warn("smp: only %d of %d harts used (NR_CPUS)\n", NR_CPUS, machine_dt.nharts);
}

void smp_send_ipi(unsigned int cpu, enum ipi_kind kind)
{
	BUG_ON(cpu >= nr_cpus);
	atomic_long_or(&cpus[cpu].ipi_pending, 1L << kind);
	sbi_send_ipi(1, cpus[cpu].hartid);
}

/* Stop every other online hart; waits up to 100 ms for them to go quiet. */
void smp_send_stop(void)
{
	unsigned int self = smp_processor_id();

	for (unsigned int i = 0; i < nr_cpus; i++)
		if (i != self && smp_load_acquire(&cpus[i].online))
			smp_send_ipi(i, IPI_STOP);
	u64 deadline = rdtime() + timebase_freq / 10;
	while (rdtime() < deadline) {
		bool quiet = true;
		for (unsigned int i = 0; i < nr_cpus; i++)
			if (i != self && smp_load_acquire(&cpus[i].online))
				quiet = false;
		if (quiet)
			break;
		cpu_relax();
	}
}

/*
 * Run fn(arg) on another cpu from its IPI handler (interrupts off there).
 * Returns -EBUSY if a call is already posted to it; with wait, returns
 * after fn has finished.
 */
int smp_call_on_cpu(unsigned int cpu, void (*fn)(void *), void *arg, bool wait)
{
	struct cpu *c = &cpus[cpu];
	void (*none)(void *) = NULL;

	if (cpu >= nr_cpus)
		return -EINVAL;
	c->call_arg = arg;
	/* The release orders call_arg before call_fn; pairs with the acquire in ipi_handle(). */
	if (!__atomic_compare_exchange_n(&c->call_fn, &none, fn, false,
					 __ATOMIC_RELEASE, __ATOMIC_RELAXED))
		return -EBUSY;
	smp_send_ipi(cpu, IPI_CALL);
	while (wait && smp_load_acquire(&c->call_fn) != NULL)
		cpu_relax();
	return 0;
}

static void ipi_call(struct cpu *c)
{
	void (*fn)(void *) = smp_load_acquire(&c->call_fn);
	if (!fn)
		return;
	fn(c->call_arg);
	smp_store_release(&c->call_fn, NULL);
}

/* Supervisor software interrupt: handle every pending IPI kind. */
void ipi_handle(void)
{
	struct cpu *c = this_cpu();

	csr_clear(sip, SIE_SSIE);
	long pending = atomic_long_xchg(&c->ipi_pending, 0);
	c->ipis++;
	if (pending & (1L << IPI_STOP)) {
		smp_store_release(&c->online, false);
		cpu_halt();
	}
	if (pending & (1L << IPI_PING))
		smp_send_ipi((unsigned int)atomic_read(&c->ping_from), IPI_PONG);
	if (pending & (1L << IPI_PONG))
		atomic_inc(&c->pongs);
	if (pending & (1L << IPI_CALL))
		ipi_call(c);
	/* IPI_RESCHED: nothing to do here; the interrupt's exit reschedules. */
}

/*
 * IPI round trip: PING to cpu, which answers PONG. Only one pinger at a
 * time per target (ping_from is a single slot): the monitor and the
 * self-tests run on cpu 0 only. Returns 0, or -ETIMEDOUT after 1 s.
 */
int smp_ping(unsigned int cpu, u64 *rtt_cycles)
{
	struct cpu *self = this_cpu();
	int before = atomic_read(&self->pongs);

	if (cpu >= nr_cpus || !smp_load_acquire(&cpus[cpu].online))
		return -EINVAL;
	atomic_set(&cpus[cpu].ping_from, (int)self->id);
	u64 start = rdtime();
	smp_send_ipi(cpu, IPI_PING);
	while (atomic_read(&self->pongs) == before) {
		if (rdtime() - start > timebase_freq)
			return -ETIMEDOUT;
		cpu_relax();
	}
	*rtt_cycles = rdtime() - start;
	return 0;
}
