/*
 * The kernel monitor: a line-oriented command prompt on the console,
 * run by the boot hart until there is an init process to run instead.
 * Output goes straight to the console (console_printf), not into the log.
 * Input comes from the UART receive interrupt (the console tty lets go of
 * it: tty_console_attach(false)); between bytes the hart
 * waits in wfi with interrupts on.
 */
#include <arch/csr.h>
#include <arch/irqflags.h>
#include <arch/sbi.h>
#include <drivers/irq.h>
#include <generated/version.h>
#include <kernel/clock.h>
#include <kernel/init.h>
#include <kernel/machine.h>
#include <kernel/panic.h>
#include <kernel/power.h>
#include <kernel/printk.h>
#include <kernel/smp.h>
#include <lib/string.h>
#include <arch/pgtable.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <tty/tty.h>

#define LINE_MAX 128

struct monitor_cmd {
	const char *name;
	const char *help;
	void (*run)(const char *args);
};

static void read_line(char *buf, size_t size)
{
	size_t n = 0;

	for (;;) {
		int c = console_getc();
		if (c < 0) {
			wfi();
			continue;
		}
		if (c == '\r' || c == '\n') {
			console_write("\n", 1);
			buf[n] = '\0';
			return;
		}
		if ((c == 0x7f || c == '\b') && n > 0) {
			n--;
			console_write("\b \b", 3);
		} else if (c == 0x03) {   /* ^C: drop the line */
			console_write("^C\n", 3);
			n = 0;
			buf[0] = '\0';
			return;
		} else if (c >= ' ' && c < 0x7f && n + 1 < size) {
			buf[n++] = (char)c;
			char ch = (char)c;
			console_write(&ch, 1);
		}
	}
}

static void cmd_help(const char *args);

static void cmd_echo(const char *args) { console_printf("%s\n", args); }

static void cmd_harts(const char *args)
{
	console_printf("%u harts online\n", num_online_cpus());
	for (unsigned int i = 0; i < nr_cpus; i++)
		console_printf("cpu%u: hart %u %s, online at %llu us, ticks %llu, irqs %llu, ipis %llu\n",
			       i, cpus[i].hartid, cpus[i].online ? "online" : "offline",
			       (unsigned long long)(cycles_to_ns(cpus[i].online_time - boot_time_start) / 1000),
			       (unsigned long long)cpus[i].ticks, (unsigned long long)cpus[i].irqs,
			       (unsigned long long)cpus[i].ipis);
}

static void cmd_mem(const char *args)
{
	extern char _start_kernel[], _end[];
	struct page_stats ps;
	struct vmalloc_stats vs;
	struct slab_info si[32];

	page_alloc_stats(&ps);
	vmalloc_stats(&vs);
	console_printf("memory: %llu MiB total, kernel image %lu KiB\n",
		       (unsigned long long)(memory_total >> 20),
		       (unsigned long)(_end - _start_kernel) >> 10);
	console_printf("pages: %lu managed, %lu free (%lu on per-CPU lists)\n",
		       ps.total, ps.free, ps.pcp);
	console_printf("free blocks by order:");
	for (int o = 0; o <= MAX_ORDER; o++)
		console_printf(" %lu", ps.free_by_order[o]);
	console_printf("\nvmalloc: %lu areas, %lu pages; kernel page tables %lu pages\n",
		       vs.areas, vs.pages, kernel_pt_pages);
	console_printf("tlb: %lu local flushes, %lu remote, %lu satp writes\n",
		       tlb_stats.local_flushes, tlb_stats.remote_flushes, tlb_stats.satp_writes);
	int n = slab_info_all(si, ARRAY_SIZE(si));
	console_printf("slab: %lu pages in %d caches\n", slab_pages_total(), n);
	for (int i = 0; i < n && i < (int)ARRAY_SIZE(si); i++)
		if (si[i].total_objects)
			console_printf("  %-16s %6zu B  %6lu / %6lu objects  %4lu pages\n", si[i].name,
				       si[i].object_size, si[i].active_objects, si[i].total_objects,
				       si[i].pages);
}

static void cmd_devices(const char *args)
{
	for (int i = 0; i < machine_dt.ndev; i++) {
		const struct dt_device *d = &machine_dt.dev[i];
		console_printf("%-24s %-22s reg %#llx irq %d\n", d->name, d->compatible,
			       d->nreg ? (unsigned long long)d->reg[0].base : 0ULL,
			       d->nirq ? (int)d->irq[0] : -1);
	}
	for (unsigned int irq = 1; irq < NR_IRQS; irq++) {
		const char *name = NULL;
		u64 count = irq_count(irq, &name);
		if (name)
			console_printf("irq %u (%s): %llu interrupts\n", irq, name, (unsigned long long)count);
	}
}

