/*
 * The ext2 on-disk format as Kestrel uses it (docs/ext2.md).
 *
 * Revision 1 (dynamic) ext2 with 4 KiB blocks, 256-byte inodes, 32-byte
 * group descriptors (no 64bit feature) and an optional JBD2 journal in
 * inode 8 (<fs/jbd2_fs.h>). Everything on disk is little-endian; Kestrel
 * runs little-endian RISC-V and the host tools run on little-endian
 * machines, so the structures are read and written as they are. The
 * layouts follow the published ext2/ext3 format; every size is checked
 * below with _Static_assert.
 *
 * Shared by the kernel driver (kernel/fs/ext2/), the pure helpers beside it
 * and the host tool mkfs/. Header only: no code, no locks.
 */
#ifndef FS_EXT2_FS_H
#define FS_EXT2_FS_H

#include <stddef.h>
#include <stdint.h>

/* ---- sizes and places */
#define EXT2_SUPER_MAGIC	0xEF53u	/* as <uapi/mount.h> spells it */
#define EXT2_SUPERBLOCK_OFFSET	1024	/* byte offset of the primary superblock */
#define EXT2_SUPERBLOCK_SIZE	1024
#define EXT2_MIN_BLOCK_LOG_SIZE	10	/* s_log_block_size counts from 1 KiB */
#define EXT2_BLOCK_SIZE_BITS	12	/* Kestrel: 4 KiB blocks only */
#define EXT2_BLOCK_SIZE		(1u << EXT2_BLOCK_SIZE_BITS)
#define EXT2_INODE_SIZE		256	/* Kestrel writes 256-byte inodes */
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_EXTRA_ISIZE	32	/* i_extra_isize Kestrel writes */
#define EXT2_DESC_SIZE		32	/* group descriptor without 64bit */
#define EXT2_ADDR_PER_BLOCK	(EXT2_BLOCK_SIZE / 4)

/* s_rev_level */
#define EXT2_GOOD_OLD_REV	0
#define EXT2_DYNAMIC_REV	1
#define EXT2_GOOD_OLD_FIRST_INO	11

/* s_state */
#define EXT2_VALID_FS		0x0001	/* cleanly unmounted */
#define EXT2_ERROR_FS		0x0002
/* s_errors */
#define EXT2_ERRORS_CONTINUE	1
#define EXT2_ERRORS_RO		2
#define EXT2_ERRORS_PANIC	3
/* s_creator_os */
#define EXT2_OS_LINUX		0
/* s_jnl_backup_type */
#define EXT3_JNL_BACKUP_BLOCKS	1
/* s_def_hash_version */
#define EXT2_HASH_HALF_MD4	1

/* ---- feature flags */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC	0x0001
#define EXT2_FEATURE_COMPAT_IMAGIC_INODES	0x0002
#define EXT3_FEATURE_COMPAT_HAS_JOURNAL		0x0004
#define EXT2_FEATURE_COMPAT_EXT_ATTR		0x0008
#define EXT2_FEATURE_COMPAT_RESIZE_INODE	0x0010
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020

#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT2_FEATURE_RO_COMPAT_BTREE_DIR	0x0004
#define EXT4_FEATURE_RO_COMPAT_HUGE_FILE	0x0008
#define EXT4_FEATURE_RO_COMPAT_GDT_CSUM		0x0010
#define EXT4_FEATURE_RO_COMPAT_DIR_NLINK	0x0020
#define EXT4_FEATURE_RO_COMPAT_EXTRA_ISIZE	0x0040
#define EXT4_FEATURE_RO_COMPAT_METADATA_CSUM	0x0400

#define EXT2_FEATURE_INCOMPAT_COMPRESSION	0x0001
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002
#define EXT3_FEATURE_INCOMPAT_RECOVER		0x0004	/* journal needs replay */
#define EXT3_FEATURE_INCOMPAT_JOURNAL_DEV	0x0008
#define EXT2_FEATURE_INCOMPAT_META_BG		0x0010
#define EXT4_FEATURE_INCOMPAT_EXTENTS		0x0040
#define EXT4_FEATURE_INCOMPAT_64BIT		0x0080
#define EXT4_FEATURE_INCOMPAT_FLEX_BG		0x0200

