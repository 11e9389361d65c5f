/*
 * ext2 block and inode allocation: the per-group bitmaps (blocks of the
 * device cache), the group descriptors' free counts and the superblock's
 * totals, all changed together under sbi->alloc_mutex ("ext2_alloc") in
 * the caller's transaction.
 *
 * Policy: a block goes at or after the goal (the inode's previous block,
 * so a file written in order stays contiguous), else in the following
 * groups; an inode of a file goes to its directory's group, a new
 * directory to the group with the most free blocks among those with free
 * inodes above the average (spreading directories as Linux's Orlov
 * allocator does, much simplified).
 *
 * With a journal a freed block whose revoke has not committed is skipped
 * (ext2_next_reusable): a crash could still replay its old contents. When
 * only such blocks are left, the data paths stop their transaction, force
 * a commit and retry (ext2_should_retry_alloc) instead of failing with
 * -ENOSPC: rewriting a large file (O_TRUNC) on a disk with room for two
 * copies failed on the third pass without it.
 *
 * Counts are checked before anything changes: -ENOSPC leaves the disk as
 * it was. A bitmap that disagrees with its descriptor (a set bit freed, a
 * full map in a group said to have room) is reported as corruption
 * (-EUCLEAN) and not changed.
 */
#include <kernel/printk.h>
#include <kernel/err.h>
#include <uapi/errno.h>

#include "ext2.h"
#include "ext2_bitmap.h"

bool ext2_block_valid(struct ext2_sb_info *sbi, u32 block)
{
	const struct ext2_layout *l = &sbi->layout;
	u32 group, first;
	struct ext2_group_desc *gd;

	if (block == 0 || block >= l->blocks_count)
		return false;
	group = block / l->blocks_per_group;
	first = ext2_group_first_block(l, group);
	gd = ext2_gd(sbi, group);
	if (ext2_group_has_super(group, l->sparse_super) && block < first + 1 + l->gdt_blocks)
		return false;
	if (block == gd->bg_block_bitmap || block == gd->bg_inode_bitmap)
		return false;
	return block < gd->bg_inode_table || block >= gd->bg_inode_table + l->itable_blocks;
}

/* Count changes: the descriptor page and the superblock page, both in t. */
static void count_change(struct ext2_txn *t, u32 group, int dblocks, int dinodes, int ddirs)
{
	struct ext2_sb_info *sbi = t->sbi;
	struct ext2_group_desc *gd = ext2_gd(sbi, group);
	struct page *gp = ext2_gd_page(sbi, group);

	ext2_meta_access(t, gp);
	gd->bg_free_blocks_count = (u16)(gd->bg_free_blocks_count + dblocks);
	gd->bg_free_inodes_count = (u16)(gd->bg_free_inodes_count + dinodes);
	gd->bg_used_dirs_count = (u16)(gd->bg_used_dirs_count + ddirs);
	ext2_meta_dirty(t, gp);
	ext2_meta_access(t, sbi->sb_page);
	sbi->es->s_free_blocks_count += (u32)dblocks;
	sbi->es->s_free_inodes_count += (u32)dinodes;
	ext2_meta_dirty(t, sbi->sb_page);
}

#define EXT2_NOT_BLOCKS ((u32)-1)

/*
 * A clear bit at or after goal (wrapping) of map whose block (base + bit)
 * may be reused (base: block of bit 0, EXT2_NOT_BLOCKS for an inode map):
 * the bit, -ENOSPC (no clear bit) or -EBUSY (only blocks whose revoke has
 * not committed yet).
 */
static s64 find_reusable(struct ext2_sb_info *sbi, const u8 *map, u32 nbits, u32 goal, u32 base)
{
	s64 bit = ext2_bitmap_find_zero(map, nbits, goal), first_busy = -1;

	/* Each turn passes at least one clear bit: nbits turns see them all. */
	for (u32 turns = 0; bit >= 0 && base != EXT2_NOT_BLOCKS; turns++) {
		u64 next = ext2_next_reusable(sbi, base + (u32)bit) - base;

		if (next == (u64)bit)
			return bit;
		if (first_busy < 0)
			first_busy = bit;
		bit = ext2_bitmap_find_zero(map, nbits, next < nbits ? (u32)next : 0);
		if (bit == first_busy || turns >= nbits)
			return -EBUSY;
	}
	return bit;
}

