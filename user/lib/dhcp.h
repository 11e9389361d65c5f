/*
 * dhcp: the packet side of the DHCP client (RFC 2131/2132), pure code
 * shared by user/cmd/dhcpc.c and tests/unit/test_dhcp.c.
 *
 *   dhcp_build(buf, size, type, xid, mac, requested, server)
 *       a BOOTREQUEST of message type DHCPDISCOVER or DHCPREQUEST with the
 *       broadcast flag, our MAC as chaddr and client identifier, a
 *       parameter request list (subnet mask, router, DNS, lease time,
 *       server id) and, when non-zero, options 50 (requested address) and
 *       54 (server identifier); padded to the 300-byte BOOTP minimum. The
 *       length, or 0 if size is too small.
 *   dhcp_parse(pkt, len, xid, mac, lease)
 *       checks a BOOTREPLY against our xid and MAC and the magic cookie,
 *       walks the options with bounds checks, and fills lease. The DHCP
 *       message type (DHCP_OFFER, DHCP_ACK, DHCP_NAK, ...), or -1 if the
 *       packet is not a valid reply to us.
 *   dhcp_conf_parse(text, conf)
 *       /etc/network.conf (docs/net-tools.md): "address A", "netmask M",
 *       "gateway G", "nameserver N" (up to 3) lines, '#' comments. 0, or
 *       -1 if there is no address line or a value is not a dotted quad.
 */
#ifndef DHCP_H
#define DHCP_H

#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>

#define DHCP_DISCOVER 1
#define DHCP_OFFER 2
#define DHCP_REQUEST 3
#define DHCP_DECLINE 4
#define DHCP_ACK 5
#define DHCP_NAK 6

#define DHCP_SERVER_PORT 67
#define DHCP_CLIENT_PORT 68
#define DHCP_MIN_LEN 300
#define DHCP_MAX_LEN 576
#define DHCP_MAX_DNS 3

/* What a reply offers (or what network.conf says); 0.0.0.0 when absent. */
struct dhcp_lease {
	struct in_addr addr;		/* yiaddr / "address" */
	struct in_addr netmask;		/* option 1 */
	struct in_addr router;		/* option 3, the first */
	struct in_addr server_id;	/* option 54 */
	struct in_addr dns[DHCP_MAX_DNS];	/* option 6 */
	int ndns;
	uint32_t lease_secs;		/* option 51; 0 if absent */
};

size_t dhcp_build(uint8_t *buf, size_t size, int type, uint32_t xid, const uint8_t mac[6],
		  struct in_addr requested, struct in_addr server);
int dhcp_parse(const uint8_t *pkt, size_t len, uint32_t xid, const uint8_t mac[6],
	       struct dhcp_lease *lease);
int dhcp_conf_parse(const char *text, struct dhcp_lease *conf);

#endif
