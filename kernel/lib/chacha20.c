/*
 * ChaCha20 (RFC 8439): the quarter round, the 20-round block function and
 * a key-stream XOR. Interface and state layout in <lib/chacha20.h>.
 * Written from the RFC's description; tests/unit/test_chacha20.c checks
 * it against the RFC's vectors (sections 2.1.1, 2.3.2, 2.4.2 and A.1).
 * No locks, no allocation: the caller owns the state.
 */
#include <kernel/compiler.h>
#include <lib/chacha20.h>
#include <lib/string.h>

static inline u32 rotl32(u32 v, int n)
{
	return (v << n) | (v >> (32 - n));
}

static inline u32 load_le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static inline void store_le32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

#define QUARTER_ROUND(x, a, b, c, d) do { \
	x[a] += x[b]; x[d] = rotl32(x[d] ^ x[a], 16); \
	x[c] += x[d]; x[b] = rotl32(x[b] ^ x[c], 12); \
	x[a] += x[b]; x[d] = rotl32(x[d] ^ x[a], 8); \
	x[c] += x[d]; x[b] = rotl32(x[b] ^ x[c], 7); \
} while (0)

void chacha20_init(u32 state[16], const u8 key[CHACHA20_KEY_SIZE], u32 counter,
		   const u8 nonce[CHACHA20_NONCE_SIZE])
{
	state[0] = 0x61707865;   /* "expa" */
	state[1] = 0x3320646e;   /* "nd 3" */
	state[2] = 0x79622d32;   /* "2-by" */
	state[3] = 0x6b206574;   /* "te k" */
	for (int i = 0; i < 8; i++)
		state[4 + i] = load_le32(key + 4 * i);
	state[12] = counter;
	for (int i = 0; i < 3; i++)
		state[13 + i] = load_le32(nonce + 4 * i);
}

void chacha20_block(u32 state[16], u8 out[CHACHA20_BLOCK_SIZE])
{
	u32 x[16];

	memcpy(x, state, sizeof(x));
	for (int i = 0; i < 10; i++) {
		/* a column round, then a diagonal round */
		QUARTER_ROUND(x, 0, 4, 8, 12);
		QUARTER_ROUND(x, 1, 5, 9, 13);
		QUARTER_ROUND(x, 2, 6, 10, 14);
		QUARTER_ROUND(x, 3, 7, 11, 15);
		QUARTER_ROUND(x, 0, 5, 10, 15);
		QUARTER_ROUND(x, 1, 6, 11, 12);
		QUARTER_ROUND(x, 2, 7, 8, 13);
		QUARTER_ROUND(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++)
		store_le32(out + 4 * i, x[i] + state[i]);
	if (++state[12] == 0)
		state[13]++;
	memset(x, 0, sizeof(x));
}

void chacha20_xor(u32 state[16], u8 *dst, const u8 *src, size_t n)
{
	u8 ks[CHACHA20_BLOCK_SIZE];

	while (n) {
		size_t take = MIN(n, sizeof(ks));

		chacha20_block(state, ks);
		for (size_t i = 0; i < take; i++)
			dst[i] = src[i] ^ ks[i];
		dst += take;
		src += take;
		n -= take;
	}
	memset(ks, 0, sizeof(ks));
}
