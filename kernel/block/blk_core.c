/*
 * The block layer's core: bios, requests, the per-device request queue
 * with merging and dispatch, plugging, the flush sequence and statistics.
 *
 * Interface (block/blkdev.h): bio_alloc, bio_add_page, bio_put,
 * submit_bio, submit_bio_wait, blk_start_plug, blk_finish_plug,
 * blk_flush_plug, blk_request_done, blk_run_queue.
 *
 * A bio becomes a request (or joins one by a back/front merge) either in
 * the task's plug or in its device's queue. The queue dispatches requests
 * in order while the driver accepts them. A request carrying REQ_PREFLUSH
 * or REQ_FUA on a device with a volatile cache runs as a sequence of
 * commands (flush, data, flush), one at a time, each started only after
 * the previous one completed, so the data is ordered after the first
 * flush and durable at the second.
 *
 * Invariants: a request is on q->queue, on a plug, or with the driver
 * (counted in q->stats.in_flight), never two; its bios are contiguous and
 * it respects q->limits; bi_end_io runs exactly once per submitted bio.
 *
 * Locks: q->lock ("blk_queue", irqsave) guards the queue and the
 * statistics and is held across ->queue_rq (the driver's lock nests
 * inside it). Completion callbacks run with no block-layer lock held.
 * A plug belongs to its task and needs no lock.
 */
#include <arch/irqflags.h>
#include <block/blkdev.h>
#include <kernel/clock.h>
#include <kernel/printk.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <sched/wait.h>
#include <uapi/errno.h>

/* ---------------------------------------------------------------- bios */

struct bio *bio_alloc(struct block_device *bdev, unsigned int nr_vecs, int op, unsigned int opf,
		      gfp_t gfp)
{
	struct bio *bio;

	if (nr_vecs > BIO_MAX_VECS)
		return NULL;
	bio = kzalloc(sizeof(*bio) + nr_vecs * sizeof(struct bio_vec), gfp);
	if (!bio)
		return NULL;
	bio->bi_bdev = bdev;
	bio->bi_op = op;
	bio->bi_opf = opf;
	bio->bi_max_vecs = (u16)nr_vecs;
	return bio;
}

unsigned int bio_add_page(struct bio *bio, struct page *page, unsigned int len,
			  unsigned int off)
{
	if (bio->bi_vcnt >= bio->bi_max_vecs || len == 0 || off + len > PAGE_SIZE)
		return 0;
	bio->bi_io_vec[bio->bi_vcnt++] = (struct bio_vec){ page, len, off };
	bio->bi_size += len;
	return len;
}

void bio_put(struct bio *bio)
{
	kfree(bio);
}

static void bio_endio(struct bio *bio, int status)
{
	bio->bi_status = status;
	bio->bi_next = NULL;
	if (bio->bi_end_io)
		bio->bi_end_io(bio);
}

static struct blk_extent bio_extent(const struct bio *bio)
{
	return (struct blk_extent){ .op = bio->bi_op, .flags = bio->bi_opf,
				    .sector = bio->bi_sector,
				    .nr_sectors = bio->bi_size >> SECTOR_SHIFT,
				    .nr_segments = bio->bi_vcnt };
}

static struct blk_extent rq_extent(const struct request *rq)
{
	return (struct blk_extent){ .op = rq->op, .flags = rq->flags, .sector = rq->sector,
				    .nr_sectors = rq->nr_sectors,
				    .nr_segments = rq->nr_segments };
}

/* ---------------------------------------------------------------- requests */

/* The flush steps a request of this op and flags needs on q's device. */
static unsigned int rq_flush_seq(const struct request_queue *q, int op, unsigned int flags)
{
	unsigned int seq = op == REQ_OP_FLUSH ? RQ_SEQ_PREFLUSH : RQ_SEQ_DATA;

	if (!q->limits.flush)
		return op == REQ_OP_FLUSH ? 0 : seq;	/* nothing volatile to flush */
	if (flags & REQ_PREFLUSH)
		seq |= RQ_SEQ_PREFLUSH;
	if ((flags & REQ_FUA) && !q->limits.fua && op != REQ_OP_FLUSH)
		seq |= RQ_SEQ_POSTFLUSH;
	return seq;
}

