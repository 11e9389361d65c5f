/*
 * Self-tests of the pipe core from a kernel thread (ktest=boot): the
 * ring through kernel_read/kernel_write (which also wraps it and moves
 * it with F_SETPIPE_SZ), -EAGAIN, poll masks, -EPIPE without a process
 * to signal, and that the last close frees the pipe. The user-visible
 * rules are tested by user/usertests/pipe.c.
 */
#include <fs/file.h>
#include <fs/pipe.h>
#include <fs/poll.h>
#include <kernel/ktest.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#define KT_BYTES 10000

static const char *ktest_pipe_ring(struct file *rd, struct file *wr, char *a, char *b)
{
	loff_t pos = 0;

	for (int round = 0; round < 20; round++) {   /* 20 x 10000 bytes: the ring wraps */
		for (int i = 0; i < KT_BYTES; i++)
			a[i] = (char)(i * 7 + round);
		if (kernel_write(wr, a, KT_BYTES, &pos) != KT_BYTES)
			return ktest_fail("round %d: write", round);
		if (round == 10 && pipe_fcntl(wr, F_SETPIPE_SZ, 5 * 4096) != 8 * 4096)
			return ktest_fail("F_SETPIPE_SZ 20480 did not give 32768");
		memset(b, 0, KT_BYTES);
		if (kernel_read(rd, b, KT_BYTES, &pos) != KT_BYTES || memcmp(a, b, KT_BYTES))
			return ktest_fail("round %d: read back differs", round);
	}
	return NULL;
}

KTEST(pipe_kernel_rw)
{
	long before = nr_pipes();
	struct file *rd, *wr;
	char *a = kmalloc(2 * KT_BYTES, 0), *b = a + KT_BYTES, c;
	const char *why = NULL;
	loff_t pos = 0;

	if (!a || pipe_create(O_NONBLOCK, &rd, &wr))
		return ktest_fail("no memory");
	why = ktest_pipe_ring(rd, wr, a, b);
	if (!why && kernel_read(rd, &c, 1, &pos) != -EAGAIN)
		why = ktest_fail("empty non-blocking read is not -EAGAIN");
	if (!why && (vfs_poll(rd, NULL, POLLIN) != 0 || vfs_poll(wr, NULL, POLLOUT) != POLLOUT))
		why = ktest_fail("poll masks of an empty pipe");
	if (!why && pipe_fcntl(rd, F_GETPIPE_SZ, 0) != 8 * 4096)
		why = ktest_fail("F_GETPIPE_SZ after the resize");
	fput(rd);
	if (!why && kernel_write(wr, "x", 1, &pos) != -EPIPE)
		why = ktest_fail("write without a reader is not -EPIPE");
	if (!why && !(vfs_poll(wr, NULL, POLLOUT) & POLLERR))
		why = ktest_fail("no POLLERR without a reader");
	fput(wr);
	kfree(a);
	if (!why && nr_pipes() != before)
		why = ktest_fail("pipes alive: %ld, before: %ld", nr_pipes(), before);
	return why;
}
