/*
 * ext2 geometry (interface and the group layout in ext2_layout.h).
 *
 * All sizes are 32-bit on disk (no 64bit feature): every product is taken
 * in 64 bits and checked before it is narrowed.
 *
 * Pure: no locks, no allocation.
 */
#include "ext2_layout.h"

#include <fs/ext2_fs.h>

/* mke2fs's rule: a last group smaller than its overhead plus this is dropped. */
#define EXT2_MIN_LAST_GROUP_DATA 50

static bool is_power_of(u32 n, u32 base)
{
	while (n % base == 0)
		n /= base;
	return n == 1;
}

/*
 * ext2_group_has_super - does @group hold a superblock copy? All groups
 * without sparse_super; with it, groups 0 and 1 and the powers of 3, 5
 * and 7.
 */
bool ext2_group_has_super(u32 group, bool sparse_super)
{
	if (!sparse_super || group <= 1)
		return true;
	if (!(group & 1))
		return false;
	return is_power_of(group, 3) || is_power_of(group, 5) || is_power_of(group, 7);
}

u32 ext2_group_first_block(const struct ext2_layout *l, u32 group)
{
	return l->first_data_block + group * l->blocks_per_group;
}

/* ext2_group_blocks - blocks in @group (the last one may be short). */
u32 ext2_group_blocks(const struct ext2_layout *l, u32 group)
{
	u32 start = ext2_group_first_block(l, group);
	u32 left = l->blocks_count - start;

	return left < l->blocks_per_group ? left : l->blocks_per_group;
}

static u32 super_blocks(const struct ext2_layout *l, u32 group)
{
	return ext2_group_has_super(group, l->sparse_super) ? 1 + l->gdt_blocks : 0;
}

u32 ext2_group_block_bitmap(const struct ext2_layout *l, u32 group)
{
	return ext2_group_first_block(l, group) + super_blocks(l, group);
}

u32 ext2_group_inode_bitmap(const struct ext2_layout *l, u32 group)
{
	return ext2_group_block_bitmap(l, group) + 1;
}

u32 ext2_group_inode_table(const struct ext2_layout *l, u32 group)
{
	return ext2_group_block_bitmap(l, group) + 2;
}

/* ext2_group_overhead - metadata blocks at the start of @group. */
u32 ext2_group_overhead(const struct ext2_layout *l, u32 group)
{
	return super_blocks(l, group) + 2 + l->itable_blocks;
}

/* Inode numbers start at 1: inode n is index (n-1) % ipg of group (n-1) / ipg. */
u32 ext2_ino_group(const struct ext2_layout *l, u32 ino)
{
	return (ino - 1) / l->inodes_per_group;
}

u32 ext2_ino_index(const struct ext2_layout *l, u32 ino)
{
	return (ino - 1) % l->inodes_per_group;
}

static u32 div_up32(u64 n, u64 d)
{
	return (u32)((n + d - 1) / d);
}

/* Fill the derived fields from blocks_count and inodes_per_group. */
static void derive(struct ext2_layout *l)
{
	l->group_count = div_up32(l->blocks_count - l->first_data_block, l->blocks_per_group);
	l->gdt_blocks = div_up32((u64)l->group_count * EXT2_DESC_SIZE, l->block_size);
	l->inodes_count = l->inodes_per_group * l->group_count;
	l->itable_blocks = div_up32((u64)l->inodes_per_group * l->inode_size, l->block_size);
}

/* inodes per group for @wanted inodes: whole inode-table blocks, <= one bitmap block. */
static u32 pick_ipg(const struct ext2_layout *l, u64 wanted)
{
	u32 per_block = l->block_size / l->inode_size;
	u64 ipg = (wanted + l->group_count - 1) / l->group_count;

	ipg = (ipg + per_block - 1) / per_block * per_block;
	if (ipg < per_block)
		ipg = per_block;
	if (ipg < EXT2_FIRST_INO)
		ipg = (EXT2_FIRST_INO + per_block) / per_block * per_block;
	if (ipg > (u64)l->block_size * 8)
		ipg = (u64)l->block_size * 8;
	return (u32)ipg;
}

/*
 * ext2_layout_init - the geometry of a filesystem of @blocks blocks of
 * @block_size bytes (1024 .. 65536, a power of two) with at least
 * @inodes_wanted inodes if they fit (inodes per group are rounded up to
 * whole inode-table blocks and capped at one bitmap block), @inode_size-byte
 * inodes, sparse_super. A last group too small to be useful is dropped, so
 * l->blocks_count may be less than @blocks. Returns 0; -EINVAL for bad
 * sizes; -EFBIG if @blocks does not fit 32 bits; -ENOSPC if not even
 * one group fits.
 */
