/*
 * TCP sockets: the SOCK_STREAM operations of AF_INET over the connection
 * blocks of tcp.c (interface in <net/tcp.h>; docs/tcp.md).
 *
 * A socket owns its struct tcp_sock (sock->sk) until release, which
 * orphans it: the block lives on to finish the close (FIN_WAIT, LAST_ACK,
 * TIME_WAIT) and tcp.c frees it when it reaches CLOSE. Blocking calls
 * follow af_unix.c: prepare_to_wait on tp->wq, look under tcp_lock, drop
 * it, sock_wait(deadline). User copies run without tcp_lock: senders
 * copy into a fresh skb and then queue it; a reader holds tp->readlock
 * and a reference on the skb it copies from.
 */
#include <fs/file.h>
#include <fs/poll.h>
#include <kernel/clock.h>
#include <kernel/compiler.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/skbuff.h>
#include <net/socket.h>
#include <net/tcp.h>
#include <proc/process.h>
#include <sched/sched.h>
#include <uapi/errno.h>
#include <uapi/fcntl.h>
#include <uapi/if.h>
#include <uapi/poll.h>

#define TCP_CHUNK 65536		/* bytes per send-queue skb */

/* The prefix of Linux's struct tcp_info (linux/tcp.h) that we fill. */
struct tcp_info_k {
	u8 state, ca_state, retransmits, probes, backoff, options, wscale, app_limited;
	u32 rto, ato, snd_mss, rcv_mss;
	u32 unacked, sacked, lost, retrans, fackets;
	u32 last_data_sent, last_ack_sent, last_data_recv, last_ack_recv;
	u32 pmtu, rcv_ssthresh, rtt, rttvar, snd_ssthresh, snd_cwnd, advmss, reordering;
	u32 rcv_rtt, rcv_space, total_retrans;
};
_Static_assert(sizeof(struct tcp_info_k) == 104, "tcp_info prefix");

static const struct proto_ops tcp_ops;

static inline struct tcp_sock *tcp_sk(struct socket *sock)
{
	return sock->sk;
}

static bool tcp_synchronizing(int state)
{
	return state == TCP_SYN_SENT || state == TCP_SYN_RECV;
}

static int tcp_create(struct socket *sock)
{
	struct tcp_sock *tp;

	if (sock->protocol != IPPROTO_TCP)
		return -EPROTONOSUPPORT;
	tp = tcp_alloc();
	if (!tp)
		return -ENOMEM;
	spin_lock(&tcp_lock);
	tp->sock = sock;
	spin_unlock(&tcp_lock);
	sock->sk = tp;
	sock->wq = &tp->wq;
	sock->ops = &tcp_ops;
	return 0;
}

const struct inet_protosw tcp_protosw = {
	.type = SOCK_STREAM,
	.protocol = IPPROTO_TCP,
	.create = tcp_create,
};

/* ---------------------------------------------------------------- release */

/* A listener stops: children not accepted are reset and freed. [L] */
static void tcp_close_listener(struct tcp_sock *tp)
{
	while (!list_empty(&tp->acceptq)) {
		struct tcp_sock *c = list_first_entry(&tp->acceptq, struct tcp_sock, accept_node);

		tcp_abort(c, 0);	/* unlinks and frees c */
	}
	tp->state = TCP_CLOSE;
	tp->shutdown = TCP_SHUTDOWN_MASK;
	tcp_wake(tp);
}

