/*
 * virtio-blk (virtio 1.0 §5.2) on the block layer: one request queue per
 * device, one virtqueue, one descriptor chain per request (header,
 * data segments, status byte), completion by interrupt.
 *
 * Interface: virtio_blk_driver (drivers/virtio.h), probed by the virtio
 * transport. Devices become vda, vdb, ... (major VIRTBLK_MAJOR, minor
 * 16 * index; no partitions) in probe order.
 *
 * Features used: VIRTIO_BLK_F_FLUSH (the device has a write cache; flush
 * commands are sent), VIRTIO_BLK_F_RO, VIRTIO_BLK_F_SEG_MAX and
 * VIRTIO_BLK_F_SIZE_MAX (request limits), VIRTIO_BLK_F_BLK_SIZE (read
 * only for the boot message; the block layer always works in 512-byte
 * sectors, which virtio addresses regardless).
 *
 * Locks: vblk->lock ("virtio_blk_vq", irqsave) serializes the virtqueue;
 * it nests inside "blk_queue" (->queue_rq is called with the queue lock
 * held) and is released before completions go back to the block layer.
 * The doorbell (vq_notify) is written with no lock held: under QEMU it is
 * a slow exit, and a lock held across it stalls every other submitter.
 */
#include <arch/memlayout.h>
#include <block/blkdev.h>
#include <drivers/virtio.h>
#include <kernel/err.h>
#include <kernel/printk.h>
#include <lib/printf.h>
#include <mm/slab.h>
#include <uapi/errno.h>

/* Feature bits (§5.2.3). */
#define VIRTIO_BLK_F_SIZE_MAX	1
#define VIRTIO_BLK_F_SEG_MAX	2
#define VIRTIO_BLK_F_RO		5
#define VIRTIO_BLK_F_BLK_SIZE	6
#define VIRTIO_BLK_F_FLUSH	9

/* Configuration layout (§5.2.4), byte offsets. */
#define VBLK_CFG_CAPACITY	0
#define VBLK_CFG_SIZE_MAX	8
#define VBLK_CFG_SEG_MAX	12
#define VBLK_CFG_BLK_SIZE	20

/* Request types and status (§5.2.6). */
#define VIRTIO_BLK_T_IN		0
#define VIRTIO_BLK_T_OUT	1
#define VIRTIO_BLK_T_FLUSH	4
#define VIRTIO_BLK_S_OK		0
#define VIRTIO_BLK_S_IOERR	1
#define VIRTIO_BLK_S_UNSUPP	2

struct virtio_blk_outhdr {
	u32 type;
	u32 reserved;
	u64 sector;
};
_Static_assert(sizeof(struct virtio_blk_outhdr) == 16, "virtio-blk request header is 16 bytes");

#define VBLK_MAX_SECTORS	1024	/* 512 KiB per request */
#define VBLK_MAX_SEGMENTS	128

/* Per request (request->driver_data): read by the device, so in the linear map (kmalloc). */
struct vblk_cmd {
	struct virtio_blk_outhdr hdr;
	u8 status;
};

struct virtio_blk {
	struct virtio_device *vdev;	/* [I] */
	struct virtqueue *vq;		/* [lock] ring state */
	struct spinlock lock;		/* "virtio_blk_vq" */
	struct block_device *bdev;	/* [I] */
	struct vq_buf *bufs;		/* [lock] chain entries: 2 + max_segments * pieces */
	u32 seg_size;			/* [I] bytes per descriptor at most (size_max) */
	u64 errors;			/* [lock] requests the device failed */
};

static int vblk_index;	/* devices probed so far: boot only, one hart */

static void vblk_fill_header(struct request *rq, struct vblk_cmd *cmd)
{
	cmd->hdr.reserved = 0;
	cmd->hdr.sector = rq->cmd == REQ_OP_FLUSH ? 0 : rq->sector;
	cmd->hdr.type = rq->cmd == REQ_OP_FLUSH ? VIRTIO_BLK_T_FLUSH :
			rq->cmd == REQ_OP_WRITE ? VIRTIO_BLK_T_OUT : VIRTIO_BLK_T_IN;
	cmd->status = 0xff;
}

/*
 * Put one data segment into the chain at bufs[n], in pieces of at most the
 * device's size_max; the next free index. vblk_limits() sized max_segments
 * so that the pieces of a full request fit.
 */
