/*
 * Commit and checkpoint (interface in jbd2_int.h; the protocol in
 * docs/journal.md). Everything here runs with j_commit_mutex held, so
 * one commit or checkpoint runs at a time and j_head, j_tail, j_tail_seq,
 * j_checkpoint and the journal superblock page change only here.
 *
 * Commit of the running transaction T:
 *   1. close T (T_LOCKED: new handles wait) and wait for its handles;
 *   2. copy each of T's metadata pages (escaping the magic), drop the
 *      journal heads; T becomes the committing transaction and the next
 *      handle starts a new running one (group commit);
 *   3. write and wait for T's ordered data;
 *   4. write descriptor blocks + copies, then revoke blocks, to the log
 *      at j_head, and wait for all of them;
 *   5. write the commit block with PREFLUSH|FUA: T is durable;
 *   6. T joins the checkpoint list; older checkpoint copies of the
 *      blocks T logged or revoked are superseded (never written home);
 *   7. checkpoint (unless a crash test turned it off).
 * Checkpoint: write every committed copy home, wait, then the journal
 * superblock with PREFLUSH|FUA pointing s_start past them.
 */
#include "jbd2_int.h"

#include <arch/atomic.h>
#include <kernel/clock.h>
#include <kernel/printk.h>
#include <kernel/time.h>
#include <lib/string.h>
#include <mm/pagemap.h>
#include <mm/slab.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#define LOFF_MAX	((loff_t)(~0ULL >> 1))

/* ---------------------------------------------------------------- I/O batches */

struct io_batch {
	atomic_t pending;		/* bios in flight + 1 while submitting */
	int err;			/* [a] the last error seen */
	struct completion done;
};

static void batch_init(struct io_batch *b)
{
	atomic_set(&b->pending, 1);
	b->err = 0;
	init_completion(&b->done);
}

static void batch_end_io(struct bio *bio)
{
	struct io_batch *b = bio->bi_private;

	if (bio->bi_status)
		__atomic_store_n(&b->err, bio->bi_status, __ATOMIC_RELAXED);
	bio_put(bio);
	if (atomic_dec_and_test(&b->pending))
		complete(&b->done);
}

/* Write page to device block dev_block as part of b. 0 or -ENOMEM. */
static int batch_write(journal_t *j, struct io_batch *b, u64 dev_block, struct page *page)
{
	struct bio *bio = bio_alloc(j->j_bdev, 1, REQ_OP_WRITE, 0, GFP_KERNEL);

	if (!bio)
		return -ENOMEM;
	bio->bi_sector = dev_block << 3;
	bio->bi_end_io = batch_end_io;
	bio->bi_private = b;
	bio_add_page(bio, page, JBD2_BLOCK_SIZE, 0);
	atomic_inc(&b->pending);
	submit_bio(bio);
	return 0;
}

/* Wait for every bio of b: 0 or the error one of them saw. */
static int batch_wait(struct io_batch *b)
{
	if (!atomic_dec_and_test(&b->pending))
		wait_for_completion(&b->done);
	return __atomic_load_n(&b->err, __ATOMIC_RELAXED);
}

/* One page written synchronously with opf (REQ_PREFLUSH|REQ_FUA). */
static int write_one_sync(journal_t *j, u64 dev_block, struct page *page, unsigned int opf)
{
	struct bio *bio = bio_alloc(j->j_bdev, 1, REQ_OP_WRITE, opf | REQ_SYNC, GFP_KERNEL);
	int err;

	if (!bio)
		return -ENOMEM;
	bio->bi_sector = dev_block << 3;
	bio_add_page(bio, page, JBD2_BLOCK_SIZE, 0);
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}

/* ---------------------------------------------------------------- helpers */

u32 jbd2_txn_log_blocks(u32 buffers, u32 revokes)
{
	u32 dc = jbd2_desc_capacity(), rc = jbd2_revoke_capacity();

	return (buffers + dc - 1) / dc + buffers + (revokes + rc - 1) / rc + 1;
}

static u32 log_size(journal_t *j)
{
	return j->j_geom.maxlen - j->j_geom.first;
}

/* Log blocks free between j_head and j_tail (one always stays unused). */
static u32 log_free(journal_t *j)
{
	u32 used = (j->j_head + log_size(j) - j->j_tail) % log_size(j);

	return log_size(j) - used - 1;
}

