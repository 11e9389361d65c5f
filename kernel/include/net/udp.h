/*
 * UDP (kernel/net/ipv4/udp.c): checksums, a port table with endpoints
 * that a socket layer registers, ephemeral ports, ICMP errors to the
 * endpoint that sent the offending datagram.
 *
 * The socket glue embeds a struct udp_endpoint in its socket, fills in
 * rcv/err/priv, and calls:
 *
 *	udp_bind(ep, laddr, port)        port 0: an ephemeral one (32768-60999)
 *	udp_connect(ep, raddr, rport)    filter input to that peer; errors reported
 *	udp_send(ep, daddr, dport, skb)  skb from skb_alloc_tx() with the payload put
 *	udp_unbind(ep)                   after it returns no callback runs
 *
 * Callbacks run in the net thread with the "udp_table" lock held: they
 * must not sleep nor call udp_bind/udp_unbind/udp_connect; they may queue
 * and wake. rcv(ep, skb) gets each datagram (consumes it): skb->data at
 * the payload, skb->len its length, UDP_SKB_CB(skb) the addresses. err(ep,
 * errno, addr, port) is called for ICMP errors about a datagram the
 * endpoint sent, only when the endpoint is connected to that peer (as
 * Linux without IP_RECVERR): -ECONNREFUSED for port unreachable,
 * -EHOSTUNREACH/-ENETUNREACH, -EPROTO (protocol unreachable), -EMSGSIZE.
 *
 * Demultiplexing: the endpoint on the destination port whose local
 * address is the destination or ANY, a connected endpoint matching the
 * source preferred. A datagram that matches no endpoint gets an ICMP port
 * unreachable (unless broadcast) and is counted (no_ports).
 * Two endpoints may not share a port where their local addresses overlap
 * (-EADDRINUSE), unless both set reuse (then the latest bound receives).
 */
#ifndef NET_UDP_H
#define NET_UDP_H

#include <lib/list.h>
#include <kernel/types.h>

struct sk_buff;
struct seq_buf;

#define UDP_HLEN		8
#define UDP_MAX_PAYLOAD		(65535 - 20 - UDP_HLEN)
#define UDP_EPHEMERAL_LOW	32768
#define UDP_EPHEMERAL_HIGH	60999

struct udphdr {
	u16 source;	/* be16 */
	u16 dest;	/* be16 */
	u16 len;	/* be16: header and payload */
	u16 check;	/* be16; 0 = none */
} __attribute__((packed, aligned(2)));
_Static_assert(sizeof(struct udphdr) == UDP_HLEN, "UDP header is 8 bytes");

/* What rcv finds in skb->cb about a received datagram (all network order). */
struct udp_skb_cb {
	u32 saddr, daddr;
	u16 sport, dport;
};
#define UDP_SKB_CB(skb) ((struct udp_skb_cb *)(skb)->cb)

struct udp_endpoint {
	/* Set by the owner before udp_bind; [I] while bound. */
	void (*rcv)(struct udp_endpoint *ep, struct sk_buff *skb);
	void (*err)(struct udp_endpoint *ep, int err, u32 addr, u16 port);
	void *priv;
	bool reuse;		/* share the port with other reuse endpoints */
	bool no_check;		/* send without a checksum (SO_NO_CHECK) */
	u8 ttl;			/* [a] 0: IP_DEFAULT_TTL */
	u8 tos;			/* [a] */
	int oif;		/* [a] send through this device only (SO_BINDTODEVICE), 0: any */
	/* For /proc/net/udp (optional): the socket's inode number and owner, bytes queued. */
	unsigned long ino;
	u32 uid;
	u32 (*rx_queued)(struct udp_endpoint *ep);	/* under udp_table; NULL: 0 */
	/* [udp_table] */
	u32 laddr;		/* be32, INADDR_ANY: every address */
	u16 lport;		/* be16, 0 while unbound */
	u32 raddr;		/* be32, 0 unless connected */
	u16 rport;		/* be16, 0 unless connected */
	bool bound;
	struct list_head node;	/* in the port's hash chain */
};

struct udp_stats {
	unsigned long in_datagrams, no_ports, in_errors, in_csum_errors, out_datagrams,
		rcvbuf_errors;
};

/* Boot: the table, registration with IP. */
void udp_init(void);
/*
 * Bind ep to laddr (INADDR_ANY or one of ours) and port (be16; 0: pick an
 * ephemeral port). 0, -EINVAL (already bound), -EADDRNOTAVAIL (laddr not
 * ours), -EADDRINUSE, -EAGAIN (no ephemeral port free).
 */
int udp_bind(struct udp_endpoint *ep, u32 laddr, u16 port);
/* Remove ep from the table (no-op if unbound); no callback runs on it afterwards. */
void udp_unbind(struct udp_endpoint *ep);
/* Accept only datagrams from raddr:rport (be32/be16; 0,0 disconnects). Binds an ephemeral port if unbound. 0 or -errno. */
int udp_connect(struct udp_endpoint *ep, u32 raddr, u16 rport);
/*
 * Send skb's data (the payload, headroom from skb_alloc_tx) from ep to
 * daddr:dport (both 0: the connected peer). Binds an ephemeral port if
 * unbound. Consumes skb. 0, -EDESTADDRREQ, -EMSGSIZE, -EINVAL (port 0),
 * or ip_output's -errno. Not from a callback.
 */
int udp_send(struct udp_endpoint *ep, u32 daddr, u16 dport, struct sk_buff *skb);
void udp_stats_read(struct udp_stats *out);
/* The endpoint's addresses and ports (be), read consistently. Not from a callback. */
void udp_endpoint_names(struct udp_endpoint *ep, u32 *laddr, u16 *lport, u32 *raddr, u16 *rport);
/* Count a datagram dropped because the receiver's buffer was full (from a rcv callback). */
void udp_count_rcvbuf_error(void);
/* /proc/net/udp-style listing of bound endpoints. */
int net_udp_show(struct seq_buf *s);

#endif /* NET_UDP_H */
