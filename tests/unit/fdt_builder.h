/*
 * A tiny device-tree blob writer for the unit tests: build a tree node by
 * node, then fdtb_finish() lays out header, memory reservations, structure
 * and strings blocks (version 17) in one malloc'd buffer of exact size.
 * fdtb_raw32() writes an arbitrary word into the structure block, for
 * building malformed blobs.
 */
#ifndef TESTS_UNIT_FDT_BUILDER_H
#define TESTS_UNIT_FDT_BUILDER_H

#include <stddef.h>
#include <stdint.h>

#define FDTB_MAX_RSV 64

struct fdtb {
	uint8_t *st;			/* structure block */
	size_t st_len, st_cap;
	char *str;			/* strings block */
	size_t str_len, str_cap;
	uint64_t rsv[FDTB_MAX_RSV][2];
	int nrsv;
};

void fdtb_init(struct fdtb *b);
void fdtb_begin_node(struct fdtb *b, const char *name);
void fdtb_end_node(struct fdtb *b);
void fdtb_prop(struct fdtb *b, const char *name, const void *val, size_t len);
void fdtb_prop_empty(struct fdtb *b, const char *name);
void fdtb_prop_u32(struct fdtb *b, const char *name, uint32_t v);
void fdtb_prop_u64(struct fdtb *b, const char *name, uint64_t v);
/* n big-endian cells from cells[]. */
void fdtb_prop_cells(struct fdtb *b, const char *name, int n,
		     const uint32_t *cells);
void fdtb_prop_str(struct fdtb *b, const char *name, const char *s);
void fdtb_memrsv(struct fdtb *b, uint64_t addr, uint64_t size);
void fdtb_raw32(struct fdtb *b, uint32_t word);
/* Offset of a name in the strings block (added if new). */
uint32_t fdtb_string(struct fdtb *b, const char *name);

struct unit_rng;

/*
 * Corrupt a blob in place at random: 1..8 random bytes (a quarter of them
 * in the header), or one aligned word of the structure block set to a
 * token value or a huge length.
 */
void fdtb_mutate(uint8_t *blob, size_t len, struct unit_rng *rng);

/*
 * A malloc'd copy of the first len bytes of blob with the header patched
 * to match: totalsize = len, structure and strings blocks clipped to it.
 */
uint8_t *fdtb_truncate(const uint8_t *blob, size_t len);

/* Append FDT_END, build the blob (*len bytes), free b's buffers. */
void *fdtb_finish(struct fdtb *b, size_t *len);

#endif /* TESTS_UNIT_FDT_BUILDER_H */
