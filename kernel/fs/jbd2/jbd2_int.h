/*
 * Private structures of the journal (kernel/fs/jbd2/): the journal, its
 * transactions, journal heads (a metadata page in the running
 * transaction), logged copies, and the functions journal.c and commit.c
 * share. Interface in <fs/jbd2.h>; protocol in docs/journal.md.
 *
 * Lock letters: [C] j_commit_mutex, [S] j_state_lock, [L] j_list_lock,
 * [I] immutable after creation, [t] owned by the committing thread once
 * the transaction is closed (state >= T_LOCKED and no handle open).
 */
#ifndef JBD2_INT_H
#define JBD2_INT_H

#include <block/blkdev.h>
#include <fs/jbd2.h>
#include <fs/jbd2_fs.h>
#include <lib/list.h>
#include <locking/mutex.h>
#include <locking/spinlock.h>
#include <sched/wait.h>

#include "jbd2_log.h"

enum t_state {
	T_RUNNING,		/* handles may join */
	T_LOCKED,		/* closing: no new handle; waiting for open ones to stop */
	T_COMMITTING,		/* copies taken; being written to the log */
	T_COMMITTED,		/* durable in the log; waiting for its checkpoint */
};

/* A metadata page dirtied in the running transaction. */
struct journal_head {
	struct list_head hash_node;	/* [L] j_heads[] */
	struct list_head t_node;	/* [L] t_buffers */
	struct page *page;		/* [I] referenced */
	u64 block;			/* [I] == page->index */
};

/* A block's contents as the transaction closed: logged, then checkpointed. */
struct log_copy {
	u64 block;			/* home block */
	struct page *page;		/* the copy (escaped in the log) */
	struct page *orig;		/* the cached page, referenced until the checkpoint
					 * so reclaim cannot drop it while home is stale */
	bool escaped;			/* first word was the magic: zeroed in page */
	bool skip_home;			/* revoked or relogged by a later committed transaction */
};

/* A file whose data is ordered before the commit. */
struct jbd2_inode {
	struct list_head node;		/* [L] t_inodes */
	struct address_space *mapping;	/* [I] */
};

struct transaction {
	u32 t_tid;			/* [I] */
	enum t_state t_state;		/* [S] */
	int t_updates;			/* [S] open handles */
	int t_outstanding;		/* [S] blocks reserved: handles' credits + buffers used */
	struct list_head t_buffers;	/* [L] journal_heads; [t] once closed */
	u32 t_nr_buffers;		/* [L] */
	u64 *t_revokes;			/* [L] revoked blocks, unique, sorted */
	u32 t_nr_revokes, t_cap_revokes;	/* [L] */
	struct list_head t_inodes;	/* [L] jbd2_inodes */
	struct log_copy *t_copies;	/* [t] taken at close, freed at checkpoint */
	u32 t_nr_copies;		/* [t] */
	u32 t_log_start, t_log_blocks;	/* [t] where it lies in the log */
	struct list_head t_cp_node;	/* [C] j_checkpoint: committed, not yet checkpointed */
};

#define JBD2_HASH_SIZE	256

struct journal {
	/* [I] set by load */
	struct block_device *j_bdev;
	u64 *j_map;			/* journal block -> device block */
	u32 j_nr_blocks;
	struct jbd2_log_geom j_geom;	/* log area [first, maxlen) */
	u8 j_uuid[16];
	u32 j_max_txn;			/* blocks a transaction may use (1/4 of the log) */
	struct task *j_task;		/* the commit thread */

	struct mutex j_commit_mutex;	/* "jbd2_commit" */
	struct page *j_sb_page;		/* [C] journal block 0 as on disk */
	bool j_no_checkpoint;		/* [C] crash tests */

	struct spinlock j_state_lock;	/* "jbd2_state" */
	struct transaction *j_running;	/* [S] */
	struct transaction *j_committing;	/* [S] */
	struct list_head j_checkpoint;	/* [C] committed transactions, oldest first */
	u32 j_next_tid;			/* [S] id of the next transaction created */
	u32 j_commit_sequence;		/* [S] last committed id */
	u32 j_commit_request;		/* [S] commit up to this id */
	u32 j_head;			/* [C] next log block to write */
	u32 j_tail;			/* [C] oldest log block still needed */
	u32 j_tail_seq;			/* [C][S] transaction id at j_tail */
	int j_errno;			/* [S] 0, or why the journal stopped (-EIO) */
	bool j_stopping;		/* [S] destroy: the thread must commit no more */
	struct jbd2_stats j_stats;	/* [S] */

	struct spinlock j_list_lock;	/* "jbd2_list" */
	struct list_head j_heads[JBD2_HASH_SIZE];	/* [L] journal_heads by block */

	struct wait_queue_head j_wait_commit;	/* "jbd2_thread": the thread waits for work */
	struct wait_queue_head j_wait;		/* "jbd2_wait": state changes (updates, commits) */
};

struct jbd2_handle {
	journal_t *h_journal;
	struct transaction *h_t;
	int h_credits;			/* blocks it may still dirty */
};

/* commit.c: with j_commit_mutex held. */
int jbd2_commit_running(journal_t *j);
int jbd2_checkpoint_all(journal_t *j);
int jbd2_write_sb(journal_t *j, u32 start, u32 seq);
void jbd2_free_transaction(struct transaction *t);
/* Is block revoked in t (may be NULL)? *pos (if given): its index or where it would go. [L] or t quiet. */
bool jbd2_revoke_find(const struct transaction *t, u64 block, u32 *pos);
void jbd2_abort(journal_t *j, int err, const char *why);
/* Log blocks a transaction with these counts takes (descriptors, revokes, commit). */
u32 jbd2_txn_log_blocks(u32 buffers, u32 revokes);

#endif /* JBD2_INT_H */
