/*
 * ICMP echo sockets, Linux's "ping sockets": socket(AF_INET, SOCK_DGRAM,
 * IPPROTO_ICMP) lets an unprivileged ping send echo requests and read
 * the replies (docs/net.md).
 *
 * The socket has an identifier (the "port" of its address: bind's
 * sin_port, or a free one picked at the first send). sendmsg takes an
 * ICMP echo request (type 8, code 0, at least the 8-byte header); the
 * kernel writes the identifier and the checksum. Echo replies carrying
 * the identifier are queued whole (ICMP header and payload), with the
 * replying host as the source address (port 0). Destination-unreachable
 * and time-exceeded errors about our requests become the pending error
 * of a connected socket (as Linux without IP_RECVERR).
 *
 * Linux gates these sockets with net.ipv4.ping_group_range; Kestrel lets
 * every user have them (what most distributions configure).
 *
 * Locks: "ping_table" (spin) guards the list of sockets with an
 * identifier and their addresses; the receive path holds it while it
 * queues (then "inet_dgram"). A socket leaves the table in ->release
 * before its memory is freed, so a reply never finds a dead socket.
 */
#include <kernel/compiler.h>
#include <kernel/random.h>
#include <lib/list.h>
#include <lib/string.h>
#include <mm/slab.h>
#include <net/icmp.h>
#include <net/inet_csum.h>
#include <net/inet_dgram.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/skbuff.h>
#include <net/socket.h>
#include <uapi/errno.h>

struct ping_sock {
	struct inet_dgram d;
	/* [ping_table] */
	u16 ident;		/* be16; valid while bound */
	u32 laddr;		/* be32, INADDR_ANY: any of ours */
	u32 raddr;		/* be32, 0 unless connected */
	bool bound;
	struct list_head node;	/* in ping_socks while bound */
};

/* The replying host, kept in skb->cb while a reply is queued. */
struct ping_skb_cb {
	u32 saddr;
};
#define PING_SKB_CB(skb) ((struct ping_skb_cb *)(skb)->cb)

static struct spinlock ping_lock = SPINLOCK_INIT("ping_table");
static LIST_HEAD(ping_socks);		/* [ping_table] bound ping sockets */
static u16 ping_next_ident;		/* [ping_table] host order, where autobind looks first */

static struct ping_sock *ping_sk(struct socket *sock)
{
	return sock->sk;
}

/* The bound socket with identifier ident (be16) for a reply to daddr from saddr. */
static struct ping_sock *ping_lookup(u16 ident, u32 daddr, u32 saddr)
{
	struct ping_sock *ps;

	list_for_each_entry(ps, &ping_socks, node) {
		if (ps->ident != ident)
			continue;
		if (ps->laddr && ps->laddr != daddr)
			continue;
		if (ps->raddr && ps->raddr != saddr)
			continue;
		return ps;
	}
	return NULL;
}

static bool ping_ident_used(u16 ident, u32 laddr)
{
	struct ping_sock *ps;

	list_for_each_entry(ps, &ping_socks, node)
		if (ps->ident == ident && (!ps->laddr || !laddr || ps->laddr == laddr))
			return true;
	return false;
}

/* Give ps laddr and ident (be16; 0: a free one). Under ping_table. */
static int __ping_bind(struct ping_sock *ps, u32 laddr, u16 ident)
{
	if (ps->bound)
		return -EINVAL;
	if (!ident) {
		if (!ping_next_ident)
			ping_next_ident = (u16)(get_random_u32() | 1);
		for (unsigned int tries = 0; tries < 65536 && !ident; tries++) {
			u16 cand = htons(ping_next_ident++);

			if (cand && !ping_ident_used(cand, laddr))
				ident = cand;
		}
		if (!ident)
			return -EAGAIN;
	} else if (ping_ident_used(ident, laddr)) {
		return -EADDRINUSE;
	}
	ps->ident = ident;
	ps->laddr = laddr;
	ps->bound = true;
	list_add(&ps->node, &ping_socks);
	return 0;
}

/* ---------------------------------------------------------------- from ICMP */

void ping_rcv(struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	const struct icmphdr *h = (const struct icmphdr *)skb->data;
	struct ping_sock *ps;

	spin_lock(&ping_lock);
	ps = ping_lookup(h->un.echo.id, iph->daddr, iph->saddr);
	if (ps) {
		skb = skb_get(skb);
		PING_SKB_CB(skb)->saddr = iph->saddr;
		if (!inet_dgram_queue(&ps->d, skb))
			kfree_skb(skb);
	}
	spin_unlock(&ping_lock);
}

