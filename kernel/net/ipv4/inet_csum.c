/*
 * The Internet checksum (RFC 1071): one's complement sum of 16-bit
 * big-endian words. Interface in net/inet_csum.h. Pure: no locks, no
 * allocation; tests/unit/test_inet_csum.c checks it against a
 * straightforward model.
 */
#include <net/inet_csum.h>

u32 csum_partial(const void *data, size_t len, u32 sum)
{
	const u8 *p = data;
	u64 acc = sum;

	while (len >= 2) {
		acc += (u32)(p[0] << 8 | p[1]);
		p += 2;
		len -= 2;
	}
	if (len)
		acc += (u32)p[0] << 8;
	while (acc >> 32)
		acc = (acc & 0xffffffffu) + (acc >> 32);
	return (u32)acc;
}

u16 csum_fold(u32 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

u32 csum_tcpudp_nofold(u32 saddr, u32 daddr, u8 proto, u16 len, u32 sum)
{
	u8 ph[12];

	/* The be32 addresses are already in wire order in memory. */
	__builtin_memcpy(ph, &saddr, 4);
	__builtin_memcpy(ph + 4, &daddr, 4);
	ph[8] = 0;
	ph[9] = proto;
	ph[10] = (u8)(len >> 8);
	ph[11] = (u8)len;
	return csum_partial(ph, sizeof(ph), sum);
}

u16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, ihl * 4u, 0));
}
