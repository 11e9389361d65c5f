/*
 * The VFS core: inodes, super blocks, path lookup, fs_struct (kernel/fs/).
 *
 * This is the seed of Kestrel's VFS (docs/vfs.md). Today there is one
 * file system, the ramfs that holds the unpacked initramfs at "/", plus an
 * internal one for device inodes that live in no directory (the console
 * behind fds 0-2). There is no dentry cache and no mount table yet: a
 * directory's children are found through its inode's ->lookup, and a
 * walk holds a reference on each inode it stands on. The later VFS adds
 * dentries and mounts in front of the same operations tables.
 *
 * Objects:
 *   struct super_block   one mounted file system: its operations, root, inode numbers
 *   struct inode         one file: attributes, operations, file-system private data
 *   struct fs_struct     a task's root, cwd and umask (shared by CLONE_FS)
 *   struct kstat         attributes as vfs_getattr() reports them
 *
 * Inode lifetime. i_count counts references: every struct file, every
 * walk or kernel user holding it, and (in ramfs) every directory entry
 * naming it. iput() of the last reference calls the super block's
 * ->evict_inode (free the data) and ->destroy_inode. An inode whose link
 * count fell to 0 thus lives until the last open file on it is closed.
 *
 * Locks (docs/locking.md): inode->i_rwsem ("inode_rwsem", sleeping)
 * guards the inode's attributes and contents: for a directory its
 * entries (readers: lookup and readdir; writers: create, mkdir, unlink,
 * rmdir, rename), for a file its data and size (readers: read; writers:
 * write, truncate). Two inodes are locked parent before child (the child
 * as subclass 1); rename holds the global "rename_mutex" and locks its two
 * directories ancestor first (else by address), the second as subclass 1,
 * and a replaced target as subclass 2. Lookup takes one i_rwsem at a time.
 */
#ifndef FS_FS_H
#define FS_FS_H

#include <arch/atomic.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <mm/pagemap.h>
#include <locking/mutex.h>
#include <locking/spinlock.h>
#include <fs/dcache.h>
#include <fs/mount.h>
#include <uapi/fcntl.h>
#include <uapi/stat.h>

typedef s64 loff_t;

#define NAME_MAX 255       /* bytes in a file name, without the NUL */
#define PATH_MAX 4096      /* bytes in a path, with the NUL */
#define MAXSYMLINKS 40     /* symlinks followed in one lookup before ELOOP */
#define MAX_LFS_FILESIZE ((loff_t)0x7fffffffffffffffLL)

/* Device numbers (Linux's encoding for the 32-bit dev_t of newc/statx). */
#define MKDEV(ma, mi) (((u32)(ma) << 20) | ((u32)(mi) & 0xfffff))
#define MAJOR(dev) ((u32)(dev) >> 20)
#define MINOR(dev) ((u32)(dev) & 0xfffff)

struct inode;
struct file;
struct super_block;
struct kstat;
struct pipe_inode_info;
struct statfs;

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

/* Attribute changes for ->setattr; ia_valid says which fields count. */
#define ATTR_MODE  0x1u
#define ATTR_UID   0x2u
#define ATTR_GID   0x4u
#define ATTR_SIZE  0x8u
#define ATTR_ATIME 0x10u
#define ATTR_MTIME 0x20u
#define ATTR_CTIME 0x40u

struct iattr {
	unsigned int ia_valid;
	unsigned int ia_mode;
	u32 ia_uid, ia_gid;
	loff_t ia_size;
	struct timespec64 ia_atime, ia_mtime, ia_ctime;
};

