/*
 * IPv4 output: routing, the header, fragmentation and the hand-off to
 * the neighbour layer (ARP). Interface in net/ip.h.
 *
 * Fragmentation copies: each fragment is a fresh skb with the original
 * header (options are not copied: Kestrel sends none) and a slice of the
 * payload, a multiple of 8 bytes except the last. The original is freed.
 *
 * Identification numbers come from one atomic counter (seeded at random
 * at first use) -- enough for a host that is not a router.
 *
 * No locks of its own.
 */
#include <kernel/random.h>
#include <lib/string.h>
#include <net/arp.h>
#include <net/inet_csum.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <uapi/errno.h>

static atomic_t ip_ident;	/* [a] */

static u16 ip_next_id(void)
{
	return (u16)atomic_add_return(&ip_ident, 1);
}

/* One fragment of the datagram orig: payload bytes [off, off + len). NULL if out of memory. */
static struct sk_buff *ip_make_fragment(const struct sk_buff *orig, u32 off, u32 len, bool last)
{
	const struct iphdr *oiph = (const struct iphdr *)orig->data;
	u32 hlen = iph_ihl(oiph) * 4u;
	u16 ofl = ntohs(oiph->frag_off);
	struct sk_buff *f = skb_alloc_tx(sizeof(struct iphdr) + len, GFP_KERNEL);
	struct iphdr *iph;

	if (!f)
		return NULL;
	iph = (struct iphdr *)skb_put(f, sizeof(struct iphdr));
	skb_put_data(f, orig->data + hlen + off, len);
	/* A fragment of a fragment keeps the MF of the original on its last piece. */
	ofl = (u16)((ofl & IP_OFFSET) + off / 8) | ((!last || (ofl & IP_MF)) ? IP_MF : 0);
	ip_build_header(iph, oiph->saddr, oiph->daddr, oiph->protocol,
			(u16)(sizeof(struct iphdr) + len), ntohs(oiph->id), ofl, oiph->ttl, oiph->tos);
	f->dev = orig->dev;
	f->protocol = ETH_P_IP;
	skb_reset_network_header(f);
	return f;
}

/* Send skb (data at the IP header, longer than mtu) as fragments. Consumes skb. */
static int ip_fragment(struct sk_buff *skb, struct net_device *dev, u32 nexthop)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	u32 hlen = iph_ihl(iph) * 4u, payload = skb->len - hlen;
	u32 chunk = (dev->mtu - sizeof(struct iphdr)) & ~7u;
	int err = 0;

	if (ntohs(iph->frag_off) & IP_DF) {
		IP_INC(frag_fails);
		kfree_skb(skb);
		return -EMSGSIZE;
	}
	for (u32 off = 0; off < payload && !err; off += chunk) {
		u32 len = MIN(chunk, payload - off);
		struct sk_buff *f = ip_make_fragment(skb, off, len, off + len == payload);

		if (!f) {
			err = -ENOMEM;
			break;
		}
		IP_INC(frag_creates);
		err = arp_output(f, dev, nexthop);
	}
	if (err)
		IP_INC(frag_fails);
	else
		IP_INC(frag_oks);
	kfree_skb(skb);
	return err;
}

int ip_finish_output(struct sk_buff *skb, struct net_device *dev, u32 nexthop)
{
	skb->dev = dev;
	skb->protocol = ETH_P_IP;
	if (skb->len > dev->mtu)
		return ip_fragment(skb, dev, nexthop);
	return arp_output(skb, dev, nexthop);
}

int ip_route_output_oif(u32 daddr, int oif, struct rt_result *rt)
{
	struct net_device *dev;
	int err;

	if (oif && daddr == INADDR_BROADCAST) {
		dev = dev_get_by_index(oif);
		if (!dev)
			return -ENODEV;
		rt->dev = dev;
		rt->saddr = READ_ONCE(dev->ip_addr);
		rt->nexthop = daddr;
		rt->flags = RTF_UP;
		return 0;
	}
	err = ip_route_output(daddr, rt);
	if (!err && oif && rt->dev->ifindex != oif && !(rt->dev->flags & IFF_LOOPBACK))
		err = -ENETUNREACH;
	return err;
}

int ip_output(struct sk_buff *skb, u32 saddr, u32 daddr, u8 proto, u8 ttl, u8 tos, bool df)
{
	return ip_output_oif(skb, saddr, daddr, proto, ttl, tos, df, 0);
}

int ip_output_oif(struct sk_buff *skb, u32 saddr, u32 daddr, u8 proto, u8 ttl, u8 tos, bool df,
		  int oif)
{
	struct rt_result rt;
	struct iphdr *iph;
	u32 tot = skb->len + sizeof(struct iphdr);
	int err;

	IP_INC(out_requests);
	if (tot > IP_MAX_LEN) {
		err = -EMSGSIZE;
		goto drop;
	}
	err = ip_route_output_oif(daddr, oif, &rt);
	if (err)
		goto drop;
	if (saddr == INADDR_ANY)
		saddr = rt.saddr;
	if (df && tot > rt.dev->mtu) {
		err = -EMSGSIZE;
		goto drop;
	}
	if (atomic_read(&ip_ident) == 0)
		atomic_set(&ip_ident, (int)get_random_u32() | 1);
	iph = (struct iphdr *)skb_push(skb, sizeof(struct iphdr));
	ip_build_header(iph, saddr, daddr, proto, (u16)tot, ip_next_id(), df ? IP_DF : 0,
			ttl ? ttl : IP_DEFAULT_TTL, tos);
	skb_reset_network_header(skb);
	return ip_finish_output(skb, rt.dev, rt.nexthop);
drop:
	IP_INC(out_discards);
	kfree_skb(skb);
	return err;
}