static void cmd_dmesg(const char *args)
{
	static char buf[LOG_BUF_SIZE];
	size_t n = log_read_all(buf, sizeof(buf));
	console_write(buf, n);
}

static void cmd_uptime(const char *args)
{
	u64 ns = ktime_get_ns();
	console_printf("up %llu.%03llu s, jiffies %llu\n", (unsigned long long)(ns / NSEC_PER_SEC),
		       (unsigned long long)(ns % NSEC_PER_SEC / 1000000), (unsigned long long)jiffies);
}

static void cmd_date(const char *args)
{
	u64 ns = ktime_get_real_ns();
	struct tm_utc tm;

	if (!clock_realtime_known()) {
		console_printf("no real-time clock\n");
		return;
	}
	time_to_utc((s64)(ns / NSEC_PER_SEC), &tm);
	console_printf("%04d-%02d-%02d %02d:%02d:%02d UTC\n", tm.year, tm.month, tm.day,
		       tm.hour, tm.min, tm.sec);
}

static void cmd_ticks(const char *args)
{
	for (unsigned int i = 0; i < nr_cpus; i++)
		console_printf("cpu%u: %llu\n", i, (unsigned long long)cpus[i].ticks);
}

static void cmd_ipi(const char *args)
{
	bool ok = true;

	for (unsigned int i = 0; i < nr_cpus; i++) {
		u64 rtt;
		if (i == smp_processor_id() && nr_cpus > 1)
			continue;
		int err = smp_ping(i, &rtt);
		if (err) {
			console_printf("cpu%u: no answer (%d)\n", i, err);
			ok = false;
			continue;
		}
		console_printf("cpu%u: %llu us\n", i, (unsigned long long)(cycles_to_ns(rtt) / 1000));
	}
	if (ok)
		console_printf("ipi round trip ok\n");
}

static void cmd_cmdline(const char *args)
{
	console_printf("%s\n", machine_dt.bootargs);
}

static void cmd_sbi(const char *args)
{
	console_printf("SBI spec %#lx, implementation %ld version %#lx\n",
		       sbi_spec_version(), sbi_impl_id(), sbi_impl_version());
}

static void cmd_panic(const char *args) { panic("requested from the monitor"); }
static void cmd_poweroff(const char *args) { machine_power_off(EXIT_OK); }
static void cmd_reboot(const char *args) { machine_reboot(); }

static const struct monitor_cmd commands[] = {
	{ "help", "list commands", cmd_help },
	{ "echo", "print the arguments", cmd_echo },
	{ "harts", "list harts and their counters", cmd_harts },
	{ "mem", "page allocator, slab, vmalloc and TLB statistics", cmd_mem },
	{ "devices", "device-tree devices and interrupt counts", cmd_devices },
	{ "dmesg", "print the kernel log", cmd_dmesg },
	{ "uptime", "time since boot", cmd_uptime },
	{ "date", "wall-clock time (UTC) from the RTC", cmd_date },
	{ "ticks", "timer interrupts per hart", cmd_ticks },
	{ "ipi", "IPI round trip to every other hart", cmd_ipi },
	{ "cmdline", "the kernel command line", cmd_cmdline },
	{ "sbi", "SBI firmware version", cmd_sbi },
	{ "panic", "panic the kernel (a test)", cmd_panic },
	{ "poweroff", "power the machine off", cmd_poweroff },
	{ "reboot", "reboot the machine", cmd_reboot },
};

static void cmd_help(const char *args)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		console_printf("  %-10s %s\n", commands[i].name, commands[i].help);
}

static void run_line(char *line)
{
	while (*line == ' ')
		line++;
	if (!*line)
		return;
	char *args = strchr(line, ' ');
	if (args) {
		*args++ = '\0';
		while (*args == ' ')
			args++;
	} else {
		args = line + strlen(line);
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (strcmp(commands[i].name, line) == 0) {
			commands[i].run(args);
			return;
		}
	}
	console_printf("unknown command: %s (try help)\n", line);
}

void monitor_run(void)
{
	char line[LINE_MAX];

	local_irq_enable();
	tty_console_attach(false);   /* UART input is ours, not the console tty's (a failed init opened it) */
	console_printf("Kestrel kernel monitor; 'help' lists commands\n");
	for (;;) {
		console_printf("kmon> ");
		read_line(line, sizeof(line));
		run_line(line);
	}
}
