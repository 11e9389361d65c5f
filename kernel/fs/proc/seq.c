/*
 * seq_buf: whole-file text generation for procfs (interface in
 * <fs/procfs.h>). A generator writes into a buffer that grows by retry:
 * when the text overflows, the buffer is freed and the generator runs
 * again with twice the size. Buffers up to a page come from kmalloc,
 * larger ones from vmalloc.
 *
 * No locks: a seq_buf belongs to one open file.
 */
#include <fs/procfs.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <uapi/errno.h>

#include <stdarg.h>

static void *seq_alloc(size_t size)
{
	return size <= SEQ_BUF_MIN ? kmalloc(size, 0) : vmalloc(size);
}

void seq_buf_free(struct seq_buf *s)
{
	if (!s->buf)
		return;
	if (s->size <= SEQ_BUF_MIN)
		kfree(s->buf);
	else
		vfree(s->buf);
	s->buf = NULL;
	s->size = s->len = 0;
}

void seq_write(struct seq_buf *s, const void *data, size_t n)
{
	if (s->overflow || n > s->size - 1 - s->len) {
		s->overflow = true;
		return;
	}
	memcpy(s->buf + s->len, data, n);
	s->len += n;
	s->buf[s->len] = 0;
}

void seq_printf(struct seq_buf *s, const char *fmt, ...)
{
	size_t room = s->size - s->len;
	va_list ap;
	int n;

	if (s->overflow)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->buf + s->len, room, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= room) {
		s->overflow = true;
		s->buf[s->len] = 0;
		return;
	}
	s->len += (size_t)n;
}

void seq_puts(struct seq_buf *s, const char *str)
{
	seq_write(s, str, strlen(str));
}

void seq_putc(struct seq_buf *s, char c)
{
	seq_write(s, &c, 1);
}

int seq_buf_generate(struct seq_buf *s, int (*show)(struct seq_buf *s, void *arg), void *arg)
{
	for (size_t size = SEQ_BUF_MIN; size <= SEQ_BUF_MAX; size *= 2) {
		int err;

		s->buf = seq_alloc(size);
		if (!s->buf)
			return -ENOMEM;
		s->size = size;
		s->len = 0;
		s->overflow = false;
		s->buf[0] = 0;
		err = show(s, arg);
		if (err || !s->overflow) {
			if (err)
				seq_buf_free(s);
			return err;
		}
		seq_buf_free(s);
	}
	return -ENOMEM;
}
