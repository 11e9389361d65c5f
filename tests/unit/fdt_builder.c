/*
 * Device-tree blob writer for the unit tests (see fdt_builder.h). Host code
 * on the host libc; aborts on allocation failure.
 */
#include <stdlib.h>
#include <string.h>

#include "fdt_builder.h"
#include "unit_util.h"

#define TOK_BEGIN_NODE 1
#define TOK_END_NODE   2
#define TOK_PROP       3
#define TOK_END        9

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p)
		abort();
	return p;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void put_be64(uint8_t *p, uint64_t v)
{
	put_be32(p, (uint32_t)(v >> 32));
	put_be32(p + 4, (uint32_t)v);
}

/* Append n bytes to the structure block, then zero-pad to 4 bytes. */
static void st_append(struct fdtb *b, const void *data, size_t n)
{
	size_t padded = (n + 3) & ~(size_t)3;

	if (b->st_len + padded > b->st_cap) {
		b->st_cap = (b->st_len + padded) * 2 + 64;
		b->st = xrealloc(b->st, b->st_cap);
	}
	if (n)
		memcpy(b->st + b->st_len, data, n);
	memset(b->st + b->st_len + n, 0, padded - n);
	b->st_len += padded;
}

void fdtb_raw32(struct fdtb *b, uint32_t word)
{
	uint8_t w[4];

	put_be32(w, word);
	st_append(b, w, 4);
}

void fdtb_init(struct fdtb *b)
{
	memset(b, 0, sizeof(*b));
}

void fdtb_begin_node(struct fdtb *b, const char *name)
{
	fdtb_raw32(b, TOK_BEGIN_NODE);
	st_append(b, name, strlen(name) + 1);
}

void fdtb_end_node(struct fdtb *b)
{
	fdtb_raw32(b, TOK_END_NODE);
}

uint32_t fdtb_string(struct fdtb *b, const char *name)
{
	size_t n = strlen(name) + 1, off;

	for (off = 0; off < b->str_len; off += strlen(b->str + off) + 1) {
		if (strcmp(b->str + off, name) == 0)
			return (uint32_t)off;
	}
	if (b->str_len + n > b->str_cap) {
		b->str_cap = (b->str_len + n) * 2 + 64;
		b->str = xrealloc(b->str, b->str_cap);
	}
	memcpy(b->str + b->str_len, name, n);
	b->str_len += n;
	return (uint32_t)off;
}

void fdtb_prop(struct fdtb *b, const char *name, const void *val, size_t len)
{
	fdtb_raw32(b, TOK_PROP);
	fdtb_raw32(b, (uint32_t)len);
	fdtb_raw32(b, fdtb_string(b, name));
	st_append(b, val, len);
}

void fdtb_prop_empty(struct fdtb *b, const char *name)
{
	fdtb_prop(b, name, NULL, 0);
}

void fdtb_prop_u32(struct fdtb *b, const char *name, uint32_t v)
{
	fdtb_prop_cells(b, name, 1, &v);
}

void fdtb_prop_u64(struct fdtb *b, const char *name, uint64_t v)
{
	uint32_t c[2] = { (uint32_t)(v >> 32), (uint32_t)v };

	fdtb_prop_cells(b, name, 2, c);
}

void fdtb_prop_cells(struct fdtb *b, const char *name, int n,
		     const uint32_t *cells)
{
	uint8_t *buf = xrealloc(NULL, (size_t)n * 4 + 1);
	int i;

	for (i = 0; i < n; i++)
		put_be32(buf + 4 * i, cells[i]);
	fdtb_prop(b, name, buf, (size_t)n * 4);
	free(buf);
}

void fdtb_prop_str(struct fdtb *b, const char *name, const char *s)
{
	fdtb_prop(b, name, s, strlen(s) + 1);
}

void fdtb_memrsv(struct fdtb *b, uint64_t addr, uint64_t size)
{
	if (b->nrsv == FDTB_MAX_RSV)
		abort();
	b->rsv[b->nrsv][0] = addr;
	b->rsv[b->nrsv][1] = size;
	b->nrsv++;
}

void *fdtb_finish(struct fdtb *b, size_t *len)
{
	size_t off_rsv = 40, rsv_size = (size_t)(b->nrsv + 1) * 16;
	size_t off_st, off_str, total;
	uint8_t *blob;
	int i;

	fdtb_raw32(b, TOK_END);
	off_st = off_rsv + rsv_size;
	off_str = off_st + b->st_len;
	total = off_str + b->str_len;
	blob = xrealloc(NULL, total);
	memset(blob, 0, total);
	put_be32(blob + 0, 0xd00dfeed);
	put_be32(blob + 4, (uint32_t)total);
	put_be32(blob + 8, (uint32_t)off_st);
	put_be32(blob + 12, (uint32_t)off_str);
	put_be32(blob + 16, (uint32_t)off_rsv);
	put_be32(blob + 20, 17);
	put_be32(blob + 24, 16);
	put_be32(blob + 32, (uint32_t)b->str_len);
	put_be32(blob + 36, (uint32_t)b->st_len);
	for (i = 0; i < b->nrsv; i++) {
		put_be64(blob + off_rsv + 16 * (size_t)i, b->rsv[i][0]);
		put_be64(blob + off_rsv + 16 * (size_t)i + 8, b->rsv[i][1]);
	}
	if (b->st_len)
		memcpy(blob + off_st, b->st, b->st_len);
	if (b->str_len)
		memcpy(blob + off_str, b->str, b->str_len);
	free(b->st);
	free(b->str);
	fdtb_init(b);
	*len = total;
	return blob;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

void fdtb_mutate(uint8_t *b, size_t len, struct unit_rng *rng)
{
	static const uint32_t words[] = { 0, 1, 2, 3, 4, 9, 0x7fffffff,
		0xffffffff, 0xfffffffc, 0x10000, 5 };
	uint32_t off_st = get_be32(b + 8), size_st = get_be32(b + 36);
	int n = 1 + (int)unit_rng_below(rng, 8), k;

	if (unit_rng_below(rng, 3) == 0 && size_st >= 4 &&
	    (uint64_t)off_st + size_st <= len) {
		size_t pos = off_st + 4 * unit_rng_below(rng, size_st / 4);

		put_be32(b + pos, words[unit_rng_below(rng, 11)]);
		return;
	}
	for (k = 0; k < n; k++) {
		size_t pos = unit_rng_below(rng, 4) == 0 ?
			unit_rng_below(rng, 40) : unit_rng_below(rng, len);

		b[pos] = (uint8_t)unit_rng_next(rng);
	}
}

uint8_t *fdtb_truncate(const uint8_t *blob, size_t len)
{
	uint8_t *cut = xrealloc(NULL, len ? len : 1);
	uint32_t off_st = get_be32(blob + 8), off_str = get_be32(blob + 12);

	memcpy(cut, blob, len);
	if (len < 40)
		return cut;
	put_be32(cut + 4, (uint32_t)len);
	if (off_st < len && (uint64_t)off_st + get_be32(cut + 36) > len)
		put_be32(cut + 36, (uint32_t)(len - off_st));
	if (off_str <= len && (uint64_t)off_str + get_be32(cut + 32) > len)
		put_be32(cut + 32, (uint32_t)(len - off_str));
	return cut;
}