static void tcp_release(struct socket *sock)
{
	struct tcp_sock *tp = tcp_sk(sock);
	bool linger0 = READ_ONCE(sock->linger.l_onoff) && !READ_ONCE(sock->linger.l_linger);

	if (!tp)
		return;
	spin_lock(&tcp_lock);
	tp->keepalive = READ_ONCE(sock->keepalive);
	tp->sock = NULL;
	tp->shutdown |= TCP_RCV_SHUTDOWN;	/* data arriving now is answered with RST */
	switch (tp->state) {
	case TCP_LISTEN:
		tcp_close_listener(tp);
		tcp_abort(tp, 0);	/* CLOSE now: unhashed and freed */
		break;
	case TCP_CLOSE:
	case TCP_SYN_SENT:
		tcp_abort(tp, 0);
		break;
	case TCP_TIME_WAIT:
		if (linger0)
			tcp_abort(tp, 0);	/* SO_LINGER 0 ends TIME_WAIT at once (Linux) */
		break;	/* else its timer frees it */
	default:
		if (linger0 || tp->rcv_bytes) {
			tcp_abort(tp, 0);	/* RST: SO_LINGER 0, or data left unread (Linux) */
			break;
		}
		tcp_send_fin(tp);
		if (tp->state == TCP_FIN_WAIT2)
			tcp_timer_set(&tp->t_keep, ktime_get_ns() + TCP_FIN_TIMEOUT_NS);
		break;
	}
	spin_unlock(&tcp_lock);
}

/* ---------------------------------------------------------------- bind, listen, connect, accept */

static int tcp_bind(struct socket *sock, const struct sockaddr *addr, int len)
{
	struct tcp_sock *tp = tcp_sk(sock);
	u32 laddr;
	u16 port;
	int err = inet_addr_parse(addr, len, false, &laddr, &port);

	if (err)
		return err;
	if (port && ntohs(port) < 1024 && !capable_root())
		return -EACCES;
	if (laddr && !inet_addr_is_local(laddr))
		return -EADDRNOTAVAIL;
	spin_lock(&tcp_lock);
	if (tp->hashed || tp->state != TCP_CLOSE || tp->was_connected) {
		err = -EINVAL;
	} else {
		tp->reuse = READ_ONCE(sock->reuseaddr);
		err = tcp_hash(tp, laddr, port);
	}
	spin_unlock(&tcp_lock);
	return err;
}

static int tcp_listen(struct socket *sock, int backlog)
{
	struct tcp_sock *tp = tcp_sk(sock);
	int err = 0;

	spin_lock(&tcp_lock);
	if (tp->state == TCP_LISTEN) {
		tp->backlog = backlog;
		goto out;
	}
	if (tp->state != TCP_CLOSE || tp->was_connected || tp->connecting) {
		err = -EINVAL;
		goto out;
	}
	if (!tp->hashed) {
		tp->reuse = READ_ONCE(sock->reuseaddr);
		err = tcp_hash(tp, INADDR_ANY, 0);
	} else {
		err = tcp_listen_check(tp);
	}
	if (err)
		goto out;
	tp->backlog = backlog;
	tp->state = TCP_LISTEN;
	WRITE_ONCE(sock->state, SS_LISTENING);
out:
	spin_unlock(&tcp_lock);
	return err;
}

/* The result of a finished connect (state no longer SYN_SENT/SYN_RECV). [L] */
static int tcp_connect_result(struct socket *sock, struct tcp_sock *tp)
{
	int err;

	tp->connecting = false;
	if (tp->state != TCP_CLOSE) {
		WRITE_ONCE(sock->state, SS_CONNECTED);
		return 0;
	}
	err = __atomic_exchange_n(&sock->so_error, 0, __ATOMIC_RELAXED);
	return err ? -err : -ECONNABORTED;
}

static int tcp_connect_wait(struct socket *sock, struct tcp_sock *tp)
{
	u64 deadline = sock_timeo(sock, false);
	struct wait_queue_entry w;
	int err;

	wait_entry_init(&w);
	for (;;) {
		prepare_to_wait(&tp->wq, &w, TASK_INTERRUPTIBLE);
		spin_lock(&tcp_lock);
		if (!tcp_synchronizing(tp->state)) {
			err = tcp_connect_result(sock, tp);
			spin_unlock(&tcp_lock);
			break;
		}
		spin_unlock(&tcp_lock);
		err = sock_wait(deadline);
		if (err == -EAGAIN)
			err = -EINPROGRESS;	/* SO_SNDTIMEO ran out (Linux) */
		if (err)
			break;
	}
	finish_wait(&tp->wq, &w);
	return err;
}

