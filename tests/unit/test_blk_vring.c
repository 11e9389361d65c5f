/*
 * Unit tests for kernel/drivers/virtio/virtqueue.c against a simulated
 * device: ring layout, chains (device-readable then device-writable
 * buffers), out-of-order completion, a full ring, free-running index
 * wrap-around, notification suppression and a confused device. An
 * invariant check (free list + chains account for every descriptor)
 * runs after every change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>

#include "host_rename.h"
#include <drivers/virtio.h>
#include <lib/string.h>
#include <uapi/errno.h>

struct sim {
	struct virtqueue vq;
	void *mem;
	void *tokens[VQ_MAX_NUM];
	uint16_t dev_avail;	/* the device's next avail entry */
};

static void sim_setup(struct sim *s, unsigned int num)
{
	memset(s, 0, sizeof(*s));
	s->mem = aligned_alloc(4096, (vring_size(num) + 4095) & ~(size_t)4095);
	assert_non_null(s->mem);
	memset(s->mem, 0, vring_size(num));
	vq_init(&s->vq, num, s->mem, s->tokens);
}

static void sim_teardown(struct sim *s)
{
	free(s->mem);
}

/* Every descriptor is free or in exactly one chain headed by a token. */
static void vq_validate(const struct virtqueue *vq)
{
	unsigned char seen[VQ_MAX_NUM] = { 0 };
	unsigned int nfree = 0, nchain = 0;
	uint16_t i = vq->free_head;

	for (unsigned int k = 0; k < vq->num_free; k++) {
		assert_true(i < vq->num);
		assert_int_equal(seen[i], 0);
		seen[i] = 1;
		nfree++;
		i = vq->desc[i].next;
	}
	for (unsigned int h = 0; h < vq->num; h++) {
		if (!vq->tokens[h])
			continue;
		for (i = (uint16_t)h;; i = vq->desc[i].next) {
			assert_int_equal(seen[i], 0);
			seen[i] = 2;
			nchain++;
			if (!(vq->desc[i].flags & VRING_DESC_F_NEXT))
				break;
		}
	}
	assert_int_equal(nfree + nchain, vq->num);
}

/*
 * The device takes the next available chain: checks the readable-then-
 * writable order, writes its byte count into the first writable buffer's
 * first byte, and returns the head (not yet used).
 */
static uint16_t dev_take(struct sim *s, unsigned int *out, unsigned int *in)
{
	struct virtqueue *vq = &s->vq;
	uint16_t head, i;
	bool writable = false;

	assert_true(vq_pending(vq->avail->idx, s->dev_avail) > 0);
	head = vq->avail->ring[s->dev_avail++ & (vq->num - 1)];
	*out = *in = 0;
	for (i = head;; i = vq->desc[i].next) {
		if (vq->desc[i].flags & VRING_DESC_F_WRITE) {
			if (!writable)
				*(uint8_t *)(uintptr_t)vq->desc[i].addr = 0xd0;
			writable = true;
			(*in)++;
		} else {
			assert_false(writable);	/* readable ones come first */
			(*out)++;
		}
		if (!(vq->desc[i].flags & VRING_DESC_F_NEXT))
			break;
	}
	return head;
}

static void dev_complete(struct sim *s, uint16_t head, uint32_t len)
{
	struct virtqueue *vq = &s->vq;

	vq->used->ring[vq->used->idx & (vq->num - 1)] = (struct vring_used_elem){ head, len };
	vq->used->idx++;
}

static void test_layout(void **state)
{
	(void)state;
	assert_int_equal(vring_avail_offset(256), 4096);
	assert_int_equal(vring_used_offset(256) % 4, 0);
	assert_true(vring_used_offset(256) >= 4096 + 4 + 2 * 256 + 2);
	assert_int_equal(vring_size(256), vring_used_offset(256) + 4 + 8 * 256 + 2);
	assert_int_equal(vring_used_offset(8), 152);	/* 128 + 4 + 16 + 2, rounded up to 4 */
}

static void test_chain_roundtrip(void **state)
{
	struct sim s;
	uint8_t hdr[16], data[512], status = 0xff;
	struct vq_buf bufs[3] = { { (uintptr_t)hdr, 16 }, { (uintptr_t)data, 512 },
				  { (uintptr_t)&status, 1 } };
	unsigned int out, in;
	uint32_t len = 0;
	int token;

	(void)state;
	sim_setup(&s, 16);
	assert_int_equal(vq_add(&s.vq, bufs, 2, 1, &token), 0);	/* a write: header + data out */
	vq_validate(&s.vq);
	assert_int_equal(vq_num_free(&s.vq), 13);
	assert_null(vq_get_used(&s.vq, &len));
	uint16_t head = dev_take(&s, &out, &in);
	assert_int_equal(out, 2);
	assert_int_equal(in, 1);
	assert_int_equal(status, 0xd0);
	dev_complete(&s, head, 1);
	assert_ptr_equal(vq_get_used(&s.vq, &len), &token);
	assert_int_equal(len, 1);
	assert_int_equal(vq_num_free(&s.vq), 16);
	vq_validate(&s.vq);
	sim_teardown(&s);
}

