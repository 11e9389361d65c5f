/*
 * Split virtqueues (virtio 1.0 §2.4): the ring bookkeeping, nothing else.
 *
 * Interface (drivers/virtio.h): vq_init, vq_add, vq_get_used,
 * vq_kick_prepare. The transport (virtio_mmio.c) allocates the ring block
 * and does the notify write; this file touches only ring memory, so the
 * host unit test (tests/unit/test_blk_vring.c) runs it against a
 * simulated device.
 *
 * Invariants: the free descriptors form a list through .next starting at
 * free_head, num_free long; every descriptor is either free or in exactly
 * one chain whose head's token is non-NULL; avail_idx - last_used chains
 * are owned by the device.
 *
 * Locks: none here; the driver holds its queue lock around every call.
 */
#include <arch/barrier.h>
#include <kernel/compiler.h>
#include <drivers/virtio.h>
#include <uapi/errno.h>

void vq_init(struct virtqueue *vq, unsigned int num, void *ring_mem, void **tokens)
{
	u8 *mem = ring_mem;

	vq->num = num;
	vq->desc = ring_mem;
	vq->avail = (struct vring_avail *)(mem + vring_avail_offset(num));
	vq->used = (struct vring_used *)(mem + vring_used_offset(num));
	vq->tokens = tokens;
	for (unsigned int i = 0; i < num; i++) {
		vq->desc[i].next = (u16)(i + 1);
		tokens[i] = NULL;
	}
	vq->free_head = 0;
	vq->num_free = (u16)num;
	vq->avail_idx = 0;
	vq->last_used = 0;
	vq->added = 0;
}

int vq_add(struct virtqueue *vq, const struct vq_buf *bufs, unsigned int out,
	   unsigned int in, void *token)
{
	unsigned int n = out + in;
	u16 head = vq->free_head, i = head, prev = head;

	if (n == 0 || !token)
		return -EINVAL;
	if (n > vq->num_free)
		return -ENOSPC;
	for (unsigned int k = 0; k < n; k++) {
		struct vring_desc *d = &vq->desc[i];

		d->addr = bufs[k].addr;
		d->len = bufs[k].len;
		d->flags = (u16)((k < out ? 0 : VRING_DESC_F_WRITE) |
				 (k + 1 < n ? VRING_DESC_F_NEXT : 0));
		prev = i;
		i = d->next;
	}
	vq->free_head = i;
	vq->num_free = (u16)(vq->num_free - n);
	vq->desc[prev].next = 0;	/* tidy: no NEXT flag on the tail */
	vq->tokens[head] = token;
	vq->avail->ring[vq->avail_idx & (vq->num - 1)] = head;
	/* The descriptors and the ring entry before the index: pairs with the device's read of idx. */
	smp_wmb();
	vq->avail_idx++;
	WRITE_ONCE(vq->avail->idx, vq->avail_idx);
	vq->added++;
	return 0;
}

/* Put the chain starting at head back on the free list. */
static void vq_free_chain(struct virtqueue *vq, u16 head)
{
	u16 i = head;
	unsigned int n = 1;

	while (vq->desc[i].flags & VRING_DESC_F_NEXT) {
		i = vq->desc[i].next;
		n++;
	}
	vq->desc[i].next = vq->free_head;
	vq->free_head = head;
	vq->num_free = (u16)(vq->num_free + n);
	vq->tokens[head] = NULL;
}

void *vq_get_used(struct virtqueue *vq, u32 *len)
{
	u16 used_idx = READ_ONCE(vq->used->idx);
	struct vring_used_elem *e;
	void *token;

	if (vq_pending(used_idx, vq->last_used) == 0)
		return NULL;
	/* Read the entry only after seeing the index: pairs with the device's write barrier. */
	smp_rmb();
	e = &vq->used->ring[vq->last_used & (vq->num - 1)];
	vq->last_used++;
	if (e->id >= vq->num || !vq->tokens[e->id])
		return NULL;	/* a confused device; the chain is lost, not our memory */
	token = vq->tokens[e->id];
	if (len)
		*len = e->len;
	vq_free_chain(vq, (u16)e->id);
	return token;
}

bool vq_kick_prepare(struct virtqueue *vq)
{
	bool added = vq->added != 0;

	vq->added = 0;
	/* Our avail->idx store before reading the device's flags. */
	smp_mb();
	return added && !(READ_ONCE(vq->used->flags) & VRING_USED_F_NO_NOTIFY);
}
