/*
 * The virtio 1.0 MMIO transport (virtio 1.0 §4.2): device discovery from
 * the device tree, the status handshake, 64-bit feature negotiation,
 * virtqueue setup and the interrupt handler.
 *
 * Interface (drivers/virtio.h): virtio_mmio_init, virtio_negotiate,
 * virtio_cfg_read8/16/32/64, virtio_setup_vq, virtio_device_ready, vq_notify,
 * vq_kick.
 * A driver is an entry in virtio_drivers[] below (virtio-net adds itself
 * there).
 *
 * Invariants: a device reaches DRIVER_OK only after FEATURES_OK with
 * VIRTIO_F_VERSION_1 and every queue it uses enabled; a probe that fails
 * leaves it FAILED. Devices are never removed.
 *
 * Locks: none. Probing runs once at boot on the boot hart; afterwards a
 * device's fields are immutable and its queues belong to their driver.
 */
#include <arch/mmio.h>
#include <arch/pgtable.h>
#include <drivers/irq.h>
#include <drivers/virtio.h>
#include <kernel/err.h>
#include <kernel/machine.h>
#include <kernel/printk.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/page_alloc.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#define VIRTIO_MMIO_MAX_DEVICES 16

static const struct virtio_driver *const virtio_drivers[] = {
	&virtio_blk_driver,
	&virtio_net_driver,
};

static u32 vm_read(struct virtio_device *vdev, unsigned int off)
{
	return readl(vdev->base + off);
}

static void vm_write(struct virtio_device *vdev, unsigned int off, u32 v)
{
	writel(v, vdev->base + off);
}

static void vm_set_status(struct virtio_device *vdev, u32 bits)
{
	vm_write(vdev, VIRTIO_MMIO_STATUS, vm_read(vdev, VIRTIO_MMIO_STATUS) | bits);
}

