/*
 * The pure parts of TCP: the state-transition table, the RFC 6298 RTO
 * estimator and NewReno congestion control (interface and rules in
 * <net/tcp_cc.h>). No locks, no kernel services: host-tested.
 */
#include <kernel/compiler.h>
#include <net/tcp_cc.h>
#include <net/tcp_seq.h>

#define S(x) [TCP_##x]
#define E(x) [TEV_##x]

/* next[state][event]: 0 means "not allowed" (no state is numbered 0). */
static const u8 tcp_table[TCP_NSTATES][TEV_NEVENTS] = {
	S(CLOSE) = { E(ACTIVE_OPEN) = TCP_SYN_SENT, E(PASSIVE_OPEN) = TCP_LISTEN,
		     E(CLOSE) = TCP_CLOSE },
	S(LISTEN) = { E(RCV_SYN) = TCP_SYN_RECV, E(CLOSE) = TCP_CLOSE,
		      E(PASSIVE_OPEN) = TCP_LISTEN },
	S(SYN_SENT) = { E(RCV_SYNACK) = TCP_ESTABLISHED, E(RCV_SYN) = TCP_SYN_RECV,
			E(CLOSE) = TCP_CLOSE, E(TIMEOUT) = TCP_CLOSE, E(RCV_RST) = TCP_CLOSE },
	S(SYN_RECV) = { E(RCV_ACK) = TCP_ESTABLISHED, E(CLOSE) = TCP_FIN_WAIT1,
			E(TIMEOUT) = TCP_CLOSE, E(RCV_RST) = TCP_CLOSE },
	S(ESTABLISHED) = { E(CLOSE) = TCP_FIN_WAIT1, E(RCV_FIN) = TCP_CLOSE_WAIT,
			   E(TIMEOUT) = TCP_CLOSE, E(RCV_RST) = TCP_CLOSE },
	S(FIN_WAIT1) = { E(RCV_ACK) = TCP_FIN_WAIT2, E(RCV_FIN) = TCP_CLOSING,
			 E(TIMEOUT) = TCP_CLOSE, E(RCV_RST) = TCP_CLOSE },
	S(FIN_WAIT2) = { E(RCV_FIN) = TCP_TIME_WAIT, E(TIMEOUT) = TCP_CLOSE,
			 E(RCV_RST) = TCP_CLOSE },
	S(CLOSING) = { E(RCV_ACK) = TCP_TIME_WAIT, E(TIMEOUT) = TCP_CLOSE, E(RCV_RST) = TCP_CLOSE },
	S(TIME_WAIT) = { E(RCV_FIN) = TCP_TIME_WAIT, E(TIMEOUT) = TCP_CLOSE,
			 E(RCV_RST) = TCP_CLOSE },
	S(CLOSE_WAIT) = { E(CLOSE) = TCP_LAST_ACK, E(TIMEOUT) = TCP_CLOSE, E(RCV_RST) = TCP_CLOSE },
	S(LAST_ACK) = { E(RCV_ACK) = TCP_CLOSE, E(TIMEOUT) = TCP_CLOSE, E(RCV_RST) = TCP_CLOSE },
};

int tcp_next_state(int state, enum tcp_event ev)
{
	if (state <= 0 || state >= TCP_NSTATES || (int)ev < 0 || ev >= TEV_NEVENTS)
		return -1;
	return tcp_table[state][ev] ? tcp_table[state][ev] : -1;
}

static const char *const tcp_names[TCP_NSTATES] = {
	S(ESTABLISHED) = "ESTABLISHED", S(SYN_SENT) = "SYN_SENT", S(SYN_RECV) = "SYN_RECV",
	S(FIN_WAIT1) = "FIN_WAIT1", S(FIN_WAIT2) = "FIN_WAIT2", S(TIME_WAIT) = "TIME_WAIT",
	S(CLOSE) = "CLOSE", S(CLOSE_WAIT) = "CLOSE_WAIT", S(LAST_ACK) = "LAST_ACK",
	S(LISTEN) = "LISTEN", S(CLOSING) = "CLOSING",
};

const char *tcp_state_name(int state)
{
	if (state <= 0 || state >= TCP_NSTATES)
		return "?";
	return tcp_names[state];
}

/* ---------------------------------------------------------------- RTO */

void tcp_rto_init(struct tcp_rto *r)
{
	r->srtt_us = 0;
	r->rttvar_us = 0;
	r->rto_us = TCP_RTO_INIT_US;
	r->backoff = 0;
}

static u32 absdiff(u32 a, u32 b)
{
	return a > b ? a - b : b - a;
}

