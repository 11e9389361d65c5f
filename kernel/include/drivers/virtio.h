/*
 * virtio 1.0 over MMIO (kernel/drivers/virtio/virtio_mmio.c) and split
 * virtqueues (kernel/drivers/virtio/virtqueue.c).
 *
 * Transport: virtio_mmio_init() (once, at boot, after the PLIC and the
 * slab) walks every "virtio,mmio" device-tree node, skips empty slots
 * (device id 0), requires the modern interface (version 2; QEMU needs
 * -global virtio-mmio.force-legacy=false) and hands each device to the
 * driver in virtio_drivers[] whose device id matches. A driver's probe:
 *
 *	virtio_negotiate(vdev, features_it_understands)   -> FEATURES_OK
 *	read its config (virtio_cfg_read*)
 *	virtio_setup_vq(vdev, index, max, callback, priv) -> a virtqueue
 *	virtio_device_ready(vdev)                         -> DRIVER_OK
 *
 * VIRTIO_F_VERSION_1 is always negotiated (a device without it is
 * refused). One interrupt line per device; its handler acknowledges the
 * interrupt status and calls every virtqueue's callback (irq context).
 *
 * Virtqueue: the descriptor table, available ring and used ring of one
 * split virtqueue in one zeroed physically contiguous block from the page
 * allocator (the transport gives the device their physical addresses).
 * vq_add() takes a chain of physical buffers (device-readable ones first,
 * then device-writable ones) and a non-NULL token; vq_get_used() returns
 * the token of a finished chain. The ring code is pure (no MMIO, no
 * allocation) so the host unit test drives it against a simulated device.
 *
 * Locks: a virtqueue has none of its own. Its driver serializes every
 * vq_add/vq_kick/vq_get_used on one queue with a lock of its own, taken
 * irqsave (the callback runs in the interrupt handler).
 */
#ifndef DRIVERS_VIRTIO_H
#define DRIVERS_VIRTIO_H

#include <kernel/types.h>

/* ---------------------------------------------------------------- spec constants */

/* MMIO registers (virtio 1.0 §4.2.2), offsets from the slot base. */
#define VIRTIO_MMIO_MAGIC_VALUE		0x000	/* "virt" */
#define VIRTIO_MMIO_VERSION		0x004	/* 2 = modern */
#define VIRTIO_MMIO_DEVICE_ID		0x008
#define VIRTIO_MMIO_VENDOR_ID		0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_READY		0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW	0x090
#define VIRTIO_MMIO_QUEUE_AVAIL_HIGH	0x094
#define VIRTIO_MMIO_QUEUE_USED_LOW	0x0a0
#define VIRTIO_MMIO_QUEUE_USED_HIGH	0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION	0x0fc
#define VIRTIO_MMIO_CONFIG		0x100

#define VIRTIO_MMIO_MAGIC		0x74726976u
#define VIRTIO_MMIO_INT_VRING		0x1u
#define VIRTIO_MMIO_INT_CONFIG		0x2u

/* Device status bits (§2.1). */
#define VIRTIO_STATUS_ACKNOWLEDGE	1u
#define VIRTIO_STATUS_DRIVER		2u
#define VIRTIO_STATUS_DRIVER_OK		4u
#define VIRTIO_STATUS_FEATURES_OK	8u
#define VIRTIO_STATUS_NEEDS_RESET	64u
#define VIRTIO_STATUS_FAILED		128u

/* Device-independent feature bits (§6). */
#define VIRTIO_F_VERSION_1		32

/* Device ids (§5). */
#define VIRTIO_ID_NET			1
#define VIRTIO_ID_BLOCK			2

/* ---------------------------------------------------------------- split ring layout (§2.4) */

#define VRING_DESC_F_NEXT	1u
#define VRING_DESC_F_WRITE	2u
#define VRING_USED_F_NO_NOTIFY	1u

struct vring_desc {
	u64 addr;	/* guest-physical */
	u32 len;
	u16 flags;	/* VRING_DESC_F_* */
	u16 next;
};

struct vring_avail {
	u16 flags;
	u16 idx;	/* where the driver puts the next entry (free-running) */
	u16 ring[];
};

struct vring_used_elem {
	u32 id;		/* head of the finished chain */
	u32 len;	/* bytes the device wrote */
};

struct vring_used {
	u16 flags;	/* VRING_USED_F_NO_NOTIFY */
	u16 idx;	/* free-running */
	struct vring_used_elem ring[];
};

_Static_assert(sizeof(struct vring_desc) == 16, "virtio descriptor is 16 bytes");
_Static_assert(sizeof(struct vring_avail) == 4, "avail header is 4 bytes");
_Static_assert(sizeof(struct vring_used_elem) == 8, "used element is 8 bytes");
_Static_assert(sizeof(struct vring_used) == 4, "used header is 4 bytes");
_Static_assert(__builtin_offsetof(struct vring_desc, next) == 14, "desc.next at 14");

#define VQ_MAX_NUM 256	/* queue size the kernel asks for at most (power of 2) */

/* Byte offsets of the three parts inside one ring block for a queue of num. */
static inline size_t vring_avail_offset(unsigned int num)
{
	return (size_t)num * sizeof(struct vring_desc);
}
static inline size_t vring_used_offset(unsigned int num)
{
	size_t end = vring_avail_offset(num) + sizeof(struct vring_avail) + 2u * num + 2u;
	return (end + 3) & ~(size_t)3;	/* the used ring is 4-byte aligned */
}
static inline size_t vring_size(unsigned int num)
{
	return vring_used_offset(num) + sizeof(struct vring_used) +
	       sizeof(struct vring_used_elem) * num + 2u;
}

