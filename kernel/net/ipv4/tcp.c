/*
 * TCP connections (RFC 9293): the port table, segment input and the
 * state machine, output (segmentation, Nagle, windows, retransmission),
 * and the timers. Interface in <net/tcp.h>; socket calls in tcp_sock.c;
 * design in docs/tcp.md.
 *
 * Locks: everything here runs under "tcp_lock" (see net/tcp.h): the net
 * thread's input and ICMP errors, the "tcp" timer thread, and socket
 * calls. Output (ip_output) runs under it too: it never sleeps, and a
 * frame to ourselves goes through lo's backlog, not back into this code.
 *
 * Timers: each block keeps deadlines (t_rexmit, t_delack, t_keep). The
 * "tcp" kernel thread sleeps until the earliest deadline of all blocks
 * (tcp_timer_next), runs what is due and sleeps again; setting a deadline
 * earlier than the one it sleeps for wakes it. So no timer callback runs
 * in interrupt context, and freeing a block needs no timer cancel.
 */
#include <fs/procfs.h>
#include <kernel/clock.h>
#include <kernel/compiler.h>
#include <kernel/err.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/random.h>
#include <lib/printf.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <net/icmp.h>
#include <net/inet_csum.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <net/skbuff.h>
#include <net/socket.h>
#include <net/tcp.h>
#include <net/tcp_cookie.h>
#include <net/tcp_seq.h>
#include <sched/sched.h>
#include <sched/wait.h>
#include <uapi/errno.h>

#define TCP_PORT_HASH 256
#define TCP_OOO_MAX 256		/* segments held out of order per connection */

struct spinlock tcp_lock = SPINLOCK_INIT("tcp_lock");
static struct list_head tcp_ports[TCP_PORT_HASH];	/* [L] hashed blocks by local port */
static LIST_HEAD(tcp_all);				/* [L] every block */
static long tcp_alive;					/* [L] blocks allocated */
static u16 tcp_next_port;				/* [L] host order */
static u32 tcp_isn_secret[2];				/* [I] after tcp_init */
static struct tcp_cookie_key tcp_cookie_key;		/* [I] after tcp_init */
int tcp_syncookies = 1;					/* [a] see net/tcp.h */
struct tcp_mib tcp_mib;					/* [L] */
int tcp_test_drop_every;				/* [L] ktests: lose every Nth new data segment */
static int tcp_test_sent;				/* [L] */

static struct wait_queue_head tcp_timer_wq = WAIT_QUEUE_HEAD_INIT(tcp_timer_wq, "tcp_timer_wq");
static u64 tcp_timer_next;				/* [L] the thread's wake-up (0: none) */
static bool tcp_timer_kicked;				/* [a] */

/* A parsed segment. */
struct tcp_seg {
	u32 saddr, daddr;	/* be32 */
	u16 sport, dport;	/* be16 */
	u32 seq, ack, len;	/* len: payload bytes */
	u32 wnd;		/* raw window field */
	u8 flags;
	u16 opt_mss;		/* 0: none */
	int opt_wscale;		/* -1: none */
};

static u64 now_ns(void)
{
	return ktime_get_ns();
}

static struct list_head *tcp_chain(u16 port)
{
	return &tcp_ports[ntohs(port) % TCP_PORT_HASH];
}

/* ---------------------------------------------------------------- blocks */

/* A new block, not yet on tcp_all; never sleeps. */
static struct tcp_sock *__tcp_alloc(void)
{
	struct tcp_sock *tp = kzalloc(sizeof(*tp), GFP_KERNEL);

	if (!tp)
		return NULL;
	INIT_LIST_HEAD(&tp->node);
	INIT_LIST_HEAD(&tp->all);
	INIT_LIST_HEAD(&tp->acceptq);
	INIT_LIST_HEAD(&tp->accept_node);
	INIT_LIST_HEAD(&tp->sndq);
	INIT_LIST_HEAD(&tp->rcvq);
	INIT_LIST_HEAD(&tp->oooq);
	wait_queue_head_init(&tp->wq, "tcp_wait");
	mutex_init(&tp->readlock, "tcp_readlock");
	tp->state = TCP_CLOSE;
	tp->mss = TCP_DEFAULT_MSS;
	tp->advmss = TCP_DEFAULT_MSS;
	tp->keepidle = TCP_KEEPIDLE_DEF;
	tp->keepintvl = TCP_KEEPINTVL_DEF;
	tp->keepcnt = TCP_KEEPCNT_DEF;
	tcp_rto_init(&tp->rto);
	return tp;
}

struct tcp_sock *tcp_alloc(void)
{
	struct tcp_sock *tp = __tcp_alloc();

	if (!tp)
		return NULL;
	spin_lock(&tcp_lock);
	list_add_tail(&tp->all, &tcp_all);
	tcp_alive++;
	spin_unlock(&tcp_lock);
	return tp;
}

long tcp_nr_conns(void)
{
	return READ_ONCE(tcp_alive);
}

static void tcp_purge(struct list_head *q, u32 *bytes)
{
	struct sk_buff *skb, *next;

	list_for_each_entry_safe(skb, next, q, list) {
		list_del_init(&skb->list);
		kfree_skb(skb);
	}
	if (bytes)
		*bytes = 0;
}

static void tcp_unhash(struct tcp_sock *tp)
{
	if (tp->hashed) {
		list_del_init(&tp->node);
		tp->hashed = false;
	}
}

void tcp_maybe_free(struct tcp_sock *tp)
{
	if (tp->sock || tp->parent || (tp->state != TCP_CLOSE))
		return;
	if (!list_empty(&tp->acceptq))
		return;
	tcp_unhash(tp);
	tcp_purge(&tp->sndq, &tp->sndq_bytes);
	tcp_purge(&tp->rcvq, &tp->rcv_bytes);
	tcp_purge(&tp->oooq, &tp->ooo_bytes);
	list_del(&tp->all);
	tcp_alive--;
	kfree(tp);
}

void tcp_wake(struct tcp_sock *tp)
{
	smp_mb();
	if (wait_queue_active(&tp->wq))
		wake_up_all(&tp->wq);
}

void tcp_set_error(struct tcp_sock *tp, int err)
{
	if (tp->sock)
		WRITE_ONCE(tp->sock->so_error, err);
	else
		tp->pending_err = err;
}

u32 tcp_rcvbuf(const struct tcp_sock *tp)
{
	return tp->sock ? (u32)READ_ONCE(tp->sock->rcvbuf) : SOCK_BUF_DEFAULT;
}

u32 tcp_sndbuf(const struct tcp_sock *tp)
{
	return tp->sock ? (u32)READ_ONCE(tp->sock->sndbuf) : SOCK_BUF_DEFAULT;
}

/* ---------------------------------------------------------------- timers */

void tcp_timer_set(u64 *field, u64 deadline)
{
	*field = deadline;
	if (deadline && (!tcp_timer_next || deadline < tcp_timer_next)) {
		tcp_timer_next = deadline;
		WRITE_ONCE(tcp_timer_kicked, true);
		wake_up(&tcp_timer_wq);
	}
}

static u64 tcp_rto_ns(const struct tcp_sock *tp)
{
	return (u64)tcp_rto_current(&tp->rto) * 1000;
}

static void tcp_clear_timers(struct tcp_sock *tp)
{
	tp->t_rexmit = 0;
	tp->t_delack = 0;
	tp->t_keep = 0;
}

/* SO_KEEPALIVE lives in the generic socket; an orphan or child keeps its copy. [L] */
static bool tcp_keepalive_on(struct tcp_sock *tp)
{
	if (tp->sock)
		tp->keepalive = READ_ONCE(tp->sock->keepalive);
	return tp->keepalive;
}

/*
 * The keepalive deadline runs in every ESTABLISHED/CLOSE_WAIT connection
 * (idle time since the last segment); when it expires the option decides
 * whether to probe, so SO_KEEPALIVE needs no hook in the socket layer.
 */
void tcp_keepalive_reset(struct tcp_sock *tp)
{
	if (tp->state != TCP_ESTABLISHED && tp->state != TCP_CLOSE_WAIT)
		return;
	tp->keep_probes = 0;
	tcp_timer_set(&tp->t_keep, now_ns() + (u64)tp->keepidle * NSEC_PER_SEC);
}

/* ---------------------------------------------------------------- state changes */

/* Move tp by ev (the table in tcp_cc.c); the transition must be valid. [L] */
static void tcp_set_state(struct tcp_sock *tp, enum tcp_event ev)
{
	int next = tcp_next_state(tp->state, ev);

	if (next < 0) {
		printk("tcp: no transition from %s on event %d\n", tcp_state_name(tp->state), ev);
		next = TCP_CLOSE;
	}
	if (tp->state == TCP_ESTABLISHED || tp->state == TCP_CLOSE_WAIT) {
		if (next == TCP_CLOSE && ev == TEV_RCV_RST)
			tcp_mib.estab_resets++;
	}
	if (next == TCP_ESTABLISHED)
		tp->was_connected = true;
	tp->state = next;
}

