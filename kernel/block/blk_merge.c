/*
 * Merge decisions and bio checks of the block layer: pure arithmetic on
 * extents (block/blk_merge.h), shared with the host unit test.
 * No state, no locks.
 */
#include <block/blk_merge.h>
#include <uapi/errno.h>

bool blk_merge_allowed(const struct blk_extent *rq, const struct blk_extent *bio,
		       const struct queue_limits *lim)
{
	if (rq->op != bio->op || rq->op == REQ_OP_FLUSH)
		return false;
	if ((rq->flags | bio->flags) & REQ_ORDER_FLAGS)
		return false;
	if ((u64)rq->nr_sectors + bio->nr_sectors > lim->max_sectors)
		return false;
	return (u64)rq->nr_segments + bio->nr_segments <= lim->max_segments;
}

enum blk_merge_kind blk_merge_kind(const struct blk_extent *rq, const struct blk_extent *bio,
				   const struct queue_limits *lim)
{
	if (!blk_merge_allowed(rq, bio, lim))
		return BLK_MERGE_NONE;
	if (rq->sector + rq->nr_sectors == bio->sector)
		return BLK_MERGE_BACK;
	if (bio->sector + bio->nr_sectors == rq->sector)
		return BLK_MERGE_FRONT;
	return BLK_MERGE_NONE;
}

int blk_check_extent(const struct blk_extent *bio, u64 capacity, const struct queue_limits *lim)
{
	u64 end = bio->sector + bio->nr_sectors;

	switch (bio->op) {
	case REQ_OP_FLUSH:
		return bio->nr_sectors == 0 ? 0 : -EINVAL;
	case REQ_OP_WRITE:
		if (lim->read_only)
			return -EROFS;
		/* fall through */
	case REQ_OP_READ:
		if (bio->nr_sectors == 0)
			return -EINVAL;
		if (end < bio->sector || end > capacity)
			return -EIO;
		return 0;
	default:
		return -EINVAL;
	}
}
