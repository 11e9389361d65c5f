/*
 * procfs: the global files at the root and under sys/ (formats are
 * Linux's; docs/procfs.md says which fields are real and which are 0).
 *
 * Every generator only reads counters (page allocator, slab, scheduler,
 * clock, PLIC) through their own interfaces; none takes a lock of procfs.
 */
#include <drivers/irq.h>
#include <fs/chrdev.h>
#include <generated/version.h>
#include <ipc/ipc.h>
#include <kernel/clock.h>
#include <kernel/machine.h>
#include <kernel/smp.h>
#include <kernel/time.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <net/af_unix.h>
#include <net/arp.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <net/tcp.h>
#include <net/udp.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/utsname.h>

#include "../internal.h"
#include "internal.h"

#define USER_HZ 100
#define NS_PER_USER_HZ (NSEC_PER_SEC / USER_HZ)
#define KB(pages) ((pages) * (PAGE_SIZE / 1024))

/* ---------------------------------------------------------------- memory */

static void meminfo_kb(struct seq_buf *s, const char *name, unsigned long kb)
{
	char label[24];

	snprintf(label, sizeof(label), "%s:", name);
	seq_printf(s, "%-16s%8lu kB\n", label, kb);
}

static int meminfo_show(struct seq_buf *s, struct proc_inode *pi)
{
	static const char *const zero[] = { "Active(anon)", "Inactive(anon)" };
	static const char *const zero2[] = { "Mlocked", "SwapTotal", "SwapFree", "Dirty",
					     "Writeback" };
	struct page_stats ps;
	struct vmalloc_stats vs;
	struct mm_stats ms;
	unsigned long free = mm_free_pages_settled(), file = pagecache_nr_pages();
	unsigned long slab = slab_pages_total();

	(void)pi;
	page_alloc_stats(&ps);
	vmalloc_stats(&vs);
	mm_stats_read(&ms);
	meminfo_kb(s, "MemTotal", KB(ps.total));
	meminfo_kb(s, "MemFree", KB(free));
	meminfo_kb(s, "MemAvailable", KB(free));
	meminfo_kb(s, "Buffers", 0);
	unsigned long active, inactive;

	lru_counts(&active, &inactive);
	meminfo_kb(s, "Cached", KB(file));
	meminfo_kb(s, "SwapCached", 0);
	meminfo_kb(s, "Active", KB(active));
	meminfo_kb(s, "Inactive", KB(inactive));
	for (size_t i = 0; i < ARRAY_SIZE(zero); i++)
		meminfo_kb(s, zero[i], 0);
	meminfo_kb(s, "Active(file)", KB(active));   /* the LRU holds file pages only */
	meminfo_kb(s, "Inactive(file)", KB(inactive));
	meminfo_kb(s, "Unevictable", KB(ramfs_data_pages()));
	for (size_t i = 0; i < ARRAY_SIZE(zero2); i++)
		meminfo_kb(s, zero2[i], 0);
	meminfo_kb(s, "AnonPages", 0);
	meminfo_kb(s, "Mapped", 0);
	meminfo_kb(s, "Shmem", 0);
	meminfo_kb(s, "KReclaimable", 0);
	meminfo_kb(s, "Slab", KB(slab));
	meminfo_kb(s, "SReclaimable", 0);
	meminfo_kb(s, "SUnreclaim", KB(slab));
	meminfo_kb(s, "KernelStack", nr_tasks() * (KSTACK_SIZE / 1024));
	meminfo_kb(s, "PageTables", KB(ms.pt_pages));
	meminfo_kb(s, "NFS_Unstable", 0);
	meminfo_kb(s, "Bounce", 0);
	meminfo_kb(s, "WritebackTmp", 0);
	meminfo_kb(s, "CommitLimit", KB(ps.total));
	meminfo_kb(s, "Committed_AS", 0);
	meminfo_kb(s, "VmallocTotal", VMALLOC_SIZE / 1024);
	meminfo_kb(s, "VmallocUsed", KB(vs.pages));
	meminfo_kb(s, "VmallocChunk", 0);
	meminfo_kb(s, "Percpu", 0);
	seq_printf(s, "%-16s%8lu\n%-16s%8lu\n%-16s%8lu\n%-16s%8lu\n", "HugePages_Total:", 0UL,
		   "HugePages_Free:", 0UL, "HugePages_Rsvd:", 0UL, "HugePages_Surp:", 0UL);
	meminfo_kb(s, "Hugepagesize", 2048);
	meminfo_kb(s, "Hugetlb", 0);
	return 0;
}

