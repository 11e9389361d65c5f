/*
 * The JBD2 journal format (the ext3/ext4 journal) as Kestrel uses it
 * (docs/ext2.md, "The journal").
 *
 * The journal is a circular log of blocks inside inode 8. Its first block
 * is the journal superblock; the rest hold transactions: a descriptor block
 * (a header and one tag per logged block), the logged blocks themselves,
 * optional revoke blocks, and a commit block. Every field is big-endian on
 * disk: use jbd2_be32()/jbd2_cpu_to_be32() etc. to read and write them.
 *
 * Kestrel writes version 2 superblocks with no optional features (no
 * 64bit, no checksums, no async commit); a journal with a feature this
 * header does not list is refused by the driver.
 *
 * Shared by the kernel and mkfs/. Header only: no code, no locks.
 */
#ifndef FS_JBD2_FS_H
#define FS_JBD2_FS_H

#include <stddef.h>
#include <stdint.h>

#define JBD2_MAGIC_NUMBER		0xc03b3998u
#define JBD2_MIN_JOURNAL_BLOCKS		1024	/* e2fsck and Linux refuse fewer */

/* h_blocktype */
#define JBD2_DESCRIPTOR_BLOCK		1
#define JBD2_COMMIT_BLOCK		2
#define JBD2_SUPERBLOCK_V1		3
#define JBD2_SUPERBLOCK_V2		4
#define JBD2_REVOKE_BLOCK		5
#define JBD2_FC_BLOCK			6

/* feature flags */
#define JBD2_FEATURE_COMPAT_CHECKSUM		0x00000001
#define JBD2_FEATURE_INCOMPAT_REVOKE		0x00000001
#define JBD2_FEATURE_INCOMPAT_64BIT		0x00000002
#define JBD2_FEATURE_INCOMPAT_ASYNC_COMMIT	0x00000004
#define JBD2_FEATURE_INCOMPAT_CSUM_V2		0x00000008
#define JBD2_FEATURE_INCOMPAT_CSUM_V3		0x00000010
#define JBD2_FEATURE_INCOMPAT_FAST_COMMIT	0x00000020
/* What Kestrel understands: revoke records only. */
#define KESTREL_JBD2_INCOMPAT		JBD2_FEATURE_INCOMPAT_REVOKE

/* t_flags of a block tag */
#define JBD2_FLAG_ESCAPE		1	/* block began with the magic: zeroed on disk */
#define JBD2_FLAG_SAME_UUID		2	/* no 16-byte UUID follows this tag */
#define JBD2_FLAG_DELETED		4
#define JBD2_FLAG_LAST_TAG		8	/* last tag of this descriptor */

/* Every journal metadata block starts with this header. */
struct jbd2_header {
	uint32_t h_magic;		/* JBD2_MAGIC_NUMBER */
	uint32_t h_blocktype;
	uint32_t h_sequence;		/* transaction id */
};

_Static_assert(sizeof(struct jbd2_header) == 12, "jbd2 header");

/* The journal superblock: block 0 of the journal (1024 bytes used). */
struct jbd2_superblock {
	struct jbd2_header s_header;
	/* static: set at mkfs */
	uint32_t s_blocksize;		/* journal block size: the fs block size */
	uint32_t s_maxlen;		/* blocks in the journal */
	uint32_t s_first;		/* first log block (1: after this superblock) */
	/* dynamic */
	uint32_t s_sequence;		/* first transaction expected in the log */
	uint32_t s_start;		/* block of the log's start; 0: journal clean */
	int32_t s_errno;
	/* version 2 */
	uint32_t s_feature_compat;
	uint32_t s_feature_incompat;
	uint32_t s_feature_ro_compat;
	uint8_t s_uuid[16];		/* the filesystem's UUID for an internal journal */
	uint32_t s_nr_users;		/* 1 for an internal journal */
	uint32_t s_dynsuper;
	uint32_t s_max_transaction;	/* 0: no limit */
	uint32_t s_max_trans_data;
	uint8_t s_checksum_type;
	uint8_t s_padding2[3];
	uint32_t s_num_fc_blks;
	uint32_t s_head;
	uint32_t s_padding[40];
	uint32_t s_checksum;
	uint8_t s_users[16 * 48];	/* external journals only */
};

_Static_assert(sizeof(struct jbd2_superblock) == 1024, "jbd2 superblock");
_Static_assert(offsetof(struct jbd2_superblock, s_uuid) == 0x30, "s_uuid");
_Static_assert(offsetof(struct jbd2_superblock, s_checksum_type) == 0x50, "s_checksum_type");
_Static_assert(offsetof(struct jbd2_superblock, s_checksum) == 0xfc, "s_checksum");

/*
 * A descriptor block: the header, then tags up to the end of the block.
 * Without the 64bit and csum features a tag is 8 bytes (t_blocknr,
 * t_checksum, t_flags); the first tag, and any tag without
 * JBD2_FLAG_SAME_UUID, is followed by the 16-byte UUID.
 */
struct jbd2_block_tag {
	uint32_t t_blocknr;		/* where the logged block belongs in the fs */
	uint16_t t_checksum;		/* csum v2 only: Kestrel writes 0 */
	uint16_t t_flags;		/* JBD2_FLAG_* */
};

_Static_assert(sizeof(struct jbd2_block_tag) == 8, "jbd2 tag");
#define JBD2_TAG_SIZE			8	/* tag bytes without 64bit/csum */
#define JBD2_UUID_SIZE			16

/* A commit block (the header, then checksum fields Kestrel leaves zero). */
#define JBD2_CRC32_CHKSUM		1
#define JBD2_CHECKSUM_BYTES		(32 / sizeof(uint32_t))
struct jbd2_commit_header {
	struct jbd2_header h;
	uint8_t h_chksum_type;
	uint8_t h_chksum_size;
	uint8_t h_padding[2];
	uint32_t h_chksum[JBD2_CHECKSUM_BYTES];
	uint64_t h_commit_sec;
	uint32_t h_commit_nsec;
} __attribute__((packed));

_Static_assert(sizeof(struct jbd2_commit_header) == 60, "jbd2 commit");
_Static_assert(offsetof(struct jbd2_commit_header, h_commit_sec) == 48, "h_commit_sec");

/* A revoke block: the header, r_count (bytes used, header included), then
 * 4-byte block numbers (8-byte with the 64bit feature). */
struct jbd2_revoke_header {
	struct jbd2_header r_header;
	uint32_t r_count;
};

_Static_assert(sizeof(struct jbd2_revoke_header) == 16, "jbd2 revoke");

/* ---- big-endian helpers (the CPU is little-endian). Written with shifts:
 * rv64imac has no byte-swap instruction and gcc would call libgcc. */
static inline uint16_t jbd2_be16(uint16_t v)
{
	return (uint16_t)((v >> 8) | (v << 8));
}

static inline uint32_t jbd2_be32(uint32_t v)
{
	return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
}

static inline uint64_t jbd2_be64(uint64_t v)
{
	return ((uint64_t)jbd2_be32((uint32_t)v) << 32) | jbd2_be32((uint32_t)(v >> 32));
}

/* The conversions are their own inverses; these names read better when writing. */
#define jbd2_cpu_to_be16(v)	jbd2_be16(v)
#define jbd2_cpu_to_be32(v)	jbd2_be32(v)
#define jbd2_cpu_to_be64(v)	jbd2_be64(v)

_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the helpers assume little-endian");

#endif /* FS_JBD2_FS_H */
