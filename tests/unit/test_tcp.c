/*
 * Unit tests for the pure parts of TCP: sequence arithmetic with
 * wrap-around (net/tcp_seq.h), the state machine's transitions against
 * RFC 9293's figure written out as a table here, the RFC 6298 RTO
 * estimator, and NewReno congestion-window evolution (kernel/net/ipv4/
 * tcp_cc.c): slow start, congestion avoidance, fast retransmit and
 * recovery (partial and full acks), and a retransmission timeout; SYN
 * cookies (kernel/net/ipv4/tcp_cookie.c): round trips, ageing, the MSS
 * table, and that a changed tuple, ISN or key is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>

#include "host_rename.h"
#include <kernel/compiler.h>
#include <net/tcp_cc.h>
#include <net/tcp_cookie.h>
#include <net/tcp_seq.h>

/* ---------------------------------------------------------------- sequence numbers */

static void test_seq_basic(void **state)
{
	(void)state;
	assert_true(seq_lt(1, 2));
	assert_false(seq_lt(2, 2));
	assert_true(seq_leq(2, 2));
	assert_true(seq_gt(3, 2));
	assert_true(seq_geq(3, 3));
	/* across the wrap: 0xfffffff0 is before 0x10 */
	assert_true(seq_lt(0xfffffff0u, 0x10u));
	assert_true(seq_gt(0x10u, 0xfffffff0u));
	assert_int_equal(seq_max(0xfffffff0u, 0x10u), 0x10u);
	assert_int_equal(seq_min(0xfffffff0u, 0x10u), 0xfffffff0u);
	/* half the space apart: still ordered one way */
	assert_true(seq_lt(0, 0x7fffffffu));
	assert_true(seq_gt(0, 0x80000001u));
	assert_true(seq_in(5, 0xfffffffbu, 10));
	assert_false(seq_in(10, 0xfffffffbu, 10));
	assert_true(seq_in(0xfffffffbu, 0xfffffffbu, 10));
}

static void test_seq_random(void **state)
{
	(void)state;
	srand(42);
	for (int i = 0; i < 200000; i++) {
		uint32_t a = (uint32_t)rand() * 2654435761u ^ (uint32_t)rand();
		uint32_t d = (uint32_t)rand() % 0x7fffffffu + 1;	/* 1 .. 2^31 - 1 */

		assert_true(seq_lt(a, a + d));
		assert_true(seq_gt(a + d, a));
		assert_false(seq_geq(a, a + d));
		assert_true(seq_in(a + d - 1, a, a + d));
		assert_false(seq_in(a + d, a, a + d));
	}
}

static void test_seq_acceptable(void **state)
{
	(void)state;
	/* RFC 9293's four cases, at a window that wraps */
	uint32_t nxt = 0xffffff00u;

	assert_true(seq_acceptable(nxt, 0, nxt, 0));
	assert_false(seq_acceptable(nxt + 1, 0, nxt, 0));
	assert_true(seq_acceptable(nxt + 0x200, 0, nxt, 0x1000));
	assert_false(seq_acceptable(nxt - 1, 0, nxt, 0x1000));
	assert_false(seq_acceptable(nxt, 10, nxt, 0));
	assert_true(seq_acceptable(nxt - 5, 10, nxt, 0x1000));	/* its end is in */
	assert_false(seq_acceptable(nxt - 20, 10, nxt, 0x1000));	/* old duplicate */
	assert_true(seq_acceptable(nxt + 0xfff, 10, nxt, 0x1000));
	assert_false(seq_acceptable(nxt + 0x1000, 10, nxt, 0x1000));
}

/* ---------------------------------------------------------------- the state machine */

struct trans {
	int from;
	enum tcp_event ev;
	int to;
};

