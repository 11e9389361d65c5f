/*
 * The journal (kernel/fs/jbd2/): JBD2-format write-ahead logging of
 * metadata blocks for ext2/ext3, in transactions with group commit,
 * ordered data, revoke records, checkpointing and recovery at load.
 * The protocol, its flushes and what survives a crash: docs/journal.md.
 *
 * Use (the ext2 driver):
 *   j = jbd2_journal_load(bdev, bmap, ctx, nr_blocks)   at mount (recovers)
 *   h = jbd2_journal_start(j, nblocks)                   one fs operation
 *     jbd2_journal_get_write_access(h, page)             before changing a block
 *     ...change the bytes of page...
 *     jbd2_journal_dirty_metadata(h, page)               it joins the transaction
 *     jbd2_journal_revoke(h, block)                      a freed metadata block
 *     jbd2_journal_file_inode(h, mapping)                ordered data of a file
 *   jbd2_journal_stop(h)
 *   jbd2_journal_force_commit(j)                         fsync, sync
 *   jbd2_journal_flush(j)                                commit + checkpoint all
 *   jbd2_journal_destroy(j)                              at umount
 *
 * Metadata pages are pages of the block device's page cache whose
 * page->index is the fs block number (4 KiB blocks). A journaled page is
 * never set_page_dirty'd by its user: the journal writes it to the log at
 * commit and to its home location at checkpoint (from a copy taken when
 * the transaction closed, so later changes never reach home early).
 *
 * Rules for callers:
 *   - one handle per task at a time (handles do not nest);
 *   - start the handle before taking page locks of files whose data may
 *     be ordered (a handle may wait for a commit, which writes them);
 *   - change a journaled page only inside a handle, after
 *     get_write_access and before dirty_metadata, and keep nblocks >= the
 *     number of distinct blocks the handle dirties;
 *   - do not reuse a freed block while jbd2_journal_may_reuse() says no
 *     (its revoke has not committed: replay or checkpoint could still
 *     write its old metadata over the new contents);
 *   - call jbd2_journal_release_mapping() before freeing an address space
 *     that was filed with jbd2_journal_file_inode().
 *
 * Locks (docs/locking.md): "jbd2_commit" (mutex: commit, checkpoint and
 * the journal superblock), then "jbd2_state" (spin: transactions,
 * sequences), then "jbd2_list" (spin: a transaction's buffers, revokes
 * and files). Every function here may sleep unless noted.
 */
#ifndef FS_JBD2_H
#define FS_JBD2_H

#include <kernel/types.h>

struct address_space;
struct block_device;
struct page;

typedef struct journal journal_t;
typedef struct jbd2_handle handle_t;

#define JBD2_COMMIT_INTERVAL_SEC	5

/*
 * Open the journal whose block i (0 <= i < nr_blocks) is device block
 * bmap(ctx, i) (4 KiB blocks; each read once here): check its superblock,
 * replay it if it needs recovery (s_start != 0), mark it in use and start
 * its commit thread. After a replay the blocks of the device's page
 * cache (bdev->bd_mapping) are dropped: re-read any metadata cached
 * before the call. Returns the journal or ERR_PTR(-EUCLEAN) (corrupt
 * superblock or block map), ERR_PTR(-EIO/-ENOMEM/-EROFS).
 */
journal_t *jbd2_journal_load(struct block_device *bdev, u32 (*bmap)(void *ctx, u32 block),
			     void *ctx, u32 nr_blocks);

/*
 * Commit everything, checkpoint it, mark the journal empty (s_start 0)
 * and free it; no handle may be open. 0, or -EIO if the journal had
 * failed (it is freed anyway).
 */
int jbd2_journal_destroy(journal_t *j);

/*
 * A handle on the running transaction for an operation that dirties at
 * most nblocks metadata blocks. Waits while the transaction is closing,
 * and when it cannot take nblocks more (the log is 1/4 full) for it to
 * commit. ERR_PTR(-ENOSPC) if nblocks can never fit, ERR_PTR(-EIO) if the
 * journal failed, ERR_PTR(-ENOMEM).
 */
