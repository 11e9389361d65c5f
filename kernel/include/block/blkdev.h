/*
 * The block layer (kernel/block/): block devices, bios, request queues,
 * plugging, flush ordering, statistics and the block special file.
 *
 * A bio is one I/O: an operation on a run of 512-byte sectors with a list
 * of (page, offset, len) segments. submit_bio() queues it; bi_end_io runs
 * when it is done -- possibly in interrupt context, with no block-layer
 * lock held -- with bi_status 0 or -errno (-EIO for a device error or an
 * access past the end; -EROFS for a write to a read-only device).
 *
 * Each device has one request queue. A request is one or more bios of the
 * same operation on contiguous sectors (back/front merged while the
 * request waits, within the driver's queue_limits). The queue dispatches
 * to the driver while it accepts (->queue_rq 0) and keeps the rest in
 * order. REQ_PREFLUSH makes the request a flush, then the data; REQ_FUA
 * adds a flush after it (virtio-blk has no FUA); a device without a
 * volatile cache ignores both. A task between blk_start_plug() and
 * blk_finish_plug() collects its bios in the plug (merging them there)
 * and hands them over together when it finishes the plug or sleeps.
 *
 * Locks (docs/locking.md): "blkdev_list" (the registry) -> nothing;
 * "blk_queue" (irqsave, one per device) -> the driver's lock
 * ("virtio_blk_vq"). bi_end_io is called with neither held.
 */
#ifndef BLOCK_BLKDEV_H
#define BLOCK_BLKDEV_H

#include <block/blk_merge.h>
#include <fs/fs.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <locking/mutex.h>
#include <locking/spinlock.h>
#include <mm/page_alloc.h>

#define SECTOR_SHIFT	9
#define SECTOR_SIZE	512
#define BIO_MAX_VECS	128		/* segments one bio_alloc() provides at most */
#define BLK_MAX_PLUG	32		/* requests a plug holds before it is flushed */
#define VIRTBLK_MAJOR	254		/* vda = (254, 0), vdb = (254, 16), ... */

struct block_device;
struct request_queue;
struct bio;

typedef void (*bio_end_io_t)(struct bio *bio);

struct bio_vec {
	struct page *bv_page;
	u32 bv_len;
	u32 bv_offset;
};

/* A bio belongs to its submitter until bi_end_io; the block layer writes only bi_status and bi_next. */
struct bio {
	struct block_device *bi_bdev;
	int bi_op;			/* REQ_OP_* */
	unsigned int bi_opf;		/* REQ_PREFLUSH | REQ_FUA | REQ_SYNC */
	u64 bi_sector;			/* first sector */
	u32 bi_size;			/* bytes in bi_io_vec */
	u16 bi_vcnt;			/* segments used */
	u16 bi_max_vecs;		/* segments allocated */
	int bi_status;			/* 0 or -errno, valid in bi_end_io */
	bio_end_io_t bi_end_io;
	void *bi_private;		/* the submitter's */
	struct bio *bi_next;		/* next bio of the same request */
	struct bio_vec bi_io_vec[];
};

/* Steps of a request's flush sequence still to run (request->seq). */
#define RQ_SEQ_PREFLUSH		0x1u
#define RQ_SEQ_DATA		0x2u
#define RQ_SEQ_POSTFLUSH	0x4u

/*
 * A request: bios chained through bi_next, sectors contiguous. Owned by
 * the queue ([q->lock]) while waiting, by the driver while it runs
 * (between ->queue_rq returning 0 and blk_request_done).
 */
struct request {
	struct request_queue *q;	/* [I] */
	int op;				/* REQ_OP_* of its bios */
	int cmd;			/* what the driver runs now: READ, WRITE or FLUSH */
	unsigned int flags;		/* REQ_* (ordering flags stop merging) */
	unsigned int seq;		/* RQ_SEQ_* steps left, the current one included */
	u64 sector;
	u32 nr_sectors;
	u32 nr_segments;		/* bio_vecs of all its bios */
	struct bio *bio, *biotail;
	u64 start_ns;			/* created */
	u64 issue_ns;			/* handed to the driver */
	struct list_head node;		/* on q->queue or a plug; the driver's while it runs */
	int error;			/* [driver] status of the command that ran (blk_requests_done) */
	void *driver_data;		/* [I] q->cmd_size bytes for the driver */
};

/* Call the f in the order of a segment walk: for each bio, each vec. */
#define rq_for_each_bvec(bv, rq, b) \
	for ((b) = (rq)->bio; (b); (b) = (b)->bi_next) \
		for ((bv) = (b)->bi_io_vec; (bv) < (b)->bi_io_vec + (b)->bi_vcnt; (bv)++)

