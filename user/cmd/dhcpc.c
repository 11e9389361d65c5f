/*
 * dhcpc: configure an interface by DHCP (RFC 2131), or statically, and keep
 * the lease.
 *
 *   dhcpc [-b | -f | -q] [-n] [IF]   IF defaults to eth0
 *   -b  (the default) configure, then renew the lease in the background:
 *       the command returns as soon as the interface is configured
 *   -f  the same in the foreground, printing each renewal (to watch it)
 *   -q  one shot: configure, print nothing but errors, exit
 *   -n  ask for a lease and print it, change nothing, exit
 *
 * DISCOVER -> OFFER -> REQUEST -> ACK from 0.0.0.0:68 (SO_BROADCAST,
 * SO_BINDTODEVICE) to 255.255.255.255:67, each sent again after 1, 2 and
 * 4 s; the whole exchange gives up after 8 s. With a lease: SIOCSIFADDR,
 * SIOCSIFNETMASK, SIOCSIFFLAGS up, a default route to the router
 * (SIOCADDRT), and /etc/resolv.conf ($RESOLV_CONF) with the DNS servers.
 * Without one: the same from /etc/network.conf ($NETWORK_CONF; format in
 * docs/net-tools.md), and no daemon. Exit 0 when the interface was
 * configured (either way), 1 otherwise, 2 on a usage error.
 *
 * The daemon (RFC 2131 4.4.5; timers in user/lib/dhcp.c): at T1 (option
 * 58, else half the lease) it sends a REQUEST with ciaddr unicast to the
 * server, at T2 (option 59, else 7/8) broadcast, each retransmitted after
 * half the time left (at least 60 s). An ACK restarts the timers (and
 * reconfigures if the address changed); a NAK or the lease's end drops
 * the address and the default route, and the daemon starts over with
 * DISCOVER, retrying every 10 s doubling to 5 min. An infinite lease
 * (0xffffffff or no option 51) needs no daemon. The daemon runs in its own
 * session in /, stdin and stdout on /dev/null; losing a lease is reported
 * on stderr. $DHCPC_LEASE_MAX (seconds) caps every lease (and options
 * 58/59) so that renewal can be watched under QEMU's slirp, whose leases
 * last a day (docs/net-tools.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "cmdfs.h"
#include "dhcp.h"
#include "netlib.h"

#define DHCPC_USAGE "dhcpc [-b | -f | -q] [-n] [IF]"
#define TOTAL_MS 8000
#define RETRY_MIN_US (10 * 1000000LL)	/* after a lost lease: DISCOVER again after 10 s, */
#define RETRY_MAX_US (300 * 1000000LL)	/* doubling up to 5 min */

enum dhcpc_mode { MODE_BACKGROUND, MODE_FOREGROUND, MODE_ONESHOT };

struct dhcpc {
	const char *ifname;
	int fd, dry_run, quiet;
	enum dhcpc_mode mode;
	uint8_t mac[6];
	uint32_t xid;
	int64_t deadline_us;
};