/* "name value" lines; Linux's names, Kestrel-only counters prefixed kestrel_. */
static int vmstat_show(struct seq_buf *s, struct proc_inode *pi)
{
	struct mm_stats ms;
	struct vmalloc_stats vs;

	(void)pi;
	mm_stats_read(&ms);
	vmalloc_stats(&vs);
	seq_printf(s, "nr_free_pages %lu\n", mm_free_pages_settled());
	seq_printf(s, "nr_file_pages %lu\n", pagecache_nr_pages());
	seq_printf(s, "nr_slab_unreclaimable %lu\n", slab_pages_total());
	seq_printf(s, "nr_page_table_pages %lu\n", ms.pt_pages);
	/* Kestrel's own: kernel page tables (vmalloc, stacks), never freed (arch/riscv/mmu.c). */
	seq_printf(s, "nr_kernel_page_table_pages %lu\n", READ_ONCE(kernel_pt_pages));
	seq_printf(s, "nr_kernel_stack %lu\n", (unsigned long)nr_tasks() * (KSTACK_SIZE / 1024));
	seq_printf(s, "pgfault %lu\n", ms.faults);
	seq_printf(s, "pgmajfault %lu\n", 0UL);
	seq_printf(s, "nr_tlb_remote_flush %lu\n",
		   __atomic_load_n(&tlb_stats.remote_flushes, __ATOMIC_RELAXED));
	seq_printf(s, "nr_tlb_local_flush_all %lu\n",
		   __atomic_load_n(&tlb_stats.local_flushes, __ATOMIC_RELAXED));
	seq_printf(s, "nr_tlb_local_flush_one %lu\n", 0UL);
	seq_printf(s, "kestrel_satp_writes %lu\n",
		   __atomic_load_n(&tlb_stats.satp_writes, __ATOMIC_RELAXED));
	seq_printf(s, "kestrel_tlb_shootdowns %lu\n", ms.tlb_shootdowns);
	seq_printf(s, "kestrel_vfree_tlb_flushes %lu\n", vs.tlb_flushes);
	seq_printf(s, "kestrel_faults_anon %lu\n", ms.faults_anon);
	seq_printf(s, "kestrel_faults_file %lu\n", ms.faults_file);
	seq_printf(s, "kestrel_cow_copies %lu\n", ms.cow_copies);
	seq_printf(s, "kestrel_cow_reuses %lu\n", ms.cow_reuses);
	seq_printf(s, "kestrel_stack_grows %lu\n", ms.stack_grows);
	return 0;
}

/* ---------------------------------------------------------------- cpus and time */

static int cpuinfo_show(struct seq_buf *s, struct proc_inode *pi)
{
	(void)pi;
	for (unsigned int i = 0; i < nr_cpus; i++) {
		int h = dt_hart_index(&machine_dt, cpus[i].hartid);
		const char *isa = h >= 0 ? machine_dt.harts[h].isa : "";

		if (!READ_ONCE(cpus[i].online))
			continue;
		seq_printf(s, "processor\t: %u\nhart\t\t: %u\nisa\t\t: %s\nmmu\t\t: sv39\n\n", i,
			   cpus[i].hartid, isa && *isa ? isa : "rv64imac");
	}
	return 0;
}

/*
 * Time cpu has been idle, ns: online for so long minus what it ran, both
 * up to the clock the busy time was charged to (st->clock_ns): a "now"
 * read before sched_cpu_stats would make idle step back between reads.
 */
static u64 cpu_idle_ns(unsigned int cpu, const struct sched_cpu_stats *st)
{
	u64 online = cycles_to_ns(cpus[cpu].online_time);
	u64 up = st->clock_ns > online ? st->clock_ns - online : 0;

	return up > st->busy_ns ? up - st->busy_ns : 0;
}

