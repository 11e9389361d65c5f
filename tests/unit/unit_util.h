/*
 * Small helpers shared by the host unit tests: a deterministic PRNG (the
 * same sequence on every host, unlike rand()) and fixture loading.
 */
#ifndef TESTS_UNIT_UNIT_UTIL_H
#define TESTS_UNIT_UNIT_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* xorshift64*: seed must not be 0. */
struct unit_rng {
	uint64_t state;
};

void unit_rng_seed(struct unit_rng *r, uint64_t seed);
uint64_t unit_rng_next(struct unit_rng *r);
/* Uniform in [0, n), n > 0. */
uint64_t unit_rng_below(struct unit_rng *r, uint64_t n);

/*
 * Read tests/fixtures/<name> (the directory is $UNIT_FIXTURES_DIR if set,
 * else the one compiled in) into a malloc'd buffer of exactly its size, so
 * AddressSanitizer catches any read past the end. Aborts the test program
 * if the file cannot be read.
 */
void *unit_load_fixture(const char *name, size_t *len);

#endif /* TESTS_UNIT_UNIT_UTIL_H */
