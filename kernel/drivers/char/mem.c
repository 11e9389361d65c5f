/*
 * The memory character devices, major 1 (Linux's numbers and behaviour):
 *
 *   1:3  null     read: 0 (end of file); write: all of it, discarded
 *   1:5  zero     read: zeros; write: all of it, discarded; mmap:
 *                 anonymous memory (private, or shmem when shared)
 *   1:7  full     read: zeros; write: -ENOSPC
 *   1:8  random   read: the kernel CSPRNG (never blocks: it is seeded at
 *   1:9  urandom  boot, as Linux 5.18+ behaves); write: mixed into the
 *                 input pool, all of it accepted
 *   1:11 kmsg     read: the printk ring as it was at open, oldest first
 *                 (plain text, see docs/devices.md); write: printk'd
 *
 * lseek on null, zero and full succeeds and returns 0 (the position stays
 * 0); on random/urandom it returns the position unchanged (noop_llseek);
 * on kmsg SEEK_SET 0 rewinds. pread/pwrite work on all of them.
 *
 * Interface: mem_chrdev_register() (fs/chrdev.h), from chrdev_init():
 * one region, 1:0-255, whose open picks the device by minor.
 * No locks of its own (kmsg's snapshot is private to its file).
 */
#include <fs/chrdev.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <lib/string.h>
#include <mm/mm.h>
#include <mm/page_alloc.h>
#include <mm/vmalloc.h>
#include <proc/process.h>
#include <sched/task.h>
#include <uapi/errno.h>

#define MEM_CHUNK 256

/* Every mem device is seekable (lseek, pread, pwrite) though it has no size. */
static int mem_open(struct inode *inode, struct file *file)
{
	(void)inode;
	file->f_mode |= FMODE_LSEEK;
	return 0;
}

/* Linux's null_lseek: the position is always 0. */
static loff_t zero_pos_llseek(struct file *file, loff_t offset, int whence)
{
	(void)offset;
	(void)whence;
	file->f_pos = 0;
	return 0;
}

/* Linux's noop_llseek: nothing moves, the current position is returned. */
static loff_t noop_llseek(struct file *file, loff_t offset, int whence)
{
	(void)offset;
	(void)whence;
	return file->f_pos;
}

static ssize_t null_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	(void)file;
	(void)to;
	(void)pos;
	return 0;
}

/* Accept and discard everything. Linux does not even read the user buffer. */
static ssize_t null_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	size_t n = from->count;

	(void)file;
	(void)pos;
	from->count = 0;
	return (ssize_t)n;
}

static ssize_t zero_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	size_t want = to->count, done = iov_iter_zero(want, to);

	(void)file;
	(void)pos;
	return done ? (ssize_t)done : -EFAULT;
}

static ssize_t full_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	(void)file;
	(void)from;
	(void)pos;
	return -ENOSPC;
}

/*
 * mmap of /dev/zero: anonymous memory, as on Linux. An empty mf->file asks
 * mmap for exactly that (fs/file.h): private -> ordinary anonymous pages,
 * shared -> a shmem object that every sharer and fork sees.
 */
static int zero_mmap(struct file *file, struct mmap_file *mf)
{
	(void)file;
	mf->file = NULL;
	mf->ops = NULL;
	mf->vm_deny = 0;
	return 0;
}

/* ---------------------------------------------------------------- random */

static ssize_t random_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	u8 buf[MEM_CHUNK];
	size_t done = 0;

	(void)file;
	(void)pos;
	while (to->count) {
		size_t want = MIN(to->count, sizeof(buf)), n;

		get_random_bytes(buf, want);
		n = copy_to_iter(buf, want, to);
		done += n;
		if (n < want)
			break;
		if (done >= (1u << 20) && signal_pending(current))
			break;
	}
	memset(buf, 0, sizeof(buf));
	return done ? (ssize_t)done : -EFAULT;
}

static ssize_t random_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	u8 buf[MEM_CHUNK];
	size_t done = 0;

	(void)file;
	(void)pos;
	while (from->count) {
		size_t want = MIN(from->count, sizeof(buf));
		size_t n = copy_from_iter(buf, want, from);

		add_device_randomness(buf, n);
		done += n;
		if (n < want)
			break;
	}
	return done ? (ssize_t)done : -EFAULT;
}

