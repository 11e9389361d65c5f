/*
 * start_kernel(): the boot hart's bring-up, in order.
 *
 *  1. entry.S has turned on early paging, zeroed .bss, set sp and tp.
 *  2. The device tree is parsed; the command line read (loglevel=...).
 *  3. Boot memory: RAM minus firmware, kernel, DTB and reserved ranges.
 *  4. The kernel page table replaces early_pgd (no identity map).
 *  5. The page allocator, slab caches, address spaces, then the
 *     scheduler: the boot context becomes cpu 0's idle task (sched_init).
 *  6. Traps, the PLIC, the UART console, the RTC and the wall clock, the
 *     vDSO and the load average (time_init), the tick on this hart, the
 *     random generator (seeded from the RTC, the DTB, timer jitter).
 *  7. The other harts, started through SBI HSM; each ends in its idle loop.
 *  8. The banner; then the "init" kernel thread, pinned to cpu 0, sets up
 *     the file layer (fs_init: ramfs root, initramfs), then runs the
 *     self-tests (ktest=) or the kernel monitor, while start_kernel()
 *     goes on as cpu 0's idle loop.
 * docs/boot.md tells the same story with the memory map.
 */
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <arch/memlayout.h>
#include <arch/pgtable.h>
#include <arch/sbi.h>
#include <arch/traps.h>
#include <drivers/irq.h>
#include <drivers/virtio.h>
#include <fs/fs.h>
#include <generated/version.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/init.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/power.h>
#include <kernel/random.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <kernel/time.h>
#include <lib/string.h>
#include <mm/bootmem.h>
#include <mm/mm.h>
#include <mm/pagemap.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <net/netdevice.h>
#include <proc/process.h>
#include <proc/futex.h>
#include <sched/sched.h>

struct fdt machine_fdt;
struct dt_info machine_dt;
struct cmdline kernel_cmdline;
u64 memory_total;
u64 boot_time_start;
u64 boot_time_online;   /* time CSR when every hart was online */

extern char _start_kernel[], _end[];
extern char boot_stack0_area[];

const struct dt_device *machine_find(const char *compatible, int nth)
{
	return dt_find_compatible(&machine_dt, &machine_fdt, compatible, nth);
}

static void parse_device_tree(phys_addr_t dtb_pa)
{
	/* The early map covers 4 GiB from the kernel's gigabyte; the DTB is in RAM. */
	if (fdt_open(&machine_fdt, __va(dtb_pa), 1 << 20) < 0)
		panic("no valid device tree at %#lx", (unsigned long)dtb_pa);
	if (dt_parse(&machine_dt, &machine_fdt) < 0)
		panic("device tree at %#lx could not be parsed", (unsigned long)dtb_pa);
	if (machine_dt.truncated)
		pr_warn("dt: some device-tree tables overflowed\n");
	cmdline_parse(&kernel_cmdline, machine_dt.bootargs);
	console_loglevel = (int)cmdline_get_long(&kernel_cmdline, "loglevel", console_loglevel);
	clock_init(machine_dt.timebase_freq ? machine_dt.timebase_freq : 10000000);
}

static void setup_boot_memory(phys_addr_t dtb_pa)
{
	phys_addr_t kstart = __pa(_start_kernel), kend = __pa(_end);

	for (int i = 0; i < machine_dt.nmem; i++) {
		bootmem_add(machine_dt.mem[i].base, machine_dt.mem[i].base + machine_dt.mem[i].size);
		memory_total += machine_dt.mem[i].size;
		/* Firmware (OpenSBI) sits below the kernel in the same region. */
		if (kstart >= machine_dt.mem[i].base && kstart < machine_dt.mem[i].base + machine_dt.mem[i].size)
			bootmem_reserve(machine_dt.mem[i].base, kstart);
	}
	bootmem_reserve(kstart, kend);
	bootmem_reserve(dtb_pa, dtb_pa + machine_fdt.totalsize);
	for (int i = 0; i < machine_dt.nrsv; i++)
		bootmem_reserve(machine_dt.rsv[i].base, machine_dt.rsv[i].base + machine_dt.rsv[i].size);
	if (machine_dt.initrd_end > machine_dt.initrd_start)
		bootmem_reserve(machine_dt.initrd_start, machine_dt.initrd_end);
}

