/*
 * The journal: load (with recovery), handles, the running transaction's
 * buffers, revokes and ordered files, the commit thread, force-commit and
 * destroy. Commit and checkpoint are in commit.c; the pure log format and
 * recovery passes in jbd2_log.c. Interface: <fs/jbd2.h>; the protocol:
 * docs/journal.md.
 *
 * Transactions: at most one running (handles join it), at most one
 * closing or committing, any number committed and waiting for their
 * checkpoint (normally none: the committer checkpoints right after each
 * commit). A handle joins the running transaction unless it is closing
 * (T_LOCKED), in which case it waits for the next one.
 *
 * Locks (docs/locking.md): j_commit_mutex ("jbd2_commit") is held by
 * whoever commits or checkpoints (the thread, destroy); under it
 * j_state_lock ("jbd2_state") and then j_list_lock ("jbd2_list") are
 * taken briefly (the list lock may be taken alone or inside the state
 * lock, never the other way round). Waiters sleep on j_wait with no lock
 * held.
 */
#include "jbd2_int.h"

#include <kernel/err.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/pagemap.h>
#include <mm/slab.h>
#include <sched/sched.h>
#include <uapi/errno.h>

#include "../ext2/ext2_journal.h"

/* ---------------------------------------------------------------- load */

static int jbd2_read_block(journal_t *j, u64 dev_block, void *buf)
{
	return blkdev_rw_sync(j->j_bdev, REQ_OP_READ, dev_block << 3, buf, JBD2_BLOCK_SIZE);
}

static int rec_read_log(void *ctx, u32 log_block, void *buf)
{
	journal_t *j = ctx;

	return jbd2_read_block(j, j->j_map[log_block], buf);
}

static int rec_write_home(void *ctx, u64 fs_block, const void *buf)
{
	journal_t *j = ctx;

	return blkdev_rw_sync(j->j_bdev, REQ_OP_WRITE, fs_block << 3, (void *)buf, JBD2_BLOCK_SIZE);
}

/* Read the block map once; every journal block must lie on the device. */
static int jbd2_load_map(journal_t *j, u32 (*bmap)(void *, u32), void *ctx)
{
	u64 dev_blocks = blkdev_size(j->j_bdev) / JBD2_BLOCK_SIZE;

	j->j_map = kmalloc((size_t)j->j_nr_blocks * sizeof(*j->j_map), GFP_KERNEL);
	if (!j->j_map)
		return -ENOMEM;
	for (u32 i = 0; i < j->j_nr_blocks; i++) {
		j->j_map[i] = bmap(ctx, i);
		if (j->j_map[i] == 0 || j->j_map[i] >= dev_blocks) {
			printk("jbd2: %s: journal block %u maps to device block %llu: corrupt\n",
			       j->j_bdev->name, i, (unsigned long long)j->j_map[i]);
			return -EUCLEAN;
		}
	}
	return 0;
}

/* Drop the device's cached metadata blocks: recovery rewrote some of them. */
static void jbd2_drop_bdev_cache(journal_t *j)
{
	struct address_space *mapping = j->j_bdev->bd_mapping;

	if (mapping)
		truncate_inode_pages(mapping, 0);
}

/* Replay the log that the superblock says needs recovery; *next_tid gets the next id. */
static int jbd2_do_recovery(journal_t *j, const struct jbd2_superblock *jsb, u32 *next_tid)
{
	struct jbd2_recovery_ops ops = { rec_read_log, rec_write_home, j };
	struct jbd2_recovery_info info;
	void *buf = kmalloc(JBD2_BLOCK_SIZE, GFP_KERNEL), *buf2 = kmalloc(JBD2_BLOCK_SIZE, GFP_KERNEL);
	int err = -ENOMEM;

	if (buf && buf2)
		err = jbd2_recover(&j->j_geom, jbd2_be32(jsb->s_start), jbd2_be32(jsb->s_sequence),
				   &ops, buf, buf2, &info);
	kfree(buf);
	kfree(buf2);
	if (!err)
		err = blkdev_issue_flush(j->j_bdev);
	if (err) {
		printk("jbd2: %s: recovery failed: %d\n", j->j_bdev->name, err);
		return err;
	}
	printk("jbd2: %s: recovery: transactions %u..%u (%u complete), %u blocks replayed, "
	       "%u revoked (%u records)\n", j->j_bdev->name, info.start_seq, info.end_seq,
	       info.nr_commits, info.nr_replayed, info.nr_revoked, info.nr_revoke_records);
	j->j_stats.replayed = info.nr_replayed;
	/* Past every id the log may still hold, torn transaction included. */
	*next_tid = info.end_seq + 1;
	jbd2_drop_bdev_cache(j);
	return 0;
}

