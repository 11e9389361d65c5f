/*
 * Copying into and out of iov_iters (interface in <fs/file.h>).
 *
 * A user iterator touches user memory only through copy_to_user,
 * copy_from_user and clear_user (DESIGN.md §4), one piece of a segment at
 * a time; a fault stops the copy and the bytes before the failing piece
 * count as done. Kernel iterators are plain memcpy.
 *
 * No locks; user copies may sleep (page faults).
 */
#include <fs/file.h>
#include <kernel/compiler.h>
#include <lib/string.h>
#include <mm/uaccess.h>

void iov_iter_kernel(struct iov_iter *it, void *buf, size_t count)
{
	*it = (struct iov_iter){ .user = false, .kbuf = buf, .count = count };
}

void iov_iter_user(struct iov_iter *it, const struct iovec *iov, unsigned long nr_segs,
		   size_t count)
{
	*it = (struct iov_iter){ .user = true, .uiov = iov, .nr_segs = nr_segs, .count = count };
}

/* The current user segment's next address and bytes left in it (skipping empty ones). */
static size_t iter_user_seg(struct iov_iter *it, char **addr)
{
	while (it->nr_segs && it->seg_off == it->uiov->iov_len) {
		it->uiov++;
		it->nr_segs--;
		it->seg_off = 0;
	}
	if (!it->nr_segs)
		return 0;
	*addr = (char *)it->uiov->iov_base + it->seg_off;
	return it->uiov->iov_len - it->seg_off;
}

enum iter_op { ITER_TO, ITER_FROM, ITER_ZERO };

/* One loop for the three directions; returns bytes done. */
static size_t iter_copy(struct iov_iter *it, char *kbuf, size_t n, enum iter_op op)
{
	size_t done = 0;

	n = MIN(n, it->count);
	if (!it->user) {
		if (op == ITER_TO)
			memcpy(it->kbuf, kbuf, n);
		else if (op == ITER_FROM)
			memcpy(kbuf, it->kbuf, n);
		else
			memset(it->kbuf, 0, n);
		it->kbuf += n;
		it->count -= n;
		return n;
	}
	while (done < n) {
		char *uaddr;
		size_t seg = iter_user_seg(it, &uaddr), k = MIN(seg, n - done);
		int err;

		if (!seg)
			break;
		if (op == ITER_TO)
			err = copy_to_user(uaddr, kbuf + done, k);
		else if (op == ITER_FROM)
			err = copy_from_user(kbuf + done, uaddr, k);
		else
			err = clear_user(uaddr, k);
		if (err)
			break;
		it->seg_off += k;
		it->count -= k;
		done += k;
	}
	return done;
}

size_t copy_to_iter(const void *src, size_t n, struct iov_iter *it)
{
	return iter_copy(it, (char *)src, n, ITER_TO);
}

size_t copy_from_iter(void *dst, size_t n, struct iov_iter *it)
{
	return iter_copy(it, dst, n, ITER_FROM);
}

size_t iov_iter_zero(size_t n, struct iov_iter *it)
{
	return iter_copy(it, NULL, n, ITER_ZERO);
}