/*
 * Take a clear bit at or after goal in the bitmap block bmap (nbits
 * meaningful; base as for find_reusable): the bit or -errno.
 */
static s64 take_bit(struct ext2_txn *t, u32 bmap, u32 nbits, u32 goal, u32 base)
{
	struct page *page = bdev_read_block(t->sbi->bdev, bmap);
	s64 bit;

	if (IS_ERR(page))
		return PTR_ERR(page);
	bit = find_reusable(t->sbi, page_address(page), nbits, goal, base);
	if (bit >= 0) {
		ext2_meta_access(t, page);
		ext2_bitmap_set(page_address(page), nbits, (u32)bit);
		ext2_meta_dirty(t, page);
	}
	put_page(page);
	return bit;
}

/* Clear bit in the bitmap block bmap: 0, or -EUCLEAN if it was clear. */
static int drop_bit(struct ext2_txn *t, u32 bmap, u32 nbits, u32 bit)
{
	struct page *page = bdev_read_block(t->sbi->bdev, bmap);
	int err;

	if (IS_ERR(page))
		return (int)PTR_ERR(page);
	if (!ext2_bitmap_test(page_address(page), bit)) {
		err = -EUCLEAN;
	} else {
		ext2_meta_access(t, page);
		err = ext2_bitmap_clear(page_address(page), nbits, bit);
		ext2_meta_dirty(t, page);
	}
	put_page(page);
	return err;
}

int ext2_new_block(struct ext2_txn *t, u32 goal, u32 *out)
{
	struct ext2_sb_info *sbi = t->sbi;
	const struct ext2_layout *l = &sbi->layout;
	u32 g0 = goal < l->blocks_count ? goal / l->blocks_per_group : 0;
	int err = -ENOSPC;

	mutex_lock(&sbi->alloc_mutex);
	if (sbi->es->s_free_blocks_count == 0 ||
	    (sbi->es->s_free_blocks_count <= sbi->es->s_r_blocks_count && current_fsuid() != 0))
		goto out;
	for (u32 i = 0; i < l->group_count; i++) {
		u32 g = (g0 + i) % l->group_count;
		struct ext2_group_desc *gd = ext2_gd(sbi, g);
		u32 first = ext2_group_first_block(l, g);
		s64 bit;

		if (gd->bg_free_blocks_count == 0)
			continue;
		bit = take_bit(t, gd->bg_block_bitmap, ext2_group_blocks(l, g),
			       i == 0 && goal >= first ? goal - first : 0, first);
		if (bit == -EBUSY)
			continue;   /* its free blocks are freed by an uncommitted transaction */
		if (bit == -ENOSPC) {
			err = ext2_corrupt(sbi->sb, "block bitmap full but group has free blocks", g);
			continue;
		}
		if (bit < 0) {
			err = (int)bit;
			goto out;
		}
		*out = first + (u32)bit;
		if (!ext2_block_valid(sbi, *out)) {
			err = ext2_corrupt(sbi->sb, "allocated a metadata block", *out);
			goto out;
		}
		count_change(t, g, -1, 0, 0);
		err = 0;
		goto out;
	}
out:
	mutex_unlock(&sbi->alloc_mutex);
	return err;
}

bool ext2_should_retry_alloc(struct super_block *sb, int *retries)
{
	struct ext2_sb_info *sbi = EXT2_SB(sb);
	u32 free, reserved;

	if (!sbi->journal || (*retries)++ >= 3)
		return false;
	mutex_lock(&sbi->alloc_mutex);
	free = sbi->es->s_free_blocks_count;
	reserved = sbi->es->s_r_blocks_count;
	mutex_unlock(&sbi->alloc_mutex);
	if (free == 0 || (free <= reserved && current_fsuid() != 0))
		return false;
	return ext2_txn_commit(sbi) == 0;
}

int ext2_free_block(struct ext2_txn *t, u32 block, bool meta)
{
	struct ext2_sb_info *sbi = t->sbi;
	const struct ext2_layout *l = &sbi->layout;
	u32 g;
	int err;

	if (!ext2_block_valid(sbi, block))
		return ext2_corrupt(sbi->sb, "freeing an invalid block", block);
	ext2_meta_forget(t, block, meta);
	g = block / l->blocks_per_group;
	mutex_lock(&sbi->alloc_mutex);
	err = drop_bit(t, ext2_gd(sbi, g)->bg_block_bitmap, ext2_group_blocks(l, g),
		       block - ext2_group_first_block(l, g));
	if (err == 0)
		count_change(t, g, 1, 0, 0);
	mutex_unlock(&sbi->alloc_mutex);
	if (err == -EUCLEAN)
		return ext2_corrupt(sbi->sb, "freeing a free block", block);
	return err;
}

