/*
 * The JBD2 log's blocks and recovery (interface and contracts in
 * jbd2_log.h; the protocol in docs/journal.md).
 *
 * Recovery walks the log three times from s_start. Each walk reads one
 * journal block at a time: a descriptor (skip or replay the blocks it
 * tags), a revoke block (collect its records), or a commit block (the
 * transaction is complete: the next one is expected). Anything else --
 * another magic, a sequence break, an unknown type, a malformed block, a
 * lap around the whole log -- ends the log. The first walk (scan) finds
 * where the last complete transaction ends; the other two stop there.
 *
 * Pure: no I/O but through the callbacks, no locks; the revoke table is
 * krealloc'd and freed before jbd2_recover returns.
 */
#include "jbd2_log.h"

#include <lib/string.h>
#include <mm/slab.h>
#include <uapi/errno.h>

#define DESC_TAGS_MAX	((JBD2_BLOCK_SIZE - sizeof(struct jbd2_header) - JBD2_UUID_SIZE) / JBD2_TAG_SIZE)

unsigned int jbd2_desc_capacity(void)
{
	return DESC_TAGS_MAX;
}

unsigned int jbd2_revoke_capacity(void)
{
	return (JBD2_BLOCK_SIZE - sizeof(struct jbd2_revoke_header)) / JBD2_REVOKE_REC;
}

static void header_init(void *blk, u32 type, u32 seq)
{
	struct jbd2_header *h = blk;

	memset(blk, 0, JBD2_BLOCK_SIZE);
	h->h_magic = jbd2_cpu_to_be32(JBD2_MAGIC_NUMBER);
	h->h_blocktype = jbd2_cpu_to_be32(type);
	h->h_sequence = jbd2_cpu_to_be32(seq);
}

void jbd2_desc_build(void *blk, u32 seq, const u64 *blocks, const bool *escaped,
		     unsigned int n, const u8 uuid[16])
{
	u8 *p = (u8 *)blk + sizeof(struct jbd2_header);

	header_init(blk, JBD2_DESCRIPTOR_BLOCK, seq);
	for (unsigned int i = 0; i < n; i++) {
		struct jbd2_block_tag tag = { 0 };
		u16 flags = i ? JBD2_FLAG_SAME_UUID : 0;

		if (escaped[i])
			flags |= JBD2_FLAG_ESCAPE;
		if (i == n - 1)
			flags |= JBD2_FLAG_LAST_TAG;
		tag.t_blocknr = jbd2_cpu_to_be32((u32)blocks[i]);
		tag.t_flags = jbd2_cpu_to_be16(flags);
		memcpy(p, &tag, sizeof(tag));
		p += sizeof(tag);
		if (i == 0) {
			memcpy(p, uuid, JBD2_UUID_SIZE);
			p += JBD2_UUID_SIZE;
		}
	}
}

unsigned int jbd2_desc_parse(const void *blk, u64 *blocks, u16 *flags)
{
	const u8 *base = blk;
	size_t off = sizeof(struct jbd2_header);
	unsigned int n = 0;

	while (off + JBD2_TAG_SIZE <= JBD2_BLOCK_SIZE && n < DESC_TAGS_MAX) {
		struct jbd2_block_tag tag;

		memcpy(&tag, base + off, sizeof(tag));
		blocks[n] = jbd2_be32(tag.t_blocknr);
		flags[n] = jbd2_be16(tag.t_flags);
		off += JBD2_TAG_SIZE;
		if (!(flags[n] & JBD2_FLAG_SAME_UUID))
			off += JBD2_UUID_SIZE;
		if (flags[n++] & JBD2_FLAG_LAST_TAG)
			break;
	}
	return n;
}

void jbd2_revoke_init(void *blk, u32 seq)
{
	struct jbd2_revoke_header *r = blk;

	header_init(blk, JBD2_REVOKE_BLOCK, seq);
	r->r_count = jbd2_cpu_to_be32(sizeof(*r));
}

int jbd2_revoke_add(void *blk, u64 block)
{
	struct jbd2_revoke_header *r = blk;
	u32 used = jbd2_be32(r->r_count);
	u32 rec = jbd2_cpu_to_be32((u32)block);

	if (used + JBD2_REVOKE_REC > JBD2_BLOCK_SIZE)
		return -ENOSPC;
	memcpy((u8 *)blk + used, &rec, sizeof(rec));
	r->r_count = jbd2_cpu_to_be32(used + JBD2_REVOKE_REC);
	return 0;
}

