/*
 * Block devices: the registry, statistics snapshots, and the synchronous
 * helpers (blkdev_rw_sync, blkdev_issue_flush).
 *
 * Interface (block/blkdev.h): blkdev_alloc, blkdev_register,
 * blkdev_get_by_dev, blkdev_get_by_name, blkdev_next, blkdev_get_stats,
 * blkdev_diskstats_line, blkdev_partitions_line, blkdev_rw_sync,
 * blkdev_issue_flush.
 *
 * Invariants: registered devices are never removed; names and dev_t
 * values are unique.
 *
 * Locks: blkdev_list_lock ("blkdev_list") guards the registry list; it
 * nests inside nothing and takes nothing.
 */
#include <arch/memlayout.h>
#include <block/blkdev.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>
#include <sched/sched.h>
#include <sched/task.h>
#include <sched/wait.h>
#include <uapi/errno.h>

static struct spinlock blkdev_list_lock = SPINLOCK_INIT("blkdev_list");
static LIST_HEAD(blkdev_list);	/* [blkdev_list_lock] */

struct block_device *blkdev_alloc(const char *name, const struct queue_limits *lim,
				  const struct blk_driver_ops *ops, size_t cmd_size,
				  void *driver_data)
{
	struct block_device *bdev = kzalloc(sizeof(*bdev), GFP_KERNEL);
	struct request_queue *q = kzalloc(sizeof(*q), GFP_KERNEL);

	if (!bdev || !q) {
		kfree(bdev);
		kfree(q);
		return ERR_PTR(-ENOMEM);
	}
	spin_lock_init(&q->lock, "blk_queue");
	INIT_LIST_HEAD(&q->queue);
	q->limits = *lim;
	q->ops = ops;
	q->cmd_size = cmd_size;
	q->driver_data = driver_data;
	q->bdev = bdev;
	strlcpy(bdev->name, name, sizeof(bdev->name));
	bdev->logical_block_size = SECTOR_SIZE;
	bdev->queue = q;
	mutex_init(&bdev->rmw_lock, "blkdev_rmw");
	INIT_LIST_HEAD(&bdev->list);
	return bdev;
}

int blkdev_register(struct block_device *bdev)
{
	struct block_device *b;

	bdev->queue->limits.read_only = bdev->read_only;
	bdev->queue->limits.flush = bdev->flush;
	spin_lock(&blkdev_list_lock);
	list_for_each_entry(b, &blkdev_list, list) {
		if (b->dev == bdev->dev || strcmp(b->name, bdev->name) == 0) {
			spin_unlock(&blkdev_list_lock);
			return -EEXIST;
		}
	}
	list_add_tail(&bdev->list, &blkdev_list);
	spin_unlock(&blkdev_list_lock);
	return 0;
}

struct block_device *blkdev_next(struct block_device *prev)
{
	struct list_head *next;
	struct block_device *bdev = NULL;

	spin_lock(&blkdev_list_lock);
	next = prev ? prev->list.next : blkdev_list.next;
	if (next != &blkdev_list)
		bdev = container_of(next, struct block_device, list);
	spin_unlock(&blkdev_list_lock);
	return bdev;
}

struct block_device *blkdev_get_by_dev(u32 dev)
{
	struct block_device *bdev = NULL;

	while ((bdev = blkdev_next(bdev)) != NULL)
		if (bdev->dev == dev)
			return bdev;
	return NULL;
}

struct block_device *blkdev_get_by_name(const char *name)
{
	struct block_device *bdev = NULL;

	while ((bdev = blkdev_next(bdev)) != NULL)
		if (strcmp(bdev->name, name) == 0)
			return bdev;
	return NULL;
}

void blkdev_get_stats(struct block_device *bdev, struct blk_stats *out)
{
	struct request_queue *q = bdev->queue;
	unsigned long flags = spin_lock_irqsave(&q->lock);

	*out = q->stats;
	if (q->stats.in_flight)
		out->io_ticks_ns += ktime_get_ns() - q->busy_since;
	spin_unlock_irqrestore(&q->lock, flags);
}

static unsigned long long ns_to_ms(u64 ns)
{
	return (unsigned long long)(ns / 1000000);
}

int blkdev_diskstats_line(struct block_device *bdev, char *buf, size_t size)
{
	struct blk_stats st;

	blkdev_get_stats(bdev, &st);
	return snprintf(buf, size,
			"%4u %7u %s %llu %llu %llu %llu %llu %llu %llu %llu %u %llu %llu "
			"0 0 0 0 %llu %llu\n",
			MAJOR(bdev->dev), MINOR(bdev->dev), bdev->name,
			(unsigned long long)st.ios[0], (unsigned long long)st.merges[0],
			(unsigned long long)st.sectors[0], ns_to_ms(st.ticks_ns[0]),
			(unsigned long long)st.ios[1], (unsigned long long)st.merges[1],
			(unsigned long long)st.sectors[1], ns_to_ms(st.ticks_ns[1]),
			st.in_flight, ns_to_ms(st.io_ticks_ns), ns_to_ms(st.time_in_queue_ns),
			(unsigned long long)st.flushes, ns_to_ms(st.flush_ticks_ns));
}

