/*
 * Open files and file-descriptor tables (kernel/fs/file.c, fdtable.c,
 * read_write.c, iov_iter.c).
 *
 * struct file is one open file description: what open() made and dup()
 * and fork share. It holds a reference on its inode, its flags, its
 * position and the operations of the kind of file it is (i_fop of the
 * inode at open). struct files_struct maps a task's descriptor numbers to
 * files, with the close-on-exec bits; threads of a CLONE_FILES clone share
 * it.
 *
 * Lifetime: a file is reference counted (file_get/fput): each descriptor
 * naming it and each in-flight system call using it holds one; the last
 * fput calls ->release and drops the inode. A files_struct is counted by
 * the tasks sharing it (files_get/files_put); the last put closes every
 * descriptor.
 *
 * Locks (docs/locking.md): file->f_pos_lock ("file_pos_lock", a mutex)
 * serialises read, write, lseek and getdents64 on one file description so
 * that the position moves atomically with the transfer (taken before the
 * inode's i_rwsem). files->lock ("files_lock", a spinlock) guards the
 * table; it is held only to look up, install or remove a pointer, never
 * across an operation, and nothing is taken under it except the page
 * allocator/slab (which it never needs: the table grows with the lock
 * dropped).
 */
#ifndef FS_FILE_H
#define FS_FILE_H

#include <arch/atomic.h>
#include <fs/fs.h>
#include <mm/pagemap.h>
#include <kernel/types.h>
#include <locking/mutex.h>
#include <locking/spinlock.h>
#include <uapi/uio.h>

/* ---------------------------------------------------------------- iov_iter (iov_iter.c) */

/*
 * A list of buffers to copy into or out of: user iovecs (read(2) and
 * friends; every access through copy_to_user/copy_from_user) or one
 * kernel buffer (kernel_read). count is what is left; the iterator
 * advances as bytes are copied.
 */
struct iov_iter {
	bool user;                   /* user addresses (uiov) or a kernel buffer (kbuf) */
	const struct iovec *uiov;    /* user: the segments (the array itself is in the kernel) */
	unsigned long nr_segs;
	size_t seg_off;              /* offset in uiov[0] */
	char *kbuf;                  /* kernel: the next byte */
	size_t count;                /* bytes left in all segments */
};

void iov_iter_kernel(struct iov_iter *it, void *buf, size_t count);
void iov_iter_user(struct iov_iter *it, const struct iovec *iov, unsigned long nr_segs,
		   size_t count);
/*
 * Copy up to n bytes from src to the iterator (copy_to_iter) or from the
 * iterator to dst (copy_from_iter), advancing it. Returns the bytes
 * copied: less than MIN(n, count) only if a user address faulted (what
 * came before the fault is counted as far as whole segment pieces go).
 */
size_t copy_to_iter(const void *src, size_t n, struct iov_iter *it);
size_t copy_from_iter(void *dst, size_t n, struct iov_iter *it);
/* Write n zero bytes to the iterator; the same return rule. */
size_t iov_iter_zero(size_t n, struct iov_iter *it);

/* ---------------------------------------------------------------- files */

struct mmap_file;   /* mm/mm.h */
struct poll_table;  /* fs/poll.h */

/* getdents64 / iterate: the fs calls emit() per entry; false = buffer full, stop. */
struct dir_context {
	bool (*emit)(struct dir_context *ctx, const char *name, size_t len, u64 ino,
		     unsigned int d_type);
	loff_t pos;   /* the fs's cookie of the next entry to return; updated by the fs */
};