static int open_socket(struct dhcpc *d)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons(DHCP_CLIENT_PORT) };
	struct ifreq ifr;
	int one = 1;

	d->fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (d->fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	if (net_ifreq(d->fd, SIOCGIFHWADDR, d->ifname, &ifr) < 0)
		return -1;
	memcpy(d->mac, ifr.ifr_hwaddr.sa_data, 6);
	if (!d->dry_run && net_if_flags(d->fd, d->ifname, IFF_UP, 0) < 0)
		return -1;
	setsockopt(d->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (setsockopt(d->fd, SOL_SOCKET, SO_BROADCAST, &one, sizeof(one)) < 0 ||
	    setsockopt(d->fd, SOL_SOCKET, SO_BINDTODEVICE, d->ifname, strlen(d->ifname) + 1) < 0 ||
	    bind(d->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		return -1;
	return 0;
}

/*
 * Send a message of type and wait for a reply of type want (or a NAK),
 * sending again after 1, 2, 4 s, within the overall deadline. The reply's
 * type with *lease filled, or -1 on timeout or a socket error.
 */
static int exchange(struct dhcpc *d, int type, const struct dhcp_lease *offer, int want,
		    struct dhcp_lease *lease)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(DHCP_SERVER_PORT),
				  .sin_addr.s_addr = INADDR_BROADCAST };
	struct in_addr none = { 0 };
	uint8_t pkt[DHCP_MAX_LEN];
	size_t len = dhcp_build(pkt, sizeof(pkt), type, d->xid, d->mac,
				offer ? offer->addr : none, offer ? offer->server_id : none);

	for (long wait_ms = 1000; net_now_us() < d->deadline_us; wait_ms *= 2) {
		if (sendto(d->fd, pkt, len, 0, (struct sockaddr *)&to, sizeof(to)) < 0)
			return -1;
		int64_t until = net_now_us() + wait_ms * 1000;
		if (until > d->deadline_us)
			until = d->deadline_us;
		for (int64_t left; (left = until - net_now_us()) > 0;) {
			struct pollfd p = { .fd = d->fd, .events = POLLIN };
			if (poll(&p, 1, (int)(left / 1000) + 1) <= 0)
				continue;
			uint8_t reply[1500];
			ssize_t n = recv(d->fd, reply, sizeof(reply), 0);
			int t = n > 0 ? dhcp_parse(reply, (size_t)n, d->xid, d->mac, lease) : -1;
			if (t == want || t == DHCP_NAK)
				return t;
		}
	}
	return -1;
}

/* $DHCPC_LEASE_MAX: cut the lease (and T1/T2 beyond it) to that many seconds. */
static void cap_lease(struct dhcp_lease *l)
{
	const char *s = getenv("DHCPC_LEASE_MAX");
	unsigned long max = s && *s ? strtoul(s, NULL, 10) : 0;

	if (!max || max >= DHCP_INFINITE || (l->lease_secs && l->lease_secs <= max))
		return;
	l->lease_secs = (uint32_t)max;
	if (l->renew_secs > max)
		l->renew_secs = 0;
	if (l->rebind_secs > max)
		l->rebind_secs = 0;
}

static void new_xid(struct dhcpc *d)
{
	if (getrandom(&d->xid, sizeof(d->xid), GRND_NONBLOCK) != sizeof(d->xid))
		d->xid = (uint32_t)(net_now_us() ^ getpid()) + d->xid * 2654435761u;
}

static int get_lease(struct dhcpc *d, struct dhcp_lease *lease)
{
	struct dhcp_lease offer;

	new_xid(d);
	d->deadline_us = net_now_us() + TOTAL_MS * 1000L;
	if (exchange(d, DHCP_DISCOVER, NULL, DHCP_OFFER, &offer) != DHCP_OFFER)
		return -1;
	if (exchange(d, DHCP_REQUEST, &offer, DHCP_ACK, lease) != DHCP_ACK)
		return -1;
	if (!lease->server_id.s_addr)
		lease->server_id = offer.server_id;
	cap_lease(lease);
	return 0;
}

static int write_resolv_conf(const struct dhcp_lease *l)
{
	const char *path = getenv("RESOLV_CONF");
	char text[256];
	int n = 0, fd, r;

	if (l->ndns == 0)
		return 0;
	path = path && *path ? path : "/etc/resolv.conf";
	for (int i = 0; i < l->ndns; i++)
		n += snprintf(text + n, sizeof(text) - n, "nameserver %s\n", net_ntoa(l->dns[i]));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	r = cmd_write_all(fd, text, n);
	return close(fd) < 0 ? -1 : r;
}

/* Apply an address, netmask, default route and DNS servers; 0 or -1 (reported). */
static int apply(struct dhcpc *d, const struct dhcp_lease *l)
{
	struct in_addr any = { 0 }, mask = l->netmask;
	const char *what = "SIOCSIFADDR";

	if (!mask.s_addr)
		mask.s_addr = htonl(0xffffff00);
	if (net_if_set_addr(d->fd, d->ifname, SIOCSIFADDR, l->addr) < 0)
		goto err;
	what = "SIOCSIFNETMASK";
	if (net_if_set_addr(d->fd, d->ifname, SIOCSIFNETMASK, mask) < 0)
		goto err;
	what = "SIOCSIFFLAGS";
	if (net_if_flags(d->fd, d->ifname, IFF_UP | IFF_RUNNING, 0) < 0)
		goto err;
	what = "SIOCADDRT";
	if (l->router.s_addr && net_route(d->fd, SIOCADDRT, any, any, l->router, d->ifname) < 0 &&
	    errno != EEXIST)
		goto err;
	what = "resolv.conf";
	if (write_resolv_conf(l) < 0)
		goto err;
	return 0;
err:
	cmd_warn("%s: %s", d->ifname, what);
	return -1;
}

static void describe(const struct dhcpc *d, const char *how, const struct dhcp_lease *l)
{
	if (d->quiet)
		return;
	printf("dhcpc: %s: %s %s netmask %s", d->ifname, how, net_ntoa(l->addr),
	       net_ntoa(l->netmask));
	if (l->router.s_addr)
		printf(" router %s", net_ntoa(l->router));
	for (int i = 0; i < l->ndns; i++)
		printf(" dns %s", net_ntoa(l->dns[i]));
	if (l->lease_secs)
		printf(" lease %us from %s", l->lease_secs, net_ntoa(l->server_id));
	printf("\n");
	fflush(stdout);
}

static int static_conf(struct dhcp_lease *l)
{
	const char *path = getenv("NETWORK_CONF");
	char text[4096];
	ssize_t n;
	int fd;

	path = path && *path ? path : "/etc/network.conf";
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		cmd_warn("no DHCP lease and no %s", path);
		return -1;
	}
	n = cmd_read(fd, text, sizeof(text) - 1);
	close(fd);
	text[n > 0 ? n : 0] = 0;
	if (dhcp_conf_parse(text, l) < 0) {
		cmd_warnx("%s: bad or missing address/netmask/gateway/nameserver line", path);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ the daemon */

/* Take the lease's address and default route away (a NAK, the lease's end); reported. */
static void drop_lease(struct dhcpc *d, const struct dhcp_lease *l, const char *why)
{
	struct in_addr any = { 0 };

	fprintf(stderr, "dhcpc: %s: %s: dropping %s\n", d->ifname, why, net_ntoa(l->addr));
	if (l->router.s_addr)
		net_route(d->fd, SIOCDELRT, any, any, l->router, d->ifname);
	net_if_set_addr(d->fd, d->ifname, SIOCSIFADDR, any);
}

/* The renewal REQUEST: unicast to the server while renewing, broadcast while rebinding. */
static void send_renew(struct dhcpc *d, const struct dhcp_lease *l, enum dhcp_state st)
{
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons(DHCP_SERVER_PORT),
				  .sin_addr.s_addr = INADDR_BROADCAST };
	uint8_t pkt[DHCP_MAX_LEN];
	size_t len = dhcp_build_renew(pkt, sizeof(pkt), d->xid, d->mac, l->addr);

	if (st == DHCP_RENEWING && l->server_id.s_addr)
		to.sin_addr = l->server_id;
	/* a failed send is retransmitted like a lost one */
	sendto(d->fd, pkt, len, 0, (struct sockaddr *)&to, sizeof(to));
}

/* Wait until `until` for an ACK or NAK to our xid: its type with *reply filled, or 0. */
static int wait_reply(struct dhcpc *d, int64_t until, struct dhcp_lease *reply)
{
	for (int64_t left; (left = until - net_now_us()) > 0;) {
		struct pollfd p = { .fd = d->fd, .events = POLLIN };
		int64_t ms = left / 1000 + 1;
		uint8_t buf[1500];
		ssize_t n;
		int type;

		if (poll(&p, 1, ms > INT_MAX ? INT_MAX : (int)ms) <= 0)
			continue;
		n = recv(d->fd, buf, sizeof(buf), 0);
		type = n > 0 ? dhcp_parse(buf, (size_t)n, d->xid, d->mac, reply) : -1;
		if (type == DHCP_ACK || type == DHCP_NAK)
			return type;
	}
	return 0;
}

/* A renewal's ACK becomes the lease: reconfigure if the address, mask or router moved. */
static void take_ack(struct dhcpc *d, struct dhcp_lease *l, struct dhcp_lease *ack)
{
	if (!ack->server_id.s_addr)
		ack->server_id = l->server_id;
	cap_lease(ack);
	if (ack->addr.s_addr != l->addr.s_addr || ack->netmask.s_addr != l->netmask.s_addr ||
	    ack->router.s_addr != l->router.s_addr) {
		drop_lease(d, l, "the server moved us");
		apply(d, ack);
	} else if (write_resolv_conf(ack) < 0)
		cmd_warn("%s: resolv.conf", d->ifname);
	*l = *ack;
	describe(d, "renewed", l);
}

/* After a lost lease: DISCOVER until a server answers, 10 s doubling to 5 min between tries. */
static void reacquire(struct dhcpc *d, struct dhcp_lease *l)
{
	int64_t wait = RETRY_MIN_US;

	while (get_lease(d, l) < 0 || apply(d, l) < 0) {
		poll(NULL, 0, (int)(wait / 1000));
		wait = wait * 2 > RETRY_MAX_US ? RETRY_MAX_US : wait * 2;
	}
	if (d->mode == MODE_FOREGROUND)
		describe(d, "leased", l);
	else   /* stdout is /dev/null: say it where the loss was said */
		fprintf(stderr, "dhcpc: %s: leased %s again\n", d->ifname, net_ntoa(l->addr));
}

/*
 * Keep lease l of the configured interface for ever (RFC 2131 4.4.5):
 * BOUND until T1, RENEWING (unicast) until T2, REBINDING (broadcast) until
 * the end, retransmitting at dhcp_timer_next; see the file comment.
 */
static void __attribute__((noreturn)) keep_lease(struct dhcpc *d, struct dhcp_lease *l)
{
	enum dhcp_state st, sent_in = DHCP_BOUND;   /* the state of our last REQUEST */
	struct dhcp_lease reply;
	struct dhcp_timer t;
	int64_t now, last = 0;
	int type;

	for (dhcp_timer_start(&t, l, net_now_us());;) {
		now = net_now_us();
		st = dhcp_timer_state(&t, now);
		if (st != DHCP_BOUND && st != DHCP_EXPIRED &&
		    (st != sent_in || now >= dhcp_timer_next(&t, now, last))) {
			if (sent_in == DHCP_BOUND)
				new_xid(d);
			send_renew(d, l, st);
			last = now;
			sent_in = st;
		}
		type = st == DHCP_EXPIRED ? DHCP_NAK : wait_reply(d, dhcp_timer_next(&t, now, last), &reply);
		if (type && sent_in == DHCP_BOUND && st != DHCP_EXPIRED)
			continue;   /* a late copy of an earlier exchange's reply */
		if (type == DHCP_ACK)
			take_ack(d, l, &reply);
		else if (type == DHCP_NAK) {
			drop_lease(d, l, st == DHCP_EXPIRED ? "lease expired" : "renewal refused (NAK)");
			reacquire(d, l);
		}
		if (type) {
			dhcp_timer_start(&t, l, net_now_us());
			sent_in = DHCP_BOUND;
		}
	}
}

/* -b: the parent returns (0) at once; the child goes on in its own session in /. */
static int daemonize(void)
{
	pid_t pid;
	int fd;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0)
		_exit(0);
	setsid();
	if (chdir("/") < 0)
		return -1;
	fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		close(fd);
	}
	return 0;
}

