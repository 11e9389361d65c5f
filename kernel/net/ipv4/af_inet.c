/*
 * The AF_INET family: the protocol switch socket(2) goes through, the
 * sockaddr_in helpers, the IPPROTO_IP options, and the interface and
 * route ioctls (interface in <net/inet_sock.h>; docs/net.md).
 *
 * Locks: "inet_protosw" guards protosw[] (registration is at boot; the
 * lock keeps socket(2) on another hart from seeing a half-written slot).
 */
#include <kernel/compiler.h>
#include <kernel/panic.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <net/socket.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/if.h>

#define INET_PROTOSW_MAX 8

static struct spinlock protosw_lock = SPINLOCK_INIT("inet_protosw");
static const struct inet_protosw *protosw[INET_PROTOSW_MAX];	/* [protosw_lock] */

extern const struct inet_protosw udp_protosw;	/* udp_sock.c */
extern const struct inet_protosw ping_protosw;	/* ping.c */

int inet_register_protosw(const struct inet_protosw *sw)
{
	int err = -ENOSPC;

	spin_lock(&protosw_lock);
	for (int i = 0; i < INET_PROTOSW_MAX; i++) {
		if (protosw[i] && protosw[i]->type == sw->type &&
		    protosw[i]->protocol == sw->protocol) {
			err = -EEXIST;
			break;
		}
		if (!protosw[i]) {
			protosw[i] = sw;
			err = 0;
			break;
		}
	}
	spin_unlock(&protosw_lock);
	return err;
}

/*
 * The entry for (type, protocol): protocol 0 takes the first of the type.
 * -ESOCKTNOSUPPORT when no protocol has the type, -EPROTONOSUPPORT when
 * the type exists but not with that protocol (as Linux).
 */
static int inet_find_protosw(int type, int protocol, const struct inet_protosw **out)
{
	int err = -ESOCKTNOSUPPORT;

	spin_lock(&protosw_lock);
	for (int i = 0; i < INET_PROTOSW_MAX && protosw[i]; i++) {
		if (protosw[i]->type != type)
			continue;
		err = -EPROTONOSUPPORT;
		if (protocol == 0 || protosw[i]->protocol == protocol) {
			*out = protosw[i];
			err = 0;
			break;
		}
	}
	spin_unlock(&protosw_lock);
	return err;
}

static int inet_create(struct socket *sock, int protocol)
{
	const struct inet_protosw *sw;
	int err;

	if (protocol < 0 || protocol > 255)
		return -EINVAL;
	err = inet_find_protosw(sock->type, protocol, &sw);
	if (err)
		return err;
	sock->protocol = sw->protocol;
	return sw->create(sock);
}

const struct net_proto_family inet_family = {
	.family = AF_INET,
	.create = inet_create,
};

void inet_init(void)
{
	/* UDP first: protocol 0 of SOCK_DGRAM means UDP. */
	if (inet_register_protosw(&udp_protosw) || inet_register_protosw(&ping_protosw))
		panic("inet: no room for UDP and ping sockets");
	if (sock_register(&inet_family))
		panic("inet: AF_INET registered twice");
}

/* ---------------------------------------------------------------- addresses */

int inet_addr_parse(const struct sockaddr *sa, int len, bool unspec_ok, u32 *addr, u16 *port)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)sa;

	if (len < (int)sizeof(sa->sa_family))
		return -EINVAL;
	if (sa->sa_family == AF_UNSPEC && unspec_ok)
		return 1;
	if (len < (int)sizeof(struct sockaddr_in))
		return -EINVAL;
	if (sa->sa_family != AF_INET)
		return -EAFNOSUPPORT;
	*addr = sin->sin_addr.s_addr;
	*port = sin->sin_port;
	return 0;
}

int inet_addr_fill(struct sockaddr *sa, u32 addr, u16 port)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)sa;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_port = port;
	sin->sin_addr.s_addr = addr;
	return (int)sizeof(*sin);
}

/* ---------------------------------------------------------------- options */

int sockopt_get_int(unsigned long optval, unsigned int optlen, int *val)
{
	u8 b;

	if (optlen >= sizeof(int))
		return copy_from_user(val, (const void __user *)optval, sizeof(int)) ? -EFAULT : 0;
	if (optlen < 1)
		return -EINVAL;
	if (copy_from_user(&b, (const void __user *)optval, 1))
		return -EFAULT;
	*val = b;
	return 0;
}

int sockopt_put_int(unsigned long optval, unsigned long optlen, int val)
{
	int len;

	if (copy_from_user(&len, (const void __user *)optlen, sizeof(len)))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if ((unsigned int)len > sizeof(int))
		len = sizeof(int);
	if (copy_to_user((void __user *)optval, &val, (size_t)len) ||
	    copy_to_user((void __user *)optlen, &len, sizeof(len)))
		return -EFAULT;
	return 0;
}

int inet_setsockopt_ip(struct inet_opts *o, int name, unsigned long optval, unsigned int optlen)
{
	int val, err = sockopt_get_int(optval, optlen, &val);

	if (err)
		return err;
	switch (name) {
	case IP_TTL:
		if (val == -1)
			val = 0;
		if (val < 0 || val > 255)
			return -EINVAL;
		WRITE_ONCE(o->ttl, (u8)val);
		return 0;
	case IP_TOS:
		WRITE_ONCE(o->tos, (u8)val);
		return 0;
	case IP_RECVERR:
		WRITE_ONCE(o->recverr, val != 0);
		return 0;
	case IP_PKTINFO:
		WRITE_ONCE(o->pktinfo, val != 0);
		return 0;
	case IP_RECVTTL:
		WRITE_ONCE(o->recvttl, val != 0);
		return 0;
	case IP_MTU_DISCOVER:
		if (val < 0 || val > 5)
			return -EINVAL;
		WRITE_ONCE(o->pmtudisc, (u8)val);
		return 0;
	}
	return -ENOPROTOOPT;
}

int inet_getsockopt_ip(struct inet_opts *o, int name, unsigned long optval, unsigned long optlen)
{
	int val;

	switch (name) {
	case IP_TTL:
		val = READ_ONCE(o->ttl) ? READ_ONCE(o->ttl) : IP_DEFAULT_TTL;
		break;
	case IP_TOS:
		val = READ_ONCE(o->tos);
		break;
	case IP_RECVERR:
		val = READ_ONCE(o->recverr);
		break;
	case IP_PKTINFO:
		val = READ_ONCE(o->pktinfo);
		break;
	case IP_RECVTTL:
		val = READ_ONCE(o->recvttl);
		break;
	case IP_MTU_DISCOVER:
		val = READ_ONCE(o->pmtudisc);
		break;
	default:
		return -ENOPROTOOPT;
	}
	return sockopt_put_int(optval, optlen, val);
}
