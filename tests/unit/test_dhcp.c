/*
 * Unit tests for the DHCP client's packet code, user/lib/dhcp.c: the
 * DISCOVER and REQUEST it builds (fixed fields, options), the replies it
 * accepts (an OFFER and an ACK as QEMU's slirp sends them), the ones it
 * refuses (other xid, other MAC, no cookie, options past the end, no end
 * option, every truncation, random flips under ASan), the /etc/network.conf
 * reader, the renewal REQUEST (ciaddr, no broadcast flag, no 50/54) and the
 * lease timers: T1/T2 from options 58/59 or 1/2 and 7/8 of the lease, the
 * state at each boundary, RFC 2131's retransmission (half the time left,
 * at least 60 s, never past T2 or the expiry), infinite leases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "dhcp.h"

#define XID 0xdeadbeefu

static const uint8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

static struct in_addr ip(const char *s)
{
	struct in_addr a;

	assert_int_equal(inet_pton(AF_INET, s, &a), 1);
	return a;
}

static void check_addr(struct in_addr a, const char *want)
{
	char buf[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

/* The value of option code in a built request, or NULL; *len its length. */
static const uint8_t *find_opt(const uint8_t *b, size_t n, uint8_t code, uint8_t *len)
{
	for (size_t pos = 240; pos + 1 < n && b[pos] != 255;) {
		if (b[pos] == 0) {
			pos++;
			continue;
		}
		if (b[pos] == code) {
			*len = b[pos + 1];
			return b + pos + 2;
		}
		pos += 2u + b[pos + 1];
	}
	return NULL;
}

static void test_build_discover_request(void **state)
{
	uint8_t b[DHCP_MAX_LEN], len;
	struct in_addr none = { 0 };
	const uint8_t *v;
	size_t n;

	(void)state;
	n = dhcp_build(b, sizeof(b), DHCP_DISCOVER, XID, mac, none, none);
	assert_int_equal(n, DHCP_MIN_LEN);
	assert_int_equal(b[0], 1);
	assert_int_equal(b[1], 1);
	assert_int_equal(b[2], 6);
	assert_memory_equal(b + 4, "\xde\xad\xbe\xef", 4);
	assert_int_equal(b[10], 0x80);
	assert_memory_equal(b + 28, mac, 6);
	assert_memory_equal(b + 236, "\x63\x82\x53\x63", 4);
	v = find_opt(b, n, 53, &len);
	assert_non_null(v);
	assert_int_equal(len, 1);
	assert_int_equal(v[0], DHCP_DISCOVER);
	assert_null(find_opt(b, n, 50, &len));
	assert_null(find_opt(b, n, 54, &len));
	assert_non_null(find_opt(b, n, 55, &len));

	n = dhcp_build(b, sizeof(b), DHCP_REQUEST, XID, mac, ip("10.0.2.15"), ip("10.0.2.2"));
	v = find_opt(b, n, 53, &len);
	assert_int_equal(v[0], DHCP_REQUEST);
	v = find_opt(b, n, 50, &len);
	assert_non_null(v);
	assert_int_equal(len, 4);
	assert_memory_equal(v, "\x0a\x00\x02\x0f", 4);
	v = find_opt(b, n, 54, &len);
	assert_memory_equal(v, "\x0a\x00\x02\x02", 4);
	assert_int_equal(dhcp_build(b, 100, DHCP_DISCOVER, XID, mac, none, none), 0);
}

/* A reply like slirp's: yiaddr, then options in the given raw bytes. */
static size_t make_reply(uint8_t *b, const char *yiaddr, const uint8_t *opts, size_t olen)
{
	uint32_t x = htonl(XID);
	struct in_addr y = ip(yiaddr);

	memset(b, 0, 240);
	b[0] = 2;
	b[1] = 1;
	b[2] = 6;
	memcpy(b + 4, &x, 4);
	memcpy(b + 16, &y, 4);
	memcpy(b + 28, mac, 6);
	memcpy(b + 236, "\x63\x82\x53\x63", 4);
	memcpy(b + 240, opts, olen);
	return 240 + olen;
}

static const uint8_t offer_opts[] = {
	53, 1, DHCP_OFFER, 0, 0,		/* type, pads */
	1, 4, 255, 255, 255, 0,			/* netmask */
	3, 8, 10, 0, 2, 2, 10, 0, 2, 1,		/* two routers: the first counts */
	6, 8, 10, 0, 2, 3, 1, 1, 1, 1,		/* two DNS servers */
	51, 4, 0, 1, 0x51, 0x80,		/* 86400 s */
	54, 4, 10, 0, 2, 2,			/* server id */
	12, 3, 'a', 'b', 'c',			/* an option we do not use */
	255,
};