int blkdev_partitions_line(struct block_device *bdev, char *buf, size_t size)
{
	return snprintf(buf, size, "%4u %7u %10llu %s\n", MAJOR(bdev->dev), MINOR(bdev->dev),
			(unsigned long long)(bdev->nr_sectors >> 1), bdev->name);
}

/* ---------------------------------------------------------------- synchronous helpers */

/* Bios of one blkdev_rw_sync call: the last to finish wakes the caller. */
struct sync_batch {
	atomic_t pending;	/* bios not yet ended, +1 while submitting */
	int status;		/* [a] first error */
	struct completion done;
};

static void sync_batch_put(struct sync_batch *sb)
{
	if (atomic_dec_and_test(&sb->pending))
		complete(&sb->done);
}

static void sync_batch_endio(struct bio *bio)
{
	struct sync_batch *sb = bio->bi_private;

	if (bio->bi_status)
		__atomic_compare_exchange_n(&sb->status, &(int){ 0 }, bio->bi_status, false,
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	bio_put(bio);
	sync_batch_put(sb);
}

/* The page behind a kernel address (linear map or vmalloc), or NULL. */
static struct page *kaddr_to_page(const void *addr)
{
	if (is_vmalloc_addr(addr))
		return vmalloc_to_page(addr);
	if ((uintptr_t)addr - PAGE_OFFSET < LINEAR_SIZE)
		return virt_to_page(addr);
	return NULL;
}

/* One bio within the device's limits over the start of buf; *done = its bytes. */
static struct bio *sync_bio(struct block_device *bdev, int op, u64 sector, u8 *buf,
			    size_t len, struct sync_batch *sb, size_t *done)
{
	const struct queue_limits *lim = &bdev->queue->limits;
	unsigned int max_vecs = MIN((unsigned int)BIO_MAX_VECS, (unsigned int)lim->max_segments);
	size_t max_bytes = (size_t)lim->max_sectors << SECTOR_SHIFT;
	struct bio *bio = bio_alloc(bdev, max_vecs, op, REQ_SYNC, GFP_KERNEL);

	*done = 0;
	if (!bio)
		return ERR_PTR(-ENOMEM);
	bio->bi_sector = sector;
	bio->bi_end_io = sync_batch_endio;
	bio->bi_private = sb;
	if (len > max_bytes)
		len = max_bytes;
	while (*done < len && bio->bi_vcnt < max_vecs) {
		u8 *p = buf + *done;
		unsigned int off = (uintptr_t)p & (PAGE_SIZE - 1);
		size_t n = MIN((size_t)(PAGE_SIZE - off), len - *done);
		struct page *pg = kaddr_to_page(p);

		if (!pg) {
			bio_put(bio);
			return ERR_PTR(-EFAULT);
		}
		bio_add_page(bio, pg, (unsigned int)n, off);
		*done += n;
	}
	/* Keep every bio a whole number of sectors; the rest starts the next one. */
	if ((*done & (SECTOR_SIZE - 1)) && *done < len) {
		size_t cut = *done & (SECTOR_SIZE - 1);
		struct bio_vec *last = &bio->bi_io_vec[bio->bi_vcnt - 1];

		if (cut >= last->bv_len) {
			bio_put(bio);
			return ERR_PTR(-EINVAL);
		}
		last->bv_len -= (u32)cut;
		bio->bi_size -= (u32)cut;
		*done -= cut;
	}
	return bio;
}

int blkdev_rw_sync(struct block_device *bdev, int op, u64 sector, void *kbuf, size_t len)
{
	struct sync_batch sb = { .status = 0 };
	struct blk_plug plug;
	size_t pos = 0, n;
	int err = 0;

	if ((op != REQ_OP_READ && op != REQ_OP_WRITE) || (len & (SECTOR_SIZE - 1)))
		return -EINVAL;
	atomic_set(&sb.pending, 1);
	init_completion(&sb.done);
	blk_start_plug(&plug);
	while (pos < len) {
		struct bio *bio = sync_bio(bdev, op, sector + (pos >> SECTOR_SHIFT),
					   (u8 *)kbuf + pos, len - pos, &sb, &n);

		if (IS_ERR(bio)) {
			err = (int)PTR_ERR(bio);
			break;
		}
		atomic_inc(&sb.pending);
		submit_bio(bio);
		pos += n;
	}
	blk_finish_plug(&plug);
	sync_batch_put(&sb);
	wait_for_completion(&sb.done);
	return err ? err : READ_ONCE(sb.status);
}

int blkdev_issue_flush(struct block_device *bdev)
{
	struct bio *bio;
	int err;

	if (!bdev->flush)
		return 0;
	bio = bio_alloc(bdev, 0, REQ_OP_FLUSH, REQ_PREFLUSH | REQ_SYNC, GFP_KERNEL);
	if (!bio)
		return -ENOMEM;
	err = submit_bio_wait(bio);
	bio_put(bio);
	return err;
}