/* The command for the lowest step left in rq->seq. */
static int rq_seq_cmd(const struct request *rq)
{
	return (rq->seq & RQ_SEQ_DATA) && !(rq->seq & RQ_SEQ_PREFLUSH) ? rq->op : REQ_OP_FLUSH;
}

static struct request *rq_alloc(struct request_queue *q, struct bio *bio)
{
	struct request *rq = kzalloc(sizeof(*rq) + q->cmd_size, GFP_KERNEL);

	if (!rq)
		return NULL;
	rq->q = q;
	rq->op = bio->bi_op;
	rq->flags = bio->bi_opf;
	rq->seq = rq_flush_seq(q, bio->bi_op, bio->bi_opf);
	rq->cmd = rq_seq_cmd(rq);
	rq->sector = bio->bi_sector;
	rq->nr_sectors = bio->bi_size >> SECTOR_SHIFT;
	rq->nr_segments = bio->bi_vcnt;
	rq->bio = rq->biotail = bio;
	rq->start_ns = ktime_get_ns();
	rq->driver_data = rq + 1;
	INIT_LIST_HEAD(&rq->node);
	return rq;
}

/* Join bio to rq as kind says. */
static void rq_merge(struct request *rq, struct bio *bio, enum blk_merge_kind kind)
{
	if (kind == BLK_MERGE_BACK) {
		rq->biotail->bi_next = bio;
		rq->biotail = bio;
	} else {
		bio->bi_next = rq->bio;
		rq->bio = bio;
		rq->sector = bio->bi_sector;
	}
	rq->nr_sectors += bio->bi_size >> SECTOR_SHIFT;
	rq->nr_segments += bio->bi_vcnt;
}

/* Merge bio into a request on list (newest first), true if it found one. */
static bool list_try_merge(struct list_head *list, struct bio *bio,
			   const struct queue_limits *lim, struct request_queue *q)
{
	struct blk_extent be = bio_extent(bio);
	struct request *rq;

	for (struct list_head *p = list->prev; p != list; p = p->prev) {
		rq = container_of(p, struct request, node);
		if (rq->q != q)
			continue;
		struct blk_extent re = rq_extent(rq);
		enum blk_merge_kind kind = blk_merge_kind(&re, &be, lim);

		if (kind != BLK_MERGE_NONE) {
			rq_merge(rq, bio, kind);
			return true;
		}
	}
	return false;
}

/* End every bio of rq with status and free it. No locks held. */
static void rq_end(struct request *rq, int status)
{
	struct bio *bio = rq->bio, *next;

	while (bio) {
		next = bio->bi_next;
		bio_endio(bio, status);
		bio = next;
	}
	kfree(rq);
}

/* ---------------------------------------------------------------- dispatch */

static void queue_account_start(struct request_queue *q, struct request *rq)
{
	if (q->stats.in_flight++ == 0)
		q->busy_since = ktime_get_ns();
	if (q->stats.in_flight > q->stats.max_in_flight)
		q->stats.max_in_flight = q->stats.in_flight;
	rq->issue_ns = ktime_get_ns();
}

static void queue_account_done(struct request_queue *q, struct request *rq, bool final)
{
	u64 now = ktime_get_ns();

	if (--q->stats.in_flight == 0)
		q->stats.io_ticks_ns += now - q->busy_since;
	if (rq->cmd == REQ_OP_FLUSH) {
		q->stats.flushes++;
		q->stats.flush_ticks_ns += now - rq->issue_ns;
	}
	if (!final || rq->op == REQ_OP_FLUSH)
		return;
	q->stats.ios[rq->op]++;
	q->stats.sectors[rq->op] += rq->nr_sectors;
	q->stats.ticks_ns[rq->op] += now - rq->start_ns;
	q->stats.time_in_queue_ns += now - rq->start_ns;
}

/*
 * Hand waiting requests to the driver until it is full. Requests the
 * driver refuses outright are moved to failed (ended by the caller after
 * unlocking). Returns how many the driver took: the caller then calls
 * queue_commit() after unlocking. Caller holds q->lock.
 */
static unsigned int __blk_run_queue(struct request_queue *q, struct list_head *failed)
{
	struct request *rq;
	unsigned int taken = 0;
	int err;

	assert_held(&q->lock);
	while (!list_empty(&q->queue)) {
		rq = list_first_entry(&q->queue, struct request, node);
		list_del_init(&rq->node);
		queue_account_start(q, rq);
		err = q->ops->queue_rq(q, rq);
		if (err == 0) {
			taken++;
			continue;
		}
		q->stats.in_flight--;
		if (err == -EBUSY && q->stats.in_flight > 0) {
			list_add(&rq->node, &q->queue);
			break;
		}
		list_add_tail(&rq->node, failed);
	}
	return taken;
}

