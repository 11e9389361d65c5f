/*
 * ifconfig: show or configure network interfaces (net-tools' layout).
 *
 *   ifconfig [-a]                    the interfaces that are up (-a: all)
 *   ifconfig IF                      one interface
 *   ifconfig IF up|down              set or clear IFF_UP
 *   ifconfig IF ADDR [netmask M] [broadcast B] [up|down]
 *
 * The interface list and the counters come from /proc/net/dev; flags,
 * addresses, MTU and hardware address from the SIOCGIF* ioctls on an
 * AF_INET datagram socket; changes go through SIOCSIFADDR, SIOCSIFNETMASK,
 * SIOCSIFBRDADDR and SIOCSIFFLAGS. Exit 0, 1 on a failure, 2 on usage.
 */
#include <errno.h>
#include <net/if_arp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "cmdfs.h"
#include "netlib.h"

#define IFCONFIG_USAGE "ifconfig [-a] [IF [ADDR] [netmask M] [broadcast B] [up|down]]"

/* One line of /proc/net/dev. */
struct ifstats {
	char name[IFNAMSIZ];
	unsigned long long rx[8], tx[8];	/* bytes packets errs drop fifo frame|colls ... */
};

static const char *const flag_names[] = {
	"UP", "BROADCAST", "DEBUG", "LOOPBACK", "POINTOPOINT", "NOTRAILERS", "RUNNING",
	"NOARP", "PROMISC", "ALLMULTI", "MASTER", "SLAVE", "MULTICAST", "PORTSEL",
	"AUTOMEDIA", "DYNAMIC",
};

/* All of /proc/net/dev; the number of interfaces (malloc'd *out), or -1. */
static int read_dev(struct ifstats **out)
{
	FILE *f = fopen("/proc/net/dev", "re");
	char line[512];
	int n = 0;
	struct ifstats *v = NULL;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		struct ifstats s;
		if (!colon || strchr(line, '|'))
			continue;
		*colon = 0;
		memset(&s, 0, sizeof(s));
		snprintf(s.name, sizeof(s.name), "%s", line + strspn(line, " "));
		unsigned long long *r = s.rx, *t = s.tx;
		if (sscanf(colon + 1, "%llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
			   &r[0], &r[1], &r[2], &r[3], &r[4], &r[5], &r[6], &r[7],
			   &t[0], &t[1], &t[2], &t[3], &t[4], &t[5], &t[6], &t[7]) != 16)
			continue;
		struct ifstats *nv = realloc(v, (n + 1) * sizeof(*v));
		if (!nv)
			break;
		v = nv;
		v[n++] = s;
	}
	fclose(f);
	*out = v;
	return n;
}

/* net-tools' "(1.2 KB)": decimal units, one decimal. */
static const char *human(unsigned long long b, char *buf, size_t size)
{
	static const char *units[] = { "B", "KB", "MB", "GB", "TB", "PB" };
	unsigned long long div = 1;
	int u = 0;

	while (u < 5 && b >= div * 1000) {
		div *= 1000;
		u++;
	}
	snprintf(buf, size, "%llu.%llu %s", b / div, (b % div) * 10 / div, units[u]);
	return buf;
}

static void print_flags(short flags, int mtu)
{
	int first = 1;

	printf("flags=%d<", (unsigned short)flags);
	for (int i = 0; i < 16; i++)
		if (flags & (1 << i)) {
			printf("%s%s", first ? "" : ",", flag_names[i]);
			first = 0;
		}
	printf(">  mtu %d\n", mtu);
}

static struct in_addr if_addr(int fd, const char *name, unsigned long req, int *ok)
{
	struct ifreq ifr;
	struct in_addr a = { 0 };

	memset(&ifr, 0, sizeof(ifr));
	*ok = net_ifreq(fd, req, name, &ifr) == 0;
	if (*ok)
		a = ((struct sockaddr_in *)&ifr.ifr_addr)->sin_addr;
	return a;
}

static void print_inet(int fd, const char *name, short flags)
{
	int ok, ok_mask, ok_brd;
	struct in_addr a = if_addr(fd, name, SIOCGIFADDR, &ok);
	struct in_addr m = if_addr(fd, name, SIOCGIFNETMASK, &ok_mask);
	struct in_addr b = if_addr(fd, name, SIOCGIFBRDADDR, &ok_brd);

	if (!ok)
		return;
	printf("        inet %s", net_ntoa(a));
	if (ok_mask)
		printf("  netmask %s", net_ntoa(m));
	if (ok_brd && (flags & IFF_BROADCAST))
		printf("  broadcast %s", net_ntoa(b));
	printf("\n");
}

static void print_link(int fd, const char *name, short flags)
{
	struct ifreq ifr;
	unsigned char *m = (unsigned char *)ifr.ifr_hwaddr.sa_data;

	memset(&ifr, 0, sizeof(ifr));
	if (flags & IFF_LOOPBACK) {
		printf("        loop  (Local Loopback)\n");
	} else if (net_ifreq(fd, SIOCGIFHWADDR, name, &ifr) == 0 &&
		   ifr.ifr_hwaddr.sa_family == ARPHRD_ETHER) {
		printf("        ether %02x:%02x:%02x:%02x:%02x:%02x  (Ethernet)\n", m[0], m[1], m[2],
		       m[3], m[4], m[5]);
	} else {
		printf("        unspec  (UNSPEC)\n");
	}
}

