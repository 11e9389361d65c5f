/*
 * Fragment bookkeeping for one datagram: which payload ranges arrived.
 * Pure (no locks, no allocation): tests/unit/test_ipfrag.c runs it
 * against a byte-map model with overlaps, duplicates, reordering and
 * bad lengths. Policy and interface in net/ipfrag.h.
 *
 * Invariant (frag_set_validate): pieces sorted by start, each non-empty,
 * pairwise disjoint, inside [0, end] once the end is known, bytes = the
 * sum of their lengths, n <= IPFRAG_MAX_PIECES.
 */
#include <lib/string.h>
#include <net/ipfrag.h>

void frag_set_init(struct frag_set *s)
{
	s->n = 0;
	s->end = 0;
	s->have_last = false;
	s->bytes = 0;
}

bool frag_set_complete(const struct frag_set *s)
{
	return s->have_last && s->bytes == s->end;
}

/* Index of the first piece whose start is >= off. */
static unsigned int frag_find(const struct frag_set *s, u32 off)
{
	unsigned int i = 0;

	while (i < s->n && s->piece[i].start < off)
		i++;
	return i;
}

/* Do the lengths and the end say this fragment is acceptable? */
static bool frag_bounds_ok(const struct frag_set *s, u32 off, u32 len, bool more)
{
	u32 end = off + len;

	if (len == 0 || end > IPFRAG_MAX_PAYLOAD || end < off)
		return false;
	if (more && (len & 7))
		return false;	/* only the last fragment may have a ragged length */
	if (!more && s->have_last && end != s->end)
		return false;	/* two different ends */
	if (!more && s->n && s->piece[s->n - 1].end > end)
		return false;	/* data already held past this end */
	if (more && s->have_last && end > s->end)
		return false;	/* data past the known end */
	return true;
}

enum frag_verdict frag_set_add(struct frag_set *s, u32 off, u32 len, bool more, void *token)
{
	unsigned int i;
	u32 end = off + len;

	if (!frag_bounds_ok(s, off, len, more))
		return FRAG_BAD;
	i = frag_find(s, off);
	if (i < s->n && s->piece[i].start == off && s->piece[i].end == end)
		return FRAG_DUP;
	if ((i > 0 && s->piece[i - 1].end > off) || (i < s->n && s->piece[i].start < end))
		return FRAG_BAD;	/* a partial overlap */
	if (s->n == IPFRAG_MAX_PIECES)
		return FRAG_BAD;
	memmove(&s->piece[i + 1], &s->piece[i], (s->n - i) * sizeof(s->piece[0]));
	s->piece[i] = (struct frag_piece){ .start = off, .end = end, .token = token };
	s->n++;
	s->bytes += len;
	if (!more) {
		s->have_last = true;
		s->end = end;
	}
	return frag_set_complete(s) ? FRAG_COMPLETE : FRAG_QUEUED;
}

const char *frag_set_validate(const struct frag_set *s)
{
	u32 bytes = 0;

	if (s->n > IPFRAG_MAX_PIECES)
		return "too many pieces";
	for (unsigned int i = 0; i < s->n; i++) {
		const struct frag_piece *p = &s->piece[i];

		if (p->end <= p->start)
			return "empty piece";
		if (i > 0 && s->piece[i - 1].end > p->start)
			return "pieces overlap or are out of order";
		if (s->have_last && p->end > s->end)
			return "piece past the end";
		bytes += p->end - p->start;
	}
	if (bytes != s->bytes)
		return "byte count wrong";
	if (!s->have_last && s->end)
		return "end without a last fragment";
	return NULL;
}
