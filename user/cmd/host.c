/*
 * host: look a name up (IPv4 addresses only), like BIND's host.
 *
 *   host [-p PORT] NAME [SERVER]
 *
 * Without SERVER the resolver's order (user/lib/resolv.h): a dotted quad,
 * the hosts file ($RESOLV_HOSTS or /etc/hosts), then the nameservers of
 * $RESOLV_CONF or /etc/resolv.conf. With SERVER (a dotted quad), one DNS
 * query to it (port 53, or -p PORT), after BIND's "Using domain server:"
 * block. Prints "NAME has address A.B.C.D" per address; exit 0, or 1 with
 * "Host NAME not found: 3(NXDOMAIN)" or ";; connection timed out; ...".
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "cmdfs.h"
#include "netlib.h"
#include "resolv.h"

#define HOST_USAGE "host [-p PORT] NAME [SERVER]"
#define HOST_MAX_ADDRS 16

static int report(const char *name, const struct in_addr *addrs, int n, const char *err)
{
	if (n <= 0) {
		if (strstr(err, "NXDOMAIN") || strstr(err, "no A record"))
			printf("Host %s %s\n", name, err);
		else
			printf(";; %s\n", err);
		return 1;
	}
	for (int i = 0; i < n; i++)
		printf("%s has address %s\n", name, net_ntoa(addrs[i]));
	return 0;
}

int main(int argc, char **argv)
{
	struct in_addr addrs[HOST_MAX_ADDRS], server;
	char err[160] = "";
	uint16_t port = 53;
	int c, n;

	while ((c = getopt(argc, argv, "p:")) != -1) {
		if (c != 'p' || net_parse_port(optarg, &port) < 0)
			cmd_usage(HOST_USAGE);
	}
	argc -= optind;
	argv += optind;
	if (argc < 1 || argc > 2)
		cmd_usage(HOST_USAGE);
	if (argc == 1) {
		n = resolv_lookup_all(argv[0], addrs, HOST_MAX_ADDRS, err, sizeof(err));
		return report(argv[0], addrs, n, err);
	}
	if (inet_pton(AF_INET, argv[1], &server) != 1) {
		cmd_warnx("%s: not an IPv4 address", argv[1]);
		return 1;
	}
	printf("Using domain server:\nName: %s\nAddress: %s#%u\nAliases: \n\n", argv[1], argv[1],
	       port);
	n = resolv_query(argv[0], server, port, addrs, HOST_MAX_ADDRS, err, sizeof(err));
	return report(argv[0], addrs, n, err);
}
