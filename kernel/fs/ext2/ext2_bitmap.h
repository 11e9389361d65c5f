/*
 * ext2 allocation bitmaps: one block of bits per group, bit i in byte
 * i / 8 at position i % 8 (little-endian bit order), 1 = in use.
 *
 * The functions take the bitmap and the number of meaningful bits
 * (blocks or inodes in the group); bits past that are padding, which a
 * valid bitmap keeps set (ext2_bitmap_pad()). Setting a set bit or
 * clearing a clear one is refused and reported: it means a double
 * allocation or a double free.
 *
 * Pure: no locks, no allocation; the caller serializes access to a bitmap.
 */
#ifndef EXT2_BITMAP_H
#define EXT2_BITMAP_H

#include <kernel/types.h>

#include "ext2_pure.h"

bool ext2_bitmap_test(const u8 *map, u32 bit);
int ext2_bitmap_set(u8 *map, u32 nbits, u32 bit);
int ext2_bitmap_clear(u8 *map, u32 nbits, u32 bit);
int ext2_bitmap_set_range(u8 *map, u32 nbits, u32 start, u32 len);
s64 ext2_bitmap_find_zero(const u8 *map, u32 nbits, u32 goal);
s64 ext2_bitmap_find_run(const u8 *map, u32 nbits, u32 goal, u32 len);
u32 ext2_bitmap_count_free(const u8 *map, u32 nbits);
void ext2_bitmap_pad(u8 *map, u32 nbits, u32 map_bits);
int ext2_bitmap_validate(const u8 *map, u32 nbits, u32 map_bits, u32 expect_free);

#endif /* EXT2_BITMAP_H */
