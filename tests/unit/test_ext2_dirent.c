/*
 * Unit tests for kernel/fs/ext2/ext2_dirent.c: a fresh directory block,
 * record length rules, insert by split or into an unused record, delete
 * coalescing into the previous record or clearing the first, thousands of
 * random inserts and deletes checked against a simple model (a table of
 * names) with ext2_dirent_validate() after each, and corrupt blocks: each
 * hand-made kind of damage is refused, and random bytes or random
 * mutations of a good block are either refused or walk safely. Blocks sit
 * in malloc'd buffers of exactly their size so AddressSanitizer sees any
 * access past the end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit_util.h"
#include "host_rename.h"
#include <lib/string.h>
#include <fs/ext2_fs.h>
#include "../../kernel/fs/ext2/ext2_dirent.h"

#define BS 4096

static void *new_block(void)
{
	void *b = malloc(BS);
	assert_non_null(b);
	return b;
}

static struct ext2_dir_entry_2 *de_at(void *blk, unsigned int off)
{
	return (struct ext2_dir_entry_2 *)((uint8_t *)blk + off);
}

static void test_rec_len(void **state)
{
	(void)state;
	assert_int_equal(EXT2_DIR_REC_LEN(1), 12);
	assert_int_equal(EXT2_DIR_REC_LEN(4), 12);
	assert_int_equal(EXT2_DIR_REC_LEN(5), 16);
	assert_int_equal(EXT2_DIR_REC_LEN(255), 264);
}

static void test_new_dir(void **state)
{
	(void)state;
	void *b = new_block();
	struct ext2_dirent_view v;
	unsigned int off;

	ext2_dirent_init_dir(b, BS, 12, 2);
	assert_int_equal(ext2_dirent_validate(b, BS, 100, NULL), 0);
	assert_true(ext2_dirent_block_empty(b, BS));
	assert_int_equal(ext2_dirent_find(b, BS, ".", 1, &v), 0);
	assert_int_equal(v.ino, 12);
	assert_int_equal(ext2_dirent_find(b, BS, "..", 2, &v), 0);
	assert_int_equal(v.ino, 2);
	assert_int_equal(v.rec_len, BS - 12);
	/* the first insert splits "..": 12 + 12, then the rest */
	assert_int_equal(ext2_dirent_insert(b, BS, "hello", 5, 13, EXT2_FT_REG_FILE, &off), 0);
	assert_int_equal(off, 24);
	assert_int_equal(de_at(b, 12)->rec_len, 12);
	assert_int_equal(de_at(b, 24)->rec_len, BS - 24);
	assert_false(ext2_dirent_block_empty(b, BS));
	assert_int_equal(ext2_dirent_insert(b, BS, "hello", 5, 14, EXT2_FT_REG_FILE, NULL), -EEXIST);
	assert_int_equal(ext2_dirent_insert(b, BS, "a/b", 3, 14, EXT2_FT_REG_FILE, NULL), -EINVAL);
	assert_int_equal(ext2_dirent_insert(b, BS, "x", 0, 14, EXT2_FT_REG_FILE, NULL), -EINVAL);
	assert_int_equal(ext2_dirent_insert(b, BS, "x", 1, 0, EXT2_FT_REG_FILE, NULL), -EINVAL);
	assert_int_equal(ext2_dirent_insert(b, BS, "x", 1, 3, EXT2_FT_MAX, NULL), -EINVAL);
	/* delete coalesces into ".." */
	assert_int_equal(ext2_dirent_remove(b, BS, "hello", 5), 0);
	assert_int_equal(de_at(b, 12)->rec_len, BS - 12);
	assert_int_equal(ext2_dirent_remove(b, BS, "hello", 5), -ENOENT);
	assert_int_equal(ext2_dirent_validate(b, BS, 100, NULL), 0);
	free(b);
}

