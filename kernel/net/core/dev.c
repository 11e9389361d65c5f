/*
 * Network devices: registration, open/close, transmit, Ethernet receive
 * dispatch, NAPI polling and the "net" kernel thread, /proc/net/dev.
 * Interface and the NAPI contract in net/netdevice.h.
 *
 * The net thread loops: take the poll list, poll each scheduled device
 * (NAPI_POLL_WEIGHT frames at most per turn; a device that used its whole
 * budget goes back on the list), run the protocol timers (ARP, fragment
 * reassembly) when due, and sleep when nothing is scheduled -- with a
 * NET_TIMER_NS timeout while a protocol has something timed, without one
 * otherwise.
 *
 * Locks: "net_rx" (irqsave: napi_schedule runs in interrupt handlers)
 * guards the poll list; "netdev_list" guards the device list. Both are
 * leaves. The net thread holds neither while it polls.
 */
#include <arch/irqflags.h>
#include <fs/procfs.h>
#include <kernel/clock.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <net/arp.h>
#include <net/icmp.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/ipfrag.h>
#include <net/netdevice.h>
#include <net/tcp.h>
#include <net/udp.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <uapi/errno.h>

#define NET_TIMER_NS 100000000ull	/* protocol timers run every 100 ms while needed */

static struct spinlock netdev_list_lock = SPINLOCK_INIT("netdev_list");
static LIST_HEAD(netdev_list);		/* [netdev_list] by ifindex */
static int netdev_next_index = 2;	/* [netdev_list] 1 is the loopback's, as on Linux */

static struct spinlock net_rx_lock = SPINLOCK_INIT("net_rx");
static LIST_HEAD(napi_poll_list);	/* [net_rx] scheduled napi_structs */
static struct wait_queue_head net_wq = WAIT_QUEUE_HEAD_INIT(net_wq, "net_wq");
static atomic_t net_timers_wanted;	/* [a] a layer started timing something */
static struct task *net_task;		/* [I] after net_init */

struct net_device *alloc_netdev(size_t priv_size, const char *name_fmt,
				const struct net_device_ops *ops)
{
	struct net_device *dev = kzalloc(sizeof(*dev) + priv_size, GFP_KERNEL);

	if (!dev)
		return NULL;
	strlcpy(dev->name, name_fmt, sizeof(dev->name));
	dev->ops = ops;
	dev->mtu = ETH_DATA_LEN;
	dev->flags = IFF_BROADCAST | IFF_MULTICAST;
	memset(dev->broadcast, 0xff, ETH_ALEN);
	INIT_LIST_HEAD(&dev->list);
	dev->priv = priv_size ? dev + 1 : NULL;
	return dev;
}

static struct net_device *__dev_get_by_name(const char *name)
{
	struct net_device *dev;

	list_for_each_entry(dev, &netdev_list, list)
		if (strcmp(dev->name, name) == 0)
			return dev;
	return NULL;
}

/* Turn "eth%d" into the first free "ethN". Under netdev_list. */
static int dev_pick_name(struct net_device *dev)
{
	char fmt[IFNAMSIZ], *pct = strchr(dev->name, '%');

	if (!pct)
		return __dev_get_by_name(dev->name) ? -EEXIST : 0;
	if (pct[1] != 'd' || strchr(pct + 1, '%'))
		return -EINVAL;
	strlcpy(fmt, dev->name, sizeof(fmt));
	for (int i = 0; i < 100; i++) {
		snprintf(dev->name, sizeof(dev->name), fmt, i);
		if (!__dev_get_by_name(dev->name))
			return 0;
	}
	return -ENFILE;
}

int register_netdev(struct net_device *dev)
{
	int err;

	spin_lock(&netdev_list_lock);
	err = dev_pick_name(dev);
	if (!err) {
		if (dev->flags & IFF_LOOPBACK) {
			dev->ifindex = 1;
			list_add(&dev->list, &netdev_list);
		} else {
			dev->ifindex = netdev_next_index++;
			list_add_tail(&dev->list, &netdev_list);
		}
	}
	spin_unlock(&netdev_list_lock);
	if (!err)
		pr_info("net: %s registered (ifindex %d, %02x:%02x:%02x:%02x:%02x:%02x)\n",
			dev->name, dev->ifindex, dev->dev_addr[0], dev->dev_addr[1],
			dev->dev_addr[2], dev->dev_addr[3], dev->dev_addr[4], dev->dev_addr[5]);
	return err;
}

struct net_device *dev_get_by_name(const char *name)
{
	struct net_device *dev;

	spin_lock(&netdev_list_lock);
	dev = __dev_get_by_name(name);
	spin_unlock(&netdev_list_lock);
	return dev;
}

struct net_device *dev_get_by_index(int ifindex)
{
	struct net_device *dev, *found = NULL;