/* What Kestrel writes and understands (docs/ext2.md "Features"). */
#define KESTREL_EXT2_COMPAT	EXT3_FEATURE_COMPAT_HAS_JOURNAL
#define KESTREL_EXT2_RO_COMPAT	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
				 EXT2_FEATURE_RO_COMPAT_LARGE_FILE)
#define KESTREL_EXT2_INCOMPAT	(EXT2_FEATURE_INCOMPAT_FILETYPE | \
				 EXT3_FEATURE_INCOMPAT_RECOVER)

/* ---- reserved inode numbers */
#define EXT2_BAD_INO		1
#define EXT2_ROOT_INO		2
#define EXT4_USR_QUOTA_INO	3
#define EXT4_GRP_QUOTA_INO	4
#define EXT2_BOOT_LOADER_INO	5
#define EXT2_UNDEL_DIR_INO	6
#define EXT2_RESIZE_INO		7
#define EXT3_JOURNAL_INO	8
#define EXT2_FIRST_INO		11	/* s_first_ino Kestrel writes */

/* ---- i_block[] */
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15

/* i_flags Kestrel knows (it sets none) */
#define EXT2_SECRM_FL		0x00000001
#define EXT2_IMMUTABLE_FL	0x00000010
#define EXT2_APPEND_FL		0x00000020
#define EXT2_NOATIME_FL		0x00000080
#define EXT2_INDEX_FL		0x00001000
#define EXT4_HUGE_FILE_FL	0x00040000
#define EXT4_EXTENTS_FL		0x00080000
#define EXT4_INLINE_DATA_FL	0x10000000

/* i_mode file types (the same numbers as S_IFMT) */
#define EXT2_S_IFMT		0170000
#define EXT2_S_IFSOCK		0140000
#define EXT2_S_IFLNK		0120000
#define EXT2_S_IFREG		0100000
#define EXT2_S_IFBLK		0060000
#define EXT2_S_IFDIR		0040000
#define EXT2_S_IFCHR		0020000
#define EXT2_S_IFIFO		0010000

/* A symlink whose target is shorter than this lives in i_block[] ("fast"). */
#define EXT2_FAST_SYMLINK_MAX	(sizeof(uint32_t) * EXT2_N_BLOCKS - 1)

/* ---- the superblock (1024 bytes at byte 1024; backups at block 0 of groups) */
struct ext2_super_block {
	uint32_t s_inodes_count;
	uint32_t s_blocks_count;
	uint32_t s_r_blocks_count;	/* reserved for root */
	uint32_t s_free_blocks_count;
	uint32_t s_free_inodes_count;
	uint32_t s_first_data_block;	/* 0 for 4 KiB blocks */
	uint32_t s_log_block_size;	/* block size = 1024 << this */
	uint32_t s_log_frag_size;
	uint32_t s_blocks_per_group;
	uint32_t s_frags_per_group;
	uint32_t s_inodes_per_group;
	uint32_t s_mtime;		/* last mount */
	uint32_t s_wtime;		/* last write */
	uint16_t s_mnt_count;
	int16_t s_max_mnt_count;	/* -1: no forced check */
	uint16_t s_magic;
	uint16_t s_state;
	uint16_t s_errors;
	uint16_t s_minor_rev_level;
	uint32_t s_lastcheck;
	uint32_t s_checkinterval;
	uint32_t s_creator_os;
	uint32_t s_rev_level;
	uint16_t s_def_resuid;
	uint16_t s_def_resgid;
	/* revision 1 (EXT2_DYNAMIC_REV) */
	uint32_t s_first_ino;
	uint16_t s_inode_size;
	uint16_t s_block_group_nr;	/* group holding this copy */
	uint32_t s_feature_compat;
	uint32_t s_feature_incompat;
	uint32_t s_feature_ro_compat;
	uint8_t s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	uint32_t s_algorithm_usage_bitmap;
	uint8_t s_prealloc_blocks;
	uint8_t s_prealloc_dir_blocks;
	uint16_t s_reserved_gdt_blocks;
	/* journaling (ext3) */
	uint8_t s_journal_uuid[16];	/* zero: the journal is internal */
	uint32_t s_journal_inum;
	uint32_t s_journal_dev;
	uint32_t s_last_orphan;
	uint32_t s_hash_seed[4];
	uint8_t s_def_hash_version;
	uint8_t s_jnl_backup_type;
	uint16_t s_desc_size;
	uint32_t s_default_mount_opts;
	uint32_t s_first_meta_bg;
	uint32_t s_mkfs_time;
	uint32_t s_jnl_blocks[17];	/* journal i_block[] copy, i_size_high, i_size */
	/* 64-bit and ext4 fields: Kestrel writes them zero except the isize pair */
	uint32_t s_blocks_count_hi;
	uint32_t s_r_blocks_count_hi;
	uint32_t s_free_blocks_count_hi;
	uint16_t s_min_extra_isize;
	uint16_t s_want_extra_isize;
	uint32_t s_flags;
	uint16_t s_raid_stride;
	uint16_t s_mmp_interval;
	uint64_t s_mmp_block;
	uint32_t s_raid_stripe_width;
	uint8_t s_log_groups_per_flex;
	uint8_t s_checksum_type;
	uint16_t s_reserved_pad;
	uint64_t s_kbytes_written;
	uint8_t s_reserved[1024 - 384];
};