static unsigned int vblk_add_segment(struct virtio_blk *vblk, unsigned int n, u64 addr, u32 len)
{
	while (len) {
		u32 piece = MIN(len, vblk->seg_size);

		vblk->bufs[n++] = (struct vq_buf){ addr, piece };
		addr += piece;
		len -= piece;
	}
	return n;
}

/* ->queue_rq: one descriptor chain for rq's current command. Under q->lock. */
static int vblk_queue_rq(struct request_queue *q, struct request *rq)
{
	struct virtio_blk *vblk = q->driver_data;
	struct vblk_cmd *cmd = rq->driver_data;
	unsigned int n = 0, out;
	struct bio_vec *bv;
	struct bio *bio;
	int err;

	vblk_fill_header(rq, cmd);
	spin_lock(&vblk->lock);
	vblk->bufs[n++] = (struct vq_buf){ virt_to_phys(&cmd->hdr), sizeof(cmd->hdr) };
	if (rq->cmd != REQ_OP_FLUSH) {
		rq_for_each_bvec(bv, rq, bio)
			n = vblk_add_segment(vblk, n, page_to_phys(bv->bv_page) + bv->bv_offset,
					     bv->bv_len);
	}
	out = rq->cmd == REQ_OP_WRITE ? n : 1;
	vblk->bufs[n++] = (struct vq_buf){ virt_to_phys(&cmd->status), 1 };
	err = vq_add(vblk->vq, vblk->bufs, out, n - out, rq);
	spin_unlock(&vblk->lock);
	return err == -ENOSPC ? -EBUSY : err;
}

/* ->commit_rqs: one doorbell for everything queued, outside every lock. */
static void vblk_commit_rqs(struct request_queue *q)
{
	struct virtio_blk *vblk = q->driver_data;
	unsigned long flags = spin_lock_irqsave(&vblk->lock);
	bool notify = vq_kick_prepare(vblk->vq);

	spin_unlock_irqrestore(&vblk->lock, flags);
	if (notify)
		vq_notify(vblk->vq);
}

static int vblk_status_errno(u8 status)
{
	switch (status) {
	case VIRTIO_BLK_S_OK:
		return 0;
	case VIRTIO_BLK_S_UNSUPP:
		return -EOPNOTSUPP;
	default:
		return -EIO;
	}
}

/* Interrupt: take every finished chain, then complete them without our lock. */
static void vblk_done(struct virtqueue *vq)
{
	struct virtio_blk *vblk = vq->priv;
	struct list_head done = LIST_HEAD_INIT(done);
	struct request *rq;
	unsigned long flags = spin_lock_irqsave(&vblk->lock);

	while ((rq = vq_get_used(vq, NULL)) != NULL) {
		rq->error = vblk_status_errno(((struct vblk_cmd *)rq->driver_data)->status);
		if (rq->error)
			vblk->errors++;
		list_add_tail(&rq->node, &done);
	}
	spin_unlock_irqrestore(&vblk->lock, flags);
	if (!list_empty(&done))
		blk_requests_done(vblk->bdev->queue, &done);
}

static const struct blk_driver_ops vblk_ops = {
	.queue_rq = vblk_queue_rq,
	.commit_rqs = vblk_commit_rqs,
};

/*
 * The request limits the device and our queue allow. A device whose
 * size_max is below a page gets each page segment in several descriptors
 * (vblk_add_segment), so it allows proportionally fewer segments.
 */
static void vblk_limits(struct virtio_blk *vblk, unsigned int vq_num, struct queue_limits *lim)
{
	struct virtio_device *vdev = vblk->vdev;
	u32 descs = vq_num - 2, pieces;

	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SEG_MAX)) {
		u32 dev_segs = virtio_cfg_read32(vdev, VBLK_CFG_SEG_MAX);

		if (dev_segs)
			descs = MIN(descs, dev_segs);
	}
	vblk->seg_size = PAGE_SIZE;
	if (virtio_has_feature(vdev, VIRTIO_BLK_F_SIZE_MAX)) {
		u32 size_max = virtio_cfg_read32(vdev, VBLK_CFG_SIZE_MAX);

		if (size_max >= SECTOR_SIZE)
			vblk->seg_size = MIN(size_max, (u32)PAGE_SIZE) & ~(u32)(SECTOR_SIZE - 1);
	}
	pieces = (PAGE_SIZE + vblk->seg_size - 1) / vblk->seg_size;
	lim->max_segments = (u16)MAX(1u, MIN(descs / pieces, (u32)VBLK_MAX_SEGMENTS));
	lim->max_segment_size = PAGE_SIZE;
	lim->max_sectors = VBLK_MAX_SECTORS;
	lim->read_only = virtio_has_feature(vdev, VIRTIO_BLK_F_RO);
	lim->flush = virtio_has_feature(vdev, VIRTIO_BLK_F_FLUSH);
	lim->fua = false;
}