/* Unlink a child from its listener's accept queue. [L] */
static void tcp_unlink_child(struct tcp_sock *tp)
{
	struct tcp_sock *l = tp->parent;

	if (!l)
		return;
	list_del_init(&tp->accept_node);
	if (tp->was_connected)
		l->nr_established--;
	else
		l->nr_synrecv--;
	tp->parent = NULL;
}

/* The connection is over: CLOSE, port released, queues freed (the receive queue stays for the reader). [L] */
static void tcp_done(struct tcp_sock *tp)
{
	tp->state = TCP_CLOSE;
	tp->shutdown = TCP_SHUTDOWN_MASK;
	tcp_clear_timers(tp);
	tcp_purge(&tp->sndq, &tp->sndq_bytes);
	tcp_purge(&tp->oooq, &tp->ooo_bytes);
	tcp_unhash(tp);
	tcp_unlink_child(tp);
	tcp_wake(tp);
	tcp_maybe_free(tp);
}

static void tcp_time_wait(struct tcp_sock *tp)
{
	tcp_clear_timers(tp);
	tcp_purge(&tp->sndq, &tp->sndq_bytes);
	if (!tp->sock)
		tcp_purge(&tp->rcvq, &tp->rcv_bytes);
	tcp_timer_set(&tp->t_keep, now_ns() + TCP_MSL2_NS);
}

/* ---------------------------------------------------------------- ports */

/* Would tp on laddr:port clash with a hashed block? [L] */
static bool tcp_port_busy(const struct tcp_sock *tp, u32 laddr, u16 port)
{
	struct tcp_sock *o;

	list_for_each_entry(o, tcp_chain(port), node) {
		if (o == tp || o->lport != port)
			continue;
		if (o->laddr && laddr && o->laddr != laddr)
			continue;
		/* SO_REUSEADDR on both, and the holder not listening (TIME_WAIT included): share */
		if (tp->reuse && o->reuse && o->state != TCP_LISTEN)
			continue;
		return true;
	}
	return false;
}

static void tcp_hash_insert(struct tcp_sock *tp, u32 laddr, u16 port)
{
	tp->laddr = laddr;
	tp->lport = port;
	tp->hashed = true;
	list_add(&tp->node, tcp_chain(port));
}

int tcp_hash(struct tcp_sock *tp, u32 laddr, u16 port)
{
	u32 range = TCP_EPHEMERAL_HIGH - TCP_EPHEMERAL_LOW + 1;

	if (port) {
		if (tcp_port_busy(tp, laddr, port))
			return -EADDRINUSE;
		tcp_hash_insert(tp, laddr, port);
		return 0;
	}
	if (!tcp_next_port)
		tcp_next_port = (u16)(TCP_EPHEMERAL_LOW + get_random_u32() % range);
	for (u32 i = 0; i < range; i++) {
		u16 p = tcp_next_port;
		bool reuse = tp->reuse;

		tcp_next_port = p == TCP_EPHEMERAL_HIGH ? TCP_EPHEMERAL_LOW : (u16)(p + 1);
		tp->reuse = false;	/* an ephemeral port is one nobody holds */
		if (!tcp_port_busy(tp, laddr, htons(p))) {
			tp->reuse = reuse;
			tcp_hash_insert(tp, laddr, htons(p));
			return 0;
		}
		tp->reuse = reuse;
	}
	return -EAGAIN;
}

int tcp_listen_check(const struct tcp_sock *tp)
{
	struct tcp_sock *o;

	list_for_each_entry(o, tcp_chain(tp->lport), node) {
		if (o != tp && o->lport == tp->lport && o->state == TCP_LISTEN &&
		    (!o->laddr || !tp->laddr || o->laddr == tp->laddr))
			return -EADDRINUSE;
	}
	return 0;
}

/*
 * The block for a segment daddr:dport <- saddr:sport: a connection on
 * that 4-tuple, else a listener on daddr or ANY. [L]
 */
static struct tcp_sock *tcp_lookup(u32 saddr, u16 sport, u32 daddr, u16 dport)
{
	struct tcp_sock *tp, *listener = NULL;

	list_for_each_entry(tp, tcp_chain(dport), node) {
		if (tp->lport != dport)
			continue;
		if (tp->state == TCP_LISTEN) {
			if (tp->laddr == daddr || (!tp->laddr && !listener))
				listener = tp;
			continue;
		}
		if (tp->state == TCP_CLOSE)
			continue;
		if (tp->raddr == saddr && tp->rport == sport && tp->laddr == daddr)
			return tp;
	}
	return listener;
}

/* RFC 6528: a keyed hash of the 4-tuple plus a 4-microsecond clock. */
static u32 tcp_isn(u32 laddr, u16 lport, u32 raddr, u16 rport)
{
	u64 h = ((u64)tcp_isn_secret[0] << 32 | tcp_isn_secret[1]) ^ 0x9e3779b97f4a7c15ull;

	h ^= laddr;
	h *= 0xff51afd7ed558ccdull;
	h ^= ((u64)raddr << 32) | ((u32)lport << 16) | rport;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	h += tcp_isn_secret[1];
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 29;
	return (u32)h + (u32)(now_ns() >> 12);
}

/* Our MSS toward raddr: the route's device MTU less 40, capped by IP's 65535. */
static u32 tcp_route_mss(u32 raddr, u32 *saddr)
{
	struct rt_result rt;
	u32 mtu;

	if (ip_route_output(raddr, &rt))
		return 0;
	if (saddr)
		*saddr = rt.saddr;
	mtu = MIN(rt.dev->mtu, (u32)IP_MAX_LEN);
	return mtu > 40 + 64 ? mtu - 40 : TCP_DEFAULT_MSS;
}

/* ---------------------------------------------------------------- output */

u32 tcp_rcv_window(const struct tcp_sock *tp)
{
	u32 buf = tcp_rcvbuf(tp), used = tp->rcv_bytes + tp->ooo_bytes;
	u32 space = buf > used ? buf - used : 0;
	u32 edge = tp->rcv_nxt + space, win;

	if (seq_leq(edge, tp->rcv_adv))
		win = tp->rcv_adv - tp->rcv_nxt;	/* never shrink */
	else if (edge - tp->rcv_adv < MIN(buf / 2, tp->advmss) && seq_geq(tp->rcv_adv, tp->rcv_nxt))
		win = tp->rcv_adv - tp->rcv_nxt;	/* receiver SWS avoidance (RFC 1122) */
	else
		win = space;
	return MIN(win, (u32)65535 << tp->rcv_wscale);
}

/* Copy [seq, seq + len) of the send queue into dst. [L] */
static void tcp_copy_sndq(struct tcp_sock *tp, u32 seq, u32 len, u8 *dst)
{
	struct sk_buff *skb;

	list_for_each_entry(skb, &tp->sndq, list) {
		u32 s = TCP_SKB_CB(skb)->seq, e = s + skb->len, off, n;

		if (!len)
			return;
		if (seq_leq(e, seq))
			continue;
		off = seq - s;
		n = MIN(len, skb->len - off);
		memcpy(dst, skb->data + off, n);
		dst += n;
		seq += n;
		len -= n;
	}
}

static u8 tcp_ttl(const struct tcp_sock *tp)
{
	return READ_ONCE(tp->inet.ttl);
}

/* Finish and send a segment: header at skb->data pushed by the caller. [L] */
static void tcp_output_skb(struct sk_buff *skb, u32 saddr, u32 daddr, u8 ttl, u8 tos)
{
	struct tcphdr *th = (struct tcphdr *)skb->data;
	u16 csum;

	th->check = 0;
	csum = csum_fold(csum_tcpudp_nofold(saddr, daddr, IPPROTO_TCP, (u16)skb->len,
					    csum_partial(skb->data, skb->len, 0)));
	th->check = htons(csum);
	tcp_mib.out_segs++;
	ip_output(skb, saddr, daddr, IPPROTO_TCP, ttl, tos, false);
}

/*
 * Send one segment of tp: sequence seq, len bytes of the send queue,
 * flags; a SYN carries the MSS and window-scale options. [L]
 */