_Static_assert(sizeof(struct ext2_super_block) == EXT2_SUPERBLOCK_SIZE, "superblock");
_Static_assert(offsetof(struct ext2_super_block, s_magic) == 56, "s_magic");
_Static_assert(offsetof(struct ext2_super_block, s_first_ino) == 84, "s_first_ino");
_Static_assert(offsetof(struct ext2_super_block, s_uuid) == 104, "s_uuid");
_Static_assert(offsetof(struct ext2_super_block, s_journal_uuid) == 208, "s_journal_uuid");
_Static_assert(offsetof(struct ext2_super_block, s_jnl_blocks) == 268, "s_jnl_blocks");
_Static_assert(offsetof(struct ext2_super_block, s_min_extra_isize) == 348, "isize");
_Static_assert(offsetof(struct ext2_super_block, s_kbytes_written) == 376, "kbytes");

/* ---- block group descriptor (32 bytes; the table follows the superblock) */
struct ext2_group_desc {
	uint32_t bg_block_bitmap;
	uint32_t bg_inode_bitmap;
	uint32_t bg_inode_table;
	uint16_t bg_free_blocks_count;
	uint16_t bg_free_inodes_count;
	uint16_t bg_used_dirs_count;
	uint16_t bg_flags;		/* uninit_bg flags: Kestrel writes 0 */
	uint32_t bg_exclude_bitmap_lo;
	uint16_t bg_block_bitmap_csum_lo;
	uint16_t bg_inode_bitmap_csum_lo;
	uint16_t bg_itable_unused;
	uint16_t bg_checksum;
};

_Static_assert(sizeof(struct ext2_group_desc) == EXT2_DESC_SIZE, "group descriptor");

/* ---- inode (256 bytes: the 128-byte classic inode, then i_extra_isize more) */
struct ext2_inode {
	uint16_t i_mode;
	uint16_t i_uid;			/* low 16 bits */
	uint32_t i_size;		/* low 32 bits of the size */
	uint32_t i_atime;
	uint32_t i_ctime;
	uint32_t i_mtime;
	uint32_t i_dtime;		/* deletion time; 0 while in use */
	uint16_t i_gid;			/* low 16 bits */
	uint16_t i_links_count;
	uint32_t i_blocks;		/* 512-byte sectors, indirect blocks included */
	uint32_t i_flags;
	uint32_t i_version;		/* osd1 */
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t i_generation;
	uint32_t i_file_acl;
	uint32_t i_size_high;		/* large_file: high 32 bits of a file's size */
	uint32_t i_faddr;
	/* osd2 (Linux) */
	uint16_t i_blocks_high;
	uint16_t i_file_acl_high;
	uint16_t i_uid_high;
	uint16_t i_gid_high;
	uint16_t i_checksum_lo;
	uint16_t i_reserved;
	/* beyond the good old 128 bytes */
	uint16_t i_extra_isize;		/* bytes used from here on: 32 */
	uint16_t i_checksum_hi;
	uint32_t i_ctime_extra;		/* (nanoseconds << 2) | epoch bits */
	uint32_t i_mtime_extra;
	uint32_t i_atime_extra;
	uint32_t i_crtime;
	uint32_t i_crtime_extra;
	uint32_t i_version_hi;
	uint32_t i_projid;
	uint8_t i_pad[EXT2_INODE_SIZE - 160];
};

