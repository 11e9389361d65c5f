/*
 * Self-tests of the boot: harts, per-CPU data, timer ticks, IPIs,
 * spinlocks under contention, the kernel page table, clocks, the log, the
 * command line and the symbol table. Run with ktest=boot.
 */
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <arch/pgtable.h>
#include <kernel/clock.h>
#include <kernel/ksyms.h>
#include <kernel/ktest.h>
#include <kernel/machine.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <locking/spinlock.h>
#include <mm/bootmem.h>

static unsigned int expected_harts(void)
{
	unsigned int n = 0;
	for (int i = 0; i < machine_dt.nharts; i++)
		n += machine_dt.harts[i].enabled;
	return n < NR_CPUS ? n : NR_CPUS;
}

KTEST(harts_online)
{
	if (num_online_cpus() != expected_harts())
		return ktest_fail("%u online, device tree has %u", num_online_cpus(), expected_harts());
	if (nr_cpus != expected_harts())
		return ktest_fail("nr_cpus %u", nr_cpus);
	return NULL;
}

KTEST(cpu_ids_dense)
{
	for (unsigned int i = 0; i < nr_cpus; i++) {
		if (cpus[i].id != i)
			return ktest_fail("cpus[%u].id = %u", i, cpus[i].id);
		if (dt_hart_index(&machine_dt, cpus[i].hartid) < 0)
			return ktest_fail("cpu%u hart %u not in the device tree", i, cpus[i].hartid);
		for (unsigned int j = 0; j < i; j++)
			if (cpus[j].hartid == cpus[i].hartid)
				return ktest_fail("cpu%u and cpu%u share hart %u", i, j, cpus[i].hartid);
	}
	return this_cpu() == &cpus[0] ? NULL : ktest_fail("boot hart is not cpu 0");
}

static void record_id(void *arg)
{
	((unsigned int *)arg)[smp_processor_id()] = this_cpu()->id + 1000;
}

KTEST(per_cpu_register)
{
	unsigned int seen[NR_CPUS] = { 0 };

	for (unsigned int i = 1; i < nr_cpus; i++)
		if (smp_call_on_cpu(i, record_id, seen, true))
			return ktest_fail("call to cpu%u failed", i);
	record_id(seen);
	for (unsigned int i = 0; i < nr_cpus; i++)
		if (READ_ONCE(seen[i]) != i + 1000)
			return ktest_fail("cpu%u reported %u", i, seen[i]);
	return NULL;
}

KTEST(timer_ticks_every_hart)
{
	u64 before[NR_CPUS];
	u64 j0 = jiffies;

	for (unsigned int i = 0; i < nr_cpus; i++)
		before[i] = READ_ONCE(cpus[i].ticks);
	u64 deadline = rdtime() + 10 * timebase_freq;
	for (unsigned int i = 0; i < nr_cpus; i++) {
		while (READ_ONCE(cpus[i].ticks) < before[i] + 3)
			if (rdtime() > deadline)
				return ktest_fail("cpu%u took %llu ticks in 10 s", i,
						  (unsigned long long)(cpus[i].ticks - before[i]));
	}
	return jiffies > j0 ? NULL : ktest_fail("jiffies did not advance");
}

KTEST(ipi_round_trip)
{
	for (unsigned int i = 0; i < nr_cpus; i++) {
		u64 rtt;
		if (i == 0 && nr_cpus > 1)
			continue;
		int err = smp_ping(i, &rtt);
		if (err)
			return ktest_fail("cpu%u: %d", i, err);
		printk("ipi: cpu0 -> cpu%u -> cpu0 in %llu us\n", i,
		       (unsigned long long)(cycles_to_ns(rtt) / 1000));
	}
	return NULL;
}

/*
 * Every hart increments one counter under one lock, non-atomically, for
 * 200 ms; the counter must equal the sum of the harts' own counts. The
 * work is bounded by time, not rounds: with more virtual harts than host
 * cores a fair lock's hand-off waits for the host to run the next holder,
 * so a fixed round count can take anything from 0.1 s to a minute.
 */
static struct spinlock test_lock = SPINLOCK_INIT("ktest_lock");
static volatile unsigned long locked_counter;
static atomic_long_t lock_total;

static void hammer_lock(void *arg)
{
	u64 deadline = *(const u64 *)arg;
	long mine = 0;

	while (rdtime() < deadline) {
		spin_lock(&test_lock);
		unsigned long v = locked_counter;   /* non-atomic read-modify-write */
		cpu_relax();
		locked_counter = v + 1;
		spin_unlock(&test_lock);
		mine++;
	}
	atomic_long_add(&lock_total, mine);
}

KTEST(spinlock_contention)
{
	static u64 deadline;

	locked_counter = 0;
	atomic_long_xchg(&lock_total, 0);
	deadline = rdtime() + timebase_freq / 5;
	const char *why = ktest_run_everywhere(hammer_lock, &deadline);
	if (why)
		return why;
	if (locked_counter != (unsigned long)atomic_long_read(&lock_total))
		return ktest_fail("counter %lu, increments %ld", locked_counter,
				  atomic_long_read(&lock_total));
	printk("spinlock: %lu acquisitions by %u harts in 200 ms\n", locked_counter, nr_cpus);
	unsigned long irq = local_irq_save();
	bool got = spin_trylock(&test_lock);
	if (got)
		spin_unlock(&test_lock);
	local_irq_restore(irq);
	return got ? NULL : ktest_fail("trylock of a free lock failed");
}

