/*
 * sendfile(2), the generic way: read a chunk of in_fd into a kernel
 * buffer (kernel_read), write it to out_fd (kernel_write), repeat. No
 * zero-copy; any readable file may be the source and any writable file
 * the destination (Linux refuses some sources it cannot splice from,
 * e.g. -EINVAL for a directory; here a directory gives -EISDIR from the
 * read, see docs/pipes.md).
 *
 * Positions: with an offset pointer, in_fd is read from *offset (it must
 * be seekable: -ESPIPE otherwise), its file position is untouched and
 * *offset is updated; without, in_fd's position is used and advanced.
 * out_fd is written at its own position. Bytes read but not written (a
 * short or failed write) are given back to a seekable source by moving
 * its position back.
 *
 * Locks: each file's f_pos_lock, one at a time (never both: they are one
 * lock class), around each chunk's read or write at a file position.
 */
#include <fs/file.h>
#include <fs/fs.h>
#include <kernel/compiler.h>
#include <kernel/syscall.h>
#include <mm/slab.h>
#include <mm/uaccess.h>
#include <proc/process.h>
#include <sched/task.h>
#include <uapi/errno.h>

#define SENDFILE_CHUNK 16384
#define MAX_RW_COUNT 0x7ffff000UL   /* as read(2): one call moves at most this */

struct sendfile_state {
	struct file *in, *out;
	loff_t *pos;          /* where in is read: &local offset, or NULL = in->f_pos */
	char *buf;
};

/* Read up to n bytes of the source (at *st->pos or its f_pos). */
static ssize_t sendfile_read(struct sendfile_state *st, size_t n)
{
	ssize_t r;

	if (st->pos)
		return kernel_read(st->in, st->buf, n, st->pos);
	if (!(st->in->f_mode & FMODE_LSEEK)) {
		loff_t dummy = 0;

		return kernel_read(st->in, st->buf, n, &dummy);
	}
	mutex_lock(&st->in->f_pos_lock);
	r = kernel_read(st->in, st->buf, n, &st->in->f_pos);
	mutex_unlock(&st->in->f_pos_lock);
	return r;
}

/* Give back n bytes read but not sent (seekable sources only). */
static void sendfile_unread(struct sendfile_state *st, size_t n)
{
	if (!n || !(st->in->f_mode & FMODE_LSEEK))
		return;
	if (st->pos) {
		*st->pos -= (loff_t)n;
		return;
	}
	mutex_lock(&st->in->f_pos_lock);
	st->in->f_pos -= (loff_t)n;
	mutex_unlock(&st->in->f_pos_lock);
}

/* Write n bytes of the buffer to the destination at its position; bytes written or -errno. */
static ssize_t sendfile_write(struct sendfile_state *st, size_t n)
{
	struct file *out = st->out;
	loff_t pos = 0;
	ssize_t w;

	if (!(out->f_mode & FMODE_LSEEK))
		return kernel_write(out, st->buf, n, &pos);
	mutex_lock(&out->f_pos_lock);
	pos = out->f_pos;
	w = kernel_write(out, st->buf, n, &pos);
	if (w > 0)
		out->f_pos = pos;
	mutex_unlock(&out->f_pos_lock);
	return w;
}

/* The copy loop: bytes sent, or -errno if nothing was. */
static ssize_t sendfile_copy(struct sendfile_state *st, size_t count)
{
	size_t done = 0;

	while (done < count) {
		ssize_t r = sendfile_read(st, MIN(count - done, (size_t)SENDFILE_CHUNK)), w;

		if (r <= 0)
			return done ? (ssize_t)done : r;
		w = sendfile_write(st, (size_t)r);
		sendfile_unread(st, w < 0 ? (size_t)r : (size_t)(r - w));
		if (w <= 0)
			return done ? (ssize_t)done : (w ? w : -EIO);
		done += (size_t)w;
		if (w < r || fatal_signal_pending(current))
			break;
	}
	return (ssize_t)done;
}

/* Check the two files as Linux does; 0 or -errno. */
static int sendfile_check(struct file *in, struct file *out, bool has_offset)
{
	if (!in || !out || !(in->f_mode & FMODE_READ) || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if (has_offset && !(in->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	if (out->f_flags & O_APPEND)
		return -EINVAL;
	return 0;
}

/* sendfile(int out_fd, int in_fd, off_t *offset, size_t count) */
long sys_sendfile(const struct syscall_args *args)
{
	struct sendfile_state st = { .out = fget((int)args->a[0]), .in = fget((int)args->a[1]) };
	loff_t __user *uoff = (loff_t __user *)args->a[2];
	size_t count = MIN((size_t)args->a[3], (size_t)MAX_RW_COUNT);
	loff_t off = 0;
	long ret = 0;

	if (uoff && copy_from_user(&off, uoff, sizeof(off)))
		ret = -EFAULT;   /* Linux reads the offset before it looks at the files */
	if (!ret)
		ret = sendfile_check(st.in, st.out, uoff != NULL);
	if (!ret && uoff && off < 0)
		ret = -EINVAL;
	if (ret || !count)
		goto out;
	st.pos = uoff ? &off : NULL;
	st.buf = kmalloc(MIN(count, (size_t)SENDFILE_CHUNK), __GFP_NOWARN);
	if (!st.buf) {
		ret = -ENOMEM;
		goto out;
	}
	ret = sendfile_copy(&st, count);
	kfree(st.buf);
	if (uoff && copy_to_user(uoff, &off, sizeof(off)))
		ret = -EFAULT;
out:
	if (st.in)
		fput(st.in);
	if (st.out)
		fput(st.out);
	return ret;
}