/* RFC 9293 figure 5 (and 3.10.7's RST/timeout closes), written independently of tcp_cc.c. */
static const struct trans rfc_table[] = {
	{ TCP_CLOSE, TEV_PASSIVE_OPEN, TCP_LISTEN },
	{ TCP_CLOSE, TEV_ACTIVE_OPEN, TCP_SYN_SENT },
	{ TCP_LISTEN, TEV_RCV_SYN, TCP_SYN_RECV },
	{ TCP_LISTEN, TEV_CLOSE, TCP_CLOSE },
	{ TCP_SYN_SENT, TEV_RCV_SYNACK, TCP_ESTABLISHED },
	{ TCP_SYN_SENT, TEV_RCV_SYN, TCP_SYN_RECV },
	{ TCP_SYN_SENT, TEV_CLOSE, TCP_CLOSE },
	{ TCP_SYN_SENT, TEV_RCV_RST, TCP_CLOSE },
	{ TCP_SYN_SENT, TEV_TIMEOUT, TCP_CLOSE },
	{ TCP_SYN_RECV, TEV_RCV_ACK, TCP_ESTABLISHED },
	{ TCP_SYN_RECV, TEV_CLOSE, TCP_FIN_WAIT1 },
	{ TCP_SYN_RECV, TEV_RCV_RST, TCP_CLOSE },
	{ TCP_ESTABLISHED, TEV_CLOSE, TCP_FIN_WAIT1 },
	{ TCP_ESTABLISHED, TEV_RCV_FIN, TCP_CLOSE_WAIT },
	{ TCP_ESTABLISHED, TEV_RCV_RST, TCP_CLOSE },
	{ TCP_FIN_WAIT1, TEV_RCV_ACK, TCP_FIN_WAIT2 },
	{ TCP_FIN_WAIT1, TEV_RCV_FIN, TCP_CLOSING },
	{ TCP_FIN_WAIT2, TEV_RCV_FIN, TCP_TIME_WAIT },
	{ TCP_CLOSING, TEV_RCV_ACK, TCP_TIME_WAIT },
	{ TCP_TIME_WAIT, TEV_TIMEOUT, TCP_CLOSE },
	{ TCP_TIME_WAIT, TEV_RCV_FIN, TCP_TIME_WAIT },
	{ TCP_CLOSE_WAIT, TEV_CLOSE, TCP_LAST_ACK },
	{ TCP_LAST_ACK, TEV_RCV_ACK, TCP_CLOSE },
};

/* Transitions that must not exist. */
static const struct trans forbidden[] = {
	{ TCP_CLOSE, TEV_RCV_SYN, 0 },
	{ TCP_LISTEN, TEV_RCV_FIN, 0 },
	{ TCP_LISTEN, TEV_RCV_ACK, 0 },
	{ TCP_SYN_SENT, TEV_RCV_FIN, 0 },
	{ TCP_ESTABLISHED, TEV_RCV_SYNACK, 0 },
	{ TCP_ESTABLISHED, TEV_PASSIVE_OPEN, 0 },
	{ TCP_FIN_WAIT2, TEV_CLOSE, 0 },
	{ TCP_TIME_WAIT, TEV_CLOSE, 0 },
	{ TCP_CLOSE_WAIT, TEV_RCV_FIN, 0 },
	{ TCP_LAST_ACK, TEV_CLOSE, 0 },
};

static void test_state_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(rfc_table) / sizeof(rfc_table[0]); i++)
		assert_int_equal(tcp_next_state(rfc_table[i].from, rfc_table[i].ev), rfc_table[i].to);
	for (size_t i = 0; i < sizeof(forbidden) / sizeof(forbidden[0]); i++)
		assert_int_equal(tcp_next_state(forbidden[i].from, forbidden[i].ev), -1);
	/* every synchronized state dies on an acceptable RST */
	for (int s = TCP_ESTABLISHED; s < TCP_NSTATES; s++) {
		if (s == TCP_LISTEN || s == TCP_CLOSE)
			continue;
		assert_int_equal(tcp_next_state(s, TEV_RCV_RST), TCP_CLOSE);
	}
	assert_int_equal(tcp_next_state(0, TEV_CLOSE), -1);
	assert_int_equal(tcp_next_state(TCP_NSTATES, TEV_CLOSE), -1);
	assert_int_equal(tcp_next_state(TCP_CLOSE, TEV_NEVENTS), -1);
	assert_string_equal(tcp_state_name(TCP_TIME_WAIT), "TIME_WAIT");
	assert_string_equal(tcp_state_name(99), "?");
}