static int tcp_connect(struct socket *sock, const struct sockaddr *addr, int len, int flags)
{
	struct tcp_sock *tp = tcp_sk(sock);
	u32 raddr;
	u16 rport;
	int err = inet_addr_parse(addr, len, true, &raddr, &rport);

	if (err < 0)
		return err;
	spin_lock(&tcp_lock);
	if (err == 1) {		/* AF_UNSPEC: disconnect */
		if (tp->state != TCP_CLOSE && tp->state != TCP_LISTEN)
			tcp_abort(tp, 0);
		tp->connecting = false;
		spin_unlock(&tcp_lock);
		return 0;
	}
	if (tcp_synchronizing(tp->state)) {
		spin_unlock(&tcp_lock);
		return (flags & O_NONBLOCK) ? -EALREADY : tcp_connect_wait(sock, tp);
	}
	if (tp->connecting) {		/* a non-blocking connect that finished */
		err = tcp_connect_result(sock, tp);	/* 0 once established, as Linux */
		spin_unlock(&tcp_lock);
		return err;
	}
	if (tp->state != TCP_CLOSE || tp->was_connected) {
		spin_unlock(&tcp_lock);
		return tp->state == TCP_LISTEN ? -EINVAL : -EISCONN;
	}
	if (!raddr || !rport) {
		spin_unlock(&tcp_lock);
		return raddr ? -ECONNREFUSED : -ENETUNREACH;
	}
	tp->reuse = tp->hashed ? tp->reuse : READ_ONCE(sock->reuseaddr);
	err = tcp_connect_start(tp, raddr, rport);
	if (!err)
		tp->connecting = true;
	spin_unlock(&tcp_lock);
	if (err)
		return err;
	if (flags & O_NONBLOCK)
		return -EINPROGRESS;
	return tcp_connect_wait(sock, tp);
}

/* The first child past the handshake, unlinked; NULL if none. [L] */
static struct tcp_sock *tcp_take_child(struct tcp_sock *l)
{
	struct tcp_sock *c;

	list_for_each_entry(c, &l->acceptq, accept_node) {
		if (!c->was_connected)
			continue;
		list_del_init(&c->accept_node);
		l->nr_established--;
		c->parent = NULL;
		return c;
	}
	return NULL;
}

static int tcp_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct tcp_sock *tp = tcp_sk(sock), *c = NULL;
	u64 deadline = sock_timeo(sock, true);
	struct wait_queue_entry w;
	int err = 0;

	wait_entry_init(&w);
	for (;;) {
		prepare_to_wait(&tp->wq, &w, TASK_INTERRUPTIBLE);
		spin_lock(&tcp_lock);
		if (tp->state != TCP_LISTEN) {
			err = -EINVAL;
		} else if ((c = tcp_take_child(tp)) != NULL) {
			c->sock = newsock;
			WRITE_ONCE(newsock->so_error, c->pending_err);
			c->pending_err = 0;
		}
		spin_unlock(&tcp_lock);
		if (c || err)
			break;
		if (flags & O_NONBLOCK) {
			err = -EAGAIN;
			break;
		}
		err = sock_wait(deadline);
		if (err)
			break;
	}
	finish_wait(&tp->wq, &w);
	if (err)
		return err;
	newsock->sk = c;
	newsock->wq = &c->wq;
	return 0;
}

static int tcp_getname(struct socket *sock, struct sockaddr *addr, int peer)
{
	struct tcp_sock *tp = tcp_sk(sock);
	u32 a;
	u16 p;

	spin_lock(&tcp_lock);
	if (peer && (tp->state == TCP_CLOSE || tp->state == TCP_SYN_SENT || tp->state == TCP_LISTEN ||
		     !tp->rport)) {
		spin_unlock(&tcp_lock);
		return -ENOTCONN;
	}
	a = peer ? tp->raddr : tp->laddr;
	p = peer ? tp->rport : tp->lport;
	spin_unlock(&tcp_lock);
	return inet_addr_fill(addr, a, p);
}

/* ---------------------------------------------------------------- poll, shutdown */