static void stat_cpu_line(struct seq_buf *s, const char *label, u64 busy, u64 idle)
{
	seq_printf(s, "%s %llu 0 %llu %llu 0 0 0 0 0 0\n", label, 0ULL,
		   (unsigned long long)(busy / NS_PER_USER_HZ),
		   (unsigned long long)(idle / NS_PER_USER_HZ));
}

static int stat_show(struct seq_buf *s, struct proc_inode *pi)
{
	u64 now = ktime_get_ns(), busy = 0, idle = 0, switches = 0, total_irq = 0;
	unsigned int running = 0;
	char label[16];

	(void)pi;
	for (unsigned int i = 0; i < nr_cpus; i++) {
		struct sched_cpu_stats st;

		if (!READ_ONCE(cpus[i].online))
			continue;
		sched_cpu_stats(i, &st);
		busy += st.busy_ns;
		idle += cpu_idle_ns(i, &st);
		switches += st.nr_switches;
		running += st.nr_running;
	}
	stat_cpu_line(s, "cpu ", busy, idle);
	for (unsigned int i = 0; i < nr_cpus; i++) {
		struct sched_cpu_stats st;

		if (!READ_ONCE(cpus[i].online))
			continue;
		sched_cpu_stats(i, &st);
		snprintf(label, sizeof(label), "cpu%u", i);
		stat_cpu_line(s, label, st.busy_ns, cpu_idle_ns(i, &st));
	}
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		const char *name = NULL;

		total_irq += irq_count(irq, &name);
	}
	seq_printf(s, "intr %llu", (unsigned long long)total_irq);
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		const char *name = NULL;

		seq_printf(s, " %llu", (unsigned long long)irq_count(irq, &name));
	}
	seq_printf(s, "\nctxt %llu\n", (unsigned long long)switches);
	seq_printf(s, "btime %llu\n",
		   (unsigned long long)((ktime_get_real_ns() - now) / NSEC_PER_SEC));
	seq_printf(s, "processes %u\nprocs_running %u\nprocs_blocked 0\n", 0u, running);
	seq_puts(s, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
	return 0;
}

static int uptime_show(struct seq_buf *s, struct proc_inode *pi)
{
	u64 now = ktime_get_ns(), idle = 0;

	(void)pi;
	for (unsigned int i = 0; i < nr_cpus; i++) {
		struct sched_cpu_stats st;

		if (!READ_ONCE(cpus[i].online))
			continue;
		sched_cpu_stats(i, &st);
		idle += cpu_idle_ns(i, &st);
	}
	seq_printf(s, "%llu.%02llu %llu.%02llu\n", (unsigned long long)(now / NSEC_PER_SEC),
		   (unsigned long long)(now % NSEC_PER_SEC / NS_PER_USER_HZ),
		   (unsigned long long)(idle / NSEC_PER_SEC),
		   (unsigned long long)(idle % NSEC_PER_SEC / NS_PER_USER_HZ));
	return 0;
}

static int loadavg_show(struct seq_buf *s, struct proc_inode *pi)
{
	unsigned long loads[3];
	unsigned int running = 0;

	(void)pi;
	loadavg_get(loads);
	for (unsigned int i = 0; i < nr_cpus; i++) {
		struct sched_cpu_stats st;

		if (READ_ONCE(cpus[i].online)) {
			sched_cpu_stats(i, &st);
			running += st.nr_running;
		}
	}
	for (int i = 0; i < 3; i++) {
		unsigned long x = loads[i] + FIXED_1 / 200;

		seq_printf(s, "%lu.%02lu ", x >> FSHIFT, ((x & (FIXED_1 - 1)) * 100) >> FSHIFT);
	}
	seq_printf(s, "%u/%u %d\n", running, nr_tasks(), proc_last_tgid());
	return 0;
}

/* One per-cpu row: "%3s: " then "%10llu " per cpu (Linux's show_interrupts widths). */
static void interrupts_row(struct seq_buf *s, const char *label, const u64 *counts)
{
	seq_printf(s, "%3s: ", label);
	for (unsigned int i = 0; i < nr_cpus; i++)
		seq_printf(s, "%10llu ", (unsigned long long)counts[i]);
}

/*
 * PLIC lines are routed to the hart that requested them (cpu 0, at boot),
 * so each line's total is cpu 0's column. LOC: timer ticks, IPI: IPIs.
 */
