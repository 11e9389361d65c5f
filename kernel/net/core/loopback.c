/*
 * The loopback device "lo": what it transmits it receives. A sent frame
 * goes on a backlog queue and the device's NAPI instance is scheduled;
 * the net thread then receives it like any other frame. So a sender never
 * re-enters the protocols it came from (no recursion, no lock held by the
 * sender is ever needed by the receiver).
 *
 * Interface: loopback_init() (from net_init), loopback_dev.
 *
 * Locks: the backlog queue's "loopback_backlog" (a leaf). The backlog is
 * bounded (LOOPBACK_BACKLOG_MAX frames): beyond it frames are dropped
 * and counted (tx_dropped), as Linux's netdev_max_backlog does; the
 * sender is not told (0), as on Linux.
 */
#include <arch/barrier.h>
#include <kernel/err.h>
#include <lib/string.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <uapi/errno.h>

#define LOOPBACK_MTU		65536
#define LOOPBACK_BACKLOG_MAX	1000

struct loopback {
	struct sk_buff_head backlog;
	struct napi_struct napi;
};

struct net_device *loopback_dev;

static int loopback_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct loopback *lb = dev->priv;
	u32 len = skb->len;

	if (skb_queue_len(&lb->backlog) >= LOOPBACK_BACKLOG_MAX) {
		/* Lost like a frame on a wire: counted, not the sender's error (Linux's netif_rx). */
		NETDEV_STAT_ADD(dev, tx_dropped, 1);
		kfree_skb(skb);
		return 0;
	}
	skb_queue_tail(&lb->backlog, skb);
	NETDEV_STAT_ADD(dev, tx_packets, 1);
	NETDEV_STAT_ADD(dev, tx_bytes, len);
	napi_schedule(&lb->napi);
	return 0;
}

static int loopback_poll(struct napi_struct *napi, int budget)
{
	struct loopback *lb = napi->dev->priv;
	struct sk_buff *skb;
	int work = 0;

	while (work < budget && (skb = skb_dequeue(&lb->backlog)) != NULL) {
		skb->dev = napi->dev;
		netif_receive_skb(skb);
		work++;
	}
	if (work < budget) {
		napi_complete(napi);
		/*
		 * A frame queued after our last dequeue but before the flag
		 * cleared: its sender found us scheduled. The flag's store
		 * before the length's load (a release does not order them);
		 * pairs with skb_queue_tail then napi_schedule's xchg.
		 */
		smp_mb();
		if (skb_queue_len(&lb->backlog))
			napi_schedule(napi);
	}
	return work;
}

static const struct net_device_ops loopback_ops = {
	.ndo_start_xmit = loopback_xmit,
};

int loopback_init(void)
{
	struct net_device *dev = alloc_netdev(sizeof(struct loopback), "lo", &loopback_ops);
	struct loopback *lb;
	int err;

	if (!dev)
		return -ENOMEM;
	lb = dev->priv;
	dev->mtu = LOOPBACK_MTU;
	dev->flags = IFF_LOOPBACK;	/* no ARP: arp.c checks IFF_LOOPBACK too; flags as Linux shows them */
	memset(dev->broadcast, 0, ETH_ALEN);
	skb_queue_head_init(&lb->backlog, "loopback_backlog");
	netif_napi_add(dev, &lb->napi, loopback_poll);
	err = register_netdev(dev);
	if (err)
		return err;
	loopback_dev = dev;
	return 0;
}
