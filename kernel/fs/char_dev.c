/*
 * Character-device registry (interface in <fs/chrdev.h>).
 *
 * A fixed table of regions (major, minors [base, base + count), name,
 * fops). Registration happens a handful of times at boot, lookup once per
 * open of a device node: a linear scan of at most CHRDEV_MAX_REGIONS
 * entries under a spinlock is all this needs.
 *
 * Locks: "chrdev_lock" guards regions[]; innermost (docs/locking.md),
 * never held across a driver call.
 */
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <kernel/printk.h>
#include <lib/printf.h>
#include <locking/spinlock.h>
#include <uapi/errno.h>

struct chrdev_region {
	u32 major, minor_base, count;       /* count 0: a free slot */
	const char *name;
	const struct file_operations *fops;
};

static struct spinlock chrdev_lock = SPINLOCK_INIT("chrdev_lock");
static struct chrdev_region regions[CHRDEV_MAX_REGIONS];   /* [chrdev_lock] */

static bool region_overlaps(const struct chrdev_region *r, u32 major, u32 base, u32 count)
{
	return r->count && r->major == major && base < r->minor_base + r->count &&
	       r->minor_base < base + count;
}

int register_chrdev_region(u32 major, u32 minor_base, u32 count, const char *name,
			   const struct file_operations *fops)
{
	struct chrdev_region *free_slot = NULL;
	int err = 0;

	if (!major || major > CHRDEV_MAJOR_MAX || !count || !fops || !name ||
	    minor_base > CHRDEV_MINOR_MAX || count > CHRDEV_MINOR_MAX + 1 - minor_base)
		return -EINVAL;
	spin_lock(&chrdev_lock);
	for (int i = 0; i < CHRDEV_MAX_REGIONS; i++) {
		if (region_overlaps(&regions[i], major, minor_base, count)) {
			err = -EBUSY;
			goto out;
		}
		if (!regions[i].count && !free_slot)
			free_slot = &regions[i];
	}
	if (!free_slot) {
		err = -ENOSPC;
		goto out;
	}
	*free_slot = (struct chrdev_region){ .major = major, .minor_base = minor_base,
					     .count = count, .name = name, .fops = fops };
out:
	spin_unlock(&chrdev_lock);
	return err;
}

int unregister_chrdev_region(u32 major, u32 minor_base, u32 count)
{
	int err = -ENOENT;

	spin_lock(&chrdev_lock);
	for (int i = 0; i < CHRDEV_MAX_REGIONS; i++) {
		struct chrdev_region *r = &regions[i];

		if (r->count && r->major == major && r->minor_base == minor_base &&
		    r->count == count) {
			r->count = 0;
			err = 0;
			break;
		}
	}
	spin_unlock(&chrdev_lock);
	return err;
}

const struct file_operations *chrdev_lookup(u32 dev)
{
	const struct file_operations *fops = NULL;
	u32 major = MAJOR(dev), minor = MINOR(dev);

	spin_lock(&chrdev_lock);
	for (int i = 0; i < CHRDEV_MAX_REGIONS; i++) {
		const struct chrdev_region *r = &regions[i];

		if (r->count && r->major == major && minor >= r->minor_base &&
		    minor - r->minor_base < r->count) {
			fops = r->fops;
			break;
		}
	}
	spin_unlock(&chrdev_lock);
	return fops;
}

int chrdev_open(struct inode *inode, struct file *file)
{
	const struct file_operations *fops = chrdev_lookup(inode->i_rdev);

	if (!fops)
		return -ENXIO;
	file->f_op = fops;
	return fops->open ? fops->open(inode, file) : 0;
}

/* Sort key of a region: /proc/devices lists them by major, then first minor. */
static u64 region_key(const struct chrdev_region *r)
{
	return ((u64)r->major << 32) | r->minor_base;
}

/* The registered region with the smallest key above after (chrdev_lock held), or NULL. */
static const struct chrdev_region *next_region(u64 after)
{
	const struct chrdev_region *best = NULL;

	for (int i = 0; i < CHRDEV_MAX_REGIONS; i++) {
		const struct chrdev_region *r = &regions[i];

		if (r->count && region_key(r) > after &&
		    (!best || region_key(r) < region_key(best)))
			best = r;
	}
	return best;
}

__attribute__((weak)) size_t blkdev_show(char *buf, size_t size)
{
	(void)buf;
	(void)size;
	return 0;
}

size_t chrdev_show(char *buf, size_t size)
{
	size_t n = (size_t)scnprintf(buf, size, "Character devices:\n");
	const struct chrdev_region *r;
	u64 key = 0;

	spin_lock(&chrdev_lock);
	while ((r = next_region(key)) != NULL) {
		n += (size_t)scnprintf(buf + n, size - n, "%3u %s\n", r->major, r->name);
		key = region_key(r);
	}
	spin_unlock(&chrdev_lock);
	n += (size_t)scnprintf(buf + n, size - n, "\nBlock devices:\n");
	if (n + 1 < size)
		n += blkdev_show(buf + n, size - n);
	return n;
}

void chrdev_init(void)
{
	int err = console_chrdev_register();

	if (!err)
		err = mem_chrdev_register();
	if (err)
		pr_err("chrdev: registering the built-in devices failed: %d\n", err);
}
