/*
 * IPv4 input: validation, the local-delivery decision, reassembly, and
 * the protocol table. Interface in net/ip.h.
 *
 * Every check happens before a byte beyond it is read: ip_hdr_check()
 * bounds the header and the datagram inside the frame; the frame is then
 * trimmed to the datagram (Ethernet pads short frames).
 *
 * The protocol table is written at boot (inet_add_protocol) and only read
 * afterwards: no lock.
 */
#include <kernel/printk.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/ipfrag.h>
#include <net/netdevice.h>
#include <uapi/errno.h>

static const struct inet_protocol *inet_protos[256];	/* [boot] then read-only */

int inet_add_protocol(u8 proto, const struct inet_protocol *prot)
{
	if (inet_protos[proto])
		return -EBUSY;
	inet_protos[proto] = prot;
	return 0;
}

const struct inet_protocol *inet_get_protocol(u8 proto);
const struct inet_protocol *inet_get_protocol(u8 proto)
{
	return inet_protos[proto];
}

/* Count a refused header under its reason. */
static void ip_count_bad(enum ip_hdr_verdict v)
{
	switch (v) {
	case IPH_TRUNCATED:
		IP_INC(in_truncated);
		break;
	case IPH_BAD_CSUM:
		IP_INC(in_csum_errors);
		break;
	case IPH_BAD_ADDR:
		IP_INC(in_addr_errors);
		break;
	default:
		IP_INC(in_hdr_errors);
		break;
	}
}

/* Is this datagram addressed to us (unicast to one of ours, or broadcast)? */
static bool ip_for_us(const struct sk_buff *skb, const struct iphdr *iph)
{
	struct net_device *dev = skb->dev;

	if (dev->flags & IFF_LOOPBACK)
		return true;
	if (ipv4_is_loopback(iph->daddr) || ipv4_is_loopback(iph->saddr))
		return false;	/* 127/8 must not arrive from a wire (martian) */
	return inet_addr_is_local(iph->daddr) || inet_addr_is_broadcast(iph->daddr);
}

void ip_rcv(struct sk_buff *skb)
{
	struct iphdr *iph;
	u32 hlen, tot;
	enum ip_hdr_verdict v;

	IP_INC(in_receives);
	v = ip_hdr_check(skb->data, skb->len, &hlen, &tot);
	if (v != IPH_OK) {
		ip_count_bad(v);
		goto drop;
	}
	skb_trim(skb, tot);
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	if (!ip_for_us(skb, iph)) {
		IP_INC(in_addr_errors);
		goto drop;
	}
	if (ntohs(iph->frag_off) & (IP_MF | IP_OFFSET)) {
		skb = ip_defrag(skb);
		if (!skb)
			return;	/* kept for later, or dropped and counted */
	}
	ip_local_deliver(skb);
	return;
drop:
	kfree_skb(skb);
}

void ip_local_deliver(struct sk_buff *skb)
{
	struct iphdr *iph = ip_hdr(skb);
	const struct inet_protocol *prot = inet_protos[iph->protocol];

	skb_pull(skb, iph_ihl(iph) * 4u);
	skb_reset_transport_header(skb);
	if (!prot) {
		IP_INC(in_unknown_protos);
		icmp_send(skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
		kfree_skb(skb);
		return;
	}
	IP_INC(in_delivers);
	prot->handler(skb);
}