/* Room in the send buffer for a writer (Linux: free space at least half of what is queued). [L] */
static bool tcp_writable(const struct tcp_sock *tp)
{
	u32 buf = tcp_sndbuf(tp);

	return tp->sndq_bytes < buf && buf - tp->sndq_bytes >= tp->sndq_bytes / 2;
}

static unsigned int tcp_poll(struct file *file, struct socket *sock, struct poll_table *pt)
{
	struct tcp_sock *tp = tcp_sk(sock);
	unsigned int mask = 0;

	poll_wait(file, &tp->wq, pt);
	spin_lock(&tcp_lock);
	if (tp->state == TCP_LISTEN) {
		if (tp->nr_established)
			mask |= POLLIN | POLLRDNORM;
		goto out;
	}
	if (READ_ONCE(sock->so_error))
		mask |= POLLERR;
	if (tp->shutdown == TCP_SHUTDOWN_MASK || tp->state == TCP_CLOSE)
		mask |= POLLHUP;
	if (tp->shutdown & TCP_RCV_SHUTDOWN)
		mask |= POLLIN | POLLRDNORM | POLLRDHUP;
	if (!tcp_synchronizing(tp->state)) {
		if (tp->rcv_bytes)
			mask |= POLLIN | POLLRDNORM;
		if ((tp->shutdown & TCP_SEND_SHUTDOWN) || tcp_writable(tp))
			mask |= POLLOUT | POLLWRNORM;
	}
out:
	spin_unlock(&tcp_lock);
	return mask;
}

static int tcp_shutdown(struct socket *sock, int how)
{
	struct tcp_sock *tp = tcp_sk(sock);
	unsigned int mode = (unsigned int)how + 1;	/* SHUT_RD 1, SHUT_WR 2, SHUT_RDWR 3 */
	int err = 0;

	spin_lock(&tcp_lock);
	switch (tp->state) {
	case TCP_LISTEN:
		if (mode & TCP_RCV_SHUTDOWN)
			tcp_close_listener(tp);
		break;
	case TCP_CLOSE:
		if (!tp->was_connected)
			err = -ENOTCONN;
		break;
	case TCP_SYN_SENT:
		tcp_abort(tp, 0);	/* the attempt ends (Linux) */
		break;
	default:
		tp->shutdown |= mode & TCP_RCV_SHUTDOWN;
		if (mode & TCP_SEND_SHUTDOWN) {
			tcp_send_fin(tp);
			tp->shutdown |= TCP_SEND_SHUTDOWN;
		}
		tcp_wake(tp);
	}
	spin_unlock(&tcp_lock);
	return err;
}

/* ---------------------------------------------------------------- send */

/*
 * How many bytes a sender may queue now (> 0), or 0 to wait, or -errno.
 * A pending error (a reset) is reported once, then EPIPE. [L]
 */
static long tcp_send_room(struct socket *sock, struct tcp_sock *tp)
{
	int e = READ_ONCE(sock->so_error);
	u32 buf = tcp_sndbuf(tp);

	if (e) {
		WRITE_ONCE(sock->so_error, 0);
		return -e;
	}
	if (tp->shutdown & TCP_SEND_SHUTDOWN)
		return -EPIPE;
	if (tcp_synchronizing(tp->state))
		return 0;
	if (tp->state != TCP_ESTABLISHED && tp->state != TCP_CLOSE_WAIT)
		return tp->was_connected ? -EPIPE : -ENOTCONN;
	return tp->sndq_bytes < buf ? (long)(buf - tp->sndq_bytes) : 0;
}

/* Wait for room; > 0 bytes, or -errno. */
static long tcp_wait_room(struct socket *sock, struct tcp_sock *tp, bool nonblock, u64 deadline)
{
	struct wait_queue_entry w;
	long room;

	wait_entry_init(&w);
	for (;;) {
		prepare_to_wait(&tp->wq, &w, TASK_INTERRUPTIBLE);
		spin_lock(&tcp_lock);
		room = tcp_send_room(sock, tp);
		spin_unlock(&tcp_lock);
		if (room)
			break;
		if (nonblock) {
			room = -EAGAIN;
			break;
		}
		room = sock_wait(deadline);
		if (room)
			break;
	}
	finish_wait(&tp->wq, &w);
	return room;
}

