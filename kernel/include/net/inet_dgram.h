/*
 * The receive side every AF_INET datagram socket shares (UDP, ping):
 * a bounded queue of whole datagrams, blocking recvmsg with the socket's
 * timeouts and signals, poll, shutdown, the pending error, FIONREAD
 * (kernel/net/ipv4/inet_dgram.c; docs/net.md).
 *
 * The protocol embeds a struct inet_dgram, and from its receive path
 * (the net thread, any protocol lock held) calls inet_dgram_queue(); the
 * queue accepts a datagram while it holds less than SO_RCVBUF bytes
 * (payload plus INET_DGRAM_OVERHEAD each, so tiny datagrams cannot pin
 * unbounded memory). ICMP errors become the socket's pending error
 * (inet_dgram_error), returned once by the next recv or send, or read by
 * SO_ERROR.
 *
 * Locks: "inet_dgram" (spin, a leaf) guards the queue and its counts.
 * Readers are not serialized: each takes a reference on the first
 * datagram, copies it with no lock held, and unlinks it only if it is
 * still first (else it waits again).
 */
#ifndef NET_INET_DGRAM_H
#define NET_INET_DGRAM_H

#include <kernel/types.h>
#include <lib/list.h>
#include <locking/spinlock.h>
#include <net/inet_sock.h>
#include <sched/wait.h>

struct file;
struct kmsg;
struct poll_table;
struct sk_buff;
struct socket;

#define INET_DGRAM_OVERHEAD 256

#define DGRAM_RCV_SHUTDOWN	1
#define DGRAM_SEND_SHUTDOWN	2

struct inet_dgram {
	struct socket *sock;		/* [I] */
	struct spinlock lock;
	struct list_head rxq;		/* [lock] sk_buffs (skb->list), oldest first */
	u32 rx_bytes;			/* [lock] payload + overhead queued */
	u32 rx_count;			/* [a] datagrams queued (written under lock) */
	unsigned int shutdown;		/* [a] DGRAM_*_SHUTDOWN */
	struct inet_opts inet;		/* [a] the IPPROTO_IP options */
	struct wait_queue_head wq;	/* sock->wq */
};

/* Set up d for sock and make it the socket's wait queue. */
void inet_dgram_init(struct inet_dgram *d, struct socket *sock);
/* Queue skb (data at the payload); true: queued (owned by d), false: full or shut (caller frees). */
bool inet_dgram_queue(struct inet_dgram *d, struct sk_buff *skb);
/* An asynchronous error (-errno) for the next call; wakes waiters. Any context. */
void inet_dgram_error(struct inet_dgram *d, int err);
/* The pending error (-errno), cleared; 0 if none. */
int inet_dgram_take_error(struct inet_dgram *d);
/* Free every queued datagram (release). */
void inet_dgram_purge(struct inet_dgram *d);
/*
 * recvmsg of one datagram: waits (MSG_DONTWAIT, SO_RCVTIMEO, signals),
 * MSG_PEEK, MSG_TRUNC in and out; the source address written by
 * name(skb, sa) (returns its length) when msg->name is set; with
 * IP_RECVTTL an IP_TTL control message (the datagram's TTL). Bytes
 * copied (or the datagram's length with MSG_TRUNC), 0 after
 * SHUT_RD, or -errno.
 */
ssize_t inet_dgram_recvmsg(struct inet_dgram *d, struct kmsg *msg, int flags,
			   int (*name)(const struct sk_buff *skb, struct sockaddr *sa));
unsigned int inet_dgram_poll(struct file *file, struct inet_dgram *d, struct poll_table *pt);
/* shutdown(2) of datagram socket sock (d its state): 0, or -ENOTCONN if it is not connected. */
int inet_dgram_shutdown(struct socket *sock, struct inet_dgram *d, int how);
/* SIOCINQ (first datagram's length), SIOCOUTQ (0), else inet_ioctl. */
long inet_dgram_ioctl(struct inet_dgram *d, unsigned int cmd, unsigned long arg);

#endif /* NET_INET_DGRAM_H */