static struct block_device *vblk_make_bdev(struct virtio_blk *vblk, const struct queue_limits *lim)
{
	struct virtio_device *vdev = vblk->vdev;
	char name[16];
	struct block_device *bdev;
	int idx = vblk_index;

	if (idx >= 26)
		return ERR_PTR(-ENOSPC);
	snprintf(name, sizeof(name), "vd%c", 'a' + idx);
	bdev = blkdev_alloc(name, lim, &vblk_ops, sizeof(struct vblk_cmd), vblk);
	if (IS_ERR(bdev))
		return bdev;
	bdev->dev = MKDEV(VIRTBLK_MAJOR, 16 * idx);
	bdev->nr_sectors = virtio_cfg_read64(vdev, VBLK_CFG_CAPACITY);
	bdev->read_only = lim->read_only;
	bdev->flush = lim->flush;
	return bdev;
}

static int virtio_blk_probe(struct virtio_device *vdev)
{
	u64 wanted = 1ull << VIRTIO_BLK_F_SIZE_MAX | 1ull << VIRTIO_BLK_F_SEG_MAX |
		     1ull << VIRTIO_BLK_F_RO | 1ull << VIRTIO_BLK_F_BLK_SIZE |
		     1ull << VIRTIO_BLK_F_FLUSH;
	struct queue_limits lim = { 0 };
	struct virtio_blk *vblk;
	int err = virtio_negotiate(vdev, wanted);

	if (err)
		return err;
	vblk = kzalloc(sizeof(*vblk), GFP_KERNEL);
	if (!vblk)
		return -ENOMEM;
	vblk->vdev = vdev;
	spin_lock_init(&vblk->lock, "virtio_blk_vq");
	vblk->vq = virtio_setup_vq(vdev, 0, VQ_MAX_NUM, vblk_done, vblk);
	if (IS_ERR(vblk->vq)) {
		err = (int)PTR_ERR(vblk->vq);
		goto err_free;
	}
	vblk_limits(vblk, vblk->vq->num, &lim);
	vblk->bufs = kmalloc((lim.max_segments * ((PAGE_SIZE + vblk->seg_size - 1) / vblk->seg_size)
			      + 2u) * sizeof(struct vq_buf), GFP_KERNEL);
	err = -ENOMEM;
	if (!vblk->bufs)
		goto err_free;	/* the enabled queue stays allocated: the device is FAILED */
	vblk->bdev = vblk_make_bdev(vblk, &lim);
	if (IS_ERR(vblk->bdev)) {
		err = (int)PTR_ERR(vblk->bdev);
		goto err_free_bufs;
	}
	err = virtio_device_ready(vdev);
	if (err)
		goto err_free_bufs;	/* the bdev is not registered: leaked, tiny, boot only */
	err = blkdev_register(vblk->bdev);
	if (err)
		return err;
	vblk_index++;
	pr_info("%s: %s, %llu sectors (%llu MiB)%s%s, %u segments of %u bytes, queue %u\n",
		vblk->bdev->name, vdev->name, (unsigned long long)vblk->bdev->nr_sectors,
		(unsigned long long)(vblk->bdev->nr_sectors >> 11),
		lim.read_only ? ", read-only" : "", lim.flush ? ", write cache" : "",
		lim.max_segments, vblk->seg_size, vblk->vq->num);
	return 0;
err_free_bufs:
	kfree(vblk->bufs);
err_free:
	kfree(vblk);
	return err;
}

const struct virtio_driver virtio_blk_driver = {
	.name = "virtio-blk",
	.device_id = VIRTIO_ID_BLOCK,
	.probe = virtio_blk_probe,
};
