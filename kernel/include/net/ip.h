/*
 * IPv4 (kernel/net/ipv4/): the header, input and output, protocol
 * registration, interface addresses, statistics.
 *
 * Addresses and ports are network order (be32/be16) everywhere in this
 * interface; IPV4_ADDR(10,0,2,15) (net/byteorder.h) writes one.
 *
 * Input (net thread): ip_rcv() validates the header (ip_hdr_check: version,
 * IHL, total length, checksum, TTL, fragment bounds), trims link padding,
 * drops what is not for this host (no forwarding), reassembles fragments
 * (ip_defrag, net/ipfrag.h) and hands the datagram to the protocol
 * registered for its number with skb->data at the transport header and
 * skb->network_header at the IP header. An unknown protocol gets an ICMP
 * protocol-unreachable.
 *
 * Output: ip_output() routes (net/route.h), pushes the header, fragments
 * when the datagram exceeds the device MTU, and resolves the next hop
 * (ARP, net/arp.h). Locally addressed datagrams go through "lo".
 *
 * Every malformed packet is counted in ip_stats and dropped; nothing from
 * the wire is trusted before ip_hdr_check() passed.
 */
#ifndef NET_IP_H
#define NET_IP_H

#include <arch/atomic.h>
#include <kernel/types.h>
#include <uapi/in.h>
#include <net/byteorder.h>

struct sk_buff;
struct net_device;
struct seq_buf;

#define IP_DF		0x4000	/* frag_off flags (host order) */
#define IP_MF		0x2000
#define IP_OFFSET	0x1fff
#define IP_MAX_LEN	65535
#define IP_DEFAULT_TTL	64

#define INADDR_ANY		0u
#define INADDR_BROADCAST	0xffffffffu
#define INADDR_LOOPBACK		IPV4_ADDR(127, 0, 0, 1)

struct iphdr {
	u8 version_ihl;		/* version << 4 | header length in 32-bit words */
	u8 tos;
	u16 tot_len;		/* be16 */
	u16 id;			/* be16 */
	u16 frag_off;		/* be16: flags and offset in 8-byte units */
	u8 ttl;
	u8 protocol;
	u16 check;		/* be16 */
	u32 saddr;		/* be32 */
	u32 daddr;		/* be32 */
} __attribute__((packed, aligned(2)));
_Static_assert(sizeof(struct iphdr) == 20, "IPv4 header is 20 bytes");

static inline unsigned int iph_ihl(const struct iphdr *iph) { return iph->version_ihl & 0xf; }
static inline struct iphdr *ip_hdr(const struct sk_buff *skb);

/* Why ip_hdr_check() refused a header (index into ip_stats counters too). */
enum ip_hdr_verdict {
	IPH_OK = 0,
	IPH_TRUNCATED,		/* shorter than the header or its total length says */
	IPH_BAD_VERSION,
	IPH_BAD_IHL,		/* IHL < 5 */
	IPH_BAD_LEN,		/* total length < header length */
	IPH_BAD_CSUM,
	IPH_BAD_TTL,		/* TTL 0 */
	IPH_BAD_FRAG,		/* fragment would end beyond 65535 */
	IPH_BAD_ADDR,		/* source multicast/broadcast, or zero destination */
};

/*
 * Check the IPv4 header at p with len bytes available (from the start of
 * the header to the end of the frame). On IPH_OK *hlen and *tot_len hold
 * the header and datagram length (tot_len <= len). Pure.
 */
enum ip_hdr_verdict ip_hdr_check(const void *p, u32 len, u32 *hlen, u32 *tot_len);
/* Fill a 20-byte header (no options) and its checksum. Pure. */
void ip_build_header(struct iphdr *iph, u32 saddr, u32 daddr, u8 proto, u16 tot_len,
		     u16 id, u16 frag_off, u8 ttl, u8 tos);

/* IP counters (SNMP names, /proc/net/snmp). All [a]. */
struct ip_stats {
	atomic_long_t in_receives, in_hdr_errors, in_csum_errors, in_truncated,
		in_addr_errors, in_unknown_protos, in_discards, in_delivers;
	atomic_long_t out_requests, out_no_routes, out_discards;
	atomic_long_t reasm_reqds, reasm_oks, reasm_fails, reasm_timeouts, reasm_overlaps;
	atomic_long_t frag_oks, frag_fails, frag_creates;
};
extern struct ip_stats ip_stats;
#define IP_INC(field) atomic_long_add(&ip_stats.field, 1)

