/*
 * resolv: host name to IPv4 address for the network commands (wget, nc,
 * ping, host, ...), without glibc's NSS (a static binary cannot load it).
 *
 *   resolv_lookup(name, &addr, err, errlen)
 *       a dotted quad as is; else the first match in the hosts file
 *       (/etc/hosts, or $RESOLV_HOSTS); else DNS: an A query over UDP to
 *       each nameserver of /etc/resolv.conf (or $RESOLV_CONF; none listed:
 *       10.0.2.3, QEMU's), 1 s then 2 s per server. 0, or -1 with a
 *       one-line reason in err ("Unknown host", "connection timed out; no
 *       servers could be reached", ...).
 *   resolv_lookup_all(name, addrs, max, err, errlen)
 *       the same, all of the A records (up to max): their number (>= 1), or -1.
 *   resolv_query(name, server, port, addrs, max, err, errlen)
 *       one DNS exchange with one server (host NAME SERVER): the number of
 *       A records put in addrs (>= 1), or -1 and err.
 *
 * The pure parts, for the unit test (tests/unit/test_resolv.c):
 *   resolv_build_query(buf, size, id, name)   the query packet's length, 0 if
 *                                             the name is not a valid DNS name
 *   resolv_parse_reply(pkt, len, id, name, addrs, max)
 *       checks the reply (QR set, our id, our question, not truncated) and
 *       collects the A/IN records of the answer section; every read is
 *       bounds-checked and compression pointers may not loop. The number of
 *       addresses (>= 1), or a negative RESOLV_E* code.
 *   resolv_hosts_find(text, name, &addr)      a hosts file's text; 0 or -1
 *   resolv_conf_servers(text, servers, max)   nameserver lines; the count
 */
#ifndef RESOLV_H
#define RESOLV_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define RESOLV_DEFAULT_SERVER "10.0.2.3"
#define RESOLV_MAX_SERVERS 3
#define RESOLV_MAX_PACKET 512

enum {
	RESOLV_EMALFORMED = 1,	/* bad lengths, pointers, header */
	RESOLV_EMISMATCH,	/* not a reply to our query (id, question) */
	RESOLV_ENXDOMAIN,	/* the name does not exist (rcode 3) */
	RESOLV_ENODATA,		/* the name exists but has no A record */
	RESOLV_ESERVFAIL,	/* any other error rcode */
	RESOLV_ETRUNC,		/* TC set: the answer did not fit in UDP */
};

int resolv_lookup(const char *name, struct in_addr *out, char *err, size_t errlen);
int resolv_lookup_all(const char *name, struct in_addr *out, int max, char *err, size_t errlen);
int resolv_query(const char *name, struct in_addr server, uint16_t port,
		 struct in_addr *addrs, int max, char *err, size_t errlen);

size_t resolv_build_query(uint8_t *buf, size_t size, uint16_t id, const char *name);
int resolv_parse_reply(const uint8_t *pkt, size_t len, uint16_t id, const char *name,
		       struct in_addr *addrs, int max);
const char *resolv_strerror(int code);
int resolv_hosts_find(const char *text, const char *name, struct in_addr *out);
int resolv_conf_servers(const char *text, struct in_addr *servers, int max);

#endif