/* Read and check the superblock, recover; on success the log is empty at s_first. */
static int jbd2_open_log(journal_t *j)
{
	struct jbd2_superblock *jsb = page_address(j->j_sb_page);
	const char *why = NULL;
	u32 next_tid;
	int err = jbd2_read_block(j, j->j_map[0], jsb);

	if (err)
		return err;
	err = jbd2_sb_check(jsb, JBD2_BLOCK_SIZE, j->j_nr_blocks, &why);
	if (err) {
		printk("jbd2: %s: bad journal superblock: %s\n", j->j_bdev->name, why);
		return -EUCLEAN;
	}
	memcpy(j->j_uuid, jsb->s_uuid, sizeof(j->j_uuid));
	j->j_geom.first = jbd2_be32(jsb->s_first);
	j->j_geom.maxlen = jbd2_be32(jsb->s_maxlen);
	j->j_geom.fs_blocks = blkdev_size(j->j_bdev) / JBD2_BLOCK_SIZE;
	j->j_max_txn = (j->j_geom.maxlen - j->j_geom.first) / 4;
	next_tid = jbd2_be32(jsb->s_sequence);
	if (jsb->s_start) {
		err = jbd2_do_recovery(j, jsb, &next_tid);
		if (err)
			return err;
	}
	/* Revoke records are written: say so, as Linux does before its first revoke. */
	jsb->s_feature_incompat |= jbd2_cpu_to_be32(JBD2_FEATURE_INCOMPAT_REVOKE);
	j->j_next_tid = j->j_tail_seq = next_tid;
	j->j_commit_sequence = j->j_commit_request = next_tid - 1;
	j->j_head = j->j_tail = j->j_geom.first;
	/* In use: s_start names the (empty) log, so a crash from now on is recovered. */
	return jbd2_write_sb(j, j->j_geom.first, next_tid);
}

static int jbd2_thread(void *arg);

static journal_t *jbd2_journal_alloc(struct block_device *bdev, u32 nr_blocks)
{
	journal_t *j = kzalloc(sizeof(*j), GFP_KERNEL);

	if (!j)
		return NULL;
	j->j_bdev = bdev;
	j->j_nr_blocks = nr_blocks;
	mutex_init(&j->j_commit_mutex, "jbd2_commit");
	spin_lock_init(&j->j_state_lock, "jbd2_state");
	spin_lock_init(&j->j_list_lock, "jbd2_list");
	wait_queue_head_init(&j->j_wait_commit, "jbd2_thread");
	wait_queue_head_init(&j->j_wait, "jbd2_wait");
	INIT_LIST_HEAD(&j->j_checkpoint);
	for (int i = 0; i < JBD2_HASH_SIZE; i++)
		INIT_LIST_HEAD(&j->j_heads[i]);
	j->j_sb_page = alloc_page(__GFP_ZERO);
	if (!j->j_sb_page) {
		kfree(j);
		return NULL;
	}
	return j;
}

static void jbd2_journal_free(journal_t *j)
{
	free_page(j->j_sb_page);
	kfree(j->j_map);
	kfree(j);
}