static void tcp_xmit(struct tcp_sock *tp, u32 seq, u32 len, u8 flags)
{
	u32 optlen = (flags & TCP_SYN) ? 8 : 0, win;
	struct sk_buff *skb = skb_alloc_tx(len + TCP_HLEN + optlen, GFP_KERNEL);
	struct tcphdr *th;
	u8 *opt;

	if (!skb)
		return;	/* as a loss: the timer retransmits */
	if (len)
		tcp_copy_sndq(tp, seq, len, skb_put(skb, len));
	if (optlen) {
		opt = skb_push(skb, optlen);
		opt[0] = 2;	/* MSS */
		opt[1] = 4;
		opt[2] = (u8)(tp->advmss >> 8);
		opt[3] = (u8)tp->advmss;
		opt[4] = 1;	/* NOP */
		opt[5] = 3;	/* window scale */
		opt[6] = 3;
		opt[7] = TCP_WSCALE;
	}
	th = (struct tcphdr *)skb_push(skb, TCP_HLEN);
	th->source = tp->lport;
	th->dest = tp->rport;
	th->seq = htonl(seq);
	th->ack_seq = (flags & TCP_ACK) ? htonl(tp->rcv_nxt) : 0;
	th->doff_res = (u8)(((TCP_HLEN + optlen) / 4) << 4);
	th->flags = flags;
	th->urg_ptr = 0;
	if (flags & TCP_SYN) {
		win = MIN(tcp_rcv_window(tp), 65535u);
		th->window = htons((u16)win);
	} else {
		win = tcp_rcv_window(tp) >> tp->rcv_wscale;
		th->window = htons((u16)win);
		win <<= tp->rcv_wscale;
	}
	if (flags & TCP_ACK) {
		tp->rcv_adv = seq_max(tp->rcv_adv, tp->rcv_nxt + win);
		tp->ack_segs = 0;
		tp->t_delack = 0;
		tp->ack_now = false;
	}
	if (flags & TCP_RST)
		tcp_mib.out_rsts++;
	tcp_output_skb(skb, tp->laddr, tp->raddr, tcp_ttl(tp), READ_ONCE(tp->inet.tos));
}

static void tcp_send_ack(struct tcp_sock *tp)
{
	tcp_xmit(tp, tp->snd_nxt, 0, TCP_ACK);
}

/* A RST for a segment that has no connection (RFC 9293 3.10.7.1). Net thread. [L] */
static void tcp_send_reset(const struct tcp_seg *sg)
{
	struct sk_buff *skb;
	struct tcphdr *th;

	if (sg->flags & TCP_RST)
		return;
	skb = skb_alloc_tx(TCP_HLEN, GFP_KERNEL);
	if (!skb)
		return;
	th = (struct tcphdr *)skb_put(skb, TCP_HLEN);
	memset(th, 0, TCP_HLEN);
	th->source = sg->dport;
	th->dest = sg->sport;
	th->doff_res = (TCP_HLEN / 4) << 4;
	if (sg->flags & TCP_ACK) {
		th->seq = htonl(sg->ack);
		th->flags = TCP_RST;
	} else {
		u32 seglen = sg->len + !!(sg->flags & TCP_SYN) + !!(sg->flags & TCP_FIN);

		th->ack_seq = htonl(sg->seq + seglen);
		th->flags = TCP_RST | TCP_ACK;
	}
	tcp_mib.out_rsts++;
	tcp_output_skb(skb, sg->daddr, sg->saddr, 0, 0);
}

/* Arm the retransmission timer unless it runs. [L] */
static void tcp_arm_rexmit(struct tcp_sock *tp)
{
	if (!tp->t_rexmit)
		tcp_timer_set(&tp->t_rexmit, now_ns() + tcp_rto_ns(tp));
}

static bool tcp_can_send_data(int state)
{
	return state == TCP_ESTABLISHED || state == TCP_CLOSE_WAIT || state == TCP_FIN_WAIT1 ||
	       state == TCP_CLOSING || state == TCP_LAST_ACK;
}

/* How many bytes may the next segment carry (0: wait)? Nagle and sender SWS here. [L] */
static u32 tcp_next_len(struct tcp_sock *tp, u32 unsent)
{
	u32 wnd = MIN(tp->snd_wnd, tp->cc.cwnd), end = tp->snd_una + wnd, avail, len;

	avail = seq_gt(end, tp->snd_nxt) ? end - tp->snd_nxt : 0;
	len = MIN(MIN(unsent, tp->mss), avail);
	if (!len)
		return 0;
	if (len < unsent && len < tp->mss && len < tp->max_window / 2 && tp->snd_una != tp->snd_max)
		return 0;	/* sender SWS: wait for a bigger window (an ACK will come) */
	if (len == unsent && len < tp->mss && !tp->nodelay && !tp->fin_queued &&
	    tp->snd_nxt != tp->snd_una)
		return 0;	/* Nagle: a small segment waits while data is unacknowledged */
	return len;
}

/* The ktests' lossy link: should this first transmission of len bytes be "lost"? [L] */
static bool tcp_test_lose(struct tcp_sock *tp, u32 len)
{
	if (!tcp_test_drop_every || !len || seq_lt(tp->snd_nxt, tp->snd_max))
		return false;
	return ++tcp_test_sent % tcp_test_drop_every == 0;
}

void tcp_push(struct tcp_sock *tp)
{
	if (!tcp_can_send_data(tp->state))
		return;
	for (;;) {
		u32 unsent = seq_gt(tp->write_seq, tp->snd_nxt) ? tp->write_seq - tp->snd_nxt : 0;
		bool fin = tp->fin_queued && seq_leq(tp->snd_nxt, tp->write_seq);
		u32 len = unsent ? tcp_next_len(tp, unsent) : 0;
		u8 flags = TCP_ACK;

		if (!unsent && !fin)
			break;
		if (unsent && !len) {
			/* window closed with nothing in flight: the persist timer probes */
			if (!tp->snd_wnd && tp->snd_una == tp->snd_max)
				tcp_arm_rexmit(tp);
			break;
		}
		if (len == unsent) {
			flags |= unsent ? TCP_PSH : 0;
			if (tp->fin_queued)
				flags |= TCP_FIN;
		}
		if (seq_lt(tp->snd_nxt, tp->snd_max)) {
			tcp_mib.retrans_segs++;
			tp->total_retrans++;
		} else if (!tp->rtt_start && len) {
			tp->rtt_start = now_ns();
			tp->rtt_seq = tp->snd_nxt + len;
		}
		if (!tcp_test_lose(tp, len))
			tcp_xmit(tp, tp->snd_nxt, len, flags);
		tp->snd_nxt += len + !!(flags & TCP_FIN);
		tp->snd_max = seq_max(tp->snd_max, tp->snd_nxt);
		tcp_arm_rexmit(tp);
		if (flags & TCP_FIN)
			break;
	}
}

void tcp_queue_data(struct tcp_sock *tp, struct sk_buff *skb)
{
	TCP_SKB_CB(skb)->seq = tp->write_seq;
	list_add_tail(&skb->list, &tp->sndq);
	tp->write_seq += skb->len;
	tp->sndq_bytes += skb->len;
	tcp_push(tp);
}

/* Retransmit the first unacknowledged segment (fast retransmit, partial ack). [L] */
static void tcp_retransmit_head(struct tcp_sock *tp)
{
	u32 data = seq_gt(tp->write_seq, tp->snd_una) ? tp->write_seq - tp->snd_una : 0;
	u32 len = MIN(data, tp->mss);
	u8 flags = TCP_ACK;

	if (tp->state == TCP_SYN_SENT) {
		tcp_xmit(tp, tp->iss, 0, TCP_SYN);
	} else if (tp->state == TCP_SYN_RECV) {
		tcp_xmit(tp, tp->iss, 0, TCP_SYN | TCP_ACK);
	} else {
		if (len == data && tp->fin_queued && seq_gt(tp->snd_max, tp->write_seq))
			flags |= TCP_FIN;
		if (!len && !(flags & TCP_FIN))
			return;
		tcp_xmit(tp, tp->snd_una, len, flags);
	}
	tp->rtt_start = 0;	/* Karn: no sample from a retransmitted segment */
	tcp_mib.retrans_segs++;
	tp->total_retrans++;
}

void tcp_send_fin(struct tcp_sock *tp)
{
	switch (tp->state) {
	case TCP_SYN_RECV:
	case TCP_ESTABLISHED:
	case TCP_CLOSE_WAIT:
		tcp_set_state(tp, TEV_CLOSE);
		tp->fin_queued = true;
		tcp_push(tp);
		break;
	default:
		break;
	}
}

void tcp_abort(struct tcp_sock *tp, int err)
{
	if (tp->state == TCP_ESTABLISHED || tp->state == TCP_CLOSE_WAIT ||
	    tp->state == TCP_FIN_WAIT1 || tp->state == TCP_FIN_WAIT2 || tp->state == TCP_SYN_RECV ||
	    tp->state == TCP_CLOSING || tp->state == TCP_LAST_ACK)
		tcp_xmit(tp, tp->snd_nxt, 0, TCP_RST | TCP_ACK);
	if (err)
		tcp_set_error(tp, err);
	tcp_done(tp);
}

void tcp_rcv_space(struct tcp_sock *tp)
{
	u32 buf = tcp_rcvbuf(tp), used = tp->rcv_bytes + tp->ooo_bytes;
	u32 space = buf > used ? buf - used : 0;

	if (!tcp_can_send_data(tp->state) && tp->state != TCP_FIN_WAIT2)
		return;
	if (tp->shutdown & TCP_RCV_SHUTDOWN)
		return;
	if (seq_gt(tp->rcv_nxt + space, tp->rcv_adv) &&
	    tp->rcv_nxt + space - tp->rcv_adv >= MIN(buf / 2, tp->advmss))
		tcp_send_ack(tp);
}

