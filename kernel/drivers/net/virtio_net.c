/*
 * virtio-net (virtio 1.0 §5.1) on the virtio-mmio transport: queue 0
 * receives, queue 1 transmits; no offloads, no mergeable buffers, no
 * control queue.
 *
 * Interface: virtio_net_driver (drivers/virtio.h), probed by the
 * transport; each device becomes "eth%d" (net/netdevice.h).
 *
 * Receive: the ring is kept full of VNET_RX_BUF-byte skbs (virtio-net
 * header + a full frame). The interrupt masks further receive interrupts
 * (VRING_AVAIL_F_NO_INTERRUPT) and schedules NAPI; the poll hands up to
 * budget frames to netif_receive_skb(), refills the ring, and when it
 * runs dry unmasks and re-checks (net/netdevice.h's contract).
 *
 * Transmit: the stack pushes the 12-byte virtio-net header into the
 * skb's headroom (zeroed: no checksum or segmentation offload) and posts
 * the buffer, one descriptor per frame. Finished transmissions are
 * reclaimed before each post and by the poll (the transmit interrupt
 * schedules NAPI too, and the poll re-checks the transmit ring after
 * napi_complete() so a completion that raced with it is not lost). While the ring is full, frames wait in a backlog
 * of VNET_TX_BACKLOG (the poll feeds it to the ring as room appears);
 * beyond that they are dropped (tx_dropped, -ENOBUFS).
 *
 * Features: VIRTIO_NET_F_MAC (address from config space, else a random
 * locally administered one), VIRTIO_NET_F_STATUS (link state), VERSION_1.
 *
 * Locks: vnet->rx_lock ("virtio_net_rx") and vnet->tx_lock
 * ("virtio_net_tx"), plain: the interrupt handler touches no ring state
 * (it only writes avail->flags, a single store, and schedules NAPI). The
 * doorbell is written after the unlock (a slow exit under QEMU).
 */
#include <arch/barrier.h>
#include <arch/memlayout.h>
#include <drivers/virtio.h>
#include <kernel/err.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <lib/string.h>
#include <net/netdevice.h>
#include <uapi/errno.h>

#define VIRTIO_NET_F_MAC	5
#define VIRTIO_NET_F_STATUS	16
#define VIRTIO_NET_S_LINK_UP	1
#define VNET_CFG_MAC		0
#define VNET_CFG_STATUS		6

#define VRING_AVAIL_F_NO_INTERRUPT 1u

#define VNET_RXQ		0
#define VNET_TXQ		1
#define VNET_NET_IP_ALIGN	2	/* puts the IP header on a 4-byte boundary */
#define VNET_TX_BACKLOG		256	/* frames held while the ring is full */

/* The header in front of every frame (virtio 1.0: num_buffers always present). */
struct virtio_net_hdr {
	u8 flags;
	u8 gso_type;
	u16 hdr_len;
	u16 gso_size;
	u16 csum_start;
	u16 csum_offset;
	u16 num_buffers;
};
_Static_assert(sizeof(struct virtio_net_hdr) == 12, "virtio-net header is 12 bytes (v1)");

#define VNET_HDR_LEN	sizeof(struct virtio_net_hdr)
#define VNET_RX_BUF	(VNET_HDR_LEN + ETH_FRAME_LEN)

struct virtio_net {
	struct virtio_device *vdev;	/* [I] */
	struct net_device *dev;		/* [I] */
	struct napi_struct napi;
	struct spinlock rx_lock;	/* "virtio_net_rx" */
	struct virtqueue *rxq;		/* [rx_lock] */
	unsigned int rx_posted;		/* [rx_lock] buffers the device holds */
	struct spinlock tx_lock;	/* "virtio_net_tx" */
	struct virtqueue *txq;		/* [tx_lock] */
	struct sk_buff_head tx_backlog;	/* [tx_lock] frames waiting for ring room */
};

static void vnet_mask_irq(struct virtqueue *vq)
{
	WRITE_ONCE(vq->avail->flags, (u16)(vq->avail->flags | VRING_AVAIL_F_NO_INTERRUPT));
}

/* Unmask; true if buffers finished meanwhile (the caller must poll again). */
static bool vnet_unmask_irq(struct virtqueue *vq)
{
	WRITE_ONCE(vq->avail->flags, (u16)(vq->avail->flags & ~VRING_AVAIL_F_NO_INTERRUPT));
	/* The flag store before the used-index load: pairs with the device's used write + check. */
	smp_mb();
	return vq_pending(READ_ONCE(vq->used->idx), vq->last_used) != 0;
}