static void print_counters(const struct ifstats *s)
{
	char h[32];

	printf("        RX packets %llu  bytes %llu (%s)\n", s->rx[1], s->rx[0],
	       human(s->rx[0], h, sizeof(h)));
	printf("        RX errors %llu  dropped %llu  overruns %llu  frame %llu\n", s->rx[2], s->rx[3],
	       s->rx[4], s->rx[5]);
	printf("        TX packets %llu  bytes %llu (%s)\n", s->tx[1], s->tx[0],
	       human(s->tx[0], h, sizeof(h)));
	printf("        TX errors %llu  dropped %llu overruns %llu  carrier %llu  collisions %llu\n",
	       s->tx[2], s->tx[3], s->tx[4], s->tx[6], s->tx[5]);
}

/* Print one interface (all != 0: even when down); 0 or -1 if it is unknown. */
static int show(int fd, const struct ifstats *s, int all)
{
	struct ifreq ifr;
	short flags;
	int mtu = 0;

	memset(&ifr, 0, sizeof(ifr));
	if (net_ifreq(fd, SIOCGIFFLAGS, s->name, &ifr) < 0)
		return -1;
	flags = ifr.ifr_flags;
	if (!all && !(flags & IFF_UP))
		return 0;
	if (net_ifreq(fd, SIOCGIFMTU, s->name, &ifr) == 0)
		mtu = ifr.ifr_mtu;
	printf("%s: ", s->name);
	print_flags(flags, mtu);
	print_inet(fd, s->name, flags);
	print_link(fd, s->name, flags);
	print_counters(s);
	printf("\n");
	return 0;
}

static int show_all(int fd, const char *only, int all)
{
	struct ifstats *v = NULL, none;
	int n = read_dev(&v), found = 0;

	for (int i = 0; i < n; i++)
		if (!only || strcmp(v[i].name, only) == 0) {
			show(fd, &v[i], all);
			found = 1;
		}
	free(v);
	if (only && !found) {
		/* not in /proc/net/dev (or no /proc): still try the ioctls */
		memset(&none, 0, sizeof(none));
		snprintf(none.name, sizeof(none.name), "%s", only);
		if (show(fd, &none, 1) < 0) {
			fprintf(stderr, "%s: error fetching interface information: Device not found\n",
				only);
			return 1;
		}
	}
	if (!only && n < 0) {
		cmd_warn("/proc/net/dev");
		return 1;
	}
	return 0;
}

static int parse_addr(const char *s, struct in_addr *a)
{
	if (inet_pton(AF_INET, s, a) == 1)
		return 0;
	fprintf(stderr, "ifconfig: %s: bad address\n", s);
	return -1;
}

/* Are the words after IF a valid [ADDR] [netmask M] [broadcast B] [up|down]...? */
static int valid_args(char **args, int n)
{
	for (int i = 0; i < n; i++) {
		if (strcmp(args[i], "netmask") == 0 || strcmp(args[i], "broadcast") == 0) {
			if (++i == n)
				return 0;
		} else if (strcmp(args[i], "up") != 0 && strcmp(args[i], "down") != 0 && i != 0) {
			return 0;
		}
	}
	return 1;
}

/* ifconfig IF [ADDR] [netmask M] [broadcast B] [up|down]; the exit status. */
static int configure(int fd, const char *name, char **args, int n)
{
	struct in_addr a;
	int i = 0;

	if (!valid_args(args, n))
		cmd_usage(IFCONFIG_USAGE);
	if (i < n && strcmp(args[i], "up") && strcmp(args[i], "down") &&
	    strcmp(args[i], "netmask") && strcmp(args[i], "broadcast")) {
		if (parse_addr(args[i++], &a) < 0)
			return 1;
		if (net_if_set_addr(fd, name, SIOCSIFADDR, a) < 0)
			goto err;
	}
	for (; i < n; i++) {
		int up = strcmp(args[i], "up") == 0, down = strcmp(args[i], "down") == 0;
		if (up || down) {
			if (net_if_flags(fd, name, up ? IFF_UP : 0, down ? IFF_UP : 0) < 0)
				goto err;
			continue;
		}
		unsigned long req = strcmp(args[i], "netmask") == 0	? SIOCSIFNETMASK :
				    strcmp(args[i], "broadcast") == 0 ? SIOCSIFBRDADDR : 0;
		if (!req || i + 1 >= n)
			cmd_usage(IFCONFIG_USAGE);
		if (parse_addr(args[++i], &a) < 0)
			return 1;
		if (net_if_set_addr(fd, name, req, a) < 0)
			goto err;
	}
	return 0;
err:
	fprintf(stderr, "ifconfig: %s: %s\n", name, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	int all = 0, fd, r;

	if (argc > 1 && strcmp(argv[1], "-a") == 0) {
		all = 1;
		argv++;
		argc--;
	}
	if (argc > 1 && argv[1][0] == '-')
		cmd_usage(IFCONFIG_USAGE);
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		cmd_warn("socket");
		return 1;
	}
	if (argc == 1)
		r = show_all(fd, NULL, all);
	else if (argc == 2)
		r = show_all(fd, argv[1], 1);
	else
		r = configure(fd, argv[1], argv + 2, argc - 2);
	close(fd);
	return r;
}