/* ---------------------------------------------------------------- input: acknowledgments */

static void tcp_fail(struct tcp_sock *tp, int err)
{
	if (tp->state == TCP_SYN_SENT)
		tcp_mib.attempt_fails++;
	tcp_set_error(tp, err);
	tcp_done(tp);
}

/* Drop the acknowledged bytes from the send queue. [L] */
static void tcp_clean_sndq(struct tcp_sock *tp, u32 ack)
{
	struct sk_buff *skb, *next;

	list_for_each_entry_safe(skb, next, &tp->sndq, list) {
		u32 s = TCP_SKB_CB(skb)->seq, e = s + skb->len;

		if (seq_gt(e, ack)) {
			if (seq_gt(ack, s)) {
				u32 n = ack - s;

				skb_pull(skb, n);
				TCP_SKB_CB(skb)->seq = ack;
				tp->sndq_bytes -= n;
			}
			break;
		}
		list_del_init(&skb->list);
		tp->sndq_bytes -= skb->len;
		kfree_skb(skb);
	}
}

/* A new cumulative ack (snd_una < ack <= snd_max). [L] */
static void tcp_new_ack(struct tcp_sock *tp, u32 ack)
{
	u32 acked = ack - tp->snd_una, flight = tp->snd_max - tp->snd_una;
	u64 now = now_ns();

	tcp_clean_sndq(tp, ack);
	if (tp->rtt_start && seq_geq(ack, tp->rtt_seq)) {
		tcp_rto_sample(&tp->rto, (u32)MIN((now - tp->rtt_start) / 1000, 0xffffffffull));
		tp->rtt_start = 0;
	}
	tp->rto.backoff = 0;
	tp->snd_una = ack;
	if (seq_lt(tp->snd_nxt, ack))
		tp->snd_nxt = ack;
	tp->retries = 0;
	tp->probes = 0;
	tp->t_rexmit = 0;
	if (tp->snd_una != tp->snd_max)
		tcp_timer_set(&tp->t_rexmit, now + tcp_rto_ns(tp));
	if (tcp_cc_on_ack(&tp->cc, ack, acked, flight) == TCC_RETRANSMIT)
		tcp_retransmit_head(tp);
	tcp_wake(tp);	/* room in the send buffer */
}

/* Process the ACK field (synchronized states). false: drop the segment. [L] */
static bool tcp_ack(struct tcp_sock *tp, const struct tcp_seg *sg)
{
	u32 wnd = sg->wnd << tp->snd_wscale;
	bool upd;

	if (seq_gt(sg->ack, tp->snd_max)) {
		tcp_send_ack(tp);
		return false;
	}
	upd = seq_lt(tp->snd_wl1, sg->seq) ||
	      (tp->snd_wl1 == sg->seq && seq_leq(tp->snd_wl2, sg->ack));
	if (seq_geq(sg->ack, tp->snd_una) && upd) {
		bool same = wnd == tp->snd_wnd;

		tp->snd_wnd = wnd;
		tp->snd_wl1 = sg->seq;
		tp->snd_wl2 = sg->ack;
		tp->max_window = MAX(tp->max_window, wnd);
		if (sg->ack == tp->snd_una && sg->len == 0 && !(sg->flags & (TCP_SYN | TCP_FIN)) &&
		    same && tp->snd_una != tp->snd_max && tp->snd_wnd) {
			if (tcp_cc_on_dupack(&tp->cc, tp->snd_max - tp->snd_una, tp->snd_una,
					     tp->snd_max) == TCC_RETRANSMIT)
				tcp_retransmit_head(tp);
		}
		if (!same && wnd && tp->probes && tp->snd_una == tp->snd_max) {
			tp->probes = 0;	/* the window opened: stop probing */
			tp->t_rexmit = 0;
		}
	}
	if (seq_gt(sg->ack, tp->snd_una))
		tcp_new_ack(tp, sg->ack);
	return true;
}

/* Our FIN was acknowledged: FIN_WAIT1 -> FIN_WAIT2, CLOSING -> TIME_WAIT, LAST_ACK -> CLOSE. [L] */
static bool tcp_fin_acked(struct tcp_sock *tp)
{
	if (!tp->fin_queued || tp->snd_una != tp->write_seq + 1)
		return false;
	switch (tp->state) {
	case TCP_FIN_WAIT1:
		tcp_set_state(tp, TEV_RCV_ACK);
		tp->t_rexmit = 0;
		if (!tp->sock)
			tcp_timer_set(&tp->t_keep, now_ns() + TCP_FIN_TIMEOUT_NS);
		tcp_wake(tp);
		return false;
	case TCP_CLOSING:
		tcp_set_state(tp, TEV_RCV_ACK);
		tcp_time_wait(tp);
		tcp_wake(tp);
		return false;
	case TCP_LAST_ACK:
		tcp_set_state(tp, TEV_RCV_ACK);
		tcp_done(tp);
		return true;
	}
	return false;
}

/* ---------------------------------------------------------------- input: data */

/* Their FIN, in sequence. [L] */
static void tcp_rcv_fin(struct tcp_sock *tp)
{
	tp->rcv_nxt++;
	tp->shutdown |= TCP_RCV_SHUTDOWN;
	tp->ack_now = true;
	switch (tp->state) {
	case TCP_ESTABLISHED:
	case TCP_FIN_WAIT1:
		tcp_set_state(tp, TEV_RCV_FIN);
		break;
	case TCP_FIN_WAIT2:
		tcp_set_state(tp, TEV_RCV_FIN);
		tcp_time_wait(tp);
		break;
	}
	tcp_purge(&tp->oooq, &tp->ooo_bytes);
	tcp_wake(tp);
}

/*
 * A small payload in a big buffer (a 1-byte segment in a 1.5 KiB receive
 * buffer) is copied into one of its size, so that what the window lets in
 * bounds the memory held too. Returns the skb to queue.
 */
static struct sk_buff *tcp_skb_compact(struct sk_buff *skb)
{
	struct sk_buff *n;

	if (skb->shared->size <= 2 * skb->len + 256)
		return skb;
	n = alloc_skb(skb->len ? skb->len : 1, GFP_KERNEL);
	if (!n)
		return skb;
	skb_put_data(n, skb->data, skb->len);
	memcpy(n->cb, skb->cb, sizeof(n->cb));
	kfree_skb(skb);
	return n;
}

static void tcp_rcvq_add(struct tcp_sock *tp, struct sk_buff *skb)
{
	skb = tcp_skb_compact(skb);
	TCP_SKB_CB(skb)->off = 0;
	list_add_tail(&skb->list, &tp->rcvq);
	tp->rcv_bytes += skb->len;
	tp->rcv_nxt += skb->len;
}

/* Move what the out-of-order queue holds in sequence to the receive queue. [L] */
static void tcp_ooo_drain(struct tcp_sock *tp)
{
	struct sk_buff *skb, *next;

	list_for_each_entry_safe(skb, next, &tp->oooq, list) {
		u32 seq = TCP_SKB_CB(skb)->seq, end = TCP_SKB_CB(skb)->end_seq;
		bool fin = TCP_SKB_CB(skb)->flags & TCP_FIN;

		if (seq_gt(seq, tp->rcv_nxt))
			break;
		list_del_init(&skb->list);
		tp->ooo_bytes -= skb->len;
		if (seq_gt(seq + skb->len, tp->rcv_nxt)) {
			skb_pull(skb, tp->rcv_nxt - seq);
			tcp_rcvq_add(tp, skb);
		} else {
			kfree_skb(skb);
		}
		if (fin && tp->rcv_nxt == end - 1) {
			tcp_rcv_fin(tp);	/* purges the rest */
			return;
		}
	}
}

/* Keep an out-of-order segment (sorted by seq; one fully covered is dropped). [L] */
static void tcp_ooo_insert(struct tcp_sock *tp, struct sk_buff *skb, u32 seq, bool fin)
{
	struct sk_buff *o;
	struct list_head *pos = &tp->oooq;
	u32 n = 0;

	list_for_each_entry(o, &tp->oooq, list)
		n++;
	if (n >= TCP_OOO_MAX) {
		kfree_skb(skb);	/* the sender retransmits it */
		return;
	}
	skb = tcp_skb_compact(skb);
	TCP_SKB_CB(skb)->seq = seq;
	TCP_SKB_CB(skb)->end_seq = seq + skb->len + fin;
	TCP_SKB_CB(skb)->flags = fin ? TCP_FIN : 0;
	list_for_each_entry(o, &tp->oooq, list) {
		struct tcp_skb_cb *c = TCP_SKB_CB(o);

		if (seq_leq(c->seq, seq) && seq_geq(c->end_seq, seq + skb->len + fin)) {
			kfree_skb(skb);	/* a duplicate */
			return;
		}
		if (seq_gt(c->seq, seq)) {
			pos = &o->list;
			break;
		}
	}
	list_add_tail(&skb->list, pos);
	tp->ooo_bytes += skb->len;
}