/*
 * Directory and attribute operations. Unless noted, dir->i_rwsem is held
 * for writing by the VFS and the method may sleep. Names are not
 * NUL-terminated: (name, len), 1 <= len <= NAME_MAX, never "." or "..",
 * except that ->lookup also gets "..". Methods that create take the
 * new inode's mode with its type bits and return 0 or -errno; the VFS
 * has checked permissions and that the name is free (create, mkdir,
 * symlink, mknod) or names victim (unlink, rmdir).
 *
 *  lookup   dir->i_rwsem held for reading. The child called name, with a
 *           reference, or ERR_PTR(-ENOENT) (or another -errno).
 *  create   a regular file; *res gets it with a reference.
 *  mkdir    a directory.
 *  symlink  a symbolic link to target (NUL-terminated, < PATH_MAX).
 *  mknod    a device or fifo node (mode's type) with device number rdev.
 *  link     another name for old (not a directory) in dir.
 *  unlink   remove name (victim, not a directory) from dir.
 *  rmdir    remove the empty directory victim called name; victim->i_rwsem
 *           is held too (subclass 1). -ENOTEMPTY if it has entries.
 *  rename   move old_dir/old_name (inode old) to new_dir/new_name,
 *           replacing victim if not NULL (the VFS checked the types);
 *           with flags RENAME_EXCHANGE, swap the two names instead
 *           (victim is then the other file, never NULL; return
 *           -EINVAL if the fs cannot). rename_mutex and both directories
 *           held (see above). The VFS moves the dentries afterwards.
 *  get_link the target of a symlink into buf[size] (NUL-terminated);
 *           returns its length or -errno. No lock needed: a link's
 *           target never changes.
 *  setattr  change the fields attr->ia_valid names; inode->i_rwsem held
 *           for writing. ATTR_SIZE truncates or extends (zero-filled).
 */
struct inode_operations {
	struct inode *(*lookup)(struct inode *dir, const char *name, size_t len);
	int (*create)(struct inode *dir, const char *name, size_t len, unsigned int mode,
		      struct inode **res);
	int (*mkdir)(struct inode *dir, const char *name, size_t len, unsigned int mode);
	int (*symlink)(struct inode *dir, const char *name, size_t len, const char *target);
	int (*mknod)(struct inode *dir, const char *name, size_t len, unsigned int mode, u32 rdev);
	int (*link)(struct inode *old, struct inode *dir, const char *name, size_t len);
	int (*unlink)(struct inode *dir, const char *name, size_t len, struct inode *victim);
	int (*rmdir)(struct inode *dir, const char *name, size_t len, struct inode *victim);
	int (*rename)(struct inode *old_dir, const char *old_name, size_t old_len, struct inode *old,
		      struct inode *new_dir, const char *new_name, size_t new_len,
		      struct inode *victim, unsigned int flags);
	int (*get_link)(struct inode *inode, char *buf, size_t size);
	int (*setattr)(struct inode *inode, const struct iattr *attr);
};

/*
 * Super-block operations (all may sleep unless noted; none is called with
 * a spinlock held). Missing methods: the VFS does without.
 *
 *  evict_inode    the last reference to an inode is gone (or it is being
 *                 dropped from the inode cache): free its contents; no lock.
 *  destroy_inode  free the struct inode (the fs allocated it, usually
 *                 inside a larger struct of its own); no lock. Required.
 *  dirty_inode    mark_inode_dirty() was called (the inode is now on the
 *                 sb's dirty list); no lock held, the caller may hold the
 *                 inode's i_rwsem.
 *  write_inode    write inode's attributes out (sync_fs or the last iput
 *                 of a dirty inode); wait: wait for the I/O. 0 or -errno.
 *                 No VFS lock held.
 *  sync_fs        make everything written so far durable (sync, syncfs,
 *                 umount); called under super_mutex. 0 or -errno.
 *  statfs         fill *st (the VFS fills f_flags, f_fsid, f_namelen
 *                 defaults first); 0 or -errno. No lock held.
 *  put_super      the last mount is gone, after the dentries were freed:
 *                 release the fs's private state (not the sb itself:
 *                 ->kill_sb of the type frees it). No lock held.
 *  remount_fs     may be NULL. mount(MS_REMOUNT) is about to make sb
 *                 read-only (rdonly) or writable: prepare (write
 *                 everything back; mark the disk in use) or refuse with
 *                 -errno (the flags then stay as they were). No VFS lock
 *                 held.
 *  d_revalidate   may be NULL. A cached dentry of this fs was found by a
 *                 lookup: is it still right? false unhashes it and asks
 *                 ->lookup again (procfs: pids come and go without the
 *                 VFS). Spinlocks only, no sleeping.
 */