/* The interface is configured by lease l: exit (-q, an infinite lease) or keep the lease. */
static int keep_or_exit(struct dhcpc *d, struct dhcp_lease *l)
{
	if (d->mode == MODE_ONESHOT || !l->lease_secs || l->lease_secs == DHCP_INFINITE)
		return 0;
	if (d->mode == MODE_BACKGROUND && daemonize() < 0) {
		cmd_warn("%s: no daemon to renew the lease", d->ifname);
		return 0;
	}
	keep_lease(d, l);
}

int main(int argc, char **argv)
{
	struct dhcpc d = { .ifname = "eth0", .mode = MODE_BACKGROUND };
	struct dhcp_lease l;
	int c;

	while ((c = getopt(argc, argv, "bfnq")) != -1) {
		switch (c) {
		case 'b': d.mode = MODE_BACKGROUND; break;
		case 'f': d.mode = MODE_FOREGROUND; break;
		case 'q': d.mode = MODE_ONESHOT; d.quiet = 1; break;
		case 'n': d.dry_run = 1; break;
		default: cmd_usage(DHCPC_USAGE);
		}
	}
	if (optind < argc - 1)
		cmd_usage(DHCPC_USAGE);
	if (optind == argc - 1)
		d.ifname = argv[optind];
	if (open_socket(&d) < 0) {
		cmd_warn("%s", d.ifname);
		if (d.fd < 0)
			return 1;
		/* no DHCP socket (port 68 taken?): the static file may still do */
	} else if (get_lease(&d, &l) == 0) {
		describe(&d, d.dry_run ? "offered" : "leased", &l);
		if (d.dry_run)
			return 0;
		if (apply(&d, &l) < 0)
			return 1;
		return keep_or_exit(&d, &l);
	}
	if (!d.quiet)
		fprintf(stderr, "dhcpc: %s: no DHCP lease, using the static configuration\n", d.ifname);
	if (static_conf(&l) < 0)
		return 1;
	describe(&d, d.dry_run ? "would set" : "static", &l);
	return d.dry_run || apply(&d, &l) == 0 ? 0 : 1;
}
