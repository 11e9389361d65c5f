/*
 * TCP (RFC 9293) over IPv4: kernel/net/ipv4/tcp.c (connections: the
 * table, input, output, timers) and tcp_sock.c (the SOCK_STREAM socket
 * operations); pure parts in <net/tcp_cc.h> and <net/tcp_seq.h>. Design:
 * docs/tcp.md.
 *
 * Interface for the rest of the kernel:
 *	tcp_init()          boot (net_init, after udp_init): register with IP
 *	                    and the AF_INET protocol switch, start the "tcp" thread
 *	net_tcp_show(s)     /proc/net/tcp in Linux's format
 *	tcp_snmp_show(s)    the Tcp: lines of /proc/net/snmp
 *	tcp_nr_conns()      connection blocks alive (leak checks; TIME_WAIT ones included)
 *
 * Locks: one spinlock, "tcp_lock", guards every struct tcp_sock field
 * marked [L], the port table and the counters. It is taken by the net
 * thread (input, ICMP errors), the "tcp" timer thread and socket calls;
 * IP output (ip_output, which never sleeps) and wake-ups run under it,
 * so it is ordered before the IP, ARP, device and wait-queue locks.
 * Copies to and from user memory run without it: a reader holds the
 * socket's "tcp_readlock" mutex and a reference on the skb it copies.
 */
#ifndef NET_TCP_H
#define NET_TCP_H

#include <kernel/types.h>
#include <lib/list.h>
#include <locking/mutex.h>
#include <net/inet_sock.h>
#include <net/tcp_cc.h>
#include <sched/wait.h>

struct seq_buf;
struct sk_buff;
struct socket;

#define TCP_HLEN	20
#define TCP_FIN	0x01
#define TCP_SYN	0x02
#define TCP_RST	0x04
#define TCP_PSH	0x08
#define TCP_ACK	0x10
#define TCP_URG	0x20

struct tcphdr {
	u16 source, dest;	/* be16 */
	u32 seq, ack_seq;	/* be32 */
	u8 doff_res;		/* data offset << 4 */
	u8 flags;
	u16 window;		/* be16 */
	u16 check;		/* be16 */
	u16 urg_ptr;		/* be16 */
} __attribute__((packed, aligned(2)));
_Static_assert(sizeof(struct tcphdr) == TCP_HLEN, "TCP header is 20 bytes");

#define TCP_EPHEMERAL_LOW	32768
#define TCP_EPHEMERAL_HIGH	60999
#define TCP_LO_MSS		65495	/* lo: MTU 65535 - 40, as Linux */
#define TCP_DEFAULT_MSS		536
#define TCP_WSCALE		7	/* our window scale (as Linux) */
#define TCP_MSL2_NS		60000000000ull	/* TIME_WAIT: 2MSL = 60 s (Linux) */
#define TCP_FIN_TIMEOUT_NS	60000000000ull	/* an orphan in FIN_WAIT2 */
#define TCP_DELACK_NS		40000000ull	/* delayed ACK: 40 ms */
#define TCP_RETRIES		15	/* data: give up after this many retransmissions */
#define TCP_SYN_RETRIES		6
#define TCP_SYNACK_RETRIES	5
#define TCP_KEEPIDLE_DEF	7200	/* s */
#define TCP_KEEPINTVL_DEF	75	/* s */
#define TCP_KEEPCNT_DEF		9
#define TCP_SYNQ_MAX		256	/* SYN_RECV children per listener */

/* shutdown bits */
#define TCP_RCV_SHUTDOWN	1
#define TCP_SEND_SHUTDOWN	2
#define TCP_SHUTDOWN_MASK	3

/* What a queued skb is (skb->cb), on the send queue and the receive/out-of-order queues. */
struct tcp_skb_cb {
	u32 seq;		/* first sequence number of the data */
	u32 end_seq;		/* seq + len (+1 for a FIN on the out-of-order queue) */
	u32 off;		/* receive queue: bytes already read */
	u8 flags;		/* out-of-order queue: TCP_FIN if a FIN follows the data */
};
#define TCP_SKB_CB(skb) ((struct tcp_skb_cb *)(skb)->cb)