/*
 * File operations. Called without files->lock; the VFS holds a file
 * reference across each call. Missing methods: the VFS answers for them
 * (read/write -EINVAL, llseek generic for regular files/dirs, iterate
 * -ENOTDIR, ioctl -ENOTTY).
 *
 *  open     (inode, file) once at open, before the file is visible; 0 or -errno. May sleep.
 *  release  (inode, file) at the last fput. May sleep; no return value.
 *  read     copy from *pos into to, advance *pos; bytes or -errno (0 at end).
 *           f_pos_lock held when pos is &f_pos (read(2)); not for
 *           pread/kernel_read. May sleep (blocking devices wait here).
 *  write    the same direction reversed; O_APPEND is handled by the fs
 *           (it moves *pos to the end under its own lock).
 *  llseek   new position or -errno; f_pos_lock held.
 *  iterate  emit directory entries from ctx->pos on; 0 or -errno;
 *           f_pos_lock held. May sleep.
 *  ioctl    (file, cmd, arg: a user address or a number); -ENOTTY if unknown. May sleep.
 *  mmap     fill *mf with the object and vm_operations a mapping of file
 *           gets (0 or -errno); mf->file NULL asks for anonymous memory
 *           instead (/dev/zero: private pages, or shmem when shared);
 *           NULL method: the file cannot be mapped (-ENODEV).
 *           The caller's file reference keeps the object alive until
 *           do_mmap's VMAs took their own (vm_operations open). sys_mmap
 *           has checked the access modes. May sleep.
 *  poll     (file, pt) the file's readiness as POLL* bits; registers the
 *           wait queues that announce changes with poll_wait(file, wq, pt)
 *           (pt may be NULL). Called with the poller's task state set to
 *           TASK_INTERRUPTIBLE: must not sleep or take sleeping locks
 *           (fs/poll.h). NULL: always readable and writable (DEFAULT_POLLMASK).
 *  fsync    make the file's data in [start, end] and (unless datasync
 *           and only timestamps changed) its metadata durable: fsync(2),
 *           fdatasync(2), msync(MS_SYNC). 0 or -errno (a writeback error
 *           seen since the last fsync: -EIO). NULL: -EINVAL (Linux's answer
 *           for pipes and sockets). May sleep; no lock held.
 */
struct file_operations {
	int (*open)(struct inode *inode, struct file *file);
	void (*release)(struct inode *inode, struct file *file);
	ssize_t (*read)(struct file *file, struct iov_iter *to, loff_t *pos);
	ssize_t (*write)(struct file *file, struct iov_iter *from, loff_t *pos);
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	int (*iterate)(struct file *file, struct dir_context *ctx);
	long (*ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *file, struct mmap_file *mf);
	unsigned int (*poll)(struct file *file, struct poll_table *pt);
	int (*fsync)(struct file *file, loff_t start, loff_t end, int datasync);
};

/* ->fsync for files whose data lives only in memory (ramfs, tmpfs): nothing to do, 0. */
int noop_fsync(struct file *file, loff_t start, loff_t end, int datasync);

/* file->f_mode */
#define FMODE_READ   0x1u
#define FMODE_WRITE  0x2u
#define FMODE_LSEEK  0x4u   /* lseek/pread/pwrite allowed (not a stream) */

/* Flags F_SETFL may change. */
#define FILE_SETFL_MASK (O_APPEND | O_NONBLOCK | O_NOATIME | O_DIRECT | FASYNC)

struct file {
	atomic_t f_count;                     /* [a] references */
	const struct file_operations *f_op;   /* [I] once open (a device's ->open may swap it) */
	struct inode *f_inode;                /* [I] with a reference */
	struct path f_path;                   /* [I] where it was opened (references), or NULLs */
	unsigned int f_mode;                  /* [I] FMODE_* */
	unsigned int f_flags;                 /* [a] open flags (O_APPEND, O_NONBLOCK change by F_SETFL) */
	struct mutex f_pos_lock;              /* "file_pos_lock" */
	loff_t f_pos;                         /* [f_pos_lock] */
	struct file_ra_state f_ra;            /* [f_pos_lock] read-ahead of read(2) (mm/pagemap.h) */
	void *private_data;                   /* the file operations' own */
	struct list_head f_ep_links;          /* [epmutex] epoll items watching it (fs/eventpoll.h) */
};

/*
 * A new file on inode (takes its own inode reference) with the inode's
 * i_fop, open flags and mode bits; calls ->open. ERR_PTR(-errno).
 */