/*
 * The data and FIN of an acceptable segment (payload at skb->data).
 * Consumes skb. [L]
 */
static void tcp_data(struct tcp_sock *tp, struct sk_buff *skb, const struct tcp_seg *sg)
{
	u32 seq = sg->seq, len = skb->len;
	bool fin = sg->flags & TCP_FIN;
	u32 win = MAX(tp->rcv_adv - tp->rcv_nxt, tcp_rcv_window(tp));

	if (seq_lt(seq, tp->rcv_nxt)) {
		u32 cut = MIN(tp->rcv_nxt - seq, len);

		skb_pull(skb, cut);
		seq += cut;
		len -= cut;
	}
	if (seq_gt(seq + len, tp->rcv_nxt + win)) {
		u32 keep = seq_gt(tp->rcv_nxt + win, seq) ? tp->rcv_nxt + win - seq : 0;

		skb_trim(skb, keep);
		len = keep;
		fin = false;
	}
	if (!len && !fin) {
		kfree_skb(skb);
		if (sg->len)
			tp->ack_now = true;	/* a duplicate: say where we are */
		return;
	}
	if (seq != tp->rcv_nxt) {
		tcp_ooo_insert(tp, skb, seq, fin);
		tp->ack_now = true;	/* a duplicate ACK for fast retransmit */
		return;
	}
	if (len) {
		bool had_ooo = !list_empty(&tp->oooq);

		tcp_rcvq_add(tp, skb);
		tp->ack_segs++;	/* an ACK for every second segment, at once after a hole */
		if (tp->ack_segs >= 2 || had_ooo)
			tp->ack_now = true;
		else
			tcp_timer_set(&tp->t_delack, now_ns() + TCP_DELACK_NS);
		tcp_ooo_drain(tp);
		tcp_wake(tp);
	} else {
		kfree_skb(skb);
	}
	if (fin && tp->rcv_nxt == seq + len)
		tcp_rcv_fin(tp);
}

/* ---------------------------------------------------------------- input: states */

static void tcp_parse_options(const u8 *p, u32 n, struct tcp_seg *sg)
{
	sg->opt_mss = 0;
	sg->opt_wscale = -1;
	while (n > 0) {
		u8 kind = p[0], len;

		if (kind == 0)
			break;
		if (kind == 1) {
			p++;
			n--;
			continue;
		}
		if (n < 2 || (len = p[1]) < 2 || len > n)
			break;
		if (kind == 2 && len == 4)
			sg->opt_mss = (u16)(p[2] << 8 | p[3]);
		else if (kind == 3 && len == 3)
			sg->opt_wscale = MIN(p[2], 14);
		p += len;
		n -= len;
	}
}

/* Negotiated MSS and window scaling from a SYN's options. [L] */
static void tcp_syn_options(struct tcp_sock *tp, const struct tcp_seg *sg)
{
	u32 mss = sg->opt_mss ? sg->opt_mss : TCP_DEFAULT_MSS;

	mss = MIN(mss, tp->advmss);
	if (tp->user_mss)
		mss = MIN(mss, tp->user_mss);
	tp->mss = MAX(mss, 64u);
	if (sg->opt_wscale >= 0) {
		tp->snd_wscale = (u8)sg->opt_wscale;
		tp->rcv_wscale = TCP_WSCALE;
	} else {
		tp->snd_wscale = 0;
		tp->rcv_wscale = 0;
	}
	tcp_cc_init(&tp->cc, tp->mss, tp->iss);
}

/*
 * A child of listener l in SYN_RECV for the SYN sg (or, from a cookie, a
 * SYN rebuilt from the final ACK), with our ISN iss; on l's accept queue.
 * NULL if out of memory. [L]
 */
static struct tcp_sock *tcp_child_new(struct tcp_sock *l, const struct tcp_seg *sg, u32 iss)
{
	struct tcp_sock *c = __tcp_alloc();

	if (!c)
		return NULL;
	list_add_tail(&c->all, &tcp_all);
	tcp_alive++;
	c->state = TCP_LISTEN;
	tcp_set_state(c, TEV_RCV_SYN);
	c->raddr = sg->saddr;
	c->rport = sg->sport;
	c->reuse = l->reuse;
	tcp_hash_insert(c, sg->daddr, l->lport);
	c->irs = sg->seq;
	c->rcv_nxt = sg->seq + 1;
	c->rcv_adv = c->rcv_nxt;
	c->iss = iss;
	c->snd_una = c->iss;
	c->snd_nxt = c->snd_max = c->write_seq = c->iss + 1;
	c->snd_wnd = sg->wnd;
	c->snd_wl1 = sg->seq;
	c->snd_wl2 = c->iss;
	c->max_window = sg->wnd;
	c->advmss = tcp_route_mss(c->raddr, NULL);
	if (!c->advmss)
		c->advmss = TCP_DEFAULT_MSS;
	c->user_mss = l->user_mss;
	if (l->user_mss)
		c->advmss = MIN(c->advmss, l->user_mss);
	tcp_syn_options(c, sg);
	c->nodelay = l->nodelay;
	c->keepalive = tcp_keepalive_on(l);
	c->keepidle = l->keepidle;
	c->keepintvl = l->keepintvl;
	c->keepcnt = l->keepcnt;
	c->inet = l->inet;
	c->parent = l;
	list_add_tail(&c->accept_node, &l->acceptq);
	l->nr_synrecv++;
	tcp_mib.passive_opens++;
	return c;
}

/* ---------------------------------------------------------------- SYN cookies */

static u32 tcp_cookie_count(void)
{
	return (u32)(now_ns() / TCP_COOKIE_NS);
}

static void tcp_cookie_tuple(const struct tcp_seg *sg, struct tcp_cookie_tuple *t)
{
	t->laddr = sg->daddr;
	t->raddr = sg->saddr;
	t->lport = sg->dport;
	t->rport = sg->sport;
}

/*
 * Answer a SYN to l with a SYN-ACK whose ISN is a cookie, keeping no
 * state: MSS option only (no window scaling without timestamps). [L]
 */
static void tcp_send_cookie(struct tcp_sock *l, const struct tcp_seg *sg)
{
	u32 advmss = tcp_route_mss(sg->saddr, NULL), cookie;
	struct tcp_cookie_tuple t;
	struct sk_buff *skb;
	struct tcphdr *th;
	u8 *opt;

	if (!advmss)
		advmss = TCP_DEFAULT_MSS;
	if (l->user_mss)
		advmss = MIN(advmss, l->user_mss);
	tcp_cookie_tuple(sg, &t);
	cookie = tcp_cookie_make(&tcp_cookie_key, &t, sg->seq, tcp_cookie_count(),
				 tcp_cookie_mss_index(sg->opt_mss ? sg->opt_mss : TCP_DEFAULT_MSS));
	skb = skb_alloc_tx(TCP_HLEN + 4, GFP_KERNEL);
	if (!skb)
		return;
	th = (struct tcphdr *)skb_put(skb, TCP_HLEN + 4);
	memset(th, 0, TCP_HLEN);
	th->source = sg->dport;
	th->dest = sg->sport;
	th->seq = htonl(cookie);
	th->ack_seq = htonl(sg->seq + 1);
	th->doff_res = ((TCP_HLEN + 4) / 4) << 4;
	th->flags = TCP_SYN | TCP_ACK;
	th->window = htons((u16)MIN(tcp_rcvbuf(l), 65535u));
	opt = (u8 *)(th + 1);
	opt[0] = 2;	/* MSS */
	opt[1] = 4;
	opt[2] = (u8)(advmss >> 8);
	opt[3] = (u8)advmss;
	l->cookies_until = now_ns() + TCP_COOKIE_AGE_MAX * TCP_COOKIE_NS;
	tcp_mib.syncookies_sent++;
	tcp_output_skb(skb, sg->daddr, sg->saddr, tcp_ttl(l), READ_ONCE(l->inet.tos));
}

/*
 * An ACK to listener l: if it returns one of our recent cookies, the
 * connection it completes, in SYN_RECV (the caller runs the ACK through
 * it). NULL, with *drop set if the ACK is to be dropped rather than
 * reset (a good cookie but a full accept queue: the peer retries). [L]
 */
static struct tcp_sock *tcp_cookie_ack(struct tcp_sock *l, const struct tcp_seg *sg, bool *drop)
{
	struct tcp_cookie_tuple t;
	struct tcp_seg syn;
	struct tcp_sock *c;
	int idx;

