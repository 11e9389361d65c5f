/*
 * ext2 inodes: reading an on-disk inode into the inode cache (iget),
 * writing it back, making new ones, freeing dead ones, setattr.
 *
 * An on-disk inode is 256 bytes in its group's inode table, read and
 * written in place in the table's block in the device cache. Writing
 * keeps the fields the driver does not interpret (i_faddr, crtime,
 * padding) as they were. Times carry nanoseconds and the epoch bits in
 * the *_extra fields; uid/gid are split in 16-bit halves; a regular
 * file's size has its high 32 bits in i_size_high (the large_file feature
 * is set the first time a file grows past 2 GiB - 1).
 *
 * Lifetime: the VFS's iput of the last reference writes a dirty inode
 * (->write_inode) and calls ->evict_inode: a live inode that still has
 * names gets its dirty data written; one with no names left loses its
 * cached pages, its blocks and its inode number (dtime set), in one
 * transaction.
 *
 * Locks: ei->map_mutex while i_data[] is copied to disk; the caller's
 * i_rwsem (or sole ownership at eviction) for the other fields.
 */
#include <kernel/err.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#include "ext2.h"

static struct inode *ext2_alloc_inode(struct super_block *sb)
{
	struct ext2_inode_info *ei = kzalloc(sizeof(*ei), 0);

	(void)sb;
	if (!ei)
		return NULL;
	mutex_init(&ei->map_mutex, "ext2_map");
	return &ei->vfs;
}

void ext2_destroy_inode(struct inode *inode)
{
	kfree(EXT2_I(inode));
}

int ext2_inode_loc(struct ext2_sb_info *sbi, u32 ino, u32 *block, u32 *off)
{
	const struct ext2_layout *l = &sbi->layout;
	u64 byte;

	if (ino == 0 || ino > l->inodes_count)
		return -EUCLEAN;
	byte = (u64)ext2_ino_index(l, ino) * EXT2_INODE_SIZE;
	*block = ext2_gd(sbi, ext2_ino_group(l, ino))->bg_inode_table + (u32)(byte >> EXT2_BLOCK_SIZE_BITS);
	*off = (u32)(byte & (EXT2_BLOCK_SIZE - 1));
	return 0;
}

void ext2_add_blocks(struct inode *inode, long nblocks)
{
	inode->i_blocks += (u64)(nblocks * (EXT2_BLOCK_SIZE >> 9));
}

static struct timespec64 ext2_decode_time(u32 lo, u32 extra, bool has_extra)
{
	struct timespec64 ts = { .tv_sec = (s32)lo, .tv_nsec = 0 };

	if (has_extra) {
		ts.tv_sec = ext2_time_decode(lo, extra);
		ts.tv_nsec = (long)(extra >> EXT2_EPOCH_BITS);
		if (ts.tv_nsec >= 1000000000L)
			ts.tv_nsec = 0;
	}
	return ts;
}

static u32 ext2_decode_dev(const u32 *b)
{
	if (b[0])
		return MKDEV((b[0] >> 8) & 0xff, b[0] & 0xff);
	return MKDEV((b[1] >> 8) & 0xfff, (b[1] & 0xff) | ((b[1] >> 12) & 0xfff00));
}

void ext2_set_ops(struct inode *inode)
{
	switch (inode->i_mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &ext2_file_iops;
		inode->i_fop = &ext2_file_fops;
		inode->i_data.a_ops = &ext2_aops;
		break;
	case S_IFDIR:
		inode->i_op = &ext2_dir_iops;
		inode->i_fop = &ext2_dir_fops;
		break;
	case S_IFLNK:
		inode->i_op = &ext2_symlink_iops;
		break;
	default:
		inode->i_op = &ext2_special_iops;
		init_special_inode(inode, inode->i_mode, ext2_decode_dev(EXT2_I(inode)->i_data));
		break;
	}
}

/* Fill the new in-core inode from raw. 0 or -EUCLEAN. */
static int ext2_fill_inode(struct inode *inode, const struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	bool extra = raw->i_extra_isize >= 16;
	unsigned int type = raw->i_mode & S_IFMT;

	if (raw->i_links_count == 0)
		return -EUCLEAN;
	if (type != S_IFREG && type != S_IFDIR && type != S_IFLNK && type != S_IFCHR &&
	    type != S_IFBLK && type != S_IFIFO && type != S_IFSOCK)
		return -EUCLEAN;
	if (raw->i_flags & (EXT4_EXTENTS_FL | EXT4_INLINE_DATA_FL | EXT4_HUGE_FILE_FL))
		return -EUCLEAN;
	inode->i_mode = raw->i_mode;
	inode->i_uid = raw->i_uid | (u32)raw->i_uid_high << 16;
	inode->i_gid = raw->i_gid | (u32)raw->i_gid_high << 16;
	inode->i_nlink = raw->i_links_count;
	inode->i_size = raw->i_size;
	if (type == S_IFREG)
		inode->i_size |= (loff_t)raw->i_size_high << 32;
	if ((u64)inode->i_size > EXT2_SB(inode->i_sb)->max_bytes)
		return -EUCLEAN;
	inode->i_blocks = raw->i_blocks;
	inode->i_atime = ext2_decode_time(raw->i_atime, raw->i_atime_extra, extra);
	inode->i_mtime = ext2_decode_time(raw->i_mtime, raw->i_mtime_extra, extra);
	inode->i_ctime = ext2_decode_time(raw->i_ctime, raw->i_ctime_extra, extra);
	memcpy(ei->i_data, raw->i_block, sizeof(ei->i_data));
	ei->i_flags = raw->i_flags;
	ei->i_dtime = raw->i_dtime;
	ei->i_generation = raw->i_generation;
	ei->i_file_acl = raw->i_file_acl;
	ext2_set_ops(inode);
	return 0;
}

