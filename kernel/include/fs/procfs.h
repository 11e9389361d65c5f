/*
 * procfs: the process and kernel information file system (kernel/fs/proc/).
 * docs/procfs.md lists every file and its format (Linux's, field for field).
 *
 * Constructor: procfs_create() makes the one procfs super block (its root
 * in sb->s_root); the mount code attaches it at /proc. Its inodes are
 * made on lookup and freed on their last iput; nothing is cached.
 *
 * Files are generated whole at open into a buffer (struct seq_buf, below)
 * and reads are served from it, so a reader sees one consistent snapshot
 * however it splits its reads; lseek moves within the snapshot.
 *
 * Hooks other subsystems provide (weak defaults in kernel/fs/proc/hooks.c):
 *   mounts_show       the VFS: /proc/mounts and /proc/self/mounts
 *   filesystems_show  the VFS: /proc/filesystems
 *   partitions_show   the block layer: /proc/partitions
 *   diskstats_show    the block layer: /proc/diskstats
 *   drop_caches_write the page cache: /proc/sys/vm/drop_caches (1, 2, 3)
 * Each *_show writes its text with seq_printf and returns 0 or -errno.
 */
#ifndef FS_PROCFS_H
#define FS_PROCFS_H

#include <kernel/compiler.h>
#include <kernel/types.h>

struct super_block;

/* ---------------------------------------------------------------- seq_buf */

/*
 * A growing text buffer. seq_printf appends; when the text does not fit,
 * overflow is set and the generator is run again with a buffer twice as
 * large (up to SEQ_BUF_MAX): generators must be repeatable.
 */
struct seq_buf {
	char *buf;
	size_t size;       /* bytes allocated */
	size_t len;        /* bytes of text (< size unless overflow) */
	bool overflow;     /* text was cut: retry bigger */
};

#define SEQ_BUF_MIN 4096
#define SEQ_BUF_MAX (4u << 20)

void seq_printf(struct seq_buf *s, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_buf *s, const char *str);
void seq_putc(struct seq_buf *s, char c);
/* Append n raw bytes (may contain NULs: cmdline, environ). */
void seq_write(struct seq_buf *s, const void *data, size_t n);

/*
 * Run show(s, arg) into a fresh buffer, retrying with larger ones while
 * it overflows. 0 with s->buf allocated (seq_buf_free it), or show's
 * -errno, or -ENOMEM (also when the text needs more than SEQ_BUF_MAX).
 * May sleep.
 */
int seq_buf_generate(struct seq_buf *s, int (*show)(struct seq_buf *s, void *arg), void *arg);
void seq_buf_free(struct seq_buf *s);

/* ---------------------------------------------------------------- the file system */

/* The procfs super block (one per call) with its root; NULL if out of memory. */
struct super_block *procfs_create(void);
/* Free a super block of procfs_create once no inode of it is in use but the root. */
void procfs_destroy(struct super_block *sb);
/* Boot: register the "proc" file-system type (mount -t proc proc /proc). */
void procfs_register(void);

/* ---------------------------------------------------------------- hooks into other subsystems */

int filesystems_show(struct seq_buf *s);
int partitions_show(struct seq_buf *s);
int diskstats_show(struct seq_buf *s);
/* A write of "1", "2" or "3" to drop_caches: what to drop. 0 or -errno. */
int drop_caches_write(int what);
/* /proc/sys/fs/pipe-max-size: the pipe code's limit (weak default: Linux's 1048576). */
unsigned int pipe_max_size(void);

/* Provided by kernel/sched/sys_info.c: a copy of the uname fields. */
struct new_utsname;
void uts_read(struct new_utsname *out);

#endif /* FS_PROCFS_H */