/* After unlocking: start what was queued, end what was refused. */
static void queue_commit(struct request_queue *q, unsigned int taken, struct list_head *failed)
{
	struct request *rq, *n;

	if (taken && q->ops->commit_rqs)
		q->ops->commit_rqs(q);
	list_for_each_entry_safe(rq, n, failed, node) {
		list_del_init(&rq->node);
		rq_end(rq, -EIO);
	}
}

void blk_run_queue(struct request_queue *q)
{
	struct list_head failed = LIST_HEAD_INIT(failed);
	unsigned long flags = spin_lock_irqsave(&q->lock);
	unsigned int taken = __blk_run_queue(q, &failed);

	spin_unlock_irqrestore(&q->lock, flags);
	queue_commit(q, taken, &failed);
}

/*
 * rq's current command finished with rq->error: account it and either
 * requeue its next flush step (false) or report it finished (true).
 * Caller holds q->lock.
 */
static bool rq_step_done(struct request_queue *q, struct request *rq)
{
	bool final;

	if (rq->cmd != REQ_OP_FLUSH)
		rq->seq &= ~RQ_SEQ_DATA;
	else
		rq->seq &= ~(rq->seq & RQ_SEQ_PREFLUSH ? RQ_SEQ_PREFLUSH : RQ_SEQ_POSTFLUSH);
	final = rq->error != 0 || rq->seq == 0;
	queue_account_done(q, rq, final);
	if (!final) {
		rq->cmd = rq_seq_cmd(rq);
		list_add(&rq->node, &q->queue);	/* its next step goes first */
	}
	return final;
}

void blk_requests_done(struct request_queue *q, struct list_head *list)
{
	struct list_head failed = LIST_HEAD_INIT(failed), ended = LIST_HEAD_INIT(ended);
	struct request *rq, *n;
	unsigned long flags = spin_lock_irqsave(&q->lock);
	unsigned int taken;

	list_for_each_entry_safe(rq, n, list, node) {
		list_del_init(&rq->node);
		if (rq_step_done(q, rq))
			list_add_tail(&rq->node, &ended);
	}
	taken = __blk_run_queue(q, &failed);
	spin_unlock_irqrestore(&q->lock, flags);
	queue_commit(q, taken, &failed);
	list_for_each_entry_safe(rq, n, &ended, node) {
		list_del_init(&rq->node);
		rq_end(rq, rq->error);
	}
}

void blk_request_done(struct request *rq, int status)
{
	struct list_head one = LIST_HEAD_INIT(one);

	rq->error = status;
	list_add(&rq->node, &one);
	blk_requests_done(rq->q, &one);
}

/* Put rq (already built) on its queue and dispatch. */
static void queue_insert(struct request *rq)
{
	struct request_queue *q = rq->q;
	struct list_head failed = LIST_HEAD_INIT(failed);
	unsigned long flags = spin_lock_irqsave(&q->lock);

	unsigned int taken;

	list_add_tail(&rq->node, &q->queue);
	taken = __blk_run_queue(q, &failed);
	spin_unlock_irqrestore(&q->lock, flags);
	queue_commit(q, taken, &failed);
}

/* ---------------------------------------------------------------- submission */

/* Check bio against its device; -errno to refuse it. */
static int bio_check(struct bio *bio)
{
	struct block_device *bdev = bio->bi_bdev;
	struct blk_extent be = bio_extent(bio);

	if (!bdev || (bio->bi_size & (SECTOR_SIZE - 1)))
		return -EINVAL;
	if (bio->bi_vcnt > bdev->queue->limits.max_segments ||
	    (bio->bi_size >> SECTOR_SHIFT) > bdev->queue->limits.max_sectors)
		return -EINVAL;	/* build bios within the device's limits */
	return blk_check_extent(&be, bdev->nr_sectors, &bdev->queue->limits);
}