/* ---------------------------------------------------------------- kmsg */

struct kmsg_snapshot {
	size_t len;
	char text[];
};

static int kmsg_open(struct inode *inode, struct file *file)
{
	struct kmsg_snapshot *s = vmalloc(sizeof(*s) + LOG_BUF_SIZE);

	(void)inode;
	if (!s)
		return -ENOMEM;
	s->len = (file->f_mode & FMODE_READ) ? log_read_all(s->text, LOG_BUF_SIZE) : 0;
	file->private_data = s;
	file->f_mode |= FMODE_LSEEK;
	return 0;
}

static void kmsg_release(struct inode *inode, struct file *file)
{
	(void)inode;
	vfree(file->private_data);
}

static ssize_t kmsg_read(struct file *file, struct iov_iter *to, loff_t *pos)
{
	struct kmsg_snapshot *s = file->private_data;
	size_t want, n;

	if (*pos < 0 || (size_t)*pos >= s->len)
		return 0;
	want = MIN(to->count, s->len - (size_t)*pos);
	n = copy_to_iter(s->text + *pos, want, to);
	if (!n)
		return -EFAULT;
	*pos += (loff_t)n;
	return (ssize_t)n;
}

/* A write is one message (at most MEM_CHUNK - 1 bytes of it), at the default level. */
static ssize_t kmsg_write(struct file *file, struct iov_iter *from, loff_t *pos)
{
	char buf[MEM_CHUNK];
	size_t total = from->count, n = copy_from_iter(buf, MIN(total, sizeof(buf) - 1), from);

	(void)file;
	(void)pos;
	if (!n)
		return -EFAULT;
	buf[n] = 0;
	printk("%s%s", buf, buf[n - 1] == '\n' ? "" : "\n");
	from->count = 0;
	return (ssize_t)total;
}

/* SEEK_SET 0 rewinds to the oldest text; SEEK_END goes past all of it; else -EINVAL. */
static loff_t kmsg_llseek(struct file *file, loff_t offset, int whence)
{
	struct kmsg_snapshot *s = file->private_data;

	if (offset != 0)
		return -EINVAL;
	if (whence == SEEK_SET)
		file->f_pos = 0;
	else if (whence == SEEK_END)
		file->f_pos = (loff_t)s->len;
	else
		return -EINVAL;
	return 0;
}

/* ---------------------------------------------------------------- the table */

static const struct file_operations null_fops = {
	.open = mem_open, .read = null_read, .write = null_write, .llseek = zero_pos_llseek,
};
static const struct file_operations zero_fops = {
	.open = mem_open, .read = zero_read, .write = null_write, .llseek = zero_pos_llseek,
	.mmap = zero_mmap,
};
static const struct file_operations full_fops = {
	.open = mem_open, .read = zero_read, .write = full_write, .llseek = zero_pos_llseek,
};
static const struct file_operations random_fops = {
	.open = mem_open, .read = random_read, .write = random_write, .llseek = noop_llseek,
};
static const struct file_operations kmsg_fops = {
	.open = kmsg_open, .release = kmsg_release, .read = kmsg_read, .write = kmsg_write,
	.llseek = kmsg_llseek,
};

static const struct file_operations *const mem_devices[] = {
	[3] = &null_fops, [5] = &zero_fops, [7] = &full_fops,
	[8] = &random_fops, [9] = &random_fops, [11] = &kmsg_fops,
};

/* Open of any 1:x node: the device by minor (Linux's memory_open); -ENXIO if none. */
static int memory_open(struct inode *inode, struct file *file)
{
	u32 minor = MINOR(inode->i_rdev);
	const struct file_operations *fops;

	if (minor >= ARRAY_SIZE(mem_devices) || !mem_devices[minor])
		return -ENXIO;
	fops = mem_devices[minor];
	file->f_op = fops;
	return fops->open(inode, file);
}

static const struct file_operations memory_fops = {
	.open = memory_open,
};

/* Major 1, every minor, one region "mem" (/proc/devices shows "  1 mem"). */
int mem_chrdev_register(void)
{
	return register_chrdev_region(1, 0, 256, "mem", &memory_fops);
}
