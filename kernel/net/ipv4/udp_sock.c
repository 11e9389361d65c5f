/*
 * UDP sockets: socket(AF_INET, SOCK_DGRAM, 0 | IPPROTO_UDP) over the UDP
 * engine's endpoints (<net/udp.h>); docs/net.md.
 *
 * A udp_sock embeds its udp_endpoint and the shared datagram receive side
 * (<net/inet_dgram.h>). The engine calls udp_sock_rcv for each datagram
 * (net thread, under "udp_table"): queued, or dropped and counted
 * (RcvbufErrors) when SO_RCVBUF is full. ICMP errors about a connected
 * peer become the socket's pending error (SO_ERROR), returned once by
 * the next recv or send, as Linux does without IP_RECVERR.
 *
 * Sending never blocks: the datagram is built and handed to IP at once
 * (the device queues or drops). Receiving blocks until a datagram, the
 * pending error, a shutdown, the SO_RCVTIMEO deadline or a signal.
 *
 * Locks: none of its own ("inet_dgram" is taken under "udp_table" by the
 * receive callback). Lifetime: ->release unbinds the endpoint (after
 * which no callback runs), then frees the queue and us.
 */
#include <kernel/compiler.h>
#include <mm/slab.h>
#include <net/inet_dgram.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/skbuff.h>
#include <net/socket.h>
#include <net/udp.h>
#include <proc/process.h>
#include <uapi/errno.h>

struct udp_sock {
	struct inet_dgram d;		/* first: the receive side */
	struct udp_endpoint ep;
};

static struct udp_sock *udp_sk(struct socket *sock)
{
	return sock->sk;
}

/* ---------------------------------------------------------------- engine callbacks */

static void udp_sock_rcv(struct udp_endpoint *ep, struct sk_buff *skb)
{
	struct udp_sock *us = ep->priv;

	if (!inet_dgram_queue(&us->d, skb)) {
		udp_count_rcvbuf_error();
		kfree_skb(skb);
	}
}

/* Bytes waiting to be read, for /proc/net/udp (under udp_table: a racy read is fine). */
static u32 udp_sock_rx_queued(struct udp_endpoint *ep)
{
	struct udp_sock *us = ep->priv;

	return READ_ONCE(us->d.rx_bytes);
}

static void udp_sock_err(struct udp_endpoint *ep, int err, u32 addr, u16 port)
{
	struct udp_sock *us = ep->priv;

	(void)addr;
	(void)port;
	inet_dgram_error(&us->d, err);
}

/* ---------------------------------------------------------------- create, release */

static const struct proto_ops udp_ops;

static int udp_create(struct socket *sock)
{
	struct udp_sock *us = kzalloc(sizeof(*us), GFP_KERNEL);

	if (!us)
		return -ENOMEM;
	inet_dgram_init(&us->d, sock);
	us->ep.rcv = udp_sock_rcv;
	us->ep.err = udp_sock_err;
	us->ep.priv = us;
	us->ep.rx_queued = udp_sock_rx_queued;
	us->ep.ino = sock->inode->i_ino;
	us->ep.uid = sock->inode->i_uid;
	sock->ops = &udp_ops;
	sock->sk = us;
	return 0;
}

static void udp_release(struct socket *sock)
{
	struct udp_sock *us = udp_sk(sock);

	if (!us)
		return;
	udp_unbind(&us->ep);
	inet_dgram_purge(&us->d);
	sock->sk = NULL;
	kfree(us);
}

/* ---------------------------------------------------------------- addresses */

/* A port below 1024 needs root (CAP_NET_BIND_SERVICE in Linux). */
static bool udp_port_allowed(u16 port)
{
	return port == 0 || ntohs(port) >= 1024 || capable_root();
}

static int udp_sock_bind(struct socket *sock, const struct sockaddr *addr, int len)
{
	struct udp_sock *us = udp_sk(sock);
	u32 a;
	u16 port;
	int err = inet_addr_parse(addr, len, false, &a, &port);

	if (err)
		return err;
	if (!udp_port_allowed(port))
		return -EACCES;
	us->ep.reuse = READ_ONCE(sock->reuseaddr) || READ_ONCE(sock->reuseport);
	return udp_bind(&us->ep, a, port);
}

static int udp_sock_connect(struct socket *sock, const struct sockaddr *addr, int len, int flags)
{
	struct udp_sock *us = udp_sk(sock);
	u32 a = 0;
	u16 port = 0;
	int err = inet_addr_parse(addr, len, true, &a, &port);

	(void)flags;
	if (err < 0)
		return err;
	if (err == 1) {		/* AF_UNSPEC: dissolve the association */
		udp_connect(&us->ep, 0, 0);
		WRITE_ONCE(sock->state, SS_UNCONNECTED);
		return 0;
	}
	if (a == INADDR_ANY)
		a = INADDR_LOOPBACK;	/* as Linux: "any" means this host */
	if (!port)
		return -EINVAL;
	if (inet_addr_is_broadcast(a) && !READ_ONCE(sock->broadcast))
		return -EACCES;
	us->ep.reuse = READ_ONCE(sock->reuseaddr) || READ_ONCE(sock->reuseport);
	err = udp_connect(&us->ep, a, port);
	if (!err)
		WRITE_ONCE(sock->state, SS_CONNECTED);
	return err;
}

struct udp_names {
	u32 laddr, raddr;
	u16 lport, rport;
};

/* The endpoint's addresses, read consistently (they change under udp_table). */
static void udp_names_read(struct udp_sock *us, struct udp_names *n);

