/*
 * The JBD2 journal superblock (interface in ext2_journal.h).
 *
 * Pure: no locks, no allocation.
 */
#include "ext2_journal.h"

#include <lib/string.h>

/*
 * jbd2_sb_init - a clean, empty version-2 journal superblock for an
 * internal journal of @blocks blocks of @block_size bytes whose filesystem
 * has the UUID @uuid: the log starts at block 1, transaction 1 comes next,
 * s_start 0 (nothing to replay), no features. Fills all 1024 bytes.
 */
void jbd2_sb_init(struct jbd2_superblock *jsb, u32 block_size, u32 blocks, const u8 uuid[16])
{
	memset(jsb, 0, sizeof(*jsb));
	jsb->s_header.h_magic = jbd2_cpu_to_be32(JBD2_MAGIC_NUMBER);
	jsb->s_header.h_blocktype = jbd2_cpu_to_be32(JBD2_SUPERBLOCK_V2);
	jsb->s_blocksize = jbd2_cpu_to_be32(block_size);
	jsb->s_maxlen = jbd2_cpu_to_be32(blocks);
	jsb->s_first = jbd2_cpu_to_be32(1);
	jsb->s_sequence = jbd2_cpu_to_be32(1);
	jsb->s_start = 0;
	jsb->s_nr_users = jbd2_cpu_to_be32(1);
	memcpy(jsb->s_uuid, uuid, sizeof(jsb->s_uuid));
}

static int refuse(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -EFSCORRUPTED;
}

/*
 * jbd2_sb_check - may Kestrel use this journal superblock? The journal
 * inode maps @inode_blocks blocks of @block_size bytes. Checks the magic
 * and type (v2; v1 has no feature fields and is refused), the block size,
 * 1024 <= s_maxlen <= @inode_blocks, 1 <= s_first < s_maxlen, s_start 0
 * or inside [s_first, s_maxlen), no feature outside KESTREL_JBD2_INCOMPAT
 * (incompat) or none at all (ro_compat), s_nr_users <= 48. Returns 0 or
 * -EFSCORRUPTED with *@why (if not NULL) naming the problem.
 */
int jbd2_sb_check(const struct jbd2_superblock *jsb, u32 block_size, u64 inode_blocks,
		  const char **why)
{
	u32 maxlen = jbd2_be32(jsb->s_maxlen), first = jbd2_be32(jsb->s_first);
	u32 start = jbd2_be32(jsb->s_start);

	if (jbd2_be32(jsb->s_header.h_magic) != JBD2_MAGIC_NUMBER)
		return refuse(why, "bad journal magic");
	if (jbd2_be32(jsb->s_header.h_blocktype) != JBD2_SUPERBLOCK_V2)
		return refuse(why, "not a version 2 journal superblock");
	if (jbd2_be32(jsb->s_blocksize) != block_size)
		return refuse(why, "journal block size differs from the filesystem's");
	if (maxlen < JBD2_MIN_JOURNAL_BLOCKS || maxlen > inode_blocks)
		return refuse(why, "journal length out of range");
	if (first < 1 || first >= maxlen)
		return refuse(why, "bad s_first");
	if (start && (start < first || start >= maxlen))
		return refuse(why, "s_start outside the log");
	if (jbd2_be32(jsb->s_feature_incompat) & ~(u32)KESTREL_JBD2_INCOMPAT)
		return refuse(why, "unsupported journal feature");
	if (jsb->s_feature_ro_compat)
		return refuse(why, "unsupported read-only journal feature");
	if (jbd2_be32(jsb->s_nr_users) > 48)
		return refuse(why, "bad s_nr_users");
	return 0;
}

/*
 * jbd2_tag_bytes - the size of one descriptor-block tag (without the UUID
 * that may follow it) for a journal that passed jbd2_sb_check(): 8, since
 * Kestrel journals have neither 64bit nor checksum features.
 */
unsigned int jbd2_tag_bytes(const struct jbd2_superblock *jsb)
{
	u32 incompat = jbd2_be32(jsb->s_feature_incompat);

	return JBD2_TAG_SIZE + ((incompat & JBD2_FEATURE_INCOMPAT_64BIT) ? 4 : 0);
}