/* Walk the two canonical closes through the table. */
static void test_state_paths(void **state)
{
	static const enum tcp_event active[] = { TEV_ACTIVE_OPEN, TEV_RCV_SYNACK, TEV_CLOSE,
						 TEV_RCV_ACK, TEV_RCV_FIN, TEV_TIMEOUT };
	static const enum tcp_event passive[] = { TEV_PASSIVE_OPEN, TEV_RCV_SYN, TEV_RCV_ACK,
						  TEV_RCV_FIN, TEV_CLOSE, TEV_RCV_ACK };
	static const enum tcp_event simul[] = { TEV_ACTIVE_OPEN, TEV_RCV_SYNACK, TEV_CLOSE,
						TEV_RCV_FIN, TEV_RCV_ACK, TEV_TIMEOUT };
	int s = TCP_CLOSE;

	(void)state;
	for (size_t i = 0; i < 6; i++)
		s = tcp_next_state(s, active[i]);
	assert_int_equal(s, TCP_CLOSE);
	s = TCP_CLOSE;
	for (size_t i = 0; i < 6; i++) {
		s = tcp_next_state(s, passive[i]);
		assert_true(s > 0);
	}
	assert_int_equal(s, TCP_CLOSE);
	s = TCP_CLOSE;
	for (size_t i = 0; i < 4; i++)
		s = tcp_next_state(s, simul[i]);
	assert_int_equal(s, TCP_CLOSING);
	s = tcp_next_state(s, simul[4]);
	assert_int_equal(s, TCP_TIME_WAIT);
}

/* ---------------------------------------------------------------- RTO */

static void test_rto(void **state)
{
	struct tcp_rto r;

	(void)state;
	tcp_rto_init(&r);
	assert_int_equal(tcp_rto_current(&r), 1000000);
	tcp_rto_sample(&r, 100000);	/* 100 ms: srtt 100, rttvar 50, rto 100 + 200 */
	assert_int_equal(r.srtt_us, 100000);
	assert_int_equal(r.rttvar_us, 50000);
	assert_int_equal(tcp_rto_current(&r), 300000);
	tcp_rto_sample(&r, 100000);	/* rttvar 37.5 ms, srtt 100 ms */
	assert_int_equal(r.rttvar_us, 37500);
	assert_int_equal(r.srtt_us, 100000);
	assert_int_equal(tcp_rto_current(&r), 300000);	/* 4 * 37.5 < 200: the floor */
	tcp_rto_sample(&r, 500000);	/* rttvar = 28125 + 100000, srtt = 87500 + 62500 */
	assert_int_equal(r.rttvar_us, 128125);
	assert_int_equal(r.srtt_us, 150000);
	assert_int_equal(tcp_rto_current(&r), 150000 + 4 * 128125);
	/* loopback-like samples converge to the floor over srtt */
	for (int i = 0; i < 100; i++)
		tcp_rto_sample(&r, 50);
	assert_true(tcp_rto_current(&r) >= TCP_RTO_MIN_US);
	assert_true(tcp_rto_current(&r) < TCP_RTO_MIN_US + 1000);
	/* back-off doubles to the maximum */
	tcp_rto_init(&r);
	tcp_rto_sample(&r, 10000);
	u32 base = tcp_rto_current(&r);
	tcp_rto_backoff(&r);
	assert_int_equal(tcp_rto_current(&r), 2 * base);
	for (int i = 0; i < 30; i++)
		tcp_rto_backoff(&r);
	assert_int_equal(tcp_rto_current(&r), TCP_RTO_MAX_US);
	tcp_rto_sample(&r, 10000);	/* a new sample ends the back-off */
	assert_int_equal(r.backoff, 0);
	/* huge samples stay at the maximum */
	tcp_rto_sample(&r, 0xffffffffu);
	assert_int_equal(tcp_rto_current(&r), TCP_RTO_MAX_US);
}

/* ---------------------------------------------------------------- congestion control */

#define MSS 1000u