static void print_banner(void)
{
	printk("Kestrel %s (riscv64, HZ=%d%s)\n", KESTREL_VERSION, HZ,
#ifdef CONFIG_DEBUG
	       ", debug"
#else
	       ""
#endif
	);
	printk("harts online: %u\n", num_online_cpus());
	printk("memory: %llu MiB\n", (unsigned long long)(memory_total >> 20));
	printk("cmdline:");
	for (int i = 0; i < kernel_cmdline.nargs; i++)
		printk(KERN_CONT " %s=%s", kernel_cmdline.args[i].key, kernel_cmdline.args[i].value);
	printk(KERN_CONT "\n");
	printk("boot: kernel entry to all harts online %llu us\n",
	       (unsigned long long)(cycles_to_ns(boot_time_online - boot_time_start) / 1000));
	printk("devices (%d):\n", machine_dt.ndev);
	for (int i = 0; i < machine_dt.ndev; i++) {
		const struct dt_device *d = &machine_dt.dev[i];
		printk("  %-24s %-22s", d->name, d->compatible);
		if (d->nreg)
			printk(KERN_CONT " reg %#llx+%#llx", (unsigned long long)d->reg[0].base,
			       (unsigned long long)d->reg[0].size);
		if (d->nirq)
			printk(KERN_CONT " irq %u", d->irq[0]);
		printk(KERN_CONT "\n");
	}
}

#define INIT_MAX_ARGS 32

/*
 * Run the first user program as pid 1: init=PATH from the command line,
 * else /init, /sbin/init, /bin/init from the root (the initramfs, or the
 * disk root= mounted over it). Its arguments
 * after argv[0] come from init.args="a b c" (split at spaces). Returns
 * only if none could be started; the kernel monitor runs then.
 */
static void start_user_init(void)
{
	static char args[256];
	static char *argv[INIT_MAX_ARGS + 2];
	static char *const envp[] = { "HOME=/", "TERM=linux", "PATH=/bin:/sbin", NULL };
	const char *chosen = cmdline_get(&kernel_cmdline, "init");
	const char *defaults[] = { "/init", "/sbin/init", "/bin/init", NULL };
	const char *one[] = { chosen, NULL };
	const char *extra = cmdline_get(&kernel_cmdline, "init.args");
	const char *const *paths = chosen ? one : defaults;
	int argc = 1, err;

	argv[0] = (char *)paths[0];
	if (extra) {
		strlcpy(args, extra, sizeof(args));
		for (char *p = args; *p && argc < INIT_MAX_ARGS;) {
			while (*p == ' ')
				*p++ = '\0';
			if (!*p)
				break;
			argv[argc++] = p;
			while (*p && *p != ' ')
				p++;
		}
	}
	argv[argc] = NULL;
	err = proc_start_init(paths, argv, envp);
	printk("init: no user init started (%d): starting kernel monitor\n", err);
}

/*
 * The first kernel thread, pinned to cpu 0 (the self-tests and the monitor
 * expect to run there): self-tests (ktest=boot, ktest=panic*), or the
 * kernel monitor until there is a user init to exec. Never returns.
 */
static int kernel_init(void *arg)
{
	const char *ktest = cmdline_get(&kernel_cmdline, "ktest");

	writeback_init();   /* the writeback thread, before any file is dirtied */
	fs_init();   /* the root file system and the initramfs, before anything opens a file */
	net_init();   /* lo and eth0 up, ip= configuration, the net thread */
	if (ktest && str_has_prefix(ktest, "panic"))
		ktest_panic();
	if (ktest && strcmp(ktest, "boot") == 0)
		machine_power_off(ktest_run_all() == 0 ? EXIT_OK : EXIT_FAILED);
	mount_root_device();   /* root=/dev/vda: the disk becomes "/" */
	start_user_init();
	monitor_run();
	return 0;
}

static void start_init_thread(void)
{
	struct task *init = kthread_create(kernel_init, NULL, "init");

	if (IS_ERR(init) || set_cpus_allowed(init, cpumask_of(0)))
		panic("cannot start the init thread");
	wake_up_new_task(init);
	task_put(init);
}

void start_kernel(unsigned long hartid, phys_addr_t dtb_pa)
{
	boot_time_start = rdtime();
	cpus[0].id = 0;
	cpus[0].hartid = (u32)hartid;
	cpus[0].stack_bottom = (unsigned long)boot_stack0_area + PAGE_SIZE;
	cpus[0].stack_top = cpus[0].stack_bottom + BOOT_STACK_SIZE;
	trap_init_cpu();

	parse_device_tree(dtb_pa);
	setup_boot_memory(dtb_pa);
	mmu_init();
	page_alloc_init();
	slab_init();
	mm_init();
	pagecache_init();
	sched_init();
	proc_init();
	futex_init();
	pr_info("sbi: spec %#lx, implementation %ld version %#lx\n",
		sbi_spec_version(), sbi_impl_id(), sbi_impl_version());

	power_init();
	if (plic_init() < 0)
		panic("no interrupt controller");
	plic_init_cpu();
	if (uart16550_init() < 0)
		pr_warn("uart: none found; console stays on SBI\n");
	if (goldfish_rtc_init() < 0)
		pr_warn("rtc: none found; wall clock unknown\n");
	virtio_mmio_init();   /* disks (and later network cards) */
	time_init();
	clock_init_cpu();
	random_init();
	cpus[0].online_time = rdtime();
	smp_store_release(&cpus[0].online, true);
	local_irq_enable();

	smp_boot_secondaries();
	boot_time_online = rdtime();
	print_banner();
	start_init_thread();
	cpu_idle_loop();
}