/*
 * A connection block: a socket's TCP state, a listener, a child waiting
 * to be accepted, or an orphan finishing its close. [L] = tcp_lock.
 */
struct tcp_sock {
	struct list_head node;		/* [L] in the port table (while hashed) */
	struct list_head all;		/* [L] tcp_all: every block (timers, /proc) */
	bool hashed;			/* [L] in the port table */
	int state;			/* [L] enum tcp_state; READ_ONCE for lockless looks */
	u32 laddr, raddr;		/* [L] be32 */
	u16 lport, rport;		/* [L] be16 */
	bool reuse;			/* [L] SO_REUSEADDR at bind time */
	bool was_connected;		/* [L] reached ESTABLISHED once */
	bool connecting;		/* [L] connect() started, its result not yet reported */
	u8 shutdown;			/* [L] TCP_*_SHUTDOWN */
	struct socket *sock;		/* [L] NULL: orphan (or child not yet accepted) */
	struct wait_queue_head wq;	/* readiness of this socket */
	struct mutex readlock;		/* "tcp_readlock": one reader at a time */
	int pending_err;		/* [L] an error to report once accepted (no socket yet) */

	/* listener */
	struct tcp_sock *parent;	/* [L] the listener while on its accept queue */
	struct list_head acceptq;	/* [L] children (SYN_RECV and established) */
	struct list_head accept_node;	/* [L] on the parent's acceptq */
	u32 nr_established;		/* [L] children on acceptq past the handshake */
	u32 nr_synrecv;			/* [L] children in SYN_RECV */
	int backlog;			/* [L] */
	u64 cookies_until;		/* [L] cookie ACKs are looked at until then (0: never sent one) */

	/* send side */
	u32 iss, snd_una, snd_nxt, snd_max;	/* [L] snd_max: highest ever sent */
	u32 write_seq;			/* [L] sequence after the last queued byte */
	u32 snd_wnd;			/* [L] peer's window, bytes (scaled) */
	u32 snd_wl1, snd_wl2;		/* [L] segment seq/ack of the last window update */
	u32 max_window;			/* [L] largest window the peer offered */
	u8 snd_wscale, rcv_wscale;	/* [L] 0 unless both sides sent the option */
	u32 mss;			/* [L] bytes of data per segment we send */
	u32 user_mss;			/* [L] TCP_MAXSEG (0: none) */
	struct list_head sndq;		/* [L] skbs of data not yet acked (payload only) */
	u32 sndq_bytes;			/* [L] bytes on sndq */
	bool fin_queued;		/* [L] our FIN follows write_seq */
	bool nodelay;			/* [L] TCP_NODELAY */
	struct tcp_cc cc;		/* [L] */
	struct tcp_rto rto;		/* [L] */
	u32 retries;			/* [L] retransmissions of the current head */
	u64 rtt_start;			/* [L] ns when rtt_seq was sent (0: not timing) */
	u32 rtt_seq;			/* [L] the segment end being timed */
	u32 probes;			/* [L] zero-window probes sent unanswered */
	u32 keep_probes;		/* [L] keepalive probes sent unanswered */
	u32 total_retrans;		/* [L] */

	/* receive side */
	u32 irs, rcv_nxt;		/* [L] */
	u32 rcv_adv;			/* [L] right edge of the window we advertised */
	u32 advmss;			/* [L] MSS we announced */
	struct list_head rcvq;		/* [L] in-order data (TCP_SKB_CB off = read) */
	struct list_head oooq;		/* [L] out-of-order segments by seq */
	u32 rcv_bytes;			/* [L] unread bytes on rcvq */
	u32 ooo_bytes;			/* [L] bytes on oooq */
	u32 ack_segs;			/* [L] full segments received and not yet acked */
	bool ack_now;			/* [L] send an ACK at the end of input */

	/* timers: deadlines in ktime ns, 0 = off; run by the "tcp" thread */
	u64 t_rexmit;			/* [L] retransmission / persist */
	u64 t_delack;			/* [L] delayed ACK */
	u64 t_keep;			/* [L] keepalive, TIME_WAIT, FIN_WAIT2, SYN_RECV lifetime */
	u64 last_rcv;			/* [L] ns of the last segment received */
	bool keepalive;			/* [L] SO_KEEPALIVE as last seen */
	u32 keepidle, keepintvl, keepcnt;	/* [L] seconds, count */
	struct inet_opts inet;		/* [a] IP_TTL, IP_TOS */
};