	*drop = false;
	if (!READ_ONCE(tcp_syncookies) || !l->cookies_until || now_ns() > l->cookies_until ||
	    (sg->flags & (TCP_SYN | TCP_RST | TCP_FIN)))
		return NULL;
	tcp_cookie_tuple(sg, &t);
	idx = tcp_cookie_check(&tcp_cookie_key, &t, sg->seq - 1, sg->ack - 1, tcp_cookie_count());
	if (idx < 0) {
		tcp_mib.syncookies_failed++;
		return NULL;
	}
	*drop = true;
	if (l->nr_established > (u32)l->backlog) {
		tcp_mib.listen_overflows++;
		return NULL;
	}
	syn = *sg;
	syn.seq = sg->seq - 1;
	syn.opt_mss = (u16)tcp_cookie_mss((u32)idx);
	syn.opt_wscale = -1;
	c = tcp_child_new(l, &syn, sg->ack - 1);
	if (c)
		tcp_mib.syncookies_recv++;
	return c;
}

/* ---------------------------------------------------------------- listeners */

/*
 * A SYN to a listener: a child in SYN_RECV answers with SYN-ACK. With a
 * full accept queue the SYN is dropped (the peer retries); with a full
 * SYN queue it gets a cookie, or is dropped if cookies are off (Linux's
 * tcp_conn_request). [L]
 */
static void tcp_listen_syn(struct tcp_sock *l, const struct tcp_seg *sg)
{
	int cookies = READ_ONCE(tcp_syncookies);
	struct tcp_sock *c;

	if (l->nr_established > (u32)l->backlog) {
		tcp_mib.listen_overflows++;
		tcp_mib.listen_drops++;
		return;
	}
	if (cookies == 2 || l->nr_established + l->nr_synrecv > (u32)l->backlog ||
	    l->nr_synrecv >= TCP_SYNQ_MAX) {
		if (cookies)
			tcp_send_cookie(l, sg);
		else
			tcp_mib.listen_drops++;
		return;
	}
	c = tcp_child_new(l, sg, tcp_isn(sg->daddr, l->lport, sg->saddr, sg->sport));
	if (!c)
		return;
	tcp_xmit(c, c->iss, 0, TCP_SYN | TCP_ACK);
	tcp_timer_set(&c->t_rexmit, now_ns() + tcp_rto_ns(c));
}

/* A segment to a listener; returns the connection a cookie ACK made (see tcp_cookie_ack). [L] */
static struct tcp_sock *tcp_rcv_listen(struct tcp_sock *l, const struct tcp_seg *sg)
{
	struct tcp_sock *c;
	bool drop;

	if (sg->flags & TCP_RST)
		return NULL;
	if (sg->flags & TCP_ACK) {
		c = tcp_cookie_ack(l, sg, &drop);
		if (!c && !drop)
			tcp_send_reset(sg);
		return c;
	}
	if (sg->flags & TCP_SYN)
		tcp_listen_syn(l, sg);
	return NULL;
}

/* The handshake is complete. [L] */
static void tcp_established(struct tcp_sock *tp)
{
	tp->last_rcv = now_ns();
	if (tp->parent) {
		tp->parent->nr_synrecv--;
		tp->parent->nr_established++;
		tcp_wake(tp->parent);
	}
	tcp_keepalive_reset(tp);
	tcp_wake(tp);
}

/* RFC 9293 3.10.7.3. [L] */
static void tcp_rcv_synsent(struct tcp_sock *tp, const struct tcp_seg *sg)
{
	bool ack_ok = (sg->flags & TCP_ACK) && seq_gt(sg->ack, tp->iss) && seq_leq(sg->ack, tp->snd_max);

	if ((sg->flags & TCP_ACK) && !ack_ok) {
		tcp_send_reset(sg);
		return;
	}
	if (sg->flags & TCP_RST) {
		if (ack_ok)
			tcp_fail(tp, ECONNREFUSED);
		return;
	}
	if (!(sg->flags & TCP_SYN))
		return;
	tp->irs = sg->seq;
	tp->rcv_nxt = sg->seq + 1;
	tp->rcv_adv = tp->rcv_nxt;
	tp->snd_wl1 = sg->seq;
	tcp_syn_options(tp, sg);
	tp->snd_wnd = sg->wnd;	/* never scaled in a SYN (RFC 7323) */
	tp->max_window = sg->wnd;
	if (ack_ok) {
		tp->snd_wl2 = sg->ack;
		if (tp->rtt_start && !tp->retries)
			tcp_rto_sample(&tp->rto, (u32)((now_ns() - tp->rtt_start) / 1000));
		tp->rtt_start = 0;
		tp->snd_una = sg->ack;
		tp->t_rexmit = 0;
		tp->retries = 0;
		tcp_set_state(tp, TEV_RCV_SYNACK);
		tcp_send_ack(tp);
		tcp_established(tp);
		tcp_push(tp);
		return;
	}
	/* simultaneous open */
	tcp_set_state(tp, TEV_RCV_SYN);
	tcp_xmit(tp, tp->iss, 0, TCP_SYN | TCP_ACK);
}

/* An acceptable RST (RFC 9293 3.10.7.4 second check, RFC 5961 3.2). [L] */
static void tcp_rcv_rst(struct tcp_sock *tp, const struct tcp_seg *sg)
{
	int err = ECONNRESET;

	if (sg->seq != tp->rcv_nxt) {
		tcp_send_ack(tp);	/* challenge ACK */
		return;
	}
	if (tp->state == TCP_SYN_RECV && tp->parent) {
		tcp_done(tp);
		return;
	}
	if (tp->state == TCP_CLOSE_WAIT)
		err = EPIPE;
	if (tp->state == TCP_TIME_WAIT || tp->state == TCP_LAST_ACK || tp->state == TCP_CLOSING)
		err = 0;
	tcp_set_state(tp, TEV_RCV_RST);
	if (err)
		tcp_set_error(tp, err);
	tcp_done(tp);
}

/* Data after our socket is gone: reset (Linux: tcp_rcv_state_process). [L] */
static bool tcp_orphan_data(struct tcp_sock *tp, const struct tcp_seg *sg)
{
	if (tp->sock || !sg->len || tp->parent)
		return false;
	if (!(tp->shutdown & TCP_RCV_SHUTDOWN) || !seq_gt(sg->seq + sg->len, tp->rcv_nxt))
		return false;
	tcp_abort(tp, 0);
	return true;
}

/* Segments in every state after SYN_SENT (RFC 9293 3.10.7.4). Consumes skb. [L] */
static void tcp_rcv_state(struct tcp_sock *tp, struct sk_buff *skb, const struct tcp_seg *sg)
{
	u32 seglen = sg->len + !!(sg->flags & TCP_SYN) + !!(sg->flags & TCP_FIN);
	u32 win = MAX(tp->rcv_adv - tp->rcv_nxt, tcp_rcv_window(tp));

	tp->last_rcv = now_ns();
	if (!seq_acceptable(sg->seq, seglen, tp->rcv_nxt, win)) {
		if (tp->state == TCP_SYN_RECV && (sg->flags & TCP_SYN) && sg->seq == tp->irs)
			tcp_retransmit_head(tp);	/* their SYN again: our SYN-ACK was lost */
		else if (!(sg->flags & TCP_RST))
			tcp_send_ack(tp);
		goto drop;
	}
	if (sg->flags & TCP_RST) {
		tcp_rcv_rst(tp, sg);
		goto drop;
	}
	if (sg->flags & TCP_SYN) {
		tcp_send_ack(tp);	/* RFC 5961 4.2: challenge ACK */
		goto drop;
	}
	if (!(sg->flags & TCP_ACK))
		goto drop;
	if (tp->state == TCP_SYN_RECV) {
		if (!seq_gt(sg->ack, tp->snd_una) || !seq_leq(sg->ack, tp->snd_max)) {
			tcp_send_reset(sg);
			goto drop;
		}
		tcp_set_state(tp, TEV_RCV_ACK);
		tp->snd_wnd = sg->wnd << tp->snd_wscale;
		tp->snd_wl1 = sg->seq;
		tp->snd_wl2 = sg->ack;
		tp->retries = 0;
		tcp_established(tp);
	}
	if (!tcp_ack(tp, sg))
		goto drop;
	if (tcp_fin_acked(tp))
		goto drop;	/* LAST_ACK done: tp may be gone */
	if (tp->state == TCP_TIME_WAIT) {
		if (sg->flags & TCP_FIN) {
			tcp_send_ack(tp);
			tcp_timer_set(&tp->t_keep, now_ns() + TCP_MSL2_NS);
		}
		goto drop;
	}
	if (tcp_orphan_data(tp, sg))
		goto drop;
	if (tp->state == TCP_ESTABLISHED || tp->state == TCP_CLOSE_WAIT) {
		tp->keep_probes = 0;
		tp->t_keep = tp->last_rcv + (u64)tp->keepidle * NSEC_PER_SEC;	/* only later */
	}
	if (tp->state == TCP_ESTABLISHED || tp->state == TCP_FIN_WAIT1 || tp->state == TCP_FIN_WAIT2) {
		tcp_data(tp, skb, sg);
		skb = NULL;
	}
	if (tp->state == TCP_CLOSE)
		goto drop;	/* reset by orphan rules above; gone */
	tcp_push(tp);
	if (tp->ack_now)
		tcp_send_ack(tp);
	tcp_maybe_free(tp);
drop:
	kfree_skb(skb);
}