struct super_operations {
	void (*evict_inode)(struct inode *inode);
	void (*destroy_inode)(struct inode *inode);
	void (*dirty_inode)(struct inode *inode);
	int (*write_inode)(struct inode *inode, bool wait);
	int (*sync_fs)(struct super_block *sb, bool wait);
	int (*statfs)(struct dentry *root, struct statfs *st);
	void (*put_super)(struct super_block *sb);
	int (*remount_fs)(struct super_block *sb, bool rdonly);
	bool (*d_revalidate)(struct dentry *dentry);
};

/* sb->s_flags */
#define SB_RDONLY 0x1u   /* mounted read-only (MS_RDONLY) */

struct file_system_type;

/*
 * One file-system instance. Made by its type's ->mount (usually through
 * sget_anon()), counted by the mounts that show it (s_active); the last
 * one's going calls the type's ->kill_sb. Locks: s_list and the list of
 * all super blocks under "super_mutex"; s_inodes and s_dirty under
 * "inode_hash_lock".
 */
struct super_block {
	struct file_system_type *s_type;       /* [I] */
	u32 s_dev;                             /* [I] st_dev of its inodes */
	u32 s_magic;                           /* [I] statfs f_type */
	unsigned int s_flags;                  /* [a] SB_* */
	const struct super_operations *s_op;   /* [I] */
	struct dentry *s_root;                 /* [I] with a reference; NULL for kdevfs */
	u64 s_next_ino;                        /* [a] next inode number (__atomic) */
	void *s_fs_info;                       /* [I] file-system private */
	atomic_t s_active;                     /* [a] mounts of it */
	struct list_head s_list;               /* [super_mutex] in the list of all */
	struct list_head s_inodes;             /* [inode_hash_lock] its hashed inodes */
	struct list_head s_dirty;              /* [inode_hash_lock] inodes marked dirty */
};

/* inode->i_state, [inode_hash_lock] */
#define I_NEW      0x1u   /* being read in by iget_locked()'s caller */
#define I_FREEING  0x2u   /* being evicted: lookers wait, then retry */
#define I_DIRTY    0x4u   /* on s_dirty: write_inode at sync or the last iput */

struct inode {
	/* [I] */
	u64 i_ino;
	struct super_block *i_sb;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;   /* what open() installs in the file */
	u32 i_rdev;                            /* device number (char/block nodes) */
	atomic_t i_count;                      /* [a] references, see "Inode lifetime" */

	struct rw_semaphore i_rwsem;           /* "inode_rwsem": the [i] fields and contents */
	unsigned int i_mode;                   /* [i] type (I) and permission bits */
	unsigned int i_nlink;                  /* [i] names in directories (dirs: 2 + subdirs) */
	u32 i_uid, i_gid;                      /* [i] */
	loff_t i_size;                         /* [i] bytes (symlinks: target length) */
	u64 i_blocks;                          /* [i] 512-byte units of storage held */
	struct timespec64 i_atime, i_mtime, i_ctime;  /* [i] */
	void *i_private;                       /* file-system private, its own rules */

	/* the page cache (mm/pagemap.h) */
	struct address_space *i_mapping;       /* [I] &i_data (a block device file: the disk's) */
	struct address_space i_data;           /* this inode's own cached pages */
	struct pipe_inode_info *i_pipe;        /* [pipe_files_lock] a FIFO's pipe while open (fs/pipe.h) */