struct inode *ext2_iget(struct super_block *sb, u32 ino)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	struct inode *inode;
	struct page *page;
	u32 block, off;
	int err;

	if (ino != EXT2_ROOT_INO && (ino < sbi->first_ino || ino > sbi->layout.inodes_count))
		return ERR_PTR(ext2_corrupt(sb, "bad inode number", ino));
	inode = iget_locked(sb, ino, ext2_alloc_inode);
	if (IS_ERR(inode) || !(inode->i_state & I_NEW))
		return inode;
	err = ext2_inode_loc(sbi, ino, &block, &off);
	if (err)
		goto fail;
	page = bdev_read_block(sbi->bdev, block);
	if (IS_ERR(page)) {
		err = (int)PTR_ERR(page);
		goto fail;
	}
	err = ext2_fill_inode(inode, (struct ext2_inode *)((char *)page_address(page) + off));
	put_page(page);
	if (err) {
		if (err == -EUCLEAN)
			ext2_corrupt(sb, "bad inode", ino);
		goto fail;
	}
	unlock_new_inode(inode);
	return inode;
fail:
	iget_failed(inode);
	return ERR_PTR(err);
}

/* Set large_file the first time a file passes 2 GiB - 1. */
static void ext2_note_large_file(struct ext2_txn *t)
{
	struct ext2_sb_info *sbi = t->sbi;

	mutex_lock(&sbi->alloc_mutex);
	if (!(sbi->es->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
		ext2_meta_access(t, sbi->sb_page);
		sbi->es->s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
		ext2_meta_dirty(t, sbi->sb_page);
	}
	mutex_unlock(&sbi->alloc_mutex);
}

/* Copy the in-core fields into raw (the rest of raw stays). ei->map_mutex held. */
static void ext2_fill_raw(struct inode *inode, struct ext2_inode *raw)
{
	struct ext2_inode_info *ei = EXT2_I(inode);

	raw->i_mode = (u16)inode->i_mode;
	raw->i_uid = (u16)inode->i_uid;
	raw->i_uid_high = (u16)(inode->i_uid >> 16);
	raw->i_gid = (u16)inode->i_gid;
	raw->i_gid_high = (u16)(inode->i_gid >> 16);
	raw->i_links_count = (u16)inode->i_nlink;
	raw->i_size = (u32)inode->i_size;
	raw->i_size_high = S_ISREG(inode->i_mode) ? (u32)((u64)inode->i_size >> 32) : 0;
	raw->i_atime = (u32)inode->i_atime.tv_sec;
	raw->i_mtime = (u32)inode->i_mtime.tv_sec;
	raw->i_ctime = (u32)inode->i_ctime.tv_sec;
	raw->i_extra_isize = EXT2_EXTRA_ISIZE;
	raw->i_atime_extra = ext2_time_extra(inode->i_atime.tv_sec, (u32)inode->i_atime.tv_nsec);
	raw->i_mtime_extra = ext2_time_extra(inode->i_mtime.tv_sec, (u32)inode->i_mtime.tv_nsec);
	raw->i_ctime_extra = ext2_time_extra(inode->i_ctime.tv_sec, (u32)inode->i_ctime.tv_nsec);
	raw->i_dtime = ei->i_dtime;
	raw->i_blocks = (u32)inode->i_blocks;
	raw->i_flags = ei->i_flags;
	raw->i_generation = ei->i_generation;
	memcpy(raw->i_block, ei->i_data, sizeof(raw->i_block));
}

int ext2_write_inode_txn(struct ext2_txn *t, struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct page *page;
	u32 block, off;
	int err;

	if (inode->i_sb->s_flags & SB_RDONLY)
		return 0;
	err = ext2_inode_loc(t->sbi, (u32)inode->i_ino, &block, &off);
	if (err)
		return err;
	if (S_ISREG(inode->i_mode) && inode->i_size > 0x7fffffffLL)
		ext2_note_large_file(t);
	page = bdev_read_block(t->sbi->bdev, block);
	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	err = ext2_meta_access(t, page);
	if (!err) {
		mutex_lock(&ei->map_mutex);
		ext2_fill_raw(inode, (struct ext2_inode *)((char *)page_address(page) + off));
		mutex_unlock(&ei->map_mutex);
		ext2_meta_dirty(t, page);
	}
	put_page(page);
	return err;
}

int ext2_write_inode(struct inode *inode, bool wait)
{
	struct ext2_txn t;
	int err;

	(void)wait;
	if (inode->i_sb->s_flags & SB_RDONLY)
		return 0;
	err = ext2_txn_start(inode->i_sb, &t, 1);
	if (err)
		return err;
	err = ext2_write_inode_txn(&t, inode);
	ext2_txn_stop(&t);
	return err;
}

/* Zero the raw inode slot of a newly allocated inode number. */
static int ext2_clear_raw(struct ext2_txn *t, u32 ino)
{
	struct page *page;
	u32 block, off;
	int err = ext2_inode_loc(t->sbi, ino, &block, &off);

	if (err)
		return err;
	page = bdev_read_block(t->sbi->bdev, block);
	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	ext2_meta_access(t, page);
	memset((char *)page_address(page) + off, 0, EXT2_INODE_SIZE);
	ext2_meta_dirty(t, page);
	put_page(page);
	return 0;
}

struct inode *ext2_new_inode(struct ext2_txn *t, struct inode *dir, unsigned int mode)
{
	static u32 generation = 0x4b455354;
	struct super_block *sb = dir->i_sb;
	struct inode *inode;
	u32 ino;
	int err = ext2_new_ino(t, dir, S_ISDIR(mode), &ino);

	if (err)
		return ERR_PTR(err);
	err = ext2_clear_raw(t, ino);
	if (err)
		goto err_ino;
	inode = iget_locked(sb, ino, ext2_alloc_inode);
	if (IS_ERR(inode)) {
		err = (int)PTR_ERR(inode);
		goto err_ino;
	}
	if (!(inode->i_state & I_NEW)) {
		iput(inode);
		err = ext2_corrupt(sb, "a free inode number is in use", ino);
		goto err_ino;
	}
	inode->i_mode = mode;
	if (dir->i_mode & S_ISGID) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			inode->i_mode |= S_ISGID;
	}
	EXT2_I(inode)->i_generation = __atomic_add_fetch(&generation, 1, __ATOMIC_RELAXED);
	ext2_set_ops(inode);
	err = ext2_write_inode_txn(t, inode);
	unlock_new_inode(inode);
	if (err) {
		inode->i_nlink = 0;
		iput(inode);
		return ERR_PTR(err);
	}
	return inode;
err_ino:
	ext2_free_ino(t, ino, S_ISDIR(mode));
	return ERR_PTR(err);
}