/*
 * A transport protocol. handler(skb) gets every datagram for its number
 * (skb->data at the transport header, len = payload, network_header
 * set) and consumes it; net thread; must not sleep. err_handler (may be
 * NULL) gets ICMP errors about datagrams we sent: type/code, the inner
 * (quoted) IP header and at least 8 bytes after it (inner_len bytes in
 * all, header included, all checked present).
 */
struct inet_protocol {
	void (*handler)(struct sk_buff *skb);
	void (*err_handler)(u8 type, u8 code, const struct iphdr *inner, u32 inner_len);
};
/* Register prot for proto (0, or -EBUSY if taken). Boot or module init. */
int inet_add_protocol(u8 proto, const struct inet_protocol *prot);

/* Receive an IPv4 datagram (data at the IP header). Consumes skb. Net thread. */
void ip_rcv(struct sk_buff *skb);
/* Deliver a validated, reassembled datagram to its protocol (ip_input.c, used by ipfrag). */
void ip_local_deliver(struct sk_buff *skb);

/*
 * Send skb (data = transport header and payload, headroom for IP and the
 * link) as protocol proto from saddr (INADDR_ANY: the route's source) to
 * daddr. ttl 0 = IP_DEFAULT_TTL. Consumes skb. 0, -ENETUNREACH (no route),
 * -EMSGSIZE (over 65535 bytes, or df set and over the MTU), -ENOMEM,
 * -EHOSTUNREACH, or the device's -errno. Process context or the net
 * thread; does not sleep.
 */
int ip_output(struct sk_buff *skb, u32 saddr, u32 daddr, u8 proto, u8 ttl, u8 tos, bool df);
/*
 * ip_output through device oif (SO_BINDTODEVICE; 0: any): the limited
 * broadcast 255.255.255.255 leaves oif even when no route exists (saddr
 * may then be 0, as a DHCP client's is); other destinations must route
 * through oif (-ENETUNREACH), or -ENODEV when oif is gone.
 */
int ip_output_oif(struct sk_buff *skb, u32 saddr, u32 daddr, u8 proto, u8 ttl, u8 tos, bool df,
		  int oif);
/* Send a fully built datagram (data at the IP header) to nexthop on dev: fragments, ARP. */
int ip_finish_output(struct sk_buff *skb, struct net_device *dev, u32 nexthop);

/* ---------------------------------------------------------------- addresses */

/*
 * Give dev the address addr/mask (replacing any) and its connected route;
 * if dev is up, announce it (gratuitous ARP). 0 or -errno.
 */
int inet_set_addr(struct net_device *dev, u32 addr, u32 mask);
/* Is addr one of ours (any device, loopback net included)? */
bool inet_addr_is_local(u32 addr);
/* Is addr a broadcast address (limited, or a directed one of one of our subnets)? */
bool inet_addr_is_broadcast(u32 addr);
static inline bool ipv4_is_multicast(u32 addr) { return (ntohl(addr) & 0xf0000000u) == 0xe0000000u; }
static inline bool ipv4_is_loopback(u32 addr) { return (ntohl(addr) >> 24) == 127; }

/*
 * The ip= boot option (Linux's syntax, the parts used):
 * ip=<client>:<server>:<gateway>:<netmask>:<hostname>:<device>:<autoconf>
 * Empty fields keep their defaults. Pure.
 */
struct ipconfig {
	u32 addr, gateway, mask;	/* be32; 0 = not given */
	char device[16];		/* "" = the first Ethernet device */
	bool off;			/* ip=off / ip=none: leave unconfigured */
};
/* Parse s into *cfg (fields not given stay as they were). 0 or -EINVAL. */
int ipconfig_parse(const char *s, struct ipconfig *cfg);
/* Parse a dotted quad into *addr (be32). 0 or -EINVAL. Pure. */
int inet_aton_strict(const char *s, size_t len, u32 *addr);
/* Boot: lo 127.0.0.1/8; the first Ethernet device from ip= (default 10.0.2.15/24 gw 10.0.2.2). */
void ipconfig_init(void);

/* /proc/net/snmp (the Ip:, Icmp: and Udp: lines). */
int net_snmp_show(struct seq_buf *s);

#include <net/skbuff.h>
static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return (struct iphdr *)skb_network_header(skb);
}

#endif /* NET_IP_H */