struct file *file_alloc_open(struct inode *inode, int flags);
/* The same for the file at path (the file takes its own references on path and its inode). */
struct file *file_alloc_open_path(const struct path *path, int flags);

void file_get(struct file *f);
/* Drop a reference; the last one releases the file. May sleep. */
void fput(struct file *f);

static inline struct inode *file_inode(const struct file *f) { return f->f_inode; }

/*
 * Open path as the kernel: relative to current->fs's cwd if the task has
 * one, else to the root; flags and mode as open(2) (mode without umask).
 * A new file with one reference, or ERR_PTR(-errno). May sleep.
 */
struct file *file_open(const char *path, int flags, unsigned int mode);

/*
 * Read up to count bytes at *pos into the kernel buffer buf; *pos
 * advances. Bytes read (0 at end of file) or -errno (-EBADF if not open
 * for reading, -EISDIR for a directory). Does not touch f->f_pos. May sleep.
 */
ssize_t kernel_read(struct file *f, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *f, const void *buf, size_t count, loff_t *pos);

/* Attributes of an open file (its inode). 0 or -errno. May sleep. */
int vfs_getattr(struct file *f, struct kstat *st);

/* The VFS transfer paths (read_write.c), used by the system calls: checks, then ->read/->write. */
ssize_t vfs_read(struct file *f, struct iov_iter *to, loff_t *pos);
ssize_t vfs_write(struct file *f, struct iov_iter *from, loff_t *pos);
loff_t vfs_llseek(struct file *f, loff_t offset, int whence);
/* lseek for files whose size bounds SEEK_END (regular files, directories). */
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence);

/* ---------------------------------------------------------------- descriptor tables */

#define NR_OPEN_DEFAULT 64            /* descriptors that fit in files_struct itself */
#define NR_OPEN_MAX (1u << 20)         /* Linux's fs.nr_open default: no table grows past it */
#define RLIMIT_NOFILE_CUR 1024         /* default soft limit (current->proc == NULL) */
#define RLIMIT_NOFILE_MAX 4096         /* default hard limit */

/*
 * The table proper: pure data with no lock of its own (fdtable.c has the
 * helpers, host-unit-tested). Bitmaps are arrays of unsigned long covering
 * max_fds bits; max_fds is a multiple of BITS_PER_LONG.
 */
struct fdtable {
	unsigned int max_fds;
	struct file **fd;                 /* [max_fds] */
	unsigned long *open_fds;          /* bit set: fd is in use */
	unsigned long *close_on_exec;     /* bit set: close at exec */
};

#define FD_BITS_PER_LONG (8 * sizeof(unsigned long))
#define FD_BITMAP_LONGS(n) (((n) + FD_BITS_PER_LONG - 1) / FD_BITS_PER_LONG)

/* The lowest free descriptor >= start, or -1 if none below max_fds. */
int fdtable_find_free(const struct fdtable *t, unsigned int start);
/* The lowest descriptor in use >= start, or -1. */
int fdtable_next_open(const struct fdtable *t, unsigned int start);
/*
 * Capacity to grow a table of cur descriptors to so that fd `need` fits,
 * without passing limit: a power of two >= NR_OPEN_DEFAULT, capped at
 * limit rounded up to a multiple of FD_BITS_PER_LONG. 0 if need >= limit.
 */
unsigned int fdtable_grow_size(unsigned int cur, unsigned int need, unsigned int limit);
/* Copy src into the larger (or equal) dst, clearing dst beyond src. */
void fdtable_copy(struct fdtable *dst, const struct fdtable *src);
/* Install f at the free slot fd. */
void fdtable_set(struct fdtable *t, unsigned int fd, struct file *f, bool cloexec);
/* Remove and return the file at fd (NULL if none or only reserved: a reservation stays). */
struct file *fdtable_clear(struct fdtable *t, unsigned int fd);
/*
 * Reservations (an open(2) takes its descriptor before it creates the
 * file, as Linux does, so EMFILE creates nothing): reserve the free slot
 * fd (open bit set, no file), then fill it with a file or unreserve it.
 */
