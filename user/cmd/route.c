/*
 * route: show or change the IPv4 routing table (net-tools' route).
 *
 *   route [-n]                                 the table, from /proc/net/route
 *   route add|del default gw GW [dev IF]
 *   route add|del -net NET netmask MASK [gw GW] [dev IF]
 *   route add|del -host ADDR [gw GW] [dev IF]
 *
 * Changes are SIOCADDRT/SIOCDELRT on an AF_INET datagram socket. The
 * listing is always numeric; without -n the destination 0.0.0.0 shows as
 * "default" (there is no network-name database to look names up in).
 * Exit 0, 1 on a failure, 2 on a usage error.
 */
#include <errno.h>
#include <net/route.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "cmdfs.h"
#include "netlib.h"

#define ROUTE_USAGE "route [-n] | route add|del default|-net NET netmask M|-host H [gw GW] [dev IF]"

static void flag_string(unsigned flags, char *out)
{
	static const struct {
		unsigned bit;
		char c;
	} bits[] = { { RTF_UP, 'U' }, { RTF_GATEWAY, 'G' }, { RTF_REJECT, '!' }, { RTF_HOST, 'H' },
		     { RTF_REINSTATE, 'R' }, { RTF_DYNAMIC, 'D' }, { RTF_MODIFIED, 'M' } };
	int n = 0;

	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (flags & bits[i].bit)
			out[n++] = bits[i].c;
	out[n] = 0;
}

static int show(int numeric)
{
	FILE *f = fopen("/proc/net/route", "re");
	char line[512], iface[IFNAMSIZ + 1], fl[8];

	if (!f) {
		cmd_warn("/proc/net/route");
		return 1;
	}
	printf("Kernel IP routing table\n");
	printf("Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n");
	if (!fgets(line, sizeof(line), f))
		line[0] = 0;	/* the header */
	while (fgets(line, sizeof(line), f)) {
		unsigned dst, gw, flags, mask;
		int ref, use, metric;
		struct in_addr d, g, m;

		if (sscanf(line, "%16s %x %x %x %d %d %d %x", iface, &dst, &gw, &flags, &ref, &use,
			   &metric, &mask) != 8)
			continue;
		d.s_addr = dst;	/* the kernel prints the __be32 as a native number */
		g.s_addr = gw;
		m.s_addr = mask;
		flag_string(flags, fl);
		printf("%-15s %-15s %-15s %-5s %-6d %-3d %6d %s\n",
		       !numeric && dst == 0 ? "default" : net_ntoa(d), net_ntoa(g), net_ntoa(m), fl,
		       metric, ref, use, iface);
	}
	fclose(f);
	return 0;
}

static int addr_arg(const char *s, struct in_addr *a)
{
	if (strcmp(s, "default") == 0) {
		a->s_addr = 0;
		return 0;
	}
	if (inet_pton(AF_INET, s, a) == 1)
		return 0;
	fprintf(stderr, "route: %s: bad address\n", s);
	return -1;
}

/* route add|del ...; args are the words after add/del. The exit status. */
static int change(unsigned long req, char **args, int n)
{
	struct in_addr dst = { 0 }, mask = { 0 }, gw = { 0 };
	const char *dev = NULL;
	int i = 0, host = 0, fd, r;

	if (n < 1)
		cmd_usage(ROUTE_USAGE);
	if (strcmp(args[0], "-net") == 0 || strcmp(args[0], "-host") == 0) {
		host = args[0][1] == 'h';
		if (n < 2)
			cmd_usage(ROUTE_USAGE);
		i = 1;
	} else if (strcmp(args[0], "default") != 0) {
		cmd_usage(ROUTE_USAGE);
	}
	if (addr_arg(args[i++], &dst) < 0)
		return 1;
	if (host)
		mask.s_addr = 0xffffffffu;
	for (; i < n; i += 2) {
		if (i + 1 >= n)
			cmd_usage(ROUTE_USAGE);
		if (strcmp(args[i], "netmask") == 0 && !host) {
			if (addr_arg(args[i + 1], &mask) < 0)
				return 1;
		} else if (strcmp(args[i], "gw") == 0) {
			if (addr_arg(args[i + 1], &gw) < 0)
				return 1;
		} else if (strcmp(args[i], "dev") == 0) {
			dev = args[i + 1];
		} else {
			cmd_usage(ROUTE_USAGE);
		}
	}
	if (dst.s_addr & ~mask.s_addr) {
		fprintf(stderr, "route: netmask %s doesn't match route address\n", net_ntoa(mask));
		return 1;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	r = fd < 0 ? -1 : net_route(fd, req, dst, mask, gw, dev);
	if (r < 0)
		fprintf(stderr, "route: SIOC%sRT: %s\n", req == SIOCADDRT ? "ADD" : "DEL",
			strerror(errno));
	if (fd >= 0)
		close(fd);
	return r < 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 1)
		return show(0);
	if (argc == 2 && strcmp(argv[1], "-n") == 0)
		return show(1);
	if (argc >= 2 && strcmp(argv[1], "add") == 0)
		return change(SIOCADDRT, argv + 2, argc - 2);
	if (argc >= 2 && strcmp(argv[1], "del") == 0)
		return change(SIOCDELRT, argv + 2, argc - 2);
	cmd_usage(ROUTE_USAGE);
}