static int interrupts_show(struct seq_buf *s, struct proc_inode *pi)
{
	u64 counts[NR_CPUS];
	char label[8];

	(void)pi;
	seq_printf(s, "%11s", "");
	for (unsigned int i = 0; i < nr_cpus; i++)
		seq_printf(s, "CPU%-8u", i);
	seq_putc(s, '\n');
	for (unsigned int irq = 0; irq < NR_IRQS; irq++) {
		const char *name = NULL;

		memset(counts, 0, sizeof(counts));
		counts[0] = irq_count(irq, &name);
		if (!name)
			continue;
		snprintf(label, sizeof(label), "%u", irq);
		interrupts_row(s, label, counts);
		seq_printf(s, " SiFive PLIC %3u Edge      %s\n", irq, name);
	}
	for (unsigned int i = 0; i < nr_cpus; i++)
		counts[i] = READ_ONCE(cpus[i].ticks);
	interrupts_row(s, "LOC", counts);
	seq_puts(s, "  Local timer interrupts\n");
	for (unsigned int i = 0; i < nr_cpus; i++)
		counts[i] = READ_ONCE(cpus[i].ipis);
	interrupts_row(s, "IPI", counts);
	seq_puts(s, "  Interprocessor interrupts\n");
	return 0;
}

/* ---------------------------------------------------------------- system */

static int version_show(struct seq_buf *s, struct proc_inode *pi)
{
	struct new_utsname u;

	(void)pi;
	uts_read(&u);
	seq_printf(s, "%s version %s (kestrel@kestrel) (riscv64-unknown-elf-gcc %s) %s\n",
		   u.sysname, u.release, __VERSION__, u.version);
	return 0;
}

static int devices_show(struct seq_buf *s, struct proc_inode *pi)
{
	size_t room = s->size - s->len, n;

	(void)pi;
	n = chrdev_show(s->buf + s->len, room);
	if (n + 1 >= room)
		s->overflow = true;   /* perhaps cut: run again with more room */
	else
		s->len += n;
	return 0;
}

/* The VFS formats the table into a flat buffer (fs/mount.h): grow it until the text fits. */
static int mounts_entry_show(struct seq_buf *s, struct proc_inode *pi)
{
	size_t size = 4096;

	(void)pi;
	for (;;) {
		char *buf = kmalloc(size, GFP_KERNEL);
		int n;

		if (!buf)
			return -ENOMEM;
		n = mounts_show(buf, size);
		if (n >= 0 && (size_t)n < size)
			seq_write(s, buf, (size_t)n);
		kfree(buf);
		if (n < 0 || (size_t)n < size)
			return n < 0 ? n : 0;
		size = (size_t)n + 1;
	}
}

static int filesystems_entry_show(struct seq_buf *s, struct proc_inode *pi)
{
	(void)pi;
	return filesystems_show(s);
}

static int partitions_entry_show(struct seq_buf *s, struct proc_inode *pi)
{
	(void)pi;
	seq_puts(s, "major minor  #blocks  name\n\n");
	return partitions_show(s);
}

static int diskstats_entry_show(struct seq_buf *s, struct proc_inode *pi)
{
	(void)pi;
	return diskstats_show(s);
}

/* ---------------------------------------------------------------- sys/ */

/* One uname field (at offset off in struct new_utsname) and a newline. */
static int uts_field_show(struct seq_buf *s, size_t off)
{
	struct new_utsname u;

	uts_read(&u);
	seq_printf(s, "%s\n", (const char *)&u + off);
	return 0;
}

static int sys_hostname_show(struct seq_buf *s, struct proc_inode *pi)
{
	(void)pi;
	return uts_field_show(s, offsetof(struct new_utsname, nodename));
}

static int sys_ostype_show(struct seq_buf *s, struct proc_inode *pi)
{
	(void)pi;
	return uts_field_show(s, offsetof(struct new_utsname, sysname));
}

static int sys_osrelease_show(struct seq_buf *s, struct proc_inode *pi)
{
	(void)pi;
	return uts_field_show(s, offsetof(struct new_utsname, release));
}

