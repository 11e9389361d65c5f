/*
 * Unit tests for kernel/lib/chacha20.c against the test vectors of
 * RFC 8439: the block function (2.3.2), the all-zero key stream (A.1 #1,
 * two blocks), the encryption example (2.4.2), plus the counter carry
 * into word 13 and a stream cut into odd pieces matching one call.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "host_rename.h"
#include <lib/chacha20.h>
#include <lib/string.h>

static void key_0_to_31(u8 key[32])
{
	for (int i = 0; i < 32; i++)
		key[i] = (u8)i;
}

/* RFC 8439 2.3.2: key 00..1f, nonce 000000090000004a00000000, counter 1. */
static void test_block_rfc_2_3_2(void **state)
{
	static const u8 want[64] = {
		0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f, 0xa3, 0x20, 0x71, 0xc4,
		0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0, 0x68, 0x03, 0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e,
		0xd2, 0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09, 0x14, 0xc2, 0xd7, 0x05, 0xd9, 0x8b, 0x02, 0xa2,
		0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e, 0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
	};
	static const u8 nonce[12] = { 0, 0, 0, 0x09, 0, 0, 0, 0x4a, 0, 0, 0, 0 };
	u8 key[32], out[64];
	u32 st[16];
	(void)state;

	key_0_to_31(key);
	chacha20_init(st, key, 1, nonce);
	assert_int_equal(st[0], 0x61707865);
	assert_int_equal(st[4], 0x03020100);
	assert_int_equal(st[13], 0x09000000);
	chacha20_block(st, out);
	assert_memory_equal(out, want, 64);
	assert_int_equal(st[12], 2);
}

/* RFC 8439 A.1 test vectors #1 and #2: key 0, nonce 0, counters 0 and 1. */
static void test_block_zero_key(void **state)
{
	static const u8 want0[16] = {
		0x76, 0xb8, 0xe0, 0xad, 0xa0, 0xf1, 0x3d, 0x90, 0x40, 0x5d, 0x6a, 0xe5, 0x53, 0x86, 0xbd, 0x28,
	};
	static const u8 want0_tail[16] = {
		0x6a, 0x43, 0xb8, 0xf4, 0x15, 0x18, 0xa1, 0x1c, 0xc3, 0x87, 0xb6, 0x69, 0xb2, 0xee, 0x65, 0x86,
	};
	static const u8 want1[16] = {
		0x9f, 0x07, 0xe7, 0xbe, 0x55, 0x51, 0x38, 0x7a, 0x98, 0xba, 0x97, 0x7c, 0x73, 0x2d, 0x08, 0x0d,
	};
	u8 key[32] = { 0 }, nonce[12] = { 0 }, out[64];
	u32 st[16];
	(void)state;

	chacha20_init(st, key, 0, nonce);
	chacha20_block(st, out);
	assert_memory_equal(out, want0, 16);
	assert_memory_equal(out + 48, want0_tail, 16);
	chacha20_block(st, out);
	assert_memory_equal(out, want1, 16);
}

static const char sunscreen[] =
	"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
	"the future, sunscreen would be it.";

static const u8 sunscreen_ct[114] = {
	0x6e, 0x2e, 0x35, 0x9a, 0x25, 0x68, 0xf9, 0x80, 0x41, 0xba, 0x07, 0x28, 0xdd, 0x0d, 0x69, 0x81,
	0xe9, 0x7e, 0x7a, 0xec, 0x1d, 0x43, 0x60, 0xc2, 0x0a, 0x27, 0xaf, 0xcc, 0xfd, 0x9f, 0xae, 0x0b,
	0xf9, 0x1b, 0x65, 0xc5, 0x52, 0x47, 0x33, 0xab, 0x8f, 0x59, 0x3d, 0xab, 0xcd, 0x62, 0xb3, 0x57,
	0x16, 0x39, 0xd6, 0x24, 0xe6, 0x51, 0x52, 0xab, 0x8f, 0x53, 0x0c, 0x35, 0x9f, 0x08, 0x61, 0xd8,
	0x07, 0xca, 0x0d, 0xbf, 0x50, 0x0d, 0x6a, 0x61, 0x56, 0xa3, 0x8e, 0x08, 0x8a, 0x22, 0xb6, 0x5e,
	0x52, 0xbc, 0x51, 0x4d, 0x16, 0xcc, 0xf8, 0x06, 0x81, 0x8c, 0xe9, 0x1a, 0xb7, 0x79, 0x37, 0x36,
	0x5a, 0xf9, 0x0b, 0xbf, 0x74, 0xa3, 0x5b, 0xe6, 0xb4, 0x0b, 0x8e, 0xed, 0xf2, 0x78, 0x5e, 0x42,
	0x87, 0x4d,
};

/* RFC 8439 2.4.2: encryption with counter 1, nonce 000000000000004a00000000; and back. */
static void test_encrypt_rfc_2_4_2(void **state)
{
	static const u8 nonce[12] = { 0, 0, 0, 0, 0, 0, 0, 0x4a, 0, 0, 0, 0 };
	u8 key[32], buf[114];
	u32 st[16];
	(void)state;

	assert_int_equal(sizeof(sunscreen) - 1, sizeof(buf));
	key_0_to_31(key);
	chacha20_init(st, key, 1, nonce);
	chacha20_xor(st, buf, (const u8 *)sunscreen, sizeof(buf));
	assert_memory_equal(buf, sunscreen_ct, sizeof(buf));
	chacha20_init(st, key, 1, nonce);
	chacha20_xor(st, buf, buf, sizeof(buf));   /* in place */
	assert_memory_equal(buf, sunscreen, sizeof(buf));
}

/* The block counter is 64 bits over words 12..13. */
static void test_counter_carry(void **state)
{
	u8 key[32] = { 0 }, nonce[12] = { 0 }, out[64];
	u32 st[16];
	(void)state;

	chacha20_init(st, key, 0xffffffffu, nonce);
	chacha20_block(st, out);
	assert_int_equal(st[12], 0);
	assert_int_equal(st[13], 1);
}

/* XOR in pieces of every size 1..70 gives the same stream as one call (whole blocks per call). */
static void test_stream_whole_blocks(void **state)
{
	u8 key[32], nonce[12] = { 1, 2, 3 }, one[4096], zero[4096] = { 0 }, piece[70];
	u32 a[16], b[16];
	(void)state;

	key_0_to_31(key);
	chacha20_init(a, key, 7, nonce);
	chacha20_xor(a, one, zero, sizeof(one));
	chacha20_init(b, key, 7, nonce);
	/* each call starts a new block: compare block by block */
	for (size_t off = 0, n = 1; off + 64 <= sizeof(one); off += 64, n = n % 64 + 1) {
		chacha20_xor(b, piece, zero, n);
		assert_memory_equal(piece, one + off, n);
	}
	assert_int_equal(a[12], 7 + 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_block_rfc_2_3_2),
		cmocka_unit_test(test_block_zero_key),
		cmocka_unit_test(test_encrypt_rfc_2_4_2),
		cmocka_unit_test(test_counter_carry),
		cmocka_unit_test(test_stream_whole_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