/* The group for a new inode: see the header. (u32)-1 if no group has a free inode. */
static u32 pick_inode_group(struct ext2_sb_info *sbi, u32 parent_group, bool is_dir)
{
	const struct ext2_layout *l = &sbi->layout;
	u32 avg = sbi->es->s_free_inodes_count / l->group_count, best = (u32)-1, best_blocks = 0;

	if (!is_dir) {
		for (u32 i = 0; i < l->group_count; i++) {
			u32 g = (parent_group + i) % l->group_count;

			if (ext2_gd(sbi, g)->bg_free_inodes_count)
				return g;
		}
		return (u32)-1;
	}
	for (u32 i = 0; i < l->group_count; i++) {
		u32 g = (sbi->last_ino_group + 1 + i) % l->group_count;
		struct ext2_group_desc *gd = ext2_gd(sbi, g);

		if (!gd->bg_free_inodes_count)
			continue;
		if (best == (u32)-1 || (gd->bg_free_inodes_count >= avg &&
					gd->bg_free_blocks_count > best_blocks)) {
			best = g;
			best_blocks = gd->bg_free_blocks_count;
		}
	}
	return best;
}

int ext2_new_ino(struct ext2_txn *t, struct inode *dir, bool is_dir, u32 *ino)
{
	struct ext2_sb_info *sbi = t->sbi;
	const struct ext2_layout *l = &sbi->layout;
	u32 pg = ext2_ino_group(l, (u32)dir->i_ino);
	int err = -ENOSPC;

	mutex_lock(&sbi->alloc_mutex);
	for (u32 tries = 0; tries < l->group_count && sbi->es->s_free_inodes_count; tries++) {
		u32 g = pick_inode_group(sbi, pg, is_dir);
		s64 bit;

		if (g == (u32)-1)
			break;
		bit = take_bit(t, ext2_gd(sbi, g)->bg_inode_bitmap, l->inodes_per_group, 0,
			       EXT2_NOT_BLOCKS);
		if (bit < 0 && bit != -ENOSPC) {
			err = (int)bit;
			break;
		}
		if (bit == -ENOSPC || g * l->inodes_per_group + (u32)bit + 1 < sbi->first_ino) {
			err = ext2_corrupt(sbi->sb, "inode bitmap disagrees with its group", g);
			break;
		}
		*ino = g * l->inodes_per_group + (u32)bit + 1;
		count_change(t, g, 0, -1, is_dir ? 1 : 0);
		if (is_dir)
			sbi->last_ino_group = g;
		err = 0;
		break;
	}
	mutex_unlock(&sbi->alloc_mutex);
	return err;
}

int ext2_free_ino(struct ext2_txn *t, u32 ino, bool is_dir)
{
	struct ext2_sb_info *sbi = t->sbi;
	const struct ext2_layout *l = &sbi->layout;
	u32 g = ext2_ino_group(l, ino);
	int err;

	if (ino < sbi->first_ino || ino > l->inodes_count)
		return ext2_corrupt(sbi->sb, "freeing a bad inode number", ino);
	mutex_lock(&sbi->alloc_mutex);
	err = drop_bit(t, ext2_gd(sbi, g)->bg_inode_bitmap, l->inodes_per_group,
		       ext2_ino_index(l, ino));
	if (err == 0)
		count_change(t, g, 0, 1, is_dir ? -1 : 0);
	mutex_unlock(&sbi->alloc_mutex);
	if (err == -EUCLEAN)
		return ext2_corrupt(sbi->sb, "freeing a free inode", ino);
	return err;
}

void ext2_counts(struct ext2_sb_info *sbi, u64 *free_blocks, u64 *free_inodes)
{
	mutex_lock(&sbi->alloc_mutex);
	*free_blocks = sbi->es->s_free_blocks_count;
	*free_inodes = sbi->es->s_free_inodes_count;
	mutex_unlock(&sbi->alloc_mutex);
}
