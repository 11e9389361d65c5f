/*
 * SYN cookies (RFC 4987 section 3.6): when a listener's SYN queue is
 * full, the SYN-ACK's initial sequence number carries what the
 * connection needs -- a keyed hash of the 4-tuple, the peer's ISN, a
 * minute counter and an index into a small table of MSS values -- and no
 * state is kept; the peer's final ACK (ack = cookie + 1) is checked and
 * the connection made from it. Pure code (kernel/net/ipv4/tcp_cookie.c),
 * host-tested by tests/unit/test_tcp.c.
 *
 *   cookie = H(key, tuple, ~0) + peer_isn + (count << 24)
 *            + ((H(key, tuple, count) + mss_index) & 0xffffff)
 *
 * H is ChaCha20 (lib/chacha20.h) used as a keyed function: the key is
 * the secret, the tuple the nonce and the counter the block counter. A
 * cookie is good for TCP_COOKIE_AGE_MAX counter steps (minutes). Without
 * TCP timestamps there is no room for window scaling, so a connection
 * made from a cookie has none (as on Linux).
 */
#ifndef NET_TCP_COOKIE_H
#define NET_TCP_COOKIE_H

#include <kernel/types.h>

#define TCP_COOKIE_AGE_MAX	2	/* counter steps a cookie stays good for */
#define TCP_COOKIE_NS		60000000000ull	/* one counter step: a minute */

struct tcp_cookie_key {
	u8 k[32];
};

/* The 4-tuple as seen from the listener: addresses and ports in network order. */
struct tcp_cookie_tuple {
	u32 laddr, raddr;
	u16 lport, rport;
};

/* The largest MSS of the table not above mss (the table's smallest if none is). */
u32 tcp_cookie_mss_index(u32 mss);
u32 tcp_cookie_mss(u32 index);

/* The cookie (our ISN) for a SYN with sequence peer_isn, at counter count. */
u32 tcp_cookie_make(const struct tcp_cookie_key *key, const struct tcp_cookie_tuple *t,
		    u32 peer_isn, u32 count, u32 mss_index);

/*
 * Check a cookie returned in an ACK (cookie = ack - 1, peer_isn = seq -
 * 1) at counter count: the MSS index it carries, or -1 if it is not one
 * of ours or too old.
 */
int tcp_cookie_check(const struct tcp_cookie_key *key, const struct tcp_cookie_tuple *t,
		     u32 peer_isn, u32 cookie, u32 count);

#endif /* NET_TCP_COOKIE_H */
