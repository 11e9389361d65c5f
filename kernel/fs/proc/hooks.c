/*
 * Weak defaults of the hooks procfs calls into other subsystems
 * (<fs/procfs.h>). Each describes the system as it is without that
 * subsystem; the subsystem's strong definition replaces it at link time.
 */
#include <fs/procfs.h>
#include <uapi/errno.h>

/* The VFS without a mount table: the ramfs root is all there is. */
__attribute__((weak)) int mounts_show(struct seq_buf *s)
{
	seq_puts(s, "rootfs / rootfs rw 0 0\n");
	return 0;
}

/* The file-system types that exist without the VFS helper's registry. */
__attribute__((weak)) int filesystems_show(struct seq_buf *s)
{
	seq_puts(s, "nodev\trootfs\nnodev\tramfs\nnodev\tproc\n");
	return 0;
}

/* No block devices: no rows (procfs prints the header). */
__attribute__((weak)) int partitions_show(struct seq_buf *s)
{
	(void)s;
	return 0;
}

__attribute__((weak)) int diskstats_show(struct seq_buf *s)
{
	(void)s;
	return 0;
}

/* No page cache to drop yet: accepted, nothing to do (ramfs pages are not a cache). */
__attribute__((weak)) int drop_caches_write(int what)
{
	(void)what;
	return 0;
}

/* Linux's default fs.pipe-max-size (1 MiB). */
__attribute__((weak)) unsigned int pipe_max_size(void)
{
	return 1048576;
}