handle_t *jbd2_journal_start(journal_t *j, int nblocks);
/*
 * Give h nblocks more blocks to dirty, in the same transaction (an
 * operation that found more work than it reserved, e.g. nested work).
 * Does not sleep. 0; -ENOSPC if the transaction cannot take them (it
 * would pass half the log: the caller must stop the handle and start a
 * new one); -EIO.
 */
int jbd2_journal_extend(handle_t *h, int nblocks);
/* End the operation. 0, or -EIO if the journal failed meanwhile. */
int jbd2_journal_stop(handle_t *h);

/*
 * Announce a change to metadata page. The transaction's commit copies its
 * blocks when it closes, with no handle open, so nothing needs freezing
 * here: this checks the journal is alive. 0 or -EIO.
 */
int jbd2_journal_get_write_access(handle_t *h, struct page *page);
/*
 * page (block page->index) joins the handle's transaction: it is logged
 * at the commit and written home at the checkpoint. The journal holds a
 * page reference until then. 0, -ENOSPC (more distinct blocks than the
 * handle's nblocks), -ENOMEM, -EIO.
 */
int jbd2_journal_dirty_metadata(handle_t *h, struct page *page);
/* block was dirtied in this transaction but need not be logged after all. 0. */
int jbd2_journal_forget(handle_t *h, u64 block);
/*
 * block (metadata) is freed by this transaction: forget it and write a
 * revoke record so that recovery does not replay older logged copies.
 * 0, -ENOMEM, -EIO.
 */
int jbd2_journal_revoke(handle_t *h, u64 block);
/* May the allocator hand out block? False while a revoke of it is uncommitted. Does not sleep. */
bool jbd2_journal_may_reuse(journal_t *j, u64 block);
/*
 * The first block >= block the allocator may hand out as far as the
 * journal is concerned (a run of freed blocks whose revokes have not
 * committed is skipped at once). Does not sleep.
 */
u64 jbd2_journal_next_reusable(journal_t *j, u64 block);

/*
 * Ordered data: the dirty pages of mapping are written and waited for
 * before this transaction's commit block. 0, -ENOMEM, -EIO.
 */
int jbd2_journal_file_inode(handle_t *h, struct address_space *mapping);
/* mapping is going away: forget it (waits for a commit that is writing it). */
void jbd2_journal_release_mapping(journal_t *j, struct address_space *mapping);

/*
 * Commit the running transaction (and wait for a commit in progress):
 * when this returns 0, everything done by handles stopped before the call
 * is durable. -EIO if the journal failed.
 */
int jbd2_journal_force_commit(journal_t *j);

/*
 * Commit, then checkpoint everything committed: the log is empty and
 * every logged block is at home (s_start points at the empty log).
 * Ignores set_no_checkpoint. 0 or -EIO.
 */
int jbd2_journal_flush(journal_t *j);

/* Statistics (for tests and /proc): transactions committed, blocks logged, checkpoints. */
struct jbd2_stats {
	u64 commits;
	u64 blocks_logged;
	u64 revokes_logged;
	u64 checkpoints;
	u32 next_tid;			/* the running (or next) transaction's id */
	u32 replayed;			/* blocks written by recovery at load */
};
void jbd2_journal_get_stats(journal_t *j, struct jbd2_stats *st);

/*
 * For crash tests only. set_no_checkpoint: committed transactions stay in
 * the log (home locations are not written) until the log runs out of
 * room. abandon: stop the commit thread and free the journal without
 * committing or writing anything more -- the disk is left as a crash at
 * this instant would leave it (after the last commit's flush).
 */
void jbd2_journal_set_no_checkpoint(journal_t *j, bool on);
void jbd2_journal_abandon(journal_t *j);

#endif /* FS_JBD2_H */
