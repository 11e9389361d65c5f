/*
 * Network devices, Ethernet framing and the receive machinery
 * (kernel/net/core/dev.c, loopback.c).
 *
 * A driver allocates a struct net_device with alloc_netdev(), fills in
 * its MAC address and MTU, and calls register_netdev() (boot time; a
 * device is never removed, so a struct net_device pointer stays valid
 * forever and needs no reference count). net_init() (called once from
 * kernel_init) opens the devices and configures IPv4 (ip= on the command
 * line, net/ip.h).
 *
 * Transmit: dev_queue_xmit(skb) with skb->dev set and skb->data at the
 * Ethernet header; the device consumes the skb.
 *
 * Receive is NAPI-style: a driver's interrupt handler masks the device's
 * interrupt and calls napi_schedule(); the "net" kernel thread then calls
 * the driver's poll(napi, budget), which hands up to budget frames to
 * netif_receive_skb() and returns how many it handled. A poll that
 * handled fewer than budget calls napi_complete(), unmasks the interrupt
 * and re-checks for work (napi_schedule() again if some arrived in
 * between); one that used the whole budget stays scheduled and is polled
 * again (after the other scheduled devices). So a busy device is polled
 * without interrupts and an idle one costs nothing.
 *
 * All protocol processing of received packets (ARP, IP, ICMP, UDP and
 * the rx callbacks of UDP endpoints) runs in the net thread, in process
 * context with interrupts on; it never sleeps there. Transmission runs in
 * the caller's context (the net thread or a system call).
 *
 * Locks (docs/locking.md): "net_rx" (irqsave; the poll list, taken by
 * napi_schedule from interrupt handlers), "netdev_list" (the device list).
 * Both are leaves.
 */
#ifndef NET_NETDEVICE_H
#define NET_NETDEVICE_H

#include <arch/atomic.h>
#include <kernel/types.h>
#include <lib/list.h>
#include <net/skbuff.h>
#include <uapi/if.h>

struct seq_buf;

/* ---------------------------------------------------------------- Ethernet */

#define ETH_ALEN	6
#define ETH_HLEN	14
#define ETH_ZLEN	60	/* minimum frame without the FCS */
#define ETH_DATA_LEN	1500
#define ETH_FRAME_LEN	1514
#define ETH_P_IP	0x0800
#define ETH_P_ARP	0x0806

struct ethhdr {
	u8 h_dest[ETH_ALEN];
	u8 h_source[ETH_ALEN];
	u16 h_proto;	/* be16 */
} __attribute__((packed, aligned(2)));
_Static_assert(sizeof(struct ethhdr) == ETH_HLEN, "Ethernet header is 14 bytes");

static inline bool is_broadcast_ether_addr(const u8 *a)
{
	return (a[0] & a[1] & a[2] & a[3] & a[4] & a[5]) == 0xff;
}
static inline bool is_multicast_ether_addr(const u8 *a) { return a[0] & 1; }
static inline bool is_zero_ether_addr(const u8 *a)
{
	return (a[0] | a[1] | a[2] | a[3] | a[4] | a[5]) == 0;
}

/* ---------------------------------------------------------------- devices */

/* IFNAMSIZ and the IFF_* interface flags: <uapi/if.h>. */

/* Counters as /proc/net/dev shows them; each updated atomically. */
struct net_device_stats {
	atomic_long_t rx_packets, rx_bytes, rx_errors, rx_dropped, rx_frame_errors,
		rx_multicast;
	atomic_long_t tx_packets, tx_bytes, tx_errors, tx_dropped;
};

#define NETDEV_STAT_ADD(dev, field, n) atomic_long_add(&(dev)->stats.field, (long)(n))

struct net_device;

/*
 * A device's operations. ndo_open/ndo_stop run in process context and may
 * sleep. ndo_start_xmit consumes the skb whatever it returns (0, or
 * -errno: the frame was dropped and counted); it runs in process context
 * or the net thread, never in an interrupt handler, and does not sleep.
 * ndo_get_link says whether the carrier is up.
 */