static u64 vm_device_features(struct virtio_device *vdev)
{
	u64 f;

	vm_write(vdev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	f = (u64)vm_read(vdev, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
	vm_write(vdev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	return f | vm_read(vdev, VIRTIO_MMIO_DEVICE_FEATURES);
}

int virtio_negotiate(struct virtio_device *vdev, u64 wanted)
{
	u64 f = vdev->device_features & (wanted | (1ull << VIRTIO_F_VERSION_1));

	if (!(f & (1ull << VIRTIO_F_VERSION_1)))
		return -ENODEV;
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES, (u32)(f >> 32));
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES, (u32)f);
	vm_set_status(vdev, VIRTIO_STATUS_FEATURES_OK);
	if (!(vm_read(vdev, VIRTIO_MMIO_STATUS) & VIRTIO_STATUS_FEATURES_OK))
		return -ENODEV;
	vdev->features = f;
	return 0;
}

/* Read size bytes of config at off until the generation is stable. */
static u64 vm_cfg_read(struct virtio_device *vdev, unsigned int off, unsigned int size)
{
	volatile u8 *p = vdev->base + VIRTIO_MMIO_CONFIG + off;
	u32 gen;
	u64 v;

	do {
		gen = vm_read(vdev, VIRTIO_MMIO_CONFIG_GENERATION);
		switch (size) {
		case 1: v = readb(p); break;
		case 2: v = *(volatile u16 *)p; break;
		case 4: v = readl(p); break;
		default: v = readl(p) | (u64)readl(p + 4) << 32; break;
		}
	} while (gen != vm_read(vdev, VIRTIO_MMIO_CONFIG_GENERATION));
	return v;
}

u8 virtio_cfg_read8(struct virtio_device *vdev, unsigned int off) { return (u8)vm_cfg_read(vdev, off, 1); }
u16 virtio_cfg_read16(struct virtio_device *vdev, unsigned int off) { return (u16)vm_cfg_read(vdev, off, 2); }
u32 virtio_cfg_read32(struct virtio_device *vdev, unsigned int off) { return (u32)vm_cfg_read(vdev, off, 4); }
u64 virtio_cfg_read64(struct virtio_device *vdev, unsigned int off) { return vm_cfg_read(vdev, off, 8); }

static void vm_write64(struct virtio_device *vdev, unsigned int lo, u64 v)
{
	vm_write(vdev, lo, (u32)v);
	vm_write(vdev, lo + 4, (u32)(v >> 32));
}

/* Tell the device where the rings of the selected queue are, and enable it. */
static void vm_enable_queue(struct virtio_device *vdev, struct virtqueue *vq)
{
	vm_write(vdev, VIRTIO_MMIO_QUEUE_NUM, vq->num);
	vm_write64(vdev, VIRTIO_MMIO_QUEUE_DESC_LOW, virt_to_phys(vq->desc));
	vm_write64(vdev, VIRTIO_MMIO_QUEUE_AVAIL_LOW, virt_to_phys(vq->avail));
	vm_write64(vdev, VIRTIO_MMIO_QUEUE_USED_LOW, virt_to_phys(vq->used));
	vm_write(vdev, VIRTIO_MMIO_QUEUE_READY, 1);
}

struct virtqueue *virtio_setup_vq(struct virtio_device *vdev, unsigned int index,
				  unsigned int max_num, vq_callback_t callback, void *priv)
{
	unsigned int num, order = 0;
	struct virtqueue *vq;

	vm_write(vdev, VIRTIO_MMIO_QUEUE_SEL, index);
	if (vm_read(vdev, VIRTIO_MMIO_QUEUE_READY))
		return ERR_PTR(-EBUSY);
	num = vm_read(vdev, VIRTIO_MMIO_QUEUE_NUM_MAX);
	if (num > max_num)
		num = max_num;
	if (num > VQ_MAX_NUM)
		num = VQ_MAX_NUM;
	while (num & (num - 1))
		num &= num - 1;	/* round down to a power of 2 */
	if (num == 0)
		return ERR_PTR(-ENOENT);
	while ((PAGE_SIZE << order) < vring_size(num))
		order++;
	vq = kzalloc(sizeof(*vq) + num * sizeof(void *), GFP_KERNEL);
	if (!vq)
		return ERR_PTR(-ENOMEM);
	vq->ring_mem = get_free_pages(__GFP_ZERO, order);
	if (!vq->ring_mem) {
		kfree(vq);
		return ERR_PTR(-ENOMEM);
	}
	vq->ring_order = order;
	vq->vdev = vdev;
	vq->index = index;
	vq->callback = callback;
	vq->priv = priv;
	vq_init(vq, num, vq->ring_mem, (void **)(vq + 1));
	vm_enable_queue(vdev, vq);
	vq->next = vdev->vqs;
	vdev->vqs = vq;
	return vq;
}

void vq_notify(struct virtqueue *vq)
{
	vm_write(vq->vdev, VIRTIO_MMIO_QUEUE_NOTIFY, vq->index);
}

void vq_kick(struct virtqueue *vq)
{
	if (vq_kick_prepare(vq))
		vq_notify(vq);
}

/* Interrupt: acknowledge, then let every queue's driver collect its used chains. */
static void vm_interrupt(unsigned int irq, void *arg)
{
	struct virtio_device *vdev = arg;
	u32 status = vm_read(vdev, VIRTIO_MMIO_INTERRUPT_STATUS);

	(void)irq;
	vm_write(vdev, VIRTIO_MMIO_INTERRUPT_ACK, status);
	if (!(status & VIRTIO_MMIO_INT_VRING))
		return;
	for (struct virtqueue *vq = vdev->vqs; vq; vq = vq->next)
		if (vq->callback)
			vq->callback(vq);
}

int virtio_device_ready(struct virtio_device *vdev)
{
	int err = irq_request(vdev->irq, vm_interrupt, vdev, vdev->name);

	if (err)
		return err;
	vm_set_status(vdev, VIRTIO_STATUS_DRIVER_OK);
	return 0;
}

/* Reset, acknowledge and hand one present device to its driver. */
static int vm_bind(struct virtio_device *vdev)
{
	const struct virtio_driver *drv = NULL;
	int err;

	for (size_t i = 0; i < sizeof(virtio_drivers) / sizeof(virtio_drivers[0]); i++)
		if (virtio_drivers[i]->device_id == vdev->device_id)
			drv = virtio_drivers[i];
	if (!drv)
		return -ENXIO;
	vm_write(vdev, VIRTIO_MMIO_STATUS, 0);	/* reset */
	vm_set_status(vdev, VIRTIO_STATUS_ACKNOWLEDGE);
	vm_set_status(vdev, VIRTIO_STATUS_DRIVER);
	vdev->device_features = vm_device_features(vdev);
	err = drv->probe(vdev);
	if (err) {
		vm_set_status(vdev, VIRTIO_STATUS_FAILED);
		pr_warn("%s: %s probe failed (%d)\n", vdev->name, drv->name, err);
	}
	return err;
}

/* Map one device-tree slot; NULL if it is empty, legacy or unusable. */
static struct virtio_device *vm_probe_slot(const struct dt_device *dt, int n)
{
	struct virtio_device *vdev;
	u8 *base;

	if (!dt->enabled || dt->nreg < 1 || dt->nirq < 1)
		return NULL;
	base = ioremap(dt->reg[0].base, dt->reg[0].size);
	if (!base || readl(base + VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC)
		return NULL;
	if (readl(base + VIRTIO_MMIO_DEVICE_ID) == 0)
		return NULL;	/* an empty slot */
	if (readl(base + VIRTIO_MMIO_VERSION) != 2) {
		pr_warn("virtio-mmio@%lx: legacy interface (version %u); run QEMU with "
			"-global virtio-mmio.force-legacy=false\n",
			(unsigned long)dt->reg[0].base, readl(base + VIRTIO_MMIO_VERSION));
		return NULL;
	}
	vdev = kzalloc(sizeof(*vdev), GFP_KERNEL);
	if (!vdev)
		return NULL;
	vdev->base = base;
	vdev->phys = dt->reg[0].base;
	vdev->irq = dt->irq[0];
	vdev->device_id = readl(base + VIRTIO_MMIO_DEVICE_ID);
	vdev->vendor_id = readl(base + VIRTIO_MMIO_VENDOR_ID);
	snprintf(vdev->name, sizeof(vdev->name), "virtio%d", n);
	return vdev;
}

/*
 * Devices in device-tree order: QEMU's virt lists its slots from the top
 * address down and fills them from the top, so the first -device on the
 * command line is found (and named) first.
 */
int virtio_mmio_init(void)
{
	const struct dt_device *dt;
	int bound = 0;

	for (int i = 0; i < VIRTIO_MMIO_MAX_DEVICES &&
			(dt = machine_find("virtio,mmio", i)) != NULL; i++) {
		struct virtio_device *vdev = vm_probe_slot(dt, i);
		int err;

		if (!vdev)
			continue;
		err = vm_bind(vdev);
		if (err == 0)
			bound++;
		else if (err == -ENXIO)
			kfree(vdev);	/* no driver: untouched */
		/* else a failed probe may have left its interrupt handler or queues using vdev */
	}
	return bound;
}
