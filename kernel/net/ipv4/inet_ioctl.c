/*
 * The interface and route ioctls of AF_INET sockets (SIOCGIF*, SIOCSIF*,
 * SIOCADDRT, SIOCDELRT), as net-tools' ifconfig and route use them
 * (contract in <net/inet_sock.h>). Setting needs root.
 *
 * Linux's behaviour kept: SIOCSIFADDR gives the classful netmask (set
 * the real one with SIOCSIFNETMASK afterwards); SIOCGIFADDR of an
 * interface without an address is EADDRNOTAVAIL; SIOCGIFCONF lists only
 * interfaces with an address; a route's rt_metric is one more than the
 * metric shown.
 *
 * No locks of its own: devices are never freed, their fields are [a],
 * the route table has its own lock.
 */
#include <kernel/compiler.h>
#include <lib/string.h>
#include <mm/uaccess.h>
#include <net/inet_sock.h>
#include <net/ip.h>
#include <net/netdevice.h>
#include <net/route.h>
#include <proc/process.h>
#include <uapi/errno.h>
#include <uapi/if.h>

static u32 sin_addr_of(const struct sockaddr *sa)
{
	return ((const struct sockaddr_in *)sa)->sin_addr.s_addr;
}

/* The classful mask of addr (be32), as SIOCSIFADDR sets it. */
static u32 inet_classful_mask(u32 addr)
{
	u32 a = ntohl(addr);

	if (a == 0)
		return 0;
	if ((a & 0x80000000u) == 0)
		return htonl(0xff000000u);
	if ((a & 0xc0000000u) == 0x80000000u)
		return htonl(0xffff0000u);
	return htonl(0xffffff00u);
}

struct ifconf_walk {
	unsigned long buf;	/* user: the next ifreq, 0 = only count */
	int room, len;		/* bytes */
	int err;
};

static void ifconf_one(struct net_device *dev, void *arg)
{
	struct ifconf_walk *w = arg;
	struct ifreq ifr;
	u32 addr = READ_ONCE(dev->ip_addr);

	if (!addr || w->err)
		return;
	if (w->buf) {
		if (w->len + (int)sizeof(ifr) > w->room)
			return;
		memset(&ifr, 0, sizeof(ifr));
		strlcpy(ifr.ifr_name, dev->name, IFNAMSIZ);
		inet_addr_fill(&ifr.ifr_addr, addr, 0);
		if (copy_to_user((void __user *)(w->buf + (unsigned long)w->len), &ifr, sizeof(ifr))) {
			w->err = -EFAULT;
			return;
		}
	}
	w->len += (int)sizeof(ifr);
}

static long inet_gifconf(unsigned long arg)
{
	struct ifconf ifc;
	struct ifconf_walk w = { 0 };

	if (copy_from_user(&ifc, (const void __user *)arg, sizeof(ifc)))
		return -EFAULT;
	if (ifc.ifc_len < 0)
		return -EINVAL;
	w.buf = (unsigned long)ifc.ifc_buf;
	w.room = ifc.ifc_len;
	dev_for_each(ifconf_one, &w);
	if (w.err)
		return w.err;
	ifc.ifc_len = w.len;
	return copy_to_user((void __user *)arg, &ifc, sizeof(ifc)) ? -EFAULT : 0;
}

/* The SIOCG* answers about one device, written into ifr. */
static long inet_ifreq_get(unsigned int cmd, struct net_device *dev, struct ifreq *ifr)
{
	u32 addr = READ_ONCE(dev->ip_addr), mask = READ_ONCE(dev->ip_mask);

	switch (cmd) {
	case SIOCGIFFLAGS:
		ifr->ifr_flags = (short)(READ_ONCE(dev->flags) & 0xffff);
		return 0;
	case SIOCGIFADDR:
	case SIOCGIFNETMASK:
	case SIOCGIFBRDADDR:
		if (!addr)
			return -EADDRNOTAVAIL;
		if (cmd == SIOCGIFNETMASK)
			addr = mask;
		else if (cmd == SIOCGIFBRDADDR)
			addr = (dev->flags & IFF_BROADCAST) ? (addr | ~mask) : 0;
		inet_addr_fill(&ifr->ifr_addr, addr, 0);
		return 0;
	case SIOCGIFHWADDR:
		memset(&ifr->ifr_hwaddr, 0, sizeof(ifr->ifr_hwaddr));
		ifr->ifr_hwaddr.sa_family =
			(dev->flags & IFF_LOOPBACK) ? ARPHRD_LOOPBACK : ARPHRD_ETHER;
		memcpy(ifr->ifr_hwaddr.sa_data, dev->dev_addr, ETH_ALEN);
		return 0;
	case SIOCGIFMTU:
		ifr->ifr_mtu = (int)dev->mtu;
		return 0;
	case SIOCGIFINDEX:
		ifr->ifr_ifindex = dev->ifindex;
		return 0;
	}
	return -ENOTTY;
}

