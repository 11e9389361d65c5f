/*
 * ChaCha20, the stream cipher of RFC 8439 (kernel/lib/chacha20.c), as the
 * block function the kernel's random generator is built on
 * (kernel/drivers/char/random.c). Pure code: the host unit tests check it
 * against the RFC's test vectors.
 *
 * State: 16 32-bit words. Words 0..3 are the constant "expand 32-byte k",
 * 4..11 the key, 12 the block counter and 13..15 the nonce (RFC 8439
 * section 2.3). The random generator uses 12..13 as one 64-bit counter
 * and 14..15 as zero, which is the original ChaCha layout.
 */
#ifndef LIB_CHACHA20_H
#define LIB_CHACHA20_H

#include <kernel/types.h>

#define CHACHA20_KEY_SIZE   32
#define CHACHA20_NONCE_SIZE 12
#define CHACHA20_BLOCK_SIZE 64

/* Fill state from a key, the initial block counter and a nonce (RFC layout). */
void chacha20_init(u32 state[16], const u8 key[CHACHA20_KEY_SIZE], u32 counter,
		   const u8 nonce[CHACHA20_NONCE_SIZE]);

/*
 * One block: out = serialize(rounds(state) + state) (RFC 8439 2.3), then
 * the 64-bit counter in words 12..13 is incremented (so with the RFC
 * layout the counter word 12 advances and a wrap carries into the nonce,
 * which no caller lets happen).
 */
void chacha20_block(u32 state[16], u8 out[CHACHA20_BLOCK_SIZE]);

/* XOR n bytes of key stream into dst from src (dst == src is fine); advances state. */
void chacha20_xor(u32 state[16], u8 *dst, const u8 *src, size_t n);

#endif /* LIB_CHACHA20_H */