int jbd2_revoke_count(const void *blk)
{
	const struct jbd2_revoke_header *r = blk;
	u32 used = jbd2_be32(r->r_count);

	if (used < sizeof(*r) || used > JBD2_BLOCK_SIZE ||
	    (used - sizeof(*r)) % JBD2_REVOKE_REC)
		return -EUCLEAN;
	return (int)((used - sizeof(*r)) / JBD2_REVOKE_REC);
}

u64 jbd2_revoke_get(const void *blk, unsigned int i)
{
	u32 rec;

	memcpy(&rec, (const u8 *)blk + sizeof(struct jbd2_revoke_header) + i * JBD2_REVOKE_REC,
	       sizeof(rec));
	return jbd2_be32(rec);
}

void jbd2_commit_build(void *blk, u32 seq, u64 sec, u32 nsec)
{
	struct jbd2_commit_header *c = blk;

	header_init(blk, JBD2_COMMIT_BLOCK, seq);
	c->h_commit_sec = jbd2_cpu_to_be64(sec);
	c->h_commit_nsec = jbd2_cpu_to_be32(nsec);
}

bool jbd2_escape(void *copy)
{
	u32 magic = jbd2_cpu_to_be32(JBD2_MAGIC_NUMBER), first;

	memcpy(&first, copy, sizeof(first));
	if (first != magic)
		return false;
	memset(copy, 0, sizeof(first));
	return true;
}

void jbd2_unescape(void *blk)
{
	u32 magic = jbd2_cpu_to_be32(JBD2_MAGIC_NUMBER);

	memcpy(blk, &magic, sizeof(magic));
}

/* ---------------------------------------------------------------- the revoke table */

struct revoke_rec {
	u64 block;
	u32 seq;		/* the latest transaction that revoked it */
};

struct revoke_table {
	struct revoke_rec *v;
	u32 n, cap;
};

static int revoke_table_add(struct revoke_table *t, u64 block, u32 seq)
{
	if (t->n == t->cap) {
		u32 cap = t->cap ? t->cap * 2 : 256;
		struct revoke_rec *v = krealloc(t->v, cap * sizeof(*v), GFP_KERNEL);

		if (!v)
			return -ENOMEM;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = (struct revoke_rec){ block, seq };
	return 0;
}

static void sift_down(struct revoke_rec *v, u32 root, u32 n)
{
	for (u32 child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && v[child + 1].block > v[child].block)
			child++;
		if (v[root].block >= v[child].block)
			return;
		struct revoke_rec tmp = v[root];
		v[root] = v[child];
		v[child] = tmp;
	}
}

/* Sort by block (heapsort: no recursion, no extra memory), then keep one
 * record per block with the latest sequence. */
static void revoke_table_finish(struct revoke_table *t)
{
	struct revoke_rec *v = t->v;
	u32 n = t->n, out = 0;

	for (u32 i = n / 2; i-- > 0;)
		sift_down(v, i, n);
	for (u32 end = n; end-- > 1;) {
		struct revoke_rec tmp = v[0];
		v[0] = v[end];
		v[end] = tmp;
		sift_down(v, 0, end);
	}
	for (u32 i = 0; i < n; i++) {
		if (out && v[out - 1].block == v[i].block) {
			if (jbd2_tid_gt(v[i].seq, v[out - 1].seq))
				v[out - 1].seq = v[i].seq;
			continue;
		}
		v[out++] = v[i];
	}
	t->n = out;
}

/* Was block, logged by transaction seq, revoked by seq or a later one? */
static bool revoke_table_test(const struct revoke_table *t, u64 block, u32 seq)
{
	u32 lo = 0, hi = t->n;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (t->v[mid].block == block)
			return jbd2_tid_geq(t->v[mid].seq, seq);
		if (t->v[mid].block < block)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* ---------------------------------------------------------------- the walks */

enum jbd2_pass { PASS_SCAN, PASS_REVOKE, PASS_REPLAY };

struct walk {
	const struct jbd2_log_geom *g;
	const struct jbd2_recovery_ops *ops;
	enum jbd2_pass pass;
	u32 blk, seq;			/* where we are, the transaction expected */
	u32 left;			/* blocks left before one lap of the log */
	void *buf, *buf2;
	u64 *tags;			/* [DESC_TAGS_MAX] */
	u16 *flags;			/* [DESC_TAGS_MAX] */
	struct revoke_table revokes;
	struct jbd2_recovery_info *info;
};

#define WALK_END	1		/* the log ends here: not an error */

/* Step over one log block; WALK_END after a whole lap. */
static int walk_advance(struct walk *w)
{
	if (w->left == 0)
		return WALK_END;
	w->left--;
	w->blk = jbd2_log_next(w->g, w->blk);
	return 0;
}

/* Replay (or, scanning, check) the n blocks that follow a descriptor. */
static int walk_logged(struct walk *w, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++) {
		int err = walk_advance(w);

		if (err)
			return err;
		if (w->pass == PASS_SCAN) {
			if (w->tags[i] >= w->g->fs_blocks)
				return WALK_END;
			continue;
		}
		if (w->pass != PASS_REPLAY)
			continue;
		if (revoke_table_test(&w->revokes, w->tags[i], w->seq)) {
			w->info->nr_revoked++;
			continue;
		}
		err = w->ops->read_log(w->ops->ctx, w->blk, w->buf2);
		if (!err && (w->flags[i] & JBD2_FLAG_ESCAPE))
			jbd2_unescape(w->buf2);
		if (!err)
			err = w->ops->write_home(w->ops->ctx, w->tags[i], w->buf2);
		if (err)
			return err;
		w->info->nr_replayed++;
	}
	return walk_advance(w);
}