	/* the inode cache (inode.c); only inodes of file systems that use iget_locked */
	unsigned int i_state;                  /* [inode_hash_lock] I_* */
	struct hlist_node i_hash;              /* [inode_hash_lock] by (sb, ino) */
	struct list_head i_sb_list;            /* [inode_hash_lock] in sb->s_inodes */
	struct list_head i_dirty;              /* [inode_hash_lock] in sb->s_dirty */
};

/* ---------------------------------------------------------------- inodes (inode.c) */

/*
 * Initialise a freshly allocated inode of sb: a new inode number, one
 * reference, the given mode, owner = the caller's fsuid/fsgid, times now.
 */
void inode_init(struct inode *inode, struct super_block *sb, unsigned int mode);
void iget(struct inode *inode);
/*
 * Drop a reference; the last one evicts and frees the inode (a dirty
 * hashed inode is first written with ->write_inode). May sleep.
 */
void iput(struct inode *inode);

/*
 * The inode cache, for file systems whose inodes have stable numbers
 * (ext2): iget_locked(sb, ino, alloc) returns the cached inode with a new
 * reference, waiting while another task reads it in, or a new one made
 * by alloc and set up with inode_init(). A new inode comes back with I_NEW set, i_ino = ino, one reference, hashed: the
 * caller fills it, then unlock_new_inode() (lookers wake), or
 * iget_failed() if it could not be read (it is unhashed and freed).
 * alloc is the fs's allocator (returns a zeroed struct inode inside its
 * own struct, or NULL). ERR_PTR(-ENOMEM). May sleep.
 */
struct inode *iget_locked(struct super_block *sb, u64 ino, struct inode *(*alloc)(struct super_block *));
void unlock_new_inode(struct inode *inode);
void iget_failed(struct inode *inode);
/* Hash a freshly created inode (inode_init'ed, ino set) so iget_locked finds it. */
void insert_inode_hash(struct inode *inode);
/* The inode changed (attributes): ->dirty_inode, and a hashed one joins sb->s_dirty. */
void mark_inode_dirty(struct inode *inode);
/* Write every dirty inode of sb with ->write_inode; the first error or 0. May sleep. */
int sync_inodes_sb(struct super_block *sb, bool wait);
/* Hashed inodes of sb (umount checks; tests). */
unsigned long inode_cache_count(struct super_block *sb);

/* The current time for timestamps (wall clock; monotonic if no RTC). */
struct timespec64 current_time(void);
/* Set mtime and ctime to now (i_rwsem held for writing). */
void inode_touch_mc(struct inode *inode);

/* Permission bits asked for in inode_permission(). */
#define MAY_EXEC  0x1
#define MAY_WRITE 0x2
#define MAY_READ  0x4

/*
 * May the current task access inode as mask asks? Unix rules on the
 * task's fsuid/fsgid and groups (real ids if use_real, for access()):
 * owner, group, other bits; uid 0 may read and write anything and
 * execute anything with some x bit (or any directory). 0 or -EACCES.
 * Reads the mode without a lock (a racing chmod gives either answer).
 */
int inode_permission(struct inode *inode, int mask, bool use_real);

/* The caller's fs user and group ids (0, 0 for kernel threads). */
u32 current_fsuid(void);
u32 current_fsgid(void);

/*
 * Make inode a device or fifo node: i_rdev = rdev and i_fop the generic
 * opener that looks the device up when the node is opened (today only the
 * console, 5:1 and 5:0; others give -ENXIO).
 */
void init_special_inode(struct inode *inode, unsigned int mode, u32 rdev);

struct kstat {
	u32 dev;
	u64 ino;
	unsigned int mode;
	unsigned int nlink;
	u32 uid, gid;
	u32 rdev;
	loff_t size;
	u64 blocks;           /* 512-byte units */
	unsigned int blksize;
	struct timespec64 atime, mtime, ctime;
};

/* Fill *st from inode (takes i_rwsem for reading). 0. May sleep. */
int vfs_getattr_inode(struct inode *inode, struct kstat *st);

/*
 * Apply attr to inode through ->setattr, taking i_rwsem. ATTR_SIZE on a
 * directory: -EISDIR; on a non-regular file: -EINVAL. ctime is set.
 */
