/*
 * ext2 block mapping arithmetic: where a file's logical block lives in the
 * inode's i_block[] tree (12 direct pointers, then single, double and
 * triple indirect blocks), and the reverse.
 *
 * Pure: no I/O, no locks, no allocation; compiled into the kernel and, for
 * mkfs/ and tests/unit/test_ext2_bmap.c, by the host compiler. The block
 * size enters as apb_bits = log2(block numbers per indirect block), i.e.
 * block_size_bits - 2 (10 for 4 KiB blocks).
 */
#ifndef EXT2_BMAP_H
#define EXT2_BMAP_H

#include <kernel/types.h>

#define EXT2_BMAP_MAX_DEPTH	4

/*
 * The path to one logical block: depth 1 = direct (offsets[0] < 12 indexes
 * i_block[]), 2 = through the single indirect block (offsets[0] = 12, then
 * the slot in that block), 3 = double (13, slot, slot), 4 = triple
 * (14, slot, slot, slot). Indirect block number k of the path (k = 1 ..
 * depth - 1) is identified by offsets[0 .. k-1].
 */
struct ext2_bmap_path {
	int depth;
	u32 offsets[EXT2_BMAP_MAX_DEPTH];
};

int ext2_bmap_path(u64 lbn, unsigned int apb_bits, struct ext2_bmap_path *p);
s64 ext2_bmap_lbn(const struct ext2_bmap_path *p, unsigned int apb_bits);
int ext2_bmap_validate(const struct ext2_bmap_path *p, unsigned int apb_bits);
u64 ext2_bmap_max_blocks(unsigned int apb_bits);
u64 ext2_bmap_meta_blocks(u64 nblocks, unsigned int apb_bits);
int ext2_bmap_new_meta(const struct ext2_bmap_path *prev, const struct ext2_bmap_path *cur);
u64 ext2_max_file_size(unsigned int block_bits);

#endif /* EXT2_BMAP_H */
