/*
 * Descriptor-table arithmetic (struct fdtable in <fs/file.h>): finding
 * free and open descriptors in the bitmaps, sizing a grown table,
 * copying one table into a larger one, setting and clearing slots.
 *
 * Pure: no locks (the caller holds files->lock), no allocation (file.c
 * allocates the arrays); host unit tests check it with fdtable_validate()
 * after every change.
 *
 * Invariant: for every fd < max_fds, fd[fd] != NULL implies bit fd of
 * open_fds is set, and a close_on_exec bit is set only for an open fd.
 * An open bit over a NULL slot is a reservation (fdtable_reserve: an
 * open(2) that took its descriptor before creating the file); it is not
 * a file yet: fdtable_clear leaves it alone, fdtable_fill or
 * fdtable_unreserve ends it.
 */
#include <fs/file.h>
#include <kernel/compiler.h>
#include <kernel/panic.h>
#include <lib/string.h>

static bool bit_test(const unsigned long *map, unsigned int n)
{
	return (map[n / FD_BITS_PER_LONG] >> (n % FD_BITS_PER_LONG)) & 1;
}

static void bit_assign(unsigned long *map, unsigned int n, bool on)
{
	unsigned long m = 1UL << (n % FD_BITS_PER_LONG);

	if (on)
		map[n / FD_BITS_PER_LONG] |= m;
	else
		map[n / FD_BITS_PER_LONG] &= ~m;
}

/* Index of the lowest set bit of w (w != 0); no libgcc helper (no Zbb in the kernel). */
static unsigned int lowest_bit(unsigned long w)
{
	unsigned int n = 0;

	while (!(w & 0xff)) {
		w >>= 8;
		n += 8;
	}
	while (!(w & 1)) {
		w >>= 1;
		n++;
	}
	return n;
}

/* The first bit >= start equal to want (set or clear), or -1 below max. */
static int bit_find(const unsigned long *map, unsigned int max, unsigned int start, bool want)
{
	unsigned int i = start;

	while (i < max) {
		unsigned long w = map[i / FD_BITS_PER_LONG];

		if (!want)
			w = ~w;
		w &= ~0UL << (i % FD_BITS_PER_LONG);
		if (w) {
			unsigned int n = (i & ~(FD_BITS_PER_LONG - 1)) + lowest_bit(w);
			return n < max ? (int)n : -1;
		}
		i = (i | (FD_BITS_PER_LONG - 1)) + 1;
	}
	return -1;
}

int fdtable_find_free(const struct fdtable *t, unsigned int start)
{
	return bit_find(t->open_fds, t->max_fds, start, false);
}

int fdtable_next_open(const struct fdtable *t, unsigned int start)
{
	return bit_find(t->open_fds, t->max_fds, start, true);
}

unsigned int fdtable_grow_size(unsigned int cur, unsigned int need, unsigned int limit)
{
	unsigned int cap = limit > NR_OPEN_MAX ? NR_OPEN_MAX : limit;
	unsigned int n = cur < NR_OPEN_DEFAULT ? NR_OPEN_DEFAULT : cur;

	if (need >= cap)
		return 0;
	cap = (unsigned int)ALIGN_UP((unsigned long)cap, FD_BITS_PER_LONG);
	while (n <= need)
		n *= 2;
	return n < cap ? n : cap;
}

void fdtable_copy(struct fdtable *dst, const struct fdtable *src)
{
	unsigned int sl = FD_BITMAP_LONGS(src->max_fds), dl = FD_BITMAP_LONGS(dst->max_fds);

	BUG_ON(dst->max_fds < src->max_fds);
	memcpy(dst->fd, src->fd, src->max_fds * sizeof(struct file *));
	memset(dst->fd + src->max_fds, 0, (dst->max_fds - src->max_fds) * sizeof(struct file *));
	memcpy(dst->open_fds, src->open_fds, sl * sizeof(unsigned long));
	memset(dst->open_fds + sl, 0, (dl - sl) * sizeof(unsigned long));
	memcpy(dst->close_on_exec, src->close_on_exec, sl * sizeof(unsigned long));
	memset(dst->close_on_exec + sl, 0, (dl - sl) * sizeof(unsigned long));
}

void fdtable_set(struct fdtable *t, unsigned int fd, struct file *f, bool cloexec)
{
	BUG_ON(fd >= t->max_fds || bit_test(t->open_fds, fd) || !f);
	t->fd[fd] = f;
	bit_assign(t->open_fds, fd, true);
	bit_assign(t->close_on_exec, fd, cloexec);
}

void fdtable_reserve(struct fdtable *t, unsigned int fd, bool cloexec)
{
	BUG_ON(fd >= t->max_fds || bit_test(t->open_fds, fd));
	t->fd[fd] = NULL;
	bit_assign(t->open_fds, fd, true);
	bit_assign(t->close_on_exec, fd, cloexec);
}

bool fdtable_is_reserved(const struct fdtable *t, unsigned int fd)
{
	return fd < t->max_fds && bit_test(t->open_fds, fd) && !t->fd[fd];
}

void fdtable_fill(struct fdtable *t, unsigned int fd, struct file *f)
{
	BUG_ON(!fdtable_is_reserved(t, fd) || !f);
	t->fd[fd] = f;
}

void fdtable_unreserve(struct fdtable *t, unsigned int fd)
{
	BUG_ON(!fdtable_is_reserved(t, fd));
	bit_assign(t->open_fds, fd, false);
	bit_assign(t->close_on_exec, fd, false);
}

struct file *fdtable_clear(struct fdtable *t, unsigned int fd)
{
	struct file *f;

	if (fd >= t->max_fds || !bit_test(t->open_fds, fd) || !t->fd[fd])
		return NULL;
	f = t->fd[fd];
	t->fd[fd] = NULL;
	bit_assign(t->open_fds, fd, false);
	bit_assign(t->close_on_exec, fd, false);
	return f;
}

bool fdtable_is_cloexec(const struct fdtable *t, unsigned int fd)
{
	return fd < t->max_fds && bit_test(t->close_on_exec, fd);
}

void fdtable_set_cloexec(struct fdtable *t, unsigned int fd, bool on)
{
	if (fd < t->max_fds && bit_test(t->open_fds, fd))
		bit_assign(t->close_on_exec, fd, on);
}

const char *fdtable_validate(const struct fdtable *t)
{
	if (t->max_fds % FD_BITS_PER_LONG)
		return "max_fds not a multiple of the bitmap word";
	for (unsigned int i = 0; i < t->max_fds; i++) {
		bool open = bit_test(t->open_fds, i);

		if (!open && t->fd[i])
			return "file in a slot whose bit is clear";
		if (!open && bit_test(t->close_on_exec, i))
			return "close-on-exec bit on a closed descriptor";
	}
	return NULL;
}