/* Post receive buffers until the ring is full or memory runs out. Under rx_lock; true to kick. */
static bool vnet_refill(struct virtio_net *vn)
{
	bool added = false;

	while (vq_num_free(vn->rxq) > 0) {
		struct sk_buff *skb = alloc_skb(VNET_NET_IP_ALIGN + VNET_RX_BUF, GFP_KERNEL);
		struct vq_buf b;

		if (!skb)
			break;
		skb_reserve(skb, VNET_NET_IP_ALIGN);
		b = (struct vq_buf){ virt_to_phys(skb->data), VNET_RX_BUF };
		if (vq_add(vn->rxq, &b, 0, 1, skb)) {
			kfree_skb(skb);
			break;
		}
		vn->rx_posted++;
		added = true;
	}
	return added && vq_kick_prepare(vn->rxq);
}

/* Reclaim finished transmissions. Under tx_lock. */
static void vnet_tx_reclaim(struct virtio_net *vn)
{
	struct sk_buff *skb;

	while ((skb = vq_get_used(vn->txq, NULL)) != NULL)
		kfree_skb(skb);
}

/* Post one frame (data at the virtio-net header). Under tx_lock. 0 or -ENOSPC. */
static int vnet_tx_post(struct virtio_net *vn, struct sk_buff *skb)
{
	struct vq_buf b = { virt_to_phys(skb->data), skb->len };

	return vq_add(vn->txq, &b, 1, 0, skb);
}

/* Move backlogged frames into the ring while it has room. Under tx_lock. */
static void vnet_tx_drain_backlog(struct virtio_net *vn)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&vn->tx_backlog)) != NULL) {
		if (vnet_tx_post(vn, skb)) {
			list_add(&skb->list, &vn->tx_backlog.head);	/* back at the front */
			vn->tx_backlog.qlen++;
			break;
		}
	}
}

static int vnet_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct virtio_net *vn = dev->priv;
	u32 len = skb->len;
	bool notify = false;
	int err = 0;

	skb = skb_unshare(skb, GFP_KERNEL);	/* the header goes into the headroom */
	if (!skb || skb_headroom(skb) < VNET_HDR_LEN) {
		NETDEV_STAT_ADD(dev, tx_dropped, 1);
		kfree_skb(skb);
		return -ENOMEM;
	}
	memset(skb_push(skb, VNET_HDR_LEN), 0, VNET_HDR_LEN);
	spin_lock(&vn->tx_lock);
	vnet_tx_reclaim(vn);
	vnet_tx_drain_backlog(vn);
	if (vn->tx_backlog.qlen || vnet_tx_post(vn, skb)) {
		/* Ring full: wait in the backlog for the completion interrupt's poll. */
		if (vn->tx_backlog.qlen < VNET_TX_BACKLOG)
			__skb_queue_tail(&vn->tx_backlog, skb);
		else
			err = -ENOBUFS;
	}
	notify = vq_kick_prepare(vn->txq);
	spin_unlock(&vn->tx_lock);
	if (notify)
		vq_notify(vn->txq);
	if (err) {
		NETDEV_STAT_ADD(dev, tx_dropped, 1);
		kfree_skb(skb);
		return err;
	}
	NETDEV_STAT_ADD(dev, tx_packets, 1);
	NETDEV_STAT_ADD(dev, tx_bytes, len);
	return 0;
}

/* Reclaim finished transmissions and feed the backlog to the ring (the poll). */
static void vnet_tx_complete(struct virtio_net *vn)
{
	bool notify;

	spin_lock(&vn->tx_lock);
	vnet_tx_reclaim(vn);
	vnet_tx_drain_backlog(vn);
	notify = vq_kick_prepare(vn->txq);
	spin_unlock(&vn->tx_lock);
	if (notify)
		vq_notify(vn->txq);
}

/* Take up to budget received frames off the ring (onto l). Under rx_lock. */
static int vnet_rx_collect(struct virtio_net *vn, int budget, struct list_head *l)
{
	struct sk_buff *skb;
	int n = 0;
	u32 len;

	while (n < budget && (skb = vq_get_used(vn->rxq, &len)) != NULL) {
		vn->rx_posted--;
		list_add_tail(&skb->list, l);
		/* The device wrote len bytes: a header and the frame; never trust more than we gave. */
		skb->len = MIN(len, (u32)VNET_RX_BUF);
		n++;
	}
	return n;
}