static void test_cc_slow_start_and_ca(void **state)
{
	struct tcp_cc cc;
	u32 una = 1001, cwnd;

	(void)state;
	tcp_cc_init(&cc, MSS, 1000);
	assert_int_equal(cc.cwnd, 10 * MSS);	/* IW10 */
	/* slow start: each ACK of 2 segments adds 2 MSS (ABC, L = 2) */
	for (int i = 0; i < 5; i++) {
		assert_int_equal(tcp_cc_on_ack(&cc, una + 2 * MSS, 2 * MSS, cc.cwnd), TCC_NONE);
		una += 2 * MSS;
	}
	assert_int_equal(cc.cwnd, 20 * MSS);
	/* one ACK of 8 segments adds at most 2 MSS */
	tcp_cc_on_ack(&cc, una + 8 * MSS, 8 * MSS, cc.cwnd);
	una += 8 * MSS;
	assert_int_equal(cc.cwnd, 22 * MSS);
	/* congestion avoidance: about one MSS per window's worth of acks */
	cc.ssthresh = cc.cwnd;
	cwnd = cc.cwnd;
	for (u32 acked = 0; acked < cwnd; acked += MSS) {
		tcp_cc_on_ack(&cc, una + MSS, MSS, cc.cwnd);
		una += MSS;
	}
	assert_int_equal(cc.cwnd, cwnd + MSS);
	for (u32 acked = 0; acked < cc.cwnd * 3; acked += MSS) {
		tcp_cc_on_ack(&cc, una + MSS, MSS, cc.cwnd);
		una += MSS;
	}
	assert_true(cc.cwnd >= cwnd + 3 * MSS && cc.cwnd <= cwnd + 4 * MSS);
}

static void test_cc_fast_recovery(void **state)
{
	struct tcp_cc cc;
	u32 una = 1001, nxt = una + 20 * MSS;

	(void)state;
	tcp_cc_init(&cc, MSS, 1000);
	cc.cwnd = 20 * MSS;
	/* first, a cumulative ack moves una past recover (the ISN) */
	tcp_cc_on_ack(&cc, una, 0, 20 * MSS);
	cc.cwnd = 20 * MSS;
	assert_int_equal(tcp_cc_on_dupack(&cc, 20 * MSS, una, nxt), TCC_NONE);
	assert_int_equal(tcp_cc_on_dupack(&cc, 20 * MSS, una, nxt), TCC_NONE);
	assert_int_equal(tcp_cc_on_dupack(&cc, 20 * MSS, una, nxt), TCC_RETRANSMIT);
	assert_true(cc.in_recovery);
	assert_int_equal(cc.ssthresh, 10 * MSS);
	assert_int_equal(cc.cwnd, 13 * MSS);
	assert_int_equal(cc.recover, nxt);
	/* more duplicates inflate */
	tcp_cc_on_dupack(&cc, 20 * MSS, una, nxt);
	tcp_cc_on_dupack(&cc, 20 * MSS, una, nxt);
	assert_int_equal(cc.cwnd, 15 * MSS);
	/* a partial ack (5 segments): retransmit the next hole, deflate by 5, add 1 */
	assert_int_equal(tcp_cc_on_ack(&cc, una + 5 * MSS, 5 * MSS, 20 * MSS), TCC_RETRANSMIT);
	una += 5 * MSS;
	assert_true(cc.in_recovery);
	assert_int_equal(cc.cwnd, 11 * MSS);
	/* the full ack ends recovery: cwnd = min(ssthresh, flight + MSS) */
	assert_int_equal(tcp_cc_on_ack(&cc, nxt, nxt - una, nxt - una), TCC_NONE);
	assert_false(cc.in_recovery);
	assert_int_equal(cc.cwnd, 2 * MSS);	/* RFC 6582: max(flight, MSS) + MSS */
	/* three duplicates below recover do not start a second recovery (RFC 6582) */
	tcp_cc_init(&cc, MSS, 1000);
	cc.recover = 5000;
	for (int i = 0; i < 3; i++)
		assert_int_equal(tcp_cc_on_dupack(&cc, 10 * MSS, 4000, 20000), TCC_NONE);
	assert_false(cc.in_recovery);
}

static void test_cc_rto(void **state)
{
	struct tcp_cc cc;

	(void)state;
	tcp_cc_init(&cc, MSS, 0);
	cc.cwnd = 40 * MSS;
	tcp_cc_on_rto(&cc, 30 * MSS, 77777);
	assert_int_equal(cc.cwnd, MSS);
	assert_int_equal(cc.ssthresh, 15 * MSS);
	assert_int_equal(cc.recover, 77777);
	/* a tiny flight still leaves ssthresh at two segments */
	tcp_cc_on_rto(&cc, MSS, 1);
	assert_int_equal(cc.ssthresh, 2 * MSS);
	/* slow start again from one segment up to ssthresh, then linear */
	u32 una = 2;
	for (int i = 0; i < 4; i++) {
		tcp_cc_on_ack(&cc, una + MSS, MSS, cc.cwnd);
		una += MSS;
	}
	assert_true(cc.cwnd >= 2 * MSS && cc.cwnd <= 4 * MSS);
}