/*
 * Driver operations. queue_rq queues rq->cmd: 0 when the driver took it
 * (it later calls blk_request_done), -EBUSY when it has no room now (the
 * queue retries after the next completion; the driver must have at least
 * one request in flight to say so), another -errno to fail it. Called with
 * q->lock held and interrupts off; must not sleep; should not touch the
 * device (a doorbell write is slow under QEMU: keep it out of the lock).
 * commit_rqs (optional) then starts what queue_rq queued: called after
 * one or more queue_rq calls, with no block-layer lock held, any context.
 */
struct blk_driver_ops {
	int (*queue_rq)(struct request_queue *q, struct request *rq);
	void (*commit_rqs)(struct request_queue *q);
};

/* /proc/diskstats figures; time in ns here (printed in ms). */
struct blk_stats {
	u64 ios[2];		/* completed requests: [0] read, [1] write */
	u64 merges[2];		/* bios merged into another request */
	u64 sectors[2];
	u64 ticks_ns[2];	/* time from request creation to completion, summed */
	u64 flushes;		/* flush commands completed */
	u64 flush_ticks_ns;
	u32 in_flight;		/* requests the driver holds now */
	u32 max_in_flight;	/* the most it ever held at once (not in diskstats) */
	u64 io_ticks_ns;	/* time with at least one request in flight */
	u64 time_in_queue_ns;	/* the sum of every request's life */
};

struct request_queue {
	struct spinlock lock;		/* "blk_queue", irqsave */
	struct list_head queue;		/* [lock] requests not yet dispatched, in order */
	struct blk_stats stats;		/* [lock] in_flight counts driver-held requests */
	u64 busy_since;			/* [lock] when in_flight last became non-zero */
	struct queue_limits limits;	/* [I] */
	const struct blk_driver_ops *ops;	/* [I] */
	size_t cmd_size;		/* [I] driver bytes per request */
	void *driver_data;		/* [I] */
	struct block_device *bdev;	/* [I] */
};

struct block_device {
	char name[16];			/* [I] "vda" */
	u32 dev;			/* [I] MKDEV(major, minor) */
	u64 nr_sectors;			/* [I] capacity in 512-byte sectors */
	unsigned int logical_block_size;	/* [I] 512 */
	bool read_only;			/* [I] */
	bool flush;			/* [I] has a volatile write cache (flush means something) */
	struct request_queue *queue;	/* [I] */
	struct mutex rmw_lock;		/* "blkdev_rmw": blkdev_fops partial-sector writes */
	/* The page cache helper adds the device's address space here (metadata blocks). */
	void *bd_mapping;
	struct list_head list;		/* [blkdev_list] registry, never removed */
};

/* The plug: requests collected by one task (task.h, current->plug). */
struct blk_plug {
	struct list_head requests;	/* [own] in submission order */
	unsigned int count;
};

/* ---------------------------------------------------------------- devices */

/*
 * For drivers: a block device named name with one queue. Fills limits,
 * ops, cmd_size, driver_data; the caller sets nr_sectors, read_only, flush
 * and dev, then blkdev_register(). ERR_PTR(-ENOMEM).
 */
struct block_device *blkdev_alloc(const char *name, const struct queue_limits *lim,
				  const struct blk_driver_ops *ops, size_t cmd_size,
				  void *driver_data);
/* Make bdev findable. 0, or -EEXIST if its name or dev_t is taken. */
int blkdev_register(struct block_device *bdev);
/* Registered devices never go away: the pointers stay valid. NULL if none. */
struct block_device *blkdev_get_by_dev(u32 dev);
struct block_device *blkdev_get_by_name(const char *name);
/* Iterate: blkdev_next(NULL) is the first device, NULL after the last (registration order). */
struct block_device *blkdev_next(struct block_device *prev);
/* A consistent snapshot of the statistics (io_ticks includes the current busy period). */
void blkdev_get_stats(struct block_device *bdev, struct blk_stats *out);
/*
 * The device's line of /proc/diskstats (Linux's 20 fields: major, minor,
 * name, then reads, merges, sectors, ms, writes, merges, sectors, ms,
 * in flight, io ms, weighted ms, four discard fields (0), flushes, flush
 * ms) or of /proc/partitions (major, minor, 1 KiB blocks, name), with a
 * newline, into buf: the length snprintf would write.
 */
