/*
 * Pure IPv4 helpers (no locks, no allocation; host-tested by
 * tests/unit/test_ip_hdr.c): header validation and construction, the ip=
 * boot option and dotted quads. Interface in net/ip.h.
 */
#include <lib/string.h>
#include <net/inet_csum.h>
#include <net/ip.h>
#include <uapi/errno.h>

enum ip_hdr_verdict ip_hdr_check(const void *p, u32 len, u32 *hlen, u32 *tot_len)
{
	const struct iphdr *iph = p;
	u32 ihl, tot, off;

	if (len < sizeof(struct iphdr))
		return IPH_TRUNCATED;
	if ((iph->version_ihl >> 4) != 4)
		return IPH_BAD_VERSION;
	ihl = iph_ihl(iph) * 4u;
	if (ihl < sizeof(struct iphdr))
		return IPH_BAD_IHL;
	if (ihl > len)
		return IPH_TRUNCATED;
	tot = ntohs(iph->tot_len);
	if (tot < ihl)
		return IPH_BAD_LEN;
	if (tot > len)
		return IPH_TRUNCATED;
	if (ip_fast_csum(iph, iph_ihl(iph)) != 0)
		return IPH_BAD_CSUM;
	if (iph->ttl == 0)
		return IPH_BAD_TTL;
	off = (ntohs(iph->frag_off) & IP_OFFSET) * 8u;
	if (off + (tot - ihl) > IP_MAX_LEN - ihl)
		return IPH_BAD_FRAG;
	if (ipv4_is_multicast(iph->saddr) || iph->saddr == INADDR_BROADCAST || iph->daddr == 0)
		return IPH_BAD_ADDR;
	*hlen = ihl;
	*tot_len = tot;
	return IPH_OK;
}

void ip_build_header(struct iphdr *iph, u32 saddr, u32 daddr, u8 proto, u16 tot_len,
		     u16 id, u16 frag_off, u8 ttl, u8 tos)
{
	iph->version_ihl = 4 << 4 | 5;
	iph->tos = tos;
	iph->tot_len = htons(tot_len);
	iph->id = htons(id);
	iph->frag_off = htons(frag_off);
	iph->ttl = ttl;
	iph->protocol = proto;
	iph->check = 0;
	iph->saddr = saddr;
	iph->daddr = daddr;
	iph->check = htons(ip_fast_csum(iph, 5));
}

int inet_aton_strict(const char *s, size_t len, u32 *addr)
{
	u32 parts[4], n = 0, v = 0;
	bool digit = false;

	for (size_t i = 0; i <= len; i++) {
		char c = i < len ? s[i] : '.';

		if (c >= '0' && c <= '9') {
			v = v * 10 + (u32)(c - '0');
			if (v > 255)
				return -EINVAL;
			digit = true;
		} else if (c == '.' && digit && n < 4) {
			parts[n++] = v;
			v = 0;
			digit = false;
		} else {
			return -EINVAL;
		}
	}
	if (n != 4)
		return -EINVAL;
	*addr = IPV4_ADDR(parts[0], parts[1], parts[2], parts[3]);
	return 0;
}

/* One field of ip=: field index i, text [f, f + n). */
static int ipconfig_field(struct ipconfig *cfg, int i, const char *f, size_t n)
{
	if (n == 0)
		return 0;
	switch (i) {
	case 0:
		return inet_aton_strict(f, n, &cfg->addr);
	case 2:
		return inet_aton_strict(f, n, &cfg->gateway);
	case 3:
		return inet_aton_strict(f, n, &cfg->mask);
	case 5:
		if (n >= sizeof(cfg->device))
			return -EINVAL;
		memcpy(cfg->device, f, n);
		cfg->device[n] = '\0';
		return 0;
	default:	/* server, hostname, autoconf and the DNS fields: not used here */
		return 0;
	}
}

int ipconfig_parse(const char *s, struct ipconfig *cfg)
{
	int field = 0;

	if (strcmp(s, "off") == 0 || strcmp(s, "none") == 0) {
		cfg->off = true;
		return 0;
	}
	for (;;) {
		const char *colon = strchr(s, ':');
		size_t n = colon ? (size_t)(colon - s) : strlen(s);
		int err = ipconfig_field(cfg, field++, s, n);

		if (err)
			return err;
		if (!colon)
			return 0;
		s = colon + 1;
	}
}