/* ---------------------------------------------------------------- SYN cookies */

static const struct tcp_cookie_tuple cookie_t = { 0x0f02000a, 0x0202000a, 0x5000, 0x3412 };

static void cookie_key(struct tcp_cookie_key *k, unsigned int seed)
{
	for (unsigned int i = 0; i < sizeof(k->k); i++)
		k->k[i] = (u8)(seed * 131 + i * 7);
}

static void test_cookie_round_trip(void **state)
{
	struct tcp_cookie_key key;

	(void)state;
	cookie_key(&key, 1);
	/* every MSS index, counters across the 8-bit wrap, ISNs across the 32-bit wrap */
	for (u32 count = 250; count < 262; count++)
		for (u32 idx = 0; idx < 4; idx++)
			for (u32 isn = 0xfffffff0u; isn != 0x10u; isn++) {
				u32 c = tcp_cookie_make(&key, &cookie_t, isn, count, idx);

				assert_int_equal(tcp_cookie_check(&key, &cookie_t, isn, c, count), (int)idx);
				assert_int_equal(tcp_cookie_check(&key, &cookie_t, isn, c, count + 1), (int)idx);
				assert_int_equal(tcp_cookie_check(&key, &cookie_t, isn, c, count + 2), -1);
				assert_int_equal(tcp_cookie_check(&key, &cookie_t, isn, c, count - 1), -1);
			}
}

static void test_cookie_refused(void **state)
{
	struct tcp_cookie_key key, other;
	struct tcp_cookie_tuple t = cookie_t;
	int accepted = 0;
	u32 c;

	(void)state;
	cookie_key(&key, 1);
	cookie_key(&other, 2);
	c = tcp_cookie_make(&key, &cookie_t, 1000, 7, 3);
	assert_int_equal(tcp_cookie_check(&other, &cookie_t, 1000, c, 7), -1);
	/* another ISN (a small difference only moves the MSS index, as on Linux) */
	assert_int_equal(tcp_cookie_check(&key, &cookie_t, 1000 + 0x1000, c, 7), -1);
	t.rport = 0x3512;
	assert_int_equal(tcp_cookie_check(&key, &t, 1000, c, 7), -1);
	t = cookie_t;
	t.raddr ^= 0x01000000;
	assert_int_equal(tcp_cookie_check(&key, &t, 1000, c, 7), -1);
	/* guessing: of 100000 neighbouring values, about 4/2^24 of each pass by chance */
	for (u32 d = 1; d <= 100000; d++)
		accepted += tcp_cookie_check(&key, &cookie_t, 1000, c + d * 2654435761u, 7) >= 0;
	assert_true(accepted <= 2);
}

static void test_cookie_mss_table(void **state)
{
	(void)state;
	assert_int_equal(tcp_cookie_mss(tcp_cookie_mss_index(1460)), 1460);
	assert_int_equal(tcp_cookie_mss(tcp_cookie_mss_index(65495)), 1460);
	assert_int_equal(tcp_cookie_mss(tcp_cookie_mss_index(1459)), 1440);
	assert_int_equal(tcp_cookie_mss(tcp_cookie_mss_index(1400)), 1300);
	assert_int_equal(tcp_cookie_mss(tcp_cookie_mss_index(536)), 536);
	assert_int_equal(tcp_cookie_mss(tcp_cookie_mss_index(100)), 536);	/* never below 536 */
	assert_int_equal(tcp_cookie_mss(99), 536);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seq_basic),
		cmocka_unit_test(test_seq_random),
		cmocka_unit_test(test_seq_acceptable),
		cmocka_unit_test(test_state_table),
		cmocka_unit_test(test_state_paths),
		cmocka_unit_test(test_rto),
		cmocka_unit_test(test_cc_slow_start_and_ca),
		cmocka_unit_test(test_cc_fast_recovery),
		cmocka_unit_test(test_cc_rto),
		cmocka_unit_test(test_cookie_round_trip),
		cmocka_unit_test(test_cookie_refused),
		cmocka_unit_test(test_cookie_mss_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