journal_t *jbd2_journal_load(struct block_device *bdev, u32 (*bmap)(void *ctx, u32 block),
			     void *ctx, u32 nr_blocks)
{
	journal_t *j;
	int err;

	if (nr_blocks < JBD2_MIN_JOURNAL_BLOCKS)
		return ERR_PTR(-EUCLEAN);
	j = jbd2_journal_alloc(bdev, nr_blocks);
	if (!j)
		return ERR_PTR(-ENOMEM);
	err = jbd2_load_map(j, bmap, ctx);
	if (!err) {
		mutex_lock(&j->j_commit_mutex);
		err = jbd2_open_log(j);
		mutex_unlock(&j->j_commit_mutex);
	}
	if (!err) {
		j->j_task = kthread_run(jbd2_thread, j, "jbd2");
		if (IS_ERR(j->j_task))
			err = (int)PTR_ERR(j->j_task);
	}
	if (err) {
		jbd2_journal_free(j);
		return ERR_PTR(err);
	}
	return j;
}

/* ---------------------------------------------------------------- the commit thread */

/* Has t anything to commit: blocks used or reserved, revokes, ordered files? [S] held. */
static bool __txn_nonempty(journal_t *j, struct transaction *t)
{
	bool some;

	spin_lock(&j->j_list_lock);
	some = t->t_outstanding > 0 || t->t_nr_revokes || !list_empty(&t->t_inodes);
	spin_unlock(&j->j_list_lock);
	return some;
}

/* Log blocks t needs with extra more blocks. [S] held. */
static u32 __txn_need(journal_t *j, struct transaction *t, int extra)
{
	u32 need;

	spin_lock(&j->j_list_lock);
	need = jbd2_txn_log_blocks(t->t_outstanding + extra, t->t_nr_revokes);
	spin_unlock(&j->j_list_lock);
	return need;
}

/* Is there a commit to do: asked for, or due (interval) with something in it? */
static bool jbd2_commit_wanted(journal_t *j, bool due)
{
	struct transaction *t;
	bool want;

	spin_lock(&j->j_state_lock);
	t = j->j_running;
	want = t && !j->j_errno &&
	       (jbd2_tid_geq(j->j_commit_request, t->t_tid) || (due && __txn_nonempty(j, t)));
	spin_unlock(&j->j_state_lock);
	return want;
}

static int jbd2_thread(void *arg)
{
	journal_t *j = arg;

	while (!kthread_should_stop()) {
		long left = wait_event_timeout(j->j_wait_commit,
					       kthread_should_stop() || jbd2_commit_wanted(j, false),
					       JBD2_COMMIT_INTERVAL_SEC * HZ);

		if (kthread_should_stop())
			break;
		if (!jbd2_commit_wanted(j, left == 0))
			continue;
		mutex_lock(&j->j_commit_mutex);
		jbd2_commit_running(j);
		mutex_unlock(&j->j_commit_mutex);
	}
	return 0;
}

/* Ask the thread to commit transaction tid (the running one). [S] held. */
static void __jbd2_request_commit(journal_t *j, u32 tid)
{
	if (jbd2_tid_gt(tid, j->j_commit_request))
		j->j_commit_request = tid;
	wake_up(&j->j_wait_commit);
}

/* Has transaction tid committed (or the journal failed)? */
static bool jbd2_committed(journal_t *j, u32 tid)
{
	bool done;

	spin_lock(&j->j_state_lock);
	done = j->j_errno || jbd2_tid_geq(j->j_commit_sequence, tid);
	spin_unlock(&j->j_state_lock);
	return done;
}

int jbd2_journal_force_commit(journal_t *j)
{
	struct transaction *t;
	u32 tid;
	int err;

	spin_lock(&j->j_state_lock);
	t = j->j_running;
	if (t && __txn_nonempty(j, t)) {
		tid = t->t_tid;
		__jbd2_request_commit(j, tid);
	} else if (j->j_committing) {
		tid = j->j_committing->t_tid;
	} else {
		tid = j->j_commit_sequence;
	}
	spin_unlock(&j->j_state_lock);
	wait_event(j->j_wait, jbd2_committed(j, tid));
	spin_lock(&j->j_state_lock);
	err = j->j_errno;
	spin_unlock(&j->j_state_lock);
	return err;
}