static int vnet_poll(struct napi_struct *napi, int budget)
{
	struct virtio_net *vn = napi->dev->priv;
	LIST_HEAD(frames);
	bool kick, more = false;
	int work;

	spin_lock(&vn->rx_lock);
	work = vnet_rx_collect(vn, budget, &frames);
	kick = vnet_refill(vn);
	spin_unlock(&vn->rx_lock);
	if (kick)
		vq_notify(vn->rxq);
	while (!list_empty(&frames)) {
		struct sk_buff *skb = list_first_entry(&frames, struct sk_buff, list);

		list_del_init(&skb->list);
		skb->dev = napi->dev;
		if (!skb_pull(skb, VNET_HDR_LEN)) {
			NETDEV_STAT_ADD(napi->dev, rx_errors, 1);
			kfree_skb(skb);
			continue;
		}
		netif_receive_skb(skb);
	}
	vnet_tx_complete(vn);
	if (work < budget) {
		napi_complete(napi);
		spin_lock(&vn->rx_lock);
		more = vnet_unmask_irq(vn->rxq);	/* its smp_mb orders napi_complete too */
		spin_unlock(&vn->rx_lock);
		/*
		 * A transmit interrupt between vnet_tx_complete() and
		 * napi_complete() found us scheduled and was dropped; if it was
		 * the ring's last completion the backlog would wait for the next
		 * transmit (a ping stuck behind a burst). Look again.
		 */
		spin_lock(&vn->tx_lock);
		more |= vq_pending(READ_ONCE(vn->txq->used->idx), vn->txq->last_used) != 0;
		spin_unlock(&vn->tx_lock);
		if (more)
			napi_schedule(napi);
	}
	return work;
}

/* Interrupt handler callbacks (irq context): mask, hand over to the poll. */
static void vnet_rx_done(struct virtqueue *vq)
{
	struct virtio_net *vn = vq->priv;

	vnet_mask_irq(vq);
	napi_schedule(&vn->napi);
}

static void vnet_tx_done(struct virtqueue *vq)
{
	struct virtio_net *vn = vq->priv;

	napi_schedule(&vn->napi);
}

static bool vnet_get_link(struct net_device *dev)
{
	struct virtio_net *vn = dev->priv;

	if (!virtio_has_feature(vn->vdev, VIRTIO_NET_F_STATUS))
		return true;
	return virtio_cfg_read16(vn->vdev, VNET_CFG_STATUS) & VIRTIO_NET_S_LINK_UP;
}

static int vnet_open(struct net_device *dev)
{
	struct virtio_net *vn = dev->priv;
	bool kick;

	spin_lock(&vn->rx_lock);
	kick = vnet_refill(vn);
	spin_unlock(&vn->rx_lock);
	if (kick)
		vq_notify(vn->rxq);
	return vn->rx_posted ? 0 : -ENOMEM;
}

static const struct net_device_ops vnet_ops = {
	.ndo_open = vnet_open,
	.ndo_start_xmit = vnet_xmit,
	.ndo_get_link = vnet_get_link,
};

static void vnet_read_mac(struct virtio_net *vn)
{
	u8 *mac = vn->dev->dev_addr;

	if (virtio_has_feature(vn->vdev, VIRTIO_NET_F_MAC)) {
		for (int i = 0; i < ETH_ALEN; i++)
			mac[i] = virtio_cfg_read8(vn->vdev, VNET_CFG_MAC + (unsigned int)i);
		return;
	}
	get_random_bytes(mac, ETH_ALEN);
	mac[0] = (u8)((mac[0] & 0xfe) | 0x02);	/* unicast, locally administered */
}

static int virtio_net_probe(struct virtio_device *vdev)
{
	u64 wanted = 1ull << VIRTIO_NET_F_MAC | 1ull << VIRTIO_NET_F_STATUS;
	struct net_device *dev;
	struct virtio_net *vn;
	int err = virtio_negotiate(vdev, wanted);

	if (err)
		return err;
	dev = alloc_netdev(sizeof(*vn), "eth%d", &vnet_ops);
	if (!dev)
		return -ENOMEM;
	vn = dev->priv;
	vn->vdev = vdev;
	vn->dev = dev;
	spin_lock_init(&vn->rx_lock, "virtio_net_rx");
	spin_lock_init(&vn->tx_lock, "virtio_net_tx");
	skb_queue_head_init(&vn->tx_backlog, "virtio_net_tx_backlog");	/* used under tx_lock */
	netif_napi_add(dev, &vn->napi, vnet_poll);
	vnet_read_mac(vn);
	vn->rxq = virtio_setup_vq(vdev, VNET_RXQ, 128, vnet_rx_done, vn);
	if (IS_ERR(vn->rxq))
		return (int)PTR_ERR(vn->rxq);	/* dev leaks: boot only, device FAILED */
	vn->txq = virtio_setup_vq(vdev, VNET_TXQ, 128, vnet_tx_done, vn);
	if (IS_ERR(vn->txq))
		return (int)PTR_ERR(vn->txq);
	err = virtio_device_ready(vdev);
	if (err)
		return err;
	err = register_netdev(dev);
	if (err)
		return err;
	pr_info("%s: %s, rx queue %u, tx queue %u, link %s\n", dev->name, vdev->name,
		vn->rxq->num, vn->txq->num, vnet_get_link(dev) ? "up" : "down");
	return 0;
}

const struct virtio_driver virtio_net_driver = {
	.name = "virtio-net",
	.device_id = VIRTIO_ID_NET,
	.probe = virtio_net_probe,
};
