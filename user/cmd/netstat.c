/*
 * netstat: list sockets from /proc/net/{tcp,udp,unix} (net-tools' layout).
 *
 *   netstat [-tuxlan]
 *   -t TCP   -u UDP   -x UNIX      (none of them: all three)
 *   -l only listening sockets      -a listening and connected ones
 *   (default: connected only)      -n numeric (always: accepted for compatibility)
 *
 * Internet rows: "Proto Recv-Q Send-Q Local Address Foreign Address State";
 * a UDP socket counts as listening unless it is connected (state 01).
 * UNIX rows: "Proto RefCnt Flags Type State I-Node Path"; a socket with
 * __SO_ACCEPTCON is listening. Exit 0, 1 if a table cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "cmdfs.h"
#include "netlib.h"

#define NETSTAT_USAGE "netstat [-tuxlan]"
#define SO_ACCEPTCON_FLAG (1u << 16)

enum { SHOW_CONNECTED = 1, SHOW_LISTENING = 2 };

static const char *const tcp_states[] = {
	"", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT",
	"CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING",
};

static void endpoint(unsigned addr, unsigned port, char *out, size_t size)
{
	struct in_addr a = { .s_addr = addr };

	if (port)
		snprintf(out, size, "%s:%u", net_ntoa(a), port);
	else
		snprintf(out, size, "%s:*", net_ntoa(a));
}

/* One of /proc/net/tcp or udp; rows printed under the header already shown. */
static int show_inet(const char *proto, int show)
{
	char path[32], line[512], local[32], remote[32];
	FILE *f;

	snprintf(path, sizeof(path), "/proc/net/%s", proto);
	f = fopen(path, "re");
	if (!f) {
		cmd_warn("%s", path);
		return 1;
	}
	if (!fgets(line, sizeof(line), f))
		line[0] = 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned la, lp, ra, rp, st;
		unsigned long tx, rx;
		int udp = proto[0] == 'u';

		if (sscanf(line, " %*d: %x:%x %x:%x %x %lx:%lx", &la, &lp, &ra, &rp, &st, &tx,
			   &rx) != 7)
			continue;
		int listening = udp ? st != 1 : st == 10;
		if (!(show & (listening ? SHOW_LISTENING : SHOW_CONNECTED)))
			continue;
		endpoint(la, lp, local, sizeof(local));
		endpoint(ra, rp, remote, sizeof(remote));
		const char *state = st < sizeof(tcp_states) / sizeof(tcp_states[0]) ? tcp_states[st] : "UNKNOWN";
		if (udp)
			state = st == 1 ? "ESTABLISHED" : "";
		printf("%-5s %6lu %6lu %-23s %-23s %-11s\n", proto, rx, tx, local, remote, state);
	}
	fclose(f);
	return 0;
}

static const char *unix_type(unsigned t)
{
	return t == 1 ? "STREAM" : t == 2 ? "DGRAM" : t == 5 ? "SEQPACKET" : "UNKNOWN";
}

static int show_unix(int show)
{
	FILE *f = fopen("/proc/net/unix", "re");
	char line[512];

	if (!f) {
		cmd_warn("/proc/net/unix");
		return 1;
	}
	if (!fgets(line, sizeof(line), f))
		line[0] = 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned ref, flags, type, st;
		unsigned long inode;
		int off = 0;

		if (sscanf(line, "%*x: %x %*x %x %x %x %lu%n", &ref, &flags, &type, &st, &inode,
			   &off) != 5)
			continue;
		char *path = line + off;
		path += strspn(path, " ");
		path[strcspn(path, "\n")] = 0;
		int listening = (flags & SO_ACCEPTCON_FLAG) != 0;
		if (!(show & (listening ? SHOW_LISTENING : SHOW_CONNECTED)))
			continue;
		const char *state = listening ? "LISTENING" : st == 3 ? "CONNECTED" :
				    st == 2 ? "CONNECTING" : st == 4 ? "DISCONNECTING" : "";
		printf("unix  %-6u %-11s %-10s %-13s %-8lu %s\n", ref,
		       listening ? "[ ACC ]" : "[ ]", unix_type(type), state, inode, path);
	}
	fclose(f);
	return 0;
}

static const char *which(int show)
{
	return show == SHOW_LISTENING ? "(only servers)" :
	       show == SHOW_CONNECTED ? "(w/o servers)" : "(servers and established)";
}

int main(int argc, char **argv)
{
	int c, tcp = 0, udp = 0, unx = 0, show = SHOW_CONNECTED, r = 0;

	while ((c = getopt(argc, argv, "tuxlan")) != -1) {
		switch (c) {
		case 't': tcp = 1; break;
		case 'u': udp = 1; break;
		case 'x': unx = 1; break;
		case 'l': show = SHOW_LISTENING; break;
		case 'a': show = SHOW_LISTENING | SHOW_CONNECTED; break;
		case 'n': break;
		default: cmd_usage(NETSTAT_USAGE);
		}
	}
	if (optind != argc)
		cmd_usage(NETSTAT_USAGE);
	if (!tcp && !udp && !unx)
		tcp = udp = unx = 1;
	if (tcp || udp) {
		printf("Active Internet connections %s\n", which(show));
		printf("Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n");
		if (tcp)
			r |= show_inet("tcp", show);
		if (udp)
			r |= show_inet("udp", show);
	}
	if (unx) {
		printf("Active UNIX domain sockets %s\n", which(show));
		printf("Proto RefCnt Flags       Type       State         I-Node   Path\n");
		r |= show_unix(show);
	}
	return r;
}
