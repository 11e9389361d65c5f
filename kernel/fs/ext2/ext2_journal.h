/*
 * The JBD2 journal superblock: build a fresh one (mkfs) and check one
 * read from disk (the driver, before it trusts s_maxlen and s_start).
 * Formats in <fs/jbd2_fs.h>; every field is big-endian on disk.
 *
 * Pure: no I/O, no locks, no allocation.
 */
#ifndef EXT2_JOURNAL_H
#define EXT2_JOURNAL_H

#include <kernel/types.h>
#include <fs/jbd2_fs.h>

#include "ext2_pure.h"

void jbd2_sb_init(struct jbd2_superblock *jsb, u32 block_size, u32 blocks, const u8 uuid[16]);
int jbd2_sb_check(const struct jbd2_superblock *jsb, u32 block_size, u64 inode_blocks,
		  const char **why);
unsigned int jbd2_tag_bytes(const struct jbd2_superblock *jsb);

#endif /* EXT2_JOURNAL_H */
