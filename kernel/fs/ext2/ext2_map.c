/*
 * ext2 block mapping: a file's logical block -> its physical block through
 * i_data[] (12 direct pointers, then single, double and triple indirect
 * blocks; the arithmetic is ext2_bmap.c's), allocating on demand, and
 * truncation that frees blocks at every level.
 *
 * Indirect blocks are metadata: read and changed in the device cache
 * within the caller's transaction. A new indirect block is zeroed before
 * it is linked in; a new data block is returned with *is_new so the
 * caller (write_begin) never exposes its old contents. Every pointer read
 * from disk is range-checked (ext2_block_valid) before use: a bad one
 * gives -EUCLEAN and is left alone.
 *
 * Allocation goal: the block after the inode's last allocated one, else
 * the start of the inode's group, so a file written front to back is
 * contiguous. After -ENOSPC half-way down a path, indirect blocks that
 * were allocated stay linked (empty): the file system stays consistent.
 *
 * Locks: ei->map_mutex ("ext2_map") around every walk and change of
 * i_data[] and the inode's indirect blocks; taken inside the page lock of
 * a data page and outside sbi->alloc_mutex.
 */
#include <kernel/err.h>
#include <lib/string.h>
#include <uapi/errno.h>

#include "ext2.h"
#include "ext2_bmap.h"

#define EXT2_APB (1u << EXT2_APB_BITS)

/* The goal for the inode's next block. */
static u32 ext2_goal(struct ext2_txn *t, struct inode *inode)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	const struct ext2_layout *l = &t->sbi->layout;

	if (ei->goal)
		return ei->goal + 1;
	return ext2_group_first_block(l, ext2_ino_group(l, (u32)inode->i_ino));
}

/* Allocate a block for inode (zeroed in the device cache if meta). 0 and *out or -errno. */
static int ext2_alloc_for(struct ext2_txn *t, struct inode *inode, bool meta, u32 *out)
{
	int err = ext2_new_block(t, ext2_goal(t, inode), out);
	struct page *page;

	if (err)
		return err;
	EXT2_I(inode)->goal = *out;
	ext2_add_blocks(inode, 1);
	if (!meta)
		return 0;
	page = bdev_new_block(t->sbi->bdev, *out);
	if (IS_ERR(page)) {
		ext2_free_block(t, *out, true);
		ext2_add_blocks(inode, -1);
		return (int)PTR_ERR(page);
	}
	ext2_meta_access(t, page);
	ext2_meta_dirty(t, page);
	put_page(page);
	return 0;
}

/*
 * Follow slot of the indirect block blk; allocate a child if it is a hole
 * and create. meta: the child is an indirect block. 0 and *child (0 = hole).
 */
static int ext2_walk_ind(struct ext2_txn *t, struct inode *inode, u32 blk, u32 slot, bool create,
			 bool meta, u32 *child, bool *is_new)
{
	struct page *page;
	u32 *ptrs;
	int err = 0;

	if (!ext2_block_valid(t->sbi, blk))
		return ext2_corrupt(inode->i_sb, "bad indirect block pointer", blk);
	page = bdev_read_block(t->sbi->bdev, blk);
	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	ptrs = page_address(page);
	*child = ptrs[slot];
	if (*child == 0 && create) {
		err = ext2_alloc_for(t, inode, meta, child);
		if (!err) {
			ext2_meta_access(t, page);
			ptrs[slot] = *child;
			ext2_meta_dirty(t, page);
			*is_new = true;
		}
	}
	put_page(page);
	return err;
}

int ext2_get_block(struct ext2_txn *t, struct inode *inode, u64 lbn, bool create, u32 *pblk,
		   bool *is_new)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	struct ext2_bmap_path p;
	bool fresh = false;
	u32 cur;
	int err = ext2_bmap_path(lbn, EXT2_APB_BITS, &p);

	if (err)
		return err;
	mutex_lock(&ei->map_mutex);
	cur = ei->i_data[p.offsets[0]];
	if (cur == 0 && create) {
		err = ext2_alloc_for(t, inode, p.depth > 1, &cur);
		if (err)
			goto out;
		ei->i_data[p.offsets[0]] = cur;
		fresh = true;
	}
	for (int k = 1; k < p.depth && cur; k++) {
		fresh = false;
		err = ext2_walk_ind(t, inode, cur, p.offsets[k], create, k < p.depth - 1, &cur, &fresh);
		if (err)
			goto out;
	}
	if (cur && !ext2_block_valid(t->sbi, cur))
		err = ext2_corrupt(inode->i_sb, "bad data block pointer", cur);
