/*
 * ext2 block mapping arithmetic (interface in ext2_bmap.h).
 *
 * A logical block number falls in one of four ranges: [0, 12) direct,
 * then A = 2^apb_bits blocks through the single indirect block, A^2
 * through the double, A^3 through the triple. Every computation is done in
 * 64 bits and checked against those ranges, so no input overflows.
 *
 * Pure: no locks, no allocation.
 */
#include "ext2_bmap.h"

#include <fs/ext2_fs.h>
#include <uapi/errno.h>

/* apb_bits above this would overflow A^3 in 64 bits (and no ext2 block is that big). */
#define EXT2_BMAP_MAX_APB_BITS	14

static bool apb_ok(unsigned int apb_bits)
{
	return apb_bits >= 8 && apb_bits <= EXT2_BMAP_MAX_APB_BITS;
}

/*
 * ext2_bmap_path - the path to logical block @lbn.
 * Returns 0 and fills @p, -EFBIG if @lbn is beyond the triple indirect
 * block's reach, -EINVAL for an impossible @apb_bits.
 */
int ext2_bmap_path(u64 lbn, unsigned int apb_bits, struct ext2_bmap_path *p)
{
	u64 a = 1, mask;
	int level;

	if (!apb_ok(apb_bits))
		return -EINVAL;
	mask = ((u64)1 << apb_bits) - 1;
	if (lbn < EXT2_NDIR_BLOCKS) {
		p->depth = 1;
		p->offsets[0] = (u32)lbn;
		return 0;
	}
	lbn -= EXT2_NDIR_BLOCKS;
	for (level = 1; level <= 3; level++) {
		a <<= apb_bits;		/* blocks reachable through this level */
		if (lbn < a) {
			p->depth = level + 1;
			p->offsets[0] = EXT2_IND_BLOCK + level - 1;
			for (int k = level; k >= 1; k--) {
				p->offsets[k] = (u32)(lbn & mask);
				lbn >>= apb_bits;
			}
			return 0;
		}
		lbn -= a;
	}
	return -EFBIG;
}

/*
 * ext2_bmap_validate - is @p a path ext2_bmap_path() could have produced?
 * Returns 0 or -EINVAL.
 */
int ext2_bmap_validate(const struct ext2_bmap_path *p, unsigned int apb_bits)
{
	if (!apb_ok(apb_bits) || p->depth < 1 || p->depth > EXT2_BMAP_MAX_DEPTH)
		return -EINVAL;
	if (p->depth == 1)
		return p->offsets[0] < EXT2_NDIR_BLOCKS ? 0 : -EINVAL;
	if (p->offsets[0] != (u32)(EXT2_IND_BLOCK + p->depth - 2))
		return -EINVAL;
	for (int k = 1; k < p->depth; k++)
		if (p->offsets[k] >> apb_bits)
			return -EINVAL;
	return 0;
}

/*
 * ext2_bmap_lbn - the logical block a path leads to (the reverse of
 * ext2_bmap_path()). Returns it, or -EINVAL for a malformed path.
 */
s64 ext2_bmap_lbn(const struct ext2_bmap_path *p, unsigned int apb_bits)
{
	u64 lbn = EXT2_NDIR_BLOCKS, idx = 0;

	if (ext2_bmap_validate(p, apb_bits))
		return -EINVAL;
	if (p->depth == 1)
		return p->offsets[0];
	/* skip the ranges of the shallower levels */
	for (int level = 1; level < p->depth - 1; level++)
		lbn += (u64)1 << (apb_bits * level);
	for (int k = 1; k < p->depth; k++)
		idx = (idx << apb_bits) | p->offsets[k];
	return (s64)(lbn + idx);
}

/* ext2_bmap_max_blocks - how many logical blocks i_block[] can map. */
u64 ext2_bmap_max_blocks(unsigned int apb_bits)
{
	if (!apb_ok(apb_bits))
		return 0;
	return EXT2_NDIR_BLOCKS + ((u64)1 << apb_bits) + ((u64)1 << (2 * apb_bits)) +
	       ((u64)1 << (3 * apb_bits));
}

/* ceil(n / 2^bits) */
static u64 div_up(u64 n, unsigned int bits)
{
	return (n + ((u64)1 << bits) - 1) >> bits;
}

/*
 * ext2_bmap_meta_blocks - the indirect blocks needed to map logical blocks
 * 0 .. @nblocks-1 with no holes. @nblocks beyond ext2_bmap_max_blocks()
 * counts as that maximum.
 */
u64 ext2_bmap_meta_blocks(u64 nblocks, unsigned int apb_bits)
{
	u64 meta = 0, n, a;

	if (!apb_ok(apb_bits) || nblocks <= EXT2_NDIR_BLOCKS)
		return 0;
	n = nblocks - EXT2_NDIR_BLOCKS;
	for (int level = 1; level <= 3 && n; level++) {
		a = (u64)1 << (apb_bits * level);
		u64 here = n < a ? n : a;	/* data blocks under this level's root */
		for (int k = 1; k <= level; k++)	/* indirect blocks at each depth */
			meta += div_up(here, apb_bits * (level - k + 1));
		n -= here;
	}
	return meta;
}

/*
 * ext2_bmap_new_meta - the indirect blocks @cur needs that the path @prev
 * (an earlier block of the same file, or NULL) did not already need. Mapping
 * a file's blocks in increasing order, the sum over all its blocks is the
 * number of indirect blocks the file has.
 */
int ext2_bmap_new_meta(const struct ext2_bmap_path *prev, const struct ext2_bmap_path *cur)
{
	int shared = 0;

	if (!prev || prev->depth != cur->depth)
		return cur->depth - 1;
	/* indirect block k is shared iff offsets[0 .. k-1] agree */
	while (shared < cur->depth - 1 && prev->offsets[shared] == cur->offsets[shared])
		shared++;
	return cur->depth - 1 - shared;
}

/*
 * ext2_max_file_size - the largest file size in bytes for blocks of
 * 2^@block_bits bytes: limited by the reach of i_block[] and by i_blocks,
 * a 32-bit count of 512-byte sectors that includes the indirect blocks
 * (no huge_file feature). Returns 0 for an impossible block size.
 */
u64 ext2_max_file_size(unsigned int block_bits)
{
	unsigned int apb_bits = block_bits - 2;
	u64 limit, n;

	if (block_bits < 10 || !apb_ok(apb_bits))
		return 0;
	limit = (((u64)1 << 32) - 1) >> (block_bits - 9);	/* fs blocks i_blocks counts */
	n = ext2_bmap_max_blocks(apb_bits);
	if (n + ext2_bmap_meta_blocks(n, apb_bits) > limit) {
		n = limit - ext2_bmap_meta_blocks(limit, apb_bits);
		while (n + ext2_bmap_meta_blocks(n + 1, apb_bits) + 1 <= limit)
			n++;
		while (n + ext2_bmap_meta_blocks(n, apb_bits) > limit)
			n--;
	}
	return n << block_bits;
}
