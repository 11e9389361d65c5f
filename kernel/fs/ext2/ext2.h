/*
 * The ext2 driver's private interface (kernel/fs/ext2/ext2_*.c; the
 * format is <fs/ext2_fs.h>, the pure helpers are ext2_{bmap,dirent,
 * bitmap,layout,journal}.h). docs/ext2.md, "Driver", is the long form.
 *
 * Files:
 *   ext2_super.c   mount/umount, superblock and group descriptors, statfs, sync_fs
 *   ext2_txn.c     the metadata-update layer (JBD2 handles, or plain dirtying without a journal)
 *   ext2_jnl.c     the journal at mount/unmount: find inode 8, load (replay), RECOVER flag
 *   ext2_alloc.c   block and inode allocation with the bitmaps
 *   ext2_inode.c   iget, write_inode, new inodes, eviction, setattr
 *   ext2_map.c     logical -> physical block mapping, allocation of data blocks, truncate
 *   ext2_file.c    regular files: address_space and file operations
 *   ext2_dir.c     directories: entries, lookup, getdents, create ... rename; symlinks
 *
 * Metadata lives in 4 KiB pages of the block device's page cache
 * (bdev_mapping(), page index == block number); file data in each
 * inode's own page cache. Every metadata change runs inside a
 * transaction (struct ext2_txn): ext2_meta_access() before changing a
 * cached block, ext2_meta_dirty() after.
 *
 * Locks (docs/locking.md), outermost first:
 *   inode i_rwsem (VFS)  directory entries; file size and contents
 *   page lock            a file's data page (write_begin, readpage, writepage)
 *   ei->map_mutex        "ext2_map": one inode's i_data[] and indirect blocks
 *   sbi->alloc_mutex     "ext2_alloc": bitmaps, group descriptors, superblock counts
 */
#ifndef KERNEL_FS_EXT2_EXT2_H
#define KERNEL_FS_EXT2_EXT2_H

#include <block/blkdev.h>
#include <fs/ext2_fs.h>
#include <fs/file.h>
#include <fs/fs.h>
#include <fs/jbd2.h>
#include <kernel/types.h>
#include <locking/mutex.h>
#include <locking/spinlock.h>

#include "ext2_layout.h"

#define EXT2_APB_BITS (EXT2_BLOCK_SIZE_BITS - 2)

struct ext2_sb_info {
	struct block_device *bdev;          /* [I] */
	struct super_block *sb;             /* [I] */
	struct ext2_layout layout;          /* [I] */
	struct page *sb_page;               /* [I] block 0, referenced for the mount's life */
	struct ext2_super_block *es;        /* [alloc_mutex] inside sb_page */
	struct page **gd_pages;             /* [I] the descriptor table's blocks, referenced */
	u32 first_ino;                      /* [I] */
	u64 max_bytes;                      /* [I] largest file size */
	bool has_journal;                   /* [I] the image has a journal (inode 8) */
	journal_t *journal;                 /* [namespace] the loaded journal while mounted
					     * read-write, else NULL (ext2_jnl.c) */
	bool force_ro;                      /* [I] unknown ro_compat features or a read-only device */
	u16 mount_state;                    /* [I] s_state found at mount; put back at unmount */
	bool rw_mounted;                    /* [namespace] writable: s_state on disk says not clean */
	bool crashed;                       /* [namespace] ext2_journal_crash(): write nothing more */
	struct mutex alloc_mutex;           /* "ext2_alloc" */
	u32 last_ino_group;                 /* [alloc_mutex] where the last inode went */
	struct list_head node;              /* [ext2_mounts_lock] mounted devices */
};

struct ext2_inode_info {
	struct inode vfs;
	struct mutex map_mutex;             /* "ext2_map" */
	u32 i_data[EXT2_N_BLOCKS];          /* [map_mutex] block pointers (or fast symlink/device) */
	u32 goal;                           /* [map_mutex] the last block allocated */
	u32 i_flags;                        /* [i_rwsem] */
	u32 i_dtime;                        /* [i_rwsem] */
	u32 i_generation;                   /* [I] */
	u32 i_file_acl;                     /* [I] kept as read */
};