/*
 * RFC 6298 2.2/2.3 with alpha 1/8, beta 1/4; RTO = SRTT + max(4 RTTVAR,
 * 200 ms): Linux's floor, which keeps a loopback RTO near 200 ms.
 */
void tcp_rto_sample(struct tcp_rto *r, u32 rtt_us)
{
	u64 rto;

	if (rtt_us == 0)
		rtt_us = 1;
	if (!r->srtt_us) {
		r->srtt_us = rtt_us;
		r->rttvar_us = rtt_us / 2;
	} else {
		r->rttvar_us = r->rttvar_us - r->rttvar_us / 4 + absdiff(r->srtt_us, rtt_us) / 4;
		r->srtt_us = r->srtt_us - r->srtt_us / 8 + rtt_us / 8;
		if (!r->srtt_us)
			r->srtt_us = 1;
	}
	rto = (u64)r->srtt_us + MAX((u64)4 * r->rttvar_us, (u64)TCP_RTO_MIN_US);
	r->rto_us = rto > TCP_RTO_MAX_US ? TCP_RTO_MAX_US : (u32)rto;
	r->backoff = 0;
}

void tcp_rto_backoff(struct tcp_rto *r)
{
	if (r->backoff < 16)
		r->backoff++;
}

u32 tcp_rto_current(const struct tcp_rto *r)
{
	u64 t = (u64)r->rto_us << r->backoff;

	return t > TCP_RTO_MAX_US ? TCP_RTO_MAX_US : (u32)t;
}

/* ---------------------------------------------------------------- congestion control */

void tcp_cc_init(struct tcp_cc *cc, u32 mss, u32 iss)
{
	cc->mss = mss ? mss : 536;
	cc->cwnd = TCP_INIT_CWND * cc->mss;
	cc->ssthresh = 0x7fffffff;
	cc->dupacks = 0;
	cc->recover = iss;
	cc->ca_acked = 0;
	cc->in_recovery = false;
}

static u32 cc_half_flight(const struct tcp_cc *cc, u32 flight)
{
	return MAX(flight / 2, 2 * cc->mss);
}

enum tcp_cc_action tcp_cc_on_ack(struct tcp_cc *cc, u32 ack, u32 acked, u32 flight)
{
	cc->dupacks = 0;
	if (cc->in_recovery) {
		if (seq_geq(ack, cc->recover)) {
			/* full ack (RFC 6582 3.2 step 3): deflate */
			u32 left = flight > acked ? flight - acked : 0;

			cc->cwnd = MIN(cc->ssthresh, MAX(left, cc->mss) + cc->mss);
			cc->in_recovery = false;
			cc->ca_acked = 0;
			return TCC_NONE;
		}
		/* partial ack: deflate by what it acked, add one segment back, retransmit */
		cc->cwnd = cc->cwnd > acked ? cc->cwnd - acked : cc->mss;
		if (acked >= cc->mss)
			cc->cwnd += cc->mss;
		if (cc->cwnd < cc->mss)
			cc->cwnd = cc->mss;
		return TCC_RETRANSMIT;
	}
	if (cc->cwnd < cc->ssthresh) {
		/* slow start, appropriate byte counting with L = 2 (RFC 3465) */
		cc->cwnd += MIN(acked, 2 * cc->mss);
	} else {
		cc->ca_acked += acked;
		if (cc->ca_acked >= cc->cwnd) {
			cc->ca_acked -= cc->cwnd;
			cc->cwnd += cc->mss;
		}
	}
	if (cc->cwnd > 0x3fffffff)
		cc->cwnd = 0x3fffffff;
	return TCC_NONE;
}

enum tcp_cc_action tcp_cc_on_dupack(struct tcp_cc *cc, u32 flight, u32 snd_una, u32 snd_nxt)
{
	if (cc->in_recovery) {
		cc->cwnd += cc->mss;	/* inflate: a segment left the network */
		return TCC_NONE;
	}
	if (++cc->dupacks != 3)
		return TCC_NONE;
	/* RFC 6582 3.2 step 1: only if the cumulative ack passed recover */
	if (!seq_gt(snd_una, cc->recover))
		return TCC_NONE;
	cc->ssthresh = cc_half_flight(cc, flight);
	cc->recover = snd_nxt;
	cc->cwnd = cc->ssthresh + 3 * cc->mss;
	cc->in_recovery = true;
	return TCC_RETRANSMIT;
}

void tcp_cc_on_rto(struct tcp_cc *cc, u32 flight, u32 snd_nxt)
{
	cc->ssthresh = cc_half_flight(cc, flight);
	cc->cwnd = cc->mss;
	cc->dupacks = 0;
	cc->ca_acked = 0;
	cc->in_recovery = false;
	cc->recover = snd_nxt;
}