static int ping_errno(u8 type, u8 code)
{
	if (type == ICMP_DEST_UNREACH && code == ICMP_NET_UNREACH)
		return -ENETUNREACH;
	if (type == ICMP_DEST_UNREACH && code == ICMP_PROT_UNREACH)
		return -EPROTO;
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		return -EMSGSIZE;
	return -EHOSTUNREACH;
}

void ping_err(u8 type, u8 code, const struct iphdr *inner, u32 inner_len)
{
	const struct icmphdr *h = (const struct icmphdr *)((const u8 *)inner + iph_ihl(inner) * 4u);
	struct ping_sock *ps;

	(void)inner_len;	/* icmp checked the header and 8 bytes after it */
	if (h->type != ICMP_ECHO)
		return;
	spin_lock(&ping_lock);
	ps = ping_lookup(h->un.echo.id, inner->saddr, inner->daddr);
	if (ps && ps->raddr == inner->daddr)
		inet_dgram_error(&ps->d, ping_errno(type, code));
	spin_unlock(&ping_lock);
}

/* ---------------------------------------------------------------- socket calls */

static const struct proto_ops ping_ops;

static int ping_create(struct socket *sock)
{
	struct ping_sock *ps = kzalloc(sizeof(*ps), GFP_KERNEL);

	if (!ps)
		return -ENOMEM;
	inet_dgram_init(&ps->d, sock);
	INIT_LIST_HEAD(&ps->node);
	sock->ops = &ping_ops;
	sock->sk = ps;
	return 0;
}

static void ping_release(struct socket *sock)
{
	struct ping_sock *ps = ping_sk(sock);

	if (!ps)
		return;
	spin_lock(&ping_lock);
	if (ps->bound)
		list_del_init(&ps->node);
	spin_unlock(&ping_lock);
	inet_dgram_purge(&ps->d);
	sock->sk = NULL;
	kfree(ps);
}

static int ping_bind(struct socket *sock, const struct sockaddr *addr, int len)
{
	struct ping_sock *ps = ping_sk(sock);
	u32 a;
	u16 ident;
	int err = inet_addr_parse(addr, len, false, &a, &ident);

	if (err)
		return err;
	if (a && !inet_addr_is_local(a) && !inet_addr_is_broadcast(a))
		return -EADDRNOTAVAIL;
	spin_lock(&ping_lock);
	err = __ping_bind(ps, a, ident);
	spin_unlock(&ping_lock);
	return err;
}

static int ping_connect(struct socket *sock, const struct sockaddr *addr, int len, int flags)
{
	struct ping_sock *ps = ping_sk(sock);
	u32 a = 0;
	u16 unused;
	int err = inet_addr_parse(addr, len, true, &a, &unused);

	(void)flags;
	if (err < 0)
		return err;
	if (err == 0 && a == INADDR_ANY)
		a = INADDR_LOOPBACK;
	if (a && inet_addr_is_broadcast(a) && !READ_ONCE(sock->broadcast))
		return -EACCES;
	spin_lock(&ping_lock);
	err = ps->bound ? 0 : __ping_bind(ps, INADDR_ANY, 0);
	if (!err)
		ps->raddr = a;	/* AF_UNSPEC: 0, disconnected */
	spin_unlock(&ping_lock);
	if (!err)
		WRITE_ONCE(sock->state, a ? SS_CONNECTED : SS_UNCONNECTED);
	return err;
}

static int ping_getname(struct socket *sock, struct sockaddr *addr, int peer)
{
	struct ping_sock *ps = ping_sk(sock);
	u32 laddr, raddr;
	u16 ident;

	spin_lock(&ping_lock);
	laddr = ps->laddr;
	raddr = ps->raddr;
	ident = ps->bound ? ps->ident : 0;
	spin_unlock(&ping_lock);
	if (peer) {
		if (!raddr)
			return -ENOTCONN;
		return inet_addr_fill(addr, raddr, 0);
	}
	return inet_addr_fill(addr, laddr, ident);
}