int vfs_setattr(struct inode *inode, const struct iattr *attr);
/* Copy attr's mode, owner and time fields into inode; ctime = now (i_rwsem held for writing). */
void inode_apply_attr(struct inode *inode, const struct iattr *attr);
int vfs_truncate(struct inode *inode, loff_t size);

/* Is gid the caller's fs group id or one of its supplementary groups? */
bool in_group_p(u32 gid);
/*
 * chmod(2) on inode: the owner or root only (-EPERM); S_ISGID is dropped
 * when a non-root caller is not in the file's group; ctime = now.
 * The caller checked read-only mounts (-EROFS). 0 or -errno. May sleep.
 */
int vfs_chmod(struct inode *inode, unsigned int mode);
/*
 * chown(2) on inode; uid/gid (u32)-1 leave that id alone. Root may do
 * anything; the owner may keep its uid and set the group to one it is
 * in; else -EPERM. On a non-directory S_ISUID is cleared and S_ISGID when
 * S_IXGRP is set (Linux's rule); ctime = now. 0 or -errno. May sleep.
 */
int vfs_chown(struct inode *inode, u32 uid, u32 gid);
/*
 * utimensat(2) on inode: times NULL (or both UTIME_NOW) sets both to now
 * and needs ownership, root or write permission (-EACCES); other times
 * (explicit, UTIME_NOW, UTIME_OMIT per field) need ownership or root
 * (-EPERM). The caller validated tv_nsec and handled both-UTIME_OMIT.
 */
int vfs_utimes(struct inode *inode, const struct timespec64 *times);
/*
 * fallocate(2) mode 0 on inode: make the size at least offset + len
 * (zero-filled; mtime and ctime move when it grows). The caller checked
 * the arguments. -ENODEV for non-regular files, -EISDIR for directories,
 * -EOPNOTSUPP without ->setattr, -EFBIG past the file system's limit.
 */
int vfs_fallocate(struct inode *inode, loff_t offset, loff_t len);

/* ---------------------------------------------------------------- path lookup (namei.c) */

/* renameat2 flags (linux/fs.h) */
#define RENAME_NOREPLACE 0x1u
#define RENAME_EXCHANGE  0x2u
#define RENAME_WHITEOUT  0x4u

/* Lookup flags. */
#define LOOKUP_FOLLOW    0x1   /* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 0x2   /* the result must be a directory */

/* Where a lookup starts: the root it cannot climb above and the start directory. */
struct lookup_root {
	struct path root;     /* borrowed for the call */
	struct path start;    /* for a relative path; borrowed */
};

/*
 * Resolve path (a kernel string, at most PATH_MAX bytes with its NUL)
 * from lr. Intermediate symlinks are always followed, the last only with
 * LOOKUP_FOLLOW (or a trailing slash); at most MAXSYMLINKS in all.
 * "." and ".." work, ".." stays at lr->root. Returns 0 and the inode with
 * a reference in *res, or -ENOENT (missing, or an empty path),
 * -ENOTDIR (a non-directory used as one), -EACCES (no search permission),
 * -ENAMETOOLONG (a name over NAME_MAX or a path over PATH_MAX after
 * symlink expansion), -ELOOP, -ENOMEM. May sleep.
 */
int vfs_lookup(const struct lookup_root *lr, const char *path, unsigned int flags,
	       struct inode **res);
/* The same, giving the place found (mount and dentry, both referenced: path_put). */
int vfs_path_lookup(const struct lookup_root *lr, const char *path, unsigned int flags,
		    struct path *res);

/* The VFS operations below resolve path the same way, then act. Each may sleep. */
int vfs_mkdir(const struct lookup_root *lr, const char *path, unsigned int mode);
int vfs_mknod(const struct lookup_root *lr, const char *path, unsigned int mode, u32 rdev);
int vfs_symlink(const struct lookup_root *lr, const char *target, const char *path);
int vfs_link(const struct lookup_root *lr, const char *oldpath, unsigned int flags,
	     const struct lookup_root *newlr, const char *newpath);
