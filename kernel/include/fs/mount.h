/*
 * File-system types and mounts (kernel/fs/mount.c, super.c). Included by
 * <fs/fs.h>; see docs/vfs.md.
 *
 * A file_system_type names a kind of file system ("ramfs", "tmpfs",
 * "ext2") and knows how to make an instance: ->mount returns the root
 * dentry of a super block (new, or an existing one for a device already
 * mounted). A vfsmount shows a super block's tree (or, for a bind mount,
 * a subtree) at a place in the mount tree: mounts hang on dentries of
 * their parent mount. A path walk that reaches a mounted-on dentry goes
 * on at the root of the mount on it; ".." at a mount's root goes to its
 * mountpoint in the parent first.
 *
 * Lifetime: a vfsmount is counted (mntget/mntput): the mount tree holds
 * one for an attached mount, every struct path (cwd, root, open files,
 * walks) one more. umount without MNT_DETACH needs nothing but the tree
 * and the caller to hold it (else -EBUSY); MNT_DETACH takes it (and its
 * submounts) out of the tree at once and the last mntput frees it. The
 * last mount of a super block calls the type's ->kill_sb.
 *
 * Locks (docs/locking.md): "namespace_mutex" (sleeping) serialises
 * changes of the mount tree (mount, umount, remount); "mount_lock" (a
 * spinlock) guards the mount hash and links so walkers can cross mounts
 * without sleeping; "dcache_lock" nests inside it. "file_systems_lock"
 * guards the list of registered types, "super_mutex" the list of super
 * blocks (sync walks it).
 */
#ifndef FS_MOUNT_H
#define FS_MOUNT_H

#include <kernel/types.h>
#include <lib/list.h>

struct dentry;
struct super_block;
struct path;
struct statfs;

#define FS_REQUIRES_DEV 0x1   /* ->mount's source names a block device */

/*
 * ->mount(type, flags, source, data): make or find the super block and
 * return its root dentry with a reference, or ERR_PTR(-errno). flags are
 * mount(2)'s MS_* (MS_RDONLY matters: set SB_RDONLY); source the device
 * path or a name; data the option string (NUL-terminated, may be NULL).
 * No VFS lock held; may sleep. The new super block's s_active is 0: the
 * VFS counts the mounts. ->kill_sb(sb): the last mount is gone; shut the
 * instance down (generic_shutdown_super() frees the dentries) and free it.
 */
struct file_system_type {
	const char *name;
	int fs_flags;
	struct dentry *(*mount)(struct file_system_type *type, int flags, const char *source,
				void *data);
	void (*kill_sb)(struct super_block *sb);
	struct list_head fs_list;   /* [file_systems_lock] */
};

/* mnt_flags */
#define MNT_NOSUID   0x1u
#define MNT_NODEV    0x2u
#define MNT_NOEXEC   0x4u
#define MNT_READONLY 0x8u

struct vfsmount {
	struct dentry *mnt_root;     /* [I] with a reference */
	struct super_block *mnt_sb;  /* [I] counted in s_active */
	unsigned int mnt_flags;      /* [namespace_mutex] MNT_*; read without a lock */
};

/* 0, or -EBUSY if a type of that name is registered. */
int register_filesystem(struct file_system_type *type);
int unregister_filesystem(struct file_system_type *type);
/* The registered type called name, or NULL. */
struct file_system_type *get_fs_type(const char *name);

/* A new mount (detached, not in the tree) of a new instance of type; ERR_PTR(-errno). May sleep. */
struct vfsmount *vfs_kern_mount(struct file_system_type *type, int flags, const char *source,
				void *data);
struct vfsmount *mntget(struct vfsmount *mnt);
/* Drop a reference; a detached mount's last one frees it (and may kill its sb). May sleep. */
void mntput(struct vfsmount *mnt);
/* Attach mnt (the caller's reference moves to the tree) on the directory at where. 0 or -errno. */
int do_add_mount(struct vfsmount *mnt, const struct path *where);
/* umount2's core on the mount whose root where is; 0, -EINVAL, -EBUSY. May sleep. */
int do_umount(const struct path *where, unsigned int flags);

/* Super blocks. */
/* A new super block of type with an anonymous device number 0:N (s_active 0). NULL if no memory. */
struct super_block *sget_anon(struct file_system_type *type);
/* Free the dentries of sb, drop s_root, ->put_super, take it off the list (->kill_sb calls it). */
void generic_shutdown_super(struct super_block *sb);
/* sync(2): ->sync_fs of every super block. syncfs: one. */
void sync_filesystems(void);
int sync_filesystem(struct super_block *sb);
/* statfs of the file system path is on (f_flags from the mount). 0 or -errno. */
int vfs_statfs(const struct path *path, struct statfs *st);

/*
 * The mount table in /proc/mounts format, one line per mount
 * ("source mountpoint type rw,nosuid,nodev,noexec 0 0"), mountpoints
 * relative to the caller's root (mounts outside it left out). Writes at
 * most size bytes (always NUL-terminated if size > 0) and returns the
 * length the whole table needs (without the NUL), like snprintf. May sleep.
 */
int mounts_show(char *buf, size_t size);

/*
 * The device number of the block special file at path (for a ->mount of
 * an FS_REQUIRES_DEV type): 0 and *dev, or -ENOTBLK (not a block device),
 * -EACCES (on a nodev mount), or a lookup error. May sleep.
 */
int lookup_bdev(const char *path, u32 *dev);

#endif /* FS_MOUNT_H */