static int sys_version_show(struct seq_buf *s, struct proc_inode *pi)
{
	(void)pi;
	return uts_field_show(s, offsetof(struct new_utsname, version));
}

static int sys_pid_max_show(struct seq_buf *s, struct proc_inode *pi)
{
	(void)pi;
	seq_printf(s, "%d\n", PID_MAX);
	return 0;
}

static int sys_pipe_max_show(struct seq_buf *s, struct proc_inode *pi)
{
	(void)pi;
	seq_printf(s, "%u\n", pipe_max_size());
	return 0;
}

/* "1", "2" or "3" (and a newline); root only (the mode is 0200). */
static ssize_t sys_drop_caches_write(struct proc_inode *pi, const char *buf, size_t n)
{
	int what = buf[0] - '0', err;

	(void)pi;
	if (n < 1 || what < 1 || what > 3 || (n > 1 && buf[1] != '\n') || n > 2)
		return -EINVAL;
	err = drop_caches_write(what);
	return err ? err : (ssize_t)n;
}

/* System V IPC's limits and tables (kernel/ipc/ipc_proc.c), by file name. */
static int sys_ipc_show(struct seq_buf *s, struct proc_inode *pi)
{
	return ipc_sysctl_show(s, pi->entry->name);
}

static ssize_t sys_ipc_write(struct proc_inode *pi, const char *buf, size_t n)
{
	return ipc_sysctl_write(pi->entry->name, buf, n);
}

static int sysvipc_show(struct seq_buf *s, struct proc_inode *pi)
{
	return ipc_sysvipc_show(s, pi->entry->name);
}

#define PROC_FILE(n, fn) { .name = n, .mode = S_IFREG | 0444, .show = fn }
#define PROC_DIR(n, tab) { .name = n, .mode = S_IFDIR | 0555, .children = tab }
#define PROC_IPC(n) { .name = n, .mode = S_IFREG | 0644, .show = sys_ipc_show, .write = sys_ipc_write }

static const struct proc_entry sys_kernel_children[] = {
	PROC_FILE("hostname", sys_hostname_show),
	PROC_IPC("msgmax"),
	PROC_IPC("msgmnb"),
	PROC_IPC("msgmni"),
	PROC_FILE("ostype", sys_ostype_show),
	PROC_FILE("osrelease", sys_osrelease_show),
	PROC_FILE("pid_max", sys_pid_max_show),
	PROC_IPC("sem"),
	PROC_IPC("shmall"),
	PROC_IPC("shmmax"),
	PROC_IPC("shmmni"),
	PROC_FILE("version", sys_version_show),
	{ 0 },
};

static const struct proc_entry sysvipc_children[] = {
	PROC_FILE("msg", sysvipc_show),
	PROC_FILE("sem", sysvipc_show),
	PROC_FILE("shm", sysvipc_show),
	{ 0 },
};

static const struct proc_entry sys_fs_children[] = {
	PROC_FILE("pipe-max-size", sys_pipe_max_show),
	{ 0 },
};

static const struct proc_entry sys_vm_children[] = {
	{ .name = "drop_caches", .mode = S_IFREG | 0200, .write = sys_drop_caches_write },
	{ 0 },
};

/* /proc/net: the network stack's tables (kernel/net/). */
static int net_dev_entry_show(struct seq_buf *s, struct proc_inode *pi) { (void)pi; return net_dev_show(s); }
static int net_arp_entry_show(struct seq_buf *s, struct proc_inode *pi) { (void)pi; return net_arp_show(s); }
static int net_route_entry_show(struct seq_buf *s, struct proc_inode *pi) { (void)pi; return net_route_show(s); }
static int net_snmp_entry_show(struct seq_buf *s, struct proc_inode *pi) { (void)pi; return net_snmp_show(s) ?: tcp_snmp_show(s); }
static int net_udp_entry_show(struct seq_buf *s, struct proc_inode *pi) { (void)pi; return net_udp_show(s); }
static int net_tcp_entry_show(struct seq_buf *s, struct proc_inode *pi) { (void)pi; return net_tcp_show(s); }
static int net_unix_entry_show(struct seq_buf *s, struct proc_inode *pi) { (void)pi; return net_unix_show(s); }
static int net_netstat_entry_show(struct seq_buf *s, struct proc_inode *pi) { (void)pi; return tcp_netstat_show(s); }
static int sys_syncookies_show(struct seq_buf *s, struct proc_inode *pi) { (void)pi; return tcp_syncookies_show(s); }
static ssize_t sys_syncookies_write(struct proc_inode *pi, const char *buf, size_t n)
{
	(void)pi;
	return tcp_syncookies_write(buf, n);
}