	spin_lock(&netdev_list_lock);
	list_for_each_entry(dev, &netdev_list, list)
		if (dev->ifindex == ifindex)
			found = dev;
	spin_unlock(&netdev_list_lock);
	return found;
}

void dev_for_each(void (*fn)(struct net_device *dev, void *arg), void *arg)
{
	struct net_device *dev;

	spin_lock(&netdev_list_lock);
	list_for_each_entry(dev, &netdev_list, list)
		fn(dev, arg);
	spin_unlock(&netdev_list_lock);
}

bool dev_link_up(struct net_device *dev)
{
	return dev->ops->ndo_get_link ? dev->ops->ndo_get_link(dev) : true;
}

static void dev_set_flags(struct net_device *dev, unsigned int set, unsigned int clear)
{
	unsigned int old = READ_ONCE(dev->flags), new;

	do {
		new = (old | set) & ~clear;
	} while (!__atomic_compare_exchange_n(&dev->flags, &old, new, false, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
}

int dev_open(struct net_device *dev)
{
	int err = 0;

	if (READ_ONCE(dev->flags) & IFF_UP)
		return 0;
	if (dev->ops->ndo_open)
		err = dev->ops->ndo_open(dev);
	if (err)
		return err;
	dev_set_flags(dev, IFF_UP | IFF_RUNNING, 0);
	if (READ_ONCE(dev->ip_addr) && !(dev->flags & (IFF_NOARP | IFF_LOOPBACK)))
		arp_announce(dev);
	return 0;
}

int dev_close(struct net_device *dev)
{
	if (!(READ_ONCE(dev->flags) & IFF_UP))
		return 0;
	dev_set_flags(dev, 0, IFF_UP | IFF_RUNNING);
	return dev->ops->ndo_stop ? dev->ops->ndo_stop(dev) : 0;
}

/* ---------------------------------------------------------------- transmit */

int dev_queue_xmit(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;

	if (!(READ_ONCE(dev->flags) & IFF_UP)) {
		NETDEV_STAT_ADD(dev, tx_dropped, 1);
		kfree_skb(skb);
		return -ENETDOWN;
	}
	return dev->ops->ndo_start_xmit(skb, dev);
}

void eth_header(struct sk_buff *skb, struct net_device *dev, u16 proto, const u8 *dst)
{
	struct ethhdr *eth = (struct ethhdr *)skb_push(skb, ETH_HLEN);

	memcpy(eth->h_dest, dst ? dst : dev->broadcast, ETH_ALEN);
	memcpy(eth->h_source, dev->dev_addr, ETH_ALEN);
	eth->h_proto = htons(proto);
}

/* ---------------------------------------------------------------- receive */

/* Classify the frame by its destination; false if it is not for us. */
static bool eth_classify(struct sk_buff *skb, const struct ethhdr *eth)
{
	struct net_device *dev = skb->dev;

	if (is_broadcast_ether_addr(eth->h_dest))
		skb->pkt_type = PACKET_BROADCAST;
	else if (is_multicast_ether_addr(eth->h_dest))
		skb->pkt_type = PACKET_MULTICAST;
	else if (memcmp(eth->h_dest, dev->dev_addr, ETH_ALEN) == 0 || (dev->flags & IFF_LOOPBACK))
		skb->pkt_type = PACKET_HOST;
	else
		skb->pkt_type = PACKET_OTHERHOST;
	return skb->pkt_type != PACKET_OTHERHOST;
}

void netif_receive_skb(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	struct ethhdr *eth;

	skb->tstamp = ktime_get_ns();
	NETDEV_STAT_ADD(dev, rx_packets, 1);
	NETDEV_STAT_ADD(dev, rx_bytes, skb->len);
	if (skb->len < ETH_HLEN) {
		NETDEV_STAT_ADD(dev, rx_frame_errors, 1);
		NETDEV_STAT_ADD(dev, rx_errors, 1);
		goto drop;
	}
	eth = (struct ethhdr *)skb->data;
	if (!eth_classify(skb, eth))
		goto drop;	/* not ours: a switch would not have sent it */
	if (skb->pkt_type == PACKET_MULTICAST)
		NETDEV_STAT_ADD(dev, rx_multicast, 1);
	skb->protocol = ntohs(eth->h_proto);
	skb_pull(skb, ETH_HLEN);
	skb_reset_network_header(skb);
	switch (skb->protocol) {
	case ETH_P_IP:
		ip_rcv(skb);
		return;
	case ETH_P_ARP:
		arp_rcv(skb);
		return;
	}
drop:
	NETDEV_STAT_ADD(dev, rx_dropped, 1);
	kfree_skb(skb);
}

/* ---------------------------------------------------------------- NAPI and the net thread */

void netif_napi_add(struct net_device *dev, struct napi_struct *napi, napi_poll_t poll)
{
	napi->dev = dev;
	napi->poll = poll;
	atomic_set(&napi->scheduled, 0);
	INIT_LIST_HEAD(&napi->node);
}

void napi_schedule(struct napi_struct *napi)
{
	unsigned long flags;

	if (atomic_xchg(&napi->scheduled, 1))
		return;
	flags = spin_lock_irqsave(&net_rx_lock);
	list_add_tail(&napi->node, &napi_poll_list);
	spin_unlock_irqrestore(&net_rx_lock, flags);
	wake_up(&net_wq);
}

void napi_complete(struct napi_struct *napi)
{
	/* The poll's work before the flag: pairs with napi_schedule's xchg. */
	smp_store_release(&napi->scheduled.counter, 0);
}

void net_timers_kick(void)
{
	atomic_set(&net_timers_wanted, 1);
	wake_up(&net_wq);
}

static bool net_poll_pending(void)
{
	return !list_empty(&napi_poll_list);	/* racy read, re-checked under the lock */
}

/* Poll every device scheduled now once. */
static void net_poll_once(void)
{
	LIST_HEAD(todo);
	unsigned long flags = spin_lock_irqsave(&net_rx_lock);

	list_splice_init(&napi_poll_list, &todo);
	spin_unlock_irqrestore(&net_rx_lock, flags);
	while (!list_empty(&todo)) {
		struct napi_struct *napi = list_first_entry(&todo, struct napi_struct, node);
		int work;

		list_del_init(&napi->node);
		work = napi->poll(napi, NAPI_POLL_WEIGHT);
		atomic_long_add(&napi->polls, 1);
		if (work >= NAPI_POLL_WEIGHT) {
			/* Still busy: it stays scheduled and goes to the back of the line. */
			atomic_long_add(&napi->full_polls, 1);
			flags = spin_lock_irqsave(&net_rx_lock);
			list_add_tail(&napi->node, &napi_poll_list);
			spin_unlock_irqrestore(&net_rx_lock, flags);
		}
	}
}

/* Run the protocol timers; true while some protocol still times something. */
static bool net_run_timers(void)
{
	u64 now = ktime_get_ns();
	bool more = arp_timer_run(now);

	more |= ipfrag_timer_run(now);
	return more;
}

static int net_thread(void *arg)
{
	u64 next_timer = 0;
	bool timed = false;

	for (;;) {
		net_poll_once();
		if (atomic_xchg(&net_timers_wanted, 0) && !timed) {
			timed = true;
			next_timer = ktime_get_ns() + NET_TIMER_NS;
		}
		if (timed && ktime_get_ns() >= next_timer) {
			timed = net_run_timers();
			next_timer = ktime_get_ns() + NET_TIMER_NS;
		}
		if (net_poll_pending())
			continue;
		if (timed) {
			u64 now = ktime_get_ns();
			long ticks = next_timer > now ?
				(long)((next_timer - now + NSEC_PER_TICK - 1) / NSEC_PER_TICK) : 0;

			if (ticks > 0)
				wait_event_timeout(net_wq, net_poll_pending() ||
						   atomic_read(&net_timers_wanted), ticks);
		} else {
			wait_event(net_wq, net_poll_pending() || atomic_read(&net_timers_wanted));
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- boot and /proc/net/dev */

void net_init(void)
{
	struct net_device *dev;
	int err;

	skb_init();
	net_task = kthread_run(net_thread, NULL, "net");
	if (IS_ERR(net_task))
		panic("net: cannot start the net thread");
	udp_init();
	tcp_init();
	icmp_init();
	inet_init();
	err = loopback_init();
	if (err)
		panic("net: no loopback device (%d)", err);
	for (int i = 1; (dev = dev_get_by_index(i)) != NULL; i++) {
		err = dev_open(dev);
		if (err)
			pr_warn("net: %s did not open (%d)\n", dev->name, err);
	}
	ipconfig_init();
}

static void net_dev_show_one(struct net_device *dev, void *arg)
{
	struct seq_buf *s = arg;
	struct net_device_stats *st = &dev->stats;
#define R(f) (unsigned long)atomic_long_read(&st->f)
	seq_printf(s, "%6s:%8lu %7lu %4lu %4lu %4lu %5lu %10lu %9lu %8lu %7lu %4lu %4lu %4lu %5lu %7lu %10lu\n",
		   dev->name, R(rx_bytes), R(rx_packets), R(rx_errors), R(rx_dropped), 0UL,
		   R(rx_frame_errors), 0UL, R(rx_multicast), R(tx_bytes), R(tx_packets),
		   R(tx_errors), R(tx_dropped), 0UL, 0UL, 0UL, 0UL);
#undef R
}

int net_dev_show(struct seq_buf *s)
{
	seq_puts(s, "Inter-|   Receive                                                |  Transmit\n"
		    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    "
		    "packets errs drop fifo colls carrier compressed\n");
	dev_for_each(net_dev_show_one, s);
	return 0;
}
