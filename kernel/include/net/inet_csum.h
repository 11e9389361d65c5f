/*
 * The Internet checksum (RFC 1071) and the IPv4 pseudo header
 * (kernel/net/ipv4/inet_csum.c; pure, also built for the host tests).
 *
 * A partial sum is a u32 of 16-bit big-endian words added with
 * end-around carry folded in lazily; csum_fold() turns it into the
 * 16-bit one's complement checksum ready to store (host order: store it
 * with put_be16). A packet is valid when the checksum over it, its
 * checksum field included, folds to 0.
 */
#ifndef NET_INET_CSUM_H
#define NET_INET_CSUM_H

#include <kernel/types.h>

/* Add len bytes at data (any alignment, odd lengths padded with a zero byte) to sum. */
u32 csum_partial(const void *data, size_t len, u32 sum);
/* Fold a partial sum and complement it: the checksum field value (host order). */
u16 csum_fold(u32 sum);
/* The sum of the IPv4 pseudo header (addresses be32, proto, length of the transport segment). */
u32 csum_tcpudp_nofold(u32 saddr, u32 daddr, u8 proto, u16 len, u32 sum);
/* Checksum of an IPv4 header of ihl 32-bit words (0 if the stored one is right). */
u16 ip_fast_csum(const void *iph, unsigned int ihl);

#endif /* NET_INET_CSUM_H */
