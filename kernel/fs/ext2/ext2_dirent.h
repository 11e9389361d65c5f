/*
 * ext2 directory blocks: operations on one directory block in memory.
 *
 * A directory block is a chain of records (struct ext2_dir_entry_2) that
 * exactly covers the block: each rec_len is a multiple of 4, at least
 * EXT2_DIR_REC_LEN(name_len), and the last record ends at the block's end.
 * A record with inode 0 is unused (only the first record of a block may be
 * unused and still hold space of its own; elsewhere deleting a record
 * gives its space to the record before it).
 *
 * ext2_dirent_validate() checks a block read from disk; the other
 * functions except ext2_dirent_next() expect a block that passed it (or
 * that they built), and keep it valid. ext2_dirent_next() is bounds-checked
 * on its own and may walk an unchecked block.
 *
 * Pure: no I/O, no locks, no allocation (kernel, mkfs/ and the unit tests).
 */
#ifndef EXT2_DIRENT_H
#define EXT2_DIRENT_H

#include <kernel/types.h>

#include "ext2_pure.h"

/* One in-use entry as ext2_dirent_next() returns it. */
struct ext2_dirent_view {
	u32 ino;
	u8 file_type;
	u8 name_len;
	u16 rec_len;
	unsigned int off;	/* where the record starts in the block */
	const char *name;	/* name_len bytes inside the block, not NUL-terminated */
};

int ext2_dirent_validate(const void *blk, unsigned int size, u32 max_ino, unsigned int *bad_off);
void ext2_dirent_init_empty(void *blk, unsigned int size);
void ext2_dirent_init_dir(void *blk, unsigned int size, u32 self, u32 parent);
int ext2_dirent_next(const void *blk, unsigned int size, unsigned int *pos,
		     struct ext2_dirent_view *out);
int ext2_dirent_find(const void *blk, unsigned int size, const char *name, unsigned int len,
		     struct ext2_dirent_view *out);
int ext2_dirent_insert(void *blk, unsigned int size, const char *name, unsigned int len,
		       u32 ino, u8 file_type, unsigned int *off_out);
int ext2_dirent_delete(void *blk, unsigned int size, unsigned int off);
int ext2_dirent_remove(void *blk, unsigned int size, const char *name, unsigned int len);
bool ext2_dirent_block_empty(const void *blk, unsigned int size);
unsigned int ext2_dirent_free_space(const void *blk, unsigned int size);

#endif /* EXT2_DIRENT_H */