int vfs_unlink(const struct lookup_root *lr, const char *path);
int vfs_rmdir(const struct lookup_root *lr, const char *path);
int vfs_rename(const struct lookup_root *oldlr, const char *oldpath,
	       const struct lookup_root *newlr, const char *newpath, unsigned int flags);
/* Read a symlink's target into buf (not NUL-terminated); length or -errno. */
int vfs_readlink(struct inode *inode, char *buf, size_t size);

/*
 * Open or create (O_CREAT) the file at path, with open(2)'s flags and
 * mode (before umask: the caller applies it). Returns a new struct file
 * with one reference, or ERR_PTR(-errno).
 */
struct file *vfs_open(const struct lookup_root *lr, const char *path, int flags,
		      unsigned int mode);

/* The path of dir from root into buf[size] (getcwd): d_path() with -ENOENT for a removed dir. */
int vfs_path_of(const struct path *root, const struct path *dir, char *buf, size_t size);

/* ---------------------------------------------------------------- fs_struct (fs_struct.c) */

/*
 * Root, current directory and umask of a task; shared by the threads of a
 * CLONE_FS clone. Locks: "fs_struct_lock" guards root, cwd and umask
 * (a spinlock: held only to read or swap the pointers, references
 * taken inside).
 */
struct fs_struct {
	atomic_t count;             /* [a] tasks sharing it */
	struct spinlock lock;       /* "fs_struct_lock" */
	struct path root;           /* [lock] with references */
	struct path pwd;            /* [lock] with references */
	unsigned int umask;         /* [lock] */
};

/* A new fs_struct at the root file system's root, cwd "/", umask 022; NULL if out of memory. */
struct fs_struct *fs_create_root(void);
/* A copy of old (fork without CLONE_FS); NULL if out of memory. */
struct fs_struct *fs_dup(struct fs_struct *old);
void fs_get(struct fs_struct *fs);
void fs_put(struct fs_struct *fs);

/*
 * The current task's lookup root: its fs_struct's root and cwd (or the
 * root file system's root for both when current->fs is NULL), each with a
 * reference: release with lookup_root_put().
 */
void lookup_root_current(struct lookup_root *lr);
void lookup_root_put(struct lookup_root *lr);
/* The current task's umask (022 without an fs_struct). */
unsigned int current_umask(void);
/* Replace the current task's cwd or root (takes its own references); -ENOENT if no fs_struct. */
int fs_set_pwd(const struct path *dir);
int fs_set_root(const struct path *dir);
/* Set the current task's umask (& 0777); the old one. Without an fs_struct: 022, nothing set. */
unsigned int fs_set_umask(unsigned int mask);

/* ---------------------------------------------------------------- boot (super.c) */

/* The root file system's root inode (borrowed: valid until shutdown). */
struct inode *fs_root_inode(void);
/*
 * The root of the mount tree, with references (path_put): "/" of the
 * initramfs, or of the disk mounted over it (root=).
 */
void fs_root_path(struct path *p);

/*
 * Boot, after fs_init and the disk drivers: mount the disk the command
 * line's root= names over "/" (do_mounts.c, docs/boot.md). 0 if mounted
 * or none asked for, else the -errno (reported; the ramfs root stays).
 */
int mount_root_device(void);

/*
 * Power-off, halt and reboot: write back every mounted file system and
 * make it read-only (clean on disk). The machine stops right after.
 */
void fs_shutdown(void);

/*
 * Boot: inode and file caches, the ramfs root, the console inode, then
 * unpack the initramfs the device tree names (if any) and give its pages
 * back to the page allocator. Call once from the init thread, before any
 * file is opened (kernel/init/main.c). Never fails: a bad archive is
 * reported and boot goes on with what was unpacked.
 */
void fs_init(void);

#endif /* FS_FS_H */
