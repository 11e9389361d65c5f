/*
 * Unit tests for the DHCP client's packet code, user/lib/dhcp.c: the
 * DISCOVER and REQUEST it builds (fixed fields, options), the replies it
 * accepts (an OFFER and an ACK as QEMU's slirp sends them), the ones it
 * refuses (other xid, other MAC, no cookie, options past the end, no end
 * option, every truncation, random flips under ASan), and the
 * /etc/network.conf reader.
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
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