static u32 log_take(journal_t *j)
{
	u32 blk = j->j_head;

	j->j_head = jbd2_log_next(&j->j_geom, blk);
	return blk;
}

void jbd2_abort(journal_t *j, int err, const char *why)
{
	spin_lock(&j->j_state_lock);
	if (!j->j_errno)
		j->j_errno = err ? err : -EIO;
	spin_unlock(&j->j_state_lock);
	printk("jbd2: %s: journal failed (%s: %d): no more transactions\n", j->j_bdev->name, why,
	       err);
	wake_up_all(&j->j_wait);
}

void jbd2_free_transaction(struct transaction *t)
{
	struct journal_head *jh, *njh;
	struct jbd2_inode *ji, *nji;

	list_for_each_entry_safe(jh, njh, &t->t_buffers, t_node) {
		list_del(&jh->hash_node);
		put_page(jh->page);
		kfree(jh);
	}
	list_for_each_entry_safe(ji, nji, &t->t_inodes, node)
		kfree(ji);
	for (u32 i = 0; i < t->t_nr_copies; i++) {
		free_page(t->t_copies[i].page);
		put_page(t->t_copies[i].orig);
	}
	kfree(t->t_copies);
	kfree(t->t_revokes);
	kfree(t);
}

/* The journal superblock with s_start and s_sequence, written PREFLUSH|FUA. */
int jbd2_write_sb(journal_t *j, u32 start, u32 seq)
{
	struct jbd2_superblock *jsb = page_address(j->j_sb_page);

	jsb->s_start = jbd2_cpu_to_be32(start);
	jsb->s_sequence = jbd2_cpu_to_be32(seq);
	return write_one_sync(j, j->j_map[0], j->j_sb_page, REQ_PREFLUSH | REQ_FUA);
}

/* ---------------------------------------------------------------- closing */

static bool no_updates(journal_t *j, struct transaction *t)
{
	bool none;

	spin_lock(&j->j_state_lock);
	none = t->t_updates == 0;
	spin_unlock(&j->j_state_lock);
	return none;
}

/*
 * Copy T's pages (no handle is open on T, so none is changing them) and
 * drop its journal heads (their page references move to the copies).
 * 0 or -ENOMEM (then the remaining heads stay for the free).
 */
static int take_copies(journal_t *j, struct transaction *t)
{
	struct journal_head *jh, *next;
	u32 n = 0;

	if (t->t_nr_buffers) {
		t->t_copies = kzalloc(t->t_nr_buffers * sizeof(*t->t_copies), GFP_KERNEL);
		if (!t->t_copies)
			return -ENOMEM;
	}
	list_for_each_entry_safe(jh, next, &t->t_buffers, t_node) {
		struct log_copy *c = &t->t_copies[n];

		c->page = alloc_page(GFP_KERNEL);
		if (!c->page)
			return -ENOMEM;
		memcpy(page_address(c->page), page_address(jh->page), JBD2_BLOCK_SIZE);
		c->block = jh->block;
		c->escaped = jbd2_escape(page_address(c->page));
		c->orig = jh->page;		/* the head's reference moves to the copy */
		t->t_nr_copies = ++n;
		spin_lock(&j->j_list_lock);
		list_del(&jh->hash_node);
		list_del(&jh->t_node);
		spin_unlock(&j->j_list_lock);
		kfree(jh);
	}
	return 0;
}

/* Close the running transaction: it becomes the committing one. NULL if none. */
static struct transaction *close_running(journal_t *j, int *err)
{
	struct transaction *t;

	spin_lock(&j->j_state_lock);
	t = j->j_running;
	*err = j->j_errno;
	if (!t || *err) {
		spin_unlock(&j->j_state_lock);
		return NULL;
	}
	t->t_state = T_LOCKED;
	spin_unlock(&j->j_state_lock);
	wait_event(j->j_wait, no_updates(j, t));
	*err = take_copies(j, t);
	spin_lock(&j->j_state_lock);
	j->j_running = NULL;
	j->j_committing = t;
	t->t_state = T_COMMITTING;
	spin_unlock(&j->j_state_lock);
	wake_up_all(&j->j_wait);
	return t;
}

