/*
 * Helpers shared by the host unit tests (see unit_util.h). Host code: uses
 * the host libc directly, never the kernel's renamed functions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"

#ifndef UNIT_FIXTURES_DIR
#define UNIT_FIXTURES_DIR "tests/fixtures"
#endif

void unit_rng_seed(struct unit_rng *r, uint64_t seed)
{
	r->state = seed ? seed : 0x9e3779b97f4a7c15ULL;
}

uint64_t unit_rng_next(struct unit_rng *r)
{
	uint64_t x = r->state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->state = x;
	return x * 0x2545f4914f6cdd1dULL;
}

uint64_t unit_rng_below(struct unit_rng *r, uint64_t n)
{
	return unit_rng_next(r) % n;
}

void *unit_load_fixture(const char *name, size_t *len)
{
	const char *dir = getenv("UNIT_FIXTURES_DIR");
	char path[4096];
	FILE *f;
	long size;
	void *buf;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : UNIT_FIXTURES_DIR,
		 name);
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "cannot read fixture %s\n", path);
		exit(2);
	}
	buf = malloc((size_t)size);
	if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "cannot read fixture %s\n", path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)size;
	return buf;
}