static inline struct ext2_sb_info *EXT2_SB(struct super_block *sb)
{
	return sb->s_fs_info;
}

static inline struct ext2_inode_info *EXT2_I(struct inode *inode)
{
	return (struct ext2_inode_info *)inode;
}

/* A group descriptor (inside a pinned page). */
struct ext2_group_desc *ext2_gd(struct ext2_sb_info *sbi, u32 group);
/* The page holding group's descriptor. */
struct page *ext2_gd_page(struct ext2_sb_info *sbi, u32 group);

/* Report on-disk corruption (once per kind) and return -EUCLEAN. */
int ext2_corrupt(struct super_block *sb, const char *what, u64 n);

/* ---------------------------------------------------------------- transactions (ext2_txn.c) */

/*
 * One atomic metadata update: with a journal a JBD2 handle (joined by
 * nested starts of the same task on the same file system), without one
 * only a context. ext2_txn.c. Start a transaction before locking a data
 * page; never start one in ->writepage.
 */
struct ext2_jctx;
struct ext2_txn {
	struct ext2_sb_info *sbi;
	handle_t *handle;          /* the journal's handle, NULL without one */
	struct ext2_jctx *ctx;     /* the task's handle context, NULL without a journal */
};

/* nblocks: metadata blocks it may dirty (an estimate: more are added on demand). 0 or -errno. */
int ext2_txn_start(struct super_block *sb, struct ext2_txn *t, int nblocks);
int ext2_txn_stop(struct ext2_txn *t);
/* Stop the task's innermost transaction on sb started elsewhere (write_begin -> write_end). */
int ext2_txn_stop_current(struct super_block *sb);
/* Before changing a cached metadata block: 0 or -errno. */
int ext2_meta_access(struct ext2_txn *t, struct page *page);
/* After changing it. */
void ext2_meta_dirty(struct ext2_txn *t, struct page *page);
/*
 * A freed block: drop it from the device cache and, if it held metadata
 * (meta: indirect or directory block), revoke it in the journal.
 */
void ext2_meta_forget(struct ext2_txn *t, u32 block, bool meta);
/* May the allocator hand out block (no uncommitted revoke of it)? Does not sleep. */
/*
 * The first block >= block the allocator may reuse: a freed block whose
 * revoke has not committed may not be (a run of them is skipped at once).
 */
u64 ext2_next_reusable(struct ext2_sb_info *sbi, u32 block);
/*
 * inode got a new data block in t: its data must reach the disk before t
 * commits (ordered mode). Nothing to do without a journal. 0 or -errno.
 */
int ext2_txn_file_data(struct ext2_txn *t, struct inode *inode);
/*
 * Make every metadata change made so far durable: commit the journal, or
 * without one write every dirty metadata block and flush. 0 or -errno.
 */
int ext2_txn_commit(struct ext2_sb_info *sbi);

/* ---------------------------------------------------------------- the journal (ext2_jnl.c) */

/*
 * Load the journal of a has_journal image (replaying it; the caller then
 * re-reads every cached metadata block if *replayed) into sbi->journal and
 * mark the superblock RECOVER (written at once). 0 or -errno.
 */
int ext2_journal_open(struct ext2_sb_info *sbi, bool *replayed);
/* Commit and close the journal, clear RECOVER (the caller writes the superblock). 0 or -EIO. */
int ext2_journal_close(struct ext2_sb_info *sbi);
/*
 * Tests only: a crash now. The journal is abandoned (jbd2_journal_abandon)
 * and the mount writes nothing more (transactions fail with -EIO, data
 * pages are dropped) until it is unmounted; the next mount replays.
 */
void ext2_journal_crash(struct super_block *sb);
/* ---------------------------------------------------------------- allocation (ext2_alloc.c) */