static void test_parse_offer(void **state)
{
	uint8_t b[DHCP_MAX_LEN];
	size_t n = make_reply(b, "10.0.2.15", offer_opts, sizeof(offer_opts));
	struct dhcp_lease l;

	(void)state;
	assert_int_equal(dhcp_parse(b, n, XID, mac, &l), DHCP_OFFER);
	check_addr(l.addr, "10.0.2.15");
	check_addr(l.netmask, "255.255.255.0");
	check_addr(l.router, "10.0.2.2");
	check_addr(l.server_id, "10.0.2.2");
	assert_int_equal(l.ndns, 2);
	check_addr(l.dns[0], "10.0.2.3");
	check_addr(l.dns[1], "1.1.1.1");
	assert_int_equal(l.lease_secs, 86400);
}

static void test_parse_rejects(void **state)
{
	uint8_t b[DHCP_MAX_LEN];
	uint8_t other_mac[6] = { 0x52, 0x54, 0, 0, 0, 1 };
	size_t n;
	struct dhcp_lease l;
	static const uint8_t past_end[] = { 53, 1, DHCP_ACK, 6, 200, 1, 2 };
	static const uint8_t no_end[] = { 53, 1, DHCP_ACK, 1, 4, 255, 255, 255, 0 };
	static const uint8_t no_type[] = { 1, 4, 255, 255, 255, 0, 255 };
	static const uint8_t bad_type_len[] = { 53, 2, DHCP_ACK, 0, 255 };

	(void)state;
	n = make_reply(b, "10.0.2.15", offer_opts, sizeof(offer_opts));
	assert_int_equal(dhcp_parse(b, n, XID + 1, mac, &l), -1);
	assert_int_equal(dhcp_parse(b, n, XID, other_mac, &l), -1);
	b[0] = 1;	/* a request, not a reply */
	assert_int_equal(dhcp_parse(b, n, XID, mac, &l), -1);
	b[0] = 2;
	b[238] = 0;	/* cookie */
	assert_int_equal(dhcp_parse(b, n, XID, mac, &l), -1);
	n = make_reply(b, "10.0.2.15", past_end, sizeof(past_end));
	assert_int_equal(dhcp_parse(b, n, XID, mac, &l), -1);
	n = make_reply(b, "10.0.2.15", no_end, sizeof(no_end));
	assert_int_equal(dhcp_parse(b, n, XID, mac, &l), -1);
	n = make_reply(b, "10.0.2.15", no_type, sizeof(no_type));
	assert_int_equal(dhcp_parse(b, n, XID, mac, &l), -1);
	n = make_reply(b, "10.0.2.15", bad_type_len, sizeof(bad_type_len));
	assert_int_equal(dhcp_parse(b, n, XID, mac, &l), -1);
}

static void test_parse_truncations_and_fuzz(void **state)
{
	uint8_t b[DHCP_MAX_LEN], q[DHCP_MAX_LEN];
	size_t n = make_reply(b, "10.0.2.15", offer_opts, sizeof(offer_opts));
	struct dhcp_lease l;
	unsigned seed = 777;

	(void)state;
	for (size_t k = 0; k < n; k++) {
		uint8_t *copy = malloc(k ? k : 1);
		memcpy(copy, b, k);
		assert_int_equal(dhcp_parse(copy, k, XID, mac, &l), -1);
		free(copy);
	}
	for (int i = 0; i < 20000; i++) {
		memcpy(q, b, n);
		for (int k = 0; k < 1 + i % 3; k++) {
			seed = seed * 1103515245 + 12345;
			q[240 + (seed >> 8) % (n - 240)] ^= (uint8_t)(seed >> 20);
		}
		uint8_t *copy = malloc(n);
		memcpy(copy, q, n);
		int t = dhcp_parse(copy, n, XID, mac, &l);
		assert_true(t == -1 || (t >= 1 && t <= 255));
		assert_true(l.ndns >= 0 && l.ndns <= DHCP_MAX_DNS);
		free(copy);
	}
}

static void test_build_renew(void **state)
{
	uint8_t b[DHCP_MAX_LEN], len;
	const uint8_t *v;
	size_t n;

	(void)state;
	n = dhcp_build_renew(b, sizeof(b), XID, mac, ip("10.0.2.15"));
	assert_int_equal(n, DHCP_MIN_LEN);
	assert_int_equal(b[0], 1);
	assert_memory_equal(b + 4, "\xde\xad\xbe\xef", 4);
	assert_int_equal(b[10], 0);			/* no broadcast flag: we have an address */
	assert_memory_equal(b + 12, "\x0a\x00\x02\x0f", 4);	/* ciaddr */
	assert_memory_equal(b + 16, "\0\0\0\0", 4);	/* yiaddr */
	assert_memory_equal(b + 28, mac, 6);
	v = find_opt(b, n, 53, &len);
	assert_non_null(v);
	assert_int_equal(v[0], DHCP_REQUEST);
	assert_null(find_opt(b, n, 50, &len));		/* RFC 2131 4.3.2: MUST NOT */
	assert_null(find_opt(b, n, 54, &len));
	v = find_opt(b, n, 55, &len);
	assert_non_null(v);
	assert_non_null(memchr(v, 58, len));
	assert_non_null(memchr(v, 59, len));
	assert_int_equal(dhcp_build_renew(b, 200, XID, mac, ip("10.0.2.15")), 0);

	/* the first exchange's packets still have ciaddr 0 and the flag */
	n = dhcp_build(b, sizeof(b), DHCP_DISCOVER, XID, mac, ip("0.0.0.0"), ip("0.0.0.0"));
	assert_memory_equal(b + 12, "\0\0\0\0", 4);
	assert_int_equal(b[10], 0x80);
}