static ssize_t tcp_sendmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	struct tcp_sock *tp = tcp_sk(sock);
	u64 deadline = sock_timeo(sock, false);
	size_t sent = 0;
	long err = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	while (msg->iter->count || !sent) {
		long room = tcp_wait_room(sock, tp, flags & MSG_DONTWAIT, deadline);
		struct sk_buff *skb;
		size_t n;

		if (room < 0) {
			err = room;
			break;
		}
		if (!msg->iter->count)
			break;
		n = MIN(MIN(msg->iter->count, (size_t)room), (size_t)TCP_CHUNK);
		skb = alloc_skb((u32)n, GFP_KERNEL);
		if (!skb) {
			err = -ENOMEM;
			break;
		}
		if (copy_from_iter(skb_put(skb, (u32)n), n, msg->iter) != n) {
			kfree_skb(skb);
			err = -EFAULT;
			break;
		}
		spin_lock(&tcp_lock);
		if (tp->state != TCP_ESTABLISHED && tp->state != TCP_CLOSE_WAIT) {
			spin_unlock(&tcp_lock);
			kfree_skb(skb);
			err = -EPIPE;
			break;
		}
		tcp_queue_data(tp, skb);
		spin_unlock(&tcp_lock);
		sent += n;
	}
	return sent ? (ssize_t)sent : err;
}

/* ---------------------------------------------------------------- receive */

/*
 * The skb holding the byte skip bytes into the receive queue (a
 * reference taken) and the offset in it; NULL if the queue has less. [L]
 */
static struct sk_buff *tcp_rcv_peek(struct tcp_sock *tp, size_t skip, u32 *off)
{
	struct sk_buff *skb;

	list_for_each_entry(skb, &tp->rcvq, list) {
		u32 o = TCP_SKB_CB(skb)->off, avail = skb->len - o;

		if (skip < avail) {
			*off = o + (u32)skip;
			return skb_get(skb);
		}
		skip -= avail;
	}
	return NULL;
}

/* Why there is nothing to read: 1 to wait, 0 at end of stream, -errno. [L] */
static int tcp_rcv_nodata(struct socket *sock, struct tcp_sock *tp)
{
	int e = READ_ONCE(sock->so_error);

	if (e) {
		WRITE_ONCE(sock->so_error, 0);
		return -e;
	}
	if (tp->shutdown & TCP_RCV_SHUTDOWN)
		return 0;
	if (tp->state == TCP_CLOSE)
		return tp->was_connected ? 0 : -ENOTCONN;
	return 1;
}

/* Take n bytes of skb as read (it is the first on the queue). [L] */
static void tcp_rcv_consume(struct tcp_sock *tp, struct sk_buff *skb, u32 n)
{
	TCP_SKB_CB(skb)->off += n;
	tp->rcv_bytes -= n;
	if (TCP_SKB_CB(skb)->off == skb->len) {
		list_del_init(&skb->list);
		kfree_skb(skb);
	}
	tcp_rcv_space(tp);
}

/*
 * Wait for data at skip bytes into the queue (readlock held, dropped
 * while asleep). The skb (referenced) or NULL with *err: 0 end of
 * stream, -EAGAIN, -errno.
 */
static struct sk_buff *tcp_wait_data(struct socket *sock, struct tcp_sock *tp, size_t skip,
				     u32 *off, bool nonblock, u64 deadline, int *err)
{
	struct wait_queue_entry w;
	struct sk_buff *skb;

	wait_entry_init(&w);
	for (;;) {
		prepare_to_wait(&tp->wq, &w, TASK_INTERRUPTIBLE);
		spin_lock(&tcp_lock);
		skb = tcp_rcv_peek(tp, skip, off);
		*err = skb ? 0 : tcp_rcv_nodata(sock, tp);
		spin_unlock(&tcp_lock);
		if (skb || *err <= 0)
			break;
		if (nonblock) {
			*err = -EAGAIN;
			break;
		}
		mutex_unlock(&tp->readlock);
		*err = sock_wait(deadline);
		mutex_lock(&tp->readlock);
		if (*err)
			break;
	}
	finish_wait(&tp->wq, &w);
	return skb;
}