static const struct proc_entry net_children[] = {
	PROC_FILE("arp", net_arp_entry_show),
	PROC_FILE("dev", net_dev_entry_show),
	PROC_FILE("netstat", net_netstat_entry_show),
	PROC_FILE("route", net_route_entry_show),
	PROC_FILE("snmp", net_snmp_entry_show),
	PROC_FILE("tcp", net_tcp_entry_show),
	PROC_FILE("udp", net_udp_entry_show),
	PROC_FILE("unix", net_unix_entry_show),
	{ 0 },
};

static const struct proc_entry sys_net_ipv4_children[] = {
	{ .name = "tcp_syncookies", .mode = S_IFREG | 0644, .show = sys_syncookies_show,
	  .write = sys_syncookies_write },
	{ 0 },
};

static const struct proc_entry sys_net_children[] = {
	PROC_DIR("ipv4", sys_net_ipv4_children),
	{ 0 },
};

static const struct proc_entry sys_children[] = {
	PROC_DIR("fs", sys_fs_children),
	PROC_DIR("kernel", sys_kernel_children),
	PROC_DIR("net", sys_net_children),
	PROC_DIR("vm", sys_vm_children),
	{ 0 },
};

/*
 * /proc/slabinfo in Linux's version 2.1 layout (root only, as on Linux):
 * name, active and total objects, object size, objects per slab and
 * pages per slab (Kestrel's slabs are one page), then the tunables and
 * slab counts (active slabs = total: no partial-slab statistics).
 */
#define SLABINFO_MAX 256

static int slabinfo_show(struct seq_buf *s, struct proc_inode *pi)
{
	struct slab_info *info = kmalloc(sizeof(*info) * SLABINFO_MAX, GFP_KERNEL);
	int n;

	(void)pi;
	if (!info)
		return -ENOMEM;
	n = slab_info_all(info, SLABINFO_MAX);
	seq_puts(s, "slabinfo - version: 2.1\n# name            <active_objs> <num_objs> "
		    "<objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> "
		    "<sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
	for (int i = 0; i < n && i < SLABINFO_MAX; i++) {
		unsigned long per = info[i].pages ? info[i].total_objects / info[i].pages : 0;

		seq_printf(s, "%-17s %6lu %6lu %6lu %4lu %4d : tunables 0 0 0 : slabdata %6lu %6lu 0\n",
			   info[i].name, info[i].active_objects, info[i].total_objects,
			   (unsigned long)info[i].object_size, per, 1, info[i].pages, info[i].pages);
	}
	kfree(info);
	return 0;
}

const struct proc_entry proc_root_children[] = {
	PROC_FILE("cpuinfo", cpuinfo_show),
	PROC_FILE("devices", devices_show),
	PROC_FILE("diskstats", diskstats_entry_show),
	PROC_FILE("filesystems", filesystems_entry_show),
	PROC_FILE("interrupts", interrupts_show),
	PROC_FILE("loadavg", loadavg_show),
	PROC_FILE("meminfo", meminfo_show),
	PROC_FILE("mounts", mounts_entry_show),
	PROC_DIR("net", net_children),
	PROC_FILE("partitions", partitions_entry_show),
	{ .name = "self", .mode = S_IFLNK | 0777, .link = proc_self_link },
	{ .name = "slabinfo", .mode = S_IFREG | 0400, .show = slabinfo_show },
	PROC_FILE("stat", stat_show),
	PROC_DIR("sys", sys_children),
	PROC_DIR("sysvipc", sysvipc_children),
	{ .name = "thread-self", .mode = S_IFLNK | 0777, .link = proc_thread_self_link },
	PROC_FILE("uptime", uptime_show),
	PROC_FILE("version", version_show),
	PROC_FILE("vmstat", vmstat_show),
	{ 0 },
};