int jbd2_journal_flush(journal_t *j)
{
	int err = jbd2_journal_force_commit(j);

	if (err)
		return err;
	mutex_lock(&j->j_commit_mutex);
	err = jbd2_checkpoint_all(j);
	mutex_unlock(&j->j_commit_mutex);
	return err;
}

/* ---------------------------------------------------------------- handles */

static struct transaction *jbd2_new_transaction(void)
{
	struct transaction *t = kzalloc(sizeof(*t), GFP_KERNEL);

	if (t) {
		INIT_LIST_HEAD(&t->t_buffers);
		INIT_LIST_HEAD(&t->t_inodes);
		INIT_LIST_HEAD(&t->t_cp_node);
	}
	return t;
}

/*
 * Try to join: 0 (joined, h->h_t set), 1 (wait and retry), -errno.
 * *spare is a preallocated transaction, consumed if a new one starts.
 */
static int jbd2_try_join(journal_t *j, handle_t *h, int nblocks, struct transaction **spare,
			 u32 *wait_tid)
{
	struct transaction *t;
	int ret = 1;

	spin_lock(&j->j_state_lock);
	if (j->j_errno || j->j_stopping) {
		ret = j->j_errno ? j->j_errno : -EIO;
		goto out;
	}
	if (!j->j_running) {
		j->j_running = *spare;
		*spare = NULL;
		j->j_running->t_tid = j->j_next_tid++;
	}
	t = j->j_running;
	*wait_tid = t->t_tid;
	if (t->t_state != T_RUNNING)
		goto out;
	if (__txn_need(j, t, nblocks) > j->j_max_txn) {
		__jbd2_request_commit(j, t->t_tid);	/* full: wait for the next one */
		goto out;
	}
	t->t_updates++;
	t->t_outstanding += nblocks;
	h->h_t = t;
	ret = 0;
out:
	spin_unlock(&j->j_state_lock);
	return ret;
}

/* Is the transaction tid no longer the running one (or the journal dead)? */
static bool jbd2_moved_on(journal_t *j, u32 tid)
{
	bool moved;

	spin_lock(&j->j_state_lock);
	moved = j->j_errno || !j->j_running || j->j_running->t_tid != tid;
	spin_unlock(&j->j_state_lock);
	return moved;
}

handle_t *jbd2_journal_start(journal_t *j, int nblocks)
{
	struct transaction *spare = NULL;
	handle_t *h;
	u32 tid = 0;
	int ret = -ENOMEM;

	if (nblocks <= 0 || jbd2_txn_log_blocks(nblocks, 0) > j->j_max_txn)
		return ERR_PTR(-ENOSPC);
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h)
		return ERR_PTR(-ENOMEM);
	h->h_journal = j;
	h->h_credits = nblocks;
	for (;;) {
		if (!spare && !(spare = jbd2_new_transaction()))
			break;
		ret = jbd2_try_join(j, h, nblocks, &spare, &tid);
		if (ret <= 0)
			break;
		wait_event(j->j_wait, jbd2_moved_on(j, tid));
	}
	kfree(spare);
	if (ret) {
		kfree(h);
		return ERR_PTR(ret);
	}
	return h;
}

/*
 * Extend a handle in its own transaction. Allowed while the transaction is
 * closing too (T_LOCKED: the commit waits for this handle anyway), and up
 * to twice j_max_txn (half the log: a commit that finds too little room
 * checkpoints everything first, so any transaction smaller than the log
 * fits); refused past that.
 */
int jbd2_journal_extend(handle_t *h, int nblocks)
{
	journal_t *j = h->h_journal;
	struct transaction *t = h->h_t;
	int err = 0;

	if (nblocks <= 0)
		return 0;
	spin_lock(&j->j_state_lock);
	if (j->j_errno)
		err = j->j_errno;
	else if (__txn_need(j, t, nblocks) > 2 * j->j_max_txn)
		err = -ENOSPC;
	if (!err) {
		t->t_outstanding += nblocks;
		spin_lock(&j->j_list_lock);
		h->h_credits += nblocks;
		spin_unlock(&j->j_list_lock);
	}
	spin_unlock(&j->j_state_lock);
	return err;
}