static int udp_sock_getname(struct socket *sock, struct sockaddr *addr, int peer)
{
	struct udp_sock *us = udp_sk(sock);
	struct udp_names n;

	udp_names_read(us, &n);
	if (peer) {
		if (!n.rport)
			return -ENOTCONN;
		return inet_addr_fill(addr, n.raddr, n.rport);
	}
	return inet_addr_fill(addr, n.laddr, n.lport);
}

static void udp_names_read(struct udp_sock *us, struct udp_names *n)
{
	struct rt_result rt;

	udp_endpoint_names(&us->ep, &n->laddr, &n->lport, &n->raddr, &n->rport);
	/* Connected but bound to "any": the source the route gives, as Linux shows. */
	if (n->rport && n->laddr == INADDR_ANY && !ip_route_output(n->raddr, &rt))
		n->laddr = rt.saddr;
}

/* ---------------------------------------------------------------- send */

static ssize_t udp_sock_sendmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	struct udp_sock *us = udp_sk(sock);
	size_t len = msg->iter->count;
	struct sk_buff *skb;
	u32 daddr = 0;
	u16 dport = 0;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	err = inet_dgram_take_error(&us->d);
	if (err)
		return err;
	if (READ_ONCE(us->d.shutdown) & DGRAM_SEND_SHUTDOWN)
		return -EPIPE;
	if (msg->name) {
		err = inet_addr_parse(msg->name, msg->namelen, false, &daddr, &dport);
		if (err)
			return err;
		if (!dport)
			return -EINVAL;
		if (daddr == INADDR_ANY)
			daddr = INADDR_LOOPBACK;
		if (inet_addr_is_broadcast(daddr) && !READ_ONCE(sock->broadcast))
			return -EACCES;
	}
	if (len > UDP_MAX_PAYLOAD)
		return -EMSGSIZE;
	skb = skb_alloc_tx((u32)len, GFP_KERNEL);
	if (!skb)
		return -ENOBUFS;
	if (copy_from_iter(skb_put(skb, (u32)len), len, msg->iter) != len) {
		kfree_skb(skb);
		return -EFAULT;
	}
	WRITE_ONCE(us->ep.ttl, READ_ONCE(us->d.inet.ttl));
	WRITE_ONCE(us->ep.tos, READ_ONCE(us->d.inet.tos));
	WRITE_ONCE(us->ep.oif, READ_ONCE(sock->bound_dev_if));
	err = udp_send(&us->ep, daddr, dport, skb);
	return err ? err : (ssize_t)len;
}

/* ---------------------------------------------------------------- receive */

static int udp_skb_name(const struct sk_buff *skb, struct sockaddr *sa)
{
	return inet_addr_fill(sa, UDP_SKB_CB(skb)->saddr, UDP_SKB_CB(skb)->sport);
}

static ssize_t udp_sock_recvmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	return inet_dgram_recvmsg(&udp_sk(sock)->d, msg, flags, udp_skb_name);
}

/* ---------------------------------------------------------------- poll, shutdown, options */

static unsigned int udp_sock_poll(struct file *file, struct socket *sock, struct poll_table *pt)
{
	return inet_dgram_poll(file, &udp_sk(sock)->d, pt);
}

static int udp_sock_shutdown(struct socket *sock, int how)
{
	return inet_dgram_shutdown(sock, &udp_sk(sock)->d, how);
}

static int udp_sock_setsockopt(struct socket *sock, int level, int name, unsigned long optval,
			       unsigned int optlen)
{
	struct udp_sock *us = udp_sk(sock);
	int v, err;

	if (level == IPPROTO_IP)
		return inet_setsockopt_ip(&us->d.inet, name, optval, optlen);
	if (level == SOL_SOCKET && name == SO_NO_CHECK) {
		err = sockopt_get_int(optval, optlen, &v);
		if (!err)
			WRITE_ONCE(us->ep.no_check, v != 0);
		return err;
	}
	return level == SOL_SOCKET || level == IPPROTO_UDP ? -ENOPROTOOPT : -EOPNOTSUPP;
}

static int udp_sock_getsockopt(struct socket *sock, int level, int name, unsigned long optval,
			       unsigned long optlen)
{
	struct udp_sock *us = udp_sk(sock);

	if (level == IPPROTO_IP)
		return inet_getsockopt_ip(&us->d.inet, name, optval, optlen);
	if (level == SOL_SOCKET && name == SO_NO_CHECK)
		return sockopt_put_int(optval, optlen, READ_ONCE(us->ep.no_check));
	return level == SOL_SOCKET || level == IPPROTO_UDP ? -ENOPROTOOPT : -EOPNOTSUPP;
}

static long udp_sock_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	return inet_dgram_ioctl(&udp_sk(sock)->d, cmd, arg);
}

static const struct proto_ops udp_ops = {
	.family = AF_INET,
	.release = udp_release,
	.bind = udp_sock_bind,
	.connect = udp_sock_connect,
	.getname = udp_sock_getname,
	.poll = udp_sock_poll,
	.shutdown = udp_sock_shutdown,
	.sendmsg = udp_sock_sendmsg,
	.recvmsg = udp_sock_recvmsg,
	.setsockopt = udp_sock_setsockopt,
	.getsockopt = udp_sock_getsockopt,
	.ioctl = udp_sock_ioctl,
};

const struct inet_protosw udp_protosw = {
	.type = SOCK_DGRAM,
	.protocol = IPPROTO_UDP,
	.create = udp_create,
};