/* The destination of a send: msg's address or the connected peer. */
static int ping_dest(struct socket *sock, struct ping_sock *ps, struct kmsg *msg, u32 *daddr)
{
	u16 unused;
	int err;

	if (msg->name) {
		err = inet_addr_parse(msg->name, msg->namelen, false, daddr, &unused);
		if (err)
			return err;
		if (*daddr == INADDR_ANY)
			*daddr = INADDR_LOOPBACK;
	} else {
		*daddr = READ_ONCE(ps->raddr);
		if (!*daddr)
			return -EDESTADDRREQ;
	}
	if (inet_addr_is_broadcast(*daddr) && !READ_ONCE(sock->broadcast))
		return -EACCES;
	return 0;
}

static ssize_t ping_sendmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	struct ping_sock *ps = ping_sk(sock);
	size_t len = msg->iter->count;
	struct icmphdr *h;
	struct sk_buff *skb;
	u32 daddr, saddr;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	err = inet_dgram_take_error(&ps->d);
	if (!err)
		err = ping_dest(sock, ps, msg, &daddr);
	if (err)
		return err;
	if (len < sizeof(*h) || len > 0xffff - 20)
		return len < sizeof(*h) ? -EINVAL : -EMSGSIZE;
	skb = skb_alloc_tx((u32)len, GFP_KERNEL);
	if (!skb)
		return -ENOBUFS;
	h = (struct icmphdr *)skb_put(skb, (u32)len);
	if (copy_from_iter(h, len, msg->iter) != len) {
		kfree_skb(skb);
		return -EFAULT;
	}
	if (h->type != ICMP_ECHO || h->code != 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	spin_lock(&ping_lock);
	err = ps->bound ? 0 : __ping_bind(ps, INADDR_ANY, 0);
	h->un.echo.id = ps->ident;
	saddr = ps->laddr;
	spin_unlock(&ping_lock);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	h->checksum = 0;
	h->checksum = htons(csum_fold(csum_partial(h, len, 0)));
	err = ip_output_oif(skb, saddr, daddr, IPPROTO_ICMP, READ_ONCE(ps->d.inet.ttl),
			    READ_ONCE(ps->d.inet.tos), false, READ_ONCE(sock->bound_dev_if));
	return err ? err : (ssize_t)len;
}

static int ping_skb_name(const struct sk_buff *skb, struct sockaddr *sa)
{
	return inet_addr_fill(sa, PING_SKB_CB(skb)->saddr, 0);
}

static ssize_t ping_recvmsg(struct socket *sock, struct kmsg *msg, int flags)
{
	return inet_dgram_recvmsg(&ping_sk(sock)->d, msg, flags, ping_skb_name);
}

static unsigned int ping_poll(struct file *file, struct socket *sock, struct poll_table *pt)
{
	return inet_dgram_poll(file, &ping_sk(sock)->d, pt);
}

static int ping_shutdown(struct socket *sock, int how)
{
	return inet_dgram_shutdown(sock, &ping_sk(sock)->d, how);
}

static int ping_setsockopt(struct socket *sock, int level, int name, unsigned long optval,
			   unsigned int optlen)
{
	if (level == IPPROTO_IP)
		return inet_setsockopt_ip(&ping_sk(sock)->d.inet, name, optval, optlen);
	return level == SOL_SOCKET || level == IPPROTO_ICMP ? -ENOPROTOOPT : -EOPNOTSUPP;
}

static int ping_getsockopt(struct socket *sock, int level, int name, unsigned long optval,
			   unsigned long optlen)
{
	if (level == IPPROTO_IP)
		return inet_getsockopt_ip(&ping_sk(sock)->d.inet, name, optval, optlen);
	return level == SOL_SOCKET || level == IPPROTO_ICMP ? -ENOPROTOOPT : -EOPNOTSUPP;
}

static long ping_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	return inet_dgram_ioctl(&ping_sk(sock)->d, cmd, arg);
}

static const struct proto_ops ping_ops = {
	.family = AF_INET,
	.release = ping_release,
	.bind = ping_bind,
	.connect = ping_connect,
	.getname = ping_getname,
	.poll = ping_poll,
	.shutdown = ping_shutdown,
	.sendmsg = ping_sendmsg,
	.recvmsg = ping_recvmsg,
	.setsockopt = ping_setsockopt,
	.getsockopt = ping_getsockopt,
	.ioctl = ping_ioctl,
};

const struct inet_protosw ping_protosw = {
	.type = SOCK_DGRAM,
	.protocol = IPPROTO_ICMP,
	.create = ping_create,
};
