/*
 * The JBD2 log's blocks and its recovery, as pure code (no I/O, no locks):
 * building and parsing descriptor, revoke and commit blocks, escaping
 * logged blocks that start with the magic, and the three recovery passes
 * (scan, revoke, replay) driven through read/write callbacks so that the
 * host unit tests (tests/unit/test_jbd2.c) can run them over synthetic,
 * torn and corrupt logs. Formats in <fs/jbd2_fs.h>; docs/journal.md.
 *
 * Only journals without the 64bit and checksum features are handled
 * (jbd2_sb_check refuses the others): tags are 8 bytes, revoke records 4.
 *
 * Allocation: jbd2_recover() grows its revoke table with krealloc and
 * frees it before returning. No locks.
 */
#ifndef FS_JBD2_LOG_H
#define FS_JBD2_LOG_H

#include <kernel/types.h>
#include <fs/jbd2_fs.h>

#define JBD2_BLOCK_SIZE		4096u
#define JBD2_REVOKE_REC		4u	/* bytes per revoke record (no 64bit) */

/* Transaction ids compare modulo 2^32, as Linux's tid_gt/tid_geq. */
static inline bool jbd2_tid_gt(u32 a, u32 b) { return (s32)(a - b) > 0; }
static inline bool jbd2_tid_geq(u32 a, u32 b) { return (s32)(a - b) >= 0; }

/* Where the log lies: blocks [first, maxlen) of the journal, circular. */
struct jbd2_log_geom {
	u32 first;		/* s_first */
	u32 maxlen;		/* s_maxlen: one past the last log block */
	u64 fs_blocks;		/* home block numbers must be below this */
};

/* The log block after blk, wrapping from maxlen - 1 to first. */
static inline u32 jbd2_log_next(const struct jbd2_log_geom *g, u32 blk)
{
	return blk + 1 >= g->maxlen ? g->first : blk + 1;
}

/* ---------------------------------------------------------------- blocks */

/* Tags one descriptor block holds (the first carries the 16-byte UUID). */
unsigned int jbd2_desc_capacity(void);
/* Revoke records one revoke block holds. */
unsigned int jbd2_revoke_capacity(void);

/* A descriptor block of transaction seq holding the n home block numbers
 * blocks[] (1 <= n <= jbd2_desc_capacity()), whose logged copies are
 * escaped where escaped[i]; the first tag carries uuid. Fills the block. */
void jbd2_desc_build(void *blk, u32 seq, const u64 *blocks, const bool *escaped,
		     unsigned int n, const u8 uuid[16]);

/*
 * Parse descriptor block blk: its tags' home blocks and flags into
 * blocks[]/flags[] (room for jbd2_desc_capacity() each). As Linux and
 * e2fsck do, tags end at the one flagged LAST_TAG or where the next would
 * not fit. Returns the number of tags (>= 1).
 */
unsigned int jbd2_desc_parse(const void *blk, u64 *blocks, u16 *flags);

/* An empty revoke block of transaction seq. */
void jbd2_revoke_init(void *blk, u32 seq);
/* Append a record: 0, or -ENOSPC if the block is full. */
int jbd2_revoke_add(void *blk, u64 block);
/* The records of revoke block blk: their count (>= 0), or -EUCLEAN for a bad r_count. */
int jbd2_revoke_count(const void *blk);
/* Record i (< jbd2_revoke_count()). */
u64 jbd2_revoke_get(const void *blk, unsigned int i);

/* A commit block of transaction seq stamped with the given time. */
void jbd2_commit_build(void *blk, u32 seq, u64 sec, u32 nsec);

/*
 * Escaping: a logged copy must not start with the magic (recovery would
 * take it for a journal block). jbd2_escape zeroes the first word of a
 * copy that does and returns true; jbd2_unescape puts the magic back.
 */
bool jbd2_escape(void *copy);
void jbd2_unescape(void *blk);

/* ---------------------------------------------------------------- recovery */

/* Callbacks: 0 or -errno; buf is JBD2_BLOCK_SIZE bytes. */
struct jbd2_recovery_ops {
	int (*read_log)(void *ctx, u32 log_block, void *buf);
	int (*write_home)(void *ctx, u64 fs_block, const void *buf);
	void *ctx;
};

struct jbd2_recovery_info {
	u32 start_seq;		/* first transaction looked at (s_sequence) */
	u32 end_seq;		/* first transaction not replayed (no complete commit) */
	u32 end_block;		/* log block after the last complete commit */
	u32 nr_commits;		/* complete transactions found */
	u32 nr_replayed;	/* blocks written home */
	u32 nr_revoked;		/* logged blocks skipped for a revoke */
	u32 nr_revoke_records;	/* distinct revoked blocks */
};

/*
 * Run recovery over the log starting at log block start (s_start, not 0)
 * with transaction start_seq (s_sequence): scan for the last transaction
 * with a complete commit (the scan ends quietly at a block with the wrong
 * magic, the wrong sequence, an unknown type, a bad descriptor or revoke
 * block, a home block >= g->fs_blocks, or after one lap of the log), then
 * collect the revoke records of the complete transactions, then write
 * home every block they logged unless revoked by the same or a later one,
 * in log order. Needs two JBD2_BLOCK_SIZE buffers (buf, buf2).
 * Returns 0 (info filled), -EIO/-errno from a callback, -ENOMEM.
 */
int jbd2_recover(const struct jbd2_log_geom *g, u32 start, u32 start_seq,
		 const struct jbd2_recovery_ops *ops, void *buf, void *buf2,
		 struct jbd2_recovery_info *info);

#endif /* FS_JBD2_LOG_H */
