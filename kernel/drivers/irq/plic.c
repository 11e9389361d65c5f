/*
 * The RISC-V Platform-Level Interrupt Controller.
 *
 * Found through the device tree ("riscv,plic0" / "sifive,plic-1.0.0").
 * Its "interrupts-extended" lists one (cpu-intc phandle, cause) pair per
 * context; the pairs with cause 9 (supervisor external) give each hart's
 * S-mode context. A line is routed to the hart that requested it; every
 * hart sets its threshold to 0 and takes claims from its own context.
 *
 * Lock: irq_lock (docs/locking.md) guards handlers[] and enable bits
 * while lines are requested; dispatch reads handlers[] without it (a
 * handler is installed before its line is enabled, never removed).
 */
#include <arch/csr.h>
#include <arch/mmio.h>
#include <arch/pgtable.h>
#include <drivers/irq.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <locking/spinlock.h>
#include <uapi/errno.h>

#define PLIC_PRIORITY(irq)   (4 * (irq))
#define PLIC_ENABLE(ctx)     (0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx)  (0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)      (0x200004 + 0x1000 * (ctx))

struct irq_desc {
	irq_handler_t handler;   /* [irq_lock] set once */
	void *arg;               /* [irq_lock] */
	const char *name;        /* [irq_lock] */
	u64 count;               /* [a] relaxed statistics */
};

static u8 *plic_base;                    /* [I] */
static unsigned int plic_ndev;           /* [I] */
static int plic_context[NR_CPUS] = { [0 ... NR_CPUS - 1] = -1 };   /* [I] */
static struct irq_desc irq_descs[NR_IRQS];
static struct spinlock irq_lock = SPINLOCK_INIT("irq_lock");

/* Find each hart's S-mode context from interrupts-extended. */
static void plic_map_contexts(const struct dt_device *dev)
{
	int len;
	const u32 *p = fdt_getprop(&machine_fdt, dev->node, "interrupts-extended", &len);

	for (int ctx = 0; p && (ctx + 1) * 8 <= len; ctx++) {
		u32 phandle = fdt32_to_cpu(p[2 * ctx]);
		u32 cause = fdt32_to_cpu(p[2 * ctx + 1]);
		if (cause != IRQ_S_EXT)
			continue;
		for (int h = 0; h < machine_dt.nharts; h++) {
			if (machine_dt.harts[h].intc_phandle != phandle)
				continue;
			int cpu = smp_cpu_of_hartid(machine_dt.harts[h].hartid);
			if (cpu >= 0)
				plic_context[cpu] = ctx;
		}
	}
}

int plic_init(void)
{
	const struct dt_device *dev = machine_find("riscv,plic0", 0);

	if (!dev)
		dev = machine_find("sifive,plic-1.0.0", 0);
	if (!dev || dev->nreg < 1) {
		pr_err("plic: not found in the device tree\n");
		return -ENODEV;
	}
	plic_base = ioremap(dev->reg[0].base, dev->reg[0].size);
	int len;
	const u32 *ndev = fdt_getprop(&machine_fdt, dev->node, "riscv,ndev", &len);
	plic_ndev = ndev && len == 4 ? fdt32_to_cpu(*ndev) : 31;
	if (plic_ndev >= NR_IRQS)
		plic_ndev = NR_IRQS - 1;
	plic_map_contexts(dev);
	for (unsigned int irq = 1; irq <= plic_ndev; irq++)
		writel(0, plic_base + PLIC_PRIORITY(irq));
	return 0;
}

/* Per hart: accept every priority, disable all lines, enable SEIE. */
void plic_init_cpu(void)
{
	int ctx = plic_context[smp_processor_id()];

	if (!plic_base || ctx < 0)
		return;
	for (unsigned int w = 0; w <= plic_ndev / 32; w++)
		writel(0, plic_base + PLIC_ENABLE(ctx) + 4 * w);
	writel(0, plic_base + PLIC_THRESHOLD(ctx));
	csr_set(sie, SIE_SEIE);
}

int irq_request(unsigned int irq, irq_handler_t handler, void *arg, const char *name)
{
	int ctx = plic_context[smp_processor_id()];

	if (!plic_base || ctx < 0)
		return -ENODEV;
	if (irq == 0 || irq > plic_ndev)
		return -EINVAL;
	unsigned long flags = spin_lock_irqsave(&irq_lock);
	if (irq_descs[irq].handler) {
		spin_unlock_irqrestore(&irq_lock, flags);
		return -EBUSY;
	}
	irq_descs[irq] = (struct irq_desc){ .handler = handler, .arg = arg, .name = name };
	writel(1, plic_base + PLIC_PRIORITY(irq));
	u8 *en = plic_base + PLIC_ENABLE(ctx) + 4 * (irq / 32);
	writel(readl(en) | (1U << (irq % 32)), en);
	spin_unlock_irqrestore(&irq_lock, flags);
	return 0;
}

/* Supervisor external interrupt: claim, dispatch and complete every pending line. */
void irq_handle_external(void)
{
	int ctx = plic_context[smp_processor_id()];
	u32 irq;

	this_cpu()->irqs++;
	if (!plic_base || ctx < 0)
		return;
	while ((irq = readl(plic_base + PLIC_CLAIM(ctx))) != 0) {
		struct irq_desc *d = irq < NR_IRQS ? &irq_descs[irq] : NULL;
		if (d && d->handler) {
			__atomic_add_fetch(&d->count, 1, __ATOMIC_RELAXED);
			d->handler(irq, d->arg);
		} else {
			pr_warn("plic: spurious interrupt %u\n", irq);
		}
		writel(irq, plic_base + PLIC_CLAIM(ctx));
	}
}

u64 irq_count(unsigned int irq, const char **name)
{
	if (irq >= NR_IRQS)
		return 0;
	*name = irq_descs[irq].name;
	return __atomic_load_n(&irq_descs[irq].count, __ATOMIC_RELAXED);
}
