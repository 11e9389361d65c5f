/*
 * Network byte order. RISC-V (as Kestrel runs it) is little-endian; the
 * wire is big-endian. Fields that hold network-order values say so
 * ("be16", "be32" in comments); the types stay u16/u32.
 */
#ifndef NET_BYTEORDER_H
#define NET_BYTEORDER_H

#include <kernel/types.h>

/* Written out: the kernel links no libgcc (no __bswapsi2 for rv64imac). */
static inline u16 net_swab16(u16 v) { return (u16)(v << 8 | v >> 8); }
static inline u32 net_swab32(u32 v)
{
	return v << 24 | (v & 0xff00u) << 8 | (v >> 8 & 0xff00u) | v >> 24;
}
static inline u16 htons(u16 v) { return net_swab16(v); }
static inline u16 ntohs(u16 v) { return net_swab16(v); }
static inline u32 htonl(u32 v) { return net_swab32(v); }
static inline u32 ntohl(u32 v) { return net_swab32(v); }
/* Length of a netmask's prefix (be32; contiguous masks only). */
static inline int inet_mask_len(u32 mask)
{
	int n = 0;

	for (u32 m = net_swab32(mask); m & 0x80000000u; m <<= 1)
		n++;
	return n;
}

/* a.b.c.d as a network-order u32. */
#define IPV4_ADDR(a, b, c, d) \
	((u32)(a) | (u32)(b) << 8 | (u32)(c) << 16 | (u32)(d) << 24)

/* Unaligned big-endian loads and stores (wire headers need not be aligned). */
static inline u16 get_be16(const void *p)
{
	const u8 *b = p;
	return (u16)(b[0] << 8 | b[1]);
}
static inline u32 get_be32(const void *p)
{
	const u8 *b = p;
	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}
static inline void put_be16(void *p, u16 v)
{
	u8 *b = p;
	b[0] = (u8)(v >> 8);
	b[1] = (u8)v;
}

#endif /* NET_BYTEORDER_H */