extern char _start_kernel[], _etext[], _erodata[], _end[];
static int some_data = 1;

KTEST(mmu_no_identity_map)
{
	for (int i = 0; i < 256; i++)
		if (kernel_pgd[i])
			return ktest_fail("user-half root entry %d is %#llx", i,
					  (unsigned long long)kernel_pgd[i]);
	if (kernel_pte_lookup(__pa(_start_kernel), NULL))
		return ktest_fail("kernel physical address still mapped");
	if ((csr_read(satp) & ((1UL << 44) - 1)) != __pa(kernel_pgd) >> PAGE_SHIFT)
		return ktest_fail("satp %#lx does not point at kernel_pgd", csr_read(satp));
	return NULL;
}

KTEST(mmu_kernel_permissions)
{
	pte_t *text = kernel_pte_lookup((uintptr_t)ktest_fail, NULL);
	pte_t *ro = kernel_pte_lookup((uintptr_t)"a string constant", NULL);
	pte_t *data = kernel_pte_lookup((uintptr_t)&some_data, NULL);

	if (!text || !(*text & PTE_X) || (*text & PTE_W))
		return ktest_fail("text PTE %#llx", text ? (unsigned long long)*text : 0ULL);
	if (!ro || (*ro & (PTE_X | PTE_W)))
		return ktest_fail("rodata PTE %#llx", ro ? (unsigned long long)*ro : 0ULL);
	if (!data || !(*data & PTE_W) || (*data & PTE_X))
		return ktest_fail("data PTE %#llx", data ? (unsigned long long)*data : 0ULL);
	for (int i = 0; i < machine_dt.nmem; i++) {
		phys_addr_t last = machine_dt.mem[i].base + machine_dt.mem[i].size - PAGE_SIZE;
		if (!kernel_pte_lookup((uintptr_t)__va(last), NULL))
			return ktest_fail("last page of RAM %#llx not mapped", (unsigned long long)last);
	}
	return NULL;
}

KTEST(bootmem_excludes_kernel_and_dtb)
{
	const struct bootmem_range *r;
	int n = bootmem_ranges(&r);
	phys_addr_t ks = __pa(_start_kernel), ke = __pa(_end);
	phys_addr_t ds = __pa(machine_fdt.base), de = ds + machine_fdt.totalsize;

	for (int i = 0; i < n; i++) {
		if (r[i].start < ke && r[i].end > ks)
			return ktest_fail("free range %#llx-%#llx overlaps the kernel",
					  (unsigned long long)r[i].start, (unsigned long long)r[i].end);
		if (r[i].start < de && r[i].end > ds)
			return ktest_fail("free range overlaps the device tree");
		if (i && r[i].start < r[i - 1].end)
			return ktest_fail("free ranges out of order");
	}
	return bootmem_free_bytes() > memory_total / 2 ? NULL : ktest_fail("too little free memory");
}

KTEST(device_tree_machine)
{
	if (!machine_dt.nmem || !memory_total)
		return ktest_fail("no memory");
	if (!timebase_freq)
		return ktest_fail("no timebase");
	if (!machine_find("ns16550a", 0))
		return ktest_fail("no UART");
	if (!machine_find("riscv,plic0", 0) && !machine_find("sifive,plic-1.0.0", 0))
		return ktest_fail("no PLIC");
	return NULL;
}

KTEST(monotonic_clock)
{
	u64 a = ktime_get_ns();
	udelay(2000);
	u64 b = ktime_get_ns();
	if (b < a + 2000000)
		return ktest_fail("2 ms delay measured %llu ns", (unsigned long long)(b - a));
	return NULL;
}

KTEST(rtc_wall_clock)
{
	u64 ns = ktime_get_real_ns();
	struct tm_utc tm;

	if (!clock_realtime_known())
		return ktest_fail("no RTC");
	time_to_utc((s64)(ns / NSEC_PER_SEC), &tm);
	if (tm.year < 2020)
		return ktest_fail("year %d", tm.year);
	printk("rtc: %04d-%02d-%02d %02d:%02d:%02d UTC\n", tm.year, tm.month, tm.day,
	       tm.hour, tm.min, tm.sec);
	return NULL;
}

KTEST(printk_log_buffer)
{
	static char buf[LOG_BUF_SIZE];
	printk(KERN_DEBUG "ktest: a debug line for the log only\n");
	size_t n = log_read_all(buf, sizeof(buf) - 1);
	buf[n] = '\0';
	if (!strstr(buf, "harts online: "))
		return ktest_fail("banner not in the log");
	if (!strstr(buf, "a debug line for the log only"))
		return ktest_fail("debug line not in the log");
	return NULL;
}

KTEST(cmdline_parsed)
{
	const char *v = cmdline_get(&kernel_cmdline, "ktest");
	return v && strcmp(v, "boot") == 0 ? NULL : ktest_fail("ktest=%s", v ? v : "(none)");
}

KTEST(symbol_table)
{
	uintptr_t off;
	const char *name = ksym_lookup((uintptr_t)ktest_fail + 4, &off);

	if (!name || strcmp(name, "ktest_fail") != 0 || off != 4)
		return ktest_fail("lookup gave %s+%lu", name ? name : "NULL", (unsigned long)off);
	if (ksym_address("start_kernel") == 0)
		return ktest_fail("start_kernel not found");
	return NULL;
}
