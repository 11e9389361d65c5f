/*
 * Unit tests for the user-space resolver's pure code, user/lib/resolv.c:
 * the query encoder, the reply parser against well-formed replies (plain,
 * CNAME chains, compression pointers) and hostile ones (pointer loops,
 * forward pointers, lengths past the end, every truncation, names over
 * 255 bytes, random byte flips under ASan), the hosts-file and resolv.conf
 * readers.
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

#include "resolv.h"

#define ID 0x1234

/* A reply builder: header, question for name, then records. */
struct pkt {
	uint8_t b[1024];
	size_t n;
};

static void put(struct pkt *p, const void *d, size_t n)
{
	assert_true(p->n + n <= sizeof(p->b));
	memcpy(p->b + p->n, d, n);
	p->n += n;
}

static void put16(struct pkt *p, uint16_t v)
{
	uint8_t b[2] = { v >> 8, v & 0xff };
	put(p, b, 2);
}

static void put_name(struct pkt *p, const char *name)
{
	while (*name) {
		size_t l = strcspn(name, ".");
		uint8_t len = (uint8_t)l;
		put(p, &len, 1);
		put(p, name, l);
		name += l + (name[l] == '.');
	}
	put(p, "", 1);
}

/* Header with flags, rcode and counts, then the question (name, A, IN). */
static void start(struct pkt *p, uint16_t id, uint8_t f2, uint8_t f3, uint16_t an, const char *q)
{
	p->n = 0;
	put16(p, id);
	put(p, &f2, 1);
	put(p, &f3, 1);
	put16(p, 1);
	put16(p, an);
	put16(p, 0);
	put16(p, 0);
	put_name(p, q);
	put16(p, 1);
	put16(p, 1);
}

/* A resource record of class IN: owner a pointer to offset at, type, ttl, rdata. */
static void put_rr(struct pkt *p, size_t at, uint16_t type, uint16_t ttl, const void *rdata,
		   uint16_t rdlen)
{
	put16(p, 0xc000 | (uint16_t)at);
	put16(p, type);
	put16(p, 1);
	put16(p, 0);
	put16(p, ttl);
	put16(p, rdlen);
	put(p, rdata, rdlen);
}

/* An A record whose owner is a pointer to the question name (offset 12). */
static void put_a(struct pkt *p, const char *addr)
{
	struct in_addr a;

	inet_pton(AF_INET, addr, &a);
	put_rr(p, 12, 1, 300, &a, 4);
}

static void check_addr(struct in_addr a, const char *want)
{
	char buf[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_build_query(void **state)
{
	uint8_t b[512];
	static const uint8_t want[] = { 0x12, 0x34, 0x01, 0, 0, 1, 0, 0, 0, 0, 0, 0,
					3, 'w', 'w', 'w', 2, 'e', 'x', 0, 0, 1, 0, 1 };
	char longlabel[80], longname[300];

	(void)state;
	assert_int_equal(resolv_build_query(b, sizeof(b), ID, "www.ex"), sizeof(want));
	assert_memory_equal(b, want, sizeof(want));
	assert_int_equal(resolv_build_query(b, sizeof(b), ID, "www.ex."), sizeof(want));
	assert_int_equal(resolv_build_query(b, sizeof(b), ID, ""), 0);
	assert_int_equal(resolv_build_query(b, sizeof(b), ID, "."), 0);
	assert_int_equal(resolv_build_query(b, sizeof(b), ID, "a..b"), 0);
	assert_int_equal(resolv_build_query(b, sizeof(b), ID, ".a"), 0);
	memset(longlabel, 'x', 64);
	longlabel[64] = 0;
	assert_int_equal(resolv_build_query(b, sizeof(b), ID, longlabel), 0);
	longlabel[63] = 0;
	assert_int_equal(resolv_build_query(b, sizeof(b), ID, longlabel), 12 + 65 + 4);
	for (int i = 0; i < 299; i++)
		longname[i] = i % 2 ? '.' : 'a';
	longname[299] = 0;
	assert_int_equal(resolv_build_query(b, sizeof(b), ID, longname), 0);
	assert_int_equal(resolv_build_query(b, 20, ID, "www.ex"), 0);	/* no room */
}

static void test_parse_simple(void **state)
{
	struct pkt p;
	struct in_addr a[4];

	(void)state;
	start(&p, ID, 0x81, 0x80, 2, "host.test");
	put_a(&p, "10.0.2.15");
	put_a(&p, "10.0.2.16");
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "host.test", a, 4), 2);
	check_addr(a[0], "10.0.2.15");
	check_addr(a[1], "10.0.2.16");
	/* max limits what is stored, the question is case-insensitive, a trailing dot is fine */
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "HOST.Test.", a, 1), 1);
}