/* Does the inode own data blocks (not a fast symlink or a device)? */
static bool ext2_has_blocks(struct inode *inode)
{
	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode))
		return true;
	return S_ISLNK(inode->i_mode) && inode->i_blocks != 0;
}

/* The last reference to an unlinked inode: free its blocks and its number. */
static void ext2_free_dead_inode(struct inode *inode)
{
	struct ext2_txn t;

	truncate_inode_pages(&inode->i_data, 0);
	if (ext2_txn_start(inode->i_sb, &t, 8))
		return;
	if (ext2_has_blocks(inode))
		ext2_truncate_blocks(&t, inode, 0);
	inode->i_size = 0;
	EXT2_I(inode)->i_dtime = (u32)current_time().tv_sec;
	ext2_write_inode_txn(&t, inode);
	ext2_free_ino(&t, (u32)inode->i_ino, S_ISDIR(inode->i_mode));
	ext2_txn_stop(&t);
}

/* Data of a live inode written; a dead one freed (in a transaction, joined if one is open). */
static void ext2_evict_blocks(struct inode *inode)
{
	if (inode->i_sb->s_flags & SB_RDONLY)
		return;
	if (inode->i_nlink == 0)
		ext2_free_dead_inode(inode);
	else if (S_ISREG(inode->i_mode))
		filemap_write_and_wait_range(&inode->i_data, 0, MAX_LFS_FILESIZE);
}

void ext2_evict_inode(struct inode *inode)
{
	journal_t *j = EXT2_SB(inode->i_sb)->journal;

	if (inode->i_state & I_NEW || !inode->i_op)
		return;   /* never read in (iget_failed) */
	ext2_evict_blocks(inode);
	/* Ordered data: the journal must forget the mapping before it is freed with the inode. */
	if (j && S_ISREG(inode->i_mode))
		jbd2_journal_release_mapping(j, &inode->i_data);
}

int ext2_setattr(struct inode *inode, const struct iattr *attr)
{
	struct ext2_txn t;
	int err;

	if (inode->i_sb->s_flags & SB_RDONLY)
		return -EROFS;
	if ((attr->ia_valid & ATTR_SIZE) && attr->ia_size != inode->i_size) {
		err = ext2_set_size(inode, attr->ia_size);
		if (err)
			return err;
	}
	inode_apply_attr(inode, attr);
	err = ext2_txn_start(inode->i_sb, &t, 1);
	if (err)
		return err;
	err = ext2_write_inode_txn(&t, inode);
	ext2_txn_stop(&t);
	return err;
}