out:
	mutex_unlock(&ei->map_mutex);
	if (fresh)
		mark_inode_dirty(inode);
	*pblk = err ? 0 : cur;
	if (is_new)
		*is_new = fresh && !err;
	return err;
}

/* Free the subtree under blk of height level (0 = a data block), blk itself too. */
static void ext2_free_tree(struct ext2_txn *t, struct inode *inode, u32 blk, int level)
{
	if (!ext2_block_valid(t->sbi, blk)) {
		ext2_corrupt(inode->i_sb, "bad block pointer while truncating", blk);
		return;
	}
	if (level > 0) {
		struct page *page = bdev_read_block(t->sbi->bdev, blk);

		if (IS_ERR(page))
			return;
		for (u32 i = 0; i < EXT2_APB; i++) {
			u32 c = ((u32 *)page_address(page))[i];

			if (c)
				ext2_free_tree(t, inode, c, level - 1);
		}
		put_page(page);
	}
	/* Metadata: indirect blocks, and every block of a directory or symlink. */
	if (ext2_free_block(t, blk, level > 0 || !S_ISREG(inode->i_mode)) == 0)
		ext2_add_blocks(inode, -1);
}

/*
 * Free the blocks of the subtree under blk (height level >= 1) that map
 * logical blocks from (relative to the subtree) on; from > 0.
 */
static void ext2_trim_tree(struct ext2_txn *t, struct inode *inode, u32 blk, int level, u64 from)
{
	u64 span = 1ull << (EXT2_APB_BITS * (level - 1));   /* logical blocks per slot */
	u32 first = (u32)(from / span);
	u64 rem = from % span;
	struct page *page;
	u32 *ptrs;

	if (!ext2_block_valid(t->sbi, blk)) {
		ext2_corrupt(inode->i_sb, "bad block pointer while truncating", blk);
		return;
	}
	page = bdev_read_block(t->sbi->bdev, blk);
	if (IS_ERR(page))
		return;
	ptrs = page_address(page);
	ext2_meta_access(t, page);
	for (u32 i = first; i < EXT2_APB; i++) {
		if (!ptrs[i])
			continue;
		if (i == first && rem) {
			ext2_trim_tree(t, inode, ptrs[i], level - 1, rem);
			continue;
		}
		ext2_free_tree(t, inode, ptrs[i], level - 1);
		ptrs[i] = 0;
	}
	ext2_meta_dirty(t, page);
	put_page(page);
}

int ext2_truncate_blocks(struct ext2_txn *t, struct inode *inode, u64 first_lbn)
{
	struct ext2_inode_info *ei = EXT2_I(inode);
	u64 base = EXT2_NDIR_BLOCKS;

	mutex_lock(&ei->map_mutex);
	for (u64 i = first_lbn; i < EXT2_NDIR_BLOCKS; i++) {
		if (ei->i_data[i])
			ext2_free_tree(t, inode, ei->i_data[i], 0);
		ei->i_data[i] = 0;
	}
	for (int level = 1; level <= 3; level++) {
		u64 span = 1ull << (EXT2_APB_BITS * level);
		u32 *slot = &ei->i_data[EXT2_IND_BLOCK + level - 1];

		if (*slot && first_lbn <= base) {
			ext2_free_tree(t, inode, *slot, level);
			*slot = 0;
		} else if (*slot && first_lbn < base + span) {
			ext2_trim_tree(t, inode, *slot, level, first_lbn - base);
		}
		base += span;
	}
	ei->goal = 0;
	mutex_unlock(&ei->map_mutex);
	mark_inode_dirty(inode);
	return 0;
}