void fdtable_reserve(struct fdtable *t, unsigned int fd, bool cloexec);
bool fdtable_is_reserved(const struct fdtable *t, unsigned int fd);
void fdtable_fill(struct fdtable *t, unsigned int fd, struct file *f);
void fdtable_unreserve(struct fdtable *t, unsigned int fd);
bool fdtable_is_cloexec(const struct fdtable *t, unsigned int fd);
void fdtable_set_cloexec(struct fdtable *t, unsigned int fd, bool on);
/* Check the invariants (fd[i] != NULL only if bit i open; cloexec only on open fds). NULL or why not. */
const char *fdtable_validate(const struct fdtable *t);

struct files_struct {
	atomic_t count;                          /* [a] tasks sharing it */
	struct spinlock lock;                    /* "files_lock" */
	struct fdtable *fdt;                     /* [lock] the live table: &fdtab or a grown one */
	struct fdtable fdtab;                    /* [lock] the embedded first table */
	struct file *fd_array[NR_OPEN_DEFAULT];  /* [lock] storage of fdtab */
	unsigned long open_fds_init[FD_BITMAP_LONGS(NR_OPEN_DEFAULT)];
	unsigned long close_on_exec_init[FD_BITMAP_LONGS(NR_OPEN_DEFAULT)];
};

/* An empty table; NULL if out of memory. */
struct files_struct *files_create(void);
/* fds 0, 1 and 2 on the console (one file, O_RDWR); 0 or -errno. */
int files_install_console(struct files_struct *files);
/* A copy of old for fork (every file gets a reference); ERR_PTR(-ENOMEM). */
struct files_struct *files_dup(struct files_struct *old);
void files_get(struct files_struct *files);
/* Drop a reference; the last one closes every descriptor. May sleep. */
void files_put(struct files_struct *files);
/* exec: close every descriptor marked close-on-exec. May sleep. */
void files_close_on_exec(struct files_struct *files);

/*
 * The descriptor operations of the current task (current->files; with
 * none, every one fails with -EBADF, and fd_install with -EMFILE).
 */
/* The file at fd with a reference (fput it), or NULL. */
struct file *fget(int fd);
/*
 * Install f (the caller's reference moves to the table) at the lowest
 * free descriptor >= start below the RLIMIT_NOFILE soft limit. Returns
 * it, or -EMFILE (-EINVAL if start is over the limit; the caller keeps
 * its reference on failure), or -ENOMEM.
 */
int fd_install_from(struct file *f, unsigned int start, bool cloexec);
static inline int fd_install(struct file *f, bool cloexec) { return fd_install_from(f, 0, cloexec); }
/*
 * Reserve the lowest free descriptor below the RLIMIT_NOFILE soft limit
 * for a file not made yet: the descriptor, -EMFILE or -ENOMEM. Then
 * fd_install_reserved() (the caller's reference to f moves to the table)
 * or fd_unreserve(). Meanwhile fget/close/fcntl see -EBADF, dup2 onto it
 * -EBUSY, and fork does not copy it.
 */
int fd_reserve(bool cloexec);
void fd_install_reserved(int fd, struct file *f);
void fd_unreserve(int fd);
/*
 * dup3's core: make newfd name f (a new reference taken), closing what it
 * named. 0 or -errno (-EBUSY if newfd is reserved by an open in progress).
 */
int fd_replace(unsigned int newfd, struct file *f, bool cloexec);
/* close(fd): 0 or -EBADF. May sleep (the last fput). */
int fd_close(int fd);
/* F_GETFD/F_SETFD: 0/1 or -EBADF; 0 or -EBADF. */
int fd_get_cloexec(int fd);
int fd_set_cloexec(int fd, bool on);
/* The RLIMIT_NOFILE soft limit of the current task (1024 without a process). */
unsigned int fd_limit(void);

/* ---------------------------------------------------------------- the console (console.c) */

/* A new file on the console device (O_RDWR, the console tty); ERR_PTR(-errno). */
struct file *console_file_open(void);

#endif /* FS_FILE_H */
