/*
 * The pure parts of TCP (kernel/net/ipv4/tcp_cc.c), compiled for the
 * host too (tests/unit/test_tcp_cc.c):
 *
 *  - the state machine's transitions as a table (RFC 9293 figure 5):
 *    tcp_next_state(state, event) -> the next state or -1 (not allowed);
 *  - the RTO estimator (RFC 6298) in microseconds, with Linux's bounds
 *    (at least srtt + 200 ms, at most 120 s) and exponential back-off;
 *  - congestion control (RFC 5681 slow start and congestion avoidance,
 *    RFC 6582 NewReno fast retransmit and recovery, RFC 6928 IW10), in
 *    bytes.
 *
 * No locks: the caller owns the structures (tcp.c: under "tcp_lock").
 */
#ifndef NET_TCP_CC_H
#define NET_TCP_CC_H

#include <kernel/types.h>

/* States, numbered as Linux (/proc/net/tcp "st", TCP_INFO tcpi_state). */
enum tcp_state {
	TCP_ESTABLISHED = 1,
	TCP_SYN_SENT,
	TCP_SYN_RECV,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_TIME_WAIT,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_LAST_ACK,
	TCP_LISTEN,
	TCP_CLOSING,
	TCP_NSTATES
};

enum tcp_event {
	TEV_ACTIVE_OPEN,	/* connect(): SYN sent */
	TEV_PASSIVE_OPEN,	/* listen() */
	TEV_RCV_SYN,		/* a listener's SYN made a child (the child's event), or simultaneous open */
	TEV_RCV_SYNACK,		/* our SYN acked, their SYN received */
	TEV_RCV_ACK,		/* an ACK that acknowledges our SYN or our FIN */
	TEV_RCV_FIN,		/* their FIN, in sequence */
	TEV_CLOSE,		/* close()/shutdown(SHUT_WR): our FIN (or nothing to send) */
	TEV_TIMEOUT,		/* 2MSL over, or retransmissions gave up */
	TEV_RCV_RST,		/* an acceptable RST */
	TEV_NEVENTS
};

/* The next state after ev in state, or -1 if ev is not valid there. Pure. */
int tcp_next_state(int state, enum tcp_event ev);
/* Linux's /proc name of a state ("ESTABLISHED", ...). */
const char *tcp_state_name(int state);

/* ---------------------------------------------------------------- RTO (RFC 6298) */

#define TCP_RTO_INIT_US	1000000u	/* 1 s before any sample */
#define TCP_RTO_MIN_US	200000u		/* Linux's tcp_rto_min */
#define TCP_RTO_MAX_US	120000000u	/* 120 s */

struct tcp_rto {
	u32 srtt_us;		/* smoothed RTT (0: no sample yet) */
	u32 rttvar_us;		/* RTT variation */
	u32 rto_us;		/* the timeout before back-off */
	u32 backoff;		/* doublings since the last new ack */
};

void tcp_rto_init(struct tcp_rto *r);
/* A measured round trip (Karn: never of a retransmitted segment). Resets the back-off. */
void tcp_rto_sample(struct tcp_rto *r, u32 rtt_us);
/* A retransmission timeout: double the timeout (to the maximum). */
void tcp_rto_backoff(struct tcp_rto *r);
/* The timeout now: rto << backoff, at most TCP_RTO_MAX_US. */
u32 tcp_rto_current(const struct tcp_rto *r);

/* ---------------------------------------------------------------- congestion control */

#define TCP_INIT_CWND 10	/* segments (RFC 6928) */

struct tcp_cc {
	u32 mss;		/* sender MSS, bytes */
	u32 cwnd;		/* congestion window, bytes */
	u32 ssthresh;		/* slow-start threshold, bytes */
	u32 dupacks;		/* duplicate ACKs in a row */
	u32 recover;		/* NewReno: snd_nxt when recovery began */
	u32 ca_acked;		/* congestion avoidance: bytes acked toward the next increase */
	bool in_recovery;	/* fast recovery */
};

enum tcp_cc_action {
	TCC_NONE,
	TCC_RETRANSMIT,		/* retransmit the first unacknowledged segment now */
};

/* Start: cwnd IW10, ssthresh "infinite"; iss is the initial send sequence. */
void tcp_cc_init(struct tcp_cc *cc, u32 mss, u32 iss);
/*
 * An ACK that advanced snd_una by acked bytes to ack; flight = bytes
 * outstanding before it (snd_nxt - old snd_una). Slow start / CA, or
 * NewReno's partial (TCC_RETRANSMIT) and full acks.
 */
enum tcp_cc_action tcp_cc_on_ack(struct tcp_cc *cc, u32 ack, u32 acked, u32 flight);
/*
 * A duplicate ACK (RFC 5681's definition) with flight bytes outstanding,
 * snd_una and snd_nxt: the third starts fast retransmit (TCC_RETRANSMIT)
 * unless snd_una has not passed recover; later ones inflate the window.
 */
enum tcp_cc_action tcp_cc_on_dupack(struct tcp_cc *cc, u32 flight, u32 snd_una, u32 snd_nxt);
/* A retransmission timeout with flight bytes outstanding: ssthresh halves, cwnd one segment. */
void tcp_cc_on_rto(struct tcp_cc *cc, u32 flight, u32 snd_nxt);

#endif /* NET_TCP_CC_H */
