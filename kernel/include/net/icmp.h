/*
 * ICMP for IPv4 (kernel/net/ipv4/icmp.c): echo reply, echo request from
 * the kernel (icmp_ping), destination-unreachable generation and
 * delivery of received errors to the protocol that sent the offending
 * datagram (inet_protocol.err_handler).
 *
 * Errors are never sent about ICMP errors, non-first fragments,
 * broadcast or multicast datagrams, or datagrams from such sources
 * (RFC 1122 3.2.2). They quote the offending IP header and up to
 * 548 bytes after it (576-byte total, RFC 1812).
 *
 * Locks: "icmp_ping" (the list of kernel pings waiting for a reply; a
 * leaf).
 */
#ifndef NET_ICMP_H
#define NET_ICMP_H

#include <kernel/types.h>

struct sk_buff;

#define ICMP_ECHOREPLY		0
#define ICMP_DEST_UNREACH	3
#define ICMP_ECHO		8
#define ICMP_TIME_EXCEEDED	11
#define ICMP_PARAMETERPROB	12

/* Destination-unreachable codes. */
#define ICMP_NET_UNREACH	0
#define ICMP_HOST_UNREACH	1
#define ICMP_PROT_UNREACH	2
#define ICMP_PORT_UNREACH	3
#define ICMP_FRAG_NEEDED	4
/* Time-exceeded codes. */
#define ICMP_EXC_FRAGTIME	1

struct icmphdr {
	u8 type;
	u8 code;
	u16 checksum;	/* be16 */
	union {
		struct { u16 id, sequence; } echo;	/* be16 each */
		u32 gateway;
		struct { u16 unused, mtu; } frag;
	} un;
} __attribute__((packed, aligned(2)));
_Static_assert(sizeof(struct icmphdr) == 8, "ICMP header is 8 bytes");

struct icmp_stats {
	unsigned long in_msgs, in_errors, in_csum_errors, in_echos, in_echo_reps,
		in_dest_unreachs, out_msgs, out_echos, out_echo_reps, out_dest_unreachs,
		out_time_excds;
};

/* Boot: register with IP. */
void icmp_init(void);
/*
 * Send an ICMP error of type/code about the received datagram skb_in
 * (skb_in->network_header at its IP header; not consumed). info: the
 * next-hop MTU for FRAG_NEEDED, else 0. Silently does nothing where RFC
 * 1122 forbids an error.
 */
void icmp_send(struct sk_buff *skb_in, u8 type, u8 code, u32 info);
/*
 * Send an echo request to daddr (be32) with id/seq and len bytes of
 * payload (a pattern), and wait up to timeout_ns for the matching reply.
 * 0 with *rtt_ns set, -ETIMEDOUT, -EHOSTUNREACH/-ENETUNREACH, -ENOMEM,
 * -EINVAL (len > 1400), or -EIO (the reply's payload differed). May sleep
 * (not in the net thread).
 */
int icmp_ping(u32 daddr, u16 id, u16 seq, u32 len, u64 timeout_ns, u64 *rtt_ns);
void icmp_stats_read(struct icmp_stats *out);

/*
 * Ping sockets (ping.c). ping_rcv: an echo reply (skb->data at the ICMP
 * header, checked) for the socket with its identifier; takes its own
 * reference. ping_err: an ICMP error quoting one of our echo requests
 * (inet_protocol.err_handler of ICMP). Net thread.
 */
struct iphdr;
void ping_rcv(struct sk_buff *skb);
void ping_err(u8 type, u8 code, const struct iphdr *inner, u32 inner_len);

#endif /* NET_ICMP_H */
