/*
 * Unit tests for the fragment bookkeeping (kernel/net/ipv4/ipfrag_core.c)
 * against a model: a byte map of what arrived, the set of held pieces,
 * and the policy of net/ipfrag.h (exact duplicates ignored, any other
 * overlap or inconsistent end poisons the datagram). Random datagrams
 * are cut into fragments, shuffled, duplicated and overlapped; the
 * invariant checker runs after every change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdlib.h>

#include "host_rename.h"
#include <lib/string.h>
#include <kernel/compiler.h>
#include <net/ipfrag.h>

static struct frag_set set;

static void check(void)
{
	const char *why = frag_set_validate(&set);

	if (why)
		fail_msg("invariant: %s", why);
}

static void test_in_order(void **state)
{
	(void)state;
	frag_set_init(&set);
	assert_int_equal(frag_set_add(&set, 0, 16, true, (void *)1), FRAG_QUEUED);
	assert_int_equal(frag_set_add(&set, 16, 16, true, (void *)2), FRAG_QUEUED);
	assert_int_equal(frag_set_add(&set, 32, 5, false, (void *)3), FRAG_COMPLETE);
	check();
	assert_int_equal(set.n, 3);
	assert_int_equal(set.end, 37);
	assert_ptr_equal(set.piece[2].token, (void *)3);
}

static void test_reverse_and_dup(void **state)
{
	(void)state;
	frag_set_init(&set);
	assert_int_equal(frag_set_add(&set, 32, 5, false, (void *)3), FRAG_QUEUED);
	assert_int_equal(frag_set_add(&set, 32, 5, false, (void *)4), FRAG_DUP);
	assert_int_equal(frag_set_add(&set, 16, 16, true, (void *)2), FRAG_QUEUED);
	assert_int_equal(frag_set_add(&set, 16, 16, true, (void *)9), FRAG_DUP);
	assert_int_equal(frag_set_add(&set, 0, 16, true, (void *)1), FRAG_COMPLETE);
	check();
	assert_ptr_equal(set.piece[0].token, (void *)1);
	assert_ptr_equal(set.piece[1].token, (void *)2);
}

static void test_bad(void **state)
{
	(void)state;
	frag_set_init(&set);
	assert_int_equal(frag_set_add(&set, 0, 16, true, NULL), FRAG_QUEUED);
	assert_int_equal(frag_set_add(&set, 8, 16, true, NULL), FRAG_BAD);	/* overlap */
	assert_int_equal(frag_set_add(&set, 0, 8, true, NULL), FRAG_BAD);	/* inside */
	assert_int_equal(frag_set_add(&set, 16, 12, true, NULL), FRAG_BAD);	/* ragged middle */
	assert_int_equal(frag_set_add(&set, 16, 0, false, NULL), FRAG_BAD);	/* empty */
	assert_int_equal(frag_set_add(&set, 65512, 8, true, NULL), FRAG_BAD);	/* past 65515 */
	assert_int_equal(frag_set_add(&set, 64, 8, false, NULL), FRAG_QUEUED);	/* end 72 */
	assert_int_equal(frag_set_add(&set, 64, 16, false, NULL), FRAG_BAD);	/* second end */
	assert_int_equal(frag_set_add(&set, 72, 8, true, NULL), FRAG_BAD);	/* past the end */
	frag_set_init(&set);
	assert_int_equal(frag_set_add(&set, 64, 8, true, NULL), FRAG_QUEUED);
	assert_int_equal(frag_set_add(&set, 0, 40, false, NULL), FRAG_BAD);	/* end before data */
	frag_set_init(&set);
	for (unsigned int i = 0; i < IPFRAG_MAX_PIECES; i++)
		assert_int_equal(frag_set_add(&set, i * 16, 8, true, NULL), FRAG_QUEUED);
	assert_int_equal(frag_set_add(&set, 8, 8, true, NULL), FRAG_BAD);	/* too many */
	check();
}

/* The model: bytes covered, and whether the datagram is poisoned. */
static void test_random_against_model(void **state)
{
	static uint8_t covered[IPFRAG_MAX_PAYLOAD + 8];

	(void)state;
	srand(77);
	for (int round = 0; round < 20000; round++) {
		uint32_t end = 1 + (uint32_t)rand() % (rand() % 4 ? 200 : 3000);
		uint32_t unit = 8u * (1 + (uint32_t)rand() % 4), nfrag = (end + unit - 1) / unit;
		uint32_t order[400];
		bool poisoned = false, complete = false;
		uint32_t got = 0, last_end = 0;
		bool have_last = false;

		if (nfrag > 60)
			continue;
		memset(covered, 0, end + 8);
		frag_set_init(&set);
		for (uint32_t i = 0; i < nfrag; i++)
			order[i] = i;
		for (uint32_t i = nfrag; i > 1; i--) {	/* shuffle */
			uint32_t j = (uint32_t)rand() % i, t = order[i - 1];
			order[i - 1] = order[j];
			order[j] = t;
		}
		for (uint32_t k = 0; k < nfrag + 3 && !poisoned && !complete; k++) {
			uint32_t f = order[k % nfrag], off = f * unit, len = MIN(unit, end - off);
			bool more = off + len < end;
			enum frag_verdict v;

			if (rand() % 8 == 0 && more && len >= 16) {	/* a partial overlap */
				off += 8;
				len -= 8;
				if (len & 7)
					continue;
			}
			v = frag_set_add(&set, off, len, more, (void *)(uintptr_t)(off + 1));
			/* What the model expects. */
			bool dup, overlap;
			uint32_t held = 0;
			for (uint32_t b = off; b < off + len; b++)
				held += covered[b];
			dup = held == len;
			overlap = held != 0 && !dup;
			if (dup) {
				/* Exactly the same piece? Only then a DUP; else BAD. */
				assert_true(v == FRAG_DUP || v == FRAG_BAD);
				if (v == FRAG_BAD)
					poisoned = true;
				continue;
			}
			if (overlap) {
				assert_int_equal(v, FRAG_BAD);
				poisoned = true;
				continue;
			}
			assert_true(v == FRAG_QUEUED || v == FRAG_COMPLETE);
			memset(covered + off, 1, len);
			got += len;
			if (!more) {
				have_last = true;
				last_end = off + len;
			}
			complete = have_last && got == last_end;
			assert_int_equal(v == FRAG_COMPLETE, complete);
			check();
		}
		if (complete) {
			uint32_t pos = 0;

			for (unsigned int i = 0; i < set.n; i++) {
				assert_int_equal(set.piece[i].start, pos);
				pos = set.piece[i].end;
			}
			assert_int_equal(pos, end);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order),
		cmocka_unit_test(test_reverse_and_dup),
		cmocka_unit_test(test_bad),
		cmocka_unit_test(test_random_against_model),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
