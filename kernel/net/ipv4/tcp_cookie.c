/*
 * SYN cookies: making and checking them. Design and formula in
 * <net/tcp_cookie.h>; the listener's side is in tcp.c.
 */
#include <lib/chacha20.h>
#include <lib/string.h>
#include <net/tcp_cookie.h>

#define COOKIE_BITS	24
#define COOKIE_MASK	((1u << COOKIE_BITS) - 1)
#define COUNTER_FIXED	0xffffffffu	/* the block counter of the count-free hash */

/* Linux's IPv4 table: the common MSS values, smallest first. */
static const u16 cookie_mss_table[] = { 536, 1300, 1440, 1460 };
#define COOKIE_MSS_N	(sizeof(cookie_mss_table) / sizeof(cookie_mss_table[0]))

u32 tcp_cookie_mss_index(u32 mss)
{
	u32 i = COOKIE_MSS_N - 1;

	while (i > 0 && cookie_mss_table[i] > mss)
		i--;
	return i;
}

u32 tcp_cookie_mss(u32 index)
{
	return cookie_mss_table[index < COOKIE_MSS_N ? index : 0];
}

/* The first word of ChaCha20's block for (key, counter, tuple as the nonce). */
static u32 cookie_hash(const struct tcp_cookie_key *key, const struct tcp_cookie_tuple *t, u32 counter)
{
	u8 nonce[CHACHA20_NONCE_SIZE], out[CHACHA20_BLOCK_SIZE];
	u32 state[16], h;

	memcpy(nonce, &t->laddr, 4);
	memcpy(nonce + 4, &t->raddr, 4);
	memcpy(nonce + 8, &t->lport, 2);
	memcpy(nonce + 10, &t->rport, 2);
	chacha20_init(state, key->k, counter, nonce);
	chacha20_block(state, out);
	memcpy(&h, out, sizeof(h));
	memset(state, 0, sizeof(state));
	return h;
}

u32 tcp_cookie_make(const struct tcp_cookie_key *key, const struct tcp_cookie_tuple *t,
		    u32 peer_isn, u32 count, u32 mss_index)
{
	return cookie_hash(key, t, COUNTER_FIXED) + peer_isn + (count << COOKIE_BITS) +
	       ((cookie_hash(key, t, count) + mss_index) & COOKIE_MASK);
}

int tcp_cookie_check(const struct tcp_cookie_key *key, const struct tcp_cookie_tuple *t,
		     u32 peer_isn, u32 cookie, u32 count)
{
	u32 v = cookie - cookie_hash(key, t, COUNTER_FIXED) - peer_isn;
	u32 age = (count - (v >> COOKIE_BITS)) & (0xffffffffu >> COOKIE_BITS);
	u32 index;

	if (age >= TCP_COOKIE_AGE_MAX)
		return -1;
	index = (v - cookie_hash(key, t, count - age)) & COOKIE_MASK;
	return index < COOKIE_MSS_N ? (int)index : -1;
}