int jbd2_journal_stop(handle_t *h)
{
	journal_t *j = h->h_journal;
	struct transaction *t = h->h_t;
	int err;

	spin_lock(&j->j_state_lock);
	t->t_outstanding -= h->h_credits;
	if (--t->t_updates == 0 && t->t_state == T_LOCKED)
		wake_up_all(&j->j_wait);
	err = j->j_errno;
	spin_unlock(&j->j_state_lock);
	kfree(h);
	return err;
}

static int jbd2_handle_err(handle_t *h)
{
	journal_t *j = h->h_journal;
	int err;

	spin_lock(&j->j_state_lock);
	err = j->j_errno;
	spin_unlock(&j->j_state_lock);
	return err;
}

int jbd2_journal_get_write_access(handle_t *h, struct page *page)
{
	(void)page;
	return jbd2_handle_err(h);
}

/* ---------------------------------------------------------------- buffers and revokes */

static struct list_head *jbd2_hash(journal_t *j, u64 block)
{
	return &j->j_heads[(block ^ (block >> 8)) % JBD2_HASH_SIZE];
}

/* The journal head of block in the running transaction, or NULL. [L] held. */
static struct journal_head *__jbd2_find_head(journal_t *j, u64 block)
{
	struct journal_head *jh;

	list_for_each_entry(jh, jbd2_hash(j, block), hash_node)
		if (jh->block == block)
			return jh;
	return NULL;
}

/*
 * t->t_revokes is kept sorted: an allocator asks about every free block it
 * passes (jbd2_journal_may_reuse), and a linear list made a loop that
 * frees and allocates quadratic in the transaction's size.
 */
bool jbd2_revoke_find(const struct transaction *t, u64 block, u32 *pos)
{
	u32 lo = 0, hi = t ? t->t_nr_revokes : 0;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (t->t_revokes[mid] < block)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (pos)
		*pos = lo;
	return t && lo < t->t_nr_revokes && t->t_revokes[lo] == block;
}

/* Take block's revoke out of t (it is metadata again). [L] held. */
static void __jbd2_cancel_revoke(struct transaction *t, u64 block)
{
	u32 i;

	if (!jbd2_revoke_find(t, block, &i))
		return;
	memmove(&t->t_revokes[i], &t->t_revokes[i + 1],
		(t->t_nr_revokes - i - 1) * sizeof(t->t_revokes[0]));
	t->t_nr_revokes--;
}

int jbd2_journal_dirty_metadata(handle_t *h, struct page *page)
{
	journal_t *j = h->h_journal;
	struct journal_head *jh = kmalloc(sizeof(*jh), GFP_KERNEL);
	int err = jbd2_handle_err(h);

	if (!err && !jh)
		err = -ENOMEM;
	if (err)
		goto out;
	spin_lock(&j->j_list_lock);
	if (__jbd2_find_head(j, page->index)) {
		spin_unlock(&j->j_list_lock);
		goto out;			/* already in this transaction */
	}
	if (h->h_credits == 0) {
		spin_unlock(&j->j_list_lock);
		printk("jbd2: handle dirtied more blocks than it reserved (block %lu)\n", page->index);
		err = -ENOSPC;
		goto out;
	}
	h->h_credits--;
	jh->page = page;
	jh->block = page->index;
	get_page(page);
	list_add_tail(&jh->hash_node, jbd2_hash(j, jh->block));
	list_add_tail(&jh->t_node, &h->h_t->t_buffers);
	h->h_t->t_nr_buffers++;
	__jbd2_cancel_revoke(h->h_t, jh->block);
	spin_unlock(&j->j_list_lock);
	return 0;
out:
	kfree(jh);
	return err;
}

