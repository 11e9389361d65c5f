/*
 * Weak defaults of the hooks procfs calls into the VFS (<fs/procfs.h>):
 * the mount table and the file-system types, until the VFS's mount code
 * provides them. The block layer (blk_proc.c), the page cache (lru.c)
 * and pipes (pipe.c) define their hooks themselves.
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