struct net_device_ops {
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	int (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
	bool (*ndo_get_link)(struct net_device *dev);
};

struct napi_struct;
typedef int (*napi_poll_t)(struct napi_struct *napi, int budget);

#define NAPI_POLL_WEIGHT 64

struct napi_struct {
	struct net_device *dev;		/* [I] */
	napi_poll_t poll;		/* [I] */
	atomic_t scheduled;		/* [a] 1 while on (or about to be on) the poll list */
	struct list_head node;		/* [net_rx] on the poll list */
	atomic_long_t polls;		/* [a] poll calls */
	atomic_long_t full_polls;	/* [a] polls that used the whole budget (busy) */
};

struct net_device {
	char name[IFNAMSIZ];		/* [I] after register_netdev */
	int ifindex;			/* [I] after register_netdev, from 1 */
	const struct net_device_ops *ops; /* [I] */
	unsigned int flags;		/* [a] IFF_* */
	u32 mtu;			/* [I] bytes of IP datagram per frame */
	u8 dev_addr[ETH_ALEN];		/* [I] */
	u8 broadcast[ETH_ALEN];		/* [I] */
	u32 ip_addr;			/* [a] be32 IPv4 address, 0 if none (net/ip.h) */
	u32 ip_mask;			/* [a] be32 netmask */
	struct net_device_stats stats;	/* [a] */
	struct list_head list;		/* [netdev_list] */
	void *priv;			/* [I] the driver's, behind the struct */
};

/*
 * A zeroed device with priv_size bytes of driver data (dev->priv) and
 * name_fmt ("eth%d": the first free number is used at registration, or a
 * fixed name), Ethernet defaults (MTU 1500, broadcast ff:..:ff). NULL if
 * out of memory. May sleep.
 */
struct net_device *alloc_netdev(size_t priv_size, const char *name_fmt,
				const struct net_device_ops *ops);
/* Name it, give it an ifindex and list it. 0 or -errno. Boot time. */
int register_netdev(struct net_device *dev);
/* ndo_open and IFF_UP|IFF_RUNNING (then gratuitous ARP if it has an address). 0 or -errno. */
int dev_open(struct net_device *dev);
/* ndo_stop and clear IFF_UP|IFF_RUNNING. 0 or -errno. */
int dev_close(struct net_device *dev);
/* Look a device up by name or index; NULL if none. */
struct net_device *dev_get_by_name(const char *name);
struct net_device *dev_get_by_index(int ifindex);
/* Call fn for every registered device in ifindex order (under netdev_list: fn must not sleep). */
void dev_for_each(void (*fn)(struct net_device *dev, void *arg), void *arg);
/* Carrier state (ndo_get_link, or true if the device does not say). */
bool dev_link_up(struct net_device *dev);
/* The loopback device "lo" (net_init creates it). */
extern struct net_device *loopback_dev;

/*
 * Transmit skb (data at the Ethernet header) on skb->dev. Consumes skb.
 * 0, -ENETDOWN if the device is down, or the driver's -errno. Process
 * context or the net thread; does not sleep.
 */
int dev_queue_xmit(struct sk_buff *skb);
/*
 * Push an Ethernet header for proto (host order) to dst (NULL: the
 * device's broadcast address) from dev's address. skb needs ETH_HLEN of
 * headroom.
 */
void eth_header(struct sk_buff *skb, struct net_device *dev, u16 proto, const u8 *dst);
/*
 * Hand one received frame (skb->dev set, skb->data at the Ethernet
 * header) to the protocols. Consumes skb. Net thread only.
 */
void netif_receive_skb(struct sk_buff *skb);

/* NAPI: see the header comment. */
void netif_napi_add(struct net_device *dev, struct napi_struct *napi, napi_poll_t poll);
/* Put napi on the poll list and wake the net thread, unless already scheduled. Any context. */
void napi_schedule(struct napi_struct *napi);
/* The poll found less than its budget: napi is no longer scheduled. */
void napi_complete(struct napi_struct *napi);

/*
 * Wake the net thread so it runs the protocol timers (ARP retries, cache
 * and reassembly expiry) soon; layers call it when they start timing
 * something. Any context.
 */
void net_timers_kick(void);

/* Boot: the net thread, loopback, then every device up and IPv4 configured. */
void net_init(void);
/* /proc/net/dev text. */
int net_dev_show(struct seq_buf *s);

/* Loopback (loopback.c): create and register "lo". 0 or -errno. */
int loopback_init(void);

#endif /* NET_NETDEVICE_H */
