/*
 * Pipes and FIFOs (kernel/fs/pipe.c); docs/pipes.md has the design.
 *
 * A pipe is a ring of nr_slots buffers (a power of two; 16 by default),
 * each a page with an offset and a length of data in it, as on Linux:
 * slots [tail, head) hold data (head and tail count slots and wrap;
 * slot i is bufs[i & (nr_slots - 1)]). A write first tops up the last
 * buffer if its odd tail part (size % PAGE_SIZE) fits there, then fills
 * whole new pages; a read empties buffers from the tail and frees them.
 * So the capacity is nr_slots pages, and small writes use space the way
 * Linux's do (16 writes of 1 byte each into an empty pipe share a page;
 * writes of 1000 bytes fit 4 to a page).
 *
 * pipe2(2) makes an anonymous inode on the internal "pipefs" with two
 * files on it (read end, write end). A FIFO is a S_IFIFO inode of a real
 * file system whose files use fifo_fops: the pipe is made at the first
 * open and hung on inode->i_pipe, and freed when the last file on it is
 * closed (so a FIFO holds no data while nobody has it open, as on Linux).
 *
 * Locks (docs/locking.md): pipe->mutex ("pipe_mutex", sleeping) guards
 * the ring, the reader/writer counts and the size; copies to and from
 * user memory run under it. Readers sleep on rd_wait and writers on
 * wr_wait ("pipe_rd_wait", "pipe_wr_wait"), exclusively, with the mutex
 * dropped; pollers wait on both, non-exclusively. inode->i_pipe and
 * pipe->files are guarded by the global "pipe_files_lock" (a spinlock),
 * which is never held with the mutex.
 */
#ifndef FS_PIPE_H
#define FS_PIPE_H

#include <kernel/types.h>
#include <locking/mutex.h>
#include <sched/wait.h>

struct file;
struct inode;
struct page;

#define PIPE_DEF_PAGES 16                 /* 64 KiB */
#define PIPE_MAX_SIZE_DEFAULT (1u << 20)  /* /proc/sys/fs/pipe-max-size: 1 MiB */

struct pipe_buffer {
	struct page *page;                 /* [mutex] */
	unsigned int offset;               /* [mutex] where the data starts in the page */
	unsigned int len;                  /* [mutex] bytes of data (> 0 while in the ring) */
	bool packet;                       /* [mutex] written in packet mode (O_DIRECT): one read takes it */
};

/* Fields marked "lockless" are also read without the mutex by ->poll (READ_ONCE). */
struct pipe_inode_info {
	struct mutex mutex;                /* "pipe_mutex" */
	struct wait_queue_head rd_wait;    /* "pipe_rd_wait": readers (exclusive), pollers */
	struct wait_queue_head wr_wait;    /* "pipe_wr_wait": writers (exclusive), pollers */
	unsigned int head;                 /* [mutex, lockless] the next slot to fill */
	unsigned int tail;                 /* [mutex, lockless] the oldest slot with data */
	unsigned int nr_slots;             /* [mutex, lockless] ring size, a power of two */
	struct pipe_buffer *bufs;          /* [mutex] nr_slots buffers */
	struct page *spare;                /* [mutex] an emptied page kept for the next write */
	unsigned int readers;              /* [mutex, lockless] files open for reading */
	unsigned int writers;              /* [mutex, lockless] files open for writing */
	unsigned int r_counter;            /* [mutex] opens for reading ever (FIFO open waits) */
	unsigned int w_counter;            /* [mutex, lockless] opens for writing ever */
	unsigned int files;                /* [pipe_files_lock] struct files on the pipe */
};

/* The FIFO's file operations (S_IFIFO inodes get them from init_special_inode). */
extern const struct file_operations fifo_fops;

/* The pipe of f if f is a pipe or FIFO end, else NULL. */
struct pipe_inode_info *get_pipe_info(struct file *f);

/*
 * fcntl F_SETPIPE_SZ / F_GETPIPE_SZ on f: the (new) capacity in bytes,
 * or -EBADF (not a pipe), -EINVAL (size over 2^31), -EPERM (over
 * pipe-max-size and not root), -EBUSY (the pipe holds more than the new
 * size), -ENOMEM. May sleep.
 */
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned long arg);

/*
 * A new pipe: *rd and *wr are its read and write ends (open flags
 * O_RDONLY/O_WRONLY plus flags & (O_NONBLOCK | O_DIRECT)), one reference each.
 * flags: O_NONBLOCK, O_DIRECT (packet mode), O_CLOEXEC (ignored here:
 * the caller installs);
 * 0 or -ENOMEM. May sleep.
 */
int pipe_create(int flags, struct file **rd, struct file **wr);

/* Pipes alive (leak checks in tests). */
long nr_pipes(void);

#endif /* FS_PIPE_H */