static void test_parse_renew_rebind(void **state)
{
	static const uint8_t opts[] = {
		53, 1, DHCP_ACK, 51, 4, 0, 0, 0x02, 0x58,	/* 600 s */
		58, 4, 0, 0, 0, 100, 59, 4, 0, 0, 0, 200,	/* T1 100, T2 200 */
		54, 4, 10, 0, 2, 2, 255,
	};
	static const uint8_t bad_len[] = { 53, 1, DHCP_ACK, 58, 2, 0, 100, 255 };
	uint8_t b[DHCP_MAX_LEN];
	struct dhcp_lease l;

	(void)state;
	assert_int_equal(dhcp_parse(b, make_reply(b, "10.0.2.15", opts, sizeof(opts)), XID, mac, &l),
			 DHCP_ACK);
	assert_int_equal(l.lease_secs, 600);
	assert_int_equal(l.renew_secs, 100);
	assert_int_equal(l.rebind_secs, 200);
	assert_int_equal(dhcp_parse(b, make_reply(b, "10.0.2.15", offer_opts, sizeof(offer_opts)),
				    XID, mac, &l), DHCP_OFFER);
	assert_int_equal(l.renew_secs, 0);
	assert_int_equal(l.rebind_secs, 0);
	assert_int_equal(dhcp_parse(b, make_reply(b, "10.0.2.15", bad_len, sizeof(bad_len)), XID,
				    mac, &l), DHCP_ACK);
	assert_int_equal(l.renew_secs, 0);	/* a wrong length is not a value */
}

#define S 1000000LL	/* microseconds per second */

static struct dhcp_lease lease_of(uint32_t secs, uint32_t t1, uint32_t t2)
{
	struct dhcp_lease l;

	memset(&l, 0, sizeof(l));
	l.lease_secs = secs;
	l.renew_secs = t1;
	l.rebind_secs = t2;
	return l;
}

static void check_timer(uint32_t secs, uint32_t o58, uint32_t o59, int64_t t1, int64_t t2)
{
	struct dhcp_lease l = lease_of(secs, o58, o59);
	const int64_t start = 1000 * S;
	struct dhcp_timer t;

	dhcp_timer_start(&t, &l, start);
	assert_int_equal(t.infinite, 0);
	assert_int_equal(t.t1_us, start + t1 * S);
	assert_int_equal(t.t2_us, start + t2 * S);
	assert_int_equal(t.expiry_us, start + (int64_t)secs * S);
	assert_int_equal(dhcp_timer_state(&t, start), DHCP_BOUND);
	assert_int_equal(dhcp_timer_state(&t, t.t1_us - 1), DHCP_BOUND);
	assert_int_equal(dhcp_timer_state(&t, t.t1_us), DHCP_RENEWING);
	assert_int_equal(dhcp_timer_state(&t, t.t2_us - 1), DHCP_RENEWING);
	assert_int_equal(dhcp_timer_state(&t, t.t2_us), DHCP_REBINDING);
	assert_int_equal(dhcp_timer_state(&t, t.expiry_us - 1), DHCP_REBINDING);
	assert_int_equal(dhcp_timer_state(&t, t.expiry_us), DHCP_EXPIRED);
	assert_int_equal(dhcp_timer_next(&t, start, start), t.t1_us);
}

static void test_timer_t1_t2(void **state)
{
	(void)state;
	check_timer(3600, 0, 0, 1800, 3150);		/* 1/2 and 7/8 */
	check_timer(86400, 0, 0, 43200, 75600);		/* slirp's day */
	check_timer(600, 100, 200, 100, 200);		/* options 58 and 59 */
	check_timer(600, 100, 0, 100, 525);		/* 58 only */
	check_timer(600, 0, 400, 300, 400);		/* 59 only */
	check_timer(600, 500, 200, 300, 525);		/* T1 > T2: both ignored */
	check_timer(600, 700, 0, 300, 525);		/* T1 beyond the lease: ignored */
	check_timer(600, 0, 601, 300, 525);
	check_timer(9, 0, 0, 4, 7);			/* whole seconds, rounded down */
	check_timer(0xfffffffeu, 0, 0, 0x7fffffff, 0xfffffffeLL * 7 / 8);
}