/* The SIOCS* requests on one device (root checked by the caller). */
static long inet_ifreq_set(unsigned int cmd, struct net_device *dev, struct ifreq *ifr)
{
	u32 addr = sin_addr_of(&ifr->ifr_addr);

	switch (cmd) {
	case SIOCSIFFLAGS:
		if (ifr->ifr_flags & IFF_UP)
			return dev_open(dev);
		return dev_close(dev);
	case SIOCSIFADDR:
		if (ifr->ifr_addr.sa_family != AF_INET)
			return -EINVAL;
		return inet_set_addr(dev, addr, inet_classful_mask(addr));
	case SIOCSIFNETMASK:
		if (!READ_ONCE(dev->ip_addr))
			return -EADDRNOTAVAIL;
		return inet_set_addr(dev, READ_ONCE(dev->ip_addr), addr);
	case SIOCSIFBRDADDR:
		return 0;	/* the broadcast address always follows the mask */
	}
	return -ENOTTY;
}

static bool inet_ifreq_is_set(unsigned int cmd)
{
	return cmd == SIOCSIFFLAGS || cmd == SIOCSIFADDR || cmd == SIOCSIFNETMASK ||
	       cmd == SIOCSIFBRDADDR;
}

static long inet_ifreq(unsigned int cmd, unsigned long arg)
{
	struct ifreq ifr;
	struct net_device *dev;
	long err;

	if (copy_from_user(&ifr, (const void __user *)arg, sizeof(ifr)))
		return -EFAULT;
	if (cmd == SIOCGIFNAME) {
		dev = dev_get_by_index(ifr.ifr_ifindex);
		if (!dev)
			return -ENODEV;
		strlcpy(ifr.ifr_name, dev->name, IFNAMSIZ);
		return copy_to_user((void __user *)arg, &ifr, sizeof(ifr)) ? -EFAULT : 0;
	}
	ifr.ifr_name[IFNAMSIZ - 1] = '\0';
	dev = dev_get_by_name(ifr.ifr_name);
	if (!dev)
		return -ENODEV;
	if (inet_ifreq_is_set(cmd))
		return capable_root() ? inet_ifreq_set(cmd, dev, &ifr) : -EPERM;
	err = inet_ifreq_get(cmd, dev, &ifr);
	if (err)
		return err;
	return copy_to_user((void __user *)arg, &ifr, sizeof(ifr)) ? -EFAULT : 0;
}

struct subnet_query {
	u32 addr;
	struct net_device *dev;
};

static void subnet_one(struct net_device *dev, void *arg)
{
	struct subnet_query *q = arg;
	u32 a = READ_ONCE(dev->ip_addr), m = READ_ONCE(dev->ip_mask);

	if (!q->dev && a && ((a ^ q->addr) & m) == 0)
		q->dev = dev;
}

/* The device of a route request: rt_dev named, else the one whose subnet holds gw. */
static long rtentry_dev(const struct rtentry *rt, u32 gw, struct net_device **devp)
{
	char name[IFNAMSIZ];
	struct subnet_query q = { .addr = gw };
	long n;

	if (rt->rt_dev) {
		n = strncpy_from_user(name, (const char __user *)rt->rt_dev, IFNAMSIZ);
		if (n < 0)
			return n;
		if (n == IFNAMSIZ)
			return -ENODEV;
		*devp = dev_get_by_name(name);
		return *devp ? 0 : -ENODEV;
	}
	if (!gw)
		return -ENODEV;
	dev_for_each(subnet_one, &q);
	*devp = q.dev;
	return q.dev ? 0 : -ENETUNREACH;
}

static long inet_rtioctl(unsigned int cmd, unsigned long arg)
{
	struct rtentry rt;
	struct net_device *dev = NULL;
	u32 dst, mask, gw = 0;
	long err;

	if (!capable_root())
		return -EPERM;
	if (copy_from_user(&rt, (const void __user *)arg, sizeof(rt)))
		return -EFAULT;
	if (rt.rt_dst.sa_family != AF_INET)
		return -EAFNOSUPPORT;
	dst = sin_addr_of(&rt.rt_dst);
	mask = (rt.rt_flags & RTF_HOST) ? 0xffffffffu : sin_addr_of(&rt.rt_genmask);
	if (ntohl(mask) & (~ntohl(mask) >> 1))
		return -EINVAL;
	if (dst & ~mask)
		return -EINVAL;
	if (rt.rt_flags & RTF_GATEWAY) {
		if (rt.rt_gateway.sa_family != AF_INET)
			return -EAFNOSUPPORT;
		gw = sin_addr_of(&rt.rt_gateway);
	}
	err = rtentry_dev(&rt, gw, &dev);
	if (cmd == SIOCDELRT)
		return ip_route_del(dst, mask, err ? NULL : dev);
	if (err)
		return err;
	return ip_route_add(dst, mask, gw, dev, rt.rt_metric > 0 ? (u32)(rt.rt_metric - 1) : 0);
}

long inet_ioctl(struct socket *sock, unsigned int cmd, unsigned long arg)
{
	(void)sock;
	switch (cmd) {
	case SIOCGIFCONF:
		return inet_gifconf(arg);
	case SIOCADDRT:
	case SIOCDELRT:
		return inet_rtioctl(cmd, arg);
	case SIOCGIFNAME: case SIOCGIFFLAGS: case SIOCSIFFLAGS: case SIOCGIFADDR:
	case SIOCSIFADDR: case SIOCGIFBRDADDR: case SIOCSIFBRDADDR: case SIOCGIFNETMASK:
	case SIOCSIFNETMASK: case SIOCGIFMTU: case SIOCGIFHWADDR: case SIOCGIFINDEX:
		return inet_ifreq(cmd, arg);
	}
	return -ENOTTY;
}
