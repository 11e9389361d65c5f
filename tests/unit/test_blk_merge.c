/*
 * Unit tests for kernel/block/blk_merge.c: when a bio joins a pending
 * request (back, front, not at all) and how bios are checked against the
 * device (end of device, wrap-around, read-only, malformed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>

#include "host_rename.h"
#include <block/blk_merge.h>
#include <uapi/errno.h>

static const struct queue_limits lim = {
	.max_sectors = 64, .max_segments = 4, .max_segment_size = 4096, .flush = true,
};

static struct blk_extent ext(int op, unsigned int flags, uint64_t sector, uint32_t n, uint32_t segs)
{
	return (struct blk_extent){ .op = op, .flags = flags, .sector = sector,
				    .nr_sectors = n, .nr_segments = segs };
}

static void test_back_and_front(void **state)
{
	struct blk_extent rq = ext(REQ_OP_WRITE, 0, 100, 8, 1);
	struct blk_extent after = ext(REQ_OP_WRITE, REQ_SYNC, 108, 8, 1);
	struct blk_extent before = ext(REQ_OP_WRITE, 0, 92, 8, 1);
	struct blk_extent gap = ext(REQ_OP_WRITE, 0, 109, 8, 1);
	struct blk_extent overlap = ext(REQ_OP_WRITE, 0, 104, 8, 1);

	(void)state;
	assert_int_equal(blk_merge_kind(&rq, &after, &lim), BLK_MERGE_BACK);
	assert_int_equal(blk_merge_kind(&rq, &before, &lim), BLK_MERGE_FRONT);
	assert_int_equal(blk_merge_kind(&rq, &gap, &lim), BLK_MERGE_NONE);
	assert_int_equal(blk_merge_kind(&rq, &overlap, &lim), BLK_MERGE_NONE);
}

static void test_op_and_ordering_flags(void **state)
{
	struct blk_extent rq = ext(REQ_OP_WRITE, 0, 100, 8, 1);
	struct blk_extent read = ext(REQ_OP_READ, 0, 108, 8, 1);
	struct blk_extent fua = ext(REQ_OP_WRITE, REQ_FUA, 108, 8, 1);
	struct blk_extent preflush = ext(REQ_OP_WRITE, REQ_PREFLUSH, 92, 8, 1);
	struct blk_extent flush_rq = ext(REQ_OP_FLUSH, 0, 0, 0, 0);
	struct blk_extent flush_bio = ext(REQ_OP_FLUSH, 0, 0, 0, 0);
	struct blk_extent rq_fua = ext(REQ_OP_WRITE, REQ_FUA, 100, 8, 1);
	struct blk_extent plain = ext(REQ_OP_WRITE, 0, 108, 8, 1);

	(void)state;
	assert_int_equal(blk_merge_kind(&rq, &read, &lim), BLK_MERGE_NONE);
	assert_int_equal(blk_merge_kind(&rq, &fua, &lim), BLK_MERGE_NONE);
	assert_int_equal(blk_merge_kind(&rq, &preflush, &lim), BLK_MERGE_NONE);
	assert_int_equal(blk_merge_kind(&flush_rq, &flush_bio, &lim), BLK_MERGE_NONE);
	assert_int_equal(blk_merge_kind(&rq_fua, &plain, &lim), BLK_MERGE_NONE);
}

static void test_limits(void **state)
{
	struct blk_extent rq = ext(REQ_OP_READ, 0, 0, 56, 3);
	struct blk_extent fits = ext(REQ_OP_READ, 0, 56, 8, 1);
	struct blk_extent too_long = ext(REQ_OP_READ, 0, 56, 9, 1);
	struct blk_extent too_many = ext(REQ_OP_READ, 0, 56, 8, 2);

	(void)state;
	assert_int_equal(blk_merge_kind(&rq, &fits, &lim), BLK_MERGE_BACK);
	assert_int_equal(blk_merge_kind(&rq, &too_long, &lim), BLK_MERGE_NONE);
	assert_int_equal(blk_merge_kind(&rq, &too_many, &lim), BLK_MERGE_NONE);
	assert_true(blk_merge_allowed(&rq, &fits, &lim));
	assert_false(blk_merge_allowed(&rq, &too_many, &lim));
}

/* A run of merges: a request grows to the limits and no further. */
static void test_grow_to_limit(void **state)
{
	struct blk_extent rq = ext(REQ_OP_WRITE, 0, 1000, 8, 1);
	int merged = 0;

	(void)state;
	for (int i = 1; i < 20; i++) {
		struct blk_extent bio = ext(REQ_OP_WRITE, 0, 1000 + 8 * (uint64_t)i, 8, 1);

		if (blk_merge_kind(&rq, &bio, &lim) != BLK_MERGE_BACK)
			break;
		rq.nr_sectors += bio.nr_sectors;
		rq.nr_segments += bio.nr_segments;
		merged++;
	}
	assert_int_equal(merged, 3);	/* 4 segments of the limit */
	assert_true(rq.nr_sectors <= lim.max_sectors);
}

static void test_check_extent(void **state)
{
	struct queue_limits ro = lim;
	struct blk_extent e;

	(void)state;
	ro.read_only = true;
	e = ext(REQ_OP_READ, 0, 992, 8, 1);
	assert_int_equal(blk_check_extent(&e, 1000, &lim), 0);		/* ends exactly at the end */
	e = ext(REQ_OP_READ, 0, 1000, 1, 1);
	assert_int_equal(blk_check_extent(&e, 1000, &lim), -EIO);	/* starts at the end */
	e = ext(REQ_OP_WRITE, 0, 996, 8, 1);
	assert_int_equal(blk_check_extent(&e, 1000, &lim), -EIO);	/* straddles it */
	e = ext(REQ_OP_READ, 0, UINT64_MAX - 2, 8, 1);
	assert_int_equal(blk_check_extent(&e, 1000, &lim), -EIO);	/* wraps */
	e = ext(REQ_OP_READ, 0, 0, 0, 0);
	assert_int_equal(blk_check_extent(&e, 1000, &lim), -EINVAL);
	e = ext(REQ_OP_WRITE, 0, 0, 8, 1);
	assert_int_equal(blk_check_extent(&e, 1000, &ro), -EROFS);
	e = ext(REQ_OP_READ, 0, 0, 8, 1);
	assert_int_equal(blk_check_extent(&e, 1000, &ro), 0);
	e = ext(REQ_OP_FLUSH, REQ_PREFLUSH, 0, 0, 0);
	assert_int_equal(blk_check_extent(&e, 1000, &ro), 0);
	e = ext(REQ_OP_FLUSH, 0, 0, 8, 1);
	assert_int_equal(blk_check_extent(&e, 1000, &lim), -EINVAL);
	e = ext(7, 0, 0, 8, 1);
	assert_int_equal(blk_check_extent(&e, 1000, &lim), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_back_and_front),
		cmocka_unit_test(test_op_and_ordering_flags),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_grow_to_limit),
		cmocka_unit_test(test_check_extent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