static void test_parse_cname_chain(void **state)
{
	struct pkt p;
	struct in_addr a[2];
	size_t cname_at;

	(void)state;
	start(&p, ID, 0x81, 0x80, 2, "www.test");
	/* www.test CNAME real.test, the target "real" + pointer to "test" (offset 16) */
	cname_at = p.n + 12;	/* where put_rr puts the rdata */
	put_rr(&p, 12, 5, 60, "\x04real\xc0\x10", 7);
	/* real.test A, owner a pointer to the CNAME's target */
	put_rr(&p, cname_at, 1, 60, "\x0a\x00\x00\x01", 4);
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "www.test", a, 2), 1);
	check_addr(a[0], "10.0.0.1");
}

static void test_parse_errors(void **state)
{
	struct pkt p;
	struct in_addr a[1];

	(void)state;
	start(&p, ID, 0x81, 0x83, 0, "nope.test");
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "nope.test", a, 1), -RESOLV_ENXDOMAIN);
	start(&p, ID, 0x81, 0x82, 0, "x.test");
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_ESERVFAIL);
	start(&p, ID, 0x81, 0x80, 0, "x.test");
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_ENODATA);
	start(&p, ID, 0x83, 0x80, 0, "x.test");
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_ETRUNC);
	/* not ours: other id, a query (QR clear), another name, another opcode */
	start(&p, ID + 1, 0x81, 0x80, 0, "x.test");
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_EMISMATCH);
	start(&p, ID, 0x01, 0x80, 0, "x.test");
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_EMISMATCH);
	start(&p, ID, 0x81, 0x80, 0, "y.test");
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_EMISMATCH);
	start(&p, ID, 0x89, 0x80, 0, "x.test");
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_EMISMATCH);
	/* an A record of the wrong length */
	start(&p, ID, 0x81, 0x80, 1, "x.test");
	put_a(&p, "1.2.3.4");
	p.b[p.n - 5] = 5;
	put(&p, "", 1);
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_EMALFORMED);
}

static void test_parse_hostile_pointers(void **state)
{
	struct pkt p;
	struct in_addr a[1];

	(void)state;
	/* the question name is a pointer to itself */
	start(&p, ID, 0x81, 0x80, 0, "");
	p.n = 12;
	put16(&p, 0xc00c);
	put16(&p, 1);
	put16(&p, 1);
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x", a, 1), -RESOLV_EMALFORMED);
	/* a forward pointer */
	p.n = 12;
	put16(&p, 0xc00e);
	put(&p, "\x01x\x00", 3);
	put16(&p, 1);
	put16(&p, 1);
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x", a, 1), -RESOLV_EMALFORMED);
	/* an answer owner pointing past the end, one looping between two records */
	start(&p, ID, 0x81, 0x80, 1, "x.test");
	put16(&p, 0xc3ff);
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_EMALFORMED);
	/* reserved label type 0x40 */
	start(&p, ID, 0x81, 0x80, 1, "x.test");
	put(&p, "\x41", 1);
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_EMALFORMED);
	/* rdlength past the end; answer count larger than the records present */
	start(&p, ID, 0x81, 0x80, 1, "x.test");
	put_a(&p, "1.2.3.4");
	p.b[p.n - 5] = 40;
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_EMALFORMED);
	start(&p, ID, 0x81, 0x80, 0xffff, "x.test");
	put_a(&p, "1.2.3.4");
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_EMALFORMED);
}