/* Ordered data: write and wait for the files T touched; errors go back to the files. */
static void write_ordered(journal_t *j, struct transaction *t)
{
	struct jbd2_inode *ji;

	list_for_each_entry(ji, &t->t_inodes, node) {
		int err = filemap_write_and_wait_range(ji->mapping, 0, LOFF_MAX);

		if (err) {
			printk("jbd2: %s: ordered data write failed: %d\n", j->j_bdev->name, err);
			mapping_set_error(ji->mapping, err);	/* fsync still reports it */
		}
	}
}

/* ---------------------------------------------------------------- writing the log */

/* Descriptor blocks and copies of T, at j_head. */
static int write_descriptors(journal_t *j, struct transaction *t, struct io_batch *b,
			     struct page **pages, u32 *np)
{
	u32 cap = jbd2_desc_capacity();
	u64 *blocks = kmalloc(cap * sizeof(*blocks), GFP_KERNEL);
	bool *esc = kmalloc(cap * sizeof(*esc), GFP_KERNEL);
	int err = blocks && esc ? 0 : -ENOMEM;

	for (u32 i = 0; !err && i < t->t_nr_copies; i += cap) {
		u32 n = MIN(cap, t->t_nr_copies - i);
		struct page *desc = alloc_page(GFP_KERNEL);

		if (!desc) {
			err = -ENOMEM;
			break;
		}
		pages[(*np)++] = desc;
		for (u32 k = 0; k < n; k++) {
			blocks[k] = t->t_copies[i + k].block;
			esc[k] = t->t_copies[i + k].escaped;
		}
		jbd2_desc_build(page_address(desc), t->t_tid, blocks, esc, n, j->j_uuid);
		err = batch_write(j, b, j->j_map[log_take(j)], desc);
		for (u32 k = 0; !err && k < n; k++)
			err = batch_write(j, b, j->j_map[log_take(j)], t->t_copies[i + k].page);
	}
	kfree(blocks);
	kfree(esc);
	return err;
}

static int write_revokes(journal_t *j, struct transaction *t, struct io_batch *b,
			 struct page **pages, u32 *np)
{
	struct page *blk = NULL;
	int err = 0;

	for (u32 i = 0; !err && i < t->t_nr_revokes; i++) {
		if (!blk || jbd2_revoke_add(page_address(blk), t->t_revokes[i]) == -ENOSPC) {
			blk = alloc_page(GFP_KERNEL);
			if (!blk)
				return -ENOMEM;
			pages[(*np)++] = blk;
			jbd2_revoke_init(page_address(blk), t->t_tid);
			jbd2_revoke_add(page_address(blk), t->t_revokes[i]);
			err = batch_write(j, b, j->j_map[log_take(j)], blk);
		}
	}
	return err;
}

/* Steps 4 and 5: the log blocks, then the commit block. */
static int write_log(journal_t *j, struct transaction *t)
{
	u32 nblocks = jbd2_txn_log_blocks(t->t_nr_copies, t->t_nr_revokes), np = 0;
	struct page **pages = kzalloc(nblocks * sizeof(*pages), GFP_KERNEL);
	struct io_batch b;
	struct blk_plug plug;
	u64 now = ktime_get_ns() + clock_realtime_offset_ns();
	int err, err2;

	if (!pages)
		return -ENOMEM;
	t->t_log_start = j->j_head;
	t->t_log_blocks = nblocks;
	batch_init(&b);
	blk_start_plug(&plug);
	err = write_descriptors(j, t, &b, pages, &np);
	if (!err)
		err = write_revokes(j, t, &b, pages, &np);
	blk_finish_plug(&plug);
	err2 = batch_wait(&b);
	err = err ? err : err2;
	if (!err) {
		struct page *commit = alloc_page(GFP_KERNEL);

		err = -ENOMEM;
		if (commit) {
			jbd2_commit_build(page_address(commit), t->t_tid, now / NSEC_PER_SEC,
					  (u32)(now % NSEC_PER_SEC));
			err = write_one_sync(j, j->j_map[log_take(j)], commit,
					     REQ_PREFLUSH | REQ_FUA);
			free_page(commit);
		}
	}
	for (u32 i = 0; i < np; i++)
		free_page(pages[i]);
	kfree(pages);
	return err;
}

/* ---------------------------------------------------------------- checkpoint */

