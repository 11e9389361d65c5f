/*
 * dhcpc: configure an interface by DHCP (RFC 2131), or statically.
 *
 *   dhcpc [-n] [-q] [IF]            IF defaults to eth0
 *   -n  ask for a lease and print it, change nothing
 *   -q  print nothing but errors
 *
 * DISCOVER -> OFFER -> REQUEST -> ACK from 0.0.0.0:68 (SO_BROADCAST,
 * SO_BINDTODEVICE) to 255.255.255.255:67, each sent again after 1, 2 and
 * 4 s; the whole exchange gives up after 8 s. With a lease: SIOCSIFADDR,
 * SIOCSIFNETMASK, SIOCSIFFLAGS up, a default route to the router
 * (SIOCADDRT), and /etc/resolv.conf ($RESOLV_CONF) with the DNS servers.
 * Without one: the same from /etc/network.conf ($NETWORK_CONF; format in
 * docs/net-tools.md). Exit 0 when the interface was configured (either
 * way), 1 otherwise, 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
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

#define DHCPC_USAGE "dhcpc [-n] [-q] [IF]"
#define TOTAL_MS 8000

struct dhcpc {
	const char *ifname;
	int fd, dry_run, quiet;
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

static int get_lease(struct dhcpc *d, struct dhcp_lease *lease)
{
	struct dhcp_lease offer;

	if (getrandom(&d->xid, sizeof(d->xid), GRND_NONBLOCK) != sizeof(d->xid))
		d->xid = (uint32_t)(net_now_us() ^ getpid());
	d->deadline_us = net_now_us() + TOTAL_MS * 1000L;
	if (exchange(d, DHCP_DISCOVER, NULL, DHCP_OFFER, &offer) != DHCP_OFFER)
		return -1;
	if (exchange(d, DHCP_REQUEST, &offer, DHCP_ACK, lease) != DHCP_ACK)
		return -1;
	if (!lease->server_id.s_addr)
		lease->server_id = offer.server_id;
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

int main(int argc, char **argv)
{
	struct dhcpc d = { .ifname = "eth0" };
	struct dhcp_lease l;
	int c;

	while ((c = getopt(argc, argv, "nq")) != -1) {
		if (c == 'n')
			d.dry_run = 1;
		else if (c == 'q')
			d.quiet = 1;
		else
			cmd_usage(DHCPC_USAGE);
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
		return d.dry_run || apply(&d, &l) == 0 ? 0 : 1;
	}
	if (!d.quiet)
		fprintf(stderr, "dhcpc: %s: no DHCP lease, using the static configuration\n", d.ifname);
	if (static_conf(&l) < 0)
		return 1;
	describe(&d, d.dry_run ? "would set" : "static", &l);
	return d.dry_run || apply(&d, &l) == 0 ? 0 : 1;
}