/* Merge a plain read/write into the plug, or add a new request to it; false if out of memory. */
static bool plug_add(struct blk_plug *plug, struct bio *bio)
{
	struct request_queue *q = bio->bi_bdev->queue;
	struct request *rq;

	if (list_try_merge(&plug->requests, bio, &q->limits, q)) {
		unsigned long flags = spin_lock_irqsave(&q->lock);

		q->stats.merges[bio->bi_op]++;
		spin_unlock_irqrestore(&q->lock, flags);
		return true;
	}
	if (plug->count >= BLK_MAX_PLUG)
		blk_flush_plug(current);
	rq = rq_alloc(q, bio);
	if (!rq)
		return false;
	list_add_tail(&rq->node, &plug->requests);
	plug->count++;
	return true;
}

/*
 * The plug a submission may use: the task's, but only in task context
 * with interrupts on -- a bi_end_io that submits from an interrupt handler
 * must not touch the plug of the task it interrupted.
 */
static struct blk_plug *submit_plug(void)
{
	return irqs_disabled() ? NULL : current->plug;
}

void submit_bio(struct bio *bio)
{
	struct request_queue *q;
	struct request *rq;
	struct blk_plug *plug;
	unsigned long flags;
	int err = bio_check(bio);

	bio->bi_next = NULL;
	if (err)
		goto err_end;
	q = bio->bi_bdev->queue;
	if (rq_flush_seq(q, bio->bi_op, bio->bi_opf) == 0) {
		bio_endio(bio, 0);	/* a flush of a device with no volatile cache */
		return;
	}
	plug = submit_plug();
	if (plug && (bio->bi_op == REQ_OP_FLUSH || (bio->bi_opf & REQ_ORDER_FLAGS)))
		blk_flush_plug(current);	/* keep submission order: what was plugged goes first */
	else if (plug && plug_add(plug, bio))
		return;
	flags = spin_lock_irqsave(&q->lock);
	if (!(bio->bi_opf & REQ_ORDER_FLAGS) && list_try_merge(&q->queue, bio, &q->limits, q)) {
		q->stats.merges[bio->bi_op]++;
		spin_unlock_irqrestore(&q->lock, flags);
		return;
	}
	spin_unlock_irqrestore(&q->lock, flags);
	rq = rq_alloc(q, bio);
	err = -ENOMEM;
	if (!rq)
		goto err_end;
	queue_insert(rq);
	return;
err_end:
	bio_endio(bio, err);
}

static void submit_bio_wait_endio(struct bio *bio)
{
	complete(bio->bi_private);
}

int submit_bio_wait(struct bio *bio)
{
	struct completion done;

	init_completion(&done);
	bio->bi_private = &done;
	bio->bi_end_io = submit_bio_wait_endio;
	submit_bio(bio);
	if (submit_plug())
		blk_flush_plug(current);
	wait_for_completion(&done);
	return bio->bi_status;
}

/* ---------------------------------------------------------------- plugging */

void blk_start_plug(struct blk_plug *plug)
{
	struct task *t = current;

	INIT_LIST_HEAD(&plug->requests);
	plug->count = 0;
	if (!t->plug)
		t->plug = plug;
}

/* Move the plug's leading requests of one queue onto it together; one dispatch. */
static void plug_flush_one_queue(struct blk_plug *plug)
{
	struct request *rq = list_first_entry(&plug->requests, struct request, node);
	struct request_queue *q = rq->q;
	struct list_head failed = LIST_HEAD_INIT(failed);
	unsigned long flags = spin_lock_irqsave(&q->lock);
	unsigned int taken;

	while (!list_empty(&plug->requests)) {
		rq = list_first_entry(&plug->requests, struct request, node);
		if (rq->q != q)
			break;
		list_move_tail(&rq->node, &q->queue);
	}
	taken = __blk_run_queue(q, &failed);
	spin_unlock_irqrestore(&q->lock, flags);
	queue_commit(q, taken, &failed);
}

void blk_flush_plug(struct task *task)
{
	struct blk_plug *plug = task->plug;

	if (!plug)
		return;
	task->plug = NULL;	/* a reschedule inside does not come back here */
	while (!list_empty(&plug->requests))
		plug_flush_one_queue(plug);
	plug->count = 0;
	task->plug = plug;
}

void blk_finish_plug(struct blk_plug *plug)
{
	struct task *t = current;

	if (t->plug != plug)
		return;	/* a nested plug: the outer one finishes */
	blk_flush_plug(t);
	t->plug = NULL;
}