int jbd2_journal_forget(handle_t *h, u64 block)
{
	journal_t *j = h->h_journal;
	struct journal_head *jh;

	spin_lock(&j->j_list_lock);
	jh = __jbd2_find_head(j, block);
	if (jh) {
		list_del(&jh->hash_node);
		list_del(&jh->t_node);
		h->h_t->t_nr_buffers--;
		h->h_credits++;			/* the block it took is free again */
	}
	spin_unlock(&j->j_list_lock);
	if (jh) {
		put_page(jh->page);
		kfree(jh);
	}
	return 0;
}

/* Make room for one more revoke in t (allocating with no lock held). */
static int jbd2_revoke_room(journal_t *j, struct transaction *t)
{
	u32 cap;
	u64 *v;

	spin_lock(&j->j_list_lock);
	cap = t->t_nr_revokes < t->t_cap_revokes ? 0 : (t->t_cap_revokes ? 2 * t->t_cap_revokes : 64);
	spin_unlock(&j->j_list_lock);
	if (!cap)
		return 0;
	v = kmalloc(cap * sizeof(*v), GFP_KERNEL);
	if (!v)
		return -ENOMEM;
	spin_lock(&j->j_list_lock);
	if (cap > t->t_cap_revokes) {
		memcpy(v, t->t_revokes, t->t_nr_revokes * sizeof(*v));
		kfree(t->t_revokes);	/* kfree takes slab locks only: allowed under a spinlock */
		t->t_revokes = v;
		t->t_cap_revokes = cap;
		v = NULL;
	}
	spin_unlock(&j->j_list_lock);
	kfree(v);
	return 0;
}

int jbd2_journal_revoke(handle_t *h, u64 block)
{
	journal_t *j = h->h_journal;
	struct transaction *t = h->h_t;
	int err = jbd2_handle_err(h);

	if (!err)
		err = jbd2_journal_forget(h, block);
	/* Another handle may fill the room we made before we take the lock: retry. */
	while (!err) {
		err = jbd2_revoke_room(j, t);
		if (err)
			break;
		u32 pos;

		spin_lock(&j->j_list_lock);
		if (jbd2_revoke_find(t, block, &pos)) {
			spin_unlock(&j->j_list_lock);
			return 0;
		}
		if (t->t_nr_revokes < t->t_cap_revokes) {
			memmove(&t->t_revokes[pos + 1], &t->t_revokes[pos],
				(t->t_nr_revokes - pos) * sizeof(t->t_revokes[0]));
			t->t_revokes[pos] = block;
			t->t_nr_revokes++;
			spin_unlock(&j->j_list_lock);
			return 0;
		}
		spin_unlock(&j->j_list_lock);
	}
	return err;
}

bool jbd2_journal_may_reuse(journal_t *j, u64 block)
{
	return jbd2_journal_next_reusable(j, block) == block;
}

/* Past the run of consecutive blocks from block revoked in t (sorted). [L] held. */
static u64 revoke_run_end(const struct transaction *t, u64 block)
{
	u32 i;

	if (!jbd2_revoke_find(t, block, &i))
		return block;
	while (i < t->t_nr_revokes && t->t_revokes[i] == block) {
		i++;
		block++;
	}
	return block;
}

u64 jbd2_journal_next_reusable(journal_t *j, u64 block)
{
	u64 next;

	spin_lock(&j->j_state_lock);
	spin_lock(&j->j_list_lock);
	do {
		next = block;
		block = revoke_run_end(j->j_running, block);
		block = revoke_run_end(j->j_committing, block);
	} while (block != next);
	spin_unlock(&j->j_list_lock);
	spin_unlock(&j->j_state_lock);
	return block;
}

/* ---------------------------------------------------------------- ordered files */

static bool mapping_filed(struct transaction *t, struct address_space *mapping)
{
	struct jbd2_inode *ji;

	list_for_each_entry(ji, &t->t_inodes, node)
		if (ji->mapping == mapping)
			return true;
	return false;
}

