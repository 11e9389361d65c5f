/*
 * Unit tests for the pure IPv4 code: the Internet checksum
 * (kernel/net/ipv4/inet_csum.c) against a word-by-word model at every
 * length and alignment, the pseudo header, and header validation and
 * the ip= option (kernel/net/ipv4/ip_hdr.c) against malformed headers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>

#include "host_rename.h"
#include <lib/string.h>
#include <net/inet_csum.h>
#include <net/ip.h>
#include <uapi/errno.h>

/* RFC 1071 by the book: 16-bit big-endian words, fold at the end. */
static uint16_t model_csum(const uint8_t *p, size_t n)
{
	uint64_t s = 0;

	for (size_t i = 0; i < n; i += 2)
		s += (uint32_t)(p[i] << 8) | (i + 1 < n ? p[i + 1] : 0);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void test_csum_model(void **state)
{
	static uint8_t buf[2100];

	(void)state;
	srand(9);
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)rand();
	for (size_t off = 0; off < 4; off++)
		for (size_t n = 0; n + off <= sizeof(buf); n += (n < 70 ? 1 : 97))
			assert_int_equal(csum_fold(csum_partial(buf + off, n, 0)), model_csum(buf + off, n));
	memset(buf, 0xff, sizeof(buf));	/* carries everywhere */
	assert_int_equal(csum_fold(csum_partial(buf, sizeof(buf), 0)), model_csum(buf, sizeof(buf)));
}

static void test_csum_split(void **state)
{
	uint8_t buf[64];

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 37 + 1);
	/* A sum split at an even boundary equals the whole. */
	for (size_t cut = 0; cut <= sizeof(buf); cut += 2)
		assert_int_equal(csum_fold(csum_partial(buf + cut, sizeof(buf) - cut,
							csum_partial(buf, cut, 0))),
				 csum_fold(csum_partial(buf, sizeof(buf), 0)));
}

/* A real datagram: RFC 1071's example words and a known IPv4 header. */
static void test_known_header(void **state)
{
	/* 45 00 00 73 00 00 40 00 40 11 [b8 61] c0 a8 00 01 c0 a8 00 c7 */
	uint8_t h[20] = { 0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
			  0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7 };
	uint32_t hlen, tot;

	(void)state;
	assert_int_equal(ip_fast_csum(h, 5), 0xb861);
	h[10] = 0xb8;
	h[11] = 0x61;
	assert_int_equal(ip_fast_csum(h, 5), 0);
	assert_int_equal(ip_hdr_check(h, 0x73, &hlen, &tot), IPH_OK);
	assert_int_equal(hlen, 20);
	assert_int_equal(tot, 0x73);
}

static void test_pseudo_header(void **state)
{
	/* UDP 10.0.2.15:1234 -> 10.0.2.2:53, 12 bytes: header + "abcd". */
	uint8_t seg[12] = { 0x04, 0xd2, 0x00, 0x35, 0x00, 0x0c, 0, 0, 'a', 'b', 'c', 'd' };
	uint8_t all[12 + 12] = { 10, 0, 2, 15, 10, 0, 2, 2, 0, 17, 0, 12 };
	uint32_t s = IPV4_ADDR(10, 0, 2, 15), d = IPV4_ADDR(10, 0, 2, 2);
	uint16_t c;

	(void)state;
	memcpy(all + 12, seg, 12);
	c = csum_fold(csum_tcpudp_nofold(s, d, 17, 12, csum_partial(seg, 12, 0)));
	assert_int_equal(c, model_csum(all, sizeof(all)));
	seg[6] = (uint8_t)(c >> 8);
	seg[7] = (uint8_t)c;
	assert_int_equal(csum_fold(csum_tcpudp_nofold(s, d, 17, 12, csum_partial(seg, 12, 0))), 0);
}

static void make_header(uint8_t *buf, uint16_t tot)
{
	ip_build_header((struct iphdr *)buf, IPV4_ADDR(10, 0, 2, 2), IPV4_ADDR(10, 0, 2, 15), 17,
			tot, 7, 0, 64, 0);
}

static void refix(uint8_t *buf)
{
	struct iphdr *iph = (struct iphdr *)buf;

	iph->check = 0;
	iph->check = htons(ip_fast_csum(iph, iph_ihl(iph)));
}