/* A name longer than 255 bytes built from backward pointers. */
static void test_parse_name_too_long(void **state)
{
	struct pkt p;
	struct in_addr a[1];
	char label[64];
	size_t prev;

	(void)state;
	start(&p, ID, 0x81, 0x80, 1, "x.test");
	memset(label, 'a', 63);
	prev = p.n;
	put(&p, "\x3f", 1);
	put(&p, label, 63);
	put(&p, "", 1);
	for (int i = 0; i < 4; i++) {	/* each: one label, then a pointer to the previous */
		size_t here = p.n;
		put(&p, "\x3f", 1);
		put(&p, label, 63);
		put16(&p, 0xc000 | (uint16_t)prev);
		prev = here;
	}
	put_rr(&p, prev, 1, 1, "\x01\x02\x03\x04", 4);
	assert_int_equal(resolv_parse_reply(p.b, p.n, ID, "x.test", a, 1), -RESOLV_EMALFORMED);
}

/* Every prefix of a valid reply is rejected; random flips never crash. */
static void test_parse_truncations_and_fuzz(void **state)
{
	struct pkt p, q;
	struct in_addr a[4];
	unsigned seed = 12345;

	(void)state;
	start(&p, ID, 0x81, 0x80, 2, "host.test");
	put_a(&p, "10.0.2.15");
	put_a(&p, "10.0.2.16");
	for (size_t n = 0; n < p.n; n++) {
		uint8_t *copy = malloc(n ? n : 1);	/* exact size: ASan sees overreads */
		memcpy(copy, p.b, n);
		assert_true(resolv_parse_reply(copy, n, ID, "host.test", a, 4) < 0);
		free(copy);
	}
	for (int i = 0; i < 20000; i++) {
		q = p;
		for (int k = 0; k < 1 + i % 4; k++) {
			seed = seed * 1103515245 + 12345;
			q.b[(seed >> 8) % q.n] ^= (uint8_t)(seed >> 20);
		}
		uint8_t *copy = malloc(q.n);
		memcpy(copy, q.b, q.n);
		int r = resolv_parse_reply(copy, q.n, ID, "host.test", a, 4);
		assert_true(r <= 4 && r != 0);
		free(copy);
	}
}

static void test_hosts_file(void **state)
{
	const char *text = "# comment\n127.0.0.1 localhost\n::1 localhost ip6-localhost\n"
			   "10.1.2.3\tfoo.test foo  # the box\n\n   \nbad line here\n"
			   "10.9.9.9 dup foo\n";
	struct in_addr a;

	(void)state;
	assert_int_equal(resolv_hosts_find(text, "localhost", &a), 0);
	check_addr(a, "127.0.0.1");
	assert_int_equal(resolv_hosts_find(text, "FOO", &a), 0);
	check_addr(a, "10.1.2.3");
	assert_int_equal(resolv_hosts_find(text, "foo.test.", &a), 0);
	assert_int_equal(resolv_hosts_find(text, "dup", &a), 0);
	check_addr(a, "10.9.9.9");
	assert_int_equal(resolv_hosts_find(text, "ip6-localhost", &a), -1);
	assert_int_equal(resolv_hosts_find(text, "comment", &a), -1);
	assert_int_equal(resolv_hosts_find(text, "box", &a), -1);
	assert_int_equal(resolv_hosts_find(text, "", &a), -1);
	assert_int_equal(resolv_hosts_find("", "x", &a), -1);
}

static void test_resolv_conf(void **state)
{
	struct in_addr s[3];

	(void)state;
	assert_int_equal(resolv_conf_servers("search x\nnameserver 10.0.2.3\n"
					     "nameserver bogus\nnameserver ::1\n"
					     "  nameserver 1.1.1.1 # c\nnameserver 8.8.8.8\n"
					     "nameserver 9.9.9.9\n", s, 3), 3);
	check_addr(s[0], "10.0.2.3");
	check_addr(s[1], "1.1.1.1");
	check_addr(s[2], "8.8.8.8");
	assert_int_equal(resolv_conf_servers("domain x\n", s, 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_build_query),
		cmocka_unit_test(test_parse_simple),
		cmocka_unit_test(test_parse_cname_chain),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_parse_hostile_pointers),
		cmocka_unit_test(test_parse_name_too_long),
		cmocka_unit_test(test_parse_truncations_and_fuzz),
		cmocka_unit_test(test_hosts_file),
		cmocka_unit_test(test_resolv_conf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