_Static_assert(sizeof(struct ext2_inode) == EXT2_INODE_SIZE, "inode");
_Static_assert(offsetof(struct ext2_inode, i_block) == 40, "i_block");
_Static_assert(offsetof(struct ext2_inode, i_extra_isize) == EXT2_GOOD_OLD_INODE_SIZE,
	       "i_extra_isize");
_Static_assert(offsetof(struct ext2_inode, i_pad) == EXT2_GOOD_OLD_INODE_SIZE + EXT2_EXTRA_ISIZE,
	       "extra fields");

/* The *_extra time word: low 2 bits extend the seconds past 2038, the rest nanoseconds. */
#define EXT2_EPOCH_BITS		2
#define EXT2_EPOCH_MASK		((1u << EXT2_EPOCH_BITS) - 1)

static inline uint32_t ext2_time_extra(int64_t sec, uint32_t nsec)
{
	return (uint32_t)(((uint64_t)(sec - (int32_t)sec) >> 32) & EXT2_EPOCH_MASK) |
	       (nsec << EXT2_EPOCH_BITS);
}

static inline int64_t ext2_time_decode(uint32_t lo, uint32_t extra)
{
	return (int64_t)(int32_t)lo + ((int64_t)(extra & EXT2_EPOCH_MASK) << 32);
}

/* ---- directory entry (ext2_dir_entry_2: filetype feature) */
#define EXT2_NAME_LEN		255

struct ext2_dir_entry_2 {
	uint32_t inode;			/* 0: unused record */
	uint16_t rec_len;		/* bytes to the next record */
	uint8_t name_len;
	uint8_t file_type;		/* EXT2_FT_* */
	char name[];			/* name_len bytes, not NUL-terminated */
};

_Static_assert(sizeof(struct ext2_dir_entry_2) == 8, "dirent header");

#define EXT2_DIR_ENTRY_HEADER	8
#define EXT2_DIR_PAD		4
/* The smallest record that holds a name of n bytes. */
#define EXT2_DIR_REC_LEN(n)	(((n) + EXT2_DIR_ENTRY_HEADER + EXT2_DIR_PAD - 1) & \
				 ~(EXT2_DIR_PAD - 1))

/* file_type */
#define EXT2_FT_UNKNOWN		0
#define EXT2_FT_REG_FILE	1
#define EXT2_FT_DIR		2
#define EXT2_FT_CHRDEV		3
#define EXT2_FT_BLKDEV		4
#define EXT2_FT_FIFO		5
#define EXT2_FT_SOCK		6
#define EXT2_FT_SYMLINK		7
#define EXT2_FT_MAX		8

/* The directory file type for an i_mode. */
static inline uint8_t ext2_mode_to_ft(uint16_t mode)
{
	switch (mode & EXT2_S_IFMT) {
	case EXT2_S_IFREG: return EXT2_FT_REG_FILE;
	case EXT2_S_IFDIR: return EXT2_FT_DIR;
	case EXT2_S_IFCHR: return EXT2_FT_CHRDEV;
	case EXT2_S_IFBLK: return EXT2_FT_BLKDEV;
	case EXT2_S_IFIFO: return EXT2_FT_FIFO;
	case EXT2_S_IFSOCK: return EXT2_FT_SOCK;
	case EXT2_S_IFLNK: return EXT2_FT_SYMLINK;
	default: return EXT2_FT_UNKNOWN;
	}
}

/*
 * Device numbers in i_block[] of a character or block device inode: the old
 * 16-bit form in i_block[0] when major and minor both fit in 8 bits, else
 * i_block[0] = 0 and the "new" form in i_block[1] (minor low byte, major,
 * minor's upper bits).
 */
static inline void ext2_encode_dev(uint32_t i_block[EXT2_N_BLOCKS], uint32_t major, uint32_t minor)
{
	if (major < 256 && minor < 256) {
		i_block[0] = (major << 8) | minor;
		i_block[1] = 0;
	} else {
		i_block[0] = 0;
		i_block[1] = (minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xffu) << 12);
	}
}

#endif /* FS_EXT2_FS_H */