/* Is block a valid data block number (not in the metadata of its group)? */
bool ext2_block_valid(struct ext2_sb_info *sbi, u32 block);
/* Allocate one block near goal: 0 and *out, or -ENOSPC, -EUCLEAN, -EIO. */
int ext2_new_block(struct ext2_txn *t, u32 goal, u32 *out);
/*
 * After -ENOSPC, with the caller's transaction stopped: true if the counts
 * say blocks are free (freed by a transaction not yet committed, so the
 * allocator skipped them) and a forced commit has made them reusable; the
 * caller retries, at most 3 times (ext3's ext3_should_retry_alloc).
 */
bool ext2_should_retry_alloc(struct super_block *sb, int *retries);
/* Free one block (must be allocated); meta: it held metadata (revoked). 0 or -EUCLEAN. */
int ext2_free_block(struct ext2_txn *t, u32 block, bool meta);
/* Allocate an inode near dir (Orlov-lite: dirs spread, files with the parent). 0 and *ino, -ENOSPC. */
int ext2_new_ino(struct ext2_txn *t, struct inode *dir, bool is_dir, u32 *ino);
/* Free inode number ino (was a directory: is_dir). */
int ext2_free_ino(struct ext2_txn *t, u32 ino, bool is_dir);
/* Free blocks/inodes now (statfs). */
void ext2_counts(struct ext2_sb_info *sbi, u64 *free_blocks, u64 *free_inodes);

/* ---------------------------------------------------------------- inodes (ext2_inode.c) */

extern const struct super_operations ext2_sops;
/* Where inode ino lives: its table block and the byte offset in it. 0 or -EUCLEAN. */
int ext2_inode_loc(struct ext2_sb_info *sbi, u32 ino, u32 *block, u32 *off);
struct inode *ext2_iget(struct super_block *sb, u32 ino);
void ext2_evict_inode(struct inode *inode);
void ext2_destroy_inode(struct inode *inode);
int ext2_write_inode(struct inode *inode, bool wait);
/* Copy the in-core inode into its table block within t. */
int ext2_write_inode_txn(struct ext2_txn *t, struct inode *inode);
/* A new inode of mode (type bits included) in dir, hashed, with one reference. */
struct inode *ext2_new_inode(struct ext2_txn *t, struct inode *dir, unsigned int mode);
void ext2_set_ops(struct inode *inode);
int ext2_setattr(struct inode *inode, const struct iattr *attr);
/* i_blocks bookkeeping: +/- one 4 KiB block. */
void ext2_add_blocks(struct inode *inode, long nblocks);

/* ---------------------------------------------------------------- block map (ext2_map.c) */

/*
 * The physical block of logical block lbn of inode: 0 and *pblk (0 for a
 * hole when !create). With create, allocate it (and indirect blocks) in
 * t; *is_new says it was just allocated (its contents are garbage).
 * -EFBIG past the reach, -ENOSPC, -EUCLEAN for a bad pointer on disk.
 * Takes ei->map_mutex.
 */
int ext2_get_block(struct ext2_txn *t, struct inode *inode, u64 lbn, bool create, u32 *pblk,
		   bool *is_new);
/* Free every block of inode from logical block first_lbn on (truncate). */
int ext2_truncate_blocks(struct ext2_txn *t, struct inode *inode, u64 first_lbn);

/* ---------------------------------------------------------------- files and directories */

extern const struct address_space_operations ext2_aops;
extern const struct file_operations ext2_file_fops;
extern const struct inode_operations ext2_file_iops;
extern const struct file_operations ext2_dir_fops;
extern const struct inode_operations ext2_dir_iops;
extern const struct inode_operations ext2_symlink_iops;
extern const struct inode_operations ext2_special_iops;

/* ->fsync of files and directories (ext2_file.c). */
int ext2_fsync(struct file *file, loff_t start, loff_t end, int datasync);

/* Change the size of a regular file (truncate or extend), i_rwsem held for writing. */
int ext2_set_size(struct inode *inode, loff_t size);

/* Make the first block of a new directory ("." and ".."); 0 or -errno. */
int ext2_make_empty_dir(struct ext2_txn *t, struct inode *inode, struct inode *parent);

#endif /* KERNEL_FS_EXT2_EXT2_H */