int ext2_layout_init(struct ext2_layout *l, u64 blocks, u32 inodes_wanted, u32 block_size,
		     u32 inode_size)
{
	if (block_size < 1024 || block_size > 65536 || (block_size & (block_size - 1)) ||
	    inode_size < EXT2_GOOD_OLD_INODE_SIZE || inode_size > block_size ||
	    (inode_size & (inode_size - 1)))
		return -EINVAL;
	if (blocks > 0xffffffffull)
		return -EFBIG;
	l->block_size = block_size;
	l->inode_size = inode_size;
	l->first_data_block = block_size == 1024 ? 1 : 0;
	l->blocks_per_group = block_size * 8;
	l->sparse_super = true;
	l->blocks_count = (u32)blocks;
	if (blocks <= l->first_data_block)
		return -ENOSPC;
	l->group_count = div_up32(blocks - l->first_data_block, l->blocks_per_group);
	l->inodes_per_group = pick_ipg(l, inodes_wanted);
	derive(l);
	u32 last = l->group_count - 1;
	if (ext2_group_blocks(l, last) < ext2_group_overhead(l, last) + EXT2_MIN_LAST_GROUP_DATA) {
		if (last == 0)
			return -ENOSPC;
		l->blocks_count = ext2_group_first_block(l, last);
		l->group_count--;
		l->inodes_per_group = pick_ipg(l, inodes_wanted);
		derive(l);
	}
	if (ext2_group_overhead(l, 0) >= ext2_group_blocks(l, 0))
		return -ENOSPC;
	return ext2_layout_validate(l);
}

/*
 * ext2_layout_validate - are the fields consistent with each other and
 * does every group hold its metadata? Returns 0 or -EINVAL.
 */
int ext2_layout_validate(const struct ext2_layout *l)
{
	if (!l->block_size || !l->inode_size || !l->blocks_per_group || !l->inodes_per_group ||
	    l->block_size % l->inode_size || l->blocks_per_group > l->block_size * 8 ||
	    l->inodes_per_group > l->block_size * 8 || l->blocks_count <= l->first_data_block)
		return -EINVAL;
	if (l->group_count != div_up32(l->blocks_count - l->first_data_block, l->blocks_per_group) ||
	    (u64)l->inodes_per_group * l->group_count != l->inodes_count ||
	    l->gdt_blocks != div_up32((u64)l->group_count * EXT2_DESC_SIZE, l->block_size) ||
	    l->itable_blocks != div_up32((u64)l->inodes_per_group * l->inode_size, l->block_size))
		return -EINVAL;
	for (u32 g = 0; g < l->group_count; g++)
		if (ext2_group_overhead(l, g) > ext2_group_blocks(l, g))
			return -EINVAL;
	return 0;
}

static int refuse(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -EINVAL;
}

/*
 * ext2_layout_from_super - check a superblock read from disk and derive
 * its geometry. Refuses what Kestrel does not implement: revision 0, a
 * block size other than 4 KiB, inodes other than 256 bytes, a feature
 * outside KESTREL_EXT2_* (incompat: refused; ro_compat: refused too -- the
 * caller may instead mount read-only). Returns 0, or -EINVAL with *@why
 * (if not NULL) naming the problem.
 */
int ext2_layout_from_super(struct ext2_layout *l, const struct ext2_super_block *sb,
			   const char **why)
{
	if (sb->s_magic != EXT2_SUPER_MAGIC)
		return refuse(why, "bad magic");
	if (sb->s_rev_level != EXT2_DYNAMIC_REV)
		return refuse(why, "not revision 1");
	if (sb->s_log_block_size != EXT2_BLOCK_SIZE_BITS - EXT2_MIN_BLOCK_LOG_SIZE)
		return refuse(why, "block size is not 4096");
	if (sb->s_inode_size != EXT2_INODE_SIZE)
		return refuse(why, "inode size is not 256");
	if (sb->s_feature_incompat & ~KESTREL_EXT2_INCOMPAT)
		return refuse(why, "unsupported incompatible feature");
	if (sb->s_feature_ro_compat & ~KESTREL_EXT2_RO_COMPAT)
		return refuse(why, "unsupported read-only-compatible feature");
	if (sb->s_first_ino < EXT2_GOOD_OLD_FIRST_INO || sb->s_first_data_block != 0)
		return refuse(why, "bad s_first_ino or s_first_data_block");
	l->block_size = EXT2_BLOCK_SIZE;
	l->inode_size = EXT2_INODE_SIZE;
	l->first_data_block = 0;
	l->blocks_count = sb->s_blocks_count;
	l->blocks_per_group = sb->s_blocks_per_group;
	l->inodes_per_group = sb->s_inodes_per_group;
	l->sparse_super = sb->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER;
	if (!l->blocks_per_group || !l->inodes_per_group || !l->blocks_count ||
	    l->blocks_per_group > EXT2_BLOCK_SIZE * 8 || l->inodes_per_group > EXT2_BLOCK_SIZE * 8)
		return refuse(why, "bad group geometry");
	derive(l);
	if ((u64)l->inodes_per_group * l->group_count != sb->s_inodes_count)
		return refuse(why, "s_inodes_count disagrees with the groups");
	if (sb->s_free_blocks_count > l->blocks_count || sb->s_free_inodes_count > l->inodes_count ||
	    sb->s_r_blocks_count > l->blocks_count)
		return refuse(why, "free counts larger than the filesystem");
	if (ext2_layout_validate(l))
		return refuse(why, "a group cannot hold its metadata");
	return 0;
}