static bool copy_superseded(const struct transaction *t, u64 block)
{
	for (u32 i = 0; i < t->t_nr_copies; i++)
		if (t->t_copies[i].block == block)
			return true;
	return jbd2_revoke_find(t, block, NULL);
}

/* T committed: older copies of what it logged or revoked must not be written home. */
static void supersede_older(journal_t *j, struct transaction *t)
{
	struct transaction *o;

	list_for_each_entry(o, &j->j_checkpoint, t_cp_node) {
		if (o == t)
			break;
		for (u32 i = 0; i < o->t_nr_copies; i++)
			if (copy_superseded(t, o->t_copies[i].block))
				o->t_copies[i].skip_home = true;
	}
}

int jbd2_checkpoint_all(journal_t *j)
{
	struct transaction *t, *next;
	struct io_batch b;
	struct blk_plug plug;
	int err = 0, err2;

	if (list_empty(&j->j_checkpoint))
		return 0;
	batch_init(&b);
	blk_start_plug(&plug);
	list_for_each_entry(t, &j->j_checkpoint, t_cp_node)
		for (u32 i = 0; !err && i < t->t_nr_copies; i++)
			if (!t->t_copies[i].skip_home)
				err = batch_write(j, &b, t->t_copies[i].block, t->t_copies[i].page);
	blk_finish_plug(&plug);
	err2 = batch_wait(&b);
	err = err ? err : err2;
	if (!err) {
		spin_lock(&j->j_state_lock);
		j->j_tail_seq = j->j_commit_sequence + 1;
		spin_unlock(&j->j_state_lock);
		j->j_tail = j->j_head;
		/* PREFLUSH: the home writes above completed, so they are durable first. */
		err = jbd2_write_sb(j, j->j_tail, j->j_tail_seq);
	}
	if (err) {
		jbd2_abort(j, err, "checkpoint");
		return err;
	}
	list_for_each_entry_safe(t, next, &j->j_checkpoint, t_cp_node) {
		list_del(&t->t_cp_node);
		jbd2_free_transaction(t);
	}
	spin_lock(&j->j_state_lock);
	j->j_stats.checkpoints++;
	spin_unlock(&j->j_state_lock);
	return 0;
}

/* ---------------------------------------------------------------- commit */

/* T is in the log: it joins the checkpoint list, its waiters wake. */
static void commit_done(journal_t *j, struct transaction *t)
{
	for (u32 i = 0; i < t->t_nr_copies; i++)
		if (t->t_copies[i].escaped)
			jbd2_unescape(page_address(t->t_copies[i].page));
	spin_lock(&j->j_state_lock);
	j->j_commit_sequence = t->t_tid;
	j->j_committing = NULL;
	t->t_state = T_COMMITTED;
	list_add_tail(&t->t_cp_node, &j->j_checkpoint);
	j->j_stats.commits++;
	j->j_stats.blocks_logged += t->t_nr_copies;
	j->j_stats.revokes_logged += t->t_nr_revokes;
	spin_unlock(&j->j_state_lock);
	supersede_older(j, t);
	wake_up_all(&j->j_wait);
}

/* Is there room in the log for T? Checkpoint first if not. */
static int make_room(journal_t *j, struct transaction *t)
{
	u32 need = jbd2_txn_log_blocks(t->t_nr_copies, t->t_nr_revokes);
	int err = 0;

	if (log_free(j) < need)
		err = jbd2_checkpoint_all(j);
	if (!err && log_free(j) < need)
		err = -ENOSPC;
	return err;
}

int jbd2_commit_running(journal_t *j)
{
	struct transaction *t;
	int err;

	t = close_running(j, &err);
	if (!t)
		return err;
	if (err)
		goto fail;
	write_ordered(j, t);
	if (t->t_nr_copies || t->t_nr_revokes) {
		err = make_room(j, t);
		if (!err)
			err = write_log(j, t);
		if (err)
			goto fail;
	}
	commit_done(j, t);
	if (j->j_no_checkpoint)
		return 0;
	return jbd2_checkpoint_all(j);
fail:
	jbd2_abort(j, err, "commit");
	spin_lock(&j->j_state_lock);
	j->j_committing = NULL;
	spin_unlock(&j->j_state_lock);
	jbd2_free_transaction(t);
	wake_up_all(&j->j_wait);
	return err;
}
