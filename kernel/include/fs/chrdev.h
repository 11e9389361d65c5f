/*
 * Character devices (kernel/fs/char_dev.c): the registry that maps a
 * device number to a driver's file operations.
 *
 * A driver claims a range of minors of one major with
 * register_chrdev_region(); a device node (S_IFCHR, init_special_inode)
 * opened later finds its driver through chrdev_open(), which installs the
 * driver's file_operations in the file and calls its ->open. The list of
 * majors with their names is /proc/devices (chrdev_show).
 *
 * Regions are registered at boot (chrdev_init) and may be unregistered;
 * a driver's fops must stay valid for as long as any file opened through
 * them exists (built-in drivers: forever).
 *
 * Locks: "chrdev_lock" (spinlock, innermost: nothing is taken under it)
 * guards the table; it is never held across a driver call.
 */
#ifndef FS_CHRDEV_H
#define FS_CHRDEV_H

#include <fs/fs.h>
#include <kernel/types.h>

/*
 * Device numbers as user space sees them (mknod's dev, stat's st_rdev and
 * st_dev: Linux's new_encode_dev, what glibc's makedev() builds): minor
 * bits 0-7 in bits 0-7, major in bits 8-19, minor bits 8-19 in bits
 * 20-31. Inside the kernel a device number is MKDEV(major, minor).
 */
static inline u32 dev_to_user(u32 dev)
{
	u32 major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

static inline u32 dev_from_user(u64 udev)
{
	u32 major = (u32)((udev & 0xfff00) >> 8);
	u32 minor = (u32)((udev & 0xff) | ((udev >> 12) & 0xfff00));

	return MKDEV(major, minor);
}

struct file;
struct file_operations;
struct inode;

#define CHRDEV_MAJOR_MAX 4095    /* majors are 12 bits in Kestrel's dev_t (fs/fs.h MKDEV) */
#define CHRDEV_MINOR_MAX 0xfffff /* minors are 20 bits */
#define CHRDEV_MAX_REGIONS 64

/*
 * Claim minors [minor_base, minor_base + count) of major for fops; name
 * (a static string) is what /proc/devices shows. 0, -EINVAL (major 0 or
 * beyond CHRDEV_MAJOR_MAX, count 0, minors out of range), -EBUSY (the
 * range overlaps a registered one), -ENOSPC (table full). May be called
 * from any task context; does not sleep.
 */
int register_chrdev_region(u32 major, u32 minor_base, u32 count, const char *name,
			   const struct file_operations *fops);
/* Give back a range registered with exactly these arguments; 0 or -ENOENT. */
int unregister_chrdev_region(u32 major, u32 minor_base, u32 count);

/* The fops registered for device number dev (MKDEV), or NULL. Does not sleep. */
const struct file_operations *chrdev_lookup(u32 dev);

/*
 * ->open of character-device nodes: look up inode->i_rdev, install the
 * driver's fops in file and call their ->open. 0, -ENXIO (no driver),
 * or the driver's -errno. May sleep (in the driver).
 */
int chrdev_open(struct inode *inode, struct file *file);

/*
 * /proc/devices: "Character devices:" then one "%3u %s" line per region
 * (by major, then minor: Linux lists 5 /dev/tty and 5 /dev/console), a
 * blank line, "Block devices:" and the block layer's lines (blkdev_show,
 * weak: none). Returns the bytes written (as scnprintf: < size, with a
 * NUL after them when size > 0). Does not sleep.
 */
size_t chrdev_show(char *buf, size_t size);
/*
 * The block layer's half of /proc/devices ("%3u %s\n" lines), bytes
 * written as scnprintf. The weak default writes none; the block layer
 * overrides it.
 */
size_t blkdev_show(char *buf, size_t size);

/*
 * A device inode outside every directory (the internal kdevfs), for a
 * file the kernel opens on a device it names itself (TIOCGPTPEER). mode
 * is S_IFCHR|perms, rdev MKDEV(). One reference (iput frees it), or NULL.
 */
struct inode *kdevfs_inode_new(unsigned int mode, u32 rdev);

/* Boot (fs_init): register the built-in drivers (console, tty, mem). */
void chrdev_init(void);

/* Built-in drivers' registration, called by chrdev_init(). 0 or -errno. */
int console_chrdev_register(void);   /* kernel/fs/console.c: the console tty; 5:0 tty, 5:1 console, 4:64 ttyS0 */
int mem_chrdev_register(void);       /* kernel/drivers/char/mem.c: major 1 */

#endif /* FS_CHRDEV_H */
