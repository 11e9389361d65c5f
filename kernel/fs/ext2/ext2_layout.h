/*
 * ext2 geometry: block groups, where the superblock backups go, the size
 * of the group descriptor table and of each group's inode table, and the
 * checks a superblock must pass before anything trusts its numbers.
 *
 * Kestrel's layout of a group (mkfs/ writes it; the driver reads the
 * actual places from the group descriptors, so only mkfs depends on it):
 *
 *   [superblock copy][descriptor table copy]  only groups with a backup
 *   [block bitmap][inode bitmap][inode table] every group
 *   [data blocks ...]
 *
 * With 4 KiB blocks s_first_data_block is 0: group g starts at block
 * g * blocks_per_group, and the primary superblock is at byte 1024 of
 * block 0.
 *
 * Pure: no I/O, no locks, no allocation.
 */
#ifndef EXT2_LAYOUT_H
#define EXT2_LAYOUT_H

#include <kernel/types.h>

#include "ext2_pure.h"

struct ext2_super_block;

struct ext2_layout {
	u32 block_size;		/* bytes */
	u32 inode_size;		/* bytes */
	u32 first_data_block;
	u32 blocks_count;
	u32 blocks_per_group;
	u32 inodes_per_group;
	u32 inodes_count;
	u32 group_count;
	u32 gdt_blocks;		/* blocks of the descriptor table */
	u32 itable_blocks;	/* blocks of one group's inode table */
	bool sparse_super;
};

bool ext2_group_has_super(u32 group, bool sparse_super);
int ext2_layout_init(struct ext2_layout *l, u64 blocks, u32 inodes_wanted, u32 block_size,
		     u32 inode_size);
int ext2_layout_validate(const struct ext2_layout *l);
u32 ext2_group_first_block(const struct ext2_layout *l, u32 group);
u32 ext2_group_blocks(const struct ext2_layout *l, u32 group);
u32 ext2_group_block_bitmap(const struct ext2_layout *l, u32 group);
u32 ext2_group_inode_bitmap(const struct ext2_layout *l, u32 group);
u32 ext2_group_inode_table(const struct ext2_layout *l, u32 group);
u32 ext2_group_overhead(const struct ext2_layout *l, u32 group);
u32 ext2_ino_group(const struct ext2_layout *l, u32 ino);
u32 ext2_ino_index(const struct ext2_layout *l, u32 ino);
int ext2_layout_from_super(struct ext2_layout *l, const struct ext2_super_block *sb,
			   const char **why);

#endif /* EXT2_LAYOUT_H */