static void test_out_of_order_and_full(void **state)
{
	struct sim s;
	uint8_t buf[8];
	struct vq_buf bufs[3] = { { (uintptr_t)buf, 1 }, { (uintptr_t)buf + 1, 1 },
				  { (uintptr_t)buf + 2, 1 } };
	int tokens[5];
	uint16_t heads[5];
	unsigned int out, in;

	(void)state;
	sim_setup(&s, 16);
	for (int i = 0; i < 5; i++)
		assert_int_equal(vq_add(&s.vq, bufs, 1, 2, &tokens[i]), 0);
	assert_int_equal(vq_num_free(&s.vq), 1);
	assert_int_equal(vq_add(&s.vq, bufs, 1, 2, &tokens[0]), -ENOSPC);
	assert_int_equal(vq_add(&s.vq, bufs, 1, 0, &tokens[0]), 0);	/* one still fits */
	assert_int_equal(vq_add(&s.vq, bufs, 0, 1, &tokens[0]), -ENOSPC);
	vq_validate(&s.vq);
	for (int i = 0; i < 5; i++)
		heads[i] = dev_take(&s, &out, &in);
	/* The device finishes 3, 0, 4 first. */
	dev_complete(&s, heads[3], 2);
	dev_complete(&s, heads[0], 2);
	dev_complete(&s, heads[4], 2);
	assert_ptr_equal(vq_get_used(&s.vq, NULL), &tokens[3]);
	assert_ptr_equal(vq_get_used(&s.vq, NULL), &tokens[0]);
	assert_ptr_equal(vq_get_used(&s.vq, NULL), &tokens[4]);
	assert_null(vq_get_used(&s.vq, NULL));
	vq_validate(&s.vq);
	assert_int_equal(vq_num_free(&s.vq), 9);
	sim_teardown(&s);
}

/* 70,000 chains through a queue of 8: both free-running indexes wrap. */
static void test_index_wrap(void **state)
{
	struct sim s;
	uint8_t b;
	struct vq_buf bufs[2] = { { (uintptr_t)&b, 1 }, { (uintptr_t)&b, 1 } };
	unsigned int out, in;
	int token;

	(void)state;
	assert_int_equal(vq_pending(2, 65534), 4);
	assert_int_equal(vq_pending(0, 0), 0);
	sim_setup(&s, 8);
	for (unsigned int i = 0; i < 70000; i++) {
		assert_int_equal(vq_add(&s.vq, bufs, 1, 1, &token), 0);
		assert_int_equal(vq_add(&s.vq, bufs, 1, 1, &token), 0);
		uint16_t h1 = dev_take(&s, &out, &in), h2 = dev_take(&s, &out, &in);

		dev_complete(&s, h2, 0);
		dev_complete(&s, h1, 0);
		assert_non_null(vq_get_used(&s.vq, NULL));
		assert_non_null(vq_get_used(&s.vq, NULL));
		if (i % 4096 == 0)
			vq_validate(&s.vq);
	}
	assert_int_equal(s.vq.avail_idx, (uint16_t)140000);
	assert_int_equal(s.vq.last_used, (uint16_t)140000);
	assert_int_equal(vq_num_free(&s.vq), 8);
	vq_validate(&s.vq);
	sim_teardown(&s);
}

static void test_kick_and_bad_input(void **state)
{
	struct sim s;
	uint8_t b;
	struct vq_buf buf = { (uintptr_t)&b, 1 };
	int token;

	(void)state;
	sim_setup(&s, 8);
	assert_false(vq_kick_prepare(&s.vq));			/* nothing added */
	assert_int_equal(vq_add(&s.vq, &buf, 1, 0, &token), 0);
	assert_true(vq_kick_prepare(&s.vq));
	assert_false(vq_kick_prepare(&s.vq));			/* already kicked */
	s.vq.used->flags = VRING_USED_F_NO_NOTIFY;
	assert_int_equal(vq_add(&s.vq, &buf, 0, 1, &token), 0);
	assert_false(vq_kick_prepare(&s.vq));			/* device asked for none */
	assert_int_equal(vq_add(&s.vq, &buf, 0, 0, &token), -EINVAL);
	assert_int_equal(vq_add(&s.vq, &buf, 1, 0, NULL), -EINVAL);
	/* A device reporting a head that is not in flight: ignored, nothing freed twice. */
	dev_complete(&s, 7, 0);
	assert_null(vq_get_used(&s.vq, NULL));
	dev_complete(&s, 200, 0);
	assert_null(vq_get_used(&s.vq, NULL));
	vq_validate(&s.vq);
	assert_int_equal(vq_num_free(&s.vq), 6);
	sim_teardown(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_chain_roundtrip),
		cmocka_unit_test(test_out_of_order_and_full),
		cmocka_unit_test(test_index_wrap),
		cmocka_unit_test(test_kick_and_bad_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