static ssize_t tcp_recvmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	struct tcp_sock *tp = tcp_sk(sock);
	bool peek = flags & MSG_PEEK;
	size_t target = (flags & MSG_WAITALL) ? msg->iter->count : 1, copied = 0;
	u64 deadline = sock_timeo(sock, true);
	int err = 0;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	if (READ_ONCE(tp->state) == TCP_LISTEN)
		return -ENOTCONN;
	mutex_lock(&tp->readlock);
	while (msg->iter->count) {
		struct sk_buff *skb;
		u32 off;
		size_t n;

		skb = tcp_wait_data(sock, tp, peek ? copied : 0, &off,
				    (flags & MSG_DONTWAIT) || copied >= target, deadline, &err);
		if (!skb)
			break;
		n = copy_to_iter(skb->data + off, skb->len - off, msg->iter);
		if (!n) {
			kfree_skb(skb);
			err = -EFAULT;
			break;
		}
		if (!peek) {
			spin_lock(&tcp_lock);
			tcp_rcv_consume(tp, skb, (u32)n);
			spin_unlock(&tcp_lock);
		}
		kfree_skb(skb);
		copied += n;
	}
	mutex_unlock(&tp->readlock);
	if (copied)
		return (ssize_t)copied;
	return err;
}

/* ---------------------------------------------------------------- options, ioctl */

static int tcp_setsockopt_tcp(struct tcp_sock *tp, int name, int val)
{
	switch (name) {
	case TCP_NODELAY:
		tp->nodelay = val != 0;
		if (tp->nodelay)
			tcp_push(tp);
		return 0;
	case TCP_MAXSEG:
		if (val && (val < 88 || val > 65535))
			return -EINVAL;
		tp->user_mss = (u32)val;
		return 0;
	case TCP_KEEPIDLE:
	case TCP_KEEPINTVL:
		if (val < 1 || val > 32767)
			return -EINVAL;
		if (name == TCP_KEEPIDLE)
			tp->keepidle = (u32)val;
		else
			tp->keepintvl = (u32)val;
		tcp_keepalive_reset(tp);
		return 0;
	case TCP_KEEPCNT:
		if (val < 1 || val > 127)
			return -EINVAL;
		tp->keepcnt = (u32)val;
		return 0;
	case TCP_QUICKACK:
		return 0;
	}
	return -ENOPROTOOPT;
}

static int tcp_setsockopt(struct socket *sock, int level, int name, unsigned long optval,
			  unsigned int optlen)
{
	struct tcp_sock *tp = tcp_sk(sock);
	int val, err;

	if (level == IPPROTO_IP)
		return inet_setsockopt_ip(&tp->inet, name, optval, optlen);
	if (level != IPPROTO_TCP)
		return -ENOPROTOOPT;
	err = sockopt_get_int(optval, optlen, &val);
	if (err)
		return err;
	spin_lock(&tcp_lock);
	err = tcp_setsockopt_tcp(tp, name, val);
	spin_unlock(&tcp_lock);
	return err;
}