static void test_timer_infinite(void **state)
{
	struct dhcp_lease l = lease_of(DHCP_INFINITE, 10, 20);
	struct dhcp_timer t;

	(void)state;
	dhcp_timer_start(&t, &l, 5 * S);
	assert_int_equal(t.infinite, 1);
	assert_int_equal(dhcp_timer_state(&t, INT64_MAX - 1), DHCP_BOUND);
	assert_true(dhcp_timer_next(&t, 100 * S, 0) == INT64_MAX);
	l = lease_of(0, 0, 0);				/* no option 51: never renewed */
	dhcp_timer_start(&t, &l, 5 * S);
	assert_int_equal(t.infinite, 1);
	assert_true(dhcp_timer_next(&t, 1000000 * S, 0) == INT64_MAX);
}

/* RFC 2131 4.4.5: retransmit after half the time left, at least 60 s, never past the next state. */
static void test_timer_retransmit(void **state)
{
	struct dhcp_lease l = lease_of(3600, 0, 0);
	struct dhcp_timer t;

	(void)state;
	dhcp_timer_start(&t, &l, 0);
	/* renewing: T1 = 1800 s, T2 = 3150 s */
	assert_int_equal(dhcp_timer_next(&t, 1800 * S, 1800 * S), 2475 * S);
	assert_int_equal(dhcp_timer_next(&t, 2475 * S, 2475 * S), 2812500000LL);
	assert_int_equal(dhcp_timer_next(&t, 3050 * S, 3050 * S), 3110 * S);	/* the 60 s floor */
	assert_int_equal(dhcp_timer_next(&t, 3100 * S, 3100 * S), 3150 * S);	/* capped at T2 */
	assert_int_equal(dhcp_timer_next(&t, 2000 * S, 1800 * S), 2475 * S);	/* from the last send */
	/* rebinding: expiry 3600 s */
	assert_int_equal(dhcp_timer_next(&t, 3150 * S, 3150 * S), 3375 * S);
	assert_int_equal(dhcp_timer_next(&t, 3500 * S, 3500 * S), 3560 * S);
	assert_int_equal(dhcp_timer_next(&t, 3550 * S, 3550 * S), 3600 * S);
	/* expired: now */
	assert_int_equal(dhcp_timer_next(&t, 3600 * S, 3550 * S), 3600 * S);
	assert_int_equal(dhcp_timer_state(&t, 3600 * S), DHCP_EXPIRED);
	/* a short lease: every wait is the floor or the boundary */
	l = lease_of(120, 0, 0);
	dhcp_timer_start(&t, &l, 0);
	assert_int_equal(dhcp_timer_next(&t, 60 * S, 60 * S), 105 * S);
	assert_int_equal(dhcp_timer_next(&t, 105 * S, 105 * S), 120 * S);
}

static void test_network_conf(void **state)
{
	struct dhcp_lease c;

	(void)state;
	assert_int_equal(dhcp_conf_parse("# QEMU\naddress 10.0.2.15\nnetmask 255.255.255.0\n"
					 "\n  gateway 10.0.2.2  # gw\nnameserver 10.0.2.3\n"
					 "nameserver 1.1.1.1\nnameserver 2.2.2.2\nnameserver 3.3.3.3\n",
					 &c), 0);
	check_addr(c.addr, "10.0.2.15");
	check_addr(c.netmask, "255.255.255.0");
	check_addr(c.router, "10.0.2.2");
	assert_int_equal(c.ndns, 3);
	check_addr(c.dns[2], "2.2.2.2");
	assert_int_equal(dhcp_conf_parse("address 10.0.2.15\n", &c), 0);
	assert_int_equal(c.router.s_addr, 0);
	assert_int_equal(dhcp_conf_parse("netmask 255.0.0.0\n", &c), -1);	/* no address */
	assert_int_equal(dhcp_conf_parse("address 10.0.2\n", &c), -1);
	assert_int_equal(dhcp_conf_parse("address 10.0.2.15 extra\n", &c), -1);
	assert_int_equal(dhcp_conf_parse("address 10.0.2.15\nmtu 1500\n", &c), -1);
	assert_int_equal(dhcp_conf_parse("", &c), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_discover_request),
		cmocka_unit_test(test_parse_offer),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_parse_truncations_and_fuzz),
		cmocka_unit_test(test_network_conf),
		cmocka_unit_test(test_build_renew),
		cmocka_unit_test(test_parse_renew_rebind),
		cmocka_unit_test(test_timer_t1_t2),
		cmocka_unit_test(test_timer_infinite),
		cmocka_unit_test(test_timer_retransmit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
