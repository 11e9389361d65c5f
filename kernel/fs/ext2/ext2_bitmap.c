/*
 * ext2 allocation bitmaps (interface in ext2_bitmap.h).
 *
 * Searches skip whole bytes of 0xff, so a nearly full 32768-bit group is
 * scanned 4 KiB at a time, not bit by bit.
 *
 * Pure: no locks, no allocation.
 */
#include "ext2_bitmap.h"

bool ext2_bitmap_test(const u8 *map, u32 bit)
{
	return map[bit >> 3] & (1u << (bit & 7));
}

/*
 * ext2_bitmap_set - mark @bit in use. Returns 0; -EINVAL if @bit >=
 * @nbits; -EEXIST if it was already set (a double allocation: the bitmap
 * is left as it was).
 */
int ext2_bitmap_set(u8 *map, u32 nbits, u32 bit)
{
	if (bit >= nbits)
		return -EINVAL;
	if (ext2_bitmap_test(map, bit))
		return -EEXIST;
	map[bit >> 3] |= (u8)(1u << (bit & 7));
	return 0;
}

/*
 * ext2_bitmap_clear - mark @bit free. Returns 0; -EINVAL if @bit >=
 * @nbits; -ENOENT if it was already clear (a double free).
 */
int ext2_bitmap_clear(u8 *map, u32 nbits, u32 bit)
{
	if (bit >= nbits)
		return -EINVAL;
	if (!ext2_bitmap_test(map, bit))
		return -ENOENT;
	map[bit >> 3] &= (u8)~(1u << (bit & 7));
	return 0;
}

/*
 * ext2_bitmap_set_range - mark [@start, @start + @len) in use, all or
 * nothing. Returns 0, -EINVAL if the range leaves the bitmap, -EEXIST if
 * a bit in it was already set.
 */
int ext2_bitmap_set_range(u8 *map, u32 nbits, u32 start, u32 len)
{
	if (start > nbits || len > nbits - start)
		return -EINVAL;
	for (u32 i = 0; i < len; i++)
		if (ext2_bitmap_test(map, start + i))
			return -EEXIST;
	for (u32 i = 0; i < len; i++)
		map[(start + i) >> 3] |= (u8)(1u << ((start + i) & 7));
	return 0;
}

/* The first clear bit in [from, to), or to. */
static u32 scan_zero(const u8 *map, u32 from, u32 to)
{
	u32 bit = from;

	while (bit < to) {
		if ((bit & 7) == 0 && map[bit >> 3] == 0xff) {
			bit += 8;
			continue;
		}
		if (!ext2_bitmap_test(map, bit))
			return bit;
		bit++;
	}
	return to;
}

/*
 * ext2_bitmap_find_zero - the first clear bit at or after @goal, wrapping
 * to bit 0 (a @goal >= @nbits means 0). Returns it, or -ENOSPC if every
 * bit is set. Does not set it.
 */
s64 ext2_bitmap_find_zero(const u8 *map, u32 nbits, u32 goal)
{
	u32 bit;

	if (goal >= nbits)
		goal = 0;
	bit = scan_zero(map, goal, nbits);
	if (bit < nbits)
		return bit;
	bit = scan_zero(map, 0, goal);
	return bit < goal ? (s64)bit : -ENOSPC;
}

/* The first run of @len clear bits starting in [from, to) and ending by @nbits. */
static s64 scan_run(const u8 *map, u32 nbits, u32 from, u32 to, u32 len)
{
	u32 start = scan_zero(map, from, to);

	while (start < to && len <= nbits - start) {
		u32 end = start + 1;

		while (end < start + len && !ext2_bitmap_test(map, end))
			end++;
		if (end == start + len)
			return start;
		start = scan_zero(map, end, to);	/* bit @end is set */
	}
	return -ENOSPC;
}

/*
 * ext2_bitmap_find_run - the first run of @len (>= 1) clear bits that
 * starts at or after @goal, else the first from bit 0 (runs do not wrap
 * around the end). Returns its first bit, or -ENOSPC (also for @len 0).
 */
s64 ext2_bitmap_find_run(const u8 *map, u32 nbits, u32 goal, u32 len)
{
	s64 r;

	if (!len || len > nbits)
		return -ENOSPC;
	if (goal >= nbits)
		goal = 0;
	r = scan_run(map, nbits, goal, nbits, len);
	if (r >= 0 || !goal)
		return r;
	return scan_run(map, nbits, 0, goal, len);
}

/* Set bits in a byte (no libgcc: rv64imac has no popcount instruction). */
static u32 byte_weight(u8 b)
{
	b = (u8)(b - ((b >> 1) & 0x55));
	b = (u8)((b & 0x33) + ((b >> 2) & 0x33));
	return (b + (b >> 4)) & 0x0f;
}

/* ext2_bitmap_count_free - the clear bits among the first @nbits. */
u32 ext2_bitmap_count_free(const u8 *map, u32 nbits)
{
	u32 used = 0, bit = 0;

	for (; bit + 8 <= nbits; bit += 8)
		used += byte_weight(map[bit >> 3]);
	for (; bit < nbits; bit++)
		used += ext2_bitmap_test(map, bit);
	return nbits - used;
}

/* ext2_bitmap_pad - set the padding bits [@nbits, @map_bits). */
void ext2_bitmap_pad(u8 *map, u32 nbits, u32 map_bits)
{
	for (u32 bit = nbits; bit < map_bits; bit++)
		map[bit >> 3] |= (u8)(1u << (bit & 7));
}

/*
 * ext2_bitmap_validate - check a bitmap of @map_bits bits whose first
 * @nbits are meaningful: the padding is all set, and (unless @expect_free
 * is (u32)-1) exactly @expect_free meaningful bits are clear, as the
 * group descriptor says. Returns 0 or -EFSCORRUPTED.
 */
int ext2_bitmap_validate(const u8 *map, u32 nbits, u32 map_bits, u32 expect_free)
{
	if (nbits > map_bits)
		return -EFSCORRUPTED;
	for (u32 bit = nbits; bit < map_bits; bit++)
		if (!ext2_bitmap_test(map, bit))
			return -EFSCORRUPTED;
	if (expect_free != (u32)-1 && ext2_bitmap_count_free(map, nbits) != expect_free)
		return -EFSCORRUPTED;
	return 0;
}