static int walk_revoke_block(struct walk *w)
{
	int n = jbd2_revoke_count(w->buf);

	if (n < 0)
		return WALK_END;
	for (int i = 0; w->pass == PASS_REVOKE && i < n; i++) {
		int err = revoke_table_add(&w->revokes, jbd2_revoke_get(w->buf, i), w->seq);

		if (err)
			return err;
	}
	return walk_advance(w);
}

static int walk_commit_block(struct walk *w)
{
	int err;

	w->seq++;
	err = walk_advance(w);
	if (w->pass == PASS_SCAN) {
		w->info->end_seq = w->seq;
		w->info->end_block = w->blk;
		w->info->nr_commits++;
	}
	return err;
}

/* One block of the walk: 0 to go on, WALK_END, or -errno. */
static int walk_step(struct walk *w)
{
	const struct jbd2_header *h = w->buf;
	int err = w->ops->read_log(w->ops->ctx, w->blk, w->buf);

	if (err)
		return err;
	if (jbd2_be32(h->h_magic) != JBD2_MAGIC_NUMBER || jbd2_be32(h->h_sequence) != w->seq)
		return WALK_END;
	switch (jbd2_be32(h->h_blocktype)) {
	case JBD2_DESCRIPTOR_BLOCK:
		return walk_logged(w, jbd2_desc_parse(w->buf, w->tags, w->flags));
	case JBD2_REVOKE_BLOCK:
		return walk_revoke_block(w);
	case JBD2_COMMIT_BLOCK:
		return walk_commit_block(w);
	default:
		return WALK_END;
	}
}

/* Walk from (start, start_seq); after the scan, stop at info->end_seq. */
static int walk_pass(struct walk *w, enum jbd2_pass pass, u32 start, u32 start_seq)
{
	int err = 0;

	w->pass = pass;
	w->blk = start;
	w->seq = start_seq;
	w->left = w->g->maxlen - w->g->first;
	while (pass == PASS_SCAN || jbd2_tid_gt(w->info->end_seq, w->seq)) {
		err = walk_step(w);
		if (err)
			break;
	}
	return err == WALK_END ? 0 : err;
}

int jbd2_recover(const struct jbd2_log_geom *g, u32 start, u32 start_seq,
		 const struct jbd2_recovery_ops *ops, void *buf, void *buf2,
		 struct jbd2_recovery_info *info)
{
	struct walk w = { .g = g, .ops = ops, .buf = buf, .buf2 = buf2, .info = info };
	int err = -ENOMEM;

	memset(info, 0, sizeof(*info));
	info->start_seq = info->end_seq = start_seq;
	info->end_block = start;
	w.tags = kmalloc(DESC_TAGS_MAX * sizeof(*w.tags), GFP_KERNEL);
	w.flags = kmalloc(DESC_TAGS_MAX * sizeof(*w.flags), GFP_KERNEL);
	if (!w.tags || !w.flags)
		goto out;
	err = walk_pass(&w, PASS_SCAN, start, start_seq);
	if (!err && info->nr_commits)
		err = walk_pass(&w, PASS_REVOKE, start, start_seq);
	if (!err && info->nr_commits) {
		revoke_table_finish(&w.revokes);
		info->nr_revoke_records = w.revokes.n;
		err = walk_pass(&w, PASS_REPLAY, start, start_seq);
	}
out:
	kfree(w.revokes.v);
	kfree(w.flags);
	kfree(w.tags);
	return err;
}