/* Parse and check a segment's header; false to drop it. */
static bool tcp_parse(struct sk_buff *skb, struct tcp_seg *sg)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct tcphdr *th = (const struct tcphdr *)skb->data;
	u32 doff;

	if (skb->len < TCP_HLEN)
		return false;
	doff = (u32)(th->doff_res >> 4) * 4;
	if (doff < TCP_HLEN || doff > skb->len)
		return false;
	if (csum_fold(csum_tcpudp_nofold(iph->saddr, iph->daddr, IPPROTO_TCP, (u16)skb->len,
					 csum_partial(skb->data, skb->len, 0))) != 0)
		return false;
	sg->saddr = iph->saddr;
	sg->daddr = iph->daddr;
	sg->sport = th->source;
	sg->dport = th->dest;
	sg->seq = ntohl(th->seq);
	sg->ack = ntohl(th->ack_seq);
	sg->flags = th->flags & 0x3f;
	sg->wnd = ntohs(th->window);
	tcp_parse_options((const u8 *)th + TCP_HLEN, doff - TCP_HLEN, sg);
	skb_pull(skb, doff);
	sg->len = skb->len;
	return true;
}

/*
 * A new SYN on the 4-tuple of an orphan in TIME_WAIT, above what the old
 * connection used: end the TIME_WAIT so a listener can take the SYN
 * (RFC 9293 3.6.1, as Linux). [L]
 */
static bool tcp_tw_reuse(struct tcp_sock *tp, const struct tcp_seg *sg)
{
	if (tp->state != TCP_TIME_WAIT || tp->sock || (sg->flags & (TCP_ACK | TCP_RST)) ||
	    !(sg->flags & TCP_SYN) || !seq_gt(sg->seq, tp->rcv_nxt))
		return false;
	tcp_done(tp);
	return true;
}

static void tcp_rcv(struct sk_buff *skb)
{
	struct tcp_sock *tp;
	struct tcp_seg sg;
	bool ok = tcp_parse(skb, &sg);

	spin_lock(&tcp_lock);
	tcp_mib.in_segs++;
	if (!ok || inet_addr_is_broadcast(ip_hdr(skb)->daddr) ||
	    ipv4_is_multicast(ip_hdr(skb)->daddr)) {
		if (!ok)
			tcp_mib.in_errs++;
		goto drop;
	}
	tp = tcp_lookup(sg.saddr, sg.sport, sg.daddr, sg.dport);
	if (tp && tcp_tw_reuse(tp, &sg))
		tp = tcp_lookup(sg.saddr, sg.sport, sg.daddr, sg.dport);
	if (!tp) {
		tcp_send_reset(&sg);
		goto drop;
	}
	if (tp->state == TCP_LISTEN) {
		tp = tcp_rcv_listen(tp, &sg);
		if (!tp)
			goto drop;
		/* a cookie's connection, in SYN_RECV: the ACK completes it below */
	}
	if (tp->state == TCP_SYN_SENT) {
		tcp_rcv_synsent(tp, &sg);
		goto drop;
	}
	tcp_rcv_state(tp, skb, &sg);
	spin_unlock(&tcp_lock);
	return;
drop:
	spin_unlock(&tcp_lock);
	kfree_skb(skb);
}

/* ICMP errors: hard ones (port/protocol unreachable) refuse a connection being opened. */
static void tcp_err(u8 type, u8 code, const struct iphdr *inner, u32 inner_len)
{
	const struct tcphdr *th = (const struct tcphdr *)((const u8 *)inner + iph_ihl(inner) * 4u);
	struct tcp_sock *tp;

	(void)inner_len;	/* icmp checked ihl + 8 bytes: ports and seq */
	if (type != ICMP_DEST_UNREACH)
		return;
	spin_lock(&tcp_lock);
	tp = tcp_lookup(inner->daddr, th->dest, inner->saddr, th->source);
	if (tp && tp->state == TCP_SYN_SENT &&
	    (code == ICMP_PORT_UNREACH || code == ICMP_PROT_UNREACH) &&
	    seq_in(ntohl(th->seq), tp->snd_una, tp->snd_max))
		tcp_fail(tp, ECONNREFUSED);
	spin_unlock(&tcp_lock);
}

/* ---------------------------------------------------------------- active open */

int tcp_connect_start(struct tcp_sock *tp, u32 raddr, u16 rport)
{
	u32 saddr = 0, mss = tcp_route_mss(raddr, &saddr);
	struct tcp_sock *o;
	int err;

	if (!mss)
		return -ENETUNREACH;
	if (!tp->hashed) {
		err = tcp_hash(tp, INADDR_ANY, 0);
		if (err)
			return err;
	}
	if (!tp->laddr)
		tp->laddr = saddr;
	list_for_each_entry(o, tcp_chain(tp->lport), node) {
		if (o != tp && o->lport == tp->lport && o->laddr == tp->laddr &&
		    o->raddr == raddr && o->rport == rport && o->state != TCP_CLOSE &&
		    o->state != TCP_LISTEN)
			return -EADDRNOTAVAIL;
	}
	tp->raddr = raddr;
	tp->rport = rport;
	tp->advmss = tp->user_mss ? MIN(mss, tp->user_mss) : mss;
	tp->iss = tcp_isn(tp->laddr, tp->lport, raddr, rport);
	tp->snd_una = tp->iss;
	tp->snd_nxt = tp->snd_max = tp->write_seq = tp->iss + 1;
	tp->rcv_wscale = TCP_WSCALE;	/* offered; kept only if the peer offers too */
	tp->retries = 0;
	tcp_set_state(tp, TEV_ACTIVE_OPEN);
	tcp_mib.active_opens++;
	tp->rtt_start = now_ns();
	tcp_xmit(tp, tp->iss, 0, TCP_SYN);
	tcp_timer_set(&tp->t_rexmit, now_ns() + tcp_rto_ns(tp));
	return 0;
}

/* ---------------------------------------------------------------- timers */

/* Retransmission timeout, or a zero-window probe when nothing is outstanding. [L] */
static void tcp_rexmit_timer(struct tcp_sock *tp, u64 now)
{
	u32 limit = tp->state == TCP_SYN_SENT ? TCP_SYN_RETRIES :
		    tp->state == TCP_SYN_RECV ? TCP_SYNACK_RETRIES : TCP_RETRIES;

	tp->t_rexmit = 0;
	if (tp->snd_una == tp->snd_max && tp->state != TCP_SYN_SENT && tp->state != TCP_SYN_RECV) {
		if (!tcp_can_send_data(tp->state) || tp->write_seq == tp->snd_nxt || tp->snd_wnd)
			return;
		if (++tp->probes > TCP_RETRIES) {
			tcp_abort(tp, ETIMEDOUT);
			return;
		}
		tcp_xmit(tp, tp->snd_una - 1, 0, TCP_ACK);	/* persist: elicit a window */
		tcp_rto_backoff(&tp->rto);
		tcp_timer_set(&tp->t_rexmit, now + tcp_rto_ns(tp));
		return;
	}
	if (++tp->retries > limit) {
		if (tp->state == TCP_SYN_RECV && tp->parent) {
			tcp_done(tp);
			return;
		}
		tcp_abort(tp, ETIMEDOUT);
		return;
	}
	tcp_rto_backoff(&tp->rto);
	if (tp->state == TCP_SYN_SENT || tp->state == TCP_SYN_RECV) {
		tcp_retransmit_head(tp);
	} else {
		tcp_cc_on_rto(&tp->cc, tp->snd_max - tp->snd_una, tp->snd_max);
		tp->snd_nxt = tp->snd_una;	/* go back: resend from the first unacknowledged */
		tp->rtt_start = 0;
		tcp_push(tp);
	}
	tcp_timer_set(&tp->t_rexmit, now + tcp_rto_ns(tp));
}

/* Keepalive, TIME_WAIT and FIN_WAIT2 expiry. [L] */
static void tcp_keep_timer(struct tcp_sock *tp, u64 now)
{
	tp->t_keep = 0;
	switch (tp->state) {
	case TCP_TIME_WAIT:
		tcp_set_state(tp, TEV_TIMEOUT);
		tcp_done(tp);
		return;
	case TCP_FIN_WAIT2:
		if (!tp->sock)
			tcp_abort(tp, 0);
		return;
	case TCP_ESTABLISHED:
	case TCP_CLOSE_WAIT:
		if (!tcp_keepalive_on(tp)) {
			tcp_timer_set(&tp->t_keep, now + (u64)tp->keepidle * NSEC_PER_SEC);
			return;
		}
		if (tp->keep_probes >= tp->keepcnt) {
			tcp_abort(tp, ETIMEDOUT);
			return;
		}
		tp->keep_probes++;
		tcp_xmit(tp, tp->snd_una - 1, 0, TCP_ACK);
		tcp_timer_set(&tp->t_keep, now + (u64)tp->keepintvl * NSEC_PER_SEC);
		return;
	}
}