static void test_first_record_unused(void **state)
{
	(void)state;
	void *b = new_block();
	unsigned int off;

	ext2_dirent_init_empty(b, BS);
	assert_int_equal(ext2_dirent_validate(b, BS, 0, NULL), 0);
	assert_int_equal(ext2_dirent_free_space(b, BS), BS);
	assert_int_equal(ext2_dirent_insert(b, BS, "a", 1, 20, EXT2_FT_DIR, &off), 0);
	assert_int_equal(off, 0);
	assert_int_equal(de_at(b, 0)->rec_len, BS);	/* an unused record is taken whole */
	assert_int_equal(ext2_dirent_insert(b, BS, "b", 1, 21, EXT2_FT_DIR, &off), 0);
	assert_int_equal(off, 12);
	/* deleting the first record marks it unused; its space stays its own */
	assert_int_equal(ext2_dirent_delete(b, BS, 0), 0);
	assert_int_equal(de_at(b, 0)->inode, 0);
	assert_int_equal(de_at(b, 0)->rec_len, 12);
	assert_int_equal(ext2_dirent_delete(b, BS, 0), -EINVAL);
	assert_int_equal(ext2_dirent_delete(b, BS, 4), -EINVAL);
	assert_int_equal(ext2_dirent_validate(b, BS, 0, NULL), 0);
	assert_int_equal(ext2_dirent_insert(b, BS, "c", 1, 22, EXT2_FT_DIR, &off), 0);
	assert_int_equal(off, 0);
	free(b);
}

/* ---- the model: names in a table */
#define MAXN 600
struct model {
	char name[MAXN][256];
	uint8_t len[MAXN];
	uint32_t ino[MAXN];
	int n;
};

static void random_name(struct unit_rng *r, char *name, unsigned int *len)
{
	unsigned int n = unit_rng_below(r, 4) ? 1 + unit_rng_below(r, 16) : 1 + unit_rng_below(r, 255);

	for (unsigned int i = 0; i < n; i++) {
		char c;
		do
			c = (char)(1 + unit_rng_below(r, 255));
		while (c == '/');
		name[i] = c;
	}
	*len = n;
}

static void check_against_model(void *b, const struct model *m, bool full)
{
	struct ext2_dirent_view v;
	unsigned int pos = 0, bad = 0;
	int seen = 0;

	assert_int_equal(ext2_dirent_validate(b, BS, 0, &bad), 0);
	while (ext2_dirent_next(b, BS, &pos, &v) == 1)
		seen++;
	assert_int_equal(seen, m->n);
	for (int i = 0; full && i < m->n; i++) {
		assert_int_equal(ext2_dirent_find(b, BS, m->name[i], m->len[i], &v), 0);
		assert_int_equal(v.ino, m->ino[i]);
	}
}

static void model_step(struct unit_rng *r, void *b, struct model *m, uint32_t *next_ino)
{
	if (m->n && unit_rng_below(r, 100) < 45) {
		int i = (int)unit_rng_below(r, (uint64_t)m->n);

		assert_int_equal(ext2_dirent_remove(b, BS, m->name[i], m->len[i]), 0);
		m->n--;
		memcpy(m->name[i], m->name[m->n], m->len[m->n]);
		m->len[i] = m->len[m->n];
		m->ino[i] = m->ino[m->n];
		return;
	}
	char name[256];
	unsigned int len;
	random_name(r, name, &len);
	bool dup = false;
	for (int i = 0; i < m->n; i++)
		dup |= m->len[i] == len && !memcmp(m->name[i], name, len);
	unsigned int room = ext2_dirent_free_space(b, BS);
	int err = ext2_dirent_insert(b, BS, name, len, *next_ino, EXT2_FT_REG_FILE, NULL);
	if (dup) {
		assert_int_equal(err, -EEXIST);
	} else if (room < EXT2_DIR_REC_LEN(len)) {
		assert_int_equal(err, -ENOSPC);
	} else {
		assert_int_equal(err, 0);
		assert_true(m->n < MAXN);
		memcpy(m->name[m->n], name, len);
		m->len[m->n] = (uint8_t)len;
		m->ino[m->n++] = (*next_ino)++;
	}
}

static void test_random_against_model(void **state)
{
	(void)state;
	struct unit_rng rng;
	struct model *m = calloc(1, sizeof(*m));
	void *b = new_block();
	uint32_t next_ino = 11;

	assert_non_null(m);
	unit_rng_seed(&rng, 0xd1e);
	for (int round = 0; round < 4; round++) {
		ext2_dirent_init_empty(b, BS);
		m->n = 0;
		for (int i = 0; i < 5000; i++) {
			model_step(&rng, b, m, &next_ino);
			check_against_model(b, m, i % 16 == 0);
		}
	}
	free(m);
	free(b);
}

/* ---- corruption */
static void expect_bad(void *b, unsigned int want_off)
{
	unsigned int off = 12345;

	assert_int_equal(ext2_dirent_validate(b, BS, 1000, &off), -EFSCORRUPTED);
	assert_int_equal(off, want_off);
}

