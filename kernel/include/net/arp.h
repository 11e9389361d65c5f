/*
 * ARP for IPv4 over Ethernet (kernel/net/ipv4/arp.c): the neighbour
 * cache, resolution with a per-neighbour queue of waiting packets,
 * timeouts, replies to requests for our addresses, gratuitous ARP when an
 * address comes up, /proc/net/arp.
 *
 * Entry states: INCOMPLETE (request sent, packets queued: at most
 * ARP_QUEUE_LEN, older ones dropped; retried every ARP_RETRY_NS, dropped
 * with its queue after ARP_MAX_PROBES), REACHABLE (used for
 * ARP_REACHABLE_NS after the last confirmation, then deleted and resolved
 * again on next use), PERMANENT (arp_add_static). At most ARP_TABLE_MAX
 * entries: the oldest non-permanent one is evicted.
 *
 * Locks: "arp_table" (plain spinlock, a leaf): nothing is transmitted or
 * freed while it is held (queued packets are taken off first).
 */
#ifndef NET_ARP_H
#define NET_ARP_H

#include <kernel/types.h>

struct sk_buff;
struct net_device;
struct seq_buf;

#define ARP_QUEUE_LEN		8
#define ARP_MAX_PROBES		3
#define ARP_RETRY_NS		1000000000ull	/* 1 s */
#define ARP_REACHABLE_NS	60000000000ull	/* 60 s */
#define ARP_TABLE_MAX		256

struct arp_stats {
	unsigned long rx, rx_bad, requests_rx, replies_rx, requests_tx, replies_tx,
		queued, queue_drops, failed;
};

/* Receive one ARP packet (data after the Ethernet header). Consumes skb. Net thread. */
void arp_rcv(struct sk_buff *skb);
/*
 * Send an IP datagram (data at the IP header) to nexthop on dev:
 * Ethernet header and dev_queue_xmit when the neighbour is known, else
 * queue it and resolve. Loopback and broadcast need no resolution.
 * Consumes skb. 0 (sent or queued), or -errno (dropped).
 */
int arp_output(struct sk_buff *skb, struct net_device *dev, u32 nexthop);
/* Broadcast a gratuitous ARP request for dev's address. */
void arp_announce(struct net_device *dev);
/* The MAC of ip (be32) on dev if resolved: true and *mac filled. */
bool arp_lookup(struct net_device *dev, u32 ip, u8 *mac);
/* Forget every non-permanent entry (and drop their queues). */
void arp_flush(void);
/* A permanent entry. 0 or -errno. */
int arp_add_static(struct net_device *dev, u32 ip, const u8 *mac);
/* Timers: retries and expiry at now (ktime_get_ns). Net thread. True while entries need timing. */
bool arp_timer_run(u64 now);
void arp_stats_read(struct arp_stats *out);
/* /proc/net/arp (Linux's format). */
int net_arp_show(struct seq_buf *s);

#endif /* NET_ARP_H */