static u64 earliest(u64 a, u64 b)
{
	if (!a)
		return b;
	if (!b)
		return a;
	return MIN(a, b);
}

/* Run every due deadline; the next one of all blocks (0: none). [L] */
static u64 tcp_run_timers(u64 now)
{
	struct tcp_sock *tp, *next;
	u64 first = 0;

	tcp_timer_next = ~0ull;	/* a deadline set meanwhile kicks: one more pass, harmless */
	list_for_each_entry_safe(tp, next, &tcp_all, all) {
		/* a handler frees at most tp itself */
		if (tp->t_delack && tp->t_delack <= now) {
			tp->t_delack = 0;
			if (tp->state != TCP_CLOSE && tp->state != TCP_LISTEN)
				tcp_send_ack(tp);
		}
		if (tp->t_rexmit && tp->t_rexmit <= now)
			tcp_rexmit_timer(tp, now);
		else if (tp->t_keep && tp->t_keep <= now)
			tcp_keep_timer(tp, now);
	}
	list_for_each_entry(tp, &tcp_all, all)
		first = earliest(first, earliest(tp->t_rexmit, earliest(tp->t_delack, tp->t_keep)));
	return first;
}

static int tcp_timer_thread(void *arg)
{
	struct wait_queue_entry w;

	(void)arg;
	wait_entry_init(&w);
	for (;;) {
		u64 next;

		spin_lock(&tcp_lock);
		WRITE_ONCE(tcp_timer_kicked, false);
		next = tcp_run_timers(now_ns());
		tcp_timer_next = next;
		spin_unlock(&tcp_lock);
		prepare_to_wait(&tcp_timer_wq, &w, TASK_INTERRUPTIBLE);
		if (!READ_ONCE(tcp_timer_kicked)) {
			if (next)
				schedule_until(next);
			else
				schedule();
		}
		finish_wait(&tcp_timer_wq, &w);
	}
	return 0;
}

/* ---------------------------------------------------------------- boot, /proc */

static const struct inet_protocol tcp_protocol = {
	.handler = tcp_rcv,
	.err_handler = tcp_err,
};

extern const struct inet_protosw tcp_protosw;	/* tcp_sock.c */

void tcp_init(void)
{
	for (int i = 0; i < TCP_PORT_HASH; i++)
		INIT_LIST_HEAD(&tcp_ports[i]);
	tcp_isn_secret[0] = get_random_u32();
	tcp_isn_secret[1] = get_random_u32();
	get_random_bytes(tcp_cookie_key.k, sizeof(tcp_cookie_key.k));
	if (inet_add_protocol(IPPROTO_TCP, &tcp_protocol) || inet_register_protosw(&tcp_protosw))
		panic("tcp: registration failed");
	if (IS_ERR(kthread_run(tcp_timer_thread, NULL, "tcp")))
		panic("tcp: no timer thread");
}

static u32 tcp_show_timer(const struct tcp_sock *tp, u64 now, u64 *when)
{
	u64 t = 0;
	u32 kind = 0;

	if (tp->t_rexmit) {
		kind = tp->snd_una == tp->snd_max ? 4 : 1;
		t = tp->t_rexmit;
	} else if (tp->t_keep) {
		kind = tp->state == TCP_TIME_WAIT ? 3 : 2;
		t = tp->t_keep;
	}
	*when = t > now ? (t - now) / 10000000 : 0;	/* jiffies at HZ 100 */
	return kind;
}

/* One /proc/net/tcp line, padded to 149 columns as Linux pads them. */
static void tcp_show_line(struct seq_buf *s, const char *line)
{
	seq_printf(s, "%-149s\n", line);
}

/* A connection's line: Linux's columns (get_tcp4_sock; TIME_WAIT's shorter form). [L] */
static void tcp_show_one(struct seq_buf *s, struct tcp_sock *tp, int n, u64 now)
{
	char line[200];
	u64 when;
	u32 tr = tcp_show_timer(tp, now, &when), txq, rxq, mss = tp->mss ? tp->mss : 536;
	u32 uid = tp->sock ? tp->sock->inode->i_uid : 0;
	unsigned long ino = tp->sock ? (unsigned long)tp->sock->inode->i_ino : 0ul;
	int len;

	txq = seq_gt(tp->write_seq, tp->snd_una) ? tp->write_seq - tp->snd_una : 0;
	rxq = tp->state == TCP_LISTEN ? tp->nr_established : tp->rcv_bytes;
	if (tp->state == TCP_LISTEN || tp->state == TCP_TIME_WAIT)
		txq = 0;
	len = snprintf(line, sizeof(line),
		       "%4d: %08X:%04X %08X:%04X %02X %08X:%08X %02X:%08lX %08X %5u %8d %lu %d %016lx",
		       n, tp->laddr, ntohs(tp->lport), tp->raddr, ntohs(tp->rport), tp->state, txq,
		       rxq, tr, (unsigned long)when, tp->retries, uid, 0, ino, 1, 0ul);
	if (tp->state != TCP_TIME_WAIT && len > 0 && (size_t)len < sizeof(line))
		snprintf(line + len, sizeof(line) - (size_t)len, " %u %u %u %u %d",
			 tcp_rto_current(&tp->rto) / 10000u, 4u, 0u, tp->cc.cwnd / mss,
			 tp->cc.ssthresh >= 0x7fffffffu ? -1 : (int)(tp->cc.ssthresh / mss));
	tcp_show_line(s, line);
}

int net_tcp_show(struct seq_buf *s)
{
	struct tcp_sock *tp;
	u64 now = now_ns();
	int n = 0;

	tcp_show_line(s, "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
		      "retrnsmt   uid  timeout inode");
	spin_lock(&tcp_lock);
	list_for_each_entry(tp, &tcp_all, all)
		if (tp->hashed)
			tcp_show_one(s, tp, n++, now);
	spin_unlock(&tcp_lock);
	return 0;
}

int tcp_snmp_show(struct seq_buf *s)
{
	struct tcp_mib m;
	long curr = 0;
	struct tcp_sock *tp;

	spin_lock(&tcp_lock);
	m = tcp_mib;
	list_for_each_entry(tp, &tcp_all, all)
		curr += tp->state == TCP_ESTABLISHED || tp->state == TCP_CLOSE_WAIT;
	spin_unlock(&tcp_lock);
	seq_puts(s, "Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails "
		    "EstabResets CurrEstab InSegs OutSegs RetransSegs InErrs OutRsts InCsumErrors\n");
	seq_printf(s, "Tcp: 1 200 120000 -1 %lu %lu %lu %lu %ld %lu %lu %lu %lu %lu 0\n",
		   m.active_opens, m.passive_opens, m.attempt_fails, m.estab_resets, curr,
		   m.in_segs, m.out_segs, m.retrans_segs, m.in_errs, m.out_rsts);
	return 0;
}

/*
 * /proc/net/netstat: the TcpExt counters Kestrel keeps, under Linux's
 * names (a subset of Linux's line; readers match fields by name).
 */
int tcp_netstat_show(struct seq_buf *s)
{
	struct tcp_mib m;

	spin_lock(&tcp_lock);
	m = tcp_mib;
	spin_unlock(&tcp_lock);
	seq_puts(s, "TcpExt: SyncookiesSent SyncookiesRecv SyncookiesFailed ListenOverflows ListenDrops\n");
	seq_printf(s, "TcpExt: %lu %lu %lu %lu %lu\n", m.syncookies_sent, m.syncookies_recv,
		   m.syncookies_failed, m.listen_overflows, m.listen_drops);
	return 0;
}

/* /proc/sys/net/ipv4/tcp_syncookies */
int tcp_syncookies_show(struct seq_buf *s)
{
	seq_printf(s, "%d\n", READ_ONCE(tcp_syncookies));
	return 0;
}

/* "0", "1" or "2", a newline optional, as Linux's proc_dointvec with its 0..2 range. */
ssize_t tcp_syncookies_write(const char *buf, size_t n)
{
	size_t i = 0;

	while (i < n && (buf[i] == ' ' || buf[i] == '\t'))
		i++;
	if (i >= n || buf[i] < '0' || buf[i] > '2')
		return -EINVAL;
	if (i + 1 < n && buf[i + 1] != '\n' && buf[i + 1] != ' ')
		return -EINVAL;
	WRITE_ONCE(tcp_syncookies, buf[i] - '0');
	return (ssize_t)n;
}
