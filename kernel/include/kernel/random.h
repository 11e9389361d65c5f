/*
 * The kernel's random numbers (kernel/drivers/char/random.c): a ChaCha20
 * generator with fast key erasure, seeded at boot from timer jitter, the
 * RTC, the device tree's /chosen/rng-seed and the whole device tree blob.
 * docs/proc.md, "Random numbers", says how it is built.
 *
 * Every function may be called from any context, interrupts on or off,
 * once random_init() has run (before it, output comes from an unseeded
 * generator and the first call warns once). None sleeps.
 */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include <kernel/types.h>

/* getrandom(2) flags (Linux's uapi/linux/random.h). */
#define GRND_NONBLOCK 0x0001
#define GRND_RANDOM   0x0002
#define GRND_INSECURE 0x0004

/* Boot, cpu 0, after the device tree, the RTC and the clock are up. */
void random_init(void);

/* n bytes from the generator; never fails. */
void get_random_bytes(void *buf, size_t n);
u64 get_random_u64(void);
u32 get_random_u32(void);

/*
 * Mix buf into the input pool (no entropy is credited: Kestrel counts
 * none). The next reseed (at most a minute away) folds it into the keys.
 */
void add_device_randomness(const void *buf, size_t n);

/* Has random_init() seeded the generator? */
bool random_ready(void);

#endif /* KERNEL_RANDOM_H */
