/*
 * TCP sequence-number arithmetic (RFC 9293 3.4): 32-bit numbers compared
 * modulo 2^32, so "a before b" means b - a, read as signed, is positive.
 * Valid while the two numbers are less than 2^31 apart, which the window
 * rules guarantee. Pure, header-only (host unit test: test_tcp_seq).
 */
#ifndef NET_TCP_SEQ_H
#define NET_TCP_SEQ_H

#include <kernel/types.h>

static inline bool seq_lt(u32 a, u32 b) { return (s32)(a - b) < 0; }
static inline bool seq_leq(u32 a, u32 b) { return (s32)(a - b) <= 0; }
static inline bool seq_gt(u32 a, u32 b) { return (s32)(a - b) > 0; }
static inline bool seq_geq(u32 a, u32 b) { return (s32)(a - b) >= 0; }
/* Is s in [lo, hi) (mod 2^32)? */
static inline bool seq_in(u32 s, u32 lo, u32 hi) { return s - lo < hi - lo; }
static inline u32 seq_max(u32 a, u32 b) { return seq_gt(a, b) ? a : b; }
static inline u32 seq_min(u32 a, u32 b) { return seq_lt(a, b) ? a : b; }

/*
 * RFC 9293 3.10.7.4's acceptability test: a segment of len bytes (SYN
 * and FIN counted) starting at seq, against the receive window [rcv_nxt,
 * rcv_nxt + rcv_wnd).
 */
static inline bool seq_acceptable(u32 seq, u32 len, u32 rcv_nxt, u32 rcv_wnd)
{
	if (len == 0) {
		if (rcv_wnd == 0)
			return seq == rcv_nxt;
		return seq_in(seq, rcv_nxt, rcv_nxt + rcv_wnd);
	}
	if (rcv_wnd == 0)
		return false;
	return seq_in(seq, rcv_nxt, rcv_nxt + rcv_wnd) ||
	       seq_in(seq + len - 1, rcv_nxt, rcv_nxt + rcv_wnd);
}

#endif /* NET_TCP_SEQ_H */