int blkdev_diskstats_line(struct block_device *bdev, char *buf, size_t size);
int blkdev_partitions_line(struct block_device *bdev, char *buf, size_t size);
static inline u64 blkdev_size(const struct block_device *bdev)
{
	return bdev->nr_sectors << SECTOR_SHIFT;
}

/* ---------------------------------------------------------------- bios */

/* A bio with room for nr_vecs (1..BIO_MAX_VECS) segments, or NULL. Does not sleep. */
struct bio *bio_alloc(struct block_device *bdev, unsigned int nr_vecs, int op, unsigned int opf,
		      gfp_t gfp);
/* Append a segment (len > 0, off + len <= PAGE_SIZE, both multiples of 512 at the end). Returns len, or 0 if full. */
unsigned int bio_add_page(struct bio *bio, struct page *page, unsigned int len,
			  unsigned int off);
void bio_put(struct bio *bio);
/* Queue bio; bi_end_io reports the result (also for a bio refused at once). May be called from irq context. */
void submit_bio(struct bio *bio);
/* Submit and sleep until done: bi_status. Uses bi_end_io/bi_private itself. May sleep. */
int submit_bio_wait(struct bio *bio);

/* ---------------------------------------------------------------- plugging */

/* Start collecting this task's bios (a nested start is a no-op that the matching finish ignores). */
void blk_start_plug(struct blk_plug *plug);
/* Hand the collected requests to their queues. */
void blk_finish_plug(struct blk_plug *plug);
/* The scheduler's hook: the task is about to sleep with a plug; flush it. */
void blk_flush_plug(struct task *task);

/* ---------------------------------------------------------------- helpers */

/*
 * Read (REQ_OP_READ) or write (REQ_OP_WRITE) len bytes (a multiple of
 * 512) at sector between the device and kbuf (linear-map or vmalloc
 * memory, any alignment of at least 512 bytes within a page... any
 * kernel address; unaligned buffers are bounced). Many bios in flight.
 * 0 or -errno. May sleep.
 */
int blkdev_rw_sync(struct block_device *bdev, int op, u64 sector, void *kbuf, size_t len);
/* Make every completed write durable: 0 or -errno. May sleep. */
int blkdev_issue_flush(struct block_device *bdev);

/* ---------------------------------------------------------------- drivers */

/* The driver finished rq's current command with status (0 or -errno). Any context. */
void blk_request_done(struct request *rq, int status);
/*
 * The same for every request on list (linked by ->node, status in
 * ->error), all of queue q, under one acquisition of q->lock. Empties list.
 */
void blk_requests_done(struct request_queue *q, struct list_head *list);
/* Try to dispatch waiting requests (after the driver freed room by itself). Any context. */
void blk_run_queue(struct request_queue *q);

/* ---------------------------------------------------------------- block special files */

/*
 * Raw device access for S_IFBLK inodes (i_rdev names the device): read,
 * write (read-modify-write for partial sectors), llseek (SEEK_END = size),
 * ioctl BLKGETSIZE64, BLKGETSIZE, BLKSSZGET, BLKROGET, BLKFLSBUF.
 */
extern const struct file_operations blkdev_fops;
/* fsync(2) on a block special file: flush the device's cache. */
int blkdev_fsync(struct file *file);

/* ---------------------------------------------------------------- the device's page cache (bdev_cache.c) */

/*
 * The device's own address space (metadata blocks of a file system on
 * it), page index = byte offset / PAGE_SIZE; made on first use and kept
 * for good in bdev->bd_mapping. NULL only if out of memory.
 */
struct address_space *bdev_mapping(struct block_device *bdev);
/*
 * The 4 KiB block (== page index) of the device, uptodate, with a
 * reference (put_page), unlocked. ERR_PTR(-EIO) past the end or on a read
 * error, -ENOMEM. May sleep.
 */
struct page *bdev_read_block(struct block_device *bdev, u64 block);
/* The same for a block about to be wholly rewritten: zeroed, uptodate, not read. May sleep. */
struct page *bdev_new_block(struct block_device *bdev, u64 block);
/* Drop the cached block, dirty or not (a freed metadata block). May sleep. */
void bdev_forget_block(struct block_device *bdev, u64 block);
/* Dirty page (a page of bdev_mapping) and write it and wait: 0 or -errno. May sleep. */
int bdev_write_block_sync(struct block_device *bdev, struct page *page);
/* Write back every dirty cached block, wait, then flush the device: 0 or the first -errno. */
int bdev_sync(struct block_device *bdev);

#endif /* BLOCK_BLKDEV_H */
