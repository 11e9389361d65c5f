/*
 * Merge decisions of the block layer (kernel/block/blk_merge.c), pure so
 * the host unit test (tests/unit/test_blk_merge.c) checks them.
 *
 * A request and a bio are each described by an extent: operation, flags,
 * first sector, sectors and data segments. A bio joins a pending request
 * at its back (bio starts where the request ends) or front (bio ends where
 * the request starts) when both have the same data operation, neither
 * carries an ordering flag (REQ_PREFLUSH, REQ_FUA), and the result stays
 * within the driver's limits on sectors and segments.
 */
#ifndef BLOCK_BLK_MERGE_H
#define BLOCK_BLK_MERGE_H

#include <kernel/types.h>

/* Operations. */
#define REQ_OP_READ	0
#define REQ_OP_WRITE	1
#define REQ_OP_FLUSH	2

/* Flags (bio->bi_opf, request->flags). */
#define REQ_PREFLUSH	0x1u	/* flush the device's volatile cache before this write */
#define REQ_FUA		0x2u	/* this write is durable when it completes */
#define REQ_SYNC	0x4u	/* someone waits for it (accounting only) */
#define REQ_ORDER_FLAGS	(REQ_PREFLUSH | REQ_FUA)

/* What the driver accepts in one request. */
struct queue_limits {
	u32 max_sectors;	/* sectors per request */
	u16 max_segments;	/* data segments per request */
	u32 max_segment_size;	/* bytes per segment (<= PAGE_SIZE here) */
	bool read_only;
	bool flush;		/* the device has a volatile cache to flush */
	bool fua;		/* it honours FUA itself (virtio-blk does not) */
};

struct blk_extent {
	int op;			/* REQ_OP_* */
	unsigned int flags;	/* REQ_* */
	u64 sector;
	u32 nr_sectors;
	u32 nr_segments;
};

enum blk_merge_kind {
	BLK_MERGE_NONE,
	BLK_MERGE_BACK,		/* append the bio to the request */
	BLK_MERGE_FRONT,	/* put the bio in front of the request */
};

/* May these two be in one request at all (op, flags, limits)? */
bool blk_merge_allowed(const struct blk_extent *rq, const struct blk_extent *bio,
		       const struct queue_limits *lim);
/* Where bio joins rq, or BLK_MERGE_NONE. */
enum blk_merge_kind blk_merge_kind(const struct blk_extent *rq, const struct blk_extent *bio,
				   const struct queue_limits *lim);
/*
 * Check a bio against a device of capacity sectors: 0, -EIO if it runs
 * past the end (or wraps), -EINVAL for an unknown op or a data bio of no
 * sectors, -EROFS for a write to a read-only device.
 */
int blk_check_extent(const struct blk_extent *bio, u64 capacity, const struct queue_limits *lim);

#endif /* BLOCK_BLK_MERGE_H */
