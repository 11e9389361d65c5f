/*
 * Private interfaces between the files of kernel/fs/ (not for other
 * subsystems: they use <fs/fs.h> and <fs/file.h>).
 */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <fs/file.h>
#include <fs/fs.h>

/* ramfs.c: a new, empty ramfs; its root dentry in sb->s_root. NULL if out of memory. */
struct super_block *ramfs_create(void);
/* ramfs.c: free a ramfs made by ramfs_create() (no mount): its whole tree, dentries and sb. */
void ramfs_destroy(struct super_block *sb);
/* ramfs.c: register the "ramfs" and "tmpfs" types. */
void ramfs_register(void);
/* ext2/ext2_super.c: register the "ext2" and "ext3" types. */
void ext2_register(void);

/* dcache.c */
extern struct spinlock dcache_lock;
/* dget with dcache_lock held (d found under it). */
void dget_locked(struct dentry *d);
/* Check the dcache's invariants (LRU, hash, counts); NULL or what is wrong. */
const char *dcache_validate(void);

/* mount.c */
void mount_root_init(struct super_block *root_sb);
/* Cross into whatever is mounted on p (repeatedly); p's references move. */
void follow_mounts(struct path *p);
/* ".." from p, not above root, across mount roots; p's references move. */
void follow_dotdot(struct path *p, const struct path *root);
int do_remount(const struct path *where, unsigned int mnt_flags);
int do_bind_mount(const struct path *old, const struct path *where, unsigned int mnt_flags);
/* ramfs.c: pages of file data held by every ramfs (for tests and the monitor). */
unsigned long ramfs_data_pages(void);
/* ramfs.c: inodes alive in every ramfs; file.c: struct files alive (leak checks). */
unsigned long ramfs_inode_count(void);
long nr_open_files(void);

/* super.c: the console's device inode (kdevfs), with a reference for the caller. */
struct inode *console_inode_get(void);

/* file.c, fs_struct.c: boot-time slab caches. */
void file_cache_init(void);
void fs_struct_cache_init(void);

/* initramfs.c */
struct initramfs_stats {
	unsigned long files, dirs, symlinks, nodes, hardlinks, skipped;
	size_t bytes;              /* file data written */
	const char *error;         /* the archive's first fatal error, or NULL */
	size_t error_off;
};

/*
 * Unpack the newc archive buf[len] under lr->root (names are relative to
 * it; "./" and "/" prefixes are dropped). Regular files, directories,
 * symlinks, hard links, device and fifo nodes, with their modes, owners
 * and mtimes; what cannot be made is reported and skipped. Returns 0,
 * or -EINVAL if the archive was corrupt (what came before the corruption
 * stays), -ENOMEM. Sleeps.
 */
int initramfs_unpack(const struct lookup_root *lr, const void *buf, size_t len,
		     struct initramfs_stats *st);

/* super.c: what fs_init() did with the boot initramfs. */
extern struct initramfs_stats initramfs_boot_stats;
extern u64 initramfs_boot_ns;
extern unsigned long initramfs_boot_freed;

/* devtmpfs.c: register the "devtmpfs" type (boot, after tmpfs). */
void devtmpfs_register(void);

#endif /* FS_INTERNAL_H */