static void test_malformed(void **state)
{
	uint8_t buf[128];
	uint32_t hlen, tot;
	struct iphdr *iph = (struct iphdr *)buf;

	(void)state;
	memset(buf, 0, sizeof(buf));
	make_header(buf, 100);
	assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_OK);
	assert_int_equal(ip_hdr_check(buf, 120, &hlen, &tot), IPH_OK);	/* link padding */
	assert_int_equal(tot, 100);
	for (uint32_t n = 0; n < 100; n++)	/* every truncation */
		assert_int_not_equal(ip_hdr_check(buf, n, &hlen, &tot), IPH_OK);
	assert_int_equal(ip_hdr_check(buf, 19, &hlen, &tot), IPH_TRUNCATED);
	assert_int_equal(ip_hdr_check(buf, 99, &hlen, &tot), IPH_TRUNCATED);
	iph->version_ihl = 0x65; refix(buf);
	assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_BAD_VERSION);
	for (uint8_t ihl = 0; ihl < 5; ihl++) {
		iph->version_ihl = (uint8_t)(0x40 | ihl);
		assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_BAD_IHL);
	}
	iph->version_ihl = 0x4f; refix(buf);	/* 60-byte header in a 40-byte frame */
	assert_int_equal(ip_hdr_check(buf, 40, &hlen, &tot), IPH_TRUNCATED);
	assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_OK);
	assert_int_equal(hlen, 60);
	make_header(buf, 12);
	assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_BAD_LEN);
	make_header(buf, 100);
	iph->check ^= 1;
	assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_BAD_CSUM);
	make_header(buf, 100);
	iph->ttl = 0; refix(buf);
	assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_BAD_TTL);
	make_header(buf, 100);
	iph->frag_off = htons(IP_MF | 8181); refix(buf);	/* 65448 + 80 > 65535 */
	assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_BAD_FRAG);
	iph->frag_off = htons(8180); refix(buf);		/* 65440 + 80 + 20 = 65540 */
	assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_BAD_FRAG);
	iph->frag_off = htons(8179); refix(buf);		/* 65432 + 100 = 65532: fits */
	assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_OK);
	make_header(buf, 100);
	iph->saddr = IPV4_ADDR(224, 0, 0, 1); refix(buf);
	assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_BAD_ADDR);
	iph->saddr = 0xffffffffu; refix(buf);
	assert_int_equal(ip_hdr_check(buf, 100, &hlen, &tot), IPH_BAD_ADDR);
}

/* Random bytes never pass unless they happen to be a valid header, and never read past len. */
static void test_fuzz(void **state)
{
	(void)state;
	srand(1);
	for (int i = 0; i < 200000; i++) {
		uint32_t n = (uint32_t)rand() % 64, hlen, tot;
		uint8_t *p = malloc(n ? n : 1);	/* ASan catches any read past n */

		for (uint32_t k = 0; k < n; k++)
			p[k] = (uint8_t)rand();
		if (n > 0 && rand() % 2)
			p[0] = (uint8_t)(0x45 + rand() % 11);
		if (ip_hdr_check(p, n, &hlen, &tot) == IPH_OK)
			assert_true(hlen >= 20 && hlen <= tot && tot <= n);
		free(p);
	}
}

static void test_ipconfig(void **state)
{
	struct ipconfig c = { 0 };

	(void)state;
	assert_int_equal(ipconfig_parse("10.0.2.15::10.0.2.2:255.255.255.0", &c), 0);
	assert_int_equal(c.addr, IPV4_ADDR(10, 0, 2, 15));
	assert_int_equal(c.gateway, IPV4_ADDR(10, 0, 2, 2));
	assert_int_equal(c.mask, IPV4_ADDR(255, 255, 255, 0));
	assert_string_equal(c.device, "");
	assert_int_equal(ipconfig_parse("192.168.1.9:::255.255.0.0:host:eth1:off", &c), 0);
	assert_int_equal(c.addr, IPV4_ADDR(192, 168, 1, 9));
	assert_int_equal(c.gateway, IPV4_ADDR(10, 0, 2, 2));	/* kept */
	assert_string_equal(c.device, "eth1");
	assert_int_equal(ipconfig_parse("10.0.2.256", &c), -EINVAL);
	assert_int_equal(ipconfig_parse("10.0.2", &c), -EINVAL);
	assert_int_equal(ipconfig_parse("10..2.1", &c), -EINVAL);
	assert_int_equal(ipconfig_parse("1.2.3.4.5", &c), -EINVAL);
	assert_int_equal(ipconfig_parse("::::a:0123456789abcdefgh", &c), -EINVAL);
	assert_false(c.off);
	assert_int_equal(ipconfig_parse("off", &c), 0);
	assert_true(c.off);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csum_model),
		cmocka_unit_test(test_csum_split),
		cmocka_unit_test(test_known_header),
		cmocka_unit_test(test_pseudo_header),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_fuzz),
		cmocka_unit_test(test_ipconfig),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