static void tcp_fill_info(struct tcp_sock *tp, struct tcp_info_k *ti)
{
	memset(ti, 0, sizeof(*ti));
	ti->state = (u8)tp->state;
	ti->ca_state = tp->cc.in_recovery ? 3 : 0;	/* TCP_CA_Recovery / Open */
	ti->retransmits = (u8)MIN(tp->retries, 255u);
	ti->probes = (u8)MIN(tp->probes, 255u);
	ti->backoff = (u8)tp->rto.backoff;
	ti->options = tp->snd_wscale || tp->rcv_wscale ? 4 : 0;	/* TCPI_OPT_WSCALE */
	ti->wscale = (u8)(tp->snd_wscale | tp->rcv_wscale << 4);
	ti->rto = tcp_rto_current(&tp->rto);
	ti->ato = (u32)(TCP_DELACK_NS / 1000);
	ti->snd_mss = tp->mss;
	ti->rcv_mss = tp->advmss;
	ti->unacked = (tp->snd_max - tp->snd_una + tp->mss - 1) / (tp->mss ? tp->mss : 1);
	ti->pmtu = tp->advmss + 40;
	ti->rcv_ssthresh = tcp_rcvbuf(tp);
	ti->rtt = tp->rto.srtt_us;
	ti->rttvar = tp->rto.rttvar_us;
	ti->snd_ssthresh = tp->cc.ssthresh / (tp->mss ? tp->mss : 1);
	ti->snd_cwnd = tp->cc.cwnd / (tp->mss ? tp->mss : 1);
	ti->advmss = tp->advmss;
	ti->reordering = 3;
	ti->rcv_space = tcp_rcv_window(tp);
	ti->total_retrans = tp->total_retrans;
}

static int tcp_getsockopt(struct socket *sock, int level, int name, unsigned long optval,
			  unsigned long optlen)
{
	struct tcp_sock *tp = tcp_sk(sock);
	struct tcp_info_k ti;
	int val, len;

	if (level == IPPROTO_IP)
		return inet_getsockopt_ip(&tp->inet, name, optval, optlen);
	if (level != IPPROTO_TCP)
		return -ENOPROTOOPT;
	spin_lock(&tcp_lock);
	switch (name) {
	case TCP_NODELAY:   val = tp->nodelay; break;
	case TCP_MAXSEG:    val = (int)(tp->state == TCP_ESTABLISHED ? tp->mss :
					tp->user_mss ? tp->user_mss : TCP_DEFAULT_MSS); break;
	case TCP_KEEPIDLE:  val = (int)tp->keepidle; break;
	case TCP_KEEPINTVL: val = (int)tp->keepintvl; break;
	case TCP_KEEPCNT:   val = (int)tp->keepcnt; break;
	case TCP_QUICKACK:  val = 1; break;
	case TCP_INFO:      tcp_fill_info(tp, &ti); val = 0; break;
	default:
		spin_unlock(&tcp_lock);
		return -ENOPROTOOPT;
	}
	spin_unlock(&tcp_lock);
	if (name != TCP_INFO)
		return sockopt_put_int(optval, optlen, val);
	if (get_user(len, (int __user *)optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	len = MIN(len, (int)sizeof(ti));
	if (copy_to_user((void __user *)optval, &ti, (size_t)len) || put_user(len, (int __user *)optlen))
		return -EFAULT;
	return 0;
}

static long tcp_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	struct tcp_sock *tp = tcp_sk(sock);
	int n;

	if (cmd != SIOCINQ && cmd != SIOCOUTQ)
		return inet_ioctl(sock, cmd, arg);
	spin_lock(&tcp_lock);
	if (tp->state == TCP_LISTEN)
		n = -EINVAL;
	else if (cmd == SIOCINQ)
		n = (int)tp->rcv_bytes;
	else
		n = tcp_synchronizing(tp->state) ? 0 : (int)(tp->write_seq - tp->snd_una);
	spin_unlock(&tcp_lock);
	if (n < 0)
		return n;
	return copy_to_user((void __user *)arg, &n, sizeof(n)) ? -EFAULT : 0;
}

static const struct proto_ops tcp_ops = {
	.family = AF_INET,
	.release = tcp_release,
	.bind = tcp_bind,
	.connect = tcp_connect,
	.listen = tcp_listen,
	.accept = tcp_accept,
	.getname = tcp_getname,
	.poll = tcp_poll,
	.shutdown = tcp_shutdown,
	.sendmsg = tcp_sendmsg,
	.recvmsg = tcp_recvmsg,
	.setsockopt = tcp_setsockopt,
	.getsockopt = tcp_getsockopt,
	.ioctl = tcp_ioctl,
};
