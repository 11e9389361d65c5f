/*
 * System information calls (list: kernel/sched/syscalls-time.list):
 * uname, sethostname, setdomainname, sysinfo, prctl(PR_SET_NAME,
 * PR_GET_NAME), getcpu.
 *
 * uname reports sysname "Linux", release "6.1.0-kestrel": Kestrel speaks
 * the Linux 6.1 system-call ABI, and programs that parse the release to
 * decide which kernel features to use (glibc's older versions, busybox,
 * Python's platform module) must see a Linux they know; version and the
 * "-kestrel" suffix say what it really is (docs/time.md, "uname").
 *
 * The host and domain names live in uts under uts_lock, a reader-writer
 * spinlock: every uname reads them, sethostname writes them rarely.
 * Readers copy them out under the lock and to user space after it.
 *
 * Locks: "uts_lock" (rwlock, nothing taken under it).
 */
#include <generated/version.h>
#include <fs/procfs.h>
#include <kernel/clock.h>
#include <kernel/smp.h>
#include <kernel/syscall.h>
#include <kernel/time.h>
#include <lib/string.h>
#include <locking/rwlock.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <uapi/errno.h>
#include <uapi/sysinfo.h>
#include <uapi/utsname.h>


static struct rwlock uts_lock = RWLOCK_INIT("uts_lock");
static struct new_utsname uts = {           /* [uts_lock] */
	.sysname = "Linux",
	.nodename = "(none)",
	.release = "6.1.0-kestrel",
	.version = "#1 SMP Kestrel " KESTREL_VERSION,
	.machine = "riscv64",
	.domainname = "(none)",
};

/* A copy of the uts names (procfs: /proc/version, /proc/sys/kernel/). Any task context. */
void uts_read(struct new_utsname *out)
{
	read_lock(&uts_lock);
	*out = uts;
	read_unlock(&uts_lock);
}

/* uname(struct new_utsname *buf) */
long sys_uname(const struct syscall_args *args)
{
	struct new_utsname copy;

	read_lock(&uts_lock);
	copy = uts;
	read_unlock(&uts_lock);
	return copy_to_user((void __user *)args->a[0], &copy, sizeof(copy)) ? -EFAULT : 0;
}

/* Set a uts name field to the len bytes at user address name (Linux's order of checks). */
static long uts_set(char *field, unsigned long name, long len)
{
	char buf[__NEW_UTS_LEN + 1];

	if (!capable_root())
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(buf, (const void __user *)name, (size_t)len))
		return -EFAULT;
	memset(buf + len, 0, sizeof(buf) - (size_t)len);
	write_lock(&uts_lock);
	memcpy(field, buf, sizeof(buf));
	write_unlock(&uts_lock);
	return 0;
}

/* sethostname(const char *name, int len) */
long sys_sethostname(const struct syscall_args *args)
{
	return uts_set(uts.nodename, args->a[0], (int)args->a[1]);
}

/* setdomainname(const char *name, int len) */
long sys_setdomainname(const struct syscall_args *args)
{
	return uts_set(uts.domainname, args->a[0], (int)args->a[1]);
}

/*
 * sysinfo(struct sysinfo *info). Memory in bytes with mem_unit 1, as
 * Linux reports it whenever the byte counts fit an unsigned long (always,
 * on a 64-bit machine).
 */
long sys_sysinfo(const struct syscall_args *args)
{
	struct __kernel_sysinfo si;
	struct page_stats ps;
	unsigned long loads[3];
	u64 up = ktime_get_ns();

	memset(&si, 0, sizeof(si));
	si.uptime = (long)(up / NSEC_PER_SEC + (up % NSEC_PER_SEC ? 1 : 0));
	loadavg_get(loads);
	for (int i = 0; i < 3; i++)
		si.loads[i] = loads[i] << (SI_LOAD_SHIFT - FSHIFT);
	page_alloc_stats(&ps);
	si.totalram = ps.total * PAGE_SIZE;
	/* Exact: the per-CPU caches give their free pages back first. */
	si.freeram = mm_free_pages_settled() * PAGE_SIZE;
	unsigned int tasks = nr_tasks();
	si.procs = (unsigned short)(tasks > 0xffff ? 0xffff : tasks);
	si.mem_unit = 1;
	return copy_to_user((void __user *)args->a[0], &si, sizeof(si)) ? -EFAULT : 0;
}

/*
 * prctl(option, arg2, ...): PR_SET_NAME sets the calling thread's name
 * from a string (at most 15 bytes are taken, the rest ignored, as Linux);
 * PR_GET_NAME copies the 16-byte name out. Other options: -EINVAL.
 */
long sys_prctl(const struct syscall_args *args)
{
	char name[TASK_COMM_LEN];

	switch ((int)args->a[0]) {
	case PR_SET_NAME:
		memset(name, 0, sizeof(name));
		if (strncpy_from_user(name, (const char __user *)args->a[1], sizeof(name) - 1) < 0)
			return -EFAULT;
		/* Byte by byte, the last NUL untouched: a racy reader sees a terminated string. */
		for (size_t i = 0; i < sizeof(name) - 1; i++)
			WRITE_ONCE(current->name[i], name[i]);
		return 0;
	case PR_GET_NAME:
		memcpy(name, current->name, sizeof(name));
		name[sizeof(name) - 1] = '\0';
		return copy_to_user((void __user *)args->a[1], name, sizeof(name)) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

/* getcpu(unsigned *cpu, unsigned *node, void *unused): node is always 0. */
long sys_getcpu(const struct syscall_args *args)
{
	unsigned int cpu = smp_processor_id(), node = 0;
	int err = 0;

	if (args->a[0])
		err |= put_user(cpu, (unsigned int __user *)args->a[0]);
	if (args->a[1])
		err |= put_user(node, (unsigned int __user *)args->a[1]);
	return err ? -EFAULT : 0;
}