/* ---------------------------------------------------------------- tcp.c, for tcp_sock.c */

extern struct spinlock tcp_lock;

void tcp_init(void);
/* A new block in CLOSE (not hashed), owned by the caller; NULL if out of memory. */
struct tcp_sock *tcp_alloc(void);
/* Free tp if nothing needs it any more: closed, no socket, not on an accept queue. [L] */
void tcp_maybe_free(struct tcp_sock *tp);
/* Bind tp to laddr:port (port 0: ephemeral). 0 or -EADDRINUSE / -EAGAIN. [L] */
int tcp_hash(struct tcp_sock *tp, u32 laddr, u16 port);
/* May tp (hashed) listen: no other listener on its port and address? 0 or -EADDRINUSE. [L] */
int tcp_listen_check(const struct tcp_sock *tp);
/* Set a timer deadline (ktime ns, 0: off); wakes the timer thread if it is the earliest. [L] */
void tcp_timer_set(u64 *field, u64 deadline);
/* Start an active open to raddr:rport (tp bound or not). 0 or -errno. [L] */
int tcp_connect_start(struct tcp_sock *tp, u32 raddr, u16 rport);
/* Queue skb (payload only) for sending and push what the windows allow. [L] */
void tcp_queue_data(struct tcp_sock *tp, struct sk_buff *skb);
/* Send what the windows, Nagle and the congestion window allow. [L] */
void tcp_push(struct tcp_sock *tp);
/* Our side is done sending: queue a FIN and move state (shutdown/close). [L] */
void tcp_send_fin(struct tcp_sock *tp);
/* Abort: send RST (if synchronized) and close; err (positive) reported to the socket. [L] */
void tcp_abort(struct tcp_sock *tp, int err);
/* The reader took bytes: send a window update if the window opened enough. [L] */
void tcp_rcv_space(struct tcp_sock *tp);
/* Re-plan the keepalive deadline after SO_KEEPALIVE/TCP_KEEP* changed. [L] */
void tcp_keepalive_reset(struct tcp_sock *tp);
/* Wake tp's waiters (readers, writers, pollers, epoll). Any lock held. */
void tcp_wake(struct tcp_sock *tp);
/* The window we would advertise now, bytes. [L] */
u32 tcp_rcv_window(const struct tcp_sock *tp);
/* The socket's SO_RCVBUF/SO_SNDBUF (defaults for orphans). [L] */
u32 tcp_rcvbuf(const struct tcp_sock *tp);
u32 tcp_sndbuf(const struct tcp_sock *tp);
/* Report err (positive errno) to tp's socket (SO_ERROR) or keep it for accept. [L] */
void tcp_set_error(struct tcp_sock *tp, int err);

/* ---------------------------------------------------------------- for /proc */

int net_tcp_show(struct seq_buf *s);
int tcp_snmp_show(struct seq_buf *s);
int tcp_netstat_show(struct seq_buf *s);
int tcp_syncookies_show(struct seq_buf *s);
/* A write to /proc/sys/net/ipv4/tcp_syncookies: n or -EINVAL. */
ssize_t tcp_syncookies_write(const char *buf, size_t n);
long tcp_nr_conns(void);

/* Counters (SNMP names), [L]. */
struct tcp_mib {
	unsigned long active_opens, passive_opens, attempt_fails, estab_resets;
	unsigned long in_segs, out_segs, retrans_segs, in_errs, out_rsts;
	/* TcpExt (/proc/net/netstat) */
	unsigned long syncookies_sent, syncookies_recv, syncookies_failed;
	unsigned long listen_overflows, listen_drops;
};
extern struct tcp_mib tcp_mib;
/*
 * /proc/sys/net/ipv4/tcp_syncookies, as Linux: 0 never, 1 (default) when
 * a listener's SYN queue is full, 2 always (net/tcp_cookie.h). [a]
 */
extern int tcp_syncookies;
/* ktests only (kernel/net/ktest_tcp.c): drop every Nth first transmission of data (0: off). [L] */
extern int tcp_test_drop_every;

#endif /* NET_TCP_H */