static void test_corrupt_kinds(void **state)
{
	(void)state;
	void *b = new_block();

#define FRESH() do { ext2_dirent_init_dir(b, BS, 12, 2); \
		assert_int_equal(ext2_dirent_insert(b, BS, "abc", 3, 40, 1, NULL), 0); } while (0)
	FRESH(); de_at(b, 12)->rec_len = 10; expect_bad(b, 12);		/* below the minimum */
	FRESH(); de_at(b, 12)->rec_len = 14; expect_bad(b, 12);		/* not a multiple of 4 */
	FRESH(); de_at(b, 24)->rec_len = BS; expect_bad(b, 24);		/* overruns the block */
	FRESH(); de_at(b, 24)->rec_len = 12; expect_bad(b, 36);		/* chain stops short */
	FRESH(); de_at(b, 24)->name_len = 200; de_at(b, 24)->rec_len = 12;
	expect_bad(b, 24);						/* name does not fit */
	FRESH(); de_at(b, 24)->name_len = 0; expect_bad(b, 24);		/* empty name */
	FRESH(); de_at(b, 24)->name[1] = '/'; expect_bad(b, 24);	/* slash in a name */
	FRESH(); de_at(b, 24)->file_type = 9; expect_bad(b, 24);	/* unknown type */
	FRESH(); de_at(b, 24)->inode = 1001; expect_bad(b, 24);	/* inode out of range */
	FRESH(); de_at(b, 0)->rec_len = 0; expect_bad(b, 0);		/* would loop forever */
	FRESH(); assert_int_equal(ext2_dirent_validate(b, BS - 2, 0, NULL), -EFSCORRUPTED);
	assert_int_equal(ext2_dirent_validate(b, 0, 0, NULL), -EFSCORRUPTED);
#undef FRESH
	free(b);
}

/* Walk a block with every read-only operation; must not fault whatever it holds. */
static int walk(const void *b, unsigned int size)
{
	struct ext2_dirent_view v;
	unsigned int pos = 0;
	int n = 0, r;

	while ((r = ext2_dirent_next(b, size, &pos, &v)) == 1) {
		assert_true(v.off + 8 + v.name_len <= size);
		n++;
	}
	return r < 0 ? -1 : n;
}

static void test_fuzz(void **state)
{
	(void)state;
	struct unit_rng rng;
	void *b = new_block(), *good = new_block();
	int accepted = 0;

	unit_rng_seed(&rng, 0xf022);
	for (int i = 0; i < 10000; i++) {
		if (i & 1) {	/* random bytes, shaped a little so some pass */
			for (int k = 0; k < BS; k += 8) {
				uint64_t x = unit_rng_next(&rng);
				memcpy((uint8_t *)b + k, &x, 8);
			}
			if (i % 4 == 1)
				de_at(b, 0)->rec_len = (uint16_t)(BS - 4 * unit_rng_below(&rng, 3));
		} else {	/* a good block with a few bytes changed */
			ext2_dirent_init_dir(good, BS, 12, 2);
			for (int k = 0; k < 20; k++) {
				char name[3] = { 'f', (char)('a' + k), 0 };
				assert_int_equal(ext2_dirent_insert(good, BS, name, 2,
								    100 + k, 1, NULL), 0);
			}
			memcpy(b, good, BS);
			for (int k = 0, n = 1 + unit_rng_below(&rng, 4); k < n; k++)
				((uint8_t *)b)[unit_rng_below(&rng, 300)] = (uint8_t)unit_rng_next(&rng);
		}
		int walked = walk(b, BS);
		if (ext2_dirent_validate(b, BS, 0, NULL) == 0) {
			accepted++;
			assert_true(walked >= 0);
			/* a valid block takes edits and stays valid */
			int err = ext2_dirent_insert(b, BS, "new", 3, 7, 1, NULL);
			assert_true(err == 0 || err == -ENOSPC || err == -EEXIST);
			ext2_dirent_remove(b, BS, "new", 3);
			assert_int_equal(ext2_dirent_validate(b, BS, 0, NULL), 0);
		}
	}
	assert_true(accepted > 100);
	free(b);
	free(good);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rec_len),
		cmocka_unit_test(test_new_dir),
		cmocka_unit_test(test_first_record_unused),
		cmocka_unit_test(test_random_against_model),
		cmocka_unit_test(test_corrupt_kinds),
		cmocka_unit_test(test_fuzz),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