/* ---------------------------------------------------------------- virtqueue */

struct virtio_device;
struct virtqueue;
typedef void (*vq_callback_t)(struct virtqueue *vq);

/* One buffer of a chain: guest-physical address and length. */
struct vq_buf {
	u64 addr;
	u32 len;
};

/* All fields [driver's lock] unless marked [I]. */
struct virtqueue {
	struct virtio_device *vdev;	/* [I] */
	unsigned int index;		/* [I] queue number on the device */
	unsigned int num;		/* [I] entries, a power of 2 */
	struct vring_desc *desc;	/* [I] */
	struct vring_avail *avail;	/* [I] */
	struct vring_used *used;	/* [I] */
	void **tokens;			/* [I] num entries: token of the chain at each head */
	u16 free_head;			/* first free descriptor (free list via .next) */
	u16 num_free;			/* descriptors on the free list */
	u16 avail_idx;			/* our copy of avail->idx */
	u16 last_used;			/* next used entry to consume */
	u16 added;			/* chains added since the last kick */
	vq_callback_t callback;		/* [I] called from the interrupt handler */
	void *priv;			/* [I] the driver's */
	struct virtqueue *next;		/* [I] the device's next queue */
	void *ring_mem;			/* [I] the ring block (linear map) */
	unsigned int ring_order;	/* [I] its allocation order */
};

/*
 * Lay a queue of num (power of 2, <= VQ_MAX_NUM) over ring_mem (zeroed,
 * vring_size(num) bytes, 4 KiB aligned) with tokens[num]: every
 * descriptor free. Pure.
 */
void vq_init(struct virtqueue *vq, unsigned int num, void *ring_mem, void **tokens);
/*
 * Queue one chain: out device-readable buffers then in device-writable
 * ones, token non-NULL. Publishes it in the available ring (the device may
 * see it at once); vq_kick() then notifies. 0, -ENOSPC if fewer than
 * out + in descriptors are free, -EINVAL for an empty chain or a NULL
 * token. Caller holds the driver's lock.
 */
int vq_add(struct virtqueue *vq, const struct vq_buf *bufs, unsigned int out,
	   unsigned int in, void *token);
/* Chains the device finished and we have not taken yet (ring arithmetic). */
static inline u16 vq_pending(u16 used_idx, u16 last_used) { return (u16)(used_idx - last_used); }
/*
 * Take one finished chain: returns its token and stores the bytes written
 * in *len (if len); NULL when none is pending. Its descriptors go back on
 * the free list. Caller holds the driver's lock.
 */
void *vq_get_used(struct virtqueue *vq, u32 *len);
/* True if chains were added since the last kick and the device wants a notification. */
bool vq_kick_prepare(struct virtqueue *vq);
/* Write the queue notify register (the doorbell); no lock needed. Slow under QEMU. */
void vq_notify(struct virtqueue *vq);
/* vq_kick_prepare() then, if needed, vq_notify() (all under the driver's lock). */
void vq_kick(struct virtqueue *vq);
/* Free descriptors now. Caller holds the driver's lock. */
static inline unsigned int vq_num_free(const struct virtqueue *vq) { return vq->num_free; }

/* ---------------------------------------------------------------- device and transport */

struct virtio_device {
	u8 *base;			/* [I] ioremapped register window */
	phys_addr_t phys;		/* [I] */
	unsigned int irq;		/* [I] PLIC line */
	u32 device_id;			/* [I] VIRTIO_ID_* */
	u32 vendor_id;			/* [I] */
	u64 device_features;		/* [I] offered */
	u64 features;			/* [I] negotiated (after virtio_negotiate) */
	struct virtqueue *vqs;		/* [I] once DRIVER_OK: list by ->next */
	void *priv;			/* [I] the driver's */
	char name[16];			/* [I] "virtio0", ... */
};

struct virtio_driver {
	const char *name;
	u32 device_id;
	/* Set the device up (sleeping allowed); 0 or -errno (the device is then marked FAILED). */
	int (*probe)(struct virtio_device *vdev);
};

/* The drivers the transport knows (virtio_mmio.c's table). */
extern const struct virtio_driver virtio_blk_driver;
extern const struct virtio_driver virtio_net_driver;

/* Probe every virtio-mmio slot of the device tree. Returns devices bound. */
int virtio_mmio_init(void);

static inline bool virtio_has_feature(const struct virtio_device *vdev, unsigned int bit)
{
	return (vdev->features >> bit) & 1;
}
/*
 * Accept the offered features that are in wanted (plus VIRTIO_F_VERSION_1)
 * and set FEATURES_OK. 0, or -ENODEV if the device lacks VERSION_1 or
 * refuses the set.
 */
int virtio_negotiate(struct virtio_device *vdev, u64 wanted);
/* Device-specific configuration reads, consistent across a generation change. */
u8 virtio_cfg_read8(struct virtio_device *vdev, unsigned int off);
u16 virtio_cfg_read16(struct virtio_device *vdev, unsigned int off);
u32 virtio_cfg_read32(struct virtio_device *vdev, unsigned int off);
u64 virtio_cfg_read64(struct virtio_device *vdev, unsigned int off);
/*
 * Allocate and enable queue index with min(max_num, the device's maximum,
 * VQ_MAX_NUM) entries (rounded down to a power of 2). ERR_PTR(-errno).
 * Before virtio_device_ready().
 */
struct virtqueue *virtio_setup_vq(struct virtio_device *vdev, unsigned int index,
				  unsigned int max_num, vq_callback_t callback, void *priv);
/* Set DRIVER_OK and enable the interrupt line. 0 or -errno. */
int virtio_device_ready(struct virtio_device *vdev);

#endif /* DRIVERS_VIRTIO_H */
