/*
 * IPv4 fragment reassembly.
 *
 * The pure part (kernel/net/ipv4/ipfrag_core.c, host-tested): a struct
 * frag_set records which byte ranges of one datagram's payload arrived,
 * each with the caller's token (its skb), sorted by offset. Policy:
 *  - an exact duplicate (same offset and length as a held fragment) is
 *    ignored (FRAG_DUP: the caller frees it, the set stays);
 *  - any other overlap poisons the whole datagram (FRAG_BAD: RFC 5722's
 *    rule for IPv6, which Linux also applies to IPv4);
 *  - so does a second, different end (last fragment), data past the end,
 *    a payload past 65535 - 20 bytes, a non-last fragment whose length
 *    is not a multiple of 8, or more than IPFRAG_MAX_PIECES pieces.
 * The set is complete when the last fragment arrived and the pieces
 * cover 0..end without a gap.
 *
 * The kernel part (ip_fragment.c): queues keyed by (saddr, daddr, id,
 * protocol) in a small table, each expiring IPFRAG_TIMEOUT_NS after its
 * first fragment (an ICMP time-exceeded is sent if the first fragment was
 * there), at most IPFRAG_MAX_QUEUES queues and IPFRAG_MEM_LIMIT bytes
 * held (the oldest queue is evicted). Lock "ipfrag" (a leaf).
 */
#ifndef NET_IPFRAG_H
#define NET_IPFRAG_H

#include <kernel/types.h>

struct sk_buff;

#define IPFRAG_MAX_PIECES	64
#define IPFRAG_MAX_PAYLOAD	(65535 - 20)
#define IPFRAG_TIMEOUT_NS	30000000000ull	/* 30 s, Linux's ipfrag_time */
#define IPFRAG_MAX_QUEUES	64
#define IPFRAG_MEM_LIMIT	(4u << 20)

struct frag_piece {
	u32 start, end;		/* payload bytes [start, end) */
	void *token;
};

struct frag_set {
	unsigned int n;		/* pieces held, sorted by start, disjoint */
	u32 end;		/* payload length once the last fragment came; else 0 */
	bool have_last;
	u32 bytes;		/* sum of piece lengths */
	struct frag_piece piece[IPFRAG_MAX_PIECES];
};

enum frag_verdict {
	FRAG_QUEUED,	/* kept; not complete yet */
	FRAG_COMPLETE,	/* kept; every byte is here */
	FRAG_DUP,	/* an exact duplicate: not kept */
	FRAG_BAD,	/* not kept, and the set must be thrown away */
};

void frag_set_init(struct frag_set *s);
/* Add payload bytes [off, off + len) (more: MF was set) with token. */
enum frag_verdict frag_set_add(struct frag_set *s, u32 off, u32 len, bool more, void *token);
bool frag_set_complete(const struct frag_set *s);
/* Invariant check for the tests: NULL if fine, else what is wrong. */
const char *frag_set_validate(const struct frag_set *s);

/*
 * Take one fragment (validated header, network_header set, data at the
 * IP header, len = tot_len). Consumes skb. Returns the reassembled
 * datagram (data at its IP header, MF and offset cleared, checksum
 * recomputed) when this completed one, else NULL. Net thread.
 */
struct sk_buff *ip_defrag(struct sk_buff *skb);
/* Expire old queues at now. True while queues remain. Net thread. */
bool ipfrag_timer_run(u64 now);
/* Queues held now (for the tests). */
unsigned int ipfrag_queue_count(void);
/* Drop every queue (tests). */
void ipfrag_flush(void);

#endif /* NET_IPFRAG_H */