int jbd2_journal_file_inode(handle_t *h, struct address_space *mapping)
{
	journal_t *j = h->h_journal;
	struct jbd2_inode *ji = kmalloc(sizeof(*ji), GFP_KERNEL);
	int err = jbd2_handle_err(h);

	if (!err && !ji)
		err = -ENOMEM;
	if (err) {
		kfree(ji);
		return err;
	}
	ji->mapping = mapping;
	spin_lock(&j->j_list_lock);
	if (!mapping_filed(h->h_t, mapping)) {
		list_add_tail(&ji->node, &h->h_t->t_inodes);
		ji = NULL;
	}
	spin_unlock(&j->j_list_lock);
	kfree(ji);
	return 0;
}

void jbd2_journal_release_mapping(journal_t *j, struct address_space *mapping)
{
	struct jbd2_inode *ji, *found = NULL;
	u32 wait_tid = 0;
	bool wait = false;

	spin_lock(&j->j_state_lock);
	spin_lock(&j->j_list_lock);
	if (j->j_running) {
		list_for_each_entry(ji, &j->j_running->t_inodes, node) {
			if (ji->mapping == mapping) {
				list_del(&ji->node);
				found = ji;
				break;
			}
		}
	}
	if (j->j_committing && mapping_filed(j->j_committing, mapping)) {
		wait = true;
		wait_tid = j->j_committing->t_tid;
	}
	spin_unlock(&j->j_list_lock);
	spin_unlock(&j->j_state_lock);
	kfree(found);
	if (wait)
		wait_event(j->j_wait, jbd2_committed(j, wait_tid));
}

/* ---------------------------------------------------------------- teardown */

void jbd2_journal_get_stats(journal_t *j, struct jbd2_stats *st)
{
	spin_lock(&j->j_state_lock);
	*st = j->j_stats;
	st->next_tid = j->j_running ? j->j_running->t_tid : j->j_next_tid;
	spin_unlock(&j->j_state_lock);
}

void jbd2_journal_set_no_checkpoint(journal_t *j, bool on)
{
	mutex_lock(&j->j_commit_mutex);
	j->j_no_checkpoint = on;
	mutex_unlock(&j->j_commit_mutex);
}

/* Free every transaction without writing anything (abandon, or after a failure). */
static void jbd2_drop_all(journal_t *j)
{
	struct transaction *t, *next;

	list_for_each_entry_safe(t, next, &j->j_checkpoint, t_cp_node) {
		list_del(&t->t_cp_node);
		jbd2_free_transaction(t);
	}
	if (j->j_running)
		jbd2_free_transaction(j->j_running);
	j->j_running = NULL;
}

/* Stop the thread and refuse new handles; commit what is running unless crashing. */
static void jbd2_stop_thread(journal_t *j)
{
	spin_lock(&j->j_state_lock);
	j->j_stopping = true;
	spin_unlock(&j->j_state_lock);
	wake_up_all(&j->j_wait);
	kthread_stop(j->j_task);
}

void jbd2_journal_abandon(journal_t *j)
{
	jbd2_stop_thread(j);
	mutex_lock(&j->j_commit_mutex);
	jbd2_drop_all(j);
	mutex_unlock(&j->j_commit_mutex);
	jbd2_journal_free(j);
}

int jbd2_journal_destroy(journal_t *j)
{
	int err;

	jbd2_stop_thread(j);
	mutex_lock(&j->j_commit_mutex);
	err = jbd2_commit_running(j);
	j->j_no_checkpoint = false;
	if (!err)
		err = jbd2_checkpoint_all(j);
	if (!err)
		err = jbd2_write_sb(j, 0, j->j_tail_seq);	/* s_start 0: clean */
	if (err)
		printk("jbd2: %s: journal not cleanly closed: %d\n", j->j_bdev->name, err);
	jbd2_drop_all(j);
	mutex_unlock(&j->j_commit_mutex);
	jbd2_journal_free(j);
	return err;
}
