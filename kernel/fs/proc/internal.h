/*
 * Private interfaces of procfs (kernel/fs/proc/): the entry tables, the
 * inode, and the helpers that find a process and its pieces.
 */
#ifndef FS_PROC_INTERNAL_H
#define FS_PROC_INTERNAL_H

#include <fs/file.h>
#include <fs/fs.h>
#include <fs/procfs.h>

struct process;
struct task;
struct mm_struct;
struct proc_inode;

/* Directories whose children are not (only) a static table. */
enum proc_dyn {
	PROC_DYN_NONE,
	PROC_DYN_PIDS,    /* the root: one directory per process (tgid) */
	PROC_DYN_FDS,     /* <pid>/fd: one symlink per open descriptor */
	PROC_DYN_TIDS,    /* <pid>/task: one directory per thread */
};

/*
 * One name in a procfs directory. Exactly one of show (regular file),
 * link (symlink) or children/dyn (directory) applies, by mode's type.
 *
 *  show   generate the file's text (runs at open; repeatable); 0 or -errno.
 *  write  regular files with a write bit: the user's bytes (a kernel
 *         copy, NUL-terminated); the bytes taken or -errno.
 *  link   a symlink's target into buf[size] (NUL-terminated); length or -errno.
 */
struct proc_entry {
	const char *name;
	unsigned int mode;
	int (*show)(struct seq_buf *s, struct proc_inode *pi);
	ssize_t (*write)(struct proc_inode *pi, const char *buf, size_t n);
	int (*link)(struct proc_inode *pi, char *buf, size_t size);
	const struct proc_entry *children;   /* NULL-name terminated */
	enum proc_dyn dyn;
};

/* A procfs inode: what it shows and for whom. All [I]. */
struct proc_inode {
	struct inode vfs;
	const struct proc_entry *entry;
	int tgid;     /* the process, or 0 for global files */
	int tid;      /* the thread (== tgid under /proc/<pid>), or 0 */
	int fd;       /* <pid>/fd/<n>: n; else -1 */
	bool thread;  /* under /proc/<pid>/task/<tid>: per-thread figures */
};

static inline struct proc_inode *PI(struct inode *inode)
{
	return container_of(inode, struct proc_inode, vfs);
}

/* inode.c */
extern const struct proc_entry proc_root_entry;
extern const struct proc_entry proc_pid_entry;    /* /proc/<pid> */
extern const struct proc_entry proc_tid_entry;    /* /proc/<pid>/task/<tid> */
extern const struct proc_entry proc_fd_link_entry;

/* root.c: the global files, and the root's and sys/'s tables. */
extern const struct proc_entry proc_root_children[];

/* pid.c: the per-process tables. */
extern const struct proc_entry proc_pid_children[];
extern const struct proc_entry proc_tid_children[];
int proc_self_link(struct proc_inode *pi, char *buf, size_t size);
int proc_thread_self_link(struct proc_inode *pi, char *buf, size_t size);
int proc_fd_link(struct proc_inode *pi, char *buf, size_t size);
/* An fd link's mode as Linux shows it: S_IFLNK, r-x if open for reading, -wx for writing. */
u32 proc_fd_link_mode(int tgid, int tid, int fd);

/*
 * The process with thread-group id tgid (alive or zombie), with a
 * reference (process_put), or NULL. Takes tasklist_lock.
 */
struct process *proc_find_process(int tgid);
/* The thread tid of p (live, in p->threads), with a reference (task_put), or NULL. */
struct task *proc_find_thread(struct process *p, int tid);
/* The smallest tgid >= from of an existing process, or 0 (iterate). */
int proc_next_tgid(int from);
/* The most recently created process's tgid, or 0. */
int proc_last_tgid(void);
/* The smallest tid >= from among p's live threads, or 0. */
int proc_next_tid(struct process *p, int from);
/* The smallest open fd >= from of the process tgid, or -1. */
int proc_next_fd(int tgid, int from);
/* Owner of the files of the process: its euid/egid (0 if gone). */
void proc_process_owner(int tgid, u32 *uid, u32 *gid);

#endif /* FS_PROC_INTERNAL_H */
